// Typed transaction builders for every user action (core spoke with the Aave V3 calls, the NFT and RWA spokes, the
// safety module, kUSD's PSM), approvals and EIP-2612 permits, and one sender that decodes a revert into the custom
// error's name and arguments. Builders only encode: nothing is sent until `sendTx`.
import {
  Contract,
  type ContractRunner,
  Interface,
  type InterfaceAbi,
  MaxUint256,
  type Signer,
  type TransactionReceipt,
  Signature,
} from "ethers";
import { erc20Abi, nftSpokeAbi, pegStabilityModuleAbi, poolAbi, rwaSpokeAbi, safetyModuleAbi } from "./abis.js";
import { type DecodedError, decodeError, formatError } from "./errors.js";
import { big } from "./read.js";

/** A transaction ready to sign: target, calldata, and what it does in words (for logs and confirmations). */
export interface TxRequest {
  to: string;
  data: string;
  description: string;
}

const ERC721_SAFE_TRANSFER: InterfaceAbi = ["function safeTransferFrom(address from, address to, uint256 tokenId)"];

/** Variable rate: the only interest rate mode Keel has (Aave V3's `2`). */
export const VARIABLE_RATE = 2n;

const ifaces = new Map<InterfaceAbi, Interface>();
function encode(abi: InterfaceAbi, fn: string, args: readonly unknown[]): string {
  let i = ifaces.get(abi);
  if (i === undefined) {
    i = new Interface(abi);
    ifaces.set(abi, i);
  }
  return i.encodeFunctionData(fn, args);
}
const tx = (to: string, abi: InterfaceAbi, fn: string, args: readonly unknown[], description: string): TxRequest => ({
  to,
  data: encode(abi, fn, args),
  description,
});

/** The core spoke's (and every Pool-type spoke's) user calls, Aave V3's signatures. */
export const poolTx = {
  supply: (pool: string, asset: string, amount: bigint, onBehalfOf: string): TxRequest =>
    tx(pool, poolAbi, "supply", [asset, amount, onBehalfOf, 0], `supply ${amount} of ${asset} for ${onBehalfOf}`),
  supplyWithPermit: (pool: string, asset: string, amount: bigint, onBehalfOf: string, permit: Permit): TxRequest =>
    tx(
      pool,
      poolAbi,
      "supplyWithPermit",
      [asset, amount, onBehalfOf, 0, permit.deadline, permit.v, permit.r, permit.s],
      `supply ${amount} of ${asset} for ${onBehalfOf} (permit)`,
    ),
  withdraw: (pool: string, asset: string, amount: bigint, to: string): TxRequest =>
    tx(
      pool,
      poolAbi,
      "withdraw",
      [asset, amount, to],
      `withdraw ${amount === MaxUint256 ? "all" : amount} of ${asset} to ${to}`,
    ),
  borrow: (pool: string, asset: string, amount: bigint, onBehalfOf: string): TxRequest =>
    tx(
      pool,
      poolAbi,
      "borrow",
      [asset, amount, VARIABLE_RATE, 0, onBehalfOf],
      `borrow ${amount} of ${asset} for ${onBehalfOf}`,
    ),
  repay: (pool: string, asset: string, amount: bigint, onBehalfOf: string): TxRequest =>
    tx(
      pool,
      poolAbi,
      "repay",
      [asset, amount, VARIABLE_RATE, onBehalfOf],
      `repay ${amount === MaxUint256 ? "all" : amount} of ${asset} for ${onBehalfOf}`,
    ),
  setCollateral: (pool: string, asset: string, useAsCollateral: boolean): TxRequest =>
    tx(
      pool,
      poolAbi,
      "setUserUseReserveAsCollateral",
      [asset, useAsCollateral],
      `${useAsCollateral ? "use" : "stop using"} ${asset} as collateral`,
    ),
  liquidate: (
    pool: string,
    collateral: string,
    debt: string,
    user: string,
    debtToCover: bigint,
    receiveKToken = false,
  ): TxRequest =>
    tx(
      pool,
      poolAbi,
      "liquidationCall",
      [collateral, debt, user, debtToCover, receiveKToken],
      `liquidate ${user}: repay ${debtToCover} of ${debt} for ${collateral}`,
    ),
};

/** The NFT spoke's user calls (a deposit is the collection's `safeTransferFrom` to the spoke). */
export const nftTx = {
  deposit: (collection: string, spoke: string, from: string, tokenId: bigint): TxRequest =>
    tx(
      collection,
      ERC721_SAFE_TRANSFER,
      "safeTransferFrom",
      [from, spoke, tokenId],
      `deposit NFT #${tokenId} of ${collection}`,
    ),
  withdraw: (spoke: string, collection: string, tokenId: bigint, to: string): TxRequest =>
    tx(
      spoke,
      nftSpokeAbi,
      "withdrawNft",
      [collection, tokenId, to],
      `withdraw NFT #${tokenId} of ${collection} to ${to}`,
    ),
  borrow: (spoke: string, asset: string, amount: bigint, to: string): TxRequest =>
    tx(spoke, nftSpokeAbi, "borrow", [asset, amount, to], `borrow ${amount} of ${asset} against NFTs`),
  repay: (spoke: string, account: string, amount: bigint): TxRequest =>
    tx(spoke, nftSpokeAbi, "repay", [account, amount], `repay ${amount} of ${account}'s NFT loan`),
};

