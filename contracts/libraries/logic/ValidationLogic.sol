// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {PoolStorageLib} from "../../pool/PoolStorage.sol";
import {IPool} from "../../interfaces/IPool.sol";

/// @title ValidationLogic
/// @notice Checks shared by every user action. Each failure is a named custom error raised before any state change.
library ValidationLogic {
    /// @notice The reserve is listed and neither it nor the pool is paused.
    function requireActive(address asset, DataTypes.ReserveConfig memory c) internal view {
        if (c.flags & ReserveFlags.ACTIVE == 0) revert IPool.PoolReserveNotListed(asset);
        if (c.flags & ReserveFlags.PAUSED != 0) revert IPool.PoolReservePaused(asset);
        if (PoolStorageLib.layout().paused) revert IPool.PoolIsPaused();
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
