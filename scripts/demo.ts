// Keel's demo: a story on a real JSON-RPC node (npm run demo starts one), or the in-process network.
//   npm run demo                                         (starts `hardhat node`, runs this, stops the node)
//   npx hardhat run scripts/demo.ts --network localhost  (against a node you started)
// Lenders supply, a borrower loops into a leveraged position, time passes and interest accrues, the price falls, the
// keeper liquidates, a flash loan runs, loans open on the NFT and RWA spokes, kUSD is bought at the PSM and borrowed,
// the DAO upgrades the pool to V2 while users keep using it, and the DAO adds a second spoke on the same liquidity hub
// with one proposal while the core spoke keeps serving.
import hre from "hardhat";
import { upgrades } from "@openzeppelin/hardhat-upgrades";
import { MaxUint256, decodeBytes32String, encodeBytes32String, formatUnits, parseUnits } from "ethers";
import { deployKeel, linkedPoolFactory, mockFeedsOf, refreshMockFeeds, reserveConfig } from "../deploy/keel.js";
import { presetActions } from "../tasks/lib/governance.js";
import {
  WAD,
  formatHealthFactor,
  readAccount,
  readNftAccount,
  readPoolMarkets,
  readRwaAccount,
} from "../packages/sdk/src/index.js";
import { runKeeper } from "./liquidator.js";
import { fmt, fmtUsd, latestTimestamp } from "../tasks/lib/keel.js";
import { synthLines } from "../tasks/stablecoin/actions.js";

const connection = await hre.network.create();
const { ethers, networkName } = connection;
const persist = networkName !== "default";
const say = (s = "") => {
  console.log(s);
};
const title = (s: string) => {
  say(`\n━━ ${s} ${"━".repeat(Math.max(0, 70 - s.length))}`);
};

title(`Deploying Keel on "${networkName}"`);
const system = await deployKeel(hre, connection, {
  networkName,
  recordDir: persist ? undefined : null,
  log: (l) => {
    say(l);
  },
});
const rec = system.record;
const R = system.reserves;
const pool = await ethers.getContractAt("Pool", system.address("Pool"));
const [deployer /* guardian */, , lenderA, lenderB, borrower, keeper, trader] = await ethers.getSigners();
const token = (sym: string) => ethers.getContractAt("MockERC20", R[sym].asset);
const feed = (sym: string) => ethers.getContractAt("MockAggregator", R[sym].feed);
const poolAddress = await pool.getAddress();

async function fund(who: typeof deployer, sym: string, amount: string) {
  const t = await token(sym);
  await (await t.mint(who.address, parseUnits(amount, R[sym].spec.decimals))).wait();
  await (await t.connect(who).approve(poolAddress, MaxUint256)).wait();
}

async function travel(seconds: number) {
  await ethers.provider.send("evm_increaseTime", [seconds]);
  await ethers.provider.send("evm_mine", []);
  // The mock feeds stand for live Chainlink feeds: republish their answers so they are not stale after the jump.
  await refreshMockFeeds(ethers, mockFeedsOf(system.record));
}

/** The account as the SDK values it (equal to getUserAccountData), with its collateral's liquidation prices. */
async function account(label: string, who: string) {
  const a = await readAccount(ethers.provider, poolAddress, who);
  const liq = a.reserves
    .filter((r) => r.liquidationPrice !== undefined)
    .map((r) => `  ${symbolOf(r.asset)} liquidates at ${fmtUsd(r.liquidationPrice ?? 0n)}`)
    .join("");
  say(
    `  ${label.padEnd(9)} collateral ${fmtUsd(a.totalCollateralBase).padStart(14)}  debt ${fmtUsd(a.totalDebtBase).padStart(14)}  health factor ${formatHealthFactor(a.healthFactor)}${liq}`,
  );
}

/** The record's symbol of a core reserve (the synths included), else `fallback`. */
function symbolOf(asset: string, fallback = asset): string {
  return (
    Object.entries(rec.reserves ?? {}).find(([, r]) => r.asset.toLowerCase() === asset.toLowerCase())?.[0] ?? fallback
  );
}

