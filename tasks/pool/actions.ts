// Actions of the user-facing pool tasks. Each task file re-exports one of these as its default export, so
// Hardhat loads only what a task needs.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { MaxUint256 } from "ethers";
import {
  readAccount,
  readSimulationState,
  simulate,
  simulateLiquidation,
  type SimulationState,
} from "../../packages/sdk/src/index.js";
import {
  allReserves,
  fmt,
  fmtHf,
  fmtUsd,
  type KeelContext,
  KeelTaskError,
  openKeel,
  parseAmount,
  reserveOf,
  runTask,
  signerAt,
} from "../lib/keel.js";

export interface AmountArgs {
  asset: string;
  amount: string;
  from: number;
  /** Record name of the spoke to act on (default: the core spoke). */
  spoke?: string;
}

/** The SDK's simulation state of `user` on the task's spoke now, and the next block's timestamp (the earliest the
 *  transaction can be mined at: the prediction is for it). */
async function simulationState(k: KeelContext, user: string): Promise<{ state: SimulationState; at: bigint }> {
  const block = await k.ethers.provider.getBlock("latest");
  if (block === null) throw new KeelTaskError("The node returned no latest block.");
  const state = await readSimulationState(k.ethers.provider, await k.pool.getAddress(), user, {
    blockTag: block.number,
  });
  return { state, at: BigInt(block.timestamp) + 1n };
}

async function approveIfNeeded(
  token: {
    allowance(o: string, s: string): Promise<bigint>;
    approve(s: string, a: bigint): Promise<{ wait(): Promise<unknown> }>;
  },
  owner: string,
  spender: string,
  amount: bigint,
) {
  if ((await token.allowance(owner, spender)) < amount) await (await token.approve(spender, MaxUint256)).wait();
}

export async function supply(args: AmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre, undefined, args.spoke);
    const r = reserveOf(k, args.asset);
    const amount = parseAmount(args.amount, r.decimals);
    const signer = await signerAt(k.ethers, args.from);
    const token = await k.ethers.getContractAt("MockERC20", r.asset, signer);
    const balance = await token.balanceOf(signer.address);
    if (balance < amount)
      throw new KeelTaskError(
        `${signer.address} holds ${fmt(balance, r.decimals, r.symbol)}, less than ${fmt(amount, r.decimals, r.symbol)}.`,
      );
    await approveIfNeeded(token, signer.address, await k.pool.getAddress(), amount);
    const tx = await k.pool.connect(signer).supply(r.asset, amount, signer.address, 0);
    const rc = await tx.wait();
    console.log(
      `✔ supplied ${fmt(amount, r.decimals, r.symbol)} from ${signer.address} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
    console.log(
      `  supply balance: ${fmt(await k.pool.supplyBalanceOf(r.asset, signer.address), r.decimals, r.symbol)}`,
    );
  });
}

export async function withdraw(args: AmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre, undefined, args.spoke);
    const r = reserveOf(k, args.asset);
    const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
    const signer = await signerAt(k.ethers, args.from);
    const out = await k.pool.connect(signer).withdraw.staticCall(r.asset, amount, signer.address);
    const tx = await k.pool.connect(signer).withdraw(r.asset, amount, signer.address);
    const rc = await tx.wait();
    console.log(
      `✔ withdrew ${fmt(out, r.decimals, r.symbol)} to ${signer.address} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    );
  });
}

export async function borrow(args: AmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre, undefined, args.spoke);
    const r = reserveOf(k, args.asset);
    const amount = parseAmount(args.amount, r.decimals);
    const signer = await signerAt(k.ethers, args.from);
    // Before sending: the SDK's simulation of the borrow (the spoke's arithmetic and health check).
    const { state, at } = await simulationState(k, signer.address);
    const predicted = simulate(state, { kind: "borrow", asset: r.asset, amount }, at);
    console.log(
      predicted.revert === undefined
        ? `  predicted (SDK): health factor ${fmtHf(predicted.account.healthFactor)}`
        : `  predicted (SDK): the spoke refuses with ${predicted.revert.name}`,
    );
    const tx = await k.pool.connect(signer).borrow(r.asset, amount, 2, 0, signer.address);
    const rc = await tx.wait();
    const data = await k.pool.getUserAccountData(signer.address);
    console.log(
      `✔ borrowed ${fmt(amount, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${String(rc?.gasUsed)}); health factor ${fmtHf(data[5])}`,
    );
  });
}

