// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IKeelUpgrader} from "../../interfaces/IKeelUpgrader.sol";

/// @title MockModuleUpgradedEmitter
/// @notice Emits a forged `ModuleUpgraded` event, as any contract can: the upgrade tooling must ignore it because it
///         does not come from the recorded KeelUpgrader (issue 10, finding 9).
contract MockModuleUpgradedEmitter {
    /// @notice Emits `ModuleUpgraded(proxy, address(0), newImplementation, "1.0.0", newVersion)`.
    /// @param proxy The proxy the forged event names.
    /// @param newImplementation The implementation it claims.
    /// @param newVersion The version it claims.
    function forge(address proxy, address newImplementation, string calldata newVersion) external {
        emit IKeelUpgrader.ModuleUpgraded(proxy, address(0), newImplementation, "1.0.0", newVersion);
    }
}
