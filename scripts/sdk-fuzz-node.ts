// The SDK's simulation against a real node (the e2e runs it on `hardhat node` and on anvil, after the tasks):
// fixed-seed random supply / withdraw / borrow / repay steps of three fresh dev accounts on the deployed core spoke,
// each simulated off-chain (`simulate`) for the timestamp of the block it is then mined in (evm_setNextBlockTimestamp);
// after each mined action the pool's getUserAccountData and the stored position must equal the simulation to the
// wei, and an action the simulation refuses must be refused by the node with the same custom error. Prints one line
// per step and "sdk fuzz on a node: N steps equal (…)"; exits non-zero on the first difference. Every position is
// closed at the end.
//   npx hardhat run scripts/sdk-fuzz-node.ts --network localhost      (KEEL_FUZZ_STEPS, default 40)
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import {
  addressOf,
  decodeError,
  formatError,
  formatHealthFactor,
  readSimulationState,
  simulate,
} from "../packages/sdk/src/index.js";
import { requireRecord } from "../deploy/records.js";
import { rng } from "../test/helpers/rng.js";
import { type FuzzMarket, randomAction, sendAction, simulatedAndChain } from "../test/helpers/fuzz-actions.js";

const connection = await hre.network.create();
const { ethers } = connection;
const record = requireRecord(connection.networkName);
const poolAddress = addressOf(record, "Pool");
const pool = await ethers.getContractAt("Pool", poolAddress);
const symbols = ["USDC", "WBTC", "WETH"] as const;
const reserve = (s: (typeof symbols)[number]) => {
  const r = record.reserves?.[s];
  if (r === undefined) throw new Error(`the record has no ${s} reserve`);
  return r;
};
const assets = symbols.map((s) => reserve(s).asset);
const decimals = Object.fromEntries(symbols.map((s) => [reserve(s).asset, reserve(s).decimals]));
const steps = Number(process.env.KEEL_FUZZ_STEPS ?? "40");
const rand = rng(0x5eed_40de);

// Dev accounts #16-#18 borrow against 20 WETH each; #19 lends deep liquidity in every reserve (no e2e task uses them).
const signers = await ethers.getSigners();
const [lender, ...users] = [signers[19], signers[16], signers[17], signers[18]];
if (lender === undefined || users.some((u) => u === undefined)) throw new Error("the node needs 20 dev accounts");
const lend = { USDC: "900000", WBTC: "90", WETH: "900" } as const;
for (const s of symbols) {
  const token = await ethers.getContractAt("MockERC20", reserve(s).asset, lender);
  const amount = parseUnits(lend[s], reserve(s).decimals);
  await (await token.mint(lender.address, amount)).wait();
  await (await token.approve(poolAddress, MaxUint256)).wait();
  await (await pool.connect(lender).supply(token, amount, lender.address, 0)).wait();
}
const weth = await ethers.getContractAt("MockERC20", reserve("WETH").asset);
for (const u of users) {
  await (await weth.connect(u).mint(u.address, parseUnits("20", 18))).wait();
  for (const a of assets)
    await (await (await ethers.getContractAt("MockERC20", a, u)).approve(poolAddress, MaxUint256)).wait();
  await (await pool.connect(u).supply(weth, parseUnits("20", 18), u.address, 0)).wait();
  // Repayments need a little of each asset beyond what is borrowed (the interest).
  for (const s of ["USDC", "WBTC"] as const)
    await (
      await (
        await ethers.getContractAt("MockERC20", reserve(s).asset, u)
      ).mint(u.address, parseUnits("1000", reserve(s).decimals))
    ).wait();
}

