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

/// @title KeelFlashLender
/// @notice ERC-3156 flash lender over the pool. A loan is a `flashLoanSimple` of the pool to this contract, which
///         hands the tokens to the borrower, calls `onFlashLoan(initiator, token, amount, fee, data)`, pulls
///         `amount + fee` from the borrower with transferFrom and lets the pool pull them back. The fee is exactly the
///         pool's premium, split by the pool between suppliers and the treasury.
contract KeelFlashLender is Initializable, UUPSUpgradeable, AccessManagedUpgradeable, IKeelFlashLender, IFlashLoanSimpleReceiver, IUpgradeCheckable {
    using SafeERC20 for IERC20;
    using WadRayMath for uint256;

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @custom:storage-location erc7201:keel.storage.FlashLender
    struct FlashLenderStorage {
        address pool;
    }

    // keccak256(abi.encode(uint256(keccak256("keel.storage.FlashLender")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant FLASH_LENDER_STORAGE_LOCATION =
        0x19c06e79cf6a3767bbbffa82cdd976206ce2379648a4d1472767a67906466c00;

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

    /// @inheritdoc IKeelFlashLender
    function pool() public view returns (address) {
        return _getFlashLenderStorage().pool;
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Never reverts: 0 for an unsupported token, while anything relevant is paused, or during a flash loan.
    function maxFlashLoan(address token) public view returns (uint256) {
        IPool p = IPool(pool());
        try p.getKeelReserveData(token) returns (DataTypes.ReserveData memory r) {
            uint8 flags = r.config.flags;
            if (
                flags & ReserveFlags.ACTIVE == 0 || flags & ReserveFlags.PAUSED != 0
                    || flags & ReserveFlags.FLASH_LOANS == 0
            ) return 0;
            if (p.paused() || p.flashLoansPaused() || p.flashLoanInProgress()) return 0;
            return r.cash;
        } catch {
            return 0;
        }
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Reverts with `ERC3156UnsupportedToken` for a token that cannot be flash-borrowed, as the standard says. The
    ///      fee is the one the caller pays: zero for a fee-exempt flash borrower (`IPool.isFlashBorrower`).
    function flashFee(address token, uint256 amount) public view returns (uint256) {
        IPool p = _requireSupported(token);
        // Same rounding as the pool (up): what the pool charges for this lender's loan is what the borrower pays. The
        // pool waives it for fee-exempt callers (it reads the caller from the loan's params; see FlashLoanLogic).
        return p.isFlashBorrower(msg.sender) ? 0 : amount.bpsMulUp(p.FLASHLOAN_PREMIUM_TOTAL());
    }

    /// @inheritdoc IERC3156FlashLender
    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data)
        external
        returns (bool)
    {
        _requireSupported(token);
        uint256 maxLoan = maxFlashLoan(token);
        if (amount > maxLoan) revert ERC3156ExceededMaxLoan(maxLoan);
        IPool(pool()).flashLoanSimple(address(this), token, amount, abi.encode(msg.sender, receiver, data), 0);
        return true;
    }

    /// @notice Pool callback: forwards the loan to the ERC-3156 borrower and collects `amount + premium` from it.
    /// @dev Only the pool, and only for a loan this contract initiated: nobody can make a borrower pay for a loan it
    ///      did not ask for through this lender.
    function executeOperation(address asset, uint256 amount, uint256 premium, address initiator, bytes calldata params)
        external
        returns (bool)
    {
        address p = pool();
        if (msg.sender != p || initiator != address(this)) revert FlashLenderUnauthorizedCallback(msg.sender, initiator);
        (address caller, IERC3156FlashBorrower receiver, bytes memory data) =
            abi.decode(params, (address, IERC3156FlashBorrower, bytes));
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
    function _requireSupported(address token) private view returns (IPool p) {
        p = IPool(pool());
        uint8 flags = p.getKeelReserveData(token).config.flags;
        if (flags & ReserveFlags.ACTIVE == 0 || flags & ReserveFlags.FLASH_LOANS == 0) revert ERC3156UnsupportedToken(token);
    }

    /* UPGRADE CHECKS */

    /// @inheritdoc IUpgradeCheckable
    /// @dev Covers the authority and the pool (the lender holds no funds between transactions).
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
