// Economic attacks and token-zoo hazards: fee-on-transfer and rebasing short payments (Balancer STA 2020, Cream
// AMP 2021), a token zoo of odd ERC-20s, bad debt left unaccounted after liquidation (Venus LUNA 2022, Euler 2023),
// self-liquidation for profit, dust positions nobody liquidates, permit front-running griefing (2023 reports
// against Aave-forks), pause bypass through a forgotten entry point, and interest overflow after years at the
// maximum rate. Naive behaviour is shown with NaiveVault where it applies.
import { expect } from "chai";
import hre from "hardhat";
import { type Interface, MaxUint256, Signature, parseUnits } from "ethers";
import { deployTestSystem, reserveConfig, Prices, RAY } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const E18 = 10n ** 18n;
const SEED = 10_000n;
const U128_MAX = (1n << 128n) - 1n;

async function fixture() {
  const f = await deployTestSystem(connection);
  await f.pool.connect(f.alice).supply(f.U, parseUnits("100000", 6), f.alice.address, 0);
  const impl = await ethers.deployContract("KeelFlashLender");
  const init = impl.interface.encodeFunctionData("initialize", [await f.manager.getAddress(), f.poolAddress]);
  const lender = await ethers.getContractAt(
    "KeelFlashLender",
    await (await ethers.deployContract("ERC1967Proxy", [await impl.getAddress(), init])).getAddress(),
  );
  return { ...f, lender };
}
type F = Awaited<ReturnType<typeof fixture>>;

/** Deploys `name`, mints the deployer enough for the seed and approves the pool; returns the token and a kToken. */
async function zooToken(f: F, name: string, args: unknown[], decimals: number) {
  const t = await ethers.deployContract(name, args);
  const T = await t.getAddress();
  await f.setPrice(T, Prices.USDC);
  const kt = await ethers.deployContract("KToken", [f.poolAddress, T, decimals, "kZ", "kZ"]);
  const mintable = t as unknown as {
    mint(to: string, a: bigint): Promise<unknown>;
    approve(s: string, a: bigint): Promise<unknown>;
  };
  await mintable.mint(f.deployer.address, 10n ** 30n);
  await mintable.approve(f.poolAddress, MaxUint256);
  return { t, T, kT: await kt.getAddress() };
}

/** Value of an account at oracle prices (8 decimals): wallet + supply - debt, over the fixture's three assets. */
async function netWorth(f: F, who: string) {
  let total = 0n;
  for (const [token, price, dec] of [
    [f.usdc, Prices.USDC, 6n],
    [f.wbtc, Prices.WBTC, 8n],
    [f.weth, await f.oracle.getAssetPrice(f.W), 18n],
  ] as const) {
    const a = await token.getAddress();
    const held =
      (await token.balanceOf(who)) + (await f.pool.supplyBalanceOf(a, who)) - (await f.pool.debtBalanceOf(a, who));
    total += (held * price) / 10n ** dec;
  }
  return total;
}

