// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ModuleIds
/// @notice Well-known module ids of the registry.
library ModuleIds {
    bytes32 internal constant POOL = "POOL";
    bytes32 internal constant ORACLE = "ORACLE";
    bytes32 internal constant RATE_MODEL = "RATE_MODEL";
    bytes32 internal constant TREASURY = "TREASURY";
    bytes32 internal constant ACCESS_MANAGER = "ACCESS_MANAGER";
    bytes32 internal constant FLASH_LENDER = "FLASH_LENDER";
    bytes32 internal constant GOVERNOR = "GOVERNOR";
    bytes32 internal constant TIMELOCK = "TIMELOCK";
    bytes32 internal constant HUB = "HUB";
    bytes32 internal constant SAFETY_MODULE = "SAFETY_MODULE";
}
