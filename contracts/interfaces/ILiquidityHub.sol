// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title ILiquidityHub
/// @notice Keel's liquidity layer: custody and interest of every asset, shared by registered spokes. A spoke adds
///         liquidity (and receives supply shares), removes it (burning shares), draws it as debt (receiving drawn
///         shares) and restores it; each within the caps governance gave it, per asset. Positions, collateral and
///         health factors are the spokes' business, not the hub's. See docs/architecture.md.
/// @dev Shares are RAY-scaled units: an amount is `shares * index / RAY`. Supply shares grow with the liquidity
///      index (interest net of the reserve factor); drawn shares grow with the borrow index. Every amount rounds in
///      the hub's favour: shares minted and debt repaid round down, shares burned and debt drawn round up.
interface ILiquidityHub is IERC3156FlashLender {
    /// @notice Hub state of one asset (six storage slots; an action reads slots 0-3, the others only when needed).
    struct Asset {
        // slot 0: indexes, RAY. Never decrease, except liquidityIndex in a recorded deficit socialisation.
        uint128 liquidityIndex;
        uint128 borrowIndex;
        // slot 1: totals in shares (the treasury's included in totalShares)
        uint128 totalShares;
        uint128 totalDrawnShares;
        // slot 2: tokens held (net of what is drawn), last accrual, current borrow rate (RAY per second)
        uint128 cash;
        uint40 lastUpdate;
        uint88 borrowRate;
        // slot 3: configuration, with the cached kinked curve (NATIVE_CURVE: the hub evaluates `KinkedCurve` with
        // these annual bps itself instead of calling the rate model on every action; kept in step by the model's
        // `onRateModelChanged` push and by `refreshRate`)
        uint32 curveBaseBps;
        uint32 curveSlope1Bps;
        uint32 curveSlope2Bps;
        uint32 curveOptimalBps;
        uint16 reserveFactor; // bps of interest to the treasury
        uint16 flashFee; // bps of ERC-3156 flash loans taken from the hub directly
        uint8 decimals;
        // LISTED = 1, FLASH_LOANS = 2, DEFAULT_MODEL = 4 (follows the default), HAS_TREASURY = 8, NATIVE_CURVE = 16
        uint8 flags;
        // slot 4: the treasury's supply shares (reserve-factor income, flash fees; the insurance fund) and every
        // deficit ever reported for this asset (asset units)
        uint128 treasuryShares;
        uint128 totalDeficit;
        // slot 5: the asset's rate model; with DEFAULT_MODEL, the registry's default (kept in step). Read on an action
        // only when the model's curve is not cached (NATIVE_CURVE clear).
        address rateModel;
    }

    /// @notice One spoke's account in one asset, as `getSpokeAsset` reports it. Stored in two slots: the shares, drawn
    ///         shares and flags (freeze, unlimited caps) that every action reads; the caps and deficits, read only when
    ///         a cap applies.
    struct SpokeAsset {
        uint128 shares;
        uint128 drawnShares;
        // caps in whole tokens (0 = nothing allowed, UNLIMITED = no cap), the deficits it reported, the freeze switch
        uint64 addCap;
        uint64 drawCap;
        uint120 deficit;
        bool frozen;
    }

    /* ============================== EVENTS ============================== */

