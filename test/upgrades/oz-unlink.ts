import { expect } from "chai";
import { readFileSync } from "node:fs";
import { getUnlinkedBytecode, getVersion, type ValidationData } from "@openzeppelin/upgrades-core";

// openzeppelin-upgrades#1227 (scripts/patch-deps.ts): deploying a proxy runs `getUnlinkedBytecode` over every
// library-linked contract of the validation cache. A candidate whose link reference straddles the end of the deployed
// contract's code and the start of its CBOR metadata must be skipped, not crash the deployment.

interface Artifact {
  bytecode: string;
}
const artifact = (path: string): Artifact => JSON.parse(readFileSync(path, "utf8")) as Artifact;

/** Bytes of CBOR metadata (with its two length bytes) at the end of `bytecode`. */
function metadataBytes(bytecode: string): number {
  return Number.parseInt(bytecode.slice(-4), 16) + 2;
}

/** PoolConfigLogic's link placeholder (keccak256 of its fully qualified name, 34 hex digits). */
const PLACEHOLDER = "__$7927da18416bfb70428bebc06895e71ef8$__";

function candidate(start: number, withMetadata: string): ValidationData {
  const placeholder = PLACEHOLDER;
  return {
    version: "3.4",
    log: [
      {
        "project/test/fixtures/upgrades/PoolV2.sol:PoolV2": {
          src: "",
          version: { withMetadata, withoutMetadata: withMetadata, linkedWithoutMetadata: withMetadata },
          inherit: [],
          libraries: [],
          methods: [],
          linkReferences: [{ src: "", name: "PoolConfigLogic", start, length: 20, placeholder }],
          errors: [],
          layout: { storage: [], types: {} },
          solcVersion: "0.8.30",
        },
      },
    ],
  } as unknown as ValidationData;
}

describe("upgrades: OpenZeppelin's unlinking probe (openzeppelin-upgrades#1227, patched at install)", () => {
  const bytecode = artifact("artifacts/contracts/governance/VotingRewards.sol/VotingRewards.json").bytecode;
  const length = (bytecode.length - 2) / 2;
  const codeEnd = length - metadataBytes(bytecode);

  it("a linked contract's placeholder straddling the metadata of a contract without libraries is skipped", () => {
    // Every split of the 20-byte placeholder across the boundary (17 bytes in the code: the case that broke the
    // deployer's VotingRewards proxy, where the metadata slice starts with one hex byte that CBOR accepts).
    for (let inCode = 1; inCode < 20; ++inCode) {
      const straddling = candidate(codeEnd - inCode, "00");
      expect(() => getUnlinkedBytecode(straddling, bytecode), `${inCode} bytes in the code`).to.not.throw();
      expect(getUnlinkedBytecode(straddling, bytecode)).to.equal(bytecode);
    }
  });

  it("a candidate that matches is still unlinked (the patch only skips what cannot hash)", () => {
    // A candidate placed inside the code, whose recorded version is the hash of the bytecode unlinked at that spot.
    const start = 100;
    const unlinked = "0x" + bytecode.slice(2, 2 + start * 2) + PLACEHOLDER + bytecode.slice(2 + (start + 20) * 2);
    const matching = candidate(start, getVersion(unlinked).withMetadata);
    expect(getUnlinkedBytecode(matching, bytecode)).to.equal(unlinked);
  });
});
