// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

/// @title IKToken
/// @notice A reserve's supply token: an ERC-20 view of supply positions held in the pool. Balances are in asset
///         units and grow with interest; every balance and total lives in the pool, the token only keeps allowances.
interface IKToken is IERC20Metadata {
    /// @notice Only the pool may call this.
    /// @param caller The account that called.
    error KTokenOnlyPool(address caller);
    /// @notice Allowance too low for `transferFrom`.
    /// @param spender The account moving the tokens.
    /// @param allowance Its current allowance.
    /// @param needed The amount it tried to move.
    error KTokenInsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice Zero address given.
    error KTokenZeroAddress();

    /// @notice The pool holding the positions.
    function POOL() external view returns (address);

    /// @notice The reserve's underlying asset.
    function UNDERLYING_ASSET_ADDRESS() external view returns (address);

    /// @notice `user`'s balance in scaled units (asset units divided by the liquidity index).
    function scaledBalanceOf(address user) external view returns (uint256);

    /// @notice Emits the ERC-20 Transfer event for a mint, burn or liquidation move done by the pool. Pool only.
    function emitTransfer(address from, address to, uint256 amount) external;
}
