// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Pool} from "../pool/Pool.sol";

/// @title PoolV2
/// @notice The pool's next version, used to rehearse and demonstrate upgrades through governance: adds a storage
///         namespace (`keel.storage.PoolV2`) with the upgrade's label and time, set once by `initializeV2` (which only
///         the upgrade path may call). Everything else is V1 unchanged.
/// @custom:oz-upgrades-from contracts/pool/Pool.sol:Pool
/// @custom:oz-upgrades-unsafe-allow external-library-linking missing-initializer
contract PoolV2 is Pool {
    /// @custom:storage-location erc7201:keel.storage.PoolV2
    struct PoolV2Storage {
        bytes32 label;
        uint40 upgradedAt;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.PoolV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant POOL_V2_STORAGE_LOCATION = 0x238a8365122c29fa9c539a4f89226db457735739449df87aa5935acf279db700;

    function _getPoolV2Storage() private pure returns (PoolV2Storage storage $) {
        assembly {
            $.slot := POOL_V2_STORAGE_LOCATION
        }
    }

    /// @notice Runs once, in the upgrade transaction: records the upgrade's label and time. `restricted`, mapped to
    ///         UPGRADER (deploy/roles.ts): only KeelUpgrader, inside its `upgradeToAndCall`, may run it, so after an
    ///         upgrade executed with empty data nobody can call it later (issue 10, "unprotected initializeV2").
    function initializeV2(bytes32 label) external reinitializer(2) restricted {
        PoolV2Storage storage $ = _getPoolV2Storage();
        $.label = label;
        $.upgradedAt = uint40(block.timestamp);
    }

    /// @notice Implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }

    /// @notice The label and time recorded by `initializeV2`.
    function upgradeInfo() external view returns (bytes32 label, uint40 upgradedAt) {
        PoolV2Storage storage $ = _getPoolV2Storage();
        return ($.label, $.upgradedAt);
    }

    /// @notice Utilisation of `asset` as of now: borrowed / (cash + borrowed), RAY (answered by PositionLogic).
    function getReserveUtilization(address) external view returns (uint256 utilization) {
        utilization;
        _viewFromPositionLogic();
    }
}
