// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IOracle} from "@morpho-org/morpho-blue/src/interfaces/IOracle.sol";

/// @title BenchMorphoOracle
/// @notice Morpho Blue oracle whose price the benchmark sets by hand. Gas benchmark only.
/// @dev Morpho's unit: 1 collateral token (smallest unit) is worth `price / 1e36` loan tokens (smallest unit), i.e.
///      `price = usdPerCollateral / usdPerLoan * 1e36 * 10^(loanDecimals - collateralDecimals)`.
contract BenchMorphoOracle is IOracle {
    /// @notice Current price, scaled as described above.
    uint256 public override price;

    /// @param price_ Initial price, scaled as described above.
    constructor(uint256 price_) {
        price = price_;
    }

    /// @notice Overwrites the price (to model a market move). Anyone may call it: this is a mock.
    /// @param newPrice New price, scaled as described above.
    function setPrice(uint256 newPrice) external {
        price = newPrice;
    }
}
