// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISafetyModuleCover
/// @notice The two calls the LiquidityHub makes on the safety module when a spoke reports a deficit.
interface ISafetyModuleCover {
    /// @notice Most of the module's hub shares in `asset` one deficit report may burn, in bps (the max slash per
    ///         event). Zero for an asset the module does not insure.
    /// @param asset The token.
    /// @return The max slash, bps of the module's hub shares in `asset`.
    function maxSlashBps(address asset) external view returns (uint16);

    /// @notice Called by the hub after it burned `hubShares` of the module's hub shares in `asset` to cover `amount`
    ///         of a deficit (the stakers' loss). Books the cover paid; must not call the hub (it is locked). Hub only.
    /// @param asset The token.
    /// @param amount Cover paid, asset units.
    /// @param hubShares Hub supply shares burned (RAY-scaled hub shares).
    function onCoverPaid(address asset, uint256 amount, uint256 hubShares) external;
}

/// @title ISafetyModule
/// @notice Keel's first line of defence against bad debt (docs/insurance.md). Per insured asset a stake pool whose
///         assets are the module's supply position in the LiquidityHub (the module is a hub spoke with an add cap
///         and a zero draw cap). Stakers deposit the asset and receive stake shares, ERC-6909 tokens with
///         `id = uint256(uint160(asset))`, transferable, whose value grows with hub supply interest and a DAO-set
///         share of the treasury's hub income (`harvest`) and falls when the hub burns the module's shares to cover a
///         deficit (before the treasury, long before suppliers). Unstaking needs a cooldown, then happens within a
///         window; a cooldown covers a fixed number of shares, which transfers out reduce and transfers in never
///         raise, so no account inherits a finished cooldown.
interface ISafetyModule is ISafetyModuleCover {
    /// @notice One stake pool's configuration and totals.
    struct StakePool {
        bool listed;
        uint16 maxSlashBps; // bps of the module's hub shares one deficit report may burn
        uint16 incomeShareBps; // bps of the treasury's newly accrued hub income `harvest` moves to the stakers
        uint128 totalShares; // stake shares outstanding
        uint128 treasuryMark; // treasury hub income (asset units) seen at the last harvest
        uint128 coverPaid; // every deficit covered, asset units
        uint128 harvested; // every income harvested, asset units
    }

    /// @notice A cooldown: `shares` may be unstaked from `unlocksAt` until `expiresAt` (inclusive), seconds.
    struct Cooldown {
        uint128 shares;
        uint40 unlocksAt;
        uint40 expiresAt;
    }

    /* ============================== EVENTS ============================== */

    /// @notice `asset` is insured from now on.
    event StakePoolListed(address indexed asset, uint16 maxSlashBps, uint16 incomeShareBps);
    /// @notice `asset`'s max slash and income share changed (old and new, bps).
    event SetPoolParams(
        address indexed asset,
        uint16 oldMaxSlashBps,
        uint16 newMaxSlashBps,
        uint16 oldIncomeShareBps,
        uint16 newIncomeShareBps
    );
    /// @notice The cooldown and the withdrawal window changed (old and new, seconds).
    event SetCooldown(uint32 oldCooldown, uint32 newCooldown, uint32 oldWindow, uint32 newWindow);
    /// @notice `caller` staked `amount` of `asset` for `onBehalfOf`, minting `shares` stake shares.
    event Staked(
        address indexed asset,
        address indexed caller,
        address indexed onBehalfOf,
        uint256 amount,
        uint256 shares
    );
    /// @notice `account` started a cooldown of `shares` stake shares of `asset`.
    event CooldownStarted(
        address indexed asset,
        address indexed account,
        uint256 shares,
        uint40 unlocksAt,
        uint40 expiresAt
    );
    /// @notice `account` unstaked `shares` stake shares of `asset` for `amount` sent to `to`.
    event Unstaked(address indexed asset, address indexed account, address to, uint256 shares, uint256 amount);
    /// @notice The module covered `amount` of a deficit in `asset` with `hubShares` of its hub shares (its stakers'
    ///         loss); `coverPaid` is every cover paid so far in `asset`.
    event CoverPaid(address indexed asset, uint256 amount, uint256 hubShares, uint256 coverPaid);
    /// @notice `amount` of the treasury's `treasuryIncome` newly accrued hub income in `asset` went to the stakers.
    event Harvested(address indexed asset, uint256 treasuryIncome, uint256 amount);

