// The console in a real browser (Debian's Chromium) against a node after the demo: every view shows what the SDK reads
// from the chain at the block the page was read at (exact integers in `data-raw`, and the text the shared formatters
// make of them), and leaves a screenshot under test-results/console/<view>.png.
import { type Locator, type Page, expect, test } from "@playwright/test";
import { JsonRpcProvider, getAddress } from "ethers";
import * as sdk from "@keel/sdk";
import {
  type DeploymentRecord,
  addressOf,
  moduleVersions,
  poolSpokes,
  readDeployment,
  readHubMarkets,
  readPoolMarkets,
  readProposals,
  readUpgradeHistory,
} from "@keel/sdk";
import type { ViewId } from "../src/shared/api.js";
import * as format from "../src/shared/format.js";
import { bpsPercent, cap, healthFactor, rayPercent, units, usd } from "../src/shared/format.js";
import { DEPLOYMENT, DEV_ACCOUNT, RPC, SHOTS } from "./env.js";

const provider = new JsonRpcProvider(RPC, undefined, { staticNetwork: true });
let record: DeploymentRecord;
test.beforeAll(async () => {
  record = await readDeployment(DEPLOYMENT);
});
test.afterAll(() => provider.destroy());

/** Opens `view` from its tab, waits until it is read, returns the section and the block it was read at. */
async function open(page: Page, view: ViewId): Promise<{ section: Locator; blockTag: number }> {
  await page.goto("/");
  await page.locator(`#tab-${view}`).click();
  const section = page.locator(`#view-${view}`);
  await expect(section).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await expect(section).toBeVisible();
  return { section, blockTag: Number(await section.getAttribute("data-block")) };
}

