// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IKinkedRateModel} from "../../interfaces/IKinkedRateModel.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

/// @title KinkedRateModelV2BrokenMock
/// @notice A deliberately BROKEN next version of KinkedRateModel, for validation-failure tests: its
///         `keel.storage.KinkedRateModel` namespace has `params` moved before `defaultParams` and `defaultParams` changed to a single uint256. Otherwise upgrade-safe (same OpenZeppelin
///         namespaces, locked implementation, gated upgrades), so storage is the only thing the validation can fault.
/// @custom:oz-upgrades-from contracts/rates/KinkedRateModel.sol:KinkedRateModel
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KinkedRateModelV2BrokenMock is Initializable, UUPSUpgradeable, AccessManagedUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.KinkedRateModel
    struct BrokenStorage {
        mapping(address asset => IKinkedRateModel.RateParams) params;
        uint256 defaultParams;
        EnumerableSet.AddressSet customAssets;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KinkedRateModel")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant BrokenStorageLocation = 0xa713778e0136adb842ae4b6fe5be231238621b1f6f43b1cfd59d7a5e08268900;

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
