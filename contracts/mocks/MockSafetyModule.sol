// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ILiquidityHub} from "../interfaces/ILiquidityHub.sol";
import {ISafetyModuleCover} from "../interfaces/ISafetyModule.sol";

/// @title MockSafetyModule
/// @notice A broken safety module for the hub's liveness tests: it holds a hub position (as a registered spoke) and
///         can be told to revert in `maxSlashBps` or in `onCoverPaid`. The hub must still write bad debt off.
contract MockSafetyModule is ISafetyModuleCover {
    ILiquidityHub public immutable hub;
    bool public revertMaxSlash;
    bool public revertOnCover;

    /// @notice Thrown by the calls told to fail.
    error MockSafetyModuleBroken();

    /// @param hub_ The hub.
    constructor(ILiquidityHub hub_) {
        hub = hub_;
    }

    /// @notice Sets which calls revert.
    /// @param maxSlash Revert in `maxSlashBps`.
    /// @param onCover Revert in `onCoverPaid`.
    function setBroken(bool maxSlash, bool onCover) external {
        (revertMaxSlash, revertOnCover) = (maxSlash, onCover);
    }

    /// @notice Adds `amount` of `asset` (already transferred to this mock) to its hub position.
    /// @param asset The token.
    /// @param amount Asset units.
    function supply(address asset, uint256 amount) external {
        IERC20(asset).transfer(address(hub), amount);
        hub.add(asset, amount);
    }

    /// @inheritdoc ISafetyModuleCover
    function maxSlashBps(address) external view returns (uint16) {
        if (revertMaxSlash) revert MockSafetyModuleBroken();
        return 5_000;
    }

    /// @inheritdoc ISafetyModuleCover
    function onCoverPaid(address, uint256, uint256) external view {
        if (revertOnCover) revert MockSafetyModuleBroken();
    }
}
