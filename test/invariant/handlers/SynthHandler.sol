// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Pool} from "../../../contracts/pool/Pool.sol";
import {LiquidityHub} from "../../../contracts/hub/LiquidityHub.sol";
import {SynthToken} from "../../../contracts/stablecoin/SynthToken.sol";
import {PegStabilityModule} from "../../../contracts/stablecoin/PegStabilityModule.sol";
import {HubFacilitator} from "../../../contracts/stablecoin/HubFacilitator.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {TestBase, vm} from "../utils/TestBase.sol";

/// @title SynthHandler
/// @notice Drives bounded random sequences against kUSD as the deployer builds it (deploy/stablecoin.ts) for
///         `SynthInvariantsTest`: actors buy and sell at the PSM, borrow and repay kUSD through the core spoke
///         against WETH, try to supply it; the risk admin (this handler holds RISK_ADMIN) mints into the hub, burns
///         what is idle and changes the PSM's fees; time moves. The handler never reverts: inputs are bounded and
///         reverts are caught and counted. Ghosts record what the invariants need.
contract SynthHandler is TestBase {
    uint256 internal constant MAX_TIME_JUMP = 30 days;
    uint256 internal constant SCALE = 1e12; // kUSD (18) per USDC unit (6)

    Pool public immutable pool;
    LiquidityHub public immutable hub;
    SynthToken public immutable kusd;
    PegStabilityModule public immutable psm;
    HubFacilitator public immutable facilitator;
    MockERC20 public immutable usdc;
    MockERC20 public immutable weth;
    MockAggregator public immutable usdcFeed;
    MockAggregator public immutable wethFeed;

    address[] internal _actors;
    uint256 public currentTime;

    /// @dev kUSD supplied to the core spoke by anyone but the listing (must stay zero: the add cap is the seed).
    uint256 public ghostSupplied;
    /// @dev Mints into the hub and burns out of it so far: bounds the rounding dust of the facilitator's claim.
    uint256 public ghostHubMoves;
    /// @dev A PSM swap that paid more than its quote, or a sell that paid out more reserve than kUSD in / SCALE.
    uint256 public ghostSwapViolations;
    mapping(bytes32 action => uint256) public calls;
    mapping(bytes32 action => uint256) public failures;

    constructor(
        Pool pool_,
        SynthToken kusd_,
        PegStabilityModule psm_,
        HubFacilitator facilitator_,
        MockERC20 usdc_,
        MockERC20 weth_,
        MockAggregator usdcFeed_,
        MockAggregator wethFeed_
    ) {
        pool = pool_;
        hub = LiquidityHub(facilitator_.hub());
        kusd = kusd_;
        psm = psm_;
        facilitator = facilitator_;
        usdc = usdc_;
        weth = weth_;
        usdcFeed = usdcFeed_;
        wethFeed = wethFeed_;
        currentTime = block.timestamp;
        for (uint256 i; i < 4; ++i) {
            address actor = address(uint160(0xA11CE0 + i));
            _actors.push(actor);
            vm.label(actor, string.concat("synthActor", vm.toString(i)));
            // Each actor posts 100 WETH ($200,000) once and holds USDC for the PSM.
            weth.mint(actor, 100e18);
            usdc.mint(actor, 10_000_000e6);
            vm.startPrank(actor);
            weth.approve(address(pool), type(uint256).max);
            usdc.approve(address(psm_), type(uint256).max);
            kusd.approve(address(psm_), type(uint256).max);
            kusd.approve(address(pool), type(uint256).max);
            pool.supply(address(weth), 100e18, actor, 0);
            vm.stopPrank();
        }
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @dev Re-applies the run's clock and keeps the feeds fresh (the suite fuzzes kUSD's books, not staleness).
    modifier step(bytes32 action) {
        vm.warp(currentTime);
        (, int256 u, , , ) = usdcFeed.latestRoundData();
        usdcFeed.setAnswer(u);
        (, int256 w, , , ) = wethFeed.latestRoundData();
        wethFeed.setAnswer(w);
        calls[action]++;
        _;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @notice An actor buys kUSD at the PSM with up to 1M USDC.
    function psmBuy(uint256 actorSeed, uint256 amount) external step("psmBuy") {
        address a = _actor(actorSeed);
        amount = bound(amount, 1, 1_000_000e6);
        (uint256 quoted, ) = psm.quoteBuy(amount);
        uint256 before = kusd.balanceOf(a);
        vm.prank(a);
        try psm.buy(amount, 0, a) returns (uint256 out) {
            if (out != quoted || kusd.balanceOf(a) - before != out || out > amount * SCALE) ghostSwapViolations++;
        } catch {
            failures["psmBuy"]++;
        }
    }

    /// @notice An actor sells part of its kUSD at the PSM.
    function psmSell(uint256 actorSeed, uint256 amount) external step("psmSell") {
        address a = _actor(actorSeed);
        uint256 held = kusd.balanceOf(a);
        if (held == 0) return;
        amount = bound(amount, 1, held);
        uint256 before = usdc.balanceOf(a);
        vm.prank(a);
        try psm.sell(amount, 0, a) returns (uint256 out) {
            if (out * SCALE > amount || usdc.balanceOf(a) - before != out) ghostSwapViolations++;
        } catch {
            failures["psmSell"]++;
        }
    }

    /// @notice An actor borrows kUSD through the core spoke (up to about its borrowing power).
    function borrow(uint256 actorSeed, uint256 amount) external step("borrow") {
        address a = _actor(actorSeed);
        amount = bound(amount, 1e18, 150_000e18);
        vm.prank(a);
        try pool.borrow(address(kusd), amount, 2, 0, a) {} catch {
            failures["borrow"]++;
        }
    }

    /// @notice An actor repays part or all of its kUSD debt (buying at the PSM what it lacks).
    function repay(uint256 actorSeed, uint256 amount, bool all) external step("repay") {
        address a = _actor(actorSeed);
        uint256 debt = pool.debtBalanceOf(address(kusd), a);
        if (debt == 0) return;
        amount = all ? type(uint256).max : bound(amount, 1, debt);
        uint256 need = all ? debt + 1e18 : amount;
        uint256 held = kusd.balanceOf(a);
        if (held < need) {
            // Enough USDC for the shortfall at the highest fee the PSM allows (5%); computed before the prank, which
            // applies to the next external call only.
            uint256 usdcIn = (((need - held) / SCALE) * 10_600) / 10_000 + 2;
            vm.prank(a);
            try psm.buy(usdcIn, 0, a) {} catch {}
        }
        vm.prank(a);
        try pool.repay(address(kusd), amount, 2, a) {} catch {
            failures["repay"]++;
        }
    }

    /// @notice Someone tries to supply kUSD: the core spoke's hub add cap is the seed, so it must fail.
    function trySupply(uint256 actorSeed, uint256 amount) external step("trySupply") {
        address a = _actor(actorSeed);
        uint256 held = kusd.balanceOf(a);
        if (held == 0) return;
        amount = bound(amount, 1, held);
        vm.prank(a);
        try pool.supply(address(kusd), amount, a, 0) {
            ghostSupplied += amount;
        } catch {
            failures["trySupply"]++;
        }
    }

    /// @notice The risk admin mints kUSD into the hub (within the facilitator's bucket).
    function mintToHub(uint256 amount) external step("mintToHub") {
        amount = bound(amount, 1, 2_000_000e18);
        try facilitator.mintToHub(amount) {
            ghostHubMoves++;
        } catch {
            failures["mintToHub"]++;
        }
    }

    /// @notice The risk admin burns idle kUSD out of the hub (at most what is idle and what it minted).
    function burnFromHub(uint256 amount) external step("burnFromHub") {
        amount = bound(amount, 1, 2_000_000e18);
        try facilitator.burnFromHub(amount) {
            ghostHubMoves++;
        } catch {
            failures["burnFromHub"]++;
        }
    }

    /// @notice The risk admin sets the PSM's fees (up to its 5% bound; above it must fail).
    function setFees(uint16 buyFee, uint16 sellFee) external step("setFees") {
        buyFee = uint16(bound(buyFee, 0, 600));
        sellFee = uint16(bound(sellFee, 0, 600));
        try psm.setFees(buyFee, sellFee) {} catch {
            failures["setFees"]++;
        }
    }

    /// @notice Time passes (interest accrues on kUSD debt, all of it the treasury's).
    function warp(uint256 dt) external step("warp") {
        currentTime += bound(dt, 1, MAX_TIME_JUMP);
        vm.warp(currentTime);
    }

    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](9);
        s[0] = this.psmBuy.selector;
        s[1] = this.psmSell.selector;
        s[2] = this.borrow.selector;
        s[3] = this.repay.selector;
        s[4] = this.trySupply.selector;
        s[5] = this.mintToHub.selector;
        s[6] = this.burnFromHub.selector;
        s[7] = this.setFees.selector;
        s[8] = this.warp.selector;
    }
}
