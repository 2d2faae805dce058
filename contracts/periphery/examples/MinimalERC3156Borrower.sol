// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title MinimalERC3156Borrower
/// @notice The smallest safe ERC-3156 borrower: trusts only its lender and only loans it started itself.
contract MinimalERC3156Borrower is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    /// @notice Thrown when a loan is started by someone other than the owner, or the callback does not come from
    ///         the lender for a loan this contract started.
    /// @param caller The account that called.
    /// @param initiator The loan's initiator, as the lender reports it.
    error BorrowerUntrustedCaller(address caller, address initiator);

    IERC3156FlashLender public immutable LENDER;
    address public immutable OWNER;

    constructor(IERC3156FlashLender lender, address owner) {
        LENDER = lender;
        OWNER = owner;
    }

    /// @notice Borrows `amount` of `token` (fund this contract with the fee first).
    function borrow(address token, uint256 amount) external {
        if (msg.sender != OWNER) revert BorrowerUntrustedCaller(msg.sender, msg.sender);
        LENDER.flashLoan(this, token, amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        if (msg.sender != address(LENDER) || initiator != address(this))
            revert BorrowerUntrustedCaller(msg.sender, initiator);
        // ... use `amount` of `token` here ...
        IERC20(token).forceApprove(address(LENDER), amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    /// @notice Returns leftover tokens to the owner.
    function sweep(address token) external {
        IERC20(token).safeTransfer(OWNER, IERC20(token).balanceOf(address(this)));
    }
}
