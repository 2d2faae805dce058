// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title ModuleRegistryV2BrokenMock
/// @notice A deliberately BROKEN next version of ModuleRegistry, for validation-failure tests: its
///         `keel.storage.ModuleRegistry` namespace has `ids` changed from bytes32[] to string[]. Otherwise upgrade-safe (same OpenZeppelin
///         namespaces, locked implementation, gated upgrades), so storage is the only thing the validation can fault.
/// @custom:oz-upgrades-from contracts/registry/ModuleRegistry.sol:ModuleRegistry
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract ModuleRegistryV2BrokenMock is Initializable, UUPSUpgradeable, AccessManagedUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.ModuleRegistry
    struct BrokenStorage {
        mapping(bytes32 id => address module) modules;
        string[] ids;
        address[] consumers;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.ModuleRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BrokenStorageLocation = 0xd7f671078229bdb9121b9557081138ef5f0d7fa861d1b4eefd820b25abc84500;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Never called; present so the contract has an initializer like a real V2.
    function initializeV2() external reinitializer(2) {}

    /// @notice The implementation version.
    function version() external pure returns (string memory) {
        return "2.0.0";
    }

    /// @notice Reads the first word of the namespace (keeps the struct in use).
    function firstWord() external view returns (bytes32 w) {
        assembly {
            w := sload(BrokenStorageLocation)
        }
    }

    function _authorizeUpgrade(address) internal override restricted {}
}
