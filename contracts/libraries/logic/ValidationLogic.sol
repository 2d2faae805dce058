// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {IPool} from "../../interfaces/IPool.sol";

/// @title ValidationLogic
/// @notice Checks shared by every user action. Each failure is a named custom error raised before any state change.
library ValidationLogic {
    /// @notice The reserve is listed and neither it nor the pool is paused. Pauses expire by themselves: paused means
    ///         `block.timestamp < pausedUntil` (issue 10, finding 1).
    function requireActive(address asset, DataTypes.ReserveConfig memory c) internal view {
        requireListed(asset, c);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (block.timestamp < s.reserves[asset].pausedUntil) revert IPool.PoolReservePaused(asset);
        if (block.timestamp < s.pausedUntil) revert IPool.PoolIsPaused();
    }

    /// @notice The reserve is listed. The only check of repay, which a pause never blocks: it only brings assets in
    ///         and reduces debt (issue 10, finding 1).
    function requireListed(address asset, DataTypes.ReserveConfig memory c) internal pure {
        if (c.flags & ReserveFlags.ACTIVE == 0) revert IPool.PoolReserveNotListed(asset);
    }

    /// @notice `requireActive`, and the reserve is not frozen (for actions that add exposure: supply, borrow).
    function requireOpen(address asset, DataTypes.ReserveConfig memory c) internal view {
        requireActive(asset, c);
        if (c.flags & ReserveFlags.FROZEN != 0) revert IPool.PoolReserveFrozen(asset);
    }

    /// @notice Non-zero amount.
    function requireAmount(uint256 amount) internal pure {
        if (amount == 0) revert IPool.PoolZeroAmount();
    }

    /// @notice Non-zero address.
    function requireAddress(address a) internal pure {
        if (a == address(0)) revert IPool.PoolZeroAddress();
    }

    /// @notice Only variable-rate mode 2 exists.
    function requireVariableMode(uint256 mode) internal pure {
        if (mode != 2) revert IPool.PoolInvalidInterestRateMode(mode);
    }
}
