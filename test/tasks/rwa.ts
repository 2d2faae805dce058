// The RWA spoke's tasks (keel rwa supply|borrow|repay|withdraw|liquidate|status), in-process: each action runs on the
// one deployer's system with the dev RWA spoke (test/helpers/rwa-fixture.ts: TBILL at a NAV of 1.00, LTV 80%,
// threshold 85%, 3-day grace; alice, bob and liquidator allowlisted, carol not), prints human units, and refuses bad
// input with a readable error (a decoded custom error or the task's own) while nothing changes.
import { expect } from "chai";
import hre from "hardhat";
import { describeError, fmt, type KeelSession } from "../../tasks/lib/keel.js";
import {
  type RwaArgs,
  rwaBorrow,
  rwaLiquidate,
  rwaRepay,
  rwaStatus,
  rwaSupply,
  rwaWithdraw,
} from "../../tasks/rwa/actions.js";
import { expectTaskError } from "../helpers/upgrade-flow.js";
import { T, deployRwaSystem } from "../helpers/rwa-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployRwaSystem(connection);
// Signer indexes of test/helpers/pool-fixture.ts `signers`.
const [ALICE, CAROL, LIQUIDATOR] = [1, 3, 5];

async function setup() {
  const f = await networkHelpers.loadFixture(fixture);
  const k: KeelSession = { ethers, record: f.system.record, networkName: "test" };
  return { ...f, k };
}

