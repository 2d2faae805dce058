// Bad-input rows for kUSD (as test/attacks/bad-input-matrix.ts does for the other modules), on kUSD as the one
// deployer builds it (deploy/stablecoin.ts; admin kept so the rows can act as the DAO and its risk admin): every
// external state-changing function of SynthToken, PegStabilityModule and HubFacilitator called with bad inputs (zero
// amounts, the zero address, a caller that is no facilitator, beyond a bucket or a level, slippage, fees above the
// bound, strangers on privileged functions, an expired permit). Each row asserts the NAMED custom error with its
// arguments and that a hash of the observable state (supply, balances, every bucket, the PSM's reserve, fees, receiver
// and pause, the hub's kUSD books and the facilitator's position) is the same after the failed call.
import { expect } from "chai";
import hre from "hardhat";
import { type BaseContract, MaxUint256, Signature, ZeroAddress, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const K = (n: string) => parseUnits(n, 18);
const U = (n: string) => parseUnits(n, 6);

async function fixture() {
  const keel = await deployKeel(hre, connection, { networkName: "bad-input-kusd", recordDir: null, handOver: false });
  const signers = await ethers.getSigners();
  const [deployer, guardian] = signers;
  const [alice, minter, stranger] = signers.slice(15, 18);
  const sy = keel.record.synths!.kUSD;
  const kusd = await ethers.getContractAt("SynthToken", sy.token);
  const psm = await ethers.getContractAt("PegStabilityModule", sy.psm!);
  const fac = await ethers.getContractAt("HubFacilitator", sy.facilitator);
  const hub = await ethers.getContractAt("LiquidityHub", keel.address("LiquidityHub"));
  const pool = await ethers.getContractAt("Pool", keel.address("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset);
  // Alice holds kUSD from the PSM and owes kUSD to the core spoke (so the hub's idle kUSD is below the facilitator's
  // claim); `minter` is a facilitator with a 100 kUSD bucket, 60 used.
  await usdc.mint(alice.address, U("20000000"));
  await usdc.connect(alice).approve(sy.psm!, MaxUint256);
  await kusd.connect(alice).approve(sy.psm!, MaxUint256);
  await psm.connect(alice).buy(U("10000"), 0n, alice.address);
  await weth.mint(alice.address, K("500"));
  await weth.connect(alice).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(alice).supply(await weth.getAddress(), K("500"), alice.address, 0);
  await pool.connect(alice).borrow(sy.token, K("200000"), 2, 0, alice.address);
  await kusd.addFacilitator(minter.address, "test minter", K("100"));
  await kusd.connect(minter).mint(minter.address, K("60"));
  return { keel, deployer, guardian, alice, minter, stranger, kusd, psm, fac, hub, pool, usdc, sy };
}
type F = Awaited<ReturnType<typeof fixture>>;

async function stateHash(f: F): Promise<string> {
  const parts: unknown[] = [await f.kusd.totalSupply(), (await f.kusd.facilitators()).join()];
  for (const a of await f.kusd.facilitators()) parts.push((await f.kusd.getBucket(a)).toString());
  for (const u of [f.alice, f.minter, f.stranger, f.deployer])
    parts.push(await f.kusd.balanceOf(u.address), await f.usdc.balanceOf(u.address));
  parts.push(
    await f.usdc.balanceOf(f.sy.psm!),
    await f.psm.buyFeeBps(),
    await f.psm.sellFeeBps(),
    await f.psm.feeReceiver(),
    await f.psm.pausedUntil(),
  );
  parts.push(
    (await f.hub.getAsset(f.sy.token)).toString(),
    (await f.hub.getSpokeAsset(f.sy.facilitator, f.sy.token)).toString(),
  );
  return ethers.id(parts.map(String).join("|"));
}

type Row = [
  label: string,
  call: (f: F) => Promise<unknown>,
  on: (f: F) => BaseContract,
  error: string,
  args?: (f: F) => unknown[],
];
const kusdOf = (f: F) => f.kusd;
const psmOf = (f: F) => f.psm;
const facOf = (f: F) => f.fac;

const rows: Row[] = [
  // SynthToken
  ["mint: zero amount", (f) => f.kusd.connect(f.minter).mint(f.minter.address, 0n), kusdOf, "SynthZeroInput"],
  ["mint: to the zero address", (f) => f.kusd.connect(f.minter).mint(ZeroAddress, 1n), kusdOf, "SynthZeroInput"],
  [
    "mint: not a facilitator",
    (f) => f.kusd.connect(f.stranger).mint(f.stranger.address, 1n),
    kusdOf,
    "SynthNotFacilitator",
    (f) => [f.stranger.address],
  ],
  [
    "mint: beyond the bucket",
    (f) => f.kusd.connect(f.minter).mint(f.minter.address, K("41")),
    kusdOf,
    "SynthBucketCapExceeded",
    (f) => [f.minter.address, K("100"), K("60"), K("41")],
  ],
  ["burn: zero amount", (f) => f.kusd.connect(f.minter).burn(0n), kusdOf, "SynthZeroInput"],
  [
    "burn: not a facilitator",
    (f) => f.kusd.connect(f.alice).burn(1n),
    kusdOf,
    "SynthNotFacilitator",
    (f) => [f.alice.address],
  ],
  [
    "burn: beyond the level",
    (f) => f.kusd.connect(f.minter).burn(K("61")),
    kusdOf,
    "SynthBurnExceedsLevel",
    (f) => [f.minter.address, K("60"), K("61")],
  ],
  ["addFacilitator: zero address", (f) => f.kusd.addFacilitator(ZeroAddress, "x", 1n), kusdOf, "SynthZeroInput"],
  [
    "addFacilitator: already one",
    (f) => f.kusd.addFacilitator(f.minter.address, "again", 1n),
    kusdOf,
    "SynthFacilitatorExists",
    (f) => [f.minter.address],
  ],
  [
    "addFacilitator: stranger",
    (f) => f.kusd.connect(f.stranger).addFacilitator(f.stranger.address, "me", K("1000000")),
    kusdOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "setBucketCap: not a facilitator",
    (f) => f.kusd.setBucketCap(f.stranger.address, 1n),
    kusdOf,
    "SynthNotFacilitator",
    (f) => [f.stranger.address],
  ],
  [
    "setBucketCap: stranger",
    (f) => f.kusd.connect(f.stranger).setBucketCap(f.minter.address, K("1000000")),
    kusdOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "removeFacilitator: not a facilitator",
    (f) => f.kusd.removeFacilitator(f.stranger.address),
    kusdOf,
    "SynthNotFacilitator",
    (f) => [f.stranger.address],
  ],
  [
    "removeFacilitator: level not zero",
    (f) => f.kusd.removeFacilitator(f.minter.address),
    kusdOf,
    "SynthFacilitatorNotEmpty",
    (f) => [f.minter.address, K("60")],
  ],
  [
    "removeFacilitator: stranger",
    (f) => f.kusd.connect(f.stranger).removeFacilitator(f.sy.psm!),
    kusdOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "transfer: above the balance",
    (f) => f.kusd.connect(f.stranger).transfer(f.alice.address, 1n),
    kusdOf,
    "ERC20InsufficientBalance",
    (f) => [f.stranger.address, 0n, 1n],
  ],
  // PegStabilityModule
  ["buy: zero in", (f) => f.psm.connect(f.alice).buy(0n, 0n, f.alice.address), psmOf, "PsmAmountTooSmall", () => [0n]],
  ["buy: zero receiver", (f) => f.psm.connect(f.alice).buy(U("1"), 0n, ZeroAddress), psmOf, "PsmZeroAddress"],
  [
    "buy: slippage",
    (f) => f.psm.connect(f.alice).buy(U("100"), K("100"), f.alice.address),
    psmOf,
    "PsmSlippage",
    () => [K("99.9"), K("100")],
  ],
  [
    "buy: beyond the PSM's bucket",
    (f) => f.psm.connect(f.alice).buy(U("10000000"), 0n, f.alice.address),
    kusdOf,
    "SynthBucketCapExceeded",
  ],
  [
    "buy: without the reserve's allowance",
    (f) => f.psm.connect(f.stranger).buy(U("1"), 0n, f.stranger.address),
    (f) => f.usdc,
    "ERC20InsufficientAllowance",
  ],
  [
    "sell: zero in",
    (f) => f.psm.connect(f.alice).sell(0n, 0n, f.alice.address),
    psmOf,
    "PsmAmountTooSmall",
    () => [0n],
  ],
  [
    "sell: dust that pays nothing",
    (f) => f.psm.connect(f.alice).sell(10n ** 11n, 0n, f.alice.address),
    psmOf,
    "PsmAmountTooSmall",
    () => [10n ** 11n],
  ],
  ["sell: zero receiver", (f) => f.psm.connect(f.alice).sell(K("1"), 0n, ZeroAddress), psmOf, "PsmZeroAddress"],
  [
    "sell: slippage",
    (f) => f.psm.connect(f.alice).sell(K("100"), U("100"), f.alice.address),
    psmOf,
    "PsmSlippage",
    () => [U("99.9"), U("100")],
  ],
  [
    "sell: more than held",
    (f) => f.psm.connect(f.stranger).sell(K("1"), 0n, f.stranger.address),
    kusdOf,
    "ERC20InsufficientAllowance",
  ],
  ["setFees: buy fee above 5%", (f) => f.psm.setFees(501, 0), psmOf, "PsmFeeTooHigh", () => [501n, 500n]],
  ["setFees: sell fee above 5%", (f) => f.psm.setFees(0, 65535), psmOf, "PsmFeeTooHigh", () => [65535n, 500n]],
  [
    "setFees: stranger",
    (f) => f.psm.connect(f.stranger).setFees(0, 0),
    psmOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  ["setFeeReceiver: zero address", (f) => f.psm.setFeeReceiver(ZeroAddress), psmOf, "PsmZeroAddress"],
  [
    "setFeeReceiver: stranger",
    (f) => f.psm.connect(f.stranger).setFeeReceiver(f.stranger.address),
    psmOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "pause: stranger",
    (f) => f.psm.connect(f.stranger).pause(),
    psmOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  [
    "unpause: the guardian (only the DAO ends a pause early)",
    (f) => f.psm.connect(f.guardian).unpause(),
    psmOf,
    "AccessManagedUnauthorized",
    (f) => [f.guardian.address],
  ],
  // HubFacilitator
  ["mintToHub: zero amount", (f) => f.fac.mintToHub(0n), facOf, "FacilitatorZeroInput"],
  [
    "mintToHub: beyond its bucket",
    (f) => f.fac.mintToHub(K("9000001")),
    kusdOf,
    "SynthBucketCapExceeded",
    (f) => [f.sy.facilitator, K("10000000"), K("1000000"), K("9000001")],
  ],
  [
    "mintToHub: stranger",
    (f) => f.fac.connect(f.stranger).mintToHub(K("1")),
    facOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
  ["burnFromHub: zero amount", (f) => f.fac.burnFromHub(0n), facOf, "FacilitatorZeroInput"],
  [
    "burnFromHub: more than is idle (borrowed kUSD cannot be burned)",
    (f) => f.fac.burnFromHub(K("900000")),
    (f) => f.hub,
    "HubInsufficientLiquidity",
  ],
  [
    "burnFromHub: stranger",
    (f) => f.fac.connect(f.stranger).burnFromHub(K("1")),
    facOf,
    "AccessManagedUnauthorized",
    (f) => [f.stranger.address],
  ],
];

describe("bad inputs: kUSD's SynthToken, PSM and hub facilitator (named errors, nothing changes)", () => {
  for (const [label, call, on, error, args] of rows) {
    it(label, async () => {
      const f = await loadFixture(fixture);
      const before = await stateHash(f);
      const r = expect(call(f)).to.be.revertedWithCustomError(on(f), error);
      if (args !== undefined) await r.withArgs(...args(f));
      else await r;
      expect(await stateHash(f)).to.equal(before);
    });
  }

  it("buy and sell while the guardian's pause runs: named error with its end, nothing changes", async () => {
    const f = await loadFixture(fixture);
    await f.psm.connect(f.guardian).pause();
    const until = await f.psm.pausedUntil();
    const before = await stateHash(f);
    await expect(f.psm.connect(f.alice).buy(U("1"), 0n, f.alice.address))
      .to.be.revertedWithCustomError(f.psm, "PsmPaused")
      .withArgs(until);
    await expect(f.psm.connect(f.alice).sell(K("1"), 0n, f.alice.address))
      .to.be.revertedWithCustomError(f.psm, "PsmPaused")
      .withArgs(until);
    expect(await stateHash(f)).to.equal(before);
  });

  it("permit: an expired or forged signature is refused, nothing changes", async () => {
    const f = await loadFixture(fixture);
    const deadline = BigInt(await time.latest()) - 1n;
    const domain = {
      name: await f.kusd.name(),
      version: "1",
      chainId: (await ethers.provider.getNetwork()).chainId,
      verifyingContract: f.sy.token,
    };
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const sign = async (d: bigint) =>
      Signature.from(
        await f.alice.signTypedData(domain, types, {
          owner: f.alice.address,
          spender: f.stranger.address,
          value: K("1"),
          nonce: 0n,
          deadline: d,
        }),
      );
    const before = await stateHash(f);
    const old = await sign(deadline);
    await expect(f.kusd.permit(f.alice.address, f.stranger.address, K("1"), deadline, old.v, old.r, old.s))
      .to.be.revertedWithCustomError(f.kusd, "ERC2612ExpiredSignature")
      .withArgs(deadline);
    const later = deadline + 3600n;
    const good = await sign(later);
    // The same signature for another owner: the recovered signer is not that owner.
    await expect(
      f.kusd.permit(f.stranger.address, f.stranger.address, K("1"), later, good.v, good.r, good.s),
    ).to.be.revertedWithCustomError(f.kusd, "ERC2612InvalidSigner");
    expect(await f.kusd.allowance(f.alice.address, f.stranger.address)).to.equal(0n);
    expect(await stateHash(f)).to.equal(before);
  });
});
