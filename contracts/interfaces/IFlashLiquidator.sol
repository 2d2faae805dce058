// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title IFlashLiquidator
/// @notice Liquidates an unhealthy Keel account with no capital: flash-borrows the debt asset, calls
///         `liquidationCall` (receiving the underlying collateral), sells the seized collateral for the debt asset,
///         repays the loan plus premium and sends the profit (in debt-asset units) to the caller.
interface IFlashLiquidator {
    /// @notice The pool called back for a loan this contract did not start, or someone else called back.
    error FlashLiquidatorUntrustedCallback(address caller, address initiator);
    /// @notice The profit, in debt-asset units, is below the caller's minimum.
    error FlashLiquidatorUnprofitable(uint256 profit, uint256 minProfit);
    /// @notice A zero amount where one is needed.
    error FlashLiquidatorZeroAmount();
    /// @notice Collateral and debt are the same asset (not supported: nothing to swap, nothing to measure apart).
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
    /// @param debtToCover Units of `debtAsset` flash-borrowed and offered; the pool may use less (close factor),
    ///        the rest pays back the loan. type(uint256).max = the user's whole debt.
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

    /// @notice The pool this contract works with.
    function POOL() external view returns (address);
}
