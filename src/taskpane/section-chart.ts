/**
 * A small bar chart of section scores for the pane: one bar per section (and the overall score),
 * dashed lines at the improvement and strength thresholds. Drawn as SVG with the pane's colour
 * tokens, so it follows the Fluent light or dark theme; every label is a text node.
 */
import { roundPercent, type SectionStats } from "../core";

/** One bar: a section, or the overall figure (number null). */
export type ChartRow = Pick<SectionStats, "title" | "percent" | "band" | "rating"> & { readonly number: string | null };

const SVG = "http://www.w3.org/2000/svg";
/** User units: the chart is drawn 300 wide and scales to the pane (320 px wide pane ≈ 1:1). */
const WIDTH = 300;
const BAR_LEFT = 0;
const BAR_WIDTH = 244; // room for "100%" to the right
const LABEL = 16; // label line above each bar
const BAR = 14;
const GAP = 8;
const TOP = 18; // threshold labels
const MAX_LABEL = 44; // characters of a section's name that fit above its bar (the table has it whole)

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export interface SectionChartOptions {
  readonly strengthThreshold: number;
  readonly improvementThreshold: number;
}

const pct = (p: number | null): string => (p === null ? "no judgements" : `${roundPercent(p)}%`);

/**
 * The chart as an `<svg>` element with a title and a description a screen reader reads.
 * @example statsPanel.append(sectionChart([...a.sections, { ...a.overall, number: null, title: "Overall" }], a.settings));
 */
export function sectionChart(rows: readonly ChartRow[], options: SectionChartOptions): SVGElement {
  const height = TOP + rows.length * (LABEL + BAR + GAP);
  const svg = el("svg", { viewBox: `0 0 ${WIDTH} ${height}`, width: "100%", role: "img", "aria-labelledby": "chart-title chart-desc", class: "section-chart" });
  svg.append(
    el("title", { id: "chart-title" }, "Section scores"),
    el(
      "desc",
      { id: "chart-desc" },
      `${rows.map((s) => `${s.number === null ? "Overall" : `${s.number} ${s.title}`}: ${pct(s.percent)}${s.rating ? ` (${s.rating})` : ""}`).join("; ")}. Improvement threshold ${options.improvementThreshold}%, strength threshold ${options.strengthThreshold}%.`,
    ),
  );
  const x = (percent: number): number => BAR_LEFT + (BAR_WIDTH * Math.max(0, Math.min(100, percent))) / 100;

  rows.forEach((s, k) => {
    const y = TOP + k * (LABEL + BAR + GAP);
    const full = s.number === null ? "Overall" : `${s.number} ${s.title}`;
    const label = full.length > MAX_LABEL ? `${full.slice(0, MAX_LABEL - 1)}…` : full;
    const band = s.percent === null ? "none" : s.band ?? "middle";
    const g = el("g", { class: `chart-row band-${band}`, "data-section": s.number ?? "overall" });
    g.append(el("text", { x: BAR_LEFT, y: y + 12, class: "chart-label" }, label));
    g.append(el("rect", { x: BAR_LEFT, y: y + LABEL, width: BAR_WIDTH, height: BAR, class: "chart-track", rx: 2 }));
    if (s.percent !== null) g.append(el("rect", { x: BAR_LEFT, y: y + LABEL, width: Math.max(1, x(s.percent) - BAR_LEFT), height: BAR, class: "chart-bar", rx: 2 }));
    g.append(el("text", { x: BAR_LEFT + BAR_WIDTH + 4, y: y + LABEL + 11, class: "chart-value" }, s.percent === null ? "–" : `${roundPercent(s.percent)}%`));
    svg.append(g);
  });

  const thresholds = [
    ["improvement", options.improvementThreshold],
    ["strength", options.strengthThreshold],
  ] as const;
  for (const [kind, value] of thresholds) {
    const tx = x(value);
    // A dashed mark across each bar (not across the labels above them), and the value on top.
    rows.forEach((_, k) => {
      const y = TOP + k * (LABEL + BAR + GAP) + LABEL;
      svg.append(el("line", { x1: tx, x2: tx, y1: y - 3, y2: y + BAR + 3, class: `chart-threshold threshold-${kind}` }));
    });
    svg.append(el("text", { x: tx, y: 11, class: `chart-threshold-label threshold-${kind}`, "text-anchor": kind === "strength" ? "start" : "end", dx: kind === "strength" ? 2 : -2 }, `${value}%`));
    svg.append(el("line", { x1: tx, x2: tx, y1: 4, y2: 14, class: `chart-threshold-tick threshold-${kind}` }));
  }
  return svg;
}
