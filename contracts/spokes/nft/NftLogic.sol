// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {INftSpoke} from "../../interfaces/INftSpoke.sol";
import {AggregatorV3Interface} from "../../interfaces/AggregatorV3Interface.sol";

/// @title NftLogic
/// @notice The NFT spoke's valuation (floor feeds, premiums) and parameter bounds, linked into `NftSpoke` (an
///         external library keeps the spoke under the size limit). Errors are `INftSpoke`'s.
library NftLogic {
    /// @dev Prices are in the oracle's base currency with 8 decimals.
    uint256 private constant BASE_DECIMALS = 8;
    uint256 private constant BPS = 10_000;
    /// @dev Hard bounds of the auction parameters (seconds, bps); `NftSpoke` exposes them.
    uint32 internal constant MIN_AUCTION_DURATION = 1 hours;
    uint32 internal constant MAX_AUCTION_DURATION = 7 days;
    uint16 internal constant MAX_FINE_BPS = 1000;
    uint16 internal constant MIN_MIN_BID_BPS = 1000;
    uint16 internal constant MAX_BID_INCREMENT_BPS = 1000;

    /// @notice Reverts with `NftSpokeParameterOutOfBounds` unless every auction parameter is within its hard bounds:
    ///         duration in [1 h, 7 d], protection window in [1 s, duration), fine at most 10%, opening bid in
    ///         [10%, 100%] of the value, increment in [0.01%, 10%].
    function checkAuctionConfig(INftSpoke.AuctionConfig calldata config) external pure {
        _checkBounds(config.duration, MIN_AUCTION_DURATION, MAX_AUCTION_DURATION);
        _checkBounds(config.redeemWindow, 1, config.duration - 1);
        _checkBounds(config.fineBps, 0, MAX_FINE_BPS);
        _checkBounds(config.minBidBps, MIN_MIN_BID_BPS, BPS);
        _checkBounds(config.bidIncrementBps, 1, MAX_BID_INCREMENT_BPS);
    }

    function _checkBounds(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert INftSpoke.NftSpokeParameterOutOfBounds(value, min, max);
    }

    /// @notice Values of `items` in base currency (8 decimals), each rounded down (against the borrower): the total,
    ///         the borrow power (LTV) and the liquidation value (threshold). At most `MAX_NFTS_PER_ACCOUNT` items.
    function collateralDown(
        mapping(address => INftSpoke.Collection) storage collections,
        mapping(address => mapping(uint256 => uint32)) storage premiums,
        INftSpoke.Item[] storage items
    ) external view returns (uint256 total, uint256 power, uint256 liq) {
        for (uint256 i; i < items.length; ++i) {
            INftSpoke.Item memory it = items[i];
            INftSpoke.Collection storage c = collections[it.collection];
            uint256 v = _valueDown(collections, premiums, it.collection, it.tokenId);
            total += v;
            power += (v * c.ltvBps) / BPS;
            liq += (v * c.liquidationThresholdBps) / BPS;
        }
    }

    /// @notice One item's value: its floor times its premium (none: 1x), base currency (8 decimals, rounded down).
    function valueDown(
        mapping(address => INftSpoke.Collection) storage collections,
        mapping(address => mapping(uint256 => uint32)) storage premiums,
        address collection,
        uint256 tokenId
    ) external view returns (uint256) {
        return _valueDown(collections, premiums, collection, tokenId);
    }

    /// @notice The floor in base currency (8 decimals, rounded down), validated as `KeelOracle` validates a feed:
    ///         answer positive and inside its bounds, timestamp set, not in the future and within the heartbeat, round
    ///         complete, decimals unchanged. No fallback: a failed floor stops borrowing and liquidation alike.
    function floorDown(INftSpoke.Collection storage c, address collection) external view returns (uint256) {
        return _floorDown(c, collection);
    }

    function _valueDown(
        mapping(address => INftSpoke.Collection) storage collections,
        mapping(address => mapping(uint256 => uint32)) storage premiums,
        address collection,
        uint256 tokenId
    ) private view returns (uint256) {
        INftSpoke.Collection storage c = collections[collection];
        if (!c.listed) revert INftSpoke.NftSpokeCollectionNotListed(collection);
        uint256 floor = _floorDown(c, collection);
        uint32 premium = premiums[collection][tokenId];
        // Rounded down: the borrower's item is never valued above its floor times its premium.
        return premium == 0 ? floor : (floor * premium) / BPS;
    }

    function _floorDown(INftSpoke.Collection storage c, address collection) private view returns (uint256) {
        AggregatorV3Interface feed = AggregatorV3Interface(c.feed);
        uint80 roundId;
        int256 answer;
        uint256 updatedAt;
        uint80 answeredInRound;
        try feed.latestRoundData() returns (uint80 r, int256 ans, uint256, uint256 u, uint80 air) {
            (roundId, answer, updatedAt, answeredInRound) = (r, ans, u, air);
        } catch {
            revert INftSpoke.NftSpokeFloorFeedFailed(collection);
        }
        if (answeredInRound < roundId) revert INftSpoke.NftSpokeFloorFeedFailed(collection);
        try feed.decimals() returns (uint8 d) {
            if (d != c.feedDecimals) revert INftSpoke.NftSpokeFloorFeedFailed(collection);
        } catch {
            revert INftSpoke.NftSpokeFloorFeedFailed(collection);
        }
        if (updatedAt == 0 || updatedAt > block.timestamp || block.timestamp - updatedAt > c.heartbeat) {
            revert INftSpoke.NftSpokeStaleFloor(collection, updatedAt, c.heartbeat);
        }
        if (answer <= 0) revert INftSpoke.NftSpokeInvalidFloor(collection, answer);
        if ((c.minAnswer != 0 || c.maxAnswer != 0) && (answer <= c.minAnswer || answer >= c.maxAnswer)) {
            revert INftSpoke.NftSpokeInvalidFloor(collection, answer);
        }
        uint256 dec = c.feedDecimals;
        uint256 price =
            dec >= BASE_DECIMALS
                ? uint256(answer) / 10 ** (dec - BASE_DECIMALS)
                : uint256(answer) * 10 ** (BASE_DECIMALS - dec);
        if (price == 0) revert INftSpoke.NftSpokeInvalidFloor(collection, answer);
        return price;
    }
}
