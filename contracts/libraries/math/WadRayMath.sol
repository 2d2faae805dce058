// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title WadRayMath
/// @notice Fixed-point helpers. Every function names its rounding direction; callers pick the direction that favours
///         the protocol (debt and burns round up, credits and mints round down).
library WadRayMath {
    /// @dev 1e18: unit of health factors and WAD ratios.
    uint256 internal constant WAD = 1e18;
    /// @dev 1e27: unit of indexes and per-second rates.
    uint256 internal constant RAY = 1e27;
    /// @dev 10_000 = 100% for basis-point parameters.
    uint256 internal constant BPS = 10_000;

    /// @dev x * y / d rounded down. Reverts on overflow of x * y (checked arithmetic).
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return (x * y) / d;
    }

    /// @dev x * y / d rounded up. Reverts on overflow of x * y (checked arithmetic).
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        uint256 p = x * y;
        // unchecked: d > 0 (division by zero would already revert below), and p / d <= p so + 1 cannot overflow.
        unchecked {
            return p == 0 ? 0 : (p - 1) / d + 1;
        }
    }

    /// @dev a * b / RAY rounded down.
    function rayMulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * b) / RAY;
    }

    /// @dev a * b / RAY rounded up.
    function rayMulUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivUp(a, b, RAY);
    }

    /// @dev a * RAY / b rounded down.
    function rayDivDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * RAY) / b;
    }

    /// @dev a * RAY / b rounded up.
    function rayDivUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivUp(a, RAY, b);
    }

    /// @dev a * bps / 10_000 rounded down.
    function bpsMulDown(uint256 a, uint256 bps) internal pure returns (uint256) {
        return (a * bps) / BPS;
    }

    /// @dev a * bps / 10_000 rounded up.
    function bpsMulUp(uint256 a, uint256 bps) internal pure returns (uint256) {
        return mulDivUp(a, bps, BPS);
    }

    /// @dev Growth factor minus one of a per-second rate over `elapsed` seconds, in RAY, by a third-order Taylor
    ///      expansion of e^(r*t) - 1 = rt + (rt)^2/2 + (rt)^3/6, each term rounded down. The expansion slightly
    ///      underestimates continuous compounding; indexes built from it are rounded up by the caller for debt.
    function compoundedGrowthDown(uint256 ratePerSecond, uint256 elapsed) internal pure returns (uint256) {
        uint256 first = ratePerSecond * elapsed;
        uint256 second = mulDivDown(first, first, 2 * RAY);
        uint256 third = mulDivDown(second, first, 3 * RAY);
        return first + second + third;
    }
}
