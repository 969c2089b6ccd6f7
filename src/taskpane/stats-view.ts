/**
 * The statistics panel: the section chart, the overall line, a table of criteria grouped by
 * section, and the staff-interview questions as the Summary shows them. Each section's figure and
 * the overall rating say which rule made them (lowest criterion, rated by hand, score sum).
 */
import {
  describeScoreBands,
  overallRuleNote,
  roundPercent,
  sectionRuleNote,
  type Analysis,
  type CriterionStats,
  type Interval,
  type OverallStats,
  type SectionStats,
} from "../core";
import { h, plural, replace } from "./dom";
import { sectionChart } from "./section-chart";

const pct = (p: number | null): string => (p === null ? "–" : `${roundPercent(p)}%`);

/** The 95% interval under a percentage, shown when "Show 95% intervals" is ticked. */
function intervalOf(i: Interval | null): HTMLElement | null {
  return i === null ? null : h("span", { class: "interval", title: "95% Wilson interval" }, `${Math.round(i.low)}–${Math.round(i.high)}%`);
}

/** What a figure below the minimum relevant count says instead of a band. */
const TOO_FEW = "too few cases to rate";

function criterionRow(c: CriterionStats, kind: "criterion" | "question" = "criterion", decides = false): HTMLElement {
  return h(
    "tr",
    { class: `${kind}-row band-${c.band ?? "none"}${c.tooFew ? " too-few" : ""}${decides ? " decides" : ""}`, "data-id": c.id },
    h("td", { class: "id" }, c.id),
    h(
      "td",
      {},
      h("span", { class: "title" }, c.title),
      decides ? h("span", { class: "decides-tag" }, "Lowest: sets the section's figure") : null,
      h("span", { class: "phrase" }, c.phrase),
      c.tooFew ? h("span", { class: "too-few-note" }, TOO_FEW) : null,
    ),
    h("td", { class: "num" }, pct(c.percent), intervalOf(c.interval)),
    h("td", { class: "num" }, `${c.met}/${c.relevant}`),
  );
}

/** Whether intervals are shown: the user's choice, kept while the pane is open. */
let showIntervals = false;

function statsTable(caption: string | null, rows: readonly HTMLElement[], className = "stats"): HTMLElement {
  return h(
    "table",
    { class: className },
    caption ? h("caption", {}, caption) : null,
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "ID"), h("th", { scope: "col" }, "Criterion"), h("th", { scope: "col" }, "% met"), h("th", { scope: "col" }, "Met"))),
    h("tbody", {}, ...rows),
  );
}

/** The staff-interview questions, counted over the Interviews table (null when there are none). */
function interviewsSection(a: Analysis): HTMLElement | null {
  if (!a.interviews || a.interviewStats.length === 0) return null;
  const n = a.interviews.cases.length;
  return h(
    "div",
    { class: "interviews", id: "interview-statistics" },
    h("h3", { id: "interviews-heading" }, `Staff interviews (${plural(n, "interviewee")})`),
    statsTable(null, a.interviewStats.map((q) => criterionRow(q, "question")), "stats interview-stats"),
  );
}

/** A section's row: its figure, its rating and the rule that made them. */
function sectionRow(s: SectionStats): HTMLElement {
  const byHand = s.rule === "by-hand";
  const about = [s.rating, sectionRuleNote(s)].filter((t) => t).join(" · ");
  return h(
    "tr",
    { class: `section-row rule-${s.rule}`, "data-section": s.number },
    h("th", { scope: "row", colspan: 2 }, `${s.number} ${s.title}`, about ? h("span", { class: "rule" }, about) : null, s.tooFew ? h("span", { class: "too-few-note" }, TOO_FEW) : null),
    h("td", { class: "num" }, byHand ? "–" : pct(s.percent), byHand ? null : intervalOf(s.interval)),
    h("td", { class: "num" }, byHand ? "–" : `${s.met}/${s.relevant}`),
  );
}

/** The overall line: the pooled judgements, and under a score sum the score, its band and what is still unrated. */
function overallLine(o: OverallStats): string {
  const pooled = `${pct(o.percent)} of ${plural(o.relevant, "judgement")} met`;
  if (o.rule !== "score-sum") return `Overall: ${pooled}${o.rating ? ` (${o.rating})` : ""}.`;
  const rating = o.rating ?? "not rated until every counted section has a rating";
  const bands = o.bands ? ` Bands: ${describeScoreBands(o.bands)}.` : "";
  return `Overall: ${rating}, ${overallRuleNote(o)} (each counted section's rating scored 0–3).${bands} Judgements: ${pooled}.`;
}

/**
 * Draws the statistics of an analysis into `panel`.
 * @example renderStatistics(statsPanel, analysis);
 */
export function renderStatistics(panel: HTMLElement, a: Analysis): void {
  const rows: HTMLElement[] = [];
  for (const s of a.sections) {
    rows.push(sectionRow(s));
    for (const c of a.criteria.filter((x) => x.section === s.number)) rows.push(criterionRow(c, "criterion", c.id === s.decidedBy));
  }
  // Bars are percentages: a section rated by hand has none.
  const bars = a.sections.filter((s) => s.rule !== "by-hand");
  const chart = bars.length > 0 ? sectionChart([...bars, { ...a.overall, number: null, title: "Overall" }], a.settings) : null;
  panel.classList.toggle("show-intervals", showIntervals);
  const toggle = h("input", {
    id: "show-intervals",
    type: "checkbox",
    checked: showIntervals,
    onchange: (e: Event) => {
      showIntervals = (e.target as HTMLInputElement).checked;
      panel.classList.toggle("show-intervals", showIntervals);
    },
  });
  const interval = a.overall.interval;
  replace(
    panel,
    h("h2", { id: "stats-heading" }, "Statistics"),
    h("div", { class: "field checkbox" }, toggle, h("label", { for: "show-intervals" }, "Show 95% intervals (how sure each figure can be, given its number of cases)")),
    chart ? h("figure", { class: "chart" }, chart, h("figcaption", {}, `Section scores. Dashed lines: improvement threshold (${a.settings.improvementThreshold}%) and strength threshold (${a.settings.strengthThreshold}%).`)) : null,
    h(
      "p",
      { class: "overall" },
      overallLine(a.overall),
      interval ? h("span", { class: "interval" }, ` 95% interval ${Math.round(interval.low)}–${Math.round(interval.high)}%.`) : null,
      a.excludedCells > 0 ? ` ${plural(a.excludedCells, "cell")} left out for errors.` : "",
    ),
    statsTable(null, rows),
    interviewsSection(a),
  );
}
