// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockAggregator
/// @notice Chainlink-style price feed whose answer tests set by hand. Development networks only.
contract MockAggregator is AggregatorV3Interface {
    uint8 public immutable override decimals;
    string public override description;
    uint256 public constant override version = 4;

    // Two slots (answer; round ids and timestamps), close to what a real Chainlink aggregator reads, rather than
    // five cold slots.
    int256 private _answer;
    uint80 private _roundId;
    uint80 private _answeredInRound;
    uint48 private _startedAt;
    uint48 private _updatedAt;

    constructor(uint8 decimals_, int256 answer_, string memory description_) {
        decimals = decimals_;
        description = description_;
        setAnswer(answer_);
    }

    /// @notice Publishes a new round with `answer`, timestamped now.
    function setAnswer(int256 answer) public {
        uint80 roundId = _roundId + 1;
        _roundId = roundId;
        _answer = answer;
        _startedAt = uint48(block.timestamp);
        _updatedAt = uint48(block.timestamp);
        _answeredInRound = roundId;
    }

    /// @notice Overwrites the whole latest round (to model stale or incomplete rounds).
    function setRound(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) external {
        _roundId = roundId;
        _answer = answer;
        _startedAt = uint48(startedAt);
        _updatedAt = uint48(updatedAt);
        _answeredInRound = answeredInRound;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80) external view override returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }
}
