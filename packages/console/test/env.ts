// Where the browser test finds the chain, the record, the console and the browser; shared by the Playwright config
// and the test. Defaults: the e2e's node (scripts/with-node.sh: KEEL_RPC_URL), the repo's localhost record.
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const RPC = process.env.KEEL_RPC_URL ?? "http://127.0.0.1:8545";
export const DEPLOYMENT = process.env.KEEL_DEPLOYMENT ?? `${REPO}deployments/localhost.json`;
export const CONSOLE_PORT = Number(process.env.KEEL_CONSOLE_PORT ?? 8546);
export const CHROMIUM = process.env.KEEL_CHROMIUM ?? "/usr/bin/chromium";
/** One screenshot per view: <repo>/test-results/console/<view>.png (gitignored). */
export const SHOTS = `${REPO}test-results/console`;
/** The dev node's account the dev-signer test sends from (scripts/e2e-console.sh funds it with mock USDC first). */
export const DEV_ACCOUNT = 14;
