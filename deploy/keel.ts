// The one deployer of Keel. Tests' fixtures, scripts, tasks and the demo all call `deployKeel`, so there is exactly
// one way the system is put together:
//   access manager -> registry -> oracle, rate model -> pool (+ kTokens) -> treasury, flash lender -> feeds, rates,
//   roles -> reserves (listed and seeded atomically) -> further spokes (deploy/config.ts `spokes`) -> governance (KEEL, timelock, governor, voting rewards) ->
//   admin handed to the timelock (the deployer keeps nothing).
// Every module is deployed behind its ERC-1967 proxy by the OpenZeppelin upgrades plugin (storage-layout and
// upgrade-safety validation on deploy). Each step is recorded in deployments/<network>.json as soon as it is done, so
// re-running skips what exists and resumes an interrupted run; it never upgrades anything.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { type BaseContract, type ContractFactory, encodeBytes32String, MaxUint256, parseUnits } from "ethers";
import { type NetworkConfig, type ReserveSpec, type SpokeReserveSpec, networkConfig } from "./config.js";
import { type ContractRecord, type DeploymentRecord, readRecord, writeRecord } from "./records.js";
import { FunctionRoles, Roles } from "./roles.js";
import { applyTiers } from "./tiers.js";
import { deploySafety } from "./safety.js";
import { deploySynths } from "./stablecoin.js";
import { type NftSpokeHandles, deployNftSpoke } from "./spokes/nft.js";
import { type RwaSpokeHandles, deployRwaSpoke } from "./spokes/rwa.js";
import { HUB_UNLIMITED, HubFlags, ReserveFlags } from "../packages/sdk/src/constants.js";

export const POOL_LIBRARIES = ["LiquidationLogic", "FlashLoanLogic", "PoolConfigLogic", "PositionLogic"] as const;
export const ModuleIds = {
  POOL: encodeBytes32String("POOL"),
  ORACLE: encodeBytes32String("ORACLE"),
  RATE_MODEL: encodeBytes32String("RATE_MODEL"),
  TREASURY: encodeBytes32String("TREASURY"),
  ACCESS_MANAGER: encodeBytes32String("ACCESS_MANAGER"),
  FLASH_LENDER: encodeBytes32String("FLASH_LENDER"),
  GOVERNOR: encodeBytes32String("GOVERNOR"),
  TIMELOCK: encodeBytes32String("TIMELOCK"),
  HUB: encodeBytes32String("HUB"),
  SAFETY_MODULE: encodeBytes32String("SAFETY_MODULE"),
} as const;

/** Reserve flag bits, the hub's flag bits and its "no cap" value: defined once, in the SDK (packages/sdk/src/constants.ts;
 *  test/conventions/constants.ts checks them against the Solidity libraries). */
export const Flags = ReserveFlags;
export { HubFlags, HUB_UNLIMITED };
export const KEEL_SUPPLY = parseUnits("100000000", 18);

export interface DeployKeelOptions {
  /** Key of the address book (deployments/<networkName>.json). */
  networkName: string;
  /** Where records go; `null` keeps them in memory only (tests on the in-process network). */
  recordDir?: string | null;
  log?: (line: string) => void;
  config?: NetworkConfig;
  /** Hand every admin power to the timelock at the end (default true). */
  handOver?: boolean;
  /** Testing aid: throw right after the step with this name, to prove a run resumes. */
  stopAfter?: string;
  /** Guardian address (default: config, else the second signer). */
  guardian?: string;
}

export interface ReserveHandles {
  spec: ReserveSpec;
  asset: string;
  kToken: string;
  feed: string;
}

/** A further spoke (deploy/config.ts `spokes`): its proxy and its markets. */
export interface SpokeHandles {
  name: string;
  label: string;
  address: string;
  reserves: Record<string, { spec: SpokeReserveSpec; asset: string; kToken: string; feed: string; decimals: number }>;
}

export interface KeelSystem {
  record: DeploymentRecord;
  deployer: HardhatEthersSigner;
  guardian: string;
  address: (name: string) => string;
  reserves: Record<string, ReserveHandles>;
  /** Further spokes by record name (e.g. "EModePool"); empty when the configuration has none. */
  spokes: Record<string, SpokeHandles>;
  /** The NFT spoke (deploy/spokes/nft.ts) when the configuration has `nft`. */
  nft?: NftSpokeHandles;
  /** The RWA spoke (deploy/spokes/rwa.ts), when the configuration has `rwa`. */
  rwa?: RwaSpokeHandles;
}

type Deployed = { address: string; contract: BaseContract };

/** A factory for the pool (or a pool version such as "PoolV2") with its logic libraries linked: the given ones,
 *  the others freshly deployed. */
