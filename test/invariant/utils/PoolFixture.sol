// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

import {Roles} from "../../../contracts/access/Roles.sol";
import {KeelAccessManager} from "../../../contracts/access/KeelAccessManager.sol";
import {KeelFlashLender} from "../../../contracts/flash/KeelFlashLender.sol";
import {LiquidityHub} from "../../../contracts/hub/LiquidityHub.sol";
import {Pool} from "../../../contracts/pool/Pool.sol";
import {KToken} from "../../../contracts/pool/KToken.sol";
import {DataTypes, ReserveFlags} from "../../../contracts/libraries/types/DataTypes.sol";
import {ModuleIds} from "../../../contracts/registry/ModuleIds.sol";
import {IKinkedRateModel} from "../../../contracts/interfaces/IKinkedRateModel.sol";
import {KeelOracle} from "../../../contracts/oracle/KeelOracle.sol";
import {KinkedRateModel} from "../../../contracts/rates/KinkedRateModel.sol";
import {ModuleRegistry} from "../../../contracts/registry/ModuleRegistry.sol";
import {KeelTreasury} from "../../../contracts/treasury/KeelTreasury.sol";
import {KeelUpgrader} from "../../../contracts/upgrades/KeelUpgrader.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {TestBase, vm} from "./TestBase.sol";

