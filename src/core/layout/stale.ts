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
 *   a judgement to another case; a sorted table is a changed one too. The moderated judgements
 *   typed in the Moderation sheet (which the counts take in place of the first marker's) are a
 *   second fingerprint of the same kind over that one column (Yes 1, No 2, N/A 3, anything else
 *   typed 4, blank 0, times the row's place in the list), so typing or changing one shows the
 *   banner too.
 *
 * Neither fingerprint uses IF inside SUMPRODUCT (which Excel 2019 evaluates only as an array
 * formula): the codes are sums of TRUE/FALSE terms.
 */
import { columnLetters, quoteSheetName } from "../address";
import { cellText, type CellValue, type Grid } from "../grid";
import { foldText, readJudgement, readSentence, spellingsOf } from "../values";
import { foldedText, readsAs } from "./formulas";
import type { CellStyle } from "./model";
import { SheetBuilder } from "./sheet-builder";
import { columnTextWidth, lineHeight, wrapText } from "./text";

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

/** The banner's cell style (its fill comes with the warning, by a conditional format). */
export const BANNER_STYLE: CellStyle = { bold: true, colour: "9C0006", wrap: true, vertical: "top" };

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
  return `IF(${unchanged(kept)},${stringExpression(text)},${stringExpression(stale)})`;
}

/**
 * The condition that every kept cell holds its value (at least one kept).
 * @example unchanged([{ cell: "D9", value: 8 }, { cell: "E9", value: 0 }]) // "AND(D9=8,E9=0)"
 */
export function unchanged(kept: readonly KeptCount[]): string {
  const same = kept.map((k) => `${k.cell}=${k.value}`);
  return same.length === 1 ? same[0]! : `AND(${same.join(",")})`;
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
 * The fingerprint of one column of typed judgements (the Moderation sheet's moderated judgements),
 * as {@link typedJudgementsFormula} recomputes it: per cell, Yes 1, No 2, N/A 3 (as the engine
 * reads them), anything else typed 4, blank 0, times its place in the column (1 for the first).
 * @example typedJudgementsFingerprint(["yes", "", "Maybe"]) // 1*1 + 4*3
 */
export function typedJudgementsFingerprint(values: readonly CellValue[]): number {
  let sum = 0;
  values.forEach((value, i) => {
    const judgement = readJudgement(value);
    const code = judgement.kind === "value" ? (judgement.value === "Yes" ? 1 : judgement.value === "No" ? 2 : 3) : foldText(cellText(value)) === "" ? 0 : 4;
    sum += code * (i + 1);
  });
  return sum;
}

/**
 * The formula of {@link typedJudgementsFingerprint} over a one-column range: "typed" is a cell
 * whose folded text has a length (1/LEN is a number) or an error; a judgement takes off what
 * makes its code 1, 2 or 3 from the 4 of anything typed.
 */
export function typedJudgementsFormula(range: string): string {
  const typed = `(ISNUMBER(1/LEN(${foldedText(range)}))+ISERROR(${range}))`;
  const answer = (value: "Yes" | "No" | "N/A"): string => readsAs(range, spellingsOf("judgement", value));
  return `SUMPRODUCT((4*${typed}-3*${answer("Yes")}-2*${answer("No")}-${answer("N/A")})*(ROW(${range})-MIN(ROW(${range}))+1))`;
}

/** One column of typed judgements as a kept value: the formula, and its value as written. */
export function typedJudgementsKept(range: string, values: readonly CellValue[]): KeptCount {
  return { cell: typedJudgementsFormula(range), value: typedJudgementsFingerprint(values) };
}

/**
 * The banner of a sheet of static text: empty while every kept fingerprint (the Cases table's
 * judgements, and the moderated ones) is the one the sheet was built from, else a sentence saying
 * when it was built and asking for a rebuild.
 */
export function bannerFormula(kept: readonly KeptCount[], builtOn: string): { formula: string; text: string } {
  const text = `Judgements have changed since this sheet was built on ${builtOn}: build it again.`;
  return { formula: `IF(${unchanged(kept)},"",${stringExpression(text)})`, text };
}

/**
 * Writes the banner in a row of its own, merged from A to `lastCol`: as tall as its warning (set
 * in `width` characters of the merged columns), filled red by a conditional format while it
 * shows, printed with the sheet. The builder's styles must hold `banner` ({@link BANNER_STYLE}).
 */
export function writeBanner(b: SheetBuilder, kept: readonly KeptCount[], builtOn: string, place: { readonly row: number; readonly lastCol: number; readonly width: number }): void {
  const { formula, text } = bannerFormula(kept, builtOn);
  const { row, lastCol, width } = place;
  b.formula(row, 0, formula, "", "banner").merge(row, 0, row, lastCol);
  b.height(row, wrapText(text, columnTextWidth(width), BANNER_STYLE).length * lineHeight(11));
  const cell = SheetBuilder.at(row, 0).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  b.conditional({ kind: "expression", range: SheetBuilder.at(row, 0), formula: `LEN(${cell})>0`, style: { fill: STALE_STYLE.fill! } });
}
