// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes, ReserveFlags} from "../types/DataTypes.sol";
import {WadRayMath} from "../math/WadRayMath.sol";
import {PoolStorage, PoolStorageLib} from "../../pool/PoolStorage.sol";
import {ReserveLogic} from "./ReserveLogic.sol";
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
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// @notice EIP-712 domain separator of the pool (name "Keel Pool", version "1"), recomputed per call so it is
    ///         right on any chain and behind any proxy address.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Keel Pool"), keccak256("1"), block.chainid, address(this)));
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
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
        if (err != ECDSA.RecoverError.NoError || signer != delegator) revert IPool.PoolInvalidSignature();
        approveDelegation(delegator, asset, delegatee, amount);
    }

    /// @notice Moves supply between accounts for the reserve's kToken (ERC-20 transfer of the supply position).
    function executeTransfer(address asset, address from, address to, uint256 amount) external {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        DataTypes.ReserveData storage r = s.reserves[asset];
        if (msg.sender != r.kToken || msg.sender == address(0)) revert IPool.PoolOnlyKToken(msg.sender);
        DataTypes.ReserveConfig memory c = r.config;
        ValidationLogic.requireAddress(to);
        ValidationLogic.requireActive(asset, c);

        (uint256 liquidityIndex,) = ReserveLogic.accrue(r, asset);
        DataTypes.Position storage pf = s.positions[asset][from];
        uint256 fromScaled = pf.scaledSupply;
        uint256 balance = fromScaled.rayMulDown(liquidityIndex);
        if (amount > balance) revert IPool.PoolInsufficientBalance(balance, amount);
        // Round up what leaves the sender; the receiver gets exactly that many shares (no value is created).
        // A zero transfer moves nothing: `scaledToBurnUp(0, 0, ...)` would move a zero-value position whole, which
        // let `transferFrom(victim, x, 0)` (no allowance needed for 0) take a victim's dust shares (issue 15).
        uint256 moved = amount == 0 ? 0 : ReserveLogic.scaledToBurnUp(amount, balance, fromScaled, liquidityIndex);
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
        DataTypes.ReserveData storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
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

    /// @notice `IPool.defaultRateModel`: the cached default rate model.
    function defaultRateModel() external view returns (address) {
        return PoolStorageLib.layout().defaultRateModel;
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
        DataTypes.ReserveData storage r = s.reserves[asset];
        DataTypes.ReserveConfig memory c = r.config;
        d.configuration.data = _aaveConfig(c);
        d.liquidityIndex = r.liquidityIndex;
        d.variableBorrowIndex = r.borrowIndex;
        uint256 borrowRate = uint256(r.borrowRate) * ReserveLogic.SECONDS_PER_YEAR;
        d.currentVariableBorrowRate = uint128(borrowRate);
        // Suppliers earn the borrow rate x utilisation, less the reserve factor (rounded down).
        uint256 debt = uint256(r.totalDebtScaled).rayMulUp(r.borrowIndex);
        if (debt != 0) {
            d.currentLiquidityRate = uint128(
                borrowRate.mulDivDown(debt, r.cash + debt).bpsMulDown(WadRayMath.BPS - c.reserveFactor)
            );
        }
        d.lastUpdateTimestamp = r.lastUpdate;
        d.id = c.id;
        d.aTokenAddress = r.kToken;
        d.interestRateStrategyAddress = r.rateModel == address(0) ? s.defaultRateModel : r.rateModel;
    }

    /// @dev Keel's configuration in Aave's `ReserveConfigurationMap` bit layout (caps clamped to Aave's 36 bits).
    function _aaveConfig(DataTypes.ReserveConfig memory c) private pure returns (uint256 data) {
        uint256 maxCap = (1 << 36) - 1;
        uint256 borrowCap = c.borrowCap > maxCap ? maxCap : c.borrowCap;
        uint256 supplyCap = c.supplyCap > maxCap ? maxCap : c.supplyCap;
        data = uint256(c.ltv) | (uint256(c.liquidationThreshold) << 16) | (uint256(c.liquidationBonus) << 32)
            | (uint256(c.decimals) << 48) | (uint256(c.reserveFactor) << 64) | (borrowCap << 80) | (supplyCap << 116)
            | (uint256(c.liquidationProtocolFee) << 152);
        if (c.flags & ReserveFlags.ACTIVE != 0) data |= 1 << 56;
        if (c.flags & ReserveFlags.FROZEN != 0) data |= 1 << 57;
        if (c.flags & ReserveFlags.BORROWING != 0) data |= 1 << 58;
        if (c.flags & ReserveFlags.PAUSED != 0) data |= 1 << 60;
        if (c.flags & ReserveFlags.FLASH_LOANS != 0) data |= 1 << 63;
    }

    /// @notice `IPool.getReserveNormalizedIncome`: the liquidity index as of now (RAY).
    function getReserveNormalizedIncome(address asset) external view returns (uint256 liquidityIndex) {
        (liquidityIndex,) = ReserveLogic.currentIndexes(PoolStorageLib.layout().reserves[asset]);
    }

    /// @notice `IPool.getReserveNormalizedVariableDebt`: the borrow index as of now (RAY).
    function getReserveNormalizedVariableDebt(address asset) external view returns (uint256 borrowIndex) {
        (, borrowIndex) = ReserveLogic.currentIndexes(PoolStorageLib.layout().reserves[asset]);
    }

    /// @notice `IPool.getReserveTotals`: total supplied (rounded down) and borrowed (rounded up) as of now.
    function getReserveTotals(address asset) external view returns (uint256 totalSupplied, uint256 totalBorrowed) {
        DataTypes.ReserveData storage r = PoolStorageLib.layout().reserves[asset];
        // Include the treasury's share of not-yet-accrued interest: without it total supply (and the kToken's
        // totalSupply) lagged behind "now" and jumped up at the next call touching the reserve, and could even read
        // below total borrowed at full utilisation (found by test/invariant/PoolInvariants.t.sol).
        (uint256 liquidityIndex, uint256 borrowIndex, uint256 pendingTreasuryScaled) = ReserveLogic.currentState(r);
        totalSupplied = (uint256(r.totalSupplyScaled) + pendingTreasuryScaled).rayMulDown(liquidityIndex);
        totalBorrowed = uint256(r.totalDebtScaled).rayMulUp(borrowIndex);
    }

    /// @notice `IPool.supplyBalanceOf`: `user`'s supply of `asset` as of now (rounded down).
    function supplyBalanceOf(address asset, address user) external view returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        (uint256 liquidityIndex,, uint256 pendingTreasuryScaled) = ReserveLogic.currentState(s.reserves[asset]);
        uint256 scaled = s.positions[asset][user].scaledSupply;
        // The treasury's balance as of now includes its share of interest not yet accrued (see getReserveTotals).
        if (user == s.treasury) scaled += pendingTreasuryScaled;
        return scaled.rayMulDown(liquidityIndex);
    }

    /// @notice `IPool.debtBalanceOf`: `user`'s debt in `asset` as of now (rounded up).
    function debtBalanceOf(address asset, address user) external view returns (uint256) {
        PoolStorage.Layout storage s = PoolStorageLib.layout();
        (, uint256 borrowIndex) = ReserveLogic.currentIndexes(s.reserves[asset]);
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

    /// @notice Utilisation of `asset` as of now: borrowed / (cash + borrowed), RAY (rounded down).
    function getReserveUtilization(address asset) external view returns (uint256) {
        DataTypes.ReserveData storage r = PoolStorageLib.layout().reserves[asset];
        (, uint256 borrowIndex) = ReserveLogic.currentIndexes(r);
        uint256 debt = uint256(r.totalDebtScaled).rayMulUp(borrowIndex);
        uint256 total = r.cash + debt;
        return total == 0 ? 0 : debt.rayDivDown(total);
    }

    /// @notice Aave-compatible account summary (see `IPool.getUserAccountData`).
    function getUserAccountData(address user)
        external
        view
        returns (uint256, uint256, uint256, uint256, uint256, uint256)
    {
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