/** The RWA spoke's user calls (the supplier must be on the token's allowlist). */
export const rwaTx = {
  supply: (spoke: string, token: string, amount: bigint): TxRequest =>
    tx(spoke, rwaSpokeAbi, "supply", [token, amount], `supply ${amount} of ${token}`),
  withdraw: (spoke: string, token: string, amount: bigint): TxRequest =>
    tx(spoke, rwaSpokeAbi, "withdraw", [token, amount], `withdraw ${amount} of ${token}`),
  borrow: (spoke: string, token: string, amount: bigint, to: string): TxRequest =>
    tx(spoke, rwaSpokeAbi, "borrow", [token, amount, to], `borrow ${amount} against ${token}`),
  repay: (spoke: string, token: string, amount: bigint, account: string): TxRequest =>
    tx(spoke, rwaSpokeAbi, "repay", [token, amount, account], `repay ${amount} of ${account}'s loan against ${token}`),
};

/** The safety module's calls. */
export const safetyTx = {
  stake: (module: string, asset: string, amount: bigint, onBehalfOf: string): TxRequest =>
    tx(module, safetyModuleAbi, "stake", [asset, amount, onBehalfOf], `stake ${amount} of ${asset}`),
  cooldown: (module: string, asset: string, shares: bigint): TxRequest =>
    tx(module, safetyModuleAbi, "cooldown", [asset, shares], `cool down ${shares} shares of ${asset}`),
  unstake: (module: string, asset: string, shares: bigint, to: string): TxRequest =>
    tx(module, safetyModuleAbi, "unstake", [asset, shares, to], `unstake ${shares} shares of ${asset}`),
};

/** kUSD's peg stability module: reserve (USDC) in, kUSD out, and back; `minOut` is the slippage bound. */
export const psmTx = {
  buy: (psm: string, reserveIn: bigint, minKusdOut: bigint, to: string): TxRequest =>
    tx(psm, pegStabilityModuleAbi, "buy", [reserveIn, minKusdOut, to], `buy kUSD with ${reserveIn} reserve units`),
  sell: (psm: string, kusdIn: bigint, minReserveOut: bigint, to: string): TxRequest =>
    tx(psm, pegStabilityModuleAbi, "sell", [kusdIn, minReserveOut, to], `sell ${kusdIn} kUSD wei`),
};

/** ERC-20 `approve`. */
export function approveTx(token: string, spender: string, amount: bigint): TxRequest {
  return tx(
    token,
    erc20Abi,
    "approve",
    [spender, amount],
    `approve ${spender} for ${amount === MaxUint256 ? "unlimited" : amount} of ${token}`,
  );
}

/** The approval `owner` still needs for `spender` to pull `amount` of `token`, or undefined when the allowance covers
 *  it (approves exactly `amount` unless `unlimited`). */
export async function approvalFor(
  runner: ContractRunner,
  token: string,
  owner: string,
  spender: string,
  amount: bigint,
  opts: { unlimited?: boolean } = {},
): Promise<TxRequest | undefined> {
  const allowance = big(
    await new Contract(token, erc20Abi, runner).getFunction("allowance").staticCall(owner, spender),
    "allowance",
  );
  if (allowance >= amount) return undefined;
  return approveTx(token, spender, opts.unlimited === true ? MaxUint256 : amount);
}

/** An EIP-2612 permit signature (`supplyWithPermit`, or any permit-taking call). */
export interface Permit {
  deadline: bigint;
  v: number;
  r: string;
  s: string;
}

/** Signs an EIP-2612 permit of `token` (its own name, version "1", the chain, the owner's current nonce) letting
 *  `spender` take `value` until `deadline`. */
export async function signPermit(
  signer: Signer,
  token: string,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<Permit> {
  const provider = signer.provider;
  if (provider === null) throw new Error("@keel/sdk: signPermit needs a signer connected to a provider");
  const owner = await signer.getAddress();
  const t = new Contract(
    token,
    [...erc20Abi, "function eip712Domain() view returns (bytes1,string,string,uint256,address,bytes32,uint256[])"],
    provider,
  );
  const [, name, version, chainId, verifyingContract] = (await t
    .getFunction("eip712Domain")
    .staticCall()) as unknown as [string, string, string, bigint, string];
  const nonce = big(await t.getFunction("nonces").staticCall(owner), "nonce");
  const sig = Signature.from(
    await signer.signTypedData(
      { name, version, chainId, verifyingContract },
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { owner, spender, value, nonce, deadline },
    ),
  );
  return { deadline, v: sig.v, r: sig.r, s: sig.s };
}

/** A transaction that reverted (or would have: gas estimation fails first), with its custom error decoded. */
export class KeelTxError extends Error {
  override name = "KeelTxError";
  constructor(
    readonly request: TxRequest,
    readonly decoded: DecodedError | undefined,
    readonly cause: unknown,
  ) {
    super(
      `${request.description}: ${decoded === undefined ? String((cause as { message?: unknown }).message ?? cause) : formatError(decoded)}`,
    );
  }
}

/** Sends `request` from `signer` and waits for its receipt; a revert throws a `KeelTxError` naming the custom error. */
export async function sendTx(signer: Signer, request: TxRequest): Promise<TransactionReceipt> {
  try {
    const sent = await signer.sendTransaction({ to: request.to, data: request.data });
    const receipt = await sent.wait();
    if (receipt === null) throw new Error(`${request.description}: no receipt`);
    return receipt;
  } catch (e) {
    if (e instanceof KeelTxError) throw e;
    throw new KeelTxError(request, decodeError(e), e);
  }
}

/** Sends the approval `request` needs (if any), then `request`: the usual two-step flow of a supply or repayment. */
export async function sendWithApproval(
  signer: Signer,
  token: string,
  spender: string,
  amount: bigint,
  request: TxRequest,
): Promise<{ approval?: TransactionReceipt; receipt: TransactionReceipt }> {
  const approval = await approvalFor(signer, token, await signer.getAddress(), spender, amount);
  const approvalReceipt = approval === undefined ? undefined : await sendTx(signer, approval);
  return { approval: approvalReceipt, receipt: await sendTx(signer, request) };
}
