// @keel/sdk: read Keel (deployment records, module versions, markets, accounts) and decode its errors over ethers v6.
export * from "./abis.js";
export * from "./actions.js";
export * from "./account.js";
export * from "./constants.js";
export * from "./deployment.js";
export * from "./errors.js";
export * from "./fingerprint.js";
export * from "./format.js";
export * from "./markets.js";
export * from "./math.js";
export * from "./simulate.js";
export * from "./liquidation.js";
export * from "./spokes.js";
export * from "./portfolio.js";
export * from "./upgrades.js";
export * from "./versions.js";
export * from "./governance.js";
export type { ReadOptions } from "./read.js";
