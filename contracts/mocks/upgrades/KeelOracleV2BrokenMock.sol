// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IKeelOracle} from "../../interfaces/IKeelOracle.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/// @title KeelOracleV2BrokenMock
/// @notice A deliberately BROKEN next version of KeelOracle, for validation-failure tests: its
///         `keel.storage.KeelOracle` namespace has `feeds` and `fallbackFeeds` swapped and `feeds` changed from FeedConfig to a bare address. Otherwise upgrade-safe (same OpenZeppelin
///         namespaces, locked implementation, gated upgrades), so storage is the only thing the validation can fault.
/// @custom:oz-upgrades-from contracts/oracle/KeelOracle.sol:KeelOracle
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelOracleV2BrokenMock is Initializable, UUPSUpgradeable, AccessManagedUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.KeelOracle
    struct BrokenStorage {
        mapping(address asset => address) feeds;
        mapping(address asset => IKeelOracle.FeedConfig) fallbackFeeds;
        EnumerableSet.AddressSet configuredAssets;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelOracle")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BrokenStorageLocation = 0x242121fc88d752da70e641f0d49117a0a8ea084e96e0b472038ce87cb21ec600;

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
