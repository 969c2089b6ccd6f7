/**
 * The Moderation sheet: every difference between first and second markers, with a "Moderated
 * judgement" and a "Reason" for the quality lead to fill in (kept when the sheet is built again:
 * see moderation.ts), then the agreement figures by criterion and by second marker.
 *
 * Live where a formula can follow the workbook: "First judgement" is the case's cell in Cases now
 * (found by its Case ID), and two columns give how each row changes the Summary's Yes and No
 * counts, so the Summary's live counts (which add them) follow a moderated judgement typed later
 * without the add-in, as they follow an edited Cases cell.
 *
 * What cannot follow (which rows are differences, the agreement figures) has a banner above it
 * that shows once the judgements in Cases or Second marking differ from those it was built from;
 * the moderated judgements typed here are fingerprinted for the other sheets' banners.
 */
import type { AgreementFigures } from "../agreement";
import type { Analysis } from "../analyse";
import type { CaseRecord } from "../cases";
import type { Outcome } from "../judgements";
import type { Criterion } from "../framework";
import { cellText } from "../grid";
import { keptRowStatus, MODERATION_HEADERS, MODERATION_MARKER, type ModerationRow } from "../moderation";
import { foldId, UNNAMED_MARKER } from "../second-marking";
import { SHEET_NAMES } from "../template";
import { spellingsOf } from "../values";
import { appliesTerm, caseCell, columnReference, readsAs } from "./formulas";
import { sheetReference, type CellStyle, type SheetLayout } from "./model";
import { judgementsKept, typedJudgementsKept, writeBanner, type KeptCount } from "./stale";
import { SheetBuilder } from "./sheet-builder";
import { generatedAtText } from "./text";
import { REPORT_STYLES } from "./build";

/** The columns after the list's headers: the status, then how each row changes the counts. */
export const MODERATION_EXTRA_HEADERS = ["Status", "Change to Yes count", "Change to No count"] as const;

/** Zero-based columns of the list. */
const COL = {
  caseId: 0,
  criterion: 1,
  marker: 2,
  first: 3,
  second: 4,
  firstNote: 5,
  secondNote: 6,
  moderated: 7,
  reason: 8,
  status: 9,
  yesChange: 10,
  noChange: 11,
} as const;

const LAST_COL = COL.noChange;

/** Where the Summary's counts find each row's criterion and its count changes (zero-based columns). */
export const MODERATION_COUNT_CHANGE_COLUMNS = { criterion: COL.criterion, yes: COL.yesChange, no: COL.noChange } as const;

/** The report's styles and the list's own (made on use: build.ts imports this module). */
const moderationStyles = (): Readonly<Record<string, CellStyle>> => ({
  ...REPORT_STYLES,
  typed: { fill: "FFF2CC", wrap: true, vertical: "top", border: ["left", "right", "bottom"], borderColour: "BFBFBF" },
  typedHeader: { bold: true, colour: "1F4E79", fill: "FFE699", wrap: true, vertical: "middle", border: ["bottom"], borderColour: "FFFFFF" },
  change: { horizontal: "center", vertical: "top", numberFormat: "+0;-0;0", colour: "595959" },
  judgement: { horizontal: "center", vertical: "top" },
  totalCentre: { bold: true, fill: "F2F2F2", border: ["top"], borderColour: "A6A6A6", horizontal: "center", vertical: "top" },
});

/** Where the list's rows are on the Moderation sheet, for the Summary's formulas. */
export interface ModerationListRange {
  /** Zero-based first and last rows of the list (both blocks); last < first when empty. */
  readonly first: number;
  readonly last: number;
}

/** The Moderation layout and where its list is. */
export interface ModerationSheet {
  readonly layout: SheetLayout;
  readonly list: ModerationListRange;
  /** The fingerprint of the list's moderated judgements, as written, for the other sheets' banners. */
  readonly judgements: KeptCount;
}

/** The Moderation sheet's column widths, A to L: Status (J) is wide enough for "Criterion not in the framework" on one line. */
const WIDTHS = [9, 30, 16, 11, 11, 36, 36, 13, 36, 28, 10, 10];

/**
 * The Moderation sheet of an analysis with second marking (or moderated judgements); null when it
 * has neither.
 * @example buildModerationSheet(analysis, { generatedAt: new Date() })?.layout.name // "Moderation"
 */
