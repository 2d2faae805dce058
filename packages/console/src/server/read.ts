// What each view shows, read through @keel/sdk at one block. Read only: nothing here signs or sends (the dev signer,
// `--dev-signer`, is src/server/dev.ts).
import { Contract, type JsonRpcProvider, getAddress } from "ethers";
import {
  BPS,
  type DeploymentRecord,
  type PoolMarket,
  type PoolSpoke,
  RAY,
  addressOf,
  decodeError,
  formatError,
  liquidityHubAbi,
  moduleVersions,
  poolSpokes,
  poolAbi,
  rateModelAbi,
  readAccount,
  readHubMarkets,
  readNftAccount,
  readPoolMarkets,
  readProposals,
  readRwaAccount,
  readUpgradeHistory,
} from "@keel/sdk";
import type {
  AccountsView,
  AtBlock,
  CurvePoint,
  GovernanceView,
  HubAssetMarket,
  MarketsView,
  Meta,
  ModulesView,
  SpokeMarkets,
  SpokeRead,
  UserAccounts,
} from "../shared/api.js";

/** Utilisations the rate curves are sampled at (bps): every 2.5%, plus the kink when the model reports one. */
const CURVE_STEP_BPS = 250;

export interface Chain {
  provider: JsonRpcProvider;
  record: DeploymentRecord;
  rpc: string;
  deployment: string;
  /** The dev signer's accounts (`--dev-signer`); empty when read only. */
  devAccounts: string[];
}

async function atBlock(provider: JsonRpcProvider): Promise<AtBlock> {
  const block = await provider.getBlock("latest");
  if (block === null) throw new Error("the node has no latest block");
  return { block: block.number, timestamp: block.timestamp };
}

export async function readMeta({ provider, record, rpc, deployment, devAccounts }: Chain): Promise<Meta> {
  const names: Record<string, string> = {};
  for (const [name, c] of Object.entries(record.contracts)) names[getAddress(c.address)] = name;
  for (const [name, s] of Object.entries(record.spokes ?? {})) names[getAddress(s.address)] = name;
  for (const [symbol, r] of Object.entries(record.reserves ?? {})) names[getAddress(r.asset)] ??= symbol;
  const reserves = Object.entries(record.reserves ?? {}).map(([symbol, r]) => ({ symbol, decimals: r.decimals }));
  return {
    ...(await atBlock(provider)),
    network: record.network,
    chainId: record.chainId,
    rpc,
    deployment,
    names,
    devAccounts,
    reserves,
  };
}

/** The asset's rate curve as its model answers it (`annualBorrowRate` / `annualSupplyRate` at each utilisation). */
async function rateCurve(
  provider: JsonRpcProvider,
  model: string,
  asset: string,
  reserveFactorBps: bigint,
  blockTag: number,
): Promise<{ curve: CurvePoint[]; kinkBps: number | undefined }> {
  const m = new Contract(model, rateModelAbi, provider);
  let kinkBps: number | undefined;
  try {
    const k = (await m.getFunction("kinkedCurveOf").staticCall(asset, { blockTag })) as {
      optimalUtilizationBps: bigint;
    };
    kinkBps = Number(k.optimalUtilizationBps);
  } catch {
    kinkBps = undefined; // not a kinked model
  }
  const points = new Set<number>();
  for (let u = 0; u <= Number(BPS); u += CURVE_STEP_BPS) points.add(u);
  if (kinkBps !== undefined) points.add(kinkBps);
  const supplied = RAY; // any total works: the models depend on the ratio only
  try {
    const curve = await Promise.all(
      [...points]
        .sort((a, b) => a - b)
        .map(async (u): Promise<CurvePoint> => {
          const borrowed = (supplied * BigInt(u)) / BPS;
          const [b, s] = await Promise.all([
            m.getFunction("annualBorrowRate").staticCall(asset, supplied, borrowed, { blockTag }) as Promise<bigint>,
            m
              .getFunction("annualSupplyRate")
              .staticCall(asset, supplied, borrowed, reserveFactorBps, { blockTag }) as Promise<bigint>,
          ]);
          return { utilisationBps: u, borrowAprRay: b, supplyAprRay: s };
        }),
    );
    return { curve, kinkBps };
  } catch {
    return { curve: [], kinkBps };
  }
}

