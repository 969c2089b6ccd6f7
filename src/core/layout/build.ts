/**
 * Builds the generated sheets from an analysis: the Summary (live formulas over the case data,
 * with the engine's values cached, on one landscape page with its chart) and Strengths &
 * improvements (report sentences with the evidence that fits each, paged so headings stay with
 * what follows).
 *
 * Each sheet is built in named steps (heading, table, interviews, section scores, colours…), each
 * taking the builder and the next free row and returning the row after what it wrote, so a step
 * can be added without reading the others.
 */
import type { Analysis } from "../analyse";
import { changeMarker, previousFigureText, roundPoints, type Comparison, type FigureChange } from "../comparison";
import type { CaseTable } from "../cases";
import type { Criterion } from "../framework";
import { selectFindings, type Evidence, type Finding, type SelectFindingsOptions } from "../findings";
import { capitalise, leftOutShort } from "../phrases";
import { describeScoreBands, PERCENT_BANDS } from "../ratings";
import type { CriterionStats, SectionStats } from "../statistics";
import { SHEET_NAMES } from "../template";
import { bandColourConditions, bandFormula, bandText } from "./bands";
import { countFormula } from "./formulas";
import { formatWithInterval, wilsonInterval, Z_95 } from "../interval";
import { GENERATED_MARKER_PREFIX, sheetReference, type CellStyle, type ChartSpec, type SheetLayout } from "./model";
import { buildModerationSheet, MODERATION_COUNT_CHANGE_COLUMNS, type ModerationListRange } from "./moderation-sheet";
import { buildActionPlanSheet } from "./action-plan-sheet";
import { buildPreviousSheet } from "./previous-sheet";
import { SheetBuilder } from "./sheet-builder";
import { BANNER_STYLE, judgementsKept, outOfDate, STALE_STYLE, textWhileUnchanged, unchanged, writeBanner, type KeptCount } from "./stale";
import { columnTextWidth, generatedAtText, inspectionDates, lineHeight, splitToLines, wrapText } from "./text";


export interface BuildReportLayoutsOptions extends SelectFindingsOptions {
  /** When the sheets are generated (shown on them; pass a fixed date for identical output). */
  readonly generatedAt: Date;
  /**
   * Where the Moderation sheet built with the Summary has its list, whose count changes the
   * Summary's live counts add (buildReportLayouts passes it).
   */
  readonly moderationList?: ModerationListRange | null;
  /**
   * The fingerprints of the judgements the sheets are built from, which the banners and the
   * Summary's facts line compare with: the Cases table's, and the Moderation sheet's moderated
   * judgements (buildReportLayouts passes them; the Cases table's alone when absent).
   */
  readonly judgements?: readonly KeptCount[];
}

/** The judgements a build compares with: those given, else the Cases table's. */
function judgementsOf(a: Analysis, options: BuildReportLayoutsOptions): readonly KeptCount[] {
  return options.judgements ?? [judgementsKept(a.cases.grid)];
}

const BLUE = "1F4E79";
const GREY_TEXT = "595959";
/** The font the row heights are measured for (Carlito is its metric-compatible stand-in). */
const FONT = "Calibri";

const styles = (s: Record<string, CellStyle>): Readonly<Record<string, CellStyle>> =>
  Object.fromEntries(Object.entries(s).map(([name, style]) => [name, { font: FONT, ...style }]));

/** The named styles both generated sheets use. */
export const REPORT_STYLES: Readonly<Record<string, CellStyle>> = styles({
  title: { bold: true, size: 16, colour: BLUE, wrap: true, vertical: "top" },
  marker: { italic: true, size: 9, colour: GREY_TEXT, vertical: "top" },
  label: { bold: true, vertical: "top" },
  value: { horizontal: "left", vertical: "top", wrap: true },
  header: { bold: true, colour: "FFFFFF", fill: BLUE, wrap: true, vertical: "middle", border: ["bottom"], borderColour: "FFFFFF" },
  headerCentre: { bold: true, colour: "FFFFFF", fill: BLUE, wrap: true, vertical: "middle", horizontal: "center", border: ["bottom"], borderColour: "FFFFFF" },
  section: { bold: true, fill: "DDEBF7", colour: BLUE, vertical: "top", wrap: true },
  sectionCount: { bold: true, fill: "DDEBF7", colour: BLUE, horizontal: "center", vertical: "top", numberFormat: "0" },
  sectionPercent: { bold: true, fill: "DDEBF7", colour: BLUE, horizontal: "center", vertical: "top", numberFormat: "0.0%" },
  sectionBand: { bold: true, fill: "DDEBF7", colour: BLUE, horizontal: "center", vertical: "top" },
  sectionNote: { italic: true, fill: "DDEBF7", colour: BLUE, vertical: "top", wrap: true },
  id: { vertical: "top" },
  decidingId: { bold: true, vertical: "top" },
  deciding: { bold: true, wrap: true, vertical: "top" },
  text: { wrap: true, vertical: "top" },
  count: { horizontal: "center", vertical: "top", numberFormat: "0" },
  percent: { horizontal: "center", vertical: "top", numberFormat: "0.0%" },
  band: { horizontal: "center", vertical: "top" },
  total: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", vertical: "top" },
  totalCount: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", horizontal: "center", vertical: "top", numberFormat: "0" },
  totalPercent: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", horizontal: "center", vertical: "top", numberFormat: "0.0%" },
  overall: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], vertical: "top" },
  overallCount: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], horizontal: "center", vertical: "top", numberFormat: "0" },
  overallPercent: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], horizontal: "center", vertical: "top", numberFormat: "0.0%" },
  overallBand: { bold: true, fill: "D9D9D9", border: ["top", "bottom"], horizontal: "center", vertical: "top" },
  note: { italic: true, colour: GREY_TEXT, wrap: true, vertical: "top" },
  banner: BANNER_STYLE,
  heading: { bold: true, size: 13, colour: BLUE, border: ["bottom"], borderColour: BLUE, vertical: "bottom" },
  findingId: { bold: true, vertical: "top" },
  sentence: { bold: true, wrap: true, vertical: "top" },
  evidenceLabel: { size: 10, colour: GREY_TEXT, vertical: "top" },
  evidence: { size: 10, wrap: true, vertical: "top" },
  evidenceNote: { size: 10, italic: true, colour: GREY_TEXT, wrap: true, vertical: "top" },
});

