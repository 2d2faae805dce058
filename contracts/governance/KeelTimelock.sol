// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IKeelTimelock} from "../interfaces/IKeelTimelock.sol";

/// @title KeelTimelock
/// @notice The root of Keel's authority: it holds the AccessManager admin role, the upgrader role and every other
///         power governance has. Every action passes through it with a delay that depends on how dangerous it is:
///         - base tier, `getMinDelay()` (e.g. 2 days): risk-parameter changes and other ordinary calls;
///         - critical tier, `getCriticalDelay()` (e.g. 5 days): any call whose selector is in the critical set
///           (upgrades, role and authority changes, module replacement, this timelock's own settings).
///         Operations are also *code-pinned*: the code hash of every target (and of the implementation passed to
///         `upgradeToAndCall`) is recorded at scheduling and checked again at execution, so what voters reviewed is
///         what runs (defence against the Tornado Cash governance attack of May 2023, where a proposal's target was
///         self-destructed and redeployed with different code at the same address).
/// @dev Deliberately NOT upgradeable. It is the root of authority that holds every role: an upgradeable root would need
///      an upgrade authority above it, which would then be the real root, and a bug in an upgrade of the root could
///      lose every role at once. Replacing the timelock is instead an explicit, reviewable migration done through
///      governance itself (grant the roles to the new timelock, point the Governor at it with `updateTimelock`,
///      revoke the old one), each step a critical-tier call.
///
///      Delay policy: a delay below `getMinDelay()` reverts exactly as in OpenZeppelin (`TimelockInsufficientDelay`);
///      a delay at or above it but below `requiredDelay` is RAISED to `requiredDelay` (event `DelayRaised`). We raise
///      instead of reverting because the Governor always schedules with `getMinDelay()` and cannot know the tier;
///      the real ready time is always `getTimestamp(id)`, which `KeelGovernor` reports as the proposal's eta.
///
///      Tiering is by selector, whatever the target: a selector shared by a harmless function elsewhere is treated as
///      critical too, which errs on the safe side. Generic wrappers that can carry a critical call (e.g. AccessManager
///      `execute`/`schedule`, `multicall`) must be in the critical set as well, or they bypass it.
contract KeelTimelock is TimelockController, IKeelTimelock {
    /// @notice Lower bound of the critical delay, in seconds.
    uint256 public constant MIN_CRITICAL_DELAY = 1 days;
    /// @notice Upper bound of the critical delay, in seconds (a larger value could freeze emergency upgrades).
    uint256 public constant MAX_CRITICAL_DELAY = 30 days;

    /// @dev `keccak256("")`: EXTCODEHASH of an account that exists but has no code. An empty account that does not
    ///      exist yet has code hash 0. Both mean "no code"; they are folded together so that sending 1 wei to an empty
    ///      target cannot grief an operation.
    bytes32 private constant _EMPTY_CODEHASH = keccak256("");
    /// @dev `bytes4(keccak256("upgradeToAndCall(address,bytes)"))`.
    bytes4 private constant _UPGRADE_TO_AND_CALL = 0x4f1ef286;
    /// @dev KeelUpgrader's entry points: the implementation is their second argument.
    bytes4 private constant _UPGRADE_AND_VERIFY =
        bytes4(keccak256("upgradeAndVerify(address,address,bytes,(address,bytes)[])"));
    bytes4 private constant _ROLLBACK_AND_VERIFY = bytes4(keccak256("rollbackAndVerify(address,address,(address,bytes)[])"));

    uint256 private _criticalDelay;
    mapping(bytes4 selector => bool) private _criticalSelectors;
    mapping(bytes32 id => bytes32) private _codePins;

    /// @param minDelay Base-tier delay in seconds.
    /// @param criticalDelay Critical-tier delay in seconds, within `[MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY]`.
    /// @param proposers Accounts granted PROPOSER_ROLE and CANCELLER_ROLE (OZ behaviour); usually the Governor.
    /// @param executors Accounts granted EXECUTOR_ROLE (address(0) opens execution to anyone).
    /// @param admin Optional bootstrap admin (zero for none); it must renounce DEFAULT_ADMIN_ROLE after setup.
    /// @param criticalSelectors The initial critical set. This timelock's own tier setters, `updateDelay` and its
    ///        AccessControl `grantRole`/`revokeRole`/`renounceRole` are always added.
    constructor(
        uint256 minDelay,
        uint256 criticalDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin,
        bytes4[] memory criticalSelectors
    ) TimelockController(minDelay, proposers, executors, admin) {
        _setCriticalDelay(criticalDelay);
        _setCriticalSelector(IKeelTimelock.setCriticalDelay.selector, true);
        _setCriticalSelector(IKeelTimelock.setCriticalSelector.selector, true);
        _setCriticalSelector(TimelockController.updateDelay.selector, true);
        _setCriticalSelector(IAccessControl.grantRole.selector, true);
        _setCriticalSelector(IAccessControl.revokeRole.selector, true);
        _setCriticalSelector(IAccessControl.renounceRole.selector, true);
        for (uint256 i = 0; i < criticalSelectors.length; ++i) {
            _setCriticalSelector(criticalSelectors[i], true);
        }
    }

    /* ------------------------------------------------------------------ */
    /*                                 VIEWS                              */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IKeelTimelock
    function getCriticalDelay() public view returns (uint256) {
        return _criticalDelay;
    }

    /// @inheritdoc IKeelTimelock
    function isCriticalSelector(bytes4 selector) public view returns (bool) {
        return _criticalSelectors[selector];
    }

    /// @inheritdoc IKeelTimelock
    function requiredDelay(address[] calldata targets, bytes[] calldata payloads) public view returns (uint256) {
        if (targets.length != payloads.length) revert TimelockLengthMismatch(targets.length, payloads.length);
        for (uint256 i = 0; i < payloads.length; ++i) {
            if (_isCritical(payloads[i])) return _criticalFloor();
        }
        return getMinDelay();
    }

    /// @inheritdoc IKeelTimelock
    function codePinOf(bytes32 id) external view returns (bytes32) {
        return _codePins[id];
    }

    /// @inheritdoc IKeelTimelock
    function computeCodePin(address[] calldata targets, bytes[] calldata payloads) public view returns (bytes32 pin) {
        if (targets.length != payloads.length) revert TimelockLengthMismatch(targets.length, payloads.length);
        for (uint256 i = 0; i < targets.length; ++i) {
            pin = _foldCodePin(pin, targets[i], payloads[i]);
        }
    }

    /* ------------------------------------------------------------------ */
    /*                         SCHEDULE / EXECUTE / CANCEL                */
    /* ------------------------------------------------------------------ */

    /// @notice Schedules one call; raises `delay` to the critical floor when the call is critical, and pins the code
    ///         of the target (and of the implementation, for `upgradeToAndCall`).
    /// @dev Role check (PROPOSER_ROLE) and the base-delay check are OpenZeppelin's, run in `super.schedule`.
    function schedule(
        address target,
        uint256 value,
        bytes calldata data,
        bytes32 predecessor,
        bytes32 salt,
        uint256 delay
    ) public override {
        bytes32 id = hashOperation(target, value, data, predecessor, salt);
        uint256 required = _isCritical(data) ? _criticalFloor() : getMinDelay();
        uint256 applied = _applyFloor(id, delay, required);
        super.schedule(target, value, data, predecessor, salt, applied);
        _pin(id, _foldCodePin(bytes32(0), target, data));
    }

    /// @notice Batch version of `schedule`: one critical call makes the whole batch critical.
    function scheduleBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt,
        uint256 delay
    ) public override {
        bytes32 id = hashOperationBatch(targets, values, payloads, predecessor, salt);
        uint256 applied = _applyFloor(id, delay, requiredDelay(targets, payloads));
        super.scheduleBatch(targets, values, payloads, predecessor, salt, applied);
        _pin(id, computeCodePin(targets, payloads));
    }

    /// @notice Executes a ready operation after checking that no pinned code changed since scheduling.
    /// @dev The pin check runs before any call. A pin is zero only for unknown/finished operations, which OZ's own
    ///      checks in `super.execute` then reject with their usual errors.
    function execute(
        address target,
        uint256 value,
        bytes calldata payload,
        bytes32 predecessor,
        bytes32 salt
    ) public payable override {
        bytes32 id = hashOperation(target, value, payload, predecessor, salt);
        _checkPin(id, _foldCodePin(bytes32(0), target, payload));
        super.execute(target, value, payload, predecessor, salt);
        delete _codePins[id];
    }

    /// @notice Batch version of `execute`.
    function executeBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt
    ) public payable override {
        bytes32 id = hashOperationBatch(targets, values, payloads, predecessor, salt);
        _checkPin(id, computeCodePin(targets, payloads));
        super.executeBatch(targets, values, payloads, predecessor, salt);
        delete _codePins[id];
    }

    /// @notice Cancels a pending operation (CANCELLER_ROLE: the Governor and the guardian) and drops its pin.
    function cancel(bytes32 id) public override {
        super.cancel(id);
        delete _codePins[id];
    }

    /* ------------------------------------------------------------------ */
    /*                         SELF-GOVERNED SETTINGS                     */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IKeelTimelock
    function setCriticalDelay(uint256 newDelay) external {
        _onlySelf();
        _setCriticalDelay(newDelay);
    }

    /// @inheritdoc IKeelTimelock
    function setCriticalSelector(bytes4 selector, bool critical) external {
        _onlySelf();
        _setCriticalSelector(selector, critical);
    }

    /* ------------------------------------------------------------------ */
    /*                                INTERNALS                           */
    /* ------------------------------------------------------------------ */

    /// @dev Same rule as OZ's `updateDelay`: only an operation executed by this timelock may change its settings.
    function _onlySelf() private view {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
    }

    function _setCriticalDelay(uint256 newDelay) private {
        if (newDelay < MIN_CRITICAL_DELAY || newDelay > MAX_CRITICAL_DELAY) {
            revert TimelockCriticalDelayOutOfBounds(newDelay, MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY);
        }
        emit SetCriticalDelay(_criticalDelay, newDelay);
        _criticalDelay = newDelay;
    }

    function _setCriticalSelector(bytes4 selector, bool critical) private {
        emit SetCriticalSelector(selector, _criticalSelectors[selector], critical);
        _criticalSelectors[selector] = critical;
    }

    /// @dev The critical floor never drops below the base delay, even if the base delay is raised above it later.
    function _criticalFloor() private view returns (uint256) {
        uint256 base = getMinDelay();
        return _criticalDelay > base ? _criticalDelay : base;
    }

    function _isCritical(bytes calldata data) private view returns (bool) {
        return data.length >= 4 && _criticalSelectors[bytes4(data[:4])];
    }

    /// @dev Below the base delay we return `delay` unchanged so that OZ reverts with `TimelockInsufficientDelay`.
    function _applyFloor(bytes32 id, uint256 delay, uint256 required) private returns (uint256) {
        if (delay < getMinDelay() || delay >= required) return delay;
        emit DelayRaised(id, delay, required);
        return required;
    }

    function _pin(bytes32 id, bytes32 pin) private {
        _codePins[id] = pin;
        emit CodePinned(id, pin);
    }

    function _checkPin(bytes32 id, bytes32 current) private view {
        bytes32 pinned = _codePins[id];
        if (pinned != bytes32(0) && pinned != current) revert TimelockCodeChanged(id);
    }

    /// @dev Folds one call into a running pin: the target's code hash and, for `upgradeToAndCall(newImpl, data)` and
    ///      KeelUpgrader's `upgradeAndVerify` / `rollbackAndVerify(proxy, newImpl, ...)`, the code hash of `newImpl`. A proxy's code hash does not change on upgrade: proxies are covered by pinning the
    ///      implementation of every upgrade that goes through here, and only this timelock can upgrade them.
    function _foldCodePin(bytes32 acc, address target, bytes calldata data) private view returns (bytes32) {
        acc = keccak256(abi.encode(acc, target, _codeHashOf(target)));
        if (data.length >= 36 && bytes4(data[:4]) == _UPGRADE_TO_AND_CALL) {
            address newImpl = address(uint160(uint256(bytes32(data[4:36]))));
            acc = keccak256(abi.encode(acc, newImpl, _codeHashOf(newImpl)));
        } else if (
            data.length >= 68 && (bytes4(data[:4]) == _UPGRADE_AND_VERIFY || bytes4(data[:4]) == _ROLLBACK_AND_VERIFY)
        ) {
            address newImpl = address(uint160(uint256(bytes32(data[36:68]))));
            acc = keccak256(abi.encode(acc, newImpl, _codeHashOf(newImpl)));
        }
        return acc;
    }

    function _codeHashOf(address account) private view returns (bytes32 h) {
        h = account.codehash;
        if (h == _EMPTY_CODEHASH) h = bytes32(0);
    }
}
