/**
 * Issues found in a workbook: codes and locations, kept apart from their wording
 * (see `messages.ts`), so tests assert codes and cells and the words can change freely.
 */
import type { CellPosition } from "./address";
import { cellAddress, type Grid } from "./grid";

export type Severity = "error" | "warning";

export type IssueCode =
  // Cases sheet: structure
  | "missing-column"
  | "duplicate-column"
  | "unknown-criterion-column"
  | "missing-criterion-column"
  | "no-case-rows"
  // Cases sheet: rows
  | "missing-case-id"
  | "duplicate-case-id"
  | "missing-sentence"
  | "invalid-sentence"
  | "missing-psr"
  | "invalid-psr"
  | "invalid-value"
  | "cell-error"
  | "non-canonical-value"
  | "not-applicable-not-allowed"
  | "judgement-not-expected"
  | "not-yet-judged"
  // Criteria sheet
  | "criteria-missing-column"
  | "criteria-missing-field"
  | "criteria-invalid-id"
  | "criteria-duplicate-id"
  | "criteria-unknown-applicability"
  | "criteria-section-mismatch"
  | "criteria-empty"
  | "criteria-unknown-rule"
  | "criteria-invalid-bands"
  | "criteria-score-range"
  | "criteria-rule-conflict"
  | "criteria-invalid-counted"
  | "criteria-missing-rating"
  | "criteria-invalid-rating"
  | "criteria-rating-ignored"
  | "criteria-hand-rated-with-criteria"
  // Settings sheet
  | "invalid-setting"
  | "unknown-setting"
  // Interviews sheet
  | "missing-interviewee"
  // Second marking sheet
  | "second-marking-unknown-case"
  | "second-marking-missing-marker"
  | "second-marking-duplicate"
  // Moderation sheet
  | "moderation-conflict"
  // Previous inspection sheet
  | "previous-invalid-figure";

export interface Issue {
  readonly severity: Severity;
  readonly code: IssueCode;
  readonly sheet: string;
  /** A1 address on `sheet`, or null when the issue is about the sheet as a whole. */
  readonly cell: string | null;
  readonly caseId: string | null;
  readonly criterionId: string | null;
  readonly message: string;
}

/**
 * What is wrong with a cell, before it is placed on a sheet: the steps that read a cell return
 * problems, and the step that knows where the cell is turns them into issues.
 */
export interface Problem {
  readonly severity: Severity;
  readonly code: IssueCode;
  readonly message: string;
}

/**
 * An error problem.
 * @example errorProblem("invalid-value", "\"Maybe\" is not a judgement…").severity // "error"
 */
export function errorProblem(code: IssueCode, message: string): Problem {
  return { severity: "error", code, message };
}

/**
 * A warning problem.
 * @example warningProblem("not-yet-judged", "Criterion 2.1 is not yet judged…").severity // "warning"
 */
export function warningProblem(code: IssueCode, message: string): Problem {
  return { severity: "warning", code, message };
}

/** Whom an issue is about, beyond its cell. */
export interface IssueSubject {
  readonly caseId?: string | null;
  readonly criterionId?: string | null;
}

/**
 * The issue a problem makes at a position of a grid (zero-based, within the grid); `null` for an
 * issue about the sheet as a whole.
 * @example issueAt(grid, { row: 1, col: 5 }, problem, { caseId: "C01" }).cell // "F2" (grid at A1)
 */
export function issueAt(grid: Grid, at: CellPosition | null, problem: Problem, subject: IssueSubject = {}): Issue {
  return {
    severity: problem.severity,
    code: problem.code,
    sheet: grid.sheet,
    cell: at === null ? null : cellAddress(grid, at.row, at.col),
    caseId: subject.caseId ?? null,
    criterionId: subject.criterionId ?? null,
    message: problem.message,
  };
}

/**
 * Issues in reading order: by sheet (in `sheetOrder`, then by name), then row, then column;
 * errors before warnings on the same cell; otherwise in the order found.
 * @example sortIssues(issues, ["Cases", "Criteria"])[0].sheet // "Cases"
 */
export function sortIssues(issues: readonly Issue[], sheetOrder: readonly string[] = []): Issue[] {
  const rank = (sheet: string): number => {
    const k = sheetOrder.indexOf(sheet);
    return k === -1 ? sheetOrder.length : k;
  };
  const bySheet = (a: Issue, b: Issue): number => (a.sheet === b.sheet ? 0 : rank(a.sheet) - rank(b.sheet) || a.sheet.localeCompare(b.sheet));
  const severity = (issue: Issue): number => (issue.severity === "error" ? 0 : 1);
  return issues
    .map((issue) => ({ issue, at: cellOrder(issue.cell) }))
    .sort((a, b) => bySheet(a.issue, b.issue) || a.at.row - b.at.row || a.at.col - b.at.col || severity(a.issue) - severity(b.issue))
    .map((x) => x.issue);
}

/** Where an A1 address sorts (1-based row and column); before every cell when there is none. */
function cellOrder(cell: string | null): { row: number; col: number } {
  const m = cell === null ? null : /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return { row: -1, col: -1 };
  let col = 0;
  for (const letter of m[1]!) col = col * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/**
 * Counts of errors and warnings.
 * @example countIssues(analysis.issues) // { errors: 2, warnings: 5 }
 */
export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === "error") errors++;
  return { errors, warnings: issues.length - errors };
}
