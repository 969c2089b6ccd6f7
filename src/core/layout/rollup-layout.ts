/**
 * The roll-up workbook as layouts: Services (one row per service, coloured like the Summary),
 * Criteria (services × criteria, pooled, median and range per criterion), Chart (section scores
 * across services) and Sources (each file, its size, SHA-256 and when it was read).
 *
 * Percentages are live formulas over the counts written beside them (a companion block of met and
 * relevant judgements), and the pooled, median, lowest and highest figures are live formulas over
 * those: a count corrected in the roll-up workbook carries through. Bands of a service's own figures
 * are as its workbook gives them (its own thresholds and rating scheme).
 */
import {
  GENERATED_KIND_LABELS,
  GENERATED_MARKER_PREFIX,
  type CellStyle,
  type RollupKind,
  type SheetLayout,
} from "./model";
import { type Rollup, type RollupBandSettings, type RollupFigure, type RollupService } from "../rollup";
import { readingText } from "../rollup-reading";
import { SheetBuilder } from "./sheet-builder";
import { REPORT_STYLES } from "./build";
import { generatedAtText, inspectionDates } from "./text";

/** Options for {@link buildRollupLayouts}. */
export interface BuildRollupLayoutsOptions {
  /** When the roll-up is made (shown on it; pass a fixed date for identical output). */
  readonly generatedAt: Date;
}

export const ROLLUP_SHEET_NAMES: Readonly<Record<RollupKind, string>> = {
  "rollup-services": "Services",
  "rollup-criteria": "Criteria",
  "rollup-chart": "Chart",
  "rollup-sources": "Sources",
};

const GREY = "595959";
const STYLES: Readonly<Record<string, CellStyle>> = {
  ...REPORT_STYLES,
  groupHeader: { bold: true, colour: "FFFFFF", fill: "2E75B6", wrap: true, vertical: "middle", horizontal: "center", border: ["left", "bottom"], borderColour: "FFFFFF" },
  countsHeader: { bold: true, colour: GREY, fill: "EDEDED", wrap: true, vertical: "middle", horizontal: "center", border: ["bottom"], borderColour: "A6A6A6" },
  smallCount: { horizontal: "center", vertical: "top", numberFormat: "0", colour: GREY },
  notInFramework: { horizontal: "center", vertical: "top", italic: true, colour: "A6A6A6" },
  points: { horizontal: "center", vertical: "top", numberFormat: '0.0" pts"' },
  hash: { vertical: "top", size: 9 },
  bytes: { horizontal: "right", vertical: "top", numberFormat: "#,##0" },
  serviceName: { bold: true, vertical: "top", wrap: true },
};

/** Band words and their colours, as the Summary colours them. */
const BAND_COLOURS: readonly (readonly [string, Pick<CellStyle, "fill" | "colour">])[] = [
  ["Strength", { fill: "C6EFCE", colour: "006100" }],
  ["Outstanding", { fill: "C6EFCE", colour: "006100" }],
  ["Good", { fill: "E2EFDA", colour: "375623" }],
  ["Requires improvement", { fill: "FFEB9C", colour: "9C5700" }],
  ["Improvement needed", { fill: "FFC7CE", colour: "9C0006" }],
  ["Inadequate", { fill: "FFC7CE", colour: "9C0006" }],
];

const at = SheetBuilder.at;
const pct = (p: number | null | undefined): number | string => (p === null || p === undefined ? "" : p / 100);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function marker(kind: RollupKind, options: BuildRollupLayoutsOptions, rest: string): string {
  return `${GENERATED_MARKER_PREFIX} (${GENERATED_KIND_LABELS[kind]}) on ${generatedAtText(options.generatedAt)}${rest}`;
}

/**
 * The four sheets of a roll-up workbook.
 * @example buildRollupLayouts(rollUp(workbooks), { generatedAt: new Date() }).map((l) => l.name) // ["Services", "Criteria", "Chart", "Sources"]
 */