    /// @notice `asset` was listed in the hub.
    event AssetListed(address indexed asset, uint8 decimals, address rateModel, uint16 reserveFactor);
    /// @notice `asset`'s configuration changed.
    event AssetConfigured(
        address indexed asset,
        address rateModel,
        uint16 reserveFactor,
        uint16 flashFee,
        bool flashLoans
    );
    /// @notice `spoke` was registered (it still needs caps per asset).
    event SpokeAdded(address indexed spoke);
    /// @notice `spoke`'s caps in `asset` changed (whole tokens).
    event SpokeCapsSet(address indexed spoke, address indexed asset, uint64 addCap, uint64 drawCap);
    /// @notice `spoke` was frozen (no new adds or draws in any asset) or unfrozen.
    event SpokeFrozen(address indexed spoke, bool frozen);
    /// @notice Interest accrued on `asset`: the new indexes and the treasury's share (asset units).
    event AssetAccrued(address indexed asset, uint256 liquidityIndex, uint256 borrowIndex, uint256 toTreasury);
    /// @notice `spoke` added `amount` of `asset` for `shares`.
    event Add(address indexed spoke, address indexed asset, uint256 amount, uint256 shares);
    /// @notice `spoke` removed `amount` of `asset` to `to`, burning `shares`.
    event Remove(address indexed spoke, address indexed asset, address to, uint256 amount, uint256 shares);
    /// @notice `spoke` drew `amount` of `asset` to `to` as debt of `drawnShares`.
    event Draw(address indexed spoke, address indexed asset, address to, uint256 amount, uint256 drawnShares);
    /// @notice `spoke` restored `amount` of `asset`, cancelling `drawnShares`.
    event Restore(address indexed spoke, address indexed asset, uint256 amount, uint256 drawnShares);
    /// @notice `spoke` reported `amount` of `asset` as bad debt: `covered` came from the treasury's shares (the
    ///         insurance fund), `socialised` was spread over the hub's suppliers by lowering the liquidity index.
    event DeficitReported(
        address indexed spoke,
        address indexed asset,
        uint256 amount,
        uint256 covered,
        uint256 socialised
    );
    /// @notice The safety module `module` covered `amount` of a deficit `spoke` reported in `asset`, first of all
    ///         covers, by giving up `shares` of its hub supply shares (its stakers' loss).
    event SafetyModuleCover(
        address indexed spoke,
        address indexed asset,
        address indexed module,
        uint256 amount,
        uint256 shares
    );
    /// @notice A flash loan of `amount` `asset` ended with `fee` paid to the asset's suppliers and treasury (the
    ///         treasury's part is the loan's treasury share of `fee`, rounded down: the reserve factor for the hub's own
    ///         ERC-3156 loans, the spoke's `toTreasuryBps` for a spoke's loan).
    event HubFlashLoan(address indexed initiator, address indexed asset, uint256 amount, uint256 fee);
    /// @notice The treasury withdrew `amount` of its `asset` income to `to`.
    event TreasuryWithdrawn(address indexed asset, address indexed to, uint256 amount, uint256 shares);
    /// @notice `asset`'s rate model was read again: `nativeCurve` says whether the hub evaluates its kinked curve
    ///         itself (the parameters are in `getAsset`) or calls `rateModel` on every action.
    event RateModelSynced(address indexed asset, address rateModel, bool nativeCurve);
    /// @notice The hub cached module `id` at `module` (pushed by the registry).
    event HubModuleCached(bytes32 indexed id, address module);

    /* ============================== ERRORS ============================== */

