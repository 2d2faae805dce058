// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {IKeelOracle} from "../interfaces/IKeelOracle.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title KeelOracle
/// @notice Chainlink-backed price oracle with per-asset heartbeats and an optional fallback feed.
/// @dev Read path (called on every borrow and withdraw): one SLOAD for the packed primary config, one `staticcall`
///      to the feed for the round, one to re-check its `decimals()` (warm address, a few hundred gas), checks,
///      scaling. The bounds slot is read only for a feed that has bounds; the fallback only when the primary fails.
///
///      Failure policy: a primary feed that reverts, returns malformed data, answers <= 0, answers at or outside its
///      bounds (circuit breaker), now reports other `decimals()` than when it was set, has a zero or future
///      `updatedAt`, is older than its heartbeat, or reports an incomplete round is skipped in favour of the
///      fallback. When there is no fallback or the fallback fails too, the call reverts with the PRIMARY feed's
///      error: the primary is the configured source of truth, so its failure is what operators must fix.
///
///      Feeds are read with a low-level `staticcall` rather than `try/catch`: `try` catches reverts but NOT return
///      data that fails to ABI-decode (e.g. a feed replaced by an EOA or a contract returning too few bytes), which
///      would revert the caller and bypass the fallback. The low-level call handles both uniformly.
/// @custom:security-contact security@keel.example
contract KeelOracle is IKeelOracle, IUpgradeCheckable, AccessManagedUpgradeable, UUPSUpgradeable {
    using EnumerableSet for EnumerableSet.AddressSet;

    /* CONSTANTS */

    /// @inheritdoc IPriceOracle
    uint256 public constant BASE_CURRENCY_UNIT = 1e8;
    /// @notice Decimals of every price this oracle returns.
    uint8 public constant PRICE_DECIMALS = 8;
    /// @notice The shortest heartbeat accepted, in seconds (Chainlink's tightest feeds update about every minute).
    uint32 public constant MIN_HEARTBEAT = 60;
    /// @notice The longest heartbeat accepted, in seconds (a week-old price is never safe for lending).
    uint32 public constant MAX_HEARTBEAT = 7 days;
    /// @notice The largest feed `decimals()` accepted: 10**(36 - 8) still fits easily and no real feed exceeds it.
    uint8 public constant MAX_FEED_DECIMALS = 36;

    /* STORAGE */

    /// @custom:storage-location erc7201:keel.storage.KeelOracle
    struct KeelOracleStorage {
        /// @dev Asset => primary feed config (one slot).
        mapping(address asset => FeedConfig) feeds;
        /// @dev Asset => fallback feed config (one slot).
        mapping(address asset => FeedConfig) fallbackFeeds;
        /// @dev Assets with a primary feed: the mappings cannot be enumerated, and `stateDigest` must cover every
        ///      configured feed.
        EnumerableSet.AddressSet configuredAssets;
        /// @dev Asset => bounds of its primary feed (read only when `feeds[asset].hasBounds`).
        mapping(address asset => FeedBounds) bounds;
        /// @dev Asset => bounds of its fallback feed (read only when `fallbackFeeds[asset].hasBounds`).
        mapping(address asset => FeedBounds) fallbackBounds;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelOracle")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelOracleStorageLocation =
        0x242121fc88d752da70e641f0d49117a0a8ea084e96e0b472038ce87cb21ec600;

    function _getKeelOracleStorage() private pure returns (KeelOracleStorage storage $) {
        assembly {
            $.slot := KeelOracleStorageLocation
        }
    }

    /* INITIALIZATION */

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy.
    /// @param authority The AccessManager that gates the restricted functions.
    function initialize(address authority) external initializer {
        __KeelOracle_init(authority);
    }

    function __KeelOracle_init(address authority) internal onlyInitializing {
        __AccessManaged_init(authority);
        __KeelOracle_init_unchained();
    }

    function __KeelOracle_init_unchained() internal onlyInitializing {}

    /* VIEWS */

    /// @notice The implementation version.
    /// @return The semantic version of this implementation.
    function version() external pure virtual returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.KEEL_ORACLE;
    }

    /// @inheritdoc IPriceOracle
    function getAssetPrice(address asset) external view returns (uint256 price) {
        (price, , ) = _getPrice(asset);
    }

    /// @inheritdoc IPriceOracle
    function getAssetsPrices(address[] calldata assets) external view returns (uint256[] memory prices) {
        uint256 length = assets.length;
        prices = new uint256[](length);
        for (uint256 i; i < length; ++i) {
            (prices[i], , ) = _getPrice(assets[i]);
        }
    }

    /// @inheritdoc IKeelOracle
    function getPriceData(address asset) external view returns (uint256 price, uint256 updatedAt, bool usedFallback) {
        return _getPrice(asset);
    }

    /// @inheritdoc IKeelOracle
    function getFeed(address asset) external view returns (FeedConfig memory) {
        return _getKeelOracleStorage().feeds[asset];
    }

    /// @inheritdoc IKeelOracle
    function getFallbackFeed(address asset) external view returns (FeedConfig memory) {
        return _getKeelOracleStorage().fallbackFeeds[asset];
    }

    /// @inheritdoc IKeelOracle
    function getFeedBounds(address asset, bool isFallback) external view returns (FeedBounds memory) {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        return isFallback ? $.fallbackBounds[asset] : $.bounds[asset];
    }

    /* RESTRICTED FUNCTIONS */

    /// @inheritdoc IKeelOracle
    function setFeed(address asset, address feed, uint32 heartbeat) external restricted {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        FeedConfig memory newConfig = _validateFeed(asset, feed, heartbeat);
        FeedConfig memory oldConfig = $.feeds[asset];
        // Bounds describe one feed: kept when the same feed is set again (e.g. a new heartbeat), cleared otherwise.
        if (oldConfig.feed == feed) newConfig.hasBounds = oldConfig.hasBounds;
        else _clearBounds($.bounds, asset, false);
        $.feeds[asset] = newConfig;
        $.configuredAssets.add(asset);
        emit FeedSet(asset, oldConfig.feed, feed, oldConfig.heartbeat, heartbeat);
    }

    /// @inheritdoc IKeelOracle
    function setFallbackFeed(address asset, address feed, uint32 heartbeat) external restricted {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        FeedConfig memory newConfig = _validateFeed(asset, feed, heartbeat);
        // A fallback without a primary would never be read (`_getPrice` stops at OracleNoFeed): refuse it.
        if ($.feeds[asset].feed == address(0)) revert OracleNoFeed(asset);
        FeedConfig memory oldConfig = $.fallbackFeeds[asset];
        if (oldConfig.feed == feed) newConfig.hasBounds = oldConfig.hasBounds;
        else _clearBounds($.fallbackBounds, asset, true);
        $.fallbackFeeds[asset] = newConfig;
        emit FallbackFeedSet(asset, oldConfig.feed, feed, oldConfig.heartbeat, heartbeat);
    }

    /// @inheritdoc IKeelOracle
    function removeFallbackFeed(address asset) external restricted {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        FeedConfig memory oldConfig = $.fallbackFeeds[asset];
        if (oldConfig.feed == address(0)) revert OracleNoFeed(asset);
        delete $.fallbackFeeds[asset];
        _clearBounds($.fallbackBounds, asset, true);
        emit FallbackFeedSet(asset, oldConfig.feed, address(0), oldConfig.heartbeat, 0);
    }

    /// @inheritdoc IKeelOracle
    function removeFeed(address asset) external restricted {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        address oldFeed = $.feeds[asset].feed;
        if (oldFeed == address(0)) revert OracleNoFeed(asset);
        address oldFallback = $.fallbackFeeds[asset].feed;
        delete $.feeds[asset];
        delete $.fallbackFeeds[asset];
        _clearBounds($.bounds, asset, false);
        _clearBounds($.fallbackBounds, asset, true);
        $.configuredAssets.remove(asset);
        emit FeedRemoved(asset, oldFeed, oldFallback);
    }

    /// @inheritdoc IKeelOracle
    function setFeedBounds(address asset, bool isFallback, int256 minAnswer, int256 maxAnswer) external restricted {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        bool clear = minAnswer == 0 && maxAnswer == 0;
        if (!clear && (minAnswer < 0 || minAnswer >= maxAnswer || maxAnswer > type(int128).max)) {
            revert OracleInvalidBounds(minAnswer, maxAnswer);
        }
        FeedConfig storage config = isFallback ? $.fallbackFeeds[asset] : $.feeds[asset];
        if (config.feed == address(0)) revert OracleNoFeed(asset);
        FeedBounds storage b = isFallback ? $.fallbackBounds[asset] : $.bounds[asset];
        emit FeedBoundsSet(asset, isFallback, b.minAnswer, b.maxAnswer, minAnswer, maxAnswer);
        // Both fit int128: checked above (0 <= min < max <= int128 max), or both zero.
        (b.minAnswer, b.maxAnswer) = (int128(minAnswer), int128(maxAnswer));
        config.hasBounds = !clear;
    }

    /* INTERNAL */

    /// @dev Deletes the bounds of a feed being replaced or removed (they described that feed), with an event if any.
    function _clearBounds(mapping(address => FeedBounds) storage all, address asset, bool isFallback) private {
        FeedBounds memory old = all[asset];
        if (old.minAnswer == 0 && old.maxAnswer == 0) return;
        delete all[asset];
        emit FeedBoundsSet(asset, isFallback, old.minAnswer, old.maxAnswer, 0, 0);
    }

    /// @dev Checks a new feed's arguments and builds its packed config, caching `decimals()` so reads skip that call.
    function _validateFeed(address asset, address feed, uint32 heartbeat) private view returns (FeedConfig memory) {
        if (asset == address(0) || feed == address(0)) revert OracleZeroAddress();
        if (heartbeat < MIN_HEARTBEAT || heartbeat > MAX_HEARTBEAT) {
            revert OracleInvalidHeartbeat(heartbeat, MIN_HEARTBEAT, MAX_HEARTBEAT);
        }
        uint8 feedDecimals = AggregatorV3Interface(feed).decimals();
        if (feedDecimals > MAX_FEED_DECIMALS) revert OracleInvalidFeedDecimals(feed, feedDecimals, MAX_FEED_DECIMALS);
        return FeedConfig({feed: feed, heartbeat: heartbeat, decimals: feedDecimals, hasBounds: false});
    }

    /// @dev Primary feed, else fallback, else revert with the primary's error (see the contract NatSpec).
    function _getPrice(address asset) private view returns (uint256 price, uint256 updatedAt, bool usedFallback) {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        FeedConfig memory primary = $.feeds[asset];
        if (primary.feed == address(0)) revert OracleNoFeed(asset);

        bytes memory primaryError;
        (price, updatedAt, primaryError) = _tryRead(asset, primary, false);
        if (primaryError.length == 0) return (price, updatedAt, false);

        FeedConfig memory backup = $.fallbackFeeds[asset];
        if (backup.feed != address(0)) {
            bytes memory backupError;
            (price, updatedAt, backupError) = _tryRead(asset, backup, true);
            if (backupError.length == 0) return (price, updatedAt, true);
        }
        assembly ("memory-safe") {
            revert(add(primaryError, 0x20), mload(primaryError))
        }
    }

    /// @dev Reads and validates one feed without reverting. Returns the 8-decimal price and `updatedAt`, or an
    ///      ABI-encoded custom error (non-empty) describing why the answer cannot be used.
    function _tryRead(
        address asset,
        FeedConfig memory config,
        bool isFallback
    ) private view returns (uint256 price, uint256 updatedAt, bytes memory err) {
        (bool success, bytes memory data) = config.feed.staticcall(
            abi.encodeCall(AggregatorV3Interface.latestRoundData, ())
        );
        // latestRoundData returns five static words.
        if (!success || data.length < 160) {
            return (0, 0, abi.encodeWithSelector(OracleFeedReverted.selector, asset));
        }
        // Round ids are decoded as full words: decoding them as uint80 would revert on dirty high bits, and a revert
        // here would skip the fallback. A well-formed feed's values are unchanged by the wider type.
        (uint256 roundId, int256 answer, , uint256 updated, uint256 answeredInRound) = abi.decode(
            data,
            (uint256, int256, uint256, uint256, uint256)
        );

        if (answer <= 0) return (0, 0, abi.encodeWithSelector(OracleInvalidPrice.selector, asset, answer));
        if (config.hasBounds) {
            err = _checkBounds(asset, isFallback, answer);
            if (err.length != 0) return (0, 0, err);
        }
        if (!_decimalsUnchanged(config)) return (0, 0, _decimalsError(asset, config));
        if (updated == 0 || updated > block.timestamp) {
            return (0, 0, abi.encodeWithSelector(OracleInvalidTimestamp.selector, asset, updated));
        }
        // `updated <= block.timestamp` was checked just above, so the subtraction cannot underflow.
        if (block.timestamp - updated > config.heartbeat) {
            return (0, 0, abi.encodeWithSelector(OracleStalePrice.selector, asset, updated, uint256(config.heartbeat)));
        }
        if (answeredInRound < roundId) {
            return (0, 0, abi.encodeWithSelector(OracleIncompleteRound.selector, asset, roundId, answeredInRound));
        }

        price = _toPriceDecimalsDown(uint256(answer), config.decimals);
        // Scaling an 18-decimal dust answer down can reach zero (and an overflowing upscale returns zero); a zero
        // price would value collateral at nothing.
        if (price == 0) return (0, 0, abi.encodeWithSelector(OracleInvalidPrice.selector, asset, answer));
        return (price, updated, "");
    }

    /// @dev The circuit-breaker bounds of a feed that has some (the slot is read only then). Returns an ABI-encoded
    ///      custom error, empty when the answer is strictly inside them.
    function _checkBounds(address asset, bool isFallback, int256 answer) private view returns (bytes memory) {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        FeedBounds storage b = isFallback ? $.fallbackBounds[asset] : $.bounds[asset];
        (int256 lo, int256 hi) = (b.minAnswer, b.maxAnswer);
        if (answer <= lo || answer >= hi)
            return abi.encodeWithSelector(OracleAnswerOutOfBounds.selector, asset, answer, lo, hi);
        return "";
    }

    /// @dev Whether the feed still reports the decimals cached at `setFeed` (false too if `decimals()` fails).
    function _decimalsUnchanged(FeedConfig memory config) private view returns (bool) {
        (bool ok, uint256 current) = _decimalsOf(config.feed);
        return ok && current == config.decimals;
    }

    /// @dev The failure `_decimalsUnchanged` found, as an ABI-encoded custom error (cold path: reads the feed again).
    function _decimalsError(address asset, FeedConfig memory config) private view returns (bytes memory) {
        (bool ok, uint256 current) = _decimalsOf(config.feed);
        if (!ok) return abi.encodeWithSelector(OracleFeedReverted.selector, asset);
        return abi.encodeWithSelector(OracleFeedDecimalsChanged.selector, asset, config.decimals, current);
    }

    /// @dev The feed's `decimals()` now, without reverting (`ok` false if it reverts or returns less than a word).
    ///      Assembly into scratch space: the feed's address is already warm from `latestRoundData`, so this costs a
    ///      warm call and the feed's own few hundred gas, with no memory growth or ABI decoding.
    function _decimalsOf(address feed) private view returns (bool ok, uint256 current) {
        assembly ("memory-safe") {
            mstore(0, 0x313ce567) // decimals()
            ok := staticcall(gas(), feed, 28, 4, 0, 32)
            ok := and(ok, gt(returndatasize(), 31))
            current := mload(0)
        }
    }

    /// @dev Rescales `answer` from `feedDecimals` to 8 decimals. Rounds DOWN when dropping digits: the same price
    ///      values collateral and debt, and a truncation error below 1e-8 USD is immaterial either way, whereas
    ///      rounding down never reports a price the feed did not reach.
    function _toPriceDecimalsDown(uint256 answer, uint8 feedDecimals) private pure returns (uint256) {
        if (feedDecimals == PRICE_DECIMALS) return answer;
        if (feedDecimals > PRICE_DECIMALS) return answer / 10 ** (feedDecimals - PRICE_DECIMALS);
        uint256 factor = 10 ** (PRICE_DECIMALS - feedDecimals);
        // An absurd answer that would overflow is reported as 0 (invalid) so the fallback still gets its chance,
        // instead of a panic that would bypass it.
        if (answer > type(uint256).max / factor) return 0;
        return answer * factor;
    }

    /// @dev Upgrades are gated by the role the AccessManager maps to `upgradeToAndCall` (UPGRADER_ROLE).
    function _authorizeUpgrade(address) internal override restricted {}

    /* UPGRADE CHECKS */

    /// @notice The assets that have a primary feed, in no particular order.
    /// @return assets The configured assets.
    function configuredAssets() external view returns (address[] memory assets) {
        return _getKeelOracleStorage().configuredAssets.values();
    }

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers the authority and, for every configured asset, its primary and fallback feed configs and their
    ///      bounds: everything that decides who may change prices and what a price is.
    function stateDigest() external view virtual returns (bytes32 digest) {
        KeelOracleStorage storage $ = _getKeelOracleStorage();
        digest = keccak256(abi.encode(authority()));
        uint256 length = $.configuredAssets.length();
        for (uint256 i; i < length; ++i) {
            address asset = $.configuredAssets.at(i);
            digest = keccak256(
                abi.encode(
                    digest,
                    asset,
                    $.feeds[asset],
                    $.fallbackFeeds[asset],
                    $.bounds[asset],
                    $.fallbackBounds[asset]
                )
            );
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
}
