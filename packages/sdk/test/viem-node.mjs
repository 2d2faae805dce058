// The built package's viem entry (`@keel/sdk/viem`) on a real node over viem's HTTP transport (the e2e runs it on
// `hardhat node` and on anvil after the tasks, KEEL_RPC_URL): an account read through a viem public client equals the
// same read through ethers' JsonRpcProvider at one block; a viem local account mints mock USDC, approves and supplies
// it with the SDK's builders; its borrow beyond the collateral is refused with the decoded custom error, nothing sent.
// Exits non-zero on the first difference; prints one "viem: ..." line per check.
import assert from "node:assert/strict";
import { HDNodeWallet, Interface, JsonRpcProvider } from "ethers";
import { createPublicClient, createWalletClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  KeelTxError,
  addressOf,
  formatError,
  poolTx,
  readAccount,
  readDeployment,
  sendTx,
  sendWithApproval,
} from "@keel/sdk";
import { viemProvider, viemSigner } from "@keel/sdk/viem";

const url = process.env.KEEL_RPC_URL ?? "http://127.0.0.1:8545";
const record = await readDeployment(process.argv[2] ?? "deployments/localhost.json");
const pool = addressOf(record, "Pool");
const usdc = record.reserves?.USDC?.asset;
assert.ok(usdc, "the record has no USDC reserve");
const transport = http(url);
const publicClient = createPublicClient({ chain: hardhat, transport });
const ethersProvider = new JsonRpcProvider(url, undefined, { staticNetwork: true });

// Dev account #15 (the nodes' mnemonic; no e2e task uses it): viem signs with its key, the node only relays.
const key = HDNodeWallet.fromPhrase(
  "test test test test test test test test test test test junk",
  undefined,
  "m/44'/60'/0'/0/15",
).privateKey;
const account = privateKeyToAccount(key);
// A 30% gas margin, as the repository's `localhost` network sends: anvil mines the next second.
const signer = viemSigner(createWalletClient({ account, chain: hardhat, transport }), undefined, {
  gasMarginBps: 3000,
});

const amount = 100_000_000n; // 100 USDC
const mint = new Interface(["function mint(address to, uint256 amount)"]).encodeFunctionData("mint", [
  account.address,
  amount,
]);
await sendTx(signer, { to: usdc, data: mint, description: "mint 100 mock USDC" });
const { receipt } = await sendWithApproval(
  signer,
  usdc,
  pool,
  amount,
  poolTx.supply(pool, usdc, amount, account.address),
);
assert.equal(receipt.status, 1);
assert.equal(receipt.from, account.address);
console.log(`viem: a local account supplied 100 USDC in block ${String(receipt.blockNumber)}`);

const blockTag = await ethersProvider.getBlockNumber();
const viaViem = await readAccount(viemProvider(publicClient), pool, account.address, { blockTag });
const viaEthers = await readAccount(ethersProvider, pool, account.address, { blockTag });
assert.deepEqual(viaViem, viaEthers);
assert.ok(viaViem.totalCollateralBase > 0n);
console.log(`viem: the account read over viem equals ethers' (collateral ${String(viaViem.totalCollateralBase)})`);

const nonce = await ethersProvider.getTransactionCount(account.address);
let refused;
try {
  await sendTx(signer, poolTx.borrow(pool, usdc, (amount * 95n) / 100n, account.address)); // within the hub's cash
} catch (e) {
  refused = e;
}
assert.ok(refused instanceof KeelTxError, `expected a KeelTxError, got ${String(refused)}`);
assert.equal(refused.decoded?.name, "PoolInsufficientCollateral");
assert.equal(await ethersProvider.getTransactionCount(account.address), nonce);
console.log(`viem: a borrow beyond the collateral is refused, nothing sent: ${formatError(refused.decoded)}`);
ethersProvider.destroy();
