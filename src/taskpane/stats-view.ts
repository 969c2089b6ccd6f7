/**
 * The statistics panel: the section chart, the overall line, a table of criteria grouped by
 * section, and the staff-interview questions as the Summary shows them.
 */
import { roundPercent, type Analysis, type CriterionStats } from "../core";
import { h, plural, replace } from "./dom";
import { sectionChart } from "./section-chart";

const pct = (p: number | null): string => (p === null ? "–" : `${roundPercent(p)}%`);

function criterionRow(c: CriterionStats, kind: "criterion" | "question" = "criterion"): HTMLElement {
  return h(
    "tr",
    { class: `${kind}-row band-${c.band ?? "none"}`, "data-id": c.id },
    h("td", { class: "id" }, c.id),
    h("td", {}, h("span", { class: "title" }, c.title), h("span", { class: "phrase" }, c.phrase)),
    h("td", { class: "num" }, pct(c.percent)),
    h("td", { class: "num" }, `${c.met}/${c.relevant}`),
  );
}

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

/**
 * Draws the statistics of an analysis into `panel`.
 * @example renderStatistics(statsPanel, analysis);
 */
export function renderStatistics(panel: HTMLElement, a: Analysis): void {
  const rows: HTMLElement[] = [];
  for (const s of a.sections) {
    rows.push(
      h(
        "tr",
        { class: "section-row" },
        h("th", { scope: "row", colspan: 2 }, `${s.number} ${s.title}`),
        h("td", { class: "num" }, pct(s.percent)),
        h("td", { class: "num" }, `${s.met}/${s.relevant}`),
      ),
    );
    for (const c of a.criteria.filter((x) => x.section === s.number)) rows.push(criterionRow(c));
  }
  const chart = a.sections.length > 0 ? sectionChart([...a.sections, { ...a.overall, number: null, title: "Overall" }], a.settings) : null;
  replace(
    panel,
    h("h2", { id: "stats-heading" }, "Statistics"),
    chart ? h("figure", { class: "chart" }, chart, h("figcaption", {}, `Section scores. Dashed lines: improvement threshold (${a.settings.improvementThreshold}%) and strength threshold (${a.settings.strengthThreshold}%).`)) : null,
    h(
      "p",
      { class: "overall" },
      `Overall: ${pct(a.overall.percent)} of ${plural(a.overall.relevant, "judgement")} met${a.overall.rating ? ` (${a.overall.rating})` : ""}.`,
      a.excludedCells > 0 ? ` ${plural(a.excludedCells, "cell")} left out for errors.` : "",
    ),
    statsTable(null, rows),
    interviewsSection(a),
  );
}
