// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRateModel} from "../interfaces/IRateModel.sol";

/// @title MockRateModel
/// @notice Test double: a rate model that is only an `IRateModel` (no cached curve), answering a settable rate.
contract MockRateModel is IRateModel {
    uint256 public rate;

    constructor(uint256 rate_) {
        rate = rate_;
    }

    /// @notice Sets the rate answered from now on.
    function setRate(uint256 rate_) external {
        rate = rate_;
    }

    /// @inheritdoc IRateModel
    function borrowRatePerSecond(address, uint256, uint256) external view returns (uint256) {
        return rate;
    }
}
