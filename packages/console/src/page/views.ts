// One renderer per view. Each returns the section's content from its API answer; ids and data-* attributes are the
// page's contract with the browser test (test/console.spec.ts).
import type { AccountsView, GovernanceView, Json, MarketsView, Meta, ModulesView } from "../shared/api.js";
import {
  WAD,
  bpsPercent,
  cap,
  countdown,
  healthFactor,
  rayPercent,
  shortAddress,
  units,
  usd,
} from "../shared/format.js";
import { rateChart } from "./chart.js";
import { h, stat, table, td } from "./dom.js";

const nameOf = (meta: Json<Meta>, address: string): string => meta.names[address] ?? shortAddress(address);
/** Below 1 (WAD) an account can be liquidated. */
const hfClass = (hf: string): string | undefined => (BigInt(hf) < WAD ? "hf-low" : undefined);

export function marketsView(v: Json<MarketsView>, meta: Json<Meta>): Node[] {
  const cards = v.hub.map((m) =>
    h(
      "div",
      { class: "card", "data-market": m.symbol },
      h("h3", {}, `${m.symbol} `, h("span", { class: "muted" }, `model ${nameOf(meta, m.rateModel)}`)),
      rateChart(m),
      h(
        "dl",
        {},
        stat("cash", units(m.cash, m.decimals), "cash", m.cash),
        stat("supplied", units(m.supplied, m.decimals), "supplied", m.supplied),
        stat("borrowed", units(m.borrowed, m.decimals), "borrowed", m.borrowed),
        stat("utilisation", rayPercent(m.utilisation), "utilisation", m.utilisation),
        stat("borrow APR", rayPercent(m.borrowRate.aprRay), "borrowApr", m.borrowRate.aprRay),
        stat("supply APR", rayPercent(m.supplyRate.aprRay), "supplyApr", m.supplyRate.aprRay),
        stat("borrow APY", `${(m.borrowRate.apy * 100).toFixed(2)}%`, "borrowApy"),
        stat("reserve factor", bpsPercent(m.reserveFactorBps), "reserveFactor", m.reserveFactorBps),
      ),
    ),
  );
  const spokes = v.spokes.map((s) => {
    if (s.kind !== "Pool") {
      return h(
        "p",
        { "data-spoke": s.name, "data-spoke-address": s.address },
        h("strong", {}, s.name),
        ` (${s.kind}): a spoke of the hub; its account per asset is under Hub caps.`,
      );
    }
    const rows = s.reserves.map((r) =>
      h(
        "tr",
        { "data-asset": r.symbol },
        td(r.symbol, "symbol", undefined, "text"),
        td(units(r.supplied, r.decimals), "supplied", r.supplied),
        td(units(r.borrowed, r.decimals), "borrowed", r.borrowed),
        td(bpsPercent(r.ltvBps), "ltv", r.ltvBps),
        td(bpsPercent(r.liquidationThresholdBps), "liquidationThreshold", r.liquidationThresholdBps),
        td(
          `${cap(r.supplyCap.cap)} (${r.supplyCap.useBps === undefined ? "–" : bpsPercent(r.supplyCap.useBps)})`,
          "supplyCap",
          r.supplyCap.cap,
        ),
        td(
          `${cap(r.borrowCap.cap)} (${r.borrowCap.useBps === undefined ? "–" : bpsPercent(r.borrowCap.useBps)})`,
          "borrowCap",
          r.borrowCap.cap,
        ),
        td(
          [r.frozen && "frozen", !r.borrowing && "no borrowing", !r.collateral && "not collateral"]
            .filter(Boolean)
            .join(", ") || "active",
          "status",
          undefined,
          "text",
        ),
      ),
    );
    return h(
      "div",
      {},
      h("h3", {}, `${s.name} `, h("span", { class: "muted" }, shortAddress(s.address))),
      table(
        ["asset", "supplied", "borrowed", "LTV", "liq. threshold", "supply cap (use)", "borrow cap (use)", "status"],
        rows,
        { "data-spoke": s.name, "data-spoke-address": s.address },
      ),
    );
  });
  return [
    h("h2", {}, "Hub assets (rates are the hub's, shared by every spoke)"),
    h("div", { class: "cards" }, ...cards),
    h("h2", {}, "Spokes"),
    ...spokes,
  ];
}

