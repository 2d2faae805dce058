// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ReserveLogic} from "./ReserveLogic.sol";
import {GenericLogic} from "./GenericLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";

/// @title BorrowLogic
/// @notice Variable-rate borrowing and repayment.
library BorrowLogic {
    using WadRayMath for uint256;

    /// @notice Borrow: validate, spend credit delegation, accrue, record the debt (rounded up), check borrowing
    ///         power at current prices, update the rate, send.
    function executeBorrow(address asset, uint256 amount, uint256 mode, uint16 referralCode, address onBehalfOf)
        internal
    {
        ValidationLogic.requireVariableMode(mode);
        DataTypes.ReserveData storage r = PoolStorageLib.layout().reserves[asset];
        uint256 borrowIndex = recordBorrow(asset, r, amount, onBehalfOf);
        ReserveLogic.updateRate(r, asset, borrowIndex);
        TokenLogic.send(asset, msg.sender, amount);
        // Aave emits the annual rate (RAY); Keel stores it per second (issue 15): annualised here, simple.
        emit IPool.Borrow(asset, msg.sender, onBehalfOf, amount, 2, r.borrowRate * ReserveLogic.SECONDS_PER_YEAR, referralCode);
    }

    /// @notice Records `amount` of new debt for `onBehalfOf`, taking it out of the reserve's cash, and checks the
    ///         account can carry it. Shared with flash loans left open as debt (mode 2), whose tokens are already out.
    /// @return borrowIndex The reserve's current borrow index (RAY).
    function recordBorrow(address asset, DataTypes.ReserveData storage r, uint256 amount, address onBehalfOf)
        internal
        returns (uint256 borrowIndex)
    {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireAddress(onBehalfOf);
        ValidationLogic.requireOpen(asset, c);
        if (c.flags & ReserveFlags.BORROWING == 0) revert IPool.PoolBorrowingDisabled(asset);
        if (onBehalfOf != msg.sender) {
            uint256 allowance = s.borrowAllowances[onBehalfOf][asset][msg.sender];
            if (allowance < amount) revert IPool.PoolInsufficientCreditDelegation(allowance, amount);
            // Always spent, a `max` allowance too, as Aave's debt tokens do (issue 15): credit delegation is a loan
            // limit, not an ERC-20 approval, and an integrator reading `borrowAllowance` must see what is left.
            s.borrowAllowances[onBehalfOf][asset][msg.sender] = allowance - amount;
            emit IPool.BorrowAllowanceDelegated(onBehalfOf, msg.sender, asset, allowance - amount);
        }

        (, borrowIndex) = ReserveLogic.accrue(r, asset);
        uint256 cash = r.cash;
        if (amount > cash) revert IPool.PoolInsufficientLiquidity(cash, amount);
        // Round up: the borrower owes at least what it received.
        uint256 scaled = amount.rayDivUp(borrowIndex);
        uint256 newTotalScaled = r.totalDebtScaled + scaled;
        if (c.borrowCap != 0 && newTotalScaled.rayMulUp(borrowIndex) > uint256(c.borrowCap) * 10 ** c.decimals) {
            revert IPool.PoolBorrowCapExceeded(asset, c.borrowCap);
        }
        DataTypes.Position storage p = s.positions[asset][onBehalfOf];
        p.scaledDebt += uint128(scaled);
        r.totalDebtScaled = uint128(newTotalScaled);
        r.cash = uint128(cash - amount);
        GenericLogic.setBit(onBehalfOf, c.id, 1, true);
        GenericLogic.requireBorrowPower(onBehalfOf);
    }

    /// @notice Repay: validate, accrue, burn scaled debt (rounded down; all of it on a full repay), pull the tokens
    ///         (measured), update the rate.
    function executeRepay(address asset, uint256 amount, uint256 mode, address onBehalfOf) internal returns (uint256) {
        ValidationLogic.requireVariableMode(mode);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveData storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireAddress(onBehalfOf);
        ValidationLogic.requireListed(asset, c); // never paused: repaying only reduces risk (issue 10, finding 1)
        if (amount == type(uint256).max && onBehalfOf != msg.sender) revert IPool.PoolNoExplicitAmountToRepayOnBehalf();

        (, uint256 borrowIndex) = ReserveLogic.accrue(r, asset);
        DataTypes.Position storage p = s.positions[asset][onBehalfOf];
        uint256 scaledDebt = p.scaledDebt;
        uint256 debt = scaledDebt.rayMulUp(borrowIndex);
        if (debt == 0) revert IPool.PoolNoDebt(asset, onBehalfOf);
        uint256 paid = amount < debt ? amount : debt;
        // Round down: a partial repayment cancels at most the shares it pays for.
        uint256 burn = paid == debt ? scaledDebt : paid.rayDivDown(borrowIndex);
        p.scaledDebt = uint128(scaledDebt - burn);
        r.totalDebtScaled -= uint128(burn);
        r.cash += uint128(paid);
        if (burn == scaledDebt) GenericLogic.clearBit(onBehalfOf, c.id, 1);

        TokenLogic.pullExact(asset, msg.sender, paid);
        ReserveLogic.updateRate(r, asset, borrowIndex);
        emit IPool.Repay(asset, onBehalfOf, msg.sender, paid, false);
        return paid;
    }
}
