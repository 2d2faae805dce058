// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title FixedPriceFeed
/// @notice A Chainlink-style feed with a fixed answer, always fresh: kUSD's $1 in the oracle, as Aave prices GHO.
///         A fixed price is what makes kUSD debt a dollar of debt whatever the market does; the peg is the PSM's and
///         the arbitrageurs' job (docs/stablecoin.md).
contract FixedPriceFeed is AggregatorV3Interface {
    int256 private immutable _answer;
    uint8 private immutable _decimals;
    string private _description;

    /// @param decimals_ The answer's decimals.
    /// @param answer_ The fixed answer.
    /// @param description_ E.g. "kUSD / USD (fixed)".
    constructor(uint8 decimals_, int256 answer_, string memory description_) {
        _decimals = decimals_;
        _answer = answer_;
        _description = description_;
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, _answer, block.timestamp, block.timestamp, roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (1, _answer, block.timestamp, block.timestamp, 1);
    }
}
