// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {TransientReentrancyGuard} from "../utils/TransientReentrancyGuard.sol";

import {IPegStabilityModule} from "../interfaces/IPegStabilityModule.sol";
import {ISynthToken} from "../interfaces/ISynthToken.sol";

/// @title PegStabilityModule
/// @notice 1:1 swaps between a reserve stablecoin and kUSD, less DAO-set fees. See IPegStabilityModule.
/// @dev Backing is exact: a buy of `r` reserve units mints `r * SCALE` kUSD in all (buyer and fee), a sell burns
///      `out * SCALE` and pays `out`; so `reserve held * SCALE >= kUSD minted here` always (donations only add). Fees
///      are paid in kUSD to the receiver and stay backed. Rounding favours the module: kUSD out rounds down, fees up.
///      Not upgradeable: it holds the reserve and has no state a migration could not rebuild; the DAO replaces it by
///      registering a new facilitator and lowering this one's bucket to zero (sells go on).
/// @custom:security-contact security@keel.example
contract PegStabilityModule is IPegStabilityModule, AccessManaged, TransientReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Basis points in one.
    uint256 public constant BPS = 10_000;
    /// @notice Highest fee in either direction (bps).
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice How long a guardian pause lasts at most (seconds): no pause holds redemptions for long.
    uint256 public constant GUARDIAN_PAUSE = 3 days;

    /// @notice kUSD units per reserve unit (10^(18 - reserve decimals)).
    uint256 public immutable SCALE;
    IERC20 private immutable _reserve;
    ISynthToken private immutable _kusd;

    /// @notice Fee on buys (bps).
    uint16 public buyFeeBps;
    /// @notice Fee on sells (bps).
    uint16 public sellFeeBps;
    /// @notice End of the current pause (seconds), zero when none.
    uint40 public pausedUntil;
    /// @notice Receiver of the fees (the treasury).
    address public feeReceiver;

    /// @param reserve_ The reserve stablecoin (at most 18 decimals).
    /// @param kusd_ kUSD.
    /// @param authority The DAO's AccessManager.
    /// @param feeReceiver_ Receiver of the fees.
    /// @param buyFeeBps_ Initial buy fee.
    /// @param sellFeeBps_ Initial sell fee.
    constructor(
        address reserve_,
        address kusd_,
        address authority,
        address feeReceiver_,
        uint16 buyFeeBps_,
        uint16 sellFeeBps_
    ) AccessManaged(authority) {
        if (reserve_ == address(0) || kusd_ == address(0) || feeReceiver_ == address(0)) revert PsmZeroAddress();
        uint8 d = IERC20Metadata(reserve_).decimals();
        uint8 k = IERC20Metadata(kusd_).decimals();
        if (d > k) revert PsmBadDecimals(d);
        SCALE = 10 ** (k - d);
        _reserve = IERC20(reserve_);
        _kusd = ISynthToken(kusd_);
        feeReceiver = feeReceiver_;
        _setFees(buyFeeBps_, sellFeeBps_);
    }

    /// @inheritdoc IPegStabilityModule
    function buy(uint256 reserveIn, uint256 minKusdOut, address to) external nonReentrant returns (uint256 kusdOut) {
        uint256 fee;
        (kusdOut, fee) = quoteBuy(reserveIn);
        _checkSwap(reserveIn, kusdOut, minKusdOut, to);
        _reserve.safeTransferFrom(msg.sender, address(this), reserveIn);
        _kusd.mint(to, kusdOut); // the bucket cap bounds the module's exposure
        if (fee != 0) _kusd.mint(feeReceiver, fee);
        emit Bought(msg.sender, to, reserveIn, kusdOut, fee);
    }

    /// @inheritdoc IPegStabilityModule
    function sell(
        uint256 kusdIn,
        uint256 minReserveOut,
        address to
    ) external nonReentrant returns (uint256 reserveOut) {
        uint256 fee;
        (reserveOut, fee) = quoteSell(kusdIn);
        _checkSwap(kusdIn, reserveOut, minReserveOut, to);
        IERC20(address(_kusd)).safeTransferFrom(msg.sender, address(this), kusdIn);
        _kusd.burn(reserveOut * SCALE);
        if (fee != 0) IERC20(address(_kusd)).safeTransfer(feeReceiver, fee);
        _reserve.safeTransfer(to, reserveOut);
        emit Sold(msg.sender, to, kusdIn, reserveOut, fee);
    }

    /// @inheritdoc IPegStabilityModule
    function quoteBuy(uint256 reserveIn) public view returns (uint256 kusdOut, uint256 fee) {
        uint256 gross = reserveIn * SCALE;
        fee = Math.mulDiv(gross, buyFeeBps, BPS, Math.Rounding.Ceil);
        kusdOut = gross - fee;
    }

    /// @inheritdoc IPegStabilityModule
    function quoteSell(uint256 kusdIn) public view returns (uint256 reserveOut, uint256 fee) {
        uint256 feeUp = Math.mulDiv(kusdIn, sellFeeBps, BPS, Math.Rounding.Ceil);
        reserveOut = (kusdIn - feeUp) / SCALE; // rounded down; the remainder joins the fee
        fee = kusdIn - reserveOut * SCALE;
    }

    /// @inheritdoc IPegStabilityModule
    function setFees(uint16 buyFeeBps_, uint16 sellFeeBps_) external restricted {
        _setFees(buyFeeBps_, sellFeeBps_);
    }

    /// @inheritdoc IPegStabilityModule
    function setFeeReceiver(address receiver) external restricted {
        if (receiver == address(0)) revert PsmZeroAddress();
        feeReceiver = receiver;
        emit FeeReceiverSet(receiver);
    }

    /// @inheritdoc IPegStabilityModule
    function pause() external restricted {
        uint256 until = block.timestamp + GUARDIAN_PAUSE;
        pausedUntil = uint40(until);
        emit PausedUntil(until);
    }

    /// @inheritdoc IPegStabilityModule
    function unpause() external restricted {
        pausedUntil = 0;
        emit PausedUntil(0);
    }

    /// @inheritdoc IPegStabilityModule
    function reserve() external view returns (address) {
        return address(_reserve);
    }

    /// @inheritdoc IPegStabilityModule
    function kusd() external view returns (address) {
        return address(_kusd);
    }

    function _setFees(uint16 buyFee, uint16 sellFee) private {
        if (buyFee > MAX_FEE_BPS) revert PsmFeeTooHigh(buyFee, MAX_FEE_BPS);
        if (sellFee > MAX_FEE_BPS) revert PsmFeeTooHigh(sellFee, MAX_FEE_BPS);
        buyFeeBps = buyFee;
        sellFeeBps = sellFee;
        emit FeesSet(buyFee, sellFee);
    }

    /// @dev The checks both swap directions make, in this order: not paused, a receiver, something out, the slippage.
    function _checkSwap(uint256 amountIn, uint256 out, uint256 minOut, address to) private view {
        uint256 until = pausedUntil;
        if (block.timestamp < until) revert PsmPaused(until);
        if (to == address(0)) revert PsmZeroAddress();
        if (out == 0) revert PsmAmountTooSmall(amountIn);
        if (out < minOut) revert PsmSlippage(out, minOut);
    }
}
