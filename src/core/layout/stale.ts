/**
 * Nothing on a generated sheet goes stale without saying so. Counts, percentages and bands are
 * live formulas; what a formula cannot recompute (a phrase, a rating decided by a rule over
 * several rows, a whole sheet of report text) is written as a formula that shows it only while
 * the figures it was made from are unchanged, and otherwise says it is out of date.
 *
 * - A **phrase** or any text resting on a set of counts: `IF(AND($D9=17,$E9=3),"all but three …",
 *   "Out of date: build …")`, the counts at generation kept as the formula's constants.
 * - A **banner** at the top of a sheet of static text: empty while the judgements in the Cases
 *   table are those the sheet was made from, a sentence asking for a rebuild as soon as they
 *   differ. The judgements are compared by a fingerprint, one number the engine computes when it
 *   builds the sheet and a formula recomputes from the cells: the sum, over every cell of the
 *   table's data, of a code for what the cell reads as (Yes 1, No 2, N/A 3, Custody 4,
 *   Community 5, Out-of-court 6, anything else 0, read as the engine reads it) times a weight for its position
 *   in the table. Any single change of what a cell reads as changes the sum, and so does moving
 *   a judgement to another case; a sorted table is a changed one too.
 */
import { columnLetters, quoteSheetName } from "../address";
import type { Grid } from "../grid";
import { readJudgement, readSentence, spellingsOf } from "../values";
import { readsAs } from "./formulas";
import type { CellStyle } from "./model";

/** Excel allows 255 characters in one string constant of a formula. */
const MAX_STRING_CONSTANT = 255;
/** Columns an Excel sheet can hold: the weight of a row step in the fingerprint. */
const ROW_WEIGHT = 16384;

/** The words a phrase (or a rating) shows once its counts have changed. */
export function outOfDate(sheet: string): string {
  return `Out of date: build the ${sheet} again`;
}

/** The look of text marked out of date (and of the banner). */
export const STALE_STYLE: Pick<CellStyle, "fill" | "colour" | "bold"> = { fill: "FFC7CE", colour: "9C0006", bold: true };

/**
 * Text as a formula expression: one string constant, or several joined with & when it is longer
 * than Excel allows in one.
 * @example stringExpression('say "hi"') // '"say ""hi"""'
 */
export function stringExpression(text: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < text.length || chunks.length === 0; i += MAX_STRING_CONSTANT) chunks.push(text.slice(i, i + MAX_STRING_CONSTANT));
  return chunks.map((c) => `"${c.replace(/"/g, '""')}"`).join("&");
}

/** A cell (or an expression) expected to hold a number when the text was written. */
export interface KeptCount {
  /** A1 address on the same sheet, or an expression. */
  readonly cell: string;
  readonly value: number;
}

/**
 * A formula showing `text` while every cell in `kept` holds the value it held when the sheet was
 * built, and `stale` otherwise. With nothing kept, the text itself.
 * @example textWhileUnchanged("all eight cases", [{ cell: "D9", value: 8 }, { cell: "E9", value: 0 }], "Out of date: build the Summary again")
 * // 'IF(AND(D9=8,E9=0),"all eight cases","Out of date: build the Summary again")'
 */
export function textWhileUnchanged(text: string, kept: readonly KeptCount[], stale: string): string {
  if (kept.length === 0) return stringExpression(text);
  const same = kept.map((k) => `${k.cell}=${k.value}`);
  return `IF(${same.length === 1 ? same[0]! : `AND(${same.join(",")})`},${stringExpression(text)},${stringExpression(stale)})`;
}

/**
 * A reference to every data cell of a grid (header row excluded): `Cases[[#Data]]` for an Excel
 * table (the double brackets LibreOffice needs and Excel accepts), else an absolute range.
 * @example dataReference(grid) // "Cases[[#Data]]" or "Cases!$A$2:$AD$21"
 */
export function dataReference(grid: Grid): string {
  if (grid.tableName) return `${grid.tableName}[[#Data]]`;
  const width = Math.max(1, ...grid.rows.map((r) => r.length));
  const first = grid.top + 2;
  const last = Math.max(first, grid.top + grid.rows.length);
  return `${quoteSheetName(grid.sheet)}!$${columnLetters(grid.left)}$${first}:$${columnLetters(grid.left + width - 1)}$${last}`;
}

/** What the fingerprint counts, with each reading's code. */
const CODES: readonly { readonly words: readonly string[]; readonly code: number }[] = [
  { words: spellingsOf("judgement", "Yes"), code: 1 },
  { words: spellingsOf("judgement", "No"), code: 2 },
  { words: spellingsOf("judgement", "N/A"), code: 3 },
  { words: spellingsOf("sentence", "Custody"), code: 4 },
  { words: spellingsOf("sentence", "Community"), code: 5 },
  { words: spellingsOf("sentence", "Out-of-court"), code: 6 },
];

/**
 * The fingerprint of a grid's judgements as the engine reads them (see the module comment).
 * @example judgementFingerprint({ sheet: "Cases", top: 0, left: 0, rows: [["2.1"], ["Yes"]] }) // 1
 */
export function judgementFingerprint(grid: Grid): number {
  let sum = 0;
  for (let r = 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const code = codeOf(row[c] ?? null);
      if (code !== 0) sum += code * ((r - 1) * ROW_WEIGHT + c + 1);
    }
  }
  return sum;
}

function codeOf(value: Grid["rows"][number][number]): number {
  const judgement = readJudgement(value);
  if (judgement.kind === "value") return judgement.value === "Yes" ? 1 : judgement.value === "No" ? 2 : 3;
  const sentence = readSentence(value);
  if (sentence.kind === "value") return sentence.value === "Custody" ? 4 : sentence.value === "Community" ? 5 : 6;
  return 0;
}

/**
 * The formula recomputing {@link judgementFingerprint} from the cells: a cell with an error value
 * counts 0, as the engine leaves it out.
 */
export function fingerprintFormula(grid: Grid): string {
  const data = dataReference(grid);
  const codes = CODES.map(({ words, code }) => `${code === 1 ? "" : `${code}*`}${readsAs(data, words)}`).join("+");
  const weight = `((ROW(${data})-MIN(ROW(${data})))*${ROW_WEIGHT}+COLUMN(${data})-MIN(COLUMN(${data}))+1)`;
  return `SUMPRODUCT((${codes})*${weight})`;
}

/** The grid's judgements as a kept value: the fingerprint formula, and its value now. */
export function judgementsKept(grid: Grid): KeptCount {
  return { cell: fingerprintFormula(grid), value: judgementFingerprint(grid) };
}

/**
 * The banner of a sheet of static text: empty while the grid's judgements are those it was built
 * from, else a sentence saying when it was built and asking for a rebuild.
 */
export function bannerFormula(grid: Grid, builtOn: string): { formula: string; text: string } {
  const text = `Judgements have changed since this sheet was built on ${builtOn}: build it again.`;
  const kept = judgementsKept(grid);
  return { formula: `IF(${kept.cell}=${kept.value},"",${stringExpression(text)})`, text };
}
