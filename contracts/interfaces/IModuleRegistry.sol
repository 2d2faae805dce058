// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IModuleConsumer
/// @notice Implemented by modules that cache other modules' addresses (the pool caches the oracle, the default rate
///         model and the treasury). The registry pushes every change to its consumers in the same transaction, so a
///         replaced module is used from the next call on.
interface IModuleConsumer {
    /// @notice Called by the registry when module `id` now lives at `module`. Only the registry may call it.
    /// @param id The module id (see `ModuleIds`).
    /// @param module The new address (zero when the module was removed).
    function onModuleUpdated(bytes32 id, address module) external;
}

/// @title IModuleRegistry
/// @notice Maps module ids to proxy addresses: the one place to find or replace a module.
interface IModuleRegistry {
    /// @notice Emitted on every change of a module's address.
    event ModuleSet(bytes32 indexed id, address indexed oldModule, address indexed newModule);
    /// @notice Emitted when a consumer is added to or removed from the change notifications.
    event ConsumerSet(address indexed consumer, bool subscribed);

    /// @notice The module id is not registered.
    /// @param id The module id.
    error RegistryModuleNotFound(bytes32 id);
    /// @notice A zero address or zero id was given.
    error RegistryZeroValue();
    /// @notice The consumer is already subscribed / not subscribed.
    /// @param consumer The consumer.
    /// @param subscribed Whether it is subscribed now.
    error RegistryConsumerState(address consumer, bool subscribed);
    /// @notice Subscribing one more consumer would exceed `max` (bounds the gas of `setModule`).
    /// @param max The most consumers the registry notifies.
    error RegistryTooManyConsumers(uint256 max);
    /// @notice `account` has no code, so it cannot be a module or a consumer.
    /// @param account The address given.
    error RegistryNotContract(address account);

    /// @notice The address of module `id`, or zero when it is not set.
    function getModule(bytes32 id) external view returns (address);

    /// @notice The address of module `id`; reverts with `RegistryModuleNotFound` when it is not set.
    function requireModule(bytes32 id) external view returns (address);

    /// @notice All registered module ids, in registration order.
    function moduleIds() external view returns (bytes32[] memory);

    /// @notice The subscribed consumers.
    function consumers() external view returns (address[] memory);

    /// @notice Sets (or replaces) module `id`, then notifies every consumer. Restricted (admin).
    function setModule(bytes32 id, address module) external;

    /// @notice Subscribes or unsubscribes `consumer` to module changes. Restricted (admin).
    function setConsumer(address consumer, bool subscribed) external;
}
