// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";

/// @title MockInitiatorReceiver
/// @notice A careful flash-loan receiver: it only serves loans started by its owner and called by the pool (anyone
///         can start a flash loan to any receiver, so `initiator` must be checked). Development networks only.
contract MockInitiatorReceiver is IFlashLoanSimpleReceiver {
    error ReceiverUntrustedInitiator(address initiator);
    error ReceiverNotPool(address caller);

    address public immutable pool;
    address public immutable owner;

    constructor(address pool_, address owner_) {
        pool = pool_;
        owner = owner_;
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata)
        external
        returns (bool)
    {
        if (msg.sender != pool) revert ReceiverNotPool(msg.sender);
        if (initiator != owner) revert ReceiverUntrustedInitiator(initiator);
        IERC20(asset).approve(pool, amount + premium);
        return true;
    }
}
