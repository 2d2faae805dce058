// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title RateLimits
/// @notice The one ceiling on borrow rates, shared by the pool (which clamps whatever a rate model answers) and
///         KinkedRateModel (which refuses parameters whose curve could exceed it): the model's promise and the
///         pool's behaviour cannot drift apart.
library RateLimits {
    /// @notice Highest annual borrow rate, in bps: 100_000 bps = 1_000% a year (simple).
    uint256 internal constant MAX_ANNUAL_BORROW_RATE_BPS = 100_000;
    /// @notice Seconds in the (365-day) year the annual rates refer to.
    uint256 internal constant SECONDS_PER_YEAR = 365 days;
    /// @notice The same ceiling per second, RAY (rounded down): what the pool clamps a model's answer to.
    /// @dev = MAX_ANNUAL_BORROW_RATE_BPS * (RAY / BPS) / SECONDS_PER_YEAR = 1e28 / 31_536_000, written as a literal:
    ///      an expression of constants is re-evaluated at every use (measured: ~250 gas per rate update).
    ///      `test/rates/KinkedRateModel.ts` checks the value against the expression.
    uint256 internal constant MAX_BORROW_RATE_PER_SECOND = 317_097_919_837_645_865_043;
}
