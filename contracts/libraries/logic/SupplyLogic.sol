// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ReserveLogic} from "./ReserveLogic.sol";
import {GenericLogic} from "./GenericLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {IKToken} from "../../interfaces/IKToken.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title SupplyLogic
/// @notice Supply, withdraw, supply-position transfers and collateral switches.
library SupplyLogic {
    using WadRayMath for uint256;

    /// @notice Supply: validate, accrue, pull the tokens (measured), mint scaled supply (rounded down), update the
    ///         rate, emit.
    function executeSupply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) internal {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveData storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAmount(amount);
        // Amounts are stored in 128 bits; anything larger is not a real token amount.
        if (amount > type(uint128).max) revert IPool.PoolAmountTooLarge(amount, type(uint128).max);
        ValidationLogic.requireAddress(onBehalfOf);
        ValidationLogic.requireOpen(asset, c);

        (uint256 liquidityIndex, uint256 borrowIndex) = ReserveLogic.accrue(r, asset);
        {
            // Round down: the supplier is credited at most what it brought.
            uint256 scaled = amount.rayDivDown(liquidityIndex);
            if (scaled == 0) revert IPool.PoolAmountTooSmall(amount);
            uint256 newTotalScaled = r.totalSupplyScaled + scaled;
            if (c.supplyCap != 0 && newTotalScaled.rayMulUp(liquidityIndex) > uint256(c.supplyCap) * 10 ** c.decimals) {
                revert IPool.PoolSupplyCapExceeded(asset, c.supplyCap);
            }
            DataTypes.Position storage p = s.positions[asset][onBehalfOf];
            uint256 before = p.scaledSupply;
            // Checked casts: after a reserve-wiping bad debt the liquidity index can be tiny and scaled amounts huge.
            p.scaledSupply = SafeCast.toUint128(before + scaled);
            r.totalSupplyScaled = SafeCast.toUint128(newTotalScaled);
            r.cash += uint128(amount);
            if (before == 0) GenericLogic.autoEnableCollateral(asset, onBehalfOf, c);
        }

        TokenLogic.pullExact(asset, msg.sender, amount);
        ReserveLogic.updateRate(r, asset, borrowIndex);
        IKToken(r.kToken).emitTransfer(address(0), onBehalfOf, amount);
        emit IPool.Supply(asset, msg.sender, onBehalfOf, amount, referralCode);
    }

    /// @notice Withdraw: validate, accrue, burn scaled supply (rounded up), check health if the supply was
    ///         collateral, send.
    function executeWithdraw(address asset, uint256 amount, address to) internal returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveData storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireAddress(to);
        ValidationLogic.requireActive(asset, c);

        (uint256 liquidityIndex, uint256 borrowIndex) = ReserveLogic.accrue(r, asset);
        amount = _burnSupply(r, s.positions[asset][msg.sender], asset, amount, liquidityIndex, c.id);

        ReserveLogic.updateRate(r, asset, borrowIndex);
        TokenLogic.send(asset, to, amount);
        IKToken(r.kToken).emitTransfer(msg.sender, address(0), amount);
        emit IPool.Withdraw(asset, msg.sender, to, amount);
        return amount;
    }

    /// @dev Burns the scaled supply worth `amount` (max = all) from the caller's position, takes it out of cash and,
    ///      if the supply was collateral, checks the caller stays healthy. Returns the amount withdrawn.
    function _burnSupply(
        DataTypes.ReserveData storage r,
        DataTypes.Position storage p,
        address asset,
        uint256 amount,
        uint256 liquidityIndex,
        uint8 id
    ) private returns (uint256) {
        uint256 scaledBalance = p.scaledSupply;
        uint256 balance = scaledBalance.rayMulDown(liquidityIndex);
        if (amount == type(uint256).max) amount = balance;
        if (amount == 0) revert IPool.PoolNoSupply(asset, msg.sender);
        if (amount > balance) revert IPool.PoolInsufficientBalance(balance, amount);
        uint256 cash = r.cash;
        if (amount > cash) revert IPool.PoolInsufficientLiquidity(cash, amount);

        // Round up: the withdrawer gives up at least the shares its tokens are worth; all of them on a full exit.
        uint256 burn = ReserveLogic.scaledToBurnUp(amount, balance, scaledBalance, liquidityIndex);
        p.scaledSupply = uint128(scaledBalance - burn);
        r.totalSupplyScaled -= uint128(burn);
        r.cash = uint128(cash - amount);
        if (GenericLogic.isCollateral(msg.sender, id)) {
            if (scaledBalance == burn) {
                GenericLogic.clearBit(msg.sender, id, 0);
                emit IPool.ReserveUsedAsCollateralDisabled(asset, msg.sender);
            }
            GenericLogic.requireHealthy(msg.sender);
        }
        return amount;
    }
}
