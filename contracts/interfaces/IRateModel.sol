// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRateModel
/// @notice A pluggable interest rate model. The pool calls it when it accrues interest, with the reserve's totals as
///         they stood over the elapsed period, and compounds the returned rate per second.
interface IRateModel {
    /// @notice The variable borrow rate of `asset` for the given totals.
    /// @param asset The reserve's underlying asset (models may hold per-asset parameters).
    /// @param totalSupplied Total supplied, in asset units (cash plus borrowed).
    /// @param totalBorrowed Total borrowed, in asset units.
    /// @return ratePerSecond The borrow rate per second, in RAY (1e27 = 100% per second).
    function borrowRatePerSecond(
        address asset,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) external view returns (uint256 ratePerSecond);
}