const POINTS = '+0.0;"−"0.0;0.0';
/** The Summary's styles for the change in points, with a previous inspection. */
const CHANGE_STYLES: Readonly<Record<string, CellStyle>> = {
  change: { ...REPORT_STYLES.count, numberFormat: POINTS },
  sectionChange: { ...REPORT_STYLES.sectionCount, numberFormat: POINTS },
  overallChange: { ...REPORT_STYLES.overallCount, numberFormat: POINTS },
};

const pct = (p: number | null): number | string => (p === null ? "" : p / 100);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The Summary and Strengths & improvements layouts for an analysis.
 * @example buildReportLayouts(analysis, { generatedAt: new Date() }).map((l) => l.name) // ["Summary", "Strengths & improvements"]
 */
export function buildReportLayouts(analysis: Analysis, options: BuildReportLayoutsOptions): SheetLayout[] {
  const moderation = buildModerationSheet(analysis, options);
  // What every sheet of static text compares with: the Cases table's judgements, and the moderated ones.
  const judged = { ...options, judgements: [judgementsKept(analysis.cases.grid), ...(moderation?.judgements ? [moderation.judgements] : [])] };
  const improvements = [...selectFindings(analysis, options).improvements].sort((x, y) => analysis.criteria.indexOf(x.criterion) - analysis.criteria.indexOf(y.criterion));
  const actionPlan = buildActionPlanSheet(analysis, improvements, judged);
  const previous = buildPreviousSheet(analysis, options);
  return [
    buildSummaryLayout(analysis, { ...judged, moderationList: moderation?.list ?? null }),
    buildStrengthsLayout(analysis, judged),
    ...(actionPlan ? [actionPlan.layout] : []),
    ...(moderation ? [moderation.layout] : []),
    ...(previous ? [previous] : []),
  ];
}

/** The footer: service, sheet and date, short enough for a portrait page's footer line. */
function footerText(a: Analysis, sheet: string, at: Date): string {
  const service = a.settings.serviceName.length > 48 ? `${a.settings.serviceName.slice(0, 47).trimEnd()}…` : a.settings.serviceName;
  return [service, sheet, `generated ${generatedAtText(at).replace(/ at .*$/, "")}`].filter((t) => t !== "").join(" · ");
}

function serviceName(a: Analysis): string {
  return a.settings.serviceName === "" ? "Service not named (set it in Settings)" : a.settings.serviceName;
}

// ------------------------------------------------------------------------------------------
// Summary

/** Summary columns, zero-based. */
const COL = { id: 0, title: 1, relevant: 2, met: 3, notMet: 4, percent: 5, band: 6, phrase: 7, interval: 8 } as const;
/** The last column, the percentage with its 95% interval, can be hidden without touching the rest. */
const SUMMARY_WIDTHS = [6, 54, 9, 7, 9, 8, 20, 50, 15];
/** With a previous inspection, three columns more: its figure, the change in points, the marker. */
const CHANGE_HEADERS = ["Last inspection", "Change (points)", "Since last inspection"] as const;
const CHANGE_WIDTHS = [15, 9, 32];
/** How a change is called, as the Summary says it. */
const CHANGE_RULE =
  "A change is called improved or declined only when the 95% interval of the difference (Newcombe's hybrid score method) leaves out zero; otherwise no clear change, since with few cases a large change can be chance.";

const LAST_COL = SUMMARY_WIDTHS.length - 1;
/** Up to this many criteria and interview questions, the Summary prints on one page. */
export const SUMMARY_ONE_PAGE_ROWS = 40;

/** A row of scores (criterion, section, overall, interview question) on the Summary. */
interface ScoreRow {
  readonly row: number;
  readonly kind: "criterion" | "section" | "overall" | "overall-by-score" | "interview";
}

/**
 * The Summary sheet: facts, one row per criterion grouped under section rows carrying the section
 * totals, an overall row, staff interviews, and the section scores with their chart; counts,
 * percentages and bands are live formulas over the case data.
 * @example buildSummaryLayout(analysis, { generatedAt }).cells.length
 */
