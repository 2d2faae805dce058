// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {AccessManagedUpgradeable} from "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IKeelFlashLender} from "../interfaces/IKeelFlashLender.sol";
import {IPool} from "../interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver} from "../interfaces/IFlashLoanReceiver.sol";
import {IUpgradeCheckable} from "../interfaces/IUpgradeCheckable.sol";
import {DataTypes, ReserveFlags} from "../libraries/types/DataTypes.sol";
import {WadRayMath} from "../libraries/math/WadRayMath.sol";
import {AbiIds} from "../upgrades/AbiIds.sol";

/// @title KeelFlashLender
/// @notice ERC-3156 flash lender over the pool. A loan is a `flashLoanSimple` of the pool to this contract, which
///         hands the tokens to the borrower, calls `onFlashLoan(initiator, token, amount, fee, data)`, pulls
///         `amount + fee` from the borrower with transferFrom and lets the pool pull them back. The fee is exactly the
///         pool's premium, split by the pool between suppliers and the treasury.
/// @dev The pool's callback is accepted only for the loan this lender started in the same transaction: `flashLoan`
///      records (EIP-1153 transient storage) a key of the asset, amount, caller, receiver and data, and the fee it
///      promised; `executeOperation` requires the pool to call back with exactly that loan and fee and clears the
///      record before anything moves. Whatever `pool()` says, a callback nobody asked for is refused.
contract KeelFlashLender is
    Initializable,
    UUPSUpgradeable,
    AccessManagedUpgradeable,
    IKeelFlashLender,
    IFlashLoanSimpleReceiver,
    IUpgradeCheckable
{
    using SafeERC20 for IERC20;
    using WadRayMath for uint256;

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @custom:storage-location erc7201:keel.storage.KeelFlashLender
    struct FlashLenderStorage {
        address pool;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.KeelFlashLender")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant FLASH_LENDER_STORAGE_LOCATION =
        0xcde0054c83e327ecb4d62f79a6d94e907f6fc564d9fdd9e894dfdede30828d00;

    // The loan in flight (transient, EIP-1153; not part of the persistent layout): key of (asset, amount, params)
    // and the fee promised for it.
    bytes32 private transient _loanInFlight;
    uint256 private transient _feeInFlight;

    function _getFlashLenderStorage() private pure returns (FlashLenderStorage storage $) {
        assembly {
            $.slot := FLASH_LENDER_STORAGE_LOCATION
        }
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the proxy with its authority (AccessManager) and the pool.
    function initialize(address authority, address pool_) external initializer {
        if (pool_ == address(0)) revert FlashLenderZeroAddress();
        __AccessManaged_init(authority);
        _getFlashLenderStorage().pool = pool_;
        emit PoolSet(address(0), pool_);
    }

    /// @inheritdoc IKeelFlashLender
    function version() external pure virtual override(IKeelFlashLender, IUpgradeCheckable) returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IUpgradeCheckable
    function abiId() external pure virtual returns (bytes32) {
        return AbiIds.KEEL_FLASH_LENDER;
    }

    /// @inheritdoc IKeelFlashLender
    function pool() public view returns (address) {
        return _getFlashLenderStorage().pool;
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Never reverts: 0 for an unsupported token, while anything relevant is paused, or during a flash loan.
    function maxFlashLoan(address token) public view returns (uint256) {
        IPool p = IPool(pool());
        try p.getKeelReserveData(token) returns (DataTypes.ReserveData memory r) {
            return _maxLoan(p, r);
        } catch {
            return 0;
        }
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Reverts with `ERC3156UnsupportedToken` for a token that cannot be flash-borrowed, as the standard says. The
    ///      fee is the one `msg.sender` pays when it calls `flashLoan` itself (see `flashFeeFor`).
    function flashFee(address token, uint256 amount) external view returns (uint256) {
        IPool p = IPool(pool());
        _requireSupported(token, p.getKeelReserveData(token));
        return _feeFor(p, msg.sender, amount);
    }

    /// @inheritdoc IKeelFlashLender
    function flashFeeFor(address initiator, address token, uint256 amount) external view returns (uint256) {
        IPool p = IPool(pool());
        _requireSupported(token, p.getKeelReserveData(token));
        return _feeFor(p, initiator, amount);
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Records the loan (transient) before calling the pool; the callback must match it (see the contract NatSpec).
    function flashLoan(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data
    ) external returns (bool) {
        IPool p = IPool(pool());
        DataTypes.ReserveData memory r = p.getKeelReserveData(token);
        _requireSupported(token, r);
        uint256 maxLoan = _maxLoan(p, r);
        if (amount > maxLoan) revert ERC3156ExceededMaxLoan(maxLoan);
        bytes memory params = abi.encode(msg.sender, receiver, data);
        _loanInFlight = _loanKey(token, amount, params);
        _feeInFlight = _feeFor(p, msg.sender, amount);
        p.flashLoanSimple(address(this), token, amount, params, 0);
        // Normally cleared by the callback already; a pool that never called back leaves nothing to replay later.
        _loanInFlight = bytes32(0);
        return true;
    }

    /// @notice Pool callback: forwards the loan to the ERC-3156 borrower and collects `amount + premium` from it.
    /// @dev Only the pool, only with this lender as the initiator, and only for the loan `flashLoan` recorded in this
    ///      transaction, at the fee it promised: a pool re-pointed by `setPool` cannot make a borrower pay for a loan
    ///      it did not ask for, nor charge it another fee. The record is cleared before the borrower is called.
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address initiator,
        bytes calldata params
    ) external returns (bool) {
        address p = pool();
        if (msg.sender != p || initiator != address(this))
            revert FlashLenderUnauthorizedCallback(msg.sender, initiator);
        _consumeLoan(asset, amount, premium, params);
        (address caller, IERC3156FlashBorrower receiver, bytes memory data) = abi.decode(
            params,
            (address, IERC3156FlashBorrower, bytes)
        );
        IERC20(asset).safeTransfer(address(receiver), amount);
        if (receiver.onFlashLoan(caller, asset, amount, premium, data) != CALLBACK_SUCCESS) {
            revert ERC3156InvalidReceiver(address(receiver));
        }
        IERC20(asset).safeTransferFrom(address(receiver), address(this), amount + premium);
        IERC20(asset).forceApprove(p, amount + premium);
        return true;
    }

    /// @notice Points the lender at another pool (e.g. after a pool replacement). Admin.
    function setPool(address newPool) external restricted {
        if (newPool == address(0)) revert FlashLenderZeroAddress();
        FlashLenderStorage storage $ = _getFlashLenderStorage();
        emit PoolSet($.pool, newPool);
        $.pool = newPool;
    }

    function _authorizeUpgrade(address) internal override restricted {}

    /// @dev Reverts with `ERC3156UnsupportedToken` unless `token` is listed with flash loans enabled.
    function _requireSupported(address token, DataTypes.ReserveData memory r) private pure {
        uint8 flags = r.config.flags;
        if (flags & ReserveFlags.ACTIVE == 0 || flags & ReserveFlags.FLASH_LOANS == 0)
            revert ERC3156UnsupportedToken(token);
    }

    /// @dev The reserve's cash, or 0 while the reserve, the pool or flash loans are paused or a flash loan runs.
    function _maxLoan(IPool p, DataTypes.ReserveData memory r) private view returns (uint256) {
        uint8 flags = r.config.flags;
        if (
            flags & ReserveFlags.ACTIVE == 0 || block.timestamp < r.pausedUntil || flags & ReserveFlags.FLASH_LOANS == 0
        ) {
            return 0;
        }
        if (p.paused() || p.flashLoansPaused() || p.flashLoanInProgress()) return 0;
        return r.cash;
    }

    /// @dev The pool's premium for a loan this lender makes for `initiator`: the pool reads the initiator from the
    ///      loan's params (FlashLoanLogic) and waives the premium for fee-exempt flash borrowers. Rounded up, as the
    ///      pool rounds it. The callback requires the pool's premium to equal this value, so the two cannot drift.
    function _feeFor(IPool p, address initiator, uint256 amount) private view returns (uint256) {
        return p.isFlashBorrower(initiator) ? 0 : amount.bpsMulUp(p.FLASHLOAN_PREMIUM_TOTAL());
    }

    /// @dev Checks the callback against the loan recorded by `flashLoan` and clears the record (one use).
    function _consumeLoan(address asset, uint256 amount, uint256 premium, bytes calldata params) private {
        if (_loanInFlight != _loanKey(asset, amount, params)) revert FlashLenderLoanNotStarted(asset, amount);
        _loanInFlight = bytes32(0);
        uint256 fee = _feeInFlight;
        if (premium != fee) revert FlashLenderFeeMismatch(fee, premium);
    }

    /// @dev Identifies one loan: the asset, the amount and the params (caller, receiver, data) the pool hands back.
    function _loanKey(address asset, uint256 amount, bytes memory params) private pure returns (bytes32) {
        return keccak256(abi.encode(asset, amount, keccak256(params)));
    }

    /* UPGRADE CHECKS */

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers every field that decides who may do what through the lender: the authority and the pool. The lender
    ///      has no state of its own besides them (fee exemptions are the pool's and covered by the pool's digest; the
    ///      loan record is transient and empty between transactions; no funds stay between transactions).
    function stateDigest() external view virtual returns (bytes32) {
        return keccak256(abi.encode(authority(), _getFlashLenderStorage().pool));
    }

    /// @inheritdoc IUpgradeCheckable
    function initializedVersion() external view returns (uint64) {
        return _getInitializedVersion();
    }

    /// @inheritdoc IUpgradeCheckable
    function implementation() external view returns (address) {
        return ERC1967Utils.getImplementation();
    }
}
