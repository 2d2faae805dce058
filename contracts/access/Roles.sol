// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Roles
/// @notice Role ids used with Keel's AccessManager (`KeelAccessManager`). One authority decides every privileged call.
/// @dev ADMIN_ROLE (0) is OpenZeppelin AccessManager's built-in admin role; after deployment only the governance
///      timelock holds it. PUBLIC_ROLE (type(uint64).max) is the built-in "anyone" role.
library Roles {
    /// @notice Protocol admin: listing, module replacement, unpausing, role grants. Held by the governance timelock.
    uint64 internal constant ADMIN_ROLE = 0;
    /// @notice Risk admin: risk parameters inside the hard bounds the contracts enforce.
    uint64 internal constant RISK_ADMIN_ROLE = 1;
    /// @notice Guardian: may pause (pool, reserves, flash loans) and nothing else.
    uint64 internal constant GUARDIAN_ROLE = 2;
    /// @notice Upgrader: may call `upgradeToAndCall` on the modules' UUPS proxies. Held by the governance timelock.
    uint64 internal constant UPGRADER_ROLE = 3;
    /// @notice Treasury manager: may move funds out of the treasury. Held by the governance timelock.
    uint64 internal constant TREASURY_MANAGER_ROLE = 4;
}
