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

/// @title PoolLocks
/// @notice Transient (EIP-1153) flags of the pool: the reentrancy lock and the flash-loan-in-progress flag. They
///         cost 100 gas each and reset at the end of every transaction, so a lock can never stay stuck.
library PoolLocks {
    // keccak256("keel.transient.Pool.lock") - 1
    bytes32 internal constant LOCK_SLOT = 0x92b1c34f15e78a360a1d8f4dcacdbffa775a01329cec913f335e1a961ddfcdb7;
    // keccak256("keel.transient.Pool.flash") - 1
    bytes32 internal constant FLASH_SLOT = 0x7fa2040a5085a1c7b9e3a27e6e34bbd67a3b4f9b9b0e01a738beadf98e4c583c;

    function locked() internal view returns (bool v) {
        assembly {
            v := tload(LOCK_SLOT)
        }
    }

    function setLocked(bool v) internal {
        assembly {
            tstore(LOCK_SLOT, v)
        }
    }

    function flashInProgress() internal view returns (bool v) {
        assembly {
            v := tload(FLASH_SLOT)
        }
    }

    function setFlashInProgress(bool v) internal {
        assembly {
            tstore(FLASH_SLOT, v)
        }
    }
}
