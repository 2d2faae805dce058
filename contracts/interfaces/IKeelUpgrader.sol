// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelUpgrader
/// @notice The one path through which AccessManaged modules are upgraded: upgrade and verify in one transaction.
interface IKeelUpgrader {
    /// @notice An upgrade (or rollback) went through its checks.
    event ModuleUpgraded(address indexed proxy, address indexed oldImplementation, address indexed newImplementation, string oldVersion, string newVersion);

    /// @notice The new version is not strictly greater than the current one.
    error UpgraderVersionNotIncreased(string oldVersion, string newVersion);
    /// @notice A rollback must go to a strictly lower version that this proxy ran before.
    error UpgraderUnknownRollbackTarget(address proxy, address implementation);
    /// @notice The implementation's initializers are not disabled: it could be taken over.
    error UpgraderImplementationNotLocked(address implementation, uint64 initializedVersion);
    /// @notice The module's key state changed during the upgrade.
    error UpgraderStateChanged(bytes32 before, bytes32 afterUpgrade);
    /// @notice The implementation slot does not hold the requested implementation after the upgrade.
    error UpgraderImplementationMismatch(address expected, address actual);
    /// @notice A version string is not "MAJOR.MINOR.PATCH".
    error UpgraderBadVersion(string version);
    /// @notice A dependant probe failed after the upgrade.
    error UpgraderProbeFailed(address target, bytes data);
    /// @notice The proxy's `authority()` answered `afterUpgrade` after the upgrade, not `before` (or stopped answering,
    ///         reported as address(0)).
    error UpgraderAuthorityChanged(address proxy, address before, address afterUpgrade);
    /// @notice After the upgrade the AccessManager `authority` no longer lets this upgrader upgrade `proxy` again.
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
    function upgradeAndVerify(address proxy, address newImplementation, bytes calldata data, Probe[] calldata probes) external;

    /// @notice Points `proxy` back to an implementation it ran before (lower version), with the same checks except
    ///         the version direction. Restricted (governance).
    function rollbackAndVerify(address proxy, address previousImplementation, Probe[] calldata probes) external;

    /// @notice Implementations `proxy` has run through this upgrader, oldest first.
    function history(address proxy) external view returns (address[] memory);
}
