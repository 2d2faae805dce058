// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title KeelToken
/// @notice KEEL, Keel's governance token: fixed supply, EIP-2612 permit, ERC-5805 votes with a timestamp clock.
/// @dev Not upgradeable on purpose: a token whose balances or voting rules can change is a governance risk of its own.
///      The whole supply is minted once at construction and there is no mint function, so no role can dilute votes.
///      Voting power counts only delegated balances checkpointed at a proposal's snapshot: tokens bought or
///      flash-borrowed after the snapshot carry no vote on that proposal.
contract KeelToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The fixed total supply: 100,000,000 KEEL (18 decimals).
    uint256 public constant TOTAL_SUPPLY = 100_000_000e18;

    /// @notice The distribution address is zero.
    error KeelTokenZeroDistribution();

    /// @param distribution Receives the whole supply (e.g. a vesting or distribution contract, or the treasury).
    constructor(address distribution) ERC20("Keel", "KEEL") ERC20Permit("Keel") {
        if (distribution == address(0)) revert KeelTokenZeroDistribution();
        _mint(distribution, TOTAL_SUPPLY);
    }

    /// @notice The ERC-6372 clock: the block timestamp, so governance periods are in seconds on every chain.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Moves voting units along with balances (ERC20Votes checkpoints).
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
