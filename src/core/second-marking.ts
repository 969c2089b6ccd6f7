/**
 * The Second marking table: cases judged again by a second inspector or a quality lead, with the
 * same criterion columns as Cases plus "Case ID" and "Second marker". A case may be second-marked
 * by more than one person (one row each). A blank judgement means that marker did not look at
 * that criterion. Values are read as in Cases (Yes, No, N/A, tolerantly spelt); the applicability
 * of a criterion is not checked here: a second marker's N/A where the first judged, or the
 * reverse, is a difference for the moderation list to settle.
 */
import { columnLetters } from "./address";
import { agreementOf, type AgreementFigures, type JudgementPair } from "./agreement";
import { meaningOfHeader } from "./case-columns";
import { readCaseNotes, type CaseNotes, type NotesBy } from "./case-notes";
import type { CaseRecord, CaseTable } from "./cases";
import { leadingCriterionId, type Criterion } from "./framework";
import { cellText, isBlankRow, isCellError, normaliseHeader, type Grid } from "./grid";
import type { Issue, IssueCode, Severity } from "./issues";
import { messages, secondMarkingMessages } from "./messages";
import { readJudgement, type Judgement } from "./values";

/** One row of the Second marking table: one marker's judgements of one case. */
export interface SecondMark {
  /** The Case ID as written (trimmed). */
  readonly caseId: string;
  /** The second marker as written (trimmed); "" when not named. */
  readonly marker: string;
  /** Zero-based sheet row. */
  readonly row: number;
  /** The case in Cases this row second-marks. */
  readonly kase: CaseRecord;
  /** One per criterion of the table: the judgement, or null (blank, or unreadable). */
  readonly judgements: readonly (Judgement | null)[];
  /** The second marker's evidence notes. */
  readonly notes: CaseNotes;
}

export interface SecondMarkingColumns {
  readonly caseId: number | null;
  readonly marker: number | null;
  /** Zero-based grid column per criterion ID. */
  readonly criteria: ReadonlyMap<string, number>;
  readonly notes: NotesBy<number>;
}

export interface SecondMarkingTable {
  readonly sheet: string;
  readonly grid: Grid;
  readonly criteria: readonly Criterion[];
  readonly columns: SecondMarkingColumns;
  /** The rows that name a case in Cases, first row per case and marker. */
  readonly marks: readonly SecondMark[];
  /** Rows with anything in them (an empty table, as a new workbook has, is not second marking yet). */
  readonly filledRows: number;
}

export interface ReadSecondMarkingResult {
  readonly table: SecondMarkingTable;
  readonly issues: Issue[];
}

/** The name a second marker is shown under when the row does not name one. */
export const UNNAMED_MARKER = "(not named)";

const CASE_ID_HEADERS = ["case id", "case", "case ref", "case reference", "case number"];
const MARKER_HEADERS = ["second marker", "marker", "marked by", "second marked by", "moderator"];

/**
 * Case IDs as Cases matches them: spaces collapsed, any case.
 * @example foldId(" c01 ") === foldId("C01") // true
 */
