// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IKeelUpgrader} from "../interfaces/IKeelUpgrader.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";

interface IUUPS {
    function upgradeToAndCall(address newImplementation, bytes calldata data) external payable;
}

/// @title KeelUpgrader
/// @notice Self-verifying upgrades. The AccessManager grants UPGRADER_ROLE (the role of every module's
///         `upgradeToAndCall`) to this contract only, and this contract's functions to the governance timelock: an
///         upgrade can only happen through `upgradeAndVerify`, which reverts the whole upgrade unless the version
///         increased, the new implementation's initializers are locked, the module's state digest is unchanged and
///         every dependant still answers.
/// @dev Stateless except for the implementation history used to allow rollbacks; not upgradeable (replaceable by
///      governance: grant UPGRADER_ROLE to a new one).
///      What it is: a guard against mistakes (a wrong artifact, a reinitializer that rewires the module, a version
///      not bumped, an unlocked implementation). What it is not: a boundary against a malicious implementation.
///      After `upgradeToAndCall` every answer read through the proxy (`implementation()`, `version()`,
///      `authority()`, `stateDigest()`) is computed by the new code, which can lie, and no contract can read another
///      contract's storage (the ERC-1967 admin and beacon slots, the AccessManaged slot) directly. The independent
///      reads of those slots are the tooling's (`upgrade:rehearse`, `gov:execute`, via `eth_getStorageAt`); the
///      boundary against a malicious V2 is the DAO's review of the code during the critical delay (issue 10,
///      finding 8).
contract KeelUpgrader is AccessManaged, IKeelUpgrader {
    mapping(address proxy => address[]) private _history;

    constructor(address authority) AccessManaged(authority) {}

    /// @dev What an upgrade is checked and reported against: the module before it.
    struct Snapshot {
        address implementation;
        string version;
        bytes32 digest;
        bytes32 abiId;
    }

    /// @inheritdoc IKeelUpgrader
    function upgradeAndVerify(
        address proxy,
        address newImplementation,
        bytes calldata data,
        Probe[] calldata probes
    ) external restricted {
        Snapshot memory old = _snapshot(proxy);
        (bool managed, address authorityBefore) = _authorityOf(proxy);
        IUUPS(proxy).upgradeToAndCall(newImplementation, data);
        _verifyWiring(proxy, managed, authorityBefore);
        string memory newVersion = _verify(proxy, newImplementation, old.digest, probes);
        if (_versionNumber(newVersion) <= _versionNumber(old.version))
            revert UpgraderVersionNotIncreased(old.version, newVersion);
        _record(proxy, old.implementation, newImplementation);
        _emitUpgraded(proxy, old, newImplementation, newVersion);
    }

    /// @inheritdoc IKeelUpgrader
    function rollbackAndVerify(
        address proxy,
        address previousImplementation,
        Probe[] calldata probes
    ) external restricted {
        address[] storage h = _history[proxy];
        bool known;
        for (uint256 i; i < h.length; ++i) {
            if (h[i] == previousImplementation) known = true;
        }
        if (!known) revert UpgraderUnknownRollbackTarget(proxy, previousImplementation);
        Snapshot memory old = _snapshot(proxy);
        (bool managed, address authorityBefore) = _authorityOf(proxy);
        IUUPS(proxy).upgradeToAndCall(previousImplementation, "");
        _verifyWiring(proxy, managed, authorityBefore);
        string memory newVersion = _verify(proxy, previousImplementation, old.digest, probes);
        if (_versionNumber(newVersion) >= _versionNumber(old.version))
            revert UpgraderUnknownRollbackTarget(proxy, previousImplementation);
        _record(proxy, old.implementation, previousImplementation);
        _emitUpgraded(proxy, old, previousImplementation, newVersion);
    }

    /// @inheritdoc IKeelUpgrader
    function history(address proxy) external view returns (address[] memory) {
        return _history[proxy];
    }

    function _snapshot(address proxy) private view returns (Snapshot memory snap) {
        snap.implementation = _implementationOf(proxy);
        snap.version = IUpgradeCheckable(proxy).version();
        snap.digest = IUpgradeCheckable(proxy).stateDigest();
        snap.abiId = _abiIdOf(proxy);
    }

    function _emitUpgraded(address proxy, Snapshot memory old, address newImpl, string memory newVersion) private {
        emit ModuleUpgraded(proxy, old.implementation, newImpl, old.version, newVersion, old.abiId, _abiIdOf(proxy));
    }

    function _verify(
        address proxy,
        address expectedImpl,
        bytes32 before,
        Probe[] calldata probes
    ) private view returns (string memory newVersion) {
        address actual = _implementationOf(proxy);
        if (actual != expectedImpl) revert UpgraderImplementationMismatch(expectedImpl, actual);
        uint64 initialized = IUpgradeCheckable(expectedImpl).initializedVersion();
        if (initialized != type(uint64).max) revert UpgraderImplementationNotLocked(expectedImpl, initialized);
        bytes32 afterUpgrade = IUpgradeCheckable(proxy).stateDigest();
        if (afterUpgrade != before) revert UpgraderStateChanged(before, afterUpgrade);
        newVersion = IUpgradeCheckable(proxy).version();
        for (uint256 i; i < probes.length; ++i) {
            (bool ok, ) = probes[i].target.staticcall(probes[i].data);
            if (!ok) revert UpgraderProbeFailed(probes[i].target, probes[i].data);
        }
    }

    /// @dev The module's `abiId()`, or zero when its implementation has none (one from before the ABI identifier).
    function _abiIdOf(address proxy) private view returns (bytes32) {
        (bool ok, bytes memory ret) = proxy.staticcall(abi.encodeCall(IUpgradeCheckable.abiId, ()));
        return ok && ret.length == 32 ? abi.decode(ret, (bytes32)) : bytes32(0);
    }

    /// @dev The proxy's `authority()` (IAccessManaged), when it answers with an address.
    function _authorityOf(address proxy) private view returns (bool managed, address authority_) {
        (bool ok, bytes memory ret) = proxy.staticcall(abi.encodeCall(IAccessManaged.authority, ()));
        if (!ok || ret.length != 32) return (false, address(0));
        return (true, abi.decode(ret, (address)));
    }

    /// @dev Issue 10, finding 8: a reinitializer calling `_setAuthority(x)` passed every module-reported check. The
    ///      upgrader itself compares `authority()` before and after (the answer after comes from the new code), and
    ///      asks the AccessManager it trusted before (not the new code) whether this upgrader may still upgrade the
    ///      proxy, so that a later corrective upgrade stays possible. A proxy without `authority()` that answers
    ///      `canCall` is the AccessManager itself: it is asked about its own upgrade (a V2 of the manager must not
    ///      take the upgrade path away from governance).
    function _verifyWiring(address proxy, bool managed, address authorityBefore) private view {
        address manager = proxy;
        if (managed) {
            (bool stillManaged, address authorityAfter) = _authorityOf(proxy);
            if (!stillManaged || authorityAfter != authorityBefore) {
                revert UpgraderAuthorityChanged(proxy, authorityBefore, authorityAfter);
            }
            manager = authorityBefore;
        }
        try IAccessManager(manager).canCall(address(this), proxy, IUUPS.upgradeToAndCall.selector) returns (
            bool immediate,
            uint32
        ) {
            if (!immediate) revert UpgraderProxyUnmanaged(proxy, manager);
        } catch {
            // Neither managed nor a manager (e.g. a plain UUPS proxy): nothing to ask.
            if (managed) revert UpgraderProxyUnmanaged(proxy, manager);
        }
    }

    function _record(address proxy, address oldImpl, address newImpl) private {
        address[] storage h = _history[proxy];
        if (h.length == 0) h.push(oldImpl);
        h.push(newImpl);
    }

    function _implementationOf(address proxy) private view returns (address) {
        return IUpgradeCheckable(proxy).implementation();
    }

    /// @dev "MAJOR.MINOR.PATCH" -> MAJOR * 1e12 + MINOR * 1e6 + PATCH.
    function _versionNumber(string memory v) private pure returns (uint256 n) {
        bytes memory b = bytes(v);
        uint256 part;
        uint256 parts;
        for (uint256 i; i < b.length; ++i) {
            bytes1 c = b[i];
            if (c == ".") {
                n = n * 1e6 + part;
                part = 0;
                ++parts;
            } else if (c >= "0" && c <= "9") {
                part = part * 10 + uint8(c) - 48;
                if (part >= 1e6) revert UpgraderBadVersion(v);
            } else {
                revert UpgraderBadVersion(v);
            }
        }
        if (parts != 2 || b.length == 0) revert UpgraderBadVersion(v);
        n = n * 1e6 + part;
    }
}
