// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IKeelTimelock} from "../interfaces/IKeelTimelock.sol";

/// @title KeelTimelock
/// @notice The root of Keel's authority: it holds the AccessManager admin role and every other power governance has.
///         Every action passes through it with a delay that depends on how dangerous it is, and the rule FAILS CLOSED:
///         - critical tier, `max(getMinDelay(), getCriticalDelay())` (e.g. 5 days): every call, UNLESS its
///           (target, selector) pair is on the explicit base-tier allow-list;
///         - base tier, `getMinDelay()` (e.g. 2 days): calls on the allow-list (risk parameters within hard bounds,
///           listings, unpausing). A new module or a new function is critical until governance allow-lists it (a
///           critical-tier decision itself). Calls to this timelock are always critical.
///         Operations are *code-pinned*: the code hash of every target and of every implementation named by an upgrade
///         (also inside wrappers: AccessManager `execute`/`schedule`, `multicall`, Governor `relay`, the init data of an
///         upgrade) is recorded at scheduling and checked again at execution, so what voters reviewed is what runs
///         (Tornado Cash governance, May 2023). An upgrade whose implementation has no code cannot be scheduled.
///         The guardian's veto (CANCELLER_ROLE without PROPOSER_ROLE) cannot reach operations made only of
///         *cancel-protected* calls (removing a guardian's roles, unpausing): the DAO can always end a pause and remove
///         a guardian, whatever the guardian does.
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
///      Bootstrap: the allow-lists are set by `setBaseTierCalls` / `setCancelProtectedCall`, callable by the timelock
///      itself or by a holder of DEFAULT_ADMIN_ROLE (the deployer during setup, which renounces it: from then on only
///      a scheduled self-call, i.e. a critical-tier proposal, changes them).
///
///      The timelock never lets its own wiring be cut: the last PROPOSER_ROLE or EXECUTOR_ROLE holder cannot be
///      revoked or renounce, and the timelock cannot lose DEFAULT_ADMIN_ROLE over itself.
contract KeelTimelock is TimelockController, IKeelTimelock {
    /// @notice Lower bound of the critical delay, in seconds.
    uint256 public constant MIN_CRITICAL_DELAY = 1 days;
    /// @notice Upper bound of the critical delay, in seconds (a larger value could freeze emergency upgrades).
    uint256 public constant MAX_CRITICAL_DELAY = 30 days;
    /// @notice How deep wrappers (multicall inside execute inside relay...) are parsed for implementations to pin.
    uint256 public constant MAX_NESTING = 4;

    /// @dev `keccak256("")`: EXTCODEHASH of an account that exists but has no code. An empty account that does not
    ///      exist yet has code hash 0. Both mean "no code"; they are folded together so that sending 1 wei to an empty
    ///      target cannot grief an operation.
    bytes32 private constant _EMPTY_CODEHASH = keccak256("");
    /// @dev Calls that carry an implementation address: UUPS `upgradeToAndCall(impl, data)` and KeelUpgrader's
    ///      `upgradeAndVerify(proxy, impl, data, probes)` / `rollbackAndVerify(proxy, impl, probes)`.
    bytes4 private constant _UPGRADE_TO_AND_CALL = bytes4(keccak256("upgradeToAndCall(address,bytes)"));
    bytes4 private constant _UPGRADE_AND_VERIFY = bytes4(
        keccak256("upgradeAndVerify(address,address,bytes,(address,bytes)[])")
    );
    bytes4 private constant _ROLLBACK_AND_VERIFY = bytes4(
        keccak256("rollbackAndVerify(address,address,(address,bytes)[])")
    );
    /// @dev Wrappers that carry further calls: AccessManager `execute(target, data)` / `schedule(target, data, when)`,
    ///      `multicall(bytes[])` (calls on the same target), Governor `relay(target, value, data)`.
    bytes4 private constant _AM_EXECUTE = bytes4(keccak256("execute(address,bytes)"));
    bytes4 private constant _AM_SCHEDULE = bytes4(keccak256("schedule(address,bytes,uint48)"));
    bytes4 private constant _MULTICALL = bytes4(keccak256("multicall(bytes[])"));
    bytes4 private constant _RELAY = bytes4(keccak256("relay(address,uint256,bytes)"));

    uint256 private _criticalDelay;
    /// @dev keccak256(target, selector) => may run at the base tier.
    mapping(bytes32 callKey => bool) private _baseTier;
    /// @dev keccak256(target, selector) or keccak256(target, selector, first argument) => cancel-protected.
    mapping(bytes32 callKey => bool) private _cancelProtected;
    mapping(bytes32 id => bytes32) private _codePins;
    mapping(bytes32 id => bool) private _protectedOps;
    mapping(bytes32 role => uint256) private _holders;

    /// @param minDelay Base-tier delay in seconds.
    /// @param criticalDelay Critical-tier delay in seconds, within `[MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY]`.
    /// @param proposers Accounts granted PROPOSER_ROLE and CANCELLER_ROLE (OZ behaviour); usually the Governor.
    /// @param executors Accounts granted EXECUTOR_ROLE (address(0) opens execution to anyone).
    /// @param admin Optional bootstrap admin (zero for none); it must renounce DEFAULT_ADMIN_ROLE after setup.
    constructor(
        uint256 minDelay,
        uint256 criticalDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {
        _setCriticalDelay(criticalDelay);
    }

    /* ------------------------------------------------------------------ */
    /*                                 VIEWS                              */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IKeelTimelock
    function getCriticalDelay() public view returns (uint256) {
        return _criticalDelay;
    }

    /// @inheritdoc IKeelTimelock
    function isBaseTier(address target, bytes4 selector) public view returns (bool) {
        return target != address(this) && _baseTier[_callKey(target, selector)];
    }

    /// @inheritdoc IKeelTimelock
    function isCancelProtected(address target, bytes4 selector, bytes32 firstArg) public view returns (bool) {
        return _cancelProtected[_callKey(target, selector)] || _cancelProtected[_argKey(target, selector, firstArg)];
    }

    /// @inheritdoc IKeelTimelock
    function isOperationCancelProtected(bytes32 id) external view returns (bool) {
        return _protectedOps[id];
    }

    /// @inheritdoc IKeelTimelock
    function requiredDelay(address[] calldata targets, bytes[] calldata payloads) public view returns (uint256) {
        if (targets.length != payloads.length) revert TimelockLengthMismatch(targets.length, payloads.length);
        for (uint256 i = 0; i < payloads.length; ++i) {
            if (!_isBaseCall(targets[i], payloads[i])) return _criticalFloor();
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
            pin = _foldCall(pin, targets[i], payloads[i], 0, false);
        }
    }

    /* ------------------------------------------------------------------ */
    /*                         SCHEDULE / EXECUTE / CANCEL                */
    /* ------------------------------------------------------------------ */

    /// @notice Schedules one call; raises `delay` to the critical floor unless the call is on the base-tier list, pins
    ///         the code of the target and of every implementation the call names (an implementation without code is
    ///         refused), and records whether the operation is cancel-protected.
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
        uint256 required = _isBaseCall(target, data) ? getMinDelay() : _criticalFloor();
        uint256 applied = _applyFloor(id, delay, required);
        super.schedule(target, value, data, predecessor, salt, applied);
        _pin(id, _foldCall(bytes32(0), target, data, 0, true));
        if (_isProtectedCall(target, data)) _markProtected(id);
    }

    /// @notice Batch version of `schedule`: one critical call makes the whole batch critical; the batch is
    ///         cancel-protected only if every call in it is.
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
        bytes32 pin;
        bool protectedOp = targets.length != 0;
        for (uint256 i = 0; i < targets.length; ++i) {
            pin = _foldCall(pin, targets[i], payloads[i], 0, true);
            if (protectedOp && !_isProtectedCall(targets[i], payloads[i])) protectedOp = false;
        }
        _pin(id, pin);
        if (protectedOp) _markProtected(id);
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
        _checkPin(id, _foldCall(bytes32(0), target, payload, 0, false));
        super.execute(target, value, payload, predecessor, salt);
        _forget(id);
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
        _forget(id);
    }

    /// @notice Cancels a pending operation (CANCELLER_ROLE: the Governor and the guardian) and drops its pin. A
    ///         cancel-protected operation (only guardian removals and unpauses) can be cancelled only by a canceller
    ///         that is also a proposer (the Governor), never by the guardian.
    function cancel(bytes32 id) public override {
        if (_protectedOps[id] && !hasRole(PROPOSER_ROLE, msg.sender)) revert TimelockCancelProtected(id, msg.sender);
        super.cancel(id);
        _forget(id);
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
    function setBaseTierCalls(address target, bytes4[] calldata selectors, bool allowed) external {
        _onlySelfOrBootstrap();
        if (target == address(this) || target == address(0)) revert TimelockInvalidBaseTierTarget(target);
        for (uint256 i = 0; i < selectors.length; ++i) {
            bytes32 key = _callKey(target, selectors[i]);
            emit BaseTierCallSet(target, selectors[i], _baseTier[key], allowed);
            _baseTier[key] = allowed;
        }
    }

    /// @inheritdoc IKeelTimelock
    function setCancelProtectedCall(
        address target,
        bytes4 selector,
        bool matchArg,
        bytes32 firstArg,
        bool enabled
    ) external {
        _onlySelfOrBootstrap();
        if (target == address(0)) revert TimelockInvalidBaseTierTarget(target);
        bytes32 key = matchArg ? _argKey(target, selector, firstArg) : _callKey(target, selector);
        emit CancelProtectedCallSet(target, selector, matchArg, firstArg, _cancelProtected[key], enabled);
        _cancelProtected[key] = enabled;
    }

    /* ------------------------------------------------------------------ */
    /*                          ROLE-HOLDER SAFETY                        */
    /* ------------------------------------------------------------------ */

    /// @dev Counts holders of the roles whose loss would brick governance.
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted) ++_holders[role];
    }

    /// @dev Refuses to remove the last proposer or executor, and the timelock's own admin role over itself: a
    ///      proposal (or a renounce) must never leave the DAO unable to schedule, execute or re-grant.
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        if (role == DEFAULT_ADMIN_ROLE && account == address(this)) revert TimelockLastRoleHolder(role, account);
        revoked = super._revokeRole(role, account);
        if (revoked) {
            uint256 left = --_holders[role];
            if (left == 0 && (role == PROPOSER_ROLE || role == EXECUTOR_ROLE)) {
                revert TimelockLastRoleHolder(role, account);
            }
        }
    }

    /* ------------------------------------------------------------------ */
    /*                                INTERNALS                           */
    /* ------------------------------------------------------------------ */

    /// @dev Same rule as OZ's `updateDelay`: only an operation executed by this timelock may change its settings.
    function _onlySelf() private view {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
    }

    /// @dev The allow-lists may also be written by a DEFAULT_ADMIN_ROLE holder: the deployer during setup (it could
    ///      grant itself PROPOSER_ROLE anyway); once it renounces, only self-calls remain.
    function _onlySelfOrBootstrap() private view {
        if (msg.sender != address(this) && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert TimelockUnauthorizedCaller(msg.sender);
        }
    }

    function _setCriticalDelay(uint256 newDelay) private {
        if (newDelay < MIN_CRITICAL_DELAY || newDelay > MAX_CRITICAL_DELAY) {
            revert TimelockCriticalDelayOutOfBounds(newDelay, MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY);
        }
        emit SetCriticalDelay(_criticalDelay, newDelay);
        _criticalDelay = newDelay;
    }

    /// @dev The critical floor never drops below the base delay, even if the base delay is raised above it later.
    function _criticalFloor() private view returns (uint256) {
        uint256 base = getMinDelay();
        return _criticalDelay > base ? _criticalDelay : base;
    }

    /// @dev Base tier only for an allow-listed (target, selector); empty calldata (a plain value transfer) and calls to
    ///      this timelock are critical.
    function _isBaseCall(address target, bytes calldata data) private view returns (bool) {
        return data.length >= 4 && isBaseTier(target, bytes4(data[:4]));
    }

    function _isProtectedCall(address target, bytes calldata data) private view returns (bool) {
        if (data.length < 4) return false;
        bytes32 firstArg = data.length >= 36 ? bytes32(data[4:36]) : bytes32(0);
        return isCancelProtected(target, bytes4(data[:4]), firstArg);
    }

    function _callKey(address target, bytes4 selector) private pure returns (bytes32) {
        return keccak256(abi.encode(target, selector));
    }

    function _argKey(address target, bytes4 selector, bytes32 firstArg) private pure returns (bytes32) {
        return keccak256(abi.encode(target, selector, firstArg));
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

    function _markProtected(bytes32 id) private {
        _protectedOps[id] = true;
        emit OperationCancelProtected(id);
    }

    function _forget(bytes32 id) private {
        delete _codePins[id];
        delete _protectedOps[id];
    }

    function _checkPin(bytes32 id, bytes32 current) private view {
        bytes32 pinned = _codePins[id];
        if (pinned != bytes32(0) && pinned != current) revert TimelockCodeChanged(id);
    }

    /// @dev Folds one call into a running pin: the target's code hash, then whatever the call carries.
    function _foldCall(
        bytes32 acc,
        address target,
        bytes memory data,
        uint256 depth,
        bool scheduling
    ) private view returns (bytes32) {
        acc = keccak256(abi.encode(acc, target, _codeHashOf(target)));
        return _foldPayload(acc, target, data, depth, scheduling);
    }

    /// @dev Parses the payload of a call on `target` for implementations (pinned; at scheduling they must have code)
    ///      and for nested calls (folded recursively, up to `MAX_NESTING` levels). A proxy's code hash does not change
    ///      on upgrade: proxies are covered by pinning the implementation of every upgrade that goes through here.
    function _foldPayload(
        bytes32 acc,
        address target,
        bytes memory data,
        uint256 depth,
        bool scheduling
    ) private view returns (bytes32) {
        if (data.length < 4) return acc;
        if (depth > MAX_NESTING) revert TimelockNestingTooDeep(MAX_NESTING);
        bytes4 sel = bytes4(data);
        bytes memory args = _argsOf(data);
        if (sel == _UPGRADE_TO_AND_CALL) {
            (address impl, bytes memory init) = abi.decode(args, (address, bytes));
            acc = _foldImplementation(acc, impl, scheduling);
            return _foldPayload(acc, target, init, depth + 1, scheduling);
        }
        if (sel == _UPGRADE_AND_VERIFY) {
            (address proxy, address impl, bytes memory init) = abi.decode(args, (address, address, bytes));
            acc = _foldImplementation(acc, impl, scheduling);
            return _foldCall(acc, proxy, init, depth + 1, scheduling);
        }
        if (sel == _ROLLBACK_AND_VERIFY) {
            (address proxy, address impl) = abi.decode(args, (address, address));
            acc = _foldImplementation(acc, impl, scheduling);
            return keccak256(abi.encode(acc, proxy, _codeHashOf(proxy)));
        }
        if (sel == _AM_EXECUTE || sel == _AM_SCHEDULE) {
            (address inner, bytes memory innerData) = abi.decode(args, (address, bytes));
            return _foldCall(acc, inner, innerData, depth + 1, scheduling);
        }
        if (sel == _RELAY) {
            (address inner, , bytes memory innerData) = abi.decode(args, (address, uint256, bytes));
            return _foldCall(acc, inner, innerData, depth + 1, scheduling);
        }
        if (sel == _MULTICALL) {
            bytes[] memory calls = abi.decode(args, (bytes[]));
            for (uint256 i = 0; i < calls.length; ++i) {
                acc = _foldPayload(acc, target, calls[i], depth + 1, scheduling);
            }
        }
        return acc;
    }

    function _foldImplementation(bytes32 acc, address impl, bool scheduling) private view returns (bytes32) {
        bytes32 h = _codeHashOf(impl);
        if (scheduling && h == bytes32(0)) revert TimelockImplementationWithoutCode(impl);
        return keccak256(abi.encode(acc, impl, h));
    }

    /// @dev `data` without its 4-byte selector (caller guarantees `data.length >= 4`).
    function _argsOf(bytes memory data) private pure returns (bytes memory args) {
        uint256 len = data.length - 4;
        args = new bytes(len);
        assembly ("memory-safe") {
            mcopy(add(args, 32), add(data, 36), len)
        }
    }

    function _codeHashOf(address account) private view returns (bytes32 h) {
        h = account.codehash;
        if (h == _EMPTY_CODEHASH) h = bytes32(0);
    }
}
