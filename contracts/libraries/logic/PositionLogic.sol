// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {HubFlags} from "../types/HubFlags.sol";
import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ILiquidityHub} from "../../interfaces/ILiquidityHub.sol";
import {InterestMath} from "../math/InterestMath.sol";
import {RateLimits} from "../math/RateLimits.sol";
import {GenericLogic} from "./GenericLogic.sol";
import {ValidationLogic} from "./ValidationLogic.sol";
import {IPool} from "../../interfaces/IPool.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title PositionLogic
/// @notice Supply-position transfers (kToken transfers), collateral switches and the account summary view. An
///         external library (DELEGATECALLed by the pool) to keep the pool under the contract size limit.
library PositionLogic {
    using WadRayMath for uint256;

    bytes32 private constant DELEGATION_TYPEHASH = keccak256(
        "DelegationWithSig(address delegator,address asset,address delegatee,uint256 amount,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    /// @notice EIP-712 domain separator of the pool (name "Keel Pool", version "1"), recomputed per call so it is
    ///         right on any chain and behind any proxy address.
    function domainSeparator() public view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256("Keel Pool"), keccak256("1"), block.chainid, address(this))
            );
    }

    /// @notice Credit delegation: `delegatee` may borrow `amount` of `asset` against `delegator`'s collateral.
    function approveDelegation(address delegator, address asset, address delegatee, uint256 amount) public {
        if (delegatee == address(0)) revert IPool.PoolZeroAddress();
        PoolStorageLib.layout().borrowAllowances[delegator][asset][delegatee] = amount;
        emit IPool.BorrowAllowanceDelegated(delegator, delegatee, asset, amount);
    }

    /// @notice `approveDelegation` authorised by `delegator`'s EIP-712 signature (consumes its nonce).
    function executeDelegationWithSig(
        address delegator,
        address asset,
        address delegatee,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert IPool.PoolSignatureExpired(deadline);
        uint256 nonce = PoolStorageLib.layout().nonces[delegator]++;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                domainSeparator(),
                keccak256(abi.encode(DELEGATION_TYPEHASH, delegator, asset, delegatee, amount, nonce, deadline))
            )
        );
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, v, r, s);
        if (err != ECDSA.RecoverError.NoError || signer != delegator) revert IPool.PoolInvalidSignature();
        approveDelegation(delegator, asset, delegatee, amount);
    }

    /// @notice Moves supply between accounts for the reserve's kToken (ERC-20 transfer of the supply position).
    function executeTransfer(address asset, address from, address to, uint256 amount) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.SpokeReserve storage r = s.reserves[asset];
        if (msg.sender != r.kToken || msg.sender == address(0)) revert IPool.PoolOnlyKToken(msg.sender);
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAddress(to);
        ValidationLogic.requireActive(asset, c);

        // Shares move between this spoke's accounts: the hub's books do not change, only its index is needed.
        (uint256 liquidityIndex, ) = ILiquidityHub(s.hub).currentIndexes(asset);
        DataTypes.Position storage pf = s.positions[asset][from];
        uint256 fromScaled = pf.scaledSupply;
        uint256 balance = fromScaled.rayMulDown(liquidityIndex);
        if (amount > balance) revert IPool.PoolInsufficientBalance(balance, amount);
        // Round up what leaves the sender; the receiver gets exactly that many shares (no value is created).
        // A zero transfer moves nothing: `scaledToBurnUp(0, 0, ...)` would move a zero-value position whole, which
        // let `transferFrom(victim, x, 0)` (no allowance needed for 0) take a victim's dust shares (issue 15).
        uint256 moved = amount == 0 ? 0 : InterestMath.sharesToBurnUp(amount, balance, fromScaled, liquidityIndex);
        pf.scaledSupply = uint128(fromScaled - moved);
        DataTypes.Position storage pt = s.positions[asset][to];
        uint256 toBefore = pt.scaledSupply;
        pt.scaledSupply = uint128(toBefore + moved);

        if (from != to && moved != 0) {
            if (GenericLogic.isCollateral(from, c.id)) {
                if (moved == fromScaled) {
                    GenericLogic.clearBit(from, c.id, 0);
                    emit IPool.ReserveUsedAsCollateralDisabled(asset, from);
                }
                GenericLogic.requireHealthy(from);
            }
            if (toBefore == 0) GenericLogic.autoEnableCollateral(asset, to, c);
        }
        emit IPool.SupplyTransferred(asset, from, to, amount);
    }

    /// @notice Enables or disables `asset` as the caller's collateral.
    function executeSetCollateral(address asset, bool useAsCollateral) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveConfig memory c = s.reserves[asset].config;
        ValidationLogic.requireActive(asset, c);
        if (s.positions[asset][msg.sender].scaledSupply == 0) revert IPool.PoolNoSupply(asset, msg.sender);
        if (useAsCollateral == GenericLogic.isCollateral(msg.sender, c.id)) return;
        if (useAsCollateral) {
            if (c.flags & ReserveFlags.COLLATERAL == 0 || c.ltv == 0) revert IPool.PoolCollateralDisabled(asset);
            GenericLogic.setBit(msg.sender, c.id, 0, true);
            emit IPool.ReserveUsedAsCollateralEnabled(asset, msg.sender);
        } else {
            GenericLogic.clearBit(msg.sender, c.id, 0);
            GenericLogic.requireHealthy(msg.sender);
            emit IPool.ReserveUsedAsCollateralDisabled(asset, msg.sender);
        }
    }

    /// @notice `IPool.getKeelUserConfiguration`: `user`'s bitmap in Keel's order (bit 2*id collateral, 2*id+1 borrowing).
    function getKeelUserConfiguration(address user) external view returns (uint256) {
        return PoolStorageLib.layout().userConfig[user];
    }

    /// @notice `IPool.borrowAllowance`: how much `delegatee` may still borrow of `asset` for `delegator`.
    function borrowAllowance(address delegator, address asset, address delegatee) external view returns (uint256) {
        return PoolStorageLib.layout().borrowAllowances[delegator][asset][delegatee];
    }

    /// @notice `Pool.nonces`: `owner`'s EIP-712 nonce for `delegationWithSig`.
    function nonces(address owner) external view returns (uint256) {
        return PoolStorageLib.layout().nonces[owner];
    }

    /// @notice `IPool.oracle`: the cached oracle.
    function oracle() external view returns (address) {
        return PoolStorageLib.layout().oracle;
    }

    /// @notice `IPool.treasury`: the cached treasury.
    function treasury() external view returns (address) {
        return PoolStorageLib.layout().treasury;
    }

    /// @notice `IPool.defaultRateModel`: the hub's default rate model.
    function defaultRateModel() external view returns (address) {
        return ILiquidityHub(PoolStorageLib.layout().hub).defaultRateModel();
    }

    /// @notice `IPool.hub`: the liquidity hub.
    function hub() external view returns (address) {
        return PoolStorageLib.layout().hub;
    }

    /// @notice `IPool.getKeelReserveData`: the reserve as this spoke sees it (see `DataTypes.ReserveData`).
    function getKeelReserveData(address asset) external view returns (DataTypes.ReserveData memory d) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.SpokeReserve storage r = s.reserves[asset];
        ILiquidityHub h = ILiquidityHub(s.hub);
        ILiquidityHub.Asset memory a = h.getAsset(asset);
        ILiquidityHub.SpokeAsset memory sa = h.getSpokeAsset(address(this), asset);
        d.liquidityIndex = a.liquidityIndex;
        d.borrowIndex = a.borrowIndex;
        d.totalSupplyScaled = sa.shares;
        d.totalDebtScaled = sa.drawnShares;
        d.cash = uint128(h.availableCash(asset)); // during a flash loan the lent tokens are out
        d.lastUpdate = a.lastUpdate;
        d.borrowRate = a.borrowRate;
        d.config = r.config;
        d.kToken = r.kToken;
        d.rateModel = a.flags & HubFlags.DEFAULT_MODEL != 0 ? address(0) : a.rateModel; // zero: the registry's default (DEFAULT_MODEL)
        d.pausedUntil = r.pausedUntil;
        d.lastPauseStart = r.lastPauseStart;
    }

    /// @notice `IPool.registry`: the module registry.
    function registry() external view returns (address) {
        return PoolStorageLib.layout().registry;
    }

    /// @notice `IPool.getReservesList`: every listed asset, by reserve id.
    function getReservesList() external view returns (address[] memory) {
        return PoolStorageLib.layout().reservesList;
    }

    /// @notice Aave V3's `getReserveData` layout for `asset` (see `IPool.getReserveData`). Indexes and the last update
    ///         are the stored ones, as Aave's; rates are annualised (simple: per-second rate x 365 days, RAY).
    function getReserveData(address asset) external view returns (DataTypes.ReserveDataLegacy memory d) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.SpokeReserve storage r = s.reserves[asset];
        ILiquidityHub h = ILiquidityHub(s.hub);
        ILiquidityHub.Asset memory a = h.getAsset(asset);
        DataTypes.ReserveConfig memory c = r.config;
        d.configuration.data = _aaveConfig(c, a.reserveFactor);
        d.liquidityIndex = a.liquidityIndex;
        d.variableBorrowIndex = a.borrowIndex;
        uint256 borrowRate = uint256(a.borrowRate) * RateLimits.SECONDS_PER_YEAR;
        d.currentVariableBorrowRate = uint128(borrowRate);
        // Suppliers earn the borrow rate x the hub's utilisation, less the reserve factor (rounded down).
        uint256 debt = uint256(a.totalDrawnShares).rayMulUp(a.borrowIndex);
        if (debt != 0) {
            d.currentLiquidityRate = uint128(
                borrowRate.mulDivDown(debt, a.cash + debt).bpsMulDown(WadRayMath.BPS - a.reserveFactor)
            );
        }
        d.lastUpdateTimestamp = a.lastUpdate;
        d.id = c.id;
        d.aTokenAddress = r.kToken;
        d.interestRateStrategyAddress = a.rateModel; // the default model already resolved by the hub
    }

    /// @dev Keel's configuration in Aave's `ReserveConfigurationMap` bit layout (caps clamped to Aave's 36 bits).
    function _aaveConfig(DataTypes.ReserveConfig memory c, uint256 reserveFactor) private pure returns (uint256 data) {
        uint256 maxCap = (1 << 36) - 1;
        uint256 borrowCap = c.borrowCap > maxCap ? maxCap : c.borrowCap;
        uint256 supplyCap = c.supplyCap > maxCap ? maxCap : c.supplyCap;
        data =
            uint256(c.ltv) |
            (uint256(c.liquidationThreshold) << 16) |
            (uint256(c.liquidationBonus) << 32) |
            (uint256(c.decimals) << 48) |
            (reserveFactor << 64) |
            (borrowCap << 80) |
            (supplyCap << 116) |
            (uint256(c.liquidationProtocolFee) << 152);
        if (c.flags & ReserveFlags.ACTIVE != 0) data |= 1 << 56;
        if (c.flags & ReserveFlags.FROZEN != 0) data |= 1 << 57;
        if (c.flags & ReserveFlags.BORROWING != 0) data |= 1 << 58;
        if (c.flags & ReserveFlags.PAUSED != 0) data |= 1 << 60;
        if (c.flags & ReserveFlags.FLASH_LOANS != 0) data |= 1 << 63;
    }

    /// @notice `IPool.getReserveNormalizedIncome`: the hub's liquidity index as of now (RAY).
    function getReserveNormalizedIncome(address asset) external view returns (uint256 liquidityIndex) {
        (liquidityIndex, ) = ILiquidityHub(PoolStorageLib.layout().hub).currentIndexes(asset);
    }

    /// @notice `IPool.getReserveNormalizedVariableDebt`: the hub's borrow index as of now (RAY).
    function getReserveNormalizedVariableDebt(address asset) external view returns (uint256 borrowIndex) {
        (, borrowIndex) = ILiquidityHub(PoolStorageLib.layout().hub).currentIndexes(asset);
    }

    /// @notice `IPool.getReserveTotals`: this spoke's supply (rounded down) and debt (rounded up) in the hub as of
    ///         now: the kToken's total supply and the market's borrowed total.
    function getReserveTotals(address asset) external view returns (uint256 totalSupplied, uint256 totalBorrowed) {
        return ILiquidityHub(PoolStorageLib.layout().hub).spokeBalances(address(this), asset);
    }

    /// @notice `IPool.supplyBalanceOf`: `user`'s supply of `asset` as of now (rounded down).
    function supplyBalanceOf(address asset, address user) external view returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        (uint256 liquidityIndex, ) = ILiquidityHub(s.hub).currentIndexes(asset);
        return uint256(s.positions[asset][user].scaledSupply).rayMulDown(liquidityIndex);
    }

    /// @notice `IPool.debtBalanceOf`: `user`'s debt in `asset` as of now (rounded up).
    function debtBalanceOf(address asset, address user) external view returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        (, uint256 borrowIndex) = ILiquidityHub(s.hub).currentIndexes(asset);
        return uint256(s.positions[asset][user].scaledDebt).rayMulUp(borrowIndex);
    }

    /// @notice `IPool.getUserPosition`: `user`'s stored scaled position in `asset`.
    function getUserPosition(address asset, address user) external view returns (DataTypes.Position memory) {
        return PoolStorageLib.layout().positions[asset][user];
    }

    /// @notice `IPool.getUserConfiguration`: `user`'s bitmap in Aave's order (bit 2*id borrowing, 2*id+1 collateral).
    function getUserConfiguration(address user) external view returns (DataTypes.UserConfigurationMap memory m) {
        uint256 cfg = PoolStorageLib.layout().userConfig[user];
        // Keel keeps collateral on the even bit of each pair, Aave borrowing: swap the bits of every pair.
        m.data = ((cfg & GenericLogic.EVEN_BITS) << 1) | ((cfg >> 1) & GenericLogic.EVEN_BITS);
    }

    /// @notice Utilisation of `asset` in the hub as of now: drawn / (cash + drawn), RAY (rounded down).
    function getReserveUtilization(address asset) external view returns (uint256) {
        (, uint256 drawn, uint256 cash) = ILiquidityHub(PoolStorageLib.layout().hub).assetTotals(asset);
        uint256 total = cash + drawn;
        return total == 0 ? 0 : drawn.rayDivDown(total);
    }

    /// @notice Aave-compatible account summary (see `IPool.getUserAccountData`).
    function getUserAccountData(
        address user
    ) external view returns (uint256, uint256, uint256, uint256, uint256, uint256) {
        DataTypes.AccountData memory d = GenericLogic.accountData(user);
        uint256 available = d.borrowPowerBase > d.totalDebtBase ? d.borrowPowerBase - d.totalDebtBase : 0;
        uint256 threshold;
        uint256 ltv;
        if (d.totalCollateralBase != 0) {
            threshold = d.weightedThresholdBase.mulDivDown(WadRayMath.BPS, d.totalCollateralBase);
            ltv = d.borrowPowerBase.mulDivDown(WadRayMath.BPS, d.totalCollateralBase);
        }
        return (d.totalCollateralBase, d.totalDebtBase, available, threshold, ltv, d.healthFactor);
    }
}