title("1. Lenders supply");
await fund(lenderA, "USDC", "1000000");
await fund(lenderB, "USDC", "500000");
await fund(lenderB, "WETH", "200");
await (await pool.connect(lenderA).supply(R.USDC.asset, parseUnits("1000000", 6), lenderA.address, 0)).wait();
await (await pool.connect(lenderB).supply(R.USDC.asset, parseUnits("500000", 6), lenderB.address, 0)).wait();
await (await pool.connect(lenderB).supply(R.WETH.asset, parseUnits("200", 18), lenderB.address, 0)).wait();
say(`  lender A supplied 1,000,000 USDC; lender B supplied 500,000 USDC and 200 WETH`);

title("2. A borrower opens a leveraged WETH long in one transaction (LeverageHelper)");
// Flash-borrow USDC as the borrower's own debt (flash loan mode 2), buy WETH on the AMM, supply it as collateral.
await fund(borrower, "WETH", "50");
const helper = await ethers.getContractAt("LeverageHelper", system.address("LeverageHelper"));
const adapter = await ethers.getContractAt("AmmSwapAdapter", system.address("SwapAdapter"));
const equity = parseUnits("50", 18);
const borrowUsdc = parseUnits("150000", 6);
const kWeth = await ethers.getContractAt("KToken", R.WETH.kToken);
await (await (await token("WETH")).connect(borrower).approve(await helper.getAddress(), equity)).wait();
await (await pool.connect(borrower).approveDelegation(R.USDC.asset, await helper.getAddress(), borrowUsdc)).wait();
await (await kWeth.connect(borrower).approve(await helper.getAddress(), MaxUint256)).wait();
const quote = await adapter.quoteExactIn(R.USDC.asset, R.WETH.asset, borrowUsdc);
const openRc = await (
  await helper.connect(borrower).openLeverage({
    collateralAsset: R.WETH.asset,
    debtAsset: R.USDC.asset,
    initialCollateral: equity,
    borrowAmount: borrowUsdc,
    minCollateralOut: (quote * 99n) / 100n,
    adapter: await adapter.getAddress(),
  })
).wait();
const col = await pool.supplyBalanceOf(R.WETH.asset, borrower.address);
say(
  `  50 WETH of equity → ${fmt(col, 18, "WETH")} of collateral (${formatUnits((col * 100n) / equity, 2)}x), debt ${fmt(await pool.debtBalanceOf(R.USDC.asset, borrower.address), 6, "USDC")} (gas ${String(openRc?.gasUsed)})`,
);
await account("borrower", borrower.address);

title("3. 120 days pass: interest accrues");
const before = await pool.supplyBalanceOf(R.USDC.asset, lenderA.address);
const debtBefore = await pool.debtBalanceOf(R.USDC.asset, borrower.address);
await travel(120 * 86400);
const after = await pool.supplyBalanceOf(R.USDC.asset, lenderA.address);
const debtAfter = await pool.debtBalanceOf(R.USDC.asset, borrower.address);
say(`  lender A: ${fmt(before, 6)} → ${fmt(after, 6)} USDC (+${fmt(after - before, 6)})`);
say(`  borrower debt: ${fmt(debtBefore, 6)} → ${fmt(debtAfter, 6)} USDC (+${fmt(debtAfter - debtBefore, 6)})`);
await account("borrower", borrower.address);

