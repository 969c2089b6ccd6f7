/**
 * Builds the generated sheets from an analysis: the Summary (live formulas over the case data,
 * with the engine's values cached) and Strengths & improvements (report sentences with their
 * evidence).
 */
import type { Analysis } from "../analyse";
import type { CaseTable } from "../cases";
import type { Criterion } from "../framework";
import { selectFindings, type Finding, type SelectFindingsOptions } from "../findings";
import { SHEET_NAMES } from "../template";
import type { Band, CriterionStats, SectionStats } from "../statistics";
import { countFormula } from "./formulas";
import { GENERATED_MARKER_PREFIX, type CellStyle, type SheetLayout } from "./model";
import { buildModerationSheet } from "./moderation-sheet";
import { SheetBuilder } from "./sheet-builder";
import { generatedAtText, inspectionDates } from "./text";

export interface BuildReportLayoutsOptions extends SelectFindingsOptions {
  /** When the sheets are generated (shown on them; pass a fixed date for identical output). */
  readonly generatedAt: Date;
}

const BLUE = "1F4E79";
const GREEN_FILL = "C6EFCE";
const GREEN_TEXT = "006100";
const RED_FILL = "FFC7CE";
const RED_TEXT = "9C0006";
const GREY_TEXT = "595959";

/** The named styles both generated sheets use. */
export const REPORT_STYLES: Readonly<Record<string, CellStyle>> = {
  title: { bold: true, size: 16, colour: BLUE },
  marker: { italic: true, size: 9, colour: GREY_TEXT },
  label: { bold: true, vertical: "top" },
  value: { horizontal: "left", vertical: "top", wrap: true },
  header: { bold: true, colour: "FFFFFF", fill: BLUE, wrap: true, vertical: "middle", border: ["bottom"], borderColour: "FFFFFF" },
  headerCentre: { bold: true, colour: "FFFFFF", fill: BLUE, wrap: true, vertical: "middle", horizontal: "center", border: ["bottom"], borderColour: "FFFFFF" },
  section: { bold: true, fill: "DDEBF7", colour: BLUE },
  id: { vertical: "top" },
  text: { wrap: true, vertical: "top" },
  count: { horizontal: "center", vertical: "top", numberFormat: "0" },
  percent: { horizontal: "center", vertical: "top", numberFormat: "0.0%" },
  band: { horizontal: "center", vertical: "top" },
  total: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", vertical: "top" },
  totalCount: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", horizontal: "center", numberFormat: "0" },
  totalPercent: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", horizontal: "center", numberFormat: "0.0%" },
  overall: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], vertical: "top" },
  overallCount: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], horizontal: "center", numberFormat: "0" },
  overallPercent: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], horizontal: "center", numberFormat: "0.0%" },
  note: { italic: true, colour: GREY_TEXT, wrap: true, vertical: "top" },
  heading: { bold: true, size: 13, colour: BLUE, border: ["bottom"], borderColour: BLUE },
  sentence: { bold: true, wrap: true, vertical: "top" },
  evidenceLabel: { colour: GREY_TEXT, vertical: "top" },
  evidence: { wrap: true, vertical: "top" },
};

/** Band words as a reader sees them. */
export function bandLabel(band: Band | null): string {
  return band === "strength" ? "Strength" : band === "improvement" ? "Improvement needed" : band === "middle" ? "–" : "No relevant cases";
}

const pct = (p: number | null): number | string => (p === null ? "" : p / 100);

/**
 * The Summary and Strengths & improvements layouts for an analysis.
 * @example buildReportLayouts(analysis, { generatedAt: new Date() }).map((l) => l.name) // ["Summary", "Strengths & improvements"]
 */
export function buildReportLayouts(analysis: Analysis, options: BuildReportLayoutsOptions): SheetLayout[] {
  const moderation = buildModerationSheet(analysis, options);
  return [buildSummaryLayout(analysis, options), buildStrengthsLayout(analysis, options), ...(moderation ? [moderation.layout] : [])];
}

function serviceName(a: Analysis): string {
  return a.settings.serviceName === "" ? "Service not named (set it in Settings)" : a.settings.serviceName;
}

