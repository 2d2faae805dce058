// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {MulticallUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/MulticallUpgradeable.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IPool} from "../interfaces/IPool.sol";
import {IPoolPause} from "../interfaces/IPoolPause.sol";
import {IPoolAdmin} from "../interfaces/IPoolAdmin.sol";
import {IModuleConsumer, IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {ISpokeFlashCallback} from "../interfaces/ILiquidityHub.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {ModuleIds} from "../registry/ModuleIds.sol";
import {DataTypes} from "../libraries/types/DataTypes.sol";
import {WadRayMath} from "../libraries/math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "./PoolStorage.sol";
import {SupplyLogic} from "../libraries/logic/SupplyLogic.sol";
import {BorrowLogic} from "../libraries/logic/BorrowLogic.sol";
import {LiquidationLogic} from "../libraries/logic/LiquidationLogic.sol";
import {FlashLoanLogic} from "../libraries/logic/FlashLoanLogic.sol";
import {PositionLogic} from "../libraries/logic/PositionLogic.sol";
import {PoolConfigLogic} from "../libraries/logic/PoolConfigLogic.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title Pool
/// @notice Keel's core spoke: the Aave V3-compatible lending market on the liquidity hub. It holds positions and
///         risk (collateral, health factors, liquidations, credit delegation, pauses); the hub holds the tokens and
///         the interest. `multicall(bytes[])` (Aave 3.4's) batches any of its calls in one transaction, each with the
///         caller's own rights (a DELEGATECALL to itself: `msg.sender` stays the caller). A thin entry contract over the logic libraries, behind an ERC-1967 UUPS proxy. Every
///         privileged call is decided by the AccessManager (see `Roles`); upgrades need UPGRADER_ROLE.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract Pool is
    Initializable,
    PoolStorage,
    UUPSUpgradeable,
    AccessManagedUpgradeable,
    MulticallUpgradeable,
    IPool,
    IPoolAdmin,
    IModuleConsumer,
    ISpokeFlashCallback,
    IUpgradeCheckable
{
    using WadRayMath for uint256;
    using SafeERC20 for IERC20;

    /// @notice Holder of every reserve's seed (see `PoolConfigLogic.DEAD`).
    address public constant DEAD = PoolConfigLogic.DEAD;
    /// @notice Minimum seed at listing, in asset units.
    uint256 public constant MIN_SEED = PoolConfigLogic.MIN_SEED;
    /// @dev Longest liquidation grace period after unpausing.
    uint256 public constant MAX_GRACE_PERIOD = PoolConfigLogic.MAX_GRACE_PERIOD;

    // Transient (EIP-1153) flags, Solidity `transient` variables outside the persistent layout: 100 gas a read or
    // write, reset at the end of every transaction, so a lock can never stay stuck. The reentrancy lock, and whether
    // this spoke's flash loan runs (the hub's callback is accepted only then): 1 while set, full words so that a
    // write is one TSTORE (two bools would share a slot and every write would read it first).
    uint256 private transient _locked;
    uint256 private transient _flashInProgress;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: authority (AccessManager) and registry, whose current oracle and treasury are
    ///         cached, and whose liquidity hub becomes this spoke's for good.
    function initialize(address authority, address registry_) external initializer {
        __AccessManaged_init(authority);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (registry_ == address(0)) revert PoolZeroAddress();
        s.registry = registry_;
        s.oracle = IModuleRegistry(registry_).getModule(ModuleIds.ORACLE);
        s.hub = IModuleRegistry(registry_).getModule(ModuleIds.HUB);
        if (s.hub == address(0)) revert PoolZeroAddress();
        s.treasury = IModuleRegistry(registry_).getModule(ModuleIds.TREASURY);
        s.flashPremium = 5;
        s.flashPremiumToProtocol = 1000;
    }

    /// @inheritdoc IUpgradeCheckable
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.POOL;
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
        _lock();
        _;
        _locked = 0;
    }

    /// @dev One flash loan at a time: set for the whole loan, cleared when it returns.
    modifier flashLoanGuard() {
        if (_flashInProgress != 0) revert PoolFlashLoanInProgress();
        _flashInProgress = 1;
        _;
        _flashInProgress = 0;
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
            try
                IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, permitV, permitR, permitS)
            {} catch {}
        }
        SupplyLogic.executeSupply(asset, amount, onBehalfOf, referralCode);
    }

    /// @inheritdoc IPool
    function withdraw(address asset, uint256 amount, address to) external nonReentrant returns (uint256) {
        return SupplyLogic.executeWithdraw(asset, amount, to);
    }

    /// @inheritdoc IPool
    function borrow(
        address asset,
        uint256 amount,
        uint256 interestRateMode,
        uint16 referralCode,
        address onBehalfOf
    ) external nonReentrant {
        BorrowLogic.executeBorrow(asset, amount, interestRateMode, referralCode, onBehalfOf);
    }

    /// @inheritdoc IPool
    function repay(
        address asset,
        uint256 amount,
        uint256 interestRateMode,
        address onBehalfOf
    ) external nonReentrant returns (uint256) {
        return BorrowLogic.executeRepay(asset, amount, interestRateMode, onBehalfOf);
    }

    // The entry points below hand their calldata unchanged to a linked library whose function takes the same
    // arguments in the same order (see `_forward`): no re-encoding in the pool, which keeps it small.

    /// @inheritdoc IPool
    function setUserUseReserveAsCollateral(address, bool) external nonReentrant {
        _forward(address(PositionLogic), PositionLogic.executeSetCollateral.selector, false);
    }

    /// @inheritdoc IPool
    /// @dev `DataTypes.LiquidationParams` is static, so it ABI-encodes exactly as these five arguments.
    function liquidationCall(address, address, address, uint256, bool) external nonReentrant {
        _forward(address(LiquidationLogic), LiquidationLogic.executeLiquidationCall.selector, false);
    }

    /// @inheritdoc IPool
    function flashLoanSimple(address, address, uint256, bytes calldata, uint16) external nonReentrant flashLoanGuard {
        _forward(address(FlashLoanLogic), FlashLoanLogic.executeFlashLoanSimple.selector, false);
    }

    /// @inheritdoc IPool
    /// @dev `FlashLoanLogic.MultiParams` has these seven fields in this order: one dynamic tuple, encoded as its
    ///      offset (0x20) followed by exactly these arguments' encoding.
    function flashLoan(
        address,
        address[] calldata,
        uint256[] calldata,
        uint256[] calldata,
        address,
        bytes calldata,
        uint16
    ) external nonReentrant flashLoanGuard {
        _forward(address(FlashLoanLogic), FlashLoanLogic.executeFlashLoan.selector, true);
    }

    /// @inheritdoc IPool
    function approveDelegation(address asset, address delegatee, uint256 amount) external {
        PositionLogic.approveDelegation(msg.sender, asset, delegatee, amount);
    }

    /// @inheritdoc IPool
    function delegationWithSig(address, address, address, uint256, uint256, uint8, bytes32, bytes32) external {
        _forward(address(PositionLogic), PositionLogic.executeDelegationWithSig.selector, false);
    }

    /// @inheritdoc IPool
    function transferSupply(address, address, address, uint256) external nonReentrant {
        _forward(address(PositionLogic), PositionLogic.executeTransfer.selector, false);
    }

    /* ============================== VIEWS ============================== */

    // The account and reserve views below are answered by the linked PositionLogic, which has functions of the same
    // signatures (see `_viewFromPositionLogic`): their logic and encoding live there, not in the pool.

    /// @inheritdoc IPool
    function getUserAccountData(
        address
    )
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
        // Named for the ABI; the answer is PositionLogic's (these statements only mark the names as used).
        (totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor);
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getReserveData(address) external view returns (DataTypes.ReserveDataLegacy memory data) {
        data;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getKeelReserveData(address) external view returns (DataTypes.ReserveData memory data) {
        data;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getReserveNormalizedIncome(address) external view returns (uint256 liquidityIndex) {
        liquidityIndex;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getReserveNormalizedVariableDebt(address) external view returns (uint256 borrowIndex) {
        borrowIndex;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getReserveTotals(address) external view returns (uint256 totalSupplied, uint256 totalBorrowed) {
        (totalSupplied, totalBorrowed);
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function supplyBalanceOf(address, address) external view returns (uint256 balance) {
        balance;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function debtBalanceOf(address, address) external view returns (uint256 debt) {
        debt;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getUserPosition(address, address) external view returns (DataTypes.Position memory position) {
        position;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getUserConfiguration(address) external view returns (DataTypes.UserConfigurationMap memory config) {
        config;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getKeelUserConfiguration(address) external view returns (uint256 config) {
        config;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function getReservesList() external view returns (address[] memory assets) {
        assets;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function borrowAllowance(address, address, address) external view returns (uint256 allowance) {
        allowance;
        _viewFromPositionLogic();
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
        return _flashInProgress != 0;
    }

    /// @inheritdoc IPool
    function paused() external view returns (bool) {
        return block.timestamp < PoolStorageLib.layout().pausedUntil;
    }

    /// @inheritdoc IPool
    function oracle() external view returns (address module) {
        module;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function treasury() external view returns (address module) {
        module;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function defaultRateModel() external view returns (address module) {
        module;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function hub() external view returns (address module) {
        module;
        _viewFromPositionLogic();
    }

    /// @inheritdoc IPool
    function registry() external view returns (address module) {
        module;
        _viewFromPositionLogic();
    }

    /// @notice EIP-712 nonce of `owner` for `delegationWithSig`.
    function nonces(address) external view returns (uint256 nonce) {
        nonce;
        _viewFromPositionLogic();
    }

    /// @notice EIP-712 domain separator of `delegationWithSig` (name "Keel Pool", version "1").
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return PositionLogic.domainSeparator();
    }

    /* ============================== ADMIN (AccessManager-restricted) ============================== */

    /// @inheritdoc IPoolAdmin
    /// @dev Forwarded (see `_forward`): `DataTypes.ReserveConfig` is static, encoded inline as here.
    function initReserve(address, address, DataTypes.ReserveConfig calldata, uint256) external restricted nonReentrant {
        _forward(address(PoolConfigLogic), PoolConfigLogic.executeInitReserve.selector, false);
    }

    /// @inheritdoc IPoolAdmin
    /// @dev Forwarded (see `_forward`).
    function setReserveConfig(address, DataTypes.ReserveConfig calldata) external restricted nonReentrant {
        _forward(address(PoolConfigLogic), PoolConfigLogic.executeSetReserveConfig.selector, false);
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
        else if (id == ModuleIds.TREASURY) (old, s.treasury) = (s.treasury, module);
        else if (id == ModuleIds.FLASH_LENDER) (old, s.flashLender) = (s.flashLender, module);
        else return; // not a module the pool caches (the hub is fixed at initialisation)
        emit ModuleCached(id, old, module);
    }

    /// @inheritdoc ISpokeFlashCallback
    /// @dev Only the hub, only during this spoke's own flash loan. The lock is released while the receiver runs (so
    ///      it may use the pool: supply, repay, borrow), and held again while the repayment is pulled or the borrow
    ///      recorded. A simple loan is handled here, in one frame (no library call); a multi-asset loan is two
    ///      library calls with the lock toggled between them here, where the transient lock lives.
    function onHubFlashLoan(bytes calldata data) external {
        address hub_ = PoolStorageLib.layout().hub;
        if (msg.sender != hub_ || _flashInProgress == 0) revert PoolOnlyHub(msg.sender);
        _locked = 0;
        if (uint8(data[0]) == FlashLoanLogic.SIMPLE) {
            // `data` is what FlashLoanLogic wrote: the kind byte, then the loan.
            (
                address receiver,
                address asset,
                uint256 amount,
                uint256 premium,
                address initiator,
                bytes memory params
            ) = abi.decode(data[1:], (address, address, uint256, uint256, address, bytes));
            if (!IFlashLoanSimpleReceiver(receiver).executeOperation(asset, amount, premium, initiator, params)) {
                revert PoolFlashReceiverFailed(receiver);
            }
            _lock();
            IERC20(asset).safeTransferFrom(receiver, hub_, amount + premium);
        } else {
            _forward(address(FlashLoanLogic), FlashLoanLogic.executeReceiverCallback.selector, false);
            _lock();
            _forward(address(FlashLoanLogic), FlashLoanLogic.executeHubCallback.selector, false);
        }
    }

    /* ============================== INTERNAL ============================== */

    function _lock() private {
        if (_locked != 0) revert PoolReentrancy();
        _locked = 1;
    }

    /// @dev Answers the current view call from the linked PositionLogic: DELEGATECALLs it with this call's calldata
    ///      unchanged (same selector: PositionLogic has a view of the same signature) and returns its answer as it
    ///      came. The DELEGATECALL runs the library's `view` code on the pool's storage, exactly what calling an
    ///      external library view compiles to, without decoding and re-encoding the answer here.
    function _viewFromPositionLogic() internal view {
        _asView(_delegateAndReturn)(address(PositionLogic));
    }

    /// @dev DELEGATECALLs `lib` with this call's calldata and ends the call with its return data (or its revert).
    function _delegateAndReturn(address lib) private {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let ok := delegatecall(gas(), lib, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(ok) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }

    /// @dev Types `_delegateAndReturn` as a view: it is only ever used to run library `view` functions (the compiler
    ///      cannot see through inline assembly that the DELEGATECALL is read-only; a state change in a static call
    ///      would revert anyway).
    function _asView(function(address) internal f) private pure returns (function(address) internal view g) {
        assembly {
            g := f
        }
    }

    function _authorizeUpgrade(address) internal override restricted {}

    /// @dev DELEGATECALLs `selector` of the linked library `lib` with this call's arguments as they came (prefixed by
    ///      the 0x20 offset of a single dynamic tuple when `asTuple`), bubbling any revert. Only for library functions
    ///      whose parameters encode exactly as the entry point's; the library decodes (and validates) them itself.
    ///      Returns normally, so the `nonReentrant` lock is released after it.
    function _forward(address lib, bytes4 selector, bool asTuple) private {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            let args := add(ptr, 4)
            if asTuple {
                mstore(args, 0x20)
                args := add(args, 0x20)
            }
            let size := sub(calldatasize(), 4)
            calldatacopy(args, 4, size)
            if iszero(delegatecall(gas(), lib, ptr, add(sub(args, ptr), size), 0, 0)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
        }
    }
}
