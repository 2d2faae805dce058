// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {TokenLogic} from "./TokenLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {IPoolPause} from "../../interfaces/IPoolPause.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IKToken} from "../../interfaces/IKToken.sol";

/// @title PoolConfigLogic
/// @notice Listing and configuration of the core spoke's reserves, pauses that expire, flash-loan settings and the
///         state digest: the spoke's governance, one concern. An external library (DELEGATECALLed by the pool's
///         restricted admin functions).
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
    /// @dev Bounds and defaults of the guardian's pauses (issue 10, finding 1; argued in docs/security.md). A pause
    ///      shorter than an hour protects nothing; longer than 14 days it is no longer an emergency brake but a
    ///      decision the DAO must vote. The cooldown leaves users at least a day to exit between two pauses and
    ///      never keeps a legitimate guardian away for more than 30 days. Defaults: a 7-day pause outlasts a
    ///      base-tier proposal (1 h + 3 d + 2 d), so the DAO can extend a real emergency before it ends; 7 + 7 days
    ///      outlast a critical-tier guardian removal (1 h + 3 d + 5 d), so a hostile guardian pauses at most once.
    uint256 internal constant MIN_PAUSE_DURATION = 1 hours;
    uint256 internal constant MAX_PAUSE_DURATION = 14 days;
    uint256 internal constant MIN_PAUSE_COOLDOWN = 1 days;
    uint256 internal constant MAX_PAUSE_COOLDOWN = 30 days;
    uint256 internal constant DEFAULT_PAUSE_DURATION = 7 days;
    uint256 internal constant DEFAULT_PAUSE_COOLDOWN = 7 days;
    /// @dev Liquidation grace period after a pause that ends by itself (guardian expiry or a DAO `extendPause`).
    uint256 internal constant EXPIRY_GRACE_PERIOD = 6 hours;
    /// @dev Hard cap of the flash-loan premium: 1% (bps).
    uint16 internal constant MAX_FLASH_PREMIUM = 100;

    /// @notice Lists a reserve and seeds it atomically (see `IPoolAdmin.initReserve`). The asset must be listed in
    ///         the hub and this spoke must have an add cap there (governance does both first, in the same proposal).
    function executeInitReserve(
        address asset,
        address kToken,
        DataTypes.ReserveConfig calldata config,
        uint256 seed
    ) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (asset == address(0) || kToken == address(0)) revert IPool.PoolZeroAddress();
        DataTypes.SpokeReserve storage r = s.reserves[asset];
        if (r.config.flags & ReserveFlags.ACTIVE != 0) revert IPool.PoolReserveAlreadyListed(asset);
        if (s.reservesList.length >= MAX_RESERVES) revert IPool.PoolTooManyReserves();
        if (IKToken(kToken).POOL() != address(this) || IKToken(kToken).UNDERLYING_ASSET_ADDRESS() != asset) {
            revert IPool.PoolInvalidKToken(kToken);
        }
        if (seed < MIN_SEED) revert IPool.PoolSeedTooSmall(MIN_SEED, seed);
        DataTypes.ReserveConfig memory c = _validatedConfig(config);
        c.decimals = IERC20Metadata(asset).decimals();
        // The kToken must show the asset's units: wallets and integrations read its decimals (issue 15).
        uint8 kDecimals = IKToken(kToken).decimals();
        if (kDecimals != c.decimals) revert IPool.PoolKTokenDecimalsMismatch(kToken, kDecimals, c.decimals);
        c.id = uint8(s.reservesList.length);
        c.flags = (config.flags & ~(ReserveFlags.PAUSED)) | ReserveFlags.ACTIVE;
        c.liquidationGraceUntil = 0;
        s.reservesList.push(asset);
        r.config = c;
        r.kToken = kToken;

        // Seed atomically with the listing: DEAD holds the seed's shares for good. Through the hub like any supply,
        // so the shares are real and the hub's books include them.
        ILiquidityHub hub = ILiquidityHub(s.hub);
        TokenLogic.pullToHub(hub, asset, msg.sender, seed);
        (uint256 shares, , ) = hub.add(asset, seed);
        s.positions[asset][DEAD].scaledSupply = uint128(shares);
        emit IPool.ReserveInitialized(asset, kToken, seed);
        emit IPool.ReserveConfigSet(asset, DataTypes.ReserveConfig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), c);
        IKToken(kToken).emitTransfer(address(0), DEAD, seed);
    }

    /// @notice Sets risk parameters within the hard bounds (see `IPoolAdmin.setReserveConfig`).
    function executeSetReserveConfig(address asset, DataTypes.ReserveConfig calldata config) external {
        DataTypes.SpokeReserve storage r = _listed(asset);
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

    /* ============================== PAUSES THAT EXPIRE (issue 10, finding 1) ============================== */

    /// @notice A guardian pause of `asset` (address(0): the whole pool) for `pauseDuration` seconds, which ends by
    ///         itself. Refused (`PoolPauseCooldown`) until `duration + cooldown` after the previous guardian pause of
    ///         the same thing began; the pool counts for every reserve both ways (a pool pause waits for the last
    ///         pause of anything, a reserve pause for the last pause of that reserve or of the pool), so alternating
    ///         pool and reserve pauses cannot chain either. An early DAO unpause does not reset the clock.
    ///         Liquidations wait `EXPIRY_GRACE_PERIOD` after the end, for borrowers to restore their health.
    function executeGuardianPause(address asset) external {
        IPoolPause.PoolPause storage p = PoolStorageLib.layout().pauseState;
        (uint256 duration, uint256 cooldown) = _pauseSettings(p);
        uint256 last = p.lastAnyPauseStart;
        if (asset != address(0)) {
            DataTypes.SpokeReserve storage r = _listed(asset);
            last = r.lastPauseStart > p.lastPauseStart ? r.lastPauseStart : p.lastPauseStart;
            r.lastPauseStart = uint40(block.timestamp);
        } else {
            p.lastPauseStart = uint40(block.timestamp);
        }
        uint256 allowedAt = last + duration + cooldown;
        if (block.timestamp < allowedAt) revert IPoolPause.PoolPauseCooldown(asset, allowedAt);
        p.lastAnyPauseStart = uint40(block.timestamp);
        (uint256 until, uint256 grace) = _pause(asset);
        // Never shortens a longer pause (or grace period) the DAO set with `extendPause`.
        uint256 end = block.timestamp + duration;
        if (end > until) until = end;
        if (until + EXPIRY_GRACE_PERIOD > grace) grace = until + EXPIRY_GRACE_PERIOD;
        _setPause(asset, until, grace);
    }

    /// @notice The DAO ends the pause of `asset` (address(0): the pool) now; liquidations involving it wait
    ///         `gracePeriod` seconds (<= MAX_GRACE_PERIOD).
    function executeUnpause(address asset, uint40 gracePeriod) external {
        if (gracePeriod > MAX_GRACE_PERIOD) revert IPool.PoolGracePeriodTooLong(gracePeriod, MAX_GRACE_PERIOD);
        _pause(asset); // listed check
        _setPause(asset, block.timestamp, block.timestamp + gracePeriod);
    }

    /// @notice The DAO keeps `asset` (address(0): the pool) paused until `until`, in (now, now + MAX_PAUSE_DURATION]:
    ///         every stretch of a DAO pause is a vote of bounded length. Liquidations wait `EXPIRY_GRACE_PERIOD` after.
    function executeExtendPause(address asset, uint40 until) external {
        uint256 max = block.timestamp + MAX_PAUSE_DURATION;
        if (until <= block.timestamp || until > max)
            revert IPoolPause.PoolPauseEndOutOfBounds(until, block.timestamp, max);
        _pause(asset); // listed check
        _setPause(asset, until, uint256(until) + EXPIRY_GRACE_PERIOD);
    }

    /// @notice Sets the guardian's pause length and cooldown within the hard bounds (see `IPoolPause`).
    function executeSetPauseConfig(uint40 duration, uint40 cooldown) external {
        if (duration < MIN_PAUSE_DURATION || duration > MAX_PAUSE_DURATION) {
            revert IPoolPause.PoolPauseDurationOutOfBounds(duration, MIN_PAUSE_DURATION, MAX_PAUSE_DURATION);
        }
        if (cooldown < MIN_PAUSE_COOLDOWN || cooldown > MAX_PAUSE_COOLDOWN) {
            revert IPoolPause.PoolPauseCooldownOutOfBounds(cooldown, MIN_PAUSE_COOLDOWN, MAX_PAUSE_COOLDOWN);
        }
        IPoolPause.PoolPause storage p = PoolStorageLib.layout().pauseState;
        (uint256 oldDuration, uint256 oldCooldown) = _pauseSettings(p);
        emit IPoolPause.PauseConfigSet(uint40(oldDuration), duration, uint40(oldCooldown), cooldown);
        (p.duration, p.cooldown) = (duration, cooldown);
    }

    /// @dev Zero (never settable: below the bounds) means the default, so a pool upgraded from a version without
    ///      pause settings gets them with no reinitializer, which would change the state digest.
    function _pauseSettings(IPoolPause.PoolPause memory p) private pure returns (uint256 duration, uint256 cooldown) {
        duration = p.duration == 0 ? DEFAULT_PAUSE_DURATION : p.duration;
        cooldown = p.cooldown == 0 ? DEFAULT_PAUSE_COOLDOWN : p.cooldown;
    }

    /// @dev End of the pause and of the liquidation grace period of `asset` (address(0): the pool); reverts for an
    ///      unlisted reserve.
    function _pause(address asset) private view returns (uint256 until, uint256 grace) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (asset == address(0)) return (s.pausedUntil, s.liquidationGraceUntil);
        DataTypes.SpokeReserve storage r = _listed(asset);
        return (r.pausedUntil, r.config.liquidationGraceUntil);
    }

    function _setPause(address asset, uint256 until, uint256 grace) private {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        if (asset == address(0)) {
            s.pausedUntil = uint40(until);
            s.liquidationGraceUntil = uint40(grace);
        } else {
            DataTypes.SpokeReserve storage r = s.reserves[asset];
            r.pausedUntil = uint40(until);
            r.config.liquidationGraceUntil = uint40(grace);
        }
        emit IPoolPause.PauseSet(asset, uint40(until), uint40(grace));
    }

    /* ============================== FLASH LOANS ============================== */

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
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        s.flashBorrowers[account] = exempt;
        // Running hash of every change: the digest covers the exempt set (issue 10, finding 8).
        s.flashBorrowersHash = keccak256(abi.encode(s.flashBorrowersHash, account, exempt));
        emit IPool.FlashBorrowerSet(account, exempt);
    }

    /// @notice Hash of the pool's key state (see `IUpgradeCheckable.stateDigest`): every reserve's full state
    ///         (pauses included), the reserve list, cached modules, pool-wide switches and pause state, and everything
    ///         that decides who may do what: the authority, the flash lender and the fee-exempt flash borrowers
    ///         (through the running hash of their changes) (issue 10, finding 8).
    function stateDigest() external view returns (bytes32 digest) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        digest = keccak256(
            abi.encode(
                s.reservesList,
                s.registry,
                s.oracle,
                s.treasury,
                s.hub,
                s.paused,
                s.flashLoansPaused,
                s.liquidationGraceUntil,
                s.flashPremium,
                s.flashPremiumToProtocol
            )
        );
        digest = keccak256(
            abi.encode(
                digest,
                IAccessManaged(address(this)).authority(),
                s.flashLender,
                s.pausedUntil,
                s.pauseState,
                s.flashBorrowersHash
            )
        );
        for (uint256 i; i < s.reservesList.length; ++i) {
            digest = keccak256(abi.encode(digest, s.reserves[s.reservesList[i]]));
        }
    }

    function _listed(address asset) private view returns (DataTypes.SpokeReserve storage r) {
        r = PoolStorageLib.layout().reserves[asset];
        if (r.config.flags & ReserveFlags.ACTIVE == 0) revert IPool.PoolReserveNotListed(asset);
    }

    /// @dev Hard bounds no role can cross: LTV < liquidation threshold < 100%; bonus > 100% and
    ///      threshold * bonus <= 100% (a liquidation can always pay its bonus from the collateral); reserve factor
    ///      protocol fee <= 100%.
    function _validatedConfig(
        DataTypes.ReserveConfig calldata c
    ) private pure returns (DataTypes.ReserveConfig memory) {
        if (
            c.ltv >= c.liquidationThreshold ||
            c.liquidationThreshold >= WadRayMath.BPS ||
            c.liquidationBonus <= WadRayMath.BPS ||
            uint256(c.liquidationThreshold) * c.liquidationBonus > WadRayMath.BPS * WadRayMath.BPS
        ) revert IPool.PoolInvalidRiskParams(c.ltv, c.liquidationThreshold, c.liquidationBonus);
        if (c.liquidationProtocolFee > WadRayMath.BPS) revert IPool.PoolInvalidBps(c.liquidationProtocolFee);
        return c;
    }
}