/// @title PoolFixture
/// @notice Deploys Keel inside a Solidity test the way the one deployer does (`deployKeel` in deploy/keel.ts on a
///         development network, `handOver: false`; a Solidity test cannot call TypeScript, so this mirrors it step by
///         step, and a change to the deployer's steps, deploy/roles.ts or the dev reserves of deploy/config.ts must be
///         made here too):
///         1. KeelAccessManager (this contract is its initial admin, as the deployer is) and ModuleRegistry;
///         2. KeelOracle and KinkedRateModel (default curve: the dev `defaultRates`, i.e. `volatileRates`), registered
///            as ACCESS_MANAGER, ORACLE and RATE_MODEL;
///         3. Pool, KeelTreasury, KeelFlashLender and KeelUpgrader; the pool subscribed, then POOL, TREASURY (pushed to
///            the pool's cache) and FLASH_LENDER registered;
///         4. the function roles of deploy/roles.ts (`FunctionRoles`), RISK_ADMIN to this contract, GUARDIAN to
///            `GUARDIAN`, UPGRADER to the upgrader, flash premium 5 bps with 10% to the protocol;
///         5. the dev reserves USDC then WETH of deploy/config.ts (`devReserves`: risk parameters, caps, seeds, rate
///            curves, mock tokens and MockAggregator feeds with a 1-day heartbeat), each listed as the deployer lists
///            it: feed, rate curve, seed minted and approved, `initReserve`.
///         Every module is an ERC1967Proxy initialised in its constructor (the upgrades plugin's validation has no
///         Solidity counterpart). Not mirrored: the dev WBTC reserve (two reserves keep the fuzzing campaigns
///         focused), role labels (events only), the periphery and AMM pairs (step 5b) and governance (steps 6 and 7).
///         Beyond the deployer, this contract also takes TREASURY_MANAGER (the mocha test system gives it to its
///         treasurer) so the invariant suite can empty the treasury's position.
///         Time jumps longer than `HEARTBEAT` leave the feeds stale: call `_refreshFeeds()` before pricing.
/// @dev `new Pool()` works as is: EDR's Solidity test runner (Foundry-like) deploys the external libraries
///      (LiquidationLogic, FlashLoanLogic, PoolConfigLogic, PositionLogic) before the test contract and links every
///      artifact's bytecode, including the Pool creation code embedded in this contract.
abstract contract PoolFixture is TestBase {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant WAD = 1e18;
    /// @dev Heartbeat of both feeds (the dev reserves' `heartbeat`).
    uint32 internal constant HEARTBEAT = 1 days;
    uint256 internal constant USDC_SEED = 1e6; // 1 USDC
    uint256 internal constant WETH_SEED = 1e15; // 0.001 WETH
    uint256 internal constant USDC_PRICE = 1e8; // $1, 8 decimals
    uint256 internal constant WETH_PRICE = 2000e8; // $2000, 8 decimals
    address internal constant DEAD = 0x000000000000000000000000000000000000dEaD;
    /// @dev UUPSUpgradeable's `upgradeToAndCall(address,bytes)`, the same on every module.
    bytes4 internal constant UPGRADE_TO_AND_CALL = bytes4(keccak256("upgradeToAndCall(address,bytes)"));
    /// @dev Holds GUARDIAN (the deployer's `guardian`); the suite never pauses.
    address internal constant GUARDIAN = address(0x6A4D);

    KeelAccessManager internal manager;
    ModuleRegistry internal registry;
    KeelOracle internal oracle;
    KinkedRateModel internal rates;
    KeelTreasury internal treasury;
    KeelFlashLender internal lender;
    KeelUpgrader internal upgrader;
    MockAggregator internal usdcFeed;
    MockAggregator internal wethFeed;
    Pool internal pool;
    LiquidityHub internal hub;
    MockERC20 internal usdc;
    MockERC20 internal weth;
    KToken internal kUsdc;
    KToken internal kWeth;

    function _deployPool() internal {
        // 1. Access manager and registry.
        manager = KeelAccessManager(
            _proxy(address(new KeelAccessManager()), abi.encodeCall(KeelAccessManager.initialize, (address(this))))
        );
        address authority = address(manager);
        registry = ModuleRegistry(
            _proxy(address(new ModuleRegistry()), abi.encodeCall(ModuleRegistry.initialize, (authority)))
        );

        // 2. Oracle and default rate model.
        oracle = KeelOracle(_proxy(address(new KeelOracle()), abi.encodeCall(KeelOracle.initialize, (authority))));
        rates = KinkedRateModel(
            _proxy(
                address(new KinkedRateModel()),
                abi.encodeCall(KinkedRateModel.initialize, (authority, _volatileRates()))
            )
        );
        registry.setModule(ModuleIds.ACCESS_MANAGER, authority);
        registry.setModule(ModuleIds.ORACLE, address(oracle));
        registry.setModule(ModuleIds.RATE_MODEL, address(rates));

        // 3. Hub (registered before the pool, which takes it from the registry), pool, treasury, flash lender,
        //    upgrader. The pool and the hub cache the treasury: subscribe them first so the registrations reach them.
        hub = new LiquidityHub(authority, address(registry));
        registry.setModule(ModuleIds.HUB, address(hub));
        registry.setConsumer(address(hub), true);
        pool = Pool(_proxy(address(new Pool()), abi.encodeCall(Pool.initialize, (authority, address(registry)))));
        treasury = KeelTreasury(
            _proxy(address(new KeelTreasury()), abi.encodeCall(KeelTreasury.initialize, (authority, address(pool))))
        );
        lender = KeelFlashLender(
            _proxy(
                address(new KeelFlashLender()),
                abi.encodeCall(KeelFlashLender.initialize, (authority, address(pool)))
            )
        );
        upgrader = new KeelUpgrader(authority);
        registry.setConsumer(address(pool), true);
        registry.setModule(ModuleIds.POOL, address(pool));
        registry.setModule(ModuleIds.TREASURY, address(treasury));
        registry.setModule(ModuleIds.FLASH_LENDER, address(lender));

        // 4. Function roles (deploy/roles.ts), grants, flash premium.
        _mapFunctionRoles();
        manager.grantRole(Roles.RISK_ADMIN_ROLE, address(this), 0);
        manager.grantRole(Roles.GUARDIAN_ROLE, GUARDIAN, 0);
        manager.grantRole(Roles.UPGRADER_ROLE, address(upgrader), 0);
        pool.setFlashPremium(5, 1000);
        hub.addSpoke(address(pool));
        manager.grantRole(Roles.TREASURY_MANAGER_ROLE, address(this), 0); // not the deployer's: see the NatSpec

        // 5. Reserves (devReserves of deploy/config.ts, in its order; WBTC left out).
        (usdc, usdcFeed, kUsdc) = _listReserve(
            "USD Coin",
            "USDC",
            6,
            USDC_PRICE,
            _usdcConfig(),
            1000,
            _stableRates(),
            USDC_SEED
        );
        (weth, wethFeed, kWeth) = _listReserve(
            "Wrapped Ether",
            "WETH",
            18,
            WETH_PRICE,
            _wethConfig(),
            1500,
            _volatileRates(),
            WETH_SEED
        );

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
        (, int256 usdcAnswer, , , ) = usdcFeed.latestRoundData();
        usdcFeed.setAnswer(usdcAnswer);
        (, int256 wethAnswer, , , ) = wethFeed.latestRoundData();
        wethFeed.setAnswer(wethAnswer);
    }

    /// @dev Step 5 of the deployer for one reserve: mock token, feed and kToken, then feed, rate curve, seed and
    ///      listing.
    function _listReserve(
        string memory name,
        string memory symbol,
        uint8 decimals,
        uint256 price,
        DataTypes.ReserveConfig memory config,
        uint16 reserveFactor,
        IKinkedRateModel.RateParams memory curve,
        uint256 seed
    ) private returns (MockERC20 token, MockAggregator feed, KToken kToken) {
        token = new MockERC20(name, symbol, decimals);
        feed = new MockAggregator(8, int256(price), string.concat(symbol, " / USD"));
        kToken = new KToken(
            address(pool),
            address(token),
            decimals,
            string.concat("Keel ", name),
            string.concat("k", symbol)
        );
        oracle.setFeed(address(token), address(feed), HEARTBEAT);
        rates.setRateParams(address(token), curve);
        token.mint(address(this), seed);
        token.approve(address(pool), seed);
        hub.listAsset(address(token), address(0), reserveFactor, 5);
        hub.setSpokeCaps(address(pool), address(token), type(uint64).max, type(uint64).max);
        pool.initReserve(address(token), address(kToken), config, seed);
    }

    /// @dev `FunctionRoles` of deploy/roles.ts for the modules deployed here, in the deployer's order (functions not
    ///      listed stay at ADMIN_ROLE).
    function _mapFunctionRoles() private {
        bytes4[] memory poolRisk = new bytes4[](2);
        poolRisk[0] = Pool.setReserveConfig.selector;
        poolRisk[1] = Pool.setFlashPremium.selector;
        manager.setTargetFunctionRole(address(pool), poolRisk, Roles.RISK_ADMIN_ROLE);
        bytes4[] memory poolGuardian = new bytes4[](3);
        poolGuardian[0] = Pool.pause.selector;
        poolGuardian[1] = Pool.pauseReserve.selector;
        poolGuardian[2] = Pool.pauseFlashLoans.selector;
        manager.setTargetFunctionRole(address(pool), poolGuardian, Roles.GUARDIAN_ROLE);
        bytes4[] memory poolUpgrader = new bytes4[](2);
        poolUpgrader[0] = UPGRADE_TO_AND_CALL;
        poolUpgrader[1] = bytes4(keccak256("initializeV2(bytes32)")); // PoolV2's reinitializer
        manager.setTargetFunctionRole(address(pool), poolUpgrader, Roles.UPGRADER_ROLE);

        bytes4[] memory oracleRisk = new bytes4[](4);
        oracleRisk[0] = KeelOracle.setFeed.selector;
        oracleRisk[1] = KeelOracle.setFallbackFeed.selector;
        oracleRisk[2] = KeelOracle.removeFallbackFeed.selector;
        oracleRisk[3] = KeelOracle.setFeedBounds.selector;
        manager.setTargetFunctionRole(address(oracle), oracleRisk, Roles.RISK_ADMIN_ROLE);
        _mapUpgrade(address(oracle));

        bytes4[] memory ratesRisk = new bytes4[](3);
        ratesRisk[0] = KinkedRateModel.setRateParams.selector;
        ratesRisk[1] = KinkedRateModel.clearRateParams.selector;
        ratesRisk[2] = KinkedRateModel.setDefaultRateParams.selector;
        manager.setTargetFunctionRole(address(rates), ratesRisk, Roles.RISK_ADMIN_ROLE);
        _mapUpgrade(address(rates));

        bytes4[] memory treasuryManager = new bytes4[](3);
        treasuryManager[0] = KeelTreasury.withdrawFromPool.selector;
        treasuryManager[1] = KeelTreasury.withdrawFromHub.selector;
        treasuryManager[2] = KeelTreasury.transferToken.selector;
        manager.setTargetFunctionRole(address(treasury), treasuryManager, Roles.TREASURY_MANAGER_ROLE);
        bytes4[] memory hubGuardian = new bytes4[](1);
        hubGuardian[0] = LiquidityHub.freezeSpoke.selector;
        manager.setTargetFunctionRole(address(hub), hubGuardian, Roles.GUARDIAN_ROLE);
        _mapUpgrade(address(treasury));

        _mapUpgrade(address(registry));
        _mapUpgrade(address(lender));
        _mapUpgrade(address(manager));
    }

    /// @dev `upgradeToAndCall(address,bytes)` of `target` to UPGRADER.
    function _mapUpgrade(address target) private {
        bytes4[] memory upgrade = new bytes4[](1);
        upgrade[0] = UPGRADE_TO_AND_CALL;
        manager.setTargetFunctionRole(target, upgrade, Roles.UPGRADER_ROLE);
    }

    /// @dev `stableRates` of deploy/config.ts (USDC): 0% base, 4% at the 90% kink, +60% above it.
    function _stableRates() internal pure returns (IKinkedRateModel.RateParams memory) {
        return
            IKinkedRateModel.RateParams({baseRateBps: 0, slope1Bps: 400, slope2Bps: 6000, optimalUtilizationBps: 9000});
    }

    /// @dev `volatileRates` of deploy/config.ts (WETH, and the dev default curve): 0% base, 7% at the 80% kink,
    ///      +300% above it.
    function _volatileRates() internal pure returns (IKinkedRateModel.RateParams memory) {
        return
            IKinkedRateModel.RateParams({
                baseRateBps: 0,
                slope1Bps: 700,
                slope2Bps: 30000,
                optimalUtilizationBps: 8000
            });
    }

    /// @dev Dev USDC (deploy/config.ts): LTV 80%, threshold 85%, bonus 5%, reserve factor 10%, protocol fee 10%,
    ///      caps 2B supplied / 1.8B borrowed (whole tokens).
    function _usdcConfig() internal pure returns (DataTypes.ReserveConfig memory) {
        return _config(8000, 8500, 10500, 1000, 2_000_000_000, 1_800_000_000);
    }

    /// @dev Dev WETH (deploy/config.ts): LTV 80%, threshold 82.5%, bonus 5%, reserve factor 15%, protocol fee 10%,
    ///      caps 1M supplied / 800k borrowed (whole tokens).
    function _wethConfig() internal pure returns (DataTypes.ReserveConfig memory) {
        return _config(8000, 8250, 10500, 1000, 1_000_000, 800_000);
    }

    /// @dev `reserveConfig(spec)` of deploy/keel.ts: borrowing, collateral and flash loans on; the pool sets decimals,
    ///      id and the other flags.
    function _config(
        uint16 ltv,
        uint16 liquidationThreshold,
        uint16 liquidationBonus,
        uint16 liquidationProtocolFee,
        uint48 supplyCap,
        uint48 borrowCap
    ) private pure returns (DataTypes.ReserveConfig memory) {
        return
            DataTypes.ReserveConfig({
                ltv: ltv,
                liquidationThreshold: liquidationThreshold,
                liquidationBonus: liquidationBonus,
                liquidationProtocolFee: liquidationProtocolFee,
                decimals: 0,
                id: 0,
                flags: ReserveFlags.BORROWING | ReserveFlags.COLLATERAL | ReserveFlags.FLASH_LOANS,
                supplyCap: supplyCap,
                borrowCap: borrowCap,
                liquidationGraceUntil: 0
            });
    }
}
