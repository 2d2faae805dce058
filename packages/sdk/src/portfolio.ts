// One user across every spoke of a deployment: each Pool-type spoke (the core spoke first), each NFT spoke and each
// RWA spoke the record lists. Each spoke keeps its own health factor: positions do not net across spokes.
import type { ContractRunner } from "ethers";
import { type Account, readAccount } from "./account.js";
import { type DeploymentRecord, poolSpokes } from "./deployment.js";
import type { ReadOptions } from "./read.js";
import { type NftAccount, type RwaAccount, readNftAccount, readRwaAccount } from "./spokes.js";

export interface Portfolio {
  user: string;
  /** By record name ("Pool", "EModePool", ...), the core spoke first. */
  pools: { name: string; account: Account }[];
  nft: { name: string; account: NftAccount }[];
  rwa: { name: string; account: RwaAccount }[];
}

/** Record names of the contracts of kind `contract` (e.g. every "NftSpoke"). */
function named(record: DeploymentRecord, contract: string): { name: string; address: string }[] {
  return Object.entries(record.contracts)
    .filter(([, c]) => c.contract === contract)
    .map(([name, c]) => ({ name, address: c.address }));
}

/** `user`'s accounts on every spoke of `record`. */
export async function readPortfolio(
  runner: ContractRunner,
  record: DeploymentRecord,
  user: string,
  opts: ReadOptions = {},
): Promise<Portfolio> {
  const pools = await Promise.all(
    poolSpokes(record).map(async (s) => ({ name: s.name, account: await readAccount(runner, s.address, user, opts) })),
  );
  const nft = await Promise.all(
    named(record, "NftSpoke").map(async (s) => ({
      name: s.name,
      account: await readNftAccount(runner, s.address, user, opts),
    })),
  );
  const rwa = await Promise.all(
    named(record, "RwaSpoke").map(async (s) => ({
      name: s.name,
      account: await readRwaAccount(runner, s.address, user, opts),
    })),
  );
  return { user, pools, nft, rwa };
}
