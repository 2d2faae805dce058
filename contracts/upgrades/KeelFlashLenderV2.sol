// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelFlashLender} from "../flash/KeelFlashLender.sol";
import {UpgradeAuthorization} from "./UpgradeAuthorization.sol";

/// @title KeelFlashLenderV2
/// @notice The flash lender's next version, used to rehearse and demonstrate upgrades through governance: adds a storage namespace (`keel.storage.FlashLenderV2`) with the upgrade's label and time, set once by `initializeV2`, and a batch view of maximum loans. Everything else is V1 unchanged.
/// @custom:oz-upgrades-from contracts/flash/KeelFlashLender.sol:KeelFlashLender
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelFlashLenderV2 is KeelFlashLender {
    /// @custom:storage-location erc7201:keel.storage.FlashLenderV2
    struct KeelFlashLenderV2Storage {
        bytes32 label;
        uint40 upgradedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.FlashLenderV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelFlashLenderV2StorageLocation = 0x5353e15fd28d69493bc8efca63e45cec6f786ffa13e44bcd4dca557865a85600;

    function _getKeelFlashLenderV2Storage() private pure returns (KeelFlashLenderV2Storage storage $) {
        assembly {
            $.slot := KeelFlashLenderV2StorageLocation
        }
    }

    /// @notice Runs once, in the upgrade transaction: records the upgrade's label and time. Writes only the V2
    ///         namespace, so the V1 state digest is unchanged.
    ///         Only through the upgrade path: the caller must be allowed to upgrade this proxy now (KeelUpgrader,
    ///         which calls it as `upgradeToAndCall`'s data); anyone else gets `AccessManagedUnauthorized`, also after
    ///         an upgrade executed with empty init data.
    /// @param label A short label of the upgrade (e.g. the proposal's title).
    function initializeV2(bytes32 label) external reinitializer(2) {
        UpgradeAuthorization.requireUpgrader(authority(), msg.sender, address(this));
        KeelFlashLenderV2Storage storage $ = _getKeelFlashLenderV2Storage();
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
        KeelFlashLenderV2Storage storage $ = _getKeelFlashLenderV2Storage();
        return ($.label, $.upgradedAt);
    }

    /// @notice `maxFlashLoan` of several tokens at once.
    /// @param tokens The tokens to read.
    /// @return amounts One maximum per token, in that token's units (0 when unsupported or paused).
    function maxFlashLoans(address[] calldata tokens) external view returns (uint256[] memory amounts) {
        amounts = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            amounts[i] = maxFlashLoan(tokens[i]);
        }
    }
}
