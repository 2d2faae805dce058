// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title IAmmSwapAdapter
/// @notice An `ISwapAdapter` that routes each token pair through one registered `IConstantProductPair`.
interface IAmmSwapAdapter is ISwapAdapter {
    /// @notice Thrown when a registered pool does not trade exactly `tokenA` and `tokenB`.
    /// @param pair The registered pool.
    /// @param tokenA One token of the route.
    /// @param tokenB The other token of the route.
    error AmmSwapAdapterPairMismatch(address pair, address tokenA, address tokenB);

    /// @notice Emitted when the pool for a token pair changes; tokens are in sorted order, address(0) = no pool.
    event SetPair(address indexed tokenA, address indexed tokenB, address oldPair, address newPair);

    /// @notice Registers `pair` as the route between `tokenA` and `tokenB` (either order); address(0) removes it.
    ///         Owner only.
    /// @param tokenA One token of the pair.
    /// @param tokenB The other token.
    /// @param pair A pool exposing `IConstantProductPair` whose tokens are exactly {tokenA, tokenB}, or address(0).
    function setPair(address tokenA, address tokenB, address pair) external;

    /// @notice The pool routing `tokenA` <-> `tokenB` (either order), or address(0).
    function getPair(address tokenA, address tokenB) external view returns (address pair);

    /// @notice Version of this adapter, e.g. "1.0.0".
    function version() external pure returns (string memory);
}
