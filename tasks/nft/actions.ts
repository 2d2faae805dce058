// Actions of the NFT spoke's tasks (`keel nft ...`). Each task file re-exports one of the task wrappers at the bottom, so
// Hardhat loads only what a task needs. The work itself is in the `nft<Action>` functions, which take an open session
// (the connection's ethers and the deployment record) and return the lines the task prints: tests call them on an
// in-process chain (test/tasks/nft.ts). Human units at the edges (amounts like "250.5", "max"), bigint inside.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { NftSpoke } from "../../types/ethers-contracts/index.js";
import { WAD, readNftAccount } from "../../packages/sdk/src/index.js";
import {
  approveUnlessRefused,
  emitted,
  fmt,
  fmtHf,
  fmtUsd,
  KeelTaskError,
  type KeelSession,
  openKeel,
  parseAmount,
  reserveOf,
  runTask,
  signerAt,
} from "../lib/keel.js";

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

async function openSpoke(k: KeelSession): Promise<NftSpoke> {
  const address = k.record.contracts.NftSpoke?.address;
  if (address === undefined)
    throw new KeelTaskError(
      `No NftSpoke in deployments/${k.networkName}.json: deploy it first (deploy/config.ts "nft").`,
    );
  return await k.ethers.getContractAt("NftSpoke", address);
}

/** A collection by record name suffix (e.g. "KPUNK" for "NFT-KPUNK") or by address. */
function collectionOf(k: KeelSession, symbolOrAddress: string): string {
  if (/^0x[0-9a-fA-F]{40}$/.test(symbolOrAddress)) return symbolOrAddress;
  const c = k.record.contracts[`NFT-${symbolOrAddress.toUpperCase()}`];
  if (c === undefined)
    throw new KeelTaskError(
      `Unknown collection "${symbolOrAddress}": give its address or the symbol it was deployed with.`,
    );
  return c.address;
}

function tokenIdOf(id: string): bigint {
  if (!/^\d+$/.test(id)) throw new KeelTaskError(`The token id must be digits, got "${id}".`);
  return BigInt(id);
}

async function accountLine(spoke: NftSpoke, account: string): Promise<string> {
  const [collateral, power, , debt, hf] = await spoke.accountData(account);
  return `  collateral ${fmtUsd(collateral)}, borrow power ${fmtUsd(power)}, debt ${fmtUsd(debt)}, health factor ${fmtHf(hf)}`;
}

/** Deposits item `id` of `collection` (safeTransferFrom into the spoke) as signer `from`. */
export async function nftDeposit(k: KeelSession, args: NftItemArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const nft = await k.ethers.getContractAt("MockNft", collectionOf(k, args.collection), signer);
  const id = tokenIdOf(args.id);
  const tx = await nft["safeTransferFrom(address,address,uint256)"](signer.address, await spoke.getAddress(), id);
  const rc = await tx.wait();
  return [
    `✔ deposited #${String(id)} (tx ${tx.hash}, gas ${String(rc?.gasUsed)}); item value ${fmtUsd(await spoke.nftValue(await nft.getAddress(), id))}`,
    await accountLine(spoke, signer.address),
  ];
}

