// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelAccessManager} from "../../access/KeelAccessManager.sol";

/// @title KeelAccessManagerV2RevokerMock
/// @notice A storage-compatible V2 of KeelAccessManager whose reinitializer takes UPGRADER_ROLE away from the upgrader
///         performing the upgrade, leaving no path for a corrective upgrade: `KeelUpgrader` must refuse it with
///         `UpgraderProxyUnmanaged` (issue 10, finding 8).
/// @custom:oz-upgrades-from KeelAccessManager
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelAccessManagerV2RevokerMock is KeelAccessManager {
    /// @notice Revokes `roleId` from the caller (the upgrader) during the upgrade.
    /// @param roleId The role to revoke (UPGRADER_ROLE).
    function initializeV2(uint64 roleId) external reinitializer(2) {
        _revokeRole(roleId, msg.sender);
    }

    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
