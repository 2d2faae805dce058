// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DataTypes} from "../types/DataTypes.sol";
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
        uint256 moved = ReserveLogic.scaledToBurnUp(amount, balance, fromScaled, liquidityIndex);
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
            if (c.flags & 16 == 0 || c.ltv == 0) revert IPool.PoolCollateralDisabled(asset);
            GenericLogic.setBit(msg.sender, c.id, 0, true);
            emit IPool.ReserveUsedAsCollateralEnabled(asset, msg.sender);
        } else {
            GenericLogic.clearBit(msg.sender, c.id, 0);
            GenericLogic.requireHealthy(msg.sender);
            emit IPool.ReserveUsedAsCollateralDisabled(asset, msg.sender);
        }
    }

    /// @notice Liquidity and borrow indexes of `asset` as of now (RAY).
    function currentIndexes(address asset) external view returns (uint256 liquidityIndex, uint256 borrowIndex) {
        return ReserveLogic.currentIndexes(PoolStorageLib.layout().reserves[asset]);
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
