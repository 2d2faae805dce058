// NFT keeper: watches the NFT spoke's accounts (from its NftDeposited events), opens an auction at the minimum bid for
// one item of each account below health factor 1 (one auction per account at a time, as the spoke allows), and settles
// auctions that have ended. Called by the `keel keeper` task (tasks/keeper/run.ts) after the core spoke's round; exported for tests.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256 } from "ethers";
import type { DeploymentRecord } from "../../deploy/records.js";
import { WAD, formatHealthFactor, readNftAccount } from "../../packages/sdk/src/index.js";
import { latestTimestamp } from "../../tasks/lib/keel.js";

export interface NftKeeperOptions {
  dryRun?: boolean;
  log?: (line: string) => void;
  keeper?: HardhatEthersSigner;
}

export interface NftKeeperAction {
  kind: "open" | "settle";
  account: string;
  collection: string;
  tokenId: bigint;
  healthFactor?: bigint;
  bid?: bigint;
  done: boolean;
  error?: string;
}

export async function runNftKeeper(
  ethers: HardhatEthers,
  record: DeploymentRecord,
  opts: NftKeeperOptions = {},
): Promise<NftKeeperAction[]> {
  const log = opts.log ?? (() => {});
  const entry = record.contracts.NftSpoke;
  if (entry === undefined) return [];
  const keeper = opts.keeper ?? (await ethers.getSigners())[0];
  const spoke = await ethers.getContractAt("NftSpoke", entry.address, keeper);
  const accounts = new Set<string>();
  for (const ev of await spoke.queryFilter(spoke.filters.NftDeposited(), entry.block ?? 0))
    accounts.add(ev.args.account);
  log(`nft keeper: ${String(accounts.size)} account(s) seen`);
  const now = BigInt(await latestTimestamp(ethers.provider));
  const actions: NftKeeperAction[] = [];
  for (const account of accounts) {
    const items = await spoke.itemsOf(account);
    // Settle what has ended (anyone may), then open one auction if the account is unhealthy and none runs.
    let running = false;
    for (const it of items) {
      const a = await spoke.getAuction(it.collection, it.tokenId);
      if (a.borrower === ethers.ZeroAddress) continue;
      running = true;
      if (a.endsAt > now) continue;
      const action: NftKeeperAction = {
        kind: "settle",
        account,
        collection: it.collection,
        tokenId: it.tokenId,
        done: false,
      };
      actions.push(action);
      if (opts.dryRun) continue;
      try {
        await (await spoke.settle(it.collection, it.tokenId)).wait();
        action.done = true;
        log(`nft keeper: settled #${String(it.tokenId)} of ${account}`);
      } catch (e) {
        action.error = (e as Error).message.split("\n")[0];
      }
    }
    if (running || items.length === 0) continue;
    // The account as the SDK reads it (items valued, debt asset, the spoke's own health factor), at one block; after
    // the settling above, which needs no price (a stale floor must not keep ended auctions from settling).
    const acct = await readNftAccount(ethers.provider, entry.address, account, {
      blockTag: await ethers.provider.getBlockNumber(),
    });
    const hf = acct.healthFactor;
    if (hf >= WAD) continue;
    const it = items[0];
    const bid = await spoke.minimumBid(it.collection, it.tokenId);
    const action: NftKeeperAction = {
      kind: "open",
      account,
      collection: it.collection,
      tokenId: it.tokenId,
      healthFactor: hf,
      bid,
      done: false,
    };
    actions.push(action);
    log(
      `nft keeper: ${account} at health factor ${formatHealthFactor(hf)}: ${opts.dryRun ? "would open" : "opening"} an auction of #${String(it.tokenId)} at ${String(bid)}`,
    );
    if (opts.dryRun) continue;
    try {
      const token = await ethers.getContractAt("MockERC20", acct.debtAsset, keeper);
      if ((await token.allowance(keeper.address, entry.address)) < bid)
        await (await token.approve(entry.address, MaxUint256)).wait();
      await (await spoke.bid(it.collection, it.tokenId, bid)).wait();
      action.done = true;
    } catch (e) {
      action.error = (e as Error).message.split("\n")[0];
      log(`nft keeper: opening failed: ${action.error}`);
    }
  }
  return actions;
}
