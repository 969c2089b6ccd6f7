/**
 * Finding the columns of a Cases (or Interviews) table by their headers: Case ID, Case manager,
 * Sentence, PSR, one column per criterion (its header starts with the criterion ID) and notes.
 * Headers are matched trimmed, in any case, with line breaks read as spaces.
 */
import type { CellPosition } from "./address";
import type { NotesBy } from "./case-notes";
import { leadingCriterionId, type Criterion } from "./framework";
import { cellAddress, cellText, normaliseHeader, type Grid } from "./grid";
import { errorProblem, issueAt, warningProblem, type Issue } from "./issues";
import { messages } from "./messages";

export interface CaseColumns {
  readonly caseId: number | null;
  readonly manager: number | null;
  readonly sentence: number | null;
  readonly psr: number | null;
  /** Zero-based grid column per criterion ID (first column when repeated). */
  readonly criteria: ReadonlyMap<string, number>;
  readonly notes: NotesBy<number>;
  /** Header text by grid column. */
  readonly headers: readonly string[];
}

/** A case's own columns (not criteria or notes). */
export type CaseField = "caseId" | "manager" | "sentence" | "psr";

/**
 * What a header says its column holds. A numbered notes column ("2 Notes", "2.1 Notes") holds a
 * criterion's notes or a section's, as the framework has a criterion or a section of that number.
 */
export type HeaderMeaning =
  | { readonly kind: "criterion"; readonly id: string }
  | { readonly kind: "general-notes" }
  | { readonly kind: "numbered-notes"; readonly number: string }
  | { readonly kind: "field"; readonly field: CaseField }
  | { readonly kind: "other" };

/** The headers each field of a case is found under (folded: trimmed, lower case). */
const CASE_FIELD_HEADERS: Readonly<Record<CaseField, readonly string[]>> = {
  caseId: ["case id", "case", "case ref", "case reference", "case number"],
  manager: ["case manager"],
  sentence: ["sentence", "sentence type"],
  psr: ["psr", "new psr"],
};

/** In the Interviews table, the interviewee takes the place of the Case ID. */
const INTERVIEWEE_HEADERS = ["interviewee", "staff member", "interview id", "name", "case manager"];

/**
 * What a folded header means.
 * @example meaningOfHeader("2.1 initial assessment", false) // { kind: "criterion", id: "2.1" }
 * @example meaningOfHeader("2.1 notes", false) // { kind: "numbered-notes", number: "2.1" }
 * @example meaningOfHeader("name", true) // { kind: "field", field: "caseId" }
 */
export function meaningOfHeader(header: string, interviews: boolean): HeaderMeaning {
  const notes = /^(\d+|\d{1,2}(?:\.\d{1,2}){1,2})\s*notes?$/.exec(header);
  if (notes) return { kind: "numbered-notes", number: notes[1]!.split(".").map(Number).join(".") };
  const criterionId = leadingCriterionId(header);
  if (criterionId) return { kind: "criterion", id: criterionId };
  if (header === "notes" || header === "evidence notes") return { kind: "general-notes" };
  if (interviews) return INTERVIEWEE_HEADERS.includes(header) ? { kind: "field", field: "caseId" } : { kind: "other" };
  for (const [field, names] of Object.entries(CASE_FIELD_HEADERS) as [CaseField, readonly string[]][]) {
    if (names.includes(header)) return { kind: "field", field };
  }
  return { kind: "other" };
}

/**
 * Finds the columns in the grid's first row, with the issues of the header row: a repeated
 * column (only the first counts), a criterion not in the framework, a required column or a
 * criterion's column missing.
 * @example findCaseColumns(grid, BUILT_IN_FRAMEWORK.criteria, false).columns.criteria.get("2.1") // 8
 */
export function findCaseColumns(grid: Grid, criteria: readonly Criterion[], interviews: boolean): { columns: CaseColumns; issues: Issue[] } {
  const header = grid.rows[0] ?? [];
  const width = grid.rows.reduce((w, row) => Math.max(w, row.length), 0);
  const headers = Array.from({ length: width }, (_, c) => cellText(header[c] ?? null).replace(/\s+/g, " ").trim());
  const known = new Set(criteria.map((c) => c.id));
  const sections = new Set(criteria.map((c) => c.section));
  const issues: Issue[] = [];
  const at = (c: number): CellPosition => ({ row: 0, col: c });

  // Each meaning is taken by the first column that has it; a later one is reported.
  const taken = new Map<string, { meaning: ColumnMeaning; col: number }>();
  for (let c = 0; c < width; c++) {
    const h = normaliseHeader(header[c] ?? null);
    const meaning = h === "" ? OTHER : columnMeaning(meaningOfHeader(h, interviews), known, sections);
    const key = keyOf(meaning);
    if (key === null) continue;
    const first = taken.get(key);
    if (meaning.kind === "unknown-criterion") {
      issues.push(issueAt(grid, at(c), warningProblem("unknown-criterion-column", messages.unknownCriterionColumn(meaning.id)), { criterionId: meaning.id }));
    } else if (first === undefined) {
      taken.set(key, { meaning, col: c });
    } else if (!interviews || meaning.kind !== "field") {
      // The Interviews table takes its first interviewee column without complaint.
      const firstCell = cellAddress(grid, 0, first.col) ?? `column ${first.col + 1} of the table`;
      const criterionId = meaning.kind === "criterion" || meaning.kind === "criterion-notes" ? meaning.id : null;
      issues.push(issueAt(grid, at(c), errorProblem("duplicate-column", messages.duplicateColumn(headers[c]!, firstCell)), { criterionId }));
    }
  }

  const columns = columnsTaken([...taken.values()], headers);
  issues.push(...missingColumnIssues(grid, columns, criteria, interviews));
  return { columns, issues };
}

