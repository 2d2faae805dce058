// Bad-input matrix: every external state-changing function of Pool, LiquidityHub, KeelFlashLender, KeelOracle, KinkedRateModel,
// KeelTreasury, ModuleRegistry, KeelUpgrader, VotingRewards and KeelGovernor (and the kToken) is called with bad
// inputs: zero amount, max uint, an unlisted asset, the zero address, paused / frozen state, and an unauthorised
// caller. Each case asserts the NAMED custom error and that a hash of the whole observable state (every reserve's
// data, users' positions and bitmaps, the pool's token balances, registry modules, oracle feeds, rate parameters,
// module wiring) is the same before and after the failed call.
import { expect } from "chai";
import hre from "hardhat";
import { type BaseContract, type Interface, MaxUint256, parseUnits } from "ethers";
import { deployKeelForAttacks } from "../helpers/attacks.js";
import { ModuleIds } from "../../deploy/keel.js";
import { Roles } from "../../deploy/roles.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const E18 = 10n ** 18n;
const DEAD = "0x000000000000000000000000000000000000dEaD";

async function fixture() {
  const k = await deployKeelForAttacks(hre, connection);
  await k.manager.grantRole(Roles.TREASURY_MANAGER, k.deployer.address, 0);
  await k.pool.connect(k.alice).supply(k.U, parseUnits("100000", 6), k.alice.address, 0);
  await k.pool.connect(k.bob).supply(k.W, 10n * E18, k.bob.address, 0);
  await k.pool.connect(k.bob).borrow(k.U, parseUnits("1000", 6), 2, 0, k.bob.address);
  const xyz = await ethers.deployContract("MockERC20", ["Unlisted", "XYZ", 18]);
  const X = await xyz.getAddress();
  const recv = await ethers.deployContract("MockFlashReceiver", [k.poolAddress]);
  const R = await recv.getAddress();
  const kUsdc = await ethers.getContractAt("KToken", k.system.reserves.USDC.kToken);
  const feed = await ethers.deployContract("MockAggregator", [8, 10n ** 8n, "X / USD"]);
  const feed37 = await ethers.deployContract("MockAggregator", [37, 10n ** 8n, "X / USD"]);
  return { ...k, X, R, kUsdc, F: await feed.getAddress(), F37: await feed37.getAddress() };
}
type F = Awaited<ReturnType<typeof fixture>>;

/** Hash of everything a failed call must leave untouched. */
async function stateHash(f: F): Promise<string> {
  const parts: unknown[] = [];
  const reserves = await f.pool.getReservesList();
  const users = [
    f.alice.address,
    f.bob.address,
    f.carol.address,
    f.stranger.address,
    DEAD,
    await f.treasury.getAddress(),
  ];
  for (const a of reserves) {
    parts.push((await f.pool.getKeelReserveData(a)).toString());
    const token = await ethers.getContractAt("MockERC20", a);
    parts.push(await token.balanceOf(f.poolAddress), await token.balanceOf(await f.hub.getAddress()));
    parts.push((await f.hub.getAsset(a)).toString(), (await f.hub.getSpokeAsset(f.poolAddress, a)).toString());
    parts.push((await f.oracle.getFeed(a)).toString(), (await f.oracle.getFallbackFeed(a)).toString());
    parts.push((await f.rateModel.getParams(a)).toString());
    for (const u of users) parts.push((await f.pool.getUserPosition(a, u)).toString());
  }
  for (const u of users) parts.push(await f.pool.getKeelUserConfiguration(u));
  for (const id of await f.registry.moduleIds()) parts.push(id, await f.registry.getModule(id));
  parts.push((await f.registry.consumers()).join());
  parts.push(await f.pool.stateDigest(), (await f.rateModel.defaultParams()).toString());
  parts.push(await f.treasury.pool(), await f.lender.pool(), await f.pool.FLASHLOAN_PREMIUM_TOTAL());
  parts.push(await f.oracle.stateDigest(), await f.rateModel.stateDigest()); // feed bounds, every rate parameter set
  return ethers.id(parts.map(String).join("|"));
}

interface Case {
  name: string;
  prep?: (f: F) => Promise<unknown>;
  call: (f: F) => Promise<unknown>;
  on: (f: F) => BaseContract & { interface: Interface };
  error: string;
  /** Set when the call reverts with this Solidity panic code instead of a named error (listed in docs/security.md). */
  panic?: bigint;
}
const cases: Case[] = [];
const add = (c: Case) => cases.push(c);

/* ----------------------------------------------------------------------------- Pool: user entry points */
const pool = (f: F) => f.pool;
const hubOf = (f: F) => f.hub;
type Entry = { fn: string; run: (f: F, o: { asset?: string; amount?: bigint; who?: string }) => Promise<unknown> };
const entries: Entry[] = [
  {
    fn: "supply",
    run: (f, o) => f.pool.connect(f.carol).supply(o.asset ?? f.U, o.amount ?? 1000n, o.who ?? f.carol.address, 0),
  },
  {
    fn: "supplyWithPermit",
    run: (f, o) =>
      f.pool
        .connect(f.carol)
        .supplyWithPermit(
          o.asset ?? f.U,
          o.amount ?? 1000n,
          o.who ?? f.carol.address,
          0,
          0n,
          27,
          ethers.ZeroHash,
          ethers.ZeroHash,
        ),
  },
  {
    fn: "withdraw",
    run: (f, o) => f.pool.connect(f.alice).withdraw(o.asset ?? f.U, o.amount ?? 1000n, o.who ?? f.alice.address),
  },
  {
    fn: "borrow",
    run: (f, o) => f.pool.connect(f.bob).borrow(o.asset ?? f.U, o.amount ?? 1000n, 2, 0, o.who ?? f.bob.address),
  },
  {
    fn: "repay",
    run: (f, o) => f.pool.connect(f.bob).repay(o.asset ?? f.U, o.amount ?? 1000n, 2, o.who ?? f.bob.address),
  },
  {
    fn: "liquidationCall(debt)",
    run: (f, o) =>
      f.pool
        .connect(f.liquidator)
        .liquidationCall(f.W, o.asset ?? f.U, o.who ?? f.bob.address, o.amount ?? 1000n, false),
  },
  {
    fn: "liquidationCall(collateral)",
    run: (f, o) =>
      f.pool
        .connect(f.liquidator)
        .liquidationCall(o.asset ?? f.W, f.U, o.who ?? f.bob.address, o.amount ?? 1000n, false),
  },
  {
    fn: "flashLoanSimple",
    run: (f, o) => f.pool.flashLoanSimple(o.who ?? f.R, o.asset ?? f.U, o.amount ?? 1000n, "0x", 0),
  },
  {
    fn: "flashLoan",
    run: (f, o) => f.pool.flashLoan(o.who ?? f.R, [o.asset ?? f.U], [o.amount ?? 1000n], [0n], f.R, "0x", 0),
  },
];
const withAsset = [
  ...entries,
  {
    fn: "setUserUseReserveAsCollateral",
    run: (f: F, o: { asset?: string }) => f.pool.connect(f.bob).setUserUseReserveAsCollateral(o.asset ?? f.W, true),
  },
];

for (const e of entries)
  add({ name: `${e.fn}: zero amount`, call: (f) => e.run(f, { amount: 0n }), on: pool, error: "PoolZeroAmount" });
