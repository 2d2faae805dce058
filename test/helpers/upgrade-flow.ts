// Shared fixture and governance driver of the upgrade tests: the whole Keel system from the one deployer, a few users
// with positions, and `proposeAndExecute` (propose -> vote with the deployer's dev KEEL allocation -> queue -> wait the right
// tier -> execute).
import { expect } from "chai";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type BytesLike, MaxUint256, id as keccakId, parseUnits } from "ethers";
import { type KeelSystem, deployKeel, mockFeedsOf, refreshMockFeeds } from "../../deploy/keel.js";
import type {
  KeelAccessManager,
  KeelGovernor,
  KeelTimelock,
  KeelUpgrader,
  MockERC20,
  Pool,
} from "../../types/ethers-contracts/index.js";
import { KeelTaskError } from "../../tasks/lib/keel.js";
import { defaultProbes, impersonate, type Probe } from "../../tasks/lib/upgrade.js";

export interface UpgradeFlowSystem {
  connection: NetworkConnection;
  keel: KeelSystem;
  deployer: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  governor: KeelGovernor;
  timelock: KeelTimelock;
  upgrader: KeelUpgrader;
  manager: KeelAccessManager;
  pool: Pool;
  tokens: Record<"USDC" | "WBTC" | "WETH", MockERC20>;
  users: string[];
  minDelay: bigint;
  criticalDelay: bigint;
}

/** Deploys Keel with `deployKeel` and opens positions: alice supplies USDC and WETH and borrows USDC, bob supplies
 *  WBTC and borrows WETH, carol only supplies USDC; a day of interest accrues. */
export async function deployUpgradeFlowSystem(connection: NetworkConnection): Promise<UpgradeFlowSystem> {
  const { ethers, networkHelpers } = connection;
  const keel = await deployKeel(hre, connection, { networkName: "test", recordDir: null });
  const [deployer, guardian, alice, bob, carol, stranger] = await ethers.getSigners();
  const at = <T>(name: string, key: string) => ethers.getContractAt(name, keel.address(key)) as unknown as Promise<T>;
  const pool = await at<Pool>("Pool", "Pool");
  const tokens = {
    USDC: await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset),
    WBTC: await ethers.getContractAt("MockERC20", keel.reserves.WBTC.asset),
    WETH: await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset),
  };
  const poolAddress = await pool.getAddress();
  for (const user of [alice, bob, carol]) {
    for (const t of Object.values(tokens)) {
      await t.mint(user.address, parseUnits("1000000", await t.decimals()));
      await t.connect(user).approve(poolAddress, MaxUint256);
    }
  }
  await pool.connect(alice).supply(keel.reserves.USDC.asset, parseUnits("10000", 6), alice.address, 0);
  await pool.connect(alice).supply(keel.reserves.WETH.asset, parseUnits("5", 18), alice.address, 0);
  await pool.connect(carol).supply(keel.reserves.USDC.asset, parseUnits("20000", 6), carol.address, 0);
  await pool.connect(bob).supply(keel.reserves.WBTC.asset, parseUnits("1", 8), bob.address, 0);
  await pool.connect(alice).borrow(keel.reserves.USDC.asset, parseUnits("2000", 6), 2, 0, alice.address);
  await pool.connect(bob).borrow(keel.reserves.WETH.asset, parseUnits("3", 18), 2, 0, bob.address);
  await networkHelpers.time.increase(86400);
  const timelock = await at<KeelTimelock>("KeelTimelock", "Timelock");
  const system: UpgradeFlowSystem = {
    connection,
    keel,
    deployer,
    guardian,
    alice,
    bob,
    carol,
    stranger,
    governor: await at<KeelGovernor>("KeelGovernor", "Governor"),
    timelock,
    upgrader: await at<KeelUpgrader>("KeelUpgrader", "Upgrader"),
    manager: await at<KeelAccessManager>("KeelAccessManager", "AccessManager"),
    pool,
    tokens,
    users: [alice.address, bob.address, carol.address],
    minDelay: await timelock.getMinDelay(),
    criticalDelay: await timelock.getCriticalDelay(),
  };
  await refreshFeeds(system);
  return system;
}

/** Mock feeds answer with a 1-day heartbeat: after a time jump, re-post each current answer so prices are fresh. */
export async function refreshFeeds(system: UpgradeFlowSystem): Promise<void> {
  // Reserves', further spokes', NFT floors', RWA NAVs' and synths' mock feeds.
  await refreshMockFeeds(system.connection.ethers, mockFeedsOf(system.keel.record));
}

