// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ITokenHook
/// @notice ERC-777-style transfer hooks called by `MockHookToken`. Development networks only.
interface ITokenHook {
    /// @notice Called on the sender's registered hook before its balance moves.
    /// @param operator The account that called transfer/transferFrom.
    /// @param from The account whose tokens leave.
    /// @param to The receiver.
    /// @param amount Token units.
    function tokensToSend(address operator, address from, address to, uint256 amount) external;

    /// @notice Called on the receiver's registered hook after the balances moved.
    /// @param operator The account that called transfer/transferFrom.
    /// @param from The account whose tokens left.
    /// @param to The receiver.
    /// @param amount Token units.
    function tokensReceived(address operator, address from, address to, uint256 amount) external;
}