for (const e of withAsset)
  add({
    name: `${e.fn}: unlisted asset`,
    call: (f) => e.run(f, { asset: f.X }),
    on: pool,
    error: "PoolReserveNotListed",
  });
for (const e of withAsset)
  add({
    name: `${e.fn}: zero-address asset`,
    call: (f) => e.run(f, { asset: ethers.ZeroAddress }),
    on: pool,
    error: "PoolReserveNotListed",
  });
// repay is never paused (issue 10, finding 1; test/attacks/guardian-freeze.ts).
const pausable = withAsset.filter((e) => e.fn !== "repay");
for (const e of pausable)
  add({
    name: `${e.fn}: pool paused`,
    prep: (f) => f.pool.connect(f.guardianSigner).pause(),
    call: (f) => e.run(f, {}),
    on: pool,
    error: "PoolIsPaused",
  });
for (const e of pausable) {
  add({
    name: `${e.fn}: reserve paused`,
    prep: (f) =>
      Promise.all([
        f.pool.connect(f.guardianSigner).pauseReserve(f.U),
        f.pool.connect(f.guardianSigner).pauseReserve(f.W),
      ]),
    call: (f) => e.run(f, {}),
    on: pool,
    error: "PoolReservePaused",
  });
}
for (const fn of ["supply", "supplyWithPermit", "withdraw", "borrow", "repay"]) {
  const e = entries.find((x) => x.fn === fn) as Entry;
  add({
    name: `${fn}: zero address (onBehalfOf / to)`,
    call: (f) => e.run(f, { who: ethers.ZeroAddress }),
    on: pool,
    error: "PoolZeroAddress",
  });
}
add({
  name: "liquidationCall: zero user",
  call: (f) => entries[5].run(f, { who: ethers.ZeroAddress }),
  on: pool,
  error: "PoolZeroAddress",
});
const frozen = (f: F) =>
  f.pool.setReserveConfig(f.U, {
    ...{
      ltv: 8000,
      liquidationThreshold: 8500,
      liquidationBonus: 10500,
      reserveFactor: 1000,
      liquidationProtocolFee: 1000,
      decimals: 0,
      id: 0,
      supplyCap: 0n,
      borrowCap: 0n,
      liquidationGraceUntil: 0n,
    },
    flags: 2 | 8 | 16 | 32,
  });
add({
  name: "supply: frozen reserve",
  prep: frozen,
  call: (f) => entries[0].run(f, {}),
  on: pool,
  error: "PoolReserveFrozen",
});
add({
  name: "supplyWithPermit: frozen reserve",
  prep: frozen,
  call: (f) => entries[1].run(f, {}),
  on: pool,
  error: "PoolReserveFrozen",
});
add({
  name: "borrow: frozen reserve",
  prep: frozen,
  call: (f) => entries[3].run(f, {}),
  on: pool,
  error: "PoolReserveFrozen",
});
add({
  name: "flashLoan: frozen reserve, opened as debt",
  prep: frozen,
  call: (f) => f.pool.connect(f.bob).flashLoan(f.R, [f.U], [1000n], [2n], f.bob.address, "0x", 0),
  on: pool,
  error: "PoolReserveFrozen",
});
// max uint
add({
  name: "withdraw: max uint without supply",
  call: (f) => f.pool.connect(f.carol).withdraw(f.U, MaxUint256, f.carol.address),
  on: pool,
  error: "PoolNoSupply",
});
add({
  name: "withdraw: max uint minus one (above the balance)",
  call: (f) => f.pool.connect(f.alice).withdraw(f.U, MaxUint256 - 1n, f.alice.address),
  on: hubOf,
  error: "HubInsufficientBalance",
});
add({
  name: "borrow: max uint",
  call: (f) => entries[3].run(f, { amount: MaxUint256 }),
  on: hubOf,
  error: "HubAmountTooLarge",
});
add({
  name: "repay: max uint on behalf of another",
  call: (f) => f.pool.connect(f.carol).repay(f.U, MaxUint256, 2, f.bob.address),
  on: pool,
  error: "PoolNoExplicitAmountToRepayOnBehalf",
});
add({
  name: "repay: max uint without debt",
  call: (f) => f.pool.connect(f.carol).repay(f.U, MaxUint256, 2, f.carol.address),
  on: pool,
  error: "PoolNoDebt",
});
add({
  name: "liquidationCall: max uint on a healthy account",
  call: (f) => entries[5].run(f, { amount: MaxUint256 }),
  on: pool,
  error: "PoolHealthFactorNotBelowThreshold",
});
// Liquidity is checked before the premium is computed, so an impossible amount gets the named error.
add({
  name: "flashLoanSimple: max uint",
  call: (f) => entries[7].run(f, { amount: MaxUint256 }),
  on: pool,
  error: "PoolAmountTooLarge",
});
add({
  name: "flashLoan: max uint",
  call: (f) => entries[8].run(f, { amount: MaxUint256 }),
  on: pool,
  error: "PoolAmountTooLarge",
});
add({
  name: "flashLoanSimple: one unit above cash",
  call: async (f) => entries[7].run(f, { amount: (await f.pool.getKeelReserveData(f.U)).cash + 1n }),
  on: hubOf,
  error: "HubInsufficientLiquidity",
});
add({
  name: "flashLoan: one unit above cash",
  call: async (f) => entries[8].run(f, { amount: (await f.pool.getKeelReserveData(f.U)).cash + 1n }),
  on: hubOf,
  error: "HubInsufficientLiquidity",
});
// other bad inputs
add({
  name: "borrow: stable mode 1",
  call: (f) => f.pool.connect(f.bob).borrow(f.U, 1000n, 1, 0, f.bob.address),
  on: pool,
  error: "PoolInvalidInterestRateMode",
});
add({
  name: "repay: stable mode 1",
  call: (f) => f.pool.connect(f.bob).repay(f.U, 1000n, 1, f.bob.address),
  on: pool,
  error: "PoolInvalidInterestRateMode",
});
add({
  name: "borrow: above borrowing power",
  call: (f) => f.pool.connect(f.bob).borrow(f.U, parseUnits("50000", 6), 2, 0, f.bob.address),
  on: pool,
  error: "PoolInsufficientCollateral",
});
add({
  name: "borrow: on behalf without delegation",
  call: (f) => f.pool.connect(f.carol).borrow(f.U, 1000n, 2, 0, f.bob.address),
  on: pool,
  error: "PoolInsufficientCreditDelegation",
});
add({
  name: "withdraw: collateral backing debt",
  call: (f) => f.pool.connect(f.bob).withdraw(f.W, 10n * E18, f.bob.address),
  on: pool,
  error: "PoolHealthFactorTooLow",
});
add({
  name: "setUserUseReserveAsCollateral: disable collateral backing debt",
  call: (f) => f.pool.connect(f.bob).setUserUseReserveAsCollateral(f.W, false),
  on: pool,
  error: "PoolHealthFactorTooLow",
});
add({
  name: "setUserUseReserveAsCollateral: without supply",
  call: (f) => f.pool.connect(f.carol).setUserUseReserveAsCollateral(f.W, true),
  on: pool,
  error: "PoolNoSupply",
});
add({
  name: "flashLoan: inconsistent arrays",
  call: (f) => f.pool.flashLoan(f.R, [f.U, f.W], [1000n], [0n], f.R, "0x", 0),
  on: pool,
  error: "PoolInconsistentFlashLoanParams",
});
add({
  name: "flashLoanSimple: flash loans paused",
  prep: (f) => f.pool.connect(f.guardianSigner).pauseFlashLoans(),
  call: (f) => entries[7].run(f, {}),
  on: pool,
  error: "PoolFlashLoansPaused",
});
add({
  name: "flashLoan: flash loans paused",
  prep: (f) => f.pool.connect(f.guardianSigner).pauseFlashLoans(),
  call: (f) => entries[8].run(f, {}),
  on: pool,
  error: "PoolFlashLoansPaused",
});
add({
  name: "delegationWithSig: expired",
  call: (f) =>
    f.pool.delegationWithSig(f.bob.address, f.U, f.carol.address, 1n, 0n, 27, ethers.ZeroHash, ethers.ZeroHash),
  on: pool,
  error: "PoolSignatureExpired",
});
add({
  name: "delegationWithSig: bad signature",
  call: (f) =>
    f.pool.delegationWithSig(f.bob.address, f.U, f.carol.address, 1n, MaxUint256, 27, ethers.ZeroHash, ethers.ZeroHash),
  on: pool,
  error: "PoolInvalidSignature",
});
add({
  name: "transferSupply: not the kToken",
  call: (f) => f.pool.connect(f.stranger).transferSupply(f.U, f.alice.address, f.stranger.address, 1n),
  on: pool,
  error: "PoolOnlyKToken",
});
add({
  name: "onModuleUpdated: not the registry",
  call: (f) => f.pool.connect(f.stranger).onModuleUpdated(ModuleIds.ORACLE, f.stranger.address),
  on: pool,
  error: "PoolOnlyRegistry",
});
// kToken
const kt = (f: F) => f.kUsdc;
add({
  name: "kToken.transfer: to the zero address",
  call: (f) => f.kUsdc.connect(f.alice).transfer(ethers.ZeroAddress, 1n),
  on: pool,
  error: "PoolZeroAddress",
});
add({
  name: "kToken.transfer: pool paused",
  prep: (f) => f.pool.connect(f.guardianSigner).pause(),
  call: (f) => f.kUsdc.connect(f.alice).transfer(f.carol.address, 1n),
  on: pool,
  error: "PoolIsPaused",
});
add({
  name: "kToken.transfer: max uint",
  call: (f) => f.kUsdc.connect(f.alice).transfer(f.carol.address, MaxUint256),
  on: pool,
  error: "PoolInsufficientBalance",
});
add({
  name: "kToken.transferFrom: no allowance",
  call: (f) => f.kUsdc.connect(f.stranger).transferFrom(f.alice.address, f.stranger.address, 1n),
  on: kt,
  error: "KTokenInsufficientAllowance",
});
add({
  name: "kToken.approve: zero spender",
  call: (f) => f.kUsdc.connect(f.alice).approve(ethers.ZeroAddress, 1n),
  on: kt,
  error: "KTokenZeroAddress",
});
add({
  name: "kToken.emitTransfer: not the pool",
  call: (f) => f.kUsdc.connect(f.stranger).emitTransfer(f.alice.address, f.stranger.address, 1n),
  on: kt,
  error: "KTokenOnlyPool",
});

