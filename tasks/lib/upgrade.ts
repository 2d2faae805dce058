// Upgrade task logic: validate a new implementation's storage against the one running, rehearse the upgrade on the
// current chain (snapshot, impersonated timelock, KeelUpgrader.upgradeAndVerify, post-upgrade checks, revert), and
// propose it to the DAO. Each function takes (hre, connection, record, options) so tasks and tests share it.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { type ContractFactory, Interface, MaxUint256, encodeBytes32String, id as keccakId } from "ethers";
import type { DeploymentRecord } from "../../deploy/records.js";
import type { Pool } from "../../types/ethers-contracts/index.js";
import { KeelTaskError, latestTimestamp } from "./keel.js";
import { propose } from "./governance.js";
import { adminSlots, implementationOf, matchArtifact } from "./bytecode.js";

/** Modules that upgrade through KeelUpgrader, by the `--module` name; the value is the record key. Every spoke of
 *  the record upgrades the same way under its own record name (`spokeModules`): the core spoke is "Pool". */
export const UPGRADE_MODULES = {
  Pool: "Pool",
  Oracle: "Oracle",
  RateModel: "RateModel",
  Treasury: "Treasury",
  ModuleRegistry: "ModuleRegistry",
  FlashLender: "FlashLender",
  SafetyModule: "SafetyModule",
} as const;
export type UpgradeModule = keyof typeof UPGRADE_MODULES;

/** Implementation contracts of spokes (a V2 keeps its family's prefix: "PoolV2", "NftSpokeV2"). */
const SPOKE_CONTRACTS = ["Pool", "NftSpoke", "RwaSpoke"] as const;

/** The record's spokes behind proxies, by record name: the further Pool-type spokes (e.g. "EModePool"), the NFT and
 *  the RWA spokes. Each is its own `--module` of `keel upgrade`. */
export function spokeModules(record: DeploymentRecord): string[] {
  return Object.entries(record.contracts)
    .filter(
      ([key, c]) =>
        key !== "Pool" && c.implementation !== undefined && SPOKE_CONTRACTS.some((f) => c.contract.startsWith(f)),
    )
    .map(([key]) => key);
}

/** Whether a record entry runs a Pool-type spoke (the core spoke or a further one). */
function isPoolSpoke(record: DeploymentRecord, key: string): boolean {
  const c = record.contracts[key]?.contract ?? "";
  return c === "Pool" || /^PoolV\d+/.test(c);
}

export interface Probe {
  target: string;
  data: string;
}

export interface ModuleTarget {
  /** The `--module` name: an UPGRADE_MODULES key or a spoke's record name (also its record key). */
  module: string;
  proxy: string;
  /** Contract name the record gives the implementation running now (see `runningContract` for the chain's). */
  currentContract: string;
}

