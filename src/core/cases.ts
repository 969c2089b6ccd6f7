/**
 * Reading and checking the case rows, as an inspector would: find the columns, then read each
 * case's row — its ID, Sentence and PSR, and each criterion's cell judged against who the
 * criterion applies to — collecting every issue on the way. The reading never stops at the first.
 */
import { findCaseColumns, type CaseColumns } from "./case-columns";
import { earlierRowWithId, readCaseId, type SeenCaseIds } from "./case-ids";
import { readCaseNotes, type CaseNotes } from "./case-notes";
import type { Criterion, Framework } from "./framework";
import { cellAddress, cellText, isBlankRow, type CellValue, type Grid } from "./grid";
import { errorProblem, issueAt, warningProblem, type Issue, type IssueCode, type IssueSubject, type Problem } from "./issues";
import { judgeCell, type CaseFacts, type Outcome } from "./judgements";
import { messages } from "./messages";
import { readSentence, readYesNo, type ReadValue, type SentenceType, type YesNo } from "./values";

/** One inspected case, as read from its row. */
export interface CaseRecord {
  /** The Case ID as written (trimmed); "" when missing. */
  readonly id: string;
  /** 1-based position among the cases, used for redacted labels ("Case 3"). */
  readonly number: number;
  /** Zero-based sheet row. */
  readonly row: number;
  readonly manager: string;
  readonly sentence: SentenceType | null;
  readonly psr: YesNo | null;
  /**
   * What each criterion's cell counts as, one per criterion in the order of the table's
   * `criteria`; null for a criterion the sheet has no column for.
   */
  readonly outcomes: readonly (Outcome | null)[];
  /** The case's evidence notes. */
  readonly notes: CaseNotes;
}

export interface CaseTable {
  readonly sheet: string;
  /** The grid read, so a writer can point formulas at the same cells. */
  readonly grid: Grid;
  readonly criteria: readonly Criterion[];
  readonly columns: CaseColumns;
  readonly cases: readonly CaseRecord[];
}

export interface ReadCasesResult {
  readonly table: CaseTable;
  readonly issues: Issue[];
}

/** Options for {@link readCases}. */
export interface ReadCasesOptions {
  /** Which criteria to read (default: the framework's case criteria). */
  readonly criteria?: readonly Criterion[];
  /** Whether the sheet is the staff Interviews table (no Sentence / PSR; an interviewee column). */
  readonly interviews?: boolean;
}

/**
 * Reads and checks the case rows of a Cases grid (header in its first row): finds the columns,
 * then reads each non-blank row as a case. Issues come in reading order: the header row's,
 * then each row's.
 * @example
 * const { table, issues } = readCases(grid, BUILT_IN_FRAMEWORK);
 * table.cases[0].outcomes[0]; // "met": the first case on criterion 1.1, the first of table.criteria
 * issues.filter((i) => i.severity === "error");
 */
export function readCases(grid: Grid, framework: Framework, options: ReadCasesOptions = {}): ReadCasesResult {
  const interviews = options.interviews ?? false;
  const criteria = options.criteria ?? (interviews ? framework.interviewQuestions : framework.criteria);
  const { columns, issues } = findCaseColumns(grid, criteria, interviews);

  const table: TableReading = {
    grid,
    columns,
    criteria: criteria.map((criterion) => ({ criterion, col: columns.criteria.get(criterion.id) ?? null })),
    interviews,
    seenIds: new Map(),
    issues,
  };
  const cases: CaseRecord[] = [];
  for (let r = 1; r < grid.rows.length; r++) {
    if (!isBlankRow(grid.rows[r])) cases.push(readCaseRow(table, r, cases.length + 1));
  }

  if (cases.length === 0 && grid.rows.length > 0 && !interviews) {
    issues.push(issueAt(grid, null, warningProblem("no-case-rows", messages.noCaseRows(grid.sheet))));
  }
  return { table: { sheet: grid.sheet, grid, criteria, columns, cases }, issues };
}

/** A table being read: what reading a row needs to know, and where its issues are collected. */
interface TableReading {
  readonly grid: Grid;
  readonly columns: CaseColumns;
  /** The criteria read, in order, each with its column (null when the sheet has none). */
  readonly criteria: readonly { readonly criterion: Criterion; readonly col: number | null }[];
  readonly interviews: boolean;
  /** The IDs of the rows read so far. */
  readonly seenIds: SeenCaseIds;
  readonly issues: Issue[];
}

/**
 * Reads one case's row (row `r` of the grid; the `number`-th case): its ID, its Sentence and PSR,
 * each criterion's cell judged, its notes. Its issues are collected in that order.
 * @example readCaseRow(table, 1, 1) // { id: "C01", number: 1, row: 1, sentence: "Community", outcomes: ["met", …], … }
 */
