// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {GenericLogic} from "./GenericLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {IKToken} from "../../interfaces/IKToken.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {InterestMath} from "../math/InterestMath.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title LiquidationLogic
/// @notice Liquidations and bad-debt write-offs of the core spoke: the account is valued here, the repayment is
///         restored to the hub, the collateral moves between the spoke's accounts (or out of the hub to the
///         liquidator), and debt left without collateral is reported to the hub as the spoke's deficit. An external
///         library (DELEGATECALLed by the pool): liquidation is one concern, kept apart from supply and borrow.
library LiquidationLogic {
    using WadRayMath for uint256;

    /// @dev Below this health factor the whole debt may be repaid at once (Aave 3.3).
    uint256 internal constant CLOSE_FACTOR_HF_THRESHOLD = 0.95e18;
    /// @dev Positions (debt or collateral) worth less than this, in base currency (8 decimals), may be closed whole.
    uint256 internal constant MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000e8;
    /// @dev A partial liquidation may not leave debt or collateral worth less than this (8 decimals): dust that no
    ///      liquidator would ever take.
    uint256 internal constant MIN_LEFTOVER_BASE = 1000e8;

    struct Vars {
        uint256 colLiquidityIndex;
        uint256 colBorrowIndex;
        uint256 debtLiquidityIndex;
        uint256 debtBorrowIndex;
        uint256 userDebt;
        uint256 colBalance;
        uint256 colPrice;
        uint256 debtPrice;
        uint256 colUnit;
        uint256 debtUnit;
        uint256 debtToCover;
        uint256 colAmount;
        uint256 protocolFee;
        uint256 healthFactor;
        uint256 totalDebtBase;
        uint256 totalCollateralBase;
    }

    /// @notice Liquidation. Steps: validate reserves and grace periods, value the account once (health factor < 1;
    ///         both reserves' indexes and prices as the valuation read them), apply the close factor (per reserve, as Aave 3.3), price the collateral with the
    ///         bonus (rounded down) and the debt it covers (rounded up), refuse to leave dust, burn debt and
    ///         collateral, pay the protocol fee, move the collateral, pull the repayment, and write off every
    ///         remaining debt when the account has no collateral VALUE left (Aave 3.3's `hasNoCollateralLeft`).
    function executeLiquidationCall(DataTypes.LiquidationParams memory params) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveConfig memory colC = s.reserves[params.collateralAsset].config;
        DataTypes.ReserveConfig memory debtC = s.reserves[params.debtAsset].config;
        ValidationLogic.requireAddress(params.user);
        ValidationLogic.requireAmount(params.debtToCover);
        ValidationLogic.requireActive(params.collateralAsset, colC);
        ValidationLogic.requireActive(params.debtAsset, debtC);
        {
            uint256 grace = s.liquidationGraceUntil;
            if (colC.liquidationGraceUntil > grace) grace = colC.liquidationGraceUntil;
            if (debtC.liquidationGraceUntil > grace) grace = debtC.liquidationGraceUntil;
            if (block.timestamp < grace) revert IPool.PoolLiquidationGracePeriod(grace);
        }

        Vars memory v;
        ILiquidityHub hub = ILiquidityHub(s.hub);
        {
            // One valuation: the health factor, and the indexes and prices of both reserves as it read them (the
            // hub's indexes as of now; the hub accrues when the repayment and the seizure reach it).
            (
                DataTypes.AccountData memory d,
                GenericLogic.Quote memory col,
                GenericLogic.Quote memory debt
            ) = GenericLogic.accountDataQuoting(params.user, params.collateralAsset, params.debtAsset);
            v.healthFactor = d.healthFactor;
            v.totalDebtBase = d.totalDebtBase;
            v.totalCollateralBase = d.totalCollateralBase;
            (v.colLiquidityIndex, v.colBorrowIndex, v.colPrice) = (col.liquidityIndex, col.borrowIndex, col.price);
            (v.debtLiquidityIndex, v.debtBorrowIndex, v.debtPrice) = (
                debt.liquidityIndex,
                debt.borrowIndex,
                debt.price
            );
        }
        if (v.healthFactor >= WadRayMath.WAD) revert IPool.PoolHealthFactorNotBelowThreshold(v.healthFactor);
        // The collateral is one of the account's reserves (so it was valued and quoted above).
        if (!GenericLogic.isCollateral(params.user, colC.id)) {
            revert IPool.PoolCollateralNotEnabled(params.collateralAsset, params.user);
        }
        DataTypes.Position storage debtPos = s.positions[params.debtAsset][params.user];
        // Zero when the account has no debt in this reserve (then it was not quoted either).
        v.userDebt = uint256(debtPos.scaledDebt).rayMulUp(v.debtBorrowIndex);
        if (v.userDebt == 0) revert IPool.PoolNoDebt(params.debtAsset, params.user);
        DataTypes.Position storage colPos = s.positions[params.collateralAsset][params.user];
        v.colBalance = uint256(colPos.scaledSupply).rayMulDown(v.colLiquidityIndex);
        v.colUnit = 10 ** colC.decimals;
        v.debtUnit = 10 ** debtC.decimals;

        // Close factor, decided per reserve as Aave 3.3 does: all of this reserve's debt, unless the account is only
        // mildly unhealthy (HF > 0.95) and both this debt and this collateral are worth at least $2,000; then at most
        // half the account's total debt value (rounded down), i.e. min(reserveDebt, totalDebt / 2) in value. Deciding
        // from the account's total debt (as before) while capping this reserve's debt at half left every partial
        // liquidation of a debt under $2,000 below the $1,000 dust floor (issue 15, finding 1).
        uint256 maxDebt = v.userDebt;
        if (
            v.healthFactor > CLOSE_FACTOR_HF_THRESHOLD &&
            v.userDebt.mulDivUp(v.debtPrice, v.debtUnit) >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD &&
            v.colBalance.mulDivDown(v.colPrice, v.colUnit) >= MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD
        ) {
            uint256 halfTotal = (v.totalDebtBase / 2).mulDivDown(v.debtUnit, v.debtPrice);
            if (halfTotal < maxDebt) maxDebt = halfTotal;
        }
        v.debtToCover = params.debtToCover < maxDebt ? params.debtToCover : maxDebt;

        // Collateral for the debt plus bonus, rounded down (the liquidator gets no more than its due).
        v.colAmount = v.debtToCover.mulDivDown(v.debtPrice * v.colUnit, v.colPrice * v.debtUnit).bpsMulDown(
            colC.liquidationBonus
        );
        if (v.colAmount > v.colBalance) {
            v.colAmount = v.colBalance;
            // Debt bought by the whole collateral, rounded up (the liquidator pays at least its due).
            v.debtToCover = v.colBalance.mulDivUp(v.colPrice * v.debtUnit, v.debtPrice * v.colUnit).mulDivUp(
                WadRayMath.BPS,
                colC.liquidationBonus
            );
            if (v.debtToCover > v.userDebt) v.debtToCover = v.userDebt;
        }
        if (v.debtToCover < v.userDebt && v.colAmount < v.colBalance) {
            bool debtLeftBig = (v.userDebt - v.debtToCover).mulDivDown(v.debtPrice, v.debtUnit) >= MIN_LEFTOVER_BASE;
            bool colLeftBig = (v.colBalance - v.colAmount).mulDivDown(v.colPrice, v.colUnit) >= MIN_LEFTOVER_BASE;
            if (!debtLeftBig || !colLeftBig) revert IPool.PoolMustNotLeaveDust();
        }
        // No collateral value left after this seizure (floor values, as the health factor counts them): every
        // remaining debt is written off below. Zero-value dust (a share worth 0 after a socialised loss, 1 wei of an
        // 18-decimal asset) no longer keeps unbacked debt on the books (issue 15, finding 2).
        bool noCollateralLeft = v.colAmount.mulDivDown(v.colPrice, v.colUnit) >= v.totalCollateralBase;
        // Seizing nothing is refused unless it closes this reserve's debt or clears a worthless account (which then
        // repays nothing: its dust collateral is burned and its debt written off).
        if (v.colAmount == 0 && !noCollateralLeft && v.debtToCover != v.userDebt) {
            revert IPool.PoolAmountTooSmall(params.debtToCover);
        }
        // Treasury's cut of the bonus part of the seized collateral, rounded down.
        // Without a treasury there is nobody to pay: the liquidator keeps the whole bonus (as accrual does).
        if (s.treasury != address(0)) {
            v.protocolFee = (v.colAmount - v.colAmount.mulDivUp(WadRayMath.BPS, colC.liquidationBonus)).bpsMulDown(
                colC.liquidationProtocolFee
            );
        }

        if (v.debtToCover != 0) _repayDebt(hub, debtPos, params, v.debtToCover, debtC.id);
        _moveCollateral(s, hub, params, v, colC);

        // No collateral value left but debt remains: write it off now, visibly (no hidden bad debt).
        if (noCollateralLeft) {
            uint256 cfg = s.userConfig[params.user];
            if (cfg & ~GenericLogic.EVEN_BITS != 0) _writeOffBadDebt(s, ILiquidityHub(s.hub), params.user, cfg);
        }
        _emitLiquidation(params, v);
    }

    function _emitLiquidation(DataTypes.LiquidationParams memory params, Vars memory v) private {
        emit IPool.LiquidationCall(
            params.collateralAsset,
            params.debtAsset,
            params.user,
            v.debtToCover,
            v.colAmount - v.protocolFee,
            msg.sender,
            params.receiveKToken
        );
    }

    /// @dev The repayment goes straight into the hub, which checks it and cancels the drawn shares it pays for
    ///      (rounded down; all of them when it covers the whole debt).
    function _repayDebt(
        ILiquidityHub hub,
        DataTypes.Position storage debtPos,
        DataTypes.LiquidationParams memory params,
        uint256 debtToCover,
        uint8 debtId
    ) private {
        TokenLogic.pullToHub(hub, params.debtAsset, msg.sender, debtToCover);
        uint256 scaledDebt = debtPos.scaledDebt;
        uint256 burn = hub.restore(params.debtAsset, debtToCover, scaledDebt);
        debtPos.scaledDebt = uint128(scaledDebt - burn);
        if (burn == scaledDebt) GenericLogic.clearBit(params.user, debtId, 1);
    }

    /// @dev Takes the seized shares from the user (rounded up) and gives the treasury its fee and the liquidator the
    ///      rest as shares in this spoke (rounded down each), or sends the liquidator's part out of the hub. Rounding
    ///      dust stays among the spoke's shares in the hub (the spoke's users' shares never exceed them).
    function _moveCollateral(
        PoolStorage.Layout storage s,
        ILiquidityHub hub,
        DataTypes.LiquidationParams memory params,
        Vars memory v,
        DataTypes.ReserveConfig memory colC
    ) private {
        DataTypes.Position storage colPos = s.positions[params.collateralAsset][params.user];
        uint256 scaledBalance = colPos.scaledSupply;
        // Round up: the user loses at least the shares the seized collateral is worth.
        uint256 burn = InterestMath.sharesToBurnUp(v.colAmount, v.colBalance, scaledBalance, v.colLiquidityIndex);
        colPos.scaledSupply = uint128(scaledBalance - burn);
        if (burn == scaledBalance) {
            GenericLogic.clearBit(params.user, colC.id, 0);
            emit IPool.ReserveUsedAsCollateralDisabled(params.collateralAsset, params.user);
        }
        uint256 credited; // scaled units re-credited to the liquidator and the treasury (rounded down each)
        address kToken = s.reserves[params.collateralAsset].kToken;
        if (v.protocolFee != 0) {
            address treasury = s.treasury;
            uint256 feeScaled = v.protocolFee.rayDivDown(v.colLiquidityIndex);
            s.positions[params.collateralAsset][treasury].scaledSupply += uint128(feeScaled);
            credited += feeScaled;
            IKToken(kToken).emitTransfer(params.user, treasury, v.protocolFee);
        }
        uint256 toLiquidator = v.colAmount - v.protocolFee;
        if (params.receiveKToken) {
            uint256 liqScaled = toLiquidator.rayDivDown(v.colLiquidityIndex);
            DataTypes.Position storage lp = s.positions[params.collateralAsset][msg.sender];
            uint256 before = lp.scaledSupply;
            lp.scaledSupply = SafeCast.toUint128(before + liqScaled);
            credited += liqScaled;
            if (before == 0 && liqScaled != 0)
                GenericLogic.autoEnableCollateral(params.collateralAsset, msg.sender, colC);
            IKToken(kToken).emitTransfer(params.user, msg.sender, toLiquidator);
        } else if (toLiquidator != 0) {
            // Out of the hub, paid by the user's seized shares that are not the treasury's fee.
            hub.remove(params.collateralAsset, toLiquidator, burn - credited, msg.sender);
            IKToken(kToken).emitTransfer(params.user, address(0), toLiquidator);
        }
    }

    /// @notice Writes off every debt of `user`, who has no collateral left, by reporting it to the hub as this
    ///         spoke's deficit. The insurance fund covers it first: the treasury's supply in this spoke, then its
    ///         shares in the hub; the hub's suppliers share the rest through the liquidity index. Emits
    ///         `BadDebtWrittenOff` per reserve.
    function _writeOffBadDebt(PoolStorage.Layout storage s, ILiquidityHub hub, address user, uint256 cfg) private {
        address treasury = s.treasury;
        for (uint256 id; cfg != 0; (id, cfg) = (id + 1, cfg >> 2)) {
            if (cfg & 2 == 0) continue;
            address asset = s.reservesList[id];
            DataTypes.Position storage p = s.positions[asset][user];
            uint256 scaledDebt = p.scaledDebt;
            p.scaledDebt = 0;
            GenericLogic.clearBit(user, id, 1);
            if (scaledDebt == 0) continue;
            DataTypes.Position storage tp = s.positions[asset][treasury];
            uint256 tScaled = treasury == address(0) ? 0 : tp.scaledSupply;
            (uint256 covered, uint256 socialised, uint256 burned, uint256 byShares) = hub.reportDeficit(
                asset,
                scaledDebt,
                tScaled
            );
            if (burned != 0) {
                tp.scaledSupply = uint128(tScaled - burned);
                IKToken(s.reserves[asset].kToken).emitTransfer(treasury, address(0), byShares);
            }
            emit IPool.BadDebtWrittenOff(asset, user, covered, socialised);
        }
    }
}
