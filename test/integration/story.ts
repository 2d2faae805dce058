import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import type { ContractTransactionResponse } from "ethers";
import { deployTestSystem, DEAD, SEED } from "../helpers/pool-fixture.js";
import { accrue, readReserveState, rayMulDown } from "../helpers/pool-math.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const fixture = () => deployTestSystem(connection);

const MONTH = 30 * 86400;
const USD = 10n ** 8n;

describe("Integration: two lenders, two borrowers, months of interest, a crash, liquidations and a clean exit", () => {
  it("story", async () => {
    const f = await loadFixture(fixture);
    const {
      pool,
      hub,
      wethFeed,
      wbtcFeed,
      refreshFeeds,
      alice,
      carol,
      bob,
      dave,
      liquidator,
      treasury,
      treasuryAddress,
      treasurer,
    } = f;
    const { U, B, W, usdc, wbtc, weth } = f;
    const assets = [U, B, W];
    let accrualChecks = 0;

    /** Sends a tx and checks every reserve's stored indexes and treasury share against the TS model. */
    async function step(send: () => Promise<ContractTransactionResponse>, touched: string[], treasuryActs = false) {
      const prev = await Promise.all(touched.map((a) => readReserveState(pool, a)));
      const receipt = await (await send()).wait();
      const t = BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
      for (let i = 0; i < touched.length; i++) {
        const m = accrue(prev[i], t).state;
        const st = await readReserveState(pool, touched[i]);
        expect(st.liquidityIndex, `liquidityIndex ${touched[i]}`).to.equal(m.liquidityIndex);
        expect(st.borrowIndex, `borrowIndex ${touched[i]}`).to.equal(m.borrowIndex);
        if (!treasuryActs) expect(st.treasuryScaled, `treasury ${touched[i]}`).to.equal(m.treasuryScaled);
        accrualChecks++;
      }
    }

    // Lenders.
    await step(() => pool.connect(alice).supply(U, parseUnits("500000", 6), alice.address, 0), [U]);
    await step(() => pool.connect(carol).supply(W, parseUnits("200", 18), carol.address, 0), [W]);
    await step(() => pool.connect(carol).supply(B, parseUnits("10", 8), carol.address, 0), [B]);
    // Borrowers: bob on WETH, dave on WBTC; dave also borrows WETH.
    await step(() => pool.connect(bob).supply(W, parseUnits("50", 18), bob.address, 0), [W]);
    await step(() => pool.connect(bob).borrow(U, parseUnits("70000", 6), 2, 0, bob.address), [U]);
    await step(() => pool.connect(dave).supply(B, parseUnits("2", 8), dave.address, 0), [B]);
    await step(() => pool.connect(dave).borrow(U, parseUnits("50000", 6), 2, 0, dave.address), [U]);
    await step(() => pool.connect(dave).borrow(W, parseUnits("10", 18), 2, 0, dave.address), [W]);
    await step(() => pool.connect(bob).borrow(B, parseUnits("0.1", 8), 2, 0, bob.address), [B]);

    // Three months of interest, one action per reserve per month.
    for (let m = 0; m < 3; m++) {
      await time.increase(MONTH);
      await refreshFeeds(); // a month is past the feeds' heartbeat: fresh rounds at the same prices
      await step(() => pool.connect(bob).repay(U, parseUnits("100", 6), 2, bob.address), [U]);
      await step(() => pool.connect(dave).repay(W, parseUnits("0.01", 18), 2, dave.address), [W]);
      await step(() => pool.connect(carol).supply(B, parseUnits("0.01", 8), carol.address, 0), [B]);
    }
    expect(await pool.debtBalanceOf(U, bob.address)).to.be.greaterThan(parseUnits("71000", 6));

    // Price crash: WETH 2000 -> 1500. bob: 50 * 1500 * 0.85 = 63.75k against ~71.5k of debt.
    await wethFeed.setAnswer(1500n * USD);
    const bobHf = (await pool.getUserAccountData(bob.address)).healthFactor;
    expect(bobHf).to.be.lessThan(10n ** 18n);
    // Partial liquidation of 20k USDC.
    const bobDebt = await pool.debtBalanceOf(U, bob.address);
    await expect(pool.connect(liquidator).liquidationCall(W, U, bob.address, parseUnits("20000", 6), false))
      .to.emit(pool, "LiquidationCall")
      .withArgs(W, U, bob.address, parseUnits("20000", 6), (v: bigint) => v > 0n, liquidator.address, false);
    const bobDebtAfter = await pool.debtBalanceOf(U, bob.address);
    // One second of interest (~230 units) accrues between the two reads.
    expect(bobDebt - bobDebtAfter).to.be.within(parseUnits("20000", 6) - 1000n, parseUnits("20000", 6));
    // Below HF = threshold * bonus (0.8925) a liquidation lowers the health factor further (known property of
    // fixed-bonus liquidations): bob stays liquidatable.
    expect(bobHf).to.be.lessThan(892_500_000_000_000_000n);
    expect((await pool.getUserAccountData(bob.address)).healthFactor).to.be.lessThan(bobHf);

    // WBTC crashes 60000 -> 30000: dave (2 WBTC = 60k against ~50.9k USDC + ~15k of WETH) is deep under water.
    await wbtcFeed.setAnswer(30_000n * USD);
    // Full liquidation of dave's WETH debt (below HF 0.95 the close factor is 100%), paid with his WBTC.
    await expect(pool.connect(liquidator).liquidationCall(B, W, dave.address, MaxUint256, true)).to.emit(
      pool,
      "LiquidationCall",
    );
    expect(await pool.debtBalanceOf(W, dave.address)).to.equal(0n);
    // Then his USDC debt: the collateral left cannot cover it, the rest is written off.
    const daveDebt = await pool.debtBalanceOf(U, dave.address);
    const tx = pool.connect(liquidator).liquidationCall(B, U, dave.address, MaxUint256, false);
    await expect(tx).to.emit(pool, "BadDebtWrittenOff");
    const rc = await (await tx).wait();
    const ev = rc!.logs.map((l) => pool.interface.parseLog(l)).find((e) => e?.name === "BadDebtWrittenOff")!;
    expect(ev.args.asset).to.equal(U);
    expect(ev.args.user).to.equal(dave.address);
    const written = (ev.args.covered as bigint) + (ev.args.socialised as bigint);
    expect(written).to.be.greaterThan(0n);
    expect(written).to.be.lessThan(daveDebt);
    expect(ev.args.covered).to.be.greaterThan(0n); // the treasury had earned USDC interest: it pays first
    expect(await pool.debtBalanceOf(U, dave.address)).to.equal(0n);
    expect(await pool.getKeelUserConfiguration(dave.address)).to.equal(0n);

    // Two more months of interest on what is left.
    for (let m = 0; m < 2; m++) {
      await time.increase(MONTH);
      await refreshFeeds();
      await step(() => pool.connect(bob).repay(U, parseUnits("10", 6), 2, bob.address), [U]);
      await step(() => pool.connect(bob).repay(B, 1n, 2, bob.address), [B]);
    }

    // Everyone leaves: borrowers repay everything, then lenders, the liquidator and the treasury withdraw everything.
    await step(() => pool.connect(bob).repay(U, MaxUint256, 2, bob.address), [U]);
    await step(() => pool.connect(bob).repay(B, MaxUint256, 2, bob.address), [B]);
    const exits: [typeof alice, string][] = [
      [bob, W],
      [alice, U],
      [carol, W],
      [carol, B],
      [liquidator, B],
    ];
    for (const [who, a] of exits) {
      if ((await pool.getUserPosition(a, who.address)).scaledSupply === 0n) continue;
      await step(() => pool.connect(who).withdraw(a, MaxUint256, who.address), [a]);
    }
    // The treasury's earnings leave through KeelTreasury, called by its TREASURY_MANAGER.
    for (const a of [U, W, B]) {
      if ((await pool.getUserPosition(a, treasuryAddress)).scaledSupply === 0n) continue;
      await step(() => treasury.connect(treasurer).withdrawFromPool(a, MaxUint256, treasurer.address), [a], true);
    }
    // ... and its hub income (reserve factor, flash fees) through withdrawFromHub.
    for (const a of [U, W, B]) {
      if ((await hub.treasuryBalance(a)) === 0n) continue;
      await step(() => treasury.connect(treasurer).withdrawFromHub(a, MaxUint256, treasurer.address), [a], true);
    }

    const tokens: Record<string, typeof usdc> = { [U]: usdc, [B]: wbtc, [W]: weth };
    const everyone = [...[alice, bob, carol, dave, liquidator].map((s) => s.address), treasuryAddress];
    for (const a of assets) {
      const r = await pool.getKeelReserveData(a);
      expect(r.totalDebtScaled, `debt ${a}`).to.equal(0n);
      for (const u of everyone) {
        const p = await pool.getUserPosition(a, u);
        expect(p.scaledSupply, `supply ${a} ${u}`).to.equal(0n);
        expect(p.scaledDebt, `debt ${a} ${u}`).to.equal(0n);
      }
      // Only DEAD's seed is left; the pool holds exactly the recorded cash, which covers DEAD's claim. What remains
      // beyond it is rounding dust kept in the protocol's favour (about one unit per action; 11 USDC units here).
      // The spoke's shares in the hub: DEAD's seed plus the liquidations' share rounding (seized shares rounded up,
      // re-credited rounded down), which stays with the spoke, unowned: never fewer than its users hold.
      expect(r.totalSupplyScaled - SEED, `supply ${a}`).to.be.within(0n, 10n);
      expect((await pool.getUserPosition(a, DEAD)).scaledSupply).to.equal(SEED);
      expect(await tokens[a].balanceOf(await pool.hub())).to.equal(r.cash); // the hub holds the tokens
      const deadClaim = rayMulDown(SEED, r.liquidityIndex);
      expect(r.cash >= deadClaim, `cash covers DEAD ${a}`).to.equal(true);
      expect(r.cash - deadClaim, `dust ${a}`).to.be.lessThanOrEqual(100n);
    }
    for (const u of everyone) expect(await pool.getKeelUserConfiguration(u)).to.equal(0n);
    expect(accrualChecks).to.be.greaterThan(25);
  });
});
