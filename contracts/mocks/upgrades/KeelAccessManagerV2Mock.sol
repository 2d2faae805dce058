// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelAccessManager} from "../../access/KeelAccessManager.sol";

/// @title KeelAccessManagerV2Mock
/// @notice A trivial next version of KeelAccessManager, used by the tests to prove upgrades work and are gated.
/// @custom:oz-upgrades-from KeelAccessManager
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelAccessManagerV2Mock is KeelAccessManager {
    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