title("4. WETH falls: the keeper liquidates with a flash loan (no capital of its own)");
const wethFeed = await feed("WETH");
let price = 2000n;
while ((await readAccount(ethers.provider, poolAddress, borrower.address)).healthFactor >= WAD) {
  price = (price * 95n) / 100n;
  await (await wethFeed.setAnswer(parseUnits(price.toString(), 8))).wait();
}
say(`  WETH at $${String(price)} (-${String(((2000n - price) * 100n) / 2000n)}%)`);
await account("borrower", borrower.address);
// The AMM follows the market down too: an arbitrageur sells WETH into it until it matches the oracle.
const amm = await ethers.getContractAt("MockAmm", system.address("AMM-USDC-WETH"));
{
  const [r0, r1] = await amm.getReserves();
  const usdcIs0 = (await amm.token0()).toLowerCase() === R.USDC.asset.toLowerCase();
  const [ru, rw] = usdcIs0 ? [r0, r1] : [r1, r0];
  // Target reserves at the new price with the same k: rw' = sqrt(k * 1e12 / price).
  const k = ru * rw;
  const target = sqrtBig((k * 10n ** 12n) / price);
  const sellWeth = target > rw ? target - rw : 0n;
  if (sellWeth > 0n) {
    const w = await token("WETH");
    await (await w.mint(trader.address, sellWeth)).wait();
    await (await w.connect(trader).approve(await amm.getAddress(), sellWeth)).wait();
    await (await amm.connect(trader).swapExactIn(R.WETH.asset, sellWeth, 0, trader.address)).wait();
  }
}
const actions = await runKeeper(ethers, rec, {
  keeper,
  useFlashLiquidator: true,
  log: (l) => {
    say(`  ${l}`);
  },
});
await account("borrower", borrower.address);
if (!actions.some((a) => a.liquidated)) throw new Error("demo: the keeper should have liquidated the borrower");
// The SDK predicted each liquidation before it was sent (simulateLiquidation); the chain's LiquidationCall must equal
// it to the wei (on the e2e's real nodes too: hardhat node and anvil).
for (const a of actions.filter((x) => x.liquidated)) {
  if (a.prediction?.matches !== true)
    throw new Error(`demo: the SDK's liquidation prediction for ${a.user} differs from the chain's LiquidationCall`);
  say(`  the SDK's prediction equals the chain's LiquidationCall to the wei (${a.user})`);
}

title("5. Flash loan: borrow 250,000 USDC and repay it in the same transaction");
const receiver = await ethers.deployContract("MinimalFlashReceiver", [poolAddress, trader.address], trader);
const amount = parseUnits("250000", 6);
const premium = (amount * (await pool.FLASHLOAN_PREMIUM_TOTAL()) + 9999n) / 10000n;
await fund(trader, "USDC", "1000");
await (await (await token("USDC")).connect(trader).transfer(await receiver.getAddress(), premium)).wait();
const flashTx = await pool.connect(trader).flashLoanSimple(await receiver.getAddress(), R.USDC.asset, amount, "0x", 0);
const flashRc = await flashTx.wait();
say(
  `  flashLoanSimple of ${fmt(amount, 6, "USDC")}: premium ${fmt(premium, 6, "USDC")} to suppliers and treasury (gas ${String(flashRc?.gasUsed)})`,
);

title("5b. Flash-loan arbitrage: a second AMM pool lags the market (FlashArbitrage)");
{
  const arb = await ethers.getContractAt("FlashArbitrage", system.address("FlashArbitrage"));
  const pairB = system.address("AMM-USDC-WETH-2");
  const usdcT = await token("USDC");
  const before = await usdcT.balanceOf(trader.address);
  let done = false;
  for (const size of ["20000", "10000", "5000"]) {
    try {
      const rc = await (
        await arb.connect(trader).arbitrage(R.USDC.asset, await amm.getAddress(), pairB, parseUnits(size, 6), 1)
      ).wait();
      say(
        `  borrowed ${size} USDC, bought WETH where cheap, sold where dear, repaid with premium: profit ${fmt((await usdcT.balanceOf(trader.address)) - before, 6, "USDC")} (gas ${String(rc?.gasUsed)})`,
      );
      done = true;
      break;
    } catch {
      // too large for the gap: try smaller
    }
  }
  if (!done) say("  no profitable size: the pools are already in line");
}

