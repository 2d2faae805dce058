// Bad-input rows for the RwaSpoke (issue 12), as test/attacks/bad-input-matrix.ts does for the core: every external
// state-changing function of the spoke is called with bad inputs (zero amount, max uint, an unlisted token, the zero
// address, out-of-bound parameters, refused callers, unhealthy / healthy / debt-free positions, a stale or
// out-of-bound NAV). Each case asserts the NAMED custom error with its arguments and that a hash of the whole
// observable state (the spoke's digest and listings, every position, the tokens held, the hub's books of the spoke)
// is the same before and after the failed call.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, ZeroAddress, parseUnits } from "ethers";
import { NAV_1, T, deployRwaSystem, type RwaSystem } from "../helpers/rwa-fixture.js";
import type { IRwaSpoke } from "../../types/ethers-contracts/index.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const USD = (x: string) => parseUnits(x, 6);

async function fixture() {
  const f = await deployRwaSystem(connection);
  await f.spoke.connect(f.alice).supply(f.tbillAddress, T("100000"));
  await f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("79000"), f.alice.address);
  await f.spoke.connect(f.bob).supply(f.tbillAddress, T("1000"));
  const xyz = await ethers.deployContract("MockRwaToken", ["Unlisted", "XYZ", 6, f.deployer.address]);
  const feed37 = await ethers.deployContract("MockAggregator", [37, NAV_1, "X / USD"]);
  const stale = await ethers.deployContract("MockAggregator", [8, NAV_1, "X / USD"]);
  await stale.setRound(1, NAV_1, 1, 1, 1);
  return { ...f, X: await xyz.getAddress(), F37: await feed37.getAddress(), FS: await stale.getAddress() };
}
type F = Awaited<ReturnType<typeof fixture>>;

async function stateHash(f: F): Promise<string> {
  const parts: unknown[] = [await f.spoke.stateDigest()];
  for (const t of [f.tbillAddress, f.X]) {
    parts.push((await f.spoke.getCollateral(t)).toString());
    for (const u of [f.alice, f.bob, f.carol, f.liquidator]) {
      parts.push((await f.spoke.positionOf(u.address, t)).toString());
    }
  }
  parts.push(await f.tbill.balanceOf(f.spokeAddress), await f.usdc.balanceOf(f.spokeAddress));
  parts.push((await f.hub.getSpokeAsset(f.spokeAddress, f.U)).toString(), (await f.hub.getAsset(f.U)).toString());
  for (const u of [f.alice, f.bob, f.carol, f.liquidator])
    parts.push(await f.usdc.balanceOf(u.address), await f.tbill.balanceOf(u.address));
  return ethers.id(parts.map(String).join("|"));
}

interface Case {
  name: string;
  prep?: (f: F) => Promise<unknown>;
  call: (f: F) => Promise<unknown>;
  error: string;
  args?: (f: F) => unknown[];
  /** The contract whose error it is (default: the spoke). */
  on?: (f: F) => {
    interface: RwaSystem["spoke"]["interface"] | RwaSystem["hub"]["interface"] | RwaSystem["tbill"]["interface"];
  };
}
const cases: Case[] = [];
const add = (c: Case) => cases.push(c);
const P = (f: F, over: Partial<IRwaSpoke.CollateralParamsStruct> = {}) => ({ ...f.params, ...over });

