// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../access/Roles.sol";
import {ModuleIds} from "../registry/ModuleIds.sol";
import {ReserveFlags} from "../libraries/types/DataTypes.sol";
import {HubFlags} from "../libraries/types/HubFlags.sol";

/// @title ConstantsProbe
/// @notice Reads the `internal` constants of the Solidity libraries TypeScript mirrors (`Roles`, `ModuleIds`,
///         `ReserveFlags`, `HubFlags`) so a test can compare them with the one TypeScript definition of each
///         (`test/conventions/constants.ts`). Each list names its entries as the library does, in its order.
contract ConstantsProbe {
    /// @notice The role ids of `Roles`.
    /// @return names The constants' names, without the `_ROLE` suffix.
    /// @return values Their values.
    function roles() external pure returns (string[] memory names, uint64[] memory values) {
        names = new string[](5);
        values = new uint64[](5);
        (names[0], values[0]) = ("ADMIN", Roles.ADMIN_ROLE);
        (names[1], values[1]) = ("RISK_ADMIN", Roles.RISK_ADMIN_ROLE);
        (names[2], values[2]) = ("GUARDIAN", Roles.GUARDIAN_ROLE);
        (names[3], values[3]) = ("UPGRADER", Roles.UPGRADER_ROLE);
        (names[4], values[4]) = ("TREASURY_MANAGER", Roles.TREASURY_MANAGER_ROLE);
    }

    /// @notice The registry's well-known module ids of `ModuleIds`.
    /// @return names The constants' names.
    /// @return values Their values.
    function moduleIds() external pure returns (string[] memory names, bytes32[] memory values) {
        names = new string[](10);
        values = new bytes32[](10);
        (names[0], values[0]) = ("POOL", ModuleIds.POOL);
        (names[1], values[1]) = ("ORACLE", ModuleIds.ORACLE);
        (names[2], values[2]) = ("RATE_MODEL", ModuleIds.RATE_MODEL);
        (names[3], values[3]) = ("TREASURY", ModuleIds.TREASURY);
        (names[4], values[4]) = ("ACCESS_MANAGER", ModuleIds.ACCESS_MANAGER);
        (names[5], values[5]) = ("FLASH_LENDER", ModuleIds.FLASH_LENDER);
        (names[6], values[6]) = ("GOVERNOR", ModuleIds.GOVERNOR);
        (names[7], values[7]) = ("TIMELOCK", ModuleIds.TIMELOCK);
        (names[8], values[8]) = ("HUB", ModuleIds.HUB);
        (names[9], values[9]) = ("SAFETY_MODULE", ModuleIds.SAFETY_MODULE);
    }

    /// @notice The bits of `ReserveFlags`.
    /// @return names The constants' names.
    /// @return values Their values.
    function reserveFlags() external pure returns (string[] memory names, uint8[] memory values) {
        names = new string[](6);
        values = new uint8[](6);
        (names[0], values[0]) = ("ACTIVE", ReserveFlags.ACTIVE);
        (names[1], values[1]) = ("FROZEN", ReserveFlags.FROZEN);
        (names[2], values[2]) = ("PAUSED", ReserveFlags.PAUSED);
        (names[3], values[3]) = ("BORROWING", ReserveFlags.BORROWING);
        (names[4], values[4]) = ("COLLATERAL", ReserveFlags.COLLATERAL);
        (names[5], values[5]) = ("FLASH_LOANS", ReserveFlags.FLASH_LOANS);
    }

    /// @notice The bits of `HubFlags` (the hub's asset flags).
    /// @return names The constants' names.
    /// @return values Their values.
    function hubFlags() external pure returns (string[] memory names, uint8[] memory values) {
        names = new string[](5);
        values = new uint8[](5);
        (names[0], values[0]) = ("LISTED", HubFlags.LISTED);
        (names[1], values[1]) = ("FLASH_LOANS", HubFlags.FLASH_LOANS);
        (names[2], values[2]) = ("DEFAULT_MODEL", HubFlags.DEFAULT_MODEL);
        (names[3], values[3]) = ("HAS_TREASURY", HubFlags.HAS_TREASURY);
        (names[4], values[4]) = ("NATIVE_CURVE", HubFlags.NATIVE_CURVE);
    }
}
