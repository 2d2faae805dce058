// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";

/// @title NaiveFlashReceiver
/// @notice A receiver that does NOT check `initiator`: anyone can start a loan naming it and make it pay the premium
///         from its own balance. Shows why `MinimalFlashReceiver` checks the initiator. Development networks only.
contract NaiveFlashReceiver is IFlashLoanSimpleReceiver {
    using SafeERC20 for IERC20;

    address public immutable POOL;

    constructor(address pool) {
        POOL = pool;
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address,
        bytes calldata
    ) external returns (bool) {
        require(msg.sender == POOL, "only pool");
        IERC20(asset).forceApprove(POOL, amount + premium);
        return true;
    }
}
