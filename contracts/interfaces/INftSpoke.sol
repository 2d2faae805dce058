// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title INftSpoke
/// @notice Keel's NFT spoke: ERC-721 items of listed collections as collateral for loans drawn from the liquidity hub.
///         The spoke never holds lent tokens: a borrower's debt is the spoke's drawn shares in the hub (RAY-scaled,
///         so interest follows the hub's borrow index). Each account borrows one hub asset at a time (proceeds,
///         surplus and shortfall of a liquidation then stay in one unit) and holds at most `MAX_NFTS_PER_ACCOUNT`
///         items (bounded work). Items are valued at their collection's floor (a Chainlink-style feed with staleness
///         and bounds) times an optional per-token premium set by the risk admin, rounded down. Below health factor 1
///         anyone opens an ascending (English) auction for one item by bidding at least the minimum bid; during the
///         protection window the borrower may redeem (repay to health plus a fine to the first bidder) and keep the
///         item; at the end the highest bidder gets it, the debt is restored to the hub, any surplus is the
///         borrower's, and when the account has no item left the rest is reported as the spoke's deficit
///         (insurance first, then the hub's suppliers). See docs/collateral.md, section NftSpoke.
/// @dev Amounts: "base" is the oracle's base currency, 8 decimals; asset amounts are the token's units; shares are the
///      hub's drawn shares (RAY-scaled); bps are 1/10,000.
interface INftSpoke is IERC721Receiver {
    /* ============================== TYPES ============================== */

    /// @notice One listed collection (two slots).
    /// @param feed Chainlink-style floor feed, base currency per item (any decimals up to 18).
    /// @param heartbeat Maximum age of a floor answer, seconds.
    /// @param feedDecimals The feed's `decimals()` when it was set; re-checked on every read.
    /// @param ltvBps Borrow power per unit of value, bps.
    /// @param liquidationThresholdBps Value counted for the health factor, bps (above `ltvBps`).
    /// @param listed Whether the collection is listed.
    /// @param frozen Whether new deposits are refused (guardian switch; loans, repayments, auctions go on).
    /// @param minAnswer Circuit breaker: an answer at or below is a failure (feed units; 0 with `maxAnswer` 0: none).
    /// @param maxAnswer Circuit breaker: an answer at or above is a failure (feed units).
    struct Collection {
        address feed;
        uint32 heartbeat;
        uint8 feedDecimals;
        uint16 ltvBps;
        uint16 liquidationThresholdBps;
        bool listed;
        bool frozen;
        int128 minAnswer;
        int128 maxAnswer;
    }

    /// @notice Auction parameters, shared by every collection (one slot).
    /// @param duration Auction length from the first bid, seconds.
    /// @param redeemWindow Protection window from the first bid in which the borrower may redeem, seconds.
    /// @param fineBps Fine paid by a redeeming borrower to the first bidder, bps of the highest bid.
    /// @param minBidBps Opening bid, bps of the item's value (converted to the debt asset, rounded up).
    /// @param bidIncrementBps Each bid beats the highest by at least this, bps (rounded up).
    struct AuctionConfig {
        uint32 duration;
        uint32 redeemWindow;
        uint16 fineBps;
        uint16 minBidBps;
        uint16 bidIncrementBps;
    }

    /// @notice A running auction of one item (five slots).
    /// @param borrower The account whose item is sold.
    /// @param endsAt End of bidding (unix seconds).
    /// @param redeemUntil End of the protection window (unix seconds).
    /// @param highestBidder Holder of the highest bid.
    /// @param firstBidder Whoever opened the auction; receives the fine if the borrower redeems.
    /// @param highestBid The highest bid, debt-asset units (held by the spoke).
    /// @param asset The debt asset the bids are in (the borrower's when the auction opened).
    struct Auction {
        address borrower;
        uint40 endsAt;
        uint40 redeemUntil;
        address highestBidder;
        address firstBidder;
        uint256 highestBid;
        address asset;
    }

    /// @notice One deposited item.
    struct Item {
        address collection;
        uint256 tokenId;
    }

    /* ============================== EVENTS ============================== */

