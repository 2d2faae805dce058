// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Pool} from "../../../contracts/pool/Pool.sol";
import {KToken} from "../../../contracts/pool/KToken.sol";
import {IPool} from "../../../contracts/interfaces/IPool.sol";
import {IFlashLoanSimpleReceiver} from "../../../contracts/interfaces/IFlashLoanReceiver.sol";
import {DataTypes} from "../../../contracts/libraries/types/DataTypes.sol";
import {IPriceOracle} from "../../../contracts/interfaces/IPriceOracle.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {TestBase, Vm, vm} from "../utils/TestBase.sol";

/// @title FlashReceiver
/// @notice The handler's flash-loan receiver: pays the premium from the test token's faucet and approves the
///         repayment. Asked to, it first tries to start a second flash loan from inside the callback (the pool must
///         refuse: one flash loan per transaction at a time) and records whether that nested loan went through.
contract FlashReceiver is IFlashLoanSimpleReceiver {
    address private immutable _pool;
    bool public nestedLoanSucceeded;

    constructor(address pool_) {
        _pool = pool_;
    }

    /// @inheritdoc IFlashLoanSimpleReceiver
    function executeOperation(
        address asset,
        uint256 amount,
        uint256 premium,
        address,
        bytes calldata params
    ) external returns (bool) {
        require(msg.sender == _pool, "FlashReceiver: not the pool");
        if (abi.decode(params, (bool))) {
            try IPool(_pool).flashLoanSimple(address(this), asset, 1, abi.encode(false), 0) {
                nestedLoanSucceeded = true;
            } catch {}
        }
        MockERC20(asset).mint(address(this), premium);
        IERC20(asset).approve(_pool, amount + premium);
        return true;
    }
}