export function buildModerationSheet(a: Analysis, options: { readonly generatedAt: Date }): ModerationSheet | null {
  const m = a.moderation;
  if (!m) return null;
  const b = new SheetBuilder("moderation", SHEET_NAMES.moderation, moderationStyles());
  const service = a.settings.serviceName === "" ? "Service not named (set it in Settings)" : a.settings.serviceName;
  const marker = `${MODERATION_MARKER} on ${generatedAtText(options.generatedAt)}, from ${m.differences} difference${m.differences === 1 ? "" : "s"} between markers.`;
  b.text(0, 0, `Moderation: ${service}`, "title").merge(0, 0, 0, LAST_COL);
  b.text(1, 0, marker, "marker").merge(1, 0, 1, LAST_COL);
  b.text(
    2,
    0,
    "Every case and criterion where a second marker's judgement differs from the first marker's. Enter a Moderated judgement (Yes, No or N/A) and a Reason: " +
      "they are kept when this sheet is built again, and a moderated judgement is what the Summary counts. The Cases sheet keeps the first marker's judgement; " +
      "First judgement shows that cell as it is now.",
    "note",
  ).merge(2, 0, 2, LAST_COL);
  // The list of differences and the agreement figures are as built from both markers' judgements.
  const judged = [judgementsKept(a.firstMarking.grid), ...(a.secondMarking ? [judgementsKept(a.secondMarking.grid)] : [])];
  writeBanner(b, judged, generatedAtText(options.generatedAt), { row: 3, lastCol: LAST_COL, width: WIDTHS.reduce((x, y) => x + y, 0) });

  let r = 4;
  const fact = (label: string, write: (row: number) => void): void => {
    b.text(r, 0, label, "label").merge(r, 0, r, 1);
    write(r);
    r++;
  };
  if (a.agreement) {
    const o = a.agreement.overall;
    fact("Cases second-marked", (row) => b.number(row, 2, a.agreement!.cases, "count"));
    fact("Agreement", (row) => b.text(row, 2, agreementText(o), "value").merge(row, 2, row, 6));
  }
  fact("Differences", (row) => b.number(row, 2, m.differences, "count"));
  const toModerateRow = r;
  fact("Still to moderate", () => undefined);
  fact("Moderated when built", (row) => b.text(row, 2, `${m.moderated} (${m.changed} counted differently from the first marker's)`, "value").merge(row, 2, row, 6));
  r++;

  const headerRow = r;
  [...MODERATION_HEADERS, ...MODERATION_EXTRA_HEADERS].forEach((h, c) => {
    const style = c === COL.moderated || c === COL.reason ? "typedHeader" : c === COL.first || c === COL.second || c >= COL.status ? "headerCentre" : "header";
    b.text(headerRow, c, h, style);
  });
  r++;

  const differences = m.rows.filter((row) => row.status === "to moderate" || row.status === "moderated");
  const kept = m.rows.filter((row) => row.status !== "to moderate" && row.status !== "moderated");
  // Where each row goes, first: a case and criterion's count changes need all of its rows.
  const first = r;
  const placed: { row: ModerationRow; at: number; status: string | null }[] = [];
  if (differences.length === 0) r++;
  for (const row of differences) placed.push({ row, at: r++, status: null });
  const lastDifference = r - 1;
  const keptHeading = r;
  if (kept.length > 0) r++;
  for (const row of kept) placed.push({ row, at: r++, status: keptRowStatus(row.status) });
  const last = r - 1;

  if (differences.length === 0) b.text(first, 0, "No differences: every judgement the second markers made agrees with the first marker's.", "note").merge(first, 0, first, 6);
  if (kept.length > 0) {
    b.text(keptHeading, 0, "No longer a difference: kept for what was typed in it (a moderated judgement here still counts)", "section").merge(keptHeading, 0, keptHeading, LAST_COL);
  }
  const writer = new ListWriter(a, b, placed);
  for (const p of placed) writer.write(p.at, p.row, p.status);
  const at = SheetBuilder.at;
  b.formula(
    toModerateRow,
    2,
    differences.length === 0 ? "0" : `COUNTBLANK(${at(first, COL.moderated)}:${at(lastDifference, COL.moderated)})`,
    m.open,
    "count",
  );
  r++;

  if (a.agreement) r = writeAgreement(b, a, r);

  const layout = b.build({
    columnWidths: WIDTHS,
    freeze: { rows: headerRow + 1, cols: 1 },
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: { first: headerRow, last: headerRow },
      footer: `${service}: moderation, generated ${generatedAtText(options.generatedAt)}`,
    },
    chart: null,
    marker,
  });
  // The moderated judgements as written (a blank where a row has none), for the fingerprint.
  const typed = new Map(placed.map((p) => [p.at, p.row.moderated]));
  const column = at(0, COL.moderated).replace(/\d+$/, "");
  const range = `${sheetReference("moderation")}!$${column}$${first + 1}:$${column}$${last + 1}`;
  const values = Array.from({ length: last - first + 1 }, (_, i) => typed.get(first + i) ?? null);
  return { layout, list: { first, last }, judgements: typedJudgementsKept(range, values) };
}