/* ------------------------------------------------------------------------------------------------ supply */
add({
  name: "supply: zero amount",
  call: (f) => f.spoke.connect(f.alice).supply(f.tbillAddress, 0n),
  error: "RwaZeroAmount",
});
add({
  name: "supply: unlisted token",
  call: (f) => f.spoke.connect(f.alice).supply(f.X, 1n),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "supply: zero-address token",
  call: (f) => f.spoke.connect(f.alice).supply(ZeroAddress, 1n),
  error: "RwaCollateralNotListed",
  args: () => [ZeroAddress],
});
add({
  name: "supply: caller not allowlisted",
  call: (f) => f.spoke.connect(f.carol).supply(f.tbillAddress, 1n),
  error: "RwaNotAllowlisted",
  args: (f) => [f.tbillAddress, f.carol.address],
});
add({
  name: "supply: max uint (above the account cap)",
  call: (f) => f.spoke.connect(f.alice).supply(f.tbillAddress, MaxUint256 - T("100000")),
  error: "RwaAccountCapExceeded",
  args: (f) => [f.tbillAddress, f.params.accountCap, MaxUint256],
});
add({
  name: "supply: above the account cap",
  call: (f) => f.spoke.connect(f.alice).supply(f.tbillAddress, T("9900001")),
  error: "RwaAccountCapExceeded",
  args: (f) => [f.tbillAddress, f.params.accountCap, T("10000001")],
});
add({
  name: "supply: holder frozen by the issuer",
  prep: (f) => f.tbill.setFrozen(f.bob.address, true),
  call: (f) => f.spoke.connect(f.bob).supply(f.tbillAddress, 1n),
  error: "RwaTokenFrozen",
  on: (f) => f.tbill,
  args: (f) => [f.bob.address],
});

/* ------------------------------------------------------------------------------------------------ withdraw */
add({
  name: "withdraw: zero amount",
  call: (f) => f.spoke.connect(f.bob).withdraw(f.tbillAddress, 0n),
  error: "RwaZeroAmount",
});
add({
  name: "withdraw: max uint without collateral",
  call: (f) => f.spoke.connect(f.carol).withdraw(f.tbillAddress, MaxUint256),
  error: "RwaZeroAmount",
});
add({
  name: "withdraw: more than the claim",
  call: (f) => f.spoke.connect(f.bob).withdraw(f.tbillAddress, T("1001")),
  error: "RwaInsufficientCollateral",
  args: () => [T("1000"), T("1001")],
});
add({
  name: "withdraw: unlisted token",
  call: (f) => f.spoke.connect(f.bob).withdraw(f.X, 1n),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "withdraw: beyond the LTV",
  call: (f) => f.spoke.connect(f.alice).withdraw(f.tbillAddress, T("2000")),
  error: "RwaLtvExceeded",
});
add({
  name: "withdraw: NAV out of bounds",
  prep: (f) => f.nav.setAnswer(90_000_000n),
  call: (f) => f.spoke.connect(f.alice).withdraw(f.tbillAddress, T("1")),
  error: "RwaNavMoveExceeded",
  args: (f) => [f.tbillAddress, NAV_1, 90_000_000n, 200n],
});

/* ------------------------------------------------------------------------------------------------ borrow */
add({
  name: "borrow: zero amount",
  call: (f) => f.spoke.connect(f.alice).borrow(f.tbillAddress, 0n, f.alice.address),
  error: "RwaZeroAmount",
});
add({
  name: "borrow: to the zero address",
  call: (f) => f.spoke.connect(f.alice).borrow(f.tbillAddress, 1n, ZeroAddress),
  error: "RwaZeroAddress",
});
add({
  name: "borrow: unlisted token",
  call: (f) => f.spoke.connect(f.alice).borrow(f.X, 1n, f.alice.address),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "borrow: without collateral",
  call: (f) => f.spoke.connect(f.carol).borrow(f.tbillAddress, 1n, f.carol.address),
  error: "RwaLtvExceeded",
});
add({
  name: "borrow: beyond the LTV",
  call: (f) => f.spoke.connect(f.alice).borrow(f.tbillAddress, USD("1001"), f.alice.address),
  error: "RwaLtvExceeded",
});
add({
  name: "borrow: max uint (more than the hub holds)",
  call: (f) => f.spoke.connect(f.alice).borrow(f.tbillAddress, MaxUint256, f.alice.address),
  error: "HubAmountTooLarge",
  on: (f) => f.hub,
  args: () => [MaxUint256],
});
add({
  name: "borrow: stale NAV",
  prep: async (f) => {
    await time.increase(86_401);
    await f.usdcFeed.setAnswer(NAV_1);
  },
  call: (f) => f.spoke.connect(f.alice).borrow(f.tbillAddress, 1n, f.alice.address),
  error: "RwaNavStale",
});
add({
  name: "borrow: NAV not positive",
  prep: (f) => f.nav.setAnswer(0n),
  call: (f) => f.spoke.connect(f.alice).borrow(f.tbillAddress, 1n, f.alice.address),
  error: "RwaNavInvalid",
  args: (f) => [f.nav.target, 0n],
});
add({
  name: "borrow: spoke frozen in the hub",
  prep: (f) => f.hub.connect(f.guardian).freezeSpoke(f.spokeAddress),
  call: (f) => f.spoke.connect(f.bob).borrow(f.tbillAddress, 1n, f.bob.address),
  error: "HubSpokeFrozen",
  on: (f) => f.hub,
  args: (f) => [f.spokeAddress],
});