    /// @notice `collection` was listed with `feed`.
    event CollectionListed(
        address indexed collection,
        address feed,
        uint32 heartbeat,
        uint16 ltvBps,
        uint16 liquidationThresholdBps
    );
    /// @notice `collection`'s risk parameters changed (old and new, bps).
    event CollectionRiskSet(
        address indexed collection,
        uint16 oldLtv,
        uint16 newLtv,
        uint16 oldThreshold,
        uint16 newThreshold
    );
    /// @notice `collection`'s floor feed bounds changed (feed units; both zero: none).
    event FloorBoundsSet(address indexed collection, int256 oldMin, int256 oldMax, int256 newMin, int256 newMax);
    /// @notice `collection` was frozen (no new deposits) or unfrozen.
    event CollectionFrozen(address indexed collection, bool frozen);
    /// @notice The premium of one item changed (bps of the floor; 0: none).
    event TokenPremiumSet(address indexed collection, uint256 indexed tokenId, uint32 oldBps, uint32 newBps);
    /// @notice The auction parameters changed.
    event AuctionConfigSet(AuctionConfig oldConfig, AuctionConfig newConfig);
    /// @notice `asset` may (or may no longer) be borrowed from this spoke.
    event BorrowAssetSet(address indexed asset, bool enabled);
    /// @notice `account` deposited item `tokenId` of `collection`.
    event NftDeposited(address indexed account, address indexed collection, uint256 indexed tokenId);
    /// @notice `account` withdrew item `tokenId` of `collection` to `to`.
    event NftWithdrawn(address indexed account, address indexed collection, uint256 indexed tokenId, address to);
    /// @notice `account` borrowed `amount` of `asset` to `to`, owing `drawnShares` more hub shares.
    event Borrowed(address indexed account, address indexed asset, address to, uint256 amount, uint256 drawnShares);
    /// @notice `payer` repaid `amount` of `account`'s `asset` debt, cancelling `drawnShares`.
    event Repaid(
        address indexed account,
        address indexed asset,
        address indexed payer,
        uint256 amount,
        uint256 drawnShares
    );
    /// @notice `bidder` bid `amount` (debt-asset units) for item `tokenId` of `collection` of `borrower`; `endsAt` is the auction's end.
    event AuctionBid(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed bidder,
        address borrower,
        uint256 amount,
        uint40 endsAt
    );
    /// @notice The borrower kept the item: `repaid` went to the hub, `fine` to `firstBidder`, the highest bid back to its bidder.
    event AuctionRedeemed(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed borrower,
        uint256 repaid,
        uint256 fine,
        address firstBidder
    );
    /// @notice The auction ended: `winner` got the item for `price`; `repaid` went to the hub, `surplus` to the borrower.
    event AuctionSettled(
        address indexed collection,
        uint256 indexed tokenId,
        address indexed winner,
        address borrower,
        uint256 price,
        uint256 repaid,
        uint256 surplus
    );
    /// @notice `borrower` had no item left and still owed `drawnShares` of `asset` (`amount` asset units): written off
    ///         in the hub, `covered` by the insurance fund (treasury's shares), `socialised` over the hub's suppliers.
    event NftDeficit(
        address indexed borrower,
        address indexed asset,
        uint256 drawnShares,
        uint256 amount,
        uint256 covered,
        uint256 socialised
    );
    /// @notice `account` may claim `amount` more of `asset` (refunded bid, fine or surplus).
    event Credited(address indexed account, address indexed asset, uint256 amount);
    /// @notice `account` claimed `amount` of `asset` to `to`.
    event Claimed(address indexed account, address indexed asset, address to, uint256 amount);

    /* ============================== ERRORS ============================== */

