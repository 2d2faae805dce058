// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelGovernor} from "../governance/KeelGovernor.sol";

/// @title KeelGovernorV2Mock
/// @notice A second Governor version used to test upgrades through governance. Development networks only.
/// @custom:oz-upgrades-from KeelGovernor
/// @custom:oz-upgrades-unsafe-allow missing-initializer constructor
contract KeelGovernorV2Mock is KeelGovernor {
    /// @notice The new version string.
    function version() public pure override returns (string memory) {
        return "2.0.0";
    }

    /// @notice A function that only exists in V2.
    function isV2() external pure returns (bool) {
        return true;
    }
}
