// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelTreasury} from "../../treasury/KeelTreasury.sol";

/// @title KeelTreasuryV2Mock
/// @notice A trivial next version of KeelTreasury, used by the tests to prove upgrades work and are gated.
/// @custom:oz-upgrades-from KeelTreasury
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract KeelTreasuryV2Mock is KeelTreasury {
    /// @notice The implementation version.
    function version() external pure override returns (string memory) {
        return "2.0.0";
    }
}
