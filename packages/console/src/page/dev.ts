// The dev signer's form (shown only when the server runs with `--dev-signer`): an account of the dev node, an action
// on the core spoke, an asset and an amount; "simulate" shows the SDK's prediction for the next block, "send" sends it
// (nothing is sent when the prediction is a refusal). The result is `#dev-result`, its `data-state` one of predicted,
// refused, sent or error, each value a `data-field` with its exact integer in `data-raw` (the browser test's contract).
import {
  DEV_KINDS,
  type DevAccountLine,
  type DevRequest,
  type DevResult,
  type Json,
  type Meta,
} from "../shared/api.js";
import { healthFactor, shortAddress, usd } from "../shared/format.js";
import { h, stat } from "./dom.js";

function lineStats(prefix: string, a: Json<DevAccountLine>): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(
    stat(`${prefix} collateral`, usd(a.totalCollateralBase), `${prefix}Collateral`, a.totalCollateralBase),
    stat(`${prefix} debt`, usd(a.totalDebtBase), `${prefix}Debt`, a.totalDebtBase),
    stat(`${prefix} borrow power`, usd(a.availableBorrowsBase), `${prefix}BorrowPower`, a.availableBorrowsBase),
    stat(`${prefix} health factor`, healthFactor(a.healthFactor), `${prefix}HealthFactor`, a.healthFactor),
  );
  return f;
}

function showResult(out: HTMLElement, r: Json<DevResult>): void {
  const state = r.refusal !== undefined ? "refused" : r.sent !== undefined ? "sent" : "predicted";
  out.dataset.state = state;
  const head =
    state === "refused"
      ? h("p", { class: "error", "data-field": "refusal" }, r.refusal ?? "")
      : state === "sent"
        ? h("p", { "data-field": "sent", "data-raw": String(r.sent?.block) }, `sent in block ${String(r.sent?.block)}`)
        : h(
            "p",
            { "data-field": "predicted", "data-raw": String(r.timestamp) },
            `predicted for the block at ${String(r.timestamp)} (nothing sent)`,
          );
  const dl = h("dl", {}, lineStats("before", r.before));
  if (r.predicted !== undefined) dl.append(lineStats("predicted", r.predicted));
  if (r.sent !== undefined) dl.append(lineStats("after", r.sent.account));
  out.replaceChildren(head, dl);
}

/** The form, for `meta.devAccounts` on the core spoke's reserves. */
export function devForm(meta: Json<Meta>): HTMLElement {
  const select = (name: string, options: [string, string][]) =>
    h("select", { name }, ...options.map(([value, text]) => h("option", { value }, text)));
  const account = select(
    "account",
    meta.devAccounts.map((a, i) => [String(i), `#${String(i)} ${shortAddress(a)}`]),
  );
  const kind = select(
    "kind",
    DEV_KINDS.map((k) => [k, k]),
  );
  const asset = select(
    "asset",
    meta.reserves.map((r) => [r.symbol, r.symbol]),
  );
  const amount = h("input", { name: "amount", value: "100", size: "12", "aria-label": "amount" });
  const out = h("output", { id: "dev-result" });
  const run = async (what: "simulate" | "send") => {
    const body: DevRequest = {
      account: Number(account.value),
      kind: kind.value as DevRequest["kind"],
      asset: asset.value,
      amount: amount.value,
    };
    delete out.dataset.state;
    out.replaceChildren(h("p", { class: "muted" }, what === "send" ? "sending…" : "simulating…"));
    try {
      const res = await fetch(`/api/dev/${what}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as Json<DevResult> | { error: string };
      if ("error" in answer) throw new Error(answer.error);
      showResult(out, answer);
    } catch (e) {
      out.dataset.state = "error";
      out.replaceChildren(h("p", { class: "error", "data-field": "error" }, (e as Error).message));
    }
  };
  const button = (what: "simulate" | "send") => {
    const b = h("button", { type: "button", "data-action": what }, what);
    b.addEventListener("click", () => void run(what));
    return b;
  };
  return h(
    "form",
    { id: "dev-signer", class: "card" },
    h("h3", {}, "Dev signer ", h("span", { class: "muted" }, "(a dev node's unlocked accounts, the core spoke)")),
    account,
    " ",
    kind,
    " ",
    amount,
    " ",
    asset,
    " ",
    button("simulate"),
    " ",
    button("send"),
    out,
  );
}