async function shot(page: Page, view: ViewId): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${view}.png`, fullPage: true });
}

/** The cell `field` of `row` shows `text` and carries the exact value `raw`. */
async function expectCell(row: Locator, field: string, text: string, raw?: bigint | string): Promise<void> {
  const cell = row.locator(`[data-field="${field}"]`);
  await expect(cell).toHaveText(text);
  if (raw !== undefined) await expect(cell).toHaveAttribute("data-raw", raw.toString());
}

test("the page's units are the SDK's", () => {
  expect([format.WAD, format.RAY, format.BPS, format.MAX_HEALTH_FACTOR]).toEqual([
    sdk.WAD,
    sdk.RAY,
    sdk.BPS,
    sdk.MAX_HEALTH_FACTOR,
  ]);
});

test("markets: each hub asset's totals, rates and curve, each Pool-type spoke's reserves", async ({ page }) => {
  const { section, blockTag } = await open(page, "markets");
  const hub = await readHubMarkets(provider, addressOf(record, "LiquidityHub"), { blockTag });
  expect(hub.find((m) => m.symbol === "USDC")?.borrowed ?? 0n, "the demo leaves USDC borrowed").toBeGreaterThan(0n);
  await expect(section.locator("[data-market]")).toHaveCount(hub.length);
  for (const m of hub) {
    const card = section.locator(`[data-market="${m.symbol}"]`);
    await expectCell(card, "supplied", units(m.supplied, m.decimals), m.supplied);
    await expectCell(card, "borrowed", units(m.borrowed, m.decimals), m.borrowed);
    await expectCell(card, "cash", units(m.cash, m.decimals), m.cash);
    await expectCell(card, "utilisation", rayPercent(m.utilisation), m.utilisation);
    await expectCell(card, "borrowApr", rayPercent(m.borrowRate.aprRay), m.borrowRate.aprRay);
    await expectCell(card, "supplyApr", rayPercent(m.supplyRate.aprRay), m.supplyRate.aprRay);
    // The chart: the model's curve sampled every 2.5% (41 points, 42 with a kink) and the marker at the utilisation.
    const now = card.locator("svg.curve circle.now");
    await expect(now).toHaveAttribute("data-utilisation", m.utilisation.toString());
    await expect(now).toHaveAttribute("data-apr-ray", m.borrowRate.aprRay.toString());
    const points = ((await card.locator("svg.curve polyline.borrow").getAttribute("points")) ?? "").trim().split(/\s+/);
    expect(points.length).toBeGreaterThanOrEqual(41);
  }
  // Every spoke of the hub is shown; each Pool-type one (the record's, and one governance added since) as a table of
  // its reserves as the spoke reports them.
  const hubSpokes = [...new Set(hub.flatMap((m) => m.spokes.map((s) => s.spoke)))];
  for (const address of hubSpokes) await expect(section.locator(`[data-spoke-address="${address}"]`)).toHaveCount(1);
  const tables = await section
    .locator("table[data-spoke-address]")
    .evaluateAll((ts) => ts.map((t) => t.getAttribute("data-spoke-address") ?? ""));
  expect(tables).toEqual(expect.arrayContaining(poolSpokes(record).map((s) => s.address)));
  expect(tables.length, "the demo adds a second Pool-type spoke by governance").toBeGreaterThan(
    poolSpokes(record).length,
  );
  for (const address of tables) {
    const reserves = await readPoolMarkets(provider, address, { blockTag });
    const spoke = section.locator(`table[data-spoke-address="${address}"]`);
    await expect(spoke.locator("tbody tr")).toHaveCount(reserves.length);
    for (const r of reserves) {
      const row = spoke.locator(`tr[data-asset="${r.symbol}"]`);
      await expectCell(row, "supplied", units(r.supplied, r.decimals), r.supplied);
      await expectCell(row, "borrowed", units(r.borrowed, r.decimals), r.borrowed);
      await expectCell(row, "ltv", bpsPercent(r.ltvBps), r.ltvBps);
    }
  }
  await shot(page, "markets");
});

/** `read()`, or the decoded custom error it reverts with (as the console shows a spoke's refusal). */
async function orError<T>(read: () => Promise<T>): Promise<T | string> {
  try {
    return await read();
  } catch (e) {
    const d = sdk.decodeError(e);
    if (d === undefined) throw e;
    return sdk.formatError(d);
  }
}

test("accounts: every account with a position, with its collateral, debt and health factor per spoke", async ({
  page,
}) => {
  const { section, blockTag } = await open(page, "accounts");
  const users = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
  const nftSpokes = Object.entries(record.contracts).filter(([, c]) => c.contract === "NftSpoke");
  let pools = 0;
  for (const user of users) {
    for (const s of poolSpokes(record)) {
      const a = await orError(() => sdk.readAccount(provider, s.address, user, { blockTag }));
      const row = section.locator(`tr[data-account="${user}"][data-spoke="${s.name}"]`);
      if (typeof a === "string") {
        await expectCell(row, "error", a);
        continue;
      }
      if (a.totalCollateralBase === 0n && a.totalDebtBase === 0n) {
        await expect(row).toHaveCount(0);
        continue;
      }
      ++pools;
      await expectCell(row, "collateral", usd(a.totalCollateralBase), a.totalCollateralBase);
      await expectCell(row, "debt", usd(a.totalDebtBase), a.totalDebtBase);
      await expectCell(row, "healthFactor", healthFactor(a.healthFactor), a.healthFactor);
    }
    for (const [name, c] of nftSpokes) {
      const a = await orError(() => sdk.readNftAccount(provider, c.address, user, { blockTag }));
      const row = section.locator(`tr[data-account="${user}"][data-spoke="${name}"]`);
      if (typeof a === "string") {
        await expectCell(row, "error", a);
        continue;
      }
      if (a.items.length === 0 && a.debt === 0n) continue;
      await expectCell(row, "debt", usd(a.debtBase), a.debtBase);
      await expectCell(row, "healthFactor", healthFactor(a.healthFactor), a.healthFactor);
    }
  }
  // The Pool-type spoke governance added in the demo (not in the record): its user, as the spoke values them.
  const recorded = new Set(poolSpokes(record).map((s) => getAddress(s.address)));
  const rows = await section
    .locator("tr[data-spoke-address]")
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute("data-account") ?? "", tr.getAttribute("data-spoke-address") ?? ""]),
    );
  const later = rows.filter(([, spoke]) => !recorded.has(getAddress(spoke ?? "")));
  expect(later.length, "the demo's user of the spoke added by governance").toBeGreaterThanOrEqual(1);
  for (const [user = "", spoke = ""] of later) {
    const a = await sdk.readAccount(provider, spoke, user, { blockTag });
    const row = section.locator(`tr[data-account="${user}"][data-spoke-address="${spoke}"]`);
    await expectCell(row, "collateral", usd(a.totalCollateralBase), a.totalCollateralBase);
    await expectCell(row, "debt", usd(a.totalDebtBase), a.totalDebtBase);
    await expectCell(row, "healthFactor", healthFactor(a.healthFactor), a.healthFactor);
  }
  // The demo's lenders and its leveraged borrower (signers #2, #3, #4) at least, valued (the feeds are fresh).
  expect(pools).toBeGreaterThanOrEqual(3);
  const borrower = section.locator(`tr[data-account="${users[4]}"][data-spoke="Pool"]`);
  await expect(borrower.locator('[data-field="debt"]')).not.toHaveText("$0.00");
  await shot(page, "accounts");
});

test("caps: the hub's add and draw caps per spoke and asset, with their use", async ({ page }) => {
  const { section, blockTag } = await open(page, "caps");
  const hub = await readHubMarkets(provider, addressOf(record, "LiquidityHub"), { blockTag });
  const none = (s: (typeof hub)[number]["spokes"][number]) =>
    s.addCap.cap === 0n && s.drawCap.cap === 0n && s.addCap.used === 0n && s.drawCap.used === 0n;
  const pairs = hub.flatMap((m) => m.spokes.map((s) => ({ m, s })));
  const shown = pairs.filter(({ s }) => !none(s));
  expect(shown.length, "the demo's spokes with caps").toBeGreaterThanOrEqual(8);
  await expect(section.locator("#caps-table tbody tr")).toHaveCount(shown.length);
  await expect(section.locator("#caps-hidden")).toHaveAttribute("data-raw", String(pairs.length - shown.length));
  for (const { m, s } of shown) {
    const row = section
      .locator(`tr[data-asset="${m.symbol}"]`)
      .filter({ has: page.locator(`[data-field="spoke"][data-raw="${s.spoke}"]`) });
    await expectCell(row, "addCap", cap(s.addCap.cap), s.addCap.cap);
    await expectCell(row, "addUsed", units(s.addCap.used, m.decimals), s.addCap.used);
    await expectCell(row, "drawCap", cap(s.drawCap.cap), s.drawCap.cap);
    await expectCell(row, "drawUsed", units(s.drawCap.used, m.decimals), s.drawCap.used);
  }
  await shot(page, "caps");
});

test("governance: every proposal with its state, tier and ETA, a queued one's countdown", async ({ page }) => {
  const { section, blockTag } = await open(page, "governance");
  const proposals = await readProposals(provider, record);
  expect(proposals.length, "the demo's proposals (pool upgrade, new spoke)").toBeGreaterThanOrEqual(2);
  await expect(section.locator("#proposals-table tbody tr")).toHaveCount(proposals.length);
  for (const p of proposals) {
    const row = section.locator(`tr[data-proposal="${p.id}"]`);
    await expectCell(row, "state", p.state);
    await expectCell(row, "tier", p.tier, p.tierDelay);
    await expect(row.locator('[data-field="countdown"]')).toHaveAttribute("data-raw", p.eta.toString());
    if (p.state !== "Queued") continue;
    // The countdown runs on the chain's clock: ETA minus the block's timestamp, less the seconds since the page read it.
    const left = Number(p.eta) - (await provider.getBlock(blockTag))!.timestamp;
    const text = (await row.locator('[data-field="countdown"]').textContent()) ?? "";
    const m = /^(?:(\d+)d )?(\d\d)h (\d\d)m (\d\d)s$/.exec(text);
    if (left <= 0) expect(text).toBe("ready");
    else {
      expect(m, `countdown "${text}"`).not.toBeNull();
      const shown = Number(m![1] ?? 0) * 86_400 + Number(m![2]) * 3_600 + Number(m![3]) * 60 + Number(m![4]);
      expect(shown).toBeLessThanOrEqual(left);
      expect(shown).toBeGreaterThan(left - 60);
    }
  }
  await shot(page, "governance");
});

test("modules: live versions and the upgrade history", async ({ page }) => {
  const { section, blockTag } = await open(page, "modules");
  const modules = await moduleVersions(provider, record);
  expect(modules.find((m) => m.name === "Pool")?.version, "the demo upgrades the pool").toBe("2.0.0");
  for (const m of modules) {
    const row = section.locator(`#modules-table tr[data-module="${m.name}"]`);
    await expectCell(row, "version", m.version);
    await expect(row.locator('[data-field="implementation"]')).toHaveAttribute("data-raw", m.implementation);
  }
  const history = await readUpgradeHistory(provider, record, { toBlock: blockTag });
  await expect(section.locator("#history-table tbody tr")).toHaveCount(history.length);
  for (const [i, e] of history.entries()) {
    const row = section.locator(`#history-table tr[data-upgrade="${i}"]`);
    await expectCell(row, "module", e.module);
    await expectCell(
      row,
      "versions",
      e.version === undefined ? "deployment" : `${e.previousVersion ?? "?"} → ${e.version}`,
    );
    // The ABI identifier KeelUpgrader's ModuleUpgraded carried (the demo's pool upgrade: PoolV2's own).
    if (e.abiId !== undefined) await expect(row.locator('[data-field="abiId"]')).toHaveAttribute("data-raw", e.abiId);
  }
  expect(
    history.some((e) => e.module === "Pool" && e.abiId !== undefined && e.abiId !== e.previousAbiId),
    "the pool's upgrade names a new ABI",
  ).toBe(true);
  await shot(page, "modules");
});

