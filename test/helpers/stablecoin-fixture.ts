// Shared set-up of test/stablecoin/: the system the one deployer builds with USDC and WETH (admin kept by the
// deployer, so tests act as the DAO), with the handles kUSD's and the synths' listings use.
import { expect } from "chai";
import { id } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { HUB_UNLIMITED } from "../../deploy/keel.js";
import { FunctionRoles } from "../../deploy/roles.js";
import type { KeelAccessManager, SynthToken } from "../../types/ethers-contracts/index.js";
import { Flags, deployTestKeel, reserveConfig, signers, testConfig } from "./pool-fixture.js";

export async function deployStablecoinBase(connection: NetworkConnection) {
  const { ethers } = connection;
  const s = await signers(ethers);
  const system = await deployTestKeel(connection, testConfig({ symbols: ["USDC", "WETH"] }), s.guardian.address);
  const at = (n: string) => system.address(n);
  return {
    ...s,
    manager: await ethers.getContractAt("KeelAccessManager", at("AccessManager")),
    hub: await ethers.getContractAt("LiquidityHub", at("LiquidityHub")),
    pool: await ethers.getContractAt("Pool", at("Pool")),
    oracle: await ethers.getContractAt("KeelOracle", at("Oracle")),
    rates: await ethers.getContractAt("KinkedRateModel", at("RateModel")),
    usdc: await ethers.getContractAt("MockERC20", system.reserves.USDC.asset),
    weth: await ethers.getContractAt("MockERC20", system.reserves.WETH.asset),
    feeds: await Promise.all(Object.values(system.reserves).map((r) => ethers.getContractAt("MockAggregator", r.feed))),
  };
}

type Base = Awaited<ReturnType<typeof deployStablecoinBase>>;

/** Maps `name`'s function roles of deploy/roles.ts on `target`, as the deployer does. */
export async function applyFunctionRoles(manager: KeelAccessManager, name: string, target: string): Promise<void> {
  for (const [sig, role] of Object.entries(FunctionRoles[name] ?? {})) {
    await manager.setTargetFunctionRole(target, [id(sig).slice(0, 10)], role);
  }
}

/**
 * The DAO's listing of a SynthToken in the hub and the core spoke (docs/stablecoin.md): a flat curve (a fixed rate),
 * a 100% reserve factor (all interest to the treasury), the facilitator as a hub spoke that only adds, the core spoke
 * borrowing without limit but adding no more than the seed, `feed` in the oracle, and the reserve listed borrowable,
 * never collateral, seeded with `seed` the deployer holds.
 */
export async function listSynthInHub(
  connection: NetworkConnection,
  b: Base,
  o: { token: string; symbol: string; facilitator: string; feed: string; rateBps: number; seed: bigint },
): Promise<void> {
  const { ethers } = connection;
  const pool = await b.pool.getAddress();
  await b.rates.setRateParams(o.token, {
    baseRateBps: o.rateBps,
    slope1Bps: 0,
    slope2Bps: 0,
    optimalUtilizationBps: 8000,
  });
  await b.hub.listAsset(o.token, ethers.ZeroAddress, 10_000, 5);
  await b.hub.addSpoke(o.facilitator);
  await b.hub.setSpokeCaps(o.facilitator, o.token, HUB_UNLIMITED, 0n);
  await b.hub.setSpokeCaps(pool, o.token, 1n, HUB_UNLIMITED);
  await b.oracle.setFeed(o.token, o.feed, 86_400);
  await (await ethers.getContractAt("SynthToken", o.token)).approve(pool, o.seed);
  const kToken = await ethers.deployContract("KToken", [pool, o.token, 18, `Keel ${o.symbol}`, `k${o.symbol}`]);
  await b.pool.initReserve(
    o.token,
    await kToken.getAddress(),
    reserveConfig({ ltv: 0, liquidationThreshold: 7500, flags: Flags.BORROWING }),
    o.seed,
  );
}

/** The token's supply equals the sum of its facilitators' levels. */
export async function expectSupplyIsLevels(token: SynthToken): Promise<bigint> {
  let levels = 0n;
  for (const a of await token.facilitators()) levels += (await token.getBucket(a)).level;
  expect(await token.totalSupply()).to.equal(levels);
  return levels;
}
