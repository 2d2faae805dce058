// packages/sdk/README.md's examples run as written (TypeScript blocks in order, one program) against a deployment
// on the in-process network: its JSON-RPC provider stands in for `new JsonRpcProvider(...)` and the record the
// deployer wrote for "deployments/localhost.json". What they print is checked against the chain.
import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MaxUint256, parseUnits } from "ethers";
import * as ethersLib from "ethers";
import ts from "typescript";
import { deployKeel } from "../../deploy/keel.js";
import { recordPath } from "../../deploy/records.js";
import * as sdk from "../../packages/sdk/src/index.js";
import { viemProvider, viemSigner } from "../../packages/sdk/src/viem.js";
import { createPublicClient, createWalletClient, custom } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

const connection = await hre.network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture } = networkHelpers;

const README = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "packages", "sdk", "README.md");
const PROVIDER_LINE = 'new JsonRpcProvider("http://127.0.0.1:8545")';
const RECORD_PATH = '"deployments/localhost.json"';
const VIEM_TRANSPORT = 'http("http://127.0.0.1:8545")';

/** The README's ```ts blocks as one program, imports dropped (their names are passed in), as JavaScript. */
function readmeProgram(): string {
  const blocks = [...readFileSync(README, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  let code = blocks.join("\n").replace(/^import[\s\S]*?from "[^"]+";\n/gm, "");
  for (const needle of [PROVIDER_LINE, RECORD_PATH, VIEM_TRANSPORT]) {
    if (!code.includes(needle)) throw new Error(`the README examples no longer contain ${needle}`);
  }
  code = code
    .replace(PROVIDER_LINE, "__provider")
    .replace(RECORD_PATH, "__recordPath")
    .replace(VIEM_TRANSPORT, "__viemTransport");
  return ts.transpileModule(`async function __main() {\n${code}\n}`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

/** The deployer's full system with its record on disk; the README's account (signer 1) borrows against WETH. */
async function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "keel-sdk-readme-"));
  const keel = await deployKeel(hre, connection, { networkName: "readme", recordDir: dir });
  const [, user] = await ethers.getSigners();
  const pool = await ethers.getContractAt("Pool", keel.address("Pool"));
  const weth = await ethers.getContractAt("MockERC20", keel.reserves.WETH.asset);
  const usdc = await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset);
  await weth.mint(user.address, parseUnits("10", 18));
  await usdc.mint(user.address, parseUnits("50000", 6));
  const [, , viemUser] = await ethers.getSigners(); // the README's viem local account (Hardhat's #2)
  await usdc.mint(viemUser.address, parseUnits("10", 6));
  await weth.connect(user).approve(keel.address("Pool"), MaxUint256);
  await usdc.connect(user).approve(keel.address("Pool"), MaxUint256);
  await pool.connect(user).supply(usdc, parseUnits("50000", 6), user.address, 0);
  await pool.connect(user).supply(weth, parseUnits("10", 18), user.address, 0);
  await pool.connect(user).borrow(usdc, parseUnits("5000", 6), 2, 0, user.address);
  return { keel, path: recordPath("readme", dir), user: user, viemUser, pool };
}

describe("sdk: README examples", () => {
  it("run as written and print the chain's values", async () => {
    const { path, user, viemUser, pool, keel } = await loadFixture(fixture);
    expect(user.address).to.equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"); // the README's account
    const lines: string[] = [];
    const capture = {
      log: (...args: unknown[]) =>
        lines.push(args.map((a) => (typeof a === "object" ? "[object]" : String(a))).join(" ")),
    };
    const scope: Record<string, unknown> = {
      ...sdk,
      ...ethersLib,
      console: capture,
      __provider: ethers.provider,
      __recordPath: path,
      // viem's names the README imports, and its HTTP transport's stand-in: the same in-process node over EIP-1193.
      createPublicClient,
      createWalletClient,
      privateKeyToAccount,
      hardhat,
      viemProvider,
      viemSigner,
      __viemTransport: custom(connection.provider, { retryCount: 0 }),
    };
    const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const d = await pool.getUserAccountData(user.address); // before the program's own transactions
    const run = new Function(...names, `${readmeProgram()}\nreturn __main();`) as (...args: unknown[]) => Promise<void>;
    await run(...names.map((n) => scope[n]));

    // Module versions, as the contracts say.
    const oracle = await ethers.getContractAt("IUpgradeCheckable", keel.address("Oracle"));
    expect(lines).to.include(`Oracle ${await oracle.version()} `);
    // The account: healthy, with the pool's borrowing power left; USDC both supplied and borrowed, WETH supplied:
    // neither price alone can make it liquidatable (the other collateral carries the debt).
    expect(lines).to.include(`healthy ${String(d[2])}`);
    expect(lines).to.include(
      `${keel.reserves.USDC.asset} ${String(parseUnits("50000", 6))} ${String(parseUnits("5000", 6))} undefined`,
    );
    expect(lines).to.include(`${keel.reserves.WETH.asset} ${String(parseUnits("10", 18))} 0 undefined`);
    // The decoded revert: signer 0 (the deployer) has no collateral.
    expect(
      lines.some((l) => /^PoolInsufficientCollateral\(borrowPowerBase=0, debtBase=\d+\)$/.test(l)),
      lines.join("\n"),
    ).to.equal(true);
    // The simulation of signer 0's borrow: refused the same way; then the builders: signer 1 repaid 100 USDC (its
    // unlimited approval from the fixture: no approval sent), and signer 0's sent borrow failed with the decoded error.
    expect(lines.at(-4)).to.equal("PoolInsufficientCollateral");
    expect(lines.at(-3)).to.equal("PoolInsufficientCollateral");
    // viem: the SDK's reader over a viem public client equals viem's typed readContract; the local account supplied.
    expect(lines.at(-2)).to.equal("viem true");
    expect(lines.at(-1)).to.equal("viem supplied 1");
    // 10 USDC at an index above 1: the shares round down, so the balance may read a wei less (the pool's favour).
    expect(await pool.supplyBalanceOf(keel.reserves.USDC.asset, viemUser.address)).to.be.closeTo(
      parseUnits("10", 6),
      1n,
    );
    expect(
      await (await ethers.getContractAt("MockERC20", keel.reserves.USDC.asset)).balanceOf(viemUser.address),
    ).to.equal(0n);
    expect(await pool.debtBalanceOf(keel.reserves.USDC.asset, user.address)).to.be.closeTo(
      parseUnits("4900", 6),
      parseUnits("0.01", 6),
    );
  });
});
