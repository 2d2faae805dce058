// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ILiquidityHub} from "../../contracts/interfaces/ILiquidityHub.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {KToken} from "../../contracts/pool/KToken.sol";
import {DataTypes} from "../../contracts/libraries/types/DataTypes.sol";
import {MockAggregator} from "../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {PoolFixture} from "./utils/PoolFixture.sol";
import {vm} from "./utils/TestBase.sol";
import {PoolHandler} from "./handlers/PoolHandler.sol";

/// @title PoolInvariantsTest
/// @notice Stateful fuzzing of the whole pool (deployed in `setUp`, behind its ERC1967 proxy, with two reserves of
///         6 and 18 decimals). `PoolHandler` drives random bounded sequences (users, liquidators, flash loans,
///         prices, time, donations); the `invariant_*` functions below are checked after every call, and
///         `afterInvariant` closes every position at the end of each run. See docs/invariants.md.
contract PoolInvariantsTest is PoolFixture {
    PoolHandler internal handler;

    function setUp() public {
        _deployPool();
        address[] memory assetList = new address[](2);
        assetList[0] = address(usdc);
        assetList[1] = address(weth);
        KToken[] memory kTokenList = new KToken[](2);
        kTokenList[0] = kUsdc;
        kTokenList[1] = kWeth;
        MockAggregator[] memory feedList = new MockAggregator[](2);
        feedList[0] = usdcFeed;
        feedList[1] = wethFeed;
        handler = new PoolHandler(pool, oracle, feedList, assetList, kTokenList);
        vm.label(address(handler), "PoolHandler");

        // Start every run with liquidity on both sides so borrows are possible from the first call.
        handler.supply(0, 0, 200_000e6);
        handler.supply(1, 1, 100e18);
        handler.supply(2, 0, 50_000e6);
        handler.supply(3, 1, 20e18);
        // Two accounts start at 99% of their borrowing power: a price drop or some interest makes them liquidatable.
        handler.borrow(1, 0, 0);
        handler.borrow(3, 0, 0);

        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.selectors()}));
    }

    /// @dev Invariant calls see the run's clock: views of accrued values revert before a reserve's last update.
    modifier atRunTime() {
        vm.warp(handler.currentTime());
        _;
    }

    /* ============================== ACCOUNTING ============================== */

    /// @notice Hub solvency per asset: what the hub holds plus what it is owed covers every claim on it (every
    ///         spoke's suppliers and the treasury), counting tokens either as tracked `cash` (the stronger form) or as
    ///         the raw token balance.
    function invariant_solvency() public atRunTime {
        address[] memory list = handler.assets();
        for (uint256 j; j < list.length; ++j) {
            (uint256 supplied, uint256 borrowed, uint256 cash) = hub.assetTotals(list[j]);
            assertGe(cash + borrowed, supplied, "cash + debt < supplied claims");
            assertGe(IERC20(list[j]).balanceOf(address(hub)) + borrowed, supplied, "balance + debt < supplied claims");
            // The spoke's view of its market never claims more than the hub's.
            (uint256 spokeSupplied, ) = pool.getReserveTotals(list[j]);
            assertLe(spokeSupplied, supplied, "spoke claims more than the hub's supply");
        }
    }

    /// @notice The hub's `cash` is exactly its token balance minus what was donated to it (donations are nobody's
    ///         claim), so in particular cash <= balanceOf(hub); the spoke holds no tokens at all.
    function invariant_cashMatchesBalance() public atRunTime {
        address[] memory list = handler.assets();
        for (uint256 j; j < list.length; ++j) {
            uint256 balance = IERC20(list[j]).balanceOf(address(hub));
            uint256 cash = hub.getAsset(list[j]).cash;
            assertEq(IERC20(list[j]).balanceOf(address(pool)), 0, "the spoke holds tokens");
            assertLe(cash, balance, "cash > token balance");
            assertEq(cash, balance - handler.ghostDonated(list[j]), "cash != balance - donations");
        }
    }

    /// @notice Hub and spoke books agree. In the hub: the spokes' shares plus the treasury's equal the total, the
    ///         spokes' drawn shares equal the total drawn (one spoke here). In the spoke: every account's drawn shares
    ///         (actors, round-tripper, DEAD, treasury) sum to the spoke's drawn shares in the hub, and their supply
    ///         shares to at most the spoke's shares there, short of it by at most the liquidations' rounding dust
    ///         (seized shares round up, re-credited ones down: 2 per handler call allowed).
    function invariant_scaledSumsMatchTotals() public atRunTime {
        address[] memory list = handler.assets();
        address[] memory accts = handler.accounts();
        for (uint256 j; j < list.length; ++j) {
            uint256 supplySum;
            uint256 debtSum;
            for (uint256 i; i < accts.length; ++i) {
                DataTypes.Position memory p = pool.getUserPosition(list[j], accts[i]);
                supplySum += p.scaledSupply;
                debtSum += p.scaledDebt;
            }
            DataTypes.ReserveData memory r = pool.getKeelReserveData(list[j]);
            assertLe(supplySum, r.totalSupplyScaled, "accounts' supply shares exceed the spoke's in the hub");
            assertLe(r.totalSupplyScaled - supplySum, 2 * handler.ghostSteps(), "spoke's unowned shares beyond dust");
            assertEq(debtSum, r.totalDebtScaled, "sum of scaled debt != the spoke's drawn shares");
            ILiquidityHub.Asset memory a = hub.getAsset(list[j]);
            assertEq(
                uint256(r.totalSupplyScaled) + a.treasuryShares,
                a.totalShares,
                "spokes + treasury != total shares"
            );
            assertEq(r.totalDebtScaled, a.totalDrawnShares, "spokes' drawn shares != total drawn");
        }
    }

    /// @notice Total supplied >= total borrowed on every reserve (debt is always funded by supply), up to the
    ///         rounding dust the pool keeps: debt rounds up and claims round down, so with no cash left the dust
    ///         shows on the debt side (see PoolRegressions.t.sol). At most 4 units per handler call are allowed.
    function invariant_suppliedCoversBorrowed() public atRunTime {
        address[] memory list = handler.assets();
        uint256 dust = 4 * handler.ghostSteps();
        for (uint256 j; j < list.length; ++j) {
            (uint256 supplied, uint256 borrowed, ) = hub.assetTotals(list[j]);
            assertGe(supplied + dust, borrowed, "total supplied < total borrowed (beyond rounding dust)");
        }
    }

    /// @notice Liquidity and borrow indexes never decrease; the liquidity index only in a call that emitted
    ///         `BadDebtWrittenOff` with a socialised part on that reserve (checked by the handler after every call).
    function invariant_indexesNeverDecrease() public atRunTime {
        assertEq(handler.ghostIndexViolations(), 0, handler.lastViolation());
        address[] memory list = handler.assets();
        for (uint256 j; j < list.length; ++j) {
            assertGe(pool.getReserveNormalizedIncome(list[j]), handler.ghostLastLiquidityIndex(list[j]), "li");
            assertGe(pool.getReserveNormalizedVariableDebt(list[j]), handler.ghostLastBorrowIndex(list[j]), "bi");
        }
    }

    /* ============================== USER SAFETY ============================== */

    /// @notice No successful borrow, withdraw, kToken transfer or collateral switch left its own actor below a
    ///         health factor of 1 with a lower HF than before (a borrow must even end at HF >= 1 outright).
    function invariant_noSelfInflictedUnhealthyAccount() public view {
        assertEq(handler.ghostSelfHarmViolations(), 0, handler.lastViolation());
    }

    /// @notice Every flash loan left the pool's balance (and cash) up by exactly the premium, and no nested flash
    ///         loan started from inside a callback.
    function invariant_flashLoanRepaysExactlyPremium() public view {
        assertEq(handler.ghostFlashPremiumViolations(), 0, handler.lastViolation());
        assertEq(handler.ghostNestedFlashLoans(), 0, "a nested flash loan went through");
    }

    /// @notice withdraw(supply(x)) <= x for a fresh account, and a fresh supply is always withdrawable at once.
    function invariant_roundTripNeverProfits() public view {
        assertEq(handler.ghostRoundTripProfits(), 0, handler.lastViolation());
    }

    /// @notice The reentrancy lock and the flash flag are released after every call: views that run the account
    ///         valuation never revert, and a fresh supply followed by a full withdraw works.
    function invariant_lockReleased() public atRunTime {
        assertTrue(!pool.flashLoanInProgress(), "flash loan still marked in progress");
        address[] memory accts = handler.accounts();
        for (uint256 i; i < accts.length; ++i) pool.getUserAccountData(accts[i]);
        address probe = handler.ROUND_TRIPPER();
        usdc.mint(probe, 10e6);
        vm.startPrank(probe);
        usdc.approve(address(pool), type(uint256).max);
        pool.supply(address(usdc), 10e6, probe, 0);
        pool.withdraw(address(usdc), type(uint256).max, probe);
        vm.stopPrank();
    }

    /* ============================== END OF RUN: EVERYONE CAN LEAVE ============================== */

    /// @notice After each run: every debt can be repaid in full, then every supplier (and the treasury) can
    ///         withdraw everything; what is left backs DEAD's seed.
    function afterInvariant() public {
        _closeEverything();
    }

    /// @dev Repays every actor's debt in full, then withdraws every account's whole supply, asserting each step.
    function _closeEverything() internal {
        vm.warp(handler.currentTime());
        address[] memory list = handler.assets();
        address[] memory accts = handler.accounts();
        address dead = handler.dead();
        for (uint256 j; j < list.length; ++j) {
            for (uint256 i; i < accts.length; ++i) {
                uint256 debt = pool.debtBalanceOf(list[j], accts[i]);
                if (debt == 0) continue;
                MockERC20(list[j]).mint(accts[i], debt);
                vm.startPrank(accts[i]);
                IERC20(list[j]).approve(address(pool), type(uint256).max);
                pool.repay(list[j], type(uint256).max, 2, accts[i]);
                vm.stopPrank();
                assertEq(pool.debtBalanceOf(list[j], accts[i]), 0, "full repay left debt");
            }
            assertEq(pool.getKeelReserveData(list[j]).totalDebtScaled, 0, "debt left after everyone repaid");
        }
        for (uint256 j; j < list.length; ++j) {
            for (uint256 i; i < accts.length; ++i) {
                if (accts[i] == dead) continue;
                uint256 balance = pool.supplyBalanceOf(list[j], accts[i]);
                if (balance == 0) continue; // at most dust shares worth less than one unit
                uint256 before = IERC20(list[j]).balanceOf(accts[i]);
                uint256 out;
                if (accts[i] == address(treasury)) {
                    // The treasury's earnings leave through KeelTreasury (this contract holds the admin role).
                    out = treasury.withdrawFromPool(list[j], type(uint256).max, accts[i]);
                } else {
                    vm.prank(accts[i]);
                    out = pool.withdraw(list[j], type(uint256).max, accts[i]);
                }
                assertEq(out, balance, "full withdraw paid a different amount than the balance");
                assertEq(IERC20(list[j]).balanceOf(accts[i]) - before, balance, "full withdraw: tokens received");
                assertEq(pool.getUserPosition(list[j], accts[i]).scaledSupply, 0, "full withdraw left shares");
            }
            // DEAD's seed is still fully backed by what remains.
            uint256 deadClaim = pool.supplyBalanceOf(list[j], dead);
            assertGe(deadClaim, 1, "the seed lost all its value");
            assertGe(pool.getKeelReserveData(list[j]).cash, deadClaim, "cash left does not back the seed");
        }
    }

    /// @notice A scripted sequence (supply, borrow, interest, crash, liquidation, flash loan, transfers), driven
    ///         by fuzzed amounts through the same handler, then everyone leaves: full repay and full exit work.
    function testFuzz_sequenceThenCloseEverything(uint256 a, uint256 b, uint256 c, uint256 d) public {
        handler.supply(0, 1, a);
        handler.borrow(0, 1, b);
        handler.borrow(1, 0, c);
        handler.warp(d);
        handler.movePrice(1, 7_500);
        handler.movePrice(1, 7_500);
        handler.liquidate(2, 1, 1, 0, c, d % 2 == 0);
        handler.flashLoan(a, b, true);
        handler.transferKToken(0, 2, 0, c);
        handler.warp(a);
        handler.repay(1, 0, b, false);
        handler.supplyWithdrawRoundTrip(c, d);
        _closeEverything();
        assertEq(handler.ghostIndexViolations(), 0, handler.lastViolation());
        assertEq(handler.ghostSelfHarmViolations(), 0, handler.lastViolation());
        assertEq(handler.ghostFlashPremiumViolations(), 0, handler.lastViolation());
        assertEq(handler.ghostNestedFlashLoans(), 0, "nested flash loan");
        assertEq(handler.ghostRoundTripProfits(), 0, handler.lastViolation());
    }
}
