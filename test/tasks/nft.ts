// The NFT spoke's tasks (keel nft deposit|withdraw|borrow|repay|auctions|bid), in-process: each action runs on the one
// deployer's system with the dev NFT spoke (test/helpers/nft-fixture.ts: KPUNK floor 20,000 USD, LTV 40%, threshold
// 60%), prints human units, and refuses bad input with a readable error (a decoded custom error or the task's own)
// while nothing changes.
import { expect } from "chai";
import hre from "hardhat";
import { parseUnits } from "ethers";
import {
  nftAuctions,
  nftBid,
  nftBorrow,
  nftClaim,
  nftDeposit,
  nftRedeem,
  nftRepay,
  nftSettle,
  nftWithdraw,
} from "../../tasks/nft/actions.js";
import { describeError, fmt, type KeelSession } from "../../tasks/lib/keel.js";
import { expectTaskError } from "../helpers/upgrade-flow.js";
import { deployNftSystem } from "../helpers/nft-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const fixture = () => deployNftSystem(connection);
const usd = (n: string) => parseUnits(n, 6);
// Signer indexes of test/helpers/pool-fixture.ts `signers`.
const [BOB, CAROL, LIQUIDATOR] = [2, 3, 5];

async function setup() {
  const f = await networkHelpers.loadFixture(fixture);
  const k: KeelSession = { ethers, record: f.system.record, networkName: "test" };
  return { ...f, k, c: await f.punks.getAddress(), u: await f.usdc.getAddress() };
}

