// Bad-input rows for the safety module (as test/attacks/bad-input-matrix.ts does for the other modules): every external
// state-changing function of SafetyModule called with bad inputs (zero amount, max uint, an unlisted asset, the zero
// address, out-of-bounds parameters, the wrong caller, the wrong time). Each row asserts the NAMED custom error with
// its arguments and that a hash of the module's observable state (its digest, stake pools, cooldowns, share balances,
// its hub account, the treasury's hub income and the stakers' token balances) is the same after the failed call.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, ZeroAddress, parseUnits } from "ethers";
import { DAY, deploySafetySystem } from "../helpers/safety-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

async function fixture() {
  const f = await deploySafetySystem(connection);
  await f.module.connect(f.bob).stake(f.U, parseUnits("1000", 6), f.bob.address);
  await f.module.connect(f.carol).stake(f.U, parseUnits("1000", 6), f.carol.address);
  await f.module.connect(f.carol).cooldown(f.U, MaxUint256);
  const xyz = await ethers.deployContract("MockERC20", ["Unlisted", "XYZ", 18]);
  return { ...f, X: await xyz.getAddress() };
}
type F = Awaited<ReturnType<typeof fixture>>;

async function stateHash(f: F): Promise<string> {
  const parts: unknown[] = [await f.module.stateDigest(), (await f.module.stakedAssets()).join()];
  const users = [f.bob.address, f.carol.address, f.stranger.address, f.deployer.address];
  for (const a of [f.U, f.W, f.B, f.X]) {
    parts.push((await f.module.getStakePool(a)).toString(), (await f.hub.getSpokeAsset(f.moduleAddress, a)).toString());
    for (const u of users)
      parts.push((await f.module.getCooldown(a, u)).toString(), await f.module.balanceOf(u, BigInt(a)));
  }
  for (const u of users) parts.push(await f.usdc.balanceOf(u));
  parts.push((await f.hub.getAsset(f.U)).toString()); // stored state only: views that accrue change with the block
  return ethers.id(parts.map(String).join("|"));
}

type Row = [label: string, call: (f: F) => Promise<unknown>, error: string, args?: (f: F) => unknown[]];

