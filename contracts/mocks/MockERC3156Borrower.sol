// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title MockERC3156Borrower
/// @notice ERC-3156 borrower with configurable (mis)behaviour for tests: honest, wrong magic value, no approval;
///         records what the lender told it and what `maxFlashLoan` said during the callback.
contract MockERC3156Borrower is IERC3156FlashBorrower {
    enum Mode {
        Honest,
        WrongMagic,
        NoApprove
    }

    Mode public mode;
    address public lastInitiator;
    uint256 public lastFee;
    uint256 public maxLoanDuringCallback;

    function setMode(Mode m) external {
        mode = m;
    }

    /// @notice Starts a loan from `lender` (this contract is the initiator).
    function borrow(IERC3156FlashLender lender, address token, uint256 amount) external {
        lender.flashLoan(this, token, amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        lastInitiator = initiator;
        lastFee = fee;
        maxLoanDuringCallback = IERC3156FlashLender(msg.sender).maxFlashLoan(token);
        if (mode != Mode.NoApprove) IERC20(token).approve(msg.sender, amount + fee);
        return mode == Mode.WrongMagic ? bytes32(0) : keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
