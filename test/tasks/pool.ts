// `keel status` (tasks/pool/status.ts) and `keel account` (tasks/pool/actions.ts), in-process: the lines they print
// from the SDK's reads, checked against the chain read directly (the ERC-1967 slot, the hub's totals and rate,
// getUserAccountData), so a layout or unit slip shows here.
import { expect } from "chai";
import hre from "hardhat";
import { MaxUint256, getAddress, parseUnits } from "ethers";
import { deployKeel } from "../../deploy/keel.js";
import { ERC1967_IMPLEMENTATION_SLOT, RAY, SECONDS_PER_YEAR } from "../../packages/sdk/src/index.js";
import { accountLines } from "../../tasks/pool/actions.js";
import { fmtUsd } from "../../tasks/lib/keel.js";
import { statusLines } from "../../tasks/pool/status.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;

async function fixture() {
  const system = await deployKeel(hre, connection, { networkName: "test", recordDir: null });
  const [, , lender, borrower] = await ethers.getSigners();
  const pool = await ethers.getContractAt("Pool", system.address("Pool"));
  const usdc = await ethers.getContractAt("MockERC20", system.reserves.USDC.asset);
  const weth = await ethers.getContractAt("MockERC20", system.reserves.WETH.asset);
  await usdc.mint(lender.address, parseUnits("1000000", 6));
  await weth.mint(borrower.address, parseUnits("10", 18));
  await usdc.connect(lender).approve(pool, MaxUint256);
  await weth.connect(borrower).approve(pool, MaxUint256);
  await pool.connect(lender).supply(usdc, parseUnits("1000000", 6), lender.address, 0);
  await pool.connect(borrower).supply(weth, parseUnits("10", 18), borrower.address, 0);
  await pool.connect(borrower).borrow(usdc, parseUnits("12000", 6), 2, 0, borrower.address);
  return { system, pool, lender, borrower };
}

/** The table row of `symbol` after the line starting with `title`. */
function row(lines: string[], title: string, symbol: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, `no "${title}" section`).to.be.gte(0);
  const r = lines.slice(start).find((l) => l.startsWith(`  ${symbol} `));
  expect(r, `no ${symbol} row under "${title}"`).to.not.equal(undefined);
  return r!.trim().split(/\s+/);
}

describe("tasks: keel status", () => {
  it("modules: each proxy's live implementation (the ERC-1967 slot) and version", async () => {
    const { system } = await networkHelpers.loadFixture(fixture);
    const lines = await statusLines({ ethers, record: system.record, networkName: "test" });
    expect(lines[0]).to.match(/^Keel on test \(chain 31337\), deployed /);
    const poolAddress = system.address("Pool");
    const impl = getAddress(
      "0x" + (await ethers.provider.getStorage(poolAddress, ERC1967_IMPLEMENTATION_SLOT)).slice(26),
    );
    expect(lines).to.include(`  ${"Pool".padEnd(15)} ${poolAddress}  ${impl}  1.0.0`);
    expect(lines.find((l) => l.startsWith("  Timelock "))).to.include("(not upgradeable)");
  });

  it("reserves: totals, the hub's utilisation and rates, risk parameters and caps, per spoke", async () => {
    const { system } = await networkHelpers.loadFixture(fixture);
    const lines = await statusLines({ ethers, record: system.record, networkName: "test" });
    const hub = await ethers.getContractAt("LiquidityHub", system.address("LiquidityHub"));
    const U = system.reserves.USDC.asset;
    const [, drawn, cash] = await hub.assetTotals(U);
    const utilBps = (drawn * 10_000n) / (drawn + cash); // 12,000 of 1,000,001 USDC: 1.19%
    const aprBps = ((await hub.getAsset(U)).borrowRate * SECONDS_PER_YEAR * 10_000n) / RAY;
    const pct = (bps: bigint) => `${(Number(bps) / 100).toFixed(2)}%`;
    const [sym, price, supplied, borrowed, use, borrowApr, , ltvLt, caps] = row(lines, "Pool ", "USDC");
    expect([sym, price, supplied, borrowed, ltvLt, caps]).to.deep.equal([
      "USDC",
      "$1",
      "1,000,001",
      "12,000",
      "80/85",
      "2000000000/1800000000",
    ]);
    expect(use).to.equal("1.19%");
    expect(use).to.equal(pct(utilBps));
    expect(borrowApr).to.equal(pct(aprBps));
    expect(aprBps).to.be.greaterThan(0n);
    // The eMode spoke on the same hub, with its hub caps (add/draw, whole tokens).
    const w = row(lines, "Spoke EModePool (eMode) ", "wstETH");
    expect(w.at(-1)).to.equal("100000/0");
    expect(w[7]).to.equal("93/95");
  });

  it("keel account: the SDK's valuation equals getUserAccountData, per reserve with the collateral flag and liquidation price", async () => {
    const { system, pool, borrower } = await networkHelpers.loadFixture(fixture);
    const lines = await accountLines(
      { ethers, pool, reserves: system.record.reserves ?? {}, spokeName: "Pool" },
      borrower.address,
    );
    const [collateral, debt, available, threshold, ltv, hf] = await pool.getUserAccountData(borrower.address);
    expect(lines[0]).to.equal(`Account ${borrower.address}`);
    expect(lines[1]).to.equal(
      `  collateral ${fmtUsd(collateral)}   debt ${fmtUsd(debt)}   can borrow ${fmtUsd(available)}`,
    );
    expect(collateral).to.equal(20_000n * 10n ** 8n); // 10 WETH at $2,000
    // 82.5% threshold on $20,000 against $12,000 of debt: 1.375.
    expect(lines[2]).to.equal(
      `  liquidation threshold ${String(Number(threshold) / 100)}%   ltv ${String(Number(ltv) / 100)}%   health factor 1.3750`,
    );
    expect(hf).to.equal(1375n * 10n ** 15n);
    // WETH: the collateral, and the price at which 10 WETH x 82.5% no longer carries $12,000: $1,454.545454.
    const weth = lines.find((l) => l.startsWith("  WETH "));
    expect(weth).to.match(/supplied +10 \(collateral\) +borrowed +0 +liquidation price \$1,454\.545454$/);
    const usdc = lines.find((l) => l.startsWith("  USDC "));
    expect(usdc).to.match(/supplied +0 +borrowed +12,000(\.\d+)?$/);
    expect(lines).to.have.length(5);
  });
});