export async function repay(args: AmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre, undefined, args.spoke);
    const r = reserveOf(k, args.asset);
    const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
    const signer = await signerAt(k.ethers, args.from);
    const token = await k.ethers.getContractAt("MockERC20", r.asset, signer);
    await approveIfNeeded(
      token,
      signer.address,
      await k.pool.getAddress(),
      amount === MaxUint256 ? MaxUint256 : amount,
    );
    const paid = await k.pool.connect(signer).repay.staticCall(r.asset, amount, 2, signer.address);
    const tx = await k.pool.connect(signer).repay(r.asset, amount, 2, signer.address);
    const rc = await tx.wait();
    console.log(
      `✔ repaid ${fmt(paid, r.decimals, r.symbol)} (tx ${tx.hash}, gas ${String(rc?.gasUsed)}); debt left ${fmt(await k.pool.debtBalanceOf(r.asset, signer.address), r.decimals, r.symbol)}`,
    );
  });
}

export interface LiquidateArgs {
  collateral: string;
  debt: string;
  user: string;
  amount: string;
  from: number;
  receiveKToken: boolean;
  /** Record name of the spoke to act on (default: the core spoke). */
  spoke?: string;
}

export async function liquidate(args: LiquidateArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre, undefined, args.spoke);
    const col = reserveOf(k, args.collateral);
    const debt = reserveOf(k, args.debt);
    if (!k.ethers.isAddress(args.user))
      throw new KeelTaskError(`Invalid account to liquidate "${String(args.user)}": expected an address.`);
    const amount = parseAmount(args.amount, debt.decimals, { allowMax: true });
    const signer = await signerAt(k.ethers, args.from);
    const token = await k.ethers.getContractAt("MockERC20", debt.asset, signer);
    await approveIfNeeded(token, signer.address, await k.pool.getAddress(), MaxUint256);
    const before = await k.pool.getUserAccountData(args.user);
    // Before sending: the SDK's simulation of this liquidation (close factor, bonus, the treasury's fee).
    const { state, at } = await simulationState(k, args.user);
    const predicted = simulateLiquidation(state, { collateral: col.asset, debt: debt.asset, debtToCover: amount }, at);
    console.log(
      predicted.revert === undefined
        ? `  predicted (SDK): repay ${fmt(predicted.debtRepaid, debt.decimals, debt.symbol)}, seize ${fmt(predicted.toLiquidator, col.decimals, col.symbol)} (bonus ${fmt(predicted.bonus, col.decimals, col.symbol)}) at health factor ${fmtHf(predicted.healthFactor)}`
        : `  predicted (SDK): the spoke refuses with ${predicted.revert.name}`,
    );
    const tx = await k.pool
      .connect(signer)
      .liquidationCall(col.asset, debt.asset, args.user, amount, args.receiveKToken);
    const rc = await tx.wait();
    const ev = rc?.logs
      .map((l) => {
        try {
          return k.pool.interface.parseLog(l);
        } catch {
          return null;
        }
      })
      .find((p) => p?.name === "LiquidationCall");
    const after = await k.pool.getUserAccountData(args.user);
    console.log(
      `✔ liquidated ${args.user}: repaid ${fmt((ev?.args.debtToCover as bigint | undefined) ?? 0n, debt.decimals, debt.symbol)}, seized ${fmt((ev?.args.liquidatedCollateralAmount as bigint | undefined) ?? 0n, col.decimals, col.symbol)} (gas ${String(rc?.gasUsed)})`,
    );
    console.log(`  health factor ${fmtHf(before[5])} → ${fmtHf(after[5])}`);
  });
}

export async function account(args: { user: string; spoke?: string }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre, undefined, args.spoke);
    const user = k.ethers.isAddress(args.user) ? args.user : (await signerAt(k.ethers, Number(args.user))).address;
    for (const line of await accountLines(k, user)) console.log(line);
  });
}

/** What `keel account` prints: the SDK's valuation of the account (equal to getUserAccountData to the wei), then
 *  each reserve it supplies or borrows, with the price at which its collateral makes the account liquidatable. */
