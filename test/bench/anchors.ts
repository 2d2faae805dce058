import { expect } from "chai";
import hre from "hardhat";
import { benchAave, benchAaveScaling } from "../../scripts/bench/aave.js";
import { benchMorpho } from "../../scripts/bench/morpho.js";
import { ACTIONS } from "../../scripts/bench/types.js";
import type { Action, GasRow } from "../../scripts/bench/types.js";

const { ethers } = await hre.network.create();

// Sane ranges: an ERC-20 transfer alone costs ~30k+21k, and no single lending action of these anchors needs 1M gas.
const MIN_GAS = 40_000n;
const MAX_GAS = 1_000_000n;

function expectMeasured(row: GasRow, measured: readonly Action[]): void {
  for (const action of ACTIONS) {
    const gas = row[action];
    if (measured.includes(action)) {
      expect(gas, action).to.be.a("bigint");
      expect(gas, action).to.be.gte(MIN_GAS).and.lte(MAX_GAS);
    } else {
      expect(gas, action).to.equal(null);
    }
  }
}

describe("gas benchmark anchors", function () {
  this.timeout(300_000);

  it("benchAave: measures every Aave V3 action except ERC-3156 in a sane range", async () => {
    const row = await benchAave(ethers);
    expectMeasured(
      row,
      ACTIONS.filter((a) => a !== "flashLoan (ERC-3156)"),
    );
    // Aave's supply and borrow paths are known to cost well over 100k; a much lower figure means a broken setup.
    expect(row["supply (2nd)"]).to.be.gte(100_000n);
    expect(row.liquidation).to.be.gt(row.borrow as bigint);
  });

  it("benchMorpho: measures every Morpho Blue action it has (no multi-asset or ERC-3156 flash loan)", async () => {
    const row = await benchMorpho(ethers);
    expectMeasured(
      row,
      ACTIONS.filter((a) => a !== "flashLoan (1 asset)" && a !== "flashLoan (ERC-3156)"),
    );
    expect(row["supply (1st)"]).to.be.gt(row["supply (2nd)"] as bigint); // first position write
  });

  it("benchAaveScaling: borrow and liquidation gas grow with the number of collaterals", async () => {
    const rows = await benchAaveScaling(ethers, [1, 2, 4]);
    expect(rows.map((r) => r.collaterals)).to.deep.equal([1, 2, 4]);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].borrow).to.be.gt(rows[i - 1].borrow);
      expect(rows[i].liquidation).to.be.gt(rows[i - 1].liquidation);
    }
    expect(rows[2].liquidation).to.be.lt(MAX_GAS);
  });
});