/**
 * The Summary sheet: one row per criterion grouped by section, section totals and an overall row,
 * counts and percentages as live formulas over the case data.
 * @example buildSummaryLayout(analysis, { generatedAt }).cells.length
 */
export function buildSummaryLayout(a: Analysis, options: BuildReportLayoutsOptions): SheetLayout {
  const b = new SheetBuilder("summary", SHEET_NAMES.summary, REPORT_STYLES);
  const at = SheetBuilder.at;
  const judgements = a.overall.relevant;
  const marker = `${GENERATED_MARKER_PREFIX} (Summary) on ${generatedAtText(options.generatedAt)}, from ${judgements} judgement${judgements === 1 ? "" : "s"}.`;
  b.text(0, 0, `Case inspection summary: ${serviceName(a)}`, "title").merge(0, 0, 0, 7);
  b.text(1, 0, marker, "marker").merge(1, 0, 1, 7);
  b.text(2, 0, `Counts and percentages are live formulas over the ${a.cases.sheet} sheet; phrases and bands are as they were when generated.`, "marker").merge(2, 0, 2, 7);

  const facts: [string, string | number][] = [
    ["Service", serviceName(a)],
    ["Inspection dates", inspectionDates(a.settings.inspectionStart, a.settings.inspectionEnd)],
    ["Cases inspected", a.cases.cases.length],
    ["Judgements counted", judgements],
    ["Cells left out for errors", a.excludedCells],
    ["Not yet judged", a.overall.unjudged],
    ["Thresholds", `Strength at or above ${a.settings.strengthThreshold}%; improvement needed at or below ${a.settings.improvementThreshold}%`],
  ];
  if (a.settings.ratingScheme !== "none") facts.push(["Rating scheme", "HMI Probation 2018: 80%+ Outstanding, 65–79% Good, 50–64% Requires improvement, below 50% Inadequate"]);
  let r = 4;
  for (const [label, value] of facts) {
    b.text(r, 0, label, "label").merge(r, 0, r, 1);
    if (typeof value === "number") b.number(r, 2, value, "count");
    else b.text(r, 2, value, "value").merge(r, 2, r, 7);
    r++;
  }
  if (a.errors > 0) {
    b.text(r, 0, `${a.errors} error${a.errors === 1 ? "" : "s"} found when checking the cases: the cells concerned are left out of these counts. Run Check cases to see them.`, "note").merge(r, 0, r, 7);
    r++;
  }
  r++;

  const headerRow = r;
  ["ID", "Criterion", "Relevant", "Met", "Not met", "% met", "Phrase", a.settings.ratingScheme === "none" ? "Band" : "Band / rating"].forEach((h, c) =>
    b.text(headerRow, c, h, c >= 2 && c <= 5 ? "headerCentre" : "header"),
  );
  r++;

  const totalRows: { section: SectionStats; row: number }[] = [];
  const criterionRows: number[] = [];
  const writeCriterionRow = (row: number, c: CriterionStats, crit: Criterion, table: CaseTable | null): void => {
    b.text(row, 0, c.id, "id").text(row, 1, c.title, "text");
    const col = table?.columns.criteria.get(c.id);
    if (table && col !== undefined) {
      b.formula(row, 3, countFormula(table, col, crit.appliesTo, "Yes"), c.met, "count");
      b.formula(row, 4, countFormula(table, col, crit.appliesTo, "No"), c.notMet, "count");
    } else {
      b.number(row, 3, c.met, "count").number(row, 4, c.notMet, "count");
    }
    b.formula(row, 2, `${at(row, 3)}+${at(row, 4)}`, c.relevant, "count");
    b.formula(row, 5, `IF(${at(row, 2)}=0,"",${at(row, 3)}/${at(row, 2)})`, pct(c.percent), "percent");
    b.text(row, 6, c.hasColumn ? c.phrase : "no column for this criterion in the Cases sheet", "text");
    b.text(row, 7, c.rating ?? bandLabel(c.band), "band");
  };
  const writeTotalRow = (row: number, label: string, s: SectionStats, first: number, last: number, styles: [string, string, string]): void => {
    const [text, count, percent] = styles;
    b.text(row, 0, "", text).text(row, 1, label, text);
    for (const col of [3, 4]) b.formula(row, col, last >= first ? `SUM(${at(first, col)}:${at(last, col)})` : "0", col === 3 ? s.met : s.notMet, count);
    b.formula(row, 2, `${at(row, 3)}+${at(row, 4)}`, s.relevant, count);
    b.formula(row, 5, `IF(${at(row, 2)}=0,"",${at(row, 3)}/${at(row, 2)})`, pct(s.percent), percent);
    b.text(row, 6, "", text).text(row, 7, s.rating ?? bandLabel(s.band), text);
  };

  for (const section of a.sections) {
    b.text(r, 0, `${section.number}  ${section.title}`, "section").merge(r, 0, r, 7);
    r++;
    const first = r;
    a.criteria.forEach((c, k) => {
      if (c.section !== section.number) return;
      writeCriterionRow(r, c, a.framework.criteria[k]!, a.cases);
      criterionRows.push(r);
      r++;
    });
    writeTotalRow(r, `Section ${section.number} total`, section, first, r - 1, ["total", "totalCount", "totalPercent"]);
    totalRows.push({ section, row: r });
    r++;
  }
  const overallRow = r;
  b.text(r, 0, "", "overall").text(r, 1, "All criteria", "overall");
  for (const col of [3, 4]) {
    const f = totalRows.length === 0 ? "0" : totalRows.map((t) => at(t.row, col)).join("+");
    b.formula(r, col, f, col === 3 ? a.overall.met : a.overall.notMet, "overallCount");
  }
  b.formula(r, 2, `${at(r, 3)}+${at(r, 4)}`, a.overall.relevant, "overallCount");
  b.formula(r, 5, `IF(${at(r, 2)}=0,"",${at(r, 3)}/${at(r, 2)})`, pct(a.overall.percent), "overallPercent");
  b.text(r, 6, "", "overall").text(r, 7, a.overall.rating ?? bandLabel(a.overall.band), "overall");
  r += 2;

  if (a.interviews && a.interviewStats.length > 0) {
    b.text(r, 0, `Staff interviews (${a.interviews.cases.length} interviewed)`, "section").merge(r, 0, r, 7);
    r++;
    a.interviewStats.forEach((q, k) => {
      writeCriterionRow(r, q, a.framework.interviewQuestions[k]!, a.interviews);
      criterionRows.push(r);
      r++;
    });
    r++;
  }

  // Section scores: a compact block the chart reads from (contiguous ranges).
  let chart: SheetLayout["chart"] = null;
  if (totalRows.length > 0) {
    b.text(r, 0, "Section scores", "heading").merge(r, 0, r, 2);
    r++;
    b.text(r, 0, "Section", "header").merge(r, 0, r, 1).text(r, 2, "% met", "headerCentre");
    r++;
    const firstScore = r;
    for (const t of totalRows) {
      b.text(r, 0, `${t.section.number} ${t.section.title}`, "text").merge(r, 0, r, 1);
      b.formula(r, 2, at(t.row, 5), pct(t.section.percent), "percent");
      r++;
    }
    chart = {
      title: "Section scores (% met)",
      categories: `${at(firstScore, 0)}:${at(r - 1, 0)}`,
      values: `${at(firstScore, 2)}:${at(r - 1, 2)}`,
      anchor: { row: firstScore - 2, col: 3 },
      widthCols: 5,
      heightRows: Math.max(12, totalRows.length + 4),
    };
    r = Math.max(r, firstScore - 2 + chart.heightRows);
  }

  // Colour by band, live: the % column follows the thresholds when values change.
  const strength = a.settings.strengthThreshold / 100;
  const improvement = a.settings.improvementThreshold / 100;
  const pctRows = [...criterionRows, ...totalRows.map((t) => t.row), overallRow].sort((x, y) => x - y);
  if (pctRows.length > 0) {
    const range = `${at(pctRows[0]!, 5)}:${at(pctRows[pctRows.length - 1]!, 5)}`;
    const top = at(pctRows[0]!, 5);
    b.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${top}),${top}>=${strength})`, style: { fill: GREEN_FILL, colour: GREEN_TEXT } });
    b.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${top}),${top}<=${improvement})`, style: { fill: RED_FILL, colour: RED_TEXT } });
    if (criterionRows.length > 0) {
      b.conditional({ kind: "data-bar", range: `${at(headerRow + 1, 5)}:${at(overallRow, 5)}`, colour: "5B9BD5", min: 0, max: 1 });
    }
    const bandRange = `${at(headerRow + 1, 7)}:${at(overallRow, 7)}`;
    for (const [text, fill, colour] of [
      ["Strength", GREEN_FILL, GREEN_TEXT],
      ["Outstanding", GREEN_FILL, GREEN_TEXT],
      ["Improvement needed", RED_FILL, RED_TEXT],
      ["Inadequate", RED_FILL, RED_TEXT],
      ["Requires improvement", "FFEB9C", "9C5700"],
    ] as const) {
      b.conditional({ kind: "text-equals", range: bandRange, text, style: { fill, colour } });
    }
  }

  return b.build({
    columnWidths: [7, 46, 10, 8, 9, 9, 46, 24],
    freeze: { rows: headerRow + 1, cols: 0 },
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: { first: headerRow, last: headerRow },
      footer: `${serviceName(a)}: case inspection summary, generated ${generatedAtText(options.generatedAt)}`,
    },
    chart,
    marker,
  });
}