/* ------------------------------------------------------------------------------------------------ repay */
add({
  name: "repay: zero amount",
  call: (f) => f.spoke.connect(f.alice).repay(f.tbillAddress, 0n, f.alice.address),
  error: "RwaZeroAmount",
});
add({
  name: "repay: no debt",
  call: (f) => f.spoke.connect(f.alice).repay(f.tbillAddress, 1n, f.bob.address),
  error: "RwaNoDebt",
  args: (f) => [f.bob.address, f.tbillAddress],
});
add({
  name: "repay: zero-address account",
  call: (f) => f.spoke.connect(f.alice).repay(f.tbillAddress, 1n, ZeroAddress),
  error: "RwaNoDebt",
  args: (f) => [ZeroAddress, f.tbillAddress],
});
add({
  name: "repay: unlisted token",
  call: (f) => f.spoke.connect(f.alice).repay(f.X, 1n, f.alice.address),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});

/* ------------------------------------------------------------------------------------------------ poke, updateNav */
add({
  name: "poke: unlisted token",
  call: (f) => f.spoke.poke(f.alice.address, f.X),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "poke: NAV out of bounds",
  prep: (f) => f.nav.setAnswer(110_000_000n),
  call: (f) => f.spoke.poke(f.alice.address, f.tbillAddress),
  error: "RwaNavMoveExceeded",
  args: (f) => [f.tbillAddress, NAV_1, 110_000_000n, 200n],
});
add({
  name: "updateNav: unlisted token",
  call: (f) => f.spoke.updateNav(f.X),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "updateNav: out of bounds",
  prep: (f) => f.nav.setAnswer(97_000_000n),
  call: (f) => f.spoke.updateNav(f.tbillAddress),
  error: "RwaNavMoveExceeded",
  args: (f) => [f.tbillAddress, NAV_1, 97_000_000n, 200n],
});
add({
  name: "updateNav: incomplete round",
  prep: (f) => f.nav.setRound(5, NAV_1, 1, 1, 4),
  call: (f) => f.spoke.updateNav(f.tbillAddress),
  error: "RwaNavInvalid",
  args: (f) => [f.nav.target, NAV_1],
});

