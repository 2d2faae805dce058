// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagerUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagerUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title KeelAccessManager
/// @notice The one authority of Keel: OpenZeppelin's AccessManager (roles, per-selector permissions, execution
///         delays, guardians) behind a UUPS proxy, so the permission system itself can be upgraded by governance.
/// @dev Role ids are in `Roles`. Every Keel module points its `AccessManagedUpgradeable.authority()` here.
///
///      Upgrade authorisation. AccessManager cannot use `restricted` on itself (it is not AccessManaged): its own
///      functions are gated by `onlyAuthorized`, which asks `_canCallSelf(msg.sender, msg.data)`. We reuse exactly
///      that gate for `_authorizeUpgrade`. Inside `upgradeToAndCall` the calldata's selector is
///      `upgradeToAndCall`, which is not one of AccessManager's built-in admin selectors, so the required role is
///      `getTargetFunctionRole(address(this), upgradeToAndCall.selector)`:
///        - ADMIN_ROLE (0) by default, because an unmapped selector maps to role 0;
///        - UPGRADER_ROLE (or any role) once the admin calls
///          `setTargetFunctionRole(manager, [upgradeToAndCall.selector], UPGRADER_ROLE)`.
///      The same gate also honours the caller's execution delay (the operation must then be `schedule`d and is
///      consumed here), calls relayed through the manager's own `execute`, and `setTargetClosed(manager, true)`
///      (closing the manager blocks its upgrades too). Nothing bypasses the role system, and no separate owner
///      exists that could drift out of sync with it.
/// @custom:security-contact security@keel.example
contract KeelAccessManager is AccessManagerUpgradeable, UUPSUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        // The implementation must never be initialised: only the proxy holds roles.
        _disableInitializers();
    }

    /// @notice Initialises the proxy: `initialAdmin` receives ADMIN_ROLE immediately and without delay.
    /// @param initialAdmin The first admin (the deployer, later replaced by the governance timelock).
    function initialize(address initialAdmin) public virtual override initializer {
        __KeelAccessManager_init(initialAdmin);
    }

    function __KeelAccessManager_init(address initialAdmin) internal onlyInitializing {
        __AccessManager_init(initialAdmin);
        __KeelAccessManager_init_unchained();
    }

    function __KeelAccessManager_init_unchained() internal onlyInitializing {}

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @dev See the contract NatSpec: the manager authorises its own upgrade like any of its own functions, i.e. the
    ///      caller needs the role mapped to `(address(this), upgradeToAndCall.selector)` (ADMIN_ROLE unless mapped).
    function _authorizeUpgrade(address) internal virtual override onlyAuthorized {}
}
