// Browser tests of the console (test/console.spec.ts): Debian's Chromium driven by Playwright, the console started
// against the node at KEEL_RPC_URL on KEEL_CONSOLE_PORT (test/env.ts) with its dev signer, a JSON report for
// scripts/e2e-local.sh.
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CONSOLE_PORT, DEPLOYMENT, RPC, SHOTS } from "./test/env.js";

const BASE = `http://127.0.0.1:${CONSOLE_PORT}`;

export default defineConfig({
  testDir: "test",
  outputDir: `${SHOTS}/playwright`,
  workers: 1,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: `${SHOTS}/report.json` }]],
  use: { baseURL: BASE, viewport: { width: 1400, height: 900 }, launchOptions: { executablePath: CHROMIUM } },
  webServer: {
    command: `"${process.execPath}" dist/server/main.js --rpc ${RPC} --deployment "${DEPLOYMENT}" --port ${CONSOLE_PORT} --dev-signer`,
    url: `${BASE}/api/meta`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "pipe",
  },
});
