// Blast radius of the RWA spoke (issue 12): its collateral's NAV goes to ~0. The spoke loses at most its draw cap,
// the loss is socialised visibly (BadDebt and the hub's DeficitReported: insurance first, then suppliers), the
// hub's books stay whole for the core spoke, and after the write-off the spoke still cannot draw beyond its cap.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import { T, deployRwaSystem } from "../../helpers/rwa-fixture.js";

const connection = await hre.network.create();
const { networkHelpers } = connection;
const USD = (x: string) => parseUnits(x, 6);

async function fixture() {
  const f = await deployRwaSystem(connection);
  // A tight draw cap for the test: 100,000 USDC. Alice and Bob borrow against TBILL up to it.
  await f.hub.connect(f.deployer).setSpokeCaps(f.spokeAddress, f.U, 0n, 100_000n);
  await f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000"));
  await f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("79000"), f.alice.address);
  await f.spoke.connect(f.bob).supply(f.tbillAddress, T("100000"));
  await f.spoke.connect(f.bob).borrow(f.tbillAddress, USD("20000"), f.bob.address);
  return f;
}

describe("RwaSpoke: blast radius (NAV to ~0)", () => {
  it("the spoke cannot draw beyond its cap whatever its collateral", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await expect(f.spoke.connect(f.bob).borrow(f.tbillAddress, USD("2000"), f.bob.address))
      .to.be.revertedWithCustomError(f.hub, "HubDrawCapExceeded")
      .withArgs(f.spokeAddress, f.U, 100_000n, (v: bigint) => v > USD("100000"));
  });

  it("a worthless collateral costs at most the draw cap, reported as the spoke's deficit; core suppliers lose only the socialised part", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const A = f.alice.address;
    const supplierBefore = await f.pool.supplyBalanceOf(f.U, f.dave.address);
    await f.nav.setAnswer(1n); // 1e-8 USD per T-bill
    await f.spoke.connect(f.risk).acceptNav(f.tbillAddress);
    const debt = (await f.spoke.getPosition(A, f.tbillAddress)).debt;
    const tx = f.spoke.connect(f.liquidator).liquidate(A, f.tbillAddress, USD("1"));
    await expect(tx).to.emit(f.spoke, "BadDebt");
    await expect(tx).to.emit(f.hub, "DeficitReported");
    const receipt = await (await tx).wait();
    const bad = receipt!.logs
      .map((l) => {
        try {
          return f.spoke.interface.parseLog(l);
        } catch {
          return null;
        }
      })
      .find((e) => e?.name === "BadDebt")!;
    const [, , , deficit, covered, socialised] = bad.args as unknown as [
      string,
      string,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    expect(covered + socialised).to.equal(deficit);
    expect(deficit).to.be.closeTo(debt, USD("0.01")).and.lessThanOrEqual(USD("100000"));
    const pos = await f.spoke.getPosition(A, f.tbillAddress);
    expect([pos.collateral, pos.drawnShares]).to.deep.equal([0n, 0n]);
    expect((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).deficit).to.equal(deficit);
    // The core supplier's claim fell by at most the socialised part (plus a unit of rounding), nothing beyond.
    const supplierAfter = await f.pool.supplyBalanceOf(f.U, f.dave.address);
    expect(supplierBefore - supplierAfter).to.be.lessThanOrEqual(socialised + 1n);
    // The deficit keeps counting against the cap: the spoke cannot draw, write off and draw again.
    await f.nav.setAnswer(10n ** 8n);
    await f.spoke.connect(f.risk).acceptNav(f.tbillAddress);
    await expect(
      f.spoke.connect(f.bob).borrow(f.tbillAddress, USD("2000"), f.bob.address),
    ).to.be.revertedWithCustomError(f.hub, "HubDrawCapExceeded");
    // The core spoke keeps serving.
    await f.pool.connect(f.carol).supply(f.U, USD("1000"), f.carol.address, 0);
    await f.pool.connect(f.carol).withdraw(f.U, USD("500"), f.carol.address);
  });
});