describe("attacks: economic and token zoo", () => {
  describe("token zoo: listing with the atomic seed", () => {
    it("fee-on-transfer: naive vault credits what was asked, not what arrived", async () => {
      const f = await loadFixture(fixture);
      const fot = await ethers.deployContract("MockFeeOnTransferToken", ["Fee", "FEE", 18, 100]);
      const amm = await ethers.deployContract("MockAmm", [f.U, await fot.getAddress()]);
      const vault = await ethers.deployContract("NaiveVault", [f.U, await fot.getAddress(), await amm.getAddress()]);
      await fot.mint(f.carol.address, 1000n * E18);
      await fot.connect(f.carol).approve(await vault.getAddress(), MaxUint256);
      await vault.connect(f.carol).depositCollateral(1000n * E18);
      expect(await vault.collateralOf(f.carol.address)).to.equal(1000n * E18);
      expect(await fot.balanceOf(await vault.getAddress())).to.equal(990n * E18); // 10 tokens of phantom collateral
    });

    it("fee-on-transfer (1%): initReserve's seed pull reverts HubTokensNotReceived", async () => {
      const f = await loadFixture(fixture);
      const { T, kT } = await zooToken(f, "MockFeeOnTransferToken", ["Fee", "FEE", 18, 100], 18);
      await f.listInHub(T);
      await expect(f.pool.initReserve(T, kT, reserveConfig(), SEED))
        .to.be.revertedWithCustomError(f.hub, "HubTokensNotReceived")
        .withArgs(T, SEED, SEED - 100n);
    });

    it("fee-on-transfer turned on after listing: supply and repay revert HubTokensNotReceived, accounting untouched", async () => {
      const f = await loadFixture(fixture);
      const { t, T, kT } = await zooToken(f, "MockFeeOnTransferToken", ["Fee", "FEE", 18, 0], 18);
      await f.listInHub(T);
      await f.pool.initReserve(T, kT, reserveConfig(), SEED);
      const fot = t as unknown as { setFeeBps(b: bigint): Promise<unknown> };
      await fot.setFeeBps(100n);
      const before = await f.pool.getKeelReserveData(T);
      await expect(f.pool.supply(T, E18, f.deployer.address, 0))
        .to.be.revertedWithCustomError(f.hub, "HubTokensNotReceived")
        .withArgs(T, E18, (E18 * 99n) / 100n);
      expect(await f.pool.getKeelReserveData(T)).to.deep.equal(before);
    });

    it("rebasing token that short-pays (rounding of its shares): initReserve reverts HubTokensNotReceived", async () => {
      const f = await loadFixture(fixture);
      const { t, T, kT } = await zooToken(f, "MockRebasingToken", ["Reb", "REB", 18], 18);
      await (t as unknown as { rebase(m: bigint): Promise<unknown> }).rebase(3n * E18); // 1 share = 3 units
      await f.listInHub(T);
      await expect(f.pool.initReserve(T, kT, reserveConfig(), SEED))
        .to.be.revertedWithCustomError(f.hub, "HubTokensNotReceived")
        .withArgs(T, SEED, SEED - 1n);
    });

    it("returns-false token: refused with SafeERC20FailedOperation", async () => {
      const f = await loadFixture(fixture);
      const { t, T, kT } = await zooToken(f, "MockReturnsFalseToken", ["RF", "RF", 18], 18);
      await (t as unknown as { setFailAll(b: boolean): Promise<unknown> }).setFailAll(true);
      await f.listInHub(T);
      await expect(f.pool.initReserve(T, kT, reserveConfig(), SEED))
        .to.be.revertedWithCustomError(f.pool, "SafeERC20FailedOperation")
        .withArgs(T);
    });

    it("reverting token: refused with the token's own error", async () => {
      const f = await loadFixture(fixture);
      const { t, T, kT } = await zooToken(f, "MockRevertingToken", ["RV", "RV", 18], 18);
      await (t as unknown as { setReverting(b: boolean): Promise<unknown> }).setReverting(true);
      await f.listInHub(T);
      await expect(f.pool.initReserve(T, kT, reserveConfig(), SEED))
        .to.be.revertedWithCustomError(t, "RevertingTokenTransfersDisabled")
        .withArgs(f.deployer.address, await f.hub.getAddress(), SEED);
    });

    it("no-return token (USDT-style): supported; supply, borrow, repay and withdraw work", async () => {
      const f = await loadFixture(fixture);
      const { t, T, kT } = await zooToken(f, "MockNoReturnToken", ["NR", "NR", 6], 6);
      await f.listInHub(T);
      await f.pool.initReserve(T, kT, reserveConfig(), SEED);
      await f.pool.supply(T, parseUnits("1000", 6), f.deployer.address, 0);
      await f.pool.connect(f.bob).supply(f.W, E18, f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(T, parseUnits("500", 6), 2, 0, f.bob.address);
      const nr = t as unknown as {
        balanceOf(a: string): Promise<bigint>;
        connect(s: unknown): { approve(s: string, a: bigint): Promise<unknown> };
      };
      expect(await nr.balanceOf(f.bob.address)).to.equal(parseUnits("500", 6));
      await nr.connect(f.bob).approve(f.poolAddress, MaxUint256);
      await f.pool.connect(f.bob).repay(T, parseUnits("500", 6), 2, f.bob.address);
      await f.pool.withdraw(T, parseUnits("1000", 6), f.deployer.address);
      expect((await f.pool.getKeelReserveData(T)).cash).to.be.at.least(SEED);
    });

    it("24-decimal token: supported, valued exactly as collateral", async () => {
      const f = await loadFixture(fixture);
      const { t, T, kT } = await zooToken(f, "MockERC20", ["Big", "BIG", 24], 24);
      await f.setPrice(T, 3n * 10n ** 8n);
      await f.listInHub(T);
      await f.pool.initReserve(T, kT, reserveConfig(), 10n ** 24n);
      await (t as unknown as { transfer(to: string, a: bigint): Promise<unknown> }).transfer(
        f.carol.address,
        5n * 10n ** 24n,
      );
      await (t as unknown as { connect(s: unknown): { approve(s: string, a: bigint): Promise<unknown> } })
        .connect(f.carol)
        .approve(f.poolAddress, MaxUint256);
      await f.pool.connect(f.carol).supply(T, 5n * 10n ** 24n, f.carol.address, 0);
      const d = await f.pool.getUserAccountData(f.carol.address);
      expect(d.totalCollateralBase).to.equal(15n * 10n ** 8n);
      expect(d.availableBorrowsBase).to.equal(12n * 10n ** 8n);
      await f.pool.connect(f.carol).borrow(f.U, parseUnits("12", 6), 2, 0, f.carol.address);
    });
  });

  describe("liquidation economics", () => {
    it("bad debt: a liquidation taking all collateral writes the rest off visibly (BadDebtWrittenOff), no phantom debt", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.bob).supply(f.W, E18, f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(f.U, parseUnits("1500", 6), 2, 0, f.bob.address);
      await f.setPrice(f.W, 1000n * 10n ** 8n); // collateral $1000 < debt $1500
      await expect(f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, f.bob.address, MaxUint256, false)).to.emit(
        f.pool,
        "BadDebtWrittenOff",
      );
      expect(await f.pool.debtBalanceOf(f.U, f.bob.address)).to.equal(0n);
      expect(await f.pool.supplyBalanceOf(f.W, f.bob.address)).to.equal(0n);
      expect(await f.pool.getKeelUserConfiguration(f.bob.address)).to.equal(0n);
      // Suppliers' claims still fit in cash + debts: the loss was socialised, not hidden.
      const [supplied, borrowed] = await f.pool.getReserveTotals(f.U);
      expect(supplied).to.be.at.most((await f.pool.getKeelReserveData(f.U)).cash + borrowed);
    });

    it("self-liquidation: liquidating one's own position from a second account does not increase the owner's net worth", async () => {
      const f = await loadFixture(fixture);
      // bob (borrower) and carol (bob's second account) act together.
      await f.pool.connect(f.bob).supply(f.W, 2n * E18, f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(f.U, parseUnits("3000", 6), 2, 0, f.bob.address);
      await f.setPrice(f.W, 1700n * 10n ** 8n);
      const before = (await netWorth(f, f.bob.address)) + (await netWorth(f, f.carol.address));
      await f.pool.connect(f.carol).liquidationCall(f.W, f.U, f.bob.address, parseUnits("1500", 6), false);
      const after = (await netWorth(f, f.bob.address)) + (await netWorth(f, f.carol.address));
      expect(after).to.be.lessThan(before); // the protocol fee leaves the pair; the bonus only moves between them
    });

    it("small position: the whole debt may be repaid at once (close factor 100% below $2000)", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.bob).supply(f.W, E18 / 10n, f.bob.address, 0); // $200
      await f.pool.connect(f.bob).borrow(f.U, parseUnits("150", 6), 2, 0, f.bob.address);
      await f.setPrice(f.W, 1700n * 10n ** 8n); // HF 0.963: above 0.95, but the position is small
      await f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, f.bob.address, MaxUint256, false);
      expect(await f.pool.debtBalanceOf(f.U, f.bob.address)).to.equal(0n);
    });

    it("dust: a partial liquidation leaving < $1000 of a collateral reverts PoolMustNotLeaveDust; taking it all works", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.bob).supply(f.W, (25n * E18) / 10n, f.bob.address, 0); // $5000
      await f.pool.connect(f.bob).supply(f.B, parseUnits("0.02", 8), f.bob.address, 0); // $1200
      await f.pool.connect(f.bob).borrow(f.U, parseUnits("4900", 6), 2, 0, f.bob.address);
      await f.setPrice(f.W, 1800n * 10n ** 8n); // HF ~0.989
      await expect(
        f.pool.connect(f.liquidator).liquidationCall(f.B, f.U, f.bob.address, parseUnits("500", 6), false),
      ).to.be.revertedWithCustomError(f.pool, "PoolMustNotLeaveDust");
      await f.pool.connect(f.liquidator).liquidationCall(f.B, f.U, f.bob.address, parseUnits("1200", 6), false);
      expect(await f.pool.supplyBalanceOf(f.B, f.bob.address)).to.equal(0n);
    });
  });

  describe("permit front-running griefing", () => {
    it("a permit used first by someone else makes a naive permit+transfer revert, but supplyWithPermit still succeeds", async () => {
      const f = await loadFixture(fixture);
      const amount = parseUnits("1000", 6);
      await f.usdc.connect(f.carol).approve(f.poolAddress, 0n);
      const deadline = BigInt(await time.latest()) + 3600n;
      const domain = {
        name: "USD Coin",
        version: "1",
        chainId: (await ethers.provider.getNetwork()).chainId,
        verifyingContract: f.U,
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
      const sig = Signature.from(
        await f.carol.signTypedData(domain, types, {
          owner: f.carol.address,
          spender: f.poolAddress,
          value: amount,
          nonce: await f.usdc.nonces(f.carol.address),
          deadline,
        }),
      );
      // The griefer copies the signature from the mempool and uses it first.
      await f.usdc.connect(f.stranger).permit(f.carol.address, f.poolAddress, amount, deadline, sig.v, sig.r, sig.s);
      // Naive integration: calling permit again reverts and would take the deposit down with it.
      await expect(
        f.usdc.connect(f.carol).permit(f.carol.address, f.poolAddress, amount, deadline, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(f.usdc, "ERC2612InvalidSigner");
      await f.pool.connect(f.carol).supplyWithPermit(f.U, amount, f.carol.address, 0, deadline, sig.v, sig.r, sig.s);
      expect(await f.pool.supplyBalanceOf(f.U, f.carol.address)).to.equal(amount);
    });
  });

  describe("pause bypass through a forgotten entry point", () => {
    it("with the pool paused, every state-changing user entry point reverts; every other one is restricted", async () => {
      const f = await loadFixture(fixture);
      await f.pool.connect(f.bob).supply(f.W, E18, f.bob.address, 0);
      await f.pool.connect(f.bob).borrow(f.U, parseUnits("100", 6), 2, 0, f.bob.address);
      await f.pool.connect(f.guardian).pause();
      const recv = await ethers.deployContract("FlashCallAttacker");
      const R = await recv.getAddress();
      const P = "PoolIsPaused";
      const covered: Record<string, () => Promise<unknown>> = {
        supply: () =>
          expect(f.pool.connect(f.carol).supply(f.U, 1000n, f.carol.address, 0)).to.be.revertedWithCustomError(
            f.pool,
            P,
          ),
        supplyWithPermit: () =>
          expect(
            f.pool
              .connect(f.carol)
              .supplyWithPermit(f.U, 1000n, f.carol.address, 0, 0n, 27, ethers.ZeroHash, ethers.ZeroHash),
          ).to.be.revertedWithCustomError(f.pool, P),
        withdraw: () =>
          expect(f.pool.connect(f.alice).withdraw(f.U, 1000n, f.alice.address)).to.be.revertedWithCustomError(
            f.pool,
            P,
          ),
        borrow: () =>
          expect(f.pool.connect(f.bob).borrow(f.U, 1000n, 2, 0, f.bob.address)).to.be.revertedWithCustomError(
            f.pool,
            P,
          ),
        setUserUseReserveAsCollateral: () =>
          expect(f.pool.connect(f.bob).setUserUseReserveAsCollateral(f.W, false)).to.be.revertedWithCustomError(
            f.pool,
            P,
          ),
        liquidationCall: () =>
          expect(
            f.pool.connect(f.liquidator).liquidationCall(f.W, f.U, f.bob.address, 1000n, false),
          ).to.be.revertedWithCustomError(f.pool, P),
        flashLoan: () =>
          expect(f.pool.flashLoan(R, [f.U], [1000n], [0n], R, "0x", 0)).to.be.revertedWithCustomError(f.pool, P),
        flashLoanSimple: () =>
          expect(f.pool.flashLoanSimple(R, f.U, 1000n, "0x", 0)).to.be.revertedWithCustomError(f.pool, P),
        transferSupply: () =>
          expect(f.kUsdc.connect(f.alice).transfer(f.carol.address, 1000n)).to.be.revertedWithCustomError(f.pool, P),
        // A batch runs each call with its own checks: a supply inside it is refused like any other.
        multicall: () =>
          expect(
            f.pool
              .connect(f.carol)
              .multicall([f.pool.interface.encodeFunctionData("supply", [f.U, 1000n, f.carol.address, 0])]),
          ).to.be.revertedWithCustomError(f.pool, P),
      };
      for (const run of Object.values(covered)) await run();
      // Never paused (issue 10, finding 1): repay only brings assets in and reduces debt; the rate refresh only
      // re-reads the reserve's rate model.
      const allowedWhilePaused: Record<string, () => Promise<unknown>> = {
        repay: () => expect(f.pool.connect(f.bob).repay(f.U, 1000n, 2, f.bob.address)).to.emit(f.pool, "Repay"),
        refreshRate: async () => (await f.hub.connect(f.stranger).refreshRate(f.U)).wait(),
      };
      for (const run of Object.values(allowedWhilePaused)) await run();
      await f.kUsdc.connect(f.alice).approve(f.carol.address, MaxUint256);
      await expect(
        f.kUsdc.connect(f.carol).transferFrom(f.alice.address, f.carol.address, 1000n),
      ).to.be.revertedWithCustomError(f.pool, P);
      await expect(f.lender.flashLoan(R, f.U, 1000n, "0x"))
        .to.be.revertedWithCustomError(f.lender, "ERC3156ExceededMaxLoan")
        .withArgs(0n);
      // Restricted (AccessManager, registry or kToken) or pure permission bookkeeping that moves no tokens.
      const restricted = [
        "initReserve",
        "setReserveConfig",
        "pauseReserve",
        "unpauseReserve",
        "pause",
        "unpause",
        "pauseFlashLoans",
        "unpauseFlashLoans",
        "setFlashPremium",
        "setFlashBorrower",
        "upgradeToAndCall",
        "initialize",
        "onModuleUpdated",
        "setAuthority",
        "extendPause",
        "setPauseConfig",
        "onHubFlashLoan",
      ];
      const bookkeeping = ["approveDelegation", "delegationWithSig"]; // set allowances only; borrowing them is paused
      const nonView = f.pool.interface.fragments
        .filter((x) => x.type === "function")
        .map((x) => x as unknown as { name: string; stateMutability: string })
        .filter((x) => x.stateMutability !== "view" && x.stateMutability !== "pure")
        .map((x) => x.name);
      for (const name of nonView) {
        expect(
          name in covered || name in allowedWhilePaused || restricted.includes(name) || bookkeeping.includes(name),
          `uncovered entry point ${name}`,
        ).to.equal(true);
      }
      for (const name of restricted.filter(
        (n) => n !== "initialize" && n !== "onModuleUpdated" && n !== "onHubFlashLoan",
      )) {
        const fn = (f.pool.interface as Interface).getFunction(name);
        expect(fn, name).to.not.equal(null);
      }
      // A restricted one, spot-checked for a stranger while paused.
      await expect(f.pool.connect(f.stranger).unpause(0)).to.be.revertedWithCustomError(
        f.pool,
        "AccessManagedUnauthorized",
      );
      await expect(f.pool.connect(f.stranger).setAuthority(f.stranger.address)).to.be.revertedWithCustomError(
        f.pool,
        "AccessManagedUnauthorized",
      );
      await expect(
        f.pool.connect(f.stranger).onModuleUpdated(ethers.ZeroHash, f.stranger.address),
      ).to.be.revertedWithCustomError(f.pool, "PoolOnlyRegistry");
      // The hub's flash callback: only the hub, only during the spoke's own flash loan.
      await expect(f.pool.connect(f.stranger).onHubFlashLoan("0x"))
        .to.be.revertedWithCustomError(f.pool, "PoolOnlyHub")
        .withArgs(f.stranger.address);
    });
  });

  describe("interest overflow after years at the maximum rate", () => {
    it("KinkedRateModel at its max params, 100% utilisation, 12 yearly steps: indexes saturate, repay and exit work", async () => {
      const f = await loadFixture(fixture);
      const maxParams = { baseRateBps: 10_000, slope1Bps: 40_000, slope2Bps: 50_000, optimalUtilizationBps: 9_900 }; // the pool's 1,000% cap
      const impl = await ethers.deployContract("KinkedRateModel");
      const init = impl.interface.encodeFunctionData("initialize", [await f.manager.getAddress(), maxParams]);
      const proxy = await ethers.deployContract("ERC1967Proxy", [await impl.getAddress(), init]);
      await f.hub.configureAsset(f.U, await proxy.getAddress(), 1000, 5, true);
      // bob borrows every unit of USDC cash against plenty of WETH: utilisation 100%.
      await f.pool.connect(f.bob).supply(f.W, 1000n * E18, f.bob.address, 0);
      const cash = (await f.pool.getKeelReserveData(f.U)).cash;
      await f.pool.connect(f.bob).borrow(f.U, cash, 2, 0, f.bob.address);
      let saturated = false;
      for (let year = 0; year < 12; year++) {
        await time.increase(365 * 86400);
        await f.setPrice(f.W, Prices.WETH); // a fresh price each step, as a live feed would give
        await f.pool.connect(f.bob).repay(f.U, 1n, 2, f.bob.address); // accrues
        const r = await f.pool.getKeelReserveData(f.U);
        expect(r.borrowIndex).to.be.at.most(U128_MAX);
        expect(r.liquidityIndex).to.be.at.least(RAY);
        if (r.borrowIndex === U128_MAX) saturated = true;
      }
      expect(saturated).to.equal(true);
      // Repay everything and let every supplier exit.
      const debt = await f.pool.debtBalanceOf(f.U, f.bob.address);
      await f.usdc.mint(f.bob.address, debt);
      await f.pool.connect(f.bob).repay(f.U, MaxUint256, 2, f.bob.address);
      expect(await f.pool.debtBalanceOf(f.U, f.bob.address)).to.equal(0n);
      await f.pool.connect(f.alice).withdraw(f.U, MaxUint256, f.alice.address);
      await f.pool.connect(f.bob).withdraw(f.W, MaxUint256, f.bob.address);
      expect(await f.pool.supplyBalanceOf(f.U, f.alice.address)).to.equal(0n);
    });
  });
});