/** A spoke the governance added after the record was written (the demo's second Pool-type spoke) has no name there. */
const unrecordedName = (address: string): string => `unrecorded spoke ${address.slice(0, 6)}…${address.slice(-4)}`;

/** Every Pool-type spoke on the hub: the record's (core spoke first), then any registered spoke that is not in the
 *  record and answers as a Pool-type spoke of this hub, with its reserves. */
async function hubPoolSpokes(
  chain: Chain,
  blockTag: number,
): Promise<{ spoke: PoolSpoke; reserves: PoolMarket[]; recorded: boolean }[]> {
  const { provider, record } = chain;
  const hubAddress = addressOf(record, "LiquidityHub");
  const recorded = poolSpokes(record);
  const out = await Promise.all(
    recorded.map(async (spoke) => ({
      spoke,
      reserves: await readPoolMarkets(provider, spoke.address, { blockTag }),
      recorded: true,
    })),
  );
  const known = new Set(Object.values(record.contracts).map((c) => getAddress(c.address)));
  recorded.forEach((s) => known.add(getAddress(s.address)));
  const hub = new Contract(hubAddress, liquidityHubAbi, provider);
  for (const raw of (await hub.getFunction("spokes").staticCall({ blockTag })) as string[]) {
    const address = getAddress(raw);
    if (known.has(address)) continue;
    try {
      const onHub = getAddress(
        String(await new Contract(address, poolAbi, provider).getFunction("hub").staticCall({ blockTag })),
      );
      if (onHub !== getAddress(hubAddress)) continue;
      out.push({
        spoke: { name: unrecordedName(address), address, reserves: {} },
        reserves: await readPoolMarkets(provider, address, { blockTag }),
        recorded: false,
      });
    } catch {
      // not a Pool-type spoke: shown with the other spokes
    }
  }
  return out;
}

export async function readMarkets(chain: Chain): Promise<MarketsView> {
  const { provider, record } = chain;
  const at = await atBlock(provider);
  const markets = await readHubMarkets(provider, addressOf(record, "LiquidityHub"), { blockTag: at.block });
  const hub: HubAssetMarket[] = await Promise.all(
    markets.map(async (m) => ({
      ...m,
      ...(await rateCurve(provider, m.rateModel, m.asset, m.reserveFactorBps, at.block)),
    })),
  );
  const pools = await hubPoolSpokes(chain, at.block);
  const spokes: SpokeMarkets[] = pools.map(({ spoke, reserves }) => ({
    name: spoke.name,
    address: getAddress(spoke.address),
    kind: "Pool",
    reserves,
  }));
  // The hub's other spokes (NFT, RWA, the safety module, synth facilitators): their accounts are in each hub market's `spokes`.
  const known = new Set(spokes.map((s) => s.address));
  const byAddress = new Map(
    Object.entries(record.contracts).map(([name, c]) => [getAddress(c.address), { name, contract: c.contract }]),
  );
  for (const address of new Set(markets.flatMap((m) => m.spokes.map((s) => getAddress(s.spoke))))) {
    if (known.has(address)) continue;
    const c = byAddress.get(address);
    spokes.push({ name: c?.name ?? address, address, kind: c?.contract ?? "unknown", reserves: [] });
  }
  return { ...at, hub, spokes };
}

/** Whom the accounts view lists: the node's own accounts (eth_accounts: a dev node's funded accounts, the demo's
 *  actors among them) and every supplier and borrower in the Pool-type spokes' Supply and Borrow events. */
