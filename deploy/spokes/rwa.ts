// The RWA spoke's deployment module (issue 12), called by the one deployer (deploy/keel.ts, step 5c) when the network
// configuration has `rwa`: the RwaSpoke proxy (UUPS, AccessManaged, upgraded only through KeelUpgrader) on the
// registry, its function roles, its registration in the hub with its caps in the debt asset (add cap 0: the spoke
// never supplies; the draw cap bounds what its collateral's failure can cost the hub), then each RWA collateral:
// token and NAV feed (mocks on dev networks: the deployer is the mock issuer), the spoke put on the token's allowlist
// (dev), the listing. Recorded under `rwa` in deployments/<network>.json.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { HardhatUpgrades } from "@openzeppelin/hardhat-upgrades";
import { type BaseContract, parseUnits } from "ethers";
import type { DeploymentRecord } from "../records.js";

/** Risk parameters of one RWA collateral, as `IRwaSpoke.CollateralParams` (bps, seconds, whole tokens). */
export interface RwaCollateralParams {
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  maxNavMoveBps: number;
  heartbeat: number;
  gracePeriod: number;
  hardFloorBps: number;
  accountCap: bigint;
}

export interface RwaCollateralSpec {
  symbol: string;
  name: string;
  decimals: number;
  /** Existing token (required off dev networks); dev networks deploy a MockRwaToken issued by the deployer. */
  address?: string;
  /** Existing NAV feed; dev networks deploy a MockAggregator (8 decimals) at `mockNav` USD. */
  navFeed?: string;
  mockNav: number;
  /** An ERC-4626 vault share priced through `convertToAssets` (the NAV feed prices the vault's asset). */
  vault?: boolean;
  params: RwaCollateralParams;
}

export interface RwaSpokeSpec {
  /** Record name of the spoke, e.g. "RwaSpoke". */
  name: string;
  /** Symbol of the debt asset: a reserve of the core spoke, listed in the hub already (e.g. "USDC"). */
  debtSymbol: string;
  /** The spoke's draw cap in the debt asset, whole tokens. */
  drawCap: bigint;
  collaterals: RwaCollateralSpec[];
}

/** Dev networks: a mock 6-decimal T-bill token at a NAV of 1.00 USD borrowing USDC up to 80% (85% threshold, 4%
 *  bonus), NAV answers at most a day old and within 2% of the last accepted one, a 3-day liquidation grace unless
 *  the health factor is below 0.95, at most 10M T-bills per account; the spoke may draw up to 5M USDC. */
export const devRwaSpoke: RwaSpokeSpec = {
  name: "RwaSpoke",
  debtSymbol: "USDC",
  drawCap: 5_000_000n,
  collaterals: [
    {
      symbol: "TBILL",
      name: "Mock Tokenised T-Bill",
      decimals: 6,
      mockNav: 1,
      params: {
        ltv: 8000,
        liquidationThreshold: 8500,
        liquidationBonus: 10400,
        maxNavMoveBps: 200,
        heartbeat: 86_400,
        gracePeriod: 3 * 86_400,
        hardFloorBps: 9500,
        accountCap: 10_000_000n,
      },
    },
  ],
};

export interface RwaSpokeHandles {
  name: string;
  address: string;
  debtAsset: string;
  collaterals: Record<string, { spec: RwaCollateralSpec; token: string; navFeed: string }>;
}

/** What deploy/keel.ts hands the module: its connection, the deployer's resumable `ensure`/`step`, and the modules
 *  the spoke is wired to. */
export interface RwaDeployContext {
  ethers: HardhatEthers;
  upgradesApi: HardhatUpgrades;
  dev: boolean;
  deployer: string;
  rec: DeploymentRecord;
  save: () => void;
  ensure: (
    name: string,
    contract: string,
    make: () => Promise<BaseContract>,
    proxy: boolean,
  ) => Promise<{ address: string }>;
  step: (name: string, run: () => Promise<void>) => Promise<void>;
  send: (p: Promise<{ wait(): Promise<unknown> }>) => Promise<void>;
  applyFunctionRoles: (name: string, target: string) => Promise<void>;
  manager: string;
  registry: string;
  hub: string;
  /** Listed core reserves by symbol (the debt asset is one of them). */
  assetOf: (symbol: string) => string | undefined;
}

/** Deploys (or resumes deploying) the RWA spoke of `spec`. */
export async function deployRwaSpoke(ctx: RwaDeployContext, spec: RwaSpokeSpec): Promise<RwaSpokeHandles> {
  const { ethers, send } = ctx;
  const debtAsset = ctx.assetOf(spec.debtSymbol);
  if (debtAsset === undefined) throw new Error(`rwa ${spec.name}: debt asset ${spec.debtSymbol} is not a core reserve`);
  const spoke = await ctx.ensure(
    spec.name,
    "RwaSpoke",
    async () =>
      ctx.upgradesApi.deployProxy(await ethers.getContractFactory("RwaSpoke"), [ctx.manager, ctx.registry, debtAsset], {
        kind: "uups",
        initializer: "initialize",
      }),
    true,
  );
  const hub = await ethers.getContractAt("LiquidityHub", ctx.hub);
  await ctx.step(`rwa:${spec.name}:wire`, async () => {
    await ctx.applyFunctionRoles("RwaSpoke", spoke.address);
    await send(hub.addSpoke(spoke.address));
    await send(hub.setSpokeCaps(spoke.address, debtAsset, 0n, spec.drawCap));
  });
  const rwa = await ethers.getContractAt("RwaSpoke", spoke.address);
  const handles: RwaSpokeHandles = { name: spec.name, address: spoke.address, debtAsset, collaterals: {} };
  for (const c of spec.collaterals) {
    if (!ctx.dev && (c.address === undefined || c.navFeed === undefined)) {
      throw new Error(`rwa ${c.symbol}: no token or NAV feed address configured off a dev network`);
    }
    const token = c.address
      ? { address: c.address }
      : await ctx.ensure(
          c.symbol,
          "MockRwaToken",
          () => ethers.deployContract("MockRwaToken", [c.name, c.symbol, c.decimals, ctx.deployer]),
          false,
        );
    const feed = c.navFeed
      ? { address: c.navFeed }
      : await ctx.ensure(
          `${c.symbol}-nav`,
          "MockAggregator",
          () => ethers.deployContract("MockAggregator", [8, parseUnits(String(c.mockNav), 8), `${c.symbol} NAV / USD`]),
          false,
        );
    await ctx.step(`rwa:${spec.name}:collateral:${c.symbol}`, async () => {
      // The spoke must be allowed to hold the token: on dev networks the deployer is the mock's issuer.
      if (ctx.dev && c.address === undefined)
        await send((await ethers.getContractAt("MockRwaToken", token.address)).setAllowed(spoke.address, true));
      await send(rwa.listCollateral(token.address, feed.address, c.vault ?? false, c.params));
    });
    handles.collaterals[c.symbol] = { spec: c, token: token.address, navFeed: feed.address };
  }
  ctx.rec.rwa = {
    ...ctx.rec.rwa,
    [spec.name]: {
      address: spoke.address,
      debtAsset,
      collaterals: Object.fromEntries(
        Object.entries(handles.collaterals).map(([k, v]) => [
          k,
          { token: v.token, navFeed: v.navFeed, decimals: v.spec.decimals },
        ]),
      ),
    },
  };
  ctx.save();
  return handles;
}
