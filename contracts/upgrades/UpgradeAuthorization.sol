// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {AuthorityUtils} from "@openzeppelin/contracts/access/manager/AuthorityUtils.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title UpgradeAuthorization
/// @notice Gate for a new version's reinitializer (`initializeV2`): only an account the module's authority lets call
///         `upgradeToAndCall` on it right now may run it. Inside the upgrade transaction that is the caller of
///         `upgradeToAndCall` (KeelUpgrader: the proxy's delegatecall keeps `msg.sender`), so the upgrade path works
///         unchanged; after an upgrade executed with empty init data a stranger can no longer run the reinitializer
///         first and choose its arguments.
library UpgradeAuthorization {
    /// @dev Reverts with `AccessManagedUnauthorized(caller)` unless `caller` may upgrade `module` without delay.
    function requireUpgrader(address authority, address caller, address module) internal view {
        (bool immediate, ) = AuthorityUtils.canCallWithDelay(
            authority,
            caller,
            module,
            UUPSUpgradeable.upgradeToAndCall.selector
        );
        if (!immediate) revert IAccessManaged.AccessManagedUnauthorized(caller);
    }
}
