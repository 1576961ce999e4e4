// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ProofJobs
/// @notice The proof-job half of JobEscrow: each proof job's terms, its
/// tasks' settled flags, and what a settlement checks before and while it
/// calls the job's verifier (the task committed in the job's Merkle tree,
/// the statement's length and payee, the statement's digest).
/// @dev Internal functions only, so solc compiles them into JobEscrow: the
/// split adds no external call (measured: a settlement costs 38 gas more
/// than when all of this was private to JobEscrow). JobEscrow keeps every entry point and
/// every type of its ABI (the Go bindings are named after its types), the
/// job record, the circuit registry and the money: nothing here moves tokens.
library ProofJobs {
    /// @notice A proof job's terms as stored (JobEscrow.ProofTerms is the
    /// view). A settlement reads the first slot (the verifier, the input
    /// layout and the price, which close zeroes so that a closed job pays
    /// nothing) and the root, and reads and writes its task's word of
    /// settled flags: nothing else, and the same whatever the job's size.
    struct Terms {
        address verifier;
        uint8 fixedInputs;
        uint8 publicInputs;
        uint80 price; // per task; 0 once closed
        bytes32 taskRoot;
        uint48 tasks;
        uint80 openPrice; // price as opened, for refund and the views
        bytes32 circuitId;
    }

    /// @notice What a settlement needs of a proof job's terms, read once:
    /// the first slot and the root.
    struct Hot {
        address verifier;
        uint256 fixedInputs;
        uint256 publicInputs;
        uint256 price;
        bytes32 taskRoot;
    }

    /// @notice Every proof job's terms and settled flags.
    /// @dev Settled tasks, one bit per task: task i is bit i % WORD_TASKS of
    /// word i / WORD_TASKS. open sets bit 255 (WORD_OPEN) of every word the
    /// job needs, so that no settlement pays for creating a storage slot:
    /// the consumer pays for its job's flags when it opens it (the same gas
    /// in total), and every settlement costs the same.
    struct Book {
        mapping(bytes32 jobId => Terms) terms;
        mapping(bytes32 jobId => mapping(uint256 word => uint256 bits)) settled;
    }

    uint256 private constant WORD_TASKS = 255;
    uint256 private constant WORD_OPEN = 1 << 255;
    /// @dev verifyProof(uint256[8],uint256[1]): every registered verifier's entry point.
    bytes4 private constant VERIFY_SELECTOR = bytes4(keccak256("verifyProof(uint256[8],uint256[1])"));
    /// @dev A statement digest keeps sha256's low 253 bits: below BN254's scalar field.
    uint256 private constant DIGEST_MASK = (1 << 253) - 1;

    /// @notice Task `index` of proof job `jobId` was paid the job's price to
    /// `provider` (its task id is leaf `index` of the job's task tree).
    event ProofSettled(bytes32 indexed jobId, address indexed provider, uint256 index);

    /// @notice The job was not opened for proofs.
    error NotProofJob(bytes32 jobId);
    /// @notice The proof carries another number of public inputs than the circuit.
    error WrongInputCount(uint256 given, uint256 expected);
    /// @notice The proof's payee (its last public input) is not the caller.
    error WrongPayee(uint256 payee, address caller);
    /// @notice The task, its index or its fixed inputs are not in the job's commitment.
    error TaskNotCommitted(bytes32 jobId, uint256 index);
    /// @notice This task was already paid for.
    error AlreadySettled(bytes32 jobId, uint256 index);
    /// @notice The verifier rejected the proof; `reason` is its revert data.
    error ProofRejected(bytes32 jobId, uint256 index, bytes reason);

    /// @notice Records the terms of proof job `jobId` (checked by the
    /// caller) and creates every word of its settled flags.
    function open(Book storage b, bytes32 jobId, Terms memory t) internal {
        b.terms[jobId] = t;
        mapping(uint256 => uint256) storage flags = b.settled[jobId];
        for (uint256 w; w < _words(t.tasks); ++w) {
            flags[w] = WORD_OPEN;
        }
    }

    /// @notice Reads the terms of proof job `jobId`; reverts unless it is one.
    function load(Book storage b, bytes32 jobId) internal view returns (Hot memory h) {
        Terms storage t = b.terms[jobId];
        // Field by field without branches between, so each slot is loaded once.
        h.verifier = t.verifier;
        h.fixedInputs = t.fixedInputs;
        h.publicInputs = t.publicInputs;
        h.price = t.price;
        h.taskRoot = t.taskRoot;
        if (h.verifier == address(0)) revert NotProofJob(jobId);
    }

    /// @notice Checks the caller's claim to task `index` of proof job
    /// `jobId` (terms `h`), has the verifier check its proof and marks the
    /// task settled. The caller pays.
    function settle(
        Book storage b,
        bytes32 jobId,
        bytes32 taskId,
        uint256 index,
        Hot memory h,
        uint256[8] calldata proof,
        uint256[] calldata publicInputs,
        bytes32[] calldata merkleProof
    ) internal {
        checkClaim(jobId, taskId, index, h, msg.sender, publicInputs, merkleProof);
        mapping(uint256 => uint256) storage flags = b.settled[jobId];
        uint256 bit = 1 << (index % WORD_TASKS);
        uint256 bits = flags[index / WORD_TASKS];
        if (bits & bit != 0) revert AlreadySettled(jobId, index);
        _verifyProof(jobId, index, h, proof, publicInputs);
        flags[index / WORD_TASKS] = bits | bit;
        emit ProofSettled(jobId, msg.sender, index);
    }

    /// @notice Closes proof job `jobId` (no settlement pays after this) and
    /// returns what its settlements were paid.
    function close(Book storage b, bytes32 jobId) internal returns (uint256 paidOut) {
        Terms storage t = b.terms[jobId];
        paidOut = uint256(t.openPrice) * settledCount(b, jobId, t.tasks);
        t.price = 0; // settlements revert JobClosed
    }

    /// @notice What the settlements of proof job `jobId` were paid: its
    /// price times its settled tasks.
    function paid(Book storage b, bytes32 jobId) internal view returns (uint256) {
        Terms storage t = b.terms[jobId];
        return uint256(t.openPrice) * settledCount(b, jobId, t.tasks);
    }

    /// @notice How many of the `tasks` tasks of proof job `jobId` are
    /// settled (a popcount over its flag words, for refund and the views).
    function settledCount(Book storage b, bytes32 jobId, uint256 tasks) internal view returns (uint256 n) {
        mapping(uint256 => uint256) storage flags = b.settled[jobId];
        for (uint256 w; w < _words(tasks); ++w) {
            n += _popcount(flags[w] & ~WORD_OPEN);
        }
    }

    /// @notice Whether task `index` of proof job `jobId` was paid.
    function isSettled(Book storage b, bytes32 jobId, uint256 index) internal view returns (bool) {
        return index < b.terms[jobId].tasks && b.settled[jobId][index / WORD_TASKS] & (1 << (index % WORD_TASKS)) != 0;
    }

    /// @notice Checks a claim up to the proof: the circuit's input count,
    /// `payee` as the proof's payee, the task committed.
    function checkClaim(
        bytes32 jobId,
        bytes32 taskId,
        uint256 index,
        Hot memory h,
        address payee,
        uint256[] calldata publicInputs,
        bytes32[] calldata merkleProof
    ) internal pure {
        {
            uint256 n = h.publicInputs;
            if (publicInputs.length != n) revert WrongInputCount(publicInputs.length, n);
            uint256 named = publicInputs[n - 1];
            if (named != uint256(uint160(payee))) revert WrongPayee(named, payee);
        }
        // index >> depth == 0: the path's direction bits are the whole index.
        // An index past the job's tasks has a zero leaf (the padding), which
        // no task leaf hashes to, so the root check refuses it too.
        if (index >> merkleProof.length != 0) revert TaskNotCommitted(jobId, index);
        bytes32 leaf = taskLeaf(jobId, index, taskId, publicInputs[:h.fixedInputs]);
        if (_root(leaf, index, merkleProof) != h.taskRoot) revert TaskNotCommitted(jobId, index);
    }

    /// @notice The verifier's calldata for a proof of `words` paying `payee`.
    function verifyCall(uint256[8] calldata proof, uint256[] calldata words, address payee)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(VERIFY_SELECTOR, proof, statementDigest(words, payee));
    }

    /// @notice See JobEscrow.taskLeaf.
    function taskLeaf(bytes32 jobId, uint256 index, bytes32 taskId, uint256[] calldata fixedInputs)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encodePacked(jobId, index, taskId, fixedInputs));
    }

    /// @notice See JobEscrow.statementDigest.
    function statementDigest(uint256[] calldata words, address payee) internal pure returns (uint256) {
        return uint256(sha256(abi.encodePacked(words[:words.length - 1], payee))) & DIGEST_MASK;
    }

    /// @dev Calls the job's verifier; gnark's reverts on a bad proof and
    /// returns nothing on a good one.
    function _verifyProof(
        bytes32 jobId,
        uint256 index,
        Hot memory h,
        uint256[8] calldata proof,
        uint256[] calldata publicInputs
    ) private view {
        (bool ok, bytes memory reason) = h.verifier.staticcall(verifyCall(proof, publicInputs, msg.sender));
        if (!ok) revert ProofRejected(jobId, index, reason);
    }

    /// @dev The number of settled-flag words of a job of `tasks` tasks.
    function _words(uint256 tasks) private pure returns (uint256) {
        return (tasks + WORD_TASKS - 1) / WORD_TASKS;
    }

    /// @dev The set bits of x, which has at most 255 (bit 255 is clear):
    /// bit pairs, nibbles and bytes summed in place, then the bytes added
    /// into the top byte by one multiplication.
    function _popcount(uint256 x) private pure returns (uint256) {
        unchecked {
            x -= (x >> 1) & 0x5555555555555555555555555555555555555555555555555555555555555555;
            x = (x & 0x3333333333333333333333333333333333333333333333333333333333333333)
                + ((x >> 2) & 0x3333333333333333333333333333333333333333333333333333333333333333);
            x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
            return (x * 0x0101010101010101010101010101010101010101010101010101010101010101) >> 248;
        }
    }

    /// @dev The root of a positional Merkle path: bit i of index says
    /// whether the node is the right (1) or left (0) child at level i.
    /// In assembly: a level costs its calldata word and one keccak, not
    /// a bounds-checked array access (the ABI decoder already checked the
    /// array lies in calldata).
    function _root(bytes32 leaf, uint256 index, bytes32[] calldata path) private pure returns (bytes32 node) {
        assembly ("memory-safe") {
            node := leaf
            for {
                let p := path.offset
                let end := add(p, shl(5, path.length))
            } lt(p, end) {
                p := add(p, 0x20)
                index := shr(1, index)
            } {
                let sibling := calldataload(p)
                switch and(index, 1)
                case 0 {
                    mstore(0x00, node)
                    mstore(0x20, sibling)
                }
                default {
                    mstore(0x00, sibling)
                    mstore(0x20, node)
                }
                node := keccak256(0x00, 0x40)
            }
        }
    }
}