    /// @notice `asset` is not listed in the hub.
    /// @param asset The token.
    error HubAssetNotListed(address asset);
    /// @notice `asset` is already listed.
    /// @param asset The token.
    error HubAssetAlreadyListed(address asset);
    /// @notice `spoke` is already registered.
    /// @param spoke The spoke.
    error HubSpokeAlreadyAdded(address spoke);
    /// @notice `spoke` is not registered.
    /// @param spoke The caller or the spoke named.
    error HubSpokeNotAdded(address spoke);
    /// @notice `spoke` is frozen: it may remove and restore, not add or draw.
    /// @param spoke The spoke.
    error HubSpokeFrozen(address spoke);
    /// @notice Adding would take `spoke`'s supply of `asset` to `value`, above its add cap.
    /// @param spoke The spoke.
    /// @param asset The token.
    /// @param cap The add cap, whole tokens.
    /// @param value The spoke's supply after the add, asset units.
    error HubAddCapExceeded(address spoke, address asset, uint256 cap, uint256 value);
    /// @notice Drawing would take `spoke`'s debt in `asset` to `value`, above its draw cap.
    /// @param spoke The spoke.
    /// @param asset The token.
    /// @param cap The draw cap, whole tokens.
    /// @param value The spoke's debt after the draw, asset units.
    error HubDrawCapExceeded(address spoke, address asset, uint256 cap, uint256 value);
    /// @notice The hub can send `available` of the asset now (its cash, less what is out on a flash loan), less than
    ///         the `requested` amount.
    /// @param available Cash that can leave now.
    /// @param requested Amount asked for.
    error HubInsufficientLiquidity(uint256 available, uint256 requested);
    /// @notice The hub received `received` tokens for an add or restore of `expected`.
    /// @param asset The token.
    /// @param expected Amount the spoke declared.
    /// @param received Amount actually held above the hub's books.
    error HubTokensNotReceived(address asset, uint256 expected, uint256 received);
    /// @notice `spoke` named `shares` supply shares but holds only `held`.
    /// @param spoke The spoke.
    /// @param held Shares the spoke holds.
    /// @param shares Shares named.
    error HubSharesExceeded(address spoke, uint256 held, uint256 shares);
    /// @notice `spoke` named `shares` drawn shares but owes only `held`.
    /// @param spoke The spoke.
    /// @param held Drawn shares the spoke owes.
    /// @param shares Drawn shares named.
    error HubDrawnSharesExceeded(address spoke, uint256 held, uint256 shares);
    /// @notice Removing `requested` exceeds the `balance` the named shares are worth.
    /// @param balance Value of the shares named, asset units.
    /// @param requested Amount asked for.
    error HubInsufficientBalance(uint256 balance, uint256 requested);
    /// @notice Restoring `amount` exceeds the `debt` the named drawn shares are worth.
    /// @param debt Value of the drawn shares named, asset units.
    /// @param amount Amount restored.
    error HubRestoreExceedsDebt(uint256 debt, uint256 amount);
    /// @notice The amount is zero, or too small to be worth one share.
    /// @param amount The amount.
    error HubAmountTooSmall(uint256 amount);
    /// @notice The amount does not fit the hub's books (at most 2^120 - 1 units).
    /// @param amount The amount.
    error HubAmountTooLarge(uint256 amount);
    /// @notice A hub function was re-entered.
    error HubReentrancy();
    /// @notice A flash loan is already running in this transaction.
    error HubFlashLoanInProgress();
    /// @notice `asset` cannot be flash-borrowed from the hub directly.
    /// @param asset The token.
    error HubFlashLoanDisabled(address asset);
    /// @notice The ERC-3156 borrower did not return the callback value.
    /// @param receiver The borrower.
    error HubFlashReceiverFailed(address receiver);
    /// @notice The flash loan's arrays differ in length or are empty.
    error HubInconsistentFlashLoan();
    /// @notice A parameter is out of its bounds.
    /// @param value The value given.
    /// @param max Its upper bound.
    error HubParameterOutOfBounds(uint256 value, uint256 max);
    /// @notice A zero address was given.
    error HubZeroAddress();
    /// @notice Only the registry may push module addresses; only the treasury may withdraw its income.
    /// @param caller The caller.
    error HubUnauthorized(address caller);
    /// @notice The asset's decimals are above 36 or could not be read.
    /// @param asset The token.
    error HubBadDecimals(address asset);

    /* ============================== SPOKE ACTIONS ============================== */

    /// @notice Accrues `asset`'s interest up to now.
    /// @return liquidityIndex Current liquidity index (RAY).
    /// @return borrowIndex Current borrow index (RAY).
    function accrue(address asset) external returns (uint256 liquidityIndex, uint256 borrowIndex);

    /// @notice Accrues `asset`, reads its rate model again (the curve the hub caches, or none) and stores the rate for
    ///         the current totals. Anyone: it only brings the hub in step with its model.
    /// @param asset A listed asset.
    function refreshRate(address asset) external;

    /// @notice A rate model's push: its parameters for `asset` (zero: for every asset) changed. Every listed asset
    ///         whose model is the caller is accrued, its curve read again and its rate stored; for anyone else the call
    ///         changes nothing. Never reverts for an asset that is not listed or uses another model.
    /// @param asset The asset whose parameters changed, or zero for all.
    function onRateModelChanged(address asset) external;

