// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

import {ILiquidityHub, ISpokeFlashCallback} from "../interfaces/ILiquidityHub.sol";
import {ISafetyModuleCover} from "../interfaces/ISafetyModule.sol";
import {IModuleConsumer, IModuleRegistry} from "../interfaces/IModuleRegistry.sol";
import {IRateModel} from "../interfaces/IRateModel.sol";
import {ModuleIds} from "../registry/ModuleIds.sol";
import {WadRayMath} from "../libraries/math/WadRayMath.sol";
import {RateLimits} from "../libraries/math/RateLimits.sol";
import {InterestMath} from "../libraries/math/InterestMath.sol";
import {KinkedCurve} from "../libraries/math/KinkedCurve.sol";
import {HubFlags} from "../libraries/types/HubFlags.sol";
import {IKinkedRateModel} from "../interfaces/IKinkedRateModel.sol";

/// @title LiquidityHub
/// @notice Custody and interest of every asset, and nothing else. Spokes registered by governance add, remove,
///         draw and restore liquidity within per-asset caps; the hub accrues interest, books the reserve factor to
///         the treasury, serves flash loans, and absorbs deficits the spokes report (treasury first, suppliers
///         after). It knows nothing of positions, collateral or health factors.
/// @dev Immutable on purpose (docs/architecture.md, "Why the hub is immutable"): the contract that holds every token
///      has no upgrade path, so no proposal can swap its code; what must evolve (rate models, treasury, spokes, caps)
///      plugs in through governance. A proxy hop would also cost every action ~4.7k gas (measured, docs/gas.md).
///      Blast radius: a spoke can only remove its own shares (backed by tokens the hub received) and can owe at most
///      its draw cap, deficits it reported included, so a broken or malicious spoke loses at most its caps.
contract LiquidityHub is ILiquidityHub, IModuleConsumer, AccessManaged {
    using SafeERC20 for IERC20;
    using WadRayMath for uint256;

    // Asset flags: contracts/libraries/types/HubFlags.sol, defined once (the spokes read them too).
    uint8 internal constant LISTED = HubFlags.LISTED;
    uint8 internal constant FLASH_LOANS = HubFlags.FLASH_LOANS;
    uint8 internal constant DEFAULT_MODEL = HubFlags.DEFAULT_MODEL;
    uint8 internal constant HAS_TREASURY = HubFlags.HAS_TREASURY;
    uint8 internal constant NATIVE_CURVE = HubFlags.NATIVE_CURVE;
    // Bits of `SpokeAccount.flags`. Zero (a spoke's default in an asset) is capped at the zero caps: fails closed.
    uint16 internal constant ADD_UNLIMITED = 1;
    uint16 internal constant DRAW_UNLIMITED = 2;
    uint16 internal constant FROZEN = 4;
    /// @notice A cap of this value means no cap.
    uint64 public constant UNLIMITED = type(uint64).max;
    /// @notice Highest reserve factor (bps): all of the interest to the treasury.
    uint16 public constant MAX_RESERVE_FACTOR = 10_000;
    /// @notice Highest direct flash fee (bps).
    uint16 public constant MAX_FLASH_FEE = 100;
    /// @notice Most assets the hub lists (bounds the loop of `freezeSpoke`).
    uint256 public constant MAX_ASSETS = 128;
    /// @notice Most spokes the hub registers.
    uint256 public constant MAX_SPOKES = 64;

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");
    // Transient state (EIP-1153, Solidity `transient` variables: 100 gas a read or write, reset at the end of every
    // transaction): the reentrancy lock (1 while held; a full word, so a write is one TSTORE, not a read-modify-write
    // of a packed slot), the running flash loan's initiator (nonzero while one runs), and the first asset out on it
    // with how much of it is out.
    uint256 private transient _locked;
    address private transient _flashInitiator;
    address private transient _flashAsset;
    uint256 private transient _flashAssetOut;

    /// @inheritdoc ILiquidityHub
    address public immutable registry;

    mapping(address asset => Asset) private _assets;
    /// @dev What is out of each further asset of a multi-asset flash loan (every asset after `_flashAsset`). Solidity
    ///      has no transient mappings (value types only, up to 0.8.37), and a keyed transient slot needs inline
    ///      `tstore`, so these live in storage: written by `_lend`, zeroed by `_settle` in the same transaction (the
    ///      zeroing refunds most of the write), and read only while a flash loan runs.
    mapping(address asset => uint256) private _flashOutMore;
    /// @dev One spoke's account in one asset: what every add/remove/draw/restore reads and writes, in one slot, with the
    ///      bits that say whether its caps slot must be read at all (an uncapped spoke never reads it).
    struct SpokeAccount {
        uint120 shares;
        uint120 drawnShares;
        uint16 flags;
    }

    /// @dev A spoke's caps in one asset (whole tokens) and every deficit it reported there (asset units).
    struct SpokeLimits {
        uint64 addCap;
        uint64 drawCap;
        uint120 deficit;
    }

    mapping(address spoke => mapping(address asset => SpokeAccount)) private _accounts;
    mapping(address spoke => mapping(address asset => SpokeLimits)) private _limits;
    mapping(address spoke => uint256) private _spokeState; // 0 = unknown, 1 = registered, 2 = registered + frozen
    address[] private _assetList;
    address[] private _spokeList;
    address private _treasury;
    address private _defaultRateModel;
    address private _safetyModule;

    /// @param authority The AccessManager deciding every restricted function.
    /// @param registry_ The module registry: the treasury and the default rate model are read now and pushed later.
    constructor(address authority, address registry_) AccessManaged(authority) {
        if (registry_ == address(0)) revert HubZeroAddress();
        registry = registry_;
        _treasury = IModuleRegistry(registry_).getModule(ModuleIds.TREASURY);
        _defaultRateModel = IModuleRegistry(registry_).getModule(ModuleIds.RATE_MODEL);
    }

    /* ============================== MODIFIERS ============================== */

    modifier nonReentrant() {
        if (_locked != 0) revert HubReentrancy();
        _locked = 1;
        _;
        _locked = 0;
    }

    /* ============================== SPOKE ACTIONS ============================== */

    /// @inheritdoc ILiquidityHub
    function accrue(address asset) external nonReentrant returns (uint256 liquidityIndex, uint256 borrowIndex) {
        Asset storage a = _assets[asset];
        if (a.flags & LISTED == 0) revert HubAssetNotListed(asset);
        return _accrue(a, asset);
    }

    /// @inheritdoc ILiquidityHub
    function refreshRate(address asset) external nonReentrant {
        Asset storage a = _assets[asset];
        if (a.flags & LISTED == 0) revert HubAssetNotListed(asset);
        _resync(a, asset);
    }

    /// @inheritdoc ILiquidityHub
    function onRateModelChanged(address asset) external nonReentrant {
        if (asset != address(0)) return _resyncIfModel(asset);
        uint256 n = _assetList.length;
        for (uint256 i; i < n; ++i) {
            _resyncIfModel(_assetList[i]);
        }
    }

    /// @inheritdoc ILiquidityHub
    function add(
        address asset,
        uint256 amount
    ) external nonReentrant returns (uint256 shares, uint256 liquidityIndex, uint256 spokeShares) {
        Asset storage a = _assets[asset];
        SpokeAccount storage sa = _accounts[msg.sender][asset];
        _requireAmount(amount);
        if (a.flags & LISTED == 0) revert HubAssetNotListed(asset);
        uint256 flags = sa.flags;
        if (flags & FROZEN != 0) revert HubSpokeFrozen(msg.sender);
        uint256 borrowIndex;
        (liquidityIndex, borrowIndex) = _accrue(a, asset);
        uint256 cash = a.cash;
        _requireReceived(asset, cash, amount);
        // Round down: the spoke is credited at most what it brought.
        shares = amount.rayDivDown(liquidityIndex);
        if (shares == 0) revert HubAmountTooSmall(amount);
        spokeShares = sa.shares + shares;
        if (flags & ADD_UNLIMITED == 0) {
            uint256 cap = _limits[msg.sender][asset].addCap;
            uint256 value = spokeShares.rayMulUp(liquidityIndex);
            if (value > cap * 10 ** a.decimals) revert HubAddCapExceeded(msg.sender, asset, cap, value);
        }
        sa.shares = SafeCast.toUint120(spokeShares);
        a.totalShares = SafeCast.toUint128(a.totalShares + shares);
        a.cash = uint128(cash + amount);
        _updateRate(a, asset, borrowIndex, cash + amount);
        emit Add(msg.sender, asset, amount, shares);
    }

    /// @inheritdoc ILiquidityHub
    function remove(
        address asset,
        uint256 amount,
        uint256 maxShares,
        address to
    ) external nonReentrant returns (uint256 shares, uint256 amount_, uint256 liquidityIndex) {
        if (to == address(0)) revert HubZeroAddress();
        Asset storage a = _assets[asset];
        SpokeAccount storage sa = _accounts[msg.sender][asset];
        uint256 held = sa.shares;
        if (maxShares > held) revert HubSharesExceeded(msg.sender, held, maxShares);
        (shares, amount_, liquidityIndex) = _burnShares(a, asset, maxShares, amount);
        sa.shares = uint120(held - shares);
        IERC20(asset).safeTransfer(to, amount_);
        emit Remove(msg.sender, asset, to, amount_, shares);
    }

    /// @inheritdoc ILiquidityHub
    function draw(
        address asset,
        uint256 amount,
        address to
    )
        external
        nonReentrant
        returns (uint256 drawnShares, uint256 borrowIndex, uint256 spokeDrawnShares, uint256 borrowRate)
    {
        if (to == address(0)) revert HubZeroAddress();
        Asset storage a = _assets[asset];
        SpokeAccount storage sa = _accounts[msg.sender][asset];
        _requireAmount(amount);
        if (a.flags & LISTED == 0) revert HubAssetNotListed(asset);
        uint256 flags = sa.flags;
        if (flags & FROZEN != 0) revert HubSpokeFrozen(msg.sender);
        (, borrowIndex) = _accrue(a, asset);
        uint256 cash = a.cash;
        if (to == address(this)) {
            if (amount > cash) revert HubInsufficientLiquidity(cash, amount);
        } else {
            _requireAvailable(asset, cash, amount);
        }
        // Round up: the spoke owes at least what it received.
        drawnShares = amount.rayDivUp(borrowIndex);
        spokeDrawnShares = sa.drawnShares + drawnShares;
        if (flags & DRAW_UNLIMITED == 0) {
            // Reported deficits keep counting: a spoke cannot draw, write the debt off and draw again.
            SpokeLimits storage lim = _limits[msg.sender][asset];
            uint256 cap = lim.drawCap;
            uint256 value = spokeDrawnShares.rayMulUp(borrowIndex) + lim.deficit;
            if (value > cap * 10 ** a.decimals) revert HubDrawCapExceeded(msg.sender, asset, cap, value);
        }
        sa.drawnShares = SafeCast.toUint120(spokeDrawnShares);
        a.totalDrawnShares = SafeCast.toUint128(a.totalDrawnShares + drawnShares);
        a.cash = uint128(cash - amount);
        borrowRate = _updateRate(a, asset, borrowIndex, cash - amount);
        if (to == address(this)) {
            // In place: the tokens left on this spoke's flash loan and now stay out as debt.
            uint256 out = _flashOut(asset);
            if (msg.sender != _flashInitiator || out < amount) revert HubInsufficientLiquidity(out, amount);
            _setFlashOut(asset, out - amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
        emit Draw(msg.sender, asset, to, amount, drawnShares);
    }

    /// @inheritdoc ILiquidityHub
    function restore(
        address asset,
        uint256 amount,
        uint256 maxDrawnShares
    ) external nonReentrant returns (uint256 drawnShares) {
        Asset storage a = _assets[asset];
        SpokeAccount storage sa = _accounts[msg.sender][asset];
        uint256 held = sa.drawnShares;
        if (maxDrawnShares > held) revert HubDrawnSharesExceeded(msg.sender, held, maxDrawnShares);
        (, uint256 borrowIndex) = _accrue(a, asset);
        uint256 debt = maxDrawnShares.rayMulUp(borrowIndex);
        if (amount == 0) revert HubAmountTooSmall(0);
        if (amount > debt) revert HubRestoreExceedsDebt(debt, amount);
        uint256 cash = a.cash;
        _requireReceived(asset, cash, amount);
        // Round down: a partial repayment cancels at most the shares it pays for; all of them when it pays the debt.
        drawnShares = amount == debt ? maxDrawnShares : amount.rayDivDown(borrowIndex);
        sa.drawnShares = uint120(held - drawnShares);
        a.totalDrawnShares -= uint128(drawnShares);
        a.cash = uint128(cash + amount);
        _updateRate(a, asset, borrowIndex, cash + amount);
        emit Restore(msg.sender, asset, amount, drawnShares);
    }

    /// @inheritdoc ILiquidityHub
    function reportDeficit(
        address asset,
        uint256 drawnShares,
        uint256 coverShares
    )
        external
        nonReentrant
        returns (uint256 covered, uint256 socialised, uint256 coverSharesBurned, uint256 coveredByShares)
    {
        Asset storage a = _assets[asset];
        SpokeAccount storage sa = _accounts[msg.sender][asset];
        uint256 held = sa.drawnShares;
        if (drawnShares > held) revert HubDrawnSharesExceeded(msg.sender, held, drawnShares);
        if (drawnShares == 0) revert HubAmountTooSmall(0);
        if (coverShares > sa.shares) revert HubSharesExceeded(msg.sender, sa.shares, coverShares);
        (uint256 liquidityIndex, uint256 borrowIndex) = _accrue(a, asset);
        uint256 debt = drawnShares.rayMulUp(borrowIndex);
        sa.drawnShares = uint120(held - drawnShares);
        a.totalDrawnShares -= uint128(drawnShares);
        _recordDeficit(a, asset, debt);
        (covered, coverSharesBurned, coveredByShares) = _coverLoss(a, sa, asset, coverShares, debt, liquidityIndex);
        // The rest is shared by every supplier of the asset: the index falls (rounded down: claims fall by at least
        // the loss). This is the only way the liquidity index ever decreases.
        socialised = debt - covered;
        uint256 totalShares = a.totalShares;
        if (socialised != 0 && totalShares != 0) {
            uint256 assetsHeld = totalShares.rayMulDown(liquidityIndex);
            uint256 remaining = assetsHeld > socialised ? assetsHeld - socialised : 0;
            uint256 newIndex = remaining.rayDivDown(totalShares);
            a.liquidityIndex = uint128(newIndex == 0 ? 1 : newIndex);
        }
        _updateRate(a, asset, borrowIndex, a.cash);
        emit DeficitReported(msg.sender, asset, debt, covered, socialised);
    }

    /// @dev Adds `debt` to the calling spoke's and the asset's recorded deficits (saturating: a record, never a limit).
    function _recordDeficit(Asset storage a, address asset, uint256 debt) internal {
        SpokeLimits storage lim = _limits[msg.sender][asset];
        uint256 spokeDeficit = lim.deficit + debt;
        lim.deficit = spokeDeficit > type(uint120).max ? type(uint120).max : uint120(spokeDeficit);
        uint256 total = a.totalDeficit + debt;
        a.totalDeficit = total > type(uint128).max ? type(uint128).max : uint128(total);
    }

    /// @dev Burns up to `shares` of the spoke's supply shares worth up to `loss` (rounded up); returns the shares
    ///      burned and the loss they covered.
    function _coverFromShares(
        Asset storage a,
        SpokeAccount storage sa,
        uint256 shares,
        uint256 loss,
        uint256 liquidityIndex
    ) internal returns (uint256 burned, uint256 covered) {
        if (shares == 0) return (0, 0);
        (burned, covered) = _sharesCoveringUp(shares, loss, liquidityIndex);
        sa.shares -= uint120(burned);
        a.totalShares -= uint128(burned);
    }

    /// @dev Of `shares`, the ones that pay `loss` (rounded up) and the loss they pay: all of it, or what they are worth.
    function _sharesCoveringUp(
        uint256 shares,
        uint256 loss,
        uint256 liquidityIndex
    ) internal pure returns (uint256 burned, uint256 covered) {
        uint256 value = shares.rayMulDown(liquidityIndex);
        covered = loss < value ? loss : value;
        burned = InterestMath.sharesToBurnUp(covered, value, shares, liquidityIndex);
    }

    /// @dev Covers `loss` in order: the safety module first (its stakers' hub shares, at most its max slash per event),
    ///      then the insurance fund: the shares the spoke names (its treasury's position there), then the treasury's
    ///      shares in the hub. Returns all covered, and the named shares burned with the part they paid.
    function _coverLoss(
        Asset storage a,
        SpokeAccount storage sa,
        address asset,
        uint256 coverShares,
        uint256 loss,
        uint256 liquidityIndex
    ) internal returns (uint256 covered, uint256 burned, uint256 byShares) {
        covered = _coverFromSafetyModule(a, asset, loss, liquidityIndex);
        (burned, byShares) = _coverFromShares(a, sa, coverShares, loss - covered, liquidityIndex);
        covered += byShares;
        covered += _coverFromTreasury(a, loss - covered, liquidityIndex);
    }

    /// @dev Burns the safety module's hub shares worth up to `loss`, at most `maxSlashBps` of them (rounded down: never
    ///      more than the module allows), and tells the module. A module without code, or whose calls revert, pays
    ///      nothing: a broken module must not stop a bad debt from being written off (treasury and suppliers go on).
    function _coverFromSafetyModule(
        Asset storage a,
        address asset,
        uint256 loss,
        uint256 liquidityIndex
    ) internal returns (uint256 covered) {
        address module = _safetyModule;
        if (module == address(0) || module.code.length == 0) return 0;
        SpokeAccount storage ma = _accounts[module][asset];
        uint256 held = ma.shares;
        if (held == 0) return 0;
        uint256 bps;
        try ISafetyModuleCover(module).maxSlashBps(asset) returns (uint16 b) {
            bps = b > WadRayMath.BPS ? WadRayMath.BPS : b;
        } catch {
            return 0;
        }
        uint256 burned;
        (burned, covered) = _coverFromShares(a, ma, held.bpsMulDown(bps), loss, liquidityIndex);
        if (covered == 0) return 0;
        emit SafetyModuleCover(msg.sender, asset, module, covered, burned);
        try ISafetyModuleCover(module).onCoverPaid(asset, covered, burned) {} catch {}
    }

    /// @dev Burns the treasury's hub shares worth up to `loss` (rounded up); returns the loss they covered.
    function _coverFromTreasury(
        Asset storage a,
        uint256 loss,
        uint256 liquidityIndex
    ) internal returns (uint256 covered) {
        uint256 tShares = a.treasuryShares;
        if (tShares == 0 || loss == 0) return 0;
        uint256 burn;
        (burn, covered) = _sharesCoveringUp(tShares, loss, liquidityIndex);
        a.treasuryShares = uint128(tShares - burn);
        a.totalShares -= uint128(burn);
    }

    /// @inheritdoc ILiquidityHub
    function spokeFlashLoan(
        address[] calldata assets_,
        uint256[] calldata amounts,
        uint256[] calldata premiums,
        uint256 toTreasuryBps,
        address receiver,
        bytes calldata data
    ) external nonReentrant {
        uint256 n = assets_.length;
        if (n == 0 || n != amounts.length || n != premiums.length) revert HubInconsistentFlashLoan();
        if (toTreasuryBps > WadRayMath.BPS) revert HubParameterOutOfBounds(toTreasuryBps, WadRayMath.BPS);
        uint256 state = _spokeState[msg.sender];
        if (state == 0) revert HubSpokeNotAdded(msg.sender);
        if (state == 2) revert HubSpokeFrozen(msg.sender);
        _startFlash(msg.sender);
        for (uint256 i; i < n; ++i) {
            _lend(assets_[i], amounts[i], receiver);
        }
        _locked = 0;
        ISpokeFlashCallback(msg.sender).onHubFlashLoan(data);
        if (_locked != 0) revert HubReentrancy();
        _locked = 1;
        for (uint256 i; i < n; ++i) {
            _settle(assets_[i], amounts[i], premiums[i], toTreasuryBps, msg.sender);
        }
        _endFlash();
    }

    /* ============================== ERC-3156 ============================== */

    /// @inheritdoc IERC3156FlashLender
    function maxFlashLoan(address token) external view returns (uint256) {
        Asset storage a = _assets[token];
        if (a.flags & (LISTED | FLASH_LOANS) != (LISTED | FLASH_LOANS)) return 0;
        uint256 out = _flashOut(token);
        return a.cash > out ? a.cash - out : 0;
    }

    /// @inheritdoc IERC3156FlashLender
    function flashFee(address token, uint256 amount) public view returns (uint256) {
        Asset storage a = _assets[token];
        if (a.flags & (LISTED | FLASH_LOANS) != (LISTED | FLASH_LOANS)) revert HubFlashLoanDisabled(token);
        return amount.bpsMulUp(a.flashFee);
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Sends, calls `onFlashLoan` (the hub's lock is released so the borrower may use spokes), then pulls
    ///      `amount + fee` from the borrower (it approves the hub) and checks the books are whole plus the fee. The
    ///      fee goes to suppliers, the reserve factor's share of it to the treasury.
    function flashLoan(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data
    ) external nonReentrant returns (bool) {
        uint256 fee = flashFee(token, amount);
        _startFlash(address(1));
        _lend(token, amount, address(receiver));
        _locked = 0;
        if (receiver.onFlashLoan(msg.sender, token, amount, fee, data) != CALLBACK_SUCCESS) {
            revert HubFlashReceiverFailed(address(receiver));
        }
        if (_locked != 0) revert HubReentrancy();
        _locked = 1;
        IERC20(token).safeTransferFrom(address(receiver), address(this), amount + fee);
        _settle(token, amount, fee, _assets[token].reserveFactor, msg.sender);
        _endFlash();
        return true;
    }

    /* ============================== TREASURY ============================== */

    /// @inheritdoc ILiquidityHub
    function withdrawTreasury(address asset, uint256 amount, address to) external nonReentrant returns (uint256) {
        if (msg.sender != _treasury || msg.sender == address(0)) revert HubUnauthorized(msg.sender);
        if (to == address(0)) revert HubZeroAddress();
        Asset storage a = _assets[asset];
        _accrue(a, asset); // first: the accrual adds to the treasury's shares
        uint256 tShares = a.treasuryShares;
        uint256 shares;
        (shares, amount, ) = _burnShares(a, asset, tShares, amount);
        a.treasuryShares = uint128(tShares - shares);
        IERC20(asset).safeTransfer(to, amount);
        emit TreasuryWithdrawn(asset, to, amount, shares);
        return amount;
    }

    /* ============================== GOVERNANCE ============================== */

    /// @inheritdoc ILiquidityHub
    function listAsset(
        address asset,
        address rateModel,
        uint16 reserveFactor,
        uint16 flashFee_
    ) external restricted nonReentrant {
        if (asset == address(0)) revert HubZeroAddress();
        Asset storage a = _assets[asset];
        if (a.flags & LISTED != 0) revert HubAssetAlreadyListed(asset);
        if (_assetList.length >= MAX_ASSETS) revert HubParameterOutOfBounds(_assetList.length + 1, MAX_ASSETS);
        _checkConfig(reserveFactor, flashFee_);
        uint8 decimals;
        // Without code the call "succeeds" with no data, which no try/catch can catch: refuse it by name first.
        if (asset.code.length == 0) revert HubBadDecimals(asset);
        try IERC20Metadata(asset).decimals() returns (uint8 d) {
            decimals = d;
        } catch {
            revert HubBadDecimals(asset);
        }
        if (decimals > 36) revert HubBadDecimals(asset);
        a.liquidityIndex = uint128(WadRayMath.RAY);
        a.borrowIndex = uint128(WadRayMath.RAY);
        a.lastUpdate = uint40(block.timestamp);
        a.reserveFactor = reserveFactor;
        a.flashFee = flashFee_;
        a.decimals = decimals;
        _setModel(a, asset, rateModel, LISTED | FLASH_LOANS | (_treasury == address(0) ? 0 : HAS_TREASURY));
        _assetList.push(asset);
        _updateRate(a, asset, WadRayMath.RAY, 0);
        emit AssetListed(asset, decimals, rateModel, reserveFactor);
    }

    /// @inheritdoc ILiquidityHub
    function configureAsset(
        address asset,
        address rateModel,
        uint16 reserveFactor,
        uint16 flashFee_,
        bool flashLoans
    ) external restricted nonReentrant {
        Asset storage a = _assets[asset];
        if (a.flags & LISTED == 0) revert HubAssetNotListed(asset);
        _checkConfig(reserveFactor, flashFee_);
        (, uint256 borrowIndex) = _accrue(a, asset);
        a.reserveFactor = reserveFactor;
        a.flashFee = flashFee_;
        _setModel(a, asset, rateModel, (flashLoans ? LISTED | FLASH_LOANS : LISTED) | (a.flags & HAS_TREASURY));
        _updateRate(a, asset, borrowIndex, a.cash);
        emit AssetConfigured(asset, rateModel, reserveFactor, flashFee_, flashLoans);
    }

    /// @inheritdoc ILiquidityHub
    function addSpoke(address spoke) external restricted {
        if (spoke == address(0)) revert HubZeroAddress();
        if (_spokeState[spoke] != 0) revert HubSpokeAlreadyAdded(spoke);
        if (_spokeList.length >= MAX_SPOKES) revert HubParameterOutOfBounds(_spokeList.length + 1, MAX_SPOKES);
        _spokeState[spoke] = 1;
        _spokeList.push(spoke);
        emit SpokeAdded(spoke);
    }

    /// @inheritdoc ILiquidityHub
    function setSpokeCaps(address spoke, address asset, uint64 addCap, uint64 drawCap) external restricted {
        uint256 state = _spokeState[spoke];
        if (state == 0) revert HubSpokeNotAdded(spoke);
        if (_assets[asset].flags & LISTED == 0) revert HubAssetNotListed(asset);
        SpokeLimits storage lim = _limits[spoke][asset];
        lim.addCap = addCap;
        lim.drawCap = drawCap;
        uint16 flags = state == 2 ? FROZEN : 0;
        if (addCap == UNLIMITED) flags |= ADD_UNLIMITED;
        if (drawCap == UNLIMITED) flags |= DRAW_UNLIMITED;
        _accounts[spoke][asset].flags = flags;
        emit SpokeCapsSet(spoke, asset, addCap, drawCap);
    }

    /// @inheritdoc ILiquidityHub
    function freezeSpoke(address spoke) external restricted {
        _setFrozen(spoke, true);
    }

    /// @inheritdoc ILiquidityHub
    function unfreezeSpoke(address spoke) external restricted {
        _setFrozen(spoke, false);
    }

    /// @inheritdoc IModuleConsumer
    /// @dev The new default rate model is written into every asset that follows it, and the treasury bit of every
    ///      asset is set or cleared: at most MAX_ASSETS writes, so actions never read these two addresses.
    function onModuleUpdated(bytes32 id, address module) external {
        if (msg.sender != registry) revert HubUnauthorized(msg.sender);
        if (id == ModuleIds.SAFETY_MODULE) {
            _safetyModule = module;
            emit HubModuleCached(id, module);
            return;
        }
        bool treasuryChange = id == ModuleIds.TREASURY;
        if (treasuryChange) _treasury = module;
        else if (id == ModuleIds.RATE_MODEL) _defaultRateModel = module;
        else return;
        uint256 n = _assetList.length;
        for (uint256 i; i < n; ++i) {
            Asset storage a = _assets[_assetList[i]];
            if (treasuryChange) a.flags = module == address(0) ? a.flags & ~HAS_TREASURY : a.flags | HAS_TREASURY;
            else if (a.flags & DEFAULT_MODEL != 0) _switchDefaultModel(a, _assetList[i], module);
        }
        emit HubModuleCached(id, module);
    }

    /* ============================== VIEWS ============================== */

    /// @inheritdoc ILiquidityHub
    function getAsset(address asset) external view returns (Asset memory) {
        return _assets[asset];
    }

    /// @inheritdoc ILiquidityHub
    function getSpokeAsset(address spoke, address asset) external view returns (SpokeAsset memory v) {
        SpokeAccount storage sa = _accounts[spoke][asset];
        SpokeLimits storage lim = _limits[spoke][asset];
        (v.shares, v.drawnShares, v.addCap, v.drawCap, v.deficit) = (
            sa.shares,
            sa.drawnShares,
            lim.addCap,
            lim.drawCap,
            lim.deficit
        );
        v.frozen = sa.flags & FROZEN != 0;
    }

    /// @inheritdoc ILiquidityHub
    function currentIndexes(address asset) public view returns (uint256 liquidityIndex, uint256 borrowIndex) {
        (liquidityIndex, borrowIndex, ) = _currentState(_assets[asset]);
    }

    /// @inheritdoc ILiquidityHub
    function availableCash(address asset) external view returns (uint256) {
        uint256 cash = _assets[asset].cash;
        uint256 out = _flashOut(asset);
        return cash > out ? cash - out : 0;
    }

    /// @inheritdoc ILiquidityHub
    function spokeBalances(address spoke, address asset) external view returns (uint256 supplied, uint256 drawn) {
        (uint256 liquidityIndex, uint256 borrowIndex) = currentIndexes(asset);
        SpokeAccount storage sa = _accounts[spoke][asset];
        return (uint256(sa.shares).rayMulDown(liquidityIndex), uint256(sa.drawnShares).rayMulUp(borrowIndex));
    }

    /// @inheritdoc ILiquidityHub
    function assetTotals(address asset) external view returns (uint256 supplied, uint256 drawn, uint256 cash) {
        Asset storage a = _assets[asset];
        (uint256 liquidityIndex, uint256 borrowIndex, uint256 pendingTreasury) = _currentState(a);
        supplied = (uint256(a.totalShares) + pendingTreasury).rayMulDown(liquidityIndex);
        drawn = uint256(a.totalDrawnShares).rayMulUp(borrowIndex);
        cash = a.cash;
    }

    /// @inheritdoc ILiquidityHub
    function treasuryBalance(address asset) external view returns (uint256) {
        Asset storage a = _assets[asset];
        (uint256 liquidityIndex, , uint256 pendingTreasury) = _currentState(a);
        return (uint256(a.treasuryShares) + pendingTreasury).rayMulDown(liquidityIndex);
    }

    /// @inheritdoc ILiquidityHub
    function assets() external view returns (address[] memory) {
        return _assetList;
    }

    /// @inheritdoc ILiquidityHub
    function spokes() external view returns (address[] memory) {
        return _spokeList;
    }

    /// @inheritdoc ILiquidityHub
    function isSpoke(address spoke) external view returns (bool) {
        return _spokeState[spoke] != 0;
    }

    /// @inheritdoc ILiquidityHub
    function isFrozen(address spoke) external view returns (bool) {
        return _spokeState[spoke] == 2;
    }

    /// @inheritdoc ILiquidityHub
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ILiquidityHub
    function defaultRateModel() external view returns (address) {
        return _defaultRateModel;
    }

    /// @inheritdoc ILiquidityHub
    function safetyModule() external view returns (address) {
        return _safetyModule;
    }

    /* ============================== INTERNAL ============================== */

    /// @dev Accrues interest up to now: the borrow index compounds (rounded up), the interest it produced is split
    ///      into the treasury's reserve-factor share (shares, rounded down) and the suppliers' (the liquidity index,
    ///      rounded down). Claims therefore never grow faster than debt.
    function _accrue(Asset storage a, address asset) internal returns (uint256 liquidityIndex, uint256 borrowIndex) {
        liquidityIndex = a.liquidityIndex;
        borrowIndex = a.borrowIndex;
        uint256 last = a.lastUpdate;
        if (last == block.timestamp) return (liquidityIndex, borrowIndex);
        uint256 rate = a.borrowRate;
        uint256 drawnShares = a.totalDrawnShares;
        if (rate != 0 && drawnShares != 0) {
            uint256 interest;
            (borrowIndex, interest) = InterestMath.grownDebtUp(borrowIndex, rate, last, drawnShares);
            uint256 toTreasury = a.flags & HAS_TREASURY == 0 ? 0 : interest.bpsMulDown(a.reserveFactor);
            uint256 totalShares = a.totalShares;
            uint256 treasuryShares;
            (liquidityIndex, treasuryShares) = InterestMath.splitIncomeDown(
                liquidityIndex,
                totalShares,
                interest - toTreasury,
                toTreasury
            );
            if (treasuryShares != 0) {
                a.treasuryShares += uint128(treasuryShares);
                a.totalShares = uint128(totalShares + treasuryShares);
            }
            a.liquidityIndex = uint128(liquidityIndex);
            a.borrowIndex = uint128(borrowIndex);
            emit AssetAccrued(asset, liquidityIndex, borrowIndex, toTreasury);
        }
        a.lastUpdate = uint40(block.timestamp);
    }

    /// @dev `_accrue` without writing: the indexes as of now and the treasury shares the next accrual adds.
    function _currentState(
        Asset storage a
    ) internal view returns (uint256 liquidityIndex, uint256 borrowIndex, uint256 pendingTreasury) {
        liquidityIndex = a.liquidityIndex;
        borrowIndex = a.borrowIndex;
        uint256 last = a.lastUpdate;
        uint256 rate = a.borrowRate;
        uint256 drawnShares = a.totalDrawnShares;
        if (last == block.timestamp || rate == 0 || drawnShares == 0) return (liquidityIndex, borrowIndex, 0);
        uint256 interest;
        (borrowIndex, interest) = InterestMath.grownDebtUp(borrowIndex, rate, last, drawnShares);
        uint256 toTreasury = a.flags & HAS_TREASURY == 0 ? 0 : interest.bpsMulDown(a.reserveFactor);
        (liquidityIndex, pendingTreasury) = InterestMath.splitIncomeDown(
            liquidityIndex,
            a.totalShares,
            interest - toTreasury,
            toTreasury
        );
    }

    /// @dev Stores the borrow rate for the asset's totals (`cash` passed in: callers have it), clamped to the ceiling:
    ///      the cached kinked curve when the model has one (no external call), else the model's answer.
    function _updateRate(
        Asset storage a,
        address asset,
        uint256 borrowIndex,
        uint256 cash
    ) internal returns (uint256 rate) {
        uint256 drawn = uint256(a.totalDrawnShares).rayMulUp(borrowIndex);
        if (a.flags & NATIVE_CURVE != 0) {
            rate = KinkedCurve.borrowRatePerSecondUp(
                a.curveBaseBps,
                a.curveSlope1Bps,
                a.curveSlope2Bps,
                a.curveOptimalBps,
                cash + drawn,
                drawn
            );
        } else {
            address model = a.rateModel; // the default model already resolved (DEFAULT_MODEL)
            rate = model == address(0) ? 0 : IRateModel(model).borrowRatePerSecond(asset, cash + drawn, drawn);
            if (rate > RateLimits.MAX_BORROW_RATE_PER_SECOND) rate = RateLimits.MAX_BORROW_RATE_PER_SECOND;
        }
        a.borrowRate = uint88(rate);
    }

    /// @dev Accrues `asset`, reads its model's curve again and stores the rate for the current totals.
    function _resync(Asset storage a, address asset) internal {
        (, uint256 borrowIndex) = _accrue(a, asset);
        _loadCurve(a, asset);
        _updateRate(a, asset, borrowIndex, a.cash);
    }

    /// @dev `_resync` when `asset` is listed and its model is the caller; nothing otherwise.
    function _resyncIfModel(address asset) internal {
        Asset storage a = _assets[asset];
        if (a.flags & LISTED != 0 && a.rateModel == msg.sender) _resync(a, asset);
    }

    /// @dev Caches the model's kinked curve for `asset` (NATIVE_CURVE) when it answers `kinkedCurveOf` with four
    ///      words that are a valid curve; otherwise clears the cache, and actions call the model. A low-level call:
    ///      a model without the function (or one whose answer cannot be decoded) must not make listing revert.
    function _loadCurve(Asset storage a, address asset) internal {
        address model = a.rateModel;
        IKinkedRateModel.RateParams memory c;
        bool native;
        if (model != address(0)) {
            (bool ok, bytes memory ret) = model.staticcall(abi.encodeCall(IKinkedRateModel.kinkedCurveOf, (asset)));
            if (ok && ret.length == 128) {
                (uint256 base, uint256 slope1, uint256 slope2, uint256 optimal) = abi.decode(
                    ret,
                    (uint256, uint256, uint256, uint256)
                );
                // Only a curve `KinkedCurve` is defined for: 32-bit fields and the kink strictly inside (0%, 100%).
                native = (base | slope1 | slope2) <= type(uint32).max && optimal != 0 && optimal < WadRayMath.BPS;
                if (native)
                    c = IKinkedRateModel.RateParams(uint32(base), uint32(slope1), uint32(slope2), uint32(optimal));
            }
        }
        (a.curveBaseBps, a.curveSlope1Bps, a.curveSlope2Bps, a.curveOptimalBps) = (
            c.baseRateBps,
            c.slope1Bps,
            c.slope2Bps,
            c.optimalUtilizationBps
        );
        a.flags = native ? a.flags | NATIVE_CURVE : a.flags & ~NATIVE_CURVE;
        emit RateModelSynced(asset, model, native);
    }

    /// @dev Reverts unless the hub holds at least `amount` tokens above its books (`cash`, plus whatever is out on
    ///      the running flash loan): the spoke transferred them before calling.
    function _requireReceived(address asset, uint256 cash, uint256 amount) internal view {
        uint256 held = IERC20(asset).balanceOf(address(this)) + _flashOut(asset);
        uint256 received = held > cash ? held - cash : 0;
        if (received < amount) revert HubTokensNotReceived(asset, amount, received);
    }

    /// @dev Reverts unless `amount` can leave now: the cash less whatever is out on the running flash loan.
    function _requireAvailable(address asset, uint256 cash, uint256 amount) internal view {
        uint256 out = _flashOut(asset);
        uint256 available = cash > out ? cash - out : 0;
        if (amount > available) revert HubInsufficientLiquidity(available, amount);
    }

    /// @dev Stores `rateModel` (zero: the registry's default, resolved now and kept in step by `onModuleUpdated`) and
    ///      `flags` with DEFAULT_MODEL set accordingly, then caches the model's curve (NATIVE_CURVE).
    function _setModel(Asset storage a, address asset, address rateModel, uint8 flags) internal {
        if (rateModel == address(0)) {
            a.rateModel = _defaultRateModel;
            a.flags = flags | DEFAULT_MODEL;
        } else {
            a.rateModel = rateModel;
            a.flags = flags;
        }
        _loadCurve(a, asset);
    }

    /// @dev A new default model for an asset that follows it: interest so far at the old rate, then the new model's
    ///      curve and rate.
    function _switchDefaultModel(Asset storage a, address asset, address module) internal {
        a.rateModel = module; // accrual below reads only the stored rate, not the model
        _resync(a, asset);
    }

    /// @dev Accrues, then burns the shares `amount` of `asset` is worth out of `owned` shares (max: all of them): rounded
    ///      up, so the owner gives up at least what the tokens are worth, and all of them on a full exit. Books the
    ///      totals, cash and rate; the caller debits the owner and sends the tokens.
    function _burnShares(
        Asset storage a,
        address asset,
        uint256 owned,
        uint256 amount
    ) internal returns (uint256 shares, uint256 amount_, uint256 liquidityIndex) {
        uint256 borrowIndex;
        (liquidityIndex, borrowIndex) = _accrue(a, asset);
        uint256 balance = owned.rayMulDown(liquidityIndex);
        if (amount == type(uint256).max) amount = balance;
        if (amount == 0) revert HubAmountTooSmall(0);
        if (amount > balance) revert HubInsufficientBalance(balance, amount);
        uint256 cash = a.cash;
        _requireAvailable(asset, cash, amount);
        shares = InterestMath.sharesToBurnUp(amount, balance, owned, liquidityIndex);
        a.totalShares -= uint128(shares);
        a.cash = uint128(cash - amount);
        _updateRate(a, asset, borrowIndex, cash - amount);
        return (shares, amount, liquidityIndex);
    }

    /// @dev Amounts fit the spokes' 120-bit share counts (1.3e36 units: more than any real token amount).
    function _requireAmount(uint256 amount) internal pure {
        if (amount == 0) revert HubAmountTooSmall(0);
        if (amount > type(uint120).max) revert HubAmountTooLarge(amount);
    }

    function _checkConfig(uint16 reserveFactor, uint16 flashFee_) internal pure {
        if (reserveFactor > MAX_RESERVE_FACTOR) revert HubParameterOutOfBounds(reserveFactor, MAX_RESERVE_FACTOR);
        if (flashFee_ > MAX_FLASH_FEE) revert HubParameterOutOfBounds(flashFee_, MAX_FLASH_FEE);
    }

    function _setFrozen(address spoke, bool frozen) internal {
        uint256 state = _spokeState[spoke];
        if (state == 0) revert HubSpokeNotAdded(spoke);
        _spokeState[spoke] = frozen ? 2 : 1;
        uint256 n = _assetList.length;
        for (uint256 i; i < n; ++i) {
            SpokeAccount storage sa = _accounts[spoke][_assetList[i]];
            sa.flags = frozen ? sa.flags | FROZEN : sa.flags & ~FROZEN;
        }
        emit SpokeFrozen(spoke, frozen);
    }

    function _startFlash(address initiator) internal {
        if (_flashInitiator != address(0)) revert HubFlashLoanInProgress();
        _flashInitiator = initiator;
    }

    /// @dev Sends `amount` of `asset` out on the running flash loan (recorded per asset, transient).
    function _lend(address asset, uint256 amount, address receiver) internal {
        Asset storage a = _assets[asset];
        if (a.flags & LISTED == 0) revert HubAssetNotListed(asset);
        _requireAmount(amount);
        uint256 out = _flashOut(asset) + amount;
        uint256 cash = a.cash;
        if (out > cash) revert HubInsufficientLiquidity(cash, out);
        _setFlashOut(asset, out);
        IERC20(asset).safeTransfer(receiver, amount);
    }

    /// @dev Ends the flash loan of `asset`: whatever was not drawn in place must be back, plus `fee`, which is booked
    ///      (`toTreasuryBps` of it as treasury shares, the rest to the liquidity index).
    function _settle(address asset, uint256 amount, uint256 fee, uint256 toTreasuryBps, address initiator) internal {
        Asset storage a = _assets[asset];
        (uint256 liquidityIndex, uint256 borrowIndex) = _accrue(a, asset);
        uint256 cash = a.cash;
        // Everything still out (not drawn in place) must be back, plus the fee: checked while the record still counts
        // it (`held` includes it), so a zero fee cannot skip the check. Only then is the record cleared.
        _requireReceived(asset, cash, _flashOut(asset) + fee);
        _setFlashOut(asset, 0);
        if (fee != 0) {
            uint256 toTreasury = a.flags & HAS_TREASURY == 0 ? 0 : fee.bpsMulDown(toTreasuryBps);
            uint256 totalShares = a.totalShares;
            uint256 treasuryShares;
            (liquidityIndex, treasuryShares) = InterestMath.splitIncomeDown(
                liquidityIndex,
                totalShares,
                fee - toTreasury,
                toTreasury
            );
            a.liquidityIndex = uint128(liquidityIndex);
            if (treasuryShares != 0) {
                a.treasuryShares += uint128(treasuryShares);
                a.totalShares = uint128(totalShares + treasuryShares);
            }
            cash += fee;
            a.cash = uint128(cash);
        }
        _updateRate(a, asset, borrowIndex, cash);
        emit HubFlashLoan(initiator, asset, amount, fee);
    }

    /// @dev Ends the running flash loan (every asset is settled by then, so nothing is out).
    function _endFlash() internal {
        _flashInitiator = address(0);
        _flashAsset = address(0);
    }

    /// @dev What is out of `asset` on the running flash loan (zero when none runs).
    function _flashOut(address asset) internal view returns (uint256) {
        address first = _flashAsset;
        if (asset == first) return _flashAssetOut;
        if (first == address(0)) return 0; // nothing lent yet (or no flash loan): no storage read
        return _flashOutMore[asset];
    }

    /// @dev Records `out` of `asset` on the running flash loan: the first asset lent in transient storage, any other
    ///      in `_flashOutMore`.
    function _setFlashOut(address asset, uint256 out) internal {
        address first = _flashAsset;
        if (first == address(0)) {
            _flashAsset = asset;
            _flashAssetOut = out;
        } else if (asset == first) {
            _flashAssetOut = out;
        } else {
            _flashOutMore[asset] = out;
        }
    }
}