title("5c. Loans on the collateral spokes: an NFT, and a tokenised T-bill");
// Each spoke draws USDC from the same hub within its own draw cap (deploy/spokes/nft.ts, deploy/spokes/rwa.ts).
{
  if (system.nft === undefined || system.rwa === undefined)
    throw new Error("demo: the dev configuration deploys the NFT and RWA spokes");
  const [collector, fund] = (await ethers.getSigners()).slice(7, 9);
  const { collection, feed: floorFeed } = system.nft.collections.KPUNK;
  const { token: tbillAddress, navFeed } = system.rwa.collaterals.TBILL;
  await refreshMockFeeds(ethers, [floorFeed, navFeed]); // stale after the 120 days above, like the other feeds
  // A collector mints a mock punk, deposits it into the NFT spoke and borrows 5,000 USDC (LTV 40% of the floor).
  const nftSpoke = await ethers.getContractAt("NftSpoke", system.nft.address);
  const punks = await ethers.getContractAt("MockNft", collection);
  const id = await punks.nextId();
  await (await punks.mint(collector.address)).wait();
  const punksAsCollector = punks.connect(collector);
  await (
    await punksAsCollector["safeTransferFrom(address,address,uint256)"](collector.address, system.nft.address, id)
  ).wait();
  await (await nftSpoke.connect(collector).borrow(R.USDC.asset, parseUnits("5000", 6), collector.address)).wait();
  const nftAccount = await readNftAccount(ethers.provider, system.nft.address, collector.address);
  const punk = nftAccount.collections.find((c) => c.collection.toLowerCase() === collection.toLowerCase());
  say(`  a collector deposits KPUNK #${String(id)} (floor ${fmtUsd(punk?.floor ?? 0n)}) and borrows 5,000 USDC:`);
  say(
    `    collateral ${fmtUsd(nftAccount.collateralBase)}, borrow power ${fmtUsd(nftAccount.borrowPowerBase)}, debt ${fmtUsd(nftAccount.debtBase)}, health factor ${formatHealthFactor(nftAccount.healthFactor)}${punk?.liquidationFloor === undefined ? "" : `; auctionable at a floor of ${fmtUsd(punk.liquidationFloor)}`}`,
  );
  // The issuer (the deployer, on dev networks) allowlists a fund and mints it T-bills; the fund supplies them to the
  // RWA spoke and borrows 75,000 USDC (LTV 80% of the NAV).
  const rwaSpoke = await ethers.getContractAt("RwaSpoke", system.rwa.address);
  const tbill = await ethers.getContractAt("MockRwaToken", tbillAddress);
  await (await tbill.connect(deployer).setAllowed(fund.address, true)).wait();
  await (await tbill.connect(deployer).mint(fund.address, parseUnits("100000", 6))).wait();
  await (await tbill.connect(fund).approve(system.rwa.address, MaxUint256)).wait();
  await (await rwaSpoke.connect(fund).supply(tbillAddress, parseUnits("100000", 6))).wait();
  await (await rwaSpoke.connect(fund).borrow(tbillAddress, parseUnits("75000", 6), fund.address)).wait();
  const p = (await readRwaAccount(ethers.provider, system.rwa.address, fund.address)).positions.find(
    (x) => x.token.toLowerCase() === tbillAddress.toLowerCase(),
  );
  if (p === undefined) throw new Error("demo: the fund's TBILL position is missing");
  say(`  an allowlisted fund supplies 100,000 TBILL (NAV ${fmtUsd(p.nav)}) and borrows 75,000 USDC:`);
  say(
    `    collateral ${fmt(p.collateral, 6, "TBILL")} (${fmtUsd(p.collateralValueBase)}), debt ${fmtUsd(p.debtValueBase)}, health factor ${formatHealthFactor(p.healthFactor)}${p.liquidationNav === undefined ? "" : `; liquidatable at a NAV of ${fmtUsd(p.liquidationNav)}`}`,
  );
}

title("5d. kUSD: bought at the PSM, borrowed against WETH from the liquidity its hub facilitator minted");
if (rec.synths?.kUSD !== undefined) {
  const minter = (await ethers.getSigners())[14]; // 7 and 8 are 5c's collector and fund; the e2e uses 9-13
  const sy = rec.synths.kUSD;
  if (sy.psm === undefined) throw new Error("demo: kUSD has no PSM");
  const psm = await ethers.getContractAt("PegStabilityModule", sy.psm);
  const kusd = await ethers.getContractAt("SynthToken", sy.token);
  await fund(minter, "USDC", "1000");
  await fund(minter, "WETH", "10");
  await (await (await token("USDC")).connect(minter).approve(await psm.getAddress(), MaxUint256)).wait();
  await (await psm.connect(minter).buy(parseUnits("1000", 6), 0n, minter.address)).wait();
  say(
    `  bought ${fmt(await kusd.balanceOf(minter.address), 18, "kUSD")} for 1,000 USDC at the PSM (0.1% fee to the treasury)`,
  );
  await (await pool.connect(minter).supply(R.WETH.asset, parseUnits("10", 18), minter.address, 0)).wait();
  await (await pool.connect(minter).borrow(sy.token, parseUnits("5000", 18), 2, 0, minter.address)).wait();
  say(
    `  borrowed 5,000 kUSD against 10 WETH at the DAO's fixed 4%; nobody can supply kUSD (the core spoke's add cap is the seed)`,
  );
  for (const line of await synthLines(ethers, rec, minter.address)) say(`  ${line}`);
}

