// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPool} from "../../interfaces/IPool.sol";

/// @title TokenLogic
/// @notice Token movements of the pool. Incoming transfers are measured: a token that delivers less than asked
///         (fee-on-transfer, rebasing down, a lying return value) is refused, so it can never corrupt accounting.
library TokenLogic {
    using SafeERC20 for IERC20;

    /// @notice Pulls exactly `amount` of `asset` from `from`; reverts with `PoolTransferShortfall` otherwise.
    /// @dev The first balanceOf warms the token account and the pool's balance slot, so measuring costs only the
    ///      second call's overhead.
    function pullExact(address asset, address from, uint256 amount) internal {
        uint256 before = IERC20(asset).balanceOf(address(this));
        IERC20(asset).safeTransferFrom(from, address(this), amount);
        uint256 received = IERC20(asset).balanceOf(address(this)) - before;
        if (received != amount) revert IPool.PoolTransferShortfall(asset, amount, received);
    }

    /// @notice Sends `amount` of `asset` to `to`.
    function send(address asset, address to, uint256 amount) internal {
        IERC20(asset).safeTransfer(to, amount);
    }
}
