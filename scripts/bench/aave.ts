// Aave V3 anchor of the gas benchmark: deploys Aave V3 (npm @aave/core-v3 1.19.3, its own compiled artifacts: solc
// 0.8.10, 100000 runs, london) the way Aave's deploy scripts do, then measures the common scenario (types.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Contract, ContractFactory, MaxUint256, ZeroAddress } from "ethers";
import type { ContractRunner, InterfaceAbi, Signer } from "ethers";
import type { MockERC20 } from "../../types/ethers-contracts/index.js";
import { ACTIONS, SCENARIO, elapse, gasOf } from "./types.js";
import type { GasRow, HardhatEthers, ScalingRow } from "./types.js";

const require = createRequire(import.meta.url);
const ARTIFACTS = "@aave/core-v3/artifacts/contracts";
const RAY = 10n ** 27n;
const ray = (percent: number): bigint => (BigInt(Math.round(percent * 100)) * RAY) / 10_000n;

interface AaveArtifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
}

/** Reads an artifact shipped in the npm package, by its path under `artifacts/contracts` (without `.json`). */
function artifact(path: string): AaveArtifact {
  const file = require.resolve(`${ARTIFACTS}/${path}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as AaveArtifact;
}

const PATHS = {
  PoolAddressesProvider: "protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider",
  ACLManager: "protocol/configuration/ACLManager.sol/ACLManager",
  Pool: "protocol/pool/Pool.sol/Pool",
  PoolConfigurator: "protocol/pool/PoolConfigurator.sol/PoolConfigurator",
  AaveOracle: "misc/AaveOracle.sol/AaveOracle",
  AaveProtocolDataProvider: "misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider",
  AToken: "protocol/tokenization/AToken.sol/AToken",
  StableDebtToken: "protocol/tokenization/StableDebtToken.sol/StableDebtToken",
  VariableDebtToken: "protocol/tokenization/VariableDebtToken.sol/VariableDebtToken",
  RateStrategy: "protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy",
  MockAggregator: "mocks/oracle/CLAggregators/MockAggregator.sol/MockAggregator",
} as const;

/**
 * Deploys Aave artifacts, linking external libraries on demand: each library named in an artifact's
 * linkReferences (e.g. Pool → SupplyLogic…, FlashLoanLogic → BorrowLogic) is deployed once and its address is
 * written at every offset the artifact lists.
 */
class AaveDeployer {
  readonly #libraries = new Map<string, string>();
  constructor(readonly signer: Signer) {}

  async #link(a: AaveArtifact): Promise<string> {
    let code = a.bytecode.slice(2);
    for (const [source, libs] of Object.entries(a.linkReferences)) {
      for (const [name, refs] of Object.entries(libs)) {
        const address = (await this.#library(source, name)).slice(2).toLowerCase();
        for (const { start, length } of refs) {
          code = code.slice(0, start * 2) + address + code.slice((start + length) * 2);
        }
      }
    }
    return `0x${code}`;
  }

  async #library(source: string, name: string): Promise<string> {
    const key = `${source}:${name}`;
    const known = this.#libraries.get(key);
    if (known !== undefined) return known;
    const lib = await this.#deployArtifact(artifact(`${source.replace(/^contracts\//, "")}/${name}`), []);
    const address = await lib.getAddress();
    this.#libraries.set(key, address);
    return address;
  }

  async #deployArtifact(a: AaveArtifact, args: unknown[]): Promise<Contract> {
    const factory = new ContractFactory(a.abi, await this.#link(a), this.signer);
    const contract = await factory.deploy(...args);
    await contract.waitForDeployment();
    return new Contract(await contract.getAddress(), a.abi, this.signer);
  }

  deploy(name: keyof typeof PATHS, args: unknown[] = []): Promise<Contract> {
    return this.#deployArtifact(artifact(PATHS[name]), args);
  }

  at(name: keyof typeof PATHS, address: string, runner: ContractRunner = this.signer): Contract {
    return new Contract(address, artifact(PATHS[name]).abi, runner);
  }
}

/** Sends a state-changing call on an ABI-only contract and waits for it (setup steps, not measured). */
async function send(c: Contract, method: string, ...args: unknown[]): Promise<void> {
  await gasOf(c.getFunction(method).send(...args));
}

interface AaveMarket {
  pool: Contract;
  oracle: Contract;
  deployer: AaveDeployer;
  usdc: MockERC20;
  collaterals: MockERC20[];
  feeds: Contract[]; // original $2000 feeds of `collaterals`, same order
}

/**
 * Deploys one Aave V3 market with USDC (6 dec, $1, borrowable, not collateral) and `collateralCount` 18-decimal
 * collateral tokens ($2000, 80% LTV, 82.5% liquidation threshold, 5% bonus). Steps follow aave-v3-deploy: addresses
 * provider → ACL → pool implementation set on the provider (which creates the proxy) → configurator → oracle →
 * token implementations + rate strategies → initReserves → risk parameters.
 */
async function deployAaveMarket(ethers: HardhatEthers, collateralNames: string[]): Promise<AaveMarket> {
  const [admin] = await ethers.getSigners();
  const treasury = ethers.Wallet.createRandom().address;
  const d = new AaveDeployer(admin);

  const provider = await d.deploy("PoolAddressesProvider", ["Keel gas bench", admin.address]);
  await send(provider, "setACLAdmin", admin.address);
  const acl = await d.deploy("ACLManager", [await provider.getAddress()]);
  await send(provider, "setACLManager", await acl.getAddress());
  await send(acl, "addPoolAdmin", admin.address);
  await send(acl, "addRiskAdmin", admin.address);
  await send(acl, "addEmergencyAdmin", admin.address);

  const poolImpl = await d.deploy("Pool", [await provider.getAddress()]);
  await send(poolImpl, "initialize", await provider.getAddress()); // locks the implementation, as Aave's deploy does
  await send(provider, "setPoolImpl", await poolImpl.getAddress());
  const pool = d.at("Pool", await provider.getFunction("getPool").staticCall());
  const configuratorImpl = await d.deploy("PoolConfigurator");
  await send(configuratorImpl, "initialize", await provider.getAddress());
  await send(provider, "setPoolConfiguratorImpl", await configuratorImpl.getAddress());
  const configurator = d.at("PoolConfigurator", await provider.getFunction("getPoolConfigurator").staticCall());
  const dataProvider = await d.deploy("AaveProtocolDataProvider", [await provider.getAddress()]);
  await send(provider, "setPoolDataProvider", await dataProvider.getAddress());

  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const collaterals: MockERC20[] = [];
  for (const name of collateralNames) collaterals.push(await ethers.deployContract("MockERC20", [name, name, 18]));
  const usdcFeed = await d.deploy("MockAggregator", [SCENARIO.usdcPrice8]);
  const feeds: Contract[] = [];
  for (let i = 0; i < collaterals.length; i++) feeds.push(await d.deploy("MockAggregator", [SCENARIO.wethPrice8]));
  const assets = [await usdc.getAddress(), ...(await Promise.all(collaterals.map((c) => c.getAddress())))];
  const sources = await Promise.all([usdcFeed, ...feeds].map((f) => f.getAddress()));
  // Base currency USD with 8 decimals (address(0), 1e8), as on Aave's Ethereum market.
  const oracle = await d.deploy("AaveOracle", [
    await provider.getAddress(),
    assets,
    sources,
    ZeroAddress,
    ZeroAddress,
    10n ** 8n,
  ]);
  await send(provider, "setPriceOracle", await oracle.getAddress());

  const poolAddress = await pool.getAddress();
  const aToken = await d.deploy("AToken", [poolAddress]);
  const stableDebt = await d.deploy("StableDebtToken", [poolAddress]);
  const variableDebt = await d.deploy("VariableDebtToken", [poolAddress]);
  // Aave's Ethereum-market style parameters (optimal usage, base, slope1, slope2, then the unused stable-rate set).
  const stableParams = [ray(0.5), ray(60), ray(1), ray(8), ray(20)];
  const usdcRates = await d.deploy("RateStrategy", [
    await provider.getAddress(),
    ray(90),
    0n,
    ray(4),
    ray(60),
    ...stableParams,
  ]);
  const wethRates = await d.deploy("RateStrategy", [
    await provider.getAddress(),
    ray(80),
    0n,
    ray(3.8),
    ray(80),
    ...stableParams,
  ]);

  // Flash-loan premium 0.05% of which 0.04% to the protocol (aave-v3-deploy defaults).
  await send(configurator, "updateFlashloanPremiumTotal", 5n);
  await send(configurator, "updateFlashloanPremiumToProtocol", 4n);

  const tokens = [usdc, ...collaterals];
  const inputs = await Promise.all(
    tokens.map(async (t, i) => {
      const symbol = await t.symbol();
      return {
        aTokenImpl: await aToken.getAddress(),
        stableDebtTokenImpl: await stableDebt.getAddress(),
        variableDebtTokenImpl: await variableDebt.getAddress(),
        underlyingAssetDecimals: await t.decimals(),
        interestRateStrategyAddress: await (i === 0 ? usdcRates : wethRates).getAddress(),
        underlyingAsset: await t.getAddress(),
        treasury,
        incentivesController: ZeroAddress,
        aTokenName: `Aave ${symbol}`,
        aTokenSymbol: `a${symbol}`,
        variableDebtTokenName: `Aave variable debt ${symbol}`,
        variableDebtTokenSymbol: `variableDebt${symbol}`,
        stableDebtTokenName: `Aave stable debt ${symbol}`,
        stableDebtTokenSymbol: `stableDebt${symbol}`,
        params: "0x",
      };
    }),
  );
  // In chunks, as Aave's deploy does: each reserve deploys three proxies, and many at once exceed the block gas limit.
  for (let i = 0; i < inputs.length; i += 4) await send(configurator, "initReserves", inputs.slice(i, i + 4));

  for (const [i, t] of tokens.entries()) {
    const asset = await t.getAddress();
    await send(configurator, "setReserveBorrowing", asset, true);
    await send(configurator, "setReserveFlashLoaning", asset, true);
    await send(configurator, "setReserveFactor", asset, i === 0 ? 1000n : 1500n);
    if (i > 0) {
      await send(
        configurator,
        "configureReserveAsCollateral",
        asset,
        SCENARIO.ltvBps,
        SCENARIO.liquidationThresholdBps,
        SCENARIO.liquidationBonusBps,
      );
      await send(configurator, "setLiquidationProtocolFee", asset, 1000n);
    }
  }
  return { pool, oracle, deployer: d, usdc, collaterals, feeds };
}

/** Mints `amount` of `token` to `user` and approves the pool for everything (setup, not measured). */
async function fund(token: MockERC20, user: Signer, spender: string, amount: bigint): Promise<void> {
  await (await token.mint(await user.getAddress(), amount)).wait();
  await (await token.connect(user).approve(spender, MaxUint256)).wait();
}

/** Points the oracle for `assets` at fresh feeds answering `price8` (how Aave changes a price source). */
async function setPrices(m: AaveMarket, assets: string[], price8: bigint): Promise<void> {
  const feeds = await Promise.all(assets.map(() => m.deployer.deploy("MockAggregator", [price8])));
  await send(m.oracle, "setAssetSources", assets, await Promise.all(feeds.map((f) => f.getAddress())));
}

/** The previous users: a supplier of every reserve and a borrower of USDC, so every market is already in use. */
async function seedMarket(ethers: HardhatEthers, m: AaveMarket, seeder: Signer): Promise<void> {
  const poolAddress = await m.pool.getAddress();
  const who = await seeder.getAddress();
  await fund(m.usdc, seeder, poolAddress, SCENARIO.seedUsdc);
  await send(m.pool.connect(seeder) as Contract, "supply", await m.usdc.getAddress(), SCENARIO.seedUsdc, who, 0);
  for (const c of m.collaterals) {
    await fund(c, seeder, poolAddress, SCENARIO.seedWeth);
    await send(m.pool.connect(seeder) as Contract, "supply", await c.getAddress(), SCENARIO.seedWeth, who, 0);
  }
  await send(
    m.pool.connect(seeder) as Contract,
    "borrow",
    await m.usdc.getAddress(),
    SCENARIO.seedBorrowUsdc,
    2n,
    0,
    who,
  );
  // A day of interest, then a USDC action: the reserve's accruedToTreasury becomes non-zero, as in a market in use
  // (otherwise the first measured USDC action would pay that one-off zero-to-non-zero write, ~17,000 gas).
  await elapse(ethers, 24 * 3600);
  await send(m.pool.connect(seeder) as Contract, "repay", await m.usdc.getAddress(), 10n ** 6n, 2n, who);
}

/** Runs the common scenario on a fresh Aave V3 market and returns each action's gasUsed. */
export async function benchAave(ethers: HardhatEthers): Promise<GasRow> {
  const [, seeder, alice, bob, carol, liquidator, flasher] = await ethers.getSigners();
  const m = await deployAaveMarket(ethers, ["WETH"]);
  const [weth] = m.collaterals;
  const poolAddress = await m.pool.getAddress();
  const usdcAddress = await m.usdc.getAddress();
  const wethAddress = await weth.getAddress();
  await seedMarket(ethers, m, seeder);
  const row = Object.fromEntries(ACTIONS.map((a) => [a, null])) as GasRow;
  const as = (s: Signer): Contract => m.pool.connect(s) as Contract;

  // Lender: two supplies, then (after the borrower's 30 days) a partial and a full withdrawal.
  await fund(m.usdc, alice, poolAddress, 3n * SCENARIO.lenderSupplyUsdc);
  row["supply (1st)"] = await gasOf(as(alice).supply(usdcAddress, SCENARIO.lenderSupplyUsdc, alice.address, 0));
  row["supply (2nd)"] = await gasOf(as(alice).supply(usdcAddress, SCENARIO.lenderSupplyUsdc, alice.address, 0));

  // Borrower: first WETH supply (enabled as collateral automatically), variable-rate borrow, 30 days, repays.
  await fund(weth, bob, poolAddress, 2n * SCENARIO.collateralWeth);
  await fund(m.usdc, bob, poolAddress, SCENARIO.borrowUsdc); // covers the interest of the full repay
  row["supply collateral"] = await gasOf(as(bob).supply(wethAddress, SCENARIO.collateralWeth, bob.address, 0));
  row.borrow = await gasOf(as(bob).borrow(usdcAddress, SCENARIO.borrowUsdc, 2n, 0, bob.address));
  await elapse(ethers, SCENARIO.elapsedSeconds);
  row["repay (partial)"] = await gasOf(as(bob).repay(usdcAddress, SCENARIO.repayPartUsdc, 2n, bob.address));
  row["repay (full)"] = await gasOf(as(bob).repay(usdcAddress, MaxUint256, 2n, bob.address));
  row["withdraw (partial)"] = await gasOf(as(alice).withdraw(usdcAddress, SCENARIO.withdrawPartUsdc, alice.address));
  row["withdraw (full)"] = await gasOf(as(alice).withdraw(usdcAddress, MaxUint256, alice.address));

  // Liquidation: a borrower at 75% of collateral value, WETH drops to $1750 (HF ~0.96 > 0.95, so the 50% close
  // factor applies), the liquidator repays the maximum allowed and takes the WETH (not the aToken).
  await fund(weth, carol, poolAddress, SCENARIO.victimWeth);
  await send(as(carol), "supply", wethAddress, SCENARIO.victimWeth, carol.address, 0);
  await send(as(carol), "borrow", usdcAddress, SCENARIO.victimBorrowUsdc, 2n, 0, carol.address);
  await setPrices(m, [wethAddress], SCENARIO.wethCrashPrice8);
  await fund(m.usdc, liquidator, poolAddress, SCENARIO.victimBorrowUsdc);
  // A liquidator keeps an inventory of the collateral, so the seized WETH lands on a non-zero balance.
  await fund(weth, liquidator, poolAddress, SCENARIO.victimWeth);
  row.liquidation = await gasOf(
    as(liquidator).liquidationCall(wethAddress, usdcAddress, carol.address, MaxUint256, false),
  );

  // Flash loans through a receiver that approves repayment in its callback; it holds USDC for the premiums.
  const receiver = await ethers.deployContract("BenchFlashReceiver");
  const receiverAddress = await receiver.getAddress();
  await (await m.usdc.mint(receiverAddress, SCENARIO.flashUsdc)).wait();
  row.flashLoanSimple = await gasOf(
    as(flasher).flashLoanSimple(receiverAddress, usdcAddress, SCENARIO.flashUsdc, "0x", 0),
  );
  row["flashLoan (1 asset)"] = await gasOf(
    as(flasher).flashLoan(receiverAddress, [usdcAddress], [SCENARIO.flashUsdc], [0n], receiverAddress, "0x", 0),
  );
  return row;
}

/**
 * Borrow and liquidation gas as the account holds `counts[i]` collateral assets (18-dec tokens, $2000 each, one
 * token of each). The borrow takes 75% of the collateral value; the liquidation follows a 12.5% drop of every
 * collateral price and repays a fixed 750 USDC against the first collateral, so every count takes the same code path
 * (partial seizure, 50% close factor) and only the number of assets in the health-factor loop changes.
 */
export async function benchAaveScaling(ethers: HardhatEthers, counts: number[]): Promise<ScalingRow[]> {
  const signers = await ethers.getSigners();
  const [, seeder, , , , liquidator] = signers;
  const max = Math.max(...counts);
  const m = await deployAaveMarket(
    ethers,
    Array.from({ length: max }, (_, i) => `COL${String(i + 1)}`),
  );
  const poolAddress = await m.pool.getAddress();
  const usdcAddress = await m.usdc.getAddress();
  const collateralAddresses = await Promise.all(m.collaterals.map((c) => c.getAddress()));
  await seedMarket(ethers, m, seeder);
  await fund(m.usdc, liquidator, poolAddress, 1_000_000n * 10n ** 6n);
  for (const c of m.collaterals) await fund(c, liquidator, poolAddress, 10n ** 18n); // inventory, as in benchAave
  const liquidationRepay = 750n * 10n ** 6n;

  const rows: ScalingRow[] = [];
  for (const [k, n] of counts.entries()) {
    const borrower = signers[8 + k];
    const pool = m.pool.connect(borrower) as Contract;
    // Holds some USDC already, like the main scenario's borrower, so the loan does not pay a first-balance write.
    await fund(m.usdc, borrower, poolAddress, 10n ** 6n);
    for (const c of m.collaterals.slice(0, n)) {
      await fund(c, borrower, poolAddress, 10n ** 18n);
      await send(pool, "supply", await c.getAddress(), 10n ** 18n, borrower.address, 0);
    }
    const borrow = await gasOf(
      pool.borrow(usdcAddress, BigInt(n) * SCENARIO.victimBorrowUsdc, 2n, 0, borrower.address),
    );
    const held = collateralAddresses.slice(0, n);
    await setPrices(m, held, SCENARIO.wethCrashPrice8);
    const liquidation = await gasOf(
      (m.pool.connect(liquidator) as Contract).liquidationCall(
        held[0],
        usdcAddress,
        borrower.address,
        liquidationRepay,
        false,
      ),
    );
    // Back to the original feeds, so the next account starts from the same prices.
    await send(m.oracle, "setAssetSources", held, await Promise.all(m.feeds.slice(0, n).map((f) => f.getAddress())));
    rows.push({ collaterals: n, borrow, liquidation });
  }
  return rows;
}
