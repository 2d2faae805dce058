// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

import {ISynthToken} from "../interfaces/ISynthToken.sol";

/// @title SynthToken
/// @notice kUSD, and every Keel synth (kXAU, ...): an ERC-20 with EIP-2612 permit minted only by DAO-registered
///         facilitators within their bucket caps. See ISynthToken and docs/stablecoin.md.
/// @dev Deliberately not upgradeable, as the LiquidityHub: the ledger of holders' balances can never be rewritten by an
///      upgrade. What evolves are the facilitators (the peg stability module, the hub facilitator), which the DAO adds,
///      caps and removes. Invariant: `totalSupply() == sum of active facilitators' levels` (a facilitator is removed
///      only at level zero).
/// @custom:security-contact security@keel.example
contract SynthToken is ISynthToken, ERC20Permit, AccessManaged {
    mapping(address facilitator => Bucket) private _buckets;
    address[] private _facilitators;

    /// @param name_ Token name (also the EIP-712 domain name).
    /// @param symbol_ Token symbol.
    /// @param authority The AccessManager deciding the restricted functions (the DAO's).
    constructor(
        string memory name_,
        string memory symbol_,
        address authority
    ) ERC20(name_, symbol_) ERC20Permit(name_) AccessManaged(authority) {}

    /// @inheritdoc ISynthToken
    function mint(address to, uint256 amount) external {
        if (to == address(0) || amount == 0) revert SynthZeroInput();
        Bucket storage b = _buckets[msg.sender];
        if (!b.active) revert SynthNotFacilitator(msg.sender);
        uint256 level = b.level;
        if (level + amount > b.cap) revert SynthBucketCapExceeded(msg.sender, b.cap, level, amount);
        b.level = uint128(level + amount); // <= cap, a uint128
        _mint(to, amount);
        emit FacilitatorMinted(msg.sender, to, amount, level + amount);
    }

    /// @inheritdoc ISynthToken
    function burn(uint256 amount) external {
        if (amount == 0) revert SynthZeroInput();
        Bucket storage b = _buckets[msg.sender];
        if (!b.active) revert SynthNotFacilitator(msg.sender);
        uint256 level = b.level;
        if (amount > level) revert SynthBurnExceedsLevel(msg.sender, level, amount);
        b.level = uint128(level - amount);
        _burn(msg.sender, amount);
        emit FacilitatorBurned(msg.sender, amount, level - amount);
    }

    /// @inheritdoc ISynthToken
    function addFacilitator(address facilitator, string calldata label, uint128 cap) external restricted {
        if (facilitator == address(0)) revert SynthZeroInput();
        Bucket storage b = _buckets[facilitator];
        if (b.active) revert SynthFacilitatorExists(facilitator);
        b.active = true;
        b.cap = cap;
        b.label = label;
        _facilitators.push(facilitator);
        emit FacilitatorAdded(facilitator, label, cap);
    }

    /// @inheritdoc ISynthToken
    function setBucketCap(address facilitator, uint128 cap) external restricted {
        Bucket storage b = _buckets[facilitator];
        if (!b.active) revert SynthNotFacilitator(facilitator);
        emit BucketCapSet(facilitator, b.cap, cap);
        b.cap = cap;
    }

    /// @inheritdoc ISynthToken
    function removeFacilitator(address facilitator) external restricted {
        Bucket storage b = _buckets[facilitator];
        if (!b.active) revert SynthNotFacilitator(facilitator);
        if (b.level != 0) revert SynthFacilitatorNotEmpty(facilitator, b.level);
        delete _buckets[facilitator];
        uint256 n = _facilitators.length;
        for (uint256 i; i < n; ++i) {
            // bounded: one entry per facilitator the DAO registered
            if (_facilitators[i] == facilitator) {
                _facilitators[i] = _facilitators[n - 1];
                _facilitators.pop();
                break;
            }
        }
        emit FacilitatorRemoved(facilitator);
    }

    /// @inheritdoc ISynthToken
    function getBucket(address facilitator) external view returns (Bucket memory) {
        return _buckets[facilitator];
    }

    /// @inheritdoc ISynthToken
    function facilitators() external view returns (address[] memory) {
        return _facilitators;
    }
}
