// Deploys Keel to the selected network, or resumes/validates an existing deployment (idempotent):
//   npx hardhat run deploy/deploy.ts --network localhost
import hre from "hardhat";
import { deployKeel } from "./keel.js";
import { recordPath } from "./records.js";

const connection = await hre.network.create();
const started = Date.now();
console.log(`Deploying Keel to "${connection.networkName}"`);
const system = await deployKeel(hre, connection, {
  networkName: connection.networkName,
  log: (l) => {
    console.log(l);
  },
});
console.log(
  `Done in ${((Date.now() - started) / 1000).toFixed(1)}s: ${String(Object.keys(system.record.contracts).length)} contracts, record ${recordPath(connection.networkName)}`,
);