/** Agreement in words: "90.0% agreement over 40 judgements; kappa 0.78, substantial agreement". */
function agreementText(f: AgreementFigures): string {
  if (f.compared === 0) return "No judgements both markers made Yes or No yet.";
  const kappa = f.kappa === null ? f.meaning : `kappa ${f.kappa.toFixed(2)}, ${f.meaning}`;
  return `${(Math.round((f.percent ?? 0) * 10) / 10).toFixed(1)}% agreement over ${f.compared} judgement${f.compared === 1 ? "" : "s"}; ${kappa}`;
}

/** Writes the list's rows, with the live first judgement and count changes. */
class ListWriter {
  private readonly byId = new Map<string, CaseRecord>();
  private readonly counted = new Map<CaseRecord, CaseRecord>();
  private readonly criterionIndex: Map<string, number>;
  /** The sheet rows of each case and criterion, in order: the first carries the count changes. */
  private readonly groups = new Map<string, number[]>();

  constructor(
    private readonly a: Analysis,
    private readonly b: SheetBuilder,
    placed: readonly { readonly row: ModerationRow; readonly at: number }[],
  ) {
    a.firstMarking.cases.forEach((c, i) => {
      if (c.id !== "" && !this.byId.has(foldId(c.id))) this.byId.set(foldId(c.id), c);
      this.counted.set(c, a.cases.cases[i]!);
    });
    this.criterionIndex = new Map(a.firstMarking.criteria.map((c, k) => [c.id, k]));
    for (const p of placed) {
      const key = groupKey(p.row);
      const rows = this.groups.get(key);
      if (rows) rows.push(p.at);
      else this.groups.set(key, [p.at]);
    }
  }

  write(r: number, row: ModerationRow, status: string | null): void {
    const { b, a } = this;
    const at = SheetBuilder.at;
    const k = this.criterionIndex.get(row.criterionId);
    const crit: Criterion | undefined = k === undefined ? undefined : a.firstMarking.criteria[k];
    const kase = this.byId.get(foldId(row.caseId));
    const table = a.firstMarking;
    const col = crit ? table.columns.criteria.get(crit.id) : undefined;

    b.text(r, COL.caseId, row.caseId, "id");
    b.text(r, COL.criterion, row.criterionTitle === "" ? row.criterionId : `${row.criterionId} ${row.criterionTitle}`, "text");
    b.text(r, COL.marker, row.marker === "" ? UNNAMED_MARKER : row.marker, "text");
    const idCell = `$A${r + 1}`;
    if (kase && col !== undefined) {
      const raw = cellText(table.grid.rows[kase.row - table.grid.top]?.[col] ?? null);
      b.formula(r, COL.first, `IFERROR(${caseCell(table, col, idCell)}&"","")`, raw, "judgement");
    } else b.text(r, COL.first, row.first ?? "", "judgement");
    b.text(r, COL.second, row.second ?? "", "judgement");
    b.text(r, COL.firstNote, row.firstNote, "evidence");
    b.text(r, COL.secondNote, row.secondNote, "evidence");
    b.text(r, COL.moderated, row.moderated, "typed");
    b.text(r, COL.reason, row.reason, "typed");
    const moderatedCell = at(r, COL.moderated);
    if (status === null) b.formula(r, COL.status, `IF(TRIM(${moderatedCell})="","To moderate","Moderated")`, row.moderated === "" ? "To moderate" : "Moderated", "band");
    else b.text(r, COL.status, status, "band");

    // The count changes: on the first row of a case and criterion only, from the first moderated
    // judgement typed in any of its rows (as the counts take it; two that differ are an error).
    const group = this.groups.get(groupKey(row))!;
    const zero = (): void => void b.number(r, COL.yesChange, 0, "change").number(r, COL.noChange, 0, "change");
    if (group[0] !== r || !kase || k === undefined || !crit || col === undefined || table.columns.caseId === null) return zero();
    const before = kase.outcomes[k];
    const after = this.counted.get(kase)!.outcomes[k];
    const change = (o: Outcome): number => (after === o ? 1 : 0) - (before === o ? 1 : 0);
    const typed = group.map((g) => at(g, COL.moderated));
    const moderated = typed.reduceRight((inner, cell) => `IF(TRIM(${cell})<>"",${cell},${inner})`, '""');
    const noneTyped = typed.length === 1 ? `TRIM(${typed[0]!})=""` : `AND(${typed.map((c) => `TRIM(${c})=""`).join(",")})`;
    const found = `ISNUMBER(MATCH(${idCell},${columnReference(table.grid, table.columns.caseId)},0))`;
    const applies = appliesTerm(table, crit.appliesTo, (c) => caseCell(table, c, idCell));
    const formulaFor = (answer: "Yes" | "No"): string => {
      const words = spellingsOf("judgement", answer);
      const diff = `(${readsAs(moderated, words)}-${readsAs(at(r, COL.first), words)})`;
      return `IF(OR(NOT(${found}),${noneTyped}),0,${applies === null ? diff : `${diff}*${applies}`})`;
    };
    b.formula(r, COL.yesChange, formulaFor("Yes"), change("met"), "change");
    b.formula(r, COL.noChange, formulaFor("No"), change("notMet"), "change");
  }
}

