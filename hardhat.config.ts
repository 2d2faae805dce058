import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import hardhatUpgrades from "@openzeppelin/hardhat-upgrades";
import { configVariable, defineConfig } from "hardhat/config";
import { tasks } from "./tasks/index.js";

const require = createRequire(import.meta.url);
// Solidity is compiled offline by the npm `solc` package (WASM): Hardhat never downloads a compiler here.
const SOLC_PATH = require.resolve("solc/soljson.js");
const SOLC_VERSION = (require("solc/package.json") as { version: string }).version;
const settings = { optimizer: { enabled: true, runs: 200 }, viaIR: false, evmVersion: "prague" };
// Gas benchmark anchor: Morpho Blue 1.0.0 built exactly as Morpho ships it (its foundry.toml: solc 0.8.19, via-IR,
// 999999 runs, paris, no metadata hash), by a second offline solc from the npm alias `solc-0.8.19`.
const MORPHO_SOLC = {
  version: "0.8.19",
  path: require.resolve("solc-0.8.19/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 999999 },
    viaIR: true,
    evmVersion: "paris",
    metadata: { bytecodeHash: "none" },
  },
};
// Every production contract, the pool (the core spoke) included, is built with 200 runs: with custody and interest in
// the hub the pool has 2.7 KB of headroom under EIP-170's 2 KB margin. The pool's upgrade-test doubles add code to it:
// they are not production contracts, so they trade gas for size with the fewest runs.
const POOL_V2_SOLC = {
  version: SOLC_VERSION,
  path: SOLC_PATH,
  settings: { ...settings, optimizer: { enabled: true, runs: 1 } },
};
// Production code only in contracts/. The upgrade fixtures (each module's demonstration V2, validated against its V1
// by the OpenZeppelin CLI through `@custom:oz-upgrades-from`, and the `*Mock` doubles that break or probe an
// upgrade, excluded from that validation) live with the tests, as a second Solidity source root: they are built as
// contracts (artifacts, TypeChain), not as Solidity tests.
const UPGRADE_FIXTURES = "test/fixtures/upgrades";
const overrides = {
  "@morpho-org/morpho-blue/src/Morpho.sol": MORPHO_SOLC,
  [`${UPGRADE_FIXTURES}/PoolV2DigestBreakerMock.sol`]: POOL_V2_SOLC,
  [`${UPGRADE_FIXTURES}/PoolV2GovernanceBreakerMock.sol`]: POOL_V2_SOLC,
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, hardhatUpgrades],
  tasks,
  paths: { sources: { solidity: ["contracts", UPGRADE_FIXTURES] } },
  solidity: {
    npmFilesToBuild: [
      "@openzeppelin/contracts/governance/TimelockController.sol",
      "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
      "@openzeppelin/contracts/access/manager/AccessManager.sol",
      "@morpho-org/morpho-blue/src/Morpho.sol",
    ],
    profiles: {
      default: { compilers: [{ version: SOLC_VERSION, path: SOLC_PATH, settings }], overrides },
      production: { compilers: [{ version: SOLC_VERSION, path: SOLC_PATH, settings }], overrides },
    },
  },
  networks: {
    // gasMultiplier: a node estimates gas in the latest block's second; mined a second later, a call can take the
    // hub's accrual branch and need more (anvil then reverts the out-of-gas inner call: seen on initReserve).
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.KEEL_RPC_URL ?? "http://127.0.0.1:8545",
      gasMultiplier: 1.3,
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
  coverage: { skipFiles: ["contracts/mocks/**", `${UPGRADE_FIXTURES}/**`] },
  test: {
    solidity: {
      profiles: {
        default: { fuzz: { runs: 256 }, invariant: { runs: 64, depth: 32 } },
        // CI varies the fuzz seed per run (KEEL_FUZZ_SEED, set by scripts/test-all.sh); Hardhat's default is fixed.
        ci: {
          fuzz: { runs: 1000, ...(process.env.KEEL_FUZZ_SEED ? { seed: process.env.KEEL_FUZZ_SEED } : {}) },
          invariant: { runs: 128, depth: 64, failOnRevert: false },
        },
      },
    },
  },
});
