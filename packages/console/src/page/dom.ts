// A few DOM helpers: elements from a tag, attributes and children, and the table cell convention the browser test
// relies on (`data-field` names the value, `data-raw` carries the exact integer behind the formatted text).

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** A table cell showing `text`, named `field`, with the exact value `raw` when there is one. */
export function td(text: string, field?: string, raw?: string, cls?: string): HTMLTableCellElement {
  return h("td", { "data-field": field, "data-raw": raw, class: cls }, text);
}

export function table(
  headers: string[],
  rows: HTMLTableRowElement[],
  attrs: Record<string, string> = {},
): HTMLTableElement {
  return h("table", attrs, h("thead", {}, h("tr", {}, ...headers.map((t) => h("th", {}, t)))), h("tbody", {}, ...rows));
}

/** A labelled value in a card (`dt`/`dd`), the `dd` carrying `data-field` and `data-raw`. */
export function stat(label: string, text: string, field: string, raw?: string): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(h("dt", {}, label), h("dd", { "data-field": field, "data-raw": raw }, text));
  return f;
}
