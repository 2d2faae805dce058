// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelOracle} from "../oracle/KeelOracle.sol";
import {UpgradeAuthorization} from "./UpgradeAuthorization.sol";

/// @title KeelOracleV2
/// @notice The oracle's next version, used to rehearse and demonstrate upgrades through governance: adds a storage namespace (`keel.storage.KeelOracleV2`) with the upgrade's label and time, set once by `initializeV2`, and a freshness view over many assets. Everything else is V1 unchanged.
/// @custom:oz-upgrades-from contracts/oracle/KeelOracle.sol:KeelOracle
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelOracleV2 is KeelOracle {
    /// @custom:storage-location erc7201:keel.storage.KeelOracleV2
    struct KeelOracleV2Storage {
        bytes32 label;
        uint40 upgradedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelOracleV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelOracleV2StorageLocation = 0x944c8793c568d8c018e7fbb37dc42a639c265903454320e18100a22deee3ea00;

    function _getKeelOracleV2Storage() private pure returns (KeelOracleV2Storage storage $) {
        assembly {
            $.slot := KeelOracleV2StorageLocation
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
        KeelOracleV2Storage storage $ = _getKeelOracleV2Storage();
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
        KeelOracleV2Storage storage $ = _getKeelOracleV2Storage();
        return ($.label, $.upgradedAt);
    }

    /// @notice Whether each asset has a usable price now (primary or fallback), without reverting.
    /// @param assets The assets to check.
    /// @return fresh One flag per asset.
    function arePricesFresh(address[] calldata assets) external view returns (bool[] memory fresh) {
        fresh = new bool[](assets.length);
        for (uint256 i; i < assets.length; ++i) {
            // External self-call: `_getPrice` is private to V1 and reverts on a bad feed; try/catch turns that into false.
            try this.getPriceData(assets[i]) returns (uint256, uint256, bool) {
                fresh[i] = true;
            } catch {
                fresh[i] = false;
            }
        }
    }
}
