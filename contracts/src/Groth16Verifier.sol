// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Groth16Verifier
/// @notice Checks Groth16 proofs on BN254 with one public input against the
/// verifying key it was deployed with. One compiled contract serves every
/// circuit: each circuit gets its own deployment, its key given to the
/// constructor and kept in immutables, so a `deco` binary deploys a verifier
/// without a Solidity compiler and a check costs what a verifier with the key
/// compiled in as constants costs (an immutable is a PUSH32 in the code).
/// @dev Layout (gnark v0.13's, as internal/zk exports keys and proofs): G1
/// points are (x, y); G2 points are (x.imaginary, x.real, y.imaginary,
/// y.real), the order of the pairing precompile (EIP-197). The key's β, γ and
/// δ are given negated, so the check is one pairing product with the proof as
/// given: e(A, B) · e(C, -δ) · e(α, -β) · e(L, -γ) = 1, where
/// L = IC0 + input · IC1. Deco's circuits have one public input, the
/// statement's digest (JobEscrow.statementDigest), and no commitments.
contract Groth16Verifier {
    /// @notice The public input is not below the scalar field's modulus.
    error PublicInputNotInField();
    /// @notice The proof does not verify against this key and input.
    error ProofInvalid();
    /// @notice The constructor's key has a point at infinity or off the curve
    /// (or a G2 point outside its subgroup).
    error BadVerifyingKey();

    /// @dev BN254's scalar field modulus.
    uint256 private constant R = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001;
    uint256 private constant PRECOMPILE_ADD = 0x06;
    uint256 private constant PRECOMPILE_MUL = 0x07;
    uint256 private constant PRECOMPILE_PAIRING = 0x08;

    // The verifying key: one immutable per field element (immutables cannot
    // be arrays).
    uint256 private immutable ALPHA_X;
    uint256 private immutable ALPHA_Y;
    uint256 private immutable BETA_NEG_X_1;
    uint256 private immutable BETA_NEG_X_0;
    uint256 private immutable BETA_NEG_Y_1;
    uint256 private immutable BETA_NEG_Y_0;
    uint256 private immutable GAMMA_NEG_X_1;
    uint256 private immutable GAMMA_NEG_X_0;
    uint256 private immutable GAMMA_NEG_Y_1;
    uint256 private immutable GAMMA_NEG_Y_0;
    uint256 private immutable DELTA_NEG_X_1;
    uint256 private immutable DELTA_NEG_X_0;
    uint256 private immutable DELTA_NEG_Y_1;
    uint256 private immutable DELTA_NEG_Y_0;
    uint256 private immutable IC0_X;
    uint256 private immutable IC0_Y;
    uint256 private immutable IC1_X;
    uint256 private immutable IC1_Y;

    /// @param alpha α (G1).
    /// @param betaNeg -β (G2).
    /// @param gammaNeg -γ (G2).
    /// @param deltaNeg -δ (G2).
    /// @param ic0 the constant term of the public-input combination (G1).
    /// @param ic1 the public input's term (G1).
    constructor(
        uint256[2] memory alpha,
        uint256[4] memory betaNeg,
        uint256[4] memory gammaNeg,
        uint256[4] memory deltaNeg,
        uint256[2] memory ic0,
        uint256[2] memory ic1
    ) {
        _checkKey(alpha, betaNeg, gammaNeg, deltaNeg, ic0, ic1);
        ALPHA_X = alpha[0];
        ALPHA_Y = alpha[1];
        BETA_NEG_X_1 = betaNeg[0];
        BETA_NEG_X_0 = betaNeg[1];
        BETA_NEG_Y_1 = betaNeg[2];
        BETA_NEG_Y_0 = betaNeg[3];
        GAMMA_NEG_X_1 = gammaNeg[0];
        GAMMA_NEG_X_0 = gammaNeg[1];
        GAMMA_NEG_Y_1 = gammaNeg[2];
        GAMMA_NEG_Y_0 = gammaNeg[3];
        DELTA_NEG_X_1 = deltaNeg[0];
        DELTA_NEG_X_0 = deltaNeg[1];
        DELTA_NEG_Y_1 = deltaNeg[2];
        DELTA_NEG_Y_0 = deltaNeg[3];
        IC0_X = ic0[0];
        IC0_Y = ic0[1];
        IC1_X = ic1[0];
        IC1_Y = ic1[1];
    }

    /// @notice Returns if `proof` (A, B, C) verifies for the public input
    /// `input[0]`; reverts ProofInvalid (or PublicInputNotInField) if not.
    /// The signature is gnark's exported verifier's, which the escrow calls.
    function verifyProof(uint256[8] calldata proof, uint256[1] calldata input) external view {
        uint256 s = input[0];
        if (s >= R) revert PublicInputNotInField();
        // The pairing precompile's input, 24 words: (A, B), (C, -δ), (α, -β),
        // (L, -γ). Written word by word rather than as a Solidity array,
        // which would be zeroed first: this keeps the check's cost that of a
        // verifier with the key in constants.
        uint256 p;
        assembly ("memory-safe") {
            p := mload(0x40)
            mstore(0x40, add(p, 0x300))
            calldatacopy(p, proof, 0x100)
        }
        unchecked {
            _g2(p + 0x100, DELTA_NEG_X_1, DELTA_NEG_X_0, DELTA_NEG_Y_1, DELTA_NEG_Y_0);
            _g1(p + 0x180, ALPHA_X, ALPHA_Y);
            _g2(p + 0x1c0, BETA_NEG_X_1, BETA_NEG_X_0, BETA_NEG_Y_1, BETA_NEG_Y_0);
            _publicTerm(p + 0x240, s); // before -γ: it uses -γ's words as scratch
            _g2(p + 0x280, GAMMA_NEG_X_1, GAMMA_NEG_X_0, GAMMA_NEG_Y_1, GAMMA_NEG_Y_0);
        }
        bool ok;
        assembly ("memory-safe") {
            // The precompile fails on points off the curve or coordinates
            // not below the field's modulus: that is a bad proof too.
            ok := staticcall(gas(), PRECOMPILE_PAIRING, p, 0x300, 0x00, 0x20)
            ok := and(ok, eq(mload(0x00), 1))
        }
        if (!ok) revert ProofInvalid();
    }

    /// @dev Writes L = IC0 + s · IC1 at `at`; the 3 words after it are
    /// scratch: IC1 and s, then s · IC1.
    function _publicTerm(uint256 at, uint256 s) private view {
        bool ok;
        unchecked {
            _g1(at, IC0_X, IC0_Y);
            _g1(at + 0x40, IC1_X, IC1_Y);
        }
        assembly ("memory-safe") {
            let m := add(at, 0x40)
            mstore(add(at, 0x80), s)
            ok := staticcall(gas(), PRECOMPILE_MUL, m, 0x60, m, 0x40)
            ok := and(ok, staticcall(gas(), PRECOMPILE_ADD, at, 0x80, at, 0x40))
        }
        if (!ok) revert ProofInvalid();
    }

    function _g1(uint256 at, uint256 x, uint256 y) private pure {
        assembly ("memory-safe") {
            mstore(at, x)
            mstore(add(at, 0x20), y)
        }
    }

    function _g2(uint256 at, uint256 x1, uint256 x0, uint256 y1, uint256 y0) private pure {
        assembly ("memory-safe") {
            mstore(at, x1)
            mstore(add(at, 0x20), x0)
            mstore(add(at, 0x40), y1)
            mstore(add(at, 0x60), y0)
        }
    }

    /// @dev Refuses a key with a point at infinity (no setup makes one) or
    /// off the curve: one pairing product over every point, which the
    /// precompile computes only if each G1 point is on the curve and each G2
    /// point in its subgroup (its value does not matter here).
    function _checkKey(
        uint256[2] memory alpha,
        uint256[4] memory betaNeg,
        uint256[4] memory gammaNeg,
        uint256[4] memory deltaNeg,
        uint256[2] memory ic0,
        uint256[2] memory ic1
    ) private view {
        if (
            (alpha[0] | alpha[1]) == 0 || (ic0[0] | ic0[1]) == 0 || (ic1[0] | ic1[1]) == 0
                || (betaNeg[0] | betaNeg[1] | betaNeg[2] | betaNeg[3]) == 0
                || (gammaNeg[0] | gammaNeg[1] | gammaNeg[2] | gammaNeg[3]) == 0
                || (deltaNeg[0] | deltaNeg[1] | deltaNeg[2] | deltaNeg[3]) == 0
        ) revert BadVerifyingKey();
        // The addition precompile fails unless IC0 and IC1 are on the
        // curve; the pairing one unless α and their sum are and -β, -γ and
        // -δ are in G2.
        uint256[4] memory sum = [ic0[0], ic0[1], ic1[0], ic1[1]];
        bool ok;
        assembly ("memory-safe") {
            ok := staticcall(gas(), PRECOMPILE_ADD, sum, 0x80, sum, 0x40)
        }
        uint256[18] memory p = [
            alpha[0], alpha[1], betaNeg[0], betaNeg[1], betaNeg[2], betaNeg[3],
            sum[0], sum[1], gammaNeg[0], gammaNeg[1], gammaNeg[2], gammaNeg[3],
            alpha[0], alpha[1], deltaNeg[0], deltaNeg[1], deltaNeg[2], deltaNeg[3]
        ];
        assembly ("memory-safe") {
            ok := and(ok, staticcall(gas(), PRECOMPILE_PAIRING, p, 0x240, 0x00, 0x20))
        }
        if (!ok) revert BadVerifyingKey();
    }
}
