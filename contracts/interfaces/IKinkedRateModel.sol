// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRateModel} from "./IRateModel.sol";

/// @title IKinkedRateModel
/// @notice A two-slope ("kinked") borrow rate model with per-asset parameters and a default set for assets that
///         have none. Parameters are ANNUAL rates in basis points (1 bps = 0.01%, 10_000 bps = 100% per year).
///
///         U = totalBorrowed / totalSupplied (0 when nothing is supplied, capped at 100%).
///         U <= optimal: annual = base + slope1 * U / optimal
///         U >  optimal: annual = base + slope1 + slope2 * (U - optimal) / (100% - optimal)
///         per second   = annual / SECONDS_PER_YEAR (365 days)
interface IKinkedRateModel is IRateModel {
    /* TYPES */

    /// @notice An asset's parameters, packed in one storage slot (4 x uint32). All values in basis points.
    /// @param baseRateBps Annual borrow rate at 0% utilisation. At most MAX_BASE_RATE_BPS (100%).
    /// @param slope1Bps Annual rate added from 0% to optimal utilisation. At most MAX_SLOPE1_BPS (1_000%).
    /// @param slope2Bps Annual rate added from optimal to 100% utilisation. At most MAX_SLOPE2_BPS (1_000%).
    ///        `base + slope1 + slope2` is at most MAX_ANNUAL_RATE_BPS (1_000%), the pool's rate ceiling.
    /// @param optimalUtilizationBps The kink, within [MIN_OPTIMAL_BPS, MAX_OPTIMAL_BPS] (1%..99%). Zero in storage
    ///        means "not set" (the asset uses the default parameters).
    struct RateParams {
        uint32 baseRateBps;
        uint32 slope1Bps;
        uint32 slope2Bps;
        uint32 optimalUtilizationBps;
    }

    /* EVENTS */

    /// @notice The parameters of `asset` changed (`newParams` all zero when cleared back to the default).
    event SetRateParams(address indexed asset, RateParams oldParams, RateParams newParams);
    /// @notice The default parameters changed.
    event SetDefaultRateParams(RateParams oldParams, RateParams newParams);
    /// @notice The hub told of every parameter change is now `hub` (zero: none).
    event HubSet(address hub);

    /* ERRORS */

    /// @notice `baseRateBps` exceeds `max`.
    /// @param baseRateBps The base rate given (annual bps).
    /// @param max The highest allowed.
    error RateModelBaseRateTooHigh(uint256 baseRateBps, uint256 max);
    /// @notice `slope1Bps` exceeds `max`.
    /// @param slope1Bps The slope below the kink given (annual bps).
    /// @param max The highest allowed.
    error RateModelSlope1TooHigh(uint256 slope1Bps, uint256 max);
    /// @notice `slope2Bps` exceeds `max`.
    /// @param slope2Bps The slope above the kink given (annual bps).
    /// @param max The highest allowed.
    error RateModelSlope2TooHigh(uint256 slope2Bps, uint256 max);
    /// @notice Thrown when a curve's highest rate (`base + slope1 + slope2`, annual bps at 100% utilisation) exceeds
    ///         the pool's ceiling `cap` (annual bps), above which the pool would clamp the rate silently.
    /// @param maxAnnualRateBps The curve's highest rate (annual bps).
    /// @param cap The pool's ceiling (annual bps).
    error RateModelMaxRateAbovePoolCap(uint256 maxAnnualRateBps, uint256 cap);
    /// @notice `optimalUtilizationBps` is outside [`min`, `max`].
    /// @param optimalUtilizationBps The kink given (bps).
    /// @param min The lowest allowed.
    /// @param max The highest allowed.
    error RateModelInvalidOptimalUtilization(uint256 optimalUtilizationBps, uint256 min, uint256 max);
    /// @notice `reserveFactorBps` exceeds 100% (10_000 bps).
    /// @param reserveFactorBps The reserve factor given (bps).
    error RateModelInvalidReserveFactor(uint256 reserveFactorBps);
    /// @notice A zero address was given.
    error RateModelZeroAddress();
    /// @notice `asset` has no parameters of its own to clear.
    /// @param asset The asset.
    error RateModelNoCustomParams(address asset);

    /* VIEWS */

    /// @notice The parameters in force for `asset`: its own, or the default ones.
    function getParams(address asset) external view returns (RateParams memory);

    /// @notice Whether `asset` has parameters of its own.
    function hasCustomParams(address asset) external view returns (bool);

    /// @notice The default parameters (used by assets without their own).
    function defaultParams() external view returns (RateParams memory);
    /// @notice The curve a hub may evaluate itself (`KinkedCurve.borrowRatePerSecondUp` with these parameters) instead
    ///         of calling `borrowRatePerSecond` on every action: the parameters in force for `asset`. Answering is a
    ///         promise that this model's rate IS that formula; an implementation with another formula must revert
    ///         here, and the hub then calls `borrowRatePerSecond` as for any other model.
    /// @param asset The asset.
    /// @return The parameters in force for `asset`.
    function kinkedCurveOf(address asset) external view returns (RateParams memory);
    /// @notice The LiquidityHub told of every parameter change (zero: none).
    function hub() external view returns (address);

    /// @notice Utilisation in RAY (1e27 = 100%), rounded down; 0 when `totalSupplied` is 0; capped at 1e27.
    /// @param totalSupplied Total supplied, in asset units.
    /// @param totalBorrowed Total borrowed, in asset units.
    function utilization(uint256 totalSupplied, uint256 totalBorrowed) external pure returns (uint256);

    /// @notice The annual borrow rate of `asset` for the given totals, in RAY (1e27 = 100% per year), rounded up.
    function annualBorrowRate(
        address asset,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) external view returns (uint256);

    /// @notice The annual supply rate in RAY (rounded down): borrow rate * utilisation * (1 - reserve factor).
    /// @param reserveFactorBps The share of interest kept by the protocol, in bps (at most 10_000).
    function annualSupplyRate(
        address asset,
        uint256 totalSupplied,
        uint256 totalBorrowed,
        uint256 reserveFactorBps
    ) external view returns (uint256);

    /* RESTRICTED FUNCTIONS */

    /// @notice Sets the parameters of `asset`. Restricted (risk admin / admin).
    function setRateParams(address asset, RateParams calldata params) external;

    /// @notice Clears the parameters of `asset`: it uses the default parameters again. Restricted.
    function clearRateParams(address asset) external;

    /// @notice Sets the default parameters. Restricted (risk admin / admin).
    function setDefaultRateParams(RateParams calldata params) external;
    /// @notice Sets the LiquidityHub told (`onRateModelChanged`) of every parameter change, so the curve it caches
    ///         never lags this model's. Restricted (admin: critical tier).
    /// @param hub The hub, or zero for none.
    function setHub(address hub) external;
}
