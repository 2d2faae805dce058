// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title KeelFlashLenderV2BrokenMock
/// @notice A deliberately BROKEN next version of KeelFlashLender, for validation-failure tests: its
///         `keel.storage.FlashLender` namespace has `pool` changed from address to uint256. Otherwise upgrade-safe (same OpenZeppelin
///         namespaces, locked implementation, gated upgrades), so storage is the only thing the validation can fault.
/// @custom:oz-upgrades-from contracts/flash/KeelFlashLender.sol:KeelFlashLender
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelFlashLenderV2BrokenMock is Initializable, UUPSUpgradeable, AccessManagedUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.FlashLender
    struct BrokenStorage {
        uint256 pool;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.FlashLender")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BrokenStorageLocation = 0x19c06e79cf6a3767bbbffa82cdd976206ce2379648a4d1472767a67906466c00;

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
