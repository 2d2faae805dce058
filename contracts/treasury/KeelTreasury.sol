// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IKeelTreasury} from "../interfaces/IKeelTreasury.sol";
import {IPoolWithdraw} from "../interfaces/IPoolWithdraw.sol";
import {IPool} from "../interfaces/IPool.sol";
import {ILiquidityHub} from "../interfaces/ILiquidityHub.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title KeelTreasury
/// @notice Holds the protocol's revenue (reserve-factor interest credited by the pool as supply positions) and any
///         tokens sent to it. Funds leave only through `withdrawFromPool` and `transferToken`, both restricted
///         (TREASURY_MANAGER_ROLE in deployments), and every movement emits an event. It accepts no ether.
/// @dev `pool` may be zero at initialisation because the pool is usually deployed after the treasury (the pool needs
///      the treasury's address); `setPool` wires it afterwards.
/// @custom:security-contact security@keel.example
contract KeelTreasury is IKeelTreasury, IUpgradeCheckable, AccessManagedUpgradeable, UUPSUpgradeable {
    using SafeERC20 for IERC20;

    /* STORAGE */

    /// @custom:storage-location erc7201:keel.storage.KeelTreasury
    struct KeelTreasuryStorage {
        /// @dev The pool holding the treasury's supply positions.
        address pool;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelTreasury")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelTreasuryStorageLocation =
        0xa760a8dbee4384653eee028be9dc6a2ba58a10ad5cf68ed126c5e36451697900;

    function _getKeelTreasuryStorage() private pure returns (KeelTreasuryStorage storage $) {
        assembly {
            $.slot := KeelTreasuryStorageLocation
        }
    }

    /* INITIALIZATION */

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy.
    /// @param authority The AccessManager that gates the restricted functions.
    /// @param initialPool The pool (may be zero and set later with `setPool`).
    function initialize(address authority, address initialPool) external initializer {
        __KeelTreasury_init(authority, initialPool);
    }

    function __KeelTreasury_init(address authority, address initialPool) internal onlyInitializing {
        __AccessManaged_init(authority);
        __KeelTreasury_init_unchained(initialPool);
    }

    function __KeelTreasury_init_unchained(address initialPool) internal onlyInitializing {
        if (initialPool != address(0)) {
            _getKeelTreasuryStorage().pool = initialPool;
            emit SetPool(address(0), initialPool);
        }
    }

    /* VIEWS */

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.KEEL_TREASURY;
    }

    /// @inheritdoc IKeelTreasury
    function pool() external view returns (address) {
        return _getKeelTreasuryStorage().pool;
    }

    /* RESTRICTED FUNCTIONS */

    /// @inheritdoc IKeelTreasury
    function withdrawFromPool(
        address asset,
        uint256 amount,
        address to
    ) external restricted returns (uint256 withdrawn) {
        if (asset == address(0) || to == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        address currentPool = _getKeelTreasuryStorage().pool;
        if (currentPool == address(0)) revert TreasuryPoolNotSet();
        withdrawn = IPoolWithdraw(currentPool).withdraw(asset, amount, to);
        emit PoolWithdrawal(asset, to, amount, withdrawn);
    }

    /// @inheritdoc IKeelTreasury
    function withdrawFromHub(
        address asset,
        uint256 amount,
        address to
    ) external restricted returns (uint256 withdrawn) {
        if (asset == address(0) || to == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        address currentPool = _getKeelTreasuryStorage().pool;
        if (currentPool == address(0)) revert TreasuryPoolNotSet();
        withdrawn = ILiquidityHub(IPool(currentPool).hub()).withdrawTreasury(asset, amount, to);
        emit HubWithdrawal(asset, to, amount, withdrawn);
    }

    /// @inheritdoc IKeelTreasury
    function transferToken(address token, address to, uint256 amount) external restricted {
        if (token == address(0) || to == address(0)) revert TreasuryZeroAddress();
        if (amount == 0) revert TreasuryZeroAmount();
        IERC20(token).safeTransfer(to, amount);
        emit TokenTransferred(token, to, amount);
    }

    /// @inheritdoc IKeelTreasury
    function setPool(address newPool) external restricted {
        if (newPool == address(0)) revert TreasuryZeroAddress();
        KeelTreasuryStorage storage $ = _getKeelTreasuryStorage();
        address oldPool = $.pool;
        $.pool = newPool;
        emit SetPool(oldPool, newPool);
    }

    /* INTERNAL */

    /// @dev Upgrades are gated by the role the AccessManager maps to `upgradeToAndCall` (UPGRADER_ROLE).
    function _authorizeUpgrade(address) internal override restricted {}

    /* UPGRADE CHECKS */

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers the authority and the pool (balances are tokens' and the pool's state, not the treasury's).
    function stateDigest() external view virtual returns (bytes32) {
        return keccak256(abi.encode(authority(), _getKeelTreasuryStorage().pool));
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
