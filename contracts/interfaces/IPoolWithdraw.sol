// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPoolWithdraw
/// @notice The one pool function the treasury calls (Aave V3's `withdraw`).
interface IPoolWithdraw {
    /// @notice Withdraws `amount` of `asset` supplied by the caller and sends it to `to`.
    /// @param asset The underlying asset.
    /// @param amount Asset units; `type(uint256).max` withdraws the caller's whole balance.
    /// @param to The receiver of the underlying.
    /// @return The amount withdrawn, in asset units.
    function withdraw(address asset, uint256 amount, address to) external returns (uint256);
}
