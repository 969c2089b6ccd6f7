/**
 * The SpreadsheetML parts the reader needs — workbook, relationships, styles, shared strings,
 * tables and worksheets — read with saxes, a spec-conformant streaming XML parser: a part that is
 * not well-formed XML is refused, never half-read. A worksheet is first read by the fast scanner
 * (sheet-scan.ts), which gives the same events for the subset of XML it accepts and declines the
 * rest, which saxes then reads. Elements are matched by their local name, so
 * a namespace prefix (`<x:c>`) reads as its unprefixed form. The meaning of each value is set out
 * in src/xlsx/README.md.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { CellValue } from "../core";
import { resolveTarget } from "./ooxml/package";
import { SheetScanner, type XmlEvents } from "./sheet-scan";

/** A part that is not well-formed XML, or holds something no spreadsheet program writes. */
export class MalformedPartError extends Error {
  constructor(
    readonly part: string,
    detail: string,
  ) {
    super(`${part}: ${detail}`);
    this.name = "MalformedPartError";
  }
}

type Attributes = Readonly<Record<string, string>>;

/** The local name of a qualified name: "x:row" → "row". */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * A parser for one part. Each handler gets local names; text is delivered for elements only
 * (CDATA sections included), with line ends normalised and entities decoded as XML requires.
 */
function partParser(
  part: string,
  handlers: {
    open?: (local: string, attrs: Attributes, selfClosing: boolean) => void;
    close?: (local: string) => void;
    text?: (text: string) => void;
  },
): SaxesParser {
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  parser.on("error", (e) => {
    throw new MalformedPartError(part, e.message);
  });
  const { open, close, text } = handlers;
  if (open) parser.on("opentag", (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes, tag.isSelfClosing));
  if (close) parser.on("closetag", (tag: SaxesTagPlain) => close(localName(tag.name)));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  return parser;
}

/** Parses a whole part held as text. */
function parseWhole(part: string, xml: string, handlers: Parameters<typeof partParser>[1]): void {
  partParser(part, handlers).write(xml).close();
}

/** OOXML's escape for characters XML cannot hold: `_x000D_` is a carriage return, `_x005F_` an underscore. */
export function decodeXmlEscapes(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

// ---------------------------------------------------------------------------------------------
// Package-level parts

/** One relationship of a part, its target resolved to a part name (null for an external target). */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly path: string | null;
}

/** A relationships part; `source` is the part the relationships belong to. */
export function readRelationships(part: string, xml: string, source: string): Relationship[] {
  const rels: Relationship[] = [];
  parseWhole(part, xml, {
    open: (local, a) => {
      if (local !== "Relationship") return;
      const external = (a.TargetMode ?? "").toLowerCase() === "external";
      rels.push({ id: a.Id ?? "", type: a.Type ?? "", path: external ? null : resolveTarget(source, a.Target ?? "") });
    },
  });
  return rels;
}

export interface WorkbookSheet {
  readonly name: string;
  /** The relationship that names its part. */
  readonly relId: string;
}

export interface WorkbookInfo {
  /** The namespace of the root element (Strict Open XML has its own). */
  readonly namespace: string;
  readonly date1904: boolean;
  readonly sheets: readonly WorkbookSheet[];
}