export function buildSummaryLayout(a: Analysis, options: BuildReportLayoutsOptions): SheetLayout {
  const cmp = a.comparison;
  const b = new SheetBuilder("summary", SHEET_NAMES.summary, cmp ? { ...REPORT_STYLES, ...CHANGE_STYLES } : REPORT_STYLES);
  const marker = summaryMarker(a, options.generatedAt);
  let r = writeSummaryHeading(b, a, marker, options);
  const headerRow = r;
  r = writeTableHeader(b, a, r);
  const scores: ScoreRow[] = [];
  const sections: SectionRows[] = [];
  r = writeCriteria(b, a, r, scores, sections, options.moderationList ?? null);
  r = writeOverall(b, a, r, scores, sections) + 1;
  r = writeInterviews(b, a, r, scores);
  const chart = writeSectionScores(b, r, sections, cmp);
  colourScores(b, a, scores);
  markStale(b, scores);
  if (cmp) writeChanges(b, a, cmp, headerRow, scores, sections);

  const onePage = a.criteria.length + (a.interviews?.cases.length ? a.interviewStats.length : 0) <= SUMMARY_ONE_PAGE_ROWS;
  return b.build({
    columnWidths: cmp ? [...SUMMARY_WIDTHS, ...CHANGE_WIDTHS] : SUMMARY_WIDTHS,
    freeze: { rows: headerRow + 1, cols: 0 },
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: onePage ? 1 : 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      repeatRows: { first: headerRow, last: headerRow },
      footer: footerText(a, "Summary", options.generatedAt),
    },
    chart,
    marker,
  });
}

function summaryMarker(a: Analysis, at: Date): string {
  const judgements = a.overall.relevant;
  return `${GENERATED_MARKER_PREFIX} (Summary) on ${generatedAtText(at)}, from ${plural(judgements, "judgement", "judgements")}.`;
}

/**
 * Title, marker, what is live, and the facts of the inspection in two lines (the counts in them
 * said to be as built once the judgements change). Returns the next row.
 */
function writeSummaryHeading(b: SheetBuilder, a: Analysis, marker: string, options: BuildReportLayoutsOptions): number {
  const s = a.settings;
  const at = options.generatedAt;
  const line = (row: number, text: string, style: string): void => {
    b.text(row, 0, text, style).merge(row, 0, row, LAST_COL);
  };
  line(0, `Case inspection summary: ${serviceName(a)}`, "title");
  line(1, marker, "marker");
  const sheets = a.interviews ? `${a.cases.sheet} and ${a.interviews.sheet} sheets` : `${a.cases.sheet} sheet`;
  const moderated = a.moderation ? " (with the Moderation sheet's moderated judgements)" : "";
  line(2, `Counts, percentages, intervals and ratings are live formulas over the ${sheets}${moderated}; a phrase${a.comparison ? " or a change since the last inspection" : ""} whose counts have changed says "${outOfDate(SHEET_NAMES.summary)}".`, "marker");
  const m = a.moderation;
  const facts =
    `Inspection dates: ${inspectionDates(s.inspectionStart, s.inspectionEnd)}. Cases inspected: ${a.cases.cases.length}. ` +
    `Judgements counted: ${a.overall.relevant}. Not yet judged: ${a.overall.unjudged}. Cells left out for errors: ${a.excludedCells}.` +
    (m ? ` Judgements moderated after second marking: ${m.moderated} (${m.changed} counted differently from the first marker's; ${m.open} still to moderate).` : "");
  const stale = `${facts} These figures are as built on ${generatedAtText(at)}: judgements have changed since, so build the Summary again.`;
  b.formula(3, 0, textWhileUnchanged(facts, judgementsOf(a, options), stale), facts, "value").merge(3, 0, 3, LAST_COL);
  // As tall as the longer wording; red once it is the stale one.
  b.height(3, wrapText(stale, columnTextWidth(SUMMARY_WIDTHS.reduce((x, y) => x + y, 0)), REPORT_STYLES.value!).length * lineHeight(11));
  const cell = SheetBuilder.at(3, 0);
  b.conditional({ kind: "expression", range: cell, formula: `ISNUMBER(SEARCH("judgements have changed since",${absolute(cell)}))`, style: STALE_STYLE });
  const rating =
    s.ratingScheme === "none"
      ? ""
      : ` Ratings (HMI Probation 2018): ${PERCENT_BANDS.map((band, i) => (i === PERCENT_BANDS.length - 1 ? `${band.rating} below ${PERCENT_BANDS[i - 1]!.from}%` : `${band.rating} from ${band.from}%`)).join(", ")}.`;
  line(4, `Key strengths: ${s.strengthThreshold}% met or more; areas requiring improvement: ${s.improvementThreshold}% or less.${rating}`, "value");
  let r = 5;
  if (a.comparison) line(r++, `${a.comparison.compared} ${CHANGE_RULE}`, "value");
  if (a.errors > 0) {
    line(
      r++,
      `${plural(a.errors, "error was", "errors were")} found when checking the cases: the cells concerned are left out of these counts. ` +
        "The add-in's Check cases, or inspection-workbook validate, lists them.",
      "note",
    );
  }
  return r + 1;
}

function writeTableHeader(b: SheetBuilder, a: Analysis, r: number): number {
  const band = a.settings.ratingScheme === "none" ? "Band" : "Rating";
  ["ID", "Criterion", "Relevant", "Met", "Not met", "% met", band, "Phrase", "% met (95% interval)"].forEach((h, c) =>
    b.text(r, c, h, (c >= COL.relevant && c <= COL.band) || c === COL.interval ? "headerCentre" : "header"),
  );
  return r + 1;
}

