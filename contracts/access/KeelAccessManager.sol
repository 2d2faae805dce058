// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagerUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagerUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {IKeelAccessManager} from "../interfaces/IKeelAccessManager.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

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
///
///      ADMIN_ROLE can never be left without a holder: holders are counted, and a revocation or renunciation that
///      would remove the last one reverts (`KeelAccessManagerLastAdmin`), whoever asks and through whatever path.
/// @custom:security-contact security@keel.example
contract KeelAccessManager is AccessManagerUpgradeable, UUPSUpgradeable, IUpgradeCheckable, IKeelAccessManager {
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

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.KEEL_ACCESS_MANAGER;
    }

    /// @dev See the contract NatSpec: the manager authorises its own upgrade like any of its own functions, i.e. the
    ///      caller needs the role mapped to `(address(this), upgradeToAndCall.selector)` (ADMIN_ROLE unless mapped).
    function _authorizeUpgrade(address) internal virtual override onlyAuthorized {}

    /* UPGRADE CHECKS */

    /// @custom:storage-location erc7201:keel.storage.KeelAccessManager
    struct KeelAccessManagerStorage {
        /// @dev Running hash of every permission change (grants, revocations, role admins/guardians/delays, function
        ///      roles, target delays and closures). AccessManager's own mappings cannot be enumerated; this hash
        ///      changes whenever any of them does, so an upgrade that rewrites permissions is caught.
        bytes32 configHash;
        /// @dev Number of permission changes folded into `configHash`.
        uint256 configNonce;
        /// @dev Number of ADMIN_ROLE holders.
        uint256 adminCount;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelAccessManager")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelAccessManagerStorageLocation =
        0x0247a6074120d6efb6349985d468084fb8c50d46f136ad8c15742097ccacac00;

    function _getKeelAccessManagerStorage() private pure returns (KeelAccessManagerStorage storage $) {
        assembly {
            $.slot := KeelAccessManagerStorageLocation
        }
    }

    /// @notice The running hash of permission changes and how many were folded into it.
    /// @return hash The running hash.
    /// @return nonce The number of changes.
    function configHash() external view returns (bytes32 hash, uint256 nonce) {
        KeelAccessManagerStorage storage $ = _getKeelAccessManagerStorage();
        return ($.configHash, $.configNonce);
    }

    /// @inheritdoc IKeelAccessManager
    function adminCount() external view returns (uint256) {
        return _getKeelAccessManagerStorage().adminCount;
    }

    /// @inheritdoc IUpgradeCheckable
    function stateDigest() external view virtual returns (bytes32) {
        KeelAccessManagerStorage storage $ = _getKeelAccessManagerStorage();
        return keccak256(abi.encode($.configHash, $.configNonce));
    }

    /// @inheritdoc IUpgradeCheckable
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @inheritdoc IUpgradeCheckable
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }

    /// @dev Folds one permission change into the running hash.
    function _foldConfig(bytes memory change) private {
        KeelAccessManagerStorage storage $ = _getKeelAccessManagerStorage();
        $.configHash = keccak256(abi.encode($.configHash, change));
        ++$.configNonce;
    }

    function _grantRole(
        uint64 roleId,
        address account,
        uint32 grantDelay,
        uint32 executionDelay
    ) internal virtual override returns (bool newMember) {
        newMember = super._grantRole(roleId, account, grantDelay, executionDelay);
        if (newMember && roleId == ADMIN_ROLE) ++_getKeelAccessManagerStorage().adminCount;
        _foldConfig(abi.encode(this.grantRole.selector, roleId, account, grantDelay, executionDelay));
    }

    function _revokeRole(uint64 roleId, address account) internal virtual override returns (bool revoked) {
        revoked = super._revokeRole(roleId, account);
        if (revoked && roleId == ADMIN_ROLE) {
            KeelAccessManagerStorage storage $ = _getKeelAccessManagerStorage();
            if ($.adminCount == 1) revert KeelAccessManagerLastAdmin(account);
            --$.adminCount;
        }
        _foldConfig(abi.encode(this.revokeRole.selector, roleId, account));
    }

    function _setRoleAdmin(uint64 roleId, uint64 admin) internal virtual override {
        super._setRoleAdmin(roleId, admin);
        _foldConfig(abi.encode(this.setRoleAdmin.selector, roleId, admin));
    }

    function _setRoleGuardian(uint64 roleId, uint64 guardian) internal virtual override {
        super._setRoleGuardian(roleId, guardian);
        _foldConfig(abi.encode(this.setRoleGuardian.selector, roleId, guardian));
    }

    function _setGrantDelay(uint64 roleId, uint32 newDelay) internal virtual override {
        super._setGrantDelay(roleId, newDelay);
        _foldConfig(abi.encode(this.setGrantDelay.selector, roleId, newDelay));
    }

    function _setTargetFunctionRole(address target, bytes4 selector, uint64 roleId) internal virtual override {
        super._setTargetFunctionRole(target, selector, roleId);
        _foldConfig(abi.encode(this.setTargetFunctionRole.selector, target, selector, roleId));
    }

    function _setTargetAdminDelay(address target, uint32 newDelay) internal virtual override {
        super._setTargetAdminDelay(target, newDelay);
        _foldConfig(abi.encode(this.setTargetAdminDelay.selector, target, newDelay));
    }

    function _setTargetClosed(address target, bool closed) internal virtual override {
        super._setTargetClosed(target, closed);
        _foldConfig(abi.encode(this.setTargetClosed.selector, target, closed));
    }
}
