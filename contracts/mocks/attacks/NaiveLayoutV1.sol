// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// @title NaiveLayoutV1
/// @notice Test-only UUPS module for test/attacks/governance.ts. Naive on purpose: its implementation is NOT locked
///         (no `_disableInitializers()` in a constructor), so anyone can initialise the implementation contract itself
///         and own it (Parity 2017, Wormhole 2022). Its storage is {owner, balance} in one ERC-7201 namespace.
contract NaiveLayoutV1 is Initializable, UUPSUpgradeable {
    /// @notice Thrown when someone other than the owner calls an owner-only function.
    /// @param caller The account that called.
    error NaiveLayoutUnauthorized(address caller);

    /// @custom:storage-location erc7201:keel.storage.NaiveLayout
    struct NaiveLayoutStorage {
        address owner;
        uint256 balance;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.NaiveLayout")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant NaiveLayoutStorageLocation =
        0x6a661782b332e288eebe640dcdc83486888c38470b3a7da1406315a056ee4a00;

    function _getNaiveLayoutStorage() private pure returns (NaiveLayoutStorage storage $) {
        assembly {
            $.slot := NaiveLayoutStorageLocation
        }
    }

    /// @notice Sets the caller as owner.
    function initialize() external initializer {
        _getNaiveLayoutStorage().owner = msg.sender;
    }

    /// @notice The owner, who alone may upgrade.
    function owner() external view returns (address) {
        return _getNaiveLayoutStorage().owner;
    }

    /// @notice A stored amount.
    function balance() external view returns (uint256) {
        return _getNaiveLayoutStorage().balance;
    }

    /// @notice Sets the stored amount (owner only).
    function setBalance(uint256 value) external {
        if (msg.sender != _getNaiveLayoutStorage().owner) revert NaiveLayoutUnauthorized(msg.sender);
        _getNaiveLayoutStorage().balance = value;
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != _getNaiveLayoutStorage().owner) revert NaiveLayoutUnauthorized(msg.sender);
    }
}