/** Relevant, met, not met, % and band of one row: the counts given as formulas or numbers. */
function writeScores(
  b: SheetBuilder,
  a: Analysis,
  row: number,
  counts: { met: string | number; notMet: string | number },
  stats: Pick<CriterionStats, "relevant" | "met" | "notMet" | "percent" | "band" | "rating" | "tooFew">,
  look: { count: string; percent: string; band: string },
  /** Band words the rule cannot compute from this row (a rating by the sections' scores), shown while `kept` holds. */
  fixedBand?: { readonly text: string; readonly kept: readonly KeptCount[] },
): void {
  const at = SheetBuilder.at;
  const put = (col: number, value: string | number, result: number): void => {
    if (typeof value === "number") b.number(row, col, value, look.count);
    else b.formula(row, col, value, result, look.count);
  };
  put(COL.met, counts.met, stats.met);
  put(COL.notMet, counts.notMet, stats.notMet);
  const relevant = at(row, COL.relevant);
  const met = at(row, COL.met);
  b.formula(row, COL.relevant, `${met}+${at(row, COL.notMet)}`, stats.relevant, look.count);
  b.formula(row, COL.percent, `IF(${relevant}=0,"",${met}/${relevant})`, pct(stats.percent), look.percent);
  const percent = stats.relevant === 0 ? null : (100 * stats.met) / stats.relevant;
  b.formula(row, COL.interval, intervalFormula(relevant, met), formatWithInterval(percent, wilsonInterval(stats.met, stats.relevant)), look.band);
  if (fixedBand !== undefined) b.formula(row, COL.band, textWhileUnchanged(fixedBand.text, fixedBand.kept, STALE_SUMMARY), fixedBand.text, look.band);
  else b.formula(row, COL.band, bandFormula(relevant, met, a.settings), bandText(stats), look.band);
}

/**
 * The live "58% (36–77%)" of a row: the percentage and its 95% Wilson interval in whole
 * percentages, as formatWithInterval writes them, from the row's relevant and met cells.
 * @example intervalFormula("C9", "D9") // 'IF(C9=0,"",TEXT(D9/C9,"0%")&" ("&…&")")'
 */
export function intervalFormula(relevant: string, met: string): string {
  const n = relevant;
  const p = `(${met}/${n})`;
  const z = String(Z_95);
  const z2 = String(Z_95 * Z_95);
  const spread = `${z}*SQRT(${p}*(1-${p})/${n}+${z2}/(4*${n}^2))`;
  const low = `IF(${met}=0,0,(${p}+${z2}/(2*${n})-${spread})/(1+${z2}/${n}))`;
  const high = `IF(${met}=${n},1,(${p}+${z2}/(2*${n})+${spread})/(1+${z2}/${n}))`;
  // Whole percentages rounded half up from the value to nine places, as formatWithInterval does:
  // 23 of 40 is 57.5%, which TEXT of the binary 0.575 would make 57%.
  const whole = (x: string): string => `TEXT(ROUND(100*${x},9),"0")`;
  return `IF(${n}=0,"",${whole(p)}&"% ("&${whole(low)}&"–"&${whole(high)}&"%)")`;
}

const CRITERION_LOOK = { count: "count", percent: "percent", band: "band" };

/** One criterion or interview question: live counts over its column, phrase as generated. */
/** `decides`: the criterion whose percentage is its section's (rule: lowest), in bold. */
function writeCriterionRow(
  b: SheetBuilder,
  a: Analysis,
  row: number,
  c: CriterionStats,
  crit: Criterion,
  table: CaseTable | null,
  decides = false,
  moderation: ModerationListRange | null = null,
): void {
  b.text(row, COL.id, c.id, decides ? "decidingId" : "id").text(row, COL.title, c.title, decides ? "deciding" : "text");
  const col = table?.columns.criteria.get(c.id);
  const counts =
    table && col !== undefined
      ? {
          met: countFormula(table, col, crit.appliesTo, "Yes") + moderationChange(moderation, c.id, "Yes"),
          notMet: countFormula(table, col, crit.appliesTo, "No") + moderationChange(moderation, c.id, "No"),
        }
      : { met: c.met, notMet: c.notMet };
  writeScores(b, a, row, counts, c, CRITERION_LOOK);
  const leftOut = leftOutShort(c.excluded, c.unjudged);
  if (!c.hasColumn) {
    b.text(row, COL.phrase, `no column for this criterion in the ${table?.sheet ?? "Cases"} sheet`, "text");
    return;
  }
  // The phrase is the engine's words for these counts: shown while the live counts are still them.
  const phrase = `${c.phrase}${leftOut ? ` (${leftOut})` : ""}`;
  b.formula(row, COL.phrase, textWhileUnchanged(phrase, keptCounts(row, c), STALE_SUMMARY), phrase, "text");
}

const STALE_SUMMARY = outOfDate(SHEET_NAMES.summary);

/** "A4" as "$A$4". */
const absolute = (a1: string): string => a1.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");

/** The kept counts of every criterion row of a section. */
function keptRows(a: Analysis, criterionRows: ReadonlyMap<string, number>): KeptCount[] {
  return [...criterionRows].flatMap(([id, row]) => keptCounts(row, a.criteria.find((c) => c.id === id)!));
}

/** A score row's live Met and Not met cells, with the counts the engine gave them. */
function keptCounts(row: number, c: Pick<CriterionStats, "met" | "notMet">): KeptCount[] {
  return [
    { cell: SheetBuilder.at(row, COL.met), value: c.met },
    { cell: SheetBuilder.at(row, COL.notMet), value: c.notMet },
  ];
}

