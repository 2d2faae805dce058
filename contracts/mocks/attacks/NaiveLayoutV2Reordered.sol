// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title NaiveLayoutV2Reordered
/// @notice Test-only BROKEN next version of NaiveLayoutV1: the namespaced struct's fields are swapped, so after an
///         unchecked upgrade `owner` reads the old `balance` slot and vice versa (a storage collision, as in Audius
///         2022). The upgrades plugin's `validateUpgrade` must reject it.
contract NaiveLayoutV2Reordered is Initializable, UUPSUpgradeable {
    /// @custom:storage-location erc7201:keel.storage.NaiveLayout
    struct NaiveLayoutStorage {
        uint256 balance;
        address owner;
    }

    // Same namespace as V1: keccak256(abi.encode(uint256(keccak256("keel.storage.NaiveLayout")) - 1)) & ~0xff
    bytes32 private constant NaiveLayoutStorageLocation =
        0x6a661782b332e288eebe640dcdc83486888c38470b3a7da1406315a056ee4a00;

    function _getNaiveLayoutStorage() private pure returns (NaiveLayoutStorage storage $) {
        assembly {
            $.slot := NaiveLayoutStorageLocation
        }
    }

    /// @notice The owner (now read from the slot that held `balance`).
    function owner() external view returns (address) {
        return _getNaiveLayoutStorage().owner;
    }

    /// @notice The stored amount (now read from the slot that held `owner`).
    function balance() external view returns (uint256) {
        return _getNaiveLayoutStorage().balance;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _getNaiveLayoutStorage().owner) revert();
    }
}
