// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "./IPriceOracle.sol";

/// @title IKeelOracle
/// @notice Keel's price oracle: per asset a Chainlink-style primary feed and an optional fallback feed, each with its
///         own heartbeat (maximum age of an answer, in seconds). Answers are normalised to 8 decimals.
interface IKeelOracle is IPriceOracle {
    /* TYPES */

    /// @notice One feed's configuration; packed in one storage slot (20 + 4 + 1 + 1 bytes).
    /// @param feed The Chainlink AggregatorV3Interface feed (zero when not set).
    /// @param heartbeat The maximum age of an answer, in seconds.
    /// @param decimals The feed's `decimals()` when it was set. Every read re-checks it: a feed whose `decimals()`
    ///        no longer matches (e.g. a Chainlink proxy moved to an aggregator of another precision) has failed.
    /// @param hasBounds Whether answer bounds are set for this feed (`getFeedBounds`); lets unbounded feeds skip
    ///        reading them.
    struct FeedConfig {
        address feed;
        uint32 heartbeat;
        uint8 decimals;
        bool hasBounds;
    }

    /// @notice A feed's circuit-breaker bounds, in the feed's own answer units (its decimals); one slot.
    /// @param minAnswer An answer at or below this is a failure (Chainlink aggregators clamp to their `minAnswer`:
    ///        an answer stuck there is the breaker, not a price, as in the LUNA / Venus case).
    /// @param maxAnswer An answer at or above this is a failure.
    struct FeedBounds {
        int128 minAnswer;
        int128 maxAnswer;
    }

    /* EVENTS */

    /// @notice The primary feed of `asset` changed.
    event FeedSet(address indexed asset, address oldFeed, address newFeed, uint32 oldHeartbeat, uint32 newHeartbeat);
    /// @notice The fallback feed of `asset` changed (`newFeed` zero when it was removed).
    event FallbackFeedSet(
        address indexed asset,
        address oldFeed,
        address newFeed,
        uint32 oldHeartbeat,
        uint32 newHeartbeat
    );
    /// @notice The bounds of the primary (`isFallback` false) or fallback feed of `asset` changed (all zero: none).
    event FeedBoundsSet(
        address indexed asset,
        bool indexed isFallback,
        int256 oldMin,
        int256 oldMax,
        int256 newMin,
        int256 newMax
    );
    /// @notice `asset` lost its primary and fallback feeds: it has no price any more.
    event FeedRemoved(address indexed asset, address oldFeed, address oldFallbackFeed);

    /* ERRORS */

    /// @notice `asset` has no feed configured.
    /// @param asset The asset priced.
    error OracleNoFeed(address asset);
    /// @notice The feed of `asset` answered zero or a negative value (or a value that rounds to zero at 8 decimals).
    /// @param asset The asset priced.
    /// @param answer The feed's answer.
    error OracleInvalidPrice(address asset, int256 answer);
    /// @notice The feed of `asset` reported `updatedAt` of zero or in the future.
    /// @param asset The asset priced.
    /// @param updatedAt The timestamp the feed reported.
    error OracleInvalidTimestamp(address asset, uint256 updatedAt);
    /// @notice The answer of `asset` is older than `heartbeat` seconds.
    /// @param asset The asset priced.
    /// @param updatedAt When the feed's answer was last updated.
    /// @param heartbeat The feed's configured heartbeat (seconds).
    error OracleStalePrice(address asset, uint256 updatedAt, uint256 heartbeat);
    /// @notice The latest round of `asset` was not answered in that round.
    /// @param asset The asset priced.
    /// @param roundId The latest round.
    /// @param answeredInRound The round its answer was computed in.
    error OracleIncompleteRound(address asset, uint256 roundId, uint256 answeredInRound);
    /// @notice The feed of `asset` reverted or returned malformed data.
    /// @param asset The asset priced.
    error OracleFeedReverted(address asset);
    /// @notice Thrown (as a feed failure: the fallback is tried first) when the feed of `asset` answered `answer`, at
    ///         or outside its bounds (`minAnswer`, `maxAnswer`), in the feed's units.
    /// @param asset The asset priced.
    /// @param answer The feed's answer.
    /// @param minAnswer The lower bound (exclusive).
    /// @param maxAnswer The upper bound (exclusive).
    error OracleAnswerOutOfBounds(address asset, int256 answer, int256 minAnswer, int256 maxAnswer);
    /// @notice Thrown (as a feed failure: the fallback is tried first) when the feed of `asset` now reports
    ///         `currentDecimals`, not the `expectedDecimals` it had when it was set.
    /// @param asset The asset priced.
    /// @param expectedDecimals The feed's decimals when it was set.
    /// @param currentDecimals The decimals it reports now.
    error OracleFeedDecimalsChanged(address asset, uint8 expectedDecimals, uint256 currentDecimals);
    /// @notice Thrown when bounds are not `0 <= minAnswer < maxAnswer <= type(int128).max` (or both zero, to clear).
    /// @param minAnswer The lower bound given.
    /// @param maxAnswer The upper bound given.
    error OracleInvalidBounds(int256 minAnswer, int256 maxAnswer);
    /// @notice A zero address was given.
    error OracleZeroAddress();
    /// @notice `heartbeat` is outside [`min`, `max`] seconds.
    /// @param heartbeat The heartbeat given (seconds).
    /// @param min The shortest allowed.
    /// @param max The longest allowed.
    error OracleInvalidHeartbeat(uint256 heartbeat, uint256 min, uint256 max);
    /// @notice `feed` reports `decimals` above the supported maximum `max`.
    /// @param feed The feed given.
    /// @param decimals The decimals it reports.
    /// @param max The most supported.
    error OracleInvalidFeedDecimals(address feed, uint8 decimals, uint8 max);