/**
 * What the Moderation sheet's rows of a criterion change in its Yes or No count (their "Change to
 * Yes/No count" cells), added to the count over Cases: "" without a Moderation list.
 * @example moderationChange({ first: 9, last: 12 }, "2.1", "Yes") // '+SUMPRODUCT((LEFT(⟦moderation⟧!$B$10:$B$13,4)="2.1 ")*⟦moderation⟧!$K$10:$K$13)'
 */
export function moderationChange(list: ModerationListRange | null, criterionId: string, answer: "Yes" | "No"): string {
  if (!list || list.last < list.first) return "";
  const sheet = sheetReference("moderation");
  const column = (col: number): string => {
    const letter = SheetBuilder.at(0, col).replace(/\d+$/, "");
    return `${sheet}!$${letter}$${list.first + 1}:$${letter}$${list.last + 1}`;
  };
  const key = `${criterionId} `;
  const changes = MODERATION_COUNT_CHANGE_COLUMNS[answer === "Yes" ? "yes" : "no"];
  return `+SUMPRODUCT((LEFT(${column(MODERATION_COUNT_CHANGE_COLUMNS.criterion)},${key.length})="${key}")*${column(changes)})`;
}

/** A section's row and the rows of its criteria. */
interface SectionRows {
  readonly section: SectionStats;
  readonly row: number;
  /** Zero-based rows of its criteria, first and last (last < first when it has none). */
  readonly first: number;
  readonly last: number;
  /** The row of each of its criteria, by ID. */
  readonly criterionRows: ReadonlyMap<string, number>;
}

/**
 * Per section: a section row carrying its figure, then its criteria. The figure follows the
 * section's rule: pooled, the sums of the rows below; lowest criterion, that criterion's counts;
 * rated by hand, the rating entered (no counts).
 */
function writeCriteria(
  b: SheetBuilder,
  a: Analysis,
  r: number,
  scores: ScoreRow[],
  sections: SectionRows[],
  moderation: ModerationListRange | null,
): number {
  const at = SheetBuilder.at;
  for (const section of a.sections) {
    const sectionRow = r++;
    const first = r;
    const criterionRows = new Map<string, number>();
    a.criteria.forEach((c, k) => {
      if (c.section !== section.number) return;
      writeCriterionRow(b, a, r, c, a.framework.criteria[k]!, a.cases, c.id === section.decidedBy, moderation);
      criterionRows.set(c.id, r);
      scores.push({ row: r++, kind: "criterion" });
    });
    b.text(sectionRow, COL.id, section.number, "section").text(sectionRow, COL.title, section.title, "section");
    const look = { count: "sectionCount", percent: "sectionPercent", band: "sectionBand" };
    const notes: string[] = [];
    if (section.rule === "by-hand") {
      for (const col of [COL.relevant, COL.met, COL.notMet, COL.percent, COL.interval]) b.text(sectionRow, col, "", look.count);
      b.text(sectionRow, COL.band, section.rating ?? "Not rated yet", look.band);
      notes.push("Rated by hand in the Criteria sheet");
    } else {
      // Lowest criterion, live: the counts of the row with the lowest % (the first on a tie, as the
      // engine takes it), so an edit that changes which criterion is lowest is followed.
      const pcts = `${at(first, COL.percent)}:${at(r - 1, COL.percent)}`;
      const lowest = (col: number): string => `IFERROR(INDEX(${at(first, col)}:${at(r - 1, col)},MATCH(MIN(${pcts}),${pcts},0)),0)`;
      const counts =
        section.rule === "lowest"
          ? r > first
            ? { met: lowest(COL.met), notMet: lowest(COL.notMet) }
            : { met: "0", notMet: "0" }
          : { met: r > first ? `SUM(${at(first, COL.met)}:${at(r - 1, COL.met)})` : "0", notMet: r > first ? `SUM(${at(first, COL.notMet)}:${at(r - 1, COL.notMet)})` : "0" };
      writeScores(b, a, sectionRow, counts, section, look);
      if (section.rule === "lowest") notes.push(section.decidedBy === null ? "Its lowest criterion (none judged yet)" : `Its lowest criterion, ${section.decidedBy}`);
    }
    if (!section.counted) notes.push("not counted in the overall figure");
    const note = notes.length === 0 ? "" : `${capitalise(notes.join("; "))}.`;
    // Which criterion is lowest holds only while its criteria's counts are those it was found from.
    if (section.rule === "lowest" && section.decidedBy !== null) {
      b.formula(sectionRow, COL.phrase, textWhileUnchanged(note, keptRows(a, criterionRows), STALE_SUMMARY), note, "sectionNote");
    } else b.text(sectionRow, COL.phrase, note, "sectionNote");
    scores.push({ row: sectionRow, kind: "section" });
    sections.push({ section, row: sectionRow, first, last: r - 1, criterionRows });
  }
  return r;
}

/**
 * All criteria together: every judgement of the counted sections, pooled (the sums of their
 * criteria's rows), banded by the one rule; under a score sum, the rating the engine gave the
 * sections' scores. Returns the next row.
 */
