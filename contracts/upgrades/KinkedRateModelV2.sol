// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KinkedRateModel} from "../rates/KinkedRateModel.sol";
import {UpgradeAuthorization} from "./UpgradeAuthorization.sol";

/// @title KinkedRateModelV2
/// @notice The rate model's next version, used to rehearse and demonstrate upgrades through governance: adds a storage namespace (`keel.storage.KinkedRateModelV2`) with the upgrade's label and time, set once by `initializeV2`, and a curve view by utilisation. Everything else is V1 unchanged.
/// @custom:oz-upgrades-from contracts/rates/KinkedRateModel.sol:KinkedRateModel
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KinkedRateModelV2 is KinkedRateModel {
    /// @custom:storage-location erc7201:keel.storage.KinkedRateModelV2
    struct KinkedRateModelV2Storage {
        bytes32 label;
        uint40 upgradedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KinkedRateModelV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KinkedRateModelV2StorageLocation = 0x38bbcd7d5030749a595454982baff0d6d8b4435707cf404bf3e895517366fd00;

    function _getKinkedRateModelV2Storage() private pure returns (KinkedRateModelV2Storage storage $) {
        assembly {
            $.slot := KinkedRateModelV2StorageLocation
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
        KinkedRateModelV2Storage storage $ = _getKinkedRateModelV2Storage();
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
        KinkedRateModelV2Storage storage $ = _getKinkedRateModelV2Storage();
        return ($.label, $.upgradedAt);
    }

    /// @notice The annual borrow rate of `asset` at a given utilisation.
    /// @param asset The asset whose parameters apply.
    /// @param utilizationRay Utilisation, RAY (1e27 = 100%); capped at 100% like V1.
    /// @return The annual borrow rate, RAY, rounded up like V1.
    function annualBorrowRateAt(address asset, uint256 utilizationRay) external view returns (uint256) {
        // totalSupplied = RAY and totalBorrowed = utilisation reproduce the utilisation exactly (no rounding).
        return this.annualBorrowRate(asset, RAY, utilizationRay);
    }
}
