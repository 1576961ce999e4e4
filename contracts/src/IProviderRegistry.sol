// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IProviderRegistry
/// @notice What JobEscrow needs from the staking registry.
interface IProviderRegistry {
    /// @notice Stake that slashing can reach: bonded plus still-unbonding tokens.
    function slashableOf(address provider) external view returns (uint256);

    /// @notice Takes up to `amount` of `provider`'s stake and sends it to the
    /// caller, which must be the registry's slasher. Returns what was taken.
    function slash(address provider, uint256 amount, bytes32 reason) external returns (uint256);

    /// @notice Whether `provider` may be paid: `staked` when its bonded
    /// stake is non-zero and reaches minStake, `bound` when it recorded a
    /// peer binding (whose signature only off-chain readers can check).
    function standing(address provider) external view returns (bool staked, bool bound);

    /// @notice Seconds between a request to unbond and the withdrawal.
    function unbondingDelay() external view returns (uint64);
}
