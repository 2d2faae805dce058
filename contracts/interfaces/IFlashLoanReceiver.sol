// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFlashLoanSimpleReceiver
/// @notice Aave V3's single-asset flash-loan receiver, unchanged.
interface IFlashLoanSimpleReceiver {
    /// @notice Called after the pool sent `amount` of `asset`; must return true and approve `amount + premium`.
    /// @param initiator The account that called `flashLoanSimple` (check it: anyone can start a loan to you).
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool);
}

/// @title IFlashLoanReceiver
/// @notice Aave V3's multi-asset flash-loan receiver, unchanged.
interface IFlashLoanReceiver {
    /// @notice Called after the pool sent every asset; must return true and approve `amounts[i] + premiums[i]` of
    ///         each asset taken in mode 0.
    function executeOperation(
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata premiums,
        address initiator,
        bytes calldata params
    ) external returns (bool);
}
