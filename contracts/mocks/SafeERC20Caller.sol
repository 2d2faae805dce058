// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title SafeERC20Caller
/// @notice Calls tokens both through SafeERC20 and through the plain `IERC20` interface, so tests can show how each
///         copes with non-standard tokens (no return value, `false` returned). Development networks only.
contract SafeERC20Caller {
    using SafeERC20 for IERC20;

    /// @notice SafeERC20.safeTransfer of this contract's tokens.
    function safeTransfer(IERC20 token, address to, uint256 amount) external {
        token.safeTransfer(to, amount);
    }

    /// @notice SafeERC20.safeTransferFrom using this contract's allowance.
    function safeTransferFrom(IERC20 token, address from, address to, uint256 amount) external {
        token.safeTransferFrom(from, to, amount);
    }

    /// @notice SafeERC20.forceApprove from this contract.
    function forceApprove(IERC20 token, address spender, uint256 amount) external {
        token.forceApprove(spender, amount);
    }

    /// @notice Plain `IERC20.transfer`, decoding the returned bool (reverts on tokens that return nothing).
    function plainTransfer(IERC20 token, address to, uint256 amount) external returns (bool) {
        return token.transfer(to, amount);
    }

    /// @notice Plain `IERC20.transferFrom`, decoding the returned bool.
    function plainTransferFrom(IERC20 token, address from, address to, uint256 amount) external returns (bool) {
        return token.transferFrom(from, to, amount);
    }
}
