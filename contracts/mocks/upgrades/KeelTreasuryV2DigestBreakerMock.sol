// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelTreasury} from "../../treasury/KeelTreasury.sol";

/// @title KeelTreasuryV2DigestBreakerMock
/// @notice A storage-compatible V2 of KeelTreasury whose reinitializer quietly repoints the treasury's pool: the kind
///         of upgrade `KeelUpgrader` must refuse with `UpgraderStateChanged`.
/// @custom:oz-upgrades-from contracts/treasury/KeelTreasury.sol:KeelTreasury
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelTreasuryV2DigestBreakerMock is KeelTreasury {
    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelTreasury")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V1_LOCATION = 0xa760a8dbee4384653eee028be9dc6a2ba58a10ad5cf68ed126c5e36451697900;

    /// @notice Overwrites V1's `pool` slot during the upgrade.
    function initializeV2(address newPool) external reinitializer(2) {
        assembly {
            sstore(V1_LOCATION, newPool)
        }
    }

    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
