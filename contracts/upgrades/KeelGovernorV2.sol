// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {KeelGovernor} from "../governance/KeelGovernor.sol";

/// @title KeelGovernorV2
/// @notice The Governor's next version, used to rehearse and demonstrate a self-upgrade through governance: adds a
///         storage namespace (`keel.storage.KeelGovernorV2`) with the upgrade's label, set once by
///         `initializeV2`, and a one-call proposal summary. Everything else is V1 unchanged.
/// @dev `version()` is also the EIP-712 domain version: signatures made for "1.0.0" stop verifying after the upgrade,
///      which is intended (a vote signed for V1 should not be replayed on V2).
/// @custom:oz-upgrades-from contracts/governance/KeelGovernor.sol:KeelGovernor
/// @custom:oz-upgrades-unsafe-allow missing-initializer constructor
contract KeelGovernorV2 is KeelGovernor {
    /// @custom:storage-location erc7201:keel.storage.KeelGovernorV2
    struct KeelGovernorV2Storage {
        bytes32 label;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelGovernorV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant KeelGovernorV2StorageLocation =
        0xc49da88736e112f71b85ca51b1913f8709c3de9ad14960f4525547113c33e900;

    function _getKeelGovernorV2Storage() private pure returns (KeelGovernorV2Storage storage $) {
        assembly {
            $.slot := KeelGovernorV2StorageLocation
        }
    }

    /// @notice Runs once, in the upgrade transaction: records the upgrade's label. Writes only the V2
    ///         namespace, so the V1 state digest is unchanged. Only the executor (the timelock, which runs the
    ///         Governor's `upgradeToAndCall`): after an upgrade executed with empty init data nobody else can run it
    ///         (reverts `GovernorOnlyExecutor(caller)`). Not `onlyGovernance`: its relay queue holds only the
    ///         `upgradeToAndCall` call, so the nested call would find nothing to pop.
    /// @param label A short label of the upgrade.
    function initializeV2(bytes32 label) external reinitializer(2) {
        if (msg.sender != _executor()) revert GovernorOnlyExecutor(msg.sender);
        _getKeelGovernorV2Storage().label = label;
    }

    /// @notice The implementation version (and EIP-712 domain version).
    function version() public pure override returns (string memory) {
        return "2.0.0";
    }

    /// @notice The label recorded by `initializeV2` (no timestamp, unlike the other V2s: the Governor is within
    ///         bytes of the 22,528-byte budget, and the upgrade's time is in its `Upgraded` event's block).
    /// @return label The upgrade's label.
    function upgradeInfo() external view returns (bytes32 label) {
        return _getKeelGovernorV2Storage().label;
    }

    /// @notice A proposal's state, tallies and schedule in one call.
    /// @param proposalId The proposal.
    /// @return currentState The proposal's state.
    /// @return againstVotes Votes against (KEEL units).
    /// @return forVotes Votes for (KEEL units).
    /// @return abstainVotes Abstentions (KEEL units).
    /// @return snapshot The vote snapshot (unix seconds).
    /// @return deadline The vote deadline (unix seconds).
    /// @return eta When the queued operation becomes executable (0 if not queued).
    function proposalSummary(uint256 proposalId)
        external
        view
        returns (
            ProposalState currentState,
            uint256 againstVotes,
            uint256 forVotes,
            uint256 abstainVotes,
            uint256 snapshot,
            uint256 deadline,
            uint256 eta
        )
    {
        currentState = state(proposalId);
        (againstVotes, forVotes, abstainVotes) = proposalVotes(proposalId);
        snapshot = proposalSnapshot(proposalId);
        deadline = proposalDeadline(proposalId);
        eta = proposalEta(proposalId);
    }
}
