// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelOracle} from "../../oracle/KeelOracle.sol";

/// @title KeelOracleV2Mock
/// @notice A trivial next version of KeelOracle, used by the tests to prove upgrades work and are gated.
/// @custom:oz-upgrades-from KeelOracle
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelOracleV2Mock is KeelOracle {
    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
