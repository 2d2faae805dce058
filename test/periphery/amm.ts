import { expect } from "chai";
import hre from "hardhat";

const { ethers, networkHelpers } = await hre.network.create();
const { loadFixture } = networkHelpers;

// Independent reference for x*y=k with a 0.3% fee on input. A swap is valid when the fee-adjusted balances keep k:
//   (rIn*1000 + in*997) * (rOut - out) >= rIn * rOut * 1000
// The pool pays the largest `out` and charges the smallest `in` that satisfy it.
function keepsK(rIn: bigint, rOut: bigint, amountIn: bigint, amountOut: bigint): boolean {
  return (rIn * 1000n + amountIn * 997n) * (rOut - amountOut) >= rIn * rOut * 1000n;
}
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
function refAmountOut(amountIn: bigint, rIn: bigint, rOut: bigint): bigint {
  // Smallest remaining reserve that keeps k, then everything above it can be paid out.
  const minRemaining = ceilDiv(rIn * rOut * 1000n, rIn * 1000n + amountIn * 997n);
  return rOut - minRemaining;
}
function refAmountIn(amountOut: bigint, rIn: bigint, rOut: bigint): bigint {
  // Solve (rIn*1000 + in*997)(rOut-out) >= rIn*rOut*1000 for the smallest integer `in`.
  return ceilDiv(rIn * 1000n * amountOut, 997n * (rOut - amountOut));
}

const R0 = ethers.parseUnits("1000000", 6); // 1M "USDC" (6 decimals)
const R1 = ethers.parseUnits("500", 18); // 500 "WETH" (18 decimals): 1 WETH = 2000 USDC

async function deployAmm() {
  const [owner, alice, bob, stranger] = await ethers.getSigners();
  const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
  const amm = await ethers.deployContract("MockAmm", [await usdc.getAddress(), await weth.getAddress()]);
  const ammAddr = await amm.getAddress();
  await usdc.mint(owner.address, R0);
  await weth.mint(owner.address, R1);
  await usdc.approve(ammAddr, R0);
  await weth.approve(ammAddr, R1);
  await amm.addLiquidity(R0, R1);

  const adapter = await ethers.deployContract("AmmSwapAdapter", [owner.address]);
  await adapter.setPair(await weth.getAddress(), await usdc.getAddress(), ammAddr);

  await usdc.mint(alice.address, ethers.parseUnits("100000", 6));
  await weth.mint(alice.address, ethers.parseUnits("100", 18));
  return { owner, alice, bob, stranger, usdc, weth, amm, adapter };
}

