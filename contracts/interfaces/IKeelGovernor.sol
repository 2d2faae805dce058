// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IKeelGovernorVotes
/// @notice The part of Keel's Governor that `VotingRewards` reads: every number a reward is computed from is a
///         Governor record, so anyone can verify a payout.
interface IKeelGovernorVotes {
    /// @notice The Governor's proposal states (same order as OpenZeppelin's `IGovernor.ProposalState`).
    enum ProposalState {
        Pending,
        Active,
        Canceled,
        Defeated,
        Succeeded,
        Queued,
        Expired,
        Executed
    }

    /// @notice The voting weight (token units, 18 decimals) `account` cast on `proposalId`; zero if it did not vote.
    function weightCast(uint256 proposalId, address account) external view returns (uint256);

    /// @notice The total weight cast on `proposalId` (for + against + abstain), in token units.
    function proposalWeightCast(uint256 proposalId) external view returns (uint256);

    /// @notice The snapshot timepoint (a timestamp: the clock is ERC-6372 `mode=timestamp`) of `proposalId`.
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);

    /// @notice The current state of `proposalId`; reverts for an unknown proposal.
    function state(uint256 proposalId) external view returns (ProposalState);
}
