/**
 * Issues found in a workbook: codes and locations, kept apart from their wording
 * (see `messages.ts`), so tests assert codes and cells and the words can change freely.
 */

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
  | "moderation-conflict";

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

/** Issues in reading order: by sheet, then row, then column; errors before warnings on a tie. */
export function sortIssues(issues: readonly Issue[], sheetOrder: readonly string[] = []): Issue[] {
  const n = issues.length;
  const ranks = new Int32Array(n);
  const rows = new Float64Array(n);
  const cols = new Float64Array(n);
  const rankOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const issue = issues[i]!;
    let rank = rankOf.get(issue.sheet);
    if (rank === undefined) {
      const k = sheetOrder.indexOf(issue.sheet);
      rank = k === -1 ? sheetOrder.length : k;
      rankOf.set(issue.sheet, rank);
    }
    ranks[i] = rank;
    cellPosition(issue.cell, rows, cols, i);
  }
  const compare = (a: number, b: number): number => {
    const x = issues[a]!;
    const y = issues[b]!;
    return (
      ranks[a]! - ranks[b]! ||
      (x.sheet === y.sheet ? 0 : x.sheet.localeCompare(y.sheet)) ||
      rows[a]! - rows[b]! ||
      cols[a]! - cols[b]! ||
      (x.severity === y.severity ? 0 : x.severity === "error" ? -1 : 1) ||
      a - b
    );
  };
  // Issues mostly arrive in reading order already (a sheet is read row by row): then no sort.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (compare(i - 1, i) > 0) sorted = false;
  if (sorted) return issues.slice();
  const order = Array.from({ length: n }, (_, i) => i).sort(compare);
  return order.map((i) => issues[i]!);
}

/** The 1-based row and column of an A1 address into `rows[i]`, `cols[i]`; -1, -1 for none. */
function cellPosition(cell: string | null, rows: Float64Array, cols: Float64Array, i: number): void {
  rows[i] = -1;
  cols[i] = -1;
  if (!cell) return;
  let col = 0;
  let k = 0;
  for (; k < cell.length; k++) {
    const code = cell.charCodeAt(k);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  if (k === 0 || k === cell.length) return;
  for (let d = k; d < cell.length; d++) {
    const code = cell.charCodeAt(d);
    if (code < 48 || code > 57) return;
  }
  let row = 0;
  for (let d = k; d < cell.length; d++) row = row * 10 + (cell.charCodeAt(d) - 48);
  rows[i] = cell.length - k <= 15 ? row : Number(cell.slice(k));
  cols[i] = col;
}

/** Counts of errors and warnings. */
export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === "error") errors++;
  return { errors, warnings: issues.length - errors };
}