/**
 * The Strengths & improvements sheet: a report sentence per finding, with the evidence notes of
 * the cases behind it.
 * @example buildStrengthsLayout(analysis, { generatedAt }).name // "Strengths & improvements"
 */
export function buildStrengthsLayout(a: Analysis, options: BuildReportLayoutsOptions): SheetLayout {
  const b = new SheetBuilder("strengths", SHEET_NAMES.strengths, REPORT_STYLES);
  const findings = selectFindings(a, options);
  const s = a.settings;
  const marker = `${GENERATED_MARKER_PREFIX} (Strengths & improvements) on ${generatedAtText(options.generatedAt)}.`;
  b.text(0, 0, `Strengths and areas requiring improvement: ${serviceName(a)}`, "title").merge(0, 0, 0, 2);
  b.text(1, 0, marker, "marker").merge(1, 0, 1, 2);
  b.text(2, 0, `Key strengths are criteria at or above ${s.strengthThreshold}% met; areas requiring improvement are at or below ${s.improvementThreshold}%.${s.redact ? " Case IDs are replaced by case numbers." : ""}`, "marker").merge(2, 0, 2, 2);
  let r = 4;

  // No merged cells under the headings: Excel and LibreOffice size a row to its wrapped text only
  // when the text is not in a merged cell, so each sentence and note sits in the wide column C.
  const block = (heading: string, list: readonly Finding[], none: string, evidenceWord: string): void => {
    b.text(r, 0, heading, "heading").text(r, 1, "", "heading").text(r, 2, "", "heading");
    r++;
    if (list.length === 0) {
      b.text(r, 2, none, "note");
      r += 2;
      return;
    }
    for (const f of list) {
      b.text(r, 0, f.criterion.id, "label").text(r, 2, f.sentence, "sentence");
      r++;
      if (f.evidence.length === 0) {
        b.text(r, 2, `No evidence notes were recorded for the cases ${evidenceWord}.`, "note");
        r++;
      }
      for (const e of f.evidence) {
        b.text(r, 1, e.label, "evidenceLabel").text(r, 2, e.note, "evidence");
        r++;
      }
      if (f.evidenceTotal > f.evidence.length) {
        const more = f.evidenceTotal - f.evidence.length;
        b.text(r, 2, `…and notes from ${more} more case${more === 1 ? "" : "s"} (see the ${a.cases.sheet} sheet).`, "note");
        r++;
      }
      r++;
    }
    r++;
  };
  block("Key strengths", findings.strengths, `No criterion reached the strength threshold of ${s.strengthThreshold}%.`, "judged Yes");
  block("Areas requiring improvement", findings.improvements, `No criterion was at or below the improvement threshold of ${s.improvementThreshold}%.`, "judged No");

  return b.build({
    columnWidths: [6, 11, 110],
    freeze: null,
    print: { orientation: "portrait", fitToWidth: 1, fitToHeight: 0, repeatRows: null, footer: `${serviceName(a)}: strengths and areas requiring improvement, generated ${generatedAtText(options.generatedAt)}` },
    chart: null,
    marker,
  });
}
