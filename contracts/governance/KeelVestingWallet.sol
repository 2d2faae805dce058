// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";

/// @title KeelVestingWallet
/// @notice OpenZeppelin's VestingWallet, unchanged, for the KEEL allocations `deploy/config.ts` vests: releases its
///         balance linearly to `beneficiary` from `startTimestamp` over `durationSeconds`.
/// @dev The wallet never delegates: KEEL it holds carries no vote until released to the beneficiary and delegated, so
///      a vesting allocation cannot vote before it vests (issue 10, finding 5).
contract KeelVestingWallet is VestingWallet {
    /// @param beneficiary Receives the released tokens (the wallet's owner).
    /// @param startTimestamp When vesting starts (unix seconds).
    /// @param durationSeconds How long vesting lasts.
    constructor(
        address beneficiary,
        uint64 startTimestamp,
        uint64 durationSeconds
    ) VestingWallet(beneficiary, startTimestamp, durationSeconds) {}
}
