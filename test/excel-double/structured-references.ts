/**
 * The double's reading of structured references in formulas written to cells (`Table[Column]`,
 * `Table[[Column]]`), as Excel's syntax rules state them (support.microsoft.com, "Using structured
 * references with Excel tables", Structured reference syntax rules):
 * - a column specifier whose header holds any of the special characters (tab, line feed,
 *   carriage return, comma, colon, full stop, brackets, #, ', ", braces, $, ^, &, *, +, =, -, >,
 *   <, /) must be enclosed in a second pair of brackets, `Table[[2.1 Risk]]`; a space alone
 *   does not need them;
 * - inside a specifier, `[`, `]`, `#` and `'` are escaped with a single quotation mark;
 * - the column must be one of the table's headers.
 * Excel refuses a formula that breaks these rules; the double refuses it at sync with
 * InvalidArgument. Only references to tables in the workbook are read.
 */

/** Characters that oblige the outer brackets (the rules' list, without the space). */
const NEEDS_BRACKETS = /[\t\n\r,:.[\]#'"{}$^&*+=\-><\\/]/;

/** A reference found in a formula: the table and the columns it names (unescaped). */
export interface StructuredReference {
  readonly table: string;
  readonly columns: readonly string[];
}

export class StructuredReferenceError extends Error {}

/** Reads one bracketed item starting at `i` (just after its "["): the unescaped text and the index after its "]". */
function readItem(formula: string, i: number): { text: string; end: number } {
  let text = "";
  for (let k = i; k < formula.length; k++) {
    const ch = formula[k]!;
    if (ch === "'") {
      const next = formula[k + 1];
      if (next === undefined) break;
      text += next;
      k++;
      continue;
    }
    if (ch === "[") throw new StructuredReferenceError(`an unescaped "[" inside a column specifier (write '[)`);
    if (ch === "]") return { text, end: k + 1 };
    text += ch;
  }
  throw new StructuredReferenceError("a column specifier without its closing bracket");
}

/** Parses the specifier after `Table[`; returns the column names and the index after the closing "]". */
function readSpecifier(formula: string, i: number): { columns: string[]; end: number } {
  if (formula[i] !== "[") {
    // Single brackets: one column (or a special item such as [#Data], or [@Column]).
    let k = i;
    while (k < formula.length && formula[k] !== "]") k++;
    if (k >= formula.length) throw new StructuredReferenceError("a structured reference without its closing bracket");
    const text = formula.slice(i, k);
    if (text.startsWith("#") || text === "") return { columns: [], end: k + 1 };
    const column = text.startsWith("@") ? text.slice(1) : text;
    if (NEEDS_BRACKETS.test(column)) {
      throw new StructuredReferenceError(`the column "${column}" has special characters, so it must be written in double brackets: [[${column}]]`);
    }
    return { columns: [column], end: k + 1 };
  }
  // Double brackets: items [..] separated by "," or ":" (spaces allowed), then "]".
  const columns: string[] = [];
  let k = i;
  for (;;) {
    while (formula[k] === " ") k++;
    if (formula[k] === "@") {
      k++;
      if (formula[k] !== "[") {
        const item = readSpecifier(formula, k);
        return { columns: [...columns, ...item.columns], end: item.end };
      }
    }
    if (formula[k] !== "[") throw new StructuredReferenceError("a malformed structured reference");
    const item = readItem(formula, k + 1);
    if (!item.text.startsWith("#")) columns.push(item.text);
    k = item.end;
    while (formula[k] === " ") k++;
    if (formula[k] === "," || formula[k] === ":") {
      k++;
      continue;
    }
    if (formula[k] === "]") return { columns, end: k + 1 };
    throw new StructuredReferenceError("a malformed structured reference");
  }
}

/**
 * The structured references in a formula to the named tables (string literals skipped).
 * @throws StructuredReferenceError when one breaks Excel's syntax rules
 */
export function structuredReferences(formula: string, tableNames: readonly string[]): StructuredReference[] {
  const tables = new Map(tableNames.map((n) => [n.toLowerCase(), n]));
  const out: StructuredReference[] = [];
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    if (ch === '"') {
      const close = formula.indexOf('"', i + 1);
      i = close < 0 ? formula.length : close;
      continue;
    }
    if (ch !== "[") continue;
    const name = /[A-Za-z_\\][A-Za-z0-9_.\\]*$/.exec(formula.slice(0, i))?.[0];
    const table = name === undefined ? undefined : tables.get(name.toLowerCase());
    if (table === undefined) continue;
    const spec = readSpecifier(formula, i + 1);
    out.push({ table, columns: spec.columns });
    i = spec.end - 1;
  }
  return out;
}
