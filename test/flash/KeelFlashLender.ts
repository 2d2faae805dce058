import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const MAGIC_FAIL = 1;
const NO_APPROVE = 2;

async function fixture() {
  // handOver: false keeps the deployer as admin, to exercise the lender's own admin function.
  const system = await deployKeel(hre, connection, { networkName: "test", recordDir: null, handOver: false });
  const [deployer, guardian, lender, user, stranger] = await ethers.getSigners();
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const flash = await ethers.getContractAt("KeelFlashLender", system.address("FlashLender"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const U = await usdc.getAddress();
  await usdc.mint(lender.address, parseUnits("1000000", 6));
  await usdc.connect(lender).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(lender).supply(U, parseUnits("1000000", 6), lender.address, 0);
  const borrower = await ethers.deployContract("MockERC3156Borrower");
  await usdc.mint(await borrower.getAddress(), parseUnits("1000", 6)); // pays fees
  return { system, deployer, guardian, user, stranger, pool, flash, usdc, U, borrower };
}

/** The production wiring: the timelock holds ADMIN (handOver), as on a live network. */
async function governedFixture() {
  const system = await deployKeel(hre, connection, { networkName: "test", recordDir: null });
  const [deployer, , lender, owner, attacker] = await ethers.getSigners();
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const flash = await ethers.getContractAt("KeelFlashLender", system.address("FlashLender"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  await usdc.mint(lender.address, parseUnits("1000000", 6));
  await usdc.connect(lender).approve(await pool.getAddress(), MaxUint256);
  await pool.connect(lender).supply(await usdc.getAddress(), parseUnits("1000000", 6), lender.address, 0);
  const timelock = await ethers.getImpersonatedSigner(system.address("Timelock"));
  await deployer.sendTransaction({ to: timelock.address, value: 10n ** 18n });
  return { system, pool, flash, usdc, timelock, owner, attacker };
}

describe("KeelFlashLender (ERC-3156)", () => {
  it("finding 4 (flash lender trusts pool()): a re-pointed pool cannot call executeOperation for a loan nobody asked", async () => {
    const { flash, pool, usdc, timelock, owner, attacker } = await networkHelpers.loadFixture(governedFixture);
    // The project's own example borrower, holding 1,000 USDC for fees, trusts only its lender and loans it started.
    const victim = await ethers.deployContract("MinimalERC3156Borrower", [await flash.getAddress(), owner.address]);
    const v = await victim.getAddress();
    await usdc.mint(v, parseUnits("1000", 6));
    // Governance re-points the lender at a pool the attacker controls (a captured or mistaken proposal).
    const evil = await ethers.deployContract("MaliciousFlashPool");
    await flash.connect(timelock).setPool(await evil.getAddress());
    // The evil pool calls back for a zero-amount "loan" naming the victim as initiator and receiver, fee = its balance.
    const fee = parseUnits("1000", 6);
    await expect(
      evil.connect(attacker).drain(await flash.getAddress(), await usdc.getAddress(), fee, v, attacker.address),
    )
      .to.be.revertedWithCustomError(flash, "FlashLenderLoanNotStarted")
      .withArgs(await usdc.getAddress(), 0n);
    expect(await usdc.balanceOf(v)).to.equal(fee);
    expect(await usdc.balanceOf(attacker.address)).to.equal(0n);
    // Back on the real pool the victim's own loans still work: the record is per loan, set by flashLoan itself.
    await flash.connect(timelock).setPool(await pool.getAddress());
    await victim.connect(owner).borrow(await usdc.getAddress(), parseUnits("100000", 6));
    expect(await usdc.balanceOf(v)).to.equal(fee - parseUnits("50", 6));
  });

  it("finding 4: the pool address itself calling back outside any flashLoan of the lender is refused", async () => {
    const { flash, usdc, timelock, owner } = await networkHelpers.loadFixture(governedFixture);
    const victim = await ethers.deployContract("MinimalERC3156Borrower", [await flash.getAddress(), owner.address]);
    await usdc.mint(await victim.getAddress(), parseUnits("1000", 6));
    const evil = await ethers.deployContract("MaliciousFlashPool");
    await flash.connect(timelock).setPool(await evil.getAddress());
    // A direct call from the (re-pointed) pool address with the lender as initiator, outside any flashLoan.
    const evilSigner = await ethers.getImpersonatedSigner(await evil.getAddress());
    await networkHelpers.setBalance(evilSigner.address, 10n ** 18n);
    const params = ethers.AbiCoder.defaultAbiCoder().encode(
      ["address", "address", "bytes"],
      [await victim.getAddress(), await victim.getAddress(), "0x"],
    );
    await expect(
      flash.connect(evilSigner).executeOperation(await usdc.getAddress(), 1n, 1n, await flash.getAddress(), params),
    )
      .to.be.revertedWithCustomError(flash, "FlashLenderLoanNotStarted")
      .withArgs(await usdc.getAddress(), 1n);
  });

  it("flashFee agrees with the premium the pool charges by initiator: flashFeeFor(initiator) is what onFlashLoan sees", async () => {
    const { flash, pool, usdc, U, borrower, deployer, user } = await networkHelpers.loadFixture(fixture);
    const amount = parseUnits("100000", 6);
    const b = await borrower.getAddress();
    await pool.connect(deployer).setFlashBorrower(user.address, true); // the EOA initiator is exempt, the receiver is not
    expect(await flash.flashFeeFor(user.address, U, amount)).to.equal(0n);
    expect(await flash.connect(user).flashFee(U, amount)).to.equal(0n); // flashFee answers for its caller as initiator
    expect(await flash.flashFeeFor(b, U, amount)).to.equal(parseUnits("50", 6));
    const before = await usdc.balanceOf(b);
    await flash.connect(user).flashLoan(b, U, amount, "0x");
    expect(await borrower.lastInitiator()).to.equal(user.address);
    expect(await borrower.lastFee()).to.equal(0n);
    expect(await usdc.balanceOf(b)).to.equal(before);
    await expect(flash.flashFeeFor(user.address, ethers.ZeroAddress, 1n))
      .to.be.revertedWithCustomError(flash, "ERC3156UnsupportedToken")
      .withArgs(ethers.ZeroAddress);
  });

  it("flashFee: a lender the pool does not recognise cannot charge an exempt initiator more than it quoted (FlashLenderFeeMismatch)", async () => {
    const { flash, pool, U, borrower, deployer, user, system } = await networkHelpers.loadFixture(fixture);
    // A second lender proxy, not the pool's registered FLASH_LENDER: the pool charges it by its own address.
    const impl = await ethers.deployContract("KeelFlashLender");
    const init = impl.interface.encodeFunctionData("initialize", [
      system.address("AccessManager"),
      await pool.getAddress(),
    ]);
    const proxy = await ethers.deployContract("ERC1967Proxy", [await impl.getAddress(), init]);
    const other = await ethers.getContractAt("KeelFlashLender", await proxy.getAddress());
    await pool.connect(deployer).setFlashBorrower(user.address, true);
    const amount = 1_000_000n;
    expect(await other.flashFeeFor(user.address, U, amount)).to.equal(0n);
    await expect(other.connect(user).flashLoan(await borrower.getAddress(), U, amount, "0x"))
      .to.be.revertedWithCustomError(flash, "FlashLenderFeeMismatch")
      .withArgs(0n, 500n);
    // Through the registered lender the same loan is fee-free, as quoted.
    await flash.connect(user).flashLoan(await borrower.getAddress(), U, amount, "0x");
    expect(await borrower.lastFee()).to.equal(0n);
  });

  it("maxFlashLoan: the pool's cash for a listed token, 0 for an unsupported one (never reverts)", async () => {
    const { flash, pool, U } = await networkHelpers.loadFixture(fixture);
    expect(await flash.maxFlashLoan(U)).to.equal((await pool.getKeelReserveData(U)).cash);
    expect(await flash.maxFlashLoan(ethers.Wallet.createRandom().address)).to.equal(0n);
    expect(await flash.maxFlashLoan(ethers.ZeroAddress)).to.equal(0n);
  });

  it("maxFlashLoan: 0 while the pool, the reserve or flash loans are paused", async () => {
    const { flash, pool, U, guardian, deployer } = await networkHelpers.loadFixture(fixture);
    await pool.connect(guardian).pauseFlashLoans();
    expect(await flash.maxFlashLoan(U)).to.equal(0n);
    await pool.connect(deployer).unpauseFlashLoans();
    await pool.connect(guardian).pauseReserve(U);
    expect(await flash.maxFlashLoan(U)).to.equal(0n);
    await pool.connect(deployer).unpauseReserve(U, 0);
    expect(await flash.maxFlashLoan(U)).to.be.greaterThan(0n);
    // The guardian's next pause waits for its cooldown (issue 10, finding 1); the admin pauses with extendPause.
    await pool.connect(deployer).extendPause(ethers.ZeroAddress, BigInt(await networkHelpers.time.latest()) + 3600n);
    expect(await flash.maxFlashLoan(U)).to.equal(0n);
    await networkHelpers.time.increase(3600);
    expect(await flash.maxFlashLoan(U)).to.be.greaterThan(0n);
  });

  it("flashFee: the pool's premium rounded up; reverts ERC3156UnsupportedToken for an unsupported token", async () => {
    const { flash, U } = await networkHelpers.loadFixture(fixture);
    expect(await flash.flashFee(U, 1_000_000n)).to.equal(500n); // 5 bps
    expect(await flash.flashFee(U, 1n)).to.equal(1n); // rounded up
    const unknown = ethers.Wallet.createRandom().address;
    await expect(flash.flashFee(unknown, 1n))
      .to.be.revertedWithCustomError(flash, "ERC3156UnsupportedToken")
      .withArgs(unknown);
  });

  it("flashLoan: lends, calls onFlashLoan(initiator, token, amount, fee), pulls amount + fee; the pool gains the fee", async () => {
    const { flash, pool, usdc, U, borrower } = await networkHelpers.loadFixture(fixture);
    const amount = parseUnits("100000", 6);
    const fee = await flash.flashFee(U, amount);
    const poolBefore = await usdc.balanceOf(await pool.hub());
    const borrowerBefore = await usdc.balanceOf(await borrower.getAddress());
    await expect(borrower.borrow(await flash.getAddress(), U, amount))
      .to.emit(pool, "FlashLoan")
      .withArgs(await flash.getAddress(), await flash.getAddress(), U, amount, 0, fee, 0);
    expect(await borrower.lastInitiator()).to.equal(await borrower.getAddress());
    expect(await borrower.lastFee()).to.equal(fee);
    expect(await borrower.maxLoanDuringCallback()).to.equal(0n); // a flash loan is in progress
    expect(await usdc.balanceOf(await pool.hub())).to.equal(poolBefore + fee); // the hub holds the tokens
    expect(await usdc.balanceOf(await borrower.getAddress())).to.equal(borrowerBefore - fee);
    expect(await usdc.balanceOf(await flash.getAddress())).to.equal(0n);
  });

  it("fee exemption: a fee-exempt flash borrower pays no fee through ERC-3156 either; nobody can borrow the exemption", async () => {
    const { flash, pool, usdc, U, borrower, deployer, stranger, system } = await networkHelpers.loadFixture(fixture);
    const b = await borrower.getAddress();
    await pool.connect(deployer).setFlashBorrower(b, true);
    expect(await flash.connect(stranger).flashFee(U, 1_000_000n)).to.equal(500n);
    // flashFee as seen by the exempt borrower (an eth_call from its address).
    const asBorrower = await ethers.provider.call({
      to: await flash.getAddress(),
      from: b,
      data: flash.interface.encodeFunctionData("flashFee", [U, 1_000_000n]),
    });
    expect(BigInt(asBorrower)).to.equal(0n);
    const before = await usdc.balanceOf(b);
    await borrower.borrow(await flash.getAddress(), U, parseUnits("100000", 6));
    expect(await borrower.lastFee()).to.equal(0n);
    expect(await usdc.balanceOf(b)).to.equal(before);
    // A stranger naming the exempt address in its own pool flash loan's params still pays the premium: only the
    // registered ERC-3156 lender is trusted to report its caller.
    const receiver = await ethers.deployContract("MinimalFlashReceiver", [await pool.getAddress(), stranger.address]);
    await usdc.mint(await receiver.getAddress(), 1000n);
    const params = ethers.AbiCoder.defaultAbiCoder().encode(["address"], [b]);
    await expect(pool.connect(stranger).flashLoanSimple(await receiver.getAddress(), U, 1_000_000n, params, 0))
      .to.emit(pool, "FlashLoan")
      .withArgs(await receiver.getAddress(), stranger.address, U, 1_000_000n, 0, 500n, 0);
    expect(await pool.getAddress()).to.equal(system.address("Pool"));
  });

  it("flashLoan: reverts ERC3156InvalidReceiver when the borrower returns the wrong value", async () => {
    const { flash, U, borrower } = await networkHelpers.loadFixture(fixture);
    await borrower.setMode(MAGIC_FAIL);
    await expect(borrower.borrow(await flash.getAddress(), U, 1000n))
      .to.be.revertedWithCustomError(flash, "ERC3156InvalidReceiver")
      .withArgs(await borrower.getAddress());
  });

  it("flashLoan: reverts when the borrower does not approve the repayment (nothing moves)", async () => {
    const { flash, pool, usdc, U, borrower } = await networkHelpers.loadFixture(fixture);
    await borrower.setMode(NO_APPROVE);
    const before = await usdc.balanceOf(await pool.getAddress());
    await expect(borrower.borrow(await flash.getAddress(), U, 1000n)).to.be.revertedWithCustomError(
      usdc,
      "ERC20InsufficientAllowance",
    );
    expect(await usdc.balanceOf(await pool.getAddress())).to.equal(before);
  });

  it("flashLoan: above the available liquidity reverts ERC3156ExceededMaxLoan(max); unsupported token reverts", async () => {
    const { flash, pool, U, borrower } = await networkHelpers.loadFixture(fixture);
    const cash = (await pool.getKeelReserveData(U)).cash;
    await expect(borrower.borrow(await flash.getAddress(), U, cash + 1n))
      .to.be.revertedWithCustomError(flash, "ERC3156ExceededMaxLoan")
      .withArgs(cash);
    const unknown = ethers.Wallet.createRandom().address;
    await expect(borrower.borrow(await flash.getAddress(), unknown, 1n))
      .to.be.revertedWithCustomError(flash, "ERC3156UnsupportedToken")
      .withArgs(unknown);
  });

  it("executeOperation: refuses callers other than the pool and loans it did not start", async () => {
    const { flash, pool, U, stranger } = await networkHelpers.loadFixture(fixture);
    await expect(flash.connect(stranger).executeOperation(U, 1n, 0n, stranger.address, "0x"))
      .to.be.revertedWithCustomError(flash, "FlashLenderUnauthorizedCallback")
      .withArgs(stranger.address, stranger.address);
    // Someone names the lender as the receiver of their own pool flash loan: refused (initiator is not the lender).
    await expect(pool.connect(stranger).flashLoanSimple(await flash.getAddress(), U, 1000n, "0x", 0))
      .to.be.revertedWithCustomError(flash, "FlashLenderUnauthorizedCallback")
      .withArgs(await pool.getAddress(), stranger.address);
  });

  it("setPool: admin only, emits PoolSet(old, new); zero address refused", async () => {
    const { flash, pool, deployer, stranger } = await networkHelpers.loadFixture(fixture);
    const newPool = await ethers.deployContract("MockERC20", ["x", "x", 6]);
    await expect(flash.connect(stranger).setPool(await newPool.getAddress()))
      .to.be.revertedWithCustomError(flash, "AccessManagedUnauthorized")
      .withArgs(stranger.address);
    await expect(flash.connect(deployer).setPool(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      flash,
      "FlashLenderZeroAddress",
    );
    await expect(flash.connect(deployer).setPool(await newPool.getAddress()))
      .to.emit(flash, "PoolSet")
      .withArgs(await pool.getAddress(), await newPool.getAddress());
    expect(await flash.pool()).to.equal(await newPool.getAddress());
  });

  it("upgrade checks: version, locked implementation, ERC-1967 implementation, digest follows the pool", async () => {
    const { flash, deployer, system } = await networkHelpers.loadFixture(fixture);
    expect(await flash.version()).to.equal("1.0.0");
    const impl = await flash.implementation();
    expect(impl).to.equal(system.record.contracts.FlashLender.implementation);
    const implementation = await ethers.getContractAt("KeelFlashLender", impl);
    expect(await implementation.initializedVersion()).to.equal(2n ** 64n - 1n);
    await expect(implementation.initialize(deployer.address, deployer.address)).to.be.revertedWithCustomError(
      implementation,
      "InvalidInitialization",
    );
    const before = await flash.stateDigest();
    await flash.connect(deployer).setPool(deployer.address);
    expect(await flash.stateDigest()).to.not.equal(before);
  });
});
