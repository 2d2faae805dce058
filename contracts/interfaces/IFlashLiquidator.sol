// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title IFlashLiquidator
/// @notice Liquidates an unhealthy Keel account with no capital: flash-borrows the debt asset, calls
///         `liquidationCall` (receiving the underlying collateral), sells the seized collateral for the debt asset,
///         repays the loan plus premium and sends the profit (in debt-asset units) to the caller.
interface IFlashLiquidator {
    /// @notice The pool called back for a loan this contract did not start, or someone else called back.
    /// @param caller The account that called back.
    /// @param initiator The loan's initiator, as the pool reports it.
    error FlashLiquidatorUntrustedCallback(address caller, address initiator);
    /// @notice The profit, in debt-asset units, is below the caller's minimum.
    /// @param profit The profit the liquidation would leave, in debt-asset units.
    /// @param minProfit The caller's minimum.
    error FlashLiquidatorUnprofitable(uint256 profit, uint256 minProfit);
    /// @notice A zero amount where one is needed.
    error FlashLiquidatorZeroAmount();
    /// @notice Collateral and debt are the same asset (not supported: nothing to swap, nothing to measure apart).
    /// @param asset The asset given as both collateral and debt.
    error FlashLiquidatorSameAsset(address asset);

    /// @notice A liquidation through this contract.
    /// @param debtCovered Units of debt asset repaid for `user` (after the pool's close factor).
    /// @param collateralSeized Units of collateral received from the pool.
    /// @param premium Flash-loan premium paid, debt-asset units.
    /// @param profit Units of debt asset sent to `caller`.
    event FlashLiquidation(
        address indexed caller,
        address indexed user,
        address indexed collateralAsset,
        address debtAsset,
        uint256 debtCovered,
        uint256 collateralSeized,
        uint256 premium,
        uint256 profit
    );

    /// @notice Liquidates `user` and sends the profit to the caller.
    /// @param collateralAsset Collateral to seize.
    /// @param debtAsset Debt to repay.
    /// @param user The unhealthy account.
    /// @param debtToCover Most units of `debtAsset` to repay; type(uint256).max = as much as possible. The loan is
    ///        `loanFor(...)`: this amount sized down to what the liquidation can repay (close factor, collateral) and
    ///        to the reserve's cash, so a large liquidation still goes through, partially, when cash is short, and
    ///        the premium is paid on what is repaid, not on the whole debt.
    /// @param adapter Venue selling the seized collateral.
    /// @param minProfit Reverts with `FlashLiquidatorUnprofitable` if the profit (debt-asset units) is lower.
    /// @return profit Units of `debtAsset` sent to the caller.
    function liquidate(
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debtToCover,
        ISwapAdapter adapter,
        uint256 minProfit
    ) external returns (uint256 profit);

    /// @notice Units of `debtAsset` that `liquidate(collateralAsset, debtAsset, user, debtToCover, ...)` flash-borrows
    ///         now: `min(debtToCover, user's debt, most the liquidation can repay, the reserve's cash)`.
    /// @dev The pool has no view of the most a liquidation can repay: it is estimated from `getUserAccountData`, the
    ///      reserve debt, the collateral and the oracle, never below the pool's close factor (today's 50% rule and
    ///      Aave 3.3's per-reserve rule) nor what the collateral buys (see the implementation). 0 when there is no
    ///      debt or no cash.
    function loanFor(
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debtToCover
    ) external view returns (uint256);

    /// @notice The pool this contract works with.
    function POOL() external view returns (address);
}
