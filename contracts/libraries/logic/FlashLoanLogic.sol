// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib, PoolLocks} from "../../pool/PoolStorage.sol";
import {ReserveLogic} from "./ReserveLogic.sol";
import {BorrowLogic} from "./BorrowLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver, IFlashLoanReceiver} from "../../interfaces/IFlashLoanReceiver.sol";

/// @title FlashLoanLogic
/// @notice Aave-compatible flash loans. An external library (DELEGATECALLed by the pool).
/// @dev Order (STYLE rule 8): validate, send, call back, check the answer, then pull repayment. The pool's
///      reentrancy lock is released during the callback so receivers can use the pool (supply, repay, borrow), but
///      a second flash loan cannot start until the first one ends, and repayment is pulled and measured under the
///      lock: no interleaving can skip the premium or leave the pool short.
library FlashLoanLogic {
    using WadRayMath for uint256;

    struct FlashVars {
        uint256 premium;
        uint256 liquidityIndex;
    }

    /// @notice `flashLoanSimple`.
    function executeFlashLoanSimple(
        address receiver,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16 referralCode
    ) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveData storage r = s.reserves[asset];
        _validate(s, asset, r.config, amount);
        _send(r, asset, receiver, amount); // checks liquidity first: no premium maths on an impossible amount
        // Loans of the registered ERC-3156 lender carry its caller as the first word of `params`: the fee waiver
        // follows that caller, so an exempt account is exempt through either API. Only the lender is trusted for it.
        address initiator = msg.sender;
        if (initiator == s.flashLender && params.length >= 32) initiator = abi.decode(params[:32], (address));
        uint256 premium = premiumOf(s, initiator, amount);

        PoolLocks.setLocked(false);
        if (!IFlashLoanSimpleReceiver(receiver).executeOperation(asset, amount, premium, msg.sender, params)) {
            revert IPool.PoolFlashReceiverFailed(receiver);
        }
        if (PoolLocks.locked()) revert IPool.PoolReentrancy();
        PoolLocks.setLocked(true);

        _repay(s, r, asset, receiver, amount, premium);
        PoolLocks.setFlashInProgress(false);
        emit IPool.FlashLoan(receiver, msg.sender, asset, amount, 0, premium, referralCode);
    }

    struct MultiParams {
        address receiver;
        address[] assets;
        uint256[] amounts;
        uint256[] modes;
        address onBehalfOf;
        bytes params;
        uint16 referralCode;
    }

    /// @notice `flashLoan` (multi-asset; mode 2 leaves the amount as debt of `onBehalfOf`).
    function executeFlashLoan(MultiParams memory p) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        uint256 n = p.assets.length;
        if (n == 0 || n != p.amounts.length || n != p.modes.length) revert IPool.PoolInconsistentFlashLoanParams();
        uint256[] memory premiums = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            if (p.modes[i] != 0 && p.modes[i] != 2) revert IPool.PoolInvalidInterestRateMode(p.modes[i]);
            DataTypes.ReserveData storage r = s.reserves[p.assets[i]];
            if (i == 0) _validate(s, p.assets[i], r.config, p.amounts[i]);
            else _validateAsset(p.assets[i], r.config, p.amounts[i]);
            _send(r, p.assets[i], p.receiver, p.amounts[i]);
            premiums[i] = p.modes[i] == 0 ? premiumOf(s, msg.sender, p.amounts[i]) : 0;
        }

        PoolLocks.setLocked(false);
        if (!IFlashLoanReceiver(p.receiver).executeOperation(p.assets, p.amounts, premiums, msg.sender, p.params)) {
            revert IPool.PoolFlashReceiverFailed(p.receiver);
        }
        if (PoolLocks.locked()) revert IPool.PoolReentrancy();
        PoolLocks.setLocked(true);

        for (uint256 i; i < n; ++i) {
            DataTypes.ReserveData storage r = s.reserves[p.assets[i]];
            if (p.modes[i] == 0) {
                _repay(s, r, p.assets[i], p.receiver, p.amounts[i], premiums[i]);
            } else {
                // The tokens are already out: give the cash back, then record the borrow, which takes it again
                // with every borrow check (credit delegation, caps, borrowing power).
                r.cash += uint128(p.amounts[i]);
                uint256 borrowIndex = BorrowLogic.recordBorrow(p.assets[i], r, p.amounts[i], p.onBehalfOf);
                ReserveLogic.updateRate(r, p.assets[i], borrowIndex);
                emit IPool.Borrow(
                    p.assets[i], msg.sender, p.onBehalfOf, p.amounts[i], 2, r.borrowRate * ReserveLogic.SECONDS_PER_YEAR, p.referralCode
                );
            }
            emit IPool.FlashLoan(p.receiver, msg.sender, p.assets[i], p.amounts[i], uint8(p.modes[i]), premiums[i], p.referralCode);
        }
        PoolLocks.setFlashInProgress(false);
    }

    /// @notice Premium owed by `initiator` for `amount`, rounded up; zero for fee-exempt flash borrowers.
    function premiumOf(PoolStorage.Layout storage s, address initiator, uint256 amount) internal view returns (uint256) {
        if (s.flashBorrowers[initiator]) return 0;
        return amount.bpsMulUp(s.flashPremium);
    }

    function _validate(PoolStorage.Layout storage s, address asset, DataTypes.ReserveConfig memory c, uint256 amount)
        private
    {
        if (s.flashLoansPaused) revert IPool.PoolFlashLoansPaused();
        if (PoolLocks.flashInProgress()) revert IPool.PoolFlashLoanInProgress();
        PoolLocks.setFlashInProgress(true);
        _validateAsset(asset, c, amount);
    }

    function _validateAsset(address asset, DataTypes.ReserveConfig memory c, uint256 amount) private view {
        ValidationLogic.requireAmount(amount);
        ValidationLogic.requireActive(asset, c);
        if (c.flags & ReserveFlags.FLASH_LOANS == 0) revert IPool.PoolFlashLoanDisabled(asset);
    }

    function _send(DataTypes.ReserveData storage r, address asset, address receiver, uint256 amount) private {
        uint256 cash = r.cash;
        if (amount > cash) revert IPool.PoolInsufficientLiquidity(cash, amount);
        r.cash = uint128(cash - amount);
        TokenLogic.send(asset, receiver, amount);
    }

    /// @dev Pulls `amount + premium` (measured), then credits the premium: the treasury's share as a supply
    ///      position (rounded down), the rest to suppliers through the liquidity index (rounded down). The pool ends
    ///      richer by exactly the premium; claims grow by at most that.
    function _repay(
        PoolStorage.Layout storage s,
        DataTypes.ReserveData storage r,
        address asset,
        address receiver,
        uint256 amount,
        uint256 premium
    ) private {
        TokenLogic.pullExact(asset, receiver, amount + premium);
        (uint256 liquidityIndex, uint256 borrowIndex) = ReserveLogic.accrue(r, asset);
        r.cash += uint128(amount + premium);
        if (premium != 0) {
            address treasury = s.treasury;
            uint256 toProtocol = treasury == address(0) ? 0 : premium.bpsMulDown(s.flashPremiumToProtocol);
            uint256 supplyScaled = r.totalSupplyScaled;
            uint256 treasuryScaled;
            (liquidityIndex, treasuryScaled) =
                ReserveLogic.splitIncome(liquidityIndex, supplyScaled, premium - toProtocol, toProtocol);
            r.liquidityIndex = uint128(liquidityIndex);
            if (toProtocol != 0) ReserveLogic.creditTreasury(r, asset, treasury, supplyScaled, treasuryScaled);
        }
        ReserveLogic.updateRate(r, asset, borrowIndex);
    }
}