const rows: Row[] = [
  [
    "stake: zero amount",
    (f) => f.module.connect(f.bob).stake(f.U, 0n, f.bob.address),
    "SafetyAmountTooSmall",
    () => [0n],
  ],
  [
    "stake: unlisted asset",
    (f) => f.module.connect(f.bob).stake(f.X, 1n, f.bob.address),
    "SafetyAssetNotListed",
    (f) => [f.X],
  ],
  ["stake: zero receiver", (f) => f.module.connect(f.bob).stake(f.U, 1n, ZeroAddress), "SafetyZeroAddress"],
  [
    "stake: hub-listed but not insured (WBTC)",
    (f) => f.module.connect(f.bob).stake(f.B, 1n, f.bob.address),
    "SafetyAssetNotListed",
    (f) => [f.B],
  ],
  ["cooldown: zero shares", (f) => f.module.connect(f.bob).cooldown(f.U, 0n), "SafetyAmountTooSmall", () => [0n]],
  [
    "cooldown: nothing held (max)",
    (f) => f.module.connect(f.stranger).cooldown(f.U, MaxUint256),
    "SafetyAmountTooSmall",
    () => [0n],
  ],
  [
    "cooldown: above the balance",
    (f) => f.module.connect(f.bob).cooldown(f.U, parseUnits("1000", 6) + 1n),
    "SafetyInsufficientShares",
    (f) => [f.bob.address, parseUnits("1000", 6), parseUnits("1000", 6) + 1n],
  ],
  ["cooldown: unlisted asset", (f) => f.module.connect(f.bob).cooldown(f.X, 1n), "SafetyAssetNotListed", (f) => [f.X]],
  ["unstake: zero receiver", (f) => f.module.connect(f.carol).unstake(f.U, 1n, ZeroAddress), "SafetyZeroAddress"],
  [
    "unstake: unlisted asset",
    (f) => f.module.connect(f.carol).unstake(f.X, 1n, f.carol.address),
    "SafetyAssetNotListed",
    (f) => [f.X],
  ],
  [
    "unstake: no cooldown",
    (f) => f.module.connect(f.bob).unstake(f.U, 1n, f.bob.address),
    "SafetyCooldownNotStarted",
    (f) => [f.bob.address],
  ],
  [
    "unstake: during the cooldown",
    (f) => f.module.connect(f.carol).unstake(f.U, 1n, f.carol.address),
    "SafetyCooldownActive",
  ],
  ["harvest: unlisted asset", (f) => f.module.harvest(f.X), "SafetyAssetNotListed", (f) => [f.X]],
  ["harvest: nothing accrued", (f) => f.module.harvest(f.W), "SafetyNothingToHarvest", (f) => [f.W]],
  [
    "onCoverPaid: not the hub",
    (f) => f.module.connect(f.stranger).onCoverPaid(f.U, 1n, 1n),
    "SafetyUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "listAsset: zero address",
    (f) => f.module.connect(f.deployer).listAsset(ZeroAddress, 1000, 1000),
    "SafetyZeroAddress",
  ],
  [
    "listAsset: already listed",
    (f) => f.module.connect(f.deployer).listAsset(f.U, 1000, 1000),
    "SafetyAssetAlreadyListed",
    (f) => [f.U],
  ],
  [
    "listAsset: not listed in the hub",
    (f) => f.module.connect(f.deployer).listAsset(f.X, 1000, 1000),
    "SafetyHubAssetNotListed",
    (f) => [f.X],
  ],
  [
    "listAsset: max slash above 50%",
    (f) => f.module.connect(f.deployer).listAsset(f.B, 5001, 1000),
    "SafetyParameterOutOfBounds",
    () => [5001n, 5000n],
  ],
  [
    "listAsset: income share above 50%",
    (f) => f.module.connect(f.deployer).listAsset(f.B, 1000, 5001),
    "SafetyParameterOutOfBounds",
    () => [5001n, 5000n],
  ],
  [
    "listAsset: stranger",
    (f) => f.module.connect(f.stranger).listAsset(f.B, 1000, 1000),
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "setPoolParams: unlisted",
    (f) => f.module.connect(f.risk).setPoolParams(f.X, 1000, 1000),
    "SafetyAssetNotListed",
    (f) => [f.X],
  ],
  [
    "setPoolParams: max slash above 50%",
    (f) => f.module.connect(f.risk).setPoolParams(f.U, 65535, 0),
    "SafetyParameterOutOfBounds",
    () => [65535n, 5000n],
  ],
  [
    "setPoolParams: stranger",
    (f) => f.module.connect(f.stranger).setPoolParams(f.U, 1, 1),
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "setCooldown: below a day",
    (f) => f.module.connect(f.deployer).setCooldown(DAY - 1, DAY),
    "SafetyParameterTooLow",
    () => [BigInt(DAY - 1), BigInt(DAY)],
  ],
  [
    "setCooldown: above 90 days",
    (f) => f.module.connect(f.deployer).setCooldown(90 * DAY + 1, DAY),
    "SafetyParameterOutOfBounds",
    () => [BigInt(90 * DAY + 1), BigInt(90 * DAY)],
  ],
  [
    "setCooldown: window below a day",
    (f) => f.module.connect(f.deployer).setCooldown(DAY, 0),
    "SafetyParameterTooLow",
    () => [0n, BigInt(DAY)],
  ],
  [
    "setCooldown: window above 30 days",
    (f) => f.module.connect(f.deployer).setCooldown(DAY, 30 * DAY + 1),
    "SafetyParameterOutOfBounds",
    () => [BigInt(30 * DAY + 1), BigInt(30 * DAY)],
  ],
  [
    "setCooldown: stranger",
    (f) => f.module.connect(f.stranger).setCooldown(DAY, DAY),
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "upgradeToAndCall: stranger",
    (f) => f.module.connect(f.stranger).upgradeToAndCall(ZeroAddress, "0x"),
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  ["initialize: again", (f) => f.module.initialize(f.manager, f.registry, DAY, DAY), "InvalidInitialization"],
  [
    "transfer: above the balance",
    (f) => f.module.connect(f.bob).transfer(f.stranger.address, BigInt(f.U), parseUnits("1000", 6) + 1n),
    "ERC6909InsufficientBalance",
    (f) => [f.bob.address, parseUnits("1000", 6), parseUnits("1000", 6) + 1n, BigInt(f.U)],
  ],
  [
    "transferFrom: no allowance",
    (f) => f.module.connect(f.stranger).transferFrom(f.bob.address, f.stranger.address, BigInt(f.U), 1n),
    "ERC6909InsufficientAllowance",
    (f) => [f.stranger.address, 0n, 1n, BigInt(f.U)],
  ],
];

describe("bad inputs: SafetyModule (named errors, nothing changes)", () => {
  for (const [label, call, error, args] of rows) {
    it(label, async () => {
      const f = await loadFixture(fixture);
      const before = await stateHash(f);
      const r = expect(call(f)).to.be.revertedWithCustomError(f.module, error);
      if (args !== undefined) await r.withArgs(...args(f));
      else await r;
      expect(await stateHash(f)).to.equal(before);
    });
  }

  it("unstake after the window: named error with the times, nothing changes", async () => {
    const f = await loadFixture(fixture);
    const { expiresAt } = await f.module.getCooldown(f.U, f.carol.address);
    await time.setNextBlockTimestamp(expiresAt + 1n);
    const before = await stateHash(f);
    await expect(f.module.connect(f.carol).unstake(f.U, 1n, f.carol.address))
      .to.be.revertedWithCustomError(f.module, "SafetyWindowExpired")
      .withArgs(expiresAt, expiresAt + 1n);
    expect(await stateHash(f)).to.equal(before);
  });
});
