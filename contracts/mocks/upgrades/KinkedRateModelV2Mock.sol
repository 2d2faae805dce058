// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KinkedRateModel} from "../../rates/KinkedRateModel.sol";

/// @title KinkedRateModelV2Mock
/// @notice A trivial next version of KinkedRateModel, used by the tests to prove upgrades work and are gated.
/// @custom:oz-upgrades-from KinkedRateModel
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KinkedRateModelV2Mock is KinkedRateModel {
    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
