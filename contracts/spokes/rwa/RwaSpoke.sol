// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {TransientReentrancyGuard} from "../../utils/TransientReentrancyGuard.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IRwaSpoke, IRwaToken} from "../../interfaces/IRwaSpoke.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {IModuleRegistry} from "../../interfaces/IModuleRegistry.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IUpgradeCheckable} from "../../interfaces/IUpgradeCheckable.sol";
import {AggregatorV3Interface} from "../../interfaces/AggregatorV3Interface.sol";
import {ModuleIds} from "../../registry/ModuleIds.sol";
import {WadRayMath} from "../../libraries/math/WadRayMath.sol";
import {AbiIds} from "../../upgrades/AbiIds.sol";

/// @title RwaSpoke
/// @notice Keel's spoke for permissioned real-world assets: hub stablecoin loans against RWA tokens held by the
///         spoke under internal, non-transferable balances. See `IRwaSpoke` and docs/collateral.md ("## RwaSpoke").
///         Behind an ERC-1967 UUPS proxy upgraded only through KeelUpgrader (UPGRADER_ROLE); every privileged call is
///         decided by the AccessManager.
/// @dev Liquidation goes to allowlisted holders rather than the issuer's redemption path: redemption settles in days
///      (T+n) while the debt keeps accruing and the hub's cash stays out; an allowlisted holder repays the stablecoin
///      atomically, and the token's own transfer rules already guarantee only an eligible holder can receive it. The
///      issuer's path stays available off-chain: if the issuer freezes the spoke itself, it can force-transfer (or
///      redeem) the tokens, and `coverage` shows the haircut every claim of that token takes.
contract RwaSpoke is
    Initializable,
    UUPSUpgradeable,
    AccessManagedUpgradeable,
    TransientReentrancyGuard,
    IRwaSpoke,
    IUpgradeCheckable
{
    using WadRayMath for uint256;
    using SafeERC20 for IERC20;

    /// @dev Base currency of NAVs and values: 8 decimals, the oracle's.
    uint256 internal constant BASE_UNIT = 1e8;
    /// @dev Longest heartbeat and grace period a listing may have.
    uint256 internal constant MAX_HEARTBEAT = 7 days;
    uint256 internal constant MAX_GRACE_PERIOD = 30 days;
    /// @dev A rise of the accepted NAV this far above its trough (bps) is a recovery: flags set before it lapse.
    uint256 internal constant RECOVERY_BPS = 50;
    /// @dev `ILiquidityHub.Asset.flags` bit of a listed asset.
    uint256 internal constant HUB_LISTED = 1;

    /* ============================== STORAGE ============================== */

    struct CollateralData {
        CollateralParams params;
        address navFeed;
        uint8 feedDecimals;
        uint8 decimals;
        bool vault;
        uint8 unitDecimals;
        bool listed;
        uint256 acceptedNav;
        uint256 total;
        // Recovery tracking (appended): the lowest NAV accepted since the last recovery mark, and when the accepted
        // NAV last rose RECOVERY_BPS above it. A position flagged before a recovery may have been healthy again, so
        // its flag no longer counts (the next dip starts a fresh grace period).
        uint256 troughNav;
        uint40 recoveredAt;
    }

    struct PositionData {
        uint256 collateral;
        uint256 drawnShares;
        uint40 unhealthySince;
    }

    /// @custom:storage-location erc7201:keel.storage.RwaSpoke
    struct RwaSpokeStorage {
        address hub;
        address registry;
        address debtAsset;
        uint8 debtDecimals;
        address[] list;
        mapping(address token => CollateralData) collaterals;
        mapping(address account => mapping(address token => PositionData)) positions;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.RwaSpoke")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant RwaSpokeStorageLocation =
        0xe6feada177305b45c89982abe36b12b1212e6c4d1d449653a7f6b5fcad025f00;

    function _getRwaSpokeStorage() private pure returns (RwaSpokeStorage storage $) {
        assembly {
            $.slot := RwaSpokeStorageLocation
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: authority (AccessManager), registry (the hub is taken from it for good) and the
    ///         debt asset, which must be listed in the hub.
    function initialize(address authority, address registry_, address debtAsset_) external initializer {
        __AccessManaged_init(authority);
        if (registry_ == address(0) || debtAsset_ == address(0)) revert RwaZeroAddress();
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        address hub_ = IModuleRegistry(registry_).getModule(ModuleIds.HUB);
        if (hub_ == address(0)) revert RwaZeroAddress();
        ILiquidityHub.Asset memory a = ILiquidityHub(hub_).getAsset(debtAsset_);
        if (a.flags & HUB_LISTED == 0 || a.decimals > 36) revert RwaBadDebtAsset(debtAsset_);
        ($.hub, $.registry, $.debtAsset, $.debtDecimals) = (hub_, registry_, debtAsset_, a.decimals);
    }

    /* ============================== UPGRADES ============================== */

    /// @inheritdoc IUpgradeCheckable
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.RWA_SPOKE;
    }

    /// @inheritdoc IUpgradeCheckable
    /// @dev Wiring, debt asset, the spoke's hub books in it, and every listing (configuration, accepted NAV, total).
    ///      Positions are covered through the totals they add up to.
    function stateDigest() external view virtual returns (bytes32 digest) {
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        ILiquidityHub.SpokeAsset memory sa = ILiquidityHub($.hub).getSpokeAsset(address(this), $.debtAsset);
        digest = keccak256(
            abi.encode($.hub, $.registry, $.debtAsset, $.debtDecimals, sa.shares, sa.drawnShares, $.list)
        );
        for (uint256 i; i < $.list.length; ++i) {
            CollateralData storage c = $.collaterals[$.list[i]];
            digest = keccak256(
                abi.encode(
                    digest,
                    c.params,
                    c.navFeed,
                    c.feedDecimals,
                    c.decimals,
                    c.vault,
                    c.unitDecimals,
                    c.acceptedNav,
                    c.total
                )
            );
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

    /* ============================== USER ACTIONS ============================== */

    /// @inheritdoc IRwaSpoke
    function supply(address token, uint256 amount) external nonReentrant {
        CollateralData storage c = _listed(token);
        if (amount == 0) revert RwaZeroAmount();
        if (!IRwaToken(token).isAllowed(msg.sender)) revert RwaNotAllowlisted(token, msg.sender);
        PositionData storage p = _getRwaSpokeStorage().positions[msg.sender][token];
        // Claims are credited at the spoke's coverage (held / claimed), rounded down: after an issuer seizure the
        // earlier claims keep their haircut and the new one is worth exactly what was supplied.
        uint256 before = IERC20(token).balanceOf(address(this));
        uint256 total = c.total;
        if (total != 0 && before == 0) revert RwaCollateralSeized(token, total);
        uint256 claim = total == 0 || before == total ? amount : amount.mulDivDown(total, before);
        uint256 balance = p.collateral + claim;
        uint256 cap = c.params.accountCap;
        if (balance > cap * 10 ** c.decimals) revert RwaAccountCapExceeded(token, cap, balance);
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != amount) revert RwaTokensNotReceived(token, amount, received);
        p.collateral = balance;
        c.total = total + claim;
        emit Supply(msg.sender, token, amount);
        _clearFlagIfHealthy(msg.sender, token, p);
    }

    /// @inheritdoc IRwaSpoke
    function withdraw(address token, uint256 amount) external nonReentrant returns (uint256 sent) {
        CollateralData storage c = _listed(token);
        PositionData storage p = _getRwaSpokeStorage().positions[msg.sender][token];
        if (amount == type(uint256).max) amount = p.collateral;
        if (amount == 0) revert RwaZeroAmount();
        if (amount > p.collateral) revert RwaInsufficientCollateral(p.collateral, amount);
        // Order: the claim's share of the tokens (before the totals move), books, the LTV check on the new books,
        // then the transfer (the token enforces its own rules: a frozen holder's withdrawal reverts here, whole).
        sent = _toTokensDown(c, token, amount);
        p.collateral -= amount;
        c.total -= amount;
        if (p.drawnShares != 0) _requireWithinLtv(c, token, p);
        IERC20(token).safeTransfer(msg.sender, sent);
        emit Withdraw(msg.sender, token, amount, sent);
    }

    /// @inheritdoc IRwaSpoke
    function borrow(address token, uint256 amount, address to) external nonReentrant returns (uint256 drawnShares) {
        CollateralData storage c = _listed(token);
        if (amount == 0) revert RwaZeroAmount();
        if (to == address(0)) revert RwaZeroAddress();
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        PositionData storage p = $.positions[msg.sender][token];
        // The hub draws straight to `to` (caps, liquidity and rounding up are the hub's); the LTV check on the books
        // after the draw reverts the whole transaction, the hub's books included.
        (drawnShares, , , ) = ILiquidityHub($.hub).draw($.debtAsset, amount, to);
        p.drawnShares += drawnShares;
        _requireWithinLtv(c, token, p);
        emit Borrow(msg.sender, token, to, amount, drawnShares);
    }

    /// @inheritdoc IRwaSpoke
    function repay(address token, uint256 amount, address account) external nonReentrant returns (uint256 repaid) {
        _listed(token);
        if (amount == 0) revert RwaZeroAmount();
        PositionData storage p = _getRwaSpokeStorage().positions[account][token];
        if (p.drawnShares == 0) revert RwaNoDebt(account, token);
        uint256 debt = _debtUp(p.drawnShares);
        repaid = amount < debt ? amount : debt;
        uint256 cancelled = _restore(msg.sender, repaid, p);
        emit Repay(account, token, msg.sender, repaid, cancelled);
        _clearFlagIfHealthy(account, token, p);
    }

    /// @inheritdoc IRwaSpoke
    function poke(address account, address token) external nonReentrant returns (uint40 since) {
        CollateralData storage c = _listed(token);
        PositionData storage p = _getRwaSpokeStorage().positions[account][token];
        (uint256 nav, ) = _refreshNav(c, token, false);
        (, , , uint256 hf) = _health(c, token, p, nav);
        since = _liveFlag(c, p);
        if (hf < WadRayMath.WAD && since == 0) since = uint40(block.timestamp);
        else if (hf >= WadRayMath.WAD) since = 0;
        if (since != p.unhealthySince) {
            p.unhealthySince = since;
            emit PositionFlagged(account, token, since);
        }
    }

    /// @inheritdoc IRwaSpoke
    function liquidate(
        address account,
        address token,
        uint256 repayAmount
    ) external nonReentrant returns (uint256 repaid, uint256 seized) {
        CollateralData storage c = _listed(token);
        if (repayAmount == 0) revert RwaZeroAmount();
        if (!IRwaToken(token).isAllowed(msg.sender)) revert RwaNotAllowlisted(token, msg.sender);
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        PositionData storage p = $.positions[account][token];
        if (p.drawnShares == 0) revert RwaNoDebt(account, token);
        // Order: value (accepting a fresh in-bound NAV), eligibility (HF, grace or hard floor), amounts, repayment to
        // the hub, the claim taken, the tokens sent, then bad debt if no collateral is left.
        (uint256 nav, ) = _refreshNav(c, token, false);
        (uint256 collateralValue, uint256 debt, , uint256 hf) = _health(c, token, p, nav);
        _requireLiquidatable(c, p, hf);
        (repaid, seized) = _liquidationAmounts(c, p, collateralValue, repayAmount < debt ? repayAmount : debt);
        if (repaid != 0) _restore(msg.sender, repaid, p);
        uint256 sent = _toTokensDown(c, token, seized);
        p.collateral -= seized;
        c.total -= seized;
        if (sent != 0) IERC20(token).safeTransfer(msg.sender, sent);
        emit Liquidation(account, token, msg.sender, repaid, seized, sent);
        if (p.collateral == 0 && p.drawnShares != 0) _reportBadDebt($, account, token, p);
        if (p.drawnShares == 0 && p.unhealthySince != 0) {
            p.unhealthySince = 0;
            emit PositionFlagged(account, token, 0);
        }
    }

    /// @inheritdoc IRwaSpoke
    function updateNav(address token) external nonReentrant returns (uint256 nav) {
        (nav, ) = _refreshNav(_listed(token), token, false);
    }

    /* ============================== VIEWS ============================== */

    /// @inheritdoc IRwaSpoke
    function debtAsset() external view returns (address) {
        return _getRwaSpokeStorage().debtAsset;
    }

    /// @inheritdoc IRwaSpoke
    function hub() external view returns (address) {
        return _getRwaSpokeStorage().hub;
    }

    /// @inheritdoc IRwaSpoke
    function registry() external view returns (address) {
        return _getRwaSpokeStorage().registry;
    }

    /// @inheritdoc IRwaSpoke
    function collaterals() external view returns (address[] memory) {
        return _getRwaSpokeStorage().list;
    }

    /// @inheritdoc IRwaSpoke
    function getCollateral(address token) external view returns (Collateral memory) {
        CollateralData storage c = _getRwaSpokeStorage().collaterals[token];
        return
            Collateral(
                c.params,
                c.navFeed,
                c.feedDecimals,
                c.decimals,
                c.vault,
                c.unitDecimals,
                c.acceptedNav,
                c.total
            );
    }

    /// @inheritdoc IRwaSpoke
    function getPosition(address account, address token) external view returns (Position memory pos) {
        CollateralData storage c = _listed(token);
        PositionData storage p = _getRwaSpokeStorage().positions[account][token];
        (pos.collateralValue, pos.debt, pos.debtValue, pos.healthFactor) = _health(
            c,
            token,
            p,
            _checkedNav(c, token, false)
        );
        (pos.collateral, pos.drawnShares, pos.unhealthySince) = (p.collateral, p.drawnShares, p.unhealthySince);
    }

    /// @inheritdoc IRwaSpoke
    function positionOf(
        address account,
        address token
    ) external view returns (uint256 collateral, uint256 drawnShares, uint40 unhealthySince) {
        PositionData storage p = _getRwaSpokeStorage().positions[account][token];
        return (p.collateral, p.drawnShares, p.unhealthySince);
    }

    /// @inheritdoc IRwaSpoke
    function navOf(address token) external view returns (uint256) {
        return _checkedNav(_listed(token), token, false);
    }

    /// @inheritdoc IRwaSpoke
    function coverage(address token) external view returns (uint256) {
        uint256 total = _listed(token).total;
        uint256 held = IERC20(token).balanceOf(address(this));
        return held >= total ? WadRayMath.WAD : held.mulDivDown(WadRayMath.WAD, total);
    }

    /* ============================== ADMIN (AccessManager-restricted) ============================== */

    /// @inheritdoc IRwaSpoke
    function listCollateral(
        address token,
        address navFeed,
        bool vault,
        CollateralParams calldata params
    ) external restricted {
        if (token == address(0) || navFeed == address(0)) revert RwaZeroAddress();
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        CollateralData storage c = $.collaterals[token];
        if (c.listed) revert RwaCollateralAlreadyListed(token);
        if (token == $.debtAsset) revert RwaBadDebtAsset(token); // the lent stablecoin is never collateral here
        _validate(params);
        c.decimals = _decimalsOf(token, 36);
        c.unitDecimals = vault ? _decimalsOf(_vaultAsset(token), 36) : c.decimals;
        c.feedDecimals = _feedDecimals(navFeed);
        (c.navFeed, c.vault, c.params, c.listed) = (navFeed, vault, params, true);
        $.list.push(token);
        // The first NAV is accepted as it stands (fresh and positive): there is nothing to compare it with.
        (uint256 nav, ) = _refreshNav(c, token, true);
        emit CollateralListed(token, navFeed, vault, nav);
    }

    /// @inheritdoc IRwaSpoke
    function setCollateralParams(address token, CollateralParams calldata params) external restricted {
        CollateralData storage c = _listed(token);
        _validate(params);
        emit CollateralParamsSet(token, c.params, params);
        c.params = params;
    }

    /// @inheritdoc IRwaSpoke
    function acceptNav(address token) external restricted returns (uint256 nav) {
        (nav, ) = _refreshNav(_listed(token), token, true);
    }

    function _authorizeUpgrade(address) internal override restricted {}

    /* ============================== INTERNAL ============================== */

    function _listed(address token) private view returns (CollateralData storage c) {
        c = _getRwaSpokeStorage().collaterals[token];
        if (!c.listed) revert RwaCollateralNotListed(token);
    }

    function _validate(CollateralParams calldata p) private pure {
        uint256 bps = WadRayMath.BPS;
        _bound(p.ltv, 1, bps - 1);
        _bound(p.liquidationThreshold, p.ltv + 1, bps - 1);
        // threshold x bonus <= 100%: a liquidation at HF 1 can always pay the bonus out of the collateral.
        _bound(p.liquidationBonus, bps, (bps * bps) / p.liquidationThreshold);
        _bound(p.maxNavMoveBps, 1, bps);
        _bound(p.heartbeat, 1, MAX_HEARTBEAT);
        _bound(p.gracePeriod, 0, MAX_GRACE_PERIOD);
        _bound(p.hardFloorBps, 0, bps - 1);
    }

    function _bound(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert RwaParameterOutOfBounds(value, min, max);
    }

    function _decimalsOf(address token, uint8 max) private view returns (uint8 d) {
        if (token.code.length == 0) revert RwaBadDecimals(token);
        try IERC20Metadata(token).decimals() returns (uint8 v) {
            d = v;
        } catch {
            revert RwaBadDecimals(token);
        }
        if (d > max) revert RwaBadDecimals(token);
    }

    function _vaultAsset(address token) private view returns (address asset) {
        try IERC4626(token).asset() returns (address a) {
            asset = a;
        } catch {
            revert RwaNotAVault(token);
        }
    }

    function _feedDecimals(address feed) private view returns (uint8 d) {
        if (feed.code.length == 0) revert RwaBadDecimals(feed);
        try AggregatorV3Interface(feed).decimals() returns (uint8 v) {
            d = v;
        } catch {
            revert RwaBadDecimals(feed);
        }
        if (d > 18) revert RwaBadDecimals(feed);
    }

    /// @dev The feed's NAV, 8 decimals (a finer feed rounds down: against the borrower), fresh, positive and, unless
    ///      `force`, within the move bound of the last accepted NAV.
    function _checkedNav(CollateralData storage c, address token, bool force) private view returns (uint256 nav) {
        address feed = c.navFeed;
        (uint80 roundId, int256 answer, , uint256 updatedAt, uint80 answeredInRound) = AggregatorV3Interface(feed)
            .latestRoundData();
        if (answer <= 0 || answeredInRound < roundId) revert RwaNavInvalid(feed, answer);
        if (updatedAt > block.timestamp || block.timestamp - updatedAt > c.params.heartbeat) {
            revert RwaNavStale(feed, updatedAt, c.params.heartbeat);
        }
        uint256 d = c.feedDecimals;
        nav = d >= 8 ? uint256(answer) / 10 ** (d - 8) : uint256(answer) * 10 ** (8 - d);
        if (nav == 0) revert RwaNavInvalid(feed, answer);
        uint256 accepted = c.acceptedNav;
        if (!force && accepted != 0) {
            uint256 move = nav > accepted ? nav - accepted : accepted - nav;
            if (move * WadRayMath.BPS > accepted * c.params.maxNavMoveBps) {
                revert RwaNavMoveExceeded(token, accepted, nav, c.params.maxNavMoveBps);
            }
        }
    }

    /// @dev `_checkedNav`, stored as the accepted NAV (so that the bound follows the NAV step by step).
    function _refreshNav(
        CollateralData storage c,
        address token,
        bool force
    ) private returns (uint256 nav, uint256 old) {
        nav = _checkedNav(c, token, force);
        old = c.acceptedNav;
        if (nav != old) {
            c.acceptedNav = nav;
            emit NavAccepted(token, old, nav, force);
            uint256 trough = c.troughNav;
            if (trough == 0 || nav < trough) {
                c.troughNav = nav;
            } else if (nav >= trough.bpsMulDown(WadRayMath.BPS + RECOVERY_BPS)) {
                (c.troughNav, c.recoveredAt) = (nav, uint40(block.timestamp));
            }
        }
    }

    /// @dev The position's flag if it still counts: set after the collateral's last recovery (a flag from before it
    ///      may belong to a dip the position has come out of), else 0. A flag from the recovery's own second lapses
    ///      too (in the borrower's favour: which came first is unknowable there).
    function _liveFlag(CollateralData storage c, PositionData storage p) private view returns (uint40 since) {
        since = p.unhealthySince;
        if (since != 0 && c.recoveredAt >= since) since = 0;
    }

    /// @dev Tokens behind `claim` units of `token`: all of them unless the spoke holds less than the claims (the
    ///      issuer force-transferred tokens out), then pro rata, rounded down (the remaining claims keep their share).
    function _toTokensDown(CollateralData storage c, address token, uint256 claim) private view returns (uint256) {
        uint256 held = IERC20(token).balanceOf(address(this));
        uint256 total = c.total;
        return held >= total ? claim : claim.mulDivDown(held, total);
    }

    /// @dev Collateral value of `claim`, base currency, rounded down (against the borrower): the tokens behind it,
    ///      through the vault's `convertToAssets` (rounds down by ERC-4626) for vault shares, times the NAV.
    function _collateralValueDown(
        CollateralData storage c,
        address token,
        uint256 claim,
        uint256 nav
    ) private view returns (uint256) {
        uint256 units = _toTokensDown(c, token, claim);
        if (c.vault && units != 0) units = IERC4626(token).convertToAssets(units);
        return units.mulDivDown(nav, 10 ** c.unitDecimals);
    }

    /// @dev Debt of `drawnShares`, debt-asset units, rounded up (the borrower owes at least it).
    function _debtUp(uint256 drawnShares) private view returns (uint256) {
        (, uint256 borrowIndex) = ILiquidityHub(_getRwaSpokeStorage().hub).currentIndexes(
            _getRwaSpokeStorage().debtAsset
        );
        return drawnShares.rayMulUp(borrowIndex);
    }

    function _debtPrice() private view returns (uint256) {
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        return IPriceOracle(IModuleRegistry($.registry).getModule(ModuleIds.ORACLE)).getAssetPrice($.debtAsset);
    }

    /// @dev Collateral value (down), debt (up), debt value (up) and health factor (down), every rounding against
    ///      the borrower.
    function _health(
        CollateralData storage c,
        address token,
        PositionData storage p,
        uint256 nav
    ) private view returns (uint256 collateralValue, uint256 debt, uint256 debtValue, uint256 hf) {
        collateralValue = _collateralValueDown(c, token, p.collateral, nav);
        if (p.drawnShares == 0) return (collateralValue, 0, 0, type(uint256).max);
        debt = _debtUp(p.drawnShares);
        debtValue = debt.mulDivUp(_debtPrice(), 10 ** _getRwaSpokeStorage().debtDecimals);
        hf = collateralValue.bpsMulDown(c.params.liquidationThreshold).mulDivDown(WadRayMath.WAD, debtValue);
    }

    function _requireWithinLtv(CollateralData storage c, address token, PositionData storage p) private {
        (uint256 nav, ) = _refreshNav(c, token, false);
        (uint256 collateralValue, , uint256 debtValue, ) = _health(c, token, p, nav);
        uint256 maxDebtValue = collateralValue.bpsMulDown(c.params.ltv);
        if (debtValue > maxDebtValue) revert RwaLtvExceeded(debtValue, maxDebtValue);
    }

    function _requireLiquidatable(CollateralData storage c, PositionData storage p, uint256 hf) private view {
        if (hf >= WadRayMath.WAD) revert RwaPositionHealthy(hf);
        // Below the hard floor there is no grace: waiting would only deepen the loss.
        if (hf < WadRayMath.WAD.bpsMulDown(c.params.hardFloorBps)) return;
        uint40 since = _liveFlag(c, p);
        uint256 at = since == 0 ? 0 : uint256(since) + c.params.gracePeriod;
        if (since == 0 || block.timestamp < at) revert RwaGracePeriodActive(since, at);
    }

    /// @dev Repayment and claim seized: the claim worth `toRepay` times the bonus, rounded down (the position keeps the
    ///      rest); when that is all of it, the repayment shrinks to what the whole collateral is worth, rounded up.
    function _liquidationAmounts(
        CollateralData storage c,
        PositionData storage p,
        uint256 collateralValue,
        uint256 toRepay
    ) private view returns (uint256 repaid, uint256 seized) {
        uint256 price = _debtPrice();
        uint256 unit = 10 ** _getRwaSpokeStorage().debtDecimals;
        uint256 bonus = c.params.liquidationBonus;
        uint256 seizeValue = toRepay.mulDivDown(price, unit).mulDivDown(bonus, WadRayMath.BPS);
        if (seizeValue < collateralValue) return (toRepay, p.collateral.mulDivDown(seizeValue, collateralValue));
        uint256 whole = collateralValue.mulDivUp(WadRayMath.BPS, bonus).mulDivUp(unit, price);
        return (whole < toRepay ? whole : toRepay, p.collateral);
    }

    /// @dev Pulls `amount` of the debt asset from `payer` straight to the hub and restores it against the position's
    ///      drawn shares; returns the shares cancelled.
    function _restore(address payer, uint256 amount, PositionData storage p) private returns (uint256 cancelled) {
        RwaSpokeStorage storage $ = _getRwaSpokeStorage();
        IERC20($.debtAsset).safeTransferFrom(payer, $.hub, amount);
        cancelled = ILiquidityHub($.hub).restore($.debtAsset, amount, p.drawnShares);
        p.drawnShares -= cancelled;
    }

    /// @dev Writes off what no collateral covers: the insurance fund first (the spoke holds no supply shares of its
    ///      own, so the treasury's in the hub), then the hub's suppliers; within the spoke's draw cap by construction.
    function _reportBadDebt(RwaSpokeStorage storage $, address account, address token, PositionData storage p) private {
        uint256 shares = p.drawnShares;
        (uint256 covered, uint256 socialised, , ) = ILiquidityHub($.hub).reportDeficit($.debtAsset, shares, 0);
        p.drawnShares = 0;
        emit BadDebt(account, token, shares, covered + socialised, covered, socialised);
    }

    /// @dev After a top-up or repayment: a flagged position that is healthy again loses its flag, so a later dip
    ///      starts a fresh grace period. Never reverts (a stale or halted NAV leaves the flag for `poke`).
    function _clearFlagIfHealthy(address account, address token, PositionData storage p) private {
        if (p.unhealthySince == 0) return;
        if (p.drawnShares != 0) {
            try this.getPosition(account, token) returns (Position memory pos) {
                if (pos.healthFactor < WadRayMath.WAD) return;
            } catch {
                return;
            }
        }
        p.unhealthySince = 0;
        emit PositionFlagged(account, token, 0);
    }
}