const groupKey = (row: ModerationRow): string => `${foldId(row.caseId)}\u0000${row.criterionId}`;

/** The agreement figures by criterion and by second marker, below the list. Returns the next free row. */
function writeAgreement(b: SheetBuilder, a: Analysis, r: number): number {
  const ag = a.agreement!;
  const headers = ["ID", "Criterion", "Compared", "Agreed", "% agreement", "Kappa", "Meaning", "Differ on relevance"];
  const row = (at: number, id: string, label: string, f: AgreementFigures, style: "text" | "total"): void => {
    b.text(at, 0, id, style === "total" ? "total" : "id").text(at, 1, label, style);
    b.number(at, 2, f.compared, style === "total" ? "totalCount" : "count").number(at, 3, f.agreed, style === "total" ? "totalCount" : "count");
    if (f.percent === null) b.text(at, 4, "", style === "total" ? "totalCentre" : "band");
    else b.number(at, 4, f.percent / 100, style === "total" ? "totalPercent" : "percent");
    b.text(at, 5, f.kappa === null ? "–" : f.kappa.toFixed(2), style === "total" ? "totalCentre" : "band");
    b.text(at, 6, f.meaning, style);
    b.number(at, 7, f.differOnRelevance, style === "total" ? "totalCount" : "count");
  };
  b.text(r, 0, "Agreement by criterion", "heading").merge(r, 0, r, 3);
  r++;
  b.text(
    r,
    0,
    "Over the cases both markers judged Yes or No. Kappa discounts the agreement expected by chance: when nearly every judgement is the same answer, " +
      "chance agreement is high and kappa low even where the markers agree on almost every case, so read it with the percentage.",
    "note",
  ).merge(r, 0, r, 7);
  r++;
  headers.forEach((h, c) => b.text(r, c, h, c >= 2 && c !== 6 ? "headerCentre" : "header"));
  r++;
  for (const c of ag.criteria) {
    if (c.compared === 0 && c.differOnRelevance === 0) continue;
    row(r++, c.id, c.title, c, "text");
  }
  row(r++, "", "All criteria", ag.overall, "total");
  r++;
  b.text(r, 0, "Agreement by second marker", "heading").merge(r, 0, r, 3);
  r++;
  ["", "Second marker", ...headers.slice(2)].forEach((h, c) => b.text(r, c, h, c >= 2 && c !== 6 ? "headerCentre" : "header"));
  r++;
  for (const mk of ag.markers) row(r++, "", `${mk.marker} (${mk.cases} case${mk.cases === 1 ? "" : "s"})`, mk, "text");
  return r + 1;
}
