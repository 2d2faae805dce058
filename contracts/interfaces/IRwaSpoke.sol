// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRwaToken
/// @notice What the RwaSpoke needs of a permissioned real-world-asset token (ERC-3643 / Aave Horizon style): whether
///         an account is on the issuer's allowlist. The token enforces its own restrictions on every transfer
///         (allowlist, per-holder freeze, the issuer's forced transfers); the spoke only asks before it accepts a
///         supplier or a liquidator.
interface IRwaToken {
    /// @notice True when `account` may hold the token (on the issuer's allowlist).
    function isAllowed(address account) external view returns (bool);
}

/// @title IRwaSpoke
/// @notice A hub spoke lending the hub's stablecoin (one debt asset per spoke) against permissioned RWA tokens.
///         Positions are isolated per (account, RWA token): each has its collateral (internal, non-transferable
///         balance: there is no receipt token) and its debt in the hub's drawn shares. The spoke never holds the lent
///         asset: borrowing draws from the hub straight to the borrower, repaying sends straight to the hub.
///         Prices: the issuer's NAV feed (8-decimal answers normalised, staleness-checked; an answer that moves more
///         than `maxNavMoveBps` from the last accepted NAV halts valuation until the risk admin accepts it), and for
///         ERC-4626 vault shares the vault's `convertToAssets`. Liquidation only by holders on the token's allowlist,
///         after a grace period unless the position is below its hard floor; what no collateral covers is reported
///         to the hub as the spoke's deficit. See docs/collateral.md, "## RwaSpoke".
/// @dev Units: collateral in the RWA token's units; debt in the debt asset's units; values in the base currency
///      (8 decimals, the oracle's); health factors WAD; ratios in bps.
interface IRwaSpoke {
    /* ============================== TYPES ============================== */

    /// @notice Risk parameters of one RWA collateral.
    /// @param ltv Maximum debt value per collateral value at borrow and withdraw, bps.
    /// @param liquidationThreshold Collateral value weight in the health factor, bps (above `ltv`).
    /// @param liquidationBonus Collateral value a liquidator receives per debt value repaid, bps (at least 10_000).
    /// @param maxNavMoveBps Largest accepted move of a NAV answer from the last accepted NAV, bps (1 to 10_000).
    /// @param heartbeat Maximum age of a NAV answer, seconds.
    /// @param gracePeriod Seconds a position must have been flagged unhealthy before it may be liquidated.
    /// @param hardFloorBps Health factor (bps of 1.0) below which a position is liquidatable at once, grace or not.
    /// @param accountCap Most collateral one position may hold, whole tokens (0 = no new supply).
    struct CollateralParams {
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
        uint16 maxNavMoveBps;
        uint32 heartbeat;
        uint32 gracePeriod;
        uint16 hardFloorBps;
        uint64 accountCap;
    }

    /// @notice One listed collateral as `getCollateral` reports it.
    /// @param params Its risk parameters.
    /// @param navFeed The issuer's NAV feed (AggregatorV3Interface).
    /// @param feedDecimals The feed's decimals at listing.
    /// @param decimals The token's decimals.
    /// @param vault True when the token is an ERC-4626 vault share priced through `convertToAssets`.
    /// @param unitDecimals Decimals of the unit the NAV prices (the token's, or the vault asset's).
    /// @param acceptedNav Last accepted NAV of one unit, base currency (8 decimals).
    /// @param total Sum of every position's collateral, token units.
    struct Collateral {
        CollateralParams params;
        address navFeed;
        uint8 feedDecimals;
        uint8 decimals;
        bool vault;
        uint8 unitDecimals;
        uint256 acceptedNav;
        uint256 total;
    }

