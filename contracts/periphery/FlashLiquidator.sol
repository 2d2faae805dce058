// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {IFlashLiquidator} from "../interfaces/IFlashLiquidator.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {DataTypes} from "../libraries/types/DataTypes.sol";
import {LiquidationLogic} from "../libraries/logic/LiquidationLogic.sol";
import {WadRayMath} from "../libraries/math/WadRayMath.sol";

/// @title FlashLiquidator
/// @notice Capital-free liquidations on the Keel pool; anyone may call it and keeps the profit.
/// @dev Stateless between transactions. Inside the flash-loan callback: liquidate (underlying collateral), sell all
///      seized collateral, check the profit, approve the pool for `loan + premium`. The loan is sized by `loanFor`
///      to what the liquidation can repay (close factor, collateral) and to the reserve's cash; any debt asset the
///      pool still did not use pays back part of the loan.
contract FlashLiquidator is IFlashLiquidator, IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;
    using WadRayMath for uint256;

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

    /// @dev Values `_maxRepayable` reads from the pool (prices 8 decimals, units 10**decimals).
    struct Sizing {
        uint256 totalDebtBase;
        uint256 healthFactor;
        uint256 debtPrice;
        uint256 colPrice;
        uint256 debtUnit;
        uint256 colUnit;
        uint256 colBalance;
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
        // Balances tell the repaid debt and the seized collateral apart only when they are different tokens.
        if (collateralAsset == debtAsset) revert FlashLiquidatorSameAsset(debtAsset);
        uint256 amount = loanFor(collateralAsset, debtAsset, user, debtToCover);
        if (amount == 0) revert FlashLiquidatorZeroAmount();
        IPool(POOL).flashLoanSimple(
            address(this),
            debtAsset,
            amount,
            abi.encode(Job(collateralAsset, user, adapter, minProfit)),
            0
        );
        profit = _profit;
        IERC20(debtAsset).safeTransfer(msg.sender, profit);
        emit FlashLiquidation(msg.sender, user, collateralAsset, debtAsset, _covered, _seized, _premium, profit);
    }

    /// @inheritdoc IFlashLiquidator
    function loanFor(
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debtToCover
    ) public view returns (uint256 amount) {
        IPool p = IPool(POOL);
        uint256 debt = p.debtBalanceOf(debtAsset, user);
        amount = debtToCover < debt ? debtToCover : debt;
        if (amount == 0) return 0;
        DataTypes.ReserveData memory debtR = p.getKeelReserveData(debtAsset);
        uint256 repayable = _maxRepayable(p, collateralAsset, debtAsset, user, debt, debtR.config.decimals);
        if (amount > repayable) amount = repayable;
        if (amount > debtR.cash) amount = debtR.cash;
    }

    /// @dev The most the pool's liquidation can repay of `debt` (this reserve's debt of `user`), computed from the
    ///      pool's views because the pool has no view of it. Never BELOW what the pool repays (a smaller loan would
    ///      leave a liquidation half done), and exact in the common cases:
    ///      - close factor: the whole debt when the health factor is at most `CLOSE_FACTOR_HF_THRESHOLD` or the
    ///        position is small (this reserve's debt or the collateral worth less than
    ///        `MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD`); otherwise the larger of half this debt (the pool's rule today)
    ///        and half the account's total debt (Aave 3.3's per-reserve rule, capped at this debt), so the estimate
    ///        does not fall short under either. The thresholds are the pool's own constants (LiquidationLogic).
    ///      - collateral: no more than the whole collateral buys at the oracle price with the bonus, rounded up as
    ///        the pool rounds it.
    ///      An estimate above what the pool takes only costs the premium on the excess, which repays the loan.
    function _maxRepayable(
        IPool p,
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debt,
        uint8 debtDecimals
    ) private view returns (uint256 repayable) {
        Sizing memory v;
        (, v.totalDebtBase, , , , v.healthFactor) = p.getUserAccountData(user);
        IPriceOracle oracle = IPriceOracle(p.oracle());
        v.debtPrice = oracle.getAssetPrice(debtAsset);
        v.colPrice = oracle.getAssetPrice(collateralAsset);
        v.debtUnit = 10 ** debtDecimals;
        DataTypes.ReserveConfig memory colC = p.getKeelReserveData(collateralAsset).config;
        v.colUnit = 10 ** colC.decimals;
        v.colBalance = p.supplyBalanceOf(collateralAsset, user);

        repayable = debt;
        if (
            v.healthFactor > LiquidationLogic.CLOSE_FACTOR_HF_THRESHOLD &&
            debt.mulDivDown(v.debtPrice, v.debtUnit) >= LiquidationLogic.MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
            v.colBalance.mulDivDown(v.colPrice, v.colUnit) >= LiquidationLogic.MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD
        ) {
            // Rounded up: the estimate must not fall below the pool's amount.
            uint256 halfTotal = (v.totalDebtBase / 2).mulDivUp(v.debtUnit, v.debtPrice);
            repayable = halfTotal > debt / 2 ? halfTotal : debt / 2;
            if (repayable > debt) repayable = debt;
        }
        if (colC.liquidationBonus == 0) return repayable;
        // Debt the whole collateral buys, rounded up exactly as LiquidationLogic does.
        uint256 byCollateral = v.colBalance.mulDivUp(v.colPrice * v.debtUnit, v.debtPrice * v.colUnit).mulDivUp(
            WadRayMath.BPS,
            colC.liquidationBonus
        );
        if (byCollateral < repayable) repayable = byCollateral;
    }

    /// @notice Pool callback: liquidates, sells the collateral, checks the profit and approves the repayment.
    /// @dev Only the pool, and only for a loan this contract started: nobody else can make it spend its flash loan.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
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