function writeOverall(b: SheetBuilder, a: Analysis, r: number, scores: ScoreRow[], sections: readonly SectionRows[]): number {
  const at = SheetBuilder.at;
  const counted = sections.filter((s) => s.section.counted && s.last >= s.first);
  const sum = (col: number): string => (counted.length === 0 ? "0" : counted.map((s) => `SUM(${at(s.first, col)}:${at(s.last, col)})`).join("+"));
  const look = { count: "overallCount", percent: "overallPercent", band: "overallBand" };
  b.text(r, COL.id, "", "overall").text(r, COL.title, "All criteria", "overall");
  // Under a score sum, the rating of the sections' scores added up is written as the engine gave
  // it, shown while the counts of the criteria behind those scores are unchanged.
  const byScore = a.overall.rule === "score-sum";
  const kept = counted.flatMap((s) => keptRows(a, s.criterionRows));
  writeScores(b, a, r, { met: sum(COL.met), notMet: sum(COL.notMet) }, a.overall, look, byScore ? { text: a.overall.rating ?? "Not rated yet", kept } : undefined);
  if (byScore) {
    const note =
      a.overall.unrated.length > 0
        ? `Rated by the sections' scores once every counted section is rated (${a.overall.unrated.join(", ")} not yet).`
        : `Score ${a.overall.score ?? 0} of ${a.overall.maxScore ?? 0} (${describeScoreBands(a.overall.bands ?? [])}).`;
    b.formula(r, COL.phrase, textWhileUnchanged(note, kept, STALE_SUMMARY), note, "overall");
  } else b.text(r, COL.phrase, "", "overall");
  scores.push({ row: r, kind: a.overall.rule === "score-sum" ? "overall-by-score" : "overall" });
  return r + 1;
}

/** The staff-interview questions, only when someone was interviewed. Returns the next row. */
function writeInterviews(b: SheetBuilder, a: Analysis, r: number, scores: ScoreRow[]): number {
  if (!a.interviews || a.interviews.cases.length === 0 || a.interviewStats.length === 0) return r;
  b.text(r, 0, `Staff interviews (${a.interviews.cases.length} interviewed)`, "section").merge(r, 0, r, LAST_COL);
  r++;
  a.interviewStats.forEach((q, k) => {
    writeCriterionRow(b, a, r, q, a.framework.interviewQuestions[k]!, a.interviews);
    scores.push({ row: r++, kind: "interview" });
  });
  return r + 1;
}

/** Section names and scores in one block (what the chart reads), with the chart beside them. */
function writeSectionScores(b: SheetBuilder, r: number, sections: readonly SectionRows[], cmp: Comparison | null): ChartSpec | null {
  // A section rated by hand has no percentage to chart.
  const charted = sections.filter((s) => s.section.rule !== "by-hand");
  if (charted.length === 0) return null;
  const at = SheetBuilder.at;
  const previousScore = (section: SectionStats): number | null => {
    const p = cmp?.sections.find((x) => x.number === section.number)?.previous.percent ?? null;
    return p === null ? null : p / 100;
  };
  b.text(r, 0, "Section scores", "header").merge(r, 0, r, 1).text(r, 2, "% met", "headerCentre");
  // With a previous inspection, its section scores beside this one's.
  if (cmp) b.text(r, 3, "Last time", "headerCentre");
  const first = r + 1;
  charted.forEach(({ section, row }, i) => {
    b.text(first + i, 0, `${section.number} ${section.title}`, "text").merge(first + i, 0, first + i, 1);
    b.formula(first + i, 2, at(row, COL.percent), pct(section.percent), "percent");
    const before = previousScore(section);
    if (before !== null) b.number(first + i, 3, before, "percent");
    else if (cmp) b.text(first + i, 3, "", "percent");
  });
  const last = first + charted.length - 1;
  const heightRows = Math.max(9, charted.length + 3);
  return {
    title: "Section scores (% met)",
    categories: `${at(first, 0)}:${at(last, 0)}`,
    values: `${at(first, 2)}:${at(last, 2)}`,
    // With a previous inspection, its scores as a second series (and a legend).
    ...(cmp
      ? {
          seriesName: "This inspection",
          moreSeries: [{ name: "Last inspection", values: `${at(first, 3)}:${at(last, 3)}`, cachedValues: charted.map(({ section }) => previousScore(section)), colour: "A5A5A5" }],
        }
      : {}),
    cachedCategories: charted.map(({ section }) => `${section.number} ${section.title}`),
    cachedValues: charted.map(({ section }) => (section.percent === null ? null : section.percent / 100)),
    valueFormat: "0.0%",
    axisFormat: "0%",
    valueMax: 1,
    colour: "5B9BD5",
    anchor: { row: r, col: cmp ? 4 : 3 },
    widthCols: 5,
    heightRows,
  };
}

/**
 * With a previous inspection: its figure ("89% (17 of 19)"), the change in points and the marker
 * (Improved / Declined / No clear change, or Not compared) on every criterion, section, overall
 * and interview row, in three columns after the interval. The change and the marker are the
 * engine's (an interval a formula does not recompute), shown while the counts behind the row are
 * those they were made from: then the points go blank and the marker says it is out of date.
 */
