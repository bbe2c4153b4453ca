/**
 * A small SVG plotter for the paper-style figures: line and scatter series on linear or log axes, with a legend
 * and an optional shaded band above a threshold. No dependencies; the output is a standalone SVG document.
 */
export interface Series {
  label: string;
  x: number[];
  y: number[];
  color: string;
  /** "line" (default) or "points". */
  style?: "line" | "points";
  dashed?: boolean;
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  xLog?: boolean;
  yLog?: boolean;
  xRange?: [number, number];
  yRange?: [number, number];
  /** Shade y above this value (e.g. Δχ² > 4). */
  shadeAbove?: number;
  /** Horizontal reference lines. */
  hLines?: { y: number; label: string }[];
}

const W = 720;
const H = 480;
const M = { l: 80, r: 190, t: 40, b: 60 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) if (10 ** e >= lo * 0.999 && 10 ** e <= hi * 1.001) out.push(10 ** e);
    return out;
  }
  const span = hi - lo;
  const step = 10 ** Math.floor(Math.log10(span / 5));
  const nice = [1, 2, 5, 10].map((k) => k * step).find((s) => span / s <= 8) ?? step * 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / nice) * nice; v <= hi + 1e-12; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
}

function label(v: number, log: boolean): string {
  if (log) {
    const e = Math.round(Math.log10(v));
    return e >= -2 && e <= 3 ? String(Number(v.toPrecision(3))) : `1e${e}`;
  }
  return String(Number(v.toPrecision(4)));
}

export function renderSvg(p: PlotSpec): string {
  const finite = (v: number[], log?: boolean) => v.filter((x) => Number.isFinite(x) && (!log || x > 0));
  const xs = p.series.flatMap((s) => finite(s.x, p.xLog));
  const ys = p.series.flatMap((s) => finite(s.y, p.yLog));
  let [x0, x1] = p.xRange ?? [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = p.yRange ?? [Math.min(...ys), Math.max(...ys)];
  if (x0 === x1) [x0, x1] = [x0 * 0.9 - 1e-12, x1 * 1.1 + 1e-12];
  if (y0 === y1) [y0, y1] = [y0 - 1, y1 + 1];
  if (!p.yRange && !p.yLog) {
    const pad = 0.05 * (y1 - y0);
    y0 -= pad;
    y1 += pad;
  }
  const tx = (x: number) => M.l + ((p.xLog ? Math.log10(x) - Math.log10(x0) : x - x0) / (p.xLog ? Math.log10(x1) - Math.log10(x0) : x1 - x0)) * (W - M.l - M.r);
  const ty = (y: number) => H - M.b - ((p.yLog ? Math.log10(y) - Math.log10(y0) : y - y0) / (p.yLog ? Math.log10(y1) - Math.log10(y0) : y1 - y0)) * (H - M.t - M.b);
  const clampY = (y: number) => Math.min(H - M.b, Math.max(M.t, ty(y)));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${M.l}" y="${M.t - 14}" font-size="14">${esc(p.title)}</text>`);
  if (p.shadeAbove !== undefined && p.shadeAbove < y1) {
    const top = ty(y1);
    const bottom = clampY(p.shadeAbove);
    parts.push(`<rect x="${M.l}" y="${top}" width="${W - M.l - M.r}" height="${bottom - top}" fill="#dddddd"/>`);
  }
  for (const t of ticks(x0, x1, !!p.xLog)) {
    const X = tx(t);
    parts.push(`<line x1="${X}" y1="${M.t}" x2="${X}" y2="${H - M.b}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${X}" y="${H - M.b + 18}" text-anchor="middle">${label(t, !!p.xLog)}</text>`);
  }
  for (const t of ticks(y0, y1, !!p.yLog)) {
    const Y = ty(t);
    parts.push(`<line x1="${M.l}" y1="${Y}" x2="${W - M.r}" y2="${Y}" stroke="#eeeeee"/>`);
    parts.push(`<text x="${M.l - 8}" y="${Y + 4}" text-anchor="end">${label(t, !!p.yLog)}</text>`);
  }
  parts.push(`<rect x="${M.l}" y="${M.t}" width="${W - M.l - M.r}" height="${H - M.t - M.b}" fill="none" stroke="black"/>`);
  parts.push(`<text x="${(M.l + W - M.r) / 2}" y="${H - 15}" text-anchor="middle" font-size="13">${esc(p.xLabel)}</text>`);
  parts.push(`<text transform="translate(20 ${(M.t + H - M.b) / 2}) rotate(-90)" text-anchor="middle" font-size="13">${esc(p.yLabel)}</text>`);
  for (const h of p.hLines ?? []) {
    if (h.y < y0 || h.y > y1) continue;
    parts.push(`<line x1="${M.l}" y1="${ty(h.y)}" x2="${W - M.r}" y2="${ty(h.y)}" stroke="black" stroke-dasharray="4 4"/>`);
    parts.push(`<text x="${W - M.r - 4}" y="${ty(h.y) - 4}" text-anchor="end" font-size="11">${esc(h.label)}</text>`);
  }
  parts.push(`<g clip-path="url(#plot)"><clipPath id="plot"><rect x="${M.l}" y="${M.t}" width="${W - M.l - M.r}" height="${H - M.t - M.b}"/></clipPath>`);
  for (const s of p.series) {
    const pts = s.x.map((x, i) => [x, s.y[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!p.xLog || x > 0) && (!p.yLog || y > 0));
    if (s.style === "points") for (const [x, y] of pts) parts.push(`<circle cx="${tx(x).toFixed(2)}" cy="${ty(y).toFixed(2)}" r="3" fill="${s.color}"/>`);
    else if (pts.length) parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""} points="${pts.map(([x, y]) => `${tx(x).toFixed(2)},${ty(y).toFixed(2)}`).join(" ")}"/>`);
  }
  parts.push("</g>");
  p.series.filter((s) => s.label !== "").forEach((s, i) => {
    const Y = M.t + 10 + 18 * i;
    const X = W - M.r + 12;
    parts.push(s.style === "points" ? `<circle cx="${X + 10}" cy="${Y}" r="3" fill="${s.color}"/>` : `<line x1="${X}" y1="${Y}" x2="${X + 20}" y2="${Y}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`);
    parts.push(`<text x="${X + 26}" y="${Y + 4}">${esc(s.label)}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
