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
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title SupplyLogic
/// @notice Supply and withdraw: the spoke validates and keeps each user's shares; the hub holds the tokens, mints and
///         burns the shares (rounding in its favour) and accrues interest.
library SupplyLogic {
    using WadRayMath for uint256;

    /// @notice Supply: validate, move the tokens into the hub, add them there (shares rounded down), check this
    ///         market's supply cap, credit the shares, emit.
    function executeSupply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) internal {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.SpokeReserve storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAmount(amount);
        // Amounts are stored in 128 bits; anything larger is not a real token amount.
        if (amount > type(uint128).max) revert IPool.PoolAmountTooLarge(amount, type(uint128).max);
        ValidationLogic.requireAddress(onBehalfOf);
        ValidationLogic.requireOpen(asset, c);

        uint256 scaled = _addToHub(ILiquidityHub(s.hub), asset, amount, c);
        DataTypes.Position storage p = s.positions[asset][onBehalfOf];
        uint256 before = p.scaledSupply;
        // Checked cast: after a reserve-wiping bad debt the liquidity index can be tiny and share counts huge.
        p.scaledSupply = SafeCast.toUint128(before + scaled);
        if (before == 0) GenericLogic.autoEnableCollateral(asset, onBehalfOf, c);

        IKToken(r.kToken).emitTransfer(address(0), onBehalfOf, amount);
        emit IPool.Supply(asset, msg.sender, onBehalfOf, amount, referralCode);
    }

    /// @dev Moves the caller's tokens into the hub, adds them there and checks this market's supply cap against the
    ///      spoke's whole supply in the hub. Returns the shares minted.
    function _addToHub(
        ILiquidityHub hub,
        address asset,
        uint256 amount,
        DataTypes.ReserveConfig memory c
    ) private returns (uint256 scaled) {
        TokenLogic.pullToHub(hub, asset, msg.sender, amount);
        uint256 liquidityIndex;
        uint256 spokeShares;
        (scaled, liquidityIndex, spokeShares) = hub.add(asset, amount);
        if (c.supplyCap != 0 && spokeShares.rayMulUp(liquidityIndex) > uint256(c.supplyCap) * 10 ** c.decimals) {
            revert IPool.PoolSupplyCapExceeded(asset, c.supplyCap);
        }
    }

    /// @notice Withdraw: validate, remove from the hub (shares rounded up, all of them on a full exit), debit the
    ///         shares, check health if the supply was collateral.
    function executeWithdraw(address asset, uint256 amount, address to) internal returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.SpokeReserve storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireAddress(to);
        ValidationLogic.requireActive(asset, c);

        DataTypes.Position storage p = s.positions[asset][msg.sender];
        uint256 scaledBalance = p.scaledSupply;
        if (scaledBalance == 0) revert IPool.PoolNoSupply(asset, msg.sender);
        uint256 burn;
        (burn, amount, ) = ILiquidityHub(s.hub).remove(asset, amount, scaledBalance, to);
        p.scaledSupply = uint128(scaledBalance - burn);
        if (GenericLogic.isCollateral(msg.sender, c.id)) {
            if (scaledBalance == burn) {
                GenericLogic.clearBit(msg.sender, c.id, 0);
                emit IPool.ReserveUsedAsCollateralDisabled(asset, msg.sender);
            }
            GenericLogic.requireHealthy(msg.sender);
        }
        IKToken(r.kToken).emitTransfer(msg.sender, address(0), amount);
        emit IPool.Withdraw(asset, msg.sender, to, amount);
        return amount;
    }
}
