// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";

/// @title MockInitiatorReceiver
/// @notice A careful flash-loan receiver: it only serves loans started by its owner and called by the pool (anyone
///         can start a flash loan to any receiver, so `initiator` must be checked). Development networks only.
contract MockInitiatorReceiver is IFlashLoanSimpleReceiver {
    /// @notice Thrown when the pool calls back for a loan this receiver's owner did not start.
    /// @param initiator The loan's initiator, as the pool reports it.
    error ReceiverUntrustedInitiator(address initiator);
    /// @notice Thrown when the callback does not come from the pool.
    /// @param caller The account that called back.
    error ReceiverNotPool(address caller);

    address public immutable pool;
    address public immutable owner;

    constructor(address pool_, address owner_) {
        pool = pool_;
        owner = owner_;
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata
    ) external returns (bool) {
        if (msg.sender != pool) revert ReceiverNotPool(msg.sender);
        if (initiator != owner) revert ReceiverUntrustedInitiator(initiator);
        IERC20(asset).approve(pool, amount + premium);
        return true;
    }
}
