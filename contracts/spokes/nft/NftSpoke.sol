// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {TransientReentrancyGuard} from "../../utils/TransientReentrancyGuard.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

import {INftSpoke} from "../../interfaces/INftSpoke.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {IModuleRegistry} from "../../interfaces/IModuleRegistry.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IUpgradeCheckable} from "../../interfaces/IUpgradeCheckable.sol";
import {AggregatorV3Interface} from "../../interfaces/AggregatorV3Interface.sol";
import {ModuleIds} from "../../registry/ModuleIds.sol";
import {WadRayMath} from "../../libraries/math/WadRayMath.sol";
import {NftLogic} from "./NftLogic.sol";
import {AbiIds} from "../../upgrades/AbiIds.sol";

/// @title NftSpoke
/// @notice Loans from the liquidity hub against ERC-721 items, liquidated by ascending auctions. See `INftSpoke`.
/// @dev The floor feed is read by the linked library `NftLogic` (size). Behind an ERC-1967 UUPS proxy, upgraded only through `KeelUpgrader` (UPGRADER_ROLE), every privileged call
///      decided by the AccessManager. All mutable state lives in the ERC-7201 namespace `keel.storage.NftSpoke`.
/// @custom:oz-upgrades-unsafe-allow external-library-linking
contract NftSpoke is
    Initializable,
    UUPSUpgradeable,
    AccessManagedUpgradeable,
    TransientReentrancyGuard,
    INftSpoke,
    IUpgradeCheckable
{
    using SafeERC20 for IERC20;
    using WadRayMath for uint256;

    /* ============================== CONSTANTS ============================== */

    /// @notice Items one account may hold: bounds every loop over an account.
    uint256 public constant MAX_NFTS_PER_ACCOUNT = 10;
    /// @notice Collections that may be listed (bounds the state digest).
    uint256 public constant MAX_COLLECTIONS = 32;
    /// @notice Assets that may ever be enabled for borrowing.
    uint256 public constant MAX_BORROW_ASSETS = 8;
    /// @notice Highest liquidation threshold of a collection, bps: illiquid items keep a 20% cushion at least.
    uint16 public constant MAX_THRESHOLD_BPS = 8000;
    /// @notice Premium bounds over the floor, bps (0.1x to 10x).
    uint32 public constant MIN_PREMIUM_BPS = 1000;
    /// @notice See `MIN_PREMIUM_BPS`.
    uint32 public constant MAX_PREMIUM_BPS = 100_000;
    /// @notice Heartbeat bounds of a floor feed, seconds.
    uint32 public constant MIN_HEARTBEAT = 60;
    /// @notice See `MIN_HEARTBEAT`.
    uint32 public constant MAX_HEARTBEAT = 7 days;
    uint256 private constant BPS = 10_000;
    uint256 private constant WAD = 1e18;

    /* ============================== STORAGE ============================== */

    struct Account {
        address debtAsset;
        uint128 drawnShares;
        bool inAuction;
        Item[] items;
    }

    struct Deposit {
        address owner;
        uint8 index; // position in the owner's `items`
    }

    /// @custom:storage-location erc7201:keel.storage.NftSpoke
    struct NftSpokeStorage {
        address registry;
        address hub;
        AuctionConfig auction;
        address[] collectionList;
        address[] borrowAssetList;
        mapping(address => Collection) collections;
        mapping(address => mapping(uint256 => uint32)) premiums;
        mapping(address => bool) borrowEnabled;
        mapping(address => uint8) assetDecimals; // set once when first enabled
        mapping(address => Account) accounts;
        mapping(address => mapping(uint256 => Deposit)) deposits;
        mapping(address => mapping(uint256 => Auction)) auctions;
        mapping(address => mapping(address => uint256)) claimable; // asset => account => amount
        mapping(address => uint256) totalDrawnShares; // asset => sum over accounts (== the spoke's hub drawn shares)
        mapping(address => uint256) heldForBids; // asset => running bids plus claimables held by the spoke
        uint256 totalNfts;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.NftSpoke")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant NftSpokeStorageLocation =
        0xcf2e36bf262a13d40bf2e18013813baa8429c3b5804fbd00a8a67ef455face00;

    function _getNftSpokeStorage() private pure returns (NftSpokeStorage storage $) {
        assembly {
            $.slot := NftSpokeStorageLocation
        }
    }

    /* ============================== SET-UP ============================== */

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy: the AccessManager `authority`, the `registry_` (whose hub becomes this spoke's
    ///         for good) and default auction parameters (24 h, 4 h protection, 5% fine, 95% opening bid, 1% steps).
    function initialize(address authority, address registry_) external initializer {
        __NftSpoke_init(authority, registry_);
    }

    function __NftSpoke_init(address authority, address registry_) internal onlyInitializing {
        __AccessManaged_init(authority);
        __NftSpoke_init_unchained(registry_);
    }

    function __NftSpoke_init_unchained(address registry_) internal onlyInitializing {
        if (registry_ == address(0)) revert NftSpokeZeroAddress();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        $.registry = registry_;
        address hub_ = IModuleRegistry(registry_).getModule(ModuleIds.HUB);
        if (hub_ == address(0)) revert NftSpokeZeroAddress();
        $.hub = hub_;
        $.auction = AuctionConfig({
            duration: 1 days,
            redeemWindow: 4 hours,
            fineBps: 500,
            minBidBps: 9500,
            bidIncrementBps: 100
        });
    }

    /// @inheritdoc IUpgradeCheckable
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.NFT_SPOKE;
    }

    /// @inheritdoc IUpgradeCheckable
    /// @dev Wiring, auction parameters, every collection's configuration, the borrow assets with the spoke's debt
    ///      shares and held bids in each, and the item count.
    function stateDigest() external view virtual returns (bytes32 digest) {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        digest = keccak256(abi.encode($.registry, $.hub, authority(), $.auction, $.totalNfts));
        for (uint256 i; i < $.collectionList.length; ++i) {
            digest = keccak256(abi.encode(digest, $.collections[$.collectionList[i]]));
        }
        for (uint256 i; i < $.borrowAssetList.length; ++i) {
            address a = $.borrowAssetList[i];
            digest = keccak256(abi.encode(digest, a, $.borrowEnabled[a], $.totalDrawnShares[a], $.heldForBids[a]));
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

    /// @inheritdoc IERC721Receiver
    /// @dev The deposit: credits item `tokenId` of the calling collection to `from`. Only listed, unfrozen
    ///      collections; at most `MAX_NFTS_PER_ACCOUNT` items per account.
    function onERC721Received(
        address,
        address from,
        uint256 tokenId,
        bytes calldata
    ) external nonReentrant returns (bytes4) {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        address collection = msg.sender;
        Collection storage c = $.collections[collection];
        if (!c.listed) revert NftSpokeCollectionNotListed(collection);
        if (c.frozen) revert NftSpokeCollectionFrozen(collection);
        if (from == address(0)) revert NftSpokeZeroAddress();
        // A listed collection is trusted to call only from a real transfer; check the item did arrive anyway.
        if (
            $.deposits[collection][tokenId].owner != address(0) || IERC721(collection).ownerOf(tokenId) != address(this)
        ) {
            revert NftSpokeBadTransfer(collection, tokenId);
        }
        Account storage a = $.accounts[from];
        uint256 n = a.items.length;
        if (n >= MAX_NFTS_PER_ACCOUNT) revert NftSpokeTooManyNfts(from, MAX_NFTS_PER_ACCOUNT);
        a.items.push(Item(collection, tokenId));
        $.deposits[collection][tokenId] = Deposit(from, uint8(n));
        ++$.totalNfts;
        emit NftDeposited(from, collection, tokenId);
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @inheritdoc INftSpoke
    function withdrawNft(address collection, uint256 tokenId, address to) external nonReentrant {
        if (to == address(0)) revert NftSpokeZeroAddress();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        address owner = $.deposits[collection][tokenId].owner;
        if (owner == address(0)) revert NftSpokeNotDeposited(collection, tokenId);
        if (owner != msg.sender) revert NftSpokeNotOwner(msg.sender, owner);
        Account storage a = $.accounts[owner];
        if (a.inAuction) revert NftSpokeAuctionRunning(owner);
        _removeItem($, owner, collection, tokenId);
        if (a.drawnShares != 0) _requireBorrowPower($, owner);
        emit NftWithdrawn(owner, collection, tokenId, to);
        IERC721(collection).safeTransferFrom(address(this), to, tokenId);
    }

    /// @inheritdoc INftSpoke
    function borrow(address asset, uint256 amount, address to) external nonReentrant returns (uint256 drawnShares) {
        if (amount == 0) revert NftSpokeZeroAmount();
        if (to == address(0)) revert NftSpokeZeroAddress();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        if (!$.borrowEnabled[asset]) revert NftSpokeBorrowAssetNotEnabled(asset);
        Account storage a = $.accounts[msg.sender];
        if (a.inAuction) revert NftSpokeAuctionRunning(msg.sender);
        address current = a.debtAsset;
        if (current != address(0) && current != asset) revert NftSpokeOtherDebtAsset(current, asset);
        (drawnShares, , , ) = ILiquidityHub($.hub).draw(asset, amount, to);
        a.debtAsset = asset;
        // Fits: the hub keeps the spoke's drawn shares, the sum of its accounts', in 120 bits.
        a.drawnShares += uint128(drawnShares);
        $.totalDrawnShares[asset] += drawnShares;
        // Checked after the draw so the debt includes the hub's rounding (up) and interest accrued just now.
        _requireBorrowPower($, msg.sender);
        emit Borrowed(msg.sender, asset, to, amount, drawnShares);
    }

    /// @inheritdoc INftSpoke
    function repay(address account, uint256 amount) external nonReentrant returns (uint256 paid) {
        if (amount == 0) revert NftSpokeZeroAmount();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        if ($.accounts[account].drawnShares == 0) revert NftSpokeNoDebt(account);
        paid = _repayFrom($, account, msg.sender, amount);
    }

    /// @inheritdoc INftSpoke
    function bid(address collection, uint256 tokenId, uint256 amount) external nonReentrant {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        address borrower = $.deposits[collection][tokenId].owner;
        if (borrower == address(0)) revert NftSpokeNotDeposited(collection, tokenId);
        Auction storage au = $.auctions[collection][tokenId];
        Account storage a = $.accounts[borrower];
        // A running auction keeps its asset even if the borrower repaid everything meanwhile.
        address asset = au.borrower == address(0) ? a.debtAsset : au.asset;
        uint256 minimum;
        if (au.borrower == address(0)) {
            // Opening bid: the account must be liquidatable and not already in an auction (one at a time).
            if (a.drawnShares == 0) revert NftSpokeNoDebt(borrower);
            if (a.inAuction) revert NftSpokeAuctionRunning(borrower);
            uint256 hf = _healthFactor($, borrower);
            if (hf >= WAD) revert NftSpokeHealthy(borrower, hf);
            minimum = _openingBid($, collection, tokenId, asset);
            if (amount < minimum) revert NftSpokeBidTooLow(amount, minimum);
            AuctionConfig memory cfg = $.auction;
            a.inAuction = true;
            au.borrower = borrower;
            au.asset = asset;
            au.endsAt = uint40(block.timestamp + cfg.duration);
            au.redeemUntil = uint40(block.timestamp + cfg.redeemWindow);
            au.firstBidder = msg.sender;
        } else {
            if (block.timestamp >= au.endsAt) revert NftSpokeAuctionEnded(au.endsAt, block.timestamp);
            minimum = _nextBid($, au.highestBid);
            if (amount < minimum) revert NftSpokeBidTooLow(amount, minimum);
            _credit($, asset, au.highestBidder, au.highestBid); // outbid: refunded by claim, never pushed
            $.heldForBids[asset] -= au.highestBid;
        }
        au.highestBidder = msg.sender;
        au.highestBid = amount;
        $.heldForBids[asset] += amount;
        _pull(asset, msg.sender, address(this), amount);
        emit AuctionBid(collection, tokenId, msg.sender, borrower, amount, au.endsAt);
    }

    /// @inheritdoc INftSpoke
    function redeem(
        address collection,
        uint256 tokenId,
        uint256 amount
    ) external nonReentrant returns (uint256 repaid, uint256 fine) {
        if (amount == 0) revert NftSpokeZeroAmount();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        Auction memory au = $.auctions[collection][tokenId];
        if (au.borrower == address(0)) revert NftSpokeNoAuction(collection, tokenId);
        if (block.timestamp >= au.redeemUntil) revert NftSpokeRedeemWindowOver(au.redeemUntil, block.timestamp);
        Account storage a = $.accounts[au.borrower];
        address asset = au.asset;
        // Round up: the fine is owed to the first bidder, never short.
        fine = au.highestBid.mulDivUp($.auction.fineBps, BPS);
        delete $.auctions[collection][tokenId];
        a.inAuction = false;
        $.heldForBids[asset] -= au.highestBid;
        _credit($, asset, au.highestBidder, au.highestBid);
        if (fine != 0) {
            _credit($, asset, au.firstBidder, fine);
            _pull(asset, msg.sender, address(this), fine);
        }
        repaid = _repayFrom($, au.borrower, msg.sender, amount);
        uint256 hf = _healthFactor($, au.borrower);
        if (hf < WAD) revert NftSpokeRedeemInsufficient(au.borrower, hf);
        emit AuctionRedeemed(collection, tokenId, au.borrower, repaid, fine, au.firstBidder);
    }

    /// @inheritdoc INftSpoke
    /// @dev Steps: validate; end the auction and take the item off the account; restore what the price pays of the
    ///      debt; credit the surplus; write off the rest if the account is left with no item; hand the item over.
    function settle(address collection, uint256 tokenId) external nonReentrant {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        Auction memory au = $.auctions[collection][tokenId];
        if (au.borrower == address(0)) revert NftSpokeNoAuction(collection, tokenId);
        if (block.timestamp < au.endsAt) revert NftSpokeAuctionNotEnded(au.endsAt, block.timestamp);
        Account storage a = $.accounts[au.borrower];
        address asset = au.asset;
        delete $.auctions[collection][tokenId];
        a.inAuction = false;
        _removeItem($, au.borrower, collection, tokenId);
        $.heldForBids[asset] -= au.highestBid;

        uint256 repaid;
        if (a.drawnShares != 0) {
            ILiquidityHub hub_ = ILiquidityHub($.hub);
            (, uint256 borrowIndex) = hub_.accrue(asset);
            uint256 debt = uint256(a.drawnShares).rayMulUp(borrowIndex);
            repaid = au.highestBid < debt ? au.highestBid : debt;
            if (repaid != 0) {
                IERC20(asset).safeTransfer(address(hub_), repaid);
                _restore($, hub_, au.borrower, asset, repaid);
            }
        }
        uint256 surplus = au.highestBid - repaid;
        if (surplus != 0) _credit($, asset, au.borrower, surplus);
        if (a.items.length == 0 && a.drawnShares != 0) _writeOff($, au.borrower, asset);
        emit AuctionSettled(collection, tokenId, au.highestBidder, au.borrower, au.highestBid, repaid, surplus);
        // Not `safeTransferFrom`: the winner chose to bid, and a receiver hook must not be able to block the settlement.
        IERC721(collection).transferFrom(address(this), au.highestBidder, tokenId);
    }

    /// @inheritdoc INftSpoke
    function claim(address asset, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert NftSpokeZeroAddress();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        amount = $.claimable[asset][msg.sender];
        if (amount == 0) revert NftSpokeNothingToClaim(msg.sender, asset);
        $.claimable[asset][msg.sender] = 0;
        $.heldForBids[asset] -= amount;
        emit Claimed(msg.sender, asset, to, amount);
        IERC20(asset).safeTransfer(to, amount);
    }

    /* ============================== GOVERNANCE ============================== */

    /// @inheritdoc INftSpoke
    function listCollection(
        address collection,
        address feed,
        uint32 heartbeat,
        uint16 ltvBps,
        uint16 liquidationThresholdBps
    ) external restricted {
        if (collection == address(0) || feed == address(0)) revert NftSpokeZeroAddress();
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        Collection storage c = $.collections[collection];
        if (c.listed) revert NftSpokeCollectionAlreadyListed(collection);
        if ($.collectionList.length >= MAX_COLLECTIONS) revert NftSpokeTooManyCollections(MAX_COLLECTIONS);
        _checkBounds(heartbeat, MIN_HEARTBEAT, MAX_HEARTBEAT);
        _checkRisk(ltvBps, liquidationThresholdBps);
        uint8 dec = AggregatorV3Interface(feed).decimals();
        _checkBounds(dec, 0, 18);
        c.feed = feed;
        c.heartbeat = heartbeat;
        c.feedDecimals = dec;
        c.ltvBps = ltvBps;
        c.liquidationThresholdBps = liquidationThresholdBps;
        c.listed = true;
        $.collectionList.push(collection);
        emit CollectionListed(collection, feed, heartbeat, ltvBps, liquidationThresholdBps);
    }

    /// @inheritdoc INftSpoke
    function setCollectionRisk(address collection, uint16 ltvBps, uint16 liquidationThresholdBps) external restricted {
        Collection storage c = _listed(collection);
        _checkRisk(ltvBps, liquidationThresholdBps);
        emit CollectionRiskSet(collection, c.ltvBps, ltvBps, c.liquidationThresholdBps, liquidationThresholdBps);
        c.ltvBps = ltvBps;
        c.liquidationThresholdBps = liquidationThresholdBps;
    }

    /// @inheritdoc INftSpoke
    function setFloorBounds(address collection, int256 minAnswer, int256 maxAnswer) external restricted {
        Collection storage c = _listed(collection);
        bool clear = minAnswer == 0 && maxAnswer == 0;
        if (!clear && (minAnswer < 0 || minAnswer >= maxAnswer || maxAnswer > type(int128).max)) {
            revert NftSpokeInvalidBounds(minAnswer, maxAnswer);
        }
        emit FloorBoundsSet(collection, c.minAnswer, c.maxAnswer, minAnswer, maxAnswer);
        c.minAnswer = int128(minAnswer);
        c.maxAnswer = int128(maxAnswer);
    }

    /// @inheritdoc INftSpoke
    function setTokenPremium(address collection, uint256 tokenId, uint32 premiumBps) external restricted {
        _listed(collection);
        if (premiumBps != 0) _checkBounds(premiumBps, MIN_PREMIUM_BPS, MAX_PREMIUM_BPS);
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        emit TokenPremiumSet(collection, tokenId, $.premiums[collection][tokenId], premiumBps);
        $.premiums[collection][tokenId] = premiumBps;
    }

    /// @inheritdoc INftSpoke
    function setAuctionConfig(AuctionConfig calldata config) external restricted {
        NftLogic.checkAuctionConfig(config);
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        emit AuctionConfigSet($.auction, config);
        $.auction = config;
    }

    /// @inheritdoc INftSpoke
    function setBorrowAsset(address asset, bool enabled) external restricted {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        bool known = _known($, asset);
        if (!known && !enabled) revert NftSpokeBorrowAssetNotEnabled(asset);
        if (!known) {
            if ($.borrowAssetList.length >= MAX_BORROW_ASSETS) revert NftSpokeTooManyBorrowAssets(MAX_BORROW_ASSETS);
            ILiquidityHub.Asset memory h = ILiquidityHub($.hub).getAsset(asset);
            // Listing stamps the accrual time: an asset the hub never listed has none.
            if (h.lastUpdate == 0) revert ILiquidityHub.HubAssetNotListed(asset);
            $.assetDecimals[asset] = h.decimals;
            $.borrowAssetList.push(asset);
        }
        $.borrowEnabled[asset] = enabled;
        emit BorrowAssetSet(asset, enabled);
    }

    /// @inheritdoc INftSpoke
    function freezeCollection(address collection) external restricted {
        _listed(collection).frozen = true;
        emit CollectionFrozen(collection, true);
    }

    /// @inheritdoc INftSpoke
    function unfreezeCollection(address collection) external restricted {
        _listed(collection).frozen = false;
        emit CollectionFrozen(collection, false);
    }

    /* ============================== VIEWS ============================== */

    /// @inheritdoc INftSpoke
    function hub() external view returns (address) {
        return _getNftSpokeStorage().hub;
    }

    /// @inheritdoc INftSpoke
    function registry() external view returns (address) {
        return _getNftSpokeStorage().registry;
    }

    /// @inheritdoc INftSpoke
    function getCollection(address collection) external view returns (Collection memory) {
        return _getNftSpokeStorage().collections[collection];
    }

    /// @inheritdoc INftSpoke
    function collections() external view returns (address[] memory) {
        return _getNftSpokeStorage().collectionList;
    }

    /// @inheritdoc INftSpoke
    function borrowAssets() external view returns (address[] memory) {
        return _getNftSpokeStorage().borrowAssetList;
    }

    /// @inheritdoc INftSpoke
    function auctionConfig() external view returns (AuctionConfig memory) {
        return _getNftSpokeStorage().auction;
    }

    /// @inheritdoc INftSpoke
    function floorPrice(address collection) external view returns (uint256) {
        return NftLogic.floorDown(_listed(collection), collection);
    }

    /// @inheritdoc INftSpoke
    function nftValue(address collection, uint256 tokenId) external view returns (uint256) {
        return _valueDown(_getNftSpokeStorage(), collection, tokenId);
    }

    /// @inheritdoc INftSpoke
    function depositorOf(address collection, uint256 tokenId) external view returns (address) {
        return _getNftSpokeStorage().deposits[collection][tokenId].owner;
    }

    /// @inheritdoc INftSpoke
    function itemsOf(address account) external view returns (Item[] memory) {
        return _getNftSpokeStorage().accounts[account].items;
    }

    /// @inheritdoc INftSpoke
    function debtOf(address account) external view returns (address asset, uint256 drawnShares, uint256 amount) {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        Account storage a = $.accounts[account];
        asset = a.debtAsset;
        drawnShares = a.drawnShares;
        if (drawnShares != 0) amount = _debtUp($, asset, drawnShares);
    }

    /// @inheritdoc INftSpoke
    function accountData(
        address account
    )
        external
        view
        returns (uint256 collateral, uint256 borrowPower, uint256 liquidationValue, uint256 debt, uint256 healthFactor)
    {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        (collateral, borrowPower, liquidationValue) = _collateralDown($, account);
        debt = _debtValueUp($, account);
        healthFactor = debt == 0 ? type(uint256).max : liquidationValue.mulDivDown(WAD, debt);
    }

    /// @inheritdoc INftSpoke
    function getAuction(address collection, uint256 tokenId) external view returns (Auction memory) {
        return _getNftSpokeStorage().auctions[collection][tokenId];
    }

    /// @inheritdoc INftSpoke
    function minimumBid(address collection, uint256 tokenId) external view returns (uint256) {
        NftSpokeStorage storage $ = _getNftSpokeStorage();
        Auction storage au = $.auctions[collection][tokenId];
        if (au.borrower != address(0)) return _nextBid($, au.highestBid);
        address borrower = $.deposits[collection][tokenId].owner;
        if (borrower == address(0)) revert NftSpokeNotDeposited(collection, tokenId);
        address asset = $.accounts[borrower].debtAsset;
        if (asset == address(0)) revert NftSpokeNoDebt(borrower);
        return _openingBid($, collection, tokenId, asset);
    }

    /// @inheritdoc INftSpoke
    function claimable(address asset, address account) external view returns (uint256) {
        return _getNftSpokeStorage().claimable[asset][account];
    }

    /* ============================== INTERNAL ============================== */

    function _authorizeUpgrade(address) internal override restricted {}

    /// @dev Pulls what is owed (at most `amount`) of `account`'s debt from `payer` straight into the hub and restores it.
    function _repayFrom(
        NftSpokeStorage storage $,
        address account,
        address payer,
        uint256 amount
    ) private returns (uint256 paid) {
        Account storage a = $.accounts[account];
        if (a.drawnShares == 0) return 0;
        address asset = a.debtAsset;
        ILiquidityHub hub_ = ILiquidityHub($.hub);
        (, uint256 borrowIndex) = hub_.accrue(asset);
        uint256 debt = uint256(a.drawnShares).rayMulUp(borrowIndex); // the hub's own rounding: a full repay clears all
        paid = amount < debt ? amount : debt;
        _pull(asset, payer, address(hub_), paid);
        uint256 cancelled = _restore($, hub_, account, asset, paid);
        emit Repaid(account, asset, payer, paid, cancelled);
    }

    function _restore(
        NftSpokeStorage storage $,
        ILiquidityHub hub_,
        address account,
        address asset,
        uint256 amount
    ) private returns (uint256 cancelled) {
        Account storage a = $.accounts[account];
        cancelled = hub_.restore(asset, amount, a.drawnShares);
        a.drawnShares -= uint128(cancelled);
        $.totalDrawnShares[asset] -= cancelled;
        if (a.drawnShares == 0) a.debtAsset = address(0);
    }

    /// @dev The account has no item left: its whole remaining debt is the spoke's deficit. The spoke supplies nothing
    ///      to the hub, so no cover shares of its own: the hub's insurance fund (treasury shares) pays first.
    function _writeOff(NftSpokeStorage storage $, address account, address asset) private {
        Account storage a = $.accounts[account];
        uint256 shares = a.drawnShares;
        (uint256 covered, uint256 socialised, , ) = ILiquidityHub($.hub).reportDeficit(asset, shares, 0);
        a.drawnShares = 0;
        a.debtAsset = address(0);
        $.totalDrawnShares[asset] -= shares;
        emit NftDeficit(account, asset, shares, covered + socialised, covered, socialised);
    }

    function _credit(NftSpokeStorage storage $, address asset, address account, uint256 amount) private {
        $.claimable[asset][account] += amount;
        $.heldForBids[asset] += amount;
        emit Credited(account, asset, amount);
    }

    /// @dev Transfers exactly `amount` from `from` to `to`, checking what arrived (no fee-on-transfer surprises).
    function _pull(address asset, address from, address to, uint256 amount) private {
        uint256 before = IERC20(asset).balanceOf(to);
        IERC20(asset).safeTransferFrom(from, to, amount);
        uint256 received = IERC20(asset).balanceOf(to) - before;
        if (received != amount) revert NftSpokeTokensNotReceived(asset, amount, received);
    }

    function _removeItem(NftSpokeStorage storage $, address owner, address collection, uint256 tokenId) private {
        Item[] storage items = $.accounts[owner].items;
        uint256 i = $.deposits[collection][tokenId].index;
        uint256 last = items.length - 1;
        if (i != last) {
            Item memory moved = items[last];
            items[i] = moved;
            $.deposits[moved.collection][moved.tokenId].index = uint8(i);
        }
        items.pop();
        delete $.deposits[collection][tokenId];
        --$.totalNfts;
    }

    function _requireBorrowPower(NftSpokeStorage storage $, address account) private view {
        (, uint256 power, ) = _collateralDown($, account);
        uint256 debt = _debtValueUp($, account);
        if (debt > power) revert NftSpokeBorrowPowerExceeded(power, debt);
    }

    function _healthFactor(NftSpokeStorage storage $, address account) private view returns (uint256) {
        uint256 debt = _debtValueUp($, account);
        if (debt == 0) return type(uint256).max;
        (, , uint256 liq) = _collateralDown($, account);
        return liq.mulDivDown(WAD, debt); // down: liquidation is never delayed by rounding
    }

    function _collateralDown(
        NftSpokeStorage storage $,
        address account
    ) private view returns (uint256 total, uint256 power, uint256 liq) {
        return NftLogic.collateralDown($.collections, $.premiums, $.accounts[account].items);
    }

    function _debtValueUp(NftSpokeStorage storage $, address account) private view returns (uint256) {
        Account storage a = $.accounts[account];
        if (a.drawnShares == 0) return 0;
        address asset = a.debtAsset;
        uint256 amount = _debtUp($, asset, a.drawnShares);
        return amount.mulDivUp(_assetPrice($, asset), 10 ** $.assetDecimals[asset]);
    }

    function _debtUp(NftSpokeStorage storage $, address asset, uint256 shares) private view returns (uint256) {
        (, uint256 borrowIndex) = ILiquidityHub($.hub).currentIndexes(asset);
        return shares.rayMulUp(borrowIndex);
    }

    function _assetPrice(NftSpokeStorage storage $, address asset) private view returns (uint256) {
        return IPriceOracle(IModuleRegistry($.registry).getModule(ModuleIds.ORACLE)).getAssetPrice(asset);
    }

    function _valueDown(NftSpokeStorage storage $, address collection, uint256 tokenId) private view returns (uint256) {
        return NftLogic.valueDown($.collections, $.premiums, collection, tokenId);
    }

    /// @dev `minBidBps` of the item's value in the debt asset, rounded up (the borrower's item is not sold cheap);
    ///      at least one unit.
    function _openingBid(
        NftSpokeStorage storage $,
        address collection,
        uint256 tokenId,
        address asset
    ) private view returns (uint256 minimum) {
        uint256 valueBase = _valueDown($, collection, tokenId).mulDivUp($.auction.minBidBps, BPS);
        minimum = valueBase.mulDivUp(10 ** $.assetDecimals[asset], _assetPrice($, asset));
        if (minimum == 0) minimum = 1;
    }

    function _nextBid(NftSpokeStorage storage $, uint256 highest) private view returns (uint256) {
        return highest + highest.mulDivUp($.auction.bidIncrementBps, BPS);
    }

    function _listed(address collection) private view returns (Collection storage c) {
        c = _getNftSpokeStorage().collections[collection];
        if (!c.listed) revert NftSpokeCollectionNotListed(collection);
    }

    function _known(NftSpokeStorage storage $, address asset) private view returns (bool) {
        for (uint256 i; i < $.borrowAssetList.length; ++i) {
            if ($.borrowAssetList[i] == asset) return true;
        }
        return false;
    }

    function _checkRisk(uint16 ltvBps, uint16 thresholdBps) private pure {
        _checkBounds(thresholdBps, 1, MAX_THRESHOLD_BPS);
        _checkBounds(ltvBps, 1, thresholdBps - 1);
    }

    function _checkBounds(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert NftSpokeParameterOutOfBounds(value, min, max);
    }
}
