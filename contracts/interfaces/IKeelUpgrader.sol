// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelUpgrader
/// @notice The one path through which AccessManaged modules are upgraded: upgrade and verify in one transaction.
interface IKeelUpgrader {
    /// @notice An upgrade (or rollback) went through its checks. The versions and ABI identifiers
    ///         (`IUpgradeCheckable.abiId`) are the module's answers before and after: an indexer or SDK picks the ABI
    ///         to decode the module with from them (zero: the implementation has no `abiId()`).
    event ModuleUpgraded(
        address indexed proxy,
        address indexed oldImplementation,
        address indexed newImplementation,
        string oldVersion,
        string newVersion,
        bytes32 oldAbiId,
        bytes32 newAbiId
    );

    /// @notice The new version is not strictly greater than the current one.
    /// @param oldVersion The version the proxy runs.
    /// @param newVersion The new implementation's version.
    error UpgraderVersionNotIncreased(string oldVersion, string newVersion);
    /// @notice A rollback must go to a strictly lower version that this proxy ran before.
    /// @param proxy The proxy rolled back.
    /// @param implementation The implementation asked for.
    error UpgraderUnknownRollbackTarget(address proxy, address implementation);
    /// @notice The implementation's initializers are not disabled: it could be taken over.
    /// @param implementation The new implementation.
    /// @param initializedVersion Its initialized version (locked means `type(uint64).max`).
    error UpgraderImplementationNotLocked(address implementation, uint64 initializedVersion);
    /// @notice The module's key state changed during the upgrade.
    /// @param before The module's `stateDigest()` before the upgrade.
    /// @param afterUpgrade Its digest after the upgrade.
    error UpgraderStateChanged(bytes32 before, bytes32 afterUpgrade);
    /// @notice The implementation slot does not hold the requested implementation after the upgrade.
    /// @param expected The implementation asked for.
    /// @param actual The implementation the slot holds.
    error UpgraderImplementationMismatch(address expected, address actual);
    /// @notice A version string is not "MAJOR.MINOR.PATCH".
    /// @param version The version string.
    error UpgraderBadVersion(string version);
    /// @notice A dependant probe failed after the upgrade.
    /// @param target The contract probed.
    /// @param data The probe's calldata.
    error UpgraderProbeFailed(address target, bytes data);
    /// @notice The proxy's `authority()` answered `afterUpgrade` after the upgrade, not `before` (or stopped answering,
    ///         reported as address(0)).
    /// @param proxy The proxy upgraded.
    /// @param before Its authority before the upgrade.
    /// @param afterUpgrade Its authority after the upgrade.
    error UpgraderAuthorityChanged(address proxy, address before, address afterUpgrade);
    /// @notice After the upgrade the AccessManager `authority` no longer lets this upgrader upgrade `proxy` again.
    /// @param proxy The proxy upgraded.
    /// @param authority The AccessManager asked: the proxy's authority before the upgrade, or the proxy itself
    ///        when it is the manager.
    error UpgraderProxyUnmanaged(address proxy, address authority);

    /// @notice A read-only call that must still succeed after an upgrade ("dependants still answer").
    struct Probe {
        address target;
        bytes data;
    }

    /// @notice Upgrades `proxy` to `newImplementation` (calling `data` if not empty), then checks in the same
    ///         transaction: the implementation is the requested one, the version increased, the implementation is
    ///         locked, `authority()` is unchanged and the AccessManager still lets this upgrader upgrade the proxy,
    ///         the state digest is unchanged, every probe answers. Any failure reverts the whole upgrade. Restricted
    ///         (governance). A guard against mistakes, not a boundary against a malicious implementation: every
    ///         answer read through the proxy after the upgrade comes from the new code.
    function upgradeAndVerify(
        address proxy,
        address newImplementation,
        bytes calldata data,
        Probe[] calldata probes
    ) external;

    /// @notice Points `proxy` back to an implementation it ran before (lower version), with the same checks except
    ///         the version direction. Restricted (governance).
    function rollbackAndVerify(address proxy, address previousImplementation, Probe[] calldata probes) external;

    /// @notice Implementations `proxy` has run through this upgrader, oldest first.
    function history(address proxy) external view returns (address[] memory);
}
