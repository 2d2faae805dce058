// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IKeelGovernorVotes} from "../interfaces/IKeelGovernor.sol";
import {IVotingRewards, IVotingRewardsGovernorView} from "../interfaces/IVotingRewards.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title VotingRewards
/// @notice Rewards governance participation. Time is cut in epochs of `EPOCH_DURATION`; a proposal belongs to the
///         epoch of its snapshot. Governance (the timelock) funds an epoch's budget; once a proposal's voting has
///         ended anyone registers it if it reached quorum and was not cancelled. Each voter (or anyone for it) then
///         registers its weight for the epoch ONCE: the largest weight it cast on the epoch's registered proposals,
///         capped by its voting power at the epoch's start. After the epoch's registration window closes each voter
///         claims `budget * voterWeight / epochTotalWeight`, rounded down. For, against and abstain count alike.
/// @dev Why (issue 10, finding 6): summing weight over every proposal voted on let 1% of the votes with 100
///      throw-away proposals take half an epoch's budget. Now the number of proposals cannot multiply anything: a
///      voter counts once per epoch, with at most what it held (delegated) at the epoch's start, a single timepoint
///      for everyone, so moving tokens between accounts between proposal snapshots cannot count them twice; and a
///      proposal counts only if it reached quorum (for + abstain >= quorum at its snapshot), so a holder below quorum
///      cannot open a counted proposal alone. An account's share is therefore at most its share of the epoch-start
///      votes of everyone registered.
///
///      Why a registration window: a registration after someone claimed would grow the epoch's total weight and make
///      the earlier claim too large (the budget could then not pay everyone). So registration (of proposals and of
///      voters) for epoch `e` closes exactly when its claims open, at `claimStart(e) = end of e + REGISTRATION_WINDOW`,
///      and funding closes then too. The window (14 days) must exceed the Governor's voting period plus its
///      late-quorum extension, so that a proposal snapshotted at the very end of an epoch can still finish voting and
///      be registered; proposals and voters not registered in time earn nothing.
///      Rounding down per claim leaves dust in the contract: the sum paid never exceeds the budget.
///      Owned by the timelock (funding and upgrades); no other privileged function exists.
/// @custom:oz-upgrades-unsafe-allow constructor
contract VotingRewards is Initializable, UUPSUpgradeable, IVotingRewards, IUpgradeCheckable {
    using SafeERC20 for IERC20;

    /// @inheritdoc IVotingRewards
    uint256 public constant EPOCH_DURATION = 7 days;
    /// @inheritdoc IVotingRewards
    uint256 public constant REGISTRATION_WINDOW = 14 days;

    /// @custom:storage-location erc7201:keel.storage.VotingRewards
    struct VotingRewardsStorage {
        IKeelGovernorVotes governor;
        IERC20 rewardToken;
        address timelock;
        mapping(uint256 epoch => uint256) budget;
        mapping(uint256 epoch => uint256) totalWeight;
        /// @dev epoch + 1, so that zero means "not registered".
        mapping(uint256 proposalId => uint256) epochPlusOne;
        /// @dev Unused since 1.1.0 (claims are per voter and epoch now); kept so the layout stays append-only.
        mapping(uint256 epoch => mapping(address account => mapping(uint256 proposalId => bool))) claimedPerProposal;
        mapping(uint256 epoch => mapping(address account => uint256)) voterWeight;
        mapping(uint256 epoch => mapping(address account => bool)) claimed;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.VotingRewards")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant VotingRewardsStorageLocation =
        0xd19b03d79e3801eedf68daacd59ed668cf4ae90ac5ec84213a6a1f89e523f000;

    modifier onlyTimelock() {
        if (msg.sender != _getVotingRewardsStorage().timelock) revert VotingRewardsUnauthorized(msg.sender);
        _;
    }

    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param governor_ The KeelGovernor whose vote records are rewarded.
    /// @param rewardToken_ The token paid out.
    /// @param timelock_ The KeelTimelock: the only account that may fund epochs and upgrade this contract.
    function initialize(address governor_, address rewardToken_, address timelock_) external initializer {
        if (governor_ == address(0) || rewardToken_ == address(0) || timelock_ == address(0)) {
            revert VotingRewardsZeroAddress();
        }
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        $.governor = IKeelGovernorVotes(governor_);
        $.rewardToken = IERC20(rewardToken_);
        $.timelock = timelock_;
    }

    /// @notice The implementation version.
    function version() external pure returns (string memory) {
        return "1.1.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.VOTING_REWARDS;
    }

    /* ------------------------------------------------------------------ */
    /*                                 VIEWS                              */
    /* ------------------------------------------------------------------ */

    /// @notice The Governor whose records are rewarded.
    function governor() external view returns (address) {
        return address(_getVotingRewardsStorage().governor);
    }

    /// @notice The reward token.
    function rewardToken() external view returns (address) {
        return address(_getVotingRewardsStorage().rewardToken);
    }

    /// @notice The timelock (owner of funding and upgrades).
    function timelock() external view returns (address) {
        return _getVotingRewardsStorage().timelock;
    }

    /// @inheritdoc IVotingRewards
    function epochOf(uint256 timestamp) public pure returns (uint256) {
        return timestamp / EPOCH_DURATION;
    }

    /// @inheritdoc IVotingRewards
    function claimStart(uint256 epoch) public pure returns (uint256) {
        return (epoch + 1) * EPOCH_DURATION + REGISTRATION_WINDOW;
    }

    /// @inheritdoc IVotingRewards
    function epochBudget(uint256 epoch) external view returns (uint256) {
        return _getVotingRewardsStorage().budget[epoch];
    }

    /// @inheritdoc IVotingRewards
    function epochTotalWeight(uint256 epoch) external view returns (uint256) {
        return _getVotingRewardsStorage().totalWeight[epoch];
    }

    /// @inheritdoc IVotingRewards
    function proposalEpoch(uint256 proposalId) external view returns (bool registered, uint256 epoch) {
        uint256 e = _getVotingRewardsStorage().epochPlusOne[proposalId];
        if (e == 0) return (false, 0);
        return (true, e - 1);
    }

    /// @inheritdoc IVotingRewards
    function voterWeight(uint256 epoch, address account) external view returns (uint256) {
        return _getVotingRewardsStorage().voterWeight[epoch][account];
    }

    /// @inheritdoc IVotingRewards
    function hasClaimed(uint256 epoch, address account) external view returns (bool) {
        return _getVotingRewardsStorage().claimed[epoch][account];
    }

    /// @inheritdoc IVotingRewards
    function previewClaim(uint256 epoch, address account) external view returns (uint256 weight, uint256 amount) {
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        weight = _claimableWeight($, epoch, account);
        amount = _rewardDown($, epoch, weight);
    }

    /* ------------------------------------------------------------------ */
    /*                               ACTIONS                              */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc IVotingRewards
    /// @dev The timelock must have approved this contract for `amount` (an `approve` call in the same proposal).
    function fundEpoch(uint256 epoch, uint256 amount) external onlyTimelock {
        if (amount == 0) revert VotingRewardsZeroAmount();
        if (block.timestamp >= claimStart(epoch)) revert VotingRewardsFundingClosed(epoch);
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        uint256 newBudget = $.budget[epoch] + amount;
        $.budget[epoch] = newBudget;
        $.rewardToken.safeTransferFrom(msg.sender, address(this), amount);
        emit EpochFunded(epoch, amount, newBudget);
    }

    /// @inheritdoc IVotingRewards
    function registerProposal(uint256 proposalId) external {
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        if ($.epochPlusOne[proposalId] != 0) revert VotingRewardsAlreadyRegistered(proposalId);
        // `state` reverts for an unknown proposal. Voting is over in every state but Pending and Active, so the total
        // cast weight is final.
        IKeelGovernorVotes.ProposalState s = $.governor.state(proposalId);
        if (s == IKeelGovernorVotes.ProposalState.Pending || s == IKeelGovernorVotes.ProposalState.Active) {
            revert VotingRewardsVotingNotEnded(proposalId);
        }
        if (s == IKeelGovernorVotes.ProposalState.Canceled) revert VotingRewardsProposalCanceled(proposalId);
        uint256 snapshot = $.governor.proposalSnapshot(proposalId);
        uint256 epoch = epochOf(snapshot);
        if (block.timestamp >= claimStart(epoch)) revert VotingRewardsRegistrationClosed(proposalId, epoch);
        // The Governor's own quorum rule (GovernorCountingSimple): for + abstain.
        IVotingRewardsGovernorView g = IVotingRewardsGovernorView(address($.governor));
        (, uint256 forVotes, uint256 abstainVotes) = g.proposalVotes(proposalId);
        uint256 needed = g.quorum(snapshot);
        if (forVotes + abstainVotes < needed) {
            revert VotingRewardsQuorumNotReached(proposalId, forVotes + abstainVotes, needed);
        }
        uint256 weight = $.governor.proposalWeightCast(proposalId);
        $.epochPlusOne[proposalId] = epoch + 1;
        emit ProposalRegistered(proposalId, epoch, weight);
    }

    /// @inheritdoc IVotingRewards
    /// @dev Permissionless: it only records what the Governor and the token say. Registering again with a list that
    ///      gives a larger weight raises the record to it (the total follows); anything else reverts.
    function registerVoter(
        uint256 epoch,
        address account,
        uint256[] calldata proposalIds
    ) external returns (uint256 weight) {
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        if (proposalIds.length == 0) revert VotingRewardsEmptyClaim();
        if (block.timestamp >= claimStart(epoch)) revert VotingRewardsVoterRegistrationClosed(epoch);
        for (uint256 i = 0; i < proposalIds.length; ++i) {
            uint256 proposalId = proposalIds[i];
            uint256 epochPlusOne = $.epochPlusOne[proposalId];
            if (epochPlusOne == 0) revert VotingRewardsNotRegistered(proposalId);
            if (epochPlusOne - 1 != epoch) revert VotingRewardsWrongEpoch(proposalId, epochPlusOne - 1, epoch);
            uint256 cast = $.governor.weightCast(proposalId, account);
            if (cast == 0) revert VotingRewardsNoVoteCast(proposalId, account);
            if (cast > weight) weight = cast;
        }
        // One timepoint for every voter of the epoch: tokens moved between accounts after it count for nobody twice.
        // The epoch's start is before every registered proposal's snapshot, hence in the past.
        uint256 held = IVotingRewardsGovernorView(address($.governor)).getVotes(account, epoch * EPOCH_DURATION);
        if (held < weight) weight = held;
        uint256 recorded = $.voterWeight[epoch][account];
        if (weight <= recorded) revert VotingRewardsWeightNotIncreased(epoch, account, recorded, weight);
        $.voterWeight[epoch][account] = weight;
        uint256 total = $.totalWeight[epoch] + weight - recorded;
        $.totalWeight[epoch] = total;
        emit VoterRegistered(epoch, account, weight, total);
    }

    /// @inheritdoc IVotingRewards
    function claim(uint256 epoch) external returns (uint256 amount) {
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        uint256 weight = _claimableWeight($, epoch, msg.sender);
        $.claimed[epoch][msg.sender] = true;
        amount = _rewardDown($, epoch, weight);
        emit Claimed(epoch, msg.sender, weight, amount);
        if (amount != 0) $.rewardToken.safeTransfer(msg.sender, amount);
    }

    /* ------------------------------------------------------------------ */
    /*                               INTERNALS                            */
    /* ------------------------------------------------------------------ */

    /// @dev The weight `account` registered in `epoch`, after checking claims are open, the account registered and
    ///      has not claimed yet.
    function _claimableWeight(
        VotingRewardsStorage storage $,
        uint256 epoch,
        address account
    ) private view returns (uint256 weight) {
        uint256 start = claimStart(epoch);
        if (block.timestamp < start) revert VotingRewardsClaimNotOpen(epoch, start);
        if ($.claimed[epoch][account]) revert VotingRewardsAlreadyClaimed(epoch, account);
        weight = $.voterWeight[epoch][account];
        if (weight == 0) revert VotingRewardsNotAVoter(epoch, account);
    }

    /// @dev Rounded down so that the sum of all claims never exceeds the budget. `weight <= totalWeight` because each
    ///      voter's weight is part of its epoch's registered total; `totalWeight > 0` whenever `weight > 0`.
    function _rewardDown(VotingRewardsStorage storage $, uint256 epoch, uint256 weight) private view returns (uint256) {
        return Math.mulDiv($.budget[epoch], weight, $.totalWeight[epoch]);
    }

    /// @dev Upgrades are decided by governance: only the timelock.
    function _authorizeUpgrade(address) internal override onlyTimelock {}

    function _getVotingRewardsStorage() private pure returns (VotingRewardsStorage storage $) {
        assembly {
            $.slot := VotingRewardsStorageLocation
        }
    }

    /* UPGRADE CHECKS */

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers the wiring (governor, reward token, timelock); epoch budgets and claims are per-key mappings
    ///      that no upgrade path writes.
    function stateDigest() external view virtual returns (bytes32) {
        VotingRewardsStorage storage $ = _getVotingRewardsStorage();
        return keccak256(abi.encode($.governor, $.rewardToken, $.timelock));
    }

    /// @inheritdoc IUpgradeCheckable
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @inheritdoc IUpgradeCheckable
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }
}
