// Upgrade history from events: every ERC-1967 `Upgraded` of each proxy of the record (its first implementation at
// deployment included), joined with KeelUpgrader's `ModuleUpgraded` (old and new implementation, version and ABI
// identifier) for the upgrades that went through it.
import { type BlockTag, Interface, type Provider, getAddress } from "ethers";
import { erc1967ProxyAbi, upgraderAbi } from "./abis.js";
import type { DeploymentRecord } from "./deployment.js";

export interface UpgradeEvent {
  /** Record name of the module ("Pool", "Oracle", ...) and its proxy. */
  module: string;
  proxy: string;
  /** The implementation from this event on. */
  implementation: string;
  block: number;
  txHash: string;
  /** From KeelUpgrader's ModuleUpgraded in the same transaction (undefined for the deployment itself or an upgrade
   *  that did not go through the upgrader). */
  previousImplementation?: string;
  previousVersion?: string;
  version?: string;
  /** The ABI identifiers (`abiId()`, see versions.ts) before and after: zero hash for a module without one. */
  previousAbiId?: string;
  abiId?: string;
}

const proxyInterface = new Interface(erc1967ProxyAbi);
const upgraderInterface = new Interface(upgraderAbi);

/** Every upgrade of every proxy in `record`, oldest first (`fromBlock` default 0, `toBlock` default latest). */
export async function readUpgradeHistory(
  provider: Provider,
  record: DeploymentRecord,
  opts: { fromBlock?: BlockTag; toBlock?: BlockTag } = {},
): Promise<UpgradeEvent[]> {
  const range = { fromBlock: opts.fromBlock ?? 0, toBlock: opts.toBlock ?? "latest" };
  const upgradedTopic = proxyInterface.getEvent("Upgraded")?.topicHash;
  const moduleUpgraded = upgraderInterface.getEvent("ModuleUpgraded");
  if (upgradedTopic === undefined || moduleUpgraded === null)
    throw new Error("@keel/sdk: ABIs lack the upgrade events");
  // KeelUpgrader's records, by transaction and proxy.
  const verified = new Map<
    string,
    { previousImplementation: string; previousVersion: string; version: string; previousAbiId: string; abiId: string }
  >();
  const upgrader = record.contracts.Upgrader?.address;
  if (upgrader !== undefined) {
    for (const log of await provider.getLogs({ ...range, address: upgrader, topics: [moduleUpgraded.topicHash] })) {
      const e = upgraderInterface.parseLog(log);
      if (e === null) continue;
      verified.set(`${log.transactionHash}:${getAddress(String(e.args[0]))}`, {
        previousImplementation: getAddress(String(e.args[1])),
        previousVersion: String(e.args[3]),
        version: String(e.args[4]),
        previousAbiId: String(e.args[5]),
        abiId: String(e.args[6]),
      });
    }
  }
  const out: UpgradeEvent[] = [];
  for (const [module, c] of Object.entries(record.contracts)) {
    if (c.implementation === undefined) continue;
    const proxy = getAddress(c.address);
    for (const log of await provider.getLogs({ ...range, address: proxy, topics: [upgradedTopic] })) {
      const e = proxyInterface.parseLog(log);
      if (e === null) continue;
      out.push({
        module,
        proxy,
        implementation: getAddress(String(e.args[0])),
        block: log.blockNumber,
        txHash: log.transactionHash,
        ...verified.get(`${log.transactionHash}:${proxy}`),
      });
    }
  }
  return out.sort((a, b) => a.block - b.block);
}