/** The workbook part: its sheets in order and its date system. */
export function readWorkbookInfo(part: string, xml: string): WorkbookInfo {
  let namespace = "";
  let date1904 = false;
  let depth = 0;
  const sheets: WorkbookSheet[] = [];
  parseWhole(part, xml, {
    open: (local, a) => {
      if (depth === 0) {
        if (local !== "workbook") throw new MalformedPartError(part, `the root is <${local}>, not <workbook>`);
        for (const [k, v] of Object.entries(a)) if (k === "xmlns" || k.startsWith("xmlns:")) namespace ||= v;
      }
      if (local === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      if (local === "sheet") {
        const relId = Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
        sheets.push({ name: a.name ?? "", relId });
      }
      depth++;
    },
    // saxes reports a self-closing element's end too.
    close: () => void depth--,
  });
  return { namespace, date1904, sheets };
}

/** Excel's built-in number formats that show a date or time. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * Whether a number format shows a date or time: a day, month, year, hour or second code outside
 * quoted text, escaped characters and [colour] or [$-locale] brackets.
 * @example isDateFormat("d mmm yyyy") // true; isDateFormat('0.0 "days"') // false
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  return /[dmyhs]/i.test(bare.replace(/General/gi, ""));
}

/** The cell formats (`s` indices) that show a date. */
export function readDateStyles(part: string, xml: string): Set<number> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  parseWhole(part, xml, {
    open: (local, a, selfClosing) => {
      if (local === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (local === "cellXfs") inCellXfs = !selfClosing;
      else if (local === "xf" && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close: (local) => {
      if (local === "cellXfs") inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  xfFormats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

/** The shared strings, in order: each item's text runs joined, phonetic runs left out. */
export async function readSharedStrings(part: string, stream: (onText: (text: string) => void) => Promise<unknown>): Promise<string[]> {
  const strings: string[] = [];
  let text = "";
  let inT = false;
  let phonetic = 0;
  const parser = partParser(part, {
    // saxes reports a self-closing element's end too, so counts stay balanced.
    open: (local, _a, selfClosing) => {
      if (local === "si") text = "";
      else if (local === "rPh") phonetic++;
      else if (local === "t" && phonetic === 0 && !selfClosing) inT = true;
    },
    close: (local) => {
      if (local === "t") inT = false;
      else if (local === "rPh") phonetic--;
      else if (local === "si") strings.push(decodeXmlEscapes(text));
    },
    text: (t) => {
      if (inT) text += t;
    },
  });
  await stream((t) => void parser.write(t));
  parser.close();
  return strings;
}

/** A table part: its name, range, header and totals rows, column names. */
export interface TableInfo {
  readonly name: string;
  /** "B3:F40". */
  readonly ref: string;
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly columns: readonly string[];
}

export function readTable(part: string, xml: string): TableInfo {
  let info: Omit<TableInfo, "columns"> | null = null;
  const columns: string[] = [];
  parseWhole(part, xml, {
    open: (local, a) => {
      if (local === "table" && info === null) {
        const count = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v) || 0);
        info = { name: a.displayName || a.name || "", ref: a.ref ?? "", headerRows: count(a.headerRowCount, 1), totalsRows: count(a.totalsRowCount, 0) };
      } else if (local === "tableColumn") columns.push(a.name ?? "");
    },
  });
  if (info === null) throw new MalformedPartError(part, "no <table>");
  return { ...(info as Omit<TableInfo, "columns">), columns };
}

// ---------------------------------------------------------------------------------------------
// Worksheets

/** A rectangle, zero-based and inclusive. */
export interface CellRect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A worksheet's values. */
export interface SheetValues {
  /** Values by zero-based row, then column (holes where there is no value). */
  readonly rows: (CellValue[] | undefined)[];
  /** The last row and column holding a value anywhere on the sheet; -1 when none. */
  readonly lastRow: number;
  readonly lastCol: number;
}

export interface ReadSheetOptions {
  readonly shared: readonly string[];
  readonly dateStyles: ReadonlySet<number>;
  readonly date1904: boolean;
  /** Values are kept only in the first rows and columns (the extent still counts every value). */
  readonly keepRows: number;
  readonly keepCols: number;
  /** Stop reading after this zero-based row (the rest of the part is neither read nor checked). */
  readonly stopAfterRow?: number;
}

/** Thrown from a handler to stop reading a part early. */
class StopReading extends Error {}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Days from Excel's 1900 epoch to its 1904 epoch. */
const DAYS_1904 = 1462;

/** "AB12" → [11, 27]; null when not an A1 reference inside the sheet. */
export function parseCellRef(ref: string): [row: number, col: number] | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === 0 || i > 3) return null;
  const row = Number(ref.slice(i));
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS || col > MAX_COLS || ref.charCodeAt(i) === 48) return null;
  return [row - 1, col - 1];
}

/** An ISO 8601 date or date-time (a `t="d"` cell) as an Excel serial number in the 1900 system. */
function isoToSerial(text: string): number | null {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms / 86_400_000 + 25_569 : null;
}

/** A part's text, in order, to `onText` (package-parts.ts `stream`). */
type PartStream = (onText: (text: string) => void) => Promise<unknown>;

/**
 * Reads a worksheet's cell values and merged ranges, streaming. Cells covered by a merge (all but
 * its top-left cell) read as empty. The part is read by the fast scanner (sheet-scan.ts) and,
 * when that declines it, again by saxes.
 */
export async function readSheetValues(part: string, stream: PartStream, o: ReadSheetOptions): Promise<SheetValues> {
  return (await readSheetValuesFast(part, stream, o)) ?? (await readSheetValuesSaxes(part, stream, o));
}

/** Thrown from the stream's callback when the scanner declines a part. */
class Declined extends Error {}

/** A worksheet read by the fast scanner; null when it declines the part (then saxes must read it). */
export async function readSheetValuesFast(part: string, stream: PartStream, o: ReadSheetOptions): Promise<SheetValues | null> {
  const reader = sheetReader(part, o);
  const scanner = new SheetScanner(reader.events);
  try {
    await stream((t) => {
      if (!scanner.write(t)) throw new Declined();
    });
    if (!scanner.end()) return null;
  } catch (e) {
    if (e instanceof Declined) return null;
    if (!(e instanceof StopReading)) throw e;
  }
  return reader.finish();
}

/** A worksheet read by saxes, which refuses a part that is not well-formed XML. */
export async function readSheetValuesSaxes(part: string, stream: PartStream, o: ReadSheetOptions): Promise<SheetValues> {
  const reader = sheetReader(part, o);
  const { open, close, text } = reader.events;
  const parser = partParser(part, { open: (local, a, selfClosing) => open(local, { get: (name) => a[name] }, selfClosing), close, text });
  try {
    await stream((t) => void parser.write(t));
    parser.close();
  } catch (e) {
    if (!(e instanceof StopReading)) throw e;
  }
  return reader.finish();
}

/** The reading of one worksheet: the XML events in, its values out. */
function sheetReader(part: string, o: ReadSheetOptions): { events: XmlEvents; finish: () => SheetValues } {
  const rows: (CellValue[] | undefined)[] = [];
  const merges: CellRect[] = [];
  let row = -1;
  let col = -1;
  let type = "n";
  let style = 0;
  let hasValue = false;
  let text = "";
  /** 1 inside <v>, 2 inside an inline string's <t>. */
  let capture = 0;
  let inInline = false;
  let phonetic = 0;

  const value = (): CellValue => {
    if (type === "inlineStr") {
      const s = decodeXmlEscapes(text);
      return s === "" ? null : s;
    }
    if (!hasValue) return null;
    switch (type) {
      case "s": {
        const s = o.shared[Number(text)];
        if (s === undefined) throw new MalformedPartError(part, `a cell refers to shared string ${text}, which does not exist`);
        return s === "" ? null : s;
      }
      case "str": {
        const s = decodeXmlEscapes(text);
        return s === "" ? null : s;
      }
      case "b":
        return text === "1" || text === "true" ? true : text === "0" || text === "false" ? false : null;
      case "e":
        return text === "" ? null : { error: text };
      case "d":
        return isoToSerial(text.trim());
      default: {
        const n = text.trim() === "" ? NaN : Number(text);
        if (!Number.isFinite(n)) return null;
        return o.date1904 && o.dateStyles.has(style) ? n + DAYS_1904 : n;
      }
    }
  };

  // Both readers report a self-closing element's end too: a cell is stored when it closes.
  const events: XmlEvents = {
    open: (local, a, selfClosing) => {
      switch (local) {
        case "row": {
          const at = a.get("r");
          const r = at === undefined ? row + 1 : Number(at) - 1;
          if (!Number.isInteger(r) || r < 0 || r >= MAX_ROWS) throw new MalformedPartError(part, `a row numbered "${at}"`);
          if (o.stopAfterRow !== undefined && r > o.stopAfterRow) throw new StopReading();
          row = r;
          col = -1;
          return;
        }
        case "c": {
          const ref = a.get("r");
          if (ref !== undefined) {
            const at = parseCellRef(ref);
            if (!at) throw new MalformedPartError(part, `a cell at "${ref}"`);
            [row, col] = at;
          } else {
            col++;
            if (row < 0 || col >= MAX_COLS) throw new MalformedPartError(part, "a cell outside the sheet");
          }
          type = a.get("t") ?? "n";
          const s = a.get("s");
          style = s === undefined ? 0 : Number(s);
          hasValue = false;
          text = "";
          inInline = false;
          phonetic = 0;
          return;
        }
        case "v":
          if (!inInline) {
            hasValue = true;
            capture = selfClosing ? 0 : 1;
          }
          return;
        case "is":
          inInline = !selfClosing;
          return;
        case "rPh":
          phonetic++;
          return;
        case "t":
          if (inInline && phonetic === 0 && !selfClosing) capture = 2;
          return;
        case "mergeCell": {
          const [first, second] = (a.get("ref") ?? "").split(":");
          const p = parseCellRef(first ?? "");
          const q = second === undefined ? p : parseCellRef(second);
          if (p && q) merges.push({ top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) });
          return;
        }
      }
    },
    close: (local) => {
      switch (local) {
        case "v":
        case "t":
          capture = 0;
          return;
        case "rPh":
          phonetic--;
          return;
        case "is":
          inInline = false;
          return;
        case "c":
          store(value());
          return;
      }
    },
    text: (t) => {
      if (capture !== 0) text += t;
    },
  };

  let lastRow = -1;
  let lastCol = -1;
  function store(v: CellValue): void {
    if (v === null) {
      // A later cell at the same address replaces an earlier one.
      const values = rows[row];
      if (values) delete values[col];
      return;
    }
    if (row > lastRow) lastRow = row;
    if (col > lastCol) lastCol = col;
    if (row >= o.keepRows || col >= o.keepCols) return;
    (rows[row] ??= [])[col] = v;
  }

  return { events, finish };

  function finish(): SheetValues {
    for (const m of merges) {
      for (let r = m.top; r <= Math.min(m.bottom, rows.length - 1); r++) {
        const values = rows[r];
        if (!values) continue;
        for (let c = r === m.top ? m.left + 1 : m.left; c <= Math.min(m.right, values.length - 1); c++) delete values[c];
      }
    }
    if (merges.length > 0 && lastRow < o.keepRows && lastCol < o.keepCols) {
      // What a merge hid may have been the last value.
      lastRow = -1;
      lastCol = -1;
      rows.forEach((values, r) => {
        values?.forEach((v, c) => {
          if (v === undefined) return;
          lastRow = Math.max(lastRow, r);
          lastCol = Math.max(lastCol, c);
        });
      });
    }
    return { rows, lastRow, lastCol };
  }
}
