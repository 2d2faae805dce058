// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IModuleConsumer, IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title ModuleRegistry
/// @notice The address book of Keel: module id => proxy address. Replacing a module here pushes the new address to
///         every subscribed consumer in the same transaction, so the system never runs with a stale cached address.
/// @dev `setModule` follows checks-effects-interactions: the new address is stored and the event emitted before any
///      consumer is called. A consumer that reverts makes the whole `setModule` revert: a partially propagated change
///      is worse than none, and the admin can unsubscribe a broken consumer first. The consumer list is bounded by
///      `MAX_CONSUMERS` so that `setModule` always fits in a block.
/// @custom:security-contact security@keel.example
contract ModuleRegistry is IModuleRegistry, IUpgradeCheckable, AccessManagedUpgradeable, UUPSUpgradeable {
    /* CONSTANTS */

    /// @notice The maximum number of subscribed consumers.
    uint256 public constant MAX_CONSUMERS = 16;

    /* STORAGE */

    /// @custom:storage-location erc7201:keel.storage.ModuleRegistry
    struct ModuleRegistryStorage {
        /// @dev Module id => address (zero when not registered).
        mapping(bytes32 id => address module) modules;
        /// @dev Registered ids in registration order.
        bytes32[] ids;
        /// @dev Subscribed consumers (at most MAX_CONSUMERS).
        address[] consumers;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.ModuleRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ModuleRegistryStorageLocation =
        0xd7f671078229bdb9121b9557081138ef5f0d7fa861d1b4eefd820b25abc84500;

    function _getModuleRegistryStorage() private pure returns (ModuleRegistryStorage storage $) {
        assembly {
            $.slot := ModuleRegistryStorageLocation
        }
    }

    /* INITIALIZATION */

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy.
    /// @param authority The AccessManager that gates the restricted functions.
    function initialize(address authority) external initializer {
        __ModuleRegistry_init(authority);
    }

    function __ModuleRegistry_init(address authority) internal onlyInitializing {
        __AccessManaged_init(authority);
        __ModuleRegistry_init_unchained();
    }

    function __ModuleRegistry_init_unchained() internal onlyInitializing {}

    /* VIEWS */

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.MODULE_REGISTRY;
    }

    /// @inheritdoc IModuleRegistry
    function getModule(bytes32 id) external view returns (address) {
        return _getModuleRegistryStorage().modules[id];
    }

    /// @inheritdoc IModuleRegistry
    function requireModule(bytes32 id) external view returns (address module) {
        module = _getModuleRegistryStorage().modules[id];
        if (module == address(0)) revert RegistryModuleNotFound(id);
    }

    /// @inheritdoc IModuleRegistry
    function moduleIds() external view returns (bytes32[] memory) {
        return _getModuleRegistryStorage().ids;
    }

    /// @inheritdoc IModuleRegistry
    function consumers() external view returns (address[] memory) {
        return _getModuleRegistryStorage().consumers;
    }

    /// @notice Whether `consumer` is subscribed to module changes.
    /// @param consumer The address to look up.
    /// @return True when subscribed.
    function isConsumer(address consumer) public view returns (bool) {
        address[] storage list = _getModuleRegistryStorage().consumers;
        uint256 length = list.length;
        for (uint256 i; i < length; ++i) {
            if (list[i] == consumer) return true;
        }
        return false;
    }

    /* RESTRICTED FUNCTIONS */

    /// @inheritdoc IModuleRegistry
    /// @dev `module == address(0)` removes a registered id (consumers are told with a zero address); removing an id
    ///      that is not registered reverts with `RegistryModuleNotFound`. Setting the current address again is
    ///      allowed: it re-pushes the address to every consumer (useful after subscribing a new consumer).
    function setModule(bytes32 id, address module) external restricted {
        if (id == bytes32(0)) revert RegistryZeroValue();
        ModuleRegistryStorage storage $ = _getModuleRegistryStorage();
        address oldModule = $.modules[id];

        if (module == address(0)) {
            if (oldModule == address(0)) revert RegistryModuleNotFound(id);
            delete $.modules[id];
            _removeId($.ids, id);
        } else {
            // A typo'd EOA would silently break every consumer; a contract at least can answer calls.
            if (module.code.length == 0) revert RegistryNotContract(module);
            if (oldModule == address(0)) $.ids.push(id);
            $.modules[id] = module;
        }
        emit ModuleSet(id, oldModule, module);

        // Interactions last. Copy to memory: a consumer cannot re-enter a restricted function without the admin role,
        // but iterating a memory copy keeps the loop independent of storage either way.
        address[] memory list = $.consumers;
        for (uint256 i; i < list.length; ++i) {
            IModuleConsumer(list[i]).onModuleUpdated(id, module);
        }
    }

    /// @inheritdoc IModuleRegistry
    function setConsumer(address consumer, bool subscribed) external restricted {
        if (consumer == address(0)) revert RegistryZeroValue();
        ModuleRegistryStorage storage $ = _getModuleRegistryStorage();
        address[] storage list = $.consumers;
        uint256 length = list.length;

        if (subscribed) {
            if (isConsumer(consumer)) revert RegistryConsumerState(consumer, true);
            if (length >= MAX_CONSUMERS) revert RegistryTooManyConsumers(MAX_CONSUMERS);
            if (consumer.code.length == 0) revert RegistryNotContract(consumer);
            list.push(consumer);
        } else {
            uint256 i;
            while (i < length && list[i] != consumer) ++i;
            if (i == length) revert RegistryConsumerState(consumer, false);
            // Order of consumers carries no meaning: swap with the last and pop.
            list[i] = list[length - 1];
            list.pop();
        }
        emit ConsumerSet(consumer, subscribed);
    }

    /* INTERNAL */

    /// @dev Removes `id` from `ids`, keeping registration order (the list is short and this is an admin path).
    function _removeId(bytes32[] storage ids, bytes32 id) private {
        uint256 length = ids.length;
        uint256 i;
        while (ids[i] != id) ++i; // `id` is registered, so the loop ends inside the array
        for (; i + 1 < length; ++i) {
            ids[i] = ids[i + 1];
        }
        ids.pop();
    }

    /// @dev Upgrades are gated by the role the AccessManager maps to `upgradeToAndCall` (UPGRADER_ROLE).
    function _authorizeUpgrade(address) internal override restricted {}

    /* UPGRADE CHECKS */

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers the authority, every registered id with its module (in registration order) and the consumers.
    function stateDigest() external view virtual returns (bytes32 digest) {
        ModuleRegistryStorage storage $ = _getModuleRegistryStorage();
        digest = keccak256(abi.encode(authority(), $.ids, $.consumers));
        uint256 length = $.ids.length;
        for (uint256 i; i < length; ++i) {
            digest = keccak256(abi.encode(digest, $.modules[$.ids[i]]));
        }
    }

    /// @inheritdoc IUpgradeCheckable
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @inheritdoc IUpgradeCheckable
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }
}