title("6. The DAO upgrades the pool to V2 while users keep using it");
const governor = await ethers.getContractAt("KeelGovernor", system.address("Governor"));
const upgrader = await ethers.getContractAt("KeelUpgrader", system.address("Upgrader"));
const v2 = await (await linkedPoolFactory(ethers, undefined, "PoolV2")).deploy();
await v2.waitForDeployment();
const initData = v2.interface.encodeFunctionData("initializeV2", [encodeBytes32String("demo upgrade")]);
const calldata = upgrader.interface.encodeFunctionData("upgradeAndVerify", [
  poolAddress,
  await v2.getAddress(),
  initData,
  [],
]);
const description = `Upgrade the pool to PoolV2 (${await v2.getAddress()})`;
await (await governor.connect(deployer).propose([await upgrader.getAddress()], [0], [calldata], description)).wait();
const proposalId = await governor.hashProposal([await upgrader.getAddress()], [0], [calldata], ethers.id(description));
say(`  proposal ${proposalId.toString().slice(0, 12)}…: "${description}"`);
await travel(Number(await governor.votingDelay()) + 1);
await (await governor.connect(deployer).castVote(proposalId, 1)).wait();
say(
  `  voted FOR with ${fmt(await governor.getVotes(deployer.address, (await latestTimestamp(ethers.provider)) - 1), 18, "KEEL")}`,
);
await (await pool.connect(lenderA).withdraw(R.USDC.asset, parseUnits("1000", 6), lenderA.address)).wait();
say("  meanwhile lender A withdraws 1,000 USDC: the pool keeps serving");
await travel(Number(await governor.votingPeriod()) + 1);
const descHash = ethers.id(description);
await (await governor.queue([await upgrader.getAddress()], [0], [calldata], descHash)).wait();
const eta = await governor.proposalEta(proposalId);
say(
  `  queued; the timelock's critical tier applies (upgrade): executable at ${new Date(Number(eta) * 1000).toISOString()}`,
);
await fund(lenderB, "USDC", "1000");
await (await pool.connect(lenderB).supply(R.USDC.asset, parseUnits("1000", 6), lenderB.address, 0)).wait();
say("  meanwhile lender B supplies 1,000 USDC while the upgrade waits");
const now = await latestTimestamp(ethers.provider);
await travel(Number(eta) - now + 1);
const digestBefore = await pool.stateDigest();
await (await governor.execute([await upgrader.getAddress()], [0], [calldata], descHash)).wait();
const poolV2 = await ethers.getContractAt("PoolV2", poolAddress);
say(
  `  executed: pool version ${await poolV2.version()}, state digest unchanged: ${String(digestBefore === (await pool.stateDigest()))}`,
);
await (await pool.connect(lenderA).supply(R.USDC.asset, parseUnits("500", 6), lenderA.address, 0)).wait();
say(
  `  right after: lender A supplies 500 USDC; upgrade label "${decodeBytes32String((await poolV2.upgradeInfo())[0])}" (new V2 view)`,
);