    /// @notice One position as `getPosition` reports it.
    /// @param collateral Collateral claimed, token units (internal balance).
    /// @param drawnShares Debt in the hub's drawn shares (RAY-scaled).
    /// @param debt Debt as of now, debt-asset units (rounded up).
    /// @param collateralValue Collateral value, base currency (rounded down; after any issuer seizure's haircut).
    /// @param debtValue Debt value, base currency (rounded up).
    /// @param healthFactor WAD (type(uint256).max without debt).
    /// @param unhealthySince When the position was flagged below 1.0 (0 = not flagged).
    struct Position {
        uint256 collateral;
        uint256 drawnShares;
        uint256 debt;
        uint256 collateralValue;
        uint256 debtValue;
        uint256 healthFactor;
        uint40 unhealthySince;
    }

    /* ============================== EVENTS ============================== */

    /// @notice `token` was listed as collateral with its NAV feed.
    event CollateralListed(address indexed token, address navFeed, bool vault, uint256 nav);
    /// @notice `token`'s risk parameters changed from `oldParams` to `newParams`.
    event CollateralParamsSet(address indexed token, CollateralParams oldParams, CollateralParams newParams);
    /// @notice A NAV of `nav` (base currency, 8 decimals) was accepted for `token`, replacing `oldNav`; `forced` when
    ///         the risk admin accepted a move beyond the bound.
    event NavAccepted(address indexed token, uint256 oldNav, uint256 nav, bool forced);
    /// @notice `account` supplied `amount` of `token` to its position.
    event Supply(address indexed account, address indexed token, uint256 amount);
    /// @notice `account` withdrew `amount` of its `token` claim, receiving `sent` tokens (less after a seizure).
    event Withdraw(address indexed account, address indexed token, uint256 amount, uint256 sent);
    /// @notice `account` borrowed `amount` of the debt asset against `token`, sent to `to`, as `drawnShares`.
    event Borrow(address indexed account, address indexed token, address to, uint256 amount, uint256 drawnShares);
    /// @notice `payer` repaid `amount` of `account`'s debt against `token`, cancelling `drawnShares`.
    event Repay(
        address indexed account,
        address indexed token,
        address indexed payer,
        uint256 amount,
        uint256 drawnShares
    );
    /// @notice `account`'s `token` position was flagged unhealthy at `since`, or cleared (`since` 0).
    event PositionFlagged(address indexed account, address indexed token, uint40 since);
    /// @notice `liquidator` repaid `repaid` of `account`'s debt and received `seized` of its `token` claim (`sent`
    ///         tokens).
    event Liquidation(
        address indexed account,
        address indexed token,
        address indexed liquidator,
        uint256 repaid,
        uint256 seized,
        uint256 sent
    );
    /// @notice `account`'s `token` position had no collateral left: `debt` (`drawnShares`) was reported to the hub,
    ///         `covered` by the insurance fund, `socialised` over the hub's suppliers.
    event BadDebt(
        address indexed account,
        address indexed token,
        uint256 drawnShares,
        uint256 debt,
        uint256 covered,
        uint256 socialised
    );

    /* ============================== ERRORS ============================== */