/* ------------------------------------------------------------------------------------------------ liquidate */
const crash = async (f: F) => {
  await f.nav.setAnswer(80_000_000n);
  await f.spoke.connect(f.risk).acceptNav(f.tbillAddress);
};
add({
  name: "liquidate: zero amount",
  prep: crash,
  call: (f) => f.spoke.connect(f.bob).liquidate(f.alice.address, f.tbillAddress, 0n),
  error: "RwaZeroAmount",
});
add({
  name: "liquidate: liquidator not allowlisted",
  prep: crash,
  call: (f) => f.spoke.connect(f.carol).liquidate(f.alice.address, f.tbillAddress, 1n),
  error: "RwaNotAllowlisted",
  args: (f) => [f.tbillAddress, f.carol.address],
});
add({
  name: "liquidate: healthy position",
  call: (f) => f.spoke.connect(f.bob).liquidate(f.alice.address, f.tbillAddress, 1n),
  error: "RwaPositionHealthy",
});
add({
  name: "liquidate: no debt",
  prep: crash,
  call: (f) => f.spoke.connect(f.alice).liquidate(f.bob.address, f.tbillAddress, 1n),
  error: "RwaNoDebt",
  args: (f) => [f.bob.address, f.tbillAddress],
});
add({
  name: "liquidate: unlisted token",
  call: (f) => f.spoke.connect(f.bob).liquidate(f.alice.address, f.X, 1n),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "liquidate: within the grace period",
  prep: (f) => f.walkNav(92_200_000n),
  call: (f) => f.spoke.connect(f.bob).liquidate(f.alice.address, f.tbillAddress, 1n),
  error: "RwaGracePeriodActive",
  args: () => [0n, 0n],
});
add({
  name: "liquidate: liquidator frozen by the issuer",
  prep: async (f) => {
    await crash(f);
    await f.tbill.setFrozen(f.bob.address, true);
  },
  call: (f) => f.spoke.connect(f.bob).liquidate(f.alice.address, f.tbillAddress, USD("1000")),
  error: "RwaTokenFrozen",
  on: (f) => f.tbill,
  args: (f) => [f.bob.address],
});

