// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRwaSpoke} from "../../contracts/interfaces/IRwaSpoke.sol";
import {SpokeFixture} from "./utils/SpokeFixture.sol";
import {vm} from "./utils/TestBase.sol";

/// @title SpokeRegressionsTest
/// @notice Deterministic checks of what the spoke invariant work found, on the same in-test deployment
///         (`SpokeFixture` with the dev caps).
/// @dev Two RwaSpoke bugs the invariant work found, fixed since (each test's NatSpec tells the bug and the fix).
contract SpokeRegressionsTest is SpokeFixture {
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA401);
    /// @dev An allowlisted liquidator.
    address internal constant LIQUIDATOR = address(0x11C0);
    uint256 internal constant SUPPLY = 100_000e6; // 100,000 TBILL
    uint256 internal constant SEIZED = 50_000e6; // the issuer's forced transfer out of the spoke

    function setUp() public {
        _deploySpokes(_devSpokeCaps());
        address[4] memory holders = [ALICE, BOB, CAROL, LIQUIDATOR];
        for (uint256 i; i < holders.length; ++i) {
            vm.startPrank(ISSUER);
            tbill.setAllowed(holders[i], true);
            tbill.mint(holders[i], SUPPLY);
            vm.stopPrank();
            vm.prank(holders[i]);
            tbill.approve(address(rwaSpoke), type(uint256).max);
        }
    }

    /// @dev Alice and Bob supply 100,000 TBILL each, then the issuer force-transfers 50,000 out of the spoke (a
    ///      court order against it): 150,000 held for 200,000 claimed, coverage 75%.
    function _suppliedThenSeized() internal {
        vm.prank(ALICE);
        rwaSpoke.supply(address(tbill), SUPPLY);
        vm.prank(BOB);
        rwaSpoke.supply(address(tbill), SUPPLY);
        vm.prank(ISSUER);
        tbill.forcedTransfer(address(rwaSpoke), ISSUER, SEIZED);
        assertEq(rwaSpoke.coverage(address(tbill)), (WAD * 3) / 4, "coverage after the seizure");
    }

    /// @notice Fixed bug: a supply after an issuer seizure paid part of the earlier holders' haircut.
    ///         `RwaSpoke.supply` credited claims 1:1 (`p.collateral += amount`, `c.total += amount`) while
    ///         every claim is served pro rata at `held / total` (`_toTokensDown`). With 150,000 held for 200,000
    ///         claimed (75%), Carol's 100,000 TBILL make it 250,000 for 300,000 (83.3%): her claim is worth 83,333
    ///         TBILL the moment she supplies, and Alice's and Bob's rise from 75,000 to 83,333 each. The haircut is
    ///         meant to stay with the claims that existed when the tokens left (docs/collateral.md, "The issuer's
    ///         powers do not corrupt accounting"). The fix credits `amount * total / held` claims (rounded down), and
    ///         refuses a supply when the issuer took every token (`RwaCollateralSeized`).
    function test_rwaSupplyAfterSeizure_doesNotMoveOthersClaims() public {
        _suppliedThenSeized();
        uint256 aliceBefore = rwaSpoke.getPosition(ALICE, address(tbill)).collateralValue;
        assertEq(aliceBefore, 75_000 * TBILL_NAV, "Alice's claim after the seizure: 75% of 100,000 at NAV 1");
        vm.prank(CAROL);
        rwaSpoke.supply(address(tbill), SUPPLY);
        assertEq(
            rwaSpoke.getPosition(ALICE, address(tbill)).collateralValue,
            aliceBefore,
            "Carol's supply changed the value of Alice's claim"
        );
        // Her claims are rounded down (the protocol's favour): worth what she supplied, less at most one token unit.
        uint256 carol = rwaSpoke.getPosition(CAROL, address(tbill)).collateralValue;
        assertLe(carol, 100_000 * TBILL_NAV, "Carol's claim is worth more than she supplied");
        assertApproxEqAbs(carol, 100_000 * TBILL_NAV, TBILL_NAV / 1e6, "Carol's claim is not worth what she supplied");
    }

    /// @notice Fixed bug, the same seen by the supplier: supplying after a seizure and withdrawing
    ///         everything at once returns less than was supplied (83,333 of 100,000 TBILL here).
    function test_rwaSupplyAfterSeizure_roundTripReturnsTheSupply() public {
        _suppliedThenSeized();
        vm.startPrank(CAROL);
        rwaSpoke.supply(address(tbill), SUPPLY);
        uint256 sent = rwaSpoke.withdraw(address(tbill), type(uint256).max);
        vm.stopPrank();
        // Rounded down twice in the protocol's favour (claims credited, tokens paid): at most one unit short, never over.
        assertLe(sent, SUPPLY, "the round trip paid more than was supplied");
        assertApproxEqAbs(sent, SUPPLY, 1, "withdraw(supply(x)) != x after a seizure");
        assertEq(tbill.balanceOf(CAROL), sent, "Carol's tokens after the round trip");
    }

    /// @notice Control for the two above (passes): the seizure's haircut itself is shared pro rata by the claims that
    ///         existed, and a full withdrawal pays exactly 75% of the claim.
    function test_rwaSeizure_haircutSharedByExistingClaims() public {
        _suppliedThenSeized();
        vm.prank(BOB);
        uint256 sent = rwaSpoke.withdraw(address(tbill), type(uint256).max);
        assertEq(sent, (SUPPLY * 3) / 4, "Bob's full withdrawal at 75% coverage");
        assertEq(rwaSpoke.coverage(address(tbill)), (WAD * 3) / 4, "coverage unchanged by a pro rata withdrawal");
        assertEq(rwaSpoke.getPosition(ALICE, address(tbill)).collateralValue, 75_000 * TBILL_NAV, "Alice's claim");
    }

    /// @dev Walks the TBILL NAV to `target` (8 decimals) in accepted steps of 1.9% (the bound is 2%), as the issuer
    ///      would publish it.
    function _walkNav(uint256 target) internal {
        uint256 nav = rwaSpoke.getCollateral(address(tbill)).acceptedNav;
        while (nav != target) {
            uint256 next = target < nav ? (nav * 9_810) / 10_000 : (nav * 10_190) / 10_000;
            if ((target < nav && next < target) || (target > nav && next > target)) next = target;
            tbillNav.setAnswer(int256(next));
            rwaSpoke.updateNav(address(tbill));
            nav = next;
        }
    }

    /// @notice Fixed bug: a flag left over from an earlier dip skipped the grace period of a new one. Alice borrows 79,000 USDC against 100,000 TBILL; the NAV falls to 0.924 (HF 0.994) and a keeper
    ///         flags her; the NAV recovers to 1.00 (HF 1.08) and nobody pokes, so the flag stays (only `poke`, a
    ///         top-up or a repayment clears it); ten days later the NAV dips to 0.924 again, above the 0.95 hard floor,
    ///         and she is liquidated at once, without the 3 days the grace period promises a slow market's borrower
    ///         (docs/collateral.md: "a later dip starts a fresh grace period"). `_requireLiquidatable` counts the grace
    ///         from `unhealthySince` without asking whether the position stayed unhealthy. The fix: a recovery of the
    ///         accepted NAV (0.5% above its trough) makes every earlier flag lapse; the next dip needs a fresh flag.
    function test_rwaStaleFlag_newDipGetsAFreshGracePeriod() public {
        usdc.mint(address(this), 1_000_000e6);
        usdc.approve(address(pool), type(uint256).max);
        pool.supply(address(usdc), 1_000_000e6, address(this), 0);
        vm.startPrank(ALICE);
        rwaSpoke.supply(address(tbill), SUPPLY);
        rwaSpoke.borrow(address(tbill), 79_000e6, ALICE);
        vm.stopPrank();
        _walkNav(92_400_000);
        rwaSpoke.poke(ALICE, address(tbill));
        assertGt(rwaSpoke.getPosition(ALICE, address(tbill)).unhealthySince, 0, "flagged in the first dip");
        _walkNav(TBILL_NAV);
        assertGt(rwaSpoke.getPosition(ALICE, address(tbill)).healthFactor, WAD, "healthy again");
        vm.warp(block.timestamp + 10 days);
        _refreshFeeds();
        tbillNav.setAnswer(int256(TBILL_NAV));
        _walkNav(92_400_000);
        uint256 hf = rwaSpoke.getPosition(ALICE, address(tbill)).healthFactor;
        assertLt(hf, WAD, "unhealthy in the second dip");
        assertGt(hf, (WAD * 9_500) / 10_000, "above the hard floor: the grace period applies");
        usdc.mint(LIQUIDATOR, 10_000e6);
        vm.startPrank(LIQUIDATOR);
        usdc.approve(address(rwaSpoke), type(uint256).max);
        bool liquidated;
        try rwaSpoke.liquidate(ALICE, address(tbill), 10_000e6) {
            liquidated = true;
        } catch (bytes memory reason) {
            // Whatever flag a fix leaves (none, or a fresh one), the refusal is the grace period's.
            assertEq(
                uint32(bytes4(reason)),
                uint32(IRwaSpoke.RwaGracePeriodActive.selector),
                "refused for another reason"
            );
        }
        vm.stopPrank();
        assertTrue(!liquidated, "liquidated in a new dip above the hard floor without a fresh grace period");
    }
}
