// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {RateLimits} from "../math/RateLimits.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {BorrowLogic} from "./BorrowLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {IFlashLoanReceiver} from "../../interfaces/IFlashLoanReceiver.sol";

/// @title FlashLoanLogic
/// @notice Aave-compatible flash loans of the core spoke, riding on the hub's spoke flash loan: the spoke validates
///         and prices the loan, the hub sends the tokens and calls the spoke back (`onHubFlashLoan`), the spoke calls
///         the receiver and moves the repayment into the hub, and the hub checks its books are whole plus the premium
///         before it returns. An external library (DELEGATECALLed by the pool).
/// @dev The pool's reentrancy lock is released during the receiver's callback so receivers can use the pool
///      (supply, repay, borrow), but a second flash loan cannot start until the first one ends (the pool's flag and
///      the hub's), and repayment is pulled under the lock. The lock and the flag are the pool's transient variables:
///      the pool sets them around these calls (`flashLoanGuard`, `onHubFlashLoan`), and the hub's callback runs here
///      in two steps, `executeReceiverCallback` (unlocked) then `executeHubCallback` (locked).
library FlashLoanLogic {
    using WadRayMath for uint256;

    /// @dev The kind byte that opens a loan's callback data: a simple loan (handled by the pool's `onHubFlashLoan`
    ///      itself) or a multi-asset one (the two steps below).
    uint8 internal constant SIMPLE = 1;
    uint8 internal constant MULTI = 2;

    /// @notice `flashLoanSimple`.
    function executeFlashLoanSimple(
        address receiver,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16 referralCode
    ) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        _validate(s, asset, s.reserves[asset].config, amount);
        // Loans of the registered ERC-3156 lender carry its caller as the first word of `params`: the fee waiver
        // follows that caller, so an exempt account is exempt through either API. Only the lender is trusted for it.
        address initiator = msg.sender;
        if (initiator == s.flashLender && params.length >= 32) initiator = abi.decode(params[:32], (address));
        uint256 premium = _hubFlashSimple(s, receiver, asset, amount, premiumOf(s, initiator, amount), params);
        emit IPool.FlashLoan(receiver, msg.sender, asset, amount, 0, premium, referralCode);
    }

    function _hubFlashSimple(
        PoolStorage.Layout storage s,
        address receiver,
        address asset,
        uint256 amount,
        uint256 premium,
        bytes calldata params
    ) private returns (uint256) {
        // One kind byte, then the loan: decoded straight from the callback's calldata, no nested copy.
        bytes memory data = abi.encodePacked(SIMPLE, abi.encode(receiver, asset, amount, premium, msg.sender, params));
        _spokeFlash(s, _asArray(uint256(uint160(asset))), _asArray(amount), _asArray(premium), receiver, data);
        return premium;
    }

    function _spokeFlash(
        PoolStorage.Layout storage s,
        uint256[] memory assets,
        uint256[] memory amounts,
        uint256[] memory premiums,
        address receiver,
        bytes memory data
    ) private {
        address[] memory assetList;
        assembly ("memory-safe") {
            assetList := assets
        }
        ILiquidityHub(s.hub).spokeFlashLoan(assetList, amounts, premiums, s.flashPremiumToProtocol, receiver, data);
    }

    function _asArray(uint256 value) private pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = value;
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
            DataTypes.ReserveConfig memory c = s.reserves[p.assets[i]].config;
            if (i == 0) _validate(s, p.assets[i], c, p.amounts[i]);
            else _validateAsset(p.assets[i], c, p.amounts[i]);
            premiums[i] = p.modes[i] == 0 ? premiumOf(s, msg.sender, p.amounts[i]) : 0;
        }
        ILiquidityHub(s.hub).spokeFlashLoan(
            p.assets,
            p.amounts,
            premiums,
            s.flashPremiumToProtocol,
            p.receiver,
            abi.encodePacked(MULTI, abi.encode(p, premiums, msg.sender))
        );
    }

    /// @notice First step of the hub's callback on a multi-asset loan (`ISpokeFlashCallback.onHubFlashLoan`; the
    ///         pool checked it is the hub, during this spoke's own flash loan, and released its lock): calls the
    ///         receiver.
    /// @dev `data` is what `executeFlashLoan` wrote: the MULTI kind byte and the loan. Simple loans never get here.
    function executeReceiverCallback(bytes calldata data) external {
        (MultiParams memory p, uint256[] memory premiums, address initiator) = abi.decode(
            data[1:],
            (MultiParams, uint256[], address)
        );
        if (!IFlashLoanReceiver(p.receiver).executeOperation(p.assets, p.amounts, premiums, initiator, p.params)) {
            revert IPool.PoolFlashReceiverFailed(p.receiver);
        }
    }

    /// @notice Second step of the hub's callback on a multi-asset loan, under the pool's lock again: moves every
    ///         repayment into the hub (mode 0) or records the borrow, drawn in place (mode 2).
    function executeHubCallback(bytes calldata data) external {
        _multiSettle(PoolStorageLib.layout(), data[1:]);
    }

    function _multiSettle(PoolStorage.Layout storage s, bytes calldata inner) private {
        (MultiParams memory p, uint256[] memory premiums, address initiator) = abi.decode(
            inner,
            (MultiParams, uint256[], address)
        );
        ILiquidityHub hub = ILiquidityHub(s.hub);
        for (uint256 i; i < p.assets.length; ++i) {
            if (p.modes[i] == 0) {
                TokenLogic.pullToHub(hub, p.assets[i], p.receiver, p.amounts[i] + premiums[i]);
            } else {
                // The tokens are already out: drawn in place, with every borrow check (credit delegation, caps,
                // borrowing power). `msg.sender` here is the hub: the borrower of record is the loan's initiator.
                uint256 rate = BorrowLogic.recordBorrowFor(
                    initiator,
                    p.assets[i],
                    p.amounts[i],
                    p.onBehalfOf,
                    address(hub)
                );
                emit IPool.Borrow(
                    p.assets[i],
                    initiator,
                    p.onBehalfOf,
                    p.amounts[i],
                    2,
                    rate * RateLimits.SECONDS_PER_YEAR,
                    p.referralCode
                );
            }
            emit IPool.FlashLoan(
                p.receiver,
                initiator,
                p.assets[i],
                p.amounts[i],
                uint8(p.modes[i]),
                premiums[i],
                p.referralCode
            );
        }
    }

    /// @notice Premium owed by `initiator` for `amount`, rounded up; zero for fee-exempt flash borrowers.
    function premiumOf(
        PoolStorage.Layout storage s,
        address initiator,
        uint256 amount
    ) internal view returns (uint256) {
        if (s.flashBorrowers[initiator]) return 0;
        return amount.bpsMulUp(s.flashPremium);
    }

    function _validate(
        PoolStorage.Layout storage s,
        address asset,
        DataTypes.ReserveConfig memory c,
        uint256 amount
    ) private view {
        if (s.flashLoansPaused) revert IPool.PoolFlashLoansPaused();
        _validateAsset(asset, c, amount);
    }

    function _validateAsset(address asset, DataTypes.ReserveConfig memory c, uint256 amount) private view {
        ValidationLogic.requireAmount(amount);
        if (amount > type(uint128).max) revert IPool.PoolAmountTooLarge(amount, type(uint128).max);
        ValidationLogic.requireActive(asset, c);
        if (c.flags & ReserveFlags.FLASH_LOANS == 0) revert IPool.PoolFlashLoanDisabled(asset);
    }
}
