// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {vm} from "./TestBase.sol";

/// @title SpokeClock
/// @notice The one clock of `SpokeInvariantsTest`'s handlers: both spoke handlers re-apply `currentTime` at the start
///         of every call (the runner may reset cheatcode state between calls, and two handlers with clocks of their
///         own would send time backwards), and `advance` moves it forward and publishes a fresh round of every feed
///         at its current answer, as live feeds would after a jump longer than their heartbeat.
contract SpokeClock {
    /// @notice The run's time (unix seconds); only moves forward.
    uint256 public currentTime;
    MockAggregator[] private _feeds;

    constructor(MockAggregator[] memory feeds) {
        currentTime = block.timestamp;
        for (uint256 i; i < feeds.length; ++i) _feeds.push(feeds[i]);
    }

    /// @notice Applies the run's time to the EVM (start of every handler call, and of every invariant check).
    function sync() external {
        vm.warp(currentTime);
    }

    /// @notice Moves the run's time forward by `secondsForward` and refreshes every feed at its current answer.
    function advance(uint256 secondsForward) external {
        currentTime += secondsForward;
        vm.warp(currentTime);
        for (uint256 i; i < _feeds.length; ++i) {
            (, int256 answer, , , ) = _feeds[i].latestRoundData();
            _feeds[i].setAnswer(answer);
        }
    }
}