describe("MockAmm", () => {
  it("addLiquidity: reserves equal the pool's balances", async () => {
    const { amm, usdc, weth } = await loadFixture(deployAmm);
    const [r0, r1] = await amm.getReserves();
    expect(r0).to.equal(R0);
    expect(r1).to.equal(R1);
    expect(await usdc.balanceOf(await amm.getAddress())).to.equal(R0);
    expect(await weth.balanceOf(await amm.getAddress())).to.equal(R1);
  });

  it("getAmountOut / getAmountIn: match the independent x*y=k reference in both directions", async () => {
    const { amm, usdc, weth } = await loadFixture(deployAmm);
    const usdcAddr = await usdc.getAddress();
    const wethAddr = await weth.getAddress();
    const usdcAmounts = [1n, 999n, 1_000_000n, ethers.parseUnits("2000", 6), ethers.parseUnits("750000", 6)];
    for (const a of usdcAmounts) {
      const out = await amm.getAmountOut(usdcAddr, a);
      expect(out).to.equal(refAmountOut(a, R0, R1));
      expect(keepsK(R0, R1, a, out)).to.equal(true);
      if (out < R1) expect(keepsK(R0, R1, a, out + 1n)).to.equal(false); // nothing left on the table for the taker
    }
    const wethAmounts = [1n, 10n ** 12n, ethers.parseUnits("1", 18), ethers.parseUnits("499", 18)];
    for (const out of wethAmounts) {
      const inUsdc = await amm.getAmountIn(wethAddr, out);
      expect(inUsdc).to.equal(refAmountIn(out, R0, R1));
      expect(keepsK(R0, R1, inUsdc, out)).to.equal(true);
      expect(keepsK(R0, R1, inUsdc - 1n, out)).to.equal(false); // rounded up: one unit less would break k
    }
    const inWeth = await amm.getAmountIn(usdcAddr, ethers.parseUnits("2000", 6));
    expect(inWeth).to.equal(refAmountIn(ethers.parseUnits("2000", 6), R1, R0));
    expect(await amm.getAmountOut(wethAddr, inWeth)).to.be.greaterThanOrEqual(ethers.parseUnits("2000", 6));
  });

  it("getAmountOut: 1 WETH buys a little under 2000 USDC (0.3% fee plus price impact)", async () => {
    const { amm, weth } = await loadFixture(deployAmm);
    const out = await amm.getAmountOut(await weth.getAddress(), ethers.parseUnits("1", 18));
    expect(out).to.equal(refAmountOut(ethers.parseUnits("1", 18), R1, R0));
    expect(out).to.be.lessThan(ethers.parseUnits("1994", 6));
    expect(out).to.be.greaterThan(ethers.parseUnits("1985", 6));
  });

  it("swapExactIn: pays the quoted output, pulls exactly amountIn and keeps k", async () => {
    const { amm, usdc, weth, alice, bob } = await loadFixture(deployAmm);
    const ammAddr = await amm.getAddress();
    const amountIn = ethers.parseUnits("5000", 6);
    const quote = await amm.getAmountOut(await usdc.getAddress(), amountIn);
    await usdc.connect(alice).approve(ammAddr, amountIn);
    await expect(amm.connect(alice).swapExactIn(await usdc.getAddress(), amountIn, quote, bob.address))
      .to.emit(amm, "Swap")
      .withArgs(alice.address, await usdc.getAddress(), amountIn, quote, bob.address);
    expect(await weth.balanceOf(bob.address)).to.equal(quote);
    expect(await usdc.balanceOf(alice.address)).to.equal(ethers.parseUnits("95000", 6));
    const [r0, r1] = await amm.getReserves();
    expect(r0).to.equal(R0 + amountIn);
    expect(r1).to.equal(R1 - quote);
    expect(r0 * r1).to.be.greaterThan(R0 * R1);
  });

  it("swapExactOut: delivers exactly amountOut and pulls the quoted input", async () => {
    const { amm, usdc, weth, alice, bob } = await loadFixture(deployAmm);
    const amountOut = ethers.parseUnits("2", 18);
    const quote = await amm.getAmountIn(await weth.getAddress(), amountOut);
    await usdc.connect(alice).approve(await amm.getAddress(), quote);
    await amm.connect(alice).swapExactOut(await weth.getAddress(), amountOut, quote, bob.address);
    expect(await weth.balanceOf(bob.address)).to.equal(amountOut);
    expect(await usdc.balanceOf(alice.address)).to.equal(ethers.parseUnits("100000", 6) - quote);
    expect(await usdc.allowance(alice.address, await amm.getAddress())).to.equal(0n);
  });

  it("swapExactIn: reverts with AmmInsufficientOutputAmount below minAmountOut", async () => {
    const { amm, usdc, alice } = await loadFixture(deployAmm);
    const amountIn = ethers.parseUnits("1000", 6);
    const quote = await amm.getAmountOut(await usdc.getAddress(), amountIn);
    await usdc.connect(alice).approve(await amm.getAddress(), amountIn);
    await expect(amm.connect(alice).swapExactIn(await usdc.getAddress(), amountIn, quote + 1n, alice.address))
      .to.be.revertedWithCustomError(amm, "AmmInsufficientOutputAmount")
      .withArgs(quote, quote + 1n);
  });

  it("swapExactOut: reverts with AmmExcessiveInputAmount above maxAmountIn", async () => {
    const { amm, usdc, weth, alice } = await loadFixture(deployAmm);
    const amountOut = ethers.parseUnits("1", 18);
    const quote = await amm.getAmountIn(await weth.getAddress(), amountOut);
    await usdc.connect(alice).approve(await amm.getAddress(), quote);
    await expect(amm.connect(alice).swapExactOut(await weth.getAddress(), amountOut, quote - 1n, alice.address))
      .to.be.revertedWithCustomError(amm, "AmmExcessiveInputAmount")
      .withArgs(quote, quote - 1n);
  });

  it("getAmountIn / swaps: reject unknown tokens, zero amounts and outputs at or above the reserve", async () => {
    const { amm, weth, alice } = await loadFixture(deployAmm);
    await expect(amm.getAmountOut(alice.address, 1n))
      .to.be.revertedWithCustomError(amm, "AmmUnknownToken")
      .withArgs(alice.address);
    await expect(amm.getAmountOut(await weth.getAddress(), 0n)).to.be.revertedWithCustomError(amm, "AmmZeroAmount");
    await expect(amm.getAmountIn(await weth.getAddress(), R1))
      .to.be.revertedWithCustomError(amm, "AmmInsufficientLiquidity")
      .withArgs(R1, R1);
  });

  it("sync: picks up a donation into the reserves", async () => {
    const { amm, usdc, alice } = await loadFixture(deployAmm);
    await usdc.connect(alice).transfer(await amm.getAddress(), 1_000n);
    expect((await amm.getReserves())[0]).to.equal(R0);
    await expect(amm.sync())
      .to.emit(amm, "Sync")
      .withArgs(R0 + 1_000n, R1);
  });

  it("swapExactIn: prices a fee-on-transfer input on what arrived; swapExactOut refuses the shortfall", async () => {
    const [owner, alice] = await ethers.getSigners();
    const fee = await ethers.deployContract("MockFeeOnTransferToken", ["Fee", "FEE", 18, 100n]);
    const weth = await ethers.deployContract("MockERC20", ["Wrapped Ether", "WETH", 18]);
    const amm = await ethers.deployContract("MockAmm", [await fee.getAddress(), await weth.getAddress()]);
    const ammAddr = await amm.getAddress();
    const feeAddr = await fee.getAddress();
    const big = ethers.parseUnits("1000", 18);
    await fee.mint(owner.address, big);
    await weth.mint(owner.address, big);
    await fee.approve(ammAddr, big);
    await weth.approve(ammAddr, big);
    await fee.setFeeBps(0n);
    await amm.addLiquidity(big, big);
    await fee.setFeeBps(100n);

    const amountIn = ethers.parseUnits("10", 18);
    const received = amountIn - amountIn / 100n;
    await fee.mint(alice.address, amountIn * 10n);
    await fee.connect(alice).approve(ammAddr, ethers.MaxUint256);
    await amm.connect(alice).swapExactIn(feeAddr, amountIn, 0n, alice.address);
    expect(await weth.balanceOf(alice.address)).to.equal(refAmountOut(received, big, big));

    const [rFee, rWeth] = await amm.getReserves();
    const amountOut = ethers.parseUnits("1", 18);
    const needed = refAmountIn(amountOut, rFee, rWeth);
    await expect(amm.connect(alice).swapExactOut(await weth.getAddress(), amountOut, needed, alice.address))
      .to.be.revertedWithCustomError(amm, "AmmInputShortfall")
      .withArgs(needed - needed / 100n, needed);
  });

  it("constructor: refuses identical or zero tokens", async () => {
    const { usdc } = await loadFixture(deployAmm);
    const usdcAddr = await usdc.getAddress();
    const factory = await ethers.getContractFactory("MockAmm");
    await expect(ethers.deployContract("MockAmm", [usdcAddr, usdcAddr]))
      .to.be.revertedWithCustomError(factory, "AmmInvalidTokens")
      .withArgs(usdcAddr, usdcAddr);
    await expect(ethers.deployContract("MockAmm", [usdcAddr, ethers.ZeroAddress]))
      .to.be.revertedWithCustomError(factory, "AmmInvalidTokens")
      .withArgs(usdcAddr, ethers.ZeroAddress);
  });
});

