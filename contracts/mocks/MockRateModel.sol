// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRateModel} from "../interfaces/IRateModel.sol";

/// @title MockRateModel
/// @notice A fixed per-second borrow rate set by tests, for exact interest checks. Development networks only.
contract MockRateModel is IRateModel {
    uint256 public rate;

    /// @notice Sets the per-second rate (RAY).
    function setRate(uint256 ratePerSecond) external {
        rate = ratePerSecond;
    }

    /// @inheritdoc IRateModel
    function borrowRatePerSecond(address, uint256, uint256) external view returns (uint256) {
        return rate;
    }
}
