// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IConstantProductPair
/// @notice A two-token x*y=k pool with a 0.3% fee on input (Uniswap V2 maths) that pulls input with `transferFrom`.
///         `AmmSwapAdapter` routes through any contract with this interface; `MockAmm` is the development implementation.
/// @dev All amounts are in the units of the token they refer to. Quotes round in the pool's favour: output down,
///      input up.
interface IConstantProductPair {
    /// @notice Thrown when a token is neither token0 nor token1.
    /// @param token The token given.
    error AmmUnknownToken(address token);
    /// @notice Thrown for a zero input or output amount.
    error AmmZeroAmount();
    /// @notice Thrown when the pool cannot pay the requested output (empty reserves, or output >= reserve).
    /// @param reserveOut The pool's reserve of the output token.
    /// @param amountOut The output requested.
    error AmmInsufficientLiquidity(uint256 reserveOut, uint256 amountOut);
    /// @notice Thrown when an exact-in swap would pay less than `minAmountOut`.
    /// @param amountOut The output the swap would pay.
    /// @param minAmountOut The caller's minimum.
    error AmmInsufficientOutputAmount(uint256 amountOut, uint256 minAmountOut);
    /// @notice Thrown when an exact-out swap would cost more than `maxAmountIn`.
    /// @param amountIn The input the swap would cost.
    /// @param maxAmountIn The caller's maximum.
    error AmmExcessiveInputAmount(uint256 amountIn, uint256 maxAmountIn);
    /// @notice Thrown when the pool received less input than the swap needs (e.g. a fee-on-transfer input token).
    /// @param received The input the pool received.
    /// @param required The input the swap needs.
    error AmmInputShortfall(uint256 received, uint256 required);
    /// @notice Thrown when the two tokens of a new pair are equal or zero.
    /// @param token0 The first token given.
    /// @param token1 The second token given.
    error AmmInvalidTokens(address token0, address token1);

    /// @notice Emitted on every swap.
    event Swap(
        address indexed sender,
        address indexed tokenIn,
        uint256 amountIn,
        uint256 amountOut,
        address indexed to
    );
    /// @notice Emitted when reserves are re-read from balances.
    event Sync(uint256 reserve0, uint256 reserve1);
    /// @notice Emitted when liquidity is added.
    event LiquidityAdded(address indexed provider, uint256 amount0, uint256 amount1);

    /// @notice The first token of the pair.
    function token0() external view returns (address);

    /// @notice The second token of the pair.
    function token1() external view returns (address);

    /// @notice Current reserves (token units), as last synced from the pool's balances.
    function getReserves() external view returns (uint256 reserve0, uint256 reserve1);

    /// @notice Output paid for `amountIn` of `tokenIn` at current reserves, after the 0.3% fee, rounded down.
    /// @param tokenIn token0 or token1.
    /// @param amountIn Units of `tokenIn`.
    /// @return amountOut Units of the other token.
    function getAmountOut(address tokenIn, uint256 amountIn) external view returns (uint256 amountOut);

    /// @notice Input of the other token needed to receive `amountOut` of `tokenOut`, after the 0.3% fee, rounded up.
    /// @param tokenOut token0 or token1.
    /// @param amountOut Units of `tokenOut`; must be below its reserve.
    /// @return amountIn Units of the other token.
    function getAmountIn(address tokenOut, uint256 amountOut) external view returns (uint256 amountIn);

    /// @notice Pulls `amountIn` of `tokenIn` from the caller and sends the resulting output to `to`.
    /// @dev The output is computed from what the pool actually received, so fee-on-transfer inputs are priced correctly.
    /// @param tokenIn token0 or token1; the caller must have approved the pool for `amountIn`.
    /// @param amountIn Units of `tokenIn` to sell.
    /// @param minAmountOut Reverts with `AmmInsufficientOutputAmount` below this output.
    /// @param to Receiver of the output.
    /// @return amountOut Units of the other token sent to `to`.
    function swapExactIn(
        address tokenIn,
        uint256 amountIn,
        uint256 minAmountOut,
        address to
    ) external returns (uint256 amountOut);

    /// @notice Sends exactly `amountOut` of `tokenOut` to `to`, pulling the needed input from the caller.
    /// @param tokenOut token0 or token1.
    /// @param amountOut Units of `tokenOut` to buy.
    /// @param maxAmountIn Reverts with `AmmExcessiveInputAmount` if the input needed is above this.
    /// @param to Receiver of the output.
    /// @return amountIn Units of the other token pulled from the caller.
    function swapExactOut(
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn,
        address to
    ) external returns (uint256 amountIn);
}