export function buildRollupLayouts(r: Rollup, options: BuildRollupLayoutsOptions): SheetLayout[] {
  return [buildServicesLayout(r, options), buildCriteriaLayout(r, options), buildChartLayout(r, options), buildSourcesLayout(r, options)];
}

/**
 * Colours for a percentage cell read against the roll-up's bands, as conditional formats on
 * `range` (written for its top-left cell `top`).
 */
function percentColours(b: SheetBuilder, range: string, top: string, bands: RollupBandSettings): void {
  const p = `100*${top}`;
  if (bands.ratingScheme !== "none") {
    const rules: [string, string][] = [
      [`${p}>=80`, "Outstanding"],
      [`AND(${p}>=65,${p}<80)`, "Good"],
      [`AND(${p}>=50,${p}<65)`, "Requires improvement"],
      [`${p}<50`, "Inadequate"],
    ];
    for (const [test, label] of rules) b.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${top}),${test})`, style: colourOf(label) });
    return;
  }
  b.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${top}),${p}>=${bands.strengthThreshold}-1E-9)`, style: colourOf("Strength") });
  b.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${top}),${p}<=${bands.improvementThreshold}+1E-9)`, style: colourOf("Improvement needed") });
}

function colourOf(label: string): Pick<CellStyle, "fill" | "colour"> {
  return BAND_COLOURS.find(([l]) => l === label)![1];
}

/** Band words coloured where they stand, and the percentage beside them coloured by them. */
function bandColours(b: SheetBuilder, bandRange: string, percentRange?: { range: string; bandCell: string }): void {
  for (const [text, style] of BAND_COLOURS) {
    b.conditional({ kind: "text-equals", range: bandRange, text, style });
    if (percentRange) b.conditional({ kind: "expression", range: percentRange.range, formula: `${percentRange.bandCell}="${text}"`, style });
  }
}

/** A percentage as a live formula over its met and relevant cells. */
function percentFormula(met: string, relevant: string): string {
  return `IF(N(${relevant})=0,"",${met}/${relevant})`;
}

/** Whether a figure is met ÷ relevant (a pooled figure) rather than another rule's. */
function isPooled(f: RollupFigure): boolean {
  return f.relevant > 0 && f.percent !== null && Math.abs(f.percent - (100 * f.met) / f.relevant) < 1e-9;
}

/** Median, lowest and highest rows (or columns) over a range of percentages. */
const SPREAD_FORMULAS = {
  median: (range: string) => `IF(COUNT(${range})=0,"",MEDIAN(${range}))`,
  lowest: (range: string) => `IF(COUNT(${range})=0,"",MIN(${range}))`,
  highest: (range: string) => `IF(COUNT(${range})=0,"",MAX(${range}))`,
};

/** The first row of the Services sheet's facts (services, cases, errors…). */
const FACTS_ROW = 4;
const SERVICES_FACTS = 6;

/**
 * Where the Services sheet puts things: the column of each figure's % met (sections, then
 * overall; its band beside it), the first of its two header rows, and the first service's row.
 * The Chart sheet reads the percentages there.
 */
function servicesGeometry(r: Rollup): { pctColOf: (k: number) => number; groupRow: number; first: number } {
  const groupRow = FACTS_ROW + SERVICES_FACTS + (r.skipped.length > 0 ? 1 : 0) + 1;
  return { pctColOf: (k) => 3 + 2 * k, groupRow, first: groupRow + 2 };
}

/**
 * Services: one row per service — dates, cases, each section's percentage and band, overall and
 * band, errors and warnings — then the pooled, median, lowest and highest rows, and below them the
 * judgements behind the percentages, in the same columns (relevant under "% met", met under
 * "Band"), so the sheet prints one page wide.
 */
export function buildServicesLayout(r: Rollup, options: BuildRollupLayoutsOptions): SheetLayout {
  const kind = "rollup-services";
  const b = new SheetBuilder(kind, ROLLUP_SHEET_NAMES[kind], STYLES);
  const n = r.services.length;
  const sections = r.sections;
  const figures = [...sections, r.overall];
  const titles = [...sections.map((sec) => `${sec.number} ${sec.title}`), "Overall"];
  const { pctColOf, groupRow, first } = servicesGeometry(r);
  const errorsCol = pctColOf(figures.length);
  const fileCol = errorsCol + 3;
  const width = fileCol;

  const mark = marker(kind, options, `, from ${plural(n, "service")} and ${plural(r.totals.cases, "case")}.`);
  b.text(0, 0, `Case inspections rolled up: ${plural(n, "service")}`, "title").merge(0, 0, 0, width);
  b.text(1, 0, mark, "marker").merge(1, 0, 1, width);
  b.text(
    2,
    0,
    "Each service's figures and bands are as its own workbook gives them. Percentages are live formulas over the judgements listed below the table; pooled, median, lowest and highest are live formulas over the services' rows.",
    "marker",
  ).merge(2, 0, 2, width);

  const facts: [string, string | number][] = [
    ["Services", n],
    ["Cases", r.totals.cases],
    ["Workbooks with errors", r.totals.withErrors],
    ["Cells left out for errors", r.totals.excludedCells],
    ["Files left out", r.skipped.length],
    ["Pooled bands", bandsText(r)],
  ];
  let row = FACTS_ROW;
  for (const [label, value] of facts) {
    b.text(row, 0, label, "label").merge(row, 0, row, 1);
    if (typeof value === "number") b.number(row, 2, value, "count");
    else b.text(row, 2, value, "value").merge(row, 2, row, width);
    row++;
  }
  if (r.skipped.length > 0) {
    b.text(row, 0, `${plural(r.skipped.length, "file")} left out of the roll-up: see the Sources sheet for each one and why.`, "note").merge(row, 0, row, width);
    row++;
  }

  // Two header rows: each section's title over its % and band columns.
  const headerRow = groupRow + 1;
  const headers = (top: number, style: string, pair: [string, string], lead: [string, string, string]): void => {
    for (const c of [0, 1, 2]) b.text(top, c, "", style);
    titles.forEach((title, k) => {
      const c = pctColOf(k);
      b.text(top, c, title, style === "header" ? "groupHeader" : style).merge(top, c, top, c + 1);
      b.text(top + 1, c, pair[0], style === "header" ? "headerCentre" : style).text(top + 1, c + 1, pair[1], style === "header" ? "headerCentre" : style);
    });
    lead.forEach((h, c) => b.text(top + 1, c, h, style === "header" && c === 2 ? "headerCentre" : style));
  };
  headers(groupRow, "header", ["% met", "Band"], ["Service", "Inspection dates", "Cases"]);
  for (const c of [errorsCol, errorsCol + 1, errorsCol + 2, fileCol]) b.text(groupRow, c, "", "header");
  b.text(headerRow, errorsCol, "Errors", "headerCentre").text(headerRow, errorsCol + 1, "Warnings", "headerCentre").text(headerRow, errorsCol + 2, "Cells left out", "headerCentre");
  b.text(headerRow, fileCol, "File", "header");

  const last = first + n - 1;
  const pooledRow = last + 1;
  const spreadRows = { median: pooledRow + 1, lowest: pooledRow + 2, highest: pooledRow + 3 } as const;
  // The judgements block: a heading, two header rows, a row per service, a total row.
  const countsHeading = spreadRows.highest + 2;
  const countsFirst = countsHeading + 3;
  const countsTotal = countsFirst + n;

  const figureCells = (i: number, figure: RollupFigure | null, pctCol: number): void => {
    const rowAt = first + i;
    const countsAt = countsFirst + i;
    if (!figure) {
      b.text(rowAt, pctCol, "n/a", "notInFramework").text(rowAt, pctCol + 1, "", "band");
      b.text(countsAt, pctCol, "n/a", "notInFramework");
      return;
    }
    b.number(countsAt, pctCol, figure.relevant, "smallCount").number(countsAt, pctCol + 1, figure.met, "smallCount");
    if (isPooled(figure) || figure.relevant === 0) b.formula(rowAt, pctCol, percentFormula(at(countsAt, pctCol + 1), at(countsAt, pctCol)), pct(figure.percent), "percent");
    else b.number(rowAt, pctCol, figure.percent! / 100, "percent");
    b.text(rowAt, pctCol + 1, figure.band, "band");
  };
  r.services.forEach((s, i) => {
    const rowAt = first + i;
    const w = s.workbook;
    const dates = inspectionDates(w.inspectionStart, w.inspectionEnd);
    b.text(rowAt, 0, s.label, "serviceName").text(rowAt, 1, dates, "text").number(rowAt, 2, w.cases, "count");
    b.text(countsFirst + i, 0, s.label, "serviceName").text(countsFirst + i, 1, dates, "text");
    sections.forEach((sec, k) => figureCells(i, sec.byService[i] ?? null, pctColOf(k)));
    figureCells(i, w.overall, pctColOf(sections.length));
    b.number(rowAt, errorsCol, w.errors, "count").number(rowAt, errorsCol + 1, w.warnings, "count").number(rowAt, errorsCol + 2, w.excludedCells, "count");
    b.text(rowAt, fileCol, w.source.file, "text");
  });

  // Pooled, median, lowest, highest.
  const colRange = (c: number, from = first, to = last): string => `${at(from, c)}:${at(Math.max(from, to), c)}`;
  const sum = (c: number, from = first, to = last): string => (n === 0 ? "0" : `SUM(${colRange(c, from, to)})`);
  b.text(pooledRow, 0, "All services, pooled", "total").text(pooledRow, 1, "", "total");
  b.formula(pooledRow, 2, sum(2), r.totals.cases, "totalCount");
  figures.forEach((f, k) => {
    const c = pctColOf(k);
    b.formula(countsTotal, c, sum(c, countsFirst, countsTotal - 1), f.relevant, "totalCount");
    b.formula(countsTotal, c + 1, sum(c + 1, countsFirst, countsTotal - 1), f.met, "totalCount");
    b.formula(pooledRow, c, percentFormula(at(countsTotal, c + 1), at(countsTotal, c)), pct(f.percent), "totalPercent");
    b.text(pooledRow, c + 1, f.band, "total");
    for (const [which, rowAt] of Object.entries(spreadRows) as [keyof typeof SPREAD_FORMULAS, number][]) {
      const value = which === "median" ? f.median : which === "lowest" ? f.lowest?.percent : f.highest?.percent;
      b.formula(rowAt, c, SPREAD_FORMULAS[which](colRange(c)), pct(value ?? null), "percent");
    }
  });
  [r.totals.errors, r.totals.warnings, r.totals.excludedCells].forEach((total, k) => b.formula(pooledRow, errorsCol + k, sum(errorsCol + k), total, "totalCount"));
  b.text(pooledRow, fileCol, "", "total");
  b.text(spreadRows.median, 0, "Median of the services", "label");
  b.text(spreadRows.lowest, 0, "Lowest service", "label");
  b.text(spreadRows.highest, 0, "Highest service", "label");

  b.text(countsHeading, 0, "Judgements behind the percentages", "heading").merge(countsHeading, 0, countsHeading, 2);
  headers(countsHeading + 1, "countsHeader", ["Relevant", "Met"], ["Service", "Inspection dates", ""]);
  b.text(countsTotal, 0, "All services", "total").text(countsTotal, 1, "", "total").text(countsTotal, 2, "", "total");

  // Colour like the Summary: each band where it stands, each percentage by its band; the pooled,
  // median, lowest and highest rows by the pooled bands.
  figures.forEach((_, k) => {
    const c = pctColOf(k);
    if (n > 0) bandColours(b, `${at(first, c + 1)}:${at(pooledRow, c + 1)}`, { range: `${at(first, c)}:${at(pooledRow, c)}`, bandCell: at(first, c + 1) });
    percentColours(b, `${at(spreadRows.median, c)}:${at(spreadRows.highest, c)}`, at(spreadRows.median, c), r.bands);
  });

  return b.build({
    columnWidths: [30, 28, 8, ...figures.flatMap(() => [9, 19]), 8, 9, 9, 36],
    freeze: { rows: headerRow + 1, cols: 1 },
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: { first: groupRow, last: headerRow },
      footer: `Case inspections rolled up: ${plural(n, "service")}, generated ${generatedAtText(options.generatedAt)}`,
    },
    chart: null,
    marker: mark,
  });
}

function bandsText(r: Rollup): string {
  const b = r.bands;
  const rule =
    b.ratingScheme !== "none"
      ? "HMI Probation 2018: 80%+ Outstanding, 65–79% Good, 50–64% Requires improvement, below 50% Inadequate"
      : `strength at or above ${b.strengthThreshold}%, improvement needed at or below ${b.improvementThreshold}%`;
  return r.bandsAgreed ? `${rule} (as every workbook's Settings say)` : `${rule} (the defaults: the workbooks' Settings differ)`;
}

/**
 * Criteria: one row per criterion matched by ID and title, each service's percentage met, the
 * pooled percentage and its band, the median, lowest and highest of the services, the range, and
 * how to read it; what could not be compared is listed below, and below that the judgements behind
 * the percentages (met, then relevant), in the same columns.
 */
export function buildCriteriaLayout(r: Rollup, options: BuildRollupLayoutsOptions): SheetLayout {
  const kind = "rollup-criteria";
  const b = new SheetBuilder(kind, ROLLUP_SHEET_NAMES[kind], STYLES);
  const n = r.services.length;
  const s0 = 2;
  const p = s0 + n;
  const cols = { pooled: p, band: p + 1, median: p + 2, lowest: p + 3, highest: p + 4, range: p + 5, judged: p + 6, reading: p + 7 };
  const width = cols.reading;

  const judgements = r.criteria.reduce((k, c) => k + c.relevant, 0);
  const mark = marker(kind, options, `, from ${plural(n, "service")} and ${plural(judgements, "judgement")}.`);
  b.text(0, 0, `Criteria across ${plural(n, "service")}`, "title").merge(0, 0, 0, width);
  b.text(1, 0, mark, "marker").merge(1, 0, 1, width);
  b.text(
    2,
    0,
    "Each service's percentage met is a live formula over the judgements listed below (n/a: not in that service's framework; blank: no relevant cases). Pooled is every service's judgements together; median, lowest and highest are of the services' percentages. The reading is as when generated.",
    "marker",
  ).merge(2, 0, 2, width);
  b.text(3, 0, `Pooled bands: ${bandsText(r)}. A service stands apart when its 95% interval and the other services' do not overlap.`, "marker").merge(3, 0, 3, width);

  const headerRow = 5;
  const header = (rowAt: number, pooledLabel: string | null): void => {
    b.text(rowAt, 0, "ID", "header").text(rowAt, 1, "Criterion", "header");
    r.services.forEach((s, i) => b.text(rowAt, s0 + i, s.label, "headerCentre"));
    if (pooledLabel !== null) b.text(rowAt, cols.pooled, pooledLabel, "headerCentre");
  };
  header(headerRow, "Pooled % met");
  const heads: [number, string][] = [
    [cols.band, "Pooled band"],
    [cols.median, "Median"],
    [cols.lowest, "Lowest"],
    [cols.highest, "Highest"],
    [cols.range, "Range"],
    [cols.judged, "Services judged"],
    [cols.reading, "Reading"],
  ];
  for (const [c, h] of heads) b.text(headerRow, c, h, c === cols.reading ? "header" : "headerCentre");

  // Rows: a section heading before each section's criteria.
  let row = headerRow + 1;
  const criterionRows: number[] = [];
  let section: string | null = null;
  for (const c of r.criteria) {
    if (c.section !== section) {
      section = c.section;
      const title = r.sections.find((s) => s.number === section)?.title;
      b.text(row, 0, title ? `${section}  ${title}` : `Section ${section}`, "section").merge(row, 0, row, width);
      row++;
    }
    criterionRows.push(row++);
  }

  // What could not be compared.
  if (r.notCompared.length > 0) {
    row++;
    b.text(row, 0, "Not compared across every service", "heading").merge(row, 0, row, 1);
    row++;
    b.text(row, 0, "Criteria and sections are matched by ID and title, never by position. These are not in every service's framework, or are worded differently:", "note").merge(row, 0, row, width);
    row++;
    for (const x of r.notCompared) {
      b.text(row, 0, x.id, "id").text(row, 1, x.message, "text").merge(row, 1, row, Math.min(width, 1 + Math.max(n, 6)));
      row++;
    }
  }

  // The judgements behind the percentages: met, then relevant, a row per criterion.
  const block = (heading: string): number => {
    row++;
    b.text(row, 0, heading, "heading").merge(row, 0, row, 1);
    row++;
    header(row, "Pooled");
    row++;
    const top = row;
    r.criteria.forEach((c) => {
      b.text(row, 0, c.id, "id").text(row, 1, c.title, "text");
      row++;
    });
    return top;
  };
  const metTop = block("Judgements behind the percentages: met");
  const relTop = block("Judgements behind the percentages: relevant");

  r.criteria.forEach((c, k) => {
    const at0 = criterionRows[k]!;
    const metRow = metTop + k;
    const relRow = relTop + k;
    b.text(at0, 0, c.id, "id").text(at0, 1, c.title, "text");
    c.byService.forEach((f, i) => {
      if (!f) {
        for (const rr of [at0, metRow, relRow]) b.text(rr, s0 + i, "n/a", "notInFramework");
        return;
      }
      b.number(metRow, s0 + i, f.met, "smallCount").number(relRow, s0 + i, f.relevant, "smallCount");
      b.formula(at0, s0 + i, percentFormula(at(metRow, s0 + i), at(relRow, s0 + i)), pct(f.percent), "percent");
    });
    const span = (rr: number): string => `${at(rr, s0)}:${at(rr, s0 + Math.max(n, 1) - 1)}`;
    b.formula(metRow, cols.pooled, n === 0 ? "0" : `SUM(${span(metRow)})`, c.met, "totalCount");
    b.formula(relRow, cols.pooled, n === 0 ? "0" : `SUM(${span(relRow)})`, c.relevant, "totalCount");
    b.formula(at0, cols.pooled, percentFormula(at(metRow, cols.pooled), at(relRow, cols.pooled)), pct(c.percent), "percent");
    b.text(at0, cols.band, c.band, "band");
    const services = span(at0);
    b.formula(at0, cols.median, SPREAD_FORMULAS.median(services), pct(c.median), "percent");
    b.formula(at0, cols.lowest, SPREAD_FORMULAS.lowest(services), pct(c.lowest?.percent), "percent");
    b.formula(at0, cols.highest, SPREAD_FORMULAS.highest(services), pct(c.highest?.percent), "percent");
    const rangeValue = c.lowest && c.highest ? c.highest.percent - c.lowest.percent : "";
    b.formula(at0, cols.range, `IF(COUNT(${services})=0,"",100*(MAX(${services})-MIN(${services})))`, rangeValue, "points");
    b.formula(at0, cols.judged, `COUNT(${services})`, c.servicesJudged, "count");
    b.text(at0, cols.reading, readingText(c.reading, r.bands), "text");
  });

  if (criterionRows.length > 0) {
    const top = criterionRows[0]!;
    const bottom = criterionRows[criterionRows.length - 1]!;
    if (n > 0) percentColours(b, `${at(top, s0)}:${at(bottom, s0 + n - 1)}`, at(top, s0), r.bands);
    percentColours(b, `${at(top, cols.pooled)}:${at(bottom, cols.pooled)}`, at(top, cols.pooled), r.bands);
    percentColours(b, `${at(top, cols.median)}:${at(bottom, cols.highest)}`, at(top, cols.median), r.bands);
    bandColours(b, `${at(top, cols.band)}:${at(bottom, cols.band)}`);
  }

  const widths: number[] = [7, 46];
  for (let i = 0; i < n; i++) widths.push(12);
  widths.push(10, 19, 9, 9, 9, 9, 9, 48);
  return b.build({
    columnWidths: widths,
    freeze: { rows: headerRow + 1, cols: 2 },
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: { first: headerRow, last: headerRow },
      footer: `Criteria across ${plural(n, "service")}, generated ${generatedAtText(options.generatedAt)}`,
    },
    chart: null,
    marker: mark,
  });
}

