// viem support (packages/sdk/src/viem.ts, `@keel/sdk/viem`) on the deployed test system, through viem's own clients
// over the in-process network's EIP-1193 provider: the SDK's readers give the same account through a viem public
// client as through ethers; viem's typed `readContract` over the SDK's `as const` ABIs agrees with them; a viem local
// account (a private key viem signs with) and a node-managed JSON-RPC account both send the SDK's transactions, sign
// an EIP-2612 permit, and a refused borrow is decoded into its custom error with nothing changed.
import { expect } from "chai";
import hre from "hardhat";
import { HDNodeWallet, MaxUint256, parseUnits } from "ethers";
import {
  ContractFunctionRevertedError,
  type Hex,
  createPublicClient,
  createWalletClient,
  custom,
  decodeErrorResult,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  KeelTxError,
  approveTx,
  decodeError,
  keelErrorsAbi,
  poolAbi,
  poolTx,
  readAccount,
  readSimulationState,
  sendTx,
  sendWithApproval,
  signPermit,
  simulate,
} from "../../packages/sdk/src/index.js";
import { KeelViemError, ViemProvider, viemProvider, viemSigner } from "../../packages/sdk/src/viem.js";
import { deployTestSystem } from "../helpers/pool-fixture.js";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const U = (n: string) => parseUnits(n, 6);
const W = (n: string) => parseUnits(n, 18);
// Hardhat's default mnemonic, an index no fixture uses: viem signs with this key itself (eth_sendRawTransaction).
const LOCAL_KEY = HDNodeWallet.fromPhrase(
  "test test test test test test test test test test test junk",
  undefined,
  "m/44'/60'/0'/0/18",
).privateKey as Hex;

// retryCount 0: a revert is an answer; viem would retry what it takes for a node failure (its default, for real RPCs).
const transport = custom(connection.provider, { retryCount: 0 });
const publicClient = createPublicClient({ chain: hardhat, transport });

async function fixture() {
  const f = await deployTestSystem(connection);
  const local = privateKeyToAccount(LOCAL_KEY);
  const [rpcUser] = (await ethers.getSigners()).slice(17, 18);
  const [funder] = await ethers.getSigners();
  await funder.sendTransaction({ to: local.address, value: W("10") });
  for (const who of [local.address, rpcUser.address]) {
    await f.usdc.mint(who, U("10000"));
    await f.weth.mint(who, W("10"));
  }
  await f.pool.connect(f.bob).supply(f.U, U("100000"), f.bob.address, 0);
  return { ...f, local, rpcUser };
}

