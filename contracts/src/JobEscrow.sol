// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IProviderRegistry} from "./IProviderRegistry.sol";
import {ProofJobs} from "./ProofJobs.sol";

/// @title JobEscrow
/// @notice Holds each job's deposit, pays providers from EIP-712 cumulative
/// vouchers signed by the consumer or, in proof jobs, per task against a
/// zk proof checked on-chain, refunds the rest after the deadline, and
/// slashes providers that signed two different results for the same task or
/// a zk proof claim (ProofClaim) the job's verifier rejects.
/// @dev EIP-712 domain: name "Deco", version "1", chainId, verifyingContract =
/// this contract. Invariants, for every job:
///   a voucher job: redeemed == sum over providers of redeemed[jobId][provider]
///     <= deposited, and redeemed[jobId][p] <= the largest voucher amount the
///     consumer signed for p;
///   a proof job: takes no vouchers; its deposit covers price times tasks from
///     opening on; each committed task is paid price at most once, and what was
///     paid is price times the settled count (getJob reports it as redeemed);
///   the escrow's token balance == sum over jobs of (deposited - paid - refund).
/// A settlement reads two slots of the proof job's terms and writes its
/// task's flag word, never the job or per-provider slots: that keeps
/// settleWithProof near the verifier's own cost whatever the job's size.
/// Proof jobs' terms, settled flags and claim checks live in the ProofJobs
/// library (compiled in); this contract keeps every entry point and type of
/// the ABI, the job records, the circuit registry and the token transfers.
/// Every external entry point is nonReentrant and follows checks-effects-interactions.
///
/// Stake that counts: the escrow pays only staked, peer-bound providers
/// (the registry's `standing`: bonded stake >= minStake and a peer binding
/// recorded), by voucher (`redeem`) or by proof (`settleWithProof(s)`,
/// where the payee is the caller); any other payee reverts PayeeNotStaked
/// or PayeeNotBound, so an identity without stake earns nothing. And no job
/// is opened whose refund time (deadline + refundGrace) lies beyond now +
/// the registry's unbondingDelay (DeadlineBeyondUnbonding): a provider paid
/// from a job cannot have its bonded stake back before that job's dispute
/// and refund windows close, since a request to unbond restarts the delay.
contract JobEscrow is EIP712, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using ProofJobs for ProofJobs.Book;

    /// @notice A provider's signed claim about one task execution
    /// (the receipt of Proof-of-Execution).
    struct Receipt {
        bytes32 jobId;
        bytes32 taskId;
        bytes32 programCid;
        bytes32 inputRoot;
        /// @dev Hash of everything assigned that determines the output
        /// (args, env, task count, limits, ...): see verify.SpecHash.
        bytes32 specHash;
        bytes32 outputRoot;
        bytes32 envHash;
        int64 exitCode;
        address provider;
    }

    /// @notice A job's escrow. `refunded` closes it: nothing is paid after that.
    /// @dev Payments read and write only the second slot (deposited, redeemed,
    /// refunded); an open job always has deposited > 0.
    struct Job {
        address consumer;
        uint64 deadline;
        uint120 deposited;
        uint120 redeemed;
        bool refunded;
        bool proof; // opened by openProofJob: paid by proofs, no vouchers
    }

    /// @notice A registered zk circuit: its Groth16 verifier contract (as
    /// exported by gnark: verifyProof(uint256[8] proof, uint256[1] input)
    /// reverts unless the proof verifies) and the layout of the statement it
    /// proves, `publicInputs` words: the first `fixedInputs` are chosen by the
    /// consumer, the last is the payee address (so a proof pays only the
    /// account it names), outputs between. The proof's one public input is
    /// the statement's digest (see statementDigest), so the pairing check
    /// costs the same whatever the statement's length.
    struct Circuit {
        address verifier;
        uint8 fixedInputs;
        uint8 publicInputs;
    }

    /// @notice How a proof job pays: `price` per committed task, tasks
    /// committed by a Merkle root over taskLeaf(jobId, index, taskId, fixed
    /// inputs) for index < tasks. The circuit is copied at opening, so
    /// changing the registry later does not change a running job.
    struct ProofTerms {
        address verifier;
        uint8 fixedInputs;
        uint8 publicInputs;
        uint48 tasks;
        uint80 price;
        uint48 settled; // tasks paid so far
        bytes32 taskRoot;
        bytes32 circuitId;
    }

    /// @notice One task's claim in settleWithProofs (see settleWithProof).
    struct Claim {
        bytes32 taskId;
        uint256 index;
        uint256[8] proof;
        uint256[] publicInputs;
        bytes32[] merkleProof;
    }

    bytes32 public constant RECEIPT_TYPEHASH = keccak256(
        "Receipt(bytes32 jobId,bytes32 taskId,bytes32 programCid,bytes32 inputRoot,bytes32 specHash,bytes32 outputRoot,bytes32 envHash,int64 exitCode,address provider)"
    );
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 jobId,address provider,uint256 cumulativeAmount)");
    /// @notice What a provider signs for each zk task it returns: proofHash
    /// is keccak256 of the 8 proof words, inputsHash of the public inputs,
    /// each as 32-byte big-endian words back to back (as the verifier reads them).
    bytes32 public constant PROOF_CLAIM_TYPEHASH =
        keccak256("ProofClaim(bytes32 jobId,uint256 index,bytes32 proofHash,bytes32 inputsHash)");
    /// @notice Reason recorded with the registry when equivocation is slashed.
    bytes32 public constant EQUIVOCATION = "equivocation";
    /// @notice Reason recorded with the registry when a signed bad proof is slashed.
    bytes32 public constant BAD_PROOF = "bad-proof";
    /// @notice Gas reportBadProof must have left when it calls the verifier,
    /// plus VERIFY_GAS_PER_INPUT per public input, so that a reporter cannot
    /// make a good proof fail by starving the verifier of gas.
    uint256 public constant VERIFY_GAS = 600_000;
    uint256 public constant VERIFY_GAS_PER_INPUT = 10_000;
    uint16 public constant BPS = 10_000;
    /// @notice Least slash share the owner can set: proven fraud always costs
    /// the provider at least this share of its slashable stake.
    uint16 public constant MIN_SLASH_BPS = 1_000;
    /// @notice Largest reporter cut the owner can set: a provider that reports
    /// its own fraud still loses at least half of what is slashed.
    uint16 public constant MAX_REPORTER_BPS = 5_000;

    /// @notice The payment token.
    IERC20 public immutable token;
    /// @notice The staking registry this escrow slashes through.
    IProviderRegistry public immutable registry;
    /// @notice Seconds after a job's deadline during which only providers can
    /// be paid; refund opens after it.
    uint64 public immutable refundGrace;

    /// @notice Receives the slashed stake that does not go to the reporter.
    address public treasury;
    /// @notice Share of a provider's slashable stake taken per proven equivocation, in basis points.
    uint16 public slashBps;
    /// @notice Share of the slashed amount paid to the reporter, in basis points.
    uint16 public reporterBps;
    mapping(bytes32 jobId => Job) private _jobs;
    mapping(bytes32 circuitId => Circuit) private _circuits;
    ProofJobs.Book private _proofs;
    /// @notice What each provider has been paid from each job by vouchers
    /// (proof payments are the ProofSettled events; see getJob).
    mapping(bytes32 jobId => mapping(address provider => uint256)) public redeemed;
    /// @notice Equivocations already punished, keyed by keccak256(provider, jobId, taskId).
    mapping(bytes32 key => bool) public equivocationReported;
    /// @notice Bad proofs already punished, keyed by keccak256(provider, jobId, taskId).
    mapping(bytes32 key => bool) public badProofReported;

    event JobOpened(bytes32 indexed jobId, address indexed consumer, uint256 amount, uint64 deadline);
    event ToppedUp(bytes32 indexed jobId, uint256 amount, uint256 deposited);
    event Redeemed(bytes32 indexed jobId, address indexed provider, uint256 amount, uint256 totalToProvider);
    event Refunded(bytes32 indexed jobId, address indexed consumer, uint256 amount);
    event EquivocationReported(
        bytes32 indexed jobId,
        bytes32 indexed taskId,
        address indexed provider,
        address reporter,
        uint256 slashed,
        uint256 reward
    );
    event BadProofReported(
        bytes32 indexed jobId,
        uint256 indexed index,
        address indexed provider,
        address reporter,
        uint256 slashed,
        uint256 reward
    );
    event SlashParamsSet(uint16 slashBps, uint16 reporterBps);
    event TreasurySet(address indexed treasury);
    event CircuitSet(bytes32 indexed circuitId, address indexed verifier, uint8 fixedInputs, uint8 publicInputs);
    /// @notice A batch of `count` verified checkpoint receipts of job
    /// `jobId` whose Merkle root is `root` (leaves: EIP-712 Checkpoint
    /// digests, sorted pairs; see internal/anchor). Anchors what the consumer
    /// held at a point in time; nothing is stored.
    event CheckpointsAnchored(bytes32 indexed jobId, bytes32 root, uint256 count);
    event ProofJobOpened(bytes32 indexed jobId, bytes32 indexed circuitId, uint256 price, bytes32 taskRoot, uint48 tasks);

    /// @notice An amount of zero was given where tokens must move.
    error ZeroAmount();
    /// @notice openJobs got no jobs, or arrays of different lengths.
    error BadBatch(uint256 jobIds, uint256 amounts, uint256 deadlines);
    /// @notice The zero address was given where a real one is needed.
    error ZeroAddress();
    /// @notice A job with this id is already open.
    error JobExists(bytes32 jobId);
    /// @notice The job id does not name the caller as its consumer (see jobIdOwnedBy).
    error JobIdNotYours(bytes32 jobId, address caller);
    /// @notice The refund time (deadline + refundGrace) would come after the
    /// registry's unbondingDelay from now, so a provider could withdraw its
    /// stake while the job can still pay or dispute. `latest` is the last
    /// deadline accepted now.
    error DeadlineBeyondUnbonding(uint64 deadline, uint64 latest);
    /// @notice The payee's bonded stake is below the registry's minimum (or
    /// zero): only staked providers are paid.
    error PayeeNotStaked(address payee);
    /// @notice The payee recorded no peer binding in the registry: only
    /// providers bound to a libp2p peer are paid.
    error PayeeNotBound(address payee);
    /// @notice No job with this id was opened.
    error UnknownJob(bytes32 jobId);
    /// @notice The deadline is not in the future.
    error DeadlineInPast(uint64 deadline, uint64 nowTs);
    /// @notice Only the job's consumer may do this.
    error NotConsumer(address caller, address consumer);
    /// @notice The job was refunded; it takes and pays nothing more.
    error JobClosed(bytes32 jobId);
    /// @notice The voucher is not signed by the job's consumer.
    error BadVoucherSignature(address signer, address consumer);
    /// @notice The voucher does not exceed what the provider was already paid.
    error NothingToRedeem(uint256 cumulativeAmount, uint256 alreadyRedeemed);
    /// @notice Everything deposited has been paid out.
    error DepositExhausted(bytes32 jobId);
    /// @notice Refund opens at `refundAt` (deadline + grace).
    error RefundTooEarly(uint64 refundAt);
    /// @notice The two receipts are not about the same task, inputs and provider.
    error ReceiptsNotComparable();
    /// @notice The two receipts agree on the output: no fraud.
    error SameOutput();
    /// @notice A receipt is not signed by the provider it names.
    error BadReceiptSignature(address signer, address provider);
    /// @notice This equivocation was already punished.
    error AlreadyReported(bytes32 key);
    /// @notice The provider has no stake to slash.
    error NothingToSlash(address provider);
    /// @notice A basis-point figure outside its bounds: a slash share below
    /// MIN_SLASH_BPS or above BPS, a reporter cut above MAX_REPORTER_BPS.
    error BadBps(uint16 bps);
    /// @notice No circuit is registered under this id.
    error UnknownCircuit(bytes32 circuitId);
    /// @notice A proof job's deposit must cover its price times its tasks.
    error DepositTooSmall(uint256 deposit, uint256 needed);
    /// @notice Proof jobs pay by proof only: no vouchers.
    error NotVoucherJob(bytes32 jobId);
    /// @notice A circuit needs at least one fixed input and the payee after them.
    error BadCircuitLayout(uint8 fixedInputs, uint8 publicInputs);
    /// @notice The verifier address holds no contract.
    error NotAContract(address account);
    /// @notice A proof job must commit to at least one task.
    error NoTasks();
    /// @notice The proof claim's signature does not recover.
    error BadClaimSignature();
    /// @notice The verifier accepts the proof: no fraud.
    error ProofVerifies(bytes32 jobId, uint256 index);
    /// @notice Too little gas left to give the verifier its full budget.
    error VerifierGas(uint256 left, uint256 needed);

    constructor(
        IERC20 token_,
        IProviderRegistry registry_,
        uint64 refundGrace_,
        uint16 slashBps_,
        uint16 reporterBps_,
        address treasury_,
        address initialOwner
    ) EIP712("Deco", "1") Ownable(initialOwner) {
        if (address(token_) == address(0) || address(registry_) == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        token = token_;
        registry = registry_;
        refundGrace = refundGrace_;
        treasury = treasury_;
        _setSlashParams(slashBps_, reporterBps_);
    }

    // ---- deposits ----

    /// @notice Opens job `jobId` with a deposit of `amount` (pulled with
    /// transferFrom: approve the escrow first), refundable after
    /// `deadline` + refundGrace, which must come no later than the registry's
    /// unbondingDelay from now (DeadlineBeyondUnbonding), so that stake
    /// cannot leave before the job's windows close. The caller becomes the
    /// job's consumer, and
    /// must be the one the id names (see jobIdOwnedBy), so that nobody who
    /// sees the transaction pending can open the same id first.
    function openJob(bytes32 jobId, uint256 amount, uint64 deadline) external nonReentrant {
        _open(jobId, amount, deadline);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Opens several jobs at once, each exactly as openJob would
    /// (`amounts[i]` refundable after `deadlines[i]` + refundGrace), with
    /// one transfer of their sum: the consumer's jobs submitted together
    /// share one transaction. All open or none does.
    function openJobs(bytes32[] calldata jobIds, uint256[] calldata amounts, uint64[] calldata deadlines)
        external
        nonReentrant
    {
        uint256 n = jobIds.length;
        if (n == 0 || amounts.length != n || deadlines.length != n) {
            revert BadBatch(n, amounts.length, deadlines.length);
        }
        uint256 total;
        for (uint256 i; i < n; ++i) {
            _open(jobIds[i], amounts[i], deadlines[i]);
            total += amounts[i];
        }
        token.safeTransferFrom(msg.sender, address(this), total);
    }

    /// @notice Opens job `jobId` like openJob, paid per task against zk
    /// proofs of circuit `circuitId`: each of the `tasks` tasks committed by
    /// `taskRoot` (see taskLeaf) is paid `price` once, to whoever settles it
    /// with a valid proof naming them as payee, so `amount` must cover
    /// `price` times `tasks`. A proof job takes no vouchers. The terms
    /// cannot change once the job is open.
    function openProofJob(
        bytes32 jobId,
        uint256 amount,
        uint64 deadline,
        bytes32 circuitId,
        uint256 price,
        bytes32 taskRoot,
        uint48 tasks
    ) external nonReentrant {
        Circuit memory c = _circuits[circuitId];
        if (c.verifier == address(0)) revert UnknownCircuit(circuitId);
        if (price == 0) revert ZeroAmount();
        if (tasks == 0 || taskRoot == bytes32(0)) revert NoTasks();
        uint80 price80 = SafeCast.toUint80(price);
        if (amount / tasks < price) revert DepositTooSmall(amount, uint256(price80) * tasks);
        _open(jobId, amount, deadline).proof = true;
        _proofs.open(
            jobId,
            ProofJobs.Terms({
                verifier: c.verifier,
                fixedInputs: c.fixedInputs,
                publicInputs: c.publicInputs,
                price: price80,
                taskRoot: taskRoot,
                tasks: tasks,
                openPrice: price80,
                circuitId: circuitId
            })
        );
        emit ProofJobOpened(jobId, circuitId, price, taskRoot, tasks);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Adds `amount` to the deposit of an open job. Consumer only.
    function topUp(bytes32 jobId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Job storage j = _openJob(jobId);
        if (msg.sender != j.consumer) revert NotConsumer(msg.sender, j.consumer);
        uint120 deposited = SafeCast.toUint120(uint256(j.deposited) + amount);
        j.deposited = deposited;
        emit ToppedUp(jobId, amount, deposited);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Anchors a batch of the job's verified checkpoints: one Merkle
    /// root per job per interval (CheckpointsAnchored). Consumer of an open
    /// job only.
    function anchorCheckpoints(bytes32 jobId, bytes32 root, uint256 count) external {
        if (count == 0) revert ZeroAmount();
        Job storage j = _openJob(jobId);
        if (msg.sender != j.consumer) revert NotConsumer(msg.sender, j.consumer);
        emit CheckpointsAnchored(jobId, root, count);
    }

    // ---- payments ----

    /// @notice Pays `provider` what the consumer's cumulative voucher owes it
    /// beyond what it was already paid from this job. Anyone may submit; the
    /// tokens always go to `provider`. If the deposit cannot cover the whole
    /// difference, what is left is paid and the rest stays claimable by the
    /// same voucher after a top-up. Proof jobs take no vouchers. `provider`
    /// must be staked and peer-bound (PayeeNotStaked, PayeeNotBound).
    /// @param consumerSignature 65-byte EIP-712 signature of
    /// Voucher(jobId, provider, cumulativeAmount) by the job's consumer.
    function redeem(bytes32 jobId, address provider, uint256 cumulativeAmount, bytes calldata consumerSignature)
        external
        nonReentrant
    {
        Job storage j = _openJob(jobId);
        if (j.proof) revert NotVoucherJob(jobId);
        _checkVoucherSignature(jobId, provider, cumulativeAmount, consumerSignature, j.consumer);
        _checkPayee(provider);

        uint256 already = redeemed[jobId][provider];
        if (cumulativeAmount <= already) revert NothingToRedeem(cumulativeAmount, already);
        uint256 owed = cumulativeAmount - already;
        uint256 available = uint256(j.deposited) - uint256(j.redeemed);
        if (available == 0) revert DepositExhausted(jobId);
        uint256 pay = owed < available ? owed : available;

        j.redeemed += uint120(pay); // pay <= available < 2^120
        uint256 total = already + pay;
        redeemed[jobId][provider] = total;
        emit Redeemed(jobId, provider, pay, total);
        token.safeTransfer(provider, pay);
    }

    /// @notice Pays the caller the job's price for task `index` of proof job
    /// `jobId`, against a proof that the task was done: `publicInputs` are
    /// the circuit's public inputs (the task's fixed inputs first, the
    /// caller's address last), `proof` the Groth16 proof in the verifier's
    /// encoding, `merkleProof` the sibling hashes from the task's leaf up to
    /// the job's task root. Reverts, paying nothing, unless the job is open,
    /// the leaf committed, the task unpaid and the verifier accepts the
    /// proof for the statement's digest (see statementDigest), and the
    /// caller is staked and peer-bound (PayeeNotStaked, PayeeNotBound).
    function settleWithProof(
        bytes32 jobId,
        bytes32 taskId,
        uint256 index,
        uint256[8] calldata proof,
        uint256[] calldata publicInputs,
        bytes32[] calldata merkleProof
    ) external nonReentrant {
        ProofJobs.Hot memory h = _liveTerms(jobId);
        _checkPayee(msg.sender);
        _proofs.settle(jobId, taskId, index, h, proof, publicInputs, merkleProof);
        _finish(h, 1);
    }

    /// @notice settleWithProof for several tasks of one job in one
    /// transaction, paid in one transfer: all are paid or none.
    function settleWithProofs(bytes32 jobId, Claim[] calldata claims) external nonReentrant {
        if (claims.length == 0) revert NoTasks();
        ProofJobs.Hot memory h = _liveTerms(jobId);
        _checkPayee(msg.sender);
        for (uint256 i; i < claims.length; ++i) {
            Claim calldata c = claims[i];
            _proofs.settle(jobId, c.taskId, c.index, h, c.proof, c.publicInputs, c.merkleProof);
        }
        _finish(h, claims.length);
    }

    /// @notice Returns the unspent deposit to the consumer once deadline +
    /// refundGrace has passed, and closes the job. Anyone may call; the tokens
    /// always go to the consumer.
    function refund(bytes32 jobId) external nonReentrant {
        Job storage j = _openJob(jobId);
        uint64 refundAt = j.deadline + refundGrace;
        if (block.timestamp < refundAt) revert RefundTooEarly(refundAt);
        uint256 amount = uint256(j.deposited) - uint256(j.redeemed);
        if (j.proof) {
            amount -= _proofs.close(jobId); // covered: the deposit covers every task
        }
        j.refunded = true;
        address consumer = j.consumer;
        emit Refunded(jobId, consumer, amount);
        if (amount > 0) {
            token.safeTransfer(consumer, amount);
        }
    }

    // ---- fraud ----

    /// @notice Punishes a provider that signed two receipts for the same job,
    /// task, program, inputs and full task spec (specHash) with different
    /// output roots: slashBps of its slashable stake is taken, reporterBps of
    /// that goes to the caller and the rest to the treasury. Receipts for
    /// differently assigned tasks (other args, env, count or limits) are not
    /// comparable: an honest provider runs what it is given. Each (provider,
    /// job, task) is punished once, whatever the spec.
    function reportEquivocation(
        Receipt calldata a,
        bytes calldata sigA,
        Receipt calldata b,
        bytes calldata sigB
    ) external nonReentrant {
        if (
            a.jobId != b.jobId || a.taskId != b.taskId || a.programCid != b.programCid || a.inputRoot != b.inputRoot
                || a.specHash != b.specHash || a.provider != b.provider
        ) revert ReceiptsNotComparable();
        if (a.outputRoot == b.outputRoot) revert SameOutput();
        address provider = a.provider;
        _checkReceiptSignature(a, sigA);
        _checkReceiptSignature(b, sigB);

        bytes32 key = keccak256(abi.encode(provider, a.jobId, a.taskId));
        if (equivocationReported[key]) revert AlreadyReported(key);
        equivocationReported[key] = true;
        (uint256 slashed, uint256 reward) = _slash(provider, EQUIVOCATION);
        emit EquivocationReported(a.jobId, a.taskId, provider, msg.sender, slashed, reward);
        _payShares(slashed, reward);
    }

    /// @notice Punishes a provider that signed a ProofClaim (see
    /// PROOF_CLAIM_TYPEHASH) for task `c.index` of proof job `jobId` whose
    /// proof the job's verifier rejects, like reportEquivocation: the task
    /// must be committed in the job's terms with the claim's fixed inputs
    /// (as settleWithProof checks, c.merkleProof its path) and the proof must
    /// name the signer as payee. Reverts with ProofVerifies if the proof is
    /// good. Each (provider, job, task) is punished once. Works after refund.
    /// @param sig 65-byte EIP-712 signature of ProofClaim(jobId, c.index,
    /// keccak256(c.proof), keccak256(c.publicInputs)) by the provider.
    function reportBadProof(bytes32 jobId, Claim calldata c, bytes calldata sig) external nonReentrant {
        ProofJobs.Hot memory h = _proofs.load(jobId);
        address provider = _claimSigner(jobId, c, sig);
        ProofJobs.checkClaim(jobId, c.taskId, c.index, h, provider, c.publicInputs, c.merkleProof);

        bytes32 key = keccak256(abi.encode(provider, jobId, c.taskId));
        if (badProofReported[key]) revert AlreadyReported(key);
        uint256 needed = VERIFY_GAS + VERIFY_GAS_PER_INPUT * h.publicInputs;
        if (gasleft() < needed) revert VerifierGas(gasleft(), needed);
        (bool ok,) = h.verifier.staticcall(ProofJobs.verifyCall(c.proof, c.publicInputs, provider));
        if (ok) revert ProofVerifies(jobId, c.index);
        badProofReported[key] = true;
        (uint256 slashed, uint256 reward) = _slash(provider, BAD_PROOF);
        emit BadProofReported(jobId, c.index, provider, msg.sender, slashed, reward);
        _payShares(slashed, reward);
    }

    // ---- views ----

    /// @notice The escrow of job `jobId` (all zero if it was never opened).
    /// For a proof job, `redeemed` is what its proofs were paid.
    function getJob(bytes32 jobId) external view returns (Job memory j) {
        j = _jobs[jobId];
        if (j.proof) {
            j.redeemed += uint120(_proofs.paid(jobId));
        }
    }

    /// @notice Whether job id `jobId` names `consumer`, the only account that
    /// may open it: bytes 6 to 15 of the id (the last 10 of the 16 bytes of
    /// a Deco job id) are the last 10 bytes of the consumer's address, and
    /// the rest is the consumer's choice. Taking a victim's ids would need an
    /// account whose address ends in the same 80 bits.
    function jobIdOwnedBy(bytes32 jobId, address consumer) public pure returns (bool) {
        return uint80(uint256(jobId) >> 128) == uint80(uint160(consumer));
    }

    /// @notice The circuit registered as `circuitId` (zero if none).
    function getCircuit(bytes32 circuitId) external view returns (Circuit memory) {
        return _circuits[circuitId];
    }

    /// @notice The proof terms of job `jobId` (zero if it is not a proof job).
    function getProofTerms(bytes32 jobId) external view returns (ProofTerms memory) {
        ProofJobs.Terms storage t = _proofs.terms[jobId];
        return ProofTerms({
            verifier: t.verifier,
            fixedInputs: t.fixedInputs,
            publicInputs: t.publicInputs,
            tasks: t.tasks,
            price: t.openPrice,
            settled: uint48(_proofs.settledCount(jobId, t.tasks)),
            taskRoot: t.taskRoot,
            circuitId: t.circuitId
        });
    }

    /// @notice Whether task `index` of proof job `jobId` was paid.
    function isSettled(bytes32 jobId, uint256 index) external view returns (bool) {
        return _proofs.isSettled(jobId, index);
    }

    /// @notice The Merkle leaf committing task `index` of job `jobId`:
    /// keccak256(jobId ‖ index ‖ taskId ‖ fixedInputs), each 32 bytes
    /// big-endian. Inner nodes are keccak256(left ‖ right) of 64 bytes; a leaf
    /// hashes at least 128 (every circuit has a fixed input), so neither can
    /// pass for the other. A tree of any size pads with zero leaves.
    function taskLeaf(bytes32 jobId, uint256 index, bytes32 taskId, uint256[] calldata fixedInputs)
        public
        pure
        returns (bytes32)
    {
        return ProofJobs.taskLeaf(jobId, index, taskId, fixedInputs);
    }

    /// @notice The one public input of a proof of `words` (a circuit's
    /// statement: fixed inputs, outputs, payee): the low 253 bits of
    /// sha256 over every word but the last as 32 bytes big-endian, then
    /// the payee as its 20 address bytes. The circuit computes the same
    /// hash over the same bytes, so a proof binds every word.
    function statementDigest(uint256[] calldata words, address payee) public pure returns (uint256) {
        return ProofJobs.statementDigest(words, payee);
    }

    /// @notice The EIP-712 domain separator vouchers and receipts are signed under.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The EIP-712 digest a consumer signs for a voucher.
    function voucherDigest(bytes32 jobId, address provider, uint256 cumulativeAmount) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, jobId, provider, cumulativeAmount)));
    }

    /// @notice The EIP-712 digest a provider signs for the proof of task
    /// `index` of job `jobId` (see PROOF_CLAIM_TYPEHASH).
    function proofClaimDigest(bytes32 jobId, uint256 index, uint256[8] calldata proof, uint256[] calldata inputs)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    PROOF_CLAIM_TYPEHASH, jobId, index, keccak256(abi.encodePacked(proof)), keccak256(abi.encodePacked(inputs))
                )
            )
        );
    }

    /// @notice The EIP-712 digest a provider signs for a receipt.
    function receiptDigest(Receipt calldata r) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    RECEIPT_TYPEHASH,
                    r.jobId,
                    r.taskId,
                    r.programCid,
                    r.inputRoot,
                    r.specHash,
                    r.outputRoot,
                    r.envHash,
                    r.exitCode,
                    r.provider
                )
            )
        );
    }

    // ---- owner ----

    /// @notice Sets the slash share (MIN_SLASH_BPS to BPS) and the reporter's
    /// cut (at most MAX_REPORTER_BPS). Owner only.
    function setSlashParams(uint16 slashBps_, uint16 reporterBps_) external onlyOwner {
        _setSlashParams(slashBps_, reporterBps_);
    }

    /// @notice Sets where slashed stake goes. Owner only.
    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @notice Registers (or replaces) circuit `circuitId`: its verifier
    /// contract and public-input layout (see Circuit). A zero verifier
    /// removes it. Jobs already open keep the circuit they were opened with.
    /// Owner only.
    function setCircuit(bytes32 circuitId, address verifier, uint8 fixedInputs, uint8 publicInputs)
        external
        onlyOwner
    {
        if (verifier == address(0)) {
            delete _circuits[circuitId];
        } else {
            if (verifier.code.length == 0) revert NotAContract(verifier);
            if (fixedInputs == 0 || fixedInputs >= publicInputs) revert BadCircuitLayout(fixedInputs, publicInputs);
            _circuits[circuitId] = Circuit(verifier, fixedInputs, publicInputs);
        }
        emit CircuitSet(circuitId, verifier, fixedInputs, publicInputs);
    }

    // ---- internal ----

    function _open(bytes32 jobId, uint256 amount, uint64 deadline) private returns (Job storage j) {
        if (amount == 0) revert ZeroAmount();
        if (!jobIdOwnedBy(jobId, msg.sender)) revert JobIdNotYours(jobId, msg.sender);
        if (deadline <= block.timestamp) revert DeadlineInPast(deadline, uint64(block.timestamp));
        // In 256 bits: neither sum can overflow (the delay is at most 30 days).
        uint256 lastRefund = block.timestamp + registry.unbondingDelay();
        if (uint256(deadline) + refundGrace > lastRefund) {
            revert DeadlineBeyondUnbonding(deadline, _latestDeadline(lastRefund));
        }
        j = _jobs[jobId];
        if (j.consumer != address(0)) revert JobExists(jobId);
        j.consumer = msg.sender;
        j.deadline = deadline;
        j.deposited = SafeCast.toUint120(amount);
        emit JobOpened(jobId, msg.sender, amount, deadline);
    }

    /// @dev The last deadline whose refund time is `lastRefund` (0 if none is).
    function _latestDeadline(uint256 lastRefund) private view returns (uint64) {
        return lastRefund > refundGrace ? SafeCast.toUint64(lastRefund - refundGrace) : 0;
    }

    /// @dev Reverts unless `payee` is a staked, peer-bound provider.
    function _checkPayee(address payee) private view {
        (bool staked, bool bound) = registry.standing(payee);
        if (!staked) revert PayeeNotStaked(payee);
        if (!bound) revert PayeeNotBound(payee);
    }

    /// @dev The terms of proof job `jobId` for a settlement; reverts unless
    /// it is one and still open (not refunded).
    function _liveTerms(bytes32 jobId) private view returns (ProofJobs.Hot memory h) {
        h = _proofs.load(jobId);
        if (h.price == 0) revert JobClosed(jobId);
    }

    /// @dev Pays the caller for the `n` tasks it just settled (the deposit
    /// covers every task, each settled once).
    function _finish(ProofJobs.Hot memory h, uint256 n) private {
        token.safeTransfer(msg.sender, h.price * n);
    }

    function _openJob(bytes32 jobId) private view returns (Job storage j) {
        j = _jobs[jobId];
        // deposited and refunded share a slot; every opened job has a deposit.
        if (j.deposited == 0) revert UnknownJob(jobId);
        if (j.refunded) revert JobClosed(jobId);
    }

    function _checkVoucherSignature(
        bytes32 jobId,
        address provider,
        uint256 cumulativeAmount,
        bytes calldata sig,
        address consumer
    ) private view {
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, jobId, provider, cumulativeAmount)));
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, sig);
        if (err != ECDSA.RecoverError.NoError || signer != consumer) revert BadVoucherSignature(signer, consumer);
    }

    function _checkReceiptSignature(Receipt calldata r, bytes calldata sig) private view {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(receiptDigest(r), sig);
        if (err != ECDSA.RecoverError.NoError || signer != r.provider) revert BadReceiptSignature(signer, r.provider);
    }

    function _claimSigner(bytes32 jobId, Claim calldata c, bytes calldata sig) private view returns (address) {
        bytes32 digest = proofClaimDigest(jobId, c.index, c.proof, c.publicInputs);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, sig);
        if (err != ECDSA.RecoverError.NoError) revert BadClaimSignature();
        return signer;
    }

    /// @dev Takes slashBps of the provider's slashable stake through the
    /// registry (a trusted contract fixed at deployment; it sends the slashed
    /// tokens here, and _payShares sends them on within the same call).
    function _slash(address provider, bytes32 reason) private returns (uint256 slashed, uint256 reward) {
        uint256 amount = registry.slashableOf(provider) * slashBps / BPS;
        if (amount == 0) revert NothingToSlash(provider);
        slashed = registry.slash(provider, amount, reason);
        reward = slashed * reporterBps / BPS;
    }

    /// @dev Pays the reporter (the caller) its reward and the treasury the rest.
    function _payShares(uint256 slashed, uint256 reward) private {
        if (reward > 0) {
            token.safeTransfer(msg.sender, reward);
        }
        if (slashed > reward) {
            token.safeTransfer(treasury, slashed - reward);
        }
    }

    function _setSlashParams(uint16 slashBps_, uint16 reporterBps_) private {
        if (slashBps_ < MIN_SLASH_BPS || slashBps_ > BPS) revert BadBps(slashBps_);
        if (reporterBps_ > MAX_REPORTER_BPS) revert BadBps(reporterBps_);
        slashBps = slashBps_;
        reporterBps = reporterBps_;
        emit SlashParamsSet(slashBps_, reporterBps_);
    }
}
