// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title DecoToken
/// @notice The ERC-20 that Deco jobs are paid in ("Deco", DECO, 18 decimals).
/// @dev Supply only grows through `mint` by the owner (a devnet mints to its
/// accounts); no contract of Deco burns tokens, so the total supply is the sum
/// of all balances, escrows and stakes included.
contract DecoToken is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Deco", "DECO") Ownable(initialOwner) {}

    /// @notice Creates `amount` tokens for `to`. Owner only.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
