// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IIrm} from "@morpho-org/morpho-blue/src/interfaces/IIrm.sol";
import {MarketParams, Market} from "@morpho-org/morpho-blue/src/interfaces/IMorpho.sol";

/// @title BenchFixedRateIrm
/// @notice Morpho Blue interest rate model with one fixed borrow rate. Gas benchmark only.
/// @dev Stateless on purpose: Morpho's production AdaptiveCurveIrm writes storage on every accrual, so this mock
///      gives Morpho its cheapest possible IRM call. The benchmark report says so next to the figures.
contract BenchFixedRateIrm is IIrm {
    /// @notice Borrow rate per second, WAD-scaled (Morpho's unit).
    uint256 public immutable ratePerSecondWad;

    /// @param ratePerSecondWad_ Borrow rate per second, WAD-scaled (e.g. 5% APR = 0.05e18 / 365 days).
    constructor(uint256 ratePerSecondWad_) {
        ratePerSecondWad = ratePerSecondWad_;
    }

    /// @inheritdoc IIrm
    function borrowRate(MarketParams memory, Market memory) external view returns (uint256) {
        return ratePerSecondWad;
    }

    /// @inheritdoc IIrm
    function borrowRateView(MarketParams memory, Market memory) external view returns (uint256) {
        return ratePerSecondWad;
    }
}