/** Bar colours of the sections, in order (Office's palette; the overall figure is not charted). */
const SERIES_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"] as const;

/**
 * Chart: section scores across services — a column chart with the services along the bottom and
 * a bar per section, reading a table below it whose cells are live references to the Services
 * sheet's percentages (so a count corrected there moves the bars), blank where a service has no
 * relevant cases or the section is not in its framework.
 */
export function buildChartLayout(r: Rollup, options: BuildRollupLayoutsOptions): SheetLayout {
  const kind = "rollup-chart";
  const b = new SheetBuilder(kind, ROLLUP_SHEET_NAMES[kind], STYLES);
  const n = r.services.length;
  const sections = r.sections;
  const titles = [...sections.map((sec) => `${sec.number} ${sec.title}`), "Overall"];
  const services = servicesGeometry(r);
  const servicesSheet = `'${ROLLUP_SHEET_NAMES["rollup-services"]}'`;
  // The chart is as wide as the table or as the services' bars need (about 0.3 cm a bar, a column
  // 13 characters wide being about 2.5 cm), at most 60 columns.
  const widthCols = Math.max(titles.length + 1, 8, Math.min(60, 2 + Math.ceil((n * (sections.length + 1) * 0.3) / 2.5)));
  const width = Math.max(titles.length, widthCols - 1);

  const mark = marker(kind, options, `, from ${plural(n, "service")}.`);
  b.text(0, 0, `Section scores across ${plural(n, "service")}`, "title").merge(0, 0, 0, width);
  b.text(1, 0, mark, "marker").merge(1, 0, 1, width);
  b.text(2, 0, "Each bar: a service's % met in a section, from the table below (live from the Services sheet). No bar: no relevant cases, or not in its framework.", "marker").merge(2, 0, 2, width);

  const chartRow = 4;
  const heightRows = 16;
  const headerRow = chartRow + heightRows + 1;
  b.text(headerRow, 0, "Service", "header");
  titles.forEach((t, k) => b.text(headerRow, 1 + k, t, "headerCentre"));
  const first = headerRow + 1;
  const figureOf = (i: number, k: number): RollupFigure | null => (k < sections.length ? (sections[k]!.byService[i] ?? null) : r.services[i]!.workbook.overall);
  r.services.forEach((s, i) => {
    b.text(first + i, 0, s.label, "serviceName");
    titles.forEach((_, k) => {
      const source = `${servicesSheet}!${at(services.first + i, services.pctColOf(k))}`;
      const f = figureOf(i, k);
      b.formula(first + i, 1 + k, `IF(ISNUMBER(${source}),${source},"")`, pct(f?.percent ?? null), "percent");
    });
  });
  if (n > 0) titles.forEach((_, k) => percentColours(b, `${at(first, 1 + k)}:${at(first + n - 1, 1 + k)}`, at(first, 1 + k), r.bands));

  const last = first + Math.max(n, 1) - 1;
  const column = (k: number): string => `${at(first, 1 + k)}:${at(last, 1 + k)}`;
  const cached = (k: number): (number | null)[] => r.services.map((_, i) => {
    const p = figureOf(i, k)?.percent;
    return p === null || p === undefined ? null : p / 100;
  });
  const chart =
    sections.length === 0 || n === 0
      ? null
      : {
          title: `Section scores across services (% met)`,
          categories: `${at(first, 0)}:${at(last, 0)}`,
          values: column(0),
          seriesName: titles[0]!,
          cachedCategories: r.services.map((s) => s.label),
          cachedValues: cached(0),
          colour: SERIES_COLOURS[0],
          moreSeries: sections.slice(1).map((_, j) => ({ name: titles[j + 1]!, values: column(j + 1), cachedValues: cached(j + 1), colour: SERIES_COLOURS[(j + 1) % SERIES_COLOURS.length]! })),
          valueFormat: "0.0%",
          axisFormat: "0%",
          valueMax: 1,
          anchor: { row: chartRow, col: 0 },
          widthCols,
          heightRows,
        };

  const widths: number[] = [34];
  for (let c = 1; c <= width; c++) widths.push(13);
  return b.build({
    columnWidths: widths,
    freeze: null,
    print: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: null, footer: `Section scores across ${plural(n, "service")}, generated ${generatedAtText(options.generatedAt)}` },
    chart,
    marker: mark,
  });
}

