// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPoolWithdraw} from "../interfaces/IPoolWithdraw.sol";

/// @title MockPoolForTreasury
/// @notice Minimal Aave-style pool for treasury tests: holds tokens, tracks per-account positions credited by hand,
///         and pays them out through `withdraw`. Development networks only.
contract MockPoolForTreasury is IPoolWithdraw {
    /// @notice Asset units credited to an account.
    mapping(address account => mapping(address asset => uint256)) public balanceOf;

    /// @notice The arguments and caller of the last `withdraw`.
    address public lastCaller;
    address public lastAsset;
    uint256 public lastAmount;
    address public lastTo;

    /// @notice Thrown when a withdrawal asks for more than the treasury's position.
    /// @param balance The supply position held.
    /// @param requested The amount asked for.
    error MockPoolInsufficientBalance(uint256 balance, uint256 requested);

    /// @notice Credits `amount` of `asset` to `account` (the tokens must be sent to this contract separately).
    function credit(address account, address asset, uint256 amount) external {
        balanceOf[account][asset] += amount;
    }

    /// @inheritdoc IPoolWithdraw
    function withdraw(address asset, uint256 amount, address to) external returns (uint256) {
        uint256 balance = balanceOf[msg.sender][asset];
        uint256 toWithdraw = amount == type(uint256).max ? balance : amount;
        if (toWithdraw > balance) revert MockPoolInsufficientBalance(balance, toWithdraw);
        balanceOf[msg.sender][asset] = balance - toWithdraw;
        lastCaller = msg.sender;
        lastAsset = asset;
        lastAmount = amount;
        lastTo = to;
        IERC20(asset).transfer(to, toWithdraw);
        return toWithdraw;
    }
}