/** The readable error a refused action gives (as the task prints it). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return describeError(hre, e);
  }
  throw new Error("expected the action to be refused");
}

const args = (amount: string, from = ALICE, user = ""): RwaArgs => ({ collateral: "TBILL", amount, user, from });

describe("tasks: rwa (supply, borrow, repay, withdraw, liquidate, status)", () => {
  it("registers keel rwa supply, borrow, repay, withdraw, liquidate and status", () => {
    for (const a of ["supply", "borrow", "repay", "withdraw", "liquidate", "status"])
      expect(hre.tasks.getTask(["keel", "rwa", a]).id).to.deep.equal(["keel", "rwa", a]);
  });

  it("supply, borrow, status, repay, repay max and withdraw max print the position in human units", async () => {
    const f = await setup();
    const a = f.alice.address;
    let lines = await rwaSupply(f.k, args("1000"));
    expect(lines[0]).to.match(/^✔ supplied 1,000 TBILL \(tx 0x[0-9a-f]{64}, gas \d+\)$/);
    expect(lines[1]).to.equal(`  ${a} in TBILL: collateral 1,000 TBILL ($1,000), debt 0 USDC ($0), health factor ∞`);

    lines = await rwaBorrow(f.k, args("500"));
    expect(lines[0]).to.match(/^✔ borrowed 500 USDC against TBILL \(tx /);
    expect(lines[1]).to.match(
      new RegExp(
        `^  ${a} in TBILL: collateral 1,000 TBILL \\(\\$1,000\\), debt 500(\\.\\d+)? USDC \\(\\$500(\\.\\d+)?\\), health factor 1\\.(7|6999)`,
      ),
    );
    expect(await f.usdc.balanceOf(a)).to.equal(T("10000500"));

    lines = await rwaStatus(f.k, args("", ALICE, String(ALICE)));
    expect(lines[0]).to.equal(`RWA spoke ${f.spokeAddress} (v1.0.0)`);
    expect(lines[1]).to.match(/^ {2}debt asset USDC: drawn 500(\.\d+)? USDC of a 5,000,000 draw cap; deficits 0 USDC$/);
    expect(lines[2]).to.equal("  TBILL: total 1,000 TBILL, accepted NAV $1, coverage 1");
    expect(lines[3]).to.equal(
      "  LTV 8000 bps, threshold 8500 bps, bonus 10400 bps, max NAV move 200 bps, heartbeat 86400 s, grace 259200 s, hard floor 9500 bps, account cap 10,000,000 TBILL",
    );
    expect(lines[4]).to.match(new RegExp(`^  ${a} in TBILL: collateral 1,000 TBILL`));

    // Anyone repays for the holder (--user); then the holder repays the rest with "max", interest included.
    lines = await rwaRepay(f.k, args("200", CAROL, a));
    expect(lines[0]).to.match(new RegExp(`^✔ repaid 200 USDC for ${a} \\(tx `));
    expect(lines[1]).to.match(/debt 300(\.\d+)? USDC/);
    lines = await rwaRepay(f.k, args("max"));
    expect(lines[0]).to.match(new RegExp(`^✔ repaid 300(\\.\\d+)? USDC for ${a} \\(tx `));
    expect(lines[1]).to.match(/debt 0 USDC \(\$0\), health factor ∞$/);
    expect((await f.spoke.getPosition(a, f.tbillAddress)).debt).to.equal(0n);

    lines = await rwaWithdraw(f.k, args("max"));
    expect(lines[0]).to.match(/^✔ withdrew 1,000 TBILL \(tx /);
    expect(lines[1]).to.equal(`  ${a} in TBILL: collateral 0 TBILL ($0), debt 0 USDC ($0), health factor ∞`);
    expect(await f.tbill.balanceOf(a)).to.equal(T("1000000"));
  });

  it("liquidate: after the NAV falls and the grace period runs out, an allowlisted holder liquidates", async () => {
    const f = await setup();
    const a = f.alice.address;
    await rwaSupply(f.k, args("1000"));
    await rwaBorrow(f.k, args("800"));
    await f.walkNav(92_000_000n); // 0.92: health factor 920 * 85% / 800 = 0.9775, above the 0.95 hard floor
    await f.spoke.poke(a, f.tbillAddress);
    const since = (await f.spoke.getPosition(a, f.tbillAddress)).unhealthySince;
    expect(since).to.be.gt(0n);
    // Within the grace period the liquidation is refused, with the time it opens.
    expect(await refusal(rwaLiquidate(f.k, args("max", LIQUIDATOR, String(ALICE))))).to.equal(
      `RwaGracePeriodActive(unhealthySince=${String(since)}, liquidatableAt=${String(since + BigInt(f.params.gracePeriod))})`,
    );
    expect(await rwaStatus(f.k, args("", ALICE, a))).to.satisfy((l: string[]) =>
      l[4].includes(`flagged since ${new Date(Number(since) * 1000).toISOString()}`),
    );
    await networkHelpers.time.increase(f.params.gracePeriod + 1);
    await f.refresh();
    const before = await f.tbill.balanceOf(f.liquidator.address);
    const lines = await rwaLiquidate(f.k, args("max", LIQUIDATOR, String(ALICE)));
    const seized = (await f.tbill.balanceOf(f.liquidator.address)) - before;
    const [event] = await f.spoke.queryFilter(f.spoke.filters.Liquidation(a));
    expect(seized).to.be.gt(0n);
    expect(event.args.sent).to.equal(seized);
    expect(lines[0]).to.equal(
      `✔ liquidated ${a}: repaid ${fmt(event.args.repaid, 6, "USDC")}, seized ${fmt(event.args.seized, 6, "TBILL")} (tx ${event.transactionHash}, gas ${String((await event.getTransactionReceipt()).gasUsed)})`,
    );
    expect(event.args.repaid).to.be.gt(T("400")); // "max" covers up to the close factor's share of the ~800 owed
  });

  it("bad input is refused with a readable error and nothing changes", async () => {
    const f = await setup();
    const a = f.alice.address;
    await expectTaskError(
      rwaStatus(f.k, { ...args(""), collateral: "GOLD" }),
      /^Unknown RWA collateral "GOLD"\. Listed: TBILL\.$/,
    );
    await expectTaskError(rwaSupply(f.k, args("abc")), /^Invalid amount "abc"/);
    await expectTaskError(rwaSupply(f.k, args("1.0000001")), /at most 6 decimals/);
    await expectTaskError(rwaLiquidate(f.k, args("max", LIQUIDATOR)), /^The account to liquidate is required\.$/);
    await expectTaskError(
      rwaRepay(f.k, args("1", ALICE, "nobody")),
      /^--user: expected an address or a signer index, got "nobody"\.$/,
    );
    const noSpoke = { ...f.k, record: { ...f.k.record, rwa: undefined } };
    await expectTaskError(rwaStatus(noSpoke, args("")), /^No RWA spoke in deployments\/test\.json/);

    // A holder the issuer has not allowlisted: refused before anything is sent, not even an approval.
    await f.tbill.connect(f.carol).approve(f.spokeAddress, 0n);
    expect(await refusal(rwaSupply(f.k, args("10", CAROL)))).to.equal(
      `RwaNotAllowlisted(token=${f.tbillAddress}, account=${f.carol.address})`,
    );
    expect(await f.tbill.allowance(f.carol.address, f.spokeAddress)).to.equal(0n);
    expect((await f.spoke.getCollateral(f.tbillAddress)).total).to.equal(0n);
    // Nor may it liquidate.
    expect(await refusal(rwaLiquidate(f.k, args("max", CAROL, a)))).to.equal(
      `RwaNotAllowlisted(token=${f.tbillAddress}, account=${f.carol.address})`,
    );

    await rwaSupply(f.k, args("1000"));
    const [, drawnBefore] = await f.hub.spokeBalances(f.spokeAddress, f.U);
    const usdcBefore = await f.usdc.balanceOf(a);
    // Above the LTV (800 USD of 1,000 at 80%): the hub's draw is undone with the spoke's check.
    expect(await refusal(rwaBorrow(f.k, args("900")))).to.match(
      /^RwaLtvExceeded\(debtValue=9000000\d{4}, maxDebtValue=80000000000\)$/,
    );
    expect((await f.hub.spokeBalances(f.spokeAddress, f.U))[1]).to.equal(drawnBefore);
    expect(await f.usdc.balanceOf(a)).to.equal(usdcBefore);
    expect(await refusal(rwaRepay(f.k, args("1")))).to.equal(`RwaNoDebt(account=${a}, token=${f.tbillAddress})`);
    expect(await refusal(rwaWithdraw(f.k, args("1001")))).to.equal(
      `RwaInsufficientCollateral(balance=${String(T("1000"))}, requested=${String(T("1001"))})`,
    );
    expect(await refusal(rwaLiquidate(f.k, args("max", LIQUIDATOR, a)))).to.equal(
      `RwaNoDebt(account=${a}, token=${f.tbillAddress})`,
    );
    const p = await f.spoke.getPosition(a, f.tbillAddress);
    expect([p.collateral, p.debt]).to.deep.equal([T("1000"), 0n]);
  });
});
