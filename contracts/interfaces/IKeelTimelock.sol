// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelTimelock
/// @notice Keel's additions to OpenZeppelin's `TimelockController`: a second, longer delay tier for critical calls and
///         code pinning of every target between scheduling and execution.
/// @dev The OZ functions (`schedule`, `execute`, `cancel`, `getMinDelay`, roles...) and errors keep their OZ names.
interface IKeelTimelock {
    /// @notice Emitted when the critical-tier delay changes (only through a timelocked self-call).
    /// @param oldDelay The previous critical delay, in seconds.
    /// @param newDelay The new critical delay, in seconds.
    event SetCriticalDelay(uint256 oldDelay, uint256 newDelay);

    /// @notice Emitted when a selector is added to or removed from the critical set.
    /// @param selector The 4-byte function selector.
    /// @param wasCritical Whether it was critical before.
    /// @param isCritical Whether it is critical now.
    event SetCriticalSelector(bytes4 indexed selector, bool wasCritical, bool isCritical);

    /// @notice Emitted when `schedule`/`scheduleBatch` raised the requested delay to the critical floor.
    /// @param id The operation id.
    /// @param requestedDelay The delay the proposer asked for, in seconds.
    /// @param appliedDelay The delay actually applied, in seconds.
    event DelayRaised(bytes32 indexed id, uint256 requestedDelay, uint256 appliedDelay);

    /// @notice Emitted when an operation is scheduled, with the hash of the code it will run against.
    /// @param id The operation id.
    /// @param codePin keccak256 of every pinned code hash (targets, then `upgradeToAndCall` implementations).
    event CodePinned(bytes32 indexed id, bytes32 codePin);

    /// @notice The code at a target (or at an implementation passed to `upgradeToAndCall`) changed between scheduling
    ///         and execution of operation `id`.
    error TimelockCodeChanged(bytes32 id);

    /// @notice The critical delay is outside `[MIN_CRITICAL_DELAY, MAX_CRITICAL_DELAY]`.
    error TimelockCriticalDelayOutOfBounds(uint256 delay, uint256 minDelay, uint256 maxDelay);

    /// @notice `targets` and `payloads` lengths differ in `requiredDelay`.
    error TimelockLengthMismatch(uint256 targets, uint256 payloads);

    /// @notice The critical-tier delay floor, in seconds (the effective floor is the max of it and `getMinDelay()`).
    function getCriticalDelay() external view returns (uint256);

    /// @notice Whether calls with `selector` take the critical delay.
    function isCriticalSelector(bytes4 selector) external view returns (bool);

    /// @notice The smallest delay, in seconds, an operation made of these calls may be scheduled with:
    ///         `max(getMinDelay(), getCriticalDelay())` if any call's selector is critical, else `getMinDelay()`.
    /// @param targets The call targets (only their count is checked; tiering is by selector).
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

    /// @notice Adds or removes `selector` from the critical set. Only the timelock itself may call it.
    /// @param selector The 4-byte selector.
    /// @param critical True to add, false to remove.
    function setCriticalSelector(bytes4 selector, bool critical) external;
}
