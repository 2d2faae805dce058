// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title DataTypes
/// @notice Storage and parameter types of the core spoke (the Aave-compatible pool). Reserve state is packed so that one user action touches
///         as few storage slots as possible (see docs/architecture.md).
library DataTypes {
    /// @notice Risk configuration of a reserve in a spoke, packed with the reserve's pause in one slot.
    /// @dev Percentages are basis points (10_000 = 100%). Caps are in whole tokens (0 = no cap) and bound this
    ///      spoke's market; the hub's per-spoke caps bound what the spoke may take from the hub. The reserve factor
    ///      is the hub's (interest is the hub's business): `ILiquidityHub.Asset.reserveFactor`.
    struct ReserveConfig {
        uint16 ltv; // max borrow power of collateral, bps
        uint16 liquidationThreshold; // collateral weight in the health factor, bps
        uint16 liquidationBonus; // collateral paid per unit of debt repaid, bps above 10_000 (10_500 = 5% bonus)
        uint16 liquidationProtocolFee; // share of the liquidation bonus to the treasury, bps
        uint8 decimals; // the asset's decimals
        uint8 id; // index in the reserves list and in users' bitmaps
        uint8 flags; // see ReserveFlags
        uint48 supplyCap; // whole tokens, 0 = none
        uint48 borrowCap; // whole tokens, 0 = none
        uint40 liquidationGraceUntil; // no liquidation using this reserve before this timestamp
    }

    /// @notice What a spoke stores per reserve: its risk configuration, its supply token and its pause. Custody,
    ///         indexes and totals live in the hub (`ILiquidityHub.Asset`, `ILiquidityHub.SpokeAsset`).
    struct SpokeReserve {
        // slot 0
        ReserveConfig config;
        // slot 1 (issue 10, finding 1): the reserve is paused while block.timestamp < pausedUntil; start of the
        // guardian's last pause of it (for the cooldown)
        address kToken;
        uint40 pausedUntil;
        uint40 lastPauseStart;
    }

    /// @notice A reserve as this spoke sees it (`IPool.getKeelReserveData`): the hub's indexes, cash, rate and rate
    ///         model for the asset, this spoke's shares and drawn shares in the hub, and the spoke's own configuration,
    ///         supply token and pause.
    struct ReserveData {
        uint128 liquidityIndex; // hub, RAY, as of the last accrual
        uint128 borrowIndex; // hub, RAY, as of the last accrual
        uint128 totalSupplyScaled; // this spoke's supply shares in the hub
        uint128 totalDebtScaled; // this spoke's drawn shares in the hub
        uint128 cash; // hub: tokens held for the asset, every spoke's
        uint40 lastUpdate; // hub
        uint88 borrowRate; // hub, RAY per second
        ReserveConfig config;
        address kToken;
        address rateModel; // hub: zero means "the registry's default rate model"
        uint40 pausedUntil;
        uint40 lastPauseStart;
    }

    /// @notice Aave V3's reserve configuration bitmap (`ReserveConfigurationMap`): bits 0-15 LTV, 16-31 liquidation
    ///         threshold, 32-47 bonus, 48-55 decimals, 56 active, 57 frozen, 58 borrowing, 60 paused, 63 flash loans,
    ///         64-79 reserve factor, 80-115 borrow cap, 116-151 supply cap, 152-167 liquidation protocol fee.
    struct ReserveConfigurationMap {
        uint256 data;
    }

    /// @notice Aave V3's user configuration bitmap (`UserConfigurationMap`): bit 2*id = borrowing, bit 2*id+1 =
    ///         collateral (the reverse of Keel's own bitmap, see `IPool.getKeelUserConfiguration`).
    struct UserConfigurationMap {
        uint256 data;
    }

    /// @notice Aave V3's `getReserveData` layout (`ReserveDataLegacy` in Aave 3.2+), field for field; zero where Keel
    ///         has no equivalent (stable and variable debt tokens, accrued-to-treasury, unbacked, isolation debt).
    struct ReserveDataLegacy {
        ReserveConfigurationMap configuration;
        uint128 liquidityIndex; // RAY, as of the last accrual
        uint128 currentLiquidityRate; // RAY a year
        uint128 variableBorrowIndex; // RAY, as of the last accrual
        uint128 currentVariableBorrowRate; // RAY a year
        uint128 currentStableBorrowRate;
        uint40 lastUpdateTimestamp;
        uint16 id;
        address aTokenAddress; // the kToken
        address stableDebtTokenAddress;
        address variableDebtTokenAddress;
        address interestRateStrategyAddress; // the reserve's rate model (the registry's default when unset)
        uint128 accruedToTreasury;
        uint128 unbacked;
        uint128 isolationModeTotalDebt;
    }

    /// @notice A user's position in one reserve, one slot.
    struct Position {
        uint128 scaledSupply;
        uint128 scaledDebt;
    }

    /// @notice Input of `executeLiquidationCall`.
    struct LiquidationParams {
        address collateralAsset;
        address debtAsset;
        address user;
        uint256 debtToCover;
        bool receiveKToken;
    }

    /// @notice Aggregated account values, in base currency (8 decimals) and bps.
    struct AccountData {
        uint256 totalCollateralBase;
        uint256 totalDebtBase;
        uint256 borrowPowerBase; // sum of collateral * ltv
        uint256 weightedThresholdBase; // sum of collateral * liquidation threshold
        uint256 healthFactor; // WAD; type(uint256).max without debt
    }
}

/// @title ReserveFlags
/// @notice Bits of `ReserveConfig.flags`.
library ReserveFlags {
    uint8 internal constant ACTIVE = 1; // listed
    uint8 internal constant FROZEN = 2; // no new supply or borrow
    uint8 internal constant PAUSED = 4; // retired (issue 10): pauses expire, see ReserveData.pausedUntil; ignored
    uint8 internal constant BORROWING = 8; // may be borrowed
    uint8 internal constant COLLATERAL = 16; // may back borrows
    uint8 internal constant FLASH_LOANS = 32; // may be flash-borrowed
}
