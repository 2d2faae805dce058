// Reentrancy through token hooks (ERC-777-style: imBTC/Uniswap 2020, Cream 2021, Hundred 2022) and read-only
// reentrancy (views read mid-callback: Sentiment/Balancer 2023). A MockHookToken calls the sender's hook before and
// the receiver's hook after every transfer; MockReentrantAttacker re-enters from those hooks. NaiveVault (no guard,
// checks-then-send-then-record) lets a hook double a borrow; Keel's transient lock refuses every re-entry with
// PoolReentrancy while the outer call completes normally.
import { expect } from "chai";
import hre from "hardhat";
import { type Interface, MaxUint256, parseUnits } from "ethers";
import { deployKeelForAttacks, wethLikeConfig } from "../helpers/attacks.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const E18 = 10n ** 18n;
const REENTRANCY = ethers.id("PoolReentrancy()").slice(0, 10);

async function fixture() {
  const k = await deployKeelForAttacks(hre, connection);
  // A hook token listed as a full reserve ($2000, 18 decimals) by the admin the deployer kept.
  const hook = await ethers.deployContract("MockHookToken", ["Hook", "HOOK", 18]);
  const H = await hook.getAddress();
  const feed = await ethers.deployContract("MockAggregator", [8, 2000n * 10n ** 8n, "HOOK / USD"]);
  await k.oracle.setFeed(H, await feed.getAddress(), 86400);
  const kHook = await ethers.deployContract("KToken", [k.poolAddress, H, 18, "Keel Hook", "kHOOK"]);
  await hook.mint(k.deployer.address, 10n ** 24n);
  await hook.approve(k.poolAddress, MaxUint256);
  await k.listInHub(H);
  await k.pool.initReserve(H, await kHook.getAddress(), wethLikeConfig(), 10n ** 15n);
  // Liquidity: alice lends 1000 HOOK and 1M USDC.
  await hook.mint(k.alice.address, 1000n * E18);
  await hook.connect(k.alice).approve(k.poolAddress, MaxUint256);
  await k.pool.connect(k.alice).supply(H, 1000n * E18, k.alice.address, 0);
  await k.pool.connect(k.alice).supply(k.U, parseUnits("1000000", 6), k.alice.address, 0);
  const attacker = await ethers.deployContract("MockReentrantAttacker");
  const A = await attacker.getAddress();
  await attacker.registerOn(H);
  await hook.mint(A, 100n * E18);
  await k.weth.mint(A, 100n * E18);
  const call = (target: string, data: string) => attacker.execute(target, data);
  await call(H, hook.interface.encodeFunctionData("approve", [k.poolAddress, MaxUint256]));
  await call(k.W, k.weth.interface.encodeFunctionData("approve", [k.poolAddress, MaxUint256]));
  return { ...k, hook, H, feed, kHook, attacker, A, call };
}
type F = Awaited<ReturnType<typeof fixture>>;

const enc = (f: F, fn: string, args: unknown[]) => (f.pool.interface as Interface).encodeFunctionData(fn, args);

async function expectRefused(f: F) {
  expect(await f.attacker.reentryCount()).to.be.greaterThan(0n);
  expect(await f.attacker.lastReentryReverted()).to.equal(true);
  expect(await f.attacker.lastReentryData()).to.equal(REENTRANCY);
}

