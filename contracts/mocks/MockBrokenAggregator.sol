// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title MockBrokenAggregator
/// @notice A price feed that misbehaves on `latestRoundData`: it reverts, or returns too few bytes to decode.
///         `decimals()` works, so it can be configured as a feed. Development networks only.
contract MockBrokenAggregator {
    /// @notice 0 = revert with a message, 1 = return 32 bytes only, 2 = revert without data,
    ///         3 = five words with a round id wider than uint80 (and a valid price).
    uint8 public mode;
    uint8 public immutable decimals;

    constructor(uint8 decimals_, uint8 mode_) {
        decimals = decimals_;
        mode = mode_;
    }

    function setMode(uint8 mode_) external {
        mode = mode_;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        if (mode == 0) revert("feed down");
        if (mode == 1) {
            assembly {
                mstore(0, 1)
                return(0, 32)
            }
        }
        if (mode == 3) {
            assembly {
                mstore(0, shl(100, 1)) // roundId = 2**100: not a uint80
                mstore(32, 100000000) // answer = 1e8
                mstore(64, timestamp())
                mstore(96, timestamp())
                mstore(128, 1) // answeredInRound
                return(0, 160)
            }
        }
        revert();
    }
}
