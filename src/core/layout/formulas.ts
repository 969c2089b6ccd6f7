/**
 * Live formulas over the case data, so the Summary follows a judgement corrected later without
 * the add-in. A column is referred to by the table's structured reference when the data is an
 * Excel table (rows added to the table are then counted too), otherwise by an absolute range.
 */
import { columnLetters, quoteSheetName } from "../address";
import type { Applicability } from "../framework";
import { cellText, type Grid } from "../grid";
import type { CaseTable } from "../cases";

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
 * @example columnReference(grid, 5) // "Cases[2.1 Initial assessment]" or "Cases!$F$2:$F$21"
 */
export function columnReference(grid: Grid, col: number): string {
  if (grid.tableName) {
    const header = escapeStructuredHeader(cellText(grid.rows[0]?.[col] ?? null));
    if (header !== null) return `${grid.tableName}[${header}]`;
  }
  const letters = columnLetters(grid.left + col);
  const first = grid.top + 2;
  const last = Math.max(first, grid.top + grid.rows.length);
  return `${quoteSheetName(grid.sheet)}!$${letters}$${first}:$${letters}$${last}`;
}

/**
 * The COUNTIFS formula counting one answer for a criterion column, limited to the cases the
 * criterion applies to where that depends on the Sentence or PSR column.
 * @example countFormula(table, 6, "all", "Yes") // 'COUNTIFS(Cases[2.1 …],"Yes")'
 */
export function countFormula(table: CaseTable, col: number, applies: Applicability, answer: "Yes" | "No"): string {
  const parts = [columnReference(table.grid, col), `"${answer}"`];
  const { sentence, psr } = table.columns;
  if ((applies === "custody" || applies === "community") && sentence !== null) {
    parts.push(columnReference(table.grid, sentence), applies === "custody" ? '"Custody"' : '"Community"');
  } else if (applies === "new-psr" && psr !== null) {
    parts.push(columnReference(table.grid, psr), '"Yes"');
  }
  return `COUNTIFS(${parts.join(",")})`;
}
