// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISwapAdapter
/// @notice The one way Keel's periphery (liquidations, leverage, collateral swaps) exchanges tokens, whatever venue
///         sits behind it. The caller approves the adapter for `tokenIn`; the adapter takes exactly what the swap
///         uses (on exact-out it may pull `maxAmountIn` and refund the rest within the same call) and never keeps
///         tokens between calls.
/// @dev Amounts are in the units of the token they refer to. Slippage is checked on what `to` actually received,
///      so fee-on-transfer output tokens cannot slip under `minAmountOut`.
interface ISwapAdapter {
    /// @notice Thrown when no route exists for the pair.
    /// @param tokenIn The token sold.
    /// @param tokenOut The token bought.
    error SwapAdapterUnsupportedPair(address tokenIn, address tokenOut);
    /// @notice Thrown for a zero amount.
    error SwapAdapterZeroAmount();
    /// @notice Thrown when `to` would receive less than `minAmountOut` (exact-in) or `amountOut` (exact-out).
    /// @param amountOut The output the swap would pay.
    /// @param minAmountOut The output required.
    error SwapAdapterInsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    /// @notice Thrown when an exact-out swap would cost more than `maxAmountIn`.
    /// @param amountIn The input the swap would cost.
    /// @param maxAmountIn The caller's maximum.
    error SwapAdapterExcessiveInput(uint256 amountIn, uint256 maxAmountIn);

    /// @notice Emitted after every swap.
    /// @param sender The caller, who paid `amountIn`.
    /// @param amountIn Units of `tokenIn` taken from the caller (net of any refund).
    /// @param amountOut Units of `tokenOut` received by `to`.
    event Swapped(
        address indexed sender,
        address indexed tokenIn,
        address indexed tokenOut,
        uint256 amountIn,
        uint256 amountOut,
        address to
    );

    /// @notice Sells exactly `amountIn` of `tokenIn` for as much `tokenOut` as the route gives, sent to `to`.
    /// @param tokenIn Token sold; the caller must have approved the adapter for `amountIn`.
    /// @param tokenOut Token bought.
    /// @param amountIn Units of `tokenIn` pulled from the caller.
    /// @param minAmountOut Reverts with `SwapAdapterInsufficientOutput` if `to` receives fewer units of `tokenOut`.
    /// @param to Receiver of `tokenOut`.
    /// @return amountOut Units of `tokenOut` that `to` received.
    function swapExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address to
    ) external returns (uint256 amountOut);

    /// @notice Buys exactly `amountOut` of `tokenOut` for `to`, paying at most `maxAmountIn` of `tokenIn`.
    /// @param tokenIn Token sold; the caller must have approved the adapter for `maxAmountIn`.
    /// @param tokenOut Token bought.
    /// @param amountOut Units of `tokenOut` that `to` receives.
    /// @param maxAmountIn Reverts with `SwapAdapterExcessiveInput` if the route needs more units of `tokenIn`.
    /// @param to Receiver of `tokenOut`.
    /// @return amountIn Units of `tokenIn` taken from the caller; unused input is refunded in the same call.
    function swapExactOut(
        address tokenIn,
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn,
        address to
    ) external returns (uint256 amountIn);

    /// @notice Output `swapExactIn` would give now (before any fee-on-transfer of `tokenOut`).
    /// @param tokenIn Token sold.
    /// @param tokenOut Token bought.
    /// @param amountIn Units of `tokenIn`.
    /// @return amountOut Units of `tokenOut`.
    function quoteExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn
    ) external view returns (uint256 amountOut);

    /// @notice Input `swapExactOut` would take now.
    /// @param tokenIn Token sold.
    /// @param tokenOut Token bought.
    /// @param amountOut Units of `tokenOut`.
    /// @return amountIn Units of `tokenIn`.
    function quoteExactOut(
        address tokenIn,
        address tokenOut,
        uint256 amountOut
    ) external view returns (uint256 amountIn);
}
