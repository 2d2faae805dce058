// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ISynthToken
/// @notice A Keel-minted ERC-20 (kUSD, or an oracle-priced synth such as kXAU) whose supply only facilitators the DAO
///         registers may create, each within its bucket cap, as GHO's facilitators. The DAO may lower a cap below what
///         a facilitator has minted: it then mints nothing more, and burns still work. See docs/stablecoin.md.
interface ISynthToken is IERC20 {
    /// @notice One facilitator's bucket: it may mint while `level + amount <= cap`.
    struct Bucket {
        uint128 cap;
        uint128 level;
        bool active;
        string label;
    }

    /// @notice `facilitator` may mint up to `cap` from now on.
    event FacilitatorAdded(address indexed facilitator, string label, uint256 cap);
    /// @notice `facilitator` was removed (its bucket was empty).
    event FacilitatorRemoved(address indexed facilitator);
    /// @notice `facilitator`'s bucket cap changed from `oldCap` to `newCap`.
    event BucketCapSet(address indexed facilitator, uint256 oldCap, uint256 newCap);
    /// @notice `facilitator` minted `amount` to `to`; its bucket level is now `level`.
    event FacilitatorMinted(address indexed facilitator, address indexed to, uint256 amount, uint256 level);
    /// @notice `facilitator` burned `amount` of its own balance; its bucket level is now `level`.
    event FacilitatorBurned(address indexed facilitator, uint256 amount, uint256 level);

    /// @notice `caller` is not an active facilitator.
    /// @param caller The caller.
    error SynthNotFacilitator(address caller);
    /// @notice `facilitator` is already registered.
    /// @param facilitator The facilitator.
    error SynthFacilitatorExists(address facilitator);
    /// @notice `facilitator` still has `level` minted: burn it first.
    /// @param facilitator The facilitator.
    /// @param level Its bucket level.
    error SynthFacilitatorNotEmpty(address facilitator, uint256 level);
    /// @notice Minting `amount` would take `facilitator`'s level above its `cap`.
    /// @param facilitator The facilitator.
    /// @param cap Its bucket cap.
    /// @param level Its level before the mint.
    /// @param amount The amount asked for.
    error SynthBucketCapExceeded(address facilitator, uint256 cap, uint256 level, uint256 amount);
    /// @notice Burning `amount` exceeds `facilitator`'s bucket level `level`.
    /// @param facilitator The facilitator.
    /// @param level Its bucket level.
    /// @param amount The amount asked for.
    error SynthBurnExceedsLevel(address facilitator, uint256 level, uint256 amount);
    /// @notice A zero address or a zero amount was given.
    error SynthZeroInput();

    /// @notice Mints `amount` to `to` within the caller's bucket. Facilitators only.
    /// @param to Receiver.
    /// @param amount Amount, token units.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's own balance and lowers its bucket level. Facilitators only.
    /// @param amount Amount, token units.
    function burn(uint256 amount) external;

    /// @notice Registers `facilitator` with `cap` (token units). Restricted (critical tier).
    /// @param facilitator The minter.
    /// @param label A name for status pages.
    /// @param cap Its bucket cap.
    function addFacilitator(address facilitator, string calldata label, uint128 cap) external;

    /// @notice Sets `facilitator`'s bucket cap; below its level only stops new mints. Restricted (critical tier).
    /// @param facilitator The minter.
    /// @param cap The new cap.
    function setBucketCap(address facilitator, uint128 cap) external;

    /// @notice Removes `facilitator`, whose level must be zero. Restricted (critical tier).
    /// @param facilitator The minter.
    function removeFacilitator(address facilitator) external;

    /// @notice `facilitator`'s bucket.
    /// @param facilitator The minter.
    /// @return The bucket (cap, level, active, label).
    function getBucket(address facilitator) external view returns (Bucket memory);

    /// @notice Every facilitator ever registered and still active, in registration order.
    /// @return The facilitators.
    function facilitators() external view returns (address[] memory);
}
