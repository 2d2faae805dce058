// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IPool} from "../../interfaces/IPool.sol";

/// @title GenericLogic
/// @notice Account valuation, health checks and the users' reserve bitmaps.
library GenericLogic {
    using WadRayMath for uint256;

    /// @dev An account may use at most this many reserves (as collateral or debt), so that a liquidation, which
    ///      values every one of them, always fits in a block.
    uint256 internal constant MAX_ACCOUNT_RESERVES = 24;
    uint256 internal constant EVEN_BITS = 0x5555555555555555555555555555555555555555555555555555555555555555;

    /// @notice What the valuation read for one named reserve of the account: its indexes and price, so a liquidation
    ///         does not ask the hub and the oracle twice. All zero when the account does not use the reserve.
    struct Quote {
        uint256 liquidityIndex;
        uint256 borrowIndex;
        uint256 price;
    }

    /// @notice Values `user`'s whole account at current prices and indexes.
    /// @dev Collateral values round down and debt values round up: the health factor never flatters an account.
    function accountData(address user) internal view returns (DataTypes.AccountData memory d) {
        (d, , ) = accountDataQuoting(user, address(0), address(0));
    }

    /// @notice `accountData`, also returning what it read for reserves `a` and `b` (a liquidation's collateral and
    ///         debt; the same asset may be both).
    function accountDataQuoting(
        address user,
        address a,
        address b
    ) internal view returns (DataTypes.AccountData memory d, Quote memory qa, Quote memory qb) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        uint256 cfg = s.userConfig[user];
        if (cfg == 0) {
            d.healthFactor = type(uint256).max;
            return (d, qa, qb);
        }
        address[2] memory sources = [s.hub, s.oracle];
        for (uint256 id; cfg != 0; (id, cfg) = (id + 1, cfg >> 2)) {
            if (cfg & 3 == 0) continue;
            address asset = s.reservesList[id];
            Quote memory q = _addReserve(d, sources, user, asset, cfg & 3);
            if (asset == a) qa = q;
            if (asset == b) qb = q;
        }
        d.healthFactor =
            d.totalDebtBase == 0
                ? type(uint256).max
                : d.weightedThresholdBase.mulDivDown(WadRayMath.WAD, d.totalDebtBase);
    }

    /// @dev Adds `user`'s position in `asset` (`bits`: 1 = collateral, 2 = debt) to `d`; returns what it read.
    ///      `sources` = [hub, oracle], read once per valuation.
    function _addReserve(
        DataTypes.AccountData memory d,
        address[2] memory sources,
        address user,
        address asset,
        uint256 bits
    ) private view returns (Quote memory q) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveConfig memory c = s.reserves[asset].config;
        DataTypes.Position memory p = s.positions[asset][user];
        (q.liquidityIndex, q.borrowIndex) = ILiquidityHub(sources[0]).currentIndexes(asset);
        q.price = IPriceOracle(sources[1]).getAssetPrice(asset);
        uint256 unit = 10 ** c.decimals;
        if (bits & 1 != 0 && p.scaledSupply != 0) {
            uint256 value = uint256(p.scaledSupply).rayMulDown(q.liquidityIndex).mulDivDown(q.price, unit);
            d.totalCollateralBase += value;
            d.borrowPowerBase += value.bpsMulDown(c.ltv);
            d.weightedThresholdBase += value.bpsMulDown(c.liquidationThreshold);
        }
        if (bits & 2 != 0) {
            d.totalDebtBase += uint256(p.scaledDebt).rayMulUp(q.borrowIndex).mulDivUp(q.price, unit);
        }
    }

    /// @notice Reverts unless `user`'s health factor is at least 1 (after a withdrawal, transfer or collateral switch).
    function requireHealthy(address user) internal view {
        uint256 cfg = PoolStorageLib.layout().userConfig[user];
        if (cfg & ~EVEN_BITS == 0) return; // no debt anywhere: always healthy
        uint256 hf = accountData(user).healthFactor;
        if (hf < WadRayMath.WAD) revert IPool.PoolHealthFactorTooLow(hf);
    }

    /// @notice Reverts unless `user`'s debt fits within the borrowing power of its collateral (after a borrow).
    function requireBorrowPower(address user) internal view {
        DataTypes.AccountData memory d = accountData(user);
        if (d.totalDebtBase > d.borrowPowerBase)
            revert IPool.PoolInsufficientCollateral(d.borrowPowerBase, d.totalDebtBase);
    }

    /// @notice Number of reserves `cfg` uses (as collateral, debt or both).
    function usedReserves(uint256 cfg) internal pure returns (uint256 n) {
        uint256 used = (cfg | (cfg >> 1)) & EVEN_BITS;
        // unchecked: at most 128 iterations, n <= 128.
        unchecked {
            while (used != 0) {
                used &= used - 1;
                ++n;
            }
        }
    }

    /// @notice Sets bit `bit` (0 = collateral, 1 = borrowing) of reserve `id` in `user`'s bitmap, enforcing the
    ///         per-account reserve bound when the reserve is new to the account. Returns false (and changes nothing)
    ///         when `strict` is false and the bound is reached.
    function setBit(address user, uint256 id, uint256 bit, bool strict) internal returns (bool) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        uint256 cfg = s.userConfig[user];
        uint256 mask = 1 << (2 * id + bit);
        if (cfg & mask != 0) return true;
        if ((cfg >> (2 * id)) & 3 == 0 && usedReserves(cfg) >= MAX_ACCOUNT_RESERVES) {
            if (strict) revert IPool.PoolTooManyAccountReserves(MAX_ACCOUNT_RESERVES);
            return false;
        }
        s.userConfig[user] = cfg | mask;
        return true;
    }

    /// @notice Clears bit `bit` of reserve `id` in `user`'s bitmap.
    function clearBit(address user, uint256 id, uint256 bit) internal {
        PoolStorageLib.layout().userConfig[user] &= ~(uint256(1) << (2 * id + bit));
    }

    /// @notice True when `user` uses reserve `id` as collateral.
    function isCollateral(address user, uint256 id) internal view returns (bool) {
        return (PoolStorageLib.layout().userConfig[user] >> (2 * id)) & 1 != 0;
    }

    /// @notice Turns `asset` into `user`'s collateral on a first deposit, when the reserve allows it and the
    ///         account has room (Aave's behaviour; without room the deposit still succeeds, just not as collateral).
    function autoEnableCollateral(address asset, address user, DataTypes.ReserveConfig memory c) internal {
        if (c.flags & ReserveFlags.COLLATERAL == 0 || c.ltv == 0 || isCollateral(user, c.id)) return;
        if (setBit(user, c.id, 0, false)) emit IPool.ReserveUsedAsCollateralEnabled(asset, user);
    }
}