    /* VIEWS */

    /// @notice The price of one whole `asset` in 8 decimals, when it was updated, and whether the fallback gave it.
    /// @dev Same validation as `getAssetPrice`; reverts in the same cases.
    /// @param asset The underlying asset.
    /// @return price Base currency units (8 decimals) per whole token; never zero.
    /// @return updatedAt The feed's `updatedAt` of the answer used (unix seconds).
    /// @return usedFallback True when the primary feed failed and the fallback answered.
    function getPriceData(address asset) external view returns (uint256 price, uint256 updatedAt, bool usedFallback);

    /// @notice The primary feed configuration of `asset` (all zero when none).
    function getFeed(address asset) external view returns (FeedConfig memory);

    /// @notice The fallback feed configuration of `asset` (all zero when none).
    function getFallbackFeed(address asset) external view returns (FeedConfig memory);

    /// @notice The bounds of the primary (`isFallback` false) or fallback feed of `asset` (all zero when none).
    function getFeedBounds(address asset, bool isFallback) external view returns (FeedBounds memory);

    /* RESTRICTED FUNCTIONS */

    /// @notice Sets (or replaces) the primary feed of `asset` (clearing its bounds if the feed changes). Restricted (risk admin / admin).
    /// @param asset The underlying asset.
    /// @param feed A Chainlink AggregatorV3Interface feed quoting `asset` in USD.
    /// @param heartbeat The maximum age of an answer, in seconds, within [MIN_HEARTBEAT, MAX_HEARTBEAT].
    function setFeed(address asset, address feed, uint32 heartbeat) external;

    /// @notice Sets (or replaces) the fallback feed of `asset`, which must have a primary feed. Restricted.
    /// @param asset The underlying asset.
    /// @param feed A Chainlink AggregatorV3Interface feed quoting `asset` in USD.
    /// @param heartbeat The maximum age of an answer, in seconds, within [MIN_HEARTBEAT, MAX_HEARTBEAT].
    function setFallbackFeed(address asset, address feed, uint32 heartbeat) external;

    /// @notice Removes the fallback feed of `asset`. Restricted.
    function removeFallbackFeed(address asset) external;

    /// @notice Sets the circuit-breaker bounds of the primary (`isFallback` false) or fallback feed of `asset`, in
    ///         that feed's answer units; `(0, 0)` removes them. An answer at or below `minAnswer` or at or above
    ///         `maxAnswer` counts as a feed failure: the fallback is used, or the read reverts with
    ///         `OracleAnswerOutOfBounds`. Setting another feed or removing it clears its bounds (they describe that feed).
    ///         Restricted (risk admin).
    /// @param asset The underlying asset; the feed must be set (`OracleNoFeed`).
    /// @param isFallback Which of the asset's feeds.
    /// @param minAnswer Lowest usable answer, exclusive; at least 0.
    /// @param maxAnswer Highest usable answer, exclusive; above `minAnswer`, at most type(int128).max.
    function setFeedBounds(address asset, bool isFallback, int256 minAnswer, int256 maxAnswer) external;

    /// @notice Removes both feeds of `asset`: it has no price afterwards. Restricted.
    function removeFeed(address asset) external;
}
