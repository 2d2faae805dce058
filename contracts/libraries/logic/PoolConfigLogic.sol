// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ReserveLogic} from "./ReserveLogic.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {IKToken} from "../../interfaces/IKToken.sol";

/// @title PoolConfigLogic
/// @notice Listing and configuration of reserves. An external library (DELEGATECALLed by the pool's restricted
///         admin functions) to keep the pool under the contract size limit.
library PoolConfigLogic {
    /// @dev Seeded supply of a new reserve is credited to this address, which nobody controls: the reserve can never
    ///      be empty again, which defeats first-depositor and empty-market index inflation (Sonne, Hundred, Radiant).
    address internal constant DEAD = 0x000000000000000000000000000000000000dEaD;
    /// @dev Minimum seed at listing, in asset units.
    uint256 internal constant MIN_SEED = 1000;
    /// @dev At most 128 reserves: a user's bitmap has two bits per reserve.
    uint256 internal constant MAX_RESERVES = 128;
    /// @dev Longest liquidation grace period after unpausing.
    uint256 internal constant MAX_GRACE_PERIOD = 1 days;
    /// @dev Hard cap of the flash-loan premium: 1% (bps).
    uint16 internal constant MAX_FLASH_PREMIUM = 100;

    /// @notice Lists a reserve and seeds it atomically (see `IPoolAdmin.initReserve`).
    function executeInitReserve(
        address asset,
        address kToken,
        address rateModel,
        DataTypes.ReserveConfig calldata config,
        uint256 seed
    ) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (asset == address(0) || kToken == address(0)) revert IPool.PoolZeroAddress();
        DataTypes.ReserveData storage r = s.reserves[asset];
        if (r.config.flags & ReserveFlags.ACTIVE != 0) revert IPool.PoolReserveAlreadyListed(asset);
        if (s.reservesList.length >= MAX_RESERVES) revert IPool.PoolTooManyReserves();
        if (IKToken(kToken).POOL() != address(this) || IKToken(kToken).UNDERLYING_ASSET_ADDRESS() != asset) {
            revert IPool.PoolInvalidKToken(kToken);
        }
        if (seed < MIN_SEED) revert IPool.PoolSeedTooSmall(MIN_SEED, seed);
        DataTypes.ReserveConfig memory c = _validatedConfig(config);
        c.decimals = IERC20Metadata(asset).decimals();
        c.id = uint8(s.reservesList.length);
        c.flags = (config.flags & ~(ReserveFlags.PAUSED)) | ReserveFlags.ACTIVE;
        c.liquidationGraceUntil = 0;
        s.reservesList.push(asset);
        r.config = c;
        r.kToken = kToken;
        r.rateModel = rateModel;
        r.liquidityIndex = uint128(WadRayMath.RAY);
        r.borrowIndex = uint128(WadRayMath.RAY);
        r.lastUpdate = uint40(block.timestamp);

        // Seed atomically with the listing: DEAD holds `seed` for good (credited at index 1, exact).
        TokenLogic.pullExact(asset, msg.sender, seed);
        r.cash = uint128(seed);
        r.totalSupplyScaled = uint128(seed);
        s.positions[asset][DEAD].scaledSupply = uint128(seed);
        ReserveLogic.updateRate(r, asset, WadRayMath.RAY);
        emit IPool.ReserveInitialized(asset, kToken, rateModel, seed);
        emit IPool.ReserveConfigSet(asset, DataTypes.ReserveConfig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), c);
        IKToken(kToken).emitTransfer(address(0), DEAD, seed);
    }

    /// @notice Sets risk parameters within the hard bounds (see `IPoolAdmin.setReserveConfig`).
    function executeSetReserveConfig(address asset, DataTypes.ReserveConfig calldata config) external {
        DataTypes.ReserveData storage r = _listed(asset);
        ReserveLogic.accrue(r, asset); // interest so far at the old reserve factor
        DataTypes.ReserveConfig memory old = r.config;
        DataTypes.ReserveConfig memory c = _validatedConfig(config);
        c.decimals = old.decimals;
        c.id = old.id;
        // ACTIVE and PAUSED are not risk parameters: kept as they are.
        uint8 kept = ReserveFlags.ACTIVE | ReserveFlags.PAUSED;
        c.flags = (config.flags & ~kept) | (old.flags & kept);
        c.liquidationGraceUntil = old.liquidationGraceUntil;
        r.config = c;
        emit IPool.ReserveConfigSet(asset, old, c);
    }

    /// @notice Replaces a reserve's rate model (see `IPoolAdmin.setReserveRateModel`).
    function executeSetReserveRateModel(address asset, address rateModel) external {
        DataTypes.ReserveData storage r = _listed(asset);
        (, uint256 borrowIndex) = ReserveLogic.accrue(r, asset);
        emit IPool.ReserveRateModelSet(asset, r.rateModel, rateModel);
        r.rateModel = rateModel;
        ReserveLogic.updateRate(r, asset, borrowIndex);
    }

    /// @notice Pauses or unpauses a reserve; unpausing starts a liquidation grace period.
    function executeSetReservePaused(address asset, bool paused, uint40 gracePeriod) external {
        if (gracePeriod > MAX_GRACE_PERIOD) revert IPool.PoolGracePeriodTooLong(gracePeriod, MAX_GRACE_PERIOD);
        DataTypes.ReserveData storage r = _listed(asset);
        DataTypes.ReserveConfig memory old = r.config;
        if (paused) {
            r.config.flags = old.flags | ReserveFlags.PAUSED;
        } else {
            r.config.flags = old.flags & ~ReserveFlags.PAUSED;
            r.config.liquidationGraceUntil = uint40(block.timestamp) + gracePeriod;
        }
        emit IPool.ReserveConfigSet(asset, old, r.config);
    }

    /// @notice Pauses or unpauses the whole pool; unpausing starts a liquidation grace period.
    function executeSetPoolPaused(bool paused, uint40 gracePeriod) external {
        if (gracePeriod > MAX_GRACE_PERIOD) revert IPool.PoolGracePeriodTooLong(gracePeriod, MAX_GRACE_PERIOD);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        s.paused = paused;
        if (!paused) s.liquidationGraceUntil = uint40(block.timestamp) + gracePeriod;
        emit IPool.PoolPauseSet(paused, s.liquidationGraceUntil);
    }

    /// @notice Pauses or resumes flash loans only.
    function executeSetFlashLoansPaused(bool paused) external {
        PoolStorageLib.layout().flashLoansPaused = paused;
        emit IPool.FlashLoansPauseSet(paused);
    }

    /// @notice Sets the flash-loan premium (bps, hard cap 1%) and the treasury's share of it (bps).
    function executeSetFlashPremium(uint16 premium, uint16 toProtocol) external {
        if (premium > MAX_FLASH_PREMIUM) revert IPool.PoolInvalidPremium(premium, MAX_FLASH_PREMIUM);
        if (toProtocol > WadRayMath.BPS) revert IPool.PoolInvalidBps(toProtocol);
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        emit IPool.FlashPremiumSet(s.flashPremium, premium, s.flashPremiumToProtocol, toProtocol);
        s.flashPremium = premium;
        s.flashPremiumToProtocol = toProtocol;
    }

    /// @notice Grants or revokes fee-exempt flash borrowing.
    function executeSetFlashBorrower(address account, bool exempt) external {
        if (account == address(0)) revert IPool.PoolZeroAddress();
        PoolStorageLib.layout().flashBorrowers[account] = exempt;
        emit IPool.FlashBorrowerSet(account, exempt);
    }

    /// @notice Hash of the pool's key state (see `IUpgradeCheckable.stateDigest`): every reserve's full state, the
    ///         reserve list, cached modules and pool-wide switches.
    function stateDigest() external view returns (bytes32 digest) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        digest = keccak256(
            abi.encode(
                s.reservesList, s.registry, s.oracle, s.treasury, s.defaultRateModel, s.paused, s.flashLoansPaused,
                s.liquidationGraceUntil, s.flashPremium, s.flashPremiumToProtocol
            )
        );
        for (uint256 i; i < s.reservesList.length; ++i) {
            digest = keccak256(abi.encode(digest, s.reserves[s.reservesList[i]]));
        }
    }

    function _listed(address asset) private view returns (DataTypes.ReserveData storage r) {
        r = PoolStorageLib.layout().reserves[asset];
        if (r.config.flags & ReserveFlags.ACTIVE == 0) revert IPool.PoolReserveNotListed(asset);
    }

    /// @dev Hard bounds no role can cross: LTV < liquidation threshold < 100%; bonus > 100% and
    ///      threshold * bonus <= 100% (a liquidation can always pay its bonus from the collateral); reserve factor
    ///      and protocol fee <= 100%.
    function _validatedConfig(DataTypes.ReserveConfig calldata c) private pure returns (DataTypes.ReserveConfig memory) {
        if (
            c.ltv >= c.liquidationThreshold || c.liquidationThreshold >= WadRayMath.BPS
                || c.liquidationBonus <= WadRayMath.BPS
                || uint256(c.liquidationThreshold) * c.liquidationBonus > WadRayMath.BPS * WadRayMath.BPS
        ) revert IPool.PoolInvalidRiskParams(c.ltv, c.liquidationThreshold, c.liquidationBonus);
        if (c.reserveFactor > WadRayMath.BPS) revert IPool.PoolInvalidBps(c.reserveFactor);
        if (c.liquidationProtocolFee > WadRayMath.BPS) revert IPool.PoolInvalidBps(c.liquidationProtocolFee);
        return c;
    }
}