/* ----------------------------------------------------------------------------- Pool: admin */
const cfg = (over: Record<string, unknown> = {}) => ({
  ltv: 8000,
  liquidationThreshold: 8500,
  liquidationBonus: 10500,
  reserveFactor: 1000,
  liquidationProtocolFee: 1000,
  decimals: 0,
  id: 0,
  flags: 8 | 16 | 32,
  supplyCap: 0n,
  borrowCap: 0n,
  liquidationGraceUntil: 0n,
  ...over,
});
const poolAdmin: [string, (f: F) => Promise<unknown>][] = [
  ["initReserve", (f) => f.pool.connect(f.stranger).initReserve(f.X, f.X, cfg(), 1000n)],
  ["setReserveConfig", (f) => f.pool.connect(f.stranger).setReserveConfig(f.U, cfg())],
  ["pauseReserve", (f) => f.pool.connect(f.stranger).pauseReserve(f.U)],
  ["unpauseReserve", (f) => f.pool.connect(f.stranger).unpauseReserve(f.U, 0)],
  ["pause", (f) => f.pool.connect(f.stranger).pause()],
  ["unpause", (f) => f.pool.connect(f.stranger).unpause(0)],
  ["pauseFlashLoans", (f) => f.pool.connect(f.stranger).pauseFlashLoans()],
  ["unpauseFlashLoans", (f) => f.pool.connect(f.stranger).unpauseFlashLoans()],
  ["setFlashPremium", (f) => f.pool.connect(f.stranger).setFlashPremium(0, 0)],
  ["setFlashBorrower", (f) => f.pool.connect(f.stranger).setFlashBorrower(f.stranger.address, true)],
  ["upgradeToAndCall", (f) => f.pool.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x")],
  ["setAuthority", (f) => f.pool.connect(f.stranger).setAuthority(f.stranger.address)],
];
for (const [fn, call] of poolAdmin)
  add({ name: `Pool.${fn}: unauthorised caller`, call, on: pool, error: "AccessManagedUnauthorized" });
add({
  name: "Pool.initReserve: zero asset",
  call: (f) => f.pool.initReserve(ethers.ZeroAddress, f.X, cfg(), 1000n),
  on: pool,
  error: "PoolZeroAddress",
});
add({
  name: "Pool.initReserve: zero kToken",
  call: (f) => f.pool.initReserve(f.X, ethers.ZeroAddress, cfg(), 1000n),
  on: pool,
  error: "PoolZeroAddress",
});
add({
  name: "Pool.initReserve: already listed",
  call: (f) => f.pool.initReserve(f.U, f.system.reserves.USDC.kToken, cfg(), 1000n),
  on: pool,
  error: "PoolReserveAlreadyListed",
});
add({
  name: "Pool.initReserve: kToken of another asset",
  call: (f) => f.pool.initReserve(f.X, f.system.reserves.USDC.kToken, cfg(), 1000n),
  on: pool,
  error: "PoolInvalidKToken",
});
add({
  name: "Pool.setReserveConfig: unlisted",
  call: (f) => f.pool.setReserveConfig(f.X, cfg()),
  on: pool,
  error: "PoolReserveNotListed",
});
add({
  name: "Pool.setReserveConfig: ltv >= threshold",
  call: (f) => f.pool.setReserveConfig(f.U, cfg({ ltv: 8500 })),
  on: pool,
  error: "PoolInvalidRiskParams",
});
add({
  name: "Pool.setReserveConfig: bonus <= 100%",
  call: (f) => f.pool.setReserveConfig(f.U, cfg({ liquidationBonus: 10000 })),
  on: pool,
  error: "PoolInvalidRiskParams",
});
add({
  name: "Pool.setReserveConfig: max threshold (uint16 max)",
  call: (f) => f.pool.setReserveConfig(f.U, cfg({ liquidationThreshold: 65535 })),
  on: pool,
  error: "PoolInvalidRiskParams",
});
add({
  name: "LiquidityHub.configureAsset: reserve factor > 100%",
  call: (f) => f.hub.configureAsset(f.U, ethers.ZeroAddress, 10001, 5, true),
  on: hubOf,
  error: "HubParameterOutOfBounds",
});
add({
  name: "Pool.setReserveConfig: protocol fee > 100%",
  call: (f) => f.pool.setReserveConfig(f.U, cfg({ liquidationProtocolFee: 65535 })),
  on: pool,
  error: "PoolInvalidBps",
});
add({
  name: "LiquidityHub.configureAsset: unlisted",
  call: (f) => f.hub.configureAsset(f.X, ethers.ZeroAddress, 1000, 5, true),
  on: hubOf,
  error: "HubAssetNotListed",
});
add({
  name: "Pool.pauseReserve: unlisted",
  call: (f) => f.pool.connect(f.guardianSigner).pauseReserve(f.X),
  on: pool,
  error: "PoolReserveNotListed",
});
add({
  name: "Pool.unpauseReserve: grace period too long",
  call: (f) => f.pool.unpauseReserve(f.U, 86401),
  on: pool,
  error: "PoolGracePeriodTooLong",
});
add({
  name: "Pool.unpause: grace period max uint40",
  call: (f) => f.pool.unpause((1n << 40n) - 1n),
  on: pool,
  error: "PoolGracePeriodTooLong",
});
add({
  name: "Pool.setFlashPremium: above 1%",
  call: (f) => f.pool.setFlashPremium(101, 0),
  on: pool,
  error: "PoolInvalidPremium",
});
add({
  name: "Pool.setFlashPremium: max uint16 protocol share",
  call: (f) => f.pool.setFlashPremium(5, 65535),
  on: pool,
  error: "PoolInvalidBps",
});
add({
  name: "Pool.setFlashBorrower: zero address",
  call: (f) => f.pool.setFlashBorrower(ethers.ZeroAddress, true),
  on: pool,
  error: "PoolZeroAddress",
});
add({
  name: "Pool.initialize: again on the proxy",
  call: (f) => f.pool.initialize(f.stranger.address, f.stranger.address),
  on: pool,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- KeelFlashLender */
const lender = (f: F) => f.lender;
add({
  name: "FlashLender.flashLoan: unlisted token",
  call: (f) => f.lender.flashLoan(f.R, f.X, 1n, "0x"),
  on: lender,
  error: "ERC3156UnsupportedToken",
});
add({
  name: "FlashLender.flashLoan: zero-address token",
  call: (f) => f.lender.flashLoan(f.R, ethers.ZeroAddress, 1n, "0x"),
  on: lender,
  error: "ERC3156UnsupportedToken",
});
add({
  name: "FlashLender.flashLoan: max uint",
  call: (f) => f.lender.flashLoan(f.R, f.U, MaxUint256, "0x"),
  on: lender,
  error: "ERC3156ExceededMaxLoan",
});
add({
  name: "FlashLender.flashLoan: one unit above cash",
  call: async (f) => f.lender.flashLoan(f.R, f.U, (await f.pool.getKeelReserveData(f.U)).cash + 1n, "0x"),
  on: lender,
  error: "ERC3156ExceededMaxLoan",
});
add({
  name: "FlashLender.flashLoan: pool paused",
  prep: (f) => f.pool.connect(f.guardianSigner).pause(),
  call: (f) => f.lender.flashLoan(f.R, f.U, 1n, "0x"),
  on: lender,
  error: "ERC3156ExceededMaxLoan",
});
add({
  name: "FlashLender.flashLoan: reserve paused",
  prep: (f) => f.pool.connect(f.guardianSigner).pauseReserve(f.U),
  call: (f) => f.lender.flashLoan(f.R, f.U, 1n, "0x"),
  on: lender,
  error: "ERC3156ExceededMaxLoan",
});
add({
  name: "FlashLender.flashLoan: flash loans paused",
  prep: (f) => f.pool.connect(f.guardianSigner).pauseFlashLoans(),
  call: (f) => f.lender.flashLoan(f.R, f.U, 1n, "0x"),
  on: lender,
  error: "ERC3156ExceededMaxLoan",
});
add({
  name: "FlashLender.executeOperation: not the pool",
  call: (f) => f.lender.connect(f.stranger).executeOperation(f.U, 1n, 0n, f.stranger.address, "0x"),
  on: lender,
  error: "FlashLenderUnauthorizedCallback",
});
add({
  name: "FlashLender.executeOperation: the pool itself, no loan of the lender in flight",
  prep: (f) => networkHelpers.setBalance(f.poolAddress, E18),
  call: async (f) =>
    f.lender
      .connect(await ethers.getImpersonatedSigner(f.poolAddress))
      .executeOperation(
        f.U,
        1n,
        0n,
        await f.lender.getAddress(),
        ethers.AbiCoder.defaultAbiCoder().encode(["address", "address", "bytes"], [f.bob.address, f.R, "0x"]),
      ),
  on: lender,
  error: "FlashLenderLoanNotStarted",
});
add({
  name: "FlashLender.flashFeeFor: unlisted token",
  call: (f) => f.lender.flashFeeFor(f.bob.address, f.X, 1n),
  on: lender,
  error: "ERC3156UnsupportedToken",
});
add({
  name: "FlashLender.setPool: unauthorised",
  call: (f) => f.lender.connect(f.stranger).setPool(f.stranger.address),
  on: lender,
  error: "AccessManagedUnauthorized",
});
add({
  name: "FlashLender.setPool: zero address",
  call: (f) => f.lender.setPool(ethers.ZeroAddress),
  on: lender,
  error: "FlashLenderZeroAddress",
});
add({
  name: "FlashLender.upgradeToAndCall: unauthorised",
  call: (f) => f.lender.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x"),
  on: lender,
  error: "AccessManagedUnauthorized",
});
add({
  name: "FlashLender.initialize: again",
  call: (f) => f.lender.initialize(f.stranger.address, f.stranger.address),
  on: lender,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- KeelOracle */
const oracle = (f: F) => f.oracle;
for (const [fn, call] of [
  ["setFeed", (f: F) => f.oracle.connect(f.stranger).setFeed(f.X, f.F, 3600)],
  ["setFallbackFeed", (f: F) => f.oracle.connect(f.stranger).setFallbackFeed(f.U, f.F, 3600)],
  ["removeFallbackFeed", (f: F) => f.oracle.connect(f.stranger).removeFallbackFeed(f.U)],
  ["removeFeed", (f: F) => f.oracle.connect(f.stranger).removeFeed(f.U)],
  ["setFeedBounds", (f: F) => f.oracle.connect(f.stranger).setFeedBounds(f.U, false, 1n, 2n)],
  ["upgradeToAndCall", (f: F) => f.oracle.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x")],
] as const)
  add({ name: `Oracle.${fn}: unauthorised`, call, on: oracle, error: "AccessManagedUnauthorized" });
for (const [what, lo, hi] of [
  ["min = max", 5n, 5n],
  ["min > max", 6n, 5n],
  ["negative min", -1n, 5n],
  ["max above int128", 0n, 2n ** 127n],
  ["max uint-like negative max", 0n, -1n],
] as const) {
  add({
    name: `Oracle.setFeedBounds: ${what}`,
    call: (f) => f.oracle.setFeedBounds(f.U, false, lo, hi),
    on: oracle,
    error: "OracleInvalidBounds",
  });
}
add({
  name: "Oracle.setFeedBounds: unlisted asset",
  call: (f) => f.oracle.setFeedBounds(f.X, false, 1n, 2n),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.setFeedBounds: zero-address asset",
  call: (f) => f.oracle.setFeedBounds(ethers.ZeroAddress, false, 1n, 2n),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.setFeedBounds: no fallback feed",
  call: (f) => f.oracle.setFeedBounds(f.U, true, 1n, 2n),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.setFeed: zero asset",
  call: (f) => f.oracle.setFeed(ethers.ZeroAddress, f.F, 3600),
  on: oracle,
  error: "OracleZeroAddress",
});
add({
  name: "Oracle.setFeed: zero feed",
  call: (f) => f.oracle.setFeed(f.X, ethers.ZeroAddress, 3600),
  on: oracle,
  error: "OracleZeroAddress",
});
add({
  name: "Oracle.setFeed: zero heartbeat",
  call: (f) => f.oracle.setFeed(f.X, f.F, 0),
  on: oracle,
  error: "OracleInvalidHeartbeat",
});
add({
  name: "Oracle.setFeed: max uint32 heartbeat",
  call: (f) => f.oracle.setFeed(f.X, f.F, 4294967295n),
  on: oracle,
  error: "OracleInvalidHeartbeat",
});
add({
  name: "Oracle.setFeed: 37-decimal feed",
  call: (f) => f.oracle.setFeed(f.X, f.F37, 3600),
  on: oracle,
  error: "OracleInvalidFeedDecimals",
});
add({
  name: "Oracle.setFallbackFeed: no primary feed",
  call: (f) => f.oracle.setFallbackFeed(f.X, f.F, 3600),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.setFallbackFeed: zero feed",
  call: (f) => f.oracle.setFallbackFeed(f.U, ethers.ZeroAddress, 3600),
  on: oracle,
  error: "OracleZeroAddress",
});
add({
  name: "Oracle.setFallbackFeed: zero heartbeat",
  call: (f) => f.oracle.setFallbackFeed(f.U, f.F, 0),
  on: oracle,
  error: "OracleInvalidHeartbeat",
});
add({
  name: "Oracle.removeFallbackFeed: none set",
  call: (f) => f.oracle.removeFallbackFeed(f.U),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.removeFeed: unknown asset",
  call: (f) => f.oracle.removeFeed(f.X),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.removeFeed: zero address",
  call: (f) => f.oracle.removeFeed(ethers.ZeroAddress),
  on: oracle,
  error: "OracleNoFeed",
});
add({
  name: "Oracle.initialize: again",
  call: (f) => f.oracle.initialize(f.stranger.address),
  on: oracle,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- LiquidityHub */
// Every external state-changing function of the hub, called directly (a stranger is no spoke: its caps are zero).
const hs = (f: F) => f.hub.connect(f.stranger);
add({ name: "LiquidityHub.accrue: unlisted", call: (f) => hs(f).accrue(f.X), on: hubOf, error: "HubAssetNotListed" });
add({
  name: "LiquidityHub.accrue: zero address",
  call: (f) => hs(f).accrue(ethers.ZeroAddress),
  on: hubOf,
  error: "HubAssetNotListed",
});
add({
  name: "LiquidityHub.refreshRate: unlisted",
  call: (f) => hs(f).refreshRate(f.X),
  on: hubOf,
  error: "HubAssetNotListed",
});
add({
  name: "LiquidityHub.add: not a spoke, nothing sent",
  call: (f) => hs(f).add(f.U, 1000n),
  on: hubOf,
  error: "HubTokensNotReceived",
});
add({ name: "LiquidityHub.add: zero amount", call: (f) => hs(f).add(f.U, 0n), on: hubOf, error: "HubAmountTooSmall" });
add({
  name: "LiquidityHub.add: max uint",
  call: (f) => hs(f).add(f.U, MaxUint256),
  on: hubOf,
  error: "HubAmountTooLarge",
});
add({ name: "LiquidityHub.add: unlisted", call: (f) => hs(f).add(f.X, 1000n), on: hubOf, error: "HubAssetNotListed" });
add({
  name: "LiquidityHub.remove: shares not held",
  call: (f) => hs(f).remove(f.U, 1000n, 1n, f.stranger.address),
  on: hubOf,
  error: "HubSharesExceeded",
});
add({
  name: "LiquidityHub.remove: max uint of no shares",
  call: (f) => hs(f).remove(f.U, MaxUint256, 0n, f.stranger.address),
  on: hubOf,
  error: "HubAmountTooSmall",
});
add({
  name: "LiquidityHub.remove: above the shares' value",
  call: (f) => hs(f).remove(f.U, 1000n, 0n, f.stranger.address),
  on: hubOf,
  error: "HubInsufficientBalance",
});
add({
  name: "LiquidityHub.remove: zero recipient",
  call: (f) => hs(f).remove(f.U, 1000n, 0n, ethers.ZeroAddress),
  on: hubOf,
  error: "HubZeroAddress",
});
add({
  name: "LiquidityHub.draw: not a spoke (caps zero)",
  call: (f) => hs(f).draw(f.U, 1000n, f.stranger.address),
  on: hubOf,
  error: "HubDrawCapExceeded",
});
add({
  name: "LiquidityHub.draw: zero amount",
  call: (f) => hs(f).draw(f.U, 0n, f.stranger.address),
  on: hubOf,
  error: "HubAmountTooSmall",
});
add({
  name: "LiquidityHub.draw: max uint",
  call: (f) => hs(f).draw(f.U, MaxUint256, f.stranger.address),
  on: hubOf,
  error: "HubAmountTooLarge",
});
add({
  name: "LiquidityHub.draw: unlisted",
  call: (f) => hs(f).draw(f.X, 1000n, f.stranger.address),
  on: hubOf,
  error: "HubAssetNotListed",
});
add({
  name: "LiquidityHub.draw: zero recipient",
  call: (f) => hs(f).draw(f.U, 1000n, ethers.ZeroAddress),
  on: hubOf,
  error: "HubZeroAddress",
});
add({
  name: "LiquidityHub.draw: in place outside a flash loan",
  call: async (f) => hs(f).draw(f.U, 1000n, await f.hub.getAddress()),
  on: hubOf,
  error: "HubDrawCapExceeded",
});
add({
  name: "LiquidityHub.restore: drawn shares not owed",
  call: (f) => hs(f).restore(f.U, 1000n, 1n),
  on: hubOf,
  error: "HubDrawnSharesExceeded",
});
add({
  name: "LiquidityHub.restore: above the debt",
  call: (f) => hs(f).restore(f.U, 1000n, 0n),
  on: hubOf,
  error: "HubRestoreExceedsDebt",
});
add({
  name: "LiquidityHub.restore: zero amount",
  call: (f) => hs(f).restore(f.U, 0n, 0n),
  on: hubOf,
  error: "HubAmountTooSmall",
});
add({
  name: "LiquidityHub.reportDeficit: drawn shares not owed",
  call: (f) => hs(f).reportDeficit(f.U, 1n, 0n),
  on: hubOf,
  error: "HubDrawnSharesExceeded",
});
add({
  name: "LiquidityHub.reportDeficit: zero",
  call: (f) => hs(f).reportDeficit(f.U, 0n, 0n),
  on: hubOf,
  error: "HubAmountTooSmall",
});
add({
  name: "LiquidityHub.spokeFlashLoan: not a spoke",
  call: (f) => hs(f).spokeFlashLoan([f.U], [1000n], [0n], 0, f.stranger.address, "0x"),
  on: hubOf,
  error: "HubSpokeNotAdded",
});
add({
  name: "LiquidityHub.spokeFlashLoan: empty",
  call: (f) => hs(f).spokeFlashLoan([], [], [], 0, f.stranger.address, "0x"),
  on: hubOf,
  error: "HubInconsistentFlashLoan",
});
add({
  name: "LiquidityHub.spokeFlashLoan: mismatched arrays",
  call: (f) => hs(f).spokeFlashLoan([f.U], [1000n, 1n], [0n], 0, f.stranger.address, "0x"),
  on: hubOf,
  error: "HubInconsistentFlashLoan",
});
add({
  name: "LiquidityHub.spokeFlashLoan: treasury share above 100%",
  call: (f) => hs(f).spokeFlashLoan([f.U], [1000n], [0n], 10_001, f.stranger.address, "0x"),
  on: hubOf,
  error: "HubParameterOutOfBounds",
});
add({
  name: "LiquidityHub.flashLoan: unlisted",
  call: (f) => hs(f).flashLoan(f.R, f.X, 1000n, "0x"),
  on: hubOf,
  error: "HubFlashLoanDisabled",
});
add({
  name: "LiquidityHub.flashLoan: zero amount",
  call: (f) => hs(f).flashLoan(f.R, f.U, 0n, "0x"),
  on: hubOf,
  error: "HubAmountTooSmall",
});
add({
  name: "LiquidityHub.flashLoan: above cash",
  call: async (f) => hs(f).flashLoan(f.R, f.U, (await f.hub.getAsset(f.U)).cash + 1n, "0x"),
  on: hubOf,
  error: "HubInsufficientLiquidity",
});
add({
  name: "LiquidityHub.withdrawTreasury: not the treasury",
  call: (f) => hs(f).withdrawTreasury(f.U, 1n, f.stranger.address),
  on: hubOf,
  error: "HubUnauthorized",
});
add({
  name: "LiquidityHub.withdrawTreasury: max uint by a stranger",
  call: (f) => hs(f).withdrawTreasury(f.U, MaxUint256, f.stranger.address),
  on: hubOf,
  error: "HubUnauthorized",
});
add({
  name: "LiquidityHub.onModuleUpdated: not the registry",
  call: (f) => hs(f).onModuleUpdated(ModuleIds.TREASURY, f.stranger.address),
  on: hubOf,
  error: "HubUnauthorized",
});
for (const [fn, call] of [
  ["listAsset", (f: F) => hs(f).listAsset(f.X, ethers.ZeroAddress, 1000, 5)],
  ["configureAsset", (f: F) => hs(f).configureAsset(f.U, ethers.ZeroAddress, 1000, 5, true)],
  ["addSpoke", (f: F) => hs(f).addSpoke(f.stranger.address)],
  ["setSpokeCaps", (f: F) => hs(f).setSpokeCaps(f.poolAddress, f.U, 0, 0)],
  ["freezeSpoke", (f: F) => hs(f).freezeSpoke(f.poolAddress)],
  ["unfreezeSpoke", (f: F) => hs(f).unfreezeSpoke(f.poolAddress)],
] as const)
  add({ name: `LiquidityHub.${fn}: unauthorised`, call, on: hubOf, error: "AccessManagedUnauthorized" });
add({
  name: "LiquidityHub.listAsset: already listed",
  call: (f) => f.hub.listAsset(f.U, ethers.ZeroAddress, 1000, 5),
  on: hubOf,
  error: "HubAssetAlreadyListed",
});
add({
  name: "LiquidityHub.listAsset: zero address",
  call: (f) => f.hub.listAsset(ethers.ZeroAddress, ethers.ZeroAddress, 1000, 5),
  on: hubOf,
  error: "HubZeroAddress",
});
add({
  name: "LiquidityHub.listAsset: reserve factor > 100%",
  call: (f) => f.hub.listAsset(f.X, ethers.ZeroAddress, 10_001, 5),
  on: hubOf,
  error: "HubParameterOutOfBounds",
});
add({
  name: "LiquidityHub.listAsset: flash fee > 1%",
  call: (f) => f.hub.listAsset(f.X, ethers.ZeroAddress, 1000, 101),
  on: hubOf,
  error: "HubParameterOutOfBounds",
});
add({
  name: "LiquidityHub.listAsset: 37 decimals",
  call: (f) => f.hub.listAsset(f.F37, ethers.ZeroAddress, 1000, 5),
  on: hubOf,
  error: "HubBadDecimals",
});
add({
  name: "LiquidityHub.listAsset: no decimals (the registry)",
  call: async (f) => f.hub.listAsset(await f.registry.getAddress(), ethers.ZeroAddress, 1000, 5),
  on: hubOf,
  error: "HubBadDecimals",
});
add({
  name: "LiquidityHub.configureAsset: flash fee max uint16",
  call: (f) => f.hub.configureAsset(f.U, ethers.ZeroAddress, 1000, 65535, true),
  on: hubOf,
  error: "HubParameterOutOfBounds",
});
add({
  name: "LiquidityHub.addSpoke: already added",
  call: (f) => f.hub.addSpoke(f.poolAddress),
  on: hubOf,
  error: "HubSpokeAlreadyAdded",
});
add({
  name: "LiquidityHub.addSpoke: zero address",
  call: (f) => f.hub.addSpoke(ethers.ZeroAddress),
  on: hubOf,
  error: "HubZeroAddress",
});
add({
  name: "LiquidityHub.setSpokeCaps: not a spoke",
  call: (f) => f.hub.setSpokeCaps(f.stranger.address, f.U, 1, 1),
  on: hubOf,
  error: "HubSpokeNotAdded",
});
add({
  name: "LiquidityHub.setSpokeCaps: unlisted asset",
  call: (f) => f.hub.setSpokeCaps(f.poolAddress, f.X, 1, 1),
  on: hubOf,
  error: "HubAssetNotListed",
});
add({
  name: "LiquidityHub.freezeSpoke: not a spoke",
  call: (f) => f.hub.connect(f.guardianSigner).freezeSpoke(f.stranger.address),
  on: hubOf,
  error: "HubSpokeNotAdded",
});
add({
  name: "LiquidityHub.unfreezeSpoke: not a spoke",
  call: (f) => f.hub.unfreezeSpoke(f.stranger.address),
  on: hubOf,
  error: "HubSpokeNotAdded",
});

/* ----------------------------------------------------------------------------- KinkedRateModel */
const rm = (f: F) => f.rateModel;
const P = (over: Record<string, number | bigint> = {}) => ({
  baseRateBps: 0,
  slope1Bps: 400,
  slope2Bps: 6000,
  optimalUtilizationBps: 9000,
  ...over,
});
for (const [fn, call] of [
  ["setRateParams", (f: F) => f.rateModel.connect(f.stranger).setRateParams(f.U, P())],
  ["clearRateParams", (f: F) => f.rateModel.connect(f.stranger).clearRateParams(f.U)],
  ["setDefaultRateParams", (f: F) => f.rateModel.connect(f.stranger).setDefaultRateParams(P())],
  ["setHub", (f: F) => f.rateModel.connect(f.stranger).setHub(f.stranger.address)],
  ["upgradeToAndCall", (f: F) => f.rateModel.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x")],
] as const)
  add({ name: `RateModel.${fn}: unauthorised`, call, on: rm, error: "AccessManagedUnauthorized" });
const badParams: [string, Record<string, number | bigint>, string][] = [
  ["base rate above max", { baseRateBps: 10001 }, "RateModelBaseRateTooHigh"],
  ["base rate max uint32", { baseRateBps: 4294967295n }, "RateModelBaseRateTooHigh"],
  ["slope1 above max", { slope1Bps: 100001 }, "RateModelSlope1TooHigh"],
  ["slope2 above max", { slope2Bps: 100001 }, "RateModelSlope2TooHigh"],
  [
    "curve above the pool's rate cap",
    { baseRateBps: 10000, slope1Bps: 90000, slope2Bps: 1 },
    "RateModelMaxRateAbovePoolCap",
  ],
  ["optimal utilisation zero", { optimalUtilizationBps: 0 }, "RateModelInvalidOptimalUtilization"],
  ["optimal utilisation above max", { optimalUtilizationBps: 9901 }, "RateModelInvalidOptimalUtilization"],
];
for (const [what, over, error] of badParams) {
  add({
    name: `RateModel.setRateParams: ${what}`,
    call: (f) => f.rateModel.setRateParams(f.U, P(over)),
    on: rm,
    error,
  });
  add({
    name: `RateModel.setDefaultRateParams: ${what}`,
    call: (f) => f.rateModel.setDefaultRateParams(P(over)),
    on: rm,
    error,
  });
}
add({
  name: "RateModel.setRateParams: zero asset",
  call: (f) => f.rateModel.setRateParams(ethers.ZeroAddress, P()),
  on: rm,
  error: "RateModelZeroAddress",
});
add({
  name: "RateModel.clearRateParams: no custom parameters",
  call: (f) => f.rateModel.clearRateParams(f.X),
  on: rm,
  error: "RateModelNoCustomParams",
});
add({
  name: "RateModel.clearRateParams: zero asset",
  call: (f) => f.rateModel.clearRateParams(ethers.ZeroAddress),
  on: rm,
  error: "RateModelNoCustomParams",
});
add({
  name: "RateModel.initialize: again",
  call: (f) => f.rateModel.initialize(f.stranger.address, P()),
  on: rm,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- KeelTreasury */
const tr = (f: F) => f.treasury;
for (const [fn, call] of [
  ["withdrawFromPool", (f: F) => f.treasury.connect(f.stranger).withdrawFromPool(f.U, 1n, f.stranger.address)],
  ["transferToken", (f: F) => f.treasury.connect(f.stranger).transferToken(f.U, f.stranger.address, 1n)],
  ["setPool", (f: F) => f.treasury.connect(f.stranger).setPool(f.stranger.address)],
  ["upgradeToAndCall", (f: F) => f.treasury.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x")],
] as const)
  add({ name: `Treasury.${fn}: unauthorised`, call, on: tr, error: "AccessManagedUnauthorized" });
add({
  name: "Treasury.withdrawFromPool: zero asset",
  call: (f) => f.treasury.withdrawFromPool(ethers.ZeroAddress, 1n, f.deployer.address),
  on: tr,
  error: "TreasuryZeroAddress",
});
add({
  name: "Treasury.withdrawFromPool: zero recipient",
  call: (f) => f.treasury.withdrawFromPool(f.U, 1n, ethers.ZeroAddress),
  on: tr,
  error: "TreasuryZeroAddress",
});
add({
  name: "Treasury.withdrawFromPool: zero amount",
  call: (f) => f.treasury.withdrawFromPool(f.U, 0n, f.deployer.address),
  on: tr,
  error: "TreasuryZeroAmount",
});
add({
  name: "Treasury.withdrawFromPool: max uint with no supply",
  call: (f) => f.treasury.withdrawFromPool(f.U, MaxUint256, f.deployer.address),
  on: pool,
  error: "PoolNoSupply",
});
add({
  name: "Treasury.withdrawFromPool: unlisted asset",
  call: (f) => f.treasury.withdrawFromPool(f.X, 1n, f.deployer.address),
  on: pool,
  error: "PoolReserveNotListed",
});
add({
  name: "Treasury.transferToken: zero token",
  call: (f) => f.treasury.transferToken(ethers.ZeroAddress, f.deployer.address, 1n),
  on: tr,
  error: "TreasuryZeroAddress",
});
add({
  name: "Treasury.transferToken: zero recipient",
  call: (f) => f.treasury.transferToken(f.U, ethers.ZeroAddress, 1n),
  on: tr,
  error: "TreasuryZeroAddress",
});
add({
  name: "Treasury.transferToken: zero amount",
  call: (f) => f.treasury.transferToken(f.U, f.deployer.address, 0n),
  on: tr,
  error: "TreasuryZeroAmount",
});
add({
  name: "Treasury.transferToken: max uint",
  call: (f) => f.treasury.transferToken(f.U, f.deployer.address, MaxUint256),
  on: (f) => f.usdc,
  error: "ERC20InsufficientBalance",
});
add({
  name: "Treasury.setPool: zero address",
  call: (f) => f.treasury.setPool(ethers.ZeroAddress),
  on: tr,
  error: "TreasuryZeroAddress",
});
add({
  name: "Treasury.initialize: again",
  call: (f) => f.treasury.initialize(f.stranger.address, f.stranger.address),
  on: tr,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- ModuleRegistry */
const reg = (f: F) => f.registry;
for (const [fn, call] of [
  ["setModule", (f: F) => f.registry.connect(f.stranger).setModule(ModuleIds.ORACLE, f.F)],
  ["setConsumer", (f: F) => f.registry.connect(f.stranger).setConsumer(f.F, true)],
  ["upgradeToAndCall", (f: F) => f.registry.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x")],
] as const)
  add({ name: `Registry.${fn}: unauthorised`, call, on: reg, error: "AccessManagedUnauthorized" });
add({
  name: "Registry.setModule: zero id",
  call: (f) => f.registry.setModule(ethers.ZeroHash, f.F),
  on: reg,
  error: "RegistryZeroValue",
});
add({
  name: "Registry.setModule: not a contract",
  call: (f) => f.registry.setModule(ModuleIds.ORACLE, f.stranger.address),
  on: reg,
  error: "RegistryNotContract",
});
add({
  name: "Registry.setConsumer: already subscribed",
  call: (f) => f.registry.setConsumer(f.poolAddress, true),
  on: reg,
  error: "RegistryConsumerState",
});
add({
  name: "Registry.setConsumer: unsubscribing a non-consumer",
  call: (f) => f.registry.setConsumer(f.F, false),
  on: reg,
  error: "RegistryConsumerState",
});
add({
  name: "Registry.setConsumer: not a contract",
  call: (f) => f.registry.setConsumer(f.stranger.address, true),
  on: reg,
  error: "RegistryNotContract",
});
add({
  name: "Registry.setConsumer: zero address",
  call: (f) => f.registry.setConsumer(ethers.ZeroAddress, true),
  on: reg,
  error: "RegistryZeroValue",
});
add({
  name: "Registry.initialize: again",
  call: (f) => f.registry.initialize(f.stranger.address),
  on: reg,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- KeelUpgrader */
const up = (f: F) => f.upgrader;
add({
  name: "Upgrader.upgradeAndVerify: unauthorised",
  call: (f) => f.upgrader.connect(f.stranger).upgradeAndVerify(f.poolAddress, f.F, "0x", []),
  on: up,
  error: "AccessManagedUnauthorized",
});
add({
  name: "Upgrader.rollbackAndVerify: unauthorised",
  call: (f) => f.upgrader.connect(f.stranger).rollbackAndVerify(f.poolAddress, f.F, []),
  on: up,
  error: "AccessManagedUnauthorized",
});
add({
  name: "Upgrader.upgradeAndVerify: same implementation (version not increased)",
  call: async (f) =>
    f.upgrader.upgradeAndVerify(f.poolAddress, f.system.record.contracts.Pool?.implementation as string, "0x", []),
  on: up,
  error: "UpgraderVersionNotIncreased",
});
add({
  name: "Upgrader.rollbackAndVerify: unknown target",
  call: async (f) => f.upgrader.rollbackAndVerify(f.poolAddress, f.F, []),
  on: up,
  error: "UpgraderUnknownRollbackTarget",
});
add({
  name: "Upgrader.rollbackAndVerify: zero address",
  call: async (f) => f.upgrader.rollbackAndVerify(f.poolAddress, ethers.ZeroAddress, []),
  on: up,
  error: "UpgraderUnknownRollbackTarget",
});

/* ----------------------------------------------------------------------------- VotingRewards */
const vr = (f: F) => f.rewards;
add({
  name: "VotingRewards.fundEpoch: not the timelock",
  call: (f) => f.rewards.connect(f.stranger).fundEpoch(1n, 1n),
  on: vr,
  error: "VotingRewardsUnauthorized",
});
add({
  name: "VotingRewards.fundEpoch: max uint by a stranger",
  call: (f) => f.rewards.connect(f.stranger).fundEpoch(MaxUint256, MaxUint256),
  on: vr,
  error: "VotingRewardsUnauthorized",
});
add({
  name: "VotingRewards.registerProposal: unknown proposal",
  call: (f) => f.rewards.registerProposal(1n),
  on: (f) => f.governor,
  error: "GovernorNonexistentProposal",
});
add({
  name: "VotingRewards.registerVoter: empty list",
  call: (f) => f.rewards.registerVoter(10n ** 9n, f.stranger.address, []),
  on: vr,
  error: "VotingRewardsEmptyClaim",
});
add({
  name: "VotingRewards.registerVoter: unregistered proposal",
  call: (f) => f.rewards.registerVoter(10n ** 9n, f.stranger.address, [1n]),
  on: vr,
  error: "VotingRewardsNotRegistered",
});
add({
  name: "VotingRewards.registerVoter: closed epoch",
  call: (f) => f.rewards.registerVoter(0n, f.stranger.address, [1n]),
  on: vr,
  error: "VotingRewardsVoterRegistrationClosed",
});
// Known: claimStart(epoch) overflows for an epoch near 2^256 (panic 0x11 instead of a named error; nothing moves).
add({
  name: "VotingRewards.claim: epoch max uint",
  call: (f) => f.rewards.claim(MaxUint256),
  on: vr,
  error: "",
  panic: 0x11n,
});
add({
  name: "VotingRewards.claim: not a voter",
  call: (f) => f.rewards.claim(0n),
  on: vr,
  error: "VotingRewardsNotAVoter",
});
add({
  name: "VotingRewards.upgradeToAndCall: not the timelock",
  call: (f) => f.rewards.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x"),
  on: vr,
  error: "VotingRewardsUnauthorized",
});
add({
  name: "VotingRewards.initialize: again",
  call: (f) => f.rewards.initialize(f.stranger.address, f.stranger.address, f.stranger.address),
  on: vr,
  error: "InvalidInitialization",
});

/* ----------------------------------------------------------------------------- KeelGovernor */
const gov = (f: F) => f.governor;
const one = (f: F): [string[], bigint[], string[]] => [
  [f.poolAddress],
  [0n],
  [f.pool.interface.encodeFunctionData("pause")],
];
add({
  name: "Governor.propose: below the threshold",
  call: (f) => f.governor.connect(f.stranger).propose(...one(f), "x"),
  on: gov,
  error: "GovernorInsufficientProposerVotes",
});
add({
  name: "Governor.propose: mismatched lengths",
  call: (f) => f.governor.propose([f.poolAddress], [], ["0x"], "x"),
  on: gov,
  error: "GovernorInvalidProposalLength",
});
add({
  name: "Governor.propose: empty",
  call: (f) => f.governor.propose([], [], [], "x"),
  on: gov,
  error: "GovernorInvalidProposalLength",
});
add({
  name: "Governor.castVote: unknown proposal",
  call: (f) => f.governor.castVote(1n, 1),
  on: gov,
  error: "GovernorNonexistentProposal",
});
add({
  name: "Governor.castVote: max uint proposal id",
  call: (f) => f.governor.castVote(MaxUint256, 1),
  on: gov,
  error: "GovernorNonexistentProposal",
});
add({
  name: "Governor.queue: unknown proposal",
  call: (f) => f.governor.queue(...one(f), ethers.id("x")),
  on: gov,
  error: "GovernorNonexistentProposal",
});
add({
  name: "Governor.execute: unknown proposal",
  call: (f) => f.governor.execute(...one(f), ethers.id("x")),
  on: gov,
  error: "GovernorNonexistentProposal",
});
add({
  name: "Governor.cancel: unknown proposal",
  call: (f) => f.governor.cancel(...one(f), ethers.id("x")),
  on: gov,
  error: "GovernorNonexistentProposal",
});
for (const [fn, call] of [
  ["relay", (f: F) => f.governor.connect(f.stranger).relay(f.poolAddress, 0n, "0x")],
  ["updateTimelock", (f: F) => f.governor.connect(f.stranger).updateTimelock(f.stranger.address)],
  ["setVotingDelay", (f: F) => f.governor.connect(f.stranger).setVotingDelay(0)],
  ["setVotingPeriod", (f: F) => f.governor.connect(f.stranger).setVotingPeriod(1)],
  ["setProposalThreshold", (f: F) => f.governor.connect(f.stranger).setProposalThreshold(0)],
  ["updateQuorumNumerator", (f: F) => f.governor.connect(f.stranger).updateQuorumNumerator(0)],
  ["setLateQuorumVoteExtension", (f: F) => f.governor.connect(f.stranger).setLateQuorumVoteExtension(0)],
  ["upgradeToAndCall", (f: F) => f.governor.connect(f.stranger).upgradeToAndCall(f.stranger.address, "0x")],
] as const)
  add({ name: `Governor.${fn}: not governance`, call, on: gov, error: "GovernorOnlyExecutor" });

describe("attacks: bad-input matrix", () => {
  for (const c of cases) {
    it(`${c.name}: ${c.panic !== undefined ? `panic ${String(c.panic)}` : c.error}, state unchanged`, async () => {
      const f = await loadFixture(fixture);
      if (c.prep) await c.prep(f);
      const before = await stateHash(f);
      if (c.panic !== undefined) await expect(c.call(f)).to.be.revertedWithPanic(c.panic);
      else await expect(c.call(f)).to.be.revertedWithCustomError(c.on(f), c.error);
      expect(await stateHash(f)).to.equal(before);
    });
  }

  it("covers at least 150 cases", () => {
    console.log(`      bad-input matrix: ${String(cases.length)} cases`);
    expect(cases.length).to.be.at.least(150);
  });
});
