// The SDK's committed ABIs (packages/sdk/src/abis.ts) are the artifacts' ABIs: regenerate with `npm run sdk:abis`
// after a contract change, or this fails.
import { expect } from "chai";
import hre from "hardhat";
import { readFileSync } from "node:fs";
import { Interface } from "ethers";
import { ABI_ID_LIBRARIES, SDK_ABIS_PATH, SDK_CONTRACTS, renderAbiIds, renderAbis } from "../../scripts/sdk-abis.js";
import * as abis from "../../packages/sdk/src/abis.js";

describe("sdk: ABIs", () => {
  it("the committed packages/sdk/src/abis.ts is what scripts/sdk-abis.ts generates from artifacts/ (npm run sdk:abis)", () => {
    const committed = readFileSync(SDK_ABIS_PATH, "utf8");
    const generated = renderAbis();
    if (committed !== generated) {
      const a = committed.split("\n");
      const b = generated.split("\n");
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(
        `packages/sdk/src/abis.ts drifted from artifacts/ at line ${String(line + 1)}: run \`npm run sdk:abis\`\n  committed: ${a[line]?.slice(0, 160)}\n  generated: ${b[line]?.slice(0, 160)}`,
      );
    }
  });

  it("the committed ABI identifiers (contracts/upgrades/AbiIds.sol, the fixtures' FixtureAbiIds.sol) are the artifacts' fingerprints (npm run sdk:abis)", () => {
    for (const path of Object.keys(ABI_ID_LIBRARIES) as (keyof typeof ABI_ID_LIBRARIES)[]) {
      expect(readFileSync(path, "utf8"), `${path} drifted from artifacts/: run \`npm run sdk:abis\``).to.equal(
        renderAbiIds(path),
      );
    }
  });

  it("each exported ABI equals the contract's artifact ABI as Hardhat reads it", async () => {
    const exported = abis as Record<string, unknown>;
    for (const [name, [, contract]] of Object.entries(SDK_CONTRACTS)) {
      const artifact = await hre.artifacts.readArtifact(contract);
      expect(exported[name], name).to.deep.equal(artifact.abi);
    }
  });

  it("the ERC-20 ABI has the standard functions and events, and permit", () => {
    const erc20 = new Interface(abis.erc20Abi);
    for (const sig of [
      "transfer(address,uint256)",
      "transferFrom(address,address,uint256)",
      "approve(address,uint256)",
      "balanceOf(address)",
      "allowance(address,address)",
      "totalSupply()",
      "decimals()",
      "symbol()",
      "name()",
      "nonces(address)",
      "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
    ]) {
      expect(erc20.getFunction(sig)?.format("sighash"), sig).to.equal(sig);
    }
    expect(erc20.getEvent("Transfer")?.format("sighash")).to.equal("Transfer(address,address,uint256)");
    expect(erc20.getFunction("mint")).to.equal(null); // the mock's extras are left out
  });

  it("the errors ABI holds the library-raised and OpenZeppelin errors that the contracts' own ABIs may miss, once each", () => {
    const errors = new Interface(abis.keelErrorsAbi);
    for (const sig of [
      "PoolHealthFactorTooLow(uint256)",
      "HubInsufficientLiquidity(uint256,uint256)",
      "AccessManagedUnauthorized(address)",
      "ERC20InsufficientBalance(address,uint256,uint256)",
    ]) {
      expect(errors.getError(sig)?.format("sighash"), sig).to.equal(sig);
    }
    const sigs = abis.keelErrorsAbi.map((e) => new Interface([e]).fragments[0]?.format("sighash"));
    expect(new Set(sigs).size).to.equal(sigs.length);
  });
});
