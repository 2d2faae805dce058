// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Pool} from "../../pool/Pool.sol";
import {PoolStorageLib} from "../../pool/PoolStorage.sol";

/// @title PoolV2DigestBreakerMock
/// @notice A storage-compatible V2 of Pool whose reinitializer quietly changes V1 state (the flash premium): the
///         kind of upgrade `KeelUpgrader` must refuse with `UpgraderStateChanged`.
/// @custom:oz-upgrades-from contracts/pool/Pool.sol:Pool
/// @custom:oz-upgrades-unsafe-allow missing-initializer external-library-linking
contract PoolV2DigestBreakerMock is Pool {
    /// @notice Rewrites the flash premium during the upgrade.
    function initializeV2(uint16 premium) external reinitializer(2) {
        PoolStorageLib.layout().flashPremium = premium;
    }

    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
