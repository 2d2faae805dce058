// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IVotingRewardsGovernorView
/// @notice The Governor views VotingRewards reads besides `IKeelGovernorVotes` (OpenZeppelin `IGovernor` and
///         `GovernorCountingSimple`).
interface IVotingRewardsGovernorView {
    /// @notice Votes needed at `timepoint` (KEEL units).
    function quorum(uint256 timepoint) external view returns (uint256);
    /// @notice The tallies of a proposal (KEEL units).
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);
    /// @notice `account`'s voting power at `timepoint` (KEEL units).
    function getVotes(address account, uint256 timepoint) external view returns (uint256);
}

/// @title IVotingRewards
/// @notice Pays governance participation: each epoch's budget is split pro rata to the weight each registered voter
///         counts for the epoch, once: the largest weight it cast on the epoch's quorum-reaching proposals, capped by
///         its voting power at the epoch's start (issue 10, finding 6).
interface IVotingRewards {
    /// @notice Emitted when governance adds `amount` reward tokens to `epoch`'s budget.
    event EpochFunded(uint256 indexed epoch, uint256 amount, uint256 newBudget);
    /// @notice Emitted when a proposal is registered in `epoch`; `weight` is its total cast weight (informational).
    event ProposalRegistered(uint256 indexed proposalId, uint256 indexed epoch, uint256 weight);
    /// @notice Emitted when `account`'s weight for `epoch` is recorded (or raised) to `weight`; `totalWeight` is the
    ///         epoch's new total.
    event VoterRegistered(uint256 indexed epoch, address indexed account, uint256 weight, uint256 totalWeight);
    /// @notice Emitted when `account` claims `amount` reward tokens for `weight` cast in `epoch`.
    event Claimed(uint256 indexed epoch, address indexed account, uint256 weight, uint256 amount);

    /// @notice The caller is not the timelock.
    /// @param caller The account that called.
    error VotingRewardsUnauthorized(address caller);
    /// @notice A zero address was given to `initialize`.
    error VotingRewardsZeroAddress();
    /// @notice A zero amount was given.
    error VotingRewardsZeroAmount();
    /// @notice The epoch no longer accepts funding (its claims are open or its deadline passed).
    /// @param epoch The epoch.
    error VotingRewardsFundingClosed(uint256 epoch);
    /// @notice The proposal's voting has not ended yet (state Pending or Active).
    /// @param proposalId The proposal.
    error VotingRewardsVotingNotEnded(uint256 proposalId);
    /// @notice The proposal was already registered.
    /// @param proposalId The proposal.
    error VotingRewardsAlreadyRegistered(uint256 proposalId);
    /// @notice The registration window of the proposal's epoch has closed.
    /// @param proposalId The proposal.
    /// @param epoch Its epoch.
    error VotingRewardsRegistrationClosed(uint256 proposalId, uint256 epoch);
    /// @notice Claims for `epoch` are not open yet; they open at `claimStart`.
    /// @param epoch The epoch.
    /// @param claimStart When its claims open.
    error VotingRewardsClaimNotOpen(uint256 epoch, uint256 claimStart);
    /// @notice The proposal is not registered.
    /// @param proposalId The proposal.
    error VotingRewardsNotRegistered(uint256 proposalId);
    /// @notice The proposal belongs to another epoch.
    /// @param proposalId The proposal.
    /// @param proposalEpoch The epoch it belongs to.
    /// @param epoch The epoch given.
    error VotingRewardsWrongEpoch(uint256 proposalId, uint256 proposalEpoch, uint256 epoch);
    /// @notice The account cast no weight on the proposal.
    /// @param proposalId The proposal.
    /// @param account The account.
    error VotingRewardsNoVoteCast(uint256 proposalId, address account);
    /// @notice The account already claimed its reward for this epoch.
    /// @param epoch The epoch.
    /// @param account The account.
    error VotingRewardsAlreadyClaimed(uint256 epoch, address account);
    /// @notice An empty proposal list was given.
    error VotingRewardsEmptyClaim();
    /// @notice The proposal was cancelled: it counts for no reward.
    /// @param proposalId The proposal.
    error VotingRewardsProposalCanceled(uint256 proposalId);
    /// @notice The proposal's for + abstain votes (`votes`) stayed below the quorum at its snapshot (`quorum`).
    /// @param proposalId The proposal.
    /// @param votes Its for + abstain votes.
    /// @param quorum The quorum at its snapshot.
    error VotingRewardsQuorumNotReached(uint256 proposalId, uint256 votes, uint256 quorum);
    /// @notice Voter registration for `epoch` has closed (its claims are open).
    /// @param epoch The epoch.
    error VotingRewardsVoterRegistrationClosed(uint256 epoch);
    /// @notice The weight the list gives (`weight`) does not exceed what is already recorded (`recorded`).
    /// @param epoch The epoch.
    /// @param account The voter.
    /// @param recorded The weight already recorded.
    /// @param weight The weight the list gives.
    error VotingRewardsWeightNotIncreased(uint256 epoch, address account, uint256 recorded, uint256 weight);
    /// @notice The account registered no weight for the epoch.
    /// @param epoch The epoch.
    /// @param account The account.
    error VotingRewardsNotAVoter(uint256 epoch, address account);

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
    /// @notice The total voter weight registered in `epoch` (governance-token units).
    function epochTotalWeight(uint256 epoch) external view returns (uint256);
    /// @notice Whether `proposalId` is registered, and in which epoch.
    function proposalEpoch(uint256 proposalId) external view returns (bool registered, uint256 epoch);
    /// @notice The weight `account` registered for `epoch` (governance-token units; 0 if none).
    function voterWeight(uint256 epoch, address account) external view returns (uint256);
    /// @notice Whether `account` claimed its reward for `epoch`.
    function hasClaimed(uint256 epoch, address account) external view returns (bool);
    /// @notice The reward `account` would get now for `epoch`, rounded down; reverts like `claim`.
    function previewClaim(uint256 epoch, address account) external view returns (uint256 weight, uint256 amount);

    /// @notice Adds `amount` reward tokens (pulled from the caller) to `epoch`'s budget. Timelock only.
    function fundEpoch(uint256 epoch, uint256 amount) external;
    /// @notice Registers a proposal whose voting ended, that reached quorum and was not cancelled, in its snapshot's
    ///         epoch.
    function registerProposal(uint256 proposalId) external;
    /// @notice Records `account`'s weight for `epoch`: the largest weight it cast on `proposalIds` (each registered in
    ///         `epoch` and voted on by `account`), capped by its votes at the epoch's start. Anyone may call it.
    /// @return weight The weight recorded (governance-token units).
    function registerVoter(
        uint256 epoch,
        address account,
        uint256[] calldata proposalIds
    ) external returns (uint256 weight);
    /// @notice Pays the caller its share of `epoch`'s budget for its registered weight.
    /// @return amount The reward paid, in reward-token units.
    function claim(uint256 epoch) external returns (uint256 amount);
}
