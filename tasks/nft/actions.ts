// Actions of the NFT spoke's tasks (`nft:*`). Each task file re-exports one of these, so Hardhat loads only what a
// task needs. Human units at the edges (amounts like "250.5", "max"), bigint inside.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { MaxUint256 } from "ethers";
import type { NftSpoke } from "../../types/ethers-contracts/index.js";
import { fmt, fmtHf, fmtUsd, KeelTaskError, type KeelContext, openKeel, parseAmount, reserveOf, runTask, signerAt } from "../lib/keel.js";

export interface NftItemArgs {
  collection: string;
  id: string;
  from: number;
}
export interface NftAmountArgs {
  asset: string;
  amount: string;
  from: number;
}
export interface NftRepayArgs extends NftAmountArgs {
  user: string;
}
export interface NftBidArgs extends NftItemArgs {
  amount: string;
}

async function openSpoke(k: KeelContext): Promise<NftSpoke> {
  const address = k.record.contracts.NftSpoke?.address;
  if (address === undefined) throw new KeelTaskError(`No NftSpoke in deployments/${k.networkName}.json: deploy it first (deploy/config.ts "nft").`);
  return (await k.ethers.getContractAt("NftSpoke", address)) as unknown as NftSpoke;
}

/** A collection by record name suffix (e.g. "KPUNK" for "NFT-KPUNK") or by address. */
function collectionOf(k: KeelContext, symbolOrAddress: string): string {
  if (/^0x[0-9a-fA-F]{40}$/.test(symbolOrAddress)) return symbolOrAddress;
  const c = k.record.contracts[`NFT-${symbolOrAddress.toUpperCase()}`];
  if (c === undefined) throw new KeelTaskError(`Unknown collection "${symbolOrAddress}": give its address or the symbol it was deployed with.`);
  return c.address;
}

function tokenIdOf(id: string): bigint {
  if (!/^\d+$/.test(id)) throw new KeelTaskError(`--id must be a token id (digits), got "${id}".`);
  return BigInt(id);
}

async function printAccount(spoke: NftSpoke, account: string) {
  const [collateral, power, , debt, hf] = await spoke.accountData(account);
  console.log(`  collateral ${fmtUsd(collateral)}, borrow power ${fmtUsd(power)}, debt ${fmtUsd(debt)}, health factor ${fmtHf(hf)}`);
}

export async function deposit(args: NftItemArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const spoke = await openSpoke(k);
    const signer = await signerAt(k.ethers, args.from);
    const nft = await k.ethers.getContractAt("MockNft", collectionOf(k, args.collection), signer);
    const id = tokenIdOf(args.id);
    const tx = await nft["safeTransferFrom(address,address,uint256)"](signer.address, await spoke.getAddress(), id);
    const rc = await tx.wait();
    console.log(`✔ deposited #${id} (tx ${tx.hash}, gas ${rc?.gasUsed}); item value ${fmtUsd(await spoke.nftValue(await nft.getAddress(), id))}`);
    await printAccount(spoke, signer.address);
  });
}

export async function withdraw(args: NftItemArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const spoke = await openSpoke(k);
    const signer = await signerAt(k.ethers, args.from);
    const tx = await spoke.connect(signer).withdrawNft(collectionOf(k, args.collection), tokenIdOf(args.id), signer.address);
    const rc = await tx.wait();
    console.log(`✔ withdrew #${args.id} to ${signer.address} (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printAccount(spoke, signer.address);
  });
}

export async function borrow(args: NftAmountArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const spoke = await openSpoke(k);
    const r = reserveOf(k.record, args.asset);
    const amount = parseAmount(args.amount, r.decimals);
    const signer = await signerAt(k.ethers, args.from);
    const tx = await spoke.connect(signer).borrow(r.asset, amount, signer.address);
    const rc = await tx.wait();
    console.log(`✔ borrowed ${fmt(amount, r.decimals, r.symbol)} against NFTs (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printAccount(spoke, signer.address);
  });
}