const oracle = await ethers.getContractAt("KeelOracle", addressOf(record, "Oracle"));
const prices: Record<string, bigint> = {};
const market: FuzzMarket = {
  assets,
  decimals,
  prices, // read before each step
  supplyMax: 5_000,
  supplyDivisor: (a) => (decimals[a] === 6 ? 1n : 10_000n),
};
const seen: Record<string, number> = {};
for (let step = 0; step < steps; step++) {
  const user = users[rand(0, users.length - 1)];
  const block = await ethers.provider.getBlock("latest");
  if (block === null) throw new Error("no latest block");
  const state = await readSimulationState(ethers.provider, poolAddress, user.address, { blockTag: block.number });
  // Minutes, not days, between steps: the dev feeds' heartbeat must not run out during the run.
  const timestamp = BigInt(block.timestamp + rand(12, 900));
  for (const a of assets) prices[a] = await oracle.getAssetPrice(a);
  const action = randomAction(rand, state, timestamp, market);
  const { kind, asset, amount } = action;
  if (kind === "supply") {
    // The user needs the tokens it supplies (mock tokens mint to anyone).
    await (await (await ethers.getContractAt("MockERC20", asset, user)).mint(user.address, amount)).wait();
  }
  const latest = await ethers.provider.getBlock("latest");
  if (latest === null || BigInt(latest.timestamp) >= timestamp)
    throw new Error("the clock passed the step's timestamp");
  const predicted = simulate(state, action, timestamp);
  await connection.provider.request({ method: "evm_setNextBlockTimestamp", params: [Number(timestamp)] });
  const symbol = symbols[assets.indexOf(asset)];
  const label = `step ${String(step)}: ${kind} ${amount === MaxUint256 ? "max" : String(amount)} ${symbol} by ${user.address}`;
  if (predicted.revert !== undefined) {
    let error: unknown;
    try {
      await (await sendAction(pool, user, action)).wait();
    } catch (e) {
      error = e;
    }
    const d = decodeError(error);
    if (d?.name !== predicted.revert.name)
      throw new Error(`${label}: simulated ${predicted.revert.name}, the node said ${d?.name ?? String(error)}`);
    // The refusal's arguments too (the node estimates in the pending block, at the step's timestamp).
    const args: Record<string, unknown> = { ...predicted.revert };
    delete args.name;
    const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
    if (json(d.named) !== json(args))
      throw new Error(`${label}: simulated ${json(predicted.revert)}, the node said ${json(d.named)}`);
    // The refused transaction mined nothing: mine the block at the step's timestamp, so the clock stays monotonic.
    await connection.provider.request({ method: "evm_mine", params: [] });
    console.log(`✔ ${label}: refused as simulated, ${formatError(d)}`);
    seen[`${kind} refused`] = (seen[`${kind} refused`] ?? 0) + 1;
    continue;
  }
  const receipt = await (await sendAction(pool, user, action)).wait();
  if (receipt === null) throw new Error(`${label}: no receipt`);
  const blockTag = receipt.blockNumber;
  const mined = await ethers.provider.getBlock(blockTag);
  if (BigInt(mined?.timestamp ?? 0) !== timestamp)
    throw new Error(`${label}: mined at ${String(mined?.timestamp)}, simulated for ${String(timestamp)}`);
  const { simulated, chain } = await simulatedAndChain(pool, user.address, asset, predicted, blockTag);
  if (simulated.some((v, i) => v !== chain[i]))
    throw new Error(`${label}: simulated ${simulated.join(", ")} but the chain has ${chain.join(", ")}`);
  console.log(`✔ ${label}: equal to the wei (health factor ${formatHealthFactor(predicted.account.healthFactor)})`);
  seen[kind] = (seen[kind] ?? 0) + 1;
}
// Close-out: every user repays and withdraws everything, then the lender, so the checks after this run (the keeper,
// the demo) find the node as before it, its accounts #16-#19 holding no position.
for (const u of [...users, lender]) {
  for (const a of assets) {
    const token = await ethers.getContractAt("MockERC20", a, u);
    if ((await pool.debtBalanceOf(a, u.address)) > 0n) {
      await (await token.mint(u.address, parseUnits("1000", decimals[a]))).wait(); // the interest
      await (await pool.connect(u).repay(a, MaxUint256, 2, u.address)).wait();
    }
  }
  for (const a of assets)
    if ((await pool.supplyBalanceOf(a, u.address)) > 0n)
      await (await pool.connect(u).withdraw(a, MaxUint256, u.address)).wait();
  const left = await pool.getUserAccountData(u.address);
  if (left[0] !== 0n || left[1] !== 0n)
    throw new Error(`close-out: ${u.address} still has collateral ${String(left[0])} and debt ${String(left[1])}`);
}

// The seed reaches every action and both refusals (a changed seed must keep that coverage).
for (const k of ["supply", "withdraw", "borrow", "repay", "borrow refused", "withdraw refused"])
  if ((seen[k] ?? 0) === 0) throw new Error(`the run never reached "${k}": ${JSON.stringify(seen)}`);
console.log(`sdk fuzz on a node: ${String(steps)} steps equal (${JSON.stringify(seen)})`);