export async function accountLines(
  k: Pick<KeelContext, "ethers" | "pool" | "reserves" | "spokeName">,
  user: string,
): Promise<string[]> {
  const a = await readAccount(k.ethers.provider, await k.pool.getAddress(), user, {
    blockTag: await k.ethers.provider.getBlockNumber(),
  });
  const lines = [
    `Account ${user}${k.spokeName === "Pool" ? "" : ` on the spoke ${k.spokeName}`}`,
    `  collateral ${fmtUsd(a.totalCollateralBase)}   debt ${fmtUsd(a.totalDebtBase)}   can borrow ${fmtUsd(a.availableBorrowsBase)}`,
    `  liquidation threshold ${String(Number(a.currentLiquidationThresholdBps) / 100)}%   ltv ${String(Number(a.ltvBps) / 100)}%   health factor ${fmtHf(a.healthFactor)}`,
  ];
  const symbols = Object.entries(k.reserves);
  for (const r of a.reserves) {
    if (r.supplied === 0n && r.debt === 0n) continue;
    const symbol = symbols.find(([, x]) => x.asset.toLowerCase() === r.asset.toLowerCase())?.[0] ?? r.asset;
    const col = r.collateral ? " (collateral)" : "";
    const liq = r.liquidationPrice === undefined ? "" : `   liquidation price ${fmtUsd(r.liquidationPrice)}`;
    lines.push(
      `  ${symbol.padEnd(6)} supplied ${fmt(r.supplied, r.decimals).padStart(18)}${col}   borrowed ${fmt(r.debt, r.decimals).padStart(18)}${liq}`,
    );
  }
  return lines;
}

export async function faucet(args: { asset: string; amount: string; to: number }, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    if (k.record.chainId !== "31337")
      throw new KeelTaskError("keel faucet only exists on development networks (mock tokens).");
    const r = reserveOf({ reserves: allReserves(k.record) }, args.asset); // any spoke's mock token
    if (k.record.synths?.[r.symbol] !== undefined) {
      throw new KeelTaskError(
        `${r.symbol} is not a mock token: only its facilitators mint it. Buy kUSD at the PSM (keel psm buy) or borrow ${r.symbol} (keel borrow).`,
      );
    }
    const amount = parseAmount(args.amount, r.decimals);
    const to = await signerAt(k.ethers, args.to);
    const token = await k.ethers.getContractAt("MockERC20", r.asset);
    await (await token.mint(to.address, amount)).wait();
    console.log(`✔ minted ${fmt(amount, r.decimals, r.symbol)} to ${to.address}`);
  });
}

export async function flash(
  args: { asset: string; amount: string; from: number; api: string },
  hre: HardhatRuntimeEnvironment,
) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const r = reserveOf(k, args.asset);
    const amount = parseAmount(args.amount, r.decimals);
    const signer = await signerAt(k.ethers, args.from);
    const token = await k.ethers.getContractAt("MockERC20", r.asset, signer);
    const poolAddress = await k.pool.getAddress();
    if (args.api !== "aave" && args.api !== "erc3156")
      throw new KeelTaskError(`Invalid --api "${args.api}": "aave" or "erc3156".`);
    if (args.api === "aave") {
      const premium = (amount * (await k.pool.FLASHLOAN_PREMIUM_TOTAL()) + 9999n) / 10000n;
      const receiver = await k.ethers.deployContract("MinimalFlashReceiver", [poolAddress, signer.address], signer);
      await (await token.transfer(await receiver.getAddress(), premium)).wait();
      const tx = await k.pool.connect(signer).flashLoanSimple(await receiver.getAddress(), r.asset, amount, "0x", 0);
      const rc = await tx.wait();
      console.log(
        `✔ flashLoanSimple of ${fmt(amount, r.decimals, r.symbol)}: premium ${fmt(premium, r.decimals, r.symbol)} (gas ${String(rc?.gasUsed)})`,
      );
    } else {
      const lenderAddress = k.record.contracts.FlashLender?.address;
      if (!lenderAddress) throw new KeelTaskError("This deployment has no ERC-3156 flash lender.");
      const lender = await k.ethers.getContractAt("KeelFlashLender", lenderAddress);
      const fee = await lender.flashFee(r.asset, amount);
      const borrower = await k.ethers.deployContract("MinimalERC3156Borrower", [lenderAddress, signer.address], signer);
      await (await token.transfer(await borrower.getAddress(), fee)).wait();
      const tx = await borrower.connect(signer).borrow(r.asset, amount);
      const rc = await tx.wait();
      console.log(
        `✔ ERC-3156 flashLoan of ${fmt(amount, r.decimals, r.symbol)}: fee ${fmt(fee, r.decimals, r.symbol)} (gas ${String(rc?.gasUsed)})`,
      );
    }
  });
}
