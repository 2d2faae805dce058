// The guardian's two powers as tasks, for operators and for the e2e that shows their limits: pause (the pool, a
// reserve or flash loans; expiring, see docs/governance.md) and cancel a queued proposal's timelock operation (refused
// for operations made only of cancel-protected calls: removing the guardian, unpausing).
import type { NetworkConnection } from "hardhat/types/network";
import { type BytesLike, ZeroHash, keccak256, toBeHex, zeroPadValue, toUtf8Bytes } from "ethers";
import type { DeploymentRecord } from "../../deploy/records.js";
import type { KeelTimelock, Pool } from "../../types/ethers-contracts/index.js";
import { findProposal, governorOf } from "./governance.js";
import { KeelTaskError, mined, reserveOf, signerAt } from "./keel.js";

/** The timelock operation id of a proposal queued by the Governor (OZ's salt: bytes20(governor) ^ descriptionHash). */
export function timelockOperationId(
  timelock: KeelTimelock,
  governor: string,
  p: { targets: string[]; values: bigint[]; calldatas: BytesLike[]; descriptionHash: string },
): Promise<string> {
  const { descriptionHash } = p;
  const salt = zeroPadValue(toBeHex((BigInt(governor) << 96n) ^ BigInt(descriptionHash)), 32);
  return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ZeroHash, salt);
}

export interface CancelResult {
  operationId: string;
  txHash: string;
}

/** Cancels the timelock operation of queued proposal `id` as signer `from` (the guardian, or any canceller). */
export async function cancelQueued(
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: { id: bigint; from: number },
): Promise<CancelResult> {
  const { ethers } = connection;
  const timelockAddress = record.contracts.Timelock?.address;
  if (timelockAddress === undefined) throw new KeelTaskError("This deployment has no timelock.");
  const governor = await governorOf(connection, record);
  const p = await findProposal(connection, record, opts.id);
  const signer = await signerAt(ethers, opts.from);
  const timelock = await ethers.getContractAt("KeelTimelock", timelockAddress, signer);
  const operationId = await timelockOperationId(timelock, await governor.getAddress(), {
    ...p,
    descriptionHash: keccak256(toUtf8Bytes(p.description)),
  });
  if (!(await timelock.isOperationPending(operationId))) {
    throw new KeelTaskError(
      `Proposal ${String(opts.id)} has no pending timelock operation (not queued, or already executed or cancelled).`,
    );
  }
  const tx = await timelock.cancel(operationId);
  await tx.wait();
  return { operationId, txHash: tx.hash };
}

/** What `keel pause <scope>` accepts: "pool", "flash", or "reserve:<symbol>". */
export async function guardianPause(
  connection: NetworkConnection,
  record: DeploymentRecord,
  pool: Pool,
  opts: { scope: string; from: number },
): Promise<{ txHash: string; what: string }> {
  const signer = await signerAt(connection.ethers, opts.from);
  const p = pool.connect(signer);
  const [kind, arg] = opts.scope.split(":");
  if (kind === "pool") return { txHash: (await mined(p.pause())).hash, what: "the pool" };
  if (kind === "flash") return { txHash: (await mined(p.pauseFlashLoans())).hash, what: "flash loans" };
  if (kind === "reserve" && arg !== undefined) {
    const r = reserveOf(record, arg);
    return { txHash: (await mined(p.pauseReserve(r.asset))).hash, what: `the ${r.symbol} reserve` };
  }
  throw new KeelTaskError(`Invalid pause scope "${opts.scope}": pool, flash or reserve:<symbol>.`);
}
