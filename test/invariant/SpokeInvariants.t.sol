// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Roles} from "../../contracts/access/Roles.sol";
import {ILiquidityHub} from "../../contracts/interfaces/ILiquidityHub.sol";
import {INftSpoke} from "../../contracts/interfaces/INftSpoke.sol";
import {MockAggregator} from "../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {MockNft} from "../../contracts/mocks/MockNft.sol";
import {SpokeClock} from "./utils/SpokeClock.sol";
import {SpokeFixture} from "./utils/SpokeFixture.sol";
import {vm} from "./utils/TestBase.sol";
import {NftSpokeHandler} from "./handlers/NftSpokeHandler.sol";
import {RwaSpokeHandler} from "./handlers/RwaSpokeHandler.sol";

/// @title SpokeInvariantsTest
/// @notice Stateful fuzzing of the NFT and RWA spokes on one hub, next to the core Pool spoke (`SpokeFixture`).
///         `NftSpokeHandler` and `RwaSpokeHandler` drive random bounded sequences on one shared clock; the
///         `invariant_*` functions below are checked after every call, and `afterInvariant` makes everyone leave at
///         the end of each run. The draw caps are tightened from the dev configuration's (1M USDC / 500 WETH for the
///         NFT spoke, 5M USDC for the RWA spoke) so that a 32-call run reaches them. See docs/invariants.md.
contract SpokeInvariantsTest is SpokeFixture {
    /// @dev A liquidity provider of the core spoke: the hub's cash the two spokes draw.
    address internal constant LP = address(0x1F1F);
    uint256 internal constant LP_USDC = 1_000_000e6;
    uint256 internal constant LP_WETH = 500e18;

    NftSpokeHandler internal nftHandler;
    RwaSpokeHandler internal rwaHandler;
    SpokeClock internal clock;
    address[] internal _hubAssets;

    function setUp() public {
        _deploySpokes(SpokeCaps({nftUsdcDraw: 12_000, nftWethDraw: 6, rwaUsdcDraw: 300_000, rwaAccountCap: 500_000}));
        usdc.mint(LP, LP_USDC);
        weth.mint(LP, LP_WETH);
        vm.startPrank(LP);
        usdc.approve(address(pool), type(uint256).max);
        weth.approve(address(pool), type(uint256).max);
        pool.supply(address(usdc), LP_USDC, LP, 0);
        pool.supply(address(weth), LP_WETH, LP, 0);
        vm.stopPrank();

        MockAggregator[] memory feeds = new MockAggregator[](5);
        (feeds[0], feeds[1], feeds[2], feeds[3], feeds[4]) = (usdcFeed, wethFeed, punkFloor, apeFloor, tbillNav);
        clock = new SpokeClock(feeds);
        _hubAssets.push(address(usdc));
        _hubAssets.push(address(weth));
        MockNft[] memory collectionList = new MockNft[](2);
        (collectionList[0], collectionList[1]) = (punks, apes);
        MockAggregator[] memory floors = new MockAggregator[](2);
        (floors[0], floors[1]) = (punkFloor, apeFloor);
        nftHandler = new NftSpokeHandler(
            nftSpoke,
            oracle,
            clock,
            wethFeed,
            _hubAssets,
            collectionList,
            floors,
            GUARDIAN,
            address(this)
        );
        rwaHandler = new RwaSpokeHandler(rwaSpoke, oracle, clock, tbill, tbillNav);
        manager.grantRole(Roles.RISK_ADMIN_ROLE, address(rwaHandler), 0); // acceptNav after a NAV jump
        manager.grantRole(Roles.RISK_ADMIN_ROLE, address(nftHandler), 0); // setTokenPremium
        vm.label(address(nftHandler), "NftSpokeHandler");
        vm.label(address(rwaHandler), "RwaSpokeHandler");

        // Every run starts with loans at 99% of their borrow power in both spokes (amount 0: the 99% branch), one
        // account at its item cap (its next deposit is refused), and an auction running: actor1's only item (a punk,
        // WETH debt) after the punk floor fell 40%. So auctions end (redeemed or settled), caps refuse, and NAV or
        // floor drops make more accounts liquidatable within 32-call runs.
        nftHandler.depositNft(0, 0);
        nftHandler.depositNft(0, 1);
        nftHandler.depositNft(1, 0);
        for (uint256 k; k < nftSpoke.MAX_NFTS_PER_ACCOUNT(); ++k) nftHandler.depositNft(2, 1);
        nftHandler.borrow(0, 0, 0); // USDC
        nftHandler.borrow(1, 1, 0); // WETH
        punkFloor.setAnswer(int256((PUNK_FLOOR * 60) / 100));
        nftHandler.bid(0, nftSpoke.itemsOf(_nftActor(0)).length, 0); // from actor1's item on: its punk
        assertGt(nftHandler.ghostAuctionsOpened(), 0, "setUp: no auction opened");
        rwaHandler.supply(0, 200_000e6);
        rwaHandler.supply(1, 100_000e6);
        rwaHandler.borrow(0, 0);
        rwaHandler.borrow(1, 0);

        targetContract(address(nftHandler));
        targetSelector(FuzzSelector({addr: address(nftHandler), selectors: nftHandler.selectors()}));
        targetContract(address(rwaHandler));
        targetSelector(FuzzSelector({addr: address(rwaHandler), selectors: rwaHandler.selectors()}));
    }

    /// @dev Invariant calls see the run's clock: views of accrued values revert before an asset's last update.
    modifier atRunTime() {
        clock.sync();
        _;
    }

    /* ============================== INVARIANTS ============================== */

    // Three campaigns (each `invariant_*` function is its own runs x depth campaign in this runner), each checking a
    // group of the properties below after every call: the suite's time stays within budget without dropping a check.

    /// @notice The hub's books with three spokes, what each spoke holds of the hub's assets, and the draw caps'
    ///         bound on each spoke's debt and loss: `_checkHubBooks`, `_checkSpokesHoldNoLentTokens`,
    ///         `_checkDrawCapsBoundDebtAndLoss`.
    function invariant_hubBooksAndDrawCaps() public atRunTime {
        _checkHubBooks();
        _checkSpokesHoldNoLentTokens();
        _checkDrawCapsBoundDebtAndLoss();
    }

    /// @notice The NFT spoke's books (`_checkNftDebtSharesMatchHub`, `_checkNftItemsRecordedOnce`) and the promises
    ///         each of its calls made (handler ghosts): deposits credited (none into a frozen collection), no borrow
    ///         while the spoke is frozen in the hub (the close-out shows everyone can still leave), withdrawals
    ///         and borrows ending healthy, full repayments leaving no debt, bids recorded, redemptions keeping the item
    ///         and ending healthy, settlements giving the item to the winner and exactly the surplus over the debt to
    ///         the borrower, an account left without items owing nothing, claims paying exactly the claimable.
    function invariant_nftSpokeBooks() public atRunTime {
        _checkNftDebtSharesMatchHub();
        _checkNftItemsRecordedOnce();
        assertEq(nftHandler.ghostViolations(), 0, nftHandler.lastViolation());
    }

    /// @notice The RWA spoke's books (`_checkRwaReceiptsMatchHoldings`, `_checkRwaAllowlistAndFreeze`) and the
    ///         promises each of its calls made (handler ghosts): withdrawals paying exactly the claim, borrows ending
    ///         healthy, full repayments leaving no debt, liquidations only below the hard floor or after the grace
    ///         period, liquidators receiving exactly the seized claim, a position without collateral owing nothing.
    function invariant_rwaSpokeBooks() public atRunTime {
        _checkRwaReceiptsMatchHoldings();
        _checkRwaAllowlistAndFreeze();
        assertEq(rwaHandler.ghostViolations(), 0, rwaHandler.lastViolation());
    }

    /* ============================== HUB ============================== */

    /// @notice The hub's books per asset, with three spokes on it: every spoke's supply shares plus the treasury's
    ///         equal `totalShares`, every spoke's drawn shares equal `totalDrawnShares`; `cash + drawn >= supplied`
    ///         (every claim, treasury included, is backed); and the hub holds exactly its `cash` (>= would be the
    ///         general form; with no donation or flash loan in this suite every token in the hub is booked).
    function _checkHubBooks() private view {
        address[] memory spokeList = hub.spokes();
        assertEq(spokeList.length, 3, "pool, NFT and RWA spokes");
        for (uint256 j; j < _hubAssets.length; ++j) {
            address asset = _hubAssets[j];
            ILiquidityHub.Asset memory a = hub.getAsset(asset);
            uint256 shares;
            uint256 drawn;
            for (uint256 s; s < spokeList.length; ++s) {
                ILiquidityHub.SpokeAsset memory sa = hub.getSpokeAsset(spokeList[s], asset);
                shares += sa.shares;
                drawn += sa.drawnShares;
            }
            assertEq(shares + a.treasuryShares, a.totalShares, "spokes' + treasury shares != totalShares");
            assertEq(drawn, a.totalDrawnShares, "spokes' drawn shares != totalDrawnShares");
            (uint256 supplied, uint256 borrowed, uint256 cash) = hub.assetTotals(asset);
            assertGe(cash + borrowed, supplied, "cash + drawn < supplied claims");
            assertEq(IERC20(asset).balanceOf(address(hub)), cash, "hub balance != cash");
        }
    }

    /// @notice No spoke keeps lent tokens, but for what the NFT spoke's design holds: the core spoke and the RWA spoke
    ///         hold none (draws go straight to the borrower, repayments straight to the hub); the NFT spoke holds
    ///         exactly the running auctions' highest bids plus every account's claimable refunds, fines and
    ///         surpluses in that asset (bids are escrowed until settlement, and refunds are pulled, never pushed).
    function _checkSpokesHoldNoLentTokens() private view {
        address[] memory accts = nftHandler.actors();
        for (uint256 j; j < _hubAssets.length; ++j) {
            address asset = _hubAssets[j];
            assertEq(IERC20(asset).balanceOf(address(pool)), 0, "the core spoke holds hub tokens");
            assertEq(IERC20(asset).balanceOf(address(rwaSpoke)), 0, "the RWA spoke holds hub tokens");
            uint256 escrow = _runningBids(asset);
            for (uint256 i; i < accts.length; ++i) escrow += nftSpoke.claimable(asset, accts[i]);
            assertEq(IERC20(asset).balanceOf(address(nftSpoke)), escrow, "NFT spoke balance != bids + claimables");
        }
    }

    /// @notice Each spoke's loss stays within its draw cap. The hub refuses a draw that would take the spoke's debt
    ///         plus the deficits it ever reported above `cap * 10^decimals`, at the borrow index `I_d` of that draw.
    ///         Between two draws the spoke's drawn shares only fall (repayments, write-offs), a write-off moves shares
    ///         worth `s * I_r <= s * I_now` into the deficit (plus one unit of rounding up), and interest grows the
    ///         rest by `I_now / I_d`. So now: `debt + deficit <= cap * 10^decimals * I_now / I_d` plus one unit per
    ///         call (the write-offs' and the debt's rounding up). A spoke that never drew owes nothing.
    function _checkDrawCapsBoundDebtAndLoss() private view {
        uint256 dust = 1 + nftHandler.ghostSteps() + rwaHandler.ghostSteps();
        _checkDrawCap(address(nftSpoke), address(usdc), nftHandler.ghostLastDrawIndex(address(usdc)), dust);
        _checkDrawCap(address(nftSpoke), address(weth), nftHandler.ghostLastDrawIndex(address(weth)), dust);
        _checkDrawCap(address(rwaSpoke), address(usdc), rwaHandler.ghostLastDrawIndex(), dust);
        assertEq(hub.getSpokeAsset(address(rwaSpoke), address(weth)).drawnShares, 0, "the RWA spoke drew WETH");
    }

    /* ============================== NFT SPOKE ============================== */

    /// @notice The NFT spoke's debt books: its accounts' drawn shares sum, per asset, to the spoke's drawn shares in
    ///         the hub (one debt asset per account), and every account that owes names a hub asset.
    function _checkNftDebtSharesMatchHub() private view {
        address[] memory accts = nftHandler.actors();
        uint256[] memory sums = new uint256[](_hubAssets.length);
        for (uint256 i; i < accts.length; ++i) {
            (address asset, uint256 shares, ) = nftSpoke.debtOf(accts[i]);
            if (shares == 0) continue;
            bool known;
            for (uint256 j; j < _hubAssets.length; ++j) {
                if (asset == _hubAssets[j]) {
                    sums[j] += shares;
                    known = true;
                }
            }
            assertTrue(known, "an account owes an asset the spoke does not lend");
        }
        for (uint256 j; j < _hubAssets.length; ++j) {
            assertEq(
                sums[j],
                hub.getSpokeAsset(address(nftSpoke), _hubAssets[j]).drawnShares,
                "accounts' debt != spoke's drawn"
            );
        }
    }

    /// @notice Every item the spoke holds is recorded to exactly one account (its depositor, whose item list holds it
    ///         once) and, if in auction, the auction is that account's; an item the spoke does not hold is recorded
    ///         to nobody and has no auction; the accounts' lists hold nothing else (their lengths sum to the items
    ///         held); each account holds at most `MAX_NFTS_PER_ACCOUNT` items and has at most one auction running.
    function _checkNftItemsRecordedOnce() private view {
        MockNft[] memory collectionList = nftHandler.collections();
        uint256 held;
        for (uint256 c; c < collectionList.length; ++c) {
            MockNft collection = collectionList[c];
            for (uint256 id = 1; id < collection.nextId(); ++id) {
                address depositor = nftSpoke.depositorOf(address(collection), id);
                INftSpoke.Auction memory au = nftSpoke.getAuction(address(collection), id);
                if (collection.ownerOf(id) != address(nftSpoke)) {
                    assertEq(depositor, address(0), "an item the spoke does not hold is recorded");
                    assertEq(au.borrower, address(0), "an item the spoke does not hold is in auction");
                    continue;
                }
                ++held;
                assertTrue(depositor != address(0), "an item the spoke holds is recorded to nobody");
                assertEq(_occurrences(depositor, address(collection), id), 1, "item not once in its depositor's list");
                if (au.borrower != address(0)) assertEq(au.borrower, depositor, "auction of another account's item");
            }
        }
        address[] memory accts = nftHandler.actors();
        uint256 listed;
        uint256 max = nftSpoke.MAX_NFTS_PER_ACCOUNT();
        for (uint256 i; i < accts.length; ++i) {
            INftSpoke.Item[] memory items = nftSpoke.itemsOf(accts[i]);
            assertLe(items.length, max, "account above its item cap");
            listed += items.length;
            uint256 auctions;
            for (uint256 k; k < items.length; ++k) {
                assertEq(nftSpoke.depositorOf(items[k].collection, items[k].tokenId), accts[i], "listed item not its");
                if (nftSpoke.getAuction(items[k].collection, items[k].tokenId).borrower != address(0)) ++auctions;
            }
            assertLe(auctions, 1, "more than one auction per account");
        }
        assertEq(listed, held, "accounts' item lists != items held");
    }

    /* ============================== RWA SPOKE ============================== */

    /// @notice The RWA spoke's books: the receipts (internal, non-transferable claims) of every account sum to the
    ///         listing's `total` and to the TBILL the spoke holds (no issuer seizure here: coverage is 100%); the
    ///         positions' drawn shares sum to the spoke's drawn shares in the hub.
    function _checkRwaReceiptsMatchHoldings() private view {
        address[] memory accts = rwaHandler.actors();
        uint256 receipts;
        uint256 shares;
        for (uint256 i; i < accts.length; ++i) {
            (uint256 collateral, uint256 drawnShares, ) = rwaSpoke.positionOf(accts[i], address(tbill));
            receipts += collateral;
            shares += drawnShares;
        }
        assertEq(receipts, rwaSpoke.getCollateral(address(tbill)).total, "receipts != listing total");
        assertEq(receipts, tbill.balanceOf(address(rwaSpoke)), "receipts != TBILL held by the spoke");
        assertEq(rwaSpoke.coverage(address(tbill)), WAD, "coverage below 100% without a seizure");
        assertEq(shares, hub.getSpokeAsset(address(rwaSpoke), address(usdc)).drawnShares, "positions' debt != drawn");
    }

    /// @notice Receipt holders were on the allowlist when they supplied, and freezes do not corrupt accounting:
    ///         - a receipt only grows through `supply`, which the spoke refuses to anyone off the allowlist (receipts
    ///           are internal balances: no transfer can hand one to an account that never supplied), so no successful
    ///           supply by an account off the allowlist means every holder was on it at supply time (it may have been
    ///           taken off since: its claim stays);
    ///         - every account's receipt (frozen holders' included) equals what its successful supplies,
    ///           withdrawals and liquidations moved, so a reverted call by a frozen holder moved nothing;
    ///         - no frozen holder withdrew (the token refuses the transfer and the whole call reverts), and no
    ///           liquidator off the allowlist liquidated.
    function _checkRwaAllowlistAndFreeze() private view {
        address[] memory accts = rwaHandler.actors();
        for (uint256 i; i < accts.length; ++i) {
            (uint256 collateral, , ) = rwaSpoke.positionOf(accts[i], address(tbill));
            assertEq(collateral, rwaHandler.ghostCollateral(accts[i]), "receipt != its successful calls' sum");
        }
        assertEq(rwaHandler.ghostSuppliesOffAllowlist(), 0, "a supply off the allowlist succeeded");
        assertEq(rwaHandler.ghostFrozenWithdrawals(), 0, "a frozen holder withdrew");
        assertEq(rwaHandler.ghostLiquidatorsOffAllowlist(), 0, "a liquidator off the allowlist liquidated");
    }

    /* ============================== END OF RUN: EVERYONE CAN LEAVE ============================== */

    /// @notice After each run: see `_closeEverything`.
    function afterInvariant() public {
        _closeEverything();
    }

    /// @dev Ends every auction (redeemed by its borrower within the window, else settled after its end), repays every
    ///      debt in full in both spokes (the spokes then owe the hub nothing), withdraws every item and, after the
    ///      issuer unfreezes and allowlists every holder, every receipt in full (exactly the claim comes back), and
    ///      claims every refund: both spokes end holding nothing.
    function _closeEverything() internal {
        clock.sync();
        _endAuctions();
        address[] memory nftAccts = nftHandler.actors();
        for (uint256 i; i < nftAccts.length; ++i) {
            (address asset, , uint256 debt) = nftSpoke.debtOf(nftAccts[i]);
            if (debt != 0) {
                MockERC20(asset).mint(nftAccts[i], debt);
                vm.prank(nftAccts[i]);
                nftSpoke.repay(nftAccts[i], type(uint256).max);
            }
            INftSpoke.Item[] memory items = nftSpoke.itemsOf(nftAccts[i]);
            for (uint256 k; k < items.length; ++k) {
                vm.prank(nftAccts[i]);
                nftSpoke.withdrawNft(items[k].collection, items[k].tokenId, nftAccts[i]);
                assertEq(MockNft(items[k].collection).ownerOf(items[k].tokenId), nftAccts[i], "item not returned");
            }
            for (uint256 j; j < _hubAssets.length; ++j) {
                if (nftSpoke.claimable(_hubAssets[j], nftAccts[i]) == 0) continue;
                vm.prank(nftAccts[i]);
                nftSpoke.claim(_hubAssets[j], nftAccts[i]);
            }
        }
        for (uint256 j; j < _hubAssets.length; ++j) {
            assertEq(hub.getSpokeAsset(address(nftSpoke), _hubAssets[j]).drawnShares, 0, "NFT spoke still owes");
            assertEq(IERC20(_hubAssets[j]).balanceOf(address(nftSpoke)), 0, "NFT spoke kept tokens");
        }
        _closeRwa();
    }

    function _endAuctions() private {
        MockNft[] memory collectionList = nftHandler.collections();
        for (uint256 c; c < collectionList.length; ++c) {
            for (uint256 id = 1; id < collectionList[c].nextId(); ++id) {
                INftSpoke.Auction memory au = nftSpoke.getAuction(address(collectionList[c]), id);
                if (au.borrower == address(0)) continue;
                if (block.timestamp < au.redeemUntil) {
                    // The borrower redeems: its whole debt plus the fine.
                    (, , uint256 debt) = nftSpoke.debtOf(au.borrower);
                    MockERC20(au.asset).mint(au.borrower, debt + au.highestBid);
                    vm.prank(au.borrower);
                    nftSpoke.redeem(address(collectionList[c]), id, type(uint256).max);
                } else {
                    if (block.timestamp < au.endsAt) clock.advance(au.endsAt - block.timestamp);
                    nftSpoke.settle(address(collectionList[c]), id);
                }
                assertEq(nftSpoke.getAuction(address(collectionList[c]), id).borrower, address(0), "auction not ended");
            }
        }
    }

    function _closeRwa() private {
        address[] memory accts = rwaHandler.actors();
        for (uint256 i; i < accts.length; ++i) {
            (uint256 collateral, uint256 shares, ) = rwaSpoke.positionOf(accts[i], address(tbill));
            if (shares != 0) {
                (, uint256 borrowIndex) = hub.currentIndexes(address(usdc));
                usdc.mint(accts[i], Math.mulDiv(shares, borrowIndex, RAY, Math.Rounding.Ceil));
                vm.prank(accts[i]);
                rwaSpoke.repay(address(tbill), type(uint256).max, accts[i]);
            }
            if (collateral == 0) continue;
            vm.startPrank(ISSUER);
            tbill.setFrozen(accts[i], false);
            tbill.setAllowed(accts[i], true);
            vm.stopPrank();
            uint256 before = tbill.balanceOf(accts[i]);
            vm.prank(accts[i]);
            uint256 sent = rwaSpoke.withdraw(address(tbill), type(uint256).max);
            assertEq(sent, collateral, "full withdraw sent a different amount than the claim");
            assertEq(tbill.balanceOf(accts[i]) - before, collateral, "full withdraw: tokens received");
        }
        assertEq(hub.getSpokeAsset(address(rwaSpoke), address(usdc)).drawnShares, 0, "RWA spoke still owes");
        assertEq(tbill.balanceOf(address(rwaSpoke)), 0, "RWA spoke kept TBILL");
        assertEq(rwaSpoke.getCollateral(address(tbill)).total, 0, "RWA receipts left");
    }

    /* ============================== SCRIPTED SEQUENCES ============================== */

    /// @notice An NFT loan through a floor crash deep enough that the opening bid is below the debt: the auction is
    ///         opened and outbid (fuzzed amounts), settled after its end, and the shortfall reported as the spoke's
    ///         deficit; the auction running since setUp ends too (redeemed within the window or settled). Every
    ///         invariant holds afterwards, then everyone leaves.
    function testFuzz_nftAuctionToDeficitThenCloseEverything(uint256 a, uint256 b, uint256 c) public {
        nftHandler.depositNft(3, 1); // an ape: LTV 30%, threshold 50%
        nftHandler.borrow(3, 0, 0); // 99% of its borrow power in USDC
        for (uint256 k; k < 5; ++k) nftHandler.moveFloor(1, 7_500); // ape floor at 24%: 95% of it < the debt
        uint256 first =
            nftSpoke.itemsOf(_nftActor(0)).length +
                nftSpoke.itemsOf(_nftActor(1)).length +
                nftSpoke.itemsOf(_nftActor(2)).length; // actor3's ape in the handler's item order
        nftHandler.bid(1, first, a);
        nftHandler.bid(2, first, b);
        INftSpoke.Item memory ape = nftSpoke.itemsOf(_nftActor(3))[0];
        assertEq(nftSpoke.getAuction(ape.collection, ape.tokenId).highestBidder, _nftActor(2), "not outbid");
        nftHandler.warp(c % 2 == 0 ? 1 hours : 2 days);
        nftHandler.redeem(nftSpoke.itemsOf(_nftActor(0)).length, c, true); // the setUp auction, within the window
        nftHandler.warp(2 days);
        nftHandler.settle(c, first);
        nftHandler.settle(c, 0);
        nftHandler.claim(1, 0);
        _checkAll();
        assertEq(nftHandler.ghostDeficits(), 1, "the shortfall was not reported");
        assertEq(nftHandler.ghostAuctionsSettled() + nftHandler.ghostRedemptions(), 2, "an auction did not end");
        assertGt(hub.getSpokeAsset(address(nftSpoke), address(usdc)).deficit, 0, "no deficit recorded in the hub");
        _closeEverything();
    }

    /// @notice An RWA loan through a NAV jump, a freeze of the borrower, the grace period and an allowlisted
    ///         liquidation (a stranger's attempt refused), with fuzzed amounts, then everyone leaves.
    function testFuzz_rwaFreezeLiquidationSequenceThenCloseEverything(uint256 a, uint256 b, uint256 c) public {
        rwaHandler.setFrozen(0, true);
        rwaHandler.withdraw(0, a, false); // refused by the token: the frozen holder's claim stays
        rwaHandler.moveNav(7_000 + (b % 500), true);
        rwaHandler.poke(0);
        rwaHandler.liquidate(3, 0, c); // actor 3 is off the allowlist: refused
        rwaHandler.warp(3 days + 1);
        rwaHandler.liquidate(2, 0, c);
        rwaHandler.repay(3, 0, a, c % 2 == 0);
        rwaHandler.supply(1, b);
        _checkAll();
        assertGt(rwaHandler.ghostFrozenLiquidations(), 0, "the frozen holder was not liquidated");
        _closeEverything();
    }

    function _checkAll() private {
        clock.sync();
        invariant_hubBooksAndDrawCaps();
        invariant_nftSpokeBooks();
        invariant_rwaSpokeBooks();
    }

    /* ============================== HELPERS ============================== */

    function _checkDrawCap(address spoke, address asset, uint256 lastDrawIndex, uint256 dust) private view {
        ILiquidityHub.SpokeAsset memory sa = hub.getSpokeAsset(spoke, asset);
        if (lastDrawIndex == 0) {
            assertEq(sa.drawnShares, 0, "drawn shares without a draw");
            assertEq(sa.deficit, 0, "deficit without a draw");
            return;
        }
        (, uint256 borrowIndex) = hub.currentIndexes(asset);
        uint256 owed = Math.mulDiv(sa.drawnShares, borrowIndex, RAY, Math.Rounding.Ceil) + sa.deficit;
        uint256 cap = uint256(sa.drawCap) * 10 ** MockERC20(asset).decimals();
        assertLe(
            owed,
            Math.mulDiv(cap, borrowIndex, lastDrawIndex, Math.Rounding.Ceil) + dust,
            "debt + loss above cap"
        );
    }

    function _runningBids(address asset) private view returns (uint256 sum) {
        MockNft[] memory collectionList = nftHandler.collections();
        for (uint256 c; c < collectionList.length; ++c) {
            for (uint256 id = 1; id < collectionList[c].nextId(); ++id) {
                INftSpoke.Auction memory au = nftSpoke.getAuction(address(collectionList[c]), id);
                if (au.borrower != address(0) && au.asset == asset) sum += au.highestBid;
            }
        }
    }

    function _nftActor(uint256 i) private view returns (address) {
        return nftHandler.actors()[i];
    }

    function _occurrences(address account, address collection, uint256 tokenId) private view returns (uint256 n) {
        INftSpoke.Item[] memory items = nftSpoke.itemsOf(account);
        for (uint256 k; k < items.length; ++k) {
            if (items[k].collection == collection && items[k].tokenId == tokenId) ++n;
        }
    }
}
