// The safety module's tasks: registered, and the summary `keel safety status` and `keel status` print shows each stake
// pool's stake, max slash and the cover it paid after a bad debt.
import { expect } from "chai";
import hre from "hardhat";
import { safetyLines } from "../../tasks/safety/actions.js";
import { fmt } from "../../tasks/lib/keel.js";
import { E6, deploySafetySystem } from "../helpers/safety-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deploySafetySystem(connection);

describe("tasks: safety (stake, cooldown, unstake, status)", () => {
  it("registers keel safety stake, cooldown, unstake and status", () => {
    for (const a of ["stake", "cooldown", "unstake", "status"])
      expect(hre.tasks.getTask(["keel", "safety", a]).id).to.deep.equal(["keel", "safety", a]);
  });

  it("the status lines show the stake, the max slash and the cover paid, and an account's cooldown", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await f.module.connect(f.bob).stake(f.U, 10_000n * E6, f.bob.address);
    await f.module.connect(f.bob).cooldown(f.U, 1_000n * E6);
    await f.badDebt(1_000n * E6);
    const paid = (await f.module.getStakePool(f.U)).coverPaid;
    const lines = await safetyLines(ethers, f.system.record, f.bob.address);
    expect(lines[0]).to.match(/cooldown 20 days, window 2 days/);
    const usdc = lines.find((l) => l.trimStart().startsWith("USDC"));
    expect(usdc).to.not.equal(undefined);
    expect(usdc).to.include("30%");
    expect(paid).to.be.gte(1_000n * E6);
    expect(usdc).to.include(fmt(paid, 6)); // the cover paid
    expect(lines.join("\n")).to.match(/cooling 1,000/);
  });
});