export async function linkedPoolFactory(
  ethers: HardhatEthers,
  libraries?: Record<string, string>,
  contract = "Pool",
): Promise<ContractFactory> {
  const libs: Record<string, string> = { ...libraries };
  for (const name of POOL_LIBRARIES) {
    if (libs[name] === undefined) libs[name] = await (await ethers.deployContract(name)).getAddress();
  }
  return ethers.getContractFactory(contract, { libraries: libs });
}

/** Development networks: the mock feeds answer with a heartbeat (1 day), so after a time jump each feed's current
 *  answer is posted again, timestamped now, as a live feed would have done. */
export async function refreshMockFeeds(ethers: HardhatEthers, feeds: Iterable<string>): Promise<void> {
  for (const address of feeds) {
    const feed = await ethers.getContractAt("MockAggregator", address);
    await (await feed.setAnswer((await feed.latestRoundData())[1])).wait();
  }
}

/** Every mock feed a development deployment made (reserves, further spokes, NFT floors, RWA NAVs, synths): what
 *  `refreshMockFeeds` re-posts after a time jump. */
export function mockFeedsOf(record: DeploymentRecord): string[] {
  return Object.values(record.contracts)
    .filter((c) => c.contract === "MockAggregator")
    .map((c) => c.address);
}

/** Deploys (or resumes deploying) the whole Keel system on `connection`. */
export async function deployKeel(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  opts: DeployKeelOptions,
): Promise<KeelSystem> {
  const { ethers } = connection;
  const upgradesApi = await upgrades(hre, connection);
  const log = opts.log ?? (() => {});
  const [deployer, second] = await ethers.getSigners();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const cfg = opts.config ?? networkConfig(opts.networkName, chainId);
  const persist = opts.recordDir !== null;
  const dir = opts.recordDir ?? undefined;

  let record = persist ? readRecord(opts.networkName, dir) : undefined;
  if (record !== undefined && record.chainId !== chainId.toString()) {
    throw new Error(
      `deployments/${opts.networkName}.json is for chain ${record.chainId}, not ${String(chainId)}: wrong network?`,
    );
  }
  if (record !== undefined) {
    // A record whose first contract has no code belongs to a chain that was reset (e.g. a restarted local node).
    const first = Object.values(record.contracts)[0];
    if (first !== undefined && (await ethers.provider.getCode(first.address)) === "0x") {
      log(`  record for ${opts.networkName} points at an empty chain (node restarted?): starting afresh`);
      record = undefined;
    }
  }
  const rec: DeploymentRecord = record ?? {
    network: opts.networkName,
    chainId: chainId.toString(),
    deployer: deployer.address,
    startedAt: new Date().toISOString(),
    contracts: {},
    steps: [],
  };
  const save = () => {
    if (persist) writeRecord(rec, dir);
  };
  save();
  const guardian = opts.guardian ?? cfg.guardian ?? second.address;

  const hasCode = async (a: string) => (await ethers.provider.getCode(a)) !== "0x";
  const stopCheck = (name: string) => {
    if (opts.stopAfter === name) throw new Error(`stopped after ${name} (stopAfter)`);
  };

  async function ensure(
    name: string,
    contract: string,
    make: () => Promise<BaseContract>,
    proxy: boolean,
  ): Promise<Deployed> {
    const existing = rec.contracts[name];
    if (existing !== undefined && (await hasCode(existing.address))) {
      log(`  ✓ ${name} already at ${existing.address}`);
      return { address: existing.address, contract: await ethers.getContractAt(contract, existing.address) };
    }
    log(`  … deploying ${name} (${contract})`);
    const c = await make();
    await c.waitForDeployment();
    const address = await c.getAddress();
    const tx = c.deploymentTransaction();
    const receipt = tx ? await tx.wait() : null;
    const entry: ContractRecord = { address, contract, txHash: tx?.hash, block: receipt?.blockNumber };
    if (proxy) {
      entry.implementation = await upgradesApi.erc1967.getImplementationAddress(address);
      entry.version = await (c as unknown as { version(): Promise<string> }).version();
    }
    rec.contracts[name] = entry;
    save();
    log(`  ✓ ${name} at ${address}${entry.version ? ` (v${entry.version})` : ""}`);
    stopCheck(name);
    return { address, contract: c };
  }

  async function step(name: string, run: () => Promise<void>): Promise<void> {
    if (rec.steps.includes(name)) {
      log(`  ✓ ${name} (done before)`);
      return;
    }
    log(`  … ${name}`);
    await run();
    rec.steps.push(name);
    save();
    stopCheck(name);
  }

  const uups = { kind: "uups" as const, initializer: "initialize" };
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => {
    await (await p).wait();
  };

  // 1. Access manager (the one authority) and registry.
  const manager = await ensure(
    "AccessManager",
    "KeelAccessManager",
    async () => upgradesApi.deployProxy(await ethers.getContractFactory("KeelAccessManager"), [deployer.address], uups),
    true,
  );
  const registry = await ensure(
    "ModuleRegistry",
    "ModuleRegistry",
    async () => upgradesApi.deployProxy(await ethers.getContractFactory("ModuleRegistry"), [manager.address], uups),
    true,
  );

  // 2. Oracle and default rate model.
  const oracle = await ensure(
    "Oracle",
    "KeelOracle",
    async () => upgradesApi.deployProxy(await ethers.getContractFactory("KeelOracle"), [manager.address], uups),
    true,
  );
  const rateModel = await ensure(
    "RateModel",
    "KinkedRateModel",
    async () =>
      upgradesApi.deployProxy(
        await ethers.getContractFactory("KinkedRateModel"),
        [manager.address, cfg.defaultRates],
        uups,
      ),
    true,
  );
  const reg = await ethers.getContractAt("ModuleRegistry", registry.address);
  await step("registry:oracle+rates", async () => {
    await send(reg.setModule(ModuleIds.ACCESS_MANAGER, manager.address));
    await send(reg.setModule(ModuleIds.ORACLE, oracle.address));
    await send(reg.setModule(ModuleIds.RATE_MODEL, rateModel.address));
  });

  // 3. Liquidity hub (custody and interest; immutable, not a proxy: docs/architecture.md), registered before the
  //    pool, which takes it from the registry at initialisation and keeps it for good. Then the pool (the core spoke;
  //    external logic libraries linked; the plugin validates the layout), treasury, flash lender.
  const hub = await ensure(
    "LiquidityHub",
    "LiquidityHub",
    () => ethers.deployContract("LiquidityHub", [manager.address, registry.address]),
    false,
  );
  await step("registry:hub", async () => {
    await send(reg.setModule(ModuleIds.HUB, hub.address));
    await send(reg.setConsumer(hub.address, true)); // the treasury and default rate model are pushed to it
    // The rate model tells the hub of every parameter change: the hub evaluates the cached curve itself.
    await send((await ethers.getContractAt("KinkedRateModel", rateModel.address)).setHub(hub.address));
  });
  const pool = await ensure(
    "Pool",
    "Pool",
    async () =>
      upgradesApi.deployProxy(await linkedPoolFactory(ethers), [manager.address, registry.address], {
        ...uups,
        unsafeAllow: ["external-library-linking"],
      }),
    true,
  );
  const treasury = await ensure(
    "Treasury",
    "KeelTreasury",
    async () =>
      upgradesApi.deployProxy(await ethers.getContractFactory("KeelTreasury"), [manager.address, pool.address], uups),
    true,
  );
  const flashLender = await ensure(
    "FlashLender",
    "KeelFlashLender",
    async () =>
      upgradesApi.deployProxy(
        await ethers.getContractFactory("KeelFlashLender"),
        [manager.address, pool.address],
        uups,
      ),
    true,
  );
  const upgrader = await ensure(
    "Upgrader",
    "KeelUpgrader",
    () => ethers.deployContract("KeelUpgrader", [manager.address]),
    false,
  );
  await step("registry:pool+treasury", async () => {
    await send(reg.setConsumer(pool.address, true));
    await send(reg.setModule(ModuleIds.POOL, pool.address));
    await send(reg.setModule(ModuleIds.TREASURY, treasury.address)); // pushed to the pool's cache
    await send(reg.setModule(ModuleIds.FLASH_LENDER, flashLender.address));
  });

  // 4. Function roles (who may call what), flash premium. `governed` maps the contract names of deploy/roles.ts to
  //    the deployed modules: the AccessManager's function roles here, the timelock's tiers in step 6.
  const am = await ethers.getContractAt("KeelAccessManager", manager.address);
  const governed: Record<string, string> = {
    LiquidityHub: hub.address,
    Pool: pool.address,
    KeelOracle: oracle.address,
    KinkedRateModel: rateModel.address,
    KeelTreasury: treasury.address,
    ModuleRegistry: registry.address,
    KeelFlashLender: flashLender.address,
    KeelAccessManager: manager.address,
  };
  const applyFunctionRoles = async (name: string, target: string) => {
    const byRole = new Map<bigint, string[]>();
    for (const [sig, role] of Object.entries(FunctionRoles[name] ?? {})) {
      byRole.set(role, [...(byRole.get(role) ?? []), ethers.id(sig).slice(0, 10)]);
    }
    for (const [role, selectors] of byRole) await send(am.setTargetFunctionRole(target, selectors, role));
  };
  await step("roles:functions", async () => {
    for (const [name, target] of Object.entries(governed)) await applyFunctionRoles(name, target);
    await send(am.labelRole(Roles.RISK_ADMIN, "RISK_ADMIN"));
    await send(am.labelRole(Roles.GUARDIAN, "GUARDIAN"));
    await send(am.labelRole(Roles.UPGRADER, "UPGRADER"));
    await send(am.labelRole(Roles.TREASURY_MANAGER, "TREASURY_MANAGER"));
    // The deployer configures during deployment; it gives these up in the hand-over.
    await send(am.grantRole(Roles.RISK_ADMIN, deployer.address, 0));
    await send(am.grantRole(Roles.GUARDIAN, guardian, 0));
    // Upgrades of AccessManaged modules have one path: KeelUpgrader, which verifies them in the same transaction.
    await send(am.grantRole(Roles.UPGRADER, upgrader.address, 0));
    const p = await ethers.getContractAt("Pool", pool.address);
    await send(p.setFlashPremium(cfg.flashPremiumBps, cfg.flashPremiumToProtocolBps));
    // The core spoke is the hub's first spoke; its caps are set per asset as each is listed (step 5).
    await send((await ethers.getContractAt("LiquidityHub", hub.address)).addSpoke(pool.address));
  });

  // 5. Reserves: token (mock on dev networks), feed, rate parameters, kToken, listing with an atomic seed.
  const reserves: Record<string, ReserveHandles> = {};
  const orc = await ethers.getContractAt("KeelOracle", oracle.address);
  const rm = await ethers.getContractAt("KinkedRateModel", rateModel.address);
  const poolC = await ethers.getContractAt("Pool", pool.address);
  const hubC = await ethers.getContractAt("LiquidityHub", hub.address);
  for (const spec of cfg.reserves) {
    const token = spec.address
      ? { address: spec.address }
      : await ensure(
          spec.symbol,
          "MockERC20",
          () => ethers.deployContract("MockERC20", [spec.name, spec.symbol, spec.decimals]),
          false,
        );
    if (!cfg.dev && !spec.address)
      throw new Error(`${spec.symbol}: no token address configured for ${opts.networkName}`);
    const feed = spec.feed
      ? { address: spec.feed }
      : await ensure(
          `${spec.symbol}-feed`,
          "MockAggregator",
          () =>
            ethers.deployContract("MockAggregator", [8, parseUnits(String(spec.mockPrice), 8), `${spec.symbol} / USD`]),
          false,
        );
    const kToken = await ensure(
      `k${spec.symbol}`,
      "KToken",
      () =>
        ethers.deployContract("KToken", [
          pool.address,
          token.address,
          spec.decimals,
          `Keel ${spec.name}`,
          `k${spec.symbol}`,
        ]),
      false,
    );
    await step(`reserve:${spec.symbol}`, async () => {
      await send(orc.setFeed(token.address, feed.address, spec.heartbeat));
      if (spec.rates !== undefined) await send(rm.setRateParams(token.address, spec.rates));
      const seed = parseUnits(spec.seed, spec.decimals);
      const erc20 = await ethers.getContractAt("MockERC20", token.address);
      if (cfg.dev) await send(erc20.mint(deployer.address, seed));
      await send(erc20.approve(pool.address, seed));
      // The hub first (custody, interest: default rate model, reserve factor), with the core spoke's caps; then the
      // spoke's market (risk parameters, kToken, seed).
      await send(hubC.listAsset(token.address, ethers.ZeroAddress, spec.reserveFactor, cfg.flashPremiumBps));
      await send(hubC.setSpokeCaps(pool.address, token.address, HUB_UNLIMITED, HUB_UNLIMITED));
      await send(poolC.initReserve(token.address, kToken.address, reserveConfig(spec), seed));
    });
    reserves[spec.symbol] = { spec, asset: token.address, kToken: kToken.address, feed: feed.address };
    rec.reserves = {
      ...rec.reserves,
      [spec.symbol]: { asset: token.address, kToken: kToken.address, feed: feed.address, decimals: spec.decimals },
    };
    save();
  }

  // 5a. Further spokes (deploy/config.ts `spokes`, e.g. the eMode spoke): another Pool proxy on the same registry and
  //     hub (same code, own kTokens and risk parameters). It gets the function roles of "Pool" on its address, is a
  //     registry consumer (oracle and treasury are cached), is added to the hub, brings its own assets to the hub
  //     (token, feed, listing; no caps for the core spoke) and lists its markets within the hub caps it is given.
  const spokes: Record<string, SpokeHandles> = {};
  const capOf = (v: string, what: string): bigint => {
    if (v === "unlimited") return HUB_UNLIMITED;
    if (!/^\d+$/.test(v) || BigInt(v) >= HUB_UNLIMITED)
      throw new Error(`${what}: expected whole tokens or "unlimited", got "${v}"`);
    return BigInt(v);
  };
  for (const sp of cfg.spokes ?? []) {
    if (rec.contracts[sp.name] !== undefined && rec.contracts[sp.name].contract !== "Pool")
      throw new Error(`spoke ${sp.name}: record name taken`);
    const spoke = await ensure(
      sp.name,
      "Pool",
      async () =>
        upgradesApi.deployProxy(await linkedPoolFactory(ethers), [manager.address, registry.address], {
          ...uups,
          unsafeAllow: ["external-library-linking"],
        }),
      true,
    );
    const spokeC = await ethers.getContractAt("Pool", spoke.address);
    await step(`spoke:${sp.name}:wire`, async () => {
      await applyFunctionRoles("Pool", spoke.address);
      await send(reg.setConsumer(spoke.address, true));
      await send(spokeC.setFlashPremium(cfg.flashPremiumBps, cfg.flashPremiumToProtocolBps));
      await send(hubC.addSpoke(spoke.address));
    });
    const assets: Record<string, { address: string; feed: string; decimals: number; name: string }> = {};
    for (const [sym, r] of Object.entries(reserves))
      assets[sym] = { address: r.asset, feed: r.feed, decimals: r.spec.decimals, name: r.spec.name };
    for (const a of sp.assets) {
      if (reserves[a.symbol] !== undefined)
        throw new Error(`spoke ${sp.name}: ${a.symbol} is a core reserve, already in the hub`);
      if (!cfg.dev && !a.address) throw new Error(`${a.symbol}: no token address configured for ${opts.networkName}`);
      const token = a.address
        ? { address: a.address }
        : await ensure(
            a.symbol,
            "MockERC20",
            () => ethers.deployContract("MockERC20", [a.name, a.symbol, a.decimals]),
            false,
          );
      const feed = a.feed
        ? { address: a.feed }
        : await ensure(
            `${a.symbol}-feed`,
            "MockAggregator",
            () => ethers.deployContract("MockAggregator", [8, parseUnits(String(a.mockPrice), 8), `${a.symbol} / USD`]),
            false,
          );
      await step(`hub-asset:${a.symbol}`, async () => {
        await send(orc.setFeed(token.address, feed.address, a.heartbeat));
        if (a.rates !== undefined) await send(rm.setRateParams(token.address, a.rates));
        await send(hubC.listAsset(token.address, ethers.ZeroAddress, a.reserveFactor, cfg.flashPremiumBps));
      });
      assets[a.symbol] = { address: token.address, feed: feed.address, decimals: a.decimals, name: a.name };
    }
    const handles: SpokeHandles = { name: sp.name, label: sp.label, address: spoke.address, reserves: {} };
    for (const r of sp.reserves) {
      const a = assets[r.symbol];
      if (a === undefined)
        throw new Error(`spoke ${sp.name}: ${r.symbol} is neither a core reserve nor one of its assets`);
      const kToken = await ensure(
        `${sp.name}-k${r.symbol}`,
        "KToken",
        () =>
          ethers.deployContract("KToken", [
            spoke.address,
            a.address,
            a.decimals,
            `Keel ${sp.label} ${a.name}`,
            `k${r.symbol}-${sp.label}`,
          ]),
        false,
      );
      await step(`spoke:${sp.name}:reserve:${r.symbol}`, async () => {
        const seed = parseUnits(r.seed, a.decimals);
        const erc20 = await ethers.getContractAt("MockERC20", a.address);
        if (cfg.dev) await send(erc20.mint(deployer.address, seed));
        await send(erc20.approve(spoke.address, seed));
        await send(
          hubC.setSpokeCaps(
            spoke.address,
            a.address,
            capOf(r.addCap, `${sp.name} ${r.symbol} addCap`),
            capOf(r.drawCap, `${sp.name} ${r.symbol} drawCap`),
          ),
        );
        await send(spokeC.initReserve(a.address, kToken.address, reserveConfig(r), seed));
      });
      handles.reserves[r.symbol] = {
        spec: r,
        asset: a.address,
        kToken: kToken.address,
        feed: a.feed,
        decimals: a.decimals,
      };
    }
    spokes[sp.name] = handles;
    rec.spokes = {
      ...rec.spokes,
      [sp.name]: {
        address: spoke.address,
        label: sp.label,
        reserves: Object.fromEntries(
          Object.entries(handles.reserves).map(([k, v]) => [
            k,
            { asset: v.asset, kToken: v.kToken, feed: v.feed, decimals: v.decimals },
          ]),
        ),
      },
    };
    save();
  }

  // 5c. The NFT spoke (deploy/spokes/nft.ts), when the configuration has one; governed like the other modules.
  const nft =
    cfg.nft === undefined
      ? undefined
      : await deployNftSpoke({
          ethers,
          dev: cfg.dev,
          spec: cfg.nft,
          manager: manager.address,
          registry: registry.address,
          hub: hub.address,
          assets: Object.fromEntries(Object.entries(reserves).map(([k, r]) => [k, r.asset])),
          ensure,
          step,
          send,
          applyFunctionRoles,
          deployProxy: (factory, args) =>
            upgradesApi.deployProxy(factory, args, { ...uups, unsafeAllow: ["external-library-linking"] }),
        });
  if (nft !== undefined) governed.NftSpoke = nft.address;
  // 5c. The RWA spoke (deploy/spokes/rwa.ts), when configured: its own module, its function roles and tiers.
  const rwa =
    cfg.rwa === undefined
      ? undefined
      : await deployRwaSpoke(
          {
            ethers,
            upgradesApi,
            dev: cfg.dev,
            deployer: deployer.address,
            rec,
            save,
            ensure,
            step,
            send,
            applyFunctionRoles,
            manager: manager.address,
            registry: registry.address,
            hub: hub.address,
            assetOf: (sym) => reserves[sym]?.asset,
          },
          cfg.rwa,
        );
  if (rwa !== undefined) governed.RwaSpoke = rwa.address;

  // 5b. Periphery: leverage, flash liquidation, collateral swap and arbitrage helpers (stateless, not upgradeable).
  //     On development networks also constant-product AMM pairs at the oracle prices (one USDC/WETH pair 2% off, for
  //     the arbitrage example) behind the swap adapter the helpers use; elsewhere plug in a real router's adapter.
  for (const name of ["LeverageHelper", "FlashLiquidator", "CollateralSwap", "FlashArbitrage"]) {
    await ensure(name, name, () => ethers.deployContract(name, [pool.address]), false);
  }
  if (cfg.dev && reserves.USDC !== undefined) {
    const adapter = await ensure(
      "SwapAdapter",
      "AmmSwapAdapter",
      () => ethers.deployContract("AmmSwapAdapter", [deployer.address]),
      false,
    );
    const pairs: { name: string; sym: string; usd: bigint; skewBps: bigint }[] = [];
    for (const spec of cfg.reserves) {
      if (spec.symbol !== "USDC")
        pairs.push({ name: `AMM-USDC-${spec.symbol}`, sym: spec.symbol, usd: 20_000_000n, skewBps: 0n });
    }
    if (reserves.WETH !== undefined)
      pairs.push({ name: "AMM-USDC-WETH-2", sym: "WETH", usd: 1_000_000n, skewBps: 200n });
    for (const pr of pairs) {
      const t0 = reserves.USDC.asset;
      const t1 = reserves[pr.sym].asset;
      const amm = await ensure(pr.name, "MockAmm", () => ethers.deployContract("MockAmm", [t0, t1]), false);
      await step(`periphery:${pr.name}`, async () => {
        const a = await ethers.getContractAt("MockAmm", amm.address);
        const usdc = await ethers.getContractAt("MockERC20", t0);
        const other = await ethers.getContractAt("MockERC20", t1);
        // skewBps > 0 prices the other asset that much above the oracle in this pair (less of it per USDC).
        const spec = reserves[pr.sym].spec;
        const amt0 = pr.usd * 10n ** 6n;
        const amt1 =
          (((pr.usd * 10n ** BigInt(spec.decimals)) / BigInt(spec.mockPrice)) * (10_000n - pr.skewBps)) / 10_000n;
        const [x, y] = (await a.token0()).toLowerCase() === t0.toLowerCase() ? [amt0, amt1] : [amt1, amt0];
        await send(usdc.mint(deployer.address, amt0));
        await send(other.mint(deployer.address, amt1));
        await send(usdc.approve(amm.address, amt0));
        await send(other.approve(amm.address, amt1));
        await send(a.addLiquidity(x, y));
        if (pr.skewBps === 0n) {
          await send((await ethers.getContractAt("AmmSwapAdapter", adapter.address)).setPair(t0, t1, amm.address));
        }
      });
    }
  }

  // 5c. Safety module (deploy/safety.ts): proxy, registry wiring, hub spoke with caps, roles, stake pools.
  const safetyModule = await deploySafety({
    ethers,
    ensure,
    step,
    send,
    applyFunctionRoles,
    manager: manager.address,
    registry: registry.address,
    hub: hub.address,
    moduleId: ModuleIds.SAFETY_MODULE,
    assets: Object.fromEntries(Object.entries(reserves).map(([k, r]) => [k, r.asset])),
    deployProxy: async (c, args) => upgradesApi.deployProxy(await ethers.getContractFactory(c), args, uups),
  });
  governed.SafetyModule = safetyModule;

  // 5d. Synths minted into the hub (deploy/stablecoin.ts): kUSD with its peg stability module, kXAU; each a borrowable
  //     core reserve whose liquidity its hub facilitator mints.
  if (cfg.synths !== undefined && cfg.synths.length > 0) {
    const synths = await deploySynths(
      {
        ethers,
        dev: cfg.dev,
        deployer: deployer.address,
        rec,
        save,
        ensure,
        step,
        send,
        applyFunctionRoles,
        reserveConfig,
        manager: manager.address,
        hub: hub.address,
        pool: pool.address,
        oracle: oracle.address,
        rateModel: rateModel.address,
        treasury: treasury.address,
        flashPremiumBps: cfg.flashPremiumBps,
        hubUnlimited: HUB_UNLIMITED,
        safetyModule,
        assets: Object.fromEntries(
          Object.entries(reserves).map(([k, r]) => [k, { address: r.asset, decimals: r.spec.decimals }]),
        ),
      },
      cfg.synths,
    );
    // No base-tier calls: every function of a synth, its facilitator and the PSM waits the critical delay.
    log(`    synths: ${Object.keys(synths).join(", ")}`);
  }

  // 6. Governance: KEEL votes token, two-tier timelock, governor (UUPS), voting rewards.
  const g = cfg.governance;
  const keel = await ensure(
    "KeelToken",
    "KeelToken",
    () => ethers.deployContract("KeelToken", [deployer.address]),
    false,
  );
  const timelock = await ensure(
    "Timelock",
    "KeelTimelock",
    () => ethers.deployContract("KeelTimelock", [g.minDelay, g.criticalDelay, [], [], deployer.address]),
    false,
  );
  const governor = await ensure(
    "Governor",
    "KeelGovernor",
    async () =>
      upgradesApi.deployProxy(
        await ethers.getContractFactory("KeelGovernor"),
        [
          keel.address,
          timelock.address,
          g.votingDelay,
          g.votingPeriod,
          parseUnits(g.proposalThreshold, 18),
          g.quorumPercent,
          g.lateQuorumExtension,
        ],
        uups,
      ),
    true,
  );
  await ensure(
    "VotingRewards",
    "VotingRewards",
    async () =>
      upgradesApi.deployProxy(
        await ethers.getContractFactory("VotingRewards"),
        [governor.address, keel.address, timelock.address],
        uups,
      ),
    true,
  );
  const tl = await ethers.getContractAt("KeelTimelock", timelock.address);
  await step("governance:wire", async () => {
    await send(tl.grantRole(await tl.PROPOSER_ROLE(), governor.address));
    await send(tl.grantRole(await tl.CANCELLER_ROLE(), governor.address));
    await send(tl.grantRole(await tl.EXECUTOR_ROLE(), governor.address));
    await send(tl.grantRole(await tl.CANCELLER_ROLE(), guardian)); // guardian: last line of defence
    await send(reg.setModule(ModuleIds.GOVERNOR, governor.address));
    await send(reg.setModule(ModuleIds.TIMELOCK, timelock.address));
    if (cfg.dev) await send((await ethers.getContractAt("KeelToken", keel.address)).delegate(deployer.address));
  });
  // Tiers fail closed: only the allow-listed calls of deploy/roles.ts run at the base delay; the guardian cannot cancel
  // operations that only remove it or unpause.
  await step("governance:tiers", async () => {
    // Every spoke is a "Pool": the core spoke's base tiers and cancel-protected calls apply to each.
    const spokeAddresses = Object.values(spokes).map((h) => h.address);
    await applyTiers(tl, (name) => (name === "Pool" ? [pool.address, ...spokeAddresses] : governed[name]));
  });

  // 6b. KEEL distribution (issue 10, finding 5): the allocations of deploy/config.ts (outright or through a vesting
  //     wallet), on dev networks the deployer's labelled test allocation, and the rest to the timelock (the DAO
  //     treasury, undelegated: no votes). Off dev networks the deployer ends with no KEEL and no votes (asserted below).
  const keelToken = await ethers.getContractAt("KeelToken", keel.address);
  const dist = cfg.distribution ?? { allocations: [] };
  if (!cfg.dev && dist.devDeployerAllocation !== undefined) {
    throw new Error(`distribution.devDeployerAllocation is for dev networks only, not ${opts.networkName}`);
  }
  const devKeep = parseUnits(dist.devDeployerAllocation ?? "0", 18);
  const allocated = dist.allocations.reduce((sum, a) => sum + parseUnits(a.amount, 18), devKeep);
  if (allocated > KEEL_SUPPLY)
    throw new Error(
      `distribution allocates ${String(allocated)} KEEL wei, more than the supply ${String(KEEL_SUPPLY)}`,
    );
  const recipients: string[] = [];
  for (const [i, a] of dist.allocations.entries()) {
    const { to, vesting: v } = a;
    if ((to === undefined) === (v === undefined))
      throw new Error(`distribution "${a.label}": set exactly one of to, vesting`);
    if (to !== undefined) {
      if (to.toLowerCase() === deployer.address.toLowerCase())
        throw new Error(`distribution "${a.label}": the deployer cannot be a recipient`);
      recipients.push(to);
      continue;
    }
    if (v === undefined) continue; // unreachable (exactly one is set, checked above); narrows the type
    const wallet = await ensure(
      `KeelVesting-${String(i)}`,
      "KeelVestingWallet",
      () => ethers.deployContract("KeelVestingWallet", [v.beneficiary, v.start, v.duration]),
      false,
    );
    recipients.push(wallet.address);
  }
  await step("governance:distribute", async () => {
    for (const [i, a] of dist.allocations.entries()) {
      await send(keelToken.transfer(recipients[i], parseUnits(a.amount, 18)));
      log(
        `    KEEL ${a.amount} -> ${recipients[i]} (${a.label}${a.vesting ? `, vesting to ${a.vesting.beneficiary}` : ""})`,
      );
    }
    const rest = (await keelToken.balanceOf(deployer.address)) - devKeep;
    await send(keelToken.transfer(timelock.address, rest));
    log(`    KEEL ${String(rest / 10n ** 18n)} -> ${timelock.address} (timelock: DAO treasury, undelegated)`);
    if (devKeep > 0n)
      log(
        `    KEEL ${String(dist.devDeployerAllocation)} kept by the deployer ${deployer.address}: DEV ALLOCATION (test votes, dev networks only)`,
      );
  });

  // 7. Hand-over: the timelock becomes the only admin; the deployer keeps nothing.
  if (opts.handOver !== false) {
    await step("governance:hand-over", async () => {
      for (const role of [Roles.ADMIN, Roles.RISK_ADMIN, Roles.TREASURY_MANAGER]) {
        await send(am.grantRole(role, timelock.address, 0));
      }
      await send(am.revokeRole(Roles.RISK_ADMIN, deployer.address));
      await send(tl.renounceRole(await tl.DEFAULT_ADMIN_ROLE(), deployer.address));
      await send(am.renounceRole(Roles.ADMIN, deployer.address));
    });
  }

  // "The deployer keeps nothing" holds for votes too (issue 10, finding 5).
  if (!cfg.dev) {
    const [balance, votes] = [await keelToken.balanceOf(deployer.address), await keelToken.getVotes(deployer.address)];
    if (balance !== 0n || votes !== 0n) {
      throw new Error(
        `deployKeel: the deployer ${deployer.address} still holds ${String(balance)} KEEL wei and ${String(votes)} votes on ` +
          `${opts.networkName}; off dev networks it must keep neither (see distribution in deploy/config.ts)`,
      );
    }
  }

  rec.completedAt = rec.completedAt ?? new Date().toISOString();
  save();
  return {
    record: rec,
    deployer,
    guardian,
    reserves,
    spokes,
    nft,
    rwa,
    address: (name: string) => {
      const c = rec.contracts[name];
      if (c === undefined) throw new Error(`Keel deployment has no contract "${name}"`);
      return c.address;
    },
  };
}

/** The risk parameters of a market, as the pools take them (`initReserve`). */
export type MarketRiskSpec = Pick<
  SpokeReserveSpec,
  | "ltv"
  | "liquidationThreshold"
  | "liquidationBonus"
  | "liquidationProtocolFee"
  | "supplyCap"
  | "borrowCap"
  | "borrowing"
  | "collateral"
  | "flashLoans"
>;

export function reserveConfig(spec: MarketRiskSpec) {
  let flags = 0;
  if (spec.borrowing) flags |= Flags.BORROWING;
  if (spec.collateral) flags |= Flags.COLLATERAL;
  if (spec.flashLoans) flags |= Flags.FLASH_LOANS;
  return {
    ltv: spec.ltv,
    liquidationThreshold: spec.liquidationThreshold,
    liquidationBonus: spec.liquidationBonus,
    liquidationProtocolFee: spec.liquidationProtocolFee,
    decimals: 0,
    id: 0,
    flags,
    supplyCap: BigInt(spec.supplyCap),
    borrowCap: BigInt(spec.borrowCap),
    liquidationGraceUntil: 0n,
  };
}

export function rateParams(spec: ReserveSpec) {
  return spec.rates;
}

export { MaxUint256 };
