// The console page: one tab per view; each view loads its JSON from the server when first shown (and again on
// "refresh"), then marks its section `data-ready` with the block it was read at.
import { type ApiViews, type Json, VIEWS, VIEW_TITLES, type ViewId } from "../shared/api.js";
import { devForm } from "./dev.js";
import { h } from "./dom.js";
import { accountsView, capsView, governanceView, marketsView, modulesView, tickCountdowns } from "./views.js";

async function api<K extends keyof ApiViews>(path: K): Promise<Json<ApiViews[K]>> {
  const res = await fetch(`/api/${path}`);
  const body = (await res.json()) as Json<ApiViews[K]> | { error: string };
  if (!res.ok || "error" in body) throw new Error("error" in body ? body.error : `HTTP ${res.status}`);
  return body;
}

/** The page's element with `id` (page.html has every one: a missing one is a bug, reported as such). */
function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`console: no element #${id} in the page`);
  return e;
}

const meta = await api("meta").catch((e: unknown) => {
  byId("meta").textContent = `cannot read the chain: ${(e as Error).message}`;
  throw e;
});
byId("meta").textContent =
  `${meta.network} (chain ${meta.chainId}) · ${meta.rpc} · block ${meta.block} · ${meta.deployment} · ${meta.devAccounts.length > 0 ? "dev signer (Accounts)" : "read only"}`;

let ticker: ReturnType<typeof setInterval> | undefined;

async function render(id: ViewId, section: HTMLElement): Promise<void> {
  const loadedAt = Date.now();
  let block: number;
  let nodes: Node[];
  switch (id) {
    case "markets": {
      const v = await api("markets");
      [block, nodes] = [v.block, marketsView(v, meta)];
      break;
    }
    case "caps": {
      const v = await api("markets");
      [block, nodes] = [v.block, capsView(v, meta)];
      break;
    }
    case "accounts": {
      const v = await api("accounts");
      const form = meta.devAccounts.length > 0 ? [devForm(meta)] : [];
      [block, nodes] = [v.block, [...form, ...accountsView(v, meta)]];
      break;
    }
    case "governance": {
      const v = await api("governance");
      [block, nodes] = [v.block, governanceView(v, loadedAt)];
      if (ticker !== undefined) clearInterval(ticker);
      ticker = setInterval(() => tickCountdowns(section, v, loadedAt), 1000);
      break;
    }
    case "modules": {
      const v = await api("modules");
      [block, nodes] = [v.block, modulesView(v)];
      break;
    }
  }
  section.replaceChildren(
    h("button", { class: "refresh", type: "button" }, "refresh"),
    h("span", { class: "muted" }, ` read at block ${block}`),
    ...nodes,
  );
  section.querySelector("button.refresh")?.addEventListener("click", () => void load(id, section, true));
  section.dataset.block = String(block);
  section.dataset.ready = "true";
}

const loaded = new Set<ViewId>();
async function load(id: ViewId, section: HTMLElement, again = false): Promise<void> {
  if (loaded.has(id) && !again) return;
  loaded.add(id);
  delete section.dataset.ready;
  section.replaceChildren(h("p", { class: "muted" }, "reading the chain…"));
  try {
    await render(id, section);
  } catch (e) {
    section.replaceChildren(h("p", { class: "error" }, `cannot read ${id}: ${(e as Error).message}`));
    section.dataset.error = "true";
    loaded.delete(id);
  }
}

const tabs = byId("tabs");
const views = byId("views");
function show(id: ViewId): void {
  for (const v of VIEWS) {
    byId(`tab-${v}`).setAttribute("aria-selected", String(v === id));
    byId(`view-${v}`).hidden = v !== id;
  }
  history.replaceState(null, "", `#${id}`);
  void load(id, byId(`view-${id}`));
}
for (const id of VIEWS) {
  const tab = h(
    "button",
    { id: `tab-${id}`, role: "tab", type: "button", "aria-controls": `view-${id}` },
    VIEW_TITLES[id],
  );
  tab.addEventListener("click", () => show(id));
  tabs.append(tab);
  views.append(
    h(
      "section",
      { id: `view-${id}`, role: "tabpanel", "aria-labelledby": `tab-${id}`, hidden: "" },
      h("h2", {}, VIEW_TITLES[id]),
    ),
  );
}
const initial = VIEWS.find((v) => `#${v}` === location.hash) ?? VIEWS[0];
show(initial);
