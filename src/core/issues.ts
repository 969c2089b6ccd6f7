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
  // Settings sheet
  | "invalid-setting"
  | "unknown-setting"
  // Interviews sheet
  | "missing-interviewee";

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
  const rank = (sheet: string): number => {
    const i = sheetOrder.indexOf(sheet);
    return i === -1 ? sheetOrder.length : i;
  };
  const pos = (cell: string | null): [number, number] => {
    if (!cell) return [-1, -1];
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    if (!m) return [-1, -1];
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
    return [Number(m[2]), col];
  };
  return issues
    .map((issue, index) => ({ issue, index, p: pos(issue.cell) }))
    .sort(
      (a, b) =>
        rank(a.issue.sheet) - rank(b.issue.sheet) ||
        a.issue.sheet.localeCompare(b.issue.sheet) ||
        a.p[0] - b.p[0] ||
        a.p[1] - b.p[1] ||
        (a.issue.severity === b.issue.severity ? 0 : a.issue.severity === "error" ? -1 : 1) ||
        a.index - b.index,
    )
    .map((x) => x.issue);
}

/** Counts of errors and warnings. */
export function countIssues(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === "error") errors++;
  return { errors, warnings: issues.length - errors };
}