/** What a column holds in this table: its header's meaning, placed in the framework. */
type ColumnMeaning =
  | Exclude<HeaderMeaning, { readonly kind: "numbered-notes" }>
  | { readonly kind: "criterion-notes"; readonly id: string }
  | { readonly kind: "section-notes"; readonly section: string }
  | { readonly kind: "unknown-criterion"; readonly id: string };

const OTHER: ColumnMeaning = { kind: "other" };

/**
 * A header's meaning in a table with these criteria (IDs) and sections (numbers): a criterion not
 * in the framework is unknown; a numbered notes column is a criterion's when there is such a
 * criterion, else a section's (a number with a dot must name a section of the framework).
 */
function columnMeaning(meaning: HeaderMeaning, criteria: ReadonlySet<string>, sections: ReadonlySet<string>): ColumnMeaning {
  if (meaning.kind === "criterion") return criteria.has(meaning.id) ? meaning : { kind: "unknown-criterion", id: meaning.id };
  if (meaning.kind !== "numbered-notes") return meaning;
  if (criteria.has(meaning.number)) return { kind: "criterion-notes", id: meaning.number };
  if (sections.has(meaning.number) || !meaning.number.includes(".")) return { kind: "section-notes", section: meaning.number };
  return { kind: "unknown-criterion", id: meaning.number };
}

/** What two columns must share to repeat each other; null for a column that is not read. */
function keyOf(meaning: ColumnMeaning): string | null {
  switch (meaning.kind) {
    case "criterion":
    case "unknown-criterion":
      return meaning.id;
    case "criterion-notes":
      return `notes on criterion ${meaning.id}`;
    case "section-notes":
      return `notes on section ${meaning.section}`;
    case "general-notes":
      return "notes";
    case "field":
      return meaning.field;
    case "other":
      return null;
  }
}

/** The table's columns, from the column that took each meaning. */
function columnsTaken(taken: readonly { meaning: ColumnMeaning; col: number }[], headers: readonly string[]): CaseColumns {
  const fields = new Map<CaseField, number>();
  const criteria = new Map<string, number>();
  const notes = { general: null as number | null, bySection: new Map<string, number>(), byCriterion: new Map<string, number>() };
  for (const { meaning, col } of taken) {
    if (meaning.kind === "field") fields.set(meaning.field, col);
    else if (meaning.kind === "criterion") criteria.set(meaning.id, col);
    else if (meaning.kind === "criterion-notes") notes.byCriterion.set(meaning.id, col);
    else if (meaning.kind === "section-notes") notes.bySection.set(meaning.section, col);
    else if (meaning.kind === "general-notes") notes.general = col;
  }
  return {
    caseId: fields.get("caseId") ?? null,
    manager: fields.get("manager") ?? null,
    sentence: fields.get("sentence") ?? null,
    psr: fields.get("psr") ?? null,
    criteria,
    notes,
    headers,
  };
}

/** The required columns and the criteria's columns the header row lacks. */
function missingColumnIssues(grid: Grid, columns: CaseColumns, criteria: readonly Criterion[], interviews: boolean): Issue[] {
  const required: [number | null, string][] = interviews
    ? [[columns.caseId, "Interviewee"]]
    : [
        [columns.caseId, "Case ID"],
        [columns.sentence, "Sentence"],
        [columns.psr, "PSR"],
      ];
  const firstCell = { row: 0, col: 0 };
  return [
    ...required
      .filter(([col]) => col === null)
      .map(([, name]) => issueAt(grid, firstCell, errorProblem("missing-column", messages.missingColumn(grid.sheet, name, "the header row")))),
    ...criteria
      .filter((c) => !columns.criteria.has(c.id))
      .map((c) => issueAt(grid, firstCell, warningProblem("missing-criterion-column", messages.missingCriterionColumn(c.id, c.title)), { criterionId: c.id })),
  ];
}