    /// @notice Adds `amount` of `asset` for the calling spoke, which transferred the tokens to the hub beforehand
    ///         (checked against the hub's books). Mints supply shares, rounded down. Not for frozen spokes; within
    ///         the spoke's add cap.
    /// @return shares Shares minted.
    /// @return liquidityIndex Current liquidity index (RAY).
    /// @return spokeShares The spoke's shares after the add.
    function add(
        address asset,
        uint256 amount
    ) external returns (uint256 shares, uint256 liquidityIndex, uint256 spokeShares);

    /// @notice Removes `amount` of `asset` (all of `maxShares` for `type(uint256).max`) to `to`, burning shares
    ///         rounded up (all of `maxShares` when `amount` is what they are worth). `maxShares` is the share
    ///         balance of the spoke's account being served; it cannot exceed what the spoke holds.
    /// @return shares Shares burned.
    /// @return amount_ Amount sent.
    /// @return liquidityIndex Current liquidity index (RAY).
    function remove(
        address asset,
        uint256 amount,
        uint256 maxShares,
        address to
    ) external returns (uint256 shares, uint256 amount_, uint256 liquidityIndex);

    /// @notice Draws `amount` of `asset` to `to` as debt of the calling spoke (drawn shares rounded up). Not for
    ///         frozen spokes; within the spoke's draw cap. `to == address(this)` draws in place: only meaningful
    ///         during the spoke's own flash loan, whose tokens are already out.
    /// @return drawnShares Drawn shares recorded.
    /// @return borrowIndex Current borrow index (RAY).
    /// @return spokeDrawnShares The spoke's drawn shares after the draw.
    /// @return borrowRate The asset's new borrow rate (RAY per second).
    function draw(
        address asset,
        uint256 amount,
        address to
    ) external returns (uint256 drawnShares, uint256 borrowIndex, uint256 spokeDrawnShares, uint256 borrowRate);

    /// @notice Restores `amount` of `asset` against `maxDrawnShares` of the calling spoke's debt (the debt of the
    ///         account being served), which the spoke transferred to the hub beforehand. Cancels drawn shares
    ///         rounded down (all of `maxDrawnShares` when `amount` is what they are worth).
    /// @return drawnShares Drawn shares cancelled.
    function restore(address asset, uint256 amount, uint256 maxDrawnShares) external returns (uint256 drawnShares);

    /// @notice Writes off `drawnShares` of the calling spoke's debt in `asset` that its borrower cannot repay. The
    ///         safety module's stake covers the loss first (its hub shares in `asset`, at most the module's
    ///         `maxSlashBps` of them per report), then the insurance fund: up to `coverShares` of the spoke's own supply shares (the
    ///         treasury's position in that spoke), then the treasury's shares in the hub; the rest lowers the liquidity
    ///         index (the hub's suppliers share it). Recorded per spoke and per asset.
    /// @return covered Loss covered by the safety module and the insurance fund (all parts), asset units.
    /// @return socialised Loss spread over suppliers, asset units.
    /// @return coverSharesBurned How many of `coverShares` were spent.
    /// @return coveredByShares The part of `covered` they paid, asset units.
    function reportDeficit(
        address asset,
        uint256 drawnShares,
        uint256 coverShares
    ) external returns (uint256 covered, uint256 socialised, uint256 coverSharesBurned, uint256 coveredByShares);

    /// @notice Flash loan for a spoke's own flash-loan API: sends `amounts` to `receiver`, calls the spoke back
    ///         (`ISpokeFlashCallback.onHubFlashLoan`), then requires each asset's books to be whole again plus
    ///         `premiums` (booked to suppliers, `toTreasuryBps` of each to the treasury). During the callback the
    ///         spoke may add, remove, draw (in place too) and restore.
    function spokeFlashLoan(
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata premiums,
        uint256 toTreasuryBps,
        address receiver,
        bytes calldata data
    ) external;

    /* ============================== TREASURY ============================== */

