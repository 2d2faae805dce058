// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFlashLoanSimpleReceiver} from "../../interfaces/IFlashLoanReceiver.sol";

/// @title MinimalFlashReceiver
/// @notice The smallest safe Aave-style flash-loan receiver: only the pool may call back, only for loans its owner
///         started; it repays `amount + premium` from its own balance (fund it with the premium first).
contract MinimalFlashReceiver is IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;

    /// @notice Thrown when the callback does not come from the pool, or is for a loan the owner did not start.
    /// @param caller The account that called back.
    /// @param initiator The loan's initiator, as the pool reports it.
    error ReceiverUntrustedCaller(address caller, address initiator);

    address public immutable POOL;
    address public immutable OWNER;

    constructor(address pool, address owner) {
        POOL = pool;
        OWNER = owner;
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata
    ) external returns (bool) {
        // Anyone can start a flash loan naming this receiver: refuse loans we did not start.
        if (msg.sender != POOL || initiator != OWNER) revert ReceiverUntrustedCaller(msg.sender, initiator);
        // ... use `amount` of `asset` here ...
        IERC20(asset).forceApprove(POOL, amount + premium);
        return true;
    }

    /// @notice Returns leftover tokens to the owner.
    function sweep(address token) external {
        IERC20(token).safeTransfer(OWNER, IERC20(token).balanceOf(address(this)));
    }
}
