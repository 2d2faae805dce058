// The SDK's ABI identifier (packages/sdk/src/fingerprint.ts): the canonical one-line-per-entry form and its keccak256.
import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";
import { abiFingerprint, canonicalAbi, poolAbi } from "../../packages/sdk/src/index.js";

const ABI = [
  "constructor(address owner)",
  "function supply(address asset, uint256 amount) returns (uint256 shares)",
  "function version() view returns (string)",
  "function configure((address token, uint16[] caps)[] items) payable",
  "event Supplied(address indexed user, address indexed asset, uint256 amount)",
  "error PoolInsufficientLiquidity(uint256 available, uint256 requested)",
];
const CANONICAL = [
  "error PoolInsufficientLiquidity(uint256,uint256)",
  "event Supplied(address indexed,address indexed,uint256)",
  "function configure((address,uint16[])[]) payable returns ()",
  "function supply(address,uint256) nonpayable returns (uint256)",
  "function version() view returns (string)",
].join("\n");

describe("sdk: abiFingerprint", function () {
  it("canonicalAbi: one sorted line per function, event and error, no names, tuples expanded", function () {
    expect(canonicalAbi(ABI)).to.equal(CANONICAL);
  });

  it("abiFingerprint: keccak256 of the canonical form", function () {
    expect(abiFingerprint(ABI)).to.equal(keccak256(toUtf8Bytes(CANONICAL)));
  });

  it("abiFingerprint: ignores parameter names, entry order and the constructor", function () {
    const renamed = [
      "error PoolInsufficientLiquidity(uint256 a, uint256 b)",
      "function version() view returns (string v)",
      "event Supplied(address indexed u, address indexed a, uint256 x)",
      "function configure((address t, uint16[] c)[] i) payable",
      "function supply(address, uint256) returns (uint256)",
    ];
    expect(abiFingerprint(renamed)).to.equal(abiFingerprint(ABI));
  });

  it("abiFingerprint: changes with mutability, indexed flags and outputs", function () {
    const base = abiFingerprint(ABI);
    const viewSupply = ABI.map((l) => l.replace(") returns (uint256 shares)", ") view returns (uint256 shares)"));
    const unindexed = ABI.map((l) => l.replace("address indexed asset", "address asset"));
    const noOutput = ABI.map((l) => l.replace(" returns (uint256 shares)", ""));
    for (const changed of [viewSupply, unindexed, noOutput]) expect(abiFingerprint(changed)).to.not.equal(base);
  });

  it("abiFingerprint: the shipped Pool ABI has a 32-byte id", function () {
    expect(abiFingerprint(poolAbi)).to.match(/^0x[0-9a-f]{64}$/);
  });
});
