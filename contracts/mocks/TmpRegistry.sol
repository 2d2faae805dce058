// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @dev Temporary stand-in until ModuleRegistry lands.
contract TmpRegistry {
    mapping(bytes32 => address) public getModule;

    function set(bytes32 id, address m) external {
        getModule[id] = m;
    }
}
