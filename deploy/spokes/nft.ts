// The NFT spoke's stage of the one deployer (deploy/keel.ts calls `deployNftSpoke` after the further Pool spokes,
// while the deployer still holds the admin roles): the NftLogic library, the NftSpoke proxy (UUPS, AccessManaged,
// upgraded only through KeelUpgrader), its function roles, its registration in the hub with draw caps per borrow asset
// (no add caps: the spoke never supplies), the borrow assets, and the collections with their floor feeds (a mock
// collection and feed on development networks). Every step is recorded, so a re-run resumes.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseContract, ContractFactory } from "ethers";
import { parseUnits } from "ethers";

/** One collection the NFT spoke lists. */
export interface NftCollectionSpec {
  symbol: string;
  name: string;
  /** The ERC-721 contract; omitted on dev networks (a MockNft is deployed). */
  address?: string;
  /** Floor feed (AggregatorV3Interface, USD, 8 decimals); omitted on dev networks (a MockAggregator at `mockFloor`). */
  feed?: string;
  /** Dev networks: the mock floor, whole USD. */
  mockFloor: number;
  /** Maximum age of a floor answer, seconds. */
  heartbeat: number;
  ltvBps: number;
  liquidationThresholdBps: number;
}

/** A hub asset the NFT spoke lends, with the spoke's draw cap in the hub (whole tokens): its largest possible loss. */
export interface NftBorrowSpec {
  symbol: string;
  drawCap: string;
}

/** deploy/config.ts `nft`: the NFT spoke's collections and borrow assets. */
export interface NftSpokeSpec {
  collections: NftCollectionSpec[];
  borrow: NftBorrowSpec[];
}

/** Development configuration: one mock collection ("Keel Punks", floor 20,000 USD, LTV 40%, threshold 60%); USDC
 *  and WETH loans within draw caps of 1,000,000 USDC and 500 WETH. */
export const devNftSpoke: NftSpokeSpec = {
  collections: [
    {
      symbol: "KPUNK",
      name: "Keel Punks",
      mockFloor: 20_000,
      heartbeat: 86_400,
      ltvBps: 4000,
      liquidationThresholdBps: 6000,
    },
  ],
  borrow: [
    { symbol: "USDC", drawCap: "1000000" },
    { symbol: "WETH", drawCap: "500" },
  ],
};

export interface NftSpokeHandles {
  address: string;
  collections: Record<string, { collection: string; feed: string }>;
}

/** What the deployer lends this stage: its record-keeping steps and wiring (see deploy/keel.ts). */
export interface NftStageContext {
  ethers: HardhatEthers;
  dev: boolean;
  spec: NftSpokeSpec;
  manager: string;
  registry: string;
  hub: string;
  /** Hub assets by symbol (the core reserves). */
  assets: Record<string, string>;
  ensure: (
    name: string,
    contract: string,
    make: () => Promise<BaseContract>,
    proxy: boolean,
  ) => Promise<{ address: string }>;
  step: (name: string, run: () => Promise<void>) => Promise<void>;
  send: (p: Promise<{ wait(): Promise<unknown> }>) => Promise<void>;
  deployProxy: (factory: ContractFactory, args: unknown[]) => Promise<BaseContract>;
  applyFunctionRoles: (name: string, target: string) => Promise<void>;
}

/** The NftSpoke factory with its library linked (the given one, else freshly deployed). */
export async function nftSpokeFactory(
  ethers: HardhatEthers,
  nftLogic?: string,
  contract = "NftSpoke",
): Promise<ContractFactory> {
  const lib = nftLogic ?? (await (await ethers.deployContract("NftLogic")).getAddress());
  return ethers.getContractFactory(contract, { libraries: { NftLogic: lib } });
}

export async function deployNftSpoke(ctx: NftStageContext): Promise<NftSpokeHandles> {
  const { ethers, send, step, ensure } = ctx;
  const spoke = await ensure(
    "NftSpoke",
    "NftSpoke",
    async () => ctx.deployProxy(await nftSpokeFactory(ethers), [ctx.manager, ctx.registry]),
    true,
  );
  const nft = await ethers.getContractAt("NftSpoke", spoke.address);
  const hub = await ethers.getContractAt("LiquidityHub", ctx.hub);
  await step("nft:wire", async () => {
    await ctx.applyFunctionRoles("NftSpoke", spoke.address);
    await send(hub.addSpoke(spoke.address));
    for (const b of ctx.spec.borrow) {
      const asset = ctx.assets[b.symbol];
      if (asset === undefined) throw new Error(`nft spoke: ${b.symbol} is not a hub asset`);
      if (!/^\d+$/.test(b.drawCap))
        throw new Error(`nft spoke ${b.symbol} drawCap: expected whole tokens, got "${b.drawCap}"`);
      await send(hub.setSpokeCaps(spoke.address, asset, 0n, BigInt(b.drawCap)));
      await send(nft.setBorrowAsset(asset, true));
    }
  });
  const collections: NftSpokeHandles["collections"] = {};
  for (const c of ctx.spec.collections) {
    if (!ctx.dev && (c.address === undefined || c.feed === undefined))
      throw new Error(`nft collection ${c.symbol}: address and feed required off dev networks`);
    const collection =
      c.address !== undefined
        ? { address: c.address }
        : await ensure(`NFT-${c.symbol}`, "MockNft", () => ethers.deployContract("MockNft", [c.name, c.symbol]), false);
    const feed =
      c.feed !== undefined
        ? { address: c.feed }
        : await ensure(
            `NFT-${c.symbol}-floor`,
            "MockAggregator",
            () =>
              ethers.deployContract("MockAggregator", [
                8,
                parseUnits(String(c.mockFloor), 8),
                `${c.symbol} floor / USD`,
              ]),
            false,
          );
    await step(`nft:collection:${c.symbol}`, async () => {
      await send(
        nft.listCollection(collection.address, feed.address, c.heartbeat, c.ltvBps, c.liquidationThresholdBps),
      );
    });
    collections[c.symbol] = { collection: collection.address, feed: feed.address };
  }
  return { address: spoke.address, collections };
}
