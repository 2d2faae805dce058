// viem support (`@keel/sdk/viem`): every reader, simulator and sender of the SDK takes an ethers `Provider` or
// `Signer`; these two adapters make them out of viem clients, so a viem application uses the SDK as it is, over its
// own transport (http, webSocket, an injected wallet, a custom EIP-1193 provider) and its own account (a local
// `privateKeyToAccount` one or a node's JSON-RPC one). The ABIs in `abis.ts` are `as const`, so viem's own
// `readContract` / `writeContract` / `decodeErrorResult` infer every function's arguments and results from them.
// viem is an optional peer dependency: only this entry point refers to it, and only to its types.
import {
  AbstractSigner,
  type BigNumberish,
  JsonRpcApiProvider,
  type JsonRpcError,
  type JsonRpcPayload,
  type JsonRpcResult,
  Network,
  type Provider,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
  TypedDataEncoder,
  getAddress,
  getBigInt,
  hexlify,
  resolveAddress,
} from "ethers";
import type { Account, Chain, Client, Hex, Transport, WalletClient } from "viem";

/** Thrown when an adapter cannot be built or asked: no account on the wallet client, a transaction it cannot send. */
export class KeelViemError extends Error {
  override name = "KeelViemError";
}

/** The node's JSON-RPC error inside a viem error: viem wraps the node's `{ code, message, data }` in its own classes
 *  (UnknownRpcError, RpcRequestError, ...); the deepest error with a code is the node's answer (an RpcRequestError
 *  keeps the node's message in `details`). ethers reads a revert only from a hex `data` under a message that says so. */
function rpcErrorOf(e: unknown): JsonRpcError["error"] {
  let node: { code: number; message: string } | undefined;
  let data: unknown;
  let cur: unknown = e;
  for (let depth = 0; depth < 8 && cur !== null && typeof cur === "object"; depth++) {
    const o = cur as { code?: unknown; data?: unknown; message?: unknown; details?: unknown; cause?: unknown };
    if (typeof o.code === "number") {
      const message = typeof o.details === "string" ? o.details : typeof o.message === "string" ? o.message : "";
      node = { code: o.code, message };
    }
    if (o.data !== undefined) data = o.data;
    cur = o.cause;
  }
  // Some nodes nest the revert data one level down ({ data: { data: "0x..." } }).
  if (data !== null && typeof data === "object" && typeof (data as { data?: unknown }).data === "string")
    data = (data as { data: string }).data;
  let message = node?.message ?? (e instanceof Error ? e.message : String(e));
  if (typeof data === "string" && /^0x/.test(data) && !/revert/i.test(message))
    message = `execution reverted: ${message}`;
  return { code: node?.code ?? -32603, message, data };
}

/** An ethers provider whose every request goes through a viem client (public or wallet) and its transport. */
export class ViemProvider extends JsonRpcApiProvider {
  readonly client: Client;

  constructor(client: Client) {
    const chain = client.chain;
    super(chain === undefined ? undefined : new Network(chain.name, chain.id), {
      staticNetwork: chain !== undefined,
      batchMaxCount: 1,
      pollingInterval: client.pollingInterval,
    });
    this.client = client;
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<(JsonRpcResult | JsonRpcError)[]> {
    const calls = Array.isArray(payload) ? payload : [payload];
    return Promise.all(
      calls.map(async ({ id, method, params }): Promise<JsonRpcResult | JsonRpcError> => {
        try {
          // retryCount 0: a revert is an answer, and ethers retries what it wants to retry itself.
          const result: unknown = await this.client.request({ method, params } as never, { retryCount: 0 });
          return { id, result };
        } catch (e) {
          return { id, error: rpcErrorOf(e) };
        }
      }),
    );
  }
}

/** An ethers provider over a viem client: `readAccount(viemProvider(publicClient), pool, user)`. */
export function viemProvider(client: Client): ViemProvider {
  return new ViemProvider(client);
}

type KeelWalletClient = WalletClient<Transport, Chain | undefined, Account>;

const big = (v: BigNumberish | null | undefined): bigint | undefined =>
  v === undefined || v === null ? undefined : getBigInt(v);

/** Options of `viemSigner`. */
export interface ViemSignerOptions {
  /** Gas limit = the node's estimate plus this margin (bps), for a transaction that leaves `gasLimit` out. A node
   *  estimates in the latest block's second; mined a second later, a call can take the hub's interest-accrual branch
   *  and need more gas than estimated. Default 0: viem's own estimate, as viem would send it. */
  gasMarginBps?: number;
}

/** An ethers signer that signs and sends with a viem wallet client's account (local or JSON-RPC): viem fills in
 *  what the request leaves out (nonce, gas, fees) and signs; the SDK sees an ordinary ethers `Signer`. */
export class ViemSigner extends AbstractSigner<Provider> {
  readonly wallet: KeelWalletClient;
  readonly options: ViemSignerOptions;

