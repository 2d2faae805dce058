// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../libraries/types/DataTypes.sol";
import {IPoolPause} from "../interfaces/IPoolPause.sol";

/// @title PoolStorage
/// @notice The pool's ERC-7201 namespaced storage, shared by the pool and its logic libraries (which run in the
///         pool's context through DELEGATECALL or inlining). An abstract contract (not a library) so that the
///         OpenZeppelin upgrades validation sees the namespace through the pool's inheritance.
abstract contract PoolStorage {
    /// @custom:storage-location erc7201:keel.storage.Pool
    struct Layout {
        mapping(address asset => DataTypes.SpokeReserve) reserves;
        address[] reservesList; // reserve id => asset
        mapping(address user => uint256) userConfig; // bit 2*id: collateral, bit 2*id+1: borrowing
        mapping(address asset => mapping(address user => DataTypes.Position)) positions;
        mapping(address delegator => mapping(address asset => mapping(address delegatee => uint256))) borrowAllowances;
        mapping(address account => bool) flashBorrowers;
        mapping(address account => uint256) nonces; // EIP-712 nonces of delegationWithSig
        // cached module addresses (pushed by the registry)
        address registry;
        address oracle;
        address treasury;
        // The liquidity hub holding this spoke's custody and interest (fixed at initialisation: a spoke's positions
        // are shares of one hub). Read by every action, so the pool-wide pause end (issue 10, finding 1: paused while
        // block.timestamp < pausedUntil) shares its slot.
        address hub;
        uint40 pausedUntil;
        uint56 unusedSlot10;
        // pool-wide switches, one slot
        bool paused; // retired (issue 10, finding 1): pauses expire, see `pauseState`; kept for the layout
        bool flashLoansPaused;
        uint40 liquidationGraceUntil;
        uint16 flashPremium; // bps of the amount
        uint16 flashPremiumToProtocol; // bps of the premium
        // The registry's ERC-3156 lender: for its loans the premium is waived when its caller is fee-exempt.
        address flashLender;
        // Issue 10 (findings 1 and 8): pauses that expire, and a running hash of every fee-exemption change
        // (`setFlashBorrower`) so that `stateDigest` covers the exempt set without a list.
        IPoolPause.PoolPause pauseState;
        bytes32 flashBorrowersHash;
    }
}

/// @title PoolStorageLib
/// @notice The `$` getter of `PoolStorage`, usable from libraries.
library PoolStorageLib {
    // keccak256(abi.encode(uint256(keccak256("keel.storage.Pool")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 internal constant POOL_STORAGE_LOCATION =
        0x5fe5f2e68fe1d19de9117550a8a12fba24f50e8f665a2cbc33d43e181437ef00;

    function layout() internal pure returns (PoolStorage.Layout storage $) {
        assembly {
            $.slot := POOL_STORAGE_LOCATION
        }
    }
}