    /// @notice Thrown when `collection` is not listed.
    /// @param collection The ERC-721 contract.
    error NftSpokeCollectionNotListed(address collection);
    /// @notice Thrown when `collection` is already listed.
    /// @param collection The ERC-721 contract.
    error NftSpokeCollectionAlreadyListed(address collection);
    /// @notice Thrown when `collection` is frozen and a deposit is attempted.
    /// @param collection The ERC-721 contract.
    error NftSpokeCollectionFrozen(address collection);
    /// @notice Thrown when listing would exceed `max` collections.
    /// @param max The most collections.
    error NftSpokeTooManyCollections(uint256 max);
    /// @notice Thrown when `asset` cannot be borrowed from this spoke.
    /// @param asset The token.
    error NftSpokeBorrowAssetNotEnabled(address asset);
    /// @notice Thrown when enabling would exceed `max` borrow assets.
    /// @param max The most borrow assets.
    error NftSpokeTooManyBorrowAssets(uint256 max);
    /// @notice Thrown when an account owing `current` tries to borrow `requested`: one debt asset per account.
    /// @param current The asset the account owes.
    /// @param requested The asset asked for.
    error NftSpokeOtherDebtAsset(address current, address requested);
    /// @notice Thrown when a deposit would give `account` more than `max` items.
    /// @param account The depositor.
    /// @param max The most items per account.
    error NftSpokeTooManyNfts(address account, uint256 max);
    /// @notice Thrown when item `tokenId` of `collection` is not deposited (or, for `onERC721Received`, already is).
    /// @param collection The ERC-721 contract.
    /// @param tokenId The item.
    error NftSpokeNotDeposited(address collection, uint256 tokenId);
    /// @notice Thrown when the spoke is handed item `tokenId` of `collection` it does not own, or already holds.
    /// @param collection The ERC-721 contract.
    /// @param tokenId The item.
    error NftSpokeBadTransfer(address collection, uint256 tokenId);
    /// @notice Thrown when `caller` acts on an item deposited by `owner`.
    /// @param caller The caller.
    /// @param owner The depositor.
    error NftSpokeNotOwner(address caller, address owner);
    /// @notice Thrown when the borrow or withdrawal would leave a debt worth `debt` above the borrow power `power` (base).
    /// @param power Borrow power after the action, base currency (8 decimals).
    /// @param debt Debt after the action, base currency (8 decimals).
    error NftSpokeBorrowPowerExceeded(uint256 power, uint256 debt);
    /// @notice Thrown when `account` owes nothing.
    /// @param account The account.
    error NftSpokeNoDebt(address account);
    /// @notice Thrown when an auction is opened on `account` whose health factor `healthFactor` (WAD) is at least 1.
    /// @param account The borrower.
    /// @param healthFactor Its health factor, WAD.
    error NftSpokeHealthy(address account, uint256 healthFactor);
    /// @notice Thrown when `account` already has an auction running (withdrawals, borrows and a second auction wait).
    /// @param account The borrower.
    error NftSpokeAuctionRunning(address account);
    /// @notice Thrown when item `tokenId` of `collection` has no running auction.
    /// @param collection The ERC-721 contract.
    /// @param tokenId The item.
    error NftSpokeNoAuction(address collection, uint256 tokenId);
    /// @notice Thrown when `bid` is below `minimum` (debt-asset units).
    /// @param bid The bid.
    /// @param minimum The least accepted now.
    error NftSpokeBidTooLow(uint256 bid, uint256 minimum);
    /// @notice Thrown when bidding at `now` after the auction's end `endsAt`.
    /// @param endsAt End of bidding.
    /// @param now_ The block time.
    error NftSpokeAuctionEnded(uint256 endsAt, uint256 now_);
    /// @notice Thrown when settling at `now` before the auction's end `endsAt`.
    /// @param endsAt End of bidding.
    /// @param now_ The block time.
    error NftSpokeAuctionNotEnded(uint256 endsAt, uint256 now_);
    /// @notice Thrown when redeeming at `now` after the protection window `redeemUntil`.
    /// @param redeemUntil End of the protection window.
    /// @param now_ The block time.
    error NftSpokeRedeemWindowOver(uint256 redeemUntil, uint256 now_);
    /// @notice Thrown when a redemption leaves `account` at health factor `healthFactor` (WAD), below 1.
    /// @param account The borrower.
    /// @param healthFactor Its health factor after the repayment, WAD.
    error NftSpokeRedeemInsufficient(address account, uint256 healthFactor);
    /// @notice Thrown when the spoke received `received` of `asset` for a transfer of `expected`.
    /// @param asset The token.
    /// @param expected Amount sent.
    /// @param received Amount that arrived.
    error NftSpokeTokensNotReceived(address asset, uint256 expected, uint256 received);
    /// @notice Thrown when `account` has nothing of `asset` to claim.
    /// @param account The account.
    /// @param asset The token.
    error NftSpokeNothingToClaim(address account, address asset);
    /// @notice Thrown when the floor feed of `collection` answered `answer`: zero, negative, rounding to zero at 8
    ///         decimals, or at or outside its bounds.
    /// @param collection The ERC-721 contract.
    /// @param answer The feed's answer.
    error NftSpokeInvalidFloor(address collection, int256 answer);
    /// @notice Thrown when the floor of `collection` was updated at `updatedAt`: zero, in the future, or older than
    ///         `heartbeat` seconds.
    /// @param collection The ERC-721 contract.
    /// @param updatedAt The feed's timestamp.
    /// @param heartbeat The maximum age, seconds.
    error NftSpokeStaleFloor(address collection, uint256 updatedAt, uint256 heartbeat);
    /// @notice Thrown when the floor feed of `collection` reverted, answered an incomplete round or changed decimals.
    /// @param collection The ERC-721 contract.
    error NftSpokeFloorFeedFailed(address collection);
    /// @notice Thrown when a parameter `value` is outside [`min`, `max`].
    /// @param value The value given.
    /// @param min The least allowed.
    /// @param max The most allowed.
    error NftSpokeParameterOutOfBounds(uint256 value, uint256 min, uint256 max);
    /// @notice Thrown when feed bounds are not `0 <= minAnswer < maxAnswer` (or both zero).
    /// @param minAnswer The lower bound given.
    /// @param maxAnswer The upper bound given.
    error NftSpokeInvalidBounds(int256 minAnswer, int256 maxAnswer);
    /// @notice Thrown when an amount is zero.
    error NftSpokeZeroAmount();
    /// @notice Thrown when an address is zero.
    error NftSpokeZeroAddress();

