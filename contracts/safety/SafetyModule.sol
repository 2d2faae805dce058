// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC6909Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC6909/ERC6909Upgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {TransientReentrancyGuard} from "../utils/TransientReentrancyGuard.sol";

import {ISafetyModule, ISafetyModuleCover} from "../interfaces/ISafetyModule.sol";
import {ILiquidityHub} from "../interfaces/ILiquidityHub.sol";
import {IKeelTreasury} from "../interfaces/IKeelTreasury.sol";
import {IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {ModuleIds} from "../registry/ModuleIds.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title SafetyModule
/// @notice Stakers insure the hub's suppliers: per asset, their stake is the module's supply position in the
///         LiquidityHub, which the hub burns first (at most `maxSlashBps` per deficit report) when a spoke reports bad
///         debt, before the treasury and long before suppliers. See ISafetyModule and docs/insurance.md.
/// @dev Stake shares are ERC-6909 tokens (one id per asset: `uint256(uint160(asset))`) so one proxy, one storage and
///      one upgrade path serve every asset. Share value = the module's hub supply / stake shares, with one virtual
///      share and one virtual asset unit (no division by zero, no inflation of an empty pool). Every conversion rounds
///      down: stakers get at most what they brought, leave with at most what their shares are worth.
/// @custom:security-contact security@keel.example
contract SafetyModule is
    ISafetyModule,
    IUpgradeCheckable,
    AccessManagedUpgradeable,
    UUPSUpgradeable,
    ERC6909Upgradeable,
    TransientReentrancyGuard
{
    using SafeERC20 for IERC20;

    /* ============================== CONSTANTS ============================== */

    /// @notice Basis points in one.
    uint256 public constant BPS = 10_000;
    /// @notice Highest max slash per deficit report (bps): one event never takes more than half the stake.
    uint16 public constant MAX_SLASH_BPS = 5_000;
    /// @notice Highest share of the treasury's new hub income the stakers may receive (bps).
    uint16 public constant MAX_INCOME_SHARE_BPS = 5_000;
    /// @notice Shortest cooldown (seconds): long enough that stakers cannot leave ahead of a visible loss.
    uint32 public constant MIN_COOLDOWN = 1 days;
    /// @notice Longest cooldown (seconds): funds are never locked for long.
    uint32 public constant MAX_COOLDOWN = 90 days;
    /// @notice Shortest withdrawal window (seconds).
    uint32 public constant MIN_WINDOW = 1 days;
    /// @notice Longest withdrawal window (seconds).
    uint32 public constant MAX_WINDOW = 30 days;
    uint256 private constant VIRTUAL_SHARES = 1;
    uint256 private constant VIRTUAL_ASSETS = 1;

    /* ============================== STORAGE ============================== */

    /// @custom:storage-location erc7201:keel.storage.SafetyModule
    struct SafetyModuleStorage {
        address hub;
        address registry;
        uint32 cooldown;
        uint32 window;
        mapping(address asset => StakePool) pools;
        mapping(address asset => mapping(address account => Cooldown)) cooldowns;
        address[] assets;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.SafetyModule")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant SafetyModuleStorageLocation =
        0xd37b9439f34c912f796c5ce5d42a138262f6de6e33ec05d8eeeccc936a7bca00;

    function _getSafetyModuleStorage() private pure returns (SafetyModuleStorage storage $) {
        assembly {
            $.slot := SafetyModuleStorageLocation
        }
    }

    /* ============================== INITIALIZATION ============================== */

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy.
    /// @param authority The AccessManager deciding every restricted function.
    /// @param registry_ The module registry (the hub is read from it now; the treasury at each harvest).
    /// @param cooldown_ Cooldown, seconds.
    /// @param window_ Withdrawal window, seconds.
    function initialize(address authority, address registry_, uint32 cooldown_, uint32 window_) external initializer {
        __SafetyModule_init(authority, registry_, cooldown_, window_);
    }

    function __SafetyModule_init(
        address authority,
        address registry_,
        uint32 cooldown_,
        uint32 window_
    ) internal onlyInitializing {
        __AccessManaged_init(authority);
        __ERC6909_init();
        __SafetyModule_init_unchained(registry_, cooldown_, window_);
    }

    function __SafetyModule_init_unchained(
        address registry_,
        uint32 cooldown_,
        uint32 window_
    ) internal onlyInitializing {
        if (registry_ == address(0)) revert SafetyZeroAddress();
        address hub_ = IModuleRegistry(registry_).getModule(ModuleIds.HUB);
        if (hub_ == address(0)) revert SafetyZeroAddress();
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        $.registry = registry_;
        $.hub = hub_;
        _setCooldown($, cooldown_, window_);
    }

    /* ============================== STAKERS ============================== */

    /// @inheritdoc ISafetyModule
    function stake(address asset, uint256 amount, address onBehalfOf) external nonReentrant returns (uint256 shares) {
        if (onBehalfOf == address(0)) revert SafetyZeroAddress();
        if (amount == 0) revert SafetyAmountTooSmall(0);
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        StakePool storage p = _listedPool($, asset);
        ILiquidityHub hub_ = ILiquidityHub($.hub);
        uint256 assetsBefore = _hubSupply(hub_, asset);
        // Straight to the hub: the module never holds stakers' tokens between calls.
        IERC20(asset).safeTransferFrom(msg.sender, address(hub_), amount);
        hub_.add(asset, amount);
        // Shares for what the hub credited (its add rounds down), not for `amount`: rounding is the staker's, not the
        // pool's.
        uint256 credited = _hubSupply(hub_, asset) - assetsBefore;
        shares = _toSharesDown(credited, assetsBefore, p.totalShares);
        if (shares == 0) revert SafetyAmountTooSmall(amount);
        p.totalShares = SafeCast.toUint128(p.totalShares + shares);
        _mint(onBehalfOf, _id(asset), shares);
        emit Staked(asset, msg.sender, onBehalfOf, amount, shares);
    }

    /// @inheritdoc ISafetyModule
    function cooldown(address asset, uint256 shares) external {
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        _listedPool($, asset);
        uint256 balance = balanceOf(msg.sender, _id(asset));
        if (shares == type(uint256).max) shares = balance;
        if (shares == 0) revert SafetyAmountTooSmall(0);
        if (shares > balance) revert SafetyInsufficientShares(msg.sender, balance, shares);
        uint40 unlocksAt = uint40(block.timestamp + $.cooldown);
        uint40 expiresAt = unlocksAt + $.window;
        $.cooldowns[asset][msg.sender] = Cooldown(uint128(shares), unlocksAt, expiresAt);
        emit CooldownStarted(asset, msg.sender, shares, unlocksAt, expiresAt);
    }

    /// @inheritdoc ISafetyModule
    function unstake(address asset, uint256 shares, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert SafetyZeroAddress();
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        StakePool storage p = _listedPool($, asset);
        shares = _spendCooldown($.cooldowns[asset][msg.sender], shares);
        ILiquidityHub hub_ = ILiquidityHub($.hub);
        uint256 totalShares = p.totalShares;
        // Round down: the leaver gets at most what the shares are worth, after every slash so far.
        amount = _toAssetsDown(shares, _hubSupply(hub_, asset), totalShares);
        if (amount == 0) revert SafetyAmountTooSmall(shares);
        p.totalShares = uint128(totalShares - shares);
        _burn(msg.sender, _id(asset), shares); // cooling shares never exceed the balance (`_update`)
        hub_.remove(asset, amount, hub_.getSpokeAsset(address(this), asset).shares, to);
        emit Unstaked(asset, msg.sender, to, shares, amount);
    }

    /* ============================== ANYONE ============================== */

    /// @inheritdoc ISafetyModule
    /// @dev The mark is the treasury's hub income seen at the last harvest; income is what it grew by since. Treasury
    ///      withdrawals and covers in between lower the balance, and the mark follows it down (it can only under-count
    ///      income, never pay the stakers more than their share). Needs the module to hold the role of
    ///      `KeelTreasury.withdrawFromHub` (deploy/safety.ts).
    function harvest(address asset) external nonReentrant returns (uint256 amount) {
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        StakePool storage p = _listedPool($, asset);
        ILiquidityHub hub_ = ILiquidityHub($.hub);
        uint256 balance = hub_.treasuryBalance(asset);
        uint256 mark = p.treasuryMark;
        uint256 income = balance > mark ? balance - mark : 0;
        amount = Math.mulDiv(income, p.incomeShareBps, BPS); // round down: the treasury keeps the dust
        if (amount == 0) revert SafetyNothingToHarvest(asset);
        address treasury = IModuleRegistry($.registry).getModule(ModuleIds.TREASURY);
        IKeelTreasury(treasury).withdrawFromHub(asset, amount, address(this));
        IERC20(asset).safeTransfer(address(hub_), amount);
        hub_.add(asset, amount);
        p.treasuryMark = SafeCast.toUint128(hub_.treasuryBalance(asset));
        p.harvested = SafeCast.toUint128(p.harvested + amount);
        emit Harvested(asset, income, amount);
    }

    /* ============================== HUB ============================== */

    /// @inheritdoc ISafetyModuleCover
    function maxSlashBps(address asset) external view returns (uint16) {
        return _getSafetyModuleStorage().pools[asset].maxSlashBps;
    }

    /// @inheritdoc ISafetyModuleCover
    function onCoverPaid(address asset, uint256 amount, uint256 hubShares) external {
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        if (msg.sender != $.hub) revert SafetyUnauthorized(msg.sender);
        StakePool storage p = $.pools[asset];
        uint256 paid = p.coverPaid + amount;
        p.coverPaid = SafeCast.toUint128(paid);
        emit CoverPaid(asset, amount, hubShares, paid);
    }

    /* ============================== GOVERNANCE ============================== */

    /// @inheritdoc ISafetyModule
    function listAsset(address asset, uint16 maxSlashBps_, uint16 incomeShareBps) external restricted {
        if (asset == address(0)) revert SafetyZeroAddress();
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        StakePool storage p = $.pools[asset];
        if (p.listed) revert SafetyAssetAlreadyListed(asset);
        ILiquidityHub hub_ = ILiquidityHub($.hub);
        if (hub_.getAsset(asset).flags & 1 == 0) revert SafetyHubAssetNotListed(asset); // LiquidityHub.LISTED
        _checkParams(maxSlashBps_, incomeShareBps);
        p.listed = true;
        p.maxSlashBps = maxSlashBps_;
        p.incomeShareBps = incomeShareBps;
        // Income accrued before the listing stays the treasury's.
        p.treasuryMark = SafeCast.toUint128(hub_.treasuryBalance(asset));
        $.assets.push(asset);
        emit StakePoolListed(asset, maxSlashBps_, incomeShareBps);
    }

    /// @inheritdoc ISafetyModule
    function setPoolParams(address asset, uint16 maxSlashBps_, uint16 incomeShareBps) external restricted {
        StakePool storage p = _listedPool(_getSafetyModuleStorage(), asset);
        _checkParams(maxSlashBps_, incomeShareBps);
        emit SetPoolParams(asset, p.maxSlashBps, maxSlashBps_, p.incomeShareBps, incomeShareBps);
        p.maxSlashBps = maxSlashBps_;
        p.incomeShareBps = incomeShareBps;
    }

    /// @inheritdoc ISafetyModule
    function setCooldown(uint32 cooldown_, uint32 window_) external restricted {
        _setCooldown(_getSafetyModuleStorage(), cooldown_, window_);
    }

    /* ============================== VIEWS ============================== */

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.SAFETY_MODULE;
    }

    /// @inheritdoc ISafetyModule
    function hub() external view returns (address) {
        return _getSafetyModuleStorage().hub;
    }

    /// @inheritdoc ISafetyModule
    function getStakePool(address asset) external view returns (StakePool memory) {
        return _getSafetyModuleStorage().pools[asset];
    }

    /// @inheritdoc ISafetyModule
    function getCooldown(address asset, address account) external view returns (Cooldown memory) {
        return _getSafetyModuleStorage().cooldowns[asset][account];
    }

    /// @inheritdoc ISafetyModule
    function stakedAssets() external view returns (address[] memory) {
        return _getSafetyModuleStorage().assets;
    }

    /// @inheritdoc ISafetyModule
    function totalAssets(address asset) external view returns (uint256) {
        return _hubSupply(ILiquidityHub(_getSafetyModuleStorage().hub), asset);
    }

    /// @inheritdoc ISafetyModule
    function previewStake(address asset, uint256 amount) external view returns (uint256) {
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        return _toSharesDown(amount, _hubSupply(ILiquidityHub($.hub), asset), $.pools[asset].totalShares);
    }

    /// @inheritdoc ISafetyModule
    function previewUnstake(address asset, uint256 shares) external view returns (uint256) {
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        return _toAssetsDown(shares, _hubSupply(ILiquidityHub($.hub), asset), $.pools[asset].totalShares);
    }

    /// @inheritdoc ISafetyModule
    function cooldownPeriod() external view returns (uint32) {
        return _getSafetyModuleStorage().cooldown;
    }

    /// @inheritdoc ISafetyModule
    function window() external view returns (uint32) {
        return _getSafetyModuleStorage().window;
    }

    /* ============================== UPGRADE CHECKS ============================== */

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers the authority, the wiring, the timing and every pool's configuration and totals.
    function stateDigest() external view virtual returns (bytes32) {
        SafetyModuleStorage storage $ = _getSafetyModuleStorage();
        bytes memory pools;
        uint256 n = $.assets.length;
        for (uint256 i; i < n; ++i) {
            StakePool storage p = $.pools[$.assets[i]];
            pools = abi.encode(pools, $.assets[i], p.maxSlashBps, p.incomeShareBps, p.totalShares, p.coverPaid);
        }
        return keccak256(abi.encode(authority(), $.hub, $.registry, $.cooldown, $.window, pools));
    }

    /// @inheritdoc IUpgradeCheckable
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @inheritdoc IUpgradeCheckable
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }

    /* ============================== INTERNAL ============================== */

    /// @dev Upgrades are gated by the role the AccessManager maps to `upgradeToAndCall` (UPGRADER: KeelUpgrader).
    function _authorizeUpgrade(address) internal override restricted {}

    /// @dev The cooldown rule of transfers: a cooldown covers a fixed number of shares. A transfer (or burn) out of an
    ///      account lowers its cooling shares to what it still holds; a transfer in never raises them. So a fresh
    ///      account inherits no finished cooldown, and an account cannot refill a finished cooldown with shares that
    ///      never cooled.
    function _update(address from, address to, uint256 id, uint256 amount) internal override {
        super._update(from, to, id, amount);
        if (from == address(0) || amount == 0) return;
        Cooldown storage c = _getSafetyModuleStorage().cooldowns[address(uint160(id))][from];
        uint256 balance = balanceOf(from, id);
        if (c.shares > balance) c.shares = uint128(balance);
    }

    /// @dev Checks the window is open now and takes `shares` (all cooling for `type(uint256).max`) off the cooldown.
    function _spendCooldown(Cooldown storage c, uint256 shares) internal returns (uint256) {
        if (c.unlocksAt == 0) revert SafetyCooldownNotStarted(msg.sender);
        if (block.timestamp < c.unlocksAt) revert SafetyCooldownActive(c.unlocksAt, block.timestamp);
        if (block.timestamp > c.expiresAt) revert SafetyWindowExpired(c.expiresAt, block.timestamp);
        uint256 cooling = c.shares;
        if (shares == type(uint256).max) shares = cooling;
        if (shares == 0) revert SafetyAmountTooSmall(0);
        if (shares > cooling) revert SafetyExceedsCooldown(cooling, shares);
        c.shares = uint128(cooling - shares);
        return shares;
    }

    function _setCooldown(SafetyModuleStorage storage $, uint32 cooldown_, uint32 window_) internal {
        if (cooldown_ < MIN_COOLDOWN) revert SafetyParameterTooLow(cooldown_, MIN_COOLDOWN);
        if (cooldown_ > MAX_COOLDOWN) revert SafetyParameterOutOfBounds(cooldown_, MAX_COOLDOWN);
        if (window_ < MIN_WINDOW) revert SafetyParameterTooLow(window_, MIN_WINDOW);
        if (window_ > MAX_WINDOW) revert SafetyParameterOutOfBounds(window_, MAX_WINDOW);
        emit SetCooldown($.cooldown, cooldown_, $.window, window_);
        $.cooldown = cooldown_;
        $.window = window_;
    }

    function _listedPool(SafetyModuleStorage storage $, address asset) internal view returns (StakePool storage p) {
        p = $.pools[asset];
        if (!p.listed) revert SafetyAssetNotListed(asset);
    }

    function _hubSupply(ILiquidityHub hub_, address asset) internal view returns (uint256 supplied) {
        (supplied, ) = hub_.spokeBalances(address(this), asset);
    }

    function _checkParams(uint16 maxSlashBps_, uint16 incomeShareBps) internal pure {
        if (maxSlashBps_ > MAX_SLASH_BPS) revert SafetyParameterOutOfBounds(maxSlashBps_, MAX_SLASH_BPS);
        if (incomeShareBps > MAX_INCOME_SHARE_BPS) {
            revert SafetyParameterOutOfBounds(incomeShareBps, MAX_INCOME_SHARE_BPS);
        }
    }

    function _id(address asset) internal pure returns (uint256) {
        return uint256(uint160(asset));
    }

    /// @dev Stake shares for `amount` asset units, rounded down (the pool's favour).
    function _toSharesDown(uint256 amount, uint256 assets, uint256 shares) internal pure returns (uint256) {
        return Math.mulDiv(amount, shares + VIRTUAL_SHARES, assets + VIRTUAL_ASSETS);
    }

    /// @dev Asset units for `shares` stake shares, rounded down (the pool's favour).
    function _toAssetsDown(uint256 shares, uint256 assets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(shares, assets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }
}
