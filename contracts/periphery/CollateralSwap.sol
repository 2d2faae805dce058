// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {ICollateralSwap} from "../interfaces/ICollateralSwap.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";

/// @title CollateralSwap
/// @notice Swaps one collateral of the caller's Keel account for another, debt untouched (see `ICollateralSwap`).
/// @dev Why flash-borrow the NEW asset: supplying it first keeps the account healthy while the old collateral
///      leaves (the kToken transfer checks health), so even an account close to its limit can switch. Stateless
///      between transactions.
contract CollateralSwap is ICollateralSwap, IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;

    uint256 private constant BPS = 10_000;

    /// @inheritdoc ICollateralSwap
    address public immutable POOL;

    /// @dev What the callback needs, passed through the pool as `params`.
    struct Job {
        address user;
        address fromAsset;
        uint256 fromAmount;
        ISwapAdapter adapter;
    }

    uint256 private transient _leftover;
    uint256 private transient _premium;

    /// @param pool The Keel pool.
    constructor(address pool) {
        if (pool == address(0)) revert CollateralSwapInvalidParams();
        POOL = pool;
    }

    /// @inheritdoc ICollateralSwap
    /// @dev The loan is the largest amount whose `loan + premium` the sale of `fromAmount` still covers at the current
    ///      quote: loan = floor(quote * BPS / (BPS + premiumBps)), so ceil(loan * (BPS + premiumBps) / BPS) <= quote.
    function swapCollateral(
        address fromAsset,
        uint256 fromAmount,
        address toAsset,
        uint256 minToSupplied,
        ISwapAdapter adapter
    ) external returns (uint256 toSupplied) {
        if (fromAsset == toAsset || fromAmount == 0) revert CollateralSwapInvalidParams();
        IPool pool = IPool(POOL);
        if (fromAmount == type(uint256).max) fromAmount = pool.supplyBalanceOf(fromAsset, msg.sender);
        if (fromAmount == 0) revert CollateralSwapInvalidParams();

        uint256 premiumBps = pool.isFlashBorrower(address(this)) ? 0 : pool.FLASHLOAN_PREMIUM_TOTAL();
        uint256 quoted = adapter.quoteExactIn(fromAsset, toAsset, fromAmount);
        toSupplied = (quoted * BPS) / (BPS + premiumBps);
        if (toSupplied < minToSupplied || toSupplied == 0)
            revert CollateralSwapInsufficientOutput(toSupplied, minToSupplied);

        pool.flashLoanSimple(
            address(this),
            toAsset,
            toSupplied,
            abi.encode(Job(msg.sender, fromAsset, fromAmount, adapter)),
            0
        );

        uint256 leftover = _leftover;
        if (leftover != 0) IERC20(toAsset).safeTransfer(msg.sender, leftover);
        emit CollateralSwapped(msg.sender, fromAsset, toAsset, fromAmount, toSupplied, _premium, leftover);
    }

    /// @notice Pool callback: supplies the borrowed new asset for the user, takes and withdraws the old collateral,
    ///         sells it and approves the pool for `amount + premium`.
    /// @dev Only the pool, and only for a loan this contract started.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        if (msg.sender != POOL || initiator != address(this)) {
            revert CollateralSwapUntrustedCallback(msg.sender, initiator);
        }
        Job memory job = abi.decode(params, (Job));

        IERC20(asset).forceApprove(POOL, amount);
        IPool(POOL).supply(asset, amount, job.user, 0);

        IERC20(IPool(POOL).getKeelReserveData(job.fromAsset).kToken).safeTransferFrom(
            job.user,
            address(this),
            job.fromAmount
        );
        // All of this contract's supply: the transfer may round the moved shares up, never down.
        uint256 withdrawn = IPool(POOL).withdraw(job.fromAsset, type(uint256).max, address(this));

        IERC20(job.fromAsset).forceApprove(address(job.adapter), withdrawn);
        uint256 out = job.adapter.swapExactIn(job.fromAsset, asset, withdrawn, amount + premium, address(this));

        IERC20(asset).forceApprove(POOL, amount + premium);
        (_leftover, _premium) = (out - amount - premium, premium);
        return true;
    }
}
