// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IRwaToken} from "../interfaces/IRwaSpoke.sol";

/// @title MockRwaToken
/// @notice A permissioned real-world-asset token as ERC-3643 / Aave Horizon issuers run them: only allowlisted
///         accounts may hold it, the issuer may freeze a holder (no transfers from or to it), force a transfer and
///         redeem (burn) a holder's tokens. Development networks and tests only.
contract MockRwaToken is ERC20, IRwaToken {
    /// @notice The issuer (allowlist, freezes, mints, forced transfers, redemptions).
    address public immutable issuer;
    uint8 private immutable _decimals;
    mapping(address => bool) private _allowed;
    mapping(address => bool) private _frozen;
    bool private _forcing;

    /// @notice Thrown when a caller other than the issuer uses an issuer function.
    /// @param caller The caller.
    error RwaTokenOnlyIssuer(address caller);
    /// @notice Thrown when a transfer involves an account that is not allowlisted.
    /// @param account The account not on the allowlist.
    error RwaTokenNotAllowed(address account);
    /// @notice Thrown when a transfer involves a frozen account.
    /// @param account The frozen account.
    error RwaTokenFrozen(address account);

    /// @notice The issuer allowed or disallowed `account`.
    event AllowlistSet(address indexed account, bool allowed);
    /// @notice The issuer froze or unfroze `account`.
    event FrozenSet(address indexed account, bool frozen);

    constructor(string memory name_, string memory symbol_, uint8 decimals_, address issuer_) ERC20(name_, symbol_) {
        issuer = issuer_;
        _decimals = decimals_;
    }

    modifier onlyIssuer() {
        if (msg.sender != issuer) revert RwaTokenOnlyIssuer(msg.sender);
        _;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IRwaToken
    function isAllowed(address account) external view returns (bool) {
        return _allowed[account];
    }

    /// @notice True when the issuer froze `account`.
    function isFrozen(address account) external view returns (bool) {
        return _frozen[account];
    }

    /// @notice Allows or disallows `account` to hold the token.
    function setAllowed(address account, bool allowed) external onlyIssuer {
        _allowed[account] = allowed;
        emit AllowlistSet(account, allowed);
    }

    /// @notice Freezes or unfreezes `account`.
    function setFrozen(address account, bool frozen) external onlyIssuer {
        _frozen[account] = frozen;
        emit FrozenSet(account, frozen);
    }

    /// @notice Mints `amount` to the allowlisted `to`.
    function mint(address to, uint256 amount) external onlyIssuer {
        _mint(to, amount);
    }

    /// @notice Moves `amount` from `from` to `to` whatever the restrictions (a court order, a recovery).
    function forcedTransfer(address from, address to, uint256 amount) external onlyIssuer {
        _forcing = true;
        _transfer(from, to, amount);
        _forcing = false;
    }

    /// @notice Redeems (burns) `amount` of `holder`'s tokens: the issuer's redemption path, settled off-chain.
    function redeem(address holder, uint256 amount) external onlyIssuer {
        _forcing = true;
        _burn(holder, amount);
        _forcing = false;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (!_forcing) {
            if (from != address(0)) {
                if (_frozen[from]) revert RwaTokenFrozen(from);
                if (!_allowed[from]) revert RwaTokenNotAllowed(from);
            }
            if (to != address(0)) {
                if (_frozen[to]) revert RwaTokenFrozen(to);
                if (!_allowed[to]) revert RwaTokenNotAllowed(to);
            }
        }
        super._update(from, to, value);
    }
}