/** Moves the clock to `timestamp` and refreshes the mock feeds. */
export async function travelTo(system: UpgradeFlowSystem, timestamp: bigint): Promise<void> {
  await system.connection.networkHelpers.time.increaseTo(timestamp);
  await refreshFeeds(system);
}

export interface QueuedProposal {
  proposalId: bigint;
  targets: string[];
  values: bigint[];
  calldatas: BytesLike[];
  descriptionHash: string;
  queuedAt: bigint;
  eta: bigint;
}

/** Propose (deployer), vote for (the deployer's dev allocation alone meets quorum), end the vote and queue. */
export async function proposeAndQueue(
  system: UpgradeFlowSystem,
  targets: string[],
  values: bigint[],
  calldatas: BytesLike[],
  description: string,
): Promise<QueuedProposal> {
  const { governor, connection } = system;
  const { time } = connection.networkHelpers;
  const descriptionHash = keccakId(description);
  const proposalId = await governor.hashProposal(targets, values, calldatas, descriptionHash);
  await governor.connect(system.deployer).propose(targets, values, calldatas, description);
  await time.increaseTo((await governor.proposalSnapshot(proposalId)) + 1n);
  await governor.connect(system.deployer).castVote(proposalId, 1);
  await time.increaseTo((await governor.proposalDeadline(proposalId)) + 1n);
  await governor.queue(targets, values, calldatas, descriptionHash);
  const queuedAt = BigInt(await time.latest());
  await refreshFeeds(system);
  return {
    proposalId,
    targets,
    values,
    calldatas,
    descriptionHash,
    queuedAt,
    eta: await governor.proposalEta(proposalId),
  };
}

/** Waits until the queued proposal's eta (the tier its actions require) and executes it. */
export async function executeQueued(system: UpgradeFlowSystem, q: QueuedProposal) {
  await travelTo(system, q.eta);
  return executeNow(system, q);
}

/** Executes without waiting (for tests that show it is too early). */
export function executeNow(system: UpgradeFlowSystem, q: QueuedProposal) {
  return system.governor.execute(q.targets, q.values, q.calldatas, q.descriptionHash);
}

/** The whole governance path: propose -> vote -> queue -> wait the right tier -> execute. */
export async function proposeAndExecute(
  system: UpgradeFlowSystem,
  targets: string[],
  values: bigint[],
  calldatas: BytesLike[],
  description: string,
) {
  const q = await proposeAndQueue(system, targets, values, calldatas, description);
  return executeQueued(system, q);
}

/** Calldata of `KeelUpgrader.upgradeAndVerify(proxy, impl, data, probes)`. */
export function upgradeCalldata(
  system: UpgradeFlowSystem,
  proxy: string,
  impl: string,
  data: BytesLike,
  probes: Probe[],
): string {
  return system.upgrader.interface.encodeFunctionData("upgradeAndVerify", [proxy, impl, data, probes]);
}

/** Calldata of `KeelUpgrader.rollbackAndVerify(proxy, previous, probes)`. */
export function rollbackCalldata(system: UpgradeFlowSystem, proxy: string, previous: string, probes: Probe[]): string {
  return system.upgrader.interface.encodeFunctionData("rollbackAndVerify", [proxy, previous, probes]);
}

export async function probesOf(system: UpgradeFlowSystem, module: string): Promise<Probe[]> {
  return defaultProbes(system.connection, system.keel.record, module);
}

/** The timelock as a signer (for showing it cannot bypass KeelUpgrader, and for quick negative upgrader cases). */
export function timelockSigner(system: UpgradeFlowSystem): Promise<HardhatEthersSigner> {
  return impersonate(system.connection, system.keel.address("Timelock"));
}

/** One round of user activity: carol supplies, alice borrows and repays, bob repays part of his debt. */
export async function userActivity(system: UpgradeFlowSystem): Promise<void> {
  const { pool, keel, alice, bob, carol } = system;
  const usdc = keel.reserves.USDC.asset;
  const weth = keel.reserves.WETH.asset;
  await (await pool.connect(carol).supply(usdc, parseUnits("100", 6), carol.address, 0)).wait();
  await (await pool.connect(alice).borrow(usdc, parseUnits("50", 6), 2, 0, alice.address)).wait();
  await (await pool.connect(alice).repay(usdc, parseUnits("50", 6), 2, alice.address)).wait();
  await (await pool.connect(bob).repay(weth, parseUnits("0.1", 18), 2, bob.address)).wait();
}

/** Asserts that `p` rejects with a KeelTaskError (a readable task error) whose message matches `pattern`. */
export async function expectTaskError(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error, "expected a KeelTaskError").to.be.instanceOf(KeelTaskError);
  expect((error as Error).message).to.match(pattern);
}