    /* ============================== ERRORS ============================== */

    /// @notice Thrown when `asset` has no stake pool.
    /// @param asset The token.
    error SafetyAssetNotListed(address asset);
    /// @notice Thrown when `asset` already has a stake pool.
    /// @param asset The token.
    error SafetyAssetAlreadyListed(address asset);
    /// @notice Thrown when `asset` is not listed in the hub, so the module cannot hold it there.
    /// @param asset The token.
    error SafetyHubAssetNotListed(address asset);
    /// @notice Thrown when an address argument is zero.
    error SafetyZeroAddress();
    /// @notice Thrown when an amount is zero or worth nothing: `amount` (asset units or shares) gives zero of the other.
    /// @param amount The amount given.
    error SafetyAmountTooSmall(uint256 amount);
    /// @notice Thrown when a parameter exceeds its bound.
    /// @param value The value given.
    /// @param max Its upper bound.
    error SafetyParameterOutOfBounds(uint256 value, uint256 max);
    /// @notice Thrown when a parameter is below its bound.
    /// @param value The value given.
    /// @param min Its lower bound.
    error SafetyParameterTooLow(uint256 value, uint256 min);
    /// @notice Thrown when `account` asks for `requested` stake shares but holds `balance`.
    /// @param account The account.
    /// @param balance Stake shares it holds.
    /// @param requested Stake shares asked for.
    error SafetyInsufficientShares(address account, uint256 balance, uint256 requested);
    /// @notice Thrown when `account` unstakes without a cooldown.
    /// @param account The account.
    error SafetyCooldownNotStarted(address account);
    /// @notice Thrown when an unstake comes before the cooldown ends at `unlocksAt` (now is `nowTs`).
    /// @param unlocksAt First second the shares may leave.
    /// @param nowTs The block's timestamp.
    error SafetyCooldownActive(uint256 unlocksAt, uint256 nowTs);
    /// @notice Thrown when an unstake comes after the window closed at `expiresAt` (now is `nowTs`): cool down again.
    /// @param expiresAt Last second the shares could leave.
    /// @param nowTs The block's timestamp.
    error SafetyWindowExpired(uint256 expiresAt, uint256 nowTs);
    /// @notice Thrown when an unstake of `requested` shares exceeds the `cooling` shares of the cooldown.
    /// @param cooling Shares the cooldown covers (after transfers out).
    /// @param requested Shares asked for.
    error SafetyExceedsCooldown(uint256 cooling, uint256 requested);
    /// @notice Thrown when a hub-only function is called by `caller`.
    /// @param caller The caller.
    error SafetyUnauthorized(address caller);
    /// @notice Thrown when `harvest` finds no income to move in `asset` (none accrued, or a zero income share).
    /// @param asset The token.
    error SafetyNothingToHarvest(address asset);

    /* ============================== STAKERS ============================== */

    /// @notice Stakes `amount` of `asset` (pulled from the caller, who approved the module) for `onBehalfOf`: the
    ///         tokens become the module's hub supply, within its hub add cap. Shares minted for the value the hub
    ///         credited, rounded down.
    /// @param asset The token.
    /// @param amount Asset units.
    /// @param onBehalfOf Receiver of the stake shares.
    /// @return shares Stake shares minted.
    function stake(address asset, uint256 amount, address onBehalfOf) external returns (uint256 shares);

    /// @notice Starts (or restarts) the caller's cooldown of `shares` stake shares of `asset` (`type(uint256).max`:
    ///         all it holds). They may be unstaked after `cooldown()` seconds, within `window()` seconds.
    /// @param asset The token.
    /// @param shares Stake shares.
    function cooldown(address asset, uint256 shares) external;

