// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title KeelTreasuryV2BrokenMock
/// @notice A deliberately BROKEN next version of KeelTreasury, for validation-failure tests: its
///         `keel.storage.KeelTreasury` namespace has a field inserted before `pool`. Otherwise upgrade-safe (same OpenZeppelin
///         namespaces, locked implementation, gated upgrades), so storage is the only thing the validation can fault.
/// @custom:oz-upgrades-from contracts/treasury/KeelTreasury.sol:KeelTreasury
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelTreasuryV2BrokenMock is Initializable, UUPSUpgradeable, AccessManagedUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.KeelTreasury
    struct BrokenStorage {
        uint256 withdrawnTotal;
        address pool;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelTreasury")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BrokenStorageLocation = 0xa760a8dbee4384653eee028be9dc6a2ba58a10ad5cf68ed126c5e36451697900;

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
