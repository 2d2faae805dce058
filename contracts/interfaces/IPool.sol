// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../libraries/types/DataTypes.sol";
import {IPoolPause} from "./IPoolPause.sol";

/// @title IPool
/// @notice Keel's lending pool. User-facing calls keep Aave V3's exact signatures so existing integrations, bots and
///         flash-loan receivers work unchanged. Amounts are in asset units unless stated; values in the base currency
///         (USD, 8 decimals); percentages in basis points (10_000 = 100%); health factor in WAD (1e18 = 1).
interface IPool is IPoolPause {
    /* ============================== EVENTS (Aave V3 names) ============================== */

    /// @notice `user` supplied `amount` of `reserve` for `onBehalfOf`.
    event Supply(
        address indexed reserve,
        address user,
        address indexed onBehalfOf,
        uint256 amount,
        uint16 indexed referralCode
    );
    /// @notice `user` withdrew `amount` of `reserve` to `to`.
    event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount);
    /// @notice `user` borrowed `amount` of `reserve` for `onBehalfOf` at the variable rate `borrowRate` (RAY a year,
    ///         as Aave: the stored per-second rate x 365 days).
    event Borrow(
        address indexed reserve,
        address user,
        address indexed onBehalfOf,
        uint256 amount,
        uint8 interestRateMode,
        uint256 borrowRate,
        uint16 indexed referralCode
    );
    /// @notice `repayer` repaid `amount` of `user`'s debt in `reserve`.
    event Repay(
        address indexed reserve,
        address indexed user,
        address indexed repayer,
        uint256 amount,
        bool useATokens
    );
    /// @notice `reserve` became collateral of `user`.
    event ReserveUsedAsCollateralEnabled(address indexed reserve, address indexed user);
    /// @notice `reserve` stopped being collateral of `user`.
    event ReserveUsedAsCollateralDisabled(address indexed reserve, address indexed user);
    /// @notice A liquidation: `liquidator` repaid `debtToCover` of `user`'s `debtAsset` and received
    ///         `liquidatedCollateralAmount` of `collateralAsset` (as supply tokens if `receiveAToken`).
    event LiquidationCall(
        address indexed collateralAsset,
        address indexed debtAsset,
        address indexed user,
        uint256 debtToCover,
        uint256 liquidatedCollateralAmount,
        address liquidator,
        bool receiveAToken
    );
    /// @notice A flash loan of `amount` of `asset` to `target`; mode 2 means it was left open as debt.
    event FlashLoan(
        address indexed target,
        address initiator,
        address indexed asset,
        uint256 amount,
        uint8 interestRateMode,
        uint256 premium,
        uint16 indexed referralCode
    );

    /* ============================== EVENTS (Keel) ============================== */

    /// @notice `asset` was listed with its supply token; `seed` was supplied and locked for good.
    event ReserveInitialized(address indexed asset, address indexed kToken, uint256 seed);
    /// @notice `asset`'s configuration changed.
    event ReserveConfigSet(address indexed asset, DataTypes.ReserveConfig oldConfig, DataTypes.ReserveConfig newConfig);
    /// @notice `delegator` lets `delegatee` borrow `amount` of `asset` against `delegator`'s collateral.
    event BorrowAllowanceDelegated(
        address indexed delegator,
        address indexed delegatee,
        address indexed asset,
        uint256 amount
    );
    /// @notice Supply position moved between accounts (the supply token emits the ERC-20 Transfer too).
    event SupplyTransferred(address indexed asset, address indexed from, address indexed to, uint256 amount);
    /// @notice `user`'s unbacked debt in `asset` was written off and reported to the hub as this spoke's deficit:
    ///         `covered` by the safety module's stakers and the insurance fund (the treasury's supply in this spoke
    ///         and its shares in the hub), the rest (`socialised`) spread over the hub's suppliers by lowering the
    ///         liquidity index.
    event BadDebtWrittenOff(address indexed asset, address indexed user, uint256 covered, uint256 socialised);
    /// @notice A cached module address changed (pushed by the registry).
    event ModuleCached(bytes32 indexed id, address oldModule, address newModule);
    /// @notice Flash-loan premium (bps) and the treasury's share of it (bps) changed.
    event FlashPremiumSet(uint16 oldPremium, uint16 newPremium, uint16 oldProtocolShare, uint16 newProtocolShare);
    /// @notice Flash loans paused or resumed pool-wide.
    event FlashLoansPauseSet(bool paused);
    /// @notice `account` is (or stops being) a fee-exempt flash borrower.
    event FlashBorrowerSet(address indexed account, bool exempt);

    /* ============================== ERRORS ============================== */

    /// @notice The amount is zero.
    error PoolZeroAmount();
    /// @notice A zero address was given where an account or module is required.
    error PoolZeroAddress();
    /// @notice `asset` is not listed in this spoke.
    /// @param asset The token.
    error PoolReserveNotListed(address asset);
    /// @notice `asset` is already listed.
    /// @param asset The token.
    error PoolReserveAlreadyListed(address asset);
    /// @notice `asset` is paused (only repay works).
    /// @param asset The token.
    error PoolReservePaused(address asset);
    /// @notice `asset` is frozen: no new supply or borrow.
    /// @param asset The token.
    error PoolReserveFrozen(address asset);
    /// @notice The whole spoke is paused (only repay works).
    error PoolIsPaused();
    /// @notice `asset` cannot be borrowed.
    /// @param asset The token.
    error PoolBorrowingDisabled(address asset);
    /// @notice `asset` cannot be collateral.
    /// @param asset The token.
    error PoolCollateralDisabled(address asset);
    /// @notice Only variable rate (mode 2; 0 for flash loans) exists.
    /// @param mode The mode given.
    error PoolInvalidInterestRateMode(uint256 mode);
    /// @notice A supply transfer of `requested` exceeds the sender's `available` balance.
    /// @param available The sender's balance.
    /// @param requested The amount asked for.
    error PoolInsufficientBalance(uint256 available, uint256 requested);
    /// @notice This market's supply of `asset` would exceed its cap.
    /// @param asset The token.
    /// @param cap The cap, whole tokens.
    error PoolSupplyCapExceeded(address asset, uint256 cap);
    /// @notice This market's borrows of `asset` would exceed its cap.
    /// @param asset The token.
    /// @param cap The cap, whole tokens.
    error PoolBorrowCapExceeded(address asset, uint256 cap);
    /// @notice The action would leave the account with this health factor, below 1.
    /// @param healthFactor The health factor after the action (WAD).
    error PoolHealthFactorTooLow(uint256 healthFactor);
    /// @notice The account's debt would exceed its borrowing power (both in base currency, 8 decimals).
    /// @param borrowPowerBase Borrowing power.
    /// @param debtBase Debt after the borrow.
    error PoolInsufficientCollateral(uint256 borrowPowerBase, uint256 debtBase);
    /// @notice The delegatee's credit delegation `allowance` is below the `amount` borrowed.
    /// @param allowance What is left of the delegation.
    /// @param amount The amount borrowed.
    error PoolInsufficientCreditDelegation(uint256 allowance, uint256 amount);
    /// @notice `user` owes nothing in `asset`.
    /// @param asset The token.
    /// @param user The account.
    error PoolNoDebt(address asset, address user);
    /// @notice Repaying `type(uint256).max` is only for one's own debt.
    error PoolNoExplicitAmountToRepayOnBehalf();
    /// @notice The account is healthy (health factor `healthFactor` >= 1): it cannot be liquidated.
    /// @param healthFactor The health factor (WAD).
    error PoolHealthFactorNotBelowThreshold(uint256 healthFactor);
    /// @notice `asset` is not `user`'s collateral, so it cannot be seized.
    /// @param asset The token.
    /// @param user The account.
    error PoolCollateralNotEnabled(address asset, address user);
    /// @notice Liquidations wait for the grace period after a pause, until `until`.
    /// @param until End of the grace period (timestamp).
    error PoolLiquidationGracePeriod(uint256 until);
    /// @notice A partial liquidation would leave debt or collateral worth less than $1,000.
    error PoolMustNotLeaveDust();
    /// @notice The spoke lists its maximum number of reserves.
    error PoolTooManyReserves();
    /// @notice An account may use at most `max` reserves.
    /// @param max The bound.
    error PoolTooManyAccountReserves(uint256 max);
    /// @notice The liquidation would seize nothing for `amount`.
    /// @param amount The debt to cover asked for.
    error PoolAmountTooSmall(uint256 amount);
    /// @notice `amount` exceeds `max`, the largest amount the books hold.
    /// @param amount The amount.
    /// @param max The bound.
    error PoolAmountTooLarge(uint256 amount, uint256 max);
    /// @notice Risk parameters outside the hard bounds (LTV < threshold < 100%, bonus > 100%, threshold x bonus
    ///         <= 100%).
    /// @param ltv LTV given (bps).
    /// @param liquidationThreshold Threshold given (bps).
    /// @param liquidationBonus Bonus given (bps).
    error PoolInvalidRiskParams(uint16 ltv, uint16 liquidationThreshold, uint16 liquidationBonus);
    /// @notice A bps value above 10,000.
    /// @param value The value.
    error PoolInvalidBps(uint256 value);
    /// @notice `kToken` is not this spoke's token for the asset.
    /// @param kToken The token given.
    error PoolInvalidKToken(address kToken);
    /// @notice Thrown when `initReserve` is given a kToken whose `decimals()` differ from the asset's.
    /// @param kToken The kToken.
    /// @param kTokenDecimals What the kToken reports.
    /// @param assetDecimals What the asset reports.
    error PoolKTokenDecimalsMismatch(address kToken, uint8 kTokenDecimals, uint8 assetDecimals);
    /// @notice The listing seed `given` is below `minimum`.
    /// @param minimum The smallest seed.
    /// @param given The seed given.
    error PoolSeedTooSmall(uint256 minimum, uint256 given);
    /// @notice Only the reserve's kToken may move supply.
    /// @param caller The caller.
    error PoolOnlyKToken(address caller);
    /// @notice Only the registry may push module addresses.
    /// @param caller The caller.
    error PoolOnlyRegistry(address caller);
    /// @notice Only the hub, during this spoke's own flash loan, may call the flash-loan callback.
    /// @param caller The caller.
    error PoolOnlyHub(address caller);
    /// @notice A pool function was re-entered.
    error PoolReentrancy();
    /// @notice `user` has no supply of `asset`.
    /// @param asset The token.
    /// @param user The account.
    error PoolNoSupply(address asset, address user);
    /// @notice Flash loans are paused.
    error PoolFlashLoansPaused();
    /// @notice A flash loan is already running in this transaction.
    error PoolFlashLoanInProgress();
    /// @notice `asset` cannot be flash-borrowed.
    /// @param asset The token.
    error PoolFlashLoanDisabled(address asset);
    /// @notice The flash-loan receiver did not return true.
    /// @param receiver The receiver.
    error PoolFlashReceiverFailed(address receiver);
    /// @notice The flash loan's arrays are empty or differ in length.
    error PoolInconsistentFlashLoanParams();
    /// @notice The flash premium `premium` exceeds `max` (bps).
    /// @param premium The premium given.
    /// @param max The bound.
    error PoolInvalidPremium(uint256 premium, uint256 max);
    /// @notice The signature's `deadline` has passed.
    /// @param deadline The deadline.
    error PoolSignatureExpired(uint256 deadline);
    /// @notice The signature is not the delegator's.
    error PoolInvalidSignature();
    /// @notice The grace period `given` exceeds `max` seconds.
    /// @param given The period given.
    /// @param max The bound.
    error PoolGracePeriodTooLong(uint256 given, uint256 max);

    /* ============================== USER ACTIONS (Aave V3 signatures) ============================== */

    /// @notice Supplies `amount` of `asset`, credited to `onBehalfOf` as an interest-bearing supply position
    ///         (transferable as the reserve's kToken). Pulls the tokens from the caller.
    /// @param asset The reserve's underlying asset.
    /// @param amount Asset units to supply.
    /// @param onBehalfOf The account credited.
    /// @param referralCode Aave-compatible referral code, emitted only.
    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) external;

    /// @notice `supply` after an EIP-2612 permit. A permit already used (front-run) does not make it fail.
    function supplyWithPermit(
        address asset,
        uint256 amount,
        address onBehalfOf,
        uint16 referralCode,
        uint256 deadline,
        uint8 permitV,
        bytes32 permitR,
        bytes32 permitS
    ) external;

    /// @notice Withdraws `amount` of `asset` (type(uint256).max = everything) to `to`. Reverts if the caller's
    ///         health factor would drop below 1.
    /// @return The amount withdrawn, in asset units.
    function withdraw(address asset, uint256 amount, address to) external returns (uint256);

    /// @notice Borrows `amount` of `asset` at the variable rate (`interestRateMode` must be 2) against the collateral
    ///         of `onBehalfOf`, who must be the caller or have delegated credit to the caller. Sends it to the caller.
    function borrow(
        address asset,
        uint256 amount,
        uint256 interestRateMode,
        uint16 referralCode,
        address onBehalfOf
    ) external;

    /// @notice Repays up to `amount` (type(uint256).max = all, only for the caller's own debt) of `onBehalfOf`'s
    ///         variable debt in `asset`, pulling tokens from the caller.
    /// @return The amount repaid, in asset units.
    function repay(
        address asset,
        uint256 amount,
        uint256 interestRateMode,
        address onBehalfOf
    ) external returns (uint256);

    /// @notice Enables or disables `asset` as the caller's collateral. Disabling reverts if the caller would become
    ///         unhealthy.
    function setUserUseReserveAsCollateral(address asset, bool useAsCollateral) external;

    /// @notice Liquidates an account whose health factor is below 1: repays up to `debtToCover` of its `debtAsset`
    ///         debt and takes collateral plus the liquidation bonus, as underlying or (if `receiveAToken`) as supply
    ///         position. Close factor per reserve (Aave 3.3): the whole of this debt, or at most half the account's
    ///         total debt value when the health factor is above 0.95 and this debt and this collateral are each worth
    ///         at least $2,000. When no collateral value is left afterwards, every remaining debt is written off.
    function liquidationCall(
        address collateralAsset,
        address debtAsset,
        address user,
        uint256 debtToCover,
        bool receiveAToken
    ) external;

    /// @notice Aave-compatible single-asset flash loan: sends `amount`, calls
    ///         `receiverAddress.executeOperation(asset, amount, premium, msg.sender, params)`, then pulls
    ///         `amount + premium` with transferFrom.
    function flashLoanSimple(
        address receiverAddress,
        address asset,
        uint256 amount,
        bytes calldata params,
        uint16 referralCode
    ) external;

    /// @notice Aave-compatible multi-asset flash loan. For each asset, mode 0 repays with premium; mode 2 leaves the
    ///         amount as variable debt of `onBehalfOf` (no premium; needs collateral and, when not the caller,
    ///         credit delegation).
    function flashLoan(
        address receiverAddress,
        address[] calldata assets,
        uint256[] calldata amounts,
        uint256[] calldata interestRateModes,
        address onBehalfOf,
        bytes calldata params,
        uint16 referralCode
    ) external;

    /// @notice Lets `delegatee` borrow up to `amount` of `asset` against the caller's collateral.
    function approveDelegation(address asset, address delegatee, uint256 amount) external;

    /// @notice `approveDelegation` by EIP-712 signature of `delegator`.
    function delegationWithSig(
        address delegator,
        address asset,
        address delegatee,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /* ============================== VIEWS ============================== */

    /// @notice Aave-compatible account summary (base currency, 8 decimals; ltv and threshold in bps; health factor WAD).
    function getUserAccountData(
        address user
    )
        external
        view
        returns (
            uint256 totalCollateralBase,
            uint256 totalDebtBase,
            uint256 availableBorrowsBase,
            uint256 currentLiquidationThreshold,
            uint256 ltv,
            uint256 healthFactor
        );

    /// @notice Aave V3's `getReserveData`, with Aave's layout (`ReserveDataLegacy` field order, Aave's configuration
    ///         bitmap, annual rates in RAY) so an unchanged Aave integration decodes it right; zero where Keel has no
    ///         equivalent (debt tokens, accrued-to-treasury, unbacked, isolation debt). Keel's own state:
    ///         `getKeelReserveData`.
    function getReserveData(address asset) external view returns (DataTypes.ReserveDataLegacy memory);

    /// @notice Keel's stored state of the reserve (indexes as of its last accrual; borrow rate RAY per second).
    function getKeelReserveData(address asset) external view returns (DataTypes.ReserveData memory);

    /// @notice Liquidity index (RAY) as of now, including interest not yet accrued in storage.
    function getReserveNormalizedIncome(address asset) external view returns (uint256);

    /// @notice Borrow index (RAY) as of now, including interest not yet accrued in storage.
    function getReserveNormalizedVariableDebt(address asset) external view returns (uint256);

    /// @notice Total supplied and total borrowed of `asset` as of now, in asset units (supplied rounded down,
    ///         borrowed rounded up).
    function getReserveTotals(address asset) external view returns (uint256 totalSupplied, uint256 totalBorrowed);

    /// @notice `user`'s supply balance of `asset` as of now, asset units, rounded down.
    function supplyBalanceOf(address asset, address user) external view returns (uint256);

    /// @notice `user`'s debt in `asset` as of now, asset units, rounded up.
    function debtBalanceOf(address asset, address user) external view returns (uint256);

    /// @notice `user`'s stored scaled position in `asset`.
    function getUserPosition(address asset, address user) external view returns (DataTypes.Position memory);

    /// @notice Aave V3's `getUserConfiguration`: bit 2*id = borrowing, bit 2*id+1 = collateral (Aave's order).
    function getUserConfiguration(address user) external view returns (DataTypes.UserConfigurationMap memory);

    /// @notice Keel's bitmap of `user`'s reserves: bit 2*id = collateral, bit 2*id+1 = borrowing.
    function getKeelUserConfiguration(address user) external view returns (uint256);

    /// @notice All listed assets, by reserve id.
    function getReservesList() external view returns (address[] memory);

    /// @notice How much `delegatee` may still borrow of `asset` on behalf of `delegator`.
    function borrowAllowance(address delegator, address asset, address delegatee) external view returns (uint256);

    /// @notice Flash-loan premium in bps (Aave name).
    function FLASHLOAN_PREMIUM_TOTAL() external view returns (uint128);

    /// @notice Treasury's share of the flash-loan premium in bps (Aave name).
    function FLASHLOAN_PREMIUM_TO_PROTOCOL() external view returns (uint128);

    /// @notice Whether `account` flash-borrows without premium.
    function isFlashBorrower(address account) external view returns (bool);

    /// @notice Whether flash loans are paused pool-wide.
    function flashLoansPaused() external view returns (bool);

    /// @notice Whether a flash loan is executing in this transaction.
    function flashLoanInProgress() external view returns (bool);

    /// @notice Whether the whole pool is paused now (`block.timestamp < getPauseState().pausedUntil`).
    function paused() external view returns (bool);

    /// @notice The cached module addresses.
    function oracle() external view returns (address);
    function treasury() external view returns (address);
    function defaultRateModel() external view returns (address);
    function registry() external view returns (address);
    /// @notice The liquidity hub holding this spoke's custody and interest.
    function hub() external view returns (address);

    /* ============================== SUPPLY TOKEN HOOK ============================== */

    /// @notice Moves `amount` of `asset` supply from `from` to `to`; only the reserve's kToken may call it.
    ///         Reverts if `from` would become unhealthy.
    function transferSupply(address asset, address from, address to, uint256 amount) external;
}