    /// @notice Thrown when `token` is not a listed collateral.
    /// @param token The token.
    error RwaCollateralNotListed(address token);
    /// @notice Thrown when `token` is listed already.
    /// @param token The token.
    error RwaCollateralAlreadyListed(address token);
    /// @notice Thrown when `account` is not on `token`'s allowlist (to supply, or to liquidate and receive it).
    /// @param token The RWA token.
    /// @param account The account refused.
    error RwaNotAllowlisted(address token, address account);
    /// @notice Thrown when an amount is zero.
    error RwaZeroAmount();
    /// @notice Thrown when a zero address is given.
    error RwaZeroAddress();
    /// @notice Thrown when a risk parameter is out of its bounds.
    /// @param value The value given.
    /// @param min Its lower bound.
    /// @param max Its upper bound.
    error RwaParameterOutOfBounds(uint256 value, uint256 min, uint256 max);
    /// @notice Thrown when a supply would take the position's collateral to `value`, above the account cap.
    /// @param token The token.
    /// @param cap The cap, whole tokens.
    /// @param value The collateral after the supply, token units.
    error RwaAccountCapExceeded(address token, uint256 cap, uint256 value);
    /// @notice Thrown when the spoke received `received` tokens for a supply of `expected`.
    /// @param token The token.
    /// @param expected Amount supplied.
    /// @param received Amount that arrived.
    error RwaTokensNotReceived(address token, uint256 expected, uint256 received);
    /// @notice Thrown when withdrawing `requested` exceeds the position's `balance`.
    /// @param balance Collateral claimed, token units.
    /// @param requested Amount asked for.
    error RwaInsufficientCollateral(uint256 balance, uint256 requested);
    /// @notice Thrown when a borrow or withdrawal would leave debt worth `debtValue` above the `maxDebtValue` the
    ///         collateral supports at its LTV (base currency).
    /// @param debtValue Debt value after the action.
    /// @param maxDebtValue Collateral value times LTV.
    error RwaLtvExceeded(uint256 debtValue, uint256 maxDebtValue);
    /// @notice Thrown when the NAV feed's answer is older than the heartbeat allows.
    /// @param feed The NAV feed.
    /// @param updatedAt When it was last updated.
    /// @param heartbeat The heartbeat, seconds.
    error RwaNavStale(address feed, uint256 updatedAt, uint256 heartbeat);
    /// @notice Thrown when the NAV feed's answer is not positive or its round is incomplete.
    /// @param feed The NAV feed.
    /// @param answer Its answer.
    error RwaNavInvalid(address feed, int256 answer);
    /// @notice Thrown when the NAV feed's answer moved from the last accepted NAV by more than the bound allows: the
    ///         market halts (repay and supply go on) until the risk admin accepts it.
    /// @param token The token.
    /// @param accepted Last accepted NAV (8 decimals).
    /// @param answer The feed's NAV (8 decimals).
    /// @param maxMoveBps The bound, bps.
    error RwaNavMoveExceeded(address token, uint256 accepted, uint256 answer, uint256 maxMoveBps);
    /// @notice Thrown when a feed's decimals are above 18 or a token's cannot be read.
    /// @param target The feed or token.
    error RwaBadDecimals(address target);
    /// @notice Thrown when a token listed as an ERC-4626 vault share does not answer `asset()`.
    /// @param token The token.
    error RwaNotAVault(address token);
    /// @notice Thrown when repaying or liquidating a position without debt.
    /// @param account The account.
    /// @param token The collateral.
    error RwaNoDebt(address account, address token);
    /// @notice Thrown when liquidating a position whose health factor is at or above 1.0.
    /// @param healthFactor Its health factor, WAD.
    error RwaPositionHealthy(uint256 healthFactor);
    /// @notice Thrown when liquidating an unhealthy position above its hard floor before its grace period ended.
    /// @param unhealthySince When it was flagged (0: not flagged yet).
    /// @param liquidatableAt When it becomes liquidatable (0: flag it first).
    error RwaGracePeriodActive(uint40 unhealthySince, uint256 liquidatableAt);
    /// @notice Thrown when the debt asset's decimals are above 36 or it is not listed in the hub.
    /// @param asset The debt asset.
    error RwaBadDebtAsset(address asset);

    /// @notice Thrown by `supply` when the issuer took every token of `token` the spoke held while claims were
    ///         outstanding: a supply could not be valued against them, so none is taken until tokens return.
    /// @param token The collateral.
    /// @param claims The claims outstanding.
    error RwaCollateralSeized(address token, uint256 claims);
    /// @notice Thrown when a spoke function is re-entered.
    error RwaReentrancy();

    /* ============================== USER ACTIONS ============================== */

    /// @notice Supplies `amount` of `token` to the caller's position. The caller must be on the token's allowlist;
    ///         the position stays within the account cap. Fee-on-transfer amounts are refused.
    /// @param token A listed RWA token.
    /// @param amount Token units.
    function supply(address token, uint256 amount) external;

    /// @notice Withdraws `amount` of the caller's `token` claim (all for `type(uint256).max`) to the caller, as long as
    ///         the debt stays within the LTV. Sends the claim's share of what the spoke holds (all of it unless the
    ///         issuer force-transferred tokens out of the spoke).
    /// @return sent Tokens sent.
    function withdraw(address token, uint256 amount) external returns (uint256 sent);

