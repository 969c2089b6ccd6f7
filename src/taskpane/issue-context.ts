/**
 * The row around an issue, read from the grids the engine checked: which case, the column's
 * header, the value found, and the cells beside it. Outside Excel the pane cannot move to the
 * cell, so it shows this instead; the user corrects the cell in their own spreadsheet.
 */
import { cellText, columnLetters, fromA1, normaliseHeader, type Grid, type Issue, type WorkbookGrids } from "../core";

/** One cell of the row, with its column's header. */
export interface ContextCell {
  /** Column letter on the sheet ("G"). */
  readonly column: string;
  readonly header: string;
  readonly value: string;
  /** The issue's own cell. */
  readonly here: boolean;
}

export interface IssueContext {
  /** The sheet row (1-based) of the issue. */
  readonly row: number;
  /** Whether the issue is on the header row (a column is missing, repeated or misnamed). */
  readonly headerRow: boolean;
  /** "Case ID", "Interviewee", or the first column's header, and its value on that row. */
  readonly idLabel: string;
  readonly idValue: string;
  /** The issue cell's column header and value ("" when blank). */
  readonly header: string;
  readonly value: string;
  /** The issue's cell and up to two cells either side, with the ID cell first when it is not among them. */
  readonly around: readonly ContextCell[];
}

const MAX_VALUE = 200;
const shorten = (text: string): string => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text);

/** The grid an issue's sheet was read into. */
function gridOf(grids: WorkbookGrids, sheet: string): Grid | null {
  for (const g of [grids.cases, grids.interviews, grids.criteria, grids.settings]) if (g && g.sheet === sheet) return g;
  return null;
}

/**
 * The row around an issue's cell, or null when the issue names no cell in a grid that was read.
 * @example issueContext(grids, issue)?.header // "2.1 Initial assessment of risk of harm"
 */
export function issueContext(grids: WorkbookGrids, issue: Issue): IssueContext | null {
  if (!issue.cell) return null;
  const grid = gridOf(grids, issue.sheet);
  if (!grid || grid.rows.length === 0) return null;
  let pos;
  try {
    pos = fromA1(issue.cell);
  } catch {
    return null;
  }
  const r = pos.row - grid.top;
  const c = pos.col - grid.left;
  const headers = grid.rows[0] ?? [];
  const row = grid.rows[r];
  if (r < 0 || !row || c < 0) return null;
  const width = Math.max(headers.length, row.length);
  const wantedId = grid === grids.cases ? "case id" : grid === grids.interviews ? "interviewee" : null;
  const found = wantedId === null ? 0 : headers.findIndex((h) => normaliseHeader(h) === wantedId);
  const idCol = found === -1 ? 0 : found;
  const cell = (k: number): ContextCell => ({
    column: columnLetters(grid.left + k),
    header: shorten(cellText(headers[k] ?? null)),
    value: r === 0 ? "" : shorten(cellText(row[k] ?? null)),
    here: k === c,
  });
  const around: ContextCell[] = [];
  const from = Math.max(0, c - 2);
  const to = Math.min(width - 1, c + 2);
  if (r > 0 && (idCol < from || idCol > to)) around.push(cell(idCol));
  for (let k = from; k <= Math.max(to, c); k++) around.push(cell(k));
  return {
    row: pos.row + 1,
    headerRow: r === 0,
    idLabel: cellText(headers[idCol] ?? null) || "ID",
    idValue: r === 0 ? "" : shorten(cellText(row[idCol] ?? null)),
    header: shorten(cellText(headers[c] ?? null)),
    value: r === 0 ? "" : shorten(cellText(row[c] ?? null)),
    around,
  };
}