export function foldId(id: string): string {
  return id.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Reads and checks the Second marking table against the cases it second-marks.
 * @example
 * const { table, issues } = readSecondMarking(grid, framework.criteria, analysis.cases);
 * table.marks[0].judgements // ["Yes", null, "No", …]
 */
export function readSecondMarking(grid: Grid, criteria: readonly Criterion[], cases: CaseTable): ReadSecondMarkingResult {
  const issues: Issue[] = [];
  const at = (r: number, c: number): string | null => (grid.top + r < 0 ? null : `${columnLetters(grid.left + c)}${grid.top + r + 1}`);
  const push = (severity: Severity, code: IssueCode, r: number | null, c: number | null, message: string, caseId: string | null = null, criterionId: string | null = null): void => {
    issues.push({ severity, code, sheet: grid.sheet, cell: r === null || c === null ? null : at(r, c), caseId, criterionId, message });
  };

  const columns = findColumns(grid, criteria, push, at);
  if (columns.caseId === null) push("error", "missing-column", 0, 0, messages.missingColumn(grid.sheet, "Case ID", "the header row"));
  if (columns.marker === null) push("error", "missing-column", 0, 0, messages.missingColumn(grid.sheet, "Second marker", "the header row"));

  const byId = new Map<string, CaseRecord>();
  for (const c of cases.cases) if (c.id !== "" && !byId.has(foldId(c.id))) byId.set(foldId(c.id), c);
  const seen = new Map<string, number>();
  const marks: SecondMark[] = [];
  let filledRows = 0;

  for (let r = 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    if (isBlankRow(row)) continue;
    filledRows++;
    let caseId = "";
    if (columns.caseId !== null) {
      const v = row[columns.caseId] ?? null;
      if (isCellError(v)) push("error", "cell-error", r, columns.caseId, messages.cellError(v.error, "the case ID"));
      else caseId = cellText(v).replace(/\s+/g, " ").trim();
    }
    const marker = columns.marker === null ? "" : cellText(row[columns.marker] ?? null).replace(/\s+/g, " ").trim();
    const label = caseId === "" ? null : caseId;
    const judgements = criteria.map((crit) => {
      const col = columns.criteria.get(crit.id);
      if (col === undefined) return null;
      const read = readJudgement(row[col] ?? null);
      switch (read.kind) {
        case "blank":
          return null;
        case "error":
          push("error", "cell-error", r, col, messages.cellError(read.text, "Yes, No or N/A"), label, crit.id);
          return null;
        case "invalid":
          push("error", "invalid-value", r, col, messages.invalidValue(read.text, crit.id), label, crit.id);
          return null;
        case "value":
          if (!read.canonical) push("warning", "non-canonical-value", r, col, messages.nonCanonical(read.text, read.value), label, crit.id);
          return read.value;
      }
    });

    if (columns.caseId === null) continue;
    if (caseId === "") {
      if (!isCellError(row[columns.caseId] ?? null)) push("error", "missing-case-id", r, columns.caseId, secondMarkingMessages.missingCaseId());
      continue;
    }
    const kase = byId.get(foldId(caseId));
    if (!kase) {
      push("error", "second-marking-unknown-case", r, columns.caseId, secondMarkingMessages.unknownCase(caseId, cases.sheet), caseId);
      continue;
    }
    if (columns.marker !== null && marker === "") push("warning", "second-marking-missing-marker", r, columns.marker, secondMarkingMessages.missingMarker(), caseId);
    const key = `${foldId(caseId)}\u0000${foldId(marker)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      push("error", "second-marking-duplicate", r, columns.caseId, secondMarkingMessages.duplicate(caseId, marker || UNNAMED_MARKER, at(first, columns.caseId) ?? "an earlier row"), caseId);
      continue;
    }
    seen.set(key, r);
    marks.push({ caseId, marker, row: grid.top + r, kase, judgements, notes: readCaseNotes(row, columns.notes) });
  }

  return { table: { sheet: grid.sheet, grid, criteria, columns, marks, filledRows }, issues };
}

type Push = (severity: Severity, code: IssueCode, r: number | null, c: number | null, message: string, caseId?: string | null, criterionId?: string | null) => void;

/** Matches the header row: Case ID, Second marker, criterion columns by leading ID, notes. */
function findColumns(grid: Grid, criteria: readonly Criterion[], push: Push, at: (r: number, c: number) => string | null): SecondMarkingColumns {
  const header = grid.rows[0] ?? [];
  const known = new Set(criteria.map((c) => c.id));
  let caseId: number | null = null;
  let marker: number | null = null;
  const critCols = new Map<string, number>();
  const notes = { general: null as number | null, bySection: new Map<string, number>(), byCriterion: new Map<string, number>() };
  for (let c = 0; c < header.length; c++) {
    const h = normaliseHeader(header[c] ?? null);
    if (h === "") continue;
    // Notes columns as in Cases; the first of each kind is read.
    const meaning = meaningOfHeader(h, false);
    if (meaning.kind === "general-notes") {
      notes.general ??= c;
      continue;
    }
    if (meaning.kind === "numbered-notes") {
      const kind = known.has(meaning.number) ? notes.byCriterion : notes.bySection;
      if (!kind.has(meaning.number)) kind.set(meaning.number, c);
      continue;
    }
    const id = leadingCriterionId(h);
    if (id) {
      if (!known.has(id)) push("warning", "unknown-criterion-column", 0, c, messages.unknownCriterionColumn(id), null, id);
      else if (critCols.has(id)) push("error", "duplicate-column", 0, c, messages.duplicateColumn(cellText(header[c] ?? null).trim(), at(0, critCols.get(id)!) ?? `column ${critCols.get(id)! + 1} of the table`), null, id);
      else critCols.set(id, c);
      continue;
    }
    if (caseId === null && CASE_ID_HEADERS.includes(h)) caseId = c;
    else if (marker === null && MARKER_HEADERS.includes(h)) marker = c;
  }
  return { caseId, marker, criteria: critCols, notes };
}

/** Agreement on one criterion. */
export interface CriterionAgreement extends AgreementFigures {
  readonly id: string;
  readonly section: string;
  readonly title: string;
}

/** Agreement between the first markers and one second marker, over every criterion. */
export interface MarkerAgreement extends AgreementFigures {
  readonly marker: string;
  /** Cases this marker second-marked. */
  readonly cases: number;
}

/** The agreement figures of a workbook's second marking. */
export interface AgreementReport {
  /** Distinct cases second-marked. */
  readonly cases: number;
  /** Second-marking rows compared (a case marked by two people counts twice). */
  readonly rows: number;
  readonly criteria: readonly CriterionAgreement[];
  /** Every compared judgement of every criterion and marker, in one table. */
  readonly overall: AgreementFigures;
  readonly markers: readonly MarkerAgreement[];
}

/** A case and criterion where a second marker's judgement differs from the first marker's. */
export interface Difference {
  readonly mark: SecondMark;
  /** Index of the criterion in the tables' criteria. */
  readonly k: number;
  readonly criterion: Criterion;
  readonly first: Judgement;
  readonly second: Judgement;
}

/**
 * The first marker's judgement of a case on the k-th criterion, as written: null when there is
 * none to compare (not yet judged, an error, no column).
 * @example firstJudgement(kase, 0) // "Yes"
 */
export function firstJudgement(kase: CaseRecord, k: number): Judgement | null {
  switch (kase.outcomes[k]) {
    case "met":
      return "Yes";
    case "notMet":
      return "No";
    case "notApplicable":
      return "N/A";
    default:
      return null;
  }
}

/**
 * Compares every second-marking row with the first marker's judgements of the same case: the
 * agreement figures (per criterion, overall, per marker) and every difference.
 * @example
 * const { agreement, differences } = compareMarking(secondMarking);
 * agreement.criteria.find((c) => c.id === "2.1")?.meaning // "substantial agreement"
 */
export function compareMarking(table: SecondMarkingTable): { agreement: AgreementReport; differences: Difference[] } {
  const criteria = table.criteria;
  const byCriterion: JudgementPair[][] = criteria.map(() => []);
  const byMarker = new Map<string, { marker: string; pairs: JudgementPair[]; cases: Set<CaseRecord> }>();
  const all: JudgementPair[] = [];
  const differences: Difference[] = [];
  const cases = new Set<CaseRecord>();
  for (const mark of table.marks) {
    cases.add(mark.kase);
    const name = mark.marker === "" ? UNNAMED_MARKER : mark.marker;
    let m = byMarker.get(foldId(name));
    if (!m) byMarker.set(foldId(name), (m = { marker: name, pairs: [], cases: new Set() }));
    m.cases.add(mark.kase);
    criteria.forEach((criterion, k) => {
      const second = mark.judgements[k] ?? null;
      const first = firstJudgement(mark.kase, k);
      if (second === null || first === null) return;
      const pair = { first, second };
      byCriterion[k]!.push(pair);
      m.pairs.push(pair);
      all.push(pair);
      if (first !== second) differences.push({ mark, k, criterion, first, second });
    });
  }
  const agreement: AgreementReport = {
    cases: cases.size,
    rows: table.marks.length,
    criteria: criteria.map((c, k) => ({ id: c.id, section: c.section, title: c.title, ...agreementOf(byCriterion[k]!) })),
    overall: agreementOf(all),
    markers: [...byMarker.values()].map((m) => ({ marker: m.marker, cases: m.cases.size, ...agreementOf(m.pairs) })),
  };
  return { agreement, differences };
}