describe("sdk/viem: the SDK over viem clients", () => {
  it("reads an account through a viem public client exactly as through ethers", async () => {
    const f = await loadFixture(fixture);
    await f.pool.connect(f.alice).supply(f.W, W("2"), f.alice.address, 0);
    await f.pool.connect(f.alice).borrow(f.U, U("1500"), 2, 0, f.alice.address);
    await time.increase(86_400);
    // Feeds a day old: the read reverts, and the revert comes out of viem's error as ethers' would.
    const stale = await Promise.allSettled([
      readAccount(viemProvider(publicClient), f.poolAddress, f.alice.address),
      readAccount(ethers.provider, f.poolAddress, f.alice.address),
    ]);
    const [viaViemError, viaEthersError] = stale.map((r) => (r.status === "rejected" ? decodeError(r.reason) : null));
    expect(viaViemError?.name).to.be.a("string");
    expect(viaViemError).to.deep.equal(viaEthersError);
    await f.refreshFeeds();
    const blockTag = await ethers.provider.getBlockNumber();
    const viaViem = await readAccount(viemProvider(publicClient), f.poolAddress, f.alice.address, { blockTag });
    const viaEthers = await readAccount(ethers.provider, f.poolAddress, f.alice.address, { blockTag });
    expect(viaViem).to.deep.equal(viaEthers);
    expect(viaViem.totalDebtBase).to.be.greaterThan(1500n * 10n ** 8n);
    // The network comes from the client's chain: no eth_chainId round trip decides it.
    expect((await viemProvider(publicClient).getNetwork()).chainId).to.equal(31337n);
  });

  it("viem's typed readContract over the SDK's `as const` ABIs agrees with the SDK's reader", async () => {
    const f = await loadFixture(fixture);
    await f.pool.connect(f.alice).supply(f.W, W("1"), f.alice.address, 0);
    await f.pool.connect(f.alice).borrow(f.U, U("700"), 2, 0, f.alice.address);
    const blockNumber = BigInt(await ethers.provider.getBlockNumber());
    // The result's type is inferred from poolAbi: a tuple of six bigints, no cast.
    const [collateral, debt, available, , , healthFactor] = await publicClient.readContract({
      address: f.poolAddress as Hex,
      abi: poolAbi,
      functionName: "getUserAccountData",
      args: [f.alice.address as Hex],
      blockNumber,
    });
    const account = await readAccount(ethers.provider, f.poolAddress, f.alice.address, {
      blockTag: Number(blockNumber),
    });
    expect([collateral, debt, available, healthFactor]).to.deep.equal([
      account.totalCollateralBase,
      account.totalDebtBase,
      account.availableBorrowsBase,
      account.healthFactor,
    ]);
  });

  it("a viem local account sends the SDK's approval and supply, and signs a permit", async () => {
    const f = await loadFixture(fixture);
    const wallet = createWalletClient({ account: f.local, chain: hardhat, transport });
    const signer = viemSigner(wallet);
    const me = f.local.address;
    expect(await signer.getAddress()).to.equal(me);
    const { approval, receipt } = await sendWithApproval(
      signer,
      f.U,
      f.poolAddress,
      U("1000"),
      poolTx.supply(f.poolAddress, f.U, U("1000"), me),
    );
    expect(approval?.status).to.equal(1);
    expect(receipt.status).to.equal(1);
    expect(receipt.from).to.equal(me);
    expect(await f.pool.supplyBalanceOf(f.U, me)).to.equal(U("1000"));
    // EIP-712 through viem's signTypedData: the pool takes the permit, no approval transaction.
    const deadline = BigInt(await time.latest()) + 3600n;
    const permit = await signPermit(signer, f.W, f.poolAddress, W("1"), deadline);
    const allowanceBefore = await f.weth.allowance(me, f.poolAddress);
    await sendTx(signer, poolTx.supplyWithPermit(f.poolAddress, f.W, W("1"), me, permit));
    expect(await f.pool.supplyBalanceOf(f.W, me)).to.equal(W("1"));
    expect(allowanceBefore).to.equal(0n);
    expect(await f.weth.nonces(me)).to.equal(1n);
    // A signed message recovers to the account.
    const signature = await signer.signMessage("keel");
    expect(ethers.verifyMessage("keel", signature)).to.equal(me);
  });

  it("a refused borrow from a viem account throws KeelTxError with the decoded error; nothing changes", async () => {
    const f = await loadFixture(fixture);
    const wallet = createWalletClient({ account: f.local, chain: hardhat, transport });
    const signer = viemSigner(wallet);
    const me = f.local.address;
    await sendWithApproval(signer, f.W, f.poolAddress, W("1"), poolTx.supply(f.poolAddress, f.W, W("1"), me));
    const nonce = await ethers.provider.getTransactionCount(me);
    // The SDK's simulation predicts the refusal before anything is sent...
    const state = await readSimulationState(viemProvider(publicClient), f.poolAddress, me);
    const predicted = simulate(state, { kind: "borrow", asset: f.U, amount: U("1700") }, BigInt(await time.latest()));
    expect(predicted.revert?.name).to.equal("PoolInsufficientCollateral");
    // ...and the chain gives the same one, decoded from viem's estimateGas error.
    let error: unknown;
    try {
      await sendTx(signer, poolTx.borrow(f.poolAddress, f.U, U("1700"), me));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(KeelTxError);
    const e = error as KeelTxError;
    expect(e.decoded?.name).to.equal("PoolInsufficientCollateral");
    expect(e.decoded?.named.borrowPowerBase).to.equal(1600n * 10n ** 8n);
    expect(await ethers.provider.getTransactionCount(me)).to.equal(nonce);
    expect(await f.pool.debtBalanceOf(f.U, me)).to.equal(0n);
  });

  it("a node-managed JSON-RPC account sends through viem, borrows, repays and withdraws everything", async () => {
    const f = await loadFixture(fixture);
    const who = f.rpcUser.address;
    const wallet = createWalletClient({ account: who as Hex, chain: hardhat, transport });
    const signer = viemSigner(wallet, ethers.provider); // an explicit provider: ethers' own
    await sendWithApproval(signer, f.W, f.poolAddress, W("1"), poolTx.supply(f.poolAddress, f.W, W("1"), who));
    await sendTx(signer, poolTx.borrow(f.poolAddress, f.U, U("800"), who));
    expect(await f.pool.debtBalanceOf(f.U, who)).to.equal(U("800"));
    await time.increase(30 * 86_400);
    await f.refreshFeeds();
    await sendWithApproval(signer, f.U, f.poolAddress, U("900"), poolTx.repay(f.poolAddress, f.U, MaxUint256, who));
    await sendTx(signer, poolTx.withdraw(f.poolAddress, f.W, MaxUint256, who));
    expect(await f.pool.debtBalanceOf(f.U, who)).to.equal(0n);
    expect(await f.weth.balanceOf(who)).to.equal(W("10"));
  });

  it("viem's own revert errors decode with the SDK, and viem decodes Keel's errors from the SDK's ABI", async () => {
    const f = await loadFixture(fixture);
    const me = f.local.address;
    let error: unknown;
    try {
      await publicClient.simulateContract({
        account: me,
        address: f.poolAddress as Hex,
        abi: poolAbi,
        functionName: "borrow",
        args: [f.U as Hex, U("1"), 2n, 0, me],
      });
    } catch (e) {
      error = e;
    }
    const sdk = decodeError(error);
    expect(sdk?.name).to.equal("PoolInsufficientCollateral");
    const reverted = (error as { walk: (fn: (x: unknown) => boolean) => unknown }).walk(
      (x) => x instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError;
    expect(reverted.data?.errorName).to.equal("PoolInsufficientCollateral");
    expect(reverted.raw).to.be.a("string");
    const viaViem = decodeErrorResult({ abi: keelErrorsAbi, data: reverted.raw! });
    expect(viaViem.errorName).to.equal(sdk?.name);
    expect([...viaViem.args]).to.deep.equal(sdk?.args);
  });

  it("refuses a wallet client without an account, a foreign `from`, and signTransaction", async () => {
    const f = await loadFixture(fixture);
    expect(() => viemSigner(createWalletClient({ chain: hardhat, transport }))).to.throw(KeelViemError, /no account/);
    const signer = viemSigner(createWalletClient({ account: f.local, chain: hardhat, transport }));
    let error: unknown;
    try {
      await signer.sendTransaction({ from: f.alice.address, to: f.poolAddress, data: "0x" });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(KeelViemError);
    expect((error as Error).message).to.include(f.alice.address);
    let refused: unknown;
    try {
      await signer.signTransaction({});
    } catch (e) {
      refused = e;
    }
    expect(refused).to.be.instanceOf(KeelViemError);
    expect(signer.connect(ethers.provider).provider).to.equal(ethers.provider);
    expect(new ViemProvider(publicClient).client).to.equal(publicClient);
    const wallet = createWalletClient({ account: f.local, chain: hardhat, transport });
    expect(() => viemSigner(wallet, undefined, { gasMarginBps: 10_001 })).to.throw(KeelViemError, /10001/);
    expect(() => viemSigner(wallet, undefined, { gasMarginBps: 0.5 })).to.throw(KeelViemError, /0\.5/);
  });

  it("gasMarginBps sends the node's estimate plus the margin (and keeps it across connect)", async () => {
    const f = await loadFixture(fixture);
    const wallet = createWalletClient({ account: f.local, chain: hardhat, transport });
    const signer = viemSigner(wallet, undefined, { gasMarginBps: 3000 }).connect(ethers.provider);
    const approve = approveTx(f.U, f.poolAddress, U("5")); // gas independent of the block's time
    const estimate = await ethers.provider.estimateGas({ from: f.local.address, to: approve.to, data: approve.data });
    const receipt = await sendTx(signer, approve);
    const sent = await ethers.provider.getTransaction(receipt.hash);
    expect(sent?.gasLimit).to.equal((estimate * 13_000n) / 10_000n);
    expect(receipt.gasUsed).to.be.lessThanOrEqual(estimate);
    // Without a margin, viem's own estimate (a plain viem send).
    const plain = await sendTx(viemSigner(wallet), approveTx(f.U, f.poolAddress, U("6")));
    expect((await ethers.provider.getTransaction(plain.hash))?.gasLimit).to.be.lessThan((estimate * 13_000n) / 10_000n);
  });
});
