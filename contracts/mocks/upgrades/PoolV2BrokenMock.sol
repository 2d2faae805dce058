// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {DataTypes} from "../../libraries/types/DataTypes.sol";

/// @title PoolV2BrokenMock
/// @notice A deliberately BROKEN next version of Pool, for validation-failure tests: in its `keel.storage.Pool`
///         namespace `reservesList` and `userConfig` are swapped and `flashPremium` widened from uint16 to uint64
///         (shifting `flashPremiumToProtocol`). Otherwise upgrade-safe, so storage is the only thing the
///         validation can fault.
/// @custom:oz-upgrades-from contracts/pool/Pool.sol:Pool
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract PoolV2BrokenMock is Initializable, UUPSUpgradeable, AccessManagedUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.Pool
    struct Layout {
        mapping(address asset => DataTypes.ReserveData) reserves;
        mapping(address user => uint256) userConfig;
        address[] reservesList;
        mapping(address asset => mapping(address user => DataTypes.Position)) positions;
        mapping(address delegator => mapping(address asset => mapping(address delegatee => uint256))) borrowAllowances;
        mapping(address account => bool) flashBorrowers;
        mapping(address account => uint256) nonces;
        address registry;
        address oracle;
        address treasury;
        address defaultRateModel;
        bool paused;
        bool flashLoansPaused;
        uint40 liquidationGraceUntil;
        uint64 flashPremium;
        uint16 flashPremiumToProtocol;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.Pool")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant LayoutLocation = 0x5fe5f2e68fe1d19de9117550a8a12fba24f50e8f665a2cbc33d43e181437ef00;

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
            w := sload(LayoutLocation)
        }
    }

    function _authorizeUpgrade(address) internal override restricted {}
}
