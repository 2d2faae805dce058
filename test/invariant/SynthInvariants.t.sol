// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Roles} from "../../contracts/access/Roles.sol";
import {KToken} from "../../contracts/pool/KToken.sol";
import {DataTypes, ReserveFlags} from "../../contracts/libraries/types/DataTypes.sol";
import {IKinkedRateModel} from "../../contracts/interfaces/IKinkedRateModel.sol";
import {SynthToken} from "../../contracts/stablecoin/SynthToken.sol";
import {ISynthToken} from "../../contracts/interfaces/ISynthToken.sol";
import {PegStabilityModule} from "../../contracts/stablecoin/PegStabilityModule.sol";
import {HubFacilitator} from "../../contracts/stablecoin/HubFacilitator.sol";
import {FixedPriceFeed} from "../../contracts/oracle/FixedPriceFeed.sol";
import {PoolFixture} from "./utils/PoolFixture.sol";
import {vm} from "./utils/TestBase.sol";
import {SynthHandler} from "./handlers/SynthHandler.sol";

/// @title SynthInvariantsTest
/// @notice Stateful fuzzing of kUSD as the deployer builds it (deploy/stablecoin.ts, mirrored step by step on
///         `PoolFixture`'s hub and core spoke): its PSM with USDC, its hub facilitator, its flat 4% curve, its 100%
///         reserve factor and seed-only add cap. `SynthHandler` drives random bounded sequences; the invariants below
///         are checked after every call. See docs/invariants.md ("kUSD").
contract SynthInvariantsTest is PoolFixture {
    uint256 internal constant SCALE = 1e12;
    uint128 internal constant BUCKET = 10_000_000e18;
    uint256 internal constant KUSD_SEED = 1e18;

    SynthToken internal kusd;
    PegStabilityModule internal psm;
    HubFacilitator internal facilitator;
    SynthHandler internal handler;
    uint256 internal seedShares;

    function setUp() public {
        _deployPool();
        address authority = address(manager);
        // deploy/stablecoin.ts for kUSD: token, facilitator, feed, kToken, PSM; roles of deploy/roles.ts.
        kusd = new SynthToken("Keel USD", "kUSD", authority);
        facilitator = new HubFacilitator(address(kusd), address(hub), authority);
        FixedPriceFeed feed = new FixedPriceFeed(8, 1e8, "kUSD / USD (fixed)");
        KToken kKusd = new KToken(address(pool), address(kusd), 18, "Keel Keel USD", "kkUSD");
        psm = new PegStabilityModule(address(usdc), address(kusd), authority, address(treasury), 10, 10);
        bytes4[] memory facRisk = new bytes4[](2);
        facRisk[0] = HubFacilitator.mintToHub.selector;
        facRisk[1] = HubFacilitator.burnFromHub.selector;
        manager.setTargetFunctionRole(address(facilitator), facRisk, Roles.RISK_ADMIN_ROLE);
        bytes4[] memory psmRisk = new bytes4[](1);
        psmRisk[0] = PegStabilityModule.setFees.selector;
        manager.setTargetFunctionRole(address(psm), psmRisk, Roles.RISK_ADMIN_ROLE);
        bytes4[] memory psmGuardian = new bytes4[](1);
        psmGuardian[0] = PegStabilityModule.pause.selector;
        manager.setTargetFunctionRole(address(psm), psmGuardian, Roles.GUARDIAN_ROLE);
        // 1. facilitators; 2. the seed bought at the PSM.
        kusd.addFacilitator(address(psm), "PSM (USDC)", BUCKET);
        kusd.addFacilitator(address(facilitator), "LiquidityHub", BUCKET);
        usdc.mint(address(this), 1_001_002);
        usdc.approve(address(psm), type(uint256).max);
        psm.buy(1_001_002, KUSD_SEED, address(this));
        // 3.-8. flat 4% curve, hub listing at 100% reserve factor, facilitator spoke, caps, feed, reserve.
        rates.setRateParams(
            address(kusd),
            IKinkedRateModel.RateParams({baseRateBps: 400, slope1Bps: 0, slope2Bps: 0, optimalUtilizationBps: 8000})
        );
        hub.listAsset(address(kusd), address(0), 10_000, 5);
        hub.addSpoke(address(facilitator));
        hub.setSpokeCaps(address(facilitator), address(kusd), type(uint64).max, 0);
        hub.setSpokeCaps(address(pool), address(kusd), 1, type(uint64).max);
        oracle.setFeed(address(kusd), address(feed), HEARTBEAT);
        kusd.approve(address(pool), KUSD_SEED);
        pool.initReserve(address(kusd), address(kKusd), _synthConfig(), KUSD_SEED);
        seedShares = hub.getSpokeAsset(address(pool), address(kusd)).shares;
        // 9. the first liquidity.
        facilitator.mintToHub(1_000_000e18);

        handler = new SynthHandler(pool, kusd, psm, facilitator, usdc, weth, usdcFeed, wethFeed);
        manager.grantRole(Roles.RISK_ADMIN_ROLE, address(handler), 0);
        vm.label(address(handler), "SynthHandler");
        vm.label(address(kusd), "kUSD");
        vm.label(address(psm), "PSM");
        vm.label(address(facilitator), "HubFacilitator");
        handler.borrow(0, 50_000e18);
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.selectors()}));
    }

    /// @dev deploy/stablecoin.ts's reserve: LTV 0 (never collateral), threshold 75%, bonus 5%, protocol fee 10%,
    ///      borrow cap 5M, borrowable only.
    function _synthConfig() internal pure returns (DataTypes.ReserveConfig memory c) {
        c.ltv = 0;
        c.liquidationThreshold = 7500;
        c.liquidationBonus = 10_500;
        c.liquidationProtocolFee = 1000;
        c.flags = ReserveFlags.BORROWING;
        c.borrowCap = 5_000_000;
    }

    modifier atRunTime() {
        vm.warp(handler.currentTime());
        _;
    }

    /// @notice kUSD's supply is exactly the sum of its facilitators' levels, and no level exceeds its bucket.
    function invariant_supplyIsLevels() public atRunTime {
        address[] memory list = kusd.facilitators();
        uint256 levels;
        for (uint256 i; i < list.length; ++i) {
            ISynthToken.Bucket memory b = kusd.getBucket(list[i]);
            assertLe(b.level, b.cap, "level above its bucket");
            levels += b.level;
        }
        assertEq(kusd.totalSupply(), levels, "supply != facilitators' levels");
    }

    /// @notice The PSM's backing is exact: a USDC unit held for every SCALE kUSD it minted (fees included).
    function invariant_psmBacking() public atRunTime {
        assertGe(usdc.balanceOf(address(psm)) * SCALE, kusd.getBucket(address(psm)).level, "PSM under-backed");
    }

    /// @notice The hub facilitator's claim on the hub never exceeds what it minted there, and falls short of it by
    ///         rounding dust only (one wei per mint or burn): with a 100% reserve factor no interest reaches it, and
    ///         no deficit is reported in this suite.
    function invariant_facilitatorClaimIsItsLevel() public atRunTime {
        uint256 level = kusd.getBucket(address(facilitator)).level;
        uint256 claim = facilitator.hubBalance();
        assertLe(claim, level, "the facilitator claims more than it minted");
        assertApproxEqAbs(claim, level, handler.ghostHubMoves() + 2, "the facilitator's claim drifted from its level");
    }

    /// @notice kUSD in the hub: cash plus debt covers every claim; cash is the hub's kUSD balance; nobody supplied
    ///         kUSD beyond the listing seed (the core spoke's add cap), so the core spoke's supply shares are the seed's.
    function invariant_hubBooks() public atRunTime {
        (uint256 supplied, uint256 borrowed, uint256 cash) = hub.assetTotals(address(kusd));
        assertGe(cash + borrowed, supplied, "kUSD claims exceed cash + debt");
        assertEq(kusd.balanceOf(address(hub)), cash, "kUSD cash != hub balance");
        assertEq(handler.ghostSupplied(), 0, "someone supplied kUSD");
        assertEq(
            hub.getSpokeAsset(address(pool), address(kusd)).shares,
            seedShares,
            "the core spoke's kUSD supply moved"
        );
    }

    /// @notice The handler's actions do what the campaign relies on: swaps, loans, repayments, hub mints and burns go
    ///         through; a kUSD supply is refused (so a fuzzing run that never reaches them would show here first).
    function test_handlerActionsReachTheContracts() public {
        handler.psmBuy(1, 10_000e6);
        handler.psmSell(1, 1_000e18);
        handler.borrow(2, 20_000e18);
        handler.warp(10 days);
        handler.repay(2, 0, true);
        handler.mintToHub(5_000e18);
        handler.burnFromHub(1_000e18);
        handler.trySupply(1, 1e18);
        handler.setFees(600, 0);
        bytes32[6] memory ok = [bytes32("psmBuy"), "psmSell", "borrow", "repay", "mintToHub", "burnFromHub"];
        for (uint256 i; i < ok.length; ++i) {
            assertEq(handler.failures(ok[i]), 0, string.concat("failed: ", string(abi.encodePacked(ok[i]))));
        }
        assertEq(handler.failures("trySupply"), 1, "a kUSD supply went through");
        assertEq(handler.failures("setFees"), 1, "a fee above 5% went through");
        assertEq(pool.debtBalanceOf(address(kusd), address(uint160(0xA11CE2))), 0, "the repay did not close the loan");
        invariant_supplyIsLevels();
        invariant_facilitatorClaimIsItsLevel();
        invariant_hubBooks();
    }

    /// @notice Every PSM swap paid exactly its quote and never more than 1:1.
    function invariant_swapsAtQuote() public view {
        assertEq(handler.ghostSwapViolations(), 0, "a PSM swap paid more than its quote or 1:1");
    }
}
