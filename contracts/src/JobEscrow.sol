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

/// @title JobEscrow
/// @notice Holds each job's deposit, pays providers from EIP-712 cumulative
/// vouchers signed by the consumer, refunds the rest after the deadline, and
/// slashes providers that signed two different results for the same task.
/// @dev EIP-712 domain: name "Deco", version "1", chainId, verifyingContract =
/// this contract. Invariants, for every job:
///   redeemed == sum over providers of redeemed[jobId][provider] <= deposited;
///   redeemed[jobId][p] <= the largest voucher amount the consumer signed for p;
///   the escrow's token balance == sum over jobs of (deposited - redeemed - refund).
/// Every external entry point is nonReentrant and follows checks-effects-interactions.
/// A zk verifier address can be set by the owner for proof-based settlement,
/// which a later version adds (`settleWithProof`); nothing uses it yet.
contract JobEscrow is EIP712, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice A provider's signed claim about one task execution
    /// (the receipt of Proof-of-Execution).
    struct Receipt {
        bytes32 jobId;
        bytes32 taskId;
        bytes32 programCid;
        bytes32 inputRoot;
        bytes32 outputRoot;
        bytes32 envHash;
        int64 exitCode;
        address provider;
    }

    /// @notice A job's escrow. `refunded` closes it: nothing is paid after that.
    struct Job {
        address consumer;
        uint64 deadline;
        bool refunded;
        uint128 deposited;
        uint128 redeemed;
    }

    bytes32 public constant RECEIPT_TYPEHASH = keccak256(
        "Receipt(bytes32 jobId,bytes32 taskId,bytes32 programCid,bytes32 inputRoot,bytes32 outputRoot,bytes32 envHash,int64 exitCode,address provider)"
    );
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 jobId,address provider,uint256 cumulativeAmount)");
    /// @notice Reason recorded with the registry when equivocation is slashed.
    bytes32 public constant EQUIVOCATION = "equivocation";
    uint16 public constant BPS = 10_000;

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
    /// @notice Proof verifier for zk settlement (unused until `settleWithProof` exists).
    address public verifier;

    mapping(bytes32 jobId => Job) private _jobs;
    /// @notice What each provider has been paid from each job.
    mapping(bytes32 jobId => mapping(address provider => uint256)) public redeemed;
    /// @notice Equivocations already punished, keyed by keccak256(provider, jobId, taskId).
    mapping(bytes32 key => bool) public equivocationReported;

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
    event SlashParamsSet(uint16 slashBps, uint16 reporterBps);
    event TreasurySet(address indexed treasury);
    event VerifierSet(address indexed verifier);

    /// @notice An amount of zero was given where tokens must move.
    error ZeroAmount();
    /// @notice The zero address was given where a real one is needed.
    error ZeroAddress();
    /// @notice A job with this id is already open.
    error JobExists(bytes32 jobId);
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
    /// @notice A basis-point figure above 10,000.
    error BadBps(uint16 bps);

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
    /// `deadline` + refundGrace. The caller becomes the job's consumer.
    function openJob(bytes32 jobId, uint256 amount, uint64 deadline) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (deadline <= block.timestamp) revert DeadlineInPast(deadline, uint64(block.timestamp));
        Job storage j = _jobs[jobId];
        if (j.consumer != address(0)) revert JobExists(jobId);
        j.consumer = msg.sender;
        j.deadline = deadline;
        j.deposited = SafeCast.toUint128(amount);
        emit JobOpened(jobId, msg.sender, amount, deadline);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Adds `amount` to the deposit of an open job. Consumer only.
    function topUp(bytes32 jobId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Job storage j = _openJob(jobId);
        if (msg.sender != j.consumer) revert NotConsumer(msg.sender, j.consumer);
        uint128 deposited = SafeCast.toUint128(uint256(j.deposited) + amount);
        j.deposited = deposited;
        emit ToppedUp(jobId, amount, deposited);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    // ---- payments ----

    /// @notice Pays `provider` what the consumer's cumulative voucher owes it
    /// beyond what it was already paid from this job. Anyone may submit; the
    /// tokens always go to `provider`. If the deposit cannot cover the whole
    /// difference, what is left is paid and the rest stays claimable by the
    /// same voucher after a top-up.
    /// @param consumerSignature 65-byte EIP-712 signature of
    /// Voucher(jobId, provider, cumulativeAmount) by the job's consumer.
    function redeem(bytes32 jobId, address provider, uint256 cumulativeAmount, bytes calldata consumerSignature)
        external
        nonReentrant
    {
        Job storage j = _openJob(jobId);
        _checkVoucherSignature(jobId, provider, cumulativeAmount, consumerSignature, j.consumer);

        uint256 already = redeemed[jobId][provider];
        if (cumulativeAmount <= already) revert NothingToRedeem(cumulativeAmount, already);
        uint256 owed = cumulativeAmount - already;
        uint256 available = uint256(j.deposited) - uint256(j.redeemed);
        if (available == 0) revert DepositExhausted(jobId);
        uint256 pay = owed < available ? owed : available;

        j.redeemed += uint128(pay); // pay <= available < 2^128
        uint256 total = already + pay;
        redeemed[jobId][provider] = total;
        emit Redeemed(jobId, provider, pay, total);
        token.safeTransfer(provider, pay);
    }

    /// @notice Returns the unspent deposit to the consumer once deadline +
    /// refundGrace has passed, and closes the job. Anyone may call; the tokens
    /// always go to the consumer.
    function refund(bytes32 jobId) external nonReentrant {
        Job storage j = _openJob(jobId);
        uint64 refundAt = j.deadline + refundGrace;
        if (block.timestamp < refundAt) revert RefundTooEarly(refundAt);
        uint256 amount = uint256(j.deposited) - uint256(j.redeemed);
        j.refunded = true;
        address consumer = j.consumer;
        emit Refunded(jobId, consumer, amount);
        if (amount > 0) {
            token.safeTransfer(consumer, amount);
        }
    }

    // ---- fraud ----

    /// @notice Punishes a provider that signed two receipts for the same job,
    /// task, program and inputs with different output roots: slashBps of its
    /// slashable stake is taken, reporterBps of that goes to the caller and the
    /// rest to the treasury. Each (provider, job, task) is punished once.
    function reportEquivocation(
        Receipt calldata a,
        bytes calldata sigA,
        Receipt calldata b,
        bytes calldata sigB
    ) external nonReentrant {
        if (
            a.jobId != b.jobId || a.taskId != b.taskId || a.programCid != b.programCid || a.inputRoot != b.inputRoot
                || a.provider != b.provider
        ) revert ReceiptsNotComparable();
        if (a.outputRoot == b.outputRoot) revert SameOutput();
        address provider = a.provider;
        _checkReceiptSignature(a, sigA);
        _checkReceiptSignature(b, sigB);

        bytes32 key = keccak256(abi.encode(provider, a.jobId, a.taskId));
        if (equivocationReported[key]) revert AlreadyReported(key);
        uint256 amount = registry.slashableOf(provider) * slashBps / BPS;
        if (amount == 0) revert NothingToSlash(provider);
        equivocationReported[key] = true;

        // The registry is a trusted contract fixed at deployment; it sends the
        // slashed tokens here, and they leave again within this call.
        uint256 slashed = registry.slash(provider, amount, EQUIVOCATION);
        uint256 reward = slashed * reporterBps / BPS;
        emit EquivocationReported(a.jobId, a.taskId, provider, msg.sender, slashed, reward);
        if (reward > 0) {
            token.safeTransfer(msg.sender, reward);
        }
        if (slashed > reward) {
            token.safeTransfer(treasury, slashed - reward);
        }
    }

    // ---- views ----

    /// @notice The escrow of job `jobId` (all zero if it was never opened).
    function getJob(bytes32 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @notice The EIP-712 domain separator vouchers and receipts are signed under.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The EIP-712 digest a consumer signs for a voucher.
    function voucherDigest(bytes32 jobId, address provider, uint256 cumulativeAmount) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, jobId, provider, cumulativeAmount)));
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
                    r.outputRoot,
                    r.envHash,
                    r.exitCode,
                    r.provider
                )
            )
        );
    }

    // ---- owner ----

    /// @notice Sets the slash share and the reporter's cut. Owner only.
    function setSlashParams(uint16 slashBps_, uint16 reporterBps_) external onlyOwner {
        _setSlashParams(slashBps_, reporterBps_);
    }

    /// @notice Sets where slashed stake goes. Owner only.
    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @notice Sets the zk proof verifier used by proof-based settlement. Owner only.
    function setVerifier(address verifier_) external onlyOwner {
        verifier = verifier_;
        emit VerifierSet(verifier_);
    }

    // ---- internal ----

    function _openJob(bytes32 jobId) private view returns (Job storage j) {
        j = _jobs[jobId];
        if (j.consumer == address(0)) revert UnknownJob(jobId);
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

    function _setSlashParams(uint16 slashBps_, uint16 reporterBps_) private {
        if (slashBps_ > BPS) revert BadBps(slashBps_);
        if (reporterBps_ > BPS) revert BadBps(reporterBps_);
        slashBps = slashBps_;
        reporterBps = reporterBps_;
        emit SlashParamsSet(slashBps_, reporterBps_);
    }
}