title("7. The DAO adds a spoke on the same hub with one proposal; the core spoke keeps serving");
// A new market: another Pool proxy on the same registry (it takes the hub from it) with its own kToken. Nothing
// deployed before changes: one proposal registers the spoke in the hub with its caps and lists its first market.
const upgradesApi = await upgrades(hre, connection);
const fresh = await upgradesApi.deployProxy(
  await linkedPoolFactory(ethers),
  [system.address("AccessManager"), system.address("ModuleRegistry")],
  {
    kind: "uups",
    initializer: "initialize",
    unsafeAllow: ["external-library-linking"],
  },
);
await fresh.waitForDeployment();
const spokeAddress = await fresh.getAddress();
const spoke = await ethers.getContractAt("Pool", spokeAddress);
const kNew = await ethers.deployContract("KToken", [
  spokeAddress,
  R.USDC.asset,
  6,
  "Keel USD Coin (spoke 2)",
  "kUSDC-2",
]);
await kNew.waitForDeployment();
const hub = await ethers.getContractAt("LiquidityHub", system.address("LiquidityHub"));
const timelockAddress = system.address("Timelock");
const seed = parseUnits("1", 6);
await (await (await token("USDC")).mint(timelockAddress, seed)).wait(); // the DAO pays the new market's seed
const preset = await presetActions(hre, connection, rec, `add-spoke:${spokeAddress}@Pool:USDC:250000:50000`); // onboarded: roles, tiers, registry
const usdcToken = await token("USDC");
const targets2 = [...preset.targets, R.USDC.asset, spokeAddress];
const calldatas2 = [
  ...preset.calldatas,
  usdcToken.interface.encodeFunctionData("approve", [spokeAddress, seed]),
  spoke.interface.encodeFunctionData("initReserve", [
    R.USDC.asset,
    await kNew.getAddress(),
    reserveConfig(R.USDC.spec),
    seed,
  ]),
];
const values2 = targets2.map(() => 0);
const description2 = `${preset.summary}; list USDC in it`;
await (await governor.connect(deployer).propose(targets2, values2, calldatas2, description2)).wait();
const proposal2 = await governor.hashProposal(targets2, values2, calldatas2, ethers.id(description2));
say(`  proposal ${proposal2.toString().slice(0, 12)}…: "${description2}"`);
await travel(Number(await governor.votingDelay()) + 1);
await (await governor.connect(deployer).castVote(proposal2, 1)).wait();
await travel(Number(await governor.votingPeriod()) + 1);
await (await governor.queue(targets2, values2, calldatas2, ethers.id(description2))).wait();
const eta2 = await governor.proposalEta(proposal2);
say(
  `  queued at the critical tier (registering a spoke): executable at ${new Date(Number(eta2) * 1000).toISOString()}`,
);
await fund(lenderB, "USDC", "2000");
await (await pool.connect(lenderB).supply(R.USDC.asset, parseUnits("2000", 6), lenderB.address, 0)).wait();
say("  meanwhile lender B supplies 2,000 USDC to the core spoke");
await travel(Number(eta2) - (await latestTimestamp(ethers.provider)) + 1);
await (await governor.execute(targets2, values2, calldatas2, ethers.id(description2))).wait();
const caps = await hub.getSpokeAsset(spokeAddress, R.USDC.asset);
say(
  `  executed: spoke 2 registered, USDC caps ${String(caps.addCap)} supplied / ${String(caps.drawCap)} drawn (whole tokens), its USDC market listed`,
);
// A user of the new spoke (it lists USDC only): supplies USDC and borrows USDC against it, from the shared cash.
await (await (await token("USDC")).mint(trader.address, parseUnits("20000", 6))).wait();
await (await (await token("USDC")).connect(trader).approve(spokeAddress, MaxUint256)).wait();
await (await spoke.connect(trader).supply(R.USDC.asset, parseUnits("20000", 6), trader.address, 0)).wait();
const cashBefore = (await hub.getAsset(R.USDC.asset)).cash;
await (await spoke.connect(trader).borrow(R.USDC.asset, parseUnits("5000", 6), 2, 0, trader.address)).wait();
const cashAfter = (await hub.getAsset(R.USDC.asset)).cash;
say(
  `  a user of spoke 2 supplies 20,000 USDC and borrows 5,000: the hub's USDC cash ${fmt(cashBefore, 6, "USDC")} -> ${fmt(cashAfter, 6, "USDC")}`,
);
await (await pool.connect(lenderA).withdraw(R.USDC.asset, parseUnits("1000", 6), lenderA.address)).wait();
say("  and lender A withdraws 1,000 USDC from the core spoke, as before: both spokes serve from one hub");

title("Status");
for (const m of await readPoolMarkets(ethers.provider, poolAddress)) {
  say(
    `  ${symbolOf(m.asset, m.symbol).padEnd(5)} supplied ${fmt(m.supplied, m.decimals).padStart(16)}  borrowed ${fmt(m.borrowed, m.decimals).padStart(16)}`,
  );
}
say(`\nDemo complete on "${networkName}". ${persist ? `Try: npx hardhat keel status --network ${networkName}` : ""}`);

function sqrtBig(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}
