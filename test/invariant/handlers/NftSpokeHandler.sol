// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {INftSpoke} from "../../../contracts/interfaces/INftSpoke.sol";
import {ILiquidityHub} from "../../../contracts/interfaces/ILiquidityHub.sol";
import {IPriceOracle} from "../../../contracts/interfaces/IPriceOracle.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockNft} from "../../../contracts/mocks/MockNft.sol";
import {SpokeClock} from "../utils/SpokeClock.sol";
import {TestBase, vm} from "../utils/TestBase.sol";

/// @title NftSpokeHandler
/// @notice Drives bounded random sequences against the NFT spoke for `SpokeInvariantsTest`: four actors deposit
///         items of two collections, borrow USDC or WETH against them, repay (for themselves or each other),
///         withdraw items, bid on each other's items, redeem during the protection window, settle ended auctions and
///         claim refunds; the risk admin sets item premiums, the guardian freezes collections and the spoke itself in
///         the hub (the admin unfreezes them); the environment moves the floors and the WETH price and advances the shared clock. The
///         handler never reverts: inputs are bounded so most calls succeed, spoke reverts are caught and counted, and
///         what the spoke promises per call (the winner gets the item, the surplus is the borrower's, a borrow ends
///         healthy...) is recorded as ghost violations that the invariants assert to be zero.
contract NftSpokeHandler is TestBase {
    /* ============================== SETUP ============================== */

    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    /// @dev Longest clock jump per call: beyond an auction (1 day) and its protection window (4 hours).
    uint256 internal constant MAX_TIME_JUMP = 2 days;

    INftSpoke public immutable spoke;
    ILiquidityHub public immutable hub;
    IPriceOracle public immutable oracle;
    SpokeClock public immutable clock;
    /// @dev The price feed of WETH (moved by `movePrice`); USDC stays at $1.
    MockAggregator public immutable wethFeed;

    /// @dev Holders of GUARDIAN (`freezeCollection`, `hub.freezeSpoke`) and ADMIN (`unfreezeCollection`,
    ///      `hub.unfreezeSpoke`); the handler itself holds
    ///      RISK_ADMIN (`setTokenPremium`).
    address public immutable guardian;
    address public immutable admin;

    address[] internal _assets;
    MockNft[] internal _collections;
    MockAggregator[] internal _floors;
    uint256[] internal _initialFloors;
    address[] internal _actors;

    /* ============================== GHOSTS ============================== */

    /// @dev Handler calls so far (setUp's included): bounds the rounding dust of the cap invariant.
    uint256 public ghostSteps;
    /// @dev Hub borrow index of `asset` right after this spoke's last successful draw (0: never drew).
    mapping(address asset => uint256) public ghostLastDrawIndex;
    /// @dev A per-call promise of the spoke that did not hold (see `lastViolation`).
    uint256 public ghostViolations;
    /// @dev Borrows the hub refused at the spoke's draw cap (the cap is reached, not only bounded).
    uint256 public ghostDrawCapRefusals;
    uint256 public ghostAuctionsOpened;
    uint256 public ghostAuctionsSettled;
    uint256 public ghostRedemptions;
    uint256 public ghostDeficits;

    /// @dev Successful and failed calls per action, for a report.
    mapping(bytes32 action => uint256) public calls;
    mapping(bytes32 action => uint256) public failures;

    string internal _lastViolation;

    constructor(
        INftSpoke spoke_,
        IPriceOracle oracle_,
        SpokeClock clock_,
        MockAggregator wethFeed_,
        address[] memory assets_,
        MockNft[] memory collections_,
        MockAggregator[] memory floors_,
        address guardian_,
        address admin_
    ) {
        guardian = guardian_;
        admin = admin_;
        spoke = spoke_;
        hub = ILiquidityHub(spoke_.hub());
        oracle = oracle_;
        clock = clock_;
        wethFeed = wethFeed_;
        for (uint256 i; i < assets_.length; ++i) _assets.push(assets_[i]);
        for (uint256 i; i < collections_.length; ++i) {
            _collections.push(collections_[i]);
            _floors.push(floors_[i]);
            (, int256 floor, , , ) = floors_[i].latestRoundData();
            _initialFloors.push(uint256(floor));
        }
        for (uint256 i; i < 4; ++i) {
            address actor = address(uint160(0xB0000 + i));
            _actors.push(actor);
            vm.label(actor, string.concat("nftActor", vm.toString(i)));
            vm.startPrank(actor);
            for (uint256 j; j < assets_.length; ++j) IERC20(assets_[j]).approve(address(spoke_), type(uint256).max);
            for (uint256 c; c < collections_.length; ++c) collections_[c].setApprovalForAll(address(spoke_), true);
            vm.stopPrank();
        }
    }

    /* ============================== VIEWS FOR THE INVARIANTS ============================== */

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function assets() external view returns (address[] memory) {
        return _assets;
    }

    function collections() external view returns (MockNft[] memory) {
        return _collections;
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

    function _fund(address asset, address who, uint256 amount) private {
        uint256 bal = IERC20(asset).balanceOf(who);
        if (bal < amount) MockERC20(asset).mint(who, amount - bal);
    }

    function _hf(address account) private view returns (uint256 hf) {
        (, , , , hf) = spoke.accountData(account);
    }

    /// @dev True when one of `account`'s items has a running auction (the spoke allows one at a time).
    function _inAuction(address account) private view returns (bool) {
        INftSpoke.Item[] memory items = spoke.itemsOf(account);
        for (uint256 i; i < items.length; ++i) {
            if (spoke.getAuction(items[i].collection, items[i].tokenId).borrower != address(0)) return true;
        }
        return false;
    }

    /// @dev Every deposited item with its depositor, actor by actor.
    function _deposited() private view returns (INftSpoke.Item[] memory items, address[] memory owners) {
        uint256 n;
        for (uint256 i; i < _actors.length; ++i) n += spoke.itemsOf(_actors[i]).length;
        items = new INftSpoke.Item[](n);
        owners = new address[](n);
        uint256 k;
        for (uint256 i; i < _actors.length; ++i) {
            INftSpoke.Item[] memory own = spoke.itemsOf(_actors[i]);
            for (uint256 j; j < own.length; ++j) {
                items[k] = own[j];
                owners[k++] = _actors[i];
            }
        }
    }

    function _recordDraw(address asset) private {
        ghostLastDrawIndex[asset] = hub.getAsset(asset).borrowIndex;
    }

    /* ============================== USER ACTIONS ============================== */

    /// @notice Mints a fresh item of a collection to the actor and deposits it (`safeTransferFrom` to the spoke).
    ///         Refused beyond `MAX_NFTS_PER_ACCOUNT` items: the item then stays with the actor.
    function depositNft(uint256 actorSeed, uint256 collectionSeed) external step {
        address actor = _actor(actorSeed);
        MockNft collection = _collections[collectionSeed % _collections.length];
        uint256 tokenId = collection.mint(actor);
        bool frozen = spoke.getCollection(address(collection)).frozen;
        vm.prank(actor);
        try collection.safeTransferFrom(actor, address(spoke), tokenId) {
            _count("depositNft", true);
            if (spoke.depositorOf(address(collection), tokenId) != actor)
                _violation("deposit not credited to the depositor");
            if (frozen) _violation("deposit into a frozen collection");
        } catch {
            _count("depositNft", false);
        }
    }

    /// @notice Withdraws one of the actor's items to the actor (refused while it has an auction running or when the
    ///         rest would not cover its debt).
    function withdrawNft(uint256 actorSeed, uint256 itemSeed) external step {
        address actor = _actor(actorSeed);
        INftSpoke.Item[] memory items = spoke.itemsOf(actor);
        if (items.length == 0) return;
        INftSpoke.Item memory it = items[itemSeed % items.length];
        vm.prank(actor);
        try spoke.withdrawNft(it.collection, it.tokenId, actor) {
            _count("withdrawNft", true);
            if (MockNft(it.collection).ownerOf(it.tokenId) != actor) _violation("withdrawn item not at its owner");
            if (_hf(actor) < WAD) _violation("withdraw left the account unhealthy");
        } catch {
            _count("withdrawNft", false);
        }
    }

    /// @notice Borrows up to the actor's remaining borrow power (its debt asset if it owes one), within the hub's
    ///         cash; one call in four takes 99% of it (accounts at the edge make auctions reachable).
    function borrow(uint256 actorSeed, uint256 assetSeed, uint256 amount) external step {
        address actor = _actor(actorSeed);
        (address asset, , ) = spoke.debtOf(actor);
        if (asset == address(0)) asset = _assets[assetSeed % _assets.length];
        (, uint256 power, , uint256 debt, ) = spoke.accountData(actor);
        if (power <= debt) return;
        uint256 unit = 10 ** MockERC20(asset).decimals();
        uint256 maxAmount = Math.min(((power - debt) * unit) / oracle.getAssetPrice(asset), hub.availableCash(asset));
        if (maxAmount == 0) return;
        amount = amount % 4 == 0 ? Math.max((maxAmount * 99) / 100, 1) : bound(amount, 1, maxAmount);
        bool spokeFrozen = hub.isFrozen(address(spoke));
        vm.prank(actor);
        try spoke.borrow(asset, amount, actor) {
            _count("borrow", true);
            if (spokeFrozen) _violation("borrow while the spoke is frozen in the hub");
            _recordDraw(asset);
            // LTV < threshold: a borrow within the borrow power ends healthy outright.
            if (_hf(actor) < WAD) _violation("borrow ended below HF 1");
        } catch (bytes memory reason) {
            _count("borrow", false);
            if (bytes4(reason) == ILiquidityHub.HubDrawCapExceeded.selector) ++ghostDrawCapRefusals;
        }
    }

    /// @notice Repays part of an account's debt (or all of it with `all`), paid by any actor.
    function repay(uint256 payerSeed, uint256 actorSeed, uint256 amount, bool all) external step {
        address payer = _actor(payerSeed);
        address account = _actor(actorSeed);
        (address asset, , uint256 debt) = spoke.debtOf(account);
        if (debt == 0) return;
        amount = all ? type(uint256).max : bound(amount, 1, debt);
        _fund(asset, payer, debt);
        vm.prank(payer);
        try spoke.repay(account, amount) {
            _count("repay", true);
            (, uint256 shares, ) = spoke.debtOf(account);
            if (all && shares != 0) _violation("full repay left debt");
        } catch {
            _count("repay", false);
        }
    }

    /// @notice Bids on an item: from `itemSeed` on, the first one with a running auction (next bid) or whose owner
    ///         is below health factor 1 with no auction running (opening bid). The bidder is another actor, bidding
    ///         the minimum up to 10% above it.
    function bid(uint256 bidderSeed, uint256 itemSeed, uint256 amount) external step {
        (INftSpoke.Item[] memory items, address[] memory owners) = _deposited();
        uint256 n = items.length;
        for (uint256 k; k < n; ++k) {
            uint256 i = ((itemSeed % n) + k) % n;
            INftSpoke.Auction memory au = spoke.getAuction(items[i].collection, items[i].tokenId);
            address asset;
            if (au.borrower != address(0)) {
                if (block.timestamp >= au.endsAt) continue;
                asset = au.asset;
            } else {
                if (_hf(owners[i]) >= WAD || _inAuction(owners[i])) continue;
                (asset, , ) = spoke.debtOf(owners[i]);
            }
            _bid(bidderSeed, owners[i], items[i], asset, au.borrower == address(0), amount);
            return;
        }
    }

    function _bid(
        uint256 bidderSeed,
        address owner,
        INftSpoke.Item memory it,
        address asset,
        bool opening,
        uint256 amount
    ) private {
        address bidder = _actor(bidderSeed);
        if (bidder == owner) bidder = _actor((bidderSeed % _actors.length) + 1);
        uint256 minimum = spoke.minimumBid(it.collection, it.tokenId);
        amount = bound(amount, minimum, minimum + minimum / 10);
        _fund(asset, bidder, amount);
        vm.prank(bidder);
        try spoke.bid(it.collection, it.tokenId, amount) {
            _count("bid", true);
            if (opening) ++ghostAuctionsOpened;
            INftSpoke.Auction memory au = spoke.getAuction(it.collection, it.tokenId);
            if (au.highestBidder != bidder || au.highestBid != amount) _violation("bid not recorded as the highest");
        } catch {
            _count("bid", false);
        }
    }

    /// @notice The owner of an item in auction, within the protection window, repays (all of its debt, or a fuzzed
    ///         part that may fall short of health) plus the fine and keeps the item.
    function redeem(uint256 itemSeed, uint256 amount, bool all) external step {
        (INftSpoke.Item[] memory items, address[] memory owners) = _deposited();
        uint256 n = items.length;
        for (uint256 k; k < n; ++k) {
            uint256 i = ((itemSeed % n) + k) % n;
            INftSpoke.Auction memory au = spoke.getAuction(items[i].collection, items[i].tokenId);
            if (au.borrower == address(0) || block.timestamp >= au.redeemUntil) continue;
            (, , uint256 debt) = spoke.debtOf(owners[i]);
            amount = all || debt == 0 ? type(uint256).max : bound(amount, 1, debt);
            _fund(au.asset, owners[i], debt + au.highestBid);
            vm.prank(owners[i]);
            try spoke.redeem(items[i].collection, items[i].tokenId, amount) {
                _count("redeem", true);
                ++ghostRedemptions;
                if (spoke.depositorOf(items[i].collection, items[i].tokenId) != owners[i]) {
                    _violation("redeemed item left its owner");
                }
                if (_hf(owners[i]) < WAD) _violation("redeem left the account unhealthy");
            } catch {
                _count("redeem", false);
            }
            return;
        }
    }

    /// @notice Settles an ended auction (the first from `itemSeed` on), called by any actor. Checks the settlement's
    ///         promises: the winner holds the item, the borrower is credited exactly the surplus over its debt, and an
    ///         account left without items owes nothing (the rest was reported as the spoke's deficit).
    function settle(uint256 callerSeed, uint256 itemSeed) external step {
        (INftSpoke.Item[] memory items, address[] memory owners) = _deposited();
        uint256 n = items.length;
        for (uint256 k; k < n; ++k) {
            uint256 i = ((itemSeed % n) + k) % n;
            INftSpoke.Item memory it = items[i];
            INftSpoke.Auction memory au = spoke.getAuction(it.collection, it.tokenId);
            if (au.borrower == address(0) || block.timestamp < au.endsAt) continue;
            (, , uint256 debt) = spoke.debtOf(owners[i]);
            uint256 claimBefore = spoke.claimable(au.asset, owners[i]);
            uint256 deficitBefore = hub.getSpokeAsset(address(spoke), au.asset).deficit;
            vm.prank(_actor(callerSeed));
            try spoke.settle(it.collection, it.tokenId) {
                _count("settle", true);
                ++ghostAuctionsSettled;
                _checkSettlement(it, au, owners[i], debt, claimBefore, deficitBefore);
            } catch {
                _count("settle", false);
            }
            return;
        }
    }

    function _checkSettlement(
        INftSpoke.Item memory it,
        INftSpoke.Auction memory au,
        address owner,
        uint256 debtBefore,
        uint256 claimBefore,
        uint256 deficitBefore
    ) private {
        if (MockNft(it.collection).ownerOf(it.tokenId) != au.highestBidder) _violation("winner did not get the item");
        if (spoke.depositorOf(it.collection, it.tokenId) != address(0)) _violation("settled item still deposited");
        uint256 surplus = au.highestBid - Math.min(au.highestBid, debtBefore);
        if (spoke.claimable(au.asset, owner) != claimBefore + surplus)
            _violation("surplus not credited to the borrower");
        (, uint256 shares, ) = spoke.debtOf(owner);
        if (spoke.itemsOf(owner).length == 0 && shares != 0) _violation("account without items still owes");
        if (hub.getSpokeAsset(address(spoke), au.asset).deficit != deficitBefore) ++ghostDeficits;
    }

    /// @notice Claims the actor's refunds, fines and surpluses in one asset; it must receive exactly its claimable.
    function claim(uint256 actorSeed, uint256 assetSeed) external step {
        address actor = _actor(actorSeed);
        address asset = _assets[assetSeed % _assets.length];
        uint256 owed = spoke.claimable(asset, actor);
        if (owed == 0) return;
        uint256 before = IERC20(asset).balanceOf(actor);
        vm.prank(actor);
        try spoke.claim(asset, actor) {
            _count("claim", true);
            if (IERC20(asset).balanceOf(actor) - before != owed) _violation("claim paid a different amount");
        } catch {
            _count("claim", false);
        }
    }

    /* ============================== ADMINS ============================== */

    /// @notice The risk admin sets an item's premium over its floor (50% .. 300%) or clears it (one call in four):
    ///         accounts holding it gain or lose borrow power, possibly their health.
    function setPremium(uint256 itemSeed, uint256 premiumBps) external step {
        (INftSpoke.Item[] memory items, ) = _deposited();
        if (items.length == 0) return;
        INftSpoke.Item memory it = items[itemSeed % items.length];
        premiumBps = premiumBps % 4 == 0 ? 0 : bound(premiumBps, 5_000, 30_000);
        try spoke.setTokenPremium(it.collection, it.tokenId, uint32(premiumBps)) {
            _count("setPremium", true);
        } catch {
            _count("setPremium", false);
        }
    }

    /// @notice The guardian freezes a collection (no new deposits; loans, repayments and auctions go on), or the
    ///         admin unfreezes it.
    function setCollectionFrozen(uint256 collectionSeed, bool frozen) external step {
        address collection = address(_collections[collectionSeed % _collections.length]);
        vm.prank(frozen ? guardian : admin);
        if (frozen) spoke.freezeCollection(collection);
        else spoke.unfreezeCollection(collection);
        _count("setCollectionFrozen", true);
    }

    /// @notice The guardian freezes this spoke in the hub (no new draws; repayments, settlements and deficit reports
    ///         go on, so no one's items or refunds are locked), or the admin unfreezes it.
    function setSpokeFrozen(bool frozen) external step {
        vm.prank(frozen ? guardian : admin);
        if (frozen) hub.freezeSpoke(address(spoke));
        else hub.unfreezeSpoke(address(spoke));
        _count("setSpokeFrozen", true);
    }

    /* ============================== ENVIRONMENT ============================== */

    /// @notice Moves a collection's floor by up to +/-25%, within [1/10, 10x] of its initial value.
    function moveFloor(uint256 collectionSeed, uint256 changeBps) external step {
        uint256 c = collectionSeed % _collections.length;
        (, int256 answer, , , ) = _floors[c].latestRoundData();
        changeBps = bound(changeBps, 7_500, 12_500);
        uint256 initial = _initialFloors[c];
        uint256 floor = Math.min(Math.max((uint256(answer) * changeBps) / BPS, initial / 10), initial * 10);
        _floors[c].setAnswer(int256(floor));
        _count("moveFloor", true);
    }

    /// @notice Moves the WETH price by up to +/-25%, within [$200, $20,000] (debts in WETH move with it).
    function movePrice(uint256 changeBps) external step {
        (, int256 answer, , , ) = wethFeed.latestRoundData();
        changeBps = bound(changeBps, 7_500, 12_500);
        uint256 price = Math.min(Math.max((uint256(answer) * changeBps) / BPS, 200e8), 20_000e8);
        wethFeed.setAnswer(int256(price));
        _count("movePrice", true);
    }

    /// @notice Moves the shared clock forward by 1 second to 2 days (every feed publishes a fresh round).
    function warp(uint256 secondsForward) external step {
        clock.advance(bound(secondsForward, 1, MAX_TIME_JUMP));
        _count("warp", true);
    }

    /// @notice The fuzzed entry points (the invariant test registers them with `targetSelector`).
    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](14);
        s[0] = this.depositNft.selector;
        s[1] = this.withdrawNft.selector;
        s[2] = this.borrow.selector;
        s[3] = this.repay.selector;
        s[4] = this.bid.selector;
        s[5] = this.redeem.selector;
        s[6] = this.settle.selector;
        s[7] = this.claim.selector;
        s[8] = this.moveFloor.selector;
        s[9] = this.movePrice.selector;
        s[10] = this.warp.selector;
        s[11] = this.setPremium.selector;
        s[12] = this.setCollectionFrozen.selector;
        s[13] = this.setSpokeFrozen.selector;
    }
}
