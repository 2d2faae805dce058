// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title NaiveGovernor
/// @notice A DELIBERATELY BROKEN governor for test/attacks/ (Beanstalk, April 2022): votes are the voter's CURRENT
///         token balance, anyone may propose, and a proposal backed by more than half the supply executes at once
///         ("emergency commit"). A flash loan of the governance token therefore passes anything in one transaction.
contract NaiveGovernor {
    /// @notice Thrown when a proposal is executed without the votes it needs.
    /// @param votes The votes the proposal has.
    /// @param needed The votes it needs.
    error NaiveGovernorNotPassed(uint256 votes, uint256 needed);
    /// @notice Thrown when the proposal's call reverts.
    /// @param data The call's revert data.
    error NaiveGovernorCallFailed(bytes data);

    IERC20 public immutable token;
    uint256 public proposalCount;
    mapping(uint256 => address) public targetOf;
    mapping(uint256 => bytes) public dataOf;
    mapping(uint256 => uint256) public votesOf;
    mapping(uint256 => mapping(address => bool)) public voted;

    constructor(IERC20 token_) {
        token = token_;
    }

    function propose(address target, bytes calldata data) external returns (uint256 id) {
        id = ++proposalCount;
        targetOf[id] = target;
        dataOf[id] = data;
    }

    function vote(uint256 id) external {
        if (!voted[id][msg.sender]) {
            voted[id][msg.sender] = true;
            votesOf[id] += token.balanceOf(msg.sender);
        }
    }

    function emergencyCommit(uint256 id) external {
        uint256 needed = token.totalSupply() / 2 + 1;
        if (votesOf[id] < needed) revert NaiveGovernorNotPassed(votesOf[id], needed);
        (bool ok, bytes memory ret) = targetOf[id].call(dataOf[id]);
        if (!ok) revert NaiveGovernorCallFailed(ret);
    }
}
