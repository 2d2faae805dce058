// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelTimelock
/// @notice Keel's additions to OpenZeppelin's `TimelockController`: two delay tiers that fail closed (critical unless
///         the (target, selector) pair is allow-listed for the base tier), code pinning of every target and named
///         implementation between scheduling and execution, and operations the guardian cannot cancel.
/// @dev The OZ functions (`schedule`, `execute`, `cancel`, `getMinDelay`, roles...) and errors keep their OZ names.
interface IKeelTimelock {
    /// @notice Emitted when the critical-tier delay changes (only through a timelocked self-call).
    /// @param oldDelay The previous critical delay, in seconds.
    /// @param newDelay The new critical delay, in seconds.
    event SetCriticalDelay(uint256 oldDelay, uint256 newDelay);

    /// @notice Emitted when a (target, selector) pair is added to or removed from the base-tier allow-list.
    /// @param target The contract called.
    /// @param selector The 4-byte function selector.
    /// @param wasBase Whether the pair was base tier before.
    /// @param isBase Whether it is base tier now.
    event BaseTierCallSet(address indexed target, bytes4 indexed selector, bool wasBase, bool isBase);

    /// @notice Emitted when a call pattern is added to or removed from the cancel-protected set.
    /// @param target The contract called.
    /// @param selector The 4-byte function selector.
    /// @param matchArg Whether the pattern also fixes the first argument.
    /// @param firstArg The first 32-byte argument word the pattern requires (when `matchArg`).
    /// @param wasProtected Whether the pattern was protected before.
    /// @param isProtected Whether it is protected now.
    event CancelProtectedCallSet(
        address indexed target,
        bytes4 indexed selector,
        bool matchArg,
        bytes32 firstArg,
        bool wasProtected,
        bool isProtected
    );

    /// @notice Emitted when a scheduled operation consists only of cancel-protected calls: the guardian cannot cancel it.
    /// @param id The operation id.
    event OperationCancelProtected(bytes32 indexed id);

    /// @notice Emitted when `schedule`/`scheduleBatch` raised the requested delay to the critical floor.
    /// @param id The operation id.
    /// @param requestedDelay The delay the proposer asked for, in seconds.
    /// @param appliedDelay The delay actually applied, in seconds.
    event DelayRaised(bytes32 indexed id, uint256 requestedDelay, uint256 appliedDelay);

    /// @notice Emitted when an operation is scheduled, with the hash of the code it will run against.
    /// @param id The operation id.
    /// @param codePin keccak256 of every pinned code hash (targets, then `upgradeToAndCall` implementations).
    event CodePinned(bytes32 indexed id, bytes32 codePin);

    /// @notice Thrown when the code at a target (or at an implementation an upgrade names) changed between scheduling
    ///         and execution of operation `id`.
    /// @param id The operation id.
    error TimelockCodeChanged(bytes32 id);

    /// @notice Thrown when an operation names an upgrade implementation that has no code at scheduling.
    /// @param implementation The implementation address.
    error TimelockImplementationWithoutCode(address implementation);

    /// @notice Thrown when wrappers are nested deeper than `maxNesting` levels: their implementations could not be pinned.
    /// @param maxNesting The deepest nesting the timelock unwraps.
    error TimelockNestingTooDeep(uint256 maxNesting);

    /// @notice Thrown when `caller` (a canceller that is not a proposer: the guardian) tries to cancel an operation made
    ///         only of cancel-protected calls (guardian removal, unpausing).
    /// @param id The operation id.
    /// @param caller The canceller.
    error TimelockCancelProtected(bytes32 id, address caller);

    /// @notice Thrown when a revoke or renounce would leave `role` without a holder (the last proposer or executor), or
    ///         take the timelock's own admin role over itself.
    /// @param role The role.
    /// @param account The account that would lose it.
    error TimelockLastRoleHolder(bytes32 role, address account);

    /// @notice Thrown when the base-tier allow-list is asked to include the timelock itself or the zero address.
    /// @param target The target given.
    error TimelockInvalidBaseTierTarget(address target);

    /// @notice Thrown when the critical delay is outside `[MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY]`.
    /// @param delay The delay given (seconds).
    /// @param minDelay `MIN_CRITICAL_DELAY`.
    /// @param maxDelay `MAX_CRITICAL_DELAY`.
    error TimelockCriticalDelayOutOfBounds(uint256 delay, uint256 minDelay, uint256 maxDelay);

    /// @notice Thrown when `targets` and `payloads` lengths differ in `requiredDelay`.
    /// @param targets The number of targets.
    /// @param payloads The number of payloads.
    error TimelockLengthMismatch(uint256 targets, uint256 payloads);

    /// @notice The critical-tier delay floor, in seconds (the effective floor is the max of it and `getMinDelay()`).
    function getCriticalDelay() external view returns (uint256);

    /// @notice Whether calls of `selector` on `target` may run at the base tier (everything else is critical).
    ///         Always false for the timelock itself.
    function isBaseTier(address target, bytes4 selector) external view returns (bool);

    /// @notice Whether a call of `selector` on `target` whose first argument word is `firstArg` is cancel-protected.
    function isCancelProtected(address target, bytes4 selector, bytes32 firstArg) external view returns (bool);

    /// @notice Whether pending operation `id` is cancel-protected (only a proposer may cancel it).
    function isOperationCancelProtected(bytes32 id) external view returns (bool);

    /// @notice The smallest delay, in seconds, an operation made of these calls may be scheduled with:
    ///         `getMinDelay()` if every call is on the base-tier allow-list, else `max(getMinDelay(), getCriticalDelay())`.
    /// @param targets The call targets.
    /// @param payloads The calldata of each call.
    function requiredDelay(address[] calldata targets, bytes[] calldata payloads) external view returns (uint256);

    /// @notice The code pin recorded for operation `id` (zero when unset, executed or cancelled).
    function codePinOf(bytes32 id) external view returns (bytes32);

    /// @notice Recomputes the code pin of a batch from the current chain state.
    /// @param targets The call targets.
    /// @param payloads The calldata of each call (used to find `upgradeToAndCall` implementations).
    function computeCodePin(address[] calldata targets, bytes[] calldata payloads) external view returns (bytes32);

    /// @notice Sets the critical delay. Only the timelock itself (a scheduled, executed self-call) may call it.
    /// @param newDelay The new critical delay in seconds, within `[MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY]`.
    function setCriticalDelay(uint256 newDelay) external;

    /// @notice Adds (`allowed`) or removes (target, selector) pairs from the base-tier allow-list. Only the timelock
    ///         itself (a critical-tier self-call) or, during setup, a DEFAULT_ADMIN_ROLE holder may call it.
    /// @param target The contract; never the timelock itself or the zero address.
    /// @param selectors The 4-byte selectors.
    /// @param allowed True to allow the base tier, false to make the calls critical again.
    function setBaseTierCalls(address target, bytes4[] calldata selectors, bool allowed) external;

    /// @notice Adds or removes a cancel-protected call pattern: an operation made only of such calls cannot be cancelled
    ///         by a canceller that is not a proposer (the guardian). Same callers as `setBaseTierCalls`.
    /// @param target The contract.
    /// @param selector The 4-byte selector.
    /// @param matchArg Whether the pattern also requires the first argument word to equal `firstArg`.
    /// @param firstArg The required first argument word (e.g. the GUARDIAN role id of `revokeRole`).
    /// @param enabled True to protect, false to remove the pattern.
    function setCancelProtectedCall(
        address target,
        bytes4 selector,
        bool matchArg,
        bytes32 firstArg,
        bool enabled
    ) external;
}
