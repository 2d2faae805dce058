// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IKinkedRateModel} from "../interfaces/IKinkedRateModel.sol";
import {IRateModel} from "../interfaces/IRateModel.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {ILiquidityHub} from "../interfaces/ILiquidityHub.sol";
import {RateLimits} from "../libraries/math/RateLimits.sol";
import {KinkedCurve} from "../libraries/math/KinkedCurve.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title KinkedRateModel
/// @notice Two-slope borrow rate model; see `IKinkedRateModel` for the formula and units.
/// @dev Rounding: the borrow rate is rounded UP at every step (slope interpolation and the annual -> per-second
///      division), in the protocol's favour: suppliers are never promised interest that borrowers do not pay. The
///      error is below 1e-27 per second, so the choice never changes a user-visible amount by more than dust.
///      Utilisation and the supply-rate helper round DOWN, for the same reason.
/// @custom:security-contact security@keel.example
contract KinkedRateModel is IKinkedRateModel, IUpgradeCheckable, AccessManagedUpgradeable, UUPSUpgradeable {
    using EnumerableSet for EnumerableSet.AddressSet;

    /* CONSTANTS */

    /// @notice 1e27 = 100%.
    uint256 public constant RAY = 1e27;
    /// @notice 10_000 bps = 100%.
    uint256 public constant BPS = 10_000;
    /// @notice Seconds in a (365-day) year, the period the annual parameters refer to (the pool's, too).
    uint256 public constant SECONDS_PER_YEAR = RateLimits.SECONDS_PER_YEAR;
    /// @notice Upper bound of the base rate: 100% a year.
    uint256 public constant MAX_BASE_RATE_BPS = 10_000;
    /// @notice Upper bound of slope 1: 1_000% a year.
    uint256 public constant MAX_SLOPE1_BPS = 100_000;
    /// @notice Upper bound of slope 2: 1_000% a year, the pool's ceiling (a steep wall above the kink pulls
    ///         utilisation back; a steeper one would be clamped by the pool anyway).
    uint256 public constant MAX_SLOPE2_BPS = 100_000;
    /// @notice Highest annual rate a curve may reach (base + slope1 + slope2, at 100% utilisation): the pool's
    ///         ceiling, `RateLimits.MAX_ANNUAL_BORROW_RATE_BPS` (1_000% a year). A curve above it would be clamped
    ///         silently by the pool, so the model's figures would not be what borrowers pay.
    uint256 public constant MAX_ANNUAL_RATE_BPS = RateLimits.MAX_ANNUAL_BORROW_RATE_BPS;
    /// @notice Lowest kink: 1%.
    uint256 public constant MIN_OPTIMAL_BPS = 100;
    /// @notice Highest kink: 99% (100% would divide by zero above the kink and leave no withdrawal buffer).
    uint256 public constant MAX_OPTIMAL_BPS = 9_900;

    /* STORAGE */

    /// @custom:storage-location erc7201:keel.storage.KinkedRateModel
    struct KinkedRateModelStorage {
        /// @dev Parameters used by assets without their own.
        RateParams defaultParams;
        /// @dev Asset => own parameters (`optimalUtilizationBps == 0` means not set). One slot each.
        mapping(address asset => RateParams) params;
        /// @dev Assets with their own parameters: the mapping cannot be enumerated, and `stateDigest` must cover
        ///      every parameter set.
        EnumerableSet.AddressSet customAssets;
        /// @dev The LiquidityHub that caches this model's curves: told of every parameter change (zero: none).
        address hub;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KinkedRateModel")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KinkedRateModelStorageLocation =
        0xa713778e0136adb842ae4b6fe5be231238621b1f6f43b1cfd59d7a5e08268900;

    function _getKinkedRateModelStorage() private pure returns (KinkedRateModelStorage storage $) {
        assembly {
            $.slot := KinkedRateModelStorageLocation
        }
    }

    /* INITIALIZATION */

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy.
    /// @param authority The AccessManager that gates the restricted functions.
    /// @param defaults The default parameters (validated like any other set).
    function initialize(address authority, RateParams calldata defaults) external initializer {
        __KinkedRateModel_init(authority, defaults);
    }

    function __KinkedRateModel_init(address authority, RateParams calldata defaults) internal onlyInitializing {
        __AccessManaged_init(authority);
        __KinkedRateModel_init_unchained(defaults);
    }

    function __KinkedRateModel_init_unchained(RateParams calldata defaults) internal onlyInitializing {
        _validateParams(defaults);
        _getKinkedRateModelStorage().defaultParams = defaults;
        emit SetDefaultRateParams(RateParams(0, 0, 0, 0), defaults);
    }

    /* VIEWS */

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.KINKED_RATE_MODEL;
    }

    /// @inheritdoc IRateModel
    function borrowRatePerSecond(
        address asset,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) external view returns (uint256) {
        // Rounded up and clamped to the ceiling by the one formula the hub also evaluates (KinkedCurve).
        RateParams memory p = _params(asset);
        return
            KinkedCurve.borrowRatePerSecondUp(
                p.baseRateBps,
                p.slope1Bps,
                p.slope2Bps,
                p.optimalUtilizationBps,
                totalSupplied,
                totalBorrowed
            );
    }

    /// @inheritdoc IKinkedRateModel
    function kinkedCurveOf(address asset) external view returns (RateParams memory) {
        return _params(asset);
    }

    /// @inheritdoc IKinkedRateModel
    function hub() external view returns (address) {
        return _getKinkedRateModelStorage().hub;
    }

    /// @inheritdoc IKinkedRateModel
    function annualBorrowRate(
        address asset,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) external view returns (uint256) {
        return _annualBorrowRateUp(_params(asset), totalSupplied, totalBorrowed);
    }

    /// @inheritdoc IKinkedRateModel
    function annualSupplyRate(
        address asset,
        uint256 totalSupplied,
        uint256 totalBorrowed,
        uint256 reserveFactorBps
    ) external view returns (uint256) {
        if (reserveFactorBps > BPS) revert RateModelInvalidReserveFactor(reserveFactorBps);
        uint256 borrowRate = _annualBorrowRateUp(_params(asset), totalSupplied, totalBorrowed);
        uint256 u = KinkedCurve.utilizationDown(totalSupplied, totalBorrowed);
        // Suppliers' rate rounds down: it is an estimate they are paid at most.
        return Math.mulDiv(Math.mulDiv(borrowRate, u, RAY), BPS - reserveFactorBps, BPS);
    }

    /// @inheritdoc IKinkedRateModel
    function utilization(uint256 totalSupplied, uint256 totalBorrowed) external pure returns (uint256) {
        return KinkedCurve.utilizationDown(totalSupplied, totalBorrowed);
    }

    /// @inheritdoc IKinkedRateModel
    function getParams(address asset) external view returns (RateParams memory) {
        return _params(asset);
    }

    /// @inheritdoc IKinkedRateModel
    function hasCustomParams(address asset) external view returns (bool) {
        return _getKinkedRateModelStorage().params[asset].optimalUtilizationBps != 0;
    }

    /// @inheritdoc IKinkedRateModel
    function defaultParams() external view returns (RateParams memory) {
        return _getKinkedRateModelStorage().defaultParams;
    }

    /* RESTRICTED FUNCTIONS */

    /// @inheritdoc IKinkedRateModel
    function setRateParams(address asset, RateParams calldata params) external restricted {
        if (asset == address(0)) revert RateModelZeroAddress();
        _validateParams(params);
        KinkedRateModelStorage storage $ = _getKinkedRateModelStorage();
        RateParams memory oldParams = $.params[asset];
        $.params[asset] = params;
        $.customAssets.add(asset);
        emit SetRateParams(asset, oldParams, params);
        _notifyHub(asset);
    }

    /// @inheritdoc IKinkedRateModel
    function clearRateParams(address asset) external restricted {
        KinkedRateModelStorage storage $ = _getKinkedRateModelStorage();
        RateParams memory oldParams = $.params[asset];
        if (oldParams.optimalUtilizationBps == 0) revert RateModelNoCustomParams(asset);
        delete $.params[asset];
        $.customAssets.remove(asset);
        emit SetRateParams(asset, oldParams, RateParams(0, 0, 0, 0));
        _notifyHub(asset);
    }

    /// @inheritdoc IKinkedRateModel
    function setDefaultRateParams(RateParams calldata params) external restricted {
        _validateParams(params);
        KinkedRateModelStorage storage $ = _getKinkedRateModelStorage();
        RateParams memory oldParams = $.defaultParams;
        $.defaultParams = params;
        emit SetDefaultRateParams(oldParams, params);
        _notifyHub(address(0));
    }

    /// @inheritdoc IKinkedRateModel
    function setHub(address hub_) external restricted {
        _getKinkedRateModelStorage().hub = hub_;
        emit HubSet(hub_);
        _notifyHub(address(0));
    }

    /* INTERNAL */

    /// @dev The parameters in force for `asset` (one SLOAD when it has its own, two otherwise).
    function _params(address asset) private view returns (RateParams memory p) {
        KinkedRateModelStorage storage $ = _getKinkedRateModelStorage();
        p = $.params[asset];
        if (p.optimalUtilizationBps == 0) p = $.defaultParams;
    }

    /// @dev Hard bounds: a risk admin can tune inside them, never outside.
    function _validateParams(RateParams calldata p) private pure {
        if (p.baseRateBps > MAX_BASE_RATE_BPS) revert RateModelBaseRateTooHigh(p.baseRateBps, MAX_BASE_RATE_BPS);
        if (p.slope1Bps > MAX_SLOPE1_BPS) revert RateModelSlope1TooHigh(p.slope1Bps, MAX_SLOPE1_BPS);
        if (p.slope2Bps > MAX_SLOPE2_BPS) revert RateModelSlope2TooHigh(p.slope2Bps, MAX_SLOPE2_BPS);
        uint256 maxRate = uint256(p.baseRateBps) + p.slope1Bps + p.slope2Bps;
        if (maxRate > MAX_ANNUAL_RATE_BPS) revert RateModelMaxRateAbovePoolCap(maxRate, MAX_ANNUAL_RATE_BPS);
        if (p.optimalUtilizationBps < MIN_OPTIMAL_BPS || p.optimalUtilizationBps > MAX_OPTIMAL_BPS) {
            revert RateModelInvalidOptimalUtilization(p.optimalUtilizationBps, MIN_OPTIMAL_BPS, MAX_OPTIMAL_BPS);
        }
    }

    /// @dev The annual borrow rate in RAY for `p` (KinkedCurve), interpolations rounded up.
    function _annualBorrowRateUp(
        RateParams memory p,
        uint256 totalSupplied,
        uint256 totalBorrowed
    ) private pure returns (uint256) {
        return
            KinkedCurve.annualBorrowRateUp(
                p.baseRateBps,
                p.slope1Bps,
                p.slope2Bps,
                p.optimalUtilizationBps,
                totalSupplied,
                totalBorrowed
            );
    }

    /// @dev Tells the hub (if any) that the curve of `asset` (zero: of every asset) changed, so the rate it caches and
    ///      charges follows in the same transaction.
    function _notifyHub(address asset) private {
        address h = _getKinkedRateModelStorage().hub;
        if (h != address(0)) ILiquidityHub(h).onRateModelChanged(asset);
    }

    /// @dev Upgrades are gated by the role the AccessManager maps to `upgradeToAndCall` (UPGRADER_ROLE).
    function _authorizeUpgrade(address) internal override restricted {}

    /* UPGRADE CHECKS */

    /// @notice The assets that have their own parameters, in no particular order.
    /// @return assets The assets with custom parameters.
    function customParamsAssets() external view returns (address[] memory assets) {
        return _getKinkedRateModelStorage().customAssets.values();
    }

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers everything that decides who may do what and what borrowers pay: the authority, the default
    ///      parameters, the hub told of changes and every asset's own parameters (the bounds are constants of the code).
    function stateDigest() external view virtual returns (bytes32 digest) {
        KinkedRateModelStorage storage $ = _getKinkedRateModelStorage();
        digest = keccak256(abi.encode(authority(), $.defaultParams, $.hub));
        uint256 length = $.customAssets.length();
        for (uint256 i; i < length; ++i) {
            address asset = $.customAssets.at(i);
            digest = keccak256(abi.encode(digest, asset, $.params[asset]));
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