/** Sources: every file given, in the order given: its size, SHA-256, when it was read, and what became of it. */
export function buildSourcesLayout(r: Rollup, options: BuildRollupLayoutsOptions): SheetLayout {
  const kind = "rollup-sources";
  const b = new SheetBuilder(kind, ROLLUP_SHEET_NAMES[kind], STYLES);
  const mark = marker(kind, options, `, from ${plural(r.sources.length, "file")}.`);
  b.text(0, 0, "Where the figures come from", "title").merge(0, 0, 0, 7);
  b.text(1, 0, mark, "marker").merge(1, 0, 1, 7);
  b.text(2, 0, "Every file given, in the order given. The SHA-256 identifies a file's exact contents: compute it again to check that a file is the one rolled up.", "marker").merge(2, 0, 2, 7);
  const headerRow = 4;
  ["File", "Size (bytes)", "SHA-256", "Last modified (UTC)", "Read at (UTC)", "Service", "Inspection dates", "What became of it"].forEach((h, c) =>
    b.text(headerRow, c, h, c === 1 ? "headerCentre" : "header"),
  );
  const bySource = new Map<unknown, RollupService>(r.services.map((s) => [s.workbook.source, s]));
  const time = (iso: string | null): string => (iso === null ? "" : iso.replace("T", " ").replace(/(\.\d+)?Z$/, ""));
  let row = headerRow + 1;
  for (const { source, status } of r.sources) {
    b.text(row, 0, source.file, "text");
    if (source.bytes !== null) b.number(row, 1, source.bytes, "bytes");
    b.text(row, 2, source.sha256 ?? "", "hash").text(row, 3, time(source.modifiedAt), "id").text(row, 4, time(source.readAt), "id");
    const service = bySource.get(source);
    if (service) b.text(row, 5, service.label, "text").text(row, 6, inspectionDates(service.workbook.inspectionStart, service.workbook.inspectionEnd), "text");
    b.text(row, 7, status, "text");
    row++;
  }
  return b.build({
    columnWidths: [36, 12, 68, 20, 20, 28, 24, 60],
    freeze: { rows: headerRow + 1, cols: 1 },
    print: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: { first: headerRow, last: headerRow }, footer: `Sources of the roll-up, generated ${generatedAtText(options.generatedAt)}` },
    chart: null,
    marker: mark,
  });
}
