// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IAmmSwapAdapter} from "../interfaces/IAmmSwapAdapter.sol";
import {ISwapAdapter} from "../interfaces/ISwapAdapter.sol";
import {IConstantProductPair} from "../interfaces/IConstantProductPair.sol";

/// @title AmmSwapAdapter
/// @notice `ISwapAdapter` over constant-product pools: one registered `IConstantProductPair` per token pair, set by
///         the owner (two-step ownership transfer).
/// @dev Flow of a swap: pull input from the caller, approve the pool for exactly that, swap with output sent straight
///      to `to`, clear the approval, refund unused input (exact-out), check what `to` received. Every amount is
///      measured as a balance change so fee-on-transfer and rebasing tokens cannot make the adapter over-credit.
contract AmmSwapAdapter is IAmmSwapAdapter, Ownable2Step, ReentrancyGuard {
    using SafeERC20 for IERC20;

    mapping(address tokenA => mapping(address tokenB => address pair)) private _pairs;

    /// @param initialOwner Account allowed to register pools.
    constructor(address initialOwner) Ownable(initialOwner) {}

    /* OWNER FUNCTIONS */

    /// @inheritdoc IAmmSwapAdapter
    function setPair(address tokenA, address tokenB, address pair) external override onlyOwner {
        (address t0, address t1) = _sort(tokenA, tokenB);
        if (pair != address(0)) {
            (address p0, address p1) = _sort(IConstantProductPair(pair).token0(), IConstantProductPair(pair).token1());
            if (p0 != t0 || p1 != t1 || t0 == t1) revert AmmSwapAdapterPairMismatch(pair, tokenA, tokenB);
        }
        emit SetPair(t0, t1, _pairs[t0][t1], pair);
        _pairs[t0][t1] = pair;
    }

    /* VIEWS */

    /// @inheritdoc IAmmSwapAdapter
    function getPair(address tokenA, address tokenB) public view override returns (address) {
        (address t0, address t1) = _sort(tokenA, tokenB);
        return _pairs[t0][t1];
    }

    /// @inheritdoc IAmmSwapAdapter
    function version() external pure override returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc ISwapAdapter
    function quoteExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn
    ) external view override returns (uint256) {
        return _pairFor(tokenIn, tokenOut).getAmountOut(tokenIn, amountIn);
    }

    /// @inheritdoc ISwapAdapter
    function quoteExactOut(
        address tokenIn,
        address tokenOut,
        uint256 amountOut
    ) external view override returns (uint256) {
        return _pairFor(tokenIn, tokenOut).getAmountIn(tokenOut, amountOut);
    }

    /* SWAPS */

    /// @inheritdoc ISwapAdapter
    function swapExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address to
    ) external override nonReentrant returns (uint256 amountOut) {
        if (amountIn == 0) revert SwapAdapterZeroAmount();
        IConstantProductPair pair = _pairFor(tokenIn, tokenOut);
        uint256 received = _pull(tokenIn, amountIn);
        uint256 outBefore = IERC20(tokenOut).balanceOf(to);

        IERC20(tokenIn).forceApprove(address(pair), received);
        pair.swapExactIn(tokenIn, received, minAmountOut, to);
        // The pool pulls exactly `received`; clearing anyway keeps a misbehaving pool from a standing allowance.
        IERC20(tokenIn).forceApprove(address(pair), 0);

        amountOut = IERC20(tokenOut).balanceOf(to) - outBefore;
        if (amountOut < minAmountOut) revert SwapAdapterInsufficientOutput(amountOut, minAmountOut);
        emit Swapped(msg.sender, tokenIn, tokenOut, amountIn, amountOut, to);
    }

    /// @inheritdoc ISwapAdapter
    function swapExactOut(
        address tokenIn,
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn,
        address to
    ) external override nonReentrant returns (uint256 amountIn) {
        if (amountOut == 0) revert SwapAdapterZeroAmount();
        IConstantProductPair pair = _pairFor(tokenIn, tokenOut);
        // Fail with the adapter's own error before moving any funds.
        uint256 quoted = pair.getAmountIn(tokenOut, amountOut);
        if (quoted > maxAmountIn) revert SwapAdapterExcessiveInput(quoted, maxAmountIn);

        uint256 inBefore = IERC20(tokenIn).balanceOf(address(this));
        uint256 received = _pull(tokenIn, maxAmountIn);
        uint256 outBefore = IERC20(tokenOut).balanceOf(to);

        IERC20(tokenIn).forceApprove(address(pair), received);
        pair.swapExactOut(tokenOut, amountOut, received, to);
        IERC20(tokenIn).forceApprove(address(pair), 0);

        // Refund whatever the pool did not take, measured rather than computed so no dust stays behind.
        uint256 refund = IERC20(tokenIn).balanceOf(address(this)) - inBefore;
        if (refund != 0) IERC20(tokenIn).safeTransfer(msg.sender, refund);
        amountIn = maxAmountIn - refund;

        uint256 delivered = IERC20(tokenOut).balanceOf(to) - outBefore;
        if (delivered < amountOut) revert SwapAdapterInsufficientOutput(delivered, amountOut);
        emit Swapped(msg.sender, tokenIn, tokenOut, amountIn, delivered, to);
    }

    /* INTERNAL */

    function _pairFor(address tokenIn, address tokenOut) private view returns (IConstantProductPair) {
        address pair = getPair(tokenIn, tokenOut);
        if (pair == address(0)) revert SwapAdapterUnsupportedPair(tokenIn, tokenOut);
        return IConstantProductPair(pair);
    }

    /// @dev Pulls `amount` from the caller and returns what actually arrived.
    function _pull(address token, uint256 amount) private returns (uint256 received) {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        received = IERC20(token).balanceOf(address(this)) - before;
    }

    function _sort(address a, address b) private pure returns (address, address) {
        return a < b ? (a, b) : (b, a);
    }
}
