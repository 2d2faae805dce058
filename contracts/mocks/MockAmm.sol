// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IConstantProductPair} from "../interfaces/IConstantProductPair.sol";

/// @title MockAmm
/// @notice One constant-product pair (x*y=k, 0.3% fee on input, Uniswap V2 maths) for liquidation and swap tests.
///         Liquidity is simply owned by the pool (no LP token). Development networks only.
/// @dev Reserves are re-read from balances after every operation (and by `sync`), so a donation or a rebase shows up
///      at the next sync. Guarded against re-entry like Uniswap V2's `lock`.
contract MockAmm is IConstantProductPair, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Fee numerator: the pool keeps 3/1000 of every input.
    uint256 public constant FEE_NUMERATOR = 997;
    /// @notice Fee denominator.
    uint256 public constant FEE_DENOMINATOR = 1000;

    /// @inheritdoc IConstantProductPair
    address public immutable override token0;
    /// @inheritdoc IConstantProductPair
    address public immutable override token1;

    uint256 private _reserve0;
    uint256 private _reserve1;

    constructor(address token0_, address token1_) {
        if (token0_ == token1_ || token0_ == address(0) || token1_ == address(0)) {
            revert AmmInvalidTokens(token0_, token1_);
        }
        token0 = token0_;
        token1 = token1_;
    }

    /* LIQUIDITY */

    /// @notice Pulls `amount0` of token0 and `amount1` of token1 from the caller into the pool. Any ratio is accepted:
    ///         tests set the price through the ratio.
    function addLiquidity(uint256 amount0, uint256 amount1) external nonReentrant {
        if (amount0 != 0) IERC20(token0).safeTransferFrom(msg.sender, address(this), amount0);
        if (amount1 != 0) IERC20(token1).safeTransferFrom(msg.sender, address(this), amount1);
        _sync();
        emit LiquidityAdded(msg.sender, amount0, amount1);
    }

    /// @notice Re-reads the reserves from the pool's balances.
    function sync() external nonReentrant {
        _sync();
    }

    /// @inheritdoc IConstantProductPair
    function getReserves() external view override returns (uint256 reserve0, uint256 reserve1) {
        return (_reserve0, _reserve1);
    }

    /* QUOTES */

    /// @inheritdoc IConstantProductPair
    function getAmountOut(address tokenIn, uint256 amountIn) public view override returns (uint256) {
        (uint256 reserveIn, uint256 reserveOut) = _reservesFor(tokenIn);
        return getAmountOutDown(amountIn, reserveIn, reserveOut);
    }

    /// @inheritdoc IConstantProductPair
    function getAmountIn(address tokenOut, uint256 amountOut) public view override returns (uint256) {
        (uint256 reserveOut, uint256 reserveIn) = _reservesFor(tokenOut);
        return getAmountInUp(amountOut, reserveIn, reserveOut);
    }

    /// @notice Uniswap V2 `getAmountOut`: out = in*997*rOut / (rIn*1000 + in*997), rounded down (pool keeps the dust).
    function getAmountOutDown(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        if (amountIn == 0) revert AmmZeroAmount();
        if (reserveIn == 0 || reserveOut == 0) revert AmmInsufficientLiquidity(reserveOut, 0);
        uint256 amountInWithFee = amountIn * FEE_NUMERATOR;
        return Math.mulDiv(amountInWithFee, reserveOut, reserveIn * FEE_DENOMINATOR + amountInWithFee);
    }

    /// @notice Uniswap V2 `getAmountIn`: in = rIn*out*1000 / ((rOut-out)*997), rounded up so k never decreases.
    /// @dev Uniswap adds 1 after flooring; a true ceiling is never larger and still keeps k (the caller pays the
    ///      smallest input that does).
    function getAmountInUp(uint256 amountOut, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        if (amountOut == 0) revert AmmZeroAmount();
        if (reserveIn == 0 || amountOut >= reserveOut) revert AmmInsufficientLiquidity(reserveOut, amountOut);
        return
            Math.mulDiv(
                reserveIn * amountOut,
                FEE_DENOMINATOR,
                (reserveOut - amountOut) * FEE_NUMERATOR,
                Math.Rounding.Ceil
            );
    }

    /* SWAPS */

    /// @inheritdoc IConstantProductPair
    function swapExactIn(
        address tokenIn,
        uint256 amountIn,
        uint256 minAmountOut,
        address to
    ) external override nonReentrant returns (uint256 amountOut) {
        if (amountIn == 0) revert AmmZeroAmount();
        (uint256 reserveIn, uint256 reserveOut) = _reservesFor(tokenIn);
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        // Price what actually arrived (a fee-on-transfer token delivers less than amountIn).
        uint256 received = IERC20(tokenIn).balanceOf(address(this)) - reserveIn;
        amountOut = getAmountOutDown(received, reserveIn, reserveOut);
        if (amountOut < minAmountOut) revert AmmInsufficientOutputAmount(amountOut, minAmountOut);
        IERC20(_other(tokenIn)).safeTransfer(to, amountOut);
        _sync();
        emit Swap(msg.sender, tokenIn, received, amountOut, to);
    }

    /// @inheritdoc IConstantProductPair
    function swapExactOut(
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn,
        address to
    ) external override nonReentrant returns (uint256 amountIn) {
        (uint256 reserveOut, uint256 reserveIn) = _reservesFor(tokenOut);
        amountIn = getAmountInUp(amountOut, reserveIn, reserveOut);
        if (amountIn > maxAmountIn) revert AmmExcessiveInputAmount(amountIn, maxAmountIn);
        address tokenIn = _other(tokenOut);
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        uint256 received = IERC20(tokenIn).balanceOf(address(this)) - reserveIn;
        if (received < amountIn) revert AmmInputShortfall(received, amountIn);
        IERC20(tokenOut).safeTransfer(to, amountOut);
        _sync();
        emit Swap(msg.sender, tokenIn, amountIn, amountOut, to);
    }

    /* INTERNAL */

    /// @dev (reserve of `token`, reserve of the other token).
    function _reservesFor(address token) private view returns (uint256 reserveOfToken, uint256 reserveOfOther) {
        if (token == token0) return (_reserve0, _reserve1);
        if (token == token1) return (_reserve1, _reserve0);
        revert AmmUnknownToken(token);
    }

    function _other(address token) private view returns (address) {
        return token == token0 ? token1 : token0;
    }

    function _sync() private {
        _reserve0 = IERC20(token0).balanceOf(address(this));
        _reserve1 = IERC20(token1).balanceOf(address(this));
        emit Sync(_reserve0, _reserve1);
    }
}