    /// @notice Sends `amount` of the treasury's `asset` income (all for `type(uint256).max`) to `to`. Treasury only.
    /// @return Amount sent.
    function withdrawTreasury(address asset, uint256 amount, address to) external returns (uint256);

    /* ============================== VIEWS ============================== */

    /// @notice `asset`'s stored state.
    function getAsset(address asset) external view returns (Asset memory);

    /// @notice `spoke`'s account in `asset`.
    function getSpokeAsset(address spoke, address asset) external view returns (SpokeAsset memory);

    /// @notice Liquidity and borrow indexes as of now (RAY), without writing.
    function currentIndexes(address asset) external view returns (uint256 liquidityIndex, uint256 borrowIndex);

    /// @notice Tokens of `asset` that can leave now: the cash less what is out on a running flash loan.
    function availableCash(address asset) external view returns (uint256);

    /// @notice `spoke`'s supply and debt in `asset` as of now, asset units (supply rounded down, debt up).
    function spokeBalances(address spoke, address asset) external view returns (uint256 supplied, uint256 drawn);

    /// @notice The asset's totals as of now: supplied (suppliers and treasury, rounded down), drawn (rounded up),
    ///         cash.
    function assetTotals(address asset) external view returns (uint256 supplied, uint256 drawn, uint256 cash);

    /// @notice The treasury's income in `asset` as of now, asset units (rounded down).
    function treasuryBalance(address asset) external view returns (uint256);

    /// @notice Listed assets, in listing order.
    function assets() external view returns (address[] memory);

    /// @notice Registered spokes, in registration order.
    function spokes() external view returns (address[] memory);

    /// @notice True when `spoke` is registered.
    function isSpoke(address spoke) external view returns (bool);

    /// @notice True when `spoke` is frozen.
    function isFrozen(address spoke) external view returns (bool);

    /// @notice Cached treasury (reserve-factor income goes to its shares).
    function treasury() external view returns (address);

    /// @notice Cached default rate model (for assets without their own).
    function defaultRateModel() external view returns (address);

    /// @notice Cached safety module (ModuleIds.SAFETY_MODULE): first to cover a reported deficit; zero if none.
    function safetyModule() external view returns (address);

    /// @notice The registry that pushes module changes.
    function registry() external view returns (address);

    /* ============================== GOVERNANCE ============================== */

    /// @notice Lists `asset` (decimals read from the token) with its rate model (zero = default), reserve factor and
    ///         direct flash fee. Restricted.
    function listAsset(address asset, address rateModel, uint16 reserveFactor, uint16 flashFee) external;

    /// @notice Changes `asset`'s configuration; interest so far accrues at the old one. Restricted.
    function configureAsset(
        address asset,
        address rateModel,
        uint16 reserveFactor,
        uint16 flashFee,
        bool flashLoans
    ) external;

    /// @notice Registers `spoke` (caps all zero until `setSpokeCaps`). Restricted.
    function addSpoke(address spoke) external;

    /// @notice Sets `spoke`'s caps in `asset` (whole tokens; `type(uint64).max` = unlimited; zero = offboard: no new
    ///         adds or draws, removals and repayments still work). Restricted.
    function setSpokeCaps(address spoke, address asset, uint64 addCap, uint64 drawCap) external;

    /// @notice Freezes `spoke`: no new adds or draws in any asset; removals, repayments and deficit reports still
    ///         work, so no user's funds are locked. Restricted (guardian).
    function freezeSpoke(address spoke) external;

    /// @notice Unfreezes `spoke`. Restricted (governance).
    function unfreezeSpoke(address spoke) external;
}

/// @title ISpokeFlashCallback
/// @notice Implemented by spokes that take hub flash loans (`ILiquidityHub.spokeFlashLoan`).
interface ISpokeFlashCallback {
    /// @notice Called by the hub once the flash-loaned tokens are at the receiver. The spoke runs its own callback
    ///         and brings the tokens (plus premiums) back to the hub before returning.
    /// @param data The `data` given to `spokeFlashLoan`.
    function onHubFlashLoan(bytes calldata data) external;
}