/** Withdraws item `id` of `collection` to signer `from`, its depositor. */
export async function nftWithdraw(k: KeelSession, args: NftItemArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const id = tokenIdOf(args.id);
  const tx = await spoke.connect(signer).withdrawNft(collectionOf(k, args.collection), id, signer.address);
  const rc = await tx.wait();
  return [
    `✔ withdrew #${String(id)} to ${signer.address} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await accountLine(spoke, signer.address),
  ];
}

/** Borrows `amount` (human units) of `asset` against signer `from`'s items. */
export async function nftBorrow(k: KeelSession, args: NftAmountArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const r = reserveOf(k.record, args.asset);
  const amount = parseAmount(args.amount, r.decimals);
  const signer = await signerAt(k.ethers, args.from);
  const tx = await spoke.connect(signer).borrow(r.asset, amount, signer.address);
  const rc = await tx.wait();
  return [
    `✔ borrowed ${fmt(amount, r.decimals, r.symbol)} against NFTs (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await accountLine(spoke, signer.address),
  ];
}

/** Repays `amount` (human units, or "max") of `user`'s loan (default: signer `from`'s) in the loan's own asset. */
export async function nftRepay(k: KeelSession, args: NftRepayArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const account = args.user === "" ? signer.address : args.user;
  if (!k.ethers.isAddress(account)) throw new KeelTaskError(`--user: expected an address, got "${args.user}".`);
  const [asset] = await spoke.debtOf(account);
  if (asset === k.ethers.ZeroAddress) throw new KeelTaskError(`${account} owes nothing to the NFT spoke.`);
  const r = reserveOf(k.record, asset);
  const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
  const spender = await spoke.getAddress();
  await approveUnlessRefused(k.ethers, {
    token: r.asset,
    owner: signer,
    spender,
    amount,
    refuser: spoke,
    action: () => spoke.connect(signer).repay.staticCall(account, amount),
  });
  const tx = await spoke.connect(signer).repay(account, amount);
  const rc = await tx.wait();
  const paid = emitted(rc, spoke, spender, "Repaid").amount as bigint;
  return [
    `✔ repaid ${fmt(paid, r.decimals, r.symbol)} of ${account}'s NFT loan (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await accountLine(spoke, account),
  ];
}

/** The running auctions (from the spoke's AuctionBid events, still open) and the accounts that can be auctioned. */
export async function nftAuctions(k: KeelSession): Promise<string[]> {
  const spoke = await openSpoke(k);
  const lines: string[] = [];
  const seen = new Set<string>();
  const depositors = new Set<string>();
  for (const ev of await spoke.queryFilter(spoke.filters.NftDeposited())) depositors.add(ev.args.account);
  for (const ev of await spoke.queryFilter(spoke.filters.AuctionBid())) {
    const key = `${ev.args.collection}:${String(ev.args.tokenId)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = await spoke.getAuction(ev.args.collection, ev.args.tokenId);
    if (a.borrower === k.ethers.ZeroAddress) continue;
    const r = reserveOf(k.record, a.asset);
    lines.push(
      `• ${ev.args.collection} #${String(ev.args.tokenId)} of ${a.borrower}: highest ${fmt(a.highestBid, r.decimals, r.symbol)} by ${a.highestBidder}; ends ${new Date(Number(a.endsAt) * 1000).toISOString()}, redeemable until ${new Date(Number(a.redeemUntil) * 1000).toISOString()}`,
    );
  }
  for (const account of depositors) {
    const { healthFactor: hf } = await readNftAccount(k.ethers.provider, await spoke.getAddress(), account);
    if (hf < WAD) lines.push(`! ${account} can be auctioned: health factor ${fmtHf(hf)}`);
  }
  if (lines.length === 0) lines.push("no auction running and every NFT account is healthy");
  return lines;
}

/** Bids `amount` (human units of the loan's asset, or "min") for item `id` as signer `from`: the first bid opens the
 *  auction (the depositor's health factor must be below 1). */
export async function nftBid(k: KeelSession, args: NftBidArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const collection = collectionOf(k, args.collection);
  const id = tokenIdOf(args.id);
  const owner = await spoke.depositorOf(collection, id);
  if (owner === k.ethers.ZeroAddress) throw new KeelTaskError(`#${String(id)} is not deposited in the NFT spoke.`);
  const running = await spoke.getAuction(collection, id);
  const asset = running.borrower !== k.ethers.ZeroAddress ? running.asset : (await spoke.debtOf(owner))[0];
  if (asset === k.ethers.ZeroAddress)
    throw new KeelTaskError(`#${String(id)}'s depositor ${owner} owes nothing: there is nothing to auction.`);
  const r = reserveOf(k.record, asset);
  const minimum = await spoke.minimumBid(collection, id);
  const amount = args.amount === "min" || args.amount === "" ? minimum : parseAmount(args.amount, r.decimals);
  const spender = await spoke.getAddress();
  await approveUnlessRefused(k.ethers, {
    token: r.asset,
    owner: signer,
    spender,
    amount,
    refuser: spoke,
    action: () => spoke.connect(signer).bid.staticCall(collection, id, amount),
  });
  const tx = await spoke.connect(signer).bid(collection, id, amount);
  const rc = await tx.wait();
  return [
    `✔ bid ${fmt(amount, r.decimals, r.symbol)} for #${String(id)} (minimum was ${fmt(minimum, r.decimals, r.symbol)}; tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
  ];
}

/** The running auction of item `id` (its borrower and asset), or a readable refusal. */
async function runningAuction(k: KeelSession, spoke: NftSpoke, collection: string, id: bigint, what: string) {
  const a = await spoke.getAuction(collection, id);
  if (a.borrower === k.ethers.ZeroAddress)
    throw new KeelTaskError(`#${String(id)} is not in an auction: nothing to ${what}.`);
  return { auction: a, r: reserveOf(k.record, a.asset) };
}

/** Redeems item `id` during its auction's protection window as signer `from` (the borrower, or anyone paying for
 *  it): repays `amount` (human units, or "max") of the loan plus the fine to the first bidder; the item stays. */
export async function nftRedeem(k: KeelSession, args: NftBidArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const collection = collectionOf(k, args.collection);
  const id = tokenIdOf(args.id);
  const { auction, r } = await runningAuction(k, spoke, collection, id, "redeem");
  const amount = parseAmount(args.amount, r.decimals, { allowMax: true });
  const spender = await spoke.getAddress();
  await approveUnlessRefused(k.ethers, {
    token: r.asset,
    owner: signer,
    spender,
    amount,
    refuser: spoke,
    action: () => spoke.connect(signer).redeem.staticCall(collection, id, amount),
  });
  const tx = await spoke.connect(signer).redeem(collection, id, amount);
  const rc = await tx.wait();
  const ev = emitted(rc, spoke, spender, "AuctionRedeemed");
  return [
    `✔ redeemed #${String(id)}: repaid ${fmt(ev.repaid as bigint, r.decimals, r.symbol)}, fine ${fmt(ev.fine as bigint, r.decimals, r.symbol)} to the first bidder ${ev.firstBidder as string} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await accountLine(spoke, auction.borrower),
  ];
}

/** Settles item `id`'s ended auction as signer `from` (anyone): the winner takes the item, its price repays the loan,
 *  a surplus is credited to the borrower (keel nft claim). */
export async function nftSettle(k: KeelSession, args: NftItemArgs): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const collection = collectionOf(k, args.collection);
  const id = tokenIdOf(args.id);
  const { auction, r } = await runningAuction(k, spoke, collection, id, "settle");
  const tx = await spoke.connect(signer).settle(collection, id);
  const rc = await tx.wait();
  const ev = emitted(rc, spoke, await spoke.getAddress(), "AuctionSettled");
  const f = (x: unknown) => fmt(x as bigint, r.decimals, r.symbol);
  return [
    `✔ settled #${String(id)}: ${ev.winner as string} takes it for ${f(ev.price)}; repaid ${f(ev.repaid)}, surplus ${f(ev.surplus)} to the borrower (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
    await accountLine(spoke, auction.borrower),
  ];
}

/** Claims signer `from`'s credit in `asset` (outbid bids, fines, an auction's surplus) to itself. */
export async function nftClaim(k: KeelSession, args: { asset: string; from: number }): Promise<string[]> {
  const spoke = await openSpoke(k);
  const signer = await signerAt(k.ethers, args.from);
  const r = reserveOf(k.record, args.asset);
  const tx = await spoke.connect(signer).claim(r.asset, signer.address);
  const rc = await tx.wait();
  const ev = emitted(rc, spoke, await spoke.getAddress(), "Claimed");
  return [
    `✔ claimed ${fmt(ev.amount as bigint, r.decimals, r.symbol)} to ${signer.address} (tx ${tx.hash}, gas ${String(rc?.gasUsed)})`,
  ];
}

/* The task wrappers: open the deployment of the task's network, run the action, print its lines (or the decoded
 * error, with a failing exit code). */
const printed =
  <A>(action: (k: KeelSession, args: A) => Promise<string[]>) =>
  (args: A, hre: HardhatRuntimeEnvironment) =>
    runTask(hre, async () => {
      for (const line of await action(await openKeel(hre), args)) console.log(line);
    });

export const deposit = printed(nftDeposit);
export const withdraw = printed(nftWithdraw);
export const borrow = printed(nftBorrow);
export const repay = printed(nftRepay);
export const auctions = printed((k: KeelSession) => nftAuctions(k));
export const bid = printed(nftBid);
export const redeem = printed(nftRedeem);
export const settle = printed(nftSettle);
export const claim = printed(nftClaim);
