// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IVotingRewards
/// @notice Pays governance participation: each epoch's budget is split pro rata to the voting weight each account
///         cast on the epoch's registered proposals.
interface IVotingRewards {
    /// @notice Emitted when governance adds `amount` reward tokens to `epoch`'s budget.
    event EpochFunded(uint256 indexed epoch, uint256 amount, uint256 newBudget);
    /// @notice Emitted when a proposal's total cast weight is added to its epoch.
    event ProposalRegistered(uint256 indexed proposalId, uint256 indexed epoch, uint256 weight);
    /// @notice Emitted when `account` claims `amount` reward tokens for `weight` cast in `epoch`.
    event Claimed(uint256 indexed epoch, address indexed account, uint256 weight, uint256 amount);

    /// @notice The caller is not the timelock.
    error VotingRewardsUnauthorized(address caller);
    /// @notice A zero address was given to `initialize`.
    error VotingRewardsZeroAddress();
    /// @notice A zero amount was given.
    error VotingRewardsZeroAmount();
    /// @notice The epoch no longer accepts funding (its claims are open or its deadline passed).
    error VotingRewardsFundingClosed(uint256 epoch);
    /// @notice The proposal's voting has not ended yet (state Pending or Active).
    error VotingRewardsVotingNotEnded(uint256 proposalId);
    /// @notice The proposal was already registered.
    error VotingRewardsAlreadyRegistered(uint256 proposalId);
    /// @notice The registration window of the proposal's epoch has closed.
    error VotingRewardsRegistrationClosed(uint256 proposalId, uint256 epoch);
    /// @notice Claims for `epoch` are not open yet; they open at `claimStart`.
    error VotingRewardsClaimNotOpen(uint256 epoch, uint256 claimStart);
    /// @notice The proposal is not registered.
    error VotingRewardsNotRegistered(uint256 proposalId);
    /// @notice The proposal belongs to another epoch.
    error VotingRewardsWrongEpoch(uint256 proposalId, uint256 proposalEpoch, uint256 epoch);
    /// @notice The account cast no weight on the proposal.
    error VotingRewardsNoVoteCast(uint256 proposalId, address account);
    /// @notice The account already claimed for the proposal in this epoch.
    error VotingRewardsAlreadyClaimed(uint256 epoch, address account, uint256 proposalId);
    /// @notice An empty proposal list was given.
    error VotingRewardsEmptyClaim();

    /// @notice Epoch length in seconds.
    function EPOCH_DURATION() external view returns (uint256);
    /// @notice How long after an epoch ends proposals may still be registered; claims open when it closes.
    function REGISTRATION_WINDOW() external view returns (uint256);

    /// @notice The epoch containing timestamp `timestamp` (`timestamp / EPOCH_DURATION`).
    function epochOf(uint256 timestamp) external pure returns (uint256);
    /// @notice The timestamp at which claims for `epoch` open and registration closes.
    function claimStart(uint256 epoch) external pure returns (uint256);
    /// @notice The reward budget of `epoch`, in reward-token units.
    function epochBudget(uint256 epoch) external view returns (uint256);
    /// @notice The total weight registered in `epoch` (governance-token units).
    function epochTotalWeight(uint256 epoch) external view returns (uint256);
    /// @notice Whether `proposalId` is registered, and in which epoch.
    function proposalEpoch(uint256 proposalId) external view returns (bool registered, uint256 epoch);
    /// @notice Whether `account` claimed its reward for `proposalId` in `epoch`.
    function hasClaimed(uint256 epoch, address account, uint256 proposalId) external view returns (bool);
    /// @notice The reward `account` would get now for `proposalIds` in `epoch`, rounded down; reverts like `claim`.
    function previewClaim(uint256 epoch, address account, uint256[] calldata proposalIds)
        external
        view
        returns (uint256 weight, uint256 amount);

    /// @notice Adds `amount` reward tokens (pulled from the caller) to `epoch`'s budget. Timelock only.
    function fundEpoch(uint256 epoch, uint256 amount) external;
    /// @notice Registers a proposal whose voting ended, adding its total cast weight to its snapshot's epoch.
    function registerProposal(uint256 proposalId) external;
    /// @notice Pays the caller its share of `epoch`'s budget for its votes on `proposalIds`.
    /// @return amount The reward paid, in reward-token units.
    function claim(uint256 epoch, uint256[] calldata proposalIds) external returns (uint256 amount);
}
