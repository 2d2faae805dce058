// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {IFlashLiquidator} from "../interfaces/IFlashLiquidator.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";

/// @title FlashLiquidator
/// @notice Capital-free liquidations on the Keel pool; anyone may call it and keeps the profit.
/// @dev Stateless between transactions. Inside the flash-loan callback: liquidate (underlying collateral), sell all
///      seized collateral, check the profit, approve the pool for `loan + premium`. Any debt asset the pool did not
///      use (close factor) simply pays back part of the loan.
contract FlashLiquidator is IFlashLiquidator, IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFlashLiquidator
    address public immutable POOL;

    /// @dev Liquidates with up to `amount` of `debtAsset`; records the debt covered, returns the collateral seized.
    function _liquidate(Job memory job, address debtAsset, uint256 amount) private returns (uint256 seized) {
        uint256 debtBefore = IERC20(debtAsset).balanceOf(address(this));
        uint256 colBefore = IERC20(job.collateralAsset).balanceOf(address(this));
        IERC20(debtAsset).forceApprove(POOL, amount);
        IPool(POOL).liquidationCall(job.collateralAsset, debtAsset, job.user, amount, false);
        _covered = debtBefore - IERC20(debtAsset).balanceOf(address(this));
        seized = IERC20(job.collateralAsset).balanceOf(address(this)) - colBefore;
    }

    /// @dev What the callback needs, passed through the pool as `params`.
    struct Job {
        address collateralAsset;
        address user;
        ISwapAdapter adapter;
        uint256 minProfit;
    }

    uint256 private transient _profit;
    uint256 private transient _covered;
    uint256 private transient _seized;
    uint256 private transient _premium;

    /// @param pool The Keel pool.
    constructor(address pool) {
        if (pool == address(0)) revert FlashLiquidatorZeroAmount();
        POOL = pool;
    }

    /// @inheritdoc IFlashLiquidator
    function liquidate(
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debtToCover,
        ISwapAdapter adapter,
        uint256 minProfit
    ) external returns (uint256 profit) {
        uint256 amount = debtToCover == type(uint256).max ? IPool(POOL).debtBalanceOf(debtAsset, user) : debtToCover;
        if (amount == 0) revert FlashLiquidatorZeroAmount();
        // Balances tell the repaid debt and the seized collateral apart only when they are different tokens.
        if (collateralAsset == debtAsset) revert FlashLiquidatorSameAsset(debtAsset);
        IPool(POOL).flashLoanSimple(
            address(this), debtAsset, amount, abi.encode(Job(collateralAsset, user, adapter, minProfit)), 0
        );
        profit = _profit;
        IERC20(debtAsset).safeTransfer(msg.sender, profit);
        emit FlashLiquidation(msg.sender, user, collateralAsset, debtAsset, _covered, _seized, _premium, profit);
    }

    /// @notice Pool callback: liquidates, sells the collateral, checks the profit and approves the repayment.
    /// @dev Only the pool, and only for a loan this contract started: nobody else can make it spend its flash loan.
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        if (msg.sender != POOL || initiator != address(this)) {
            revert FlashLiquidatorUntrustedCallback(msg.sender, initiator);
        }
        Job memory job = abi.decode(params, (Job));

        uint256 seized = _liquidate(job, asset, amount);

        IERC20(job.collateralAsset).forceApprove(address(job.adapter), seized);
        // No output bound on the swap itself: the profit check below bounds the whole operation.
        job.adapter.swapExactIn(job.collateralAsset, asset, seized, 0, address(this));

        uint256 owed = amount + premium;
        uint256 balance = IERC20(asset).balanceOf(address(this));
        uint256 profit = balance > owed ? balance - owed : 0;
        if (balance < owed || profit < job.minProfit) revert FlashLiquidatorUnprofitable(profit, job.minProfit);
        IERC20(asset).forceApprove(POOL, owed);
        (_profit, _seized, _premium) = (profit, seized, premium);
        return true;
    }
}
