// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IProviderRegistry} from "./IProviderRegistry.sol";

/// @title ProviderRegistry
/// @notice Providers stake DECO to be allowed to bid, bind their libp2p peer ID
/// to their EVM address, and get their stake back after an unbonding delay.
/// The slasher (the JobEscrow) can take stake on proven fraud.
/// @dev Invariant: the registry's token balance equals the sum over providers
/// of `bonded + unbonding` (each held in 128 bits; SafeCast reverts beyond). Unbonding tokens stay slashable until withdrawn, so
/// requesting an unbond does not escape a pending fraud report.
///
/// Peer binding: ed25519 cannot be checked on-chain, so the registry stores the
/// peer ID and the peer's signature over its EVM address as given; readers
/// verify the signature off-chain with the public key inside the peer ID and
/// ignore bindings whose signature does not verify. Anyone may therefore claim
/// any peer ID, but only the peer's key can make the claim believable.
contract ProviderRegistry is IProviderRegistry, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Largest peer ID accepted, in bytes (base58 ed25519 IDs are 52).
    uint256 public constant MAX_PEER_ID_LENGTH = 128;
    /// @notice Largest peer signature accepted, in bytes (ed25519 is 64).
    uint256 public constant MAX_PEER_SIGNATURE_LENGTH = 256;
    /// @notice Longest unbonding delay the owner can set: stake is never
    /// held longer than this after a request (and unlockAt cannot overflow).
    uint64 public constant MAX_UNBONDING_DELAY = 30 days;

    /// @dev bonded and bound share a slot: the escrow reads both (with
    /// minStake) before every payment (see standing).
    struct Stake {
        uint128 bonded;
        uint64 unlockAt;
        bool bound; // a peer binding is recorded
        uint128 unbonding;
    }

    struct PeerBinding {
        string peerId;
        bytes signature;
    }

    /// @notice The staked token.
    IERC20 public immutable token;
    /// @notice The only address allowed to slash (the JobEscrow). Set once.
    address public slasher;
    /// @notice Bonded stake a provider needs to bid.
    uint256 public minStake;
    /// @notice Seconds between requestUnbond and withdraw. JobEscrow opens
    /// no job whose refund time lies beyond now + unbondingDelay, so bonded
    /// stake cannot be withdrawn before the window of any job it was paid
    /// from has closed (a request to unbond restarts the delay).
    uint64 public unbondingDelay;

    mapping(address provider => Stake) private _stakes;
    mapping(address provider => PeerBinding) private _peers;

    event Staked(address indexed provider, uint256 amount, uint256 bonded);
    event UnbondRequested(address indexed provider, uint256 amount, uint256 unbonding, uint64 unlockAt);
    event Withdrawn(address indexed provider, uint256 amount);
    event Slashed(address indexed provider, uint256 amount, bytes32 indexed reason, address indexed to);
    event PeerBound(address indexed provider, string peerId, bytes signature);
    event SlasherSet(address indexed slasher);
    event MinStakeSet(uint256 minStake);
    event UnbondingDelaySet(uint64 unbondingDelay);

    /// @notice An amount of zero was given where tokens must move.
    error ZeroAmount();
    /// @notice The zero address was given where a real one is needed.
    error ZeroAddress();
    /// @notice Staking would leave the bonded stake below the minimum.
    error BelowMinimumStake(uint256 bonded, uint256 minimum);
    /// @notice More was asked to unbond than is bonded.
    error InsufficientStake(uint256 bonded, uint256 requested);
    /// @notice Nothing is unbonding.
    error NothingToWithdraw();
    /// @notice The unbonding delay has not passed yet.
    error StillUnbonding(uint64 unlockAt);
    /// @notice Only the slasher may slash.
    error NotSlasher(address caller);
    /// @notice The peer ID is empty.
    error EmptyPeerId();
    /// @notice The peer ID is longer than MAX_PEER_ID_LENGTH.
    error PeerIdTooLong(uint256 length);
    /// @notice The peer signature is empty or longer than MAX_PEER_SIGNATURE_LENGTH.
    error BadPeerSignatureLength(uint256 length);
    /// @notice The slasher is already set; it cannot be changed.
    error SlasherAlreadySet(address slasher);
    /// @notice The unbonding delay is longer than MAX_UNBONDING_DELAY.
    error UnbondingDelayTooLong(uint64 delay, uint64 maximum);

    constructor(IERC20 token_, uint256 minStake_, uint64 unbondingDelay_, address initialOwner) Ownable(initialOwner) {
        if (address(token_) == address(0)) revert ZeroAddress();
        if (unbondingDelay_ > MAX_UNBONDING_DELAY) revert UnbondingDelayTooLong(unbondingDelay_, MAX_UNBONDING_DELAY);
        token = token_;
        minStake = minStake_;
        unbondingDelay = unbondingDelay_;
    }

    // ---- staking ----

    /// @notice Adds `amount` to the caller's bonded stake (pulled with
    /// transferFrom: approve the registry first). The resulting bonded stake
    /// must reach minStake.
    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[msg.sender];
        uint256 bonded = uint256(s.bonded) + amount;
        if (bonded < minStake) revert BelowMinimumStake(bonded, minStake);
        s.bonded = SafeCast.toUint128(bonded);
        emit Staked(msg.sender, amount, bonded);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Moves `amount` from bonded to unbonding; it can be withdrawn
    /// unbondingDelay seconds from now. A new request restarts the delay for
    /// everything unbonding.
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[msg.sender];
        uint256 bonded = s.bonded;
        if (amount > bonded) revert InsufficientStake(bonded, amount);
        s.bonded = uint128(bonded - amount);
        uint256 unbonding = uint256(s.unbonding) + amount;
        s.unbonding = SafeCast.toUint128(unbonding);
        uint64 unlockAt = uint64(block.timestamp) + unbondingDelay;
        s.unlockAt = unlockAt;
        emit UnbondRequested(msg.sender, amount, unbonding, unlockAt);
    }

    /// @notice Sends the caller's unbonded tokens back once the delay has passed.
    function withdraw() external nonReentrant {
        Stake storage s = _stakes[msg.sender];
        uint256 amount = s.unbonding;
        if (amount == 0) revert NothingToWithdraw();
        if (block.timestamp < s.unlockAt) revert StillUnbonding(s.unlockAt);
        s.unbonding = 0;
        s.unlockAt = 0;
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IProviderRegistry
    /// @dev Bonded stake is taken first, then unbonding stake.
    function slash(address provider, uint256 amount, bytes32 reason) external nonReentrant returns (uint256 slashed) {
        if (msg.sender != slasher) revert NotSlasher(msg.sender);
        Stake storage s = _stakes[provider];
        uint256 bonded = s.bonded;
        uint256 fromBonded = amount < bonded ? amount : bonded;
        s.bonded = uint128(bonded - fromBonded);
        uint256 rest = amount - fromBonded;
        uint256 unbonding = s.unbonding;
        uint256 fromUnbonding = rest < unbonding ? rest : unbonding;
        s.unbonding = uint128(unbonding - fromUnbonding);
        slashed = fromBonded + fromUnbonding;
        emit Slashed(provider, slashed, reason, msg.sender);
        if (slashed > 0) {
            token.safeTransfer(msg.sender, slashed);
        }
    }

    // ---- peer binding ----

    /// @notice Records that the caller's EVM address belongs to libp2p peer
    /// `peerId`; `signature` is the peer key's signature over the binding
    /// message (see the Go package internal/chain, PeerBindingMessage). A new
    /// call replaces the old binding.
    function bindPeer(string calldata peerId, bytes calldata signature) external {
        uint256 n = bytes(peerId).length;
        if (n == 0) revert EmptyPeerId();
        if (n > MAX_PEER_ID_LENGTH) revert PeerIdTooLong(n);
        if (signature.length == 0 || signature.length > MAX_PEER_SIGNATURE_LENGTH) {
            revert BadPeerSignatureLength(signature.length);
        }
        _peers[msg.sender] = PeerBinding(peerId, signature);
        _stakes[msg.sender].bound = true;
        emit PeerBound(msg.sender, peerId, signature);
    }

    // ---- views ----

    /// @notice Bonded stake of `provider` (what counts for bidding).
    function stakeOf(address provider) external view returns (uint256) {
        return _stakes[provider].bonded;
    }

    /// @notice Stake of `provider` waiting out the unbonding delay, and when it unlocks.
    function unbondingOf(address provider) external view returns (uint256 amount, uint64 unlockAt) {
        Stake storage s = _stakes[provider];
        return (s.unbonding, s.unlockAt);
    }

    /// @inheritdoc IProviderRegistry
    function slashableOf(address provider) external view returns (uint256) {
        Stake storage s = _stakes[provider];
        return uint256(s.bonded) + s.unbonding;
    }

    /// @notice Whether `provider` has enough bonded stake to bid.
    function canBid(address provider) external view returns (bool) {
        uint256 bonded = _stakes[provider].bonded;
        return bonded > 0 && bonded >= minStake;
    }

    /// @inheritdoc IProviderRegistry
    /// @dev Two storage slots (bonded with bound, and minStake), so the
    /// escrow can check every payee cheaply.
    function standing(address provider) external view returns (bool staked, bool bound) {
        Stake storage s = _stakes[provider];
        uint256 bonded = s.bonded;
        staked = bonded > 0 && bonded >= minStake;
        bound = s.bound;
    }

    /// @notice The peer binding `provider` recorded (empty if none).
    function peerOf(address provider) external view returns (string memory peerId, bytes memory signature) {
        PeerBinding storage p = _peers[provider];
        return (p.peerId, p.signature);
    }

    // ---- owner ----

    /// @notice Sets the slasher (the JobEscrow), once: the escrow is deployed
    /// after the registry, and no later owner can point slashing elsewhere
    /// (a slasher of the owner's choosing could take every stake). Owner only.
    function setSlasher(address slasher_) external onlyOwner {
        if (slasher_ == address(0)) revert ZeroAddress();
        if (slasher != address(0)) revert SlasherAlreadySet(slasher);
        slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    /// @notice Sets the bonded stake needed to bid. Owner only.
    function setMinStake(uint256 minStake_) external onlyOwner {
        minStake = minStake_;
        emit MinStakeSet(minStake_);
    }

    /// @notice Sets the unbonding delay for future requests, at most
    /// MAX_UNBONDING_DELAY. Owner only. Lowering it shortens the deadlines
    /// the escrow accepts from then on; stake already unbonding keeps its
    /// unlock time.
    function setUnbondingDelay(uint64 unbondingDelay_) external onlyOwner {
        if (unbondingDelay_ > MAX_UNBONDING_DELAY) revert UnbondingDelayTooLong(unbondingDelay_, MAX_UNBONDING_DELAY);
        unbondingDelay = unbondingDelay_;
        emit UnbondingDelaySet(unbondingDelay_);
    }
}
