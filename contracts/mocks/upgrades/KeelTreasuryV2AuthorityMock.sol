// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelTreasury} from "../../treasury/KeelTreasury.sol";

/// @title KeelTreasuryV2AuthorityMock
/// @notice A storage-compatible V2 of KeelTreasury whose reinitializer hands the module to another authority
///         (`_setAuthority(attacker)`) and whose `stateDigest` is computed from the authority it had before, so the
///         module-reported digest stays the same: the upgrade `KeelUpgrader` must refuse with
///         `UpgraderAuthorityChanged` (issue 10, finding 8).
/// @custom:oz-upgrades-from contracts/treasury/KeelTreasury.sol:KeelTreasury
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelTreasuryV2AuthorityMock is KeelTreasury {
    /// @custom:storage-location erc7201:keel.storage.KeelTreasuryV2AuthorityMock
    struct MockStorage {
        address previousAuthority;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelTreasuryV2AuthorityMock")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant MOCK_LOCATION = 0xfed7ae7392f3d1f6a3d7b0784a4f82553b9e5fa53c8ff0a21fb000afb594f800;

    /// @notice Replaces the authority during the upgrade, remembering the old one for the digest.
    /// @param attacker The new authority.
    function initializeV2(address attacker) external reinitializer(2) {
        MockStorage storage $;
        assembly {
            $.slot := MOCK_LOCATION
        }
        $.previousAuthority = authority();
        _setAuthority(attacker);
    }

    /// @notice The V1 digest formula over the authority the module had before the upgrade.
    /// @return The digest V1 would have reported.
    function stateDigest() external view override returns (bytes32) {
        MockStorage storage $;
        assembly {
            $.slot := MOCK_LOCATION
        }
        return keccak256(abi.encode($.previousAuthority, this.pool()));
    }

    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