    /* ============================== USER ACTIONS ============================== */

    // Deposits: `collection.safeTransferFrom(owner, spoke, tokenId)`; the spoke's `onERC721Received`
    // (IERC721Receiver) credits the item to `from`. Only listed, unfrozen collections; at most
    // `MAX_NFTS_PER_ACCOUNT` items per account.

    /// @notice Withdraws the caller's item to `to`. Not while the account has an auction running; the remaining items
    ///         must still cover the debt at their LTV.
    function withdrawNft(address collection, uint256 tokenId, address to) external;

    /// @notice Borrows `amount` of `asset` (asset units) from the hub to `to`, as the caller's debt. One debt asset per
    ///         account; the debt (rounded up) must stay within the borrow power (rounded down).
    /// @return drawnShares Hub drawn shares added to the caller's debt.
    function borrow(address asset, uint256 amount, address to) external returns (uint256 drawnShares);

    /// @notice Repays up to `amount` (asset units; `type(uint256).max` = all) of `account`'s debt, pulled from the caller.
    /// @return paid Amount repaid.
    function repay(address account, uint256 amount) external returns (uint256 paid);

    /// @notice Bids `amount` of the borrower's debt asset for item `tokenId` of `collection`. The first bid opens the
    ///         auction, only below health factor 1 and at least the minimum bid; later bids beat the highest by the
    ///         increment until the end. An outbid bid becomes claimable by its bidder.
    function bid(address collection, uint256 tokenId, uint256 amount) external;

    /// @notice During the protection window, repays `amount` (capped at the debt) of the borrower's debt plus the fine
    ///         (to the first bidder); the auction ends and the item stays. The account must be healthy afterwards.
    ///         Anyone may pay; the caller pays both.
    /// @return repaid Amount repaid.
    /// @return fine Fine paid.
    function redeem(
        address collection,
        uint256 tokenId,
        uint256 amount
    ) external returns (uint256 repaid, uint256 fine);

    /// @notice After the end, gives the item to the highest bidder, restores the debt from the price, credits the
    ///         surplus to the borrower, and reports what is left as the spoke's deficit when the account has no item
    ///         left. Anyone may call it.
    function settle(address collection, uint256 tokenId) external;