export function accountsView(v: Json<AccountsView>, meta: Json<Meta>): Node[] {
  const rows: HTMLTableRowElement[] = [];
  /** A spoke that refused to value the account (a stale price, a halted NAV): its decoded error. */
  const refused = (user: string, spoke: string, error: string) =>
    h(
      "tr",
      { "data-account": user, "data-spoke": spoke },
      td(shortAddress(user), "user", user, "text"),
      td(spoke, "spoke", undefined, "text"),
      h("td", { colspan: "5", class: "text wrap error", "data-field": "error" }, error),
    );
  for (const p of v.accounts) {
    for (const { name, account: a, error } of p.pools) {
      if (a === undefined) {
        rows.push(refused(p.user, name, error));
        continue;
      }
      if (a.totalCollateralBase === "0" && a.totalDebtBase === "0") continue;
      const positions = a.reserves
        .filter((r) => r.supplied !== "0" || r.debt !== "0")
        .map(
          (r) =>
            `${nameOf(meta, r.asset)} ${r.supplied !== "0" ? `+${units(r.supplied, r.decimals)}` : ""}${r.debt !== "0" ? ` −${units(r.debt, r.decimals)}` : ""}`,
        )
        .join("; ");
      rows.push(
        h(
          "tr",
          { "data-account": p.user, "data-spoke": name, "data-spoke-address": a.spoke },
          td(shortAddress(p.user), "user", p.user, "text"),
          td(name, "spoke", undefined, "text"),
          td(usd(a.totalCollateralBase), "collateral", a.totalCollateralBase),
          td(usd(a.totalDebtBase), "debt", a.totalDebtBase),
          td(usd(a.availableBorrowsBase), "available", a.availableBorrowsBase),
          td(healthFactor(a.healthFactor), "healthFactor", a.healthFactor, hfClass(a.healthFactor)),
          td(positions, "positions", undefined, "text wrap"),
        ),
      );
    }
    for (const { name, account: a, error } of p.nft) {
      if (a === undefined) {
        rows.push(refused(p.user, name, error));
        continue;
      }
      if (a.items.length === 0 && a.debt === "0") continue;
      rows.push(
        h(
          "tr",
          { "data-account": p.user, "data-spoke": name },
          td(shortAddress(p.user), "user", p.user, "text"),
          td(name, "spoke", undefined, "text"),
          td(usd(a.collateralBase), "collateral", a.collateralBase),
          td(usd(a.debtBase), "debt", a.debtBase),
          td(usd(a.borrowPowerBase), "available", a.borrowPowerBase),
          td(healthFactor(a.healthFactor), "healthFactor", a.healthFactor, hfClass(a.healthFactor)),
          td(
            `${a.items.length} item(s): ${a.items.map((i) => `${nameOf(meta, i.collection)} #${i.tokenId}`).join(", ")}`,
            "positions",
            undefined,
            "text wrap",
          ),
        ),
      );
    }
    for (const { name, account: a, error } of p.rwa) {
      if (a === undefined) {
        rows.push(refused(p.user, name, error));
        continue;
      }
      for (const q of a.positions) {
        if (q.collateral === "0" && q.debt === "0") continue;
        rows.push(
          h(
            "tr",
            { "data-account": p.user, "data-spoke": `${name}:${q.token}` },
            td(shortAddress(p.user), "user", p.user, "text"),
            td(`${name} (${nameOf(meta, q.token)})`, "spoke", undefined, "text"),
            td(usd(q.collateralValueBase), "collateral", q.collateralValueBase),
            td(usd(q.debtValueBase), "debt", q.debtValueBase),
            td("–", "available"),
            td(healthFactor(q.healthFactor), "healthFactor", q.healthFactor, hfClass(q.healthFactor)),
            td(`NAV ${usd(q.nav)}`, "positions", undefined, "text wrap"),
          ),
        );
      }
    }
  }
  return [
    h(
      "p",
      { class: "muted" },
      `Accounts from ${v.sources.join(" and ")}; ${v.accounts.length} with a position. Each spoke has its own health factor.`,
    ),
    table(["account", "spoke", "collateral", "debt", "borrow power left", "health factor", "positions"], rows, {
      id: "accounts-table",
    }),
  ];
}

export function capsView(v: Json<MarketsView>, meta: Json<Meta>): Node[] {
  const rows: HTMLTableRowElement[] = [];
  let hidden = 0;
  for (const m of v.hub) {
    for (const s of m.spokes) {
      // A spoke the hub gives no cap in this asset and that has no use of it: not a market of that spoke.
      if (s.addCap.cap === "0" && s.drawCap.cap === "0" && s.addCap.used === "0" && s.drawCap.used === "0") {
        ++hidden;
        continue;
      }
      const spoke = nameOf(meta, s.spoke);
      rows.push(
        h(
          "tr",
          { "data-asset": m.symbol, "data-spoke": spoke },
          td(m.symbol, "asset", undefined, "text"),
          td(spoke, "spoke", s.spoke, "text"),
          td(cap(s.addCap.cap), "addCap", s.addCap.cap),
          td(units(s.addCap.used, m.decimals), "addUsed", s.addCap.used),
          td(s.addCap.useBps === undefined ? "–" : bpsPercent(s.addCap.useBps), "addUse", s.addCap.useBps),
          td(cap(s.drawCap.cap), "drawCap", s.drawCap.cap),
          td(units(s.drawCap.used, m.decimals), "drawUsed", s.drawCap.used),
          td(s.drawCap.useBps === undefined ? "–" : bpsPercent(s.drawCap.useBps), "drawUse", s.drawCap.useBps),
          td(s.frozen ? "frozen" : "", "frozen", undefined, "text"),
        ),
      );
    }
  }
  return [
    h(
      "p",
      { class: "muted" },
      "Caps in whole tokens; use in asset units, as the hub counts it when it checks the cap (add: the spoke's shares at the current index; draw: its debt plus its deficits). ",
      h(
        "span",
        { id: "caps-hidden", "data-raw": String(hidden) },
        `${hidden} spoke/asset pairs with both caps at 0 and no use are not shown.`,
      ),
    ),
    table(["asset", "spoke", "add cap", "added", "use", "draw cap", "drawn", "use", ""], rows, { id: "caps-table" }),
  ];
}

