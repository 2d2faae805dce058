// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title IKeelFlashLender
/// @notice Keel's ERC-3156 flash lender: lends the pool's liquidity through the pool's own flash-loan machinery, so
///         fees, pauses and accounting are the pool's. Upgradeable on its own (UUPS).
interface IKeelFlashLender is IERC3156FlashLender {
    /// @notice `token` is not listed, or flash loans of it are disabled (ERC-3156's "unsupported currency").
    error ERC3156UnsupportedToken(address token);
    /// @notice `amount` exceeds what can be lent now.
    error ERC3156ExceededMaxLoan(uint256 maxLoan);
    /// @notice The borrower did not return keccak256("ERC3156FlashBorrower.onFlashLoan").
    error ERC3156InvalidReceiver(address receiver);
    /// @notice Only the pool may call the Aave-style callback, and only for a loan this lender started.
    error FlashLenderUnauthorizedCallback(address caller, address initiator);
    /// @notice Zero address given.
    error FlashLenderZeroAddress();

    /// @notice Emitted when the pool address changes.
    event PoolSet(address oldPool, address newPool);

    /// @notice The pool whose liquidity is lent.
    function pool() external view returns (address);

    /// @notice Implementation version.
    function version() external view returns (string memory);
}
