// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IRwaSpoke} from "../../../contracts/interfaces/IRwaSpoke.sol";
import {ILiquidityHub} from "../../../contracts/interfaces/ILiquidityHub.sol";
import {IPriceOracle} from "../../../contracts/interfaces/IPriceOracle.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockRwaToken} from "../../../contracts/mocks/MockRwaToken.sol";
import {SpokeClock} from "../utils/SpokeClock.sol";
import {TestBase, vm} from "../utils/TestBase.sol";

/// @title RwaSpokeHandler
/// @notice Drives bounded random sequences against the RWA spoke for `SpokeInvariantsTest`: four actors (three on
///         the issuer's allowlist at the start, one not) supply TBILL, withdraw it, borrow USDC against it, repay
///         (for themselves or each other), flag positions and liquidate each other; the issuer freezes and unfreezes
///         holders and edits its allowlist; the NAV moves within its bound (accepted by anyone) or jumps beyond it
///         (accepted by the risk admin, a role this handler holds); the shared clock advances. The handler never
///         reverts; spoke reverts are caught and counted. Ghosts: every actor's expected collateral claim (moved only
///         by successful supplies, withdrawals and liquidations), and counts of what must never succeed (a supply by
///         an account off the allowlist, a transfer by a frozen holder, a liquidation by an account off the
///         allowlist), and the spoke's per-call promises that did not hold (`ghostViolations`: e.g. a liquidation
///         above the hard floor within the grace period, a withdrawal paying other than the claim).
contract RwaSpokeHandler is TestBase {
    /* ============================== SETUP ============================== */

    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    /// @dev Longest clock jump per call: beyond the 3-day grace period.
    uint256 internal constant MAX_TIME_JUMP = 4 days;
    /// @dev Largest supply per call, TBILL units (6 decimals).
    uint256 internal constant MAX_SUPPLY = 300_000e6;

    IRwaSpoke public immutable spoke;
    ILiquidityHub public immutable hub;
    IPriceOracle public immutable oracle;
    SpokeClock public immutable clock;
    MockRwaToken public immutable token;
    MockAggregator public immutable navFeed;
    address public immutable issuer;
    address public immutable debtAsset;
    uint256 public immutable initialNav;

    address[] internal _actors;

    /* ============================== GHOSTS ============================== */

    uint256 public ghostSteps;
    /// @dev Hub borrow index of the debt asset right after this spoke's last successful draw (0: never drew).
    uint256 public ghostLastDrawIndex;
    /// @dev Each actor's collateral claim as the successful calls moved it (token units).
    mapping(address account => uint256) public ghostCollateral;
    /// @dev A successful supply by an account that was not on the allowlist at the call.
    uint256 public ghostSuppliesOffAllowlist;
    /// @dev A successful withdrawal by a holder the issuer had frozen (the token must refuse it).
    uint256 public ghostFrozenWithdrawals;
    /// @dev A successful liquidation by an account off the allowlist.
    uint256 public ghostLiquidatorsOffAllowlist;
    /// @dev A per-call promise of the spoke that did not hold (see `lastViolation`).
    uint256 public ghostViolations;
    /// @dev Borrows the hub refused at the spoke's draw cap (the cap is reached, not only bounded).
    uint256 public ghostDrawCapRefusals;
    /// @dev Successful repayments of, and liquidations of, a frozen holder's debt (the frozen paths are exercised).
    uint256 public ghostFrozenRepays;
    uint256 public ghostFrozenLiquidations;
    uint256 public ghostLiquidations;
    uint256 public ghostBadDebts;

    mapping(bytes32 action => uint256) public calls;
    mapping(bytes32 action => uint256) public failures;

    string internal _lastViolation;

    constructor(
        IRwaSpoke spoke_,
        IPriceOracle oracle_,
        SpokeClock clock_,
        MockRwaToken token_,
        MockAggregator navFeed_
    ) {
        spoke = spoke_;
        hub = ILiquidityHub(spoke_.hub());
        oracle = oracle_;
        clock = clock_;
        token = token_;
        navFeed = navFeed_;
        issuer = token_.issuer();
        debtAsset = spoke_.debtAsset();
        initialNav = spoke_.getCollateral(address(token_)).acceptedNav;
        for (uint256 i; i < 4; ++i) {
            address actor = address(uint160(0xC0000 + i));
            _actors.push(actor);
            vm.label(actor, string.concat("rwaActor", vm.toString(i)));
            // The last actor starts off the allowlist (a stranger the spoke must refuse).
            if (i < 3) {
                vm.prank(issuer);
                token_.setAllowed(actor, true);
            }
            vm.startPrank(actor);
            token_.approve(address(spoke_), type(uint256).max);
            IERC20(debtAsset).approve(address(spoke_), type(uint256).max);
            vm.stopPrank();
        }
    }

    /* ============================== VIEWS FOR THE INVARIANTS ============================== */

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function lastViolation() external view returns (string memory) {
        return _lastViolation;
    }

    /* ============================== HELPERS ============================== */

    modifier step() {
        ++ghostSteps;
        clock.sync();
        _;
    }

    function _count(bytes32 action, bool ok) private {
        if (ok) ++calls[action];
        else ++failures[action];
    }

    function _violation(string memory what) private {
        ++ghostViolations;
        _lastViolation = what;
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _collateralOf(address account) private view returns (uint256 collateral, uint256 drawnShares) {
        (collateral, drawnShares, ) = spoke.positionOf(account, address(token));
    }

    /// @dev The position valued now; `ok` false when the valuation reverts (a NAV beyond its bound, not accepted).
    function _position(address account) private view returns (bool ok, IRwaSpoke.Position memory pos) {
        try spoke.getPosition(account, address(token)) returns (IRwaSpoke.Position memory p) {
            return (true, p);
        } catch {
            return (false, pos);
        }
    }

    /* ============================== USER ACTIONS ============================== */

    /// @notice Supplies 1 unit .. 300,000 TBILL (the issuer mints it to the actor first when it may hold it).
    function supply(uint256 actorSeed, uint256 amount) external step {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, MAX_SUPPLY);
        bool allowed = token.isAllowed(actor);
        uint256 held = token.balanceOf(actor);
        if (allowed && !token.isFrozen(actor) && held < amount) {
            vm.prank(issuer);
            token.mint(actor, amount - held);
        }
        vm.prank(actor);
        try spoke.supply(address(token), amount) {
            _count("supply", true);
            ghostCollateral[actor] += amount;
            if (!allowed) ++ghostSuppliesOffAllowlist;
        } catch {
            _count("supply", false);
        }
    }

    /// @notice Withdraws part of the actor's claim (or all of it with `all`): refused when the debt would exceed the
    ///         LTV, and by the token when the issuer froze the actor or took it off the allowlist.
    function withdraw(uint256 actorSeed, uint256 amount, bool all) external step {
        address actor = _actor(actorSeed);
        (uint256 collateral, ) = _collateralOf(actor);
        if (collateral == 0) return;
        amount = all ? type(uint256).max : bound(amount, 1, collateral);
        uint256 claimed = all ? collateral : amount;
        bool frozen = token.isFrozen(actor);
        uint256 before = token.balanceOf(actor);
        vm.prank(actor);
        try spoke.withdraw(address(token), amount) returns (uint256 sent) {
            _count("withdraw", true);
            ghostCollateral[actor] -= claimed;
            if (frozen) ++ghostFrozenWithdrawals;
            // Nothing was taken out of the spoke by the issuer here: every claimed unit is backed.
            if (sent != claimed || token.balanceOf(actor) - before != claimed)
                _violation("withdraw sent a different amount");
        } catch {
            _count("withdraw", false);
        }
    }

    /// @notice Borrows up to the LTV headroom (USDC at the oracle's price) within the hub's cash; one call in four
    ///         takes 99% of it.
    function borrow(uint256 actorSeed, uint256 amount) external step {
        address actor = _actor(actorSeed);
        (bool ok, IRwaSpoke.Position memory pos) = _position(actor);
        if (!ok) return;
        uint256 maxDebtValue = (pos.collateralValue * spoke.getCollateral(address(token)).params.ltv) / BPS;
        if (maxDebtValue <= pos.debtValue) return;
        uint256 unit = 10 ** MockERC20(debtAsset).decimals();
        uint256 maxAmount = Math.min(
            ((maxDebtValue - pos.debtValue) * unit) / oracle.getAssetPrice(debtAsset),
            hub.availableCash(debtAsset)
        );
        if (maxAmount == 0) return;
        amount = amount % 4 == 0 ? Math.max((maxAmount * 99) / 100, 1) : bound(amount, 1, maxAmount);
        vm.prank(actor);
        try spoke.borrow(address(token), amount, actor) {
            _count("borrow", true);
            ghostLastDrawIndex = hub.getAsset(debtAsset).borrowIndex;
            // LTV < threshold: a borrow within the LTV ends healthy outright.
            (bool valued, IRwaSpoke.Position memory after_) = _position(actor);
            if (valued && after_.healthFactor < WAD) _violation("borrow ended below HF 1");
        } catch (bytes memory reason) {
            _count("borrow", false);
            if (bytes4(reason) == ILiquidityHub.HubDrawCapExceeded.selector) ++ghostDrawCapRefusals;
        }
    }

    /// @notice Repays part of an account's debt (or all of it with `all`), paid by any actor (a frozen holder's too:
    ///         the freeze is on TBILL, not on USDC).
    function repay(uint256 payerSeed, uint256 actorSeed, uint256 amount, bool all) external step {
        address payer = _actor(payerSeed);
        address account = _actor(actorSeed);
        (, uint256 shares) = _collateralOf(account);
        if (shares == 0) return;
        (, uint256 borrowIndex) = hub.currentIndexes(debtAsset);
        uint256 debt = Math.mulDiv(shares, borrowIndex, 1e27, Math.Rounding.Ceil);
        amount = all ? type(uint256).max : bound(amount, 1, debt);
        uint256 bal = IERC20(debtAsset).balanceOf(payer);
        if (bal < debt) MockERC20(debtAsset).mint(payer, debt - bal);
        vm.prank(payer);
        try spoke.repay(address(token), amount, account) {
            _count("repay", true);
            if (token.isFrozen(account)) ++ghostFrozenRepays;
            (, uint256 left) = _collateralOf(account);
            if (all && left != 0) _violation("full repay left debt");
        } catch {
            _count("repay", false);
        }
    }

    /// @notice Flags (or clears) an account's position, as a keeper would.
    function poke(uint256 actorSeed) external step {
        vm.prank(_actor((actorSeed % _actors.length) + 1));
        try spoke.poke(_actor(actorSeed), address(token)) {
            _count("poke", true);
        } catch {
            _count("poke", false);
        }
    }

    /// @notice Liquidates the first actor from `userSeed` on below health factor 1 (flagging it first, as a keeper
    ///         would; the grace period then decides): another actor repays up to `amount` and receives the seized
    ///         collateral. Refused for liquidators off the allowlist (and by the token for frozen ones).
    function liquidate(uint256 liqSeed, uint256 userSeed, uint256 amount) external step {
        address user;
        uint256 debt;
        for (uint256 k; k < _actors.length; ++k) {
            (bool ok, IRwaSpoke.Position memory pos) = _position(_actor((userSeed % _actors.length) + k));
            if (ok && pos.drawnShares != 0 && pos.healthFactor < WAD) {
                (user, debt) = (_actor((userSeed % _actors.length) + k), pos.debt);
                break;
            }
        }
        if (user == address(0)) return;
        address liquidator = _actor(liqSeed);
        if (liquidator == user) liquidator = _actor((liqSeed % _actors.length) + 1);
        try spoke.poke(user, address(token)) {} catch {}
        bool eligible = _liquidatableNow(user);
        amount = bound(amount, 1, debt);
        MockERC20(debtAsset).mint(liquidator, debt);
        bool allowed = token.isAllowed(liquidator);
        bool userFrozen = token.isFrozen(user);
        uint256 before = token.balanceOf(liquidator);
        uint256 deficitBefore = hub.getSpokeAsset(address(spoke), debtAsset).deficit;
        vm.prank(liquidator);
        try spoke.liquidate(user, address(token), amount) returns (uint256, uint256 seized) {
            _count("liquidate", true);
            ++ghostLiquidations;
            ghostCollateral[user] -= seized;
            if (!allowed) ++ghostLiquidatorsOffAllowlist;
            if (!eligible) _violation("liquidated within the grace period above the hard floor");
            if (userFrozen) ++ghostFrozenLiquidations;
            if (token.balanceOf(liquidator) - before != seized)
                _violation("liquidator did not receive the seized claim");
            (uint256 collateral, uint256 shares) = _collateralOf(user);
            if (collateral == 0 && shares != 0) _violation("position without collateral still owes");
            if (hub.getSpokeAsset(address(spoke), debtAsset).deficit != deficitBefore) ++ghostBadDebts;
        } catch {
            _count("liquidate", false);
        }
    }

    /// @dev The spoke's liquidation rule, from the outside: below health factor 1, and either below the hard floor or
    ///      flagged for at least the grace period.
    function _liquidatableNow(address user) private view returns (bool) {
        (bool ok, IRwaSpoke.Position memory pos) = _position(user);
        if (!ok || pos.healthFactor >= WAD) return false;
        IRwaSpoke.CollateralParams memory params = spoke.getCollateral(address(token)).params;
        if (pos.healthFactor < (WAD * params.hardFloorBps) / BPS) return true;
        return pos.unhealthySince != 0 && block.timestamp >= uint256(pos.unhealthySince) + params.gracePeriod;
    }

    /* ============================== ISSUER ============================== */

    /// @notice The issuer freezes or unfreezes a holder.
    function setFrozen(uint256 actorSeed, bool frozen) external step {
        vm.prank(issuer);
        token.setFrozen(_actor(actorSeed), frozen);
        _count("setFrozen", true);
    }

    /// @notice The issuer puts a holder on its allowlist or takes it off (its position stays: claims never move but
    ///         through the spoke).
    function setAllowed(uint256 actorSeed, bool allowed) external step {
        vm.prank(issuer);
        token.setAllowed(_actor(actorSeed), allowed);
        _count("setAllowed", true);
    }

    /* ============================== ENVIRONMENT ============================== */

    /// @notice Moves the NAV: within the 2% bound, accepted by anyone through `updateNav`; or (`jump`) by up to
    ///         -30%/+20%, accepted by the risk admin through `acceptNav`. Kept within [1/5, 2x] of the initial NAV.
    function moveNav(uint256 changeBps, bool jump) external step {
        uint256 accepted = spoke.getCollateral(address(token)).acceptedNav;
        changeBps = jump ? bound(changeBps, 7_000, 12_000) : bound(changeBps, 9_800, 10_200);
        uint256 nav = Math.min(Math.max((accepted * changeBps) / BPS, initialNav / 5), initialNav * 2);
        navFeed.setAnswer(int256(nav));
        if (jump) {
            try spoke.acceptNav(address(token)) {
                _count("acceptNav", true);
            } catch {
                _count("acceptNav", false);
            }
        } else {
            try spoke.updateNav(address(token)) {
                _count("updateNav", true);
            } catch {
                _count("updateNav", false);
            }
        }
    }

    /// @notice Moves the shared clock forward by 1 second to 4 days (every feed publishes a fresh round).
    function warp(uint256 secondsForward) external step {
        clock.advance(bound(secondsForward, 1, MAX_TIME_JUMP));
        _count("warp", true);
    }

    /// @notice The fuzzed entry points (the invariant test registers them with `targetSelector`).
    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](10);
        s[0] = this.supply.selector;
        s[1] = this.withdraw.selector;
        s[2] = this.borrow.selector;
        s[3] = this.repay.selector;
        s[4] = this.poke.selector;
        s[5] = this.liquidate.selector;
        s[6] = this.setFrozen.selector;
        s[7] = this.setAllowed.selector;
        s[8] = this.moveNav.selector;
        s[9] = this.warp.selector;
    }
}
