// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockPhaseAggregator
/// @notice Chainlink-proxy-style feed whose `decimals()` can change, as a real proxy's does when it is moved (a new
///         phase) to an aggregator of another precision. Development networks only.
contract MockPhaseAggregator {
    uint8 public decimals;
    int256 private _answer;
    uint256 private _updatedAt;
    uint80 private _roundId;

    constructor(uint8 decimals_, int256 answer_) {
        decimals = decimals_;
        setAnswer(answer_);
    }

    /// @notice Moves to a new phase: new precision and a new answer in it, timestamped now.
    function setPhase(uint8 decimals_, int256 answer_) external {
        decimals = decimals_;
        setAnswer(answer_);
    }

    /// @notice Changes only `decimals()` (the proxy points at the new aggregator before it has answered).
    function setDecimals(uint8 decimals_) external {
        decimals = decimals_;
    }

    /// @notice Publishes `answer` now.
    function setAnswer(int256 answer_) public {
        _answer = answer_;
        _updatedAt = block.timestamp;
        _roundId += 1;
    }

    /// @notice Chainlink's AggregatorV3Interface round.
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
    }
}
