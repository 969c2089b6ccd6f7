/**
 * Live formulas over the case data, so the Summary follows a judgement corrected later without
 * the add-in. A column is referred to by the table's structured reference when the data is an
 * Excel table (rows added to the table are then counted too), otherwise by an absolute range.
 *
 * The structured reference is always written in double brackets, `Cases[[2.1 Risk]]`: Excel's
 * syntax rules require them for a header holding any of . , : - / ' # [ ] and more (criterion
 * headers always hold a full stop), and they are valid for every header. Inside them `[ ] # '`
 * are escaped with an apostrophe (support.microsoft.com, "Using structured references with Excel
 * tables": Structured reference syntax rules).
 */
import { columnLetters, quoteSheetName } from "../address";
import type { Applicability } from "../framework";
import { cellText, type Grid } from "../grid";
import type { CaseTable } from "../cases";
import { SPACE_LIKE_CODES, spellingsOf, type SentenceType } from "../values";

/**
 * A header escaped for a structured reference (`'` before `[ ] # '`), or null when it cannot be
 * referred to safely (line breaks, leading or trailing spaces).
 * @example escapeStructuredHeader("2.1 Risk [draft]") // "2.1 Risk '[draft']"
 */
export function escapeStructuredHeader(header: string): string | null {
  if (header === "" || header !== header.trim() || /[\r\n\t]/.test(header)) return null;
  return header.replace(/['[\]#]/g, "'$&");
}

/**
 * A reference to the data cells of one column of a grid (header excluded).
 * @example columnReference(grid, 5) // "Cases[[2.1 Initial assessment]]" or "Cases!$F$2:$F$21"
 */
export function columnReference(grid: Grid, col: number): string {
  if (grid.tableName) {
    const header = escapeStructuredHeader(cellText(grid.rows[0]?.[col] ?? null));
    if (header !== null) return `${grid.tableName}[[${header}]]`;
  }
  const letters = columnLetters(grid.left + col);
  const first = grid.top + 2;
  const last = Math.max(first, grid.top + grid.rows.length);
  return `${quoteSheetName(grid.sheet)}!$${letters}$${first}:$${letters}$${last}`;
}

/**
 * TRUE for each cell of a column (or for one cell) that reads as one of `words` as the engine
 * reads it: non-breaking spaces, tabs and line breaks made spaces (SUBSTITUTE), other control
 * characters dropped (CLEAN), spaces trimmed (TRIM), any case (MATCH); an error cell is FALSE.
 * @example readsAs("H7", ["yes", "y", "true"]) // 'ISNUMBER(MATCH(TRIM(CLEAN(SUBSTITUTE(…H7…))),{"yes","y","true"},0))'
 */
export function readsAs(reference: string, words: readonly string[]): string {
  return `ISNUMBER(MATCH(${foldedText(reference)},{${words.map((w) => `"${w.replace(/"/g, '""')}"`).join(",")}},0))`;
}

/**
 * A cell (or each cell of a range) as the engine reads its text: space-like characters made
 * spaces, control characters dropped, spaces trimmed. An error cell stays an error.
 * @example foldedText("H7") // 'TRIM(CLEAN(SUBSTITUTE(…H7…)))'
 */
export function foldedText(reference: string): string {
  const spaced = SPACE_LIKE_CODES.reduce((inner, code) => `SUBSTITUTE(${inner},${code < 128 ? "CHAR" : "UNICHAR"}(${code})," ")`, reference);
  return `TRIM(CLEAN(${spaced}))`;
}

/**
 * The formula counting one answer for a criterion column as the engine counts it: every spelling
 * the engine accepts (" yes", "Y", TRUE…), and only the cases the criterion may be judged for
 * where that depends on the Sentence or PSR column (a blank or unreadable Sentence or PSR leaves
 * the judgement counted, as in the engine). COUNTIFS would miss the tolerated spellings, so the
 * Summary would change its counts when Excel recalculates it.
 * @example countFormula(table, 6, "all", "Yes") // 'SUMPRODUCT(--ISNUMBER(MATCH(TRIM(CLEAN(SUBSTITUTE(…(Cases[[2.1 …]],UNICHAR(160)," ")…))),{"yes","y","true"},0)))'
 */
export function countFormula(table: CaseTable, col: number, applies: Applicability, answer: "Yes" | "No"): string {
  const terms = [readsAs(columnReference(table.grid, col), spellingsOf("judgement", answer))];
  const applyTerm = appliesTerm(table, applies, (c) => columnReference(table.grid, c));
  if (applyTerm !== null) terms.push(applyTerm);
  return `SUMPRODUCT(${terms.length === 1 ? `--${terms[0]!}` : terms.join("*")})`;
}

/** Per applicability that depends on the Sentence column, the sentences it does not apply to. */
const OTHER_SENTENCES = {
  custody: ["Community", "Out-of-court"],
  community: ["Custody", "Out-of-court"],
  court: ["Out-of-court"],
  "court-where-required": ["Out-of-court"],
  "out-of-court": ["Community", "Custody"],
} as const satisfies Partial<Record<Applicability, readonly SentenceType[]>>;

/**
 * The condition that a criterion may be judged for a case, where that depends on its Sentence or
 * PSR (TRUE unless that cell says it does not apply), over the cells `ref` gives for a Cases
 * column; null where nothing depends on them.
 * @example appliesTerm(table, "custody", (c) => columnReference(table.grid, c)) // 'NOT(ISNUMBER(MATCH(… Cases[Sentence] …,{"community",…},0)))'
 */
export function appliesTerm(table: CaseTable, applies: Applicability, ref: (col: number) => string): string | null {
  const { sentence, psr } = table.columns;
  if (sentence !== null) {
    // The sentences the criterion does not apply to.
    const others = OTHER_SENTENCES[applies as keyof typeof OTHER_SENTENCES] as readonly string[] | undefined;
    if (others) return `NOT(${readsAs(ref(sentence), others.flatMap((s) => spellingsOf("sentence", s)))})`;
  }
  if (applies === "new-psr" && psr !== null) return `NOT(${readsAs(ref(psr), spellingsOf("yes-no", "No"))})`;
  return null;
}

/**
 * One case's cell in a Cases column, found by the Case ID in `idCell` (INDEX over the column at
 * the MATCH of the ID); an error when the ID is not there, or the table has no Case ID column.
 * @example caseCell(table, 8, "$A7") // "INDEX(Cases[2.1 …],MATCH($A7,Cases[Case ID],0))"
 */
export function caseCell(table: CaseTable, col: number, idCell: string): string {
  const id = table.columns.caseId;
  if (id === null) return "NA()";
  return `INDEX(${columnReference(table.grid, col)},MATCH(${idCell},${columnReference(table.grid, id)},0))`;
}
