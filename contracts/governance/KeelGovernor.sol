// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {GovernorSettingsUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {GovernorCountingSimpleUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingSimpleUpgradeable.sol";
import {GovernorVotesUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {GovernorVotesQuorumFractionUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesQuorumFractionUpgradeable.sol";
import {GovernorPreventLateQuorumUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorPreventLateQuorumUpgradeable.sol";
import {GovernorTimelockControlUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {TimelockControllerUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title KeelGovernor
/// @notice Keel's DAO: KEEL holders propose and vote; passed proposals are queued in and executed by `KeelTimelock`,
///         which holds every protocol role. Timestamp clock (ERC-6372 `mode=timestamp`): delays and periods are seconds.
/// @dev UUPS upgradeable behind an ERC1967Proxy. Upgrades are `onlyGovernance`: only a passed proposal executed
///      through the timelock can upgrade it (and `upgradeToAndCall` is a critical-tier call in the timelock).
///      Besides OZ's counting, it records the weight each account cast on each proposal (`weightCast`) so that
///      `VotingRewards` can pay participation from Governor records alone.
/// @custom:oz-upgrades-unsafe-allow constructor
contract KeelGovernor is
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorCountingSimpleUpgradeable,
    GovernorVotesUpgradeable,
    GovernorVotesQuorumFractionUpgradeable,
    GovernorPreventLateQuorumUpgradeable,
    GovernorTimelockControlUpgradeable,
    UUPSUpgradeable
{
    /// @custom:storage-location erc7201:keel.storage.KeelGovernor
    struct KeelGovernorStorage {
        mapping(uint256 proposalId => mapping(address account => uint256)) weightCast;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelGovernor")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelGovernorStorageLocation =
        0x8d5481c50cb8a659b162032c63f4bb082a21735d4cd4449bacd7844956b29400;

    constructor() {
        _disableInitializers();
    }

    /// @notice Initializes the proxy.
    /// @param token_ The KEEL token (ERC-5805 votes, timestamp clock).
    /// @param timelock_ The KeelTimelock that executes proposals (this Governor must be its proposer and executor).
    /// @param votingDelay_ Seconds between proposal and snapshot/vote start.
    /// @param votingPeriod_ Seconds of voting.
    /// @param proposalThreshold_ Votes (KEEL units, 18 decimals) needed to propose.
    /// @param quorumNumerator_ Quorum as a percentage of total supply at the snapshot (denominator 100).
    /// @param lateQuorumExtension_ Minimum seconds of voting left after quorum is reached.
    function initialize(
        IVotes token_,
        TimelockController timelock_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumNumerator_,
        uint48 lateQuorumExtension_
    ) external initializer {
        __Governor_init("Keel Governor");
        __GovernorSettings_init(votingDelay_, votingPeriod_, proposalThreshold_);
        __GovernorCountingSimple_init();
        __GovernorVotes_init(token_);
        __GovernorVotesQuorumFraction_init(quorumNumerator_);
        __GovernorPreventLateQuorum_init(lateQuorumExtension_);
        // KeelTimelock is OZ's non-upgradeable TimelockController: same ABI as the upgradeable type expected here.
        __GovernorTimelockControl_init(TimelockControllerUpgradeable(payable(address(timelock_))));
    }

    /// @notice The implementation version. Also the EIP-712 domain version set at initialization.
    function version() public pure virtual override returns (string memory) {
        return "1.0.0";
    }

    /// @notice The ABI identifier of this implementation (see `IUpgradeCheckable.abiId`: same ABI, not inherited).
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.KEEL_GOVERNOR;
    }

    /* ------------------------------------------------------------------ */
    /*                          VOTE RECORDS (REWARDS)                    */
    /* ------------------------------------------------------------------ */

    /// @notice The voting weight (KEEL units) `account` cast on `proposalId`; zero if it did not vote (or had none).
    function weightCast(uint256 proposalId, address account) external view returns (uint256) {
        return _getKeelGovernorStorage().weightCast[proposalId][account];
    }

    /// @notice The total weight cast on `proposalId`: for + against + abstain, in KEEL units.
    function proposalWeightCast(uint256 proposalId) external view returns (uint256) {
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return againstVotes + forVotes + abstainVotes;
    }

    /// @dev Records the weight cast by `account` on top of OZ's simple counting (which rejects a second vote).
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(GovernorUpgradeable, GovernorCountingSimpleUpgradeable) returns (uint256 counted) {
        counted = super._countVote(proposalId, account, support, totalWeight, params);
        _getKeelGovernorStorage().weightCast[proposalId][account] = counted;
    }

    /* ------------------------------------------------------------------ */
    /*                                 ETA                                */
    /* ------------------------------------------------------------------ */

    /// @dev OZ returns `block.timestamp + getMinDelay()`, but KeelTimelock may raise the delay of a critical
    ///      operation. We return the timelock's real ready time instead, so `proposalEta` and the `ProposalQueued`
    ///      event tell voters and executors the truth: `proposalEta` (OZ's getter of the stored value) is the
    ///      timelock's `getTimestamp` of the operation. The salt formula is OZ's (`_timelockSalt`, private there).
    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint48) {
        super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
        TimelockController tl = TimelockController(payable(timelock()));
        bytes32 salt = bytes20(address(this)) ^ descriptionHash;
        bytes32 operationId = tl.hashOperationBatch(targets, values, calldatas, 0, salt);
        return uint48(tl.getTimestamp(operationId));
    }

    /* ------------------------------------------------------------------ */
    /*                               UPGRADES                             */
    /* ------------------------------------------------------------------ */

    /// @dev Only the executor (the timelock) running a passed proposal that targets this Governor may upgrade it.
    function _authorizeUpgrade(address) internal override onlyGovernance {}

    /* ------------------------------------------------------------------ */
    /*                        REQUIRED OVERRIDES (OZ)                     */
    /* ------------------------------------------------------------------ */

    /// @inheritdoc GovernorUpgradeable
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc GovernorUpgradeable
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return super.proposalThreshold();
    }

    /// @inheritdoc GovernorUpgradeable
    function quorum(
        uint256 timepoint
    ) public view override(GovernorUpgradeable, GovernorVotesQuorumFractionUpgradeable) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @inheritdoc GovernorUpgradeable
    function state(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalDeadline(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorPreventLateQuorumUpgradeable) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _tallyUpdated(
        uint256 proposalId
    ) internal override(GovernorUpgradeable, GovernorPreventLateQuorumUpgradeable) {
        super._tallyUpdated(proposalId);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor()
        internal
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (address)
    {
        return super._executor();
    }

    function _getKeelGovernorStorage() private pure returns (KeelGovernorStorage storage $) {
        assembly {
            $.slot := KeelGovernorStorageLocation
        }
    }

    /* ------------------------------------------------------------------ */
    /*                            UPGRADE CHECKS                          */
    /* ------------------------------------------------------------------ */

    /// @notice A hash of the Governor's settings and wiring (see `IUpgradeCheckable.stateDigest`): name, token,
    ///         timelock, voting delay and period, proposal threshold, quorum numerator, late-quorum extension. An
    ///         upgrade must not change it. Same ABI as `IUpgradeCheckable` (not inherited: `version` is already
    ///         declared by the Governor's own bases).
    function stateDigest() external view virtual returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    name(),
                    address(token()),
                    timelock(),
                    votingDelay(),
                    votingPeriod(),
                    proposalThreshold(),
                    quorumNumerator(),
                    lateQuorumVoteExtension()
                )
            );
    }

    /// @notice The initialized version (OpenZeppelin Initializable); type(uint64).max on the implementation.
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @notice The ERC-1967 implementation behind this proxy.
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }
}
