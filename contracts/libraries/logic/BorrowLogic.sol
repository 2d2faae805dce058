// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {RateLimits} from "../math/RateLimits.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {GenericLogic} from "./GenericLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";

/// @title BorrowLogic
/// @notice Variable-rate borrowing and repayment: the spoke keeps each borrower's drawn shares and checks its
///         borrowing power; the hub lends the tokens and records the spoke's debt (rounded up).
library BorrowLogic {
    using WadRayMath for uint256;

    /// @notice Borrow: validate, spend credit delegation, draw from the hub to the caller, record the debt, check
    ///         this market's borrow cap and the account's borrowing power at current prices, emit.
    function executeBorrow(
        address asset,
        uint256 amount,
        uint256 mode,
        uint16 referralCode,
        address onBehalfOf
    ) internal {
        ValidationLogic.requireVariableMode(mode);
        uint256 rate = recordBorrowFor(msg.sender, asset, amount, onBehalfOf, msg.sender);
        // Aave emits the annual rate (RAY); Keel stores it per second (issue 15): annualised here, simple.
        emit IPool.Borrow(asset, msg.sender, onBehalfOf, amount, 2, rate * RateLimits.SECONDS_PER_YEAR, referralCode);
    }

    /// @notice Draws `amount` from the hub to `to` as new debt of `onBehalfOf`, taken by `caller` (who spends
    ///         `onBehalfOf`'s credit delegation when they differ), and checks the account can carry it. Shared with
    ///         flash loans left open as debt (mode 2), whose tokens are already out (`to` = the hub: drawn in place).
    /// @return borrowRate The asset's new borrow rate (RAY per second).
    function recordBorrowFor(
        address caller,
        address asset,
        uint256 amount,
        address onBehalfOf,
        address to
    ) internal returns (uint256 borrowRate) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveConfig memory c = s.reserves[asset].config;
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireAddress(onBehalfOf);
        ValidationLogic.requireOpen(asset, c);
        if (c.flags & ReserveFlags.BORROWING == 0) revert IPool.PoolBorrowingDisabled(asset);
        if (onBehalfOf != caller) {
            uint256 allowance = s.borrowAllowances[onBehalfOf][asset][caller];
            if (allowance < amount) revert IPool.PoolInsufficientCreditDelegation(allowance, amount);
            // Always spent, a `max` allowance too, as Aave's debt tokens do (issue 15): credit delegation is a loan
            // limit, not an ERC-20 approval, and an integrator reading `borrowAllowance` must see what is left.
            s.borrowAllowances[onBehalfOf][asset][caller] = allowance - amount;
            emit IPool.BorrowAllowanceDelegated(onBehalfOf, caller, asset, allowance - amount);
        }

        (uint256 scaled, uint256 borrowIndex, uint256 spokeDrawn, uint256 rate) = ILiquidityHub(s.hub).draw(
            asset,
            amount,
            to
        );
        if (c.borrowCap != 0 && spokeDrawn.rayMulUp(borrowIndex) > uint256(c.borrowCap) * 10 ** c.decimals) {
            revert IPool.PoolBorrowCapExceeded(asset, c.borrowCap);
        }
        s.positions[asset][onBehalfOf].scaledDebt += uint128(scaled);
        GenericLogic.setBit(onBehalfOf, c.id, 1, true);
        GenericLogic.requireBorrowPower(onBehalfOf);
        return rate;
    }

    /// @notice Repay: validate, accrue in the hub, move what is owed (at most `amount`) into the hub, restore it there
    ///         (drawn shares rounded down; all of them on a full repay), debit the borrower.
    function executeRepay(address asset, uint256 amount, uint256 mode, address onBehalfOf) internal returns (uint256) {
        ValidationLogic.requireVariableMode(mode);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveConfig memory c = s.reserves[asset].config;
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireAddress(onBehalfOf);
        ValidationLogic.requireListed(asset, c); // never paused: repaying only reduces risk (issue 10, finding 1)
        if (amount == type(uint256).max && onBehalfOf != msg.sender) revert IPool.PoolNoExplicitAmountToRepayOnBehalf();

        DataTypes.Position storage p = s.positions[asset][onBehalfOf];
        uint256 scaledDebt = p.scaledDebt;
        if (scaledDebt == 0) revert IPool.PoolNoDebt(asset, onBehalfOf);
        ILiquidityHub hub = ILiquidityHub(s.hub);
        (, uint256 borrowIndex) = hub.accrue(asset);
        uint256 debt = scaledDebt.rayMulUp(borrowIndex);
        uint256 paid = amount < debt ? amount : debt;
        TokenLogic.pullToHub(hub, asset, msg.sender, paid);
        uint256 burn = hub.restore(asset, paid, scaledDebt);
        p.scaledDebt = uint128(scaledDebt - burn);
        if (burn == scaledDebt) GenericLogic.clearBit(onBehalfOf, c.id, 1);
        emit IPool.Repay(asset, onBehalfOf, msg.sender, paid, false);
        return paid;
    }
}