/** The proposal's ETA countdown from the chain's clock (the block's timestamp) plus the time since the page loaded. */
export function governanceView(v: Json<GovernanceView>, loadedAt: number): Node[] {
  const rows = v.proposals.map((p) => {
    const eta = Number(p.eta);
    const left = () => eta - (v.timestamp + Math.floor((Date.now() - loadedAt) / 1000));
    const countdownCell = td(p.state === "Queued" ? countdown(left()) : "–", "countdown", p.eta);
    if (p.state === "Queued") countdownCell.dataset.live = "true";
    return h(
      "tr",
      { "data-proposal": p.id },
      td(p.id.length > 12 ? `${p.id.slice(0, 6)}…${p.id.slice(-4)}` : p.id, "id", p.id, "text"),
      td(p.description.split("\n")[0] ?? "", "description", undefined, "text wrap"),
      td(p.state, "state", undefined, "text"),
      td(p.tier, "tier", p.tierDelay, "text"),
      td(`${units(p.tierDelay, 0, 0)} s`, "tierDelay", p.tierDelay),
      td(eta === 0 ? "–" : new Date(eta * 1000).toISOString().replace(".000Z", "Z"), "eta", p.eta, "text"),
      countdownCell,
      td(
        `${units(p.votes.for, 18)} / ${units(p.votes.against, 18)} / ${units(p.votes.abstain, 18)}`,
        "votes",
        p.votes.for,
      ),
      td(
        p.actions
          .map((a) => `${a.targetName ?? shortAddress(a.target)}.${(a.function ?? "?").split("(")[0] ?? "?"}`)
          .join(", "),
        "actions",
        undefined,
        "text wrap",
      ),
      td(p.cancelProtected ? "yes" : "no", "cancelProtected", undefined, "text"),
    );
  });
  return [
    h(
      "p",
      { class: "muted" },
      `${v.proposals.length} proposal(s). Countdowns run on the chain's clock (block ${v.block} at ${new Date(v.timestamp * 1000).toISOString()}).`,
    ),
    table(
      [
        "id",
        "description",
        "state",
        "tier",
        "tier delay",
        "ETA",
        "countdown",
        "for / against / abstain (KEEL)",
        "actions",
        "cancel-protected",
      ],
      rows,
      { id: "proposals-table" },
    ),
  ];
}

export function tickCountdowns(root: HTMLElement, v: Json<GovernanceView>, loadedAt: number): void {
  for (const cell of root.querySelectorAll<HTMLElement>('td[data-live="true"]')) {
    cell.textContent = countdown(Number(cell.dataset.raw) - (v.timestamp + Math.floor((Date.now() - loadedAt) / 1000)));
  }
}

export function modulesView(v: Json<ModulesView>): Node[] {
  const modules = v.modules.map((m) =>
    h(
      "tr",
      { "data-module": m.name },
      td(m.name, "name", undefined, "text"),
      td(m.version, "version", undefined, "text"),
      td(shortAddress(m.implementation), "implementation", m.implementation, "text"),
      td(m.recorded.version ?? "–", "recordedVersion", undefined, "text"),
      td(m.upgraded ? "upgraded since deployment" : "", "upgraded", undefined, "text"),
    ),
  );
  const history = v.history.map((e, i) =>
    h(
      "tr",
      { "data-upgrade": String(i), "data-module": e.module },
      td(String(e.block), "block", String(e.block)),
      td(e.module, "module", undefined, "text"),
      td(shortAddress(e.implementation), "implementation", e.implementation, "text"),
      td(
        e.version === undefined ? "deployment" : `${e.previousVersion ?? "?"} → ${e.version}`,
        "versions",
        undefined,
        "text",
      ),
      e.abiId === undefined ? td("–", "abiId") : td(shortAddress(e.abiId), "abiId", e.abiId, "text"),
      td(shortAddress(e.txHash), "tx", e.txHash, "text"),
    ),
  );
  return [
    h("h2", {}, "Module versions (live ERC-1967 implementation and version())"),
    table(["module", "version", "implementation", "recorded version", ""], modules, { id: "modules-table" }),
    h("h2", {}, "Upgrade history (ERC-1967 Upgraded, with KeelUpgrader's ModuleUpgraded)"),
    table(["block", "module", "implementation", "versions", "ABI id (abiId())", "tx"], history, {
      id: "history-table",
    }),
  ];
}
