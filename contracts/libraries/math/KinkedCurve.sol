// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {RateLimits} from "./RateLimits.sol";

/// @title KinkedCurve
/// @notice The two-slope borrow-rate curve, in one place: `KinkedRateModel` answers with it, and the LiquidityHub
///         evaluates it itself with the parameters it caches from the model (no external call per action). One
///         formula for both, so the rate the model quotes is the rate the hub charges.
/// @dev Parameters are annual basis points (see `IKinkedRateModel`). Rounding: the borrow rate rounds UP at every
///      step (interpolation and the annual -> per-second division), in the protocol's favour; utilisation rounds
///      DOWN. Callers validate the parameters (`KinkedRateModel` refuses any set outside its hard bounds, so the
///      kink lies strictly between 0% and 100%).
library KinkedCurve {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant BPS_TO_RAY = 1e23; // RAY / 10_000

    /// @notice Utilisation in RAY, rounded down; 0 when nothing is supplied or borrowed; capped at 100%.
    function utilizationDown(uint256 totalSupplied, uint256 totalBorrowed) internal pure returns (uint256) {
        if (totalSupplied == 0 || totalBorrowed == 0) return 0;
        if (totalBorrowed >= totalSupplied) return RAY;
        return Math.mulDiv(totalBorrowed, RAY, totalSupplied);
    }

    /// @notice The annual borrow rate in RAY for the given totals, interpolations rounded up.
    /// @param baseBps Annual rate at 0% utilisation.
    /// @param slope1Bps Annual rate added from 0% to the kink.
    /// @param slope2Bps Annual rate added from the kink to 100%.
    /// @param optimalBps The kink (strictly between 0 and 10_000).
    function annualBorrowRateUp(
        uint256 baseBps,
        uint256 slope1Bps,
        uint256 slope2Bps,
        uint256 optimalBps,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) internal pure returns (uint256) {
        uint256 u = utilizationDown(totalSupplied, totalBorrowed);
        uint256 optimal = optimalBps * BPS_TO_RAY;
        uint256 rate = baseBps * BPS_TO_RAY;
        if (u <= optimal) return rate + Math.mulDiv(slope1Bps * BPS_TO_RAY, u, optimal, Math.Rounding.Ceil);
        // u > optimal and optimal < RAY, so neither subtraction underflows.
        return
            rate +
            slope1Bps * BPS_TO_RAY +
            Math.mulDiv(slope2Bps * BPS_TO_RAY, u - optimal, RAY - optimal, Math.Rounding.Ceil);
    }

    /// @notice The borrow rate per second in RAY (rounded up), never above the hub's ceiling: a curve at the ceiling
    ///         itself would round up past it by one unit (1e-27 per second); that unit is given up instead, so the rate
    ///         quoted is always the rate stored.
    function borrowRatePerSecondUp(
        uint256 baseBps,
        uint256 slope1Bps,
        uint256 slope2Bps,
        uint256 optimalBps,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) internal pure returns (uint256 rate) {
        rate = Math.ceilDiv(
            annualBorrowRateUp(baseBps, slope1Bps, slope2Bps, optimalBps, totalSupplied, totalBorrowed),
            RateLimits.SECONDS_PER_YEAR
        );
        if (rate > RateLimits.MAX_BORROW_RATE_PER_SECOND) rate = RateLimits.MAX_BORROW_RATE_PER_SECOND;
    }
}