    /// @notice Borrows `amount` of the debt asset against the caller's `token` position, drawn from the hub to `to`.
    /// @return drawnShares Drawn shares added to the position (rounded up).
    function borrow(address token, uint256 amount, address to) external returns (uint256 drawnShares);

    /// @notice Repays up to `amount` (the whole debt for `type(uint256).max`) of `account`'s debt against `token`,
    ///         paid by the caller straight to the hub. Anyone may repay for anyone; a holder the issuer froze can.
    /// @return repaid Amount repaid, debt-asset units.
    function repay(address token, uint256 amount, address account) external returns (uint256 repaid);

    /// @notice Flags `account`'s `token` position as unhealthy (starting its grace period) when its health factor is
    ///         below 1.0, or clears the flag when it is not. Permissionless (keepers).
    /// @return since The flag after the call (0 = not flagged).
    function poke(address account, address token) external returns (uint40 since);

    /// @notice Liquidates `account`'s `token` position: the caller (on the token's allowlist) repays up to
    ///         `repayAmount` of its debt and receives collateral worth the repaid value times the liquidation bonus.
    ///         Needs health factor below 1.0 and either the grace period over or the health factor below the hard
    ///         floor. When the collateral runs out, the remaining debt is reported to the hub as bad debt.
    /// @return repaid Debt repaid, debt-asset units.
    /// @return seized Collateral claim taken from the position, token units.
    function liquidate(
        address account,
        address token,
        uint256 repayAmount
    ) external returns (uint256 repaid, uint256 seized);

    /// @notice Accepts `token`'s current NAV when it is fresh and within the move bound. Permissionless.
    /// @return nav The accepted NAV, base currency (8 decimals).
    function updateNav(address token) external returns (uint256 nav);

    /* ============================== VIEWS ============================== */

    /// @notice The debt asset (a hub asset, e.g. USDC).
    function debtAsset() external view returns (address);

    /// @notice The liquidity hub.
    function hub() external view returns (address);

    /// @notice The module registry (the oracle pricing the debt asset is read from it).
    function registry() external view returns (address);

    /// @notice Listed collaterals, in listing order.
    function collaterals() external view returns (address[] memory);

    /// @notice `token`'s listing.
    function getCollateral(address token) external view returns (Collateral memory);

    /// @notice `account`'s `token` position as of now (reverts like a valuation when the NAV is stale or out of bounds).
    function getPosition(address account, address token) external view returns (Position memory);

    /// @notice `account`'s `token` position as stored, without valuation (answers while the NAV is halted).
    /// @return collateral Collateral claimed, token units.
    /// @return drawnShares Debt in the hub's drawn shares.
    /// @return unhealthySince When it was flagged below 1.0 (0 = not flagged).
    function positionOf(
        address account,
        address token
    ) external view returns (uint256 collateral, uint256 drawnShares, uint40 unhealthySince);

    /// @notice `token`'s NAV the spoke values with now: the feed's answer, checked (8 decimals).
    function navOf(address token) external view returns (uint256);

    /// @notice Tokens the spoke holds per claimed unit of `token`, WAD (below 1 after the issuer force-transferred
    ///         tokens out of the spoke).
    function coverage(address token) external view returns (uint256);

    /* ============================== ADMIN (AccessManager-restricted) ============================== */

    /// @notice Lists `token` as collateral with its NAV feed (`vault`: an ERC-4626 share priced through
    ///         `convertToAssets`, the feed pricing one unit of the vault's asset). Restricted (governance).
    function listCollateral(address token, address navFeed, bool vault, CollateralParams calldata params) external;

    /// @notice Sets `token`'s risk parameters. Restricted (risk admin).
    function setCollateralParams(address token, CollateralParams calldata params) external;

    /// @notice Accepts `token`'s current NAV answer (fresh) whatever its move. Restricted (risk admin): after a real
    ///         revaluation the market resumes.
    function acceptNav(address token) external returns (uint256 nav);
}
