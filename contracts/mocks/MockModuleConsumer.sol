// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IModuleConsumer} from "../interfaces/IModuleRegistry.sol";

/// @title MockModuleConsumer
/// @notice Records the registry's notifications; can be told to revert. Development networks only.
contract MockModuleConsumer is IModuleConsumer {
    /// @notice Module id => last address pushed.
    mapping(bytes32 id => address module) public modules;
    /// @notice Number of notifications received.
    uint256 public calls;
    /// @notice Caller of the last notification.
    address public lastCaller;
    /// @notice When true, `onModuleUpdated` reverts.
    bool public shouldRevert;

    /// @notice Thrown by the notification while `shouldRevert` is set.
    /// @param id The module id notified.
    /// @param module The module address notified.
    error MockConsumerRefused(bytes32 id, address module);

    event Notified(bytes32 indexed id, address module);

    function setShouldRevert(bool value) external {
        shouldRevert = value;
    }

    /// @inheritdoc IModuleConsumer
    function onModuleUpdated(bytes32 id, address module) external {
        if (shouldRevert) revert MockConsumerRefused(id, module);
        modules[id] = module;
        calls++;
        lastCaller = msg.sender;
        emit Notified(id, module);
    }
}
