/**
 * Case IDs: read from their cell as a person reads them, and unique in the table whatever their
 * case or spacing (" c01 " is the same case as "C01").
 */
import { cellText, isCellError, type CellValue } from "./grid";
import { errorProblem, type Problem } from "./issues";
import { messages } from "./messages";

/** A Case ID cell read: the ID ("" when there is none) and what is wrong with the cell. */
export interface ReadCaseId {
  readonly id: string;
  readonly problem: Problem | null;
}

/**
 * Reads a Case ID (or Interviewee) cell: its text with runs of white space made one space,
 * trimmed. A number is an ID too.
 * @example readCaseId("  C 01 ", false) // { id: "C 01", problem: null }
 * @example readCaseId(null, false).problem?.code // "missing-case-id"
 */
export function readCaseId(value: CellValue, interviews: boolean): ReadCaseId {
  if (isCellError(value)) return { id: "", problem: errorProblem("cell-error", messages.cellError(value.error, "the case ID")) };
  const id = cellText(value).replace(/\s+/g, " ").trim();
  if (id === "") return { id, problem: errorProblem("missing-case-id", interviews ? messages.missingInterviewee() : messages.missingCaseId()) };
  return { id, problem: null };
}

/**
 * The form in which two IDs are compared: lower case.
 * @example foldCaseId("C01") === foldCaseId("c01") // true
 */
export function foldCaseId(id: string): string {
  return id.toLowerCase();
}

/**
 * The IDs seen so far in a table, by folded ID, with the row each was first seen on.
 */
export type SeenCaseIds = Map<string, number>;

/**
 * The row an ID was first seen on, if an earlier row has it; otherwise notes that it is first
 * seen on this row and gives null.
 * @example
 * const seen: SeenCaseIds = new Map();
 * earlierRowWithId(seen, "C01", 1); // null
 * earlierRowWithId(seen, "c01", 4); // 1
 */
export function earlierRowWithId(seen: SeenCaseIds, id: string, row: number): number | null {
  const key = foldCaseId(id);
  const first = seen.get(key);
  if (first !== undefined) return first;
  seen.set(key, row);
  return null;
}
