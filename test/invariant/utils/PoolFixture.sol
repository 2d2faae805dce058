// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {Pool} from "../../../contracts/pool/Pool.sol";
import {KToken} from "../../../contracts/pool/KToken.sol";
import {DataTypes, ReserveFlags} from "../../../contracts/libraries/types/DataTypes.sol";
import {ModuleIds} from "../../../contracts/registry/ModuleIds.sol";
import {IKinkedRateModel} from "../../../contracts/interfaces/IKinkedRateModel.sol";
import {KeelOracle} from "../../../contracts/oracle/KeelOracle.sol";
import {KinkedRateModel} from "../../../contracts/rates/KinkedRateModel.sol";
import {ModuleRegistry} from "../../../contracts/registry/ModuleRegistry.sol";
import {KeelTreasury} from "../../../contracts/treasury/KeelTreasury.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {TestBase, vm} from "./TestBase.sol";

/// @title PoolFixture
/// @notice Deploys a whole Keel pool inside a Solidity test on Keel's real modules, each behind an ERC1967Proxy
///         initialised in its constructor: OZ AccessManager (this contract is its admin, so it may call every
///         `restricted` function, which defaults to ADMIN_ROLE), ModuleRegistry, KeelOracle over two MockAggregator
///         feeds (8 decimals, heartbeat `HEARTBEAT`), KinkedRateModel (flat ~20% a year), KeelTreasury and the Pool,
///         wired as deploy/keel.ts wires them, and two seeded reserves (6 and 18 decimals).
///         Time jumps longer than `HEARTBEAT` leave the feeds stale: call `_refreshFeeds()` before pricing.
/// @dev `new Pool()` works as is: EDR's Solidity test runner (Foundry-like) deploys the external libraries
///      (LiquidationLogic, FlashLoanLogic, PoolConfigLogic, PositionLogic) before the test contract and links every
///      artifact's bytecode, including the Pool creation code embedded in this contract.
abstract contract PoolFixture is TestBase {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant WAD = 1e18;
    /// @dev Flat annual borrow rate (bps) of the rate model: ~20% a year, high enough that a few time jumps move the
    ///      indexes visibly.
    uint32 internal constant RATE_BPS = 2000;
    /// @dev Heartbeat of both feeds.
    uint32 internal constant HEARTBEAT = 1 days;
    uint256 internal constant USDC_SEED = 1e6; // 1 USDC
    uint256 internal constant WETH_SEED = 1e15; // 0.001 WETH
    uint256 internal constant USDC_PRICE = 1e8; // $1, 8 decimals
    uint256 internal constant WETH_PRICE = 2000e8; // $2000, 8 decimals
    address internal constant DEAD = 0x000000000000000000000000000000000000dEaD;

    AccessManager internal manager;
    ModuleRegistry internal registry;
    KeelOracle internal oracle;
    KinkedRateModel internal rates;
    KeelTreasury internal treasury;
    MockAggregator internal usdcFeed;
    MockAggregator internal wethFeed;
    Pool internal pool;
    MockERC20 internal usdc;
    MockERC20 internal weth;
    KToken internal kUsdc;
    KToken internal kWeth;

    function _deployPool() internal {
        manager = new AccessManager(address(this));
        address authority = address(manager);
        registry = ModuleRegistry(
            _proxy(address(new ModuleRegistry()), abi.encodeCall(ModuleRegistry.initialize, (authority)))
        );
        oracle = KeelOracle(_proxy(address(new KeelOracle()), abi.encodeCall(KeelOracle.initialize, (authority))));
        IKinkedRateModel.RateParams memory flat = IKinkedRateModel.RateParams({
            baseRateBps: RATE_BPS,
            slope1Bps: 0,
            slope2Bps: 0,
            optimalUtilizationBps: 8000
        });
        rates = KinkedRateModel(
            _proxy(address(new KinkedRateModel()), abi.encodeCall(KinkedRateModel.initialize, (authority, flat)))
        );
        registry.setModule(ModuleIds.ORACLE, address(oracle));
        registry.setModule(ModuleIds.RATE_MODEL, address(rates));

        pool = Pool(
            _proxy(address(new Pool()), abi.encodeCall(Pool.initialize, (authority, address(registry))))
        );
        treasury = KeelTreasury(
            _proxy(address(new KeelTreasury()), abi.encodeCall(KeelTreasury.initialize, (authority, address(pool))))
        );
        // The pool caches the treasury: subscribe it first so the registration reaches it.
        registry.setConsumer(address(pool), true);
        registry.setModule(ModuleIds.TREASURY, address(treasury));

        usdc = new MockERC20("USD Coin", "USDC", 6);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        usdcFeed = new MockAggregator(8, int256(USDC_PRICE), "USDC / USD");
        wethFeed = new MockAggregator(8, int256(WETH_PRICE), "WETH / USD");
        oracle.setFeed(address(usdc), address(usdcFeed), HEARTBEAT);
        oracle.setFeed(address(weth), address(wethFeed), HEARTBEAT);
        kUsdc = _listReserve(usdc, "Keel USD Coin", "kUSDC", USDC_SEED);
        kWeth = _listReserve(weth, "Keel Wrapped Ether", "kWETH", WETH_SEED);

        vm.label(address(pool), "Pool");
        vm.label(address(usdc), "USDC");
        vm.label(address(weth), "WETH");
        vm.label(address(treasury), "Treasury");
    }

    /// @dev Deploys an ERC1967Proxy to `implementation`, initialised with `initData`.
    function _proxy(address implementation, bytes memory initData) private returns (address) {
        return address(new ERC1967Proxy(implementation, initData));
    }

    /// @dev Re-publishes both feeds' answers at the current time (after a jump longer than HEARTBEAT).
    function _refreshFeeds() internal {
        (, int256 usdcAnswer,,,) = usdcFeed.latestRoundData();
        usdcFeed.setAnswer(usdcAnswer);
        (, int256 wethAnswer,,,) = wethFeed.latestRoundData();
        wethFeed.setAnswer(wethAnswer);
    }

    function _listReserve(MockERC20 token, string memory name, string memory symbol, uint256 seed)
        private
        returns (KToken kToken)
    {
        kToken = new KToken(address(pool), address(token), token.decimals(), name, symbol);
        token.mint(address(this), seed);
        token.approve(address(pool), seed);
        pool.initReserve(address(token), address(kToken), address(0), _config(), seed);
    }

    /// @dev Scratch-test parameters: LTV 80%, threshold 85%, bonus 5%, reserve factor 10%, protocol fee 10%.
    function _config() internal pure returns (DataTypes.ReserveConfig memory) {
        return DataTypes.ReserveConfig({
            ltv: 8000,
            liquidationThreshold: 8500,
            liquidationBonus: 10500,
            reserveFactor: 1000,
            liquidationProtocolFee: 1000,
            decimals: 0,
            id: 0,
            flags: ReserveFlags.BORROWING | ReserveFlags.COLLATERAL | ReserveFlags.FLASH_LOANS,
            supplyCap: 0,
            borrowCap: 0,
            liquidationGraceUntil: 0
        });
    }
}
