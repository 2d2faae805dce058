// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title IKeelFlashLender
/// @notice Keel's ERC-3156 flash lender: lends the pool's liquidity through the pool's own flash-loan machinery, so
///         fees, pauses and accounting are the pool's. Upgradeable on its own (UUPS).
interface IKeelFlashLender is IERC3156FlashLender {
    /// @notice `token` is not listed, or flash loans of it are disabled (ERC-3156's "unsupported currency").
    /// @param token The token asked for.
    error ERC3156UnsupportedToken(address token);
    /// @notice `amount` exceeds what can be lent now.
    /// @param maxLoan The most that can be lent now (`maxFlashLoan`).
    error ERC3156ExceededMaxLoan(uint256 maxLoan);
    /// @notice The borrower did not return keccak256("ERC3156FlashBorrower.onFlashLoan").
    /// @param receiver The borrower that answered wrongly.
    error ERC3156InvalidReceiver(address receiver);
    /// @notice Only the pool may call the Aave-style callback, and only for a loan this lender started.
    /// @param caller The account that called back.
    /// @param initiator The loan's initiator, as the caller reports it.
    error FlashLenderUnauthorizedCallback(address caller, address initiator);
    /// @notice Thrown when the pool calls back for a loan of `amount` of `asset` this lender did not start in this
    ///         transaction (or with another asset, amount, caller, receiver or data than the one it started).
    /// @param asset The asset of the callback.
    /// @param amount The amount of the callback.
    error FlashLenderLoanNotStarted(address asset, uint256 amount);
    /// @notice Thrown when the pool charges a premium other than the fee this lender promised (`flashFeeFor`).
    /// @param expected The fee this lender promised.
    /// @param charged The premium the pool charged.
    error FlashLenderFeeMismatch(uint256 expected, uint256 charged);
    /// @notice Zero address given.
    error FlashLenderZeroAddress();

    /// @notice Emitted when the pool address changes.
    event PoolSet(address oldPool, address newPool);

    /// @notice The fee, in `token` units, that `initiator` pays when it calls `flashLoan` for `amount`.
    /// @dev The fee follows the INITIATOR (the account calling `flashLoan`, which the pool reads from the loan's
    ///      params), never the receiver: the pool's premium rounded up, zero for a fee-exempt flash borrower
    ///      (`IPool.isFlashBorrower`). ERC-3156's `flashFee(token, amount)` has no initiator argument and answers for
    ///      `msg.sender` as the initiator: `flashFee(t, a)` called by X equals `flashFeeFor(X, t, a)`. A receiver that
    ///      asks `flashFee` inside `onFlashLoan` for a loan someone else started gets its own fee, not the loan's: it
    ///      should use the `fee` argument of `onFlashLoan`, which is always the fee charged. The lender refuses a
    ///      callback whose premium differs from this value (`FlashLenderFeeMismatch`), so what it quotes is what is
    ///      charged. Reverts with `ERC3156UnsupportedToken` like `flashFee`.
    function flashFeeFor(address initiator, address token, uint256 amount) external view returns (uint256);

    /// @notice The pool whose liquidity is lent.
    function pool() external view returns (address);

    /// @notice Implementation version.
    function version() external view returns (string memory);
}
