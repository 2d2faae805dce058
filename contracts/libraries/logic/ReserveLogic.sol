// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {RateLimits} from "../math/RateLimits.sol";
import {PoolStorageLib} from "../../pool/PoolStorage.sol";
import {IRateModel} from "../../interfaces/IRateModel.sol";
import {IPool} from "../../interfaces/IPool.sol";

/// @title ReserveLogic
/// @notice Interest accrual and rate updates of a reserve.
/// @dev Rates are Aave-style: the borrow rate is stored after every action that moves utilisation, so indexes as of
///      any instant are computable without external calls (views and health checks stay cheap).
library ReserveLogic {
    using WadRayMath for uint256;

    /// @dev Ceiling on the per-second borrow rate whatever the rate model says: 1000% a year (simple). It bounds
    ///      how fast indexes can grow, so a misbehaving model cannot overflow them.
    uint256 internal constant MAX_BORROW_RATE_PER_SECOND = RateLimits.MAX_BORROW_RATE_PER_SECOND;
    /// @dev Seconds in the year Aave's annual rates use (365 days).
    uint256 internal constant SECONDS_PER_YEAR = 365 days;

    /// @notice Accrues interest of `r` up to now and returns the current indexes (RAY).
    /// @dev Order: compound the borrow index (rounded up: debt favours the protocol), take the interest produced
    ///      (difference of rounded-up debts), give the treasury its reserve-factor share as a supply position
    ///      (rounded down), spread the rest over suppliers through the liquidity index (rounded down). Total claims
    ///      therefore never grow faster than total debt: the rounding dust stays in the pool. `currentState` is the
    ///      same projection without writing; both use `_grownDebt` and `splitIncome`.
    function accrue(DataTypes.ReserveData storage r, address asset)
        internal
        returns (uint256 liquidityIndex, uint256 borrowIndex)
    {
        liquidityIndex = r.liquidityIndex;
        borrowIndex = r.borrowIndex;
        uint256 last = r.lastUpdate;
        if (last == block.timestamp) return (liquidityIndex, borrowIndex);

        uint256 rate = r.borrowRate;
        uint256 debtScaled = r.totalDebtScaled;
        if (rate != 0 && debtScaled != 0) {
            uint256 interest;
            (borrowIndex, interest) = _grownDebt(borrowIndex, rate, last, debtScaled);
            address treasury = PoolStorageLib.layout().treasury;
            uint256 toTreasury = treasury == address(0) ? 0 : interest.bpsMulDown(r.config.reserveFactor);
            uint256 supplyScaled = r.totalSupplyScaled;
            uint256 treasuryScaled;
            (liquidityIndex, treasuryScaled) = splitIncome(liquidityIndex, supplyScaled, interest - toTreasury, toTreasury);
            if (toTreasury != 0) creditTreasury(r, asset, treasury, supplyScaled, treasuryScaled);
            r.liquidityIndex = uint128(liquidityIndex);
            r.borrowIndex = uint128(borrowIndex);
            emit IPool.ReserveAccrued(asset, liquidityIndex, borrowIndex, toTreasury);
        }
        r.lastUpdate = uint40(block.timestamp);
    }

    /// @notice Adds `toSuppliers` (asset units) to `liquidityIndex` over `supplyScaled` (rounded down; the index
    ///         saturates rather than overflow) and converts `toTreasury` (asset units) into scaled supply at the new
    ///         index (rounded down). Shared by interest accrual and flash-loan premiums.
    function splitIncome(uint256 liquidityIndex, uint256 supplyScaled, uint256 toSuppliers, uint256 toTreasury)
        internal
        pure
        returns (uint256 newLiquidityIndex, uint256 treasuryScaled)
    {
        newLiquidityIndex = liquidityIndex;
        if (supplyScaled != 0) {
            uint256 grown = liquidityIndex + toSuppliers.mulDivDown(WadRayMath.RAY, supplyScaled);
            if (grown <= type(uint128).max) newLiquidityIndex = grown;
        }
        if (toTreasury != 0) treasuryScaled = toTreasury.mulDivDown(WadRayMath.RAY, newLiquidityIndex);
    }

    /// @notice Scaled supply to take from a position of `scaledBalance` (worth `balance` asset units) for `amount`
    ///         asset units: rounded up (the holder gives up at least what the tokens are worth), all of it when the
    ///         whole balance goes, never more than the position. Shared by withdraw, transfer, seizure and write-off.
    function scaledToBurnUp(uint256 amount, uint256 balance, uint256 scaledBalance, uint256 liquidityIndex)
        internal
        pure
        returns (uint256 burn)
    {
        burn = amount == balance ? scaledBalance : amount.rayDivUp(liquidityIndex);
        if (burn > scaledBalance) burn = scaledBalance;
    }

    /// @notice Books `scaled` supply of `asset` to the treasury's position and to the reserve's total, which was
    ///         `supplyScaled` (passed in: the callers have just read it).
    function creditTreasury(
        DataTypes.ReserveData storage r,
        address asset,
        address treasury,
        uint256 supplyScaled,
        uint256 scaled
    ) internal {
        PoolStorageLib.layout().positions[asset][treasury].scaledSupply += uint128(scaled);
        r.totalSupplyScaled = uint128(supplyScaled + scaled);
    }

    /// @notice Stores the borrow rate for the reserve's current totals, asking its rate model.
    function updateRate(DataTypes.ReserveData storage r, address asset, uint256 borrowIndex) internal {
        address model = r.rateModel;
        if (model == address(0)) model = PoolStorageLib.layout().defaultRateModel;
        uint256 debt = uint256(r.totalDebtScaled).rayMulUp(borrowIndex);
        uint256 rate = IRateModel(model).borrowRatePerSecond(asset, r.cash + debt, debt);
        if (rate > MAX_BORROW_RATE_PER_SECOND) rate = MAX_BORROW_RATE_PER_SECOND;
        r.borrowRate = uint88(rate);
    }

    /// @notice Liquidity and borrow indexes as of now, without writing (RAY). Mirrors `accrue`.
    function currentIndexes(DataTypes.ReserveData storage r)
        internal
        view
        returns (uint256 liquidityIndex, uint256 borrowIndex)
    {
        (liquidityIndex, borrowIndex,) = currentState(r);
    }

    /// @notice `currentIndexes`, plus the treasury's reserve-factor share of the interest not yet accrued in storage,
    ///         in scaled units: exactly what the next `accrue` adds to the treasury's position and to
    ///         `totalSupplyScaled`. Views that report supply "as of now" must add it, or they under-state total
    ///         supply (and the treasury's balance) until the next state-changing call touches the reserve.
    function currentState(DataTypes.ReserveData storage r)
        internal
        view
        returns (uint256 liquidityIndex, uint256 borrowIndex, uint256 pendingTreasuryScaled)
    {
        liquidityIndex = r.liquidityIndex;
        borrowIndex = r.borrowIndex;
        uint256 last = r.lastUpdate;
        uint256 rate = r.borrowRate;
        uint256 debtScaled = r.totalDebtScaled;
        if (last == block.timestamp || rate == 0 || debtScaled == 0) return (liquidityIndex, borrowIndex, 0);
        uint256 interest;
        (borrowIndex, interest) = _grownDebt(borrowIndex, rate, last, debtScaled);
        uint256 toTreasury =
            PoolStorageLib.layout().treasury == address(0) ? 0 : interest.bpsMulDown(r.config.reserveFactor);
        (liquidityIndex, pendingTreasuryScaled) =
            splitIncome(liquidityIndex, r.totalSupplyScaled, interest - toTreasury, toTreasury);
    }

    /// @dev The borrow index compounded from `last` to now (rounded up, saturating at 128 bits so repayment never
    ///      bricks) and the interest it adds to `debtScaled` (difference of rounded-up debts), asset units.
    function _grownDebt(uint256 borrowIndex, uint256 rate, uint256 last, uint256 debtScaled)
        private
        view
        returns (uint256 newBorrowIndex, uint256 interest)
    {
        newBorrowIndex = borrowIndex.rayMulUp(WadRayMath.RAY + rate.compoundedGrowthDown(block.timestamp - last));
        if (newBorrowIndex > type(uint128).max) newBorrowIndex = type(uint128).max;
        interest = debtScaled.rayMulUp(newBorrowIndex) - debtScaled.rayMulUp(borrowIndex);
    }
}