function writeChanges(b: SheetBuilder, a: Analysis, cmp: Comparison, headerRow: number, scores: readonly ScoreRow[], sections: readonly SectionRows[]): void {
  const at = SheetBuilder.at;
  const [figureCol, pointsCol, markerCol] = [COL.interval + 1, COL.interval + 2, COL.interval + 3];
  CHANGE_HEADERS.forEach((h, i) => b.text(headerRow, figureCol + i, h, "headerCentre"));
  const write = (row: number, change: FigureChange | undefined, sameCriteria: boolean, look: "" | "section" | "overall", kept: readonly KeptCount[]): void => {
    const text = look === "" ? "band" : `${look}Band`;
    const points = look === "" ? "change" : `${look}Change`;
    if (!change) {
      b.text(row, figureCol, "–", text).text(row, pointsCol, "", points).text(row, markerCol, "Not compared", text);
      return;
    }
    b.text(row, figureCol, previousFigureText(change.previous), text);
    if (change.change === null) b.text(row, pointsCol, "", points);
    else if (kept.length === 0) b.number(row, pointsCol, roundPoints(change.change), points);
    else b.formula(row, pointsCol, `IF(${unchanged(kept)},${roundPoints(change.change)},"")`, roundPoints(change.change), points);
    const marker = changeMarker(change, sameCriteria);
    b.formula(row, markerCol, textWhileUnchanged(marker, kept, STALE_SUMMARY), marker, text);
  };
  for (const s of sections) {
    const change = cmp.sections.find((x) => x.number === s.section.number);
    // A section's figure rests on every criterion of it (its sum, or which is lowest).
    write(s.row, change, change?.sameCriteria ?? true, "section", keptRows(a, s.criterionRows));
    for (const [id, row] of s.criterionRows) write(row, cmp.criteria.find((x) => !x.interview && x.id === id), true, "", keptCounts(row, a.criteria.find((c) => c.id === id)!));
  }
  const overall = scores.find((x) => x.kind === "overall" || x.kind === "overall-by-score");
  if (overall) write(overall.row, cmp.overall ?? undefined, cmp.overall?.sameCriteria ?? true, "overall", keptCounts(overall.row, a.overall));
  const interviewRows = scores.filter((x) => x.kind === "interview");
  a.interviewStats.forEach((q, i) => {
    const row = interviewRows[i]?.row;
    if (row !== undefined) write(row, cmp.criteria.find((x) => x.interview && x.id === q.id), true, "", keptCounts(row, q));
  });
  const rows = scores.map((x) => x.row);
  const range = `${at(Math.min(...rows, headerRow + 1), markerCol)}:${at(Math.max(...rows, headerRow + 1), markerCol)}`;
  b.conditional({ kind: "text-equals", range, text: "Improved", style: { fill: "C6EFCE", colour: "006100" } });
  b.conditional({ kind: "text-equals", range, text: "Declined", style: { fill: "FFC7CE", colour: "9C0006" } });
  b.conditional({ kind: "text-equals", range, text: STALE_SUMMARY, style: STALE_STYLE });
}

/**
 * Colour by band, live: the percentage and band cells of every score row follow the one band
 * rule (rating scheme or thresholds) applied to the row's own counts.
 */
function colourScores(b: SheetBuilder, a: Analysis, scores: readonly ScoreRow[]): void {
  if (scores.length === 0) return;
  const rows = scores.map((s) => s.row);
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const at = SheetBuilder.at;
  const relevant = `$${at(top, COL.relevant)}`;
  const met = `$${at(top, COL.met)}`;
  // A band written as the engine gave it (an overall rating by score) is not coloured by the rule.
  const fixed = scores.filter((s) => s.kind === "overall-by-score").map((s) => s.row);
  const runs = (col: number): string[] => {
    const out: string[] = [];
    let start = top;
    for (const row of [...(col === COL.band ? fixed : []).sort((x, y) => x - y), bottom + 1]) {
      if (row > start) out.push(`${at(start, col)}:${at(row - 1, col)}`);
      start = row + 1;
    }
    return out;
  };
  for (const { formula, style } of bandColourConditions(relevant, met, a.settings)) {
    for (const col of [COL.percent, COL.band]) for (const range of runs(col)) b.conditional({ kind: "expression", range, formula, style });
  }
}

/** Text that says it is out of date stands out: the phrases, and a rating by the sections' scores. */
function markStale(b: SheetBuilder, scores: readonly ScoreRow[]): void {
  if (scores.length === 0) return;
  const rows = scores.map((s) => s.row);
  const at = SheetBuilder.at;
  b.conditional({ kind: "text-equals", range: `${at(Math.min(...rows), COL.phrase)}:${at(Math.max(...rows), COL.phrase)}`, text: STALE_SUMMARY, style: STALE_STYLE });
  for (const s of scores) if (s.kind === "overall-by-score") b.conditional({ kind: "text-equals", range: at(s.row, COL.band), text: STALE_SUMMARY, style: STALE_STYLE });
}

// ------------------------------------------------------------------------------------------
// Strengths & improvements

/** Widths that print at 100% on A4 portrait with these margins in Excel and LibreOffice alike. */
const STRENGTHS_WIDTHS = [5, 8, 74];
const STRENGTHS_MARGINS = { left: 0.5, right: 0.5, top: 0.55, bottom: 0.65, header: 0.3, footer: 0.3 } as const;
const SPACER = 6;
/** Where evidence notes are set: column C, in 10-point type, at most this many lines to a row. */
const NOTE_WIDTH = columnTextWidth(STRENGTHS_WIDTHS[2]!);
const NOTE_MAX_LINES = Math.floor(400 / lineHeight(10));

/**
 * The Strengths & improvements sheet, read like the Key strengths and Areas requiring improvement
 * of an inspection report: each finding's sentence, then the evidence notes of the cases behind
 * it. A heading never ends a page, nor a sentence without its first note.
 * @example buildStrengthsLayout(analysis, { generatedAt }).name // "Strengths & improvements"
 */
