// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IFlashLoanReceiver, IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {ILeverageHelper} from "../interfaces/ILeverageHelper.sol";

/// @title LeverageHelper
/// @notice One-transaction leverage on the Keel pool (e.g. 3x WETH against USDC) and its unwinding.
/// @dev Stateless between transactions: it never holds funds or positions after a call returns. Open uses a mode-2
///      flash loan (the borrowed amount becomes the user's debt at the end of the loan, after the bought collateral
///      is supplied, so the pool's borrow checks see the final position and no premium is paid). Close uses a
///      mode-0 `flashLoanSimple` and pays the premium. Results of a callback travel back to the entry function in
///      transient storage (EIP-1153), which is cleared at the end of the transaction anyway.
contract LeverageHelper is ILeverageHelper, IFlashLoanReceiver, IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;

    /// @inheritdoc ILeverageHelper
    address public immutable POOL;

    // Callback results handed back to `openLeverage` / `closeLeverage`.
    uint256 private transient _collateralBought;
    uint256 private transient _collateralWithdrawn;
    uint256 private transient _collateralSold;

    /// @param pool The Keel pool.
    constructor(address pool) {
        if (pool == address(0)) revert LeverageHelperZeroAmount();
        POOL = pool;
    }

    /// @inheritdoc ILeverageHelper
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /* ============================== OPEN ============================== */

    /// @inheritdoc ILeverageHelper
    /// @dev Steps: supply the initial collateral for the caller, flash-borrow `borrowAmount` in mode 2 on behalf of
    ///      the caller (spends the caller's credit delegation to this helper), swap it to collateral and supply that
    ///      for the caller inside the callback; the pool then records the debt and checks the caller's borrowing power.
    function openLeverage(OpenParams calldata p) external returns (uint256 collateralBought) {
        if (p.borrowAmount == 0) revert LeverageHelperZeroAmount();
        if (p.initialCollateral != 0) {
            IERC20(p.collateralAsset).safeTransferFrom(msg.sender, address(this), p.initialCollateral);
            _supplyFor(p.collateralAsset, p.initialCollateral, msg.sender);
        }

        address[] memory assets = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        uint256[] memory modes = new uint256[](1);
        (assets[0], amounts[0], modes[0]) = (p.debtAsset, p.borrowAmount, 2);
        IPool(POOL).flashLoan(address(this), assets, amounts, modes, msg.sender, abi.encode(msg.sender, p), 0);

        collateralBought = _collateralBought;
        emit LeverageOpened(
            msg.sender,
            p.collateralAsset,
            p.debtAsset,
            p.initialCollateral,
            p.borrowAmount,
            collateralBought
        );
    }

    /// @notice Pool callback of `openLeverage`'s mode-2 flash loan: swaps the borrowed debt asset to collateral and
    ///         supplies it for the user. Nothing is repaid here: the loan stays open as the user's debt.
    /// @dev Only the pool, and only for a loan this helper started: `initiator` is whoever called `flashLoan`, so a
    ///      loan started by anyone else is refused.
    function executeOperation(
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        if (msg.sender != POOL || initiator != address(this)) {
            revert LeverageHelperUntrustedCallback(msg.sender, initiator);
        }
        (address user, OpenParams memory p) = abi.decode(params, (address, OpenParams));
        IERC20(assets[0]).forceApprove(address(p.adapter), amounts[0]);
        uint256 bought = p.adapter.swapExactIn(
            assets[0],
            p.collateralAsset,
            amounts[0],
            p.minCollateralOut,
            address(this)
        );
        _supplyFor(p.collateralAsset, bought, user);
        _collateralBought = bought;
        return true;
    }

    /* ============================== CLOSE ============================== */

    /// @inheritdoc ILeverageHelper
    /// @dev Steps: flash-borrow the debt to repay (mode 0), repay it for the caller, pull the caller's kTokens,
    ///      withdraw them, buy exactly `loan + premium` of the debt asset with collateral, let the pool pull that,
    ///      then send the remaining collateral to the caller.
    function closeLeverage(CloseParams calldata p) external returns (uint256 collateralReturned) {
        IPool pool = IPool(POOL);
        uint256 debt = pool.debtBalanceOf(p.debtAsset, msg.sender);
        if (debt == 0) revert LeverageHelperNoDebt(p.debtAsset, msg.sender);
        // Same block as the repayment inside the callback, so this is exactly what `repay` will find.
        uint256 toRepay = p.debtToRepay < debt ? p.debtToRepay : debt;
        uint256 toWithdraw = p.collateralToWithdraw;
        if (toWithdraw == type(uint256).max) toWithdraw = pool.supplyBalanceOf(p.collateralAsset, msg.sender);
        if (toRepay == 0 || toWithdraw == 0) revert LeverageHelperZeroAmount();

        pool.flashLoanSimple(address(this), p.debtAsset, toRepay, abi.encode(msg.sender, toWithdraw, p), 0);

        collateralReturned = _collateralWithdrawn - _collateralSold;
        IERC20(p.collateralAsset).safeTransfer(msg.sender, collateralReturned);
        emit LeverageClosed(
            msg.sender,
            p.collateralAsset,
            p.debtAsset,
            toRepay,
            _collateralWithdrawn,
            _collateralSold,
            collateralReturned
        );
    }

    /// @notice Pool callback of `closeLeverage`'s flash loan: repays the user's debt, takes and withdraws the user's
    ///         collateral, sells just enough of it to repay `amount + premium` and approves the pool for that.
    /// @dev Only the pool, and only for a loan this helper started (see the multi-asset callback).
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        if (msg.sender != POOL || initiator != address(this)) {
            revert LeverageHelperUntrustedCallback(msg.sender, initiator);
        }
        (address user, uint256 toWithdraw, CloseParams memory p) = abi.decode(params, (address, uint256, CloseParams));

        IERC20(asset).forceApprove(POOL, amount);
        IPool(POOL).repay(asset, amount, 2, user);

        uint256 withdrawn = _takeCollateral(p.collateralAsset, user, toWithdraw);
        uint256 sold = _buyBack(p, asset, amount + premium, withdrawn);

        IERC20(asset).forceApprove(POOL, amount + premium);
        (_collateralWithdrawn, _collateralSold) = (withdrawn, sold);
        return true;
    }

    /* ============================== INTERNAL ============================== */

    /// @dev Pulls `amount` of `user`'s supply of `asset` as kTokens and withdraws all of this helper's supply (the
    ///      transfer rounds the moved shares up, so this is at least `amount`). The user's debt was repaid first, so
    ///      the pool's health check on the kToken transfer passes.
    function _takeCollateral(address asset, address user, uint256 amount) private returns (uint256 withdrawn) {
        IERC20(IPool(POOL).getKeelReserveData(asset).kToken).safeTransferFrom(user, address(this), amount);
        withdrawn = IPool(POOL).withdraw(asset, type(uint256).max, address(this));
    }

    /// @dev Buys exactly `owed` of `debtAsset` with at most min(maxCollateralIn, available) collateral.
    function _buyBack(
        CloseParams memory p,
        address debtAsset,
        uint256 owed,
        uint256 available
    ) private returns (uint256 sold) {
        uint256 maxIn = p.maxCollateralIn < available ? p.maxCollateralIn : available;
        IERC20(p.collateralAsset).forceApprove(address(p.adapter), maxIn);
        sold = p.adapter.swapExactOut(p.collateralAsset, debtAsset, owed, maxIn, address(this));
        IERC20(p.collateralAsset).forceApprove(address(p.adapter), 0);
    }

    function _supplyFor(address asset, uint256 amount, address user) private {
        IERC20(asset).forceApprove(POOL, amount);
        IPool(POOL).supply(asset, amount, user, 0);
    }
}
