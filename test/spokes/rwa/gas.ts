// The RWA spoke's gas rows of `npm run bench:gas` (scripts/bench/rwa.ts) run and stay within a budget: every action
// below 300,000 gas (the core spoke's liquidation measured 260,146 before the hub: scripts/bench-gas.ts BEFORE_HUB).
import { expect } from "chai";
import hre from "hardhat";
import { RWA_ACTIONS, benchRwa } from "../../../scripts/bench/rwa.js";

const connection = await hre.network.create();

describe("RwaSpoke: gas rows (scripts/bench/rwa.ts)", () => {
  it("measures supply, borrow, repay and liquidation within budget", async () => {
    const row = await benchRwa(hre, connection);
    for (const a of RWA_ACTIONS) {
      console.log(`      ${a}: ${String(row[a])}`);
      expect(row[a], a).to.be.greaterThan(21_000n).and.lessThan(300_000n);
    }
  });
});
