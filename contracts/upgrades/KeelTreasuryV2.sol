// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelTreasury} from "../treasury/KeelTreasury.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title KeelTreasuryV2
/// @notice The treasury's next version, used to rehearse and demonstrate upgrades through governance: adds a storage namespace (`keel.storage.KeelTreasuryV2`) with the upgrade's label and time, set once by `initializeV2`, and a balances view. Everything else is V1 unchanged.
/// @custom:oz-upgrades-from contracts/treasury/KeelTreasury.sol:KeelTreasury
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelTreasuryV2 is KeelTreasury {
    /// @custom:storage-location erc7201:keel.storage.KeelTreasuryV2
    struct KeelTreasuryV2Storage {
        bytes32 label;
        uint40 upgradedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelTreasuryV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelTreasuryV2StorageLocation = 0xd16fc879d13e8d3eefd97768b34743e9e3da7fafac67affb701e834756dd1600;

    function _getKeelTreasuryV2Storage() private pure returns (KeelTreasuryV2Storage storage $) {
        assembly {
            $.slot := KeelTreasuryV2StorageLocation
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
        KeelTreasuryV2Storage storage $ = _getKeelTreasuryV2Storage();
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
        KeelTreasuryV2Storage storage $ = _getKeelTreasuryV2Storage();
        return ($.label, $.upgradedAt);
    }

    /// @notice The treasury's balance of each token (tokens held directly, not its supply positions in the pool).
    /// @param tokens The tokens to read.
    /// @return balances One balance per token, in that token's units.
    function tokenBalances(address[] calldata tokens) external view returns (uint256[] memory balances) {
        balances = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            balances[i] = IERC20(tokens[i]).balanceOf(address(this));
        }
    }
}