    /// @notice Sends the caller's claimable `asset` (refunded bids, fines, surpluses) to `to`.
    /// @return amount Amount sent.
    function claim(address asset, address to) external returns (uint256 amount);

    /* ============================== GOVERNANCE ============================== */

    /// @notice Lists `collection` with its floor feed, heartbeat (seconds) and risk parameters (bps). Restricted (admin).
    function listCollection(
        address collection,
        address feed,
        uint32 heartbeat,
        uint16 ltvBps,
        uint16 liquidationThresholdBps
    ) external;

    /// @notice Sets `collection`'s LTV and liquidation threshold (bps, `ltv < threshold <= MAX_THRESHOLD_BPS`).
    ///         Restricted (risk admin).
    function setCollectionRisk(address collection, uint16 ltvBps, uint16 liquidationThresholdBps) external;

    /// @notice Sets `collection`'s floor circuit-breaker bounds (feed units; both zero clears). Restricted (risk admin).
    function setFloorBounds(address collection, int256 minAnswer, int256 maxAnswer) external;

    /// @notice Sets one item's premium over its floor, bps (0 clears; else within [`MIN_PREMIUM_BPS`,
    ///         `MAX_PREMIUM_BPS`]). A multiple of the floor, not a price: it falls with the floor and goes stale with
    ///         it. Restricted (risk admin).
    function setTokenPremium(address collection, uint256 tokenId, uint32 premiumBps) external;

    /// @notice Sets the auction parameters (each within its hard bounds). Restricted (risk admin).
    function setAuctionConfig(AuctionConfig calldata config) external;

    /// @notice Enables or disables borrowing `asset` (a hub asset). Disabling stops new loans only. Restricted (admin).
    function setBorrowAsset(address asset, bool enabled) external;

    /// @notice Freezes `collection`: no new deposits. Restricted (guardian).
    function freezeCollection(address collection) external;

    /// @notice Unfreezes `collection`. Restricted (admin).
    function unfreezeCollection(address collection) external;

    /* ============================== VIEWS ============================== */

    /// @notice The liquidity hub this spoke draws from.
    function hub() external view returns (address);

    /// @notice The module registry (the oracle is read from it).
    function registry() external view returns (address);

    /// @notice `collection`'s configuration.
    function getCollection(address collection) external view returns (Collection memory);

    /// @notice Listed collections, in listing order.
    function collections() external view returns (address[] memory);

    /// @notice Assets that may be borrowed (enabled or once enabled; see `BorrowAssetSet`), in order.
    function borrowAssets() external view returns (address[] memory);

    /// @notice The auction parameters.
    function auctionConfig() external view returns (AuctionConfig memory);

    /// @notice `collection`'s floor, base currency (8 decimals, rounded down); reverts on a failed feed.
    function floorPrice(address collection) external view returns (uint256);

    /// @notice One item's value: floor times premium, base currency (8 decimals, rounded down).
    function nftValue(address collection, uint256 tokenId) external view returns (uint256);

    /// @notice Who deposited item `tokenId` of `collection` (zero: not deposited).
    function depositorOf(address collection, uint256 tokenId) external view returns (address);

    /// @notice `account`'s items.
    function itemsOf(address account) external view returns (Item[] memory);

    /// @notice `account`'s debt: its asset, hub drawn shares, and amount as of now (asset units, rounded up).
    function debtOf(address account) external view returns (address asset, uint256 drawnShares, uint256 amount);

    /// @notice `account`'s values in base currency (8 decimals): collateral, borrow power and liquidation value
    ///         (rounded down), debt (rounded up); and health factor (WAD, `type(uint256).max` without debt).
    function accountData(
        address account
    )
        external
        view
        returns (uint256 collateral, uint256 borrowPower, uint256 liquidationValue, uint256 debt, uint256 healthFactor);

    /// @notice The running auction of an item (all zero when none).
    function getAuction(address collection, uint256 tokenId) external view returns (Auction memory);

    /// @notice The least bid accepted now for the item (opening or next), debt-asset units.
    function minimumBid(address collection, uint256 tokenId) external view returns (uint256);

    /// @notice What `account` may claim of `asset`.
    function claimable(address asset, address account) external view returns (uint256);
}