export function buildStrengthsLayout(a: Analysis, options: BuildReportLayoutsOptions): SheetLayout {
  const b = new SheetBuilder("strengths", SHEET_NAMES.strengths, REPORT_STYLES);
  const findings = selectFindings(a, options);
  const s = a.settings;
  const marker = `${GENERATED_MARKER_PREFIX} (Strengths & improvements) on ${generatedAtText(options.generatedAt)}.`;
  const last = STRENGTHS_WIDTHS.length - 1;
  b.text(0, 0, "Key strengths and areas requiring improvement", "title").merge(0, 0, 0, last);
  b.text(1, 0, marker, "marker").merge(1, 0, 1, last);
  const intro =
    `${serviceName(a)}, inspected ${inspectionDates(s.inspectionStart, s.inspectionEnd)}. ` +
    `Key strengths are the criteria met in ${s.strengthThreshold}% of relevant cases or more, with up to three notes from cases judged Yes; ` +
    `areas requiring improvement are those at ${s.improvementThreshold}% or less, with the notes of the cases judged No.` +
    (s.redact ? " Case IDs are replaced by case numbers." : "");
  writeBanner(b, judgementsOf(a, options), generatedAtText(options.generatedAt), { row: 2, lastCol: last, width: STRENGTHS_WIDTHS.reduce((x, y) => x + y, 0) });
  b.text(3, 0, intro, "note").merge(3, 0, 3, last);

  const shown = new Map<string, string>();
  const r = writeFindings(b, a, 4, "Key strengths", findings.strengths, `No criterion reached the strength threshold of ${s.strengthThreshold}%.`, shown);
  writeFindings(b, a, r, "Areas requiring improvement", findings.improvements, `No criterion was at or below the improvement threshold of ${s.improvementThreshold}%.`, shown);

  return b.build({
    columnWidths: STRENGTHS_WIDTHS,
    freeze: null,
    print: {
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
      margins: STRENGTHS_MARGINS,
      repeatRows: null,
      footer: footerText(a, "Strengths and improvements", options.generatedAt),
    },
    chart: null,
    marker,
  });
}

/**
 * A heading and its findings, each a sentence and its evidence. A note already shown under an
 * earlier finding (the same case's note on the same section) is named, not repeated.
 * Returns the next row.
 */
function writeFindings(b: SheetBuilder, a: Analysis, r: number, heading: string, list: readonly Finding[], none: string, shown: Map<string, string>): number {
  const headingRow = r;
  b.text(r, 0, heading, "heading").text(r, 1, "", "heading").text(r, 2, "", "heading").height(r, 30);
  r++;
  b.height(r++, SPACER);
  if (list.length === 0) {
    b.text(r, 0, none, "note").merge(r, 0, r, 2);
    b.keepTogether(headingRow, r);
    return r + 1;
  }
  list.forEach((f, i) => {
    const sentenceRow = r;
    b.text(r, 0, f.criterion.id, "findingId").text(r, 1, f.sentence, "sentence").merge(r, 1, r, 2);
    r++;
    // A finding on few cases says so, under its sentence.
    if (f.caution) b.text(r++, 1, f.caution, "evidenceNote").merge(r - 1, 1, r - 1, 2);
    r = writeEvidence(b, a, r, f, shown);
    b.keepTogether(i === 0 ? headingRow : sentenceRow, Math.min(r - 1, sentenceRow + 1));
    b.height(r++, SPACER);
  });
  return r;
}

function writeEvidence(b: SheetBuilder, a: Analysis, r: number, f: Finding, shown: Map<string, string>): number {
  const note = (text: string): void => {
    b.text(r, 1, text, "evidenceNote").merge(r, 1, r, 2);
    r++;
  };
  const judged = f.kind === "strength" ? "Yes" : "No";
  const firstRow = r;
  if (f.evidence.length === 0) note(`No evidence notes were recorded for the cases judged ${judged}.`);
  // Notes already shown under an earlier finding are named in one line, not repeated; the same
  // words written for several cases are shown once, naming the others.
  const earlier = new Map<string, string[]>();
  const fresh = new Map<string, string[]>();
  for (const e of f.evidence) {
    const under = shown.get(evidenceKey(e));
    if (under !== undefined) earlier.set(under, [...(earlier.get(under) ?? []), e.label]);
    else fresh.set(e.note, [...(fresh.get(e.note) ?? []), e.label]);
  }
  for (const [text, labels] of fresh) {
    const [first, ...others] = labels;
    // A note taller than a row can be is continued on the rows below its first.
    splitToLines(others.length > 0 ? `${text} (also ${listWords(others)})` : text, NOTE_WIDTH, REPORT_STYLES.evidence!, NOTE_MAX_LINES).forEach((piece, i) => {
      if (i === 0) b.text(r, 1, first!, "evidenceLabel");
      b.text(r++, 2, piece, "evidence");
    });
    for (const label of labels) shown.set(evidenceKey({ label, note: text }), f.criterion.id);
  }
  // Under a strength, a few fresh notes say enough; earlier ones are named only when none is fresh.
  if (earlier.size > 0 && (f.kind === "improvement" || r === firstRow)) {
    const groups = [...earlier].map(([id, labels]) => `${listWords(labels)} (${labels.length === 1 ? "note" : "notes"} under ${id} above)`);
    note(`Also judged ${judged}: ${groups.join("; ")}.`);
  }
  if (f.evidenceTotal > f.evidence.length && f.kind === "improvement") {
    note(`…and notes from ${plural(f.evidenceTotal - f.evidence.length, "more case", "more cases")} (see the ${a.cases.sheet} sheet).`);
  }
  return r;
}

/** "A", "A and B", "A, B and C". */
function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]!}`;
}

const evidenceKey = (e: Pick<Evidence, "label" | "note">): string => `${e.label}\u0000${e.note}`;
