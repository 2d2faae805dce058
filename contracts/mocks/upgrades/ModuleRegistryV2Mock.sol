// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModuleRegistry} from "../../registry/ModuleRegistry.sol";

/// @title ModuleRegistryV2Mock
/// @notice A trivial next version of ModuleRegistry, used by the tests to prove upgrades work and are gated.
/// @custom:oz-upgrades-from ModuleRegistry
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract ModuleRegistryV2Mock is ModuleRegistry {
    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
