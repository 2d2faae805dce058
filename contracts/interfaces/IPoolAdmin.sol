// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../libraries/types/DataTypes.sol";

/// @title IPoolAdmin
/// @notice The pool's privileged functions. Each is `restricted`: the AccessManager decides who may call it
///         (see README "Roles"): listing and unpausing by the admin (timelock), risk parameters by the risk admin,
///         pausing by the guardian. Hard bounds hold whatever the caller.
interface IPoolAdmin {
    /// @notice Lists `asset` with its supply token and seeds it atomically: moves `seed` (>= MIN_SEED asset units)
    ///         from the caller into the hub and locks its shares as supply of the DEAD address. The asset must be
    ///         listed in the hub (its rate model and reserve factor are the hub's) with an add cap for this spoke.
    /// @param config Risk parameters (ltv, thresholds, bonus, factors, caps, flags BORROWING/COLLATERAL/FROZEN/
    ///        FLASH_LOANS); `decimals`, `id`, ACTIVE/PAUSED and the grace period are set by the pool.
    function initReserve(address asset, address kToken, DataTypes.ReserveConfig calldata config, uint256 seed) external;

    /// @notice Sets `asset`'s risk parameters within the hard bounds (interest so far accrues at the old ones).
    function setReserveConfig(address asset, DataTypes.ReserveConfig calldata config) external;

    /// @notice Pauses `asset` for `pauseDuration` (ends by itself; refused with `PoolPauseCooldown` during the
    ///         cooldown): no action but repay touches it. `address(0)` is the whole pool (as `pause`). Guardian.
    function pauseReserve(address asset) external;

    /// @notice Ends `asset`'s pause now; liquidations involving it wait `gracePeriod` seconds (<= 1 day). Does not
    ///         reset the guardian's cooldown. `address(0)` is the whole pool (as `unpause`). Admin.
    function unpauseReserve(address asset, uint40 gracePeriod) external;

    /// @notice Pauses the whole pool for `pauseDuration` (ends by itself; refused with `PoolPauseCooldown` during the
    ///         cooldown); repay still works, flash-loan repayments already in flight still complete. Guardian.
    function pause() external;

    /// @notice Ends the pool's pause now; liquidations wait `gracePeriod` seconds (<= 1 day). Does not reset the
    ///         guardian's cooldown. Admin.
    function unpause(uint40 gracePeriod) external;

    /// @notice Pauses flash loans only, until the admin resumes them: indefinite, as it traps nobody's funds.
    ///         Guardian.
    function pauseFlashLoans() external;

    /// @notice Re-enables flash loans. Admin.
    function unpauseFlashLoans() external;

    /// @notice Sets the flash-loan premium (bps, <= 1%) and the treasury's share of it (bps).
    function setFlashPremium(uint16 premium, uint16 toProtocol) external;

    /// @notice Grants or revokes the fee-exempt flash-borrower status of `account`.
    function setFlashBorrower(address account, bool exempt) external;
}
