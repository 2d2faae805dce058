// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ISwapAdapter} from "./ISwapAdapter.sol";

/// @title ICollateralSwap
/// @notice Replaces one collateral of a Keel account by another without touching its debt, in one transaction.
/// @dev Flow: flash-borrow the new asset B (as much as the old collateral A buys, less the premium), supply it for
///      the user (so the account stays healthy while A leaves), pull the user's kA (the user approves this contract
///      on A's kToken), withdraw A, sell it for B and repay the loan plus premium. Whatever B is left over goes to
///      the user as tokens.
interface ICollateralSwap {
    /// @notice The pool called back for a loan this contract did not start, or someone else called back.
    /// @param caller The account that called back.
    /// @param initiator The loan's initiator, as the pool reports it.
    error CollateralSwapUntrustedCallback(address caller, address initiator);
    /// @notice A zero amount where one is needed, or swapping an asset for itself.
    error CollateralSwapInvalidParams();
    /// @notice Less of the new collateral than the caller's minimum would be supplied.
    /// @param supplied The amount of new collateral the swap would supply.
    /// @param minSupplied The caller's minimum.
    error CollateralSwapInsufficientOutput(uint256 supplied, uint256 minSupplied);

    /// @notice `user` replaced `fromAmount` of `fromAsset` by `toSupplied` of `toAsset` (plus `leftover` in tokens).
    event CollateralSwapped(
        address indexed user,
        address indexed fromAsset,
        address indexed toAsset,
        uint256 fromAmount,
        uint256 toSupplied,
        uint256 premium,
        uint256 leftover
    );

    /// @notice Swaps `fromAmount` (type(uint256).max = all) of the caller's `fromAsset` supply for `toAsset` supply.
    /// @param fromAsset The collateral given up.
    /// @param fromAmount Units of `fromAsset` taken from the caller's supply.
    /// @param toAsset The new collateral.
    /// @param minToSupplied Slippage bound: units of `toAsset` that must at least be supplied for the caller.
    /// @param adapter The swap venue.
    /// @return toSupplied Units of `toAsset` supplied for the caller.
    function swapCollateral(
        address fromAsset,
        uint256 fromAmount,
        address toAsset,
        uint256 minToSupplied,
        ISwapAdapter adapter
    ) external returns (uint256 toSupplied);

    /// @notice The pool this contract works with.
    function POOL() external view returns (address);
}
