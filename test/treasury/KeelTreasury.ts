import { expect } from "chai";
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import type { KeelTreasury } from "../../types/ethers-contracts/index.js";
import { Roles } from "../../deploy/roles.js";
import { deployAccessManager, restrictFunctions } from "../helpers/access.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;
const upgradesApi = await upgrades(hre, connection);

const UNIT = 10n ** 6n; // USDC has 6 decimals

describe("KeelTreasury", () => {
  async function deployFixture() {
    const [admin, treasuryManager, upgrader, stranger, receiver] = await ethers.getSigners();
    const manager = await deployAccessManager(ethers, upgradesApi, admin);
    const pool = await ethers.deployContract("MockPoolForTreasury");
    const poolAddress = await pool.getAddress();
    const factory = await ethers.getContractFactory("KeelTreasury", admin);
    const treasury = (await upgradesApi.deployProxy(factory, [await manager.getAddress(), poolAddress], {
      kind: "uups",
      initializer: "initialize",
    })) as unknown as KeelTreasury;
    const treasuryAddress = await treasury.getAddress();
    await restrictFunctions(manager, treasury, ["withdrawFromPool", "transferToken"], Roles.TREASURY_MANAGER);
    await restrictFunctions(manager, treasury, ["setPool"], Roles.ADMIN);
    await restrictFunctions(manager, treasury, ["upgradeToAndCall"], Roles.UPGRADER);
    await manager.grantRole(Roles.TREASURY_MANAGER, treasuryManager.address, 0);
    await manager.grantRole(Roles.UPGRADER, upgrader.address, 0);

    const usdc = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
    const usdcAddress = await usdc.getAddress();
    // The pool holds 1,000 USDC credited to the treasury (its reserve-factor income).
    await usdc.mint(poolAddress, 1_000n * UNIT);
    await pool.credit(treasuryAddress, usdcAddress, 1_000n * UNIT);
    // And the treasury holds 50 USDC directly.
    await usdc.mint(treasuryAddress, 50n * UNIT);
    return {
      manager,
      treasury,
      treasuryAddress,
      pool,
      poolAddress,
      usdc,
      usdcAddress,
      admin,
      treasuryManager,
      upgrader,
      stranger,
      receiver,
    };
  }

  describe("initialize", () => {
    it("initialize: sets authority, pool and version", async () => {
      const { treasury, manager, poolAddress } = await loadFixture(deployFixture);
      expect(await treasury.authority()).to.equal(await manager.getAddress());
      expect(await treasury.pool()).to.equal(poolAddress);
      expect(await treasury.version()).to.equal("1.0.0");
    });

    it("initialize: emits SetPool(0, pool), and accepts a zero pool to be wired later", async () => {
      const { treasuryAddress, manager, poolAddress } = await loadFixture(deployFixture);
      const impl = await ethers.getContractAt(
        "KeelTreasury",
        await upgradesApi.erc1967.getImplementationAddress(treasuryAddress),
      );
      const authority = await manager.getAddress();
      const withPool = await ethers.deployContract("ERC1967Proxy", [
        await impl.getAddress(),
        impl.interface.encodeFunctionData("initialize", [authority, poolAddress]),
      ]);
      await expect(withPool.deploymentTransaction())
        .to.emit(impl.attach(await withPool.getAddress()), "SetPool")
        .withArgs(ethers.ZeroAddress, poolAddress);

      const withoutPool = await ethers.deployContract("ERC1967Proxy", [
        await impl.getAddress(),
        impl.interface.encodeFunctionData("initialize", [authority, ethers.ZeroAddress]),
      ]);
      const unwired = await ethers.getContractAt("KeelTreasury", await withoutPool.getAddress());
      expect(await unwired.pool()).to.equal(ethers.ZeroAddress);
    });

    it("initialize: reverts when called a second time", async () => {
      const { treasury, stranger } = await loadFixture(deployFixture);
      await expect(treasury.initialize(stranger.address, stranger.address)).to.be.revertedWithCustomError(
        treasury,
        "InvalidInitialization",
      );
    });

    it("initialize: the implementation cannot be initialised directly", async () => {
      const { treasuryAddress, stranger } = await loadFixture(deployFixture);
      const impl = await ethers.getContractAt(
        "KeelTreasury",
        await upgradesApi.erc1967.getImplementationAddress(treasuryAddress),
      );
      await expect(impl.initialize(stranger.address, stranger.address)).to.be.revertedWithCustomError(
        impl,
        "InvalidInitialization",
      );
    });
  });

  describe("withdrawFromPool", () => {
    it("withdrawFromPool: calls pool.withdraw(asset, amount, to), moves the tokens and emits PoolWithdrawal", async () => {
      const { treasury, treasuryAddress, pool, usdc, usdcAddress, treasuryManager, receiver } =
        await loadFixture(deployFixture);
      const amount = 400n * UNIT;
      const tx = treasury.connect(treasuryManager).withdrawFromPool(usdcAddress, amount, receiver.address);
      await expect(tx).to.emit(treasury, "PoolWithdrawal").withArgs(usdcAddress, receiver.address, amount, amount);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [receiver, pool], [amount, -amount]);
      expect(await pool.lastCaller()).to.equal(treasuryAddress);
      expect(await pool.lastAsset()).to.equal(usdcAddress);
      expect(await pool.lastAmount()).to.equal(amount);
      expect(await pool.lastTo()).to.equal(receiver.address);
      expect(await pool.balanceOf(treasuryAddress, usdcAddress)).to.equal(600n * UNIT);
    });

    it("withdrawFromPool: type(uint256).max withdraws the whole position and reports the amount withdrawn", async () => {
      const { treasury, treasuryAddress, pool, usdcAddress, treasuryManager, receiver } =
        await loadFixture(deployFixture);
      const withdrawn = await treasury
        .connect(treasuryManager)
        .withdrawFromPool.staticCall(usdcAddress, ethers.MaxUint256, receiver.address);
      expect(withdrawn).to.equal(1_000n * UNIT);
      await expect(treasury.connect(treasuryManager).withdrawFromPool(usdcAddress, ethers.MaxUint256, receiver.address))
        .to.emit(treasury, "PoolWithdrawal")
        .withArgs(usdcAddress, receiver.address, ethers.MaxUint256, 1_000n * UNIT);
      expect(await pool.balanceOf(treasuryAddress, usdcAddress)).to.equal(0n);
    });

    it("withdrawFromPool: bubbles up the pool's revert", async () => {
      const { treasury, pool, usdcAddress, treasuryManager, receiver } = await loadFixture(deployFixture);
      await expect(treasury.connect(treasuryManager).withdrawFromPool(usdcAddress, 2_000n * UNIT, receiver.address))
        .to.be.revertedWithCustomError(pool, "MockPoolInsufficientBalance")
        .withArgs(1_000n * UNIT, 2_000n * UNIT);
    });

    it("withdrawFromPool: reverts with TreasuryZeroAddress / TreasuryZeroAmount for bad arguments", async () => {
      const { treasury, usdcAddress, treasuryManager, receiver } = await loadFixture(deployFixture);
      const t = treasury.connect(treasuryManager);
      await expect(t.withdrawFromPool(ethers.ZeroAddress, 1n, receiver.address)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAddress",
      );
      await expect(t.withdrawFromPool(usdcAddress, 1n, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAddress",
      );
      await expect(t.withdrawFromPool(usdcAddress, 0n, receiver.address)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("withdrawFromPool: reverts with TreasuryPoolNotSet before a pool is wired", async () => {
      const { manager, usdcAddress, treasuryManager, receiver } = await loadFixture(deployFixture);
      const factory = await ethers.getContractFactory("KeelTreasury");
      const unwired = (await upgradesApi.deployProxy(factory, [await manager.getAddress(), ethers.ZeroAddress], {
        kind: "uups",
        initializer: "initialize",
      })) as unknown as KeelTreasury;
      await restrictFunctions(manager, unwired, ["withdrawFromPool"], Roles.TREASURY_MANAGER);
      await expect(
        unwired.connect(treasuryManager).withdrawFromPool(usdcAddress, 1n, receiver.address),
      ).to.be.revertedWithCustomError(unwired, "TreasuryPoolNotSet");
    });

    it("withdrawFromPool: reverts for a stranger and for the admin without TREASURY_MANAGER_ROLE", async () => {
      const { treasury, usdcAddress, admin, stranger } = await loadFixture(deployFixture);
      for (const caller of [stranger, admin]) {
        await expect(treasury.connect(caller).withdrawFromPool(usdcAddress, 1n, caller.address))
          .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });

  describe("transferToken", () => {
    it("transferToken: sends tokens held by the treasury and emits TokenTransferred", async () => {
      const { treasury, treasuryAddress, usdc, usdcAddress, treasuryManager, receiver } =
        await loadFixture(deployFixture);
      const amount = 20n * UNIT;
      const tx = treasury.connect(treasuryManager).transferToken(usdcAddress, receiver.address, amount);
      await expect(tx).to.emit(treasury, "TokenTransferred").withArgs(usdcAddress, receiver.address, amount);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [receiver, treasuryAddress], [amount, -amount]);
    });

    it("transferToken: reverts when the treasury holds too little (SafeERC20 bubbles the token error)", async () => {
      const { treasury, treasuryAddress, usdc, usdcAddress, treasuryManager, receiver } =
        await loadFixture(deployFixture);
      await expect(treasury.connect(treasuryManager).transferToken(usdcAddress, receiver.address, 51n * UNIT))
        .to.be.revertedWithCustomError(usdc, "ERC20InsufficientBalance")
        .withArgs(treasuryAddress, 50n * UNIT, 51n * UNIT);
    });

    it("transferToken: reverts with TreasuryZeroAddress / TreasuryZeroAmount for bad arguments", async () => {
      const { treasury, usdcAddress, treasuryManager, receiver } = await loadFixture(deployFixture);
      const t = treasury.connect(treasuryManager);
      await expect(t.transferToken(ethers.ZeroAddress, receiver.address, 1n)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAddress",
      );
      await expect(t.transferToken(usdcAddress, ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAddress",
      );
      await expect(t.transferToken(usdcAddress, receiver.address, 0n)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("transferToken: reverts for a stranger", async () => {
      const { treasury, usdcAddress, stranger } = await loadFixture(deployFixture);
      await expect(treasury.connect(stranger).transferToken(usdcAddress, stranger.address, 1n))
        .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });
  });

  describe("setPool", () => {
    it("setPool: replaces the pool and emits SetPool(old, new)", async () => {
      const { treasury, poolAddress } = await loadFixture(deployFixture);
      const next = await ethers.deployContract("MockPoolForTreasury");
      const nextAddress = await next.getAddress();
      await expect(treasury.setPool(nextAddress)).to.emit(treasury, "SetPool").withArgs(poolAddress, nextAddress);
      expect(await treasury.pool()).to.equal(nextAddress);
    });

    it("setPool: reverts with TreasuryZeroAddress for the zero address", async () => {
      const { treasury } = await loadFixture(deployFixture);
      await expect(treasury.setPool(ethers.ZeroAddress)).to.be.revertedWithCustomError(treasury, "TreasuryZeroAddress");
    });

    it("setPool: reverts for a stranger and for the treasury manager", async () => {
      const { treasury, stranger, treasuryManager } = await loadFixture(deployFixture);
      for (const caller of [stranger, treasuryManager]) {
        await expect(treasury.connect(caller).setPool(caller.address))
          .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });

  describe("no other way out", () => {
    it("rejects plain ether transfers", async () => {
      const { treasuryAddress, stranger } = await loadFixture(deployFixture);
      await expect(stranger.sendTransaction({ to: treasuryAddress, value: 1n })).to.be.revert(ethers);
    });
  });

  describe("upgradeToAndCall", () => {
    it("upgradeToAndCall: the upgrader upgrades and the pool survives", async () => {
      const { treasury, treasuryAddress, poolAddress, upgrader } = await loadFixture(deployFixture);
      const v2Factory = await ethers.getContractFactory("KeelTreasuryV2Mock", upgrader);
      const upgraded = await upgradesApi.upgradeProxy(treasuryAddress, v2Factory, { kind: "uups" });
      expect(await upgraded.getFunction("version")()).to.equal("2.0.0");
      expect(await treasury.pool()).to.equal(poolAddress);
    });

    it("upgradeToAndCall: reverts for a stranger and for the treasury manager", async () => {
      const { treasury, treasuryAddress, stranger, treasuryManager } = await loadFixture(deployFixture);
      const v2Factory = await ethers.getContractFactory("KeelTreasuryV2Mock");
      const impl = (await upgradesApi.prepareUpgrade(treasuryAddress, v2Factory, { kind: "uups" })) as string;
      for (const caller of [stranger, treasuryManager]) {
        await expect(treasury.connect(caller).upgradeToAndCall(impl, "0x"))
          .to.be.revertedWithCustomError(treasury, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });
});