/// @title PoolHandler
/// @notice Drives bounded random sequences against the pool for `PoolInvariantsTest`: several actors supply,
///         withdraw, borrow, repay, liquidate each other, move kTokens and toggle collateral; the environment moves
///         prices and time; a handler-owned receiver takes flash loans. The handler never reverts: inputs are
///         bounded so most calls succeed, and pool reverts are caught and counted. Ghost variables record what the
///         invariants need (violations are counted, never asserted here, so the fuzzer reports them as failed
///         invariants with the sequence that produced them).
contract PoolHandler is TestBase {
    /* ============================== SETUP ============================== */

    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_TIME_JUMP = 30 days;

    Pool public immutable pool;
    IPriceOracle public immutable oracle;
    FlashReceiver public immutable receiver;
    address public immutable treasury;
    /// @notice The pool's liquidity hub: it holds every token.
    address public immutable hubAddress;
    address public immutable dead;

    address[] internal _assets;
    /// @dev The price feed of `_assets[j]` (KeelOracle reads it; the handler moves and refreshes it).
    MockAggregator[] internal _feeds;
    KToken[] internal _kTokens;
    address[] internal _actors;
    /// @dev Probe account of `invariant_lockReleased` (supplies and fully withdraws).
    address public constant ROUND_TRIPPER = address(0x70C0);
    /// @dev Fresh accounts of `supplyWithdrawRoundTrip`, one per call.
    address[] internal _roundTrippers;

    /// @dev Current time of the run: set by `warp` and re-applied at the start of every call, so the sequence sees
    ///      a monotone clock whatever the runner does with cheatcode state between calls.
    uint256 public currentTime;

    /* ============================== GHOSTS ============================== */

    mapping(address asset => uint256) public ghostDonated;
    mapping(address asset => uint256) public ghostLastLiquidityIndex;
    mapping(address asset => uint256) public ghostLastBorrowIndex;
    /// @dev Liquidity index drops explained by a `BadDebtWrittenOff` with `socialised > 0` in the same call.
    uint256 public ghostSocialisedWriteOffs;
    uint256 public ghostBadDebtWriteOffs;
    uint256 public ghostIndexViolations;
    /// @dev A borrow, withdraw, transfer or collateral switch that left its actor below HF 1 *and* lower than before.
    uint256 public ghostSelfHarmViolations;
    uint256 public ghostFlashPremiumViolations;
    uint256 public ghostNestedFlashLoans;
    uint256 public ghostRoundTripProfits;
    uint256 public ghostFlashLoans;
    /// @dev Handler calls so far (setUp's included): bounds the rounding dust the pool may have kept.
    uint256 public ghostSteps;
    uint256 public ghostLiquidations;

    /// @dev Successful and failed calls per action, for the report (see `callSummary`).
    mapping(bytes32 action => uint256) public calls;
    mapping(bytes32 action => uint256) public failures;
    bytes32[] internal _actionNames;

    string internal _lastViolation;

    /// @dev `BadDebtWrittenOff(address indexed asset, address indexed user, uint256 covered, uint256 socialised)`.
    bytes32 internal constant BAD_DEBT_TOPIC = keccak256("BadDebtWrittenOff(address,address,uint256,uint256)");

    constructor(
        Pool pool_,
        IPriceOracle oracle_,
        MockAggregator[] memory feeds_,
        address[] memory assets_,
        KToken[] memory kTokens_
    ) {
        pool = pool_;
        oracle = oracle_;
        treasury = pool_.treasury();
        hubAddress = pool_.hub();
        dead = pool_.DEAD();
        receiver = new FlashReceiver(address(pool_));
        currentTime = block.timestamp;
        for (uint256 i; i < assets_.length; ++i) {
            _assets.push(assets_[i]);
            _feeds.push(feeds_[i]);
            _kTokens.push(kTokens_[i]);
            ghostLastLiquidityIndex[assets_[i]] = pool_.getReserveNormalizedIncome(assets_[i]);
            ghostLastBorrowIndex[assets_[i]] = pool_.getReserveNormalizedVariableDebt(assets_[i]);
        }
        for (uint256 i; i < 4; ++i) {
            address actor = address(uint160(0xA0000 + i));
            _actors.push(actor);
            vm.label(actor, string.concat("actor", vm.toString(i)));
        }
        _approveAll(ROUND_TRIPPER);
        for (uint256 i; i < _actors.length; ++i) _approveAll(_actors[i]);
    }

    function _approveAll(address who) private {
        for (uint256 j; j < _assets.length; ++j) {
            vm.prank(who);
            IERC20(_assets[j]).approve(address(pool), type(uint256).max);
        }
    }

    /* ============================== VIEWS FOR THE INVARIANTS ============================== */

    function assets() external view returns (address[] memory) {
        return _assets;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @notice Every account that can hold a position: actors, round-trippers, DEAD (seeds) and the treasury.
    function accounts() public view returns (address[] memory out) {
        uint256 n = _actors.length;
        uint256 m = _roundTrippers.length;
        out = new address[](n + m + 3);
        for (uint256 i; i < n; ++i) out[i] = _actors[i];
        for (uint256 i; i < m; ++i) out[n + i] = _roundTrippers[i];
        out[n + m] = ROUND_TRIPPER;
        out[n + m + 1] = dead;
        out[n + m + 2] = treasury;
    }

    function lastViolation() external view returns (string memory) {
        return _lastViolation;
    }

    function actionNames() external view returns (bytes32[] memory) {
        return _actionNames;
    }

    /* ============================== MODIFIERS / HOOKS ============================== */

    /// @dev Re-applies the run's clock, and after the action checks that no index went down unless this very call
    ///      socialised bad debt on that reserve.
    modifier step() {
        ++ghostSteps;
        vm.warp(currentTime);
        vm.recordLogs();
        _;
        _checkIndexes(_socialisedAssets(vm.getRecordedLogs()));
    }

    function _socialisedAssets(Vm.Log[] memory logs) private returns (address[] memory out) {
        out = new address[](logs.length);
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(pool) || logs[i].topics.length == 0) continue;
            if (logs[i].topics[0] != BAD_DEBT_TOPIC) continue;
            ++ghostBadDebtWriteOffs;
            (, uint256 socialised) = abi.decode(logs[i].data, (uint256, uint256));
            if (socialised != 0) {
                ++ghostSocialisedWriteOffs;
                out[i] = address(uint160(uint256(logs[i].topics[1])));
            }
        }
    }

    function _checkIndexes(address[] memory socialised) private {
        for (uint256 j; j < _assets.length; ++j) {
            address asset = _assets[j];
            uint256 li = pool.getReserveNormalizedIncome(asset);
            uint256 bi = pool.getReserveNormalizedVariableDebt(asset);
            if (bi < ghostLastBorrowIndex[asset]) {
                ++ghostIndexViolations;
                _lastViolation = "borrow index decreased";
            }
            if (li < ghostLastLiquidityIndex[asset] && !_contains(socialised, asset)) {
                ++ghostIndexViolations;
                _lastViolation = "liquidity index decreased without a socialised write-off";
            }
            ghostLastLiquidityIndex[asset] = li;
            ghostLastBorrowIndex[asset] = bi;
        }
    }

    function _contains(address[] memory list, address a) private pure returns (bool) {
        for (uint256 i; i < list.length; ++i) if (list[i] == a) return true;
        return false;
    }

    function _count(bytes32 action, bool ok) private {
        if (calls[action] == 0 && failures[action] == 0) _actionNames.push(action);
        if (ok) ++calls[action];
        else ++failures[action];
    }

    function _hf(address user) internal view returns (uint256 hf) {
        (, , , , , hf) = pool.getUserAccountData(user);
    }

    /// @dev After a successful own action: HF below 1 is only acceptable if the action did not lower it (withdrawing
    ///      or moving a non-collateral supply while already unhealthy is allowed, as in Aave).
    function _checkSelfHarm(address actor, uint256 hfBefore, string memory what) private {
        uint256 hfAfter = _hf(actor);
        if (hfAfter < WAD && hfAfter < hfBefore) {
            ++ghostSelfHarmViolations;
            _lastViolation = what;
        }
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _asset(uint256 seed) private view returns (uint256 j, address asset) {
        j = seed % _assets.length;
        asset = _assets[j];
    }

    function _unit(address asset) private view returns (uint256) {
        return 10 ** MockERC20(asset).decimals();
    }

    function _cash(address asset) internal view returns (uint256) {
        return pool.getKeelReserveData(asset).cash;
    }

    /// @dev Mints `amount` more than `who` holds if needed (actors are funded on demand from the test faucet).
    function _fund(address asset, address who, uint256 amount) private {
        uint256 bal = IERC20(asset).balanceOf(who);
        if (bal < amount) MockERC20(asset).mint(who, amount - bal);
    }

    /* ============================== USER ACTIONS ============================== */

    /// @notice Supplies between 1/1000 of a unit and 1,000,000 USD worth (at $1 / $2000 prices).
    function supply(uint256 actorSeed, uint256 assetSeed, uint256 amount) external step {
        address actor = _actor(actorSeed);
        (, address asset) = _asset(assetSeed);
        uint256 unit = _unit(asset);
        amount = bound(amount, unit / 1000, asset == _assets[0] ? 1_000_000 * unit : 500 * unit);
        _fund(asset, actor, amount);
        vm.prank(actor);
        try pool.supply(asset, amount, actor, 0) {
            _count("supply", true);
        } catch {
            _count("supply", false);
        }
    }

    /// @notice Withdraws part of the actor's supply (or everything with `all`), within the reserve's cash.
    function withdraw(uint256 actorSeed, uint256 assetSeed, uint256 amount, bool all) external step {
        address actor = _actor(actorSeed);
        (, address asset) = _asset(assetSeed);
        uint256 balance = pool.supplyBalanceOf(asset, actor);
        uint256 cap = Math.min(balance, _cash(asset));
        if (cap == 0) return;
        amount = all && balance <= cap ? type(uint256).max : bound(amount, 1, cap);
        uint256 hfBefore = _hf(actor);
        vm.prank(actor);
        try pool.withdraw(asset, amount, actor) {
            _count("withdraw", true);
            _checkSelfHarm(actor, hfBefore, "withdraw left the actor unhealthy");
        } catch {
            _count("withdraw", false);
        }
    }

    /// @notice Borrows up to the actor's available borrowing power (converted at the oracle price) and the cash.
    function borrow(uint256 actorSeed, uint256 assetSeed, uint256 amount) external step {
        address actor = _actor(actorSeed);
        (, address asset) = _asset(assetSeed);
        (, , uint256 availableBase, , , ) = pool.getUserAccountData(actor);
        uint256 maxAmount = Math.min((availableBase * _unit(asset)) / oracle.getAssetPrice(asset), _cash(asset));
        if (maxAmount == 0) return;
        // One call in four borrows 99% of the borrowing power: accounts at the edge make liquidations reachable
        // within a short run (the last 1% keeps rounding at the boundary from refusing the borrow).
        amount = amount % 4 == 0 ? Math.max((maxAmount * 99) / 100, 1) : bound(amount, 1, maxAmount);
        uint256 hfBefore = _hf(actor);
        vm.prank(actor);
        try pool.borrow(asset, amount, 2, 0, actor) {
            _count("borrow", true);
            _checkSelfHarm(actor, hfBefore, "borrow left the actor unhealthy");
            // Stronger: a borrow needs borrowing power (LTV < threshold), so the account ends healthy outright.
            if (_hf(actor) < WAD) {
                ++ghostSelfHarmViolations;
                _lastViolation = "borrow ended below HF 1";
            }
        } catch {
            _count("borrow", false);
        }
    }

    /// @notice Repays part of the actor's debt (or all of it with `all`); the actor is funded for the interest.
    function repay(uint256 actorSeed, uint256 assetSeed, uint256 amount, bool all) external step {
        address actor = _actor(actorSeed);
        (, address asset) = _asset(assetSeed);
        uint256 debt = pool.debtBalanceOf(asset, actor);
        if (debt == 0) return;
        amount = all ? type(uint256).max : bound(amount, 1, debt);
        _fund(asset, actor, debt);
        vm.prank(actor);
        try pool.repay(asset, amount, 2, actor) {
            _count("repay", true);
            if (all && pool.debtBalanceOf(asset, actor) != 0) {
                ++ghostSelfHarmViolations;
                _lastViolation = "full repay left debt";
            }
        } catch {
            _count("repay", false);
        }
    }

    /// @notice Moves part of the actor's kTokens to another actor.
    function transferKToken(uint256 fromSeed, uint256 toSeed, uint256 assetSeed, uint256 amount) external step {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        (uint256 j, address asset) = _asset(assetSeed);
        uint256 balance = pool.supplyBalanceOf(asset, from);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        uint256 hfBefore = _hf(from);
        vm.prank(from);
        try _kTokens[j].transfer(to, amount) {
            _count("transferKToken", true);
            if (from != to) _checkSelfHarm(from, hfBefore, "kToken transfer left the sender unhealthy");
        } catch {
            _count("transferKToken", false);
        }
    }

    /// @notice Turns a reserve on or off as the actor's collateral.
    function setCollateral(uint256 actorSeed, uint256 assetSeed, bool on) external step {
        address actor = _actor(actorSeed);
        (, address asset) = _asset(assetSeed);
        if (pool.getUserPosition(asset, actor).scaledSupply == 0) return;
        uint256 hfBefore = _hf(actor);
        vm.prank(actor);
        try pool.setUserUseReserveAsCollateral(asset, on) {
            _count("setCollateral", true);
            _checkSelfHarm(actor, hfBefore, "collateral switch left the actor unhealthy");
        } catch {
            _count("setCollateral", false);
        }
    }

    /// @notice Liquidates an unhealthy actor (returns if there is none): the requested amount first, the whole position
    ///         if that one would leave dust. The liquidator is another actor, funded with the debt asset.
    function liquidate(
        uint256 liqSeed,
        uint256 userSeed,
        uint256 colSeed,
        uint256 debtSeed,
        uint256 amount,
        bool toK
    ) external step {
        // The first unhealthy actor from `userSeed` on (most calls would find nothing to do otherwise).
        address user;
        for (uint256 k; k < _actors.length; ++k) {
            if (_hf(_actor(userSeed + k)) < WAD) {
                user = _actor(userSeed + k);
                break;
            }
        }
        if (user == address(0)) return;
        address liquidator = _actor(liqSeed);
        if (liquidator == user) liquidator = _actor(liqSeed + 1);
        (, address debtAsset) = _asset(debtSeed);
        if (pool.debtBalanceOf(debtAsset, user) == 0) (, debtAsset) = _asset(debtSeed + 1);
        uint256 debt = pool.debtBalanceOf(debtAsset, user);
        if (debt == 0) return;
        (uint256 c, address colAsset) = _asset(colSeed);
        if (!_isCollateral(user, c)) (c, colAsset) = _asset(colSeed + 1);
        if (!_isCollateral(user, c)) return;
        amount = bound(amount, 1, debt);
        _fund(debtAsset, liquidator, debt);
        vm.prank(liquidator);
        try pool.liquidationCall(colAsset, debtAsset, user, amount, toK) {
            _count("liquidate", true);
            ++ghostLiquidations;
        } catch {
            vm.prank(liquidator);
            try pool.liquidationCall(colAsset, debtAsset, user, type(uint256).max, toK) {
                _count("liquidate", true);
                ++ghostLiquidations;
            } catch {
                _count("liquidate", false);
            }
        }
    }

    function _isCollateral(address user, uint256 id) private view returns (bool) {
        return
            (pool.getKeelUserConfiguration(user) >> (2 * id)) & 1 != 0 &&
            pool.getUserPosition(_assets[id], user).scaledSupply != 0;
    }

    /// @notice Flash-borrows up to the reserve's cash through the handler's receiver; sometimes the receiver also
    ///         tries a nested flash loan. The pool must end up richer by exactly the premium.
    function flashLoan(uint256 assetSeed, uint256 amount, bool nested) external step {
        (, address asset) = _asset(assetSeed);
        uint256 cash = _cash(asset);
        if (cash == 0) return;
        amount = bound(amount, 1, cash);
        uint256 premium = Math.mulDiv(amount, pool.FLASHLOAN_PREMIUM_TOTAL(), BPS, Math.Rounding.Ceil);
        uint256 balanceBefore = IERC20(asset).balanceOf(hubAddress);
        try pool.flashLoanSimple(address(receiver), asset, amount, abi.encode(nested), 0) {
            _count("flashLoan", true);
            ++ghostFlashLoans;
            if (IERC20(asset).balanceOf(hubAddress) != balanceBefore + premium) {
                ++ghostFlashPremiumViolations;
                _lastViolation = "flash loan: hub balance not up by exactly the premium";
            }
            if (_cash(asset) != cash + premium) {
                ++ghostFlashPremiumViolations;
                _lastViolation = "flash loan: cash not up by exactly the premium";
            }
            if (receiver.nestedLoanSucceeded()) ++ghostNestedFlashLoans;
        } catch {
            _count("flashLoan", false);
        }
    }

    /// @notice Supplies `amount` from a fresh account and withdraws everything at once: never more comes back, and
    ///         whatever the supply was credited can be taken out at once (its cash is right there).
    /// @dev A fresh account per round trip, so no earlier dust can add to what comes back. An account left with
    ///      shares worth nothing (possible once bad debt pushed the liquidity index below RAY: 1 unit buys 1 share
    ///      worth 0.9 units, rounded down to 0) joins `accounts()` for the sum invariants.
    function supplyWithdrawRoundTrip(uint256 assetSeed, uint256 amount) external step {
        (, address asset) = _asset(assetSeed);
        amount = bound(amount, 1, 1_000_000 * _unit(asset));
        address tripper = address(uint160(0x70C00000 + _roundTrippers.length));
        _roundTrippers.push(tripper);
        MockERC20(asset).mint(tripper, amount);
        vm.startPrank(tripper);
        IERC20(asset).approve(address(pool), type(uint256).max);
        try pool.supply(asset, amount, tripper, 0) {
            uint256 credited = pool.supplyBalanceOf(asset, tripper);
            if (credited > amount) {
                ++ghostRoundTripProfits;
                _lastViolation = "supply credited more than supplied";
            }
            if (credited != 0) {
                try pool.withdraw(asset, type(uint256).max, tripper) returns (uint256 out) {
                    _count("roundTrip", true);
                    if (out > amount || IERC20(asset).balanceOf(tripper) > amount) {
                        ++ghostRoundTripProfits;
                        _lastViolation = "withdraw(supply(x)) > x";
                    }
                } catch {
                    ++ghostRoundTripProfits;
                    _lastViolation = "could not withdraw a fresh supply";
                }
            } else {
                _count("roundTripDust", true);
            }
        } catch {
            _count("roundTrip", false); // amounts worth less than one share are refused (PoolAmountTooSmall)
        }
        vm.stopPrank();
    }

    /* ============================== ENVIRONMENT ============================== */

    /// @notice Moves a price by up to +/-25%, kept within [1/10, 10x] of its initial value (USDC $0.1-$10,
    ///         WETH $200-$20,000).
    function movePrice(uint256 assetSeed, uint256 changeBps) external step {
        (uint256 j, address asset) = _asset(assetSeed);
        uint256 initial = j == 0 ? 1e8 : 2000e8;
        uint256 price = oracle.getAssetPrice(asset);
        changeBps = bound(changeBps, 7_500, 12_500);
        price = Math.min(Math.max((price * changeBps) / BPS, initial / 10), initial * 10);
        _feeds[j].setAnswer(int256(price));
        _count("movePrice", true);
    }

    /// @notice Moves time forward by 1 second to 30 days.
    function warp(uint256 secondsForward) external step {
        currentTime += bound(secondsForward, 1, MAX_TIME_JUMP);
        vm.warp(currentTime);
        // Jumps outlast the feeds' heartbeat: publish fresh rounds at the same prices, as the feeds would.
        for (uint256 j; j < _feeds.length; ++j) {
            (, int256 answer, , , ) = _feeds[j].latestRoundData();
            _feeds[j].setAnswer(answer);
        }
        _count("warp", true);
    }

    /// @notice Sends tokens to the pool directly: they are nobody's claim and must not enter `cash`.
    function donate(uint256 assetSeed, uint256 amount) external step {
        (, address asset) = _asset(assetSeed);
        amount = bound(amount, 1, 1_000 * _unit(asset));
        MockERC20(asset).mint(hubAddress, amount); // to the custodian: nobody's claim
        ghostDonated[asset] += amount;
        _count("donate", true);
    }

    /// @notice The fuzzed entry points (the invariant test registers them with `targetSelector`).
    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](12);
        s[0] = this.supply.selector;
        s[1] = this.withdraw.selector;
        s[2] = this.borrow.selector;
        s[3] = this.repay.selector;
        s[4] = this.transferKToken.selector;
        s[5] = this.setCollateral.selector;
        s[6] = this.liquidate.selector;
        s[7] = this.flashLoan.selector;
        s[8] = this.supplyWithdrawRoundTrip.selector;
        s[9] = this.movePrice.selector;
        s[10] = this.warp.selector;
        s[11] = this.donate.selector;
    }
}