describe("AmmSwapAdapter", () => {
  it("version / getPair: reports 1.0.0 and the pair in either token order", async () => {
    const { adapter, amm, usdc, weth } = await loadFixture(deployAmm);
    expect(await adapter.version()).to.equal("1.0.0");
    const ammAddr = await amm.getAddress();
    expect(await adapter.getPair(await usdc.getAddress(), await weth.getAddress())).to.equal(ammAddr);
    expect(await adapter.getPair(await weth.getAddress(), await usdc.getAddress())).to.equal(ammAddr);
  });

  it("setPair: reverts for a stranger", async () => {
    const { adapter, amm, usdc, weth, stranger } = await loadFixture(deployAmm);
    await expect(
      adapter.connect(stranger).setPair(await usdc.getAddress(), await weth.getAddress(), await amm.getAddress()),
    )
      .to.be.revertedWithCustomError(adapter, "OwnableUnauthorizedAccount")
      .withArgs(stranger.address);
  });

  it("setPair: emits SetPair(old, new) with sorted tokens and removes a route with address(0)", async () => {
    const { adapter, amm, usdc, weth } = await loadFixture(deployAmm);
    const [a, b] = [await usdc.getAddress(), await weth.getAddress()];
    const [t0, t1] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
    await expect(adapter.setPair(b, a, ethers.ZeroAddress))
      .to.emit(adapter, "SetPair")
      .withArgs(t0, t1, await amm.getAddress(), ethers.ZeroAddress);
    await expect(adapter.quoteExactIn(a, b, 1_000n))
      .to.be.revertedWithCustomError(adapter, "SwapAdapterUnsupportedPair")
      .withArgs(a, b);
  });

  it("setPair: refuses a pool that does not trade exactly these tokens", async () => {
    const { adapter, amm, usdc, alice } = await loadFixture(deployAmm);
    const [u, p] = [await usdc.getAddress(), await amm.getAddress()];
    await expect(adapter.setPair(u, alice.address, p))
      .to.be.revertedWithCustomError(adapter, "AmmSwapAdapterPairMismatch")
      .withArgs(p, u, alice.address);
  });

  it("ownership: a two-step transfer hands setPair to the new owner only after acceptOwnership", async () => {
    const { adapter, amm, usdc, weth, bob, owner } = await loadFixture(deployAmm);
    const args = [await usdc.getAddress(), await weth.getAddress(), await amm.getAddress()] as const;
    await adapter.transferOwnership(bob.address);
    expect(await adapter.owner()).to.equal(owner.address);
    await expect(adapter.connect(bob).setPair(...args))
      .to.be.revertedWithCustomError(adapter, "OwnableUnauthorizedAccount")
      .withArgs(bob.address);
    await adapter.connect(bob).acceptOwnership();
    await expect(adapter.connect(bob).setPair(...args)).to.emit(adapter, "SetPair");
    await expect(adapter.setPair(...args))
      .to.be.revertedWithCustomError(adapter, "OwnableUnauthorizedAccount")
      .withArgs(owner.address);
  });

  it("quoteExactIn / quoteExactOut: equal the pool's quotes and the reference", async () => {
    const { adapter, usdc, weth } = await loadFixture(deployAmm);
    const [u, w] = [await usdc.getAddress(), await weth.getAddress()];
    const amt = ethers.parseUnits("3000", 6);
    expect(await adapter.quoteExactIn(u, w, amt)).to.equal(refAmountOut(amt, R0, R1));
    const out = ethers.parseUnits("3", 18);
    expect(await adapter.quoteExactOut(u, w, out)).to.equal(refAmountIn(out, R0, R1));
  });

  it("swapExactIn: pulls amountIn, sends the quoted output to `to`, keeps nothing", async () => {
    const { adapter, amm, usdc, weth, alice, bob } = await loadFixture(deployAmm);
    const [u, w, ad] = [await usdc.getAddress(), await weth.getAddress(), await adapter.getAddress()];
    const amountIn = ethers.parseUnits("4000", 6);
    const quote = await adapter.quoteExactIn(u, w, amountIn);
    await usdc.connect(alice).approve(ad, amountIn);
    await expect(adapter.connect(alice).swapExactIn(u, w, amountIn, quote, bob.address))
      .to.emit(adapter, "Swapped")
      .withArgs(alice.address, u, w, amountIn, quote, bob.address);
    expect(await weth.balanceOf(bob.address)).to.equal(quote);
    expect(await usdc.balanceOf(alice.address)).to.equal(ethers.parseUnits("96000", 6));
    expect(await usdc.balanceOf(ad)).to.equal(0n);
    expect(await usdc.allowance(ad, await amm.getAddress())).to.equal(0n);
  });

  it("swapExactOut: pulls maxAmountIn, refunds the unused input and returns what was used", async () => {
    const { adapter, amm, usdc, weth, alice, bob } = await loadFixture(deployAmm);
    const [u, w, ad] = [await usdc.getAddress(), await weth.getAddress(), await adapter.getAddress()];
    const amountOut = ethers.parseUnits("1.5", 18);
    const quote = await adapter.quoteExactOut(u, w, amountOut);
    const maxIn = quote + ethers.parseUnits("500", 6);
    await usdc.connect(alice).approve(ad, maxIn);
    expect(await adapter.connect(alice).swapExactOut.staticCall(u, w, amountOut, maxIn, bob.address)).to.equal(quote);
    await expect(adapter.connect(alice).swapExactOut(u, w, amountOut, maxIn, bob.address))
      .to.emit(adapter, "Swapped")
      .withArgs(alice.address, u, w, quote, amountOut, bob.address)
      .and.to.emit(usdc, "Transfer")
      .withArgs(ad, alice.address, maxIn - quote);
    expect(await weth.balanceOf(bob.address)).to.equal(amountOut);
    expect(await usdc.balanceOf(alice.address)).to.equal(ethers.parseUnits("100000", 6) - quote);
    expect(await usdc.balanceOf(ad)).to.equal(0n);
    expect(await usdc.allowance(ad, await amm.getAddress())).to.equal(0n);
    expect(await usdc.allowance(alice.address, ad)).to.equal(0n); // pulled in full, then refunded
  });

  it("swapExactOut: reverts with SwapAdapterExcessiveInput before moving funds", async () => {
    const { adapter, usdc, weth, alice, bob } = await loadFixture(deployAmm);
    const [u, w, ad] = [await usdc.getAddress(), await weth.getAddress(), await adapter.getAddress()];
    const amountOut = ethers.parseUnits("1", 18);
    const quote = await adapter.quoteExactOut(u, w, amountOut);
    await usdc.connect(alice).approve(ad, quote);
    await expect(adapter.connect(alice).swapExactOut(u, w, amountOut, quote - 1n, bob.address))
      .to.be.revertedWithCustomError(adapter, "SwapAdapterExcessiveInput")
      .withArgs(quote, quote - 1n);
  });

  it("swapExactIn: the pool's slippage check bubbles up through the adapter", async () => {
    const { adapter, amm, usdc, weth, alice } = await loadFixture(deployAmm);
    const [u, w, ad] = [await usdc.getAddress(), await weth.getAddress(), await adapter.getAddress()];
    const amountIn = ethers.parseUnits("100", 6);
    const quote = await adapter.quoteExactIn(u, w, amountIn);
    await usdc.connect(alice).approve(ad, amountIn);
    await expect(adapter.connect(alice).swapExactIn(u, w, amountIn, quote + 1n, alice.address))
      .to.be.revertedWithCustomError(amm, "AmmInsufficientOutputAmount")
      .withArgs(quote, quote + 1n);
  });

  it("swapExactIn: checks what `to` received, so a fee-on-transfer output cannot slip under minAmountOut", async () => {
    const [owner, alice] = await ethers.getSigners();
    const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
    const fee = await ethers.deployContract("MockFeeOnTransferToken", ["Fee", "FEE", 18, 0n]);
    const amm = await ethers.deployContract("MockAmm", [await usdc.getAddress(), await fee.getAddress()]);
    const adapter = await ethers.deployContract("AmmSwapAdapter", [owner.address]);
    const [u, f, p, ad] = [
      await usdc.getAddress(),
      await fee.getAddress(),
      await amm.getAddress(),
      await adapter.getAddress(),
    ];
    await usdc.mint(owner.address, R0);
    await fee.mint(owner.address, R1);
    await usdc.approve(p, R0);
    await fee.approve(p, R1);
    await amm.addLiquidity(R0, R1);
    await adapter.setPair(u, f, p);
    await fee.setFeeBps(100n);

    const amountIn = ethers.parseUnits("2000", 6);
    const quote = await adapter.quoteExactIn(u, f, amountIn);
    const delivered = quote - quote / 100n;
    await usdc.mint(alice.address, amountIn);
    await usdc.connect(alice).approve(ad, amountIn);
    await expect(adapter.connect(alice).swapExactIn(u, f, amountIn, quote, alice.address))
      .to.be.revertedWithCustomError(adapter, "SwapAdapterInsufficientOutput")
      .withArgs(delivered, quote);
    await expect(adapter.connect(alice).swapExactIn(u, f, amountIn, delivered, alice.address))
      .to.emit(adapter, "Swapped")
      .withArgs(alice.address, u, f, amountIn, delivered, alice.address);
  });

  it("swaps: refuse zero amounts and unregistered pairs", async () => {
    const { adapter, usdc, weth, alice } = await loadFixture(deployAmm);
    const [u, w] = [await usdc.getAddress(), await weth.getAddress()];
    await expect(adapter.swapExactIn(u, w, 0n, 0n, alice.address)).to.be.revertedWithCustomError(
      adapter,
      "SwapAdapterZeroAmount",
    );
    await expect(adapter.swapExactOut(u, w, 0n, 1n, alice.address)).to.be.revertedWithCustomError(
      adapter,
      "SwapAdapterZeroAmount",
    );
    await expect(adapter.swapExactIn(u, alice.address, 1n, 0n, alice.address))
      .to.be.revertedWithCustomError(adapter, "SwapAdapterUnsupportedPair")
      .withArgs(u, alice.address);
  });
});