export interface UpgradeOptions {
  module: string;
  impl: string;
  /** Initializer call run in the upgrade transaction; default: `initializeV2(label)` when the implementation has
   *  one, else none. */
  initData?: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface RehearsalReport {
  module: string;
  impl: string;
  proxy: string;
  ok: boolean;
  implementation?: string;
  oldVersion?: string;
  newVersion?: string;
  sampledAccounts: string[];
  checks: Check[];
}

const DUMMY_LIBRARY = "0x000000000000000000000000000000000000dEaD";

export function moduleTarget(record: DeploymentRecord, module: string): ModuleTarget {
  const spokes = spokeModules(record);
  const key = module in UPGRADE_MODULES ? UPGRADE_MODULES[module as UpgradeModule] : spokes.find((k) => k === module);
  if (key === undefined) {
    throw new KeelTaskError(
      `Unknown --module "${module}". One of: ${[...Object.keys(UPGRADE_MODULES), ...spokes].join(", ")}.`,
    );
  }
  const entry = record.contracts[key];
  if (entry === undefined) throw new KeelTaskError(`This deployment has no ${key}.`);
  return { module, proxy: entry.address, currentContract: entry.contract };
}

/** The contract the proxy actually runs (issue 10, finding 9): its ERC-1967 implementation's runtime code matched
 *  against this project's artifacts. Refuses code that matches none: its storage layout is unknown. */
export async function runningContract(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  target: ModuleTarget,
): Promise<{ implementation: string; contract: string }> {
  const implementation = await implementationOf(connection, target.proxy);
  const contract = await matchArtifact(hre, connection, implementation);
  if (contract === undefined) {
    throw new KeelTaskError(
      `The ${target.module} proxy runs ${implementation}, whose code matches no contract compiled in this project ` +
        `(the record says ${target.currentContract}): its storage layout is unknown, so no upgrade can be validated against it.`,
    );
  }
  return { implementation, contract };
}

type UpgradeOptionsOf = { kind: "uups"; unsafeAllow?: "external-library-linking"[] };

/** The plugin options of an upgrade between `contracts` (running and new): external-library linking allowed when
 *  any of them links a library (the Pool-type spokes' logic libraries, the NFT spoke's NftLogic). The libraries are
 *  deployed fresh with every implementation and hold no state, so linking is safe here. */
export async function upgradeOptionsFor(
  hre: HardhatRuntimeEnvironment,
  ...contracts: string[]
): Promise<UpgradeOptionsOf> {
  for (const name of contracts) {
    const links = (await hre.artifacts.readArtifact(name)).linkReferences;
    if (Object.keys(links).length > 0) return { kind: "uups", unsafeAllow: ["external-library-linking"] };
  }
  return { kind: "uups" };
}

/** A factory for `name`, its external libraries linked: freshly deployed ones (`deployLibraries`), else placeholders
 *  (enough for storage validation, which never runs the code). */
export async function linkedFactory(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  name: string,
  opts: { deployLibraries?: boolean; signer?: HardhatEthersSigner } = {},
): Promise<ContractFactory> {
  const { ethers } = connection;
  let artifact;
  try {
    artifact = await hre.artifacts.readArtifact(name);
  } catch {
    throw new KeelTaskError(
      `No compiled contract "${name}": check the name (e.g. PoolV2) and run \`npx hardhat build\`.`,
    );
  }
  const libraries: Record<string, string> = {};
  for (const libs of Object.values(artifact.linkReferences ?? {})) {
    for (const lib of Object.keys(libs)) {
      if (libraries[lib] !== undefined) continue;
      libraries[lib] = opts.deployLibraries
        ? await (await ethers.deployContract(lib, opts.signer)).getAddress()
        : DUMMY_LIBRARY;
    }
  }
  return Object.keys(libraries).length > 0
    ? ethers.getContractFactory(name, { libraries, signer: opts.signer })
    : ethers.getContractFactory(name, opts.signer);
}

/** Storage-layout and upgrade-safety validation of `impl` against the implementation running now. */
export async function validateImplementation(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: UpgradeOptions,
): Promise<Check> {
  const target = moduleTarget(record, opts.module);
  const upgradesApi = await upgrades(hre, connection);
  let running: { implementation: string; contract: string };
  try {
    running = await runningContract(hre, connection, target);
  } catch (e) {
    return { name: "storage layout", ok: false, detail: (e as Error).message };
  }
  const current = await linkedFactory(hre, connection, running.contract);
  const next = await linkedFactory(hre, connection, opts.impl);
  const mismatch = running.contract === target.currentContract ? "" : ` (the record said ${target.currentContract})`;
  try {
    await upgradesApi.validateUpgrade(current, next, await upgradeOptionsFor(hre, running.contract, opts.impl));
    return {
      name: "storage layout",
      ok: true,
      detail: `${opts.impl} is upgrade-compatible with ${running.contract}, running at ${running.implementation}${mismatch}`,
    };
  } catch (e) {
    return {
      name: "storage layout",
      ok: false,
      detail: (e as Error).message
        .split("\n")
        .filter((l) => l.trim())
        .slice(0, 12)
        .join("\n"),
    };
  }
}

/** `initializeV2(label)` when the implementation has it, else no call. */
export async function defaultInitData(hre: HardhatRuntimeEnvironment, impl: string, label: string): Promise<string> {
  const iface = new Interface((await hre.artifacts.readArtifact(impl)).abi as never[]);
  const fn = iface.getFunction("initializeV2");
  if (fn === null) return "0x";
  if (fn.inputs.length === 1 && fn.inputs[0].type === "bytes32")
    return iface.encodeFunctionData(fn, [encodeBytes32String(label.slice(0, 31))]);
  if (fn.inputs.length === 0) return iface.encodeFunctionData(fn, []);
  throw new KeelTaskError(`${impl}.initializeV2 takes arguments: pass the initializer call explicitly.`);
}

/** The init data of an upgrade of `proxy` to `impl`: `explicit`, else `defaultInitData`. A reinitializer named
 *  `initializeV<N>` is left out when the proxy's initialized version is already >= N: after a rollback to V1 the
 *  proxy keeps the V2 namespace and its initialized version (V1 never touches either), so re-upgrading to V2 must not
 *  run `initializeV2` again (it would revert `InvalidInitialization`, and there is nothing left to initialise). An
 *  explicit call that would revert that way is refused with a readable error instead. */
export async function upgradeInitData(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  proxy: string,
  impl: string,
  label: string,
  explicit?: string,
): Promise<{ data: string; note?: string }> {
  const data = explicit ?? (await defaultInitData(hre, impl, label));
  if (data === "0x" || data === "") return { data: "0x" };
  const iface = new Interface((await hre.artifacts.readArtifact(impl)).abi as never[]);
  const fn = iface.getFunction(data.slice(0, 10));
  const n = fn?.name.match(/^initializeV(\d+)$/)?.[1];
  if (fn === null || n === undefined) return { data };
  const module = await connection.ethers.getContractAt("IUpgradeCheckable", proxy);
  const initialized = await module.initializedVersion();
  if (initialized < BigInt(n)) return { data };
  const note = `${fn.name} already ran on this proxy (initialized version ${String(initialized)}): upgrading without it`;
  if (explicit !== undefined)
    throw new KeelTaskError(
      `${impl}.${fn.name} cannot run again: the proxy's initialized version is ${String(initialized)} (a rollback keeps it). Pass no init data.`,
    );
  return { data: "0x", note };
}

/** Calls KeelUpgrader makes after the upgrade, in the same transaction: the module answers and the pool still prices
 *  accounts (which reads the oracle, the rate model's wiring and every reserve). */
export function defaultProbes(
  connection: NetworkConnection,
  record: DeploymentRecord,
  module: string,
): Promise<Probe[]> {
  const { ethers } = connection;
  const target = moduleTarget(record, module);
  const pool = record.contracts.Pool.address;
  const poolIface = new Interface([
    "function getReservesList() view returns (address[])",
    "function getUserAccountData(address) view returns (uint256,uint256,uint256,uint256,uint256,uint256)",
  ]);
  const versionIface = new Interface(["function version() view returns (string)"]);
  return Promise.resolve(
    [
      { target: target.proxy, data: versionIface.encodeFunctionData("version") },
      { target: pool, data: poolIface.encodeFunctionData("getReservesList") },
      { target: pool, data: poolIface.encodeFunctionData("getUserAccountData", [record.deployer]) },
    ].map((p) => ({ target: ethers.getAddress(p.target), data: p.data })),
  );
}

async function poolOf(connection: NetworkConnection, record: DeploymentRecord, spoke = "Pool"): Promise<Pool> {
  const entry = record.contracts[spoke];
  if (entry === undefined) throw new KeelTaskError(`This deployment has no ${spoke}.`);
  return await connection.ethers.getContractAt("Pool", entry.address);
}

/** The Pool-type spoke whose state a rehearsal compares: the module itself when it is one, else the core spoke (the
 *  hub's books, the oracle's and the rate model's readers all show through it). */
export function stateSpokeOf(record: DeploymentRecord, module: string): string {
  const key = module in UPGRADE_MODULES ? UPGRADE_MODULES[module as UpgradeModule] : module;
  return isPoolSpoke(record, key) ? key : "Pool";
}

/** Accounts that used a Pool-type spoke (default the core spoke), from its Supply and Borrow events (most recent
 *  first, at most `max`). */
export async function sampleAccounts(
  connection: NetworkConnection,
  record: DeploymentRecord,
  max = 10,
  spoke = "Pool",
): Promise<string[]> {
  const pool = await poolOf(connection, record, spoke);
  const from = record.contracts[spoke]?.block ?? 0;
  const logs = [
    ...(await pool.queryFilter(pool.filters.Supply(), from)),
    ...(await pool.queryFilter(pool.filters.Borrow(), from)),
  ].sort((a, b) => b.blockNumber - a.blockNumber || b.index - a.index);
  const seen = new Set<string>();
  for (const l of logs) {
    const who = l.args.onBehalfOf;
    if (!seen.has(who)) seen.add(who);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** A JSON-comparable picture of the pool's state: every reserve's stored data and totals, and each sampled account's
 *  positions, balances, configuration and account data. Time-dependent values: read both sides at one timestamp. */
export async function readPoolState(
  connection: NetworkConnection,
  record: DeploymentRecord,
  accounts: string[],
  spoke = "Pool",
): Promise<Record<string, unknown>> {
  const pool = await poolOf(connection, record, spoke);
  const reserves = await pool.getReservesList();
  const state: Record<string, unknown> = {
    reserves: [...reserves],
    oracle: await pool.oracle(),
    treasury: await pool.treasury(),
    registry: await pool.registry(),
    defaultRateModel: await pool.defaultRateModel(),
    paused: await pool.paused(),
    flashPremium: [await pool.FLASHLOAN_PREMIUM_TOTAL(), await pool.FLASHLOAN_PREMIUM_TO_PROTOCOL()],
  };
  for (const asset of reserves) {
    state[`reserve:${asset}`] = {
      data: (await pool.getKeelReserveData(asset)).toString(),
      totals: (await pool.getReserveTotals(asset)).toString(),
      income: await pool.getReserveNormalizedIncome(asset),
      debtIndex: await pool.getReserveNormalizedVariableDebt(asset),
    };
  }
  for (const user of accounts) {
    const positions: Record<string, unknown> = {};
    for (const asset of reserves) {
      positions[asset] = {
        position: (await pool.getUserPosition(asset, user)).toString(),
        supplied: await pool.supplyBalanceOf(asset, user),
        debt: await pool.debtBalanceOf(asset, user),
      };
    }
    state[`user:${user}`] = {
      config: await pool.getKeelUserConfiguration(user),
      accountData: (await pool.getUserAccountData(user)).toString(),
      positions,
    };
  }
  return state;
}

/** Per reserve of the core spoke, the hub's books: cash + drawn >= supplied (every supplier of every spoke can be paid
 *  once debts are repaid). Read from the hub, not the spoke: the other spokes draw on the same cash (a check of one
 *  spoke's debt against the hub's cash fails as soon as another spoke borrows). */
export async function solvencyChecks(connection: NetworkConnection, record: DeploymentRecord): Promise<Check[]> {
  const pool = await poolOf(connection, record);
  const hubAddress = record.contracts.LiquidityHub?.address;
  if (hubAddress === undefined) throw new KeelTaskError("This deployment has no liquidity hub.");
  const hub = await connection.ethers.getContractAt("LiquidityHub", hubAddress);
  const checks: Check[] = [];
  const symbolOf = (a: string) =>
    Object.entries(record.reserves ?? {}).find(([, r]) => r.asset.toLowerCase() === a.toLowerCase())?.[0] ?? a;
  for (const asset of await pool.getReservesList()) {
    const [supplied, drawn, cash] = await hub.assetTotals(asset);
    const ok = cash + drawn >= supplied;
    checks.push({
      name: `solvency ${symbolOf(asset)}`,
      ok,
      detail: `hub cash ${String(cash)} + drawn ${String(drawn)} ${ok ? ">=" : "<"} supplied ${String(supplied)}`,
    });
  }
  return checks;
}

async function rpc(connection: NetworkConnection, method: string, params: unknown[] = []): Promise<unknown> {
  return connection.provider.request({ method, params });
}

/** Runs `reader` before and after `action` at the SAME block timestamp, so interest accrual cannot make equal state
 *  look different: the "before" read happens in a throw-away block at that timestamp, reverted afterwards. */
export async function beforeAndAfterAtSameTime<T, R>(
  connection: NetworkConnection,
  reader: () => Promise<T>,
  action: () => Promise<R>,
): Promise<{ before: T; after: T; result: R }> {
  const ts = (await latestTimestamp(connection.ethers.provider)) + 1;
  const snap = await rpc(connection, "evm_snapshot");
  await rpc(connection, "evm_setNextBlockTimestamp", [ts]);
  await rpc(connection, "evm_mine");
  const before = await reader();
  await rpc(connection, "evm_revert", [snap]);
  await rpc(connection, "evm_setNextBlockTimestamp", [ts]);
  const result = await action();
  const after = await reader();
  return { before, after, result };
}

/** A signer impersonating `address`, with ether for gas. Development chains and forks only. */
export async function impersonate(connection: NetworkConnection, address: string): Promise<HardhatEthersSigner> {
  await rpc(connection, "hardhat_impersonateAccount", [address]);
  await rpc(connection, "hardhat_setBalance", [address, "0x56BC75E2D63100000"]); // 100 ether
  return connection.ethers.getSigner(address);
}

/** Supply, borrow, repay and withdraw by a fresh funded account, on the first reserve that allows borrowing. Dev
 *  chains (mintable mock tokens) only. */
export async function smokeTest(connection: NetworkConnection, record: DeploymentRecord): Promise<Check> {
  const { ethers } = connection;
  const pool = await poolOf(connection, record);
  const reserve = Object.entries(record.reserves ?? {})[0];
  if (reserve === undefined) return { name: "smoke supply/borrow/repay", ok: false, detail: "no reserve listed" };
  const [symbol, r] = reserve;
  const user = await impersonate(connection, ethers.getAddress(keccakId("keel.rehearsal.smoke").slice(0, 42)));
  const token = await ethers.getContractAt("MockERC20", r.asset, user);
  const amount = 1000n * 10n ** BigInt(r.decimals);
  try {
    // A margin above the supply pays the interest that accrues on the borrow between blocks.
    await (await token.mint(user.address, amount + amount / 100n)).wait();
  } catch {
    return {
      name: "smoke supply/borrow/repay",
      ok: true,
      detail: `skipped: ${symbol} is not a mintable mock token on this network`,
    };
  }
  try {
    await (await token.approve(await pool.getAddress(), MaxUint256)).wait();
    await (await pool.connect(user).supply(r.asset, amount, user.address, 0)).wait();
    await (await pool.connect(user).borrow(r.asset, amount / 10n, 2, 0, user.address)).wait();
    await (await pool.connect(user).repay(r.asset, MaxUint256, 2, user.address)).wait();
    await (await pool.connect(user).withdraw(r.asset, MaxUint256, user.address)).wait();
    const left = await pool.debtBalanceOf(r.asset, user.address);
    return {
      name: "smoke supply/borrow/repay",
      ok: left === 0n,
      detail: `supplied, borrowed, repaid and withdrew ${symbol}; debt left ${String(left)}`,
    };
  } catch (e) {
    return { name: "smoke supply/borrow/repay", ok: false, detail: (e as Error).message.split("\n")[0] };
  }
}

/** Rehearses `upgradeAndVerify(proxy, impl)` on the current chain and reverts everything afterwards. */
export async function rehearseUpgrade(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: UpgradeOptions & { sample?: number; describeError?: (e: unknown) => Promise<string> },
): Promise<RehearsalReport> {
  const target = moduleTarget(record, opts.module);
  const report: RehearsalReport = {
    module: opts.module,
    impl: opts.impl,
    proxy: target.proxy,
    ok: false,
    sampledAccounts: [],
    checks: [],
  };
  const push = (c: Check) => report.checks.push(c);
  const describe = opts.describeError ?? ((e: unknown) => Promise.resolve((e as Error).message.split("\n")[0]));

  const layout = await validateImplementation(hre, connection, record, opts);
  push(layout);
  if (!layout.ok) return report;

  const { ethers } = connection;
  const snapshot = await rpc(connection, "evm_snapshot");
  try {
    const timelock = await impersonate(connection, record.contracts.Timelock.address);
    const [deployerSigner] = await ethers.getSigners();
    const factory = await linkedFactory(hre, connection, opts.impl, { deployLibraries: true, signer: deployerSigner });
    const impl = await factory.deploy();
    await impl.waitForDeployment();
    const implementation = await impl.getAddress();
    report.implementation = implementation;
    const module = await ethers.getContractAt("IUpgradeCheckable", target.proxy);
    report.oldVersion = await module.version();
    const upgrader = await ethers.getContractAt("KeelUpgrader", record.contracts.Upgrader.address, timelock);
    const init = await upgradeInitData(
      hre,
      connection,
      target.proxy,
      opts.impl,
      `rehearsal ${opts.impl}`,
      opts.initData,
    );
    const initData = init.data;
    if (init.note !== undefined) push({ name: "init data", ok: true, detail: init.note });
    const probes = await defaultProbes(connection, record, opts.module);
    const stateSpoke = stateSpokeOf(record, opts.module);
    report.sampledAccounts = await sampleAccounts(connection, record, opts.sample ?? 10, stateSpoke);

    const slotsBefore = await adminSlots(connection, target.proxy);
    let upgraded = true;
    const { before, after } = await beforeAndAfterAtSameTime(
      connection,
      () => readPoolState(connection, record, report.sampledAccounts, stateSpoke),
      async () => {
        try {
          await (await upgrader.upgradeAndVerify(target.proxy, implementation, initData, probes)).wait();
          push({
            name: "upgradeAndVerify",
            ok: true,
            detail: "version increased, implementation locked, state digest unchanged, probes answered",
          });
        } catch (e) {
          upgraded = false;
          push({ name: "upgradeAndVerify", ok: false, detail: await describe(e) });
        }
      },
    );
    if (upgraded) {
      report.newVersion = await module.version();
      // Read from storage, not from the new code (which answers every view): issue 10, finding 8.
      const slotsAfter = await adminSlots(connection, target.proxy);
      const expected: Record<string, string> = {
        ...slotsBefore,
        implementation: ethers.getAddress(report.implementation),
      };
      const changedSlots = Object.keys(expected).filter((k) => expected[k] !== slotsAfter[k]);
      push({
        name: "admin slots (read from storage)",
        ok: changedSlots.length === 0,
        detail:
          changedSlots.length === 0
            ? "ERC-1967 implementation is the new one; admin, beacon and AccessManaged authority unchanged"
            : changedSlots.map((k) => `${k}: ${expected[k]} -> ${slotsAfter[k]}`).join(", "),
      });
      const equal = JSON.stringify(before, jsonBigint) === JSON.stringify(after, jsonBigint);
      push({
        name: "pool state unchanged",
        ok: equal,
        detail:
          `${stateSpoke}: ${String(Object.keys(before).length)} entries, ${String(report.sampledAccounts.length)} sampled accounts` +
          (equal ? "" : `: first difference at ${firstDifference(before, after)}`),
      });
      for (const c of await solvencyChecks(connection, record)) push(c);
      push(await smokeTest(connection, record));
    }
  } finally {
    await rpc(connection, "evm_revert", [snapshot]);
  }
  report.ok = report.checks.every((c) => c.ok);
  return report;
}

function jsonBigint(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[k], jsonBigint) !== JSON.stringify(b[k], jsonBigint)) return k;
  }
  return "?";
}