describe("attacks: reentrancy", () => {
  describe("token hooks", () => {
    it("naive vault: a receive hook re-enters borrow before the debt is recorded and borrows twice the limit", async () => {
      const f = await loadFixture(fixture);
      const col = await ethers.deployContract("MockERC20", ["Col", "COL", 18]);
      const amm = await ethers.deployContract("MockAmm", [f.H, await col.getAddress()]);
      for (const t of [f.hook, col]) {
        await t.mint(f.deployer.address, 1000n * E18);
        await t.approve(await amm.getAddress(), MaxUint256);
      }
      await amm.addLiquidity(1000n * E18, 1000n * E18); // 1 COL = 1 HOOK
      const vault = await ethers.deployContract("NaiveVault", [f.H, await col.getAddress(), await amm.getAddress()]);
      const V = await vault.getAddress();
      await f.hook.mint(f.deployer.address, 1000n * E18);
      await f.hook.approve(V, MaxUint256);
      await vault.deposit(1000n * E18);
      await col.mint(f.A, 100n * E18);
      await f.call(await col.getAddress(), col.interface.encodeFunctionData("approve", [V, MaxUint256]));
      await f.call(V, vault.interface.encodeFunctionData("depositCollateral", [100n * E18]));
      const limit = 80n * E18; // 100 COL * 1 * 80%
      await f.attacker.setAttackHooks(false, true);
      await f.attacker.setAttack(V, vault.interface.encodeFunctionData("borrow", [limit]));
      await f.call(V, vault.interface.encodeFunctionData("borrow", [limit]));
      expect(await f.attacker.lastReentryReverted()).to.equal(false);
      expect(await vault.debtOf(f.A)).to.equal(2n * limit); // twice what the collateral allows
      expect(await f.hook.balanceOf(f.A)).to.equal(100n * E18 + 2n * limit);
    });

    it("Keel supply: the sender hook re-entering borrow is refused with PoolReentrancy; the supply completes", async () => {
      const f = await loadFixture(fixture);
      await f.attacker.setAttackHooks(true, false);
      await f.attacker.setAttack(f.poolAddress, enc(f, "borrow", [f.U, parseUnits("1000", 6), 2, 0, f.A]));
      await f.call(f.poolAddress, enc(f, "supply", [f.H, 10n * E18, f.A, 0]));
      await expectRefused(f);
      expect(await f.pool.supplyBalanceOf(f.H, f.A)).to.equal(10n * E18);
      expect(await f.pool.debtBalanceOf(f.U, f.A)).to.equal(0n);
    });

    it("Keel borrow: the receive hook re-entering borrow is refused; the debt is exactly the one borrow", async () => {
      const f = await loadFixture(fixture);
      await f.call(f.poolAddress, enc(f, "supply", [f.W, 10n * E18, f.A, 0])); // $20k of WETH collateral
      await f.attacker.setAttackHooks(false, true);
      const amount = 7n * E18; // $14k of HOOK, under the $16k limit; twice would not be
      await f.attacker.setAttack(f.poolAddress, enc(f, "borrow", [f.H, amount, 2, 0, f.A]));
      await f.call(f.poolAddress, enc(f, "borrow", [f.H, amount, 2, 0, f.A]));
      await expectRefused(f);
      expect(await f.pool.debtBalanceOf(f.H, f.A)).to.equal(amount);
    });

    it("Keel withdraw: the receive hook re-entering withdraw is refused; only one withdrawal is paid", async () => {
      const f = await loadFixture(fixture);
      await f.call(f.poolAddress, enc(f, "supply", [f.H, 10n * E18, f.A, 0]));
      await f.attacker.setAttackHooks(false, true);
      await f.attacker.setAttack(f.poolAddress, enc(f, "withdraw", [f.H, 5n * E18, f.A]));
      await f.call(f.poolAddress, enc(f, "withdraw", [f.H, 5n * E18, f.A]));
      await expectRefused(f);
      expect(await f.pool.supplyBalanceOf(f.H, f.A)).to.equal(5n * E18);
    });

    it("Keel repay: the sender hook re-entering borrow mid-repayment is refused", async () => {
      const f = await loadFixture(fixture);
      await f.call(f.poolAddress, enc(f, "supply", [f.W, 10n * E18, f.A, 0]));
      await f.call(f.poolAddress, enc(f, "borrow", [f.H, 5n * E18, 2, 0, f.A]));
      await f.attacker.setAttackHooks(true, false);
      await f.attacker.setAttack(f.poolAddress, enc(f, "borrow", [f.H, 1n * E18, 2, 0, f.A]));
      await f.call(f.poolAddress, enc(f, "repay", [f.H, 2n * E18, 2, f.A]));
      await expectRefused(f);
      expect(await f.pool.debtBalanceOf(f.H, f.A)).to.be.closeTo(3n * E18, 10n ** 12n);
    });

    it("Keel liquidation: the liquidator's hooks re-entering liquidationCall (seized collateral paid out in HOOK) is refused", async () => {
      const f = await loadFixture(fixture);
      // bob borrows USDC on HOOK collateral; HOOK halves; the hooked attacker liquidates, taking HOOK.
      await f.hook.mint(f.bob.address, 10n * E18);
      await f.hook.connect(f.bob).approve(f.poolAddress, MaxUint256);
      await f.pool.connect(f.bob).supply(f.H, 10n * E18, f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(f.U, parseUnits("15000", 6), 2, 0, f.bob.address);
      await f.feed.setAnswer(1000n * 10n ** 8n);
      await f.usdc.mint(f.A, parseUnits("100000", 6));
      await f.call(f.U, f.usdc.interface.encodeFunctionData("approve", [f.poolAddress, MaxUint256]));
      await f.attacker.setAttackHooks(true, true);
      await f.attacker.setAttack(
        f.poolAddress,
        enc(f, "liquidationCall", [f.H, f.U, f.bob.address, parseUnits("1000", 6), false]),
      );
      const debtBefore = await f.pool.debtBalanceOf(f.U, f.bob.address);
      await f.call(f.poolAddress, enc(f, "liquidationCall", [f.H, f.U, f.bob.address, parseUnits("1000", 6), false]));
      await expectRefused(f);
      expect(debtBefore - (await f.pool.debtBalanceOf(f.U, f.bob.address))).to.be.closeTo(parseUnits("1000", 6), 2n);
    });

    it("Keel flash loan: the receiver's sender hook re-entering during the repayment pull is refused", async () => {
      const f = await loadFixture(fixture);
      const recv = await ethers.deployContract("FlashCallAttacker");
      const R = await recv.getAddress();
      await f.hook.mint(R, E18);
      // The receiver's tokensToSend hook is the reentrant attacker: re-enter supply while the pool pulls HOOK.
      await f.attacker.setAttackHooks(true, false);
      await f.attacker.setAttack(f.poolAddress, enc(f, "withdraw", [f.H, 1n, f.A]));
      await recv.setScript([
        { target: f.H, data: f.hook.interface.encodeFunctionData("registerHook", [f.A]), mustSucceed: true },
      ]);
      await recv.startKeel(f.poolAddress, f.H, 10n * E18);
      await expectRefused(f);
    });
  });

  describe("read-only reentrancy: views during a flash-loan callback", () => {
    async function probe(f: F, user: string) {
      const calls = [
        { target: f.poolAddress, data: enc(f, "getUserAccountData", [user]), mustSucceed: true },
        { target: f.poolAddress, data: enc(f, "supplyBalanceOf", [f.U, user]), mustSucceed: true },
        { target: f.poolAddress, data: enc(f, "getReserveTotals", [f.U]), mustSucceed: true },
        { target: f.poolAddress, data: enc(f, "getReserveNormalizedIncome", [f.U]), mustSucceed: true },
        { target: f.poolAddress, data: enc(f, "getKeelReserveData", [f.U]), mustSucceed: true },
        {
          target: f.U,
          data: f.usdc.interface.encodeFunctionData("balanceOf", [await f.hub.getAddress()]),
          mustSucceed: true,
        },
        { target: f.poolAddress, data: enc(f, "flashLoanInProgress", []), mustSucceed: true },
      ];
      return calls;
    }

    it("naive vault: mid-flash-loan totalAssets (the share price) drops by the loan: a reader is misled", async () => {
      const f = await loadFixture(fixture);
      const amm = await ethers.deployContract("MockAmm", [f.U, f.W]);
      const vault = await ethers.deployContract("NaiveVault", [f.U, f.W, await amm.getAddress()]);
      const V = await vault.getAddress();
      await f.usdc.connect(f.bob).approve(V, MaxUint256);
      await vault.connect(f.bob).deposit(parseUnits("100000", 6));
      const recv = await ethers.deployContract("FlashCallAttacker");
      await f.usdc.mint(await recv.getAddress(), parseUnits("100", 6));
      await recv.setScript([
        { target: V, data: (vault.interface as Interface).encodeFunctionData("totalAssets", []), mustSucceed: true },
      ]);
      await recv.startNaive(V, parseUnits("90000", 6));
      const [, ret] = await recv.result(0);
      const [mid] = (vault.interface as Interface).decodeFunctionResult("totalAssets", ret);
      expect(mid).to.equal(parseUnits("10000", 6)); // 90% of the vault "vanished" mid-call
    });

    it("Keel: mid-flash-loan, claims (account data, balances, totals, index) are unchanged; only cash shows the loan", async () => {
      const f = await loadFixture(fixture);
      const user = f.alice.address;
      const amount = parseUnits("900000", 6);
      const recv = await ethers.deployContract("FlashCallAttacker");
      await f.usdc.mint(await recv.getAddress(), parseUnits("1000", 6));
      await recv.setScript(await probe(f, user));
      const before = {
        account: await f.pool.getUserAccountData(user),
        balance: await f.pool.supplyBalanceOf(f.U, user),
        totals: await f.pool.getReserveTotals(f.U),
        index: await f.pool.getReserveNormalizedIncome(f.U),
        data: await f.pool.getKeelReserveData(f.U),
        held: await f.usdc.balanceOf(await f.hub.getAddress()), // the hub holds the tokens
      };
      await recv.startKeel(f.poolAddress, f.U, amount);
      const dec = async (i: number, fn: string) => {
        const [, ret] = await recv.result(i);
        return (f.pool.interface as Interface).decodeFunctionResult(fn, ret);
      };
      const account = await dec(0, "getUserAccountData");
      expect([...account]).to.deep.equal([...before.account]);
      expect((await dec(1, "supplyBalanceOf"))[0]).to.equal(before.balance);
      expect([...(await dec(2, "getReserveTotals"))]).to.deep.equal([...before.totals]);
      expect((await dec(3, "getReserveNormalizedIncome"))[0]).to.equal(before.index);
      const mid = (await dec(4, "getKeelReserveData"))[0] as {
        cash: bigint;
        totalSupplyScaled: bigint;
        liquidityIndex: bigint;
      };
      expect(mid.cash).to.equal(before.data.cash - amount); // the tokens are out: only cash says so
      expect(mid.totalSupplyScaled).to.equal(before.data.totalSupplyScaled);
      expect(mid.liquidityIndex).to.equal(before.data.liquidityIndex);
      const [, held] = await recv.result(5);
      expect(BigInt(held)).to.equal(before.held - amount);
      expect((await dec(6, "flashLoanInProgress"))[0]).to.equal(true);
    });

    it("Keel: a withdrawal of the lent-out cash from inside the callback is refused for lack of liquidity", async () => {
      const f = await loadFixture(fixture);
      const recv = await ethers.deployContract("FlashCallAttacker");
      const R = await recv.getAddress();
      await f.usdc.mint(R, parseUnits("1000", 6));
      // The receiver is a supplier too; mid-loan it tries to withdraw its supply, which the loan took out of cash.
      await f.usdc.connect(f.bob).transfer(R, parseUnits("50000", 6));
      await recv.setScript([
        {
          target: f.U,
          data: f.usdc.interface.encodeFunctionData("approve", [f.poolAddress, MaxUint256]),
          mustSucceed: true,
        },
        { target: f.poolAddress, data: enc(f, "supply", [f.U, parseUnits("50000", 6), R, 0]), mustSucceed: true },
      ]);
      await recv.run();
      const cash = (await f.pool.getKeelReserveData(f.U)).cash;
      await recv.setScript([
        { target: f.poolAddress, data: enc(f, "withdraw", [f.U, parseUnits("50000", 6), R]), mustSucceed: false },
      ]);
      await recv.startKeel(f.poolAddress, f.U, cash);
      const [ok, ret] = await recv.result(0);
      expect(ok).to.equal(false);
      expect(ret.slice(0, 10)).to.equal(ethers.id("HubInsufficientLiquidity(uint256,uint256)").slice(0, 10));
    });
  });
});
