// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title HubFlags
/// @notice Bits of `ILiquidityHub.Asset.flags`, defined once for the hub and every spoke that reads them
///         (TypeScript mirrors them as `HubFlags` in deploy/keel.ts; test/conventions/constants.ts compares the two).
library HubFlags {
    /// @notice The asset is listed.
    uint8 internal constant LISTED = 1;
    /// @notice The hub lends the asset in flash loans (its own ERC-3156 and the spokes').
    uint8 internal constant FLASH_LOANS = 2;
    /// @notice The asset follows the registry's default rate model (`rateModel` holds it, rewritten on every push).
    uint8 internal constant DEFAULT_MODEL = 4;
    /// @notice A treasury is registered (kept in step by the registry's pushes): accrual reads this bit, not the address.
    uint8 internal constant HAS_TREASURY = 8;
    /// @notice The model's kinked curve is cached in the asset: the hub evaluates `KinkedCurve` itself.
    uint8 internal constant NATIVE_CURVE = 16;
}