/* ------------------------------------------------------------------------------------------------ admin */
const admin = (f: F) => f.spoke.connect(f.deployer);
const risk = (f: F) => f.spoke.connect(f.risk);
add({
  name: "listCollateral: zero token",
  call: async (f) => admin(f).listCollateral(ZeroAddress, await f.nav.getAddress(), false, P(f)),
  error: "RwaZeroAddress",
});
add({
  name: "listCollateral: zero feed",
  call: (f) => admin(f).listCollateral(f.X, ZeroAddress, false, P(f)),
  error: "RwaZeroAddress",
});
add({
  name: "listCollateral: listed already",
  call: async (f) => admin(f).listCollateral(f.tbillAddress, await f.nav.getAddress(), false, P(f)),
  error: "RwaCollateralAlreadyListed",
  args: (f) => [f.tbillAddress],
});
add({
  name: "listCollateral: the debt asset",
  call: async (f) => admin(f).listCollateral(f.U, await f.nav.getAddress(), false, P(f)),
  error: "RwaBadDebtAsset",
  args: (f) => [f.U],
});
add({
  name: "listCollateral: token without code",
  call: async (f) => admin(f).listCollateral(f.carol.address, await f.nav.getAddress(), false, P(f)),
  error: "RwaBadDecimals",
  args: (f) => [f.carol.address],
});
add({
  name: "listCollateral: feed of 37 decimals",
  call: (f) => admin(f).listCollateral(f.X, f.F37, false, P(f)),
  error: "RwaBadDecimals",
  args: (f) => [f.F37],
});
add({
  name: "listCollateral: stale feed",
  call: (f) => admin(f).listCollateral(f.X, f.FS, false, P(f)),
  error: "RwaNavStale",
  args: (f) => [f.FS, 1n, 86_400n],
});
add({
  name: "listCollateral: vault flag on a non-vault",
  call: async (f) => admin(f).listCollateral(f.X, await f.nav.getAddress(), true, P(f)),
  error: "RwaNotAVault",
  args: (f) => [f.X],
});
add({
  name: "listCollateral: by the risk admin",
  call: async (f) => risk(f).listCollateral(f.X, await f.nav.getAddress(), false, P(f)),
  error: "AccessManagedUnauthorized",
  args: (f) => [f.risk.address],
});
const bounds: [string, Partial<IRwaSpoke.CollateralParamsStruct>, [bigint, bigint, bigint]][] = [
  ["ltv 0", { ltv: 0 }, [0n, 1n, 9999n]],
  ["threshold at the ltv", { liquidationThreshold: 8000 }, [8000n, 8001n, 9999n]],
  ["threshold 100%", { liquidationThreshold: 10_000 }, [10_000n, 8001n, 9999n]],
  ["bonus below 100%", { liquidationBonus: 9999 }, [9999n, 10_000n, 11_764n]],
  ["threshold x bonus above 100%", { liquidationBonus: 11_800 }, [11_800n, 10_000n, 11_764n]],
  ["max move 0", { maxNavMoveBps: 0 }, [0n, 1n, 10_000n]],
  ["max move above 100%", { maxNavMoveBps: 10_001 }, [10_001n, 1n, 10_000n]],
  ["heartbeat 0", { heartbeat: 0 }, [0n, 1n, 604_800n]],
  ["heartbeat above 7 days", { heartbeat: 604_801 }, [604_801n, 1n, 604_800n]],
  ["grace above 30 days", { gracePeriod: 2_592_001 }, [2_592_001n, 0n, 2_592_000n]],
  ["hard floor 100%", { hardFloorBps: 10_000 }, [10_000n, 0n, 9999n]],
];
for (const [what, over, args] of bounds) {
  add({
    name: `setCollateralParams: ${what}`,
    call: (f) => risk(f).setCollateralParams(f.tbillAddress, P(f, over)),
    error: "RwaParameterOutOfBounds",
    args: () => args,
  });
  add({
    name: `listCollateral: ${what}`,
    call: async (f) => admin(f).listCollateral(f.X, await f.nav.getAddress(), false, P(f, over)),
    error: "RwaParameterOutOfBounds",
    args: () => args,
  });
}
add({
  name: "setCollateralParams: unlisted token",
  call: (f) => risk(f).setCollateralParams(f.X, P(f)),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "setCollateralParams: stranger",
  call: (f) => f.spoke.connect(f.stranger).setCollateralParams(f.tbillAddress, P(f)),
  error: "AccessManagedUnauthorized",
  args: (f) => [f.stranger.address],
});
add({
  name: "acceptNav: unlisted token",
  call: (f) => risk(f).acceptNav(f.X),
  error: "RwaCollateralNotListed",
  args: (f) => [f.X],
});
add({
  name: "acceptNav: stale NAV",
  prep: async () => {
    await time.increase(86_401);
  },
  call: (f) => risk(f).acceptNav(f.tbillAddress),
  error: "RwaNavStale",
});
add({
  name: "acceptNav: stranger",
  call: (f) => f.spoke.connect(f.stranger).acceptNav(f.tbillAddress),
  error: "AccessManagedUnauthorized",
  args: (f) => [f.stranger.address],
});
add({
  name: "upgradeToAndCall: stranger",
  call: (f) => f.spoke.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x"),
  error: "AccessManagedUnauthorized",
  args: (f) => [f.stranger.address],
});
add({
  name: "initialize: again",
  call: (f) => f.spoke.initialize(f.stranger.address, f.stranger.address, f.U),
  error: "InvalidInitialization",
});

describe("bad-input matrix: RwaSpoke", () => {
  for (const c of cases) {
    it(`${c.name}: ${c.error}, state unchanged`, async () => {
      const f = await loadFixture(fixture);
      if (c.prep) await c.prep(f);
      const before = await stateHash(f);
      const assertion = expect(c.call(f)).to.be.revertedWithCustomError((c.on ?? ((x: F) => x.spoke))(f), c.error);
      if (c.args) await assertion.withArgs(...c.args(f));
      else await assertion;
      expect(await stateHash(f)).to.equal(before);
    });
  }

  it("covers at least 60 cases", () => {
    expect(cases.length).to.be.at.least(60);
  });
});
