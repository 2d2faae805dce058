// The SDK's RWA spoke account (packages/sdk/src/spokes.ts) against the spoke's own views, and each position's
// liquidation NAV against where the spoke's health factor crosses 1.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { WAD, readRwaAccount } from "../../packages/sdk/src/index.js";
import { NAV_1, T, deployRwaSystem } from "../helpers/rwa-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

/** alice supplies 100,000 TBILL (NAV 1.00, LTV 80%, threshold 85%) and borrows 79,000 USDC. */
async function fixture() {
  const f = await deployRwaSystem(connection);
  await f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000"));
  await f.spoke.connect(f.alice).borrow(f.tbillAddress, parseUnits("79000", 6), f.alice.address);
  return f;
}

describe("sdk: account on the RWA spoke", () => {
  it("positions equal the spoke's getPosition, with the collateral's parameters and NAV; no position, none listed", async () => {
    const { spoke, spokeAddress, tbillAddress, alice, carol, U } = await loadFixture(fixture);
    const blockTag = await ethers.provider.getBlockNumber();
    const a = await readRwaAccount(ethers.provider, spokeAddress, alice.address, { blockTag });
    expect(a.debtAsset).to.equal(U);
    expect(a.positions.map((p) => p.token)).to.deep.equal([tbillAddress]);
    const p = a.positions[0];
    const chain = await spoke.getPosition(alice.address, tbillAddress, { blockTag });
    expect([
      p.collateral,
      p.drawnShares,
      p.debt,
      p.collateralValueBase,
      p.debtValueBase,
      p.healthFactor,
      p.unhealthySince,
    ]).to.deep.equal([
      chain.collateral,
      chain.drawnShares,
      chain.debt,
      chain.collateralValue,
      chain.debtValue,
      chain.healthFactor,
      chain.unhealthySince,
    ]);
    expect([p.ltvBps, p.liquidationThresholdBps, p.nav]).to.deep.equal([8000n, 8500n, NAV_1]);
    expect(p.debt).to.equal(parseUnits("79000", 6));
    expect((await readRwaAccount(ethers.provider, spokeAddress, carol.address)).positions).to.deep.equal([]);
  });

  it("the liquidation NAV: 0.1% above it the spoke's health factor is at least 1, 0.1% below it is under 1", async () => {
    const { spoke, spokeAddress, tbillAddress, alice, walkNav } = await loadFixture(fixture);
    const nav = (await readRwaAccount(ethers.provider, spokeAddress, alice.address)).positions[0]?.liquidationNav;
    if (nav === undefined) expect.fail("an indebted position has a liquidation NAV");
    // 79,000 USD of debt against 100,000 TBILL at 85%: about 0.929.
    expect(nav).to.be.gt((NAV_1 * 92n) / 100n);
    expect(nav).to.be.lt((NAV_1 * 93n) / 100n);
    await walkNav((nav * 1001n) / 1000n);
    expect((await spoke.getPosition(alice.address, tbillAddress)).healthFactor).to.be.gte(WAD);
    await walkNav((nav * 999n) / 1000n);
    expect((await spoke.getPosition(alice.address, tbillAddress)).healthFactor).to.be.lt(WAD);
  });
});
