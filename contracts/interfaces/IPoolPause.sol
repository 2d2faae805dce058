// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPoolPause
/// @notice Pauses that expire (issue 10, finding 1) and the permissionless rate refresh (finding 12).
///         A guardian pause of the pool (`pause`) or of a reserve (`pauseReserve`) lasts `pauseDuration` seconds and
///         ends by itself: being paused is `block.timestamp < pausedUntil`, nothing has to be called. A new guardian
///         pause of the same thing (the pool counts for every reserve) is refused until `pauseDuration +
///         pauseCooldown` after the previous one started, so a hostile guardian blocks withdrawals at most
///         `pauseDuration` out of every `pauseDuration + pauseCooldown`. The DAO (admin) ends a pause early
///         (`unpause`, `unpauseReserve`), keeps a real emergency paused (`extendPause`, each call bounded), and sets
///         both durations within hard bounds. Repay is never paused. Flash-loan pauses (`pauseFlashLoans`) trap
///         nobody's funds and stay indefinite.
interface IPoolPause {
    /// @notice Pool-wide pause clocks and settings, one storage slot (the pause end itself, `pausedUntil`, sits next
    ///         to the default rate model, read by every action). No view: the Pool is at its size limit; read
    ///         `paused()`, the `PauseSet` / `PauseConfigSet` events, or the slot. Timestamps and durations in seconds;
    ///         a zero setting means the default (7 days each).
    struct PoolPause {
        uint40 lastPauseStart; // start of the guardian's last pause of the pool
        uint40 lastAnyPauseStart; // start of the guardian's last pause of the pool or of any reserve
        uint40 duration; // length of a guardian pause
        uint40 cooldown; // wait after a guardian pause's full duration before the next one
    }

    /* ============================== EVENTS ============================== */

    /// @notice The pause of `asset` (address(0): the whole pool) now ends at `pausedUntil`; liquidations involving it
    ///         wait until `liquidationGraceUntil`.
    event PauseSet(address indexed asset, uint40 pausedUntil, uint40 liquidationGraceUntil);
    /// @notice The guardian's pause length and cooldown changed (seconds).
    event PauseConfigSet(uint40 oldDuration, uint40 newDuration, uint40 oldCooldown, uint40 newCooldown);

    /* ============================== ERRORS ============================== */

    /// @notice Thrown when the guardian pauses `asset` (address(0): the pool) again before `allowedAt`, the end of
    ///         the previous pause's full duration plus the cooldown.
    /// @param asset The reserve (address(0): the pool).
    /// @param allowedAt When the guardian may pause it again.
    error PoolPauseCooldown(address asset, uint256 allowedAt);
    /// @notice Thrown when a pause length is outside [`min`, `max`] seconds.
    /// @param given The length given.
    /// @param min Lower bound.
    /// @param max Upper bound.
    error PoolPauseDurationOutOfBounds(uint256 given, uint256 min, uint256 max);
    /// @notice Thrown when a pause cooldown is outside [`min`, `max`] seconds.
    /// @param given The cooldown given.
    /// @param min Lower bound.
    /// @param max Upper bound.
    error PoolPauseCooldownOutOfBounds(uint256 given, uint256 min, uint256 max);
    /// @notice Thrown when `extendPause` is given an end outside (`min`, `max`]: not in the future, or more than
    ///         `MAX_PAUSE_DURATION` from now.
    /// @param given The end given.
    /// @param min Lower bound (exclusive).
    /// @param max Upper bound.
    error PoolPauseEndOutOfBounds(uint256 given, uint256 min, uint256 max);

    /* ============================== FUNCTIONS ============================== */

    /// @notice Sets the guardian's pause length and cooldown (seconds) within the hard bounds
    ///         [`MIN_PAUSE_DURATION`, `MAX_PAUSE_DURATION`] and [`MIN_PAUSE_COOLDOWN`, `MAX_PAUSE_COOLDOWN`].
    ///         Running pauses keep their end. Admin.
    function setPauseConfig(uint40 duration, uint40 cooldown) external;

    /// @notice Keeps `asset` (address(0): the whole pool) paused until `until`, at most `MAX_PAUSE_DURATION` from
    ///         now; renewable by the next proposal. Liquidations wait the expiry grace period after it. Admin.
    function extendPause(address asset, uint40 until) external;

    /// @notice Pool-wide pause state and settings (a reserve's own is in `getKeelReserveData`).
}
