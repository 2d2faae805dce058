// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ModuleRegistry} from "../registry/ModuleRegistry.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title ModuleRegistryV2
/// @notice The registry's next version, used to rehearse and demonstrate upgrades through governance: adds a storage namespace (`keel.storage.ModuleRegistryV2`) with the upgrade's label and time, set once by `initializeV2`, and a one-call snapshot of the address book. Everything else is V1 unchanged.
/// @custom:oz-upgrades-from contracts/registry/ModuleRegistry.sol:ModuleRegistry
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract ModuleRegistryV2 is ModuleRegistry {
    /// @custom:storage-location erc7201:keel.storage.ModuleRegistryV2
    struct ModuleRegistryV2Storage {
        bytes32 label;
        uint40 upgradedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.ModuleRegistryV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ModuleRegistryV2StorageLocation = 0x5b3f2702b7a6cb90267992fb5676ff3aa444dddccf6140eec806772c46d38900;

    function _getModuleRegistryV2Storage() private pure returns (ModuleRegistryV2Storage storage $) {
        assembly {
            $.slot := ModuleRegistryV2StorageLocation
        }
    }

    /// @notice Runs once, in the upgrade transaction: records the upgrade's label and time. Writes only the V2
    ///         namespace, so the V1 state digest is unchanged. Only a caller the AccessManager lets upgrade this proxy
    ///         (KeelUpgrader, inside `upgradeToAndCall`): after an upgrade executed with empty init data nobody else
    ///         can run it (reverts `AccessManagedUnauthorized(caller)`).
    /// @param label A short label of the upgrade (e.g. the proposal's title).
    function initializeV2(bytes32 label) external reinitializer(2) {
        (bool immediate,) = IAccessManager(authority()).canCall(msg.sender, address(this), UUPSUpgradeable.upgradeToAndCall.selector);
        if (!immediate) revert AccessManagedUnauthorized(msg.sender);
        ModuleRegistryV2Storage storage $ = _getModuleRegistryV2Storage();
        $.label = label;
        $.upgradedAt = uint40(block.timestamp);
    }

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }

    /// @notice The label and time recorded by `initializeV2`.
    /// @return label The upgrade's label.
    /// @return upgradedAt When the upgrade ran (unix seconds).
    function upgradeInfo() external view returns (bytes32 label, uint40 upgradedAt) {
        ModuleRegistryV2Storage storage $ = _getModuleRegistryV2Storage();
        return ($.label, $.upgradedAt);
    }

    /// @notice Every registered id with its module, in registration order.
    /// @return ids The registered ids.
    /// @return modules The module of each id.
    function snapshot() external view returns (bytes32[] memory ids, address[] memory modules) {
        ids = this.moduleIds();
        modules = new address[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            modules[i] = this.getModule(ids[i]);
        }
    }
}
