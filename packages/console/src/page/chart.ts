// The SVG chart of an asset's rate curve: borrow APR (solid) and supply APR (dashed) against utilisation, the kink,
// and a marker at the current utilisation and borrow rate.
import type { HubAssetMarket, Json } from "../shared/api.js";
import { BPS as BPS_BIG, RAY as RAY_BIG, rayPercent } from "../shared/format.js";
import { s } from "./dom.js";

const W = 260;
const H = 150;
const PAD = { left: 36, right: 8, top: 10, bottom: 22 };
/** As numbers, for plotting only (the labels come from the exact values). */
const BPS = Number(BPS_BIG);
const RAY = Number(RAY_BIG);

export function rateChart(m: Json<HubAssetMarket>): SVGElement {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const utilisation = Number((BigInt(m.utilisation) * BPS_BIG) / RAY_BIG) / BPS; // RAY -> fraction, 1 bps resolution
  const nowApr = Number(m.borrowRate.aprRay) / RAY;
  const top = Math.max(nowApr, ...m.curve.map((p) => Number(p.borrowAprRay) / RAY), 0.01) * 1.1;
  const x = (f: number) => PAD.left + f * plotW;
  const y = (apr: number) => PAD.top + plotH - (apr / top) * plotH;
  const line = (pick: (p: Json<HubAssetMarket>["curve"][number]) => string) =>
    m.curve.map((p) => `${x(p.utilisationBps / BPS).toFixed(1)},${y(Number(pick(p)) / RAY).toFixed(1)}`).join(" ");
  const svg = s("svg", {
    class: "curve",
    width: W,
    height: H,
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": `${m.symbol} rate curve`,
  });
  svg.append(
    s("line", { class: "axis", x1: PAD.left, y1: PAD.top + plotH, x2: PAD.left + plotW, y2: PAD.top + plotH }),
    s("line", { class: "axis", x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH }),
    s("text", { x: PAD.left, y: H - 6 }, "0%"),
    s("text", { x: PAD.left + plotW - 22, y: H - 6 }, "100%"),
    s("text", { x: 2, y: PAD.top + 8 }, `${(top * 100).toFixed(0)}%`),
    s("text", { x: PAD.left + plotW / 2 - 26, y: H - 6 }, "utilisation"),
  );
  if (m.curve.length > 0) {
    svg.append(
      s("polyline", { class: "borrow", points: line((p) => p.borrowAprRay) }),
      s("polyline", { class: "supply", points: line((p) => p.supplyAprRay) }),
    );
  } else {
    svg.append(s("text", { x: PAD.left + 10, y: PAD.top + 20 }, "no rate curve (no model answer)"));
  }
  if (m.kinkBps !== undefined) {
    const kx = x(m.kinkBps / BPS);
    svg.append(
      s("line", {
        class: "axis",
        x1: kx,
        y1: PAD.top,
        x2: kx,
        y2: PAD.top + plotH,
        "stroke-dasharray": "2 3",
        "data-kink-bps": m.kinkBps,
      }),
    );
  }
  svg.append(
    s(
      "circle",
      {
        class: "now",
        cx: x(utilisation).toFixed(1),
        cy: y(nowApr).toFixed(1),
        r: 4,
        "data-utilisation": m.utilisation,
        "data-apr-ray": m.borrowRate.aprRay,
      },
      s("title", {}, `now: utilisation ${rayPercent(m.utilisation)}, borrow APR ${rayPercent(m.borrowRate.aprRay)}`),
    ),
  );
  return svg;
}