/** The readable error a refused action gives (as the task prints it). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return describeError(hre, e);
  }
  throw new Error("expected the action to be refused");
}

const item = (id: string, from = BOB) => ({ collection: "KPUNK", id, from });
const usdcAmount = (amount: string, from = BOB) => ({ asset: "USDC", amount, from });

describe("tasks: nft (deposit, withdraw, borrow, repay, auctions, bid, redeem, settle, claim)", () => {
  it("registers keel nft deposit, withdraw, borrow, repay, auctions, bid, redeem, settle and claim", () => {
    for (const a of ["deposit", "withdraw", "borrow", "repay", "auctions", "bid", "redeem", "settle", "claim"])
      expect(hre.tasks.getTask(["keel", "nft", a]).id).to.deep.equal(["keel", "nft", a]);
  });

  it("deposit, borrow, repay, repay max and withdraw print the item, the amounts and the account in human units", async () => {
    const f = await setup();
    let lines = await nftDeposit(f.k, item("1"));
    expect(lines[0]).to.match(/^✔ deposited #1 \(tx 0x[0-9a-f]{64}, gas \d+\); item value \$20,000$/);
    expect(lines[1]).to.equal("  collateral $20,000, borrow power $8,000, debt $0, health factor ∞");
    expect(await f.punks.ownerOf(1n)).to.equal(f.spokeAddress);

    lines = await nftBorrow(f.k, usdcAmount("5000"));
    expect(lines[0]).to.match(/^✔ borrowed 5,000 USDC against NFTs \(tx /);
    expect(lines[1]).to.match(
      /^ {2}collateral \$20,000, borrow power \$8,000, debt \$5,000(\.\d+)?, health factor 2\.4/,
    );
    expect(await f.usdc.balanceOf(f.bob.address)).to.equal(usd("1005000"));

    lines = await nftRepay(f.k, { ...usdcAmount("1000"), user: "" });
    expect(lines[0]).to.match(new RegExp(`^✔ repaid 1,000 USDC of ${f.bob.address}'s NFT loan`));
    expect(lines[1]).to.match(/debt \$4,000(\.\d+)?, health factor (3\.0000|2\.9999)$/);
    // Anyone may repay for the borrower (--user): carol pays the rest, interest included.
    const [, , owed] = await f.spoke.debtOf(f.bob.address);
    expect(owed).to.be.gte(usd("4000"));
    lines = await nftRepay(f.k, { ...usdcAmount("max", CAROL), user: f.bob.address });
    expect(lines[0]).to.match(new RegExp(`^✔ repaid 4,000(\\.\\d+)? USDC of ${f.bob.address}'s NFT loan`));
    expect(lines[1]).to.equal("  collateral $20,000, borrow power $8,000, debt $0, health factor ∞");
    expect((await f.spoke.debtOf(f.bob.address))[2]).to.equal(0n);

    lines = await nftWithdraw(f.k, item("1"));
    expect(lines[0]).to.match(new RegExp(`^✔ withdrew #1 to ${f.bob.address} \\(tx `));
    expect(lines[1]).to.equal("  collateral $0, borrow power $0, debt $0, health factor ∞");
    expect(await f.punks.ownerOf(1n)).to.equal(f.bob.address);
    expect(await nftAuctions(f.k)).to.deep.equal(["no auction running and every NFT account is healthy"]);
  });

  it("auctions lists the account below health factor 1; bid opens the auction at the minimum, a higher bid follows", async () => {
    const f = await setup();
    await nftDeposit(f.k, item("1"));
    await nftBorrow(f.k, usdcAmount("7000"));
    await f.floorFeed.setAnswer(10_000n * 10n ** 8n); // threshold value 6,000 < 7,000 owed
    expect(await nftAuctions(f.k)).to.deep.equal([`! ${f.bob.address} can be auctioned: health factor 0.8571`]);

    let lines = await nftBid(f.k, { ...item("1", LIQUIDATOR), amount: "min" });
    expect(lines[0]).to.match(/^✔ bid 9,500 USDC for #1 \(minimum was 9,500 USDC; tx /); // 95% of the item's 10,000
    expect((await f.spoke.getAuction(f.c, 1n)).highestBidder).to.equal(f.liquidator.address);
    lines = await nftAuctions(f.k);
    expect(lines[0]).to.match(
      new RegExp(`^• ${f.c} #1 of ${f.bob.address}: highest 9,500 USDC by ${f.liquidator.address}; ends \\d{4}-`),
    );
    expect(lines[1]).to.equal(`! ${f.bob.address} can be auctioned: health factor 0.8571`);

    lines = await nftBid(f.k, { ...item("1", CAROL), amount: "9600" });
    expect(lines[0]).to.match(/^✔ bid 9,600 USDC for #1 \(minimum was 9,595 USDC; tx /); // +1% on the highest bid
    expect((await nftAuctions(f.k))[0]).to.include(`highest 9,600 USDC by ${f.carol.address}`);
    expect(await f.spoke.claimable(f.u, f.liquidator.address)).to.equal(usd("9500")); // the outbid bidder's refund
  });

  /** Bob's 7,000 USDC loan on #1 with the floor at 10,000; the liquidator opens the auction at the minimum, 9,500. */
  async function auctioned() {
    const f = await setup();
    await nftDeposit(f.k, item("1"));
    await nftBorrow(f.k, usdcAmount("7000"));
    await f.floorFeed.setAnswer(10_000n * 10n ** 8n);
    await nftBid(f.k, { ...item("1", LIQUIDATOR), amount: "min" });
    return f;
  }

  it("redeem: within the protection window the borrower repays, pays the fine and keeps the item; claim pays the bidder", async () => {
    const f = await auctioned();
    const lines = await nftRedeem(f.k, { ...item("1"), amount: "max" });
    expect(lines[0]).to.match(
      new RegExp(
        `^✔ redeemed #1: repaid 7,000(\\.\\d+)? USDC, fine 475 USDC to the first bidder ${f.liquidator.address} \\(tx `,
      ),
    ); // 5% of 9,500
    expect(lines[1]).to.equal("  collateral $10,000, borrow power $4,000, debt $0, health factor ∞");
    expect((await f.spoke.getAuction(f.c, 1n)).borrower).to.equal(ethers.ZeroAddress);
    expect(await f.spoke.depositorOf(f.c, 1n)).to.equal(f.bob.address);
    // The bid and the fine wait for the bidder in the spoke.
    const before = await f.usdc.balanceOf(f.liquidator.address);
    expect(await nftClaim(f.k, { asset: "USDC", from: LIQUIDATOR })).to.satisfy((l: string[]) =>
      l[0].startsWith(`✔ claimed 9,975 USDC to ${f.liquidator.address} (tx `),
    );
    expect((await f.usdc.balanceOf(f.liquidator.address)) - before).to.equal(usd("9975"));
    expect(await refusal(nftClaim(f.k, { asset: "USDC", from: LIQUIDATOR }))).to.equal(
      `NftSpokeNothingToClaim(account=${f.liquidator.address}, asset=${f.u})`,
    );
  });

  it("settle: refused before the end; after it the winner takes the item and the surplus is the borrower's to claim", async () => {
    const f = await auctioned();
    const a = await f.spoke.getAuction(f.c, 1n);
    expect(await refusal(nftSettle(f.k, item("1", CAROL)))).to.match(
      new RegExp(`^NftSpokeAuctionNotEnded\\(endsAt=${String(a.endsAt)}, now_=\\d+\\)$`),
    );
    await networkHelpers.time.increaseTo(a.redeemUntil);
    expect(await refusal(nftRedeem(f.k, { ...item("1"), amount: "max" }))).to.equal(
      `NftSpokeRedeemWindowOver(redeemUntil=${String(a.redeemUntil)}, now_=${String(a.redeemUntil + 1n)})`,
    );
    await networkHelpers.time.increaseTo(a.endsAt);
    await f.refreshFeeds();
    const lines = await nftSettle(f.k, item("1", CAROL));
    expect(lines[0]).to.match(
      new RegExp(
        `^✔ settled #1: ${f.liquidator.address} takes it for 9,500 USDC; repaid 7,0\\d\\d(\\.\\d+)? USDC, surplus 2,4\\d\\d(\\.\\d+)? USDC to the borrower \\(tx `,
      ),
    );
    expect(lines[1]).to.equal("  collateral $0, borrow power $0, debt $0, health factor ∞");
    expect(await f.punks.ownerOf(1n)).to.equal(f.liquidator.address);
    const surplus = await f.spoke.claimable(f.u, f.bob.address);
    expect(surplus).to.be.gt(usd("2400"));
    expect((await nftClaim(f.k, { asset: "USDC", from: BOB }))[0]).to.match(
      new RegExp(`^✔ claimed ${fmt(surplus, 6, "USDC")} to ${f.bob.address} `),
    );
    await expectTaskError(nftSettle(f.k, item("1", CAROL)), /^#1 is not in an auction: nothing to settle\.$/);
    await expectTaskError(
      nftRedeem(f.k, { ...item("1"), amount: "max" }),
      /^#1 is not in an auction: nothing to redeem\.$/,
    );
  });

  it("bad input is refused with a readable error and nothing changes", async () => {
    const f = await setup();
    await expectTaskError(nftDeposit(f.k, { ...item("1"), collection: "DOGE" }), /^Unknown collection "DOGE"/);
    await expectTaskError(nftDeposit(f.k, item("one")), /^The token id must be digits, got "one"\.$/);
    await expectTaskError(nftBorrow(f.k, usdcAmount("-5")), /^Invalid amount "-5"/);
    await expectTaskError(
      nftRepay(f.k, { ...usdcAmount("1"), user: "" }),
      new RegExp(`^${f.bob.address} owes nothing to the NFT spoke\\.$`),
    );
    await expectTaskError(
      nftBid(f.k, { ...item("2", LIQUIDATOR), amount: "min" }),
      /^#2 is not deposited in the NFT spoke\.$/,
    );
    const noSpoke = {
      ...f.k,
      record: { ...f.k.record, contracts: { ...f.k.record.contracts, NftSpoke: undefined } },
    } as unknown as KeelSession;
    await expectTaskError(nftAuctions(noSpoke), /^No NftSpoke in deployments\/test\.json/);

    await nftDeposit(f.k, item("1"));
    const [, drawnBefore] = await f.hub.spokeBalances(f.spokeAddress, f.u);
    const cashBefore = await f.usdc.balanceOf(f.bob.address);
    // More than the borrow power (8,000 USD): the hub's draw is undone with the spoke's check.
    expect(await refusal(nftBorrow(f.k, usdcAmount("9000")))).to.match(
      /^NftSpokeBorrowPowerExceeded\(power=800000000000, debt=9000000\d{5}\)$/,
    );
    expect((await f.hub.spokeBalances(f.spokeAddress, f.u))[1]).to.equal(drawnBefore);
    expect(await f.usdc.balanceOf(f.bob.address)).to.equal(cashBefore);
    expect((await f.spoke.debtOf(f.bob.address))[2]).to.equal(0n);
    // Someone else's item.
    expect(await refusal(nftWithdraw(f.k, item("1", CAROL)))).to.equal(
      `NftSpokeNotOwner(caller=${f.carol.address}, owner=${f.bob.address})`,
    );
    expect(await f.spoke.depositorOf(f.c, 1n)).to.equal(f.bob.address);
    // A healthy account cannot be auctioned; the refused bid sends nothing, not even an approval.
    await nftBorrow(f.k, usdcAmount("1000"));
    await f.usdc.connect(f.liquidator).approve(f.spokeAddress, 0n);
    const bidderBefore = await f.usdc.balanceOf(f.liquidator.address);
    expect(await refusal(nftBid(f.k, { ...item("1", LIQUIDATOR), amount: "min" }))).to.match(
      new RegExp(`^NftSpokeHealthy\\(account=${f.bob.address}, healthFactor=1[12]\\d{18}\\)$`),
    );
    expect((await f.spoke.getAuction(f.c, 1n)).borrower).to.equal(ethers.ZeroAddress);
    expect(await f.usdc.balanceOf(f.liquidator.address)).to.equal(bidderBefore);
    expect(await f.usdc.allowance(f.liquidator.address, f.spokeAddress)).to.equal(0n);
  });
});
