// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "./IPriceOracle.sol";

/// @title IKeelOracle
/// @notice Keel's price oracle: per asset a Chainlink-style primary feed and an optional fallback feed, each with its
///         own heartbeat (maximum age of an answer, in seconds). Answers are normalised to 8 decimals.
interface IKeelOracle is IPriceOracle {
    /* TYPES */

    /// @notice One feed's configuration; packed in one storage slot (20 + 4 + 1 bytes).
    /// @param feed The Chainlink AggregatorV3Interface feed (zero when not set).
    /// @param heartbeat The maximum age of an answer, in seconds.
    /// @param decimals The feed's `decimals()`, cached when the feed is set.
    struct FeedConfig {
        address feed;
        uint32 heartbeat;
        uint8 decimals;
    }

    /* EVENTS */

    /// @notice The primary feed of `asset` changed.
    event FeedSet(
        address indexed asset, address oldFeed, address newFeed, uint32 oldHeartbeat, uint32 newHeartbeat
    );
    /// @notice The fallback feed of `asset` changed (`newFeed` zero when it was removed).
    event FallbackFeedSet(
        address indexed asset, address oldFeed, address newFeed, uint32 oldHeartbeat, uint32 newHeartbeat
    );
    /// @notice `asset` lost its primary and fallback feeds: it has no price any more.
    event FeedRemoved(address indexed asset, address oldFeed, address oldFallbackFeed);

    /* ERRORS */

    /// @notice `asset` has no feed configured.
    error OracleNoFeed(address asset);
    /// @notice The feed of `asset` answered zero or a negative value (or a value that rounds to zero at 8 decimals).
    error OracleInvalidPrice(address asset, int256 answer);
    /// @notice The feed of `asset` reported `updatedAt` of zero or in the future.
    error OracleInvalidTimestamp(address asset, uint256 updatedAt);
    /// @notice The answer of `asset` is older than `heartbeat` seconds.
    error OracleStalePrice(address asset, uint256 updatedAt, uint256 heartbeat);
    /// @notice The latest round of `asset` was not answered in that round.
    error OracleIncompleteRound(address asset, uint256 roundId, uint256 answeredInRound);
    /// @notice The feed of `asset` reverted or returned malformed data.
    error OracleFeedReverted(address asset);
    /// @notice A zero address was given.
    error OracleZeroAddress();
    /// @notice `heartbeat` is outside [`min`, `max`] seconds.
    error OracleInvalidHeartbeat(uint256 heartbeat, uint256 min, uint256 max);
    /// @notice `feed` reports `decimals` above the supported maximum `max`.
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

    /* RESTRICTED FUNCTIONS */

    /// @notice Sets (or replaces) the primary feed of `asset`. Restricted (risk admin / admin).
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

    /// @notice Removes both feeds of `asset`: it has no price afterwards. Restricted.
    function removeFeed(address asset) external;
}
