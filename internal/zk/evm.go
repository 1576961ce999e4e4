package zk

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
)

// ErrNotOnChain: the key does not fit the on-chain verifier, which takes
// Groth16 keys on BN254 with one public input and no commitments (every
// Deco circuit's).
var ErrNotOnChain = errors.New("zk: the verifying key does not fit the on-chain verifier (one public input, no commitments)")

// EVMKey is a verifying key in the words of the constructor of Deco's one
// on-chain verifier (contracts/src/Groth16Verifier.sol; deployed per
// circuit by chain.Client.DeployGroth16Verifier, whose chain.Groth16Key
// has this layout, so one converts to the other). G1 points are (x, y),
// G2 points (x.imaginary, x.real, y.imaginary, y.real) as the EVM's
// pairing precompile takes them; β, γ and δ are negated so that the
// contract checks the proof as given (Proof.SolidityProof) with one
// pairing product. IC0 and IC1 are the constant and the public input's
// term of the public-input combination.
type EVMKey struct {
	Alpha    [2]*big.Int
	BetaNeg  [4]*big.Int
	GammaNeg [4]*big.Int
	DeltaNeg [4]*big.Int
	IC0      [2]*big.Int
	IC1      [2]*big.Int
}

// EVMKey gives k as the on-chain verifier takes it; ErrNotOnChain if k
// has other than one public input or has commitments.
func (k *VerifyingKey) EVMKey() (EVMKey, error) {
	vk, ok := k.vk.(*groth16bn254.VerifyingKey)
	if !ok {
		return EVMKey{}, fmt.Errorf("%w: key of %s is not on BN254", ErrNotOnChain, k.circuit)
	}
	if len(vk.G1.K) != 2 || len(vk.CommitmentKeys) != 0 {
		return EVMKey{}, fmt.Errorf("%w: key of %s has %d public inputs and %d commitments", ErrNotOnChain, k.circuit, len(vk.G1.K)-1, len(vk.CommitmentKeys))
	}
	var beta, gamma, delta bn254.G2Affine
	beta.Neg(&vk.G2.Beta)
	gamma.Neg(&vk.G2.Gamma)
	delta.Neg(&vk.G2.Delta)
	return EVMKey{
		Alpha:    g1Words(&vk.G1.Alpha),
		BetaNeg:  g2Words(&beta),
		GammaNeg: g2Words(&gamma),
		DeltaNeg: g2Words(&delta),
		IC0:      g1Words(&vk.G1.K[0]),
		IC1:      g1Words(&vk.G1.K[1]),
	}, nil
}

func g1Words(p *bn254.G1Affine) [2]*big.Int {
	return [2]*big.Int{fpWord(&p.X), fpWord(&p.Y)}
}

// g2Words orders a G2 point's coordinates as the pairing precompile
// (EIP-197) reads them: imaginary part first.
func g2Words(p *bn254.G2Affine) [4]*big.Int {
	return [4]*big.Int{fpWord(&p.X.A1), fpWord(&p.X.A0), fpWord(&p.Y.A1), fpWord(&p.Y.A0)}
}

func fpWord(e *fp.Element) *big.Int { return e.BigInt(new(big.Int)) }