function readCaseRow(table: TableReading, r: number, number: number): CaseRecord {
  const { grid, columns } = table;
  const row = grid.rows[r]!;
  const id = readIdCell(table, r);
  const facts = readFactCells(table, r, id);
  return {
    id,
    number,
    row: grid.top + r,
    manager: columns.manager === null ? "" : cellText(row[columns.manager] ?? null).trim(),
    ...facts,
    outcomes: judgeRow(table, r, id, facts),
    notes: readCaseNotes(row, columns.notes),
  };
}

/**
 * The case's ID ("" when the table has no ID column or the cell has none), reporting a missing,
 * unreadable or repeated ID.
 * @example readIdCell(table, 4) // "c01", reporting duplicate-case-id when row 1 holds "C01"
 */
function readIdCell(table: TableReading, r: number): string {
  const col = table.columns.caseId;
  if (col === null) return "";
  const { id, problem } = readCaseId(table.grid.rows[r]![col] ?? null, table.interviews);
  report(table, r, col, problem);
  const first = id === "" ? null : earlierRowWithId(table.seenIds, id, r);
  if (first !== null) {
    report(table, r, col, errorProblem("duplicate-case-id", messages.duplicateCaseId(id, cellAddress(table.grid, first, col)!)), { caseId: id });
  }
  return id;
}

/**
 * The case's Sentence and PSR (null where the table has no such column or the cell cannot be
 * read), reporting what is wrong with each cell.
 * @example readFactCells(table, 1, "C01") // { sentence: "Custody", psr: "Yes" }
 */
function readFactCells(table: TableReading, r: number, id: string): CaseFacts {
  const { sentence, psr } = table.columns;
  return {
    sentence: sentence === null ? null : readFactCell(table, r, sentence, SENTENCE_CELL, id),
    psr: psr === null ? null : readFactCell(table, r, psr, PSR_CELL, id),
  };
}

/**
 * Judges each criterion's cell of the row, reporting each cell's problems: the outcomes, one per
 * criterion in order, null where the sheet has no column for it.
 * @example judgeRow(table, 1, "C01", { sentence: "Community", psr: "No" }) // ["met", "notApplicable", …]
 */
function judgeRow(table: TableReading, r: number, id: string, facts: CaseFacts): (Outcome | null)[] {
  const row = table.grid.rows[r]!;
  return table.criteria.map(({ criterion, col }) => {
    if (col === null) return null;
    const judged = judgeCell(row[col] ?? null, criterion, facts);
    for (const problem of judged.problems) report(table, r, col, problem, { caseId: id || null, criterionId: criterion.id });
    return judged.outcome;
  });
}

/** Collects a problem of the cell at row `r`, column `col` of the table, if there is one. */
function report(table: TableReading, r: number, col: number, problem: Problem | null, subject: IssueSubject = {}): void {
  if (problem !== null) table.issues.push(issueAt(table.grid, { row: r, col }, problem, subject));
}

/** How a Sentence or PSR cell is read and what its problems are called. */
interface FactCell<T extends string> {
  readonly read: (value: CellValue) => ReadValue<T>;
  readonly expected: string;
  readonly missing: IssueCode;
  readonly invalid: IssueCode;
  readonly missingMessage: () => string;
  readonly invalidMessage: (text: string) => string;
}

const SENTENCE_CELL: FactCell<SentenceType> = {
  read: readSentence,
  expected: "Community, Custody or Out-of-court",
  missing: "missing-sentence",
  invalid: "invalid-sentence",
  missingMessage: messages.missingSentence,
  invalidMessage: messages.invalidSentence,
};

const PSR_CELL: FactCell<YesNo> = {
  read: readYesNo,
  expected: "Yes or No",
  missing: "missing-psr",
  invalid: "invalid-psr",
  missingMessage: messages.missingPsr,
  invalidMessage: messages.invalidPsr,
};

/**
 * Reads a case's Sentence or PSR cell: its value, or null when it cannot be read, reporting what
 * is wrong with it.
 * @example readFactCell(table, 1, 2, SENTENCE_CELL, "C01") // "Custody" for "custodial", reporting non-canonical-value
 */
function readFactCell<T extends string>(table: TableReading, r: number, col: number, cell: FactCell<T>, id: string): T | null {
  const read = cell.read(table.grid.rows[r]![col] ?? null);
  const subject = { caseId: id || null };
  switch (read.kind) {
    case "value":
      if (!read.canonical) report(table, r, col, warningProblem("non-canonical-value", messages.nonCanonical(read.text, read.value)), subject);
      return read.value;
    case "blank":
      report(table, r, col, errorProblem(cell.missing, cell.missingMessage()), subject);
      return null;
    case "error":
      report(table, r, col, errorProblem("cell-error", messages.cellError(read.text, cell.expected)), subject);
      return null;
    case "invalid":
      report(table, r, col, errorProblem(cell.invalid, cell.invalidMessage(read.text)), subject);
      return null;
  }
}