    /// @notice Burns `shares` of the caller's cooled stake shares of `asset` (`type(uint256).max`: all it may) and
    ///         sends their value (rounded down) to `to`, from the module's hub position.
    /// @param asset The token.
    /// @param shares Stake shares.
    /// @param to Receiver of the tokens.
    /// @return amount Asset units sent.
    function unstake(address asset, uint256 shares, address to) external returns (uint256 amount);

    /* ============================== ANYONE ============================== */

    /// @notice Moves `incomeShareBps` of the treasury's hub income in `asset` accrued since the last harvest to the
    ///         stakers (withdrawn from the hub by the treasury to the module, added back as the module's hub supply).
    /// @param asset The token.
    /// @return amount Asset units moved.
    function harvest(address asset) external returns (uint256 amount);

    /* ============================== GOVERNANCE ============================== */

    /// @notice Opens a stake pool for `asset` (listed in the hub; the hub caps of the module are set separately).
    ///         Restricted.
    /// @param asset The token.
    /// @param maxSlashBps_ Max slash per deficit report, bps (at most MAX_SLASH_BPS).
    /// @param incomeShareBps Share of the treasury's new hub income, bps (at most MAX_INCOME_SHARE_BPS).
    function listAsset(address asset, uint16 maxSlashBps_, uint16 incomeShareBps) external;

    /// @notice Changes `asset`'s max slash and income share. Restricted.
    /// @param asset The token.
    /// @param maxSlashBps_ Max slash per deficit report, bps (at most MAX_SLASH_BPS).
    /// @param incomeShareBps Share of the treasury's new hub income, bps (at most MAX_INCOME_SHARE_BPS).
    function setPoolParams(address asset, uint16 maxSlashBps_, uint16 incomeShareBps) external;

    /// @notice Sets the cooldown and the withdrawal window (seconds) for cooldowns started from now on. Restricted.
    /// @param cooldown_ Seconds from `cooldown` to the first second of the window (at most MAX_COOLDOWN).
    /// @param window_ Seconds the window stays open (MIN_WINDOW to MAX_WINDOW).
    function setCooldown(uint32 cooldown_, uint32 window_) external;

    /* ============================== VIEWS ============================== */

    /// @notice The LiquidityHub the module is a spoke of.
    /// @return The hub.
    function hub() external view returns (address);

    /// @notice `asset`'s stake pool.
    /// @param asset The token.
    /// @return The pool's configuration and totals.
    function getStakePool(address asset) external view returns (StakePool memory);

    /// @notice `account`'s cooldown in `asset`.
    /// @param asset The token.
    /// @param account The staker.
    /// @return Its cooldown (zero if none).
    function getCooldown(address asset, address account) external view returns (Cooldown memory);

    /// @notice Assets with a stake pool, in listing order.
    /// @return The tokens.
    function stakedAssets() external view returns (address[] memory);

    /// @notice The module's assets in `asset`: its hub supply as of now (rounded down), asset units.
    /// @param asset The token.
    /// @return Asset units.
    function totalAssets(address asset) external view returns (uint256);

    /// @notice Stake shares `amount` of `asset` would mint now (rounded down).
    /// @param asset The token.
    /// @param amount Asset units.
    /// @return Stake shares.
    function previewStake(address asset, uint256 amount) external view returns (uint256);

    /// @notice Asset units `shares` stake shares of `asset` are worth now (rounded down).
    /// @param asset The token.
    /// @param shares Stake shares.
    /// @return Asset units.
    function previewUnstake(address asset, uint256 shares) external view returns (uint256);

    /// @notice Seconds between `cooldown` and the window.
    /// @return Seconds.
    function cooldownPeriod() external view returns (uint32);

    /// @notice Seconds the window stays open.
    /// @return Seconds.
    function window() external view returns (uint32);
}