export async function repay(args: NftRepayArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const spoke = await openSpoke(k);
    const signer = await signerAt(k.ethers, args.from);
    const account = args.user === "" ? signer.address : args.user;
    const [asset] = await spoke.debtOf(account);
    if (asset === k.ethers.ZeroAddress) throw new KeelTaskError(`${account} owes nothing to the NFT spoke.`);
    const r = reserveOf(k.record, asset);
    const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
    const token = await k.ethers.getContractAt("MockERC20", r.asset, signer);
    if ((await token.allowance(signer.address, await spoke.getAddress())) < amount) await (await token.approve(await spoke.getAddress(), MaxUint256)).wait();
    const paid = await spoke.connect(signer).repay.staticCall(account, amount);
    const tx = await spoke.connect(signer).repay(account, amount);
    const rc = await tx.wait();
    console.log(`✔ repaid ${fmt(paid, r.decimals, r.symbol)} of ${account}'s NFT loan (tx ${tx.hash}, gas ${rc?.gasUsed})`);
    await printAccount(spoke, account);
  });
}

/** Lists the running auctions (from the spoke's AuctionBid events, still open) and the accounts that can be auctioned. */
export async function auctions(_args: Record<string, unknown>, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const spoke = await openSpoke(k);
    const seen = new Set<string>();
    const depositors = new Set<string>();
    for (const ev of await spoke.queryFilter(spoke.filters.NftDeposited())) depositors.add(ev.args.account);
    for (const ev of await spoke.queryFilter(spoke.filters.AuctionBid())) {
      const key = `${ev.args.collection}:${ev.args.tokenId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const a = await spoke.getAuction(ev.args.collection, ev.args.tokenId);
      if (a.borrower === k.ethers.ZeroAddress) continue;
      const r = reserveOf(k.record, a.asset);
      console.log(`• ${ev.args.collection} #${ev.args.tokenId} of ${a.borrower}: highest ${fmt(a.highestBid, r.decimals, r.symbol)} by ${a.highestBidder}; ends ${new Date(Number(a.endsAt) * 1000).toISOString()}, redeemable until ${new Date(Number(a.redeemUntil) * 1000).toISOString()}`);
    }
    for (const account of depositors) {
      const [, , , , hf] = await spoke.accountData(account);
      if (hf < 10n ** 18n) console.log(`! ${account} can be auctioned: health factor ${fmtHf(hf)}`);
    }
  });
}

export async function bid(args: NftBidArgs, hre: HardhatRuntimeEnvironment) {
  await runTask(hre, async () => {
    const k = await openKeel(hre);
    const spoke = await openSpoke(k);
    const signer = await signerAt(k.ethers, args.from);
    const collection = collectionOf(k, args.collection);
    const id = tokenIdOf(args.id);
    const owner = await spoke.depositorOf(collection, id);
    if (owner === k.ethers.ZeroAddress) throw new KeelTaskError(`#${id} is not deposited in the NFT spoke.`);
    const running = await spoke.getAuction(collection, id);
    const asset = running.borrower !== k.ethers.ZeroAddress ? running.asset : (await spoke.debtOf(owner))[0];
    const r = reserveOf(k.record, asset);
    const minimum = await spoke.minimumBid(collection, id);
    const amount = args.amount === "min" || args.amount === "" ? minimum : parseAmount(args.amount, r.decimals);
    const token = await k.ethers.getContractAt("MockERC20", r.asset, signer);
    if ((await token.allowance(signer.address, await spoke.getAddress())) < amount) await (await token.approve(await spoke.getAddress(), MaxUint256)).wait();
    const tx = await spoke.connect(signer).bid(collection, id, amount);
    const rc = await tx.wait();
    console.log(`✔ bid ${fmt(amount, r.decimals, r.symbol)} for #${id} (minimum was ${fmt(minimum, r.decimals, r.symbol)}; tx ${tx.hash}, gas ${rc?.gasUsed})`);
  });
}