export function formatRehearsal(r: RehearsalReport): string[] {
  const lines = [
    `Upgrade rehearsal: ${r.module} (${r.proxy}) -> ${r.impl}${r.implementation ? ` at ${r.implementation}` : ""}`,
  ];
  if (r.oldVersion) lines.push(`  version ${r.oldVersion} -> ${r.newVersion ?? "(not upgraded)"}`);
  for (const c of r.checks) lines.push(`  ${c.ok ? "✔" : "✘"} ${c.name}: ${c.detail.replace(/\n/g, "\n      ")}`);
  lines.push(
    r.ok
      ? "✔ rehearsal passed (chain reverted to its snapshot)"
      : "✘ rehearsal FAILED (chain reverted to its snapshot)",
  );
  return lines;
}

export interface ProposedUpgrade {
  proposalId: bigint;
  implementation: string;
  newVersion: string;
  description: string;
  target: string;
  calldata: string;
}

/** Validates, deploys the implementation (prepareUpgrade) and opens the DAO proposal calling upgradeAndVerify. */
export async function proposeUpgrade(
  hre: HardhatRuntimeEnvironment,
  connection: NetworkConnection,
  record: DeploymentRecord,
  opts: UpgradeOptions & { from?: number; title?: string },
): Promise<ProposedUpgrade> {
  const target = moduleTarget(record, opts.module);
  const layout = await validateImplementation(hre, connection, record, opts);
  if (!layout.ok) throw new KeelTaskError(`${opts.impl} cannot replace ${opts.module}:\n${layout.detail}`);
  const running = await runningContract(hre, connection, target);
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const signer = signers[opts.from ?? 0];
  const upgradesApi = await upgrades(hre, connection);
  const factory = await linkedFactory(hre, connection, opts.impl, { deployLibraries: true, signer });
  const pluginOpts = await upgradeOptionsFor(hre, running.contract, opts.impl);
  let implementation: string;
  try {
    implementation = (await upgradesApi.prepareUpgrade(target.proxy, factory, pluginOpts)) as string;
  } catch (e) {
    // A proxy deployed from another machine is not in this machine's manifest: import it, then prepare again.
    if (!/not registered|forceImport/i.test((e as Error).message)) throw e;
    await upgradesApi.forceImport(
      target.proxy,
      await linkedFactory(hre, connection, running.contract, { deployLibraries: true, signer }),
      pluginOpts,
    );
    implementation = (await upgradesApi.prepareUpgrade(target.proxy, factory, pluginOpts)) as string;
  }
  const newVersion = await (await ethers.getContractAt("IUpgradeCheckable", implementation)).version();
  const title = opts.title ?? `Upgrade ${opts.module} to ${opts.impl} ${newVersion}`;
  const initData = (await upgradeInitData(hre, connection, target.proxy, opts.impl, title, opts.initData)).data;
  const probes = await defaultProbes(connection, record, opts.module);
  const upgraderAddress = record.contracts.Upgrader.address;
  const upgrader = await ethers.getContractAt("KeelUpgrader", upgraderAddress);
  const calldata = upgrader.interface.encodeFunctionData("upgradeAndVerify", [
    target.proxy,
    implementation,
    initData,
    probes,
  ]);
  const description = [
    `# ${title}`,
    "",
    `Calls KeelUpgrader.upgradeAndVerify on the ${opts.module} proxy. In the same transaction it checks that the version`,
    "increases, the new implementation's initializers are locked, the module's state digest is unchanged and the",
    "probes answer; otherwise the whole upgrade reverts. Critical tier: the timelock waits its critical delay.",
    "",
    `module=${opts.module}`,
    `proxy=${target.proxy}`,
    `implementation=${implementation}`,
    `contract=${opts.impl}`,
    `version=${newVersion}`,
    `initData=${initData}`,
  ].join("\n");
  const { proposalId } = await propose(hre, connection, record, {
    targets: [upgraderAddress],
    calldatas: [calldata],
    description,
    from: opts.from,
  });
  return { proposalId, implementation, newVersion, description, target: upgraderAddress, calldata };
}