  constructor(wallet: WalletClient, provider?: Provider, options: ViemSignerOptions = {}) {
    if (wallet.account === undefined)
      throw new KeelViemError("@keel/sdk/viem: the wallet client has no account (createWalletClient({ account }))");
    const margin = options.gasMarginBps ?? 0;
    if (!Number.isInteger(margin) || margin < 0 || margin > 10_000)
      throw new KeelViemError(`@keel/sdk/viem: gasMarginBps ${String(margin)} is not an integer from 0 to 10000`);
    super(provider ?? new ViemProvider(wallet));
    this.wallet = wallet as KeelWalletClient;
    this.options = options;
  }

  override connect(provider: Provider | null): ViemSigner {
    return new ViemSigner(this.wallet, provider ?? undefined, this.options);
  }

  override getAddress(): Promise<string> {
    return Promise.resolve(getAddress(this.wallet.account.address));
  }

  /** Not offered: viem signs inside `sendTransaction` (a JSON-RPC account cannot sign without sending). */
  override signTransaction(tx: TransactionRequest): Promise<string> {
    return Promise.reject(
      new KeelViemError(
        `@keel/sdk/viem: signTransaction is not offered (nonce ${String(tx.nonce ?? "unset")}); sendTransaction signs and sends through viem`,
      ),
    );
  }

  override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    const provider = this.provider;
    const to = tx.to === undefined || tx.to === null ? undefined : await resolveAddress(tx.to, provider);
    const from = await this.getAddress();
    const asked =
      tx.from === undefined || tx.from === null ? from : getAddress(await resolveAddress(tx.from, provider));
    if (asked !== from) throw new KeelViemError(`@keel/sdk/viem: transaction from ${asked} but the account is ${from}`);
    const data = tx.data === undefined || tx.data === null ? undefined : (hexlify(tx.data) as Hex);
    let gas = big(tx.gasLimit);
    const margin = BigInt(this.options.gasMarginBps ?? 0);
    if (gas === undefined && margin > 0n) {
      // A revert surfaces here, decoded by the caller like viem's own estimate's would be.
      const estimate = await provider.estimateGas({ from, to, data, value: tx.value });
      gas = (estimate * (10_000n + margin)) / 10_000n;
    }
    const hash = await this.wallet.sendTransaction({
      account: this.wallet.account,
      chain: this.wallet.chain ?? null,
      to: to as Hex | undefined,
      data,
      value: big(tx.value),
      gas,
      nonce: tx.nonce ?? undefined,
      ...(tx.gasPrice !== undefined && tx.gasPrice !== null
        ? { gasPrice: BigInt(tx.gasPrice) }
        : { maxFeePerGas: big(tx.maxFeePerGas), maxPriorityFeePerGas: big(tx.maxPriorityFeePerGas) }),
    });
    // A node may answer the hash before it serves the transaction: wait for it briefly.
    for (let attempt = 0; attempt < 50; attempt++) {
      const sent = await provider.getTransaction(hash);
      if (sent !== null) return sent;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new KeelViemError(`@keel/sdk/viem: transaction ${hash} was sent but the node does not serve it`);
  }

  override signMessage(message: string | Uint8Array): Promise<string> {
    return this.wallet.signMessage({
      account: this.wallet.account,
      message: typeof message === "string" ? message : { raw: message },
    });
  }

  override signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    const primaryType = TypedDataEncoder.getPrimaryType(types);
    return this.wallet.signTypedData({
      account: this.wallet.account,
      domain: {
        ...(domain.name === undefined || domain.name === null ? {} : { name: domain.name }),
        ...(domain.version === undefined || domain.version === null ? {} : { version: domain.version }),
        ...(domain.chainId === undefined || domain.chainId === null ? {} : { chainId: BigInt(domain.chainId) }),
        ...(domain.verifyingContract === undefined || domain.verifyingContract === null
          ? {}
          : { verifyingContract: domain.verifyingContract as Hex }),
        ...(domain.salt === undefined || domain.salt === null ? {} : { salt: hexlify(domain.salt) as Hex }),
      },
      types,
      primaryType,
      message: value,
    });
  }
}

/** An ethers signer over a viem wallet client with an account: `sendTx(viemSigner(walletClient), poolTx.supply(...))`.
 *  `provider` defaults to one over the wallet client's own transport. */
export function viemSigner(wallet: WalletClient, provider?: Provider, options?: ViemSignerOptions): ViemSigner {
  return new ViemSigner(wallet, provider, options);
}
