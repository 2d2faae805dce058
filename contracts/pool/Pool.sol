// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

import {IPool} from "../interfaces/IPool.sol";
import {IPoolPause} from "../interfaces/IPoolPause.sol";
import {IPoolAdmin} from "../interfaces/IPoolAdmin.sol";
import {IModuleConsumer, IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {ModuleIds} from "../registry/ModuleIds.sol";
import {DataTypes} from "../libraries/types/DataTypes.sol";
import {WadRayMath} from "../libraries/math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib, PoolLocks} from "./PoolStorage.sol";
import {ReserveLogic} from "../libraries/logic/ReserveLogic.sol";
import {SupplyLogic} from "../libraries/logic/SupplyLogic.sol";
import {BorrowLogic} from "../libraries/logic/BorrowLogic.sol";
import {LiquidationLogic} from "../libraries/logic/LiquidationLogic.sol";
import {FlashLoanLogic} from "../libraries/logic/FlashLoanLogic.sol";
import {PositionLogic} from "../libraries/logic/PositionLogic.sol";
import {PoolConfigLogic} from "../libraries/logic/PoolConfigLogic.sol";

/// @title Pool
/// @notice Keel's lending pool: a thin entry contract over the logic libraries, behind an ERC-1967 UUPS proxy.
///         Every privileged call is decided by the AccessManager (see `Roles`); upgrades need UPGRADER_ROLE.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract Pool is Initializable, PoolStorage, UUPSUpgradeable, AccessManagedUpgradeable, IPool, IPoolAdmin, IModuleConsumer, IUpgradeCheckable {
    using WadRayMath for uint256;

    /// @notice Holder of every reserve's seed (see `PoolConfigLogic.DEAD`).
    address public constant DEAD = PoolConfigLogic.DEAD;
    /// @notice Minimum seed at listing, in asset units.
    uint256 public constant MIN_SEED = PoolConfigLogic.MIN_SEED;
    /// @dev Longest liquidation grace period after unpausing.
    uint256 public constant MAX_GRACE_PERIOD = PoolConfigLogic.MAX_GRACE_PERIOD;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: authority (AccessManager) and registry, whose current oracle, default rate
    ///         model and treasury are cached.
    function initialize(address authority, address registry_) external initializer {
        __AccessManaged_init(authority);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (registry_ == address(0)) revert PoolZeroAddress();
        s.registry = registry_;
        s.oracle = IModuleRegistry(registry_).getModule(ModuleIds.ORACLE);
        s.defaultRateModel = IModuleRegistry(registry_).getModule(ModuleIds.RATE_MODEL);
        s.treasury = IModuleRegistry(registry_).getModule(ModuleIds.TREASURY);
        s.flashPremium = 5;
        s.flashPremiumToProtocol = 1000;
    }

    /// @inheritdoc IUpgradeCheckable
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers every reserve's full state (indexes, totals, cash, rate, configuration, kToken, rate model), the
    ///      reserve list, the cached modules and the pool-wide switches.
    function stateDigest() external view virtual returns (bytes32) {
        return PoolConfigLogic.stateDigest();
    }

    /// @inheritdoc IUpgradeCheckable
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @inheritdoc IUpgradeCheckable
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }

    /* ============================== MODIFIERS ============================== */

    modifier nonReentrant() {
        if (PoolLocks.locked()) revert PoolReentrancy();
        PoolLocks.setLocked(true);
        _;
        PoolLocks.setLocked(false);
    }

    /* ============================== USER ACTIONS ============================== */

    /// @inheritdoc IPool
    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) external nonReentrant {
        SupplyLogic.executeSupply(asset, amount, onBehalfOf, referralCode);
    }

    /// @inheritdoc IPool
    function supplyWithPermit(
        address asset,
        uint256 amount,
        address onBehalfOf,
        uint16 referralCode,
        uint256 deadline,
        uint8 permitV,
        bytes32 permitR,
        bytes32 permitS
    ) external nonReentrant {
        // A front-runner may have used the permit already; the allowance it set is what matters.
        // Skipped when `asset` has no code: `try` on a code-less address reverts without a reason (uncatchable),
        // which hid the named error `executeSupply` gives for it (found by test/attacks/bad-input-matrix.ts).
        if (asset.code.length != 0) {
            try IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, permitV, permitR, permitS) {} catch {}
        }
        SupplyLogic.executeSupply(asset, amount, onBehalfOf, referralCode);
    }

    /// @inheritdoc IPool
    function withdraw(address asset, uint256 amount, address to) external nonReentrant returns (uint256) {
        return SupplyLogic.executeWithdraw(asset, amount, to);
    }

    /// @inheritdoc IPool
    function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)
        external
        nonReentrant
    {
        BorrowLogic.executeBorrow(asset, amount, interestRateMode, referralCode, onBehalfOf);
    }

    /// @inheritdoc IPool
    function repay(address asset, uint256 amount, uint256 interestRateMode, address onBehalfOf)
        external
        nonReentrant
        returns (uint256)
    {
        return BorrowLogic.executeRepay(asset, amount, interestRateMode, onBehalfOf);
    }

    /// @inheritdoc IPool
    function setUserUseReserveAsCollateral(address asset, bool useAsCollateral) external nonReentrant {
        PositionLogic.executeSetCollateral(asset, useAsCollateral);
    }

    /// @inheritdoc IPool
    function liquidationCall(
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debtToCover,
        bool receiveAToken
    ) external nonReentrant {
        LiquidationLogic.executeLiquidationCall(
            DataTypes.LiquidationParams(collateralAsset, debtAsset, user, debtToCover, receiveAToken)
        );
    }

    /// @inheritdoc IPool
    function flashLoanSimple(
        address receiverAddress,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16 referralCode
    ) external nonReentrant {
        FlashLoanLogic.executeFlashLoanSimple(receiverAddress, asset, amount, params, referralCode);
    }

    /// @inheritdoc IPool
    function flashLoan(
        address receiverAddress,
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata interestRateModes,
        address onBehalfOf,
        bytes calldata params,
        uint16 referralCode
    ) external nonReentrant {
        FlashLoanLogic.executeFlashLoan(
            FlashLoanLogic.MultiParams(receiverAddress, assets, amounts, interestRateModes, onBehalfOf, params, referralCode)
        );
    }

    /// @inheritdoc IPool
    function approveDelegation(address asset, address delegatee, uint256 amount) external {
        PositionLogic.approveDelegation(msg.sender, asset, delegatee, amount);
    }

    /// @inheritdoc IPool
    function delegationWithSig(
        address delegator,
        address asset,
        address delegatee,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        PositionLogic.executeDelegationWithSig(delegator, asset, delegatee, amount, deadline, v, r, s);
    }

    /// @inheritdoc IPool
    function transferSupply(address asset, address from, address to, uint256 amount) external nonReentrant {
        PositionLogic.executeTransfer(asset, from, to, amount);
    }

    /* ============================== VIEWS ============================== */

    /// @inheritdoc IPool
    function getUserAccountData(address user)
        external
        view
        returns (
            uint256 totalCollateralBase,
            uint256 totalDebtBase,
            uint256 availableBorrowsBase,
            uint256 currentLiquidationThreshold,
            uint256 ltv,
            uint256 healthFactor
        )
    {
        return PositionLogic.getUserAccountData(user);
    }

    /// @inheritdoc IPool
    function getReserveData(address asset) external view returns (DataTypes.ReserveData memory) {
        return PoolStorageLib.layout().reserves[asset];
    }

    /// @inheritdoc IPool
    function getReserveNormalizedIncome(address asset) external view returns (uint256 liquidityIndex) {
        (liquidityIndex,) = ReserveLogic.currentIndexes(PoolStorageLib.layout().reserves[asset]);
    }

    /// @inheritdoc IPool
    function getReserveNormalizedVariableDebt(address asset) external view returns (uint256 borrowIndex) {
        (, borrowIndex) = ReserveLogic.currentIndexes(PoolStorageLib.layout().reserves[asset]);
    }

    /// @inheritdoc IPool
    function getReserveTotals(address asset) external view returns (uint256 totalSupplied, uint256 totalBorrowed) {
        DataTypes.ReserveData storage r = PoolStorageLib.layout().reserves[asset];
        // Include the treasury's share of not-yet-accrued interest: without it total supply (and the kToken's
        // totalSupply) lagged behind "now" and jumped up at the next call touching the reserve, and could even read
        // below total borrowed at full utilisation (found by test/invariant/PoolInvariants.t.sol).
        (uint256 liquidityIndex, uint256 borrowIndex, uint256 pendingTreasuryScaled) = ReserveLogic.currentState(r);
        totalSupplied = (uint256(r.totalSupplyScaled) + pendingTreasuryScaled).rayMulDown(liquidityIndex);
        totalBorrowed = uint256(r.totalDebtScaled).rayMulUp(borrowIndex);
    }

    /// @inheritdoc IPool
    function supplyBalanceOf(address asset, address user) external view returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        (uint256 liquidityIndex,, uint256 pendingTreasuryScaled) = ReserveLogic.currentState(s.reserves[asset]);
        uint256 scaled = s.positions[asset][user].scaledSupply;
        // The treasury's balance as of now includes its share of interest not yet accrued (see getReserveTotals).
        if (user == s.treasury) scaled += pendingTreasuryScaled;
        return scaled.rayMulDown(liquidityIndex);
    }

    /// @inheritdoc IPool
    function debtBalanceOf(address asset, address user) external view returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        (, uint256 borrowIndex) = ReserveLogic.currentIndexes(s.reserves[asset]);
        return uint256(s.positions[asset][user].scaledDebt).rayMulUp(borrowIndex);
    }

    /// @inheritdoc IPool
    function getUserPosition(address asset, address user) external view returns (DataTypes.Position memory) {
        return PoolStorageLib.layout().positions[asset][user];
    }

    /// @inheritdoc IPool
    function getUserConfiguration(address user) external view returns (uint256) {
        return PoolStorageLib.layout().userConfig[user];
    }

    /// @inheritdoc IPool
    function getReservesList() external view returns (address[] memory) {
        return PoolStorageLib.layout().reservesList;
    }

    /// @inheritdoc IPool
    function borrowAllowance(address delegator, address asset, address delegatee) external view returns (uint256) {
        return PoolStorageLib.layout().borrowAllowances[delegator][asset][delegatee];
    }

    /// @inheritdoc IPool
    function FLASHLOAN_PREMIUM_TOTAL() external view returns (uint128) {
        return PoolStorageLib.layout().flashPremium;
    }

    /// @inheritdoc IPool
    function FLASHLOAN_PREMIUM_TO_PROTOCOL() external view returns (uint128) {
        return PoolStorageLib.layout().flashPremiumToProtocol;
    }

    /// @inheritdoc IPool
    function isFlashBorrower(address account) external view returns (bool) {
        return PoolStorageLib.layout().flashBorrowers[account];
    }

    /// @inheritdoc IPool
    function flashLoansPaused() external view returns (bool) {
        return PoolStorageLib.layout().flashLoansPaused;
    }

    /// @inheritdoc IPool
    function flashLoanInProgress() external view returns (bool) {
        return PoolLocks.flashInProgress();
    }

    /// @inheritdoc IPool
    function paused() external view returns (bool) {
        return block.timestamp < PoolStorageLib.layout().pausedUntil;
    }

    /// @inheritdoc IPool
    function oracle() external view returns (address) {
        return PoolStorageLib.layout().oracle;
    }

    /// @inheritdoc IPool
    function treasury() external view returns (address) {
        return PoolStorageLib.layout().treasury;
    }

    /// @inheritdoc IPool
    function defaultRateModel() external view returns (address) {
        return PoolStorageLib.layout().defaultRateModel;
    }

    /// @inheritdoc IPool
    function registry() external view returns (address) {
        return PoolStorageLib.layout().registry;
    }

    /// @notice EIP-712 nonce of `owner` for `delegationWithSig`.
    function nonces(address owner) external view returns (uint256) {
        return PoolStorageLib.layout().nonces[owner];
    }

    /// @notice EIP-712 domain separator of `delegationWithSig` (name "Keel Pool", version "1").
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return PositionLogic.domainSeparator();
    }

    /* ============================== ADMIN (AccessManager-restricted) ============================== */

    /// @inheritdoc IPoolAdmin
    function initReserve(
        address asset,
        address kToken,
        address rateModel,
        DataTypes.ReserveConfig calldata config,
        uint256 seed
    ) external restricted nonReentrant {
        PoolConfigLogic.executeInitReserve(asset, kToken, rateModel, config, seed);
    }

    /// @inheritdoc IPoolAdmin
    function setReserveConfig(address asset, DataTypes.ReserveConfig calldata config) external restricted nonReentrant {
        PoolConfigLogic.executeSetReserveConfig(asset, config);
    }

    /// @inheritdoc IPoolAdmin
    function setReserveRateModel(address asset, address rateModel) external restricted nonReentrant {
        PoolConfigLogic.executeSetReserveRateModel(asset, rateModel);
    }

    /// @inheritdoc IPoolAdmin
    function pauseReserve(address asset) external restricted {
        PoolConfigLogic.executeGuardianPause(asset);
    }

    /// @inheritdoc IPoolAdmin
    function unpauseReserve(address asset, uint40 gracePeriod) external restricted {
        PoolConfigLogic.executeUnpause(asset, gracePeriod);
    }

    /// @inheritdoc IPoolAdmin
    function pause() external restricted {
        PoolConfigLogic.executeGuardianPause(address(0));
    }

    /// @inheritdoc IPoolAdmin
    function unpause(uint40 gracePeriod) external restricted {
        PoolConfigLogic.executeUnpause(address(0), gracePeriod);
    }

    /// @inheritdoc IPoolPause
    function extendPause(address asset, uint40 until) external restricted {
        PoolConfigLogic.executeExtendPause(asset, until);
    }

    /// @inheritdoc IPoolPause
    function setPauseConfig(uint40 duration, uint40 cooldown) external restricted {
        PoolConfigLogic.executeSetPauseConfig(duration, cooldown);
    }

    /// @inheritdoc IPoolPause
    function refreshReserveRate(address asset) external {
        PoolConfigLogic.executeRefreshReserveRate(asset);
    }

    /// @inheritdoc IPoolAdmin
    function pauseFlashLoans() external restricted {
        PoolConfigLogic.executeSetFlashLoansPaused(true);
    }

    /// @inheritdoc IPoolAdmin
    function unpauseFlashLoans() external restricted {
        PoolConfigLogic.executeSetFlashLoansPaused(false);
    }

    /// @inheritdoc IPoolAdmin
    function setFlashPremium(uint16 premium, uint16 toProtocol) external restricted {
        PoolConfigLogic.executeSetFlashPremium(premium, toProtocol);
    }

    /// @inheritdoc IPoolAdmin
    function setFlashBorrower(address account, bool exempt) external restricted {
        PoolConfigLogic.executeSetFlashBorrower(account, exempt);
    }

    /// @inheritdoc IModuleConsumer
    function onModuleUpdated(bytes32 id, address module) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (msg.sender != s.registry) revert PoolOnlyRegistry(msg.sender);
        address old;
        if (id == ModuleIds.ORACLE) (old, s.oracle) = (s.oracle, module);
        else if (id == ModuleIds.RATE_MODEL) (old, s.defaultRateModel) = (s.defaultRateModel, module);
        else if (id == ModuleIds.TREASURY) (old, s.treasury) = (s.treasury, module);
        else if (id == ModuleIds.FLASH_LENDER) (old, s.flashLender) = (s.flashLender, module);
        else return; // not a module the pool uses
        emit ModuleCached(id, old, module);
    }

    /* ============================== INTERNAL ============================== */

    function _authorizeUpgrade(address) internal override restricted {}

}
