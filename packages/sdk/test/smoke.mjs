// Smoke test of the built package (npm run smoke -w @keel/sdk, after the build): it loads as plain ESM on Node
// with only ethers installed beside it (no Hardhat, no TypeScript loader), and its pure parts answer.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { Interface } from "ethers";
import * as sdk from "@keel/sdk";

const dist = new URL("../dist/", import.meta.url);
for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
  const text = readFileSync(new URL(file, dist), "utf8");
  assert.ok(!/from ["'](hardhat|@nomicfoundation\/)/.test(text), `${file} imports Hardhat`);
  // viem is an optional peer: no module imports it at run time (the viem entry uses its types only).
  assert.ok(!/from ["']viem/.test(text), `${file} imports viem at run time`);
}
const raw = new Interface(sdk.keelErrorsAbi).encodeErrorResult("PoolHealthFactorTooLow", [5n * 10n ** 17n]);
assert.equal(sdk.formatError(sdk.decodeError(raw)), "PoolHealthFactorTooLow(healthFactor=500000000000000000)");
assert.equal(sdk.summarize([]).healthFactor, sdk.MAX_HEALTH_FACTOR);
assert.equal(
  sdk.parseDeployment({ network: "x", chainId: "1", deployer: "0x", startedAt: "t", steps: [], contracts: {} }).network,
  "x",
);
const viem = await import("@keel/sdk/viem");
assert.equal(typeof viem.viemProvider, "function");
assert.equal(typeof viem.viemSigner, "function");
console.log(`@keel/sdk smoke: ${Object.keys(sdk).length} exports load and answer without Hardhat`);
