// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {WadRayMath} from "./WadRayMath.sol";

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
    uint256 internal constant MAX_BORROW_RATE_PER_SECOND =
        (MAX_ANNUAL_BORROW_RATE_BPS * (WadRayMath.RAY / WadRayMath.BPS)) / SECONDS_PER_YEAR;
}
