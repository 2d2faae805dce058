// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPegStabilityModule
/// @notice Swaps a reserve stablecoin (USDC) and kUSD 1:1, less a DAO-set fee in each direction. The module is a kUSD
///         facilitator: every kUSD it minted is backed by one unit of the reserve it holds, and its bucket cap bounds
///         that exposure. The guardian may pause it for at most `GUARDIAN_PAUSE`. See docs/stablecoin.md.
interface IPegStabilityModule {
    /// @notice `caller` paid `reserveIn` of the reserve and `to` received `kusdOut`; `fee` kUSD went to the fee receiver.
    event Bought(address indexed caller, address indexed to, uint256 reserveIn, uint256 kusdOut, uint256 fee);
    /// @notice `caller` paid `kusdIn` and `to` received `reserveOut`; `fee` kUSD went to the fee receiver.
    event Sold(address indexed caller, address indexed to, uint256 kusdIn, uint256 reserveOut, uint256 fee);
    /// @notice The fees changed (bps).
    event FeesSet(uint16 buyFeeBps, uint16 sellFeeBps);
    /// @notice Fees go to `receiver` from now on.
    event FeeReceiverSet(address receiver);
    /// @notice Swaps are paused until `until` (seconds); zero: unpaused.
    event PausedUntil(uint256 until);

    /// @notice A fee above the module's maximum.
    /// @param fee The fee given, bps.
    /// @param max The maximum, bps.
    error PsmFeeTooHigh(uint256 fee, uint256 max);
    /// @notice The swap would give `out`, less than the caller's `minOut`.
    /// @param out What the swap gives.
    /// @param minOut The caller's minimum.
    error PsmSlippage(uint256 out, uint256 minOut);
    /// @notice Swaps are paused until `until`.
    /// @param until End of the pause, seconds.
    error PsmPaused(uint256 until);
    /// @notice The amount is zero or too small to give anything after fees and rounding.
    /// @param amount The amount.
    error PsmAmountTooSmall(uint256 amount);
    /// @notice A zero address was given.
    error PsmZeroAddress();
    /// @notice The reserve's decimals are above kUSD's.
    /// @param decimals The reserve's decimals.
    error PsmBadDecimals(uint8 decimals);

    /// @notice Pays `reserveIn` of the reserve (approved beforehand) for kUSD to `to`, less the buy fee.
    /// @param reserveIn Reserve paid, reserve units.
    /// @param minKusdOut Least kUSD to receive.
    /// @param to Receiver of the kUSD.
    /// @return kusdOut kUSD received by `to`.
    function buy(uint256 reserveIn, uint256 minKusdOut, address to) external returns (uint256 kusdOut);

    /// @notice Pays `kusdIn` (approved beforehand) for the reserve to `to`, less the sell fee (rounded up).
    /// @param kusdIn kUSD paid.
    /// @param minReserveOut Least reserve to receive.
    /// @param to Receiver of the reserve.
    /// @return reserveOut Reserve received by `to`.
    function sell(uint256 kusdIn, uint256 minReserveOut, address to) external returns (uint256 reserveOut);

    /// @notice What `buy(reserveIn)` gives now: kUSD out and the fee, rounded down and up.
    /// @param reserveIn Reserve paid.
    /// @return kusdOut kUSD to the buyer.
    /// @return fee kUSD to the fee receiver.
    function quoteBuy(uint256 reserveIn) external view returns (uint256 kusdOut, uint256 fee);

    /// @notice What `sell(kusdIn)` gives now: reserve out and the kUSD fee.
    /// @param kusdIn kUSD paid.
    /// @return reserveOut Reserve to the seller.
    /// @return fee kUSD to the fee receiver (the fee plus the rounding remainder).
    function quoteSell(uint256 kusdIn) external view returns (uint256 reserveOut, uint256 fee);

    /// @notice Sets the fees (bps, each at most `MAX_FEE_BPS`). Restricted (risk admin).
    /// @param buyFeeBps Fee on buys.
    /// @param sellFeeBps Fee on sells.
    function setFees(uint16 buyFeeBps, uint16 sellFeeBps) external;

    /// @notice Sets who receives the fees (the treasury). Restricted (critical tier).
    /// @param receiver The receiver.
    function setFeeReceiver(address receiver) external;

    /// @notice Pauses swaps for `GUARDIAN_PAUSE` from now (it expires by itself). Restricted (guardian).
    function pause() external;

    /// @notice Ends a pause. Restricted (governance).
    function unpause() external;

    /// @notice The reserve token (USDC).
    function reserve() external view returns (address);

    /// @notice The kUSD token.
    function kusd() external view returns (address);
}
