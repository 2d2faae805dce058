// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Pool} from "../../pool/Pool.sol";
import {PoolConfigLogic} from "../../libraries/logic/PoolConfigLogic.sol";

/// @title PoolV2GovernanceBreakerMock
/// @notice A storage-compatible V2 of Pool whose reinitializer changes who may do what (issue 10, finding 8): it
///         hands the pool to another authority, or makes a borrower fee-exempt. `KeelUpgrader` must refuse it with
///         `UpgraderStateChanged`, because the pool's `stateDigest` covers both.
/// @custom:oz-upgrades-from contracts/pool/Pool.sol:Pool
/// @custom:oz-upgrades-unsafe-allow missing-initializer external-library-linking
contract PoolV2GovernanceBreakerMock is Pool {
    /// @notice During the upgrade: re-points the authority to `newAuthority` and exempts `borrower` (each if non-zero).
    function initializeV2(address newAuthority, address borrower) external reinitializer(2) {
        if (newAuthority != address(0)) _setAuthority(newAuthority);
        if (borrower != address(0)) PoolConfigLogic.executeSetFlashBorrower(borrower, true);
    }

    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