async function candidateAccounts(
  provider: JsonRpcProvider,
  spokes: readonly PoolSpoke[],
  toBlock: number,
): Promise<{ sources: string[]; users: string[] }> {
  const users = new Set<string>();
  const sources: string[] = [];
  try {
    const own = (await provider.send("eth_accounts", [])) as string[];
    own.forEach((a) => users.add(getAddress(a)));
    sources.push(`eth_accounts (${own.length})`);
  } catch {
    sources.push("eth_accounts (not offered by this node)");
  }
  const pool = new Contract(spokes[0]?.address ?? "", poolAbi, provider);
  const topics = ["Supply", "Borrow"]
    .map((e) => pool.interface.getEvent(e)?.topicHash)
    .filter((t): t is string => t !== undefined);
  let fromEvents = 0;
  for (const s of spokes) {
    for (const log of await provider.getLogs({ address: s.address, topics: [topics], fromBlock: 0, toBlock })) {
      const e = pool.interface.parseLog(log);
      if (e === null) continue;
      const a = getAddress(String(e.args.getValue("onBehalfOf")));
      if (!users.has(a)) ++fromEvents;
      users.add(a);
    }
  }
  sources.push(`the Supply/Borrow events of ${spokes.length} Pool-type spokes (${fromEvents} more)`);
  return { sources, users: [...users] };
}

/** `read()` as a SpokeRead: a revert becomes its decoded custom error (the view shows it instead of failing). */
async function spokeRead<T>(name: string, read: () => Promise<T>): Promise<SpokeRead<T>> {
  try {
    return { name, account: await read() };
  } catch (e) {
    const d = decodeError(e);
    return { name, error: d === undefined ? (e as Error).message : formatError(d) };
  }
}

function hasPosition(p: UserAccounts): boolean {
  return (
    [...p.pools, ...p.nft, ...p.rwa].some((x) => x.error !== undefined) ||
    p.pools.some(
      (x) => x.account !== undefined && (x.account.totalCollateralBase > 0n || x.account.totalDebtBase > 0n),
    ) ||
    p.nft.some((x) => x.account !== undefined && (x.account.items.length > 0 || x.account.debt > 0n)) ||
    p.rwa.some((x) => x.account !== undefined && x.account.positions.some((q) => q.collateral > 0n || q.debt > 0n))
  );
}

const named = (record: DeploymentRecord, contract: string) =>
  Object.entries(record.contracts)
    .filter(([, c]) => c.contract === contract)
    .map(([name, c]) => ({ name, address: c.address }));

export async function readAccounts(chain: Chain): Promise<AccountsView> {
  const { provider, record } = chain;
  const at = await atBlock(provider);
  const o = { blockTag: at.block };
  const spokes = (await hubPoolSpokes(chain, at.block)).map((s) => s.spoke);
  const { sources, users } = await candidateAccounts(provider, spokes, at.block);
  const all = await Promise.all(
    users.map(async (user): Promise<UserAccounts> => ({
      user,
      pools: await Promise.all(spokes.map((s) => spokeRead(s.name, () => readAccount(provider, s.address, user, o)))),
      nft: await Promise.all(
        named(record, "NftSpoke").map((s) => spokeRead(s.name, () => readNftAccount(provider, s.address, user, o))),
      ),
      rwa: await Promise.all(
        named(record, "RwaSpoke").map((s) => spokeRead(s.name, () => readRwaAccount(provider, s.address, user, o))),
      ),
    })),
  );
  return { ...at, sources, accounts: all.filter(hasPosition) };
}

export async function readGovernance({ provider, record }: Chain): Promise<GovernanceView> {
  const at = await atBlock(provider);
  return { ...at, proposals: await readProposals(provider, record) };
}

export async function readModules({ provider, record }: Chain): Promise<ModulesView> {
  const at = await atBlock(provider);
  return {
    ...at,
    modules: await moduleVersions(provider, record),
    history: await readUpgradeHistory(provider, record, { toBlock: at.block }),
  };
}