test("dev signer: the SDK's prediction, the send from a dev account, and a predicted refusal that sends nothing", async ({
  page,
}) => {
  const { section } = await open(page, "accounts");
  const form = section.locator("#dev-signer");
  await expect(form).toBeVisible();
  const me = getAddress(((await provider.send("eth_accounts", [])) as string[])[DEV_ACCOUNT] ?? "");
  const pool = addressOf(record, "Pool");
  const usdc = record.reserves?.USDC;
  if (usdc === undefined) throw new Error("the record has no USDC");
  const out = form.locator("#dev-result");
  const fill = async (kind: string, amount: string) => {
    await form.locator('select[name="account"]').selectOption(String(DEV_ACCOUNT));
    await form.locator('select[name="kind"]').selectOption(kind);
    await form.locator('select[name="asset"]').selectOption("USDC");
    await form.locator('input[name="amount"]').fill(amount);
  };
  const raw = async (field: string) =>
    BigInt((await out.locator(`[data-field="${field}"]`).getAttribute("data-raw")) ?? "x");

  // Simulate a supply of 500 USDC: the page shows what the SDK's `simulate` gives for that block, nothing is sent.
  const nonce = await provider.getTransactionCount(me);
  await fill("supply", "500");
  await form.locator('button[data-action="simulate"]').click();
  await expect(out).toHaveAttribute("data-state", "predicted");
  const timestamp = await raw("predicted");
  const latest = await provider.getBlock("latest");
  const state = await sdk.readSimulationState(provider, pool, me, { blockTag: latest?.number });
  const expected = sdk.simulate(state, { kind: "supply", asset: usdc.asset, amount: 500_000_000n }, timestamp);
  const now = await sdk.readAccount(provider, pool, me, { blockTag: latest?.number });
  expect([await raw("beforeCollateral"), await raw("beforeDebt"), await raw("beforeHealthFactor")]).toEqual([
    now.totalCollateralBase,
    now.totalDebtBase,
    now.healthFactor,
  ]);
  expect(await raw("predictedCollateral")).toBe(expected.account.totalCollateralBase);
  expect(await raw("predictedBorrowPower")).toBe(expected.account.availableBorrowsBase);
  await expect(out.locator('[data-field="predictedHealthFactor"]')).toHaveText(
    healthFactor(expected.account.healthFactor),
  );
  expect(await provider.getTransactionCount(me)).toBe(nonce);

  // Send it: approval and supply from the dev account; the page shows the account as the mined block left it.
  await form.locator('button[data-action="send"]').click();
  await expect(out).toHaveAttribute("data-state", "sent", { timeout: 30_000 });
  const block = Number(await raw("sent"));
  const after = await sdk.readAccount(provider, pool, me, { blockTag: block });
  expect(await raw("afterCollateral")).toBe(after.totalCollateralBase);
  const supplied = after.reserves.find((r) => r.asset === usdc.asset)?.supplied ?? 0n;
  expect(supplied >= 500_000_000n - 1n && supplied <= 500_000_000n).toBe(true); // shares round down
  const sentNonce = await provider.getTransactionCount(me);
  expect(sentNonce).toBeGreaterThan(nonce); // the supply (and the approval, when the allowance fell short)
  await page.screenshot({ path: `${SHOTS}/dev-signer.png`, fullPage: true });

  // A borrow beyond the borrowing power: refused by the simulation with the SDK's arguments; "send" sends nothing.
  await fill("borrow", "10000");
  await form.locator('button[data-action="send"]').click();
  await expect(out).toHaveAttribute("data-state", "refused");
  await expect(out.locator('[data-field="refusal"]')).toHaveText(
    /^PoolInsufficientCollateral\(borrowPowerBase=\d+, debtBase=\d+\)$/,
  );
  expect(await provider.getTransactionCount(me)).toBe(sentNonce); // nothing sent for the refused borrow

  // A POST that is not JSON (what another site's page could send without a CORS preflight) is refused, unsent.
  const forged = await page.request.post("/api/dev/send", {
    headers: { "content-type": "text/plain" },
    data: JSON.stringify({ account: DEV_ACCOUNT, kind: "supply", asset: "USDC", amount: "1" }),
  });
  expect(forged.status()).toBe(415);
  expect(await provider.getTransactionCount(me)).toBe(sentNonce);

  // Bad input is refused by the server with what was wrong.
  await fill("supply", "abc");
  await form.locator('button[data-action="simulate"]').click();
  await expect(out).toHaveAttribute("data-state", "error");
  await expect(out.locator('[data-field="error"]')).toHaveText(/^amount: a positive number with at most 6 decimals/);
});
