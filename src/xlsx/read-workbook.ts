/**
 * Reads an .xlsx file into the engine's grids: the Cases table (or sheet), the Criteria and
 * Settings sheets and the Interviews table. One reader, for the command line and the browser page
 * alike, with the semantics set out in src/xlsx/README.md (the same grids the add-in's Office.js
 * reader gives for the same workbook). Only the parts the grids need are read: the workbook, its
 * relationships, the shared strings, the tables and the worksheets that hold the four grids.
 * A file that cannot be used at all (missing, not an .xlsx, damaged, password-protected, no Cases
 * sheet) raises an {@link UnusableWorkbookError} with a one-line reason a user can act on.
 */
import { promises as fs, readFileSync, statSync, type Stats } from "node:fs";
import {
  ACTION_PLAN_MARKER,
  ACTION_PLAN_SHEET_NAME,
  columnLetters,
  MODERATION_MARKER,
  PREVIOUS_MARKER,
  PREVIOUS_SHEET_NAME,
  SHEET_NAMES,
  TABLE_NAMES,
  type CellValue,
  type Grid,
  type WorkbookGrids,
} from "../core";
import { fileHead, megabytes, officeFileStart, UnusableFileError } from "./ooxml/office-file";
import { relsPathOf } from "./ooxml/package";
import { DamagedPartError, PackageParts } from "./package-parts";
import {
  MalformedPartError,
  parseCellRef,
  readDateStyles,
  readRelationships,
  readSharedStrings,
  readSheetValues,
  readTable,
  readWorkbookInfo,
  type Relationship,
  type SheetValues,
  type TableInfo,
} from "./spreadsheetml";

/** Why a file cannot be used. */
export type UnusableReason =
  | "not-found"
  | "not-a-file"
  | "unreadable"
  | "empty"
  | "not-xlsx"
  | "legacy-xls"
  | "encrypted"
  | "corrupt"
  | "too-large"
  | "no-cases";

/** A file that cannot be used as an inspection workbook; `message` is one line for the user. */
export class UnusableWorkbookError extends UnusableFileError<UnusableReason> {
  override readonly name = "UnusableWorkbookError";
}

/** Limits that keep reading bounded. */
export interface ReadLimits {
  /** Largest file accepted, in bytes (default 100 MB). */
  readonly maxFileBytes: number;
  /** Largest total of the package's uncompressed parts, in bytes (default 600 MB). */
  readonly maxUncompressedBytes: number;
  /** Most sheet rows read for one grid (default 100,000). */
  readonly maxRows: number;
  /** Most columns read for one grid (default 1,000). */
  readonly maxCols: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 600 * 1024 * 1024,
  maxRows: 100_000,
  maxCols: 1_000,
};
/** Options for {@link readWorkbookGrids}. */
export interface ReadWorkbookOptions {
  readonly limits?: Partial<ReadLimits>;
}

const SAVE_AS_XLSX = "Open it in Excel and save it as an Excel Workbook (.xlsx).";

/**
 * Reads a file into memory once and turns it into grids.
 * @example const { bytes, grids } = await readWorkbookFile("inspection.xlsx");
 */
export async function readWorkbookFile(file: string, options: ReadWorkbookOptions = {}): Promise<{ bytes: Uint8Array; grids: WorkbookGrids }> {
  const bytes = await readFileBytes(file, { ...DEFAULT_READ_LIMITS, ...options.limits }.maxFileBytes);
  return { bytes, grids: await readWorkbookGrids(bytes, options) };
}

/**
 * Reads a file's bytes, turning file-system failures into {@link UnusableWorkbookError}.
 * @example const bytes = await readFileBytes("inspection.xlsx");
 */
export async function readFileBytes(file: string, maxBytes = DEFAULT_READ_LIMITS.maxFileBytes): Promise<Uint8Array> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    throw fileSystemError(e);
  }
  checkReadable(stat, maxBytes);
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw fileSystemError(e);
  }
}

/**
 * {@link readFileBytes} done synchronously, with the time the file was last changed: for reading
 * many small files one after another (the roll-up), where each asynchronous step of a read waits
 * for the thread to finish what it is doing (README, Performance).
 * @example const { bytes, modifiedAt } = readFileBytesSync("inspection.xlsx");
 */
export function readFileBytesSync(file: string, maxBytes = DEFAULT_READ_LIMITS.maxFileBytes): { bytes: Uint8Array; modifiedAt: Date } {
  try {
    const stat = statSync(file);
    checkReadable(stat, maxBytes);
    return { bytes: new Uint8Array(readFileSync(file)), modifiedAt: stat.mtime };
  } catch (e) {
    throw e instanceof UnusableWorkbookError ? e : fileSystemError(e);
  }
}

/** Throws the reason a file with this stat is not read: a folder, not an ordinary file, too large. */
function checkReadable(stat: Stats, maxBytes: number): void {
  if (stat.isDirectory()) throw new UnusableWorkbookError("not-a-file", "It is a folder, not a file.");
  if (!stat.isFile()) throw new UnusableWorkbookError("not-a-file", "It is not an ordinary file.");
  if (stat.size > maxBytes) throw new UnusableWorkbookError("too-large", `The file is ${megabytes(stat.size)}, larger than the ${megabytes(maxBytes)} this tool reads.`);
}

function fileSystemError(e: unknown): UnusableWorkbookError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return new UnusableWorkbookError("not-found", "The file does not exist. Check the name and folder.", { cause: e });
  if (code === "EACCES" || code === "EPERM") return new UnusableWorkbookError("unreadable", "Permission to read the file was refused.", { cause: e });
  if (code === "EBUSY") return new UnusableWorkbookError("unreadable", "The file is locked by another program. Close it and try again.", { cause: e });
  if (code === "EISDIR") return new UnusableWorkbookError("not-a-file", "It is a folder, not a file.", { cause: e });
  return new UnusableWorkbookError("unreadable", `The file could not be read${code ? ` (${code})` : ""}.`, { cause: e });
}

/**
 * The engine's grids from .xlsx bytes.
 * @example const grids = await readWorkbookGrids(bytes); analyseWorkbook(grids);
 */
export async function readWorkbookGrids(bytes: Uint8Array, options: ReadWorkbookOptions = {}): Promise<WorkbookGrids> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  return gridsOf(await readWorkbookSheets(bytes, options), limits);
}

/**
 * Every sheet the workbook lists, in order, with its tables, and the values of the sheets the
 * grids come from (null for the others). What {@link readWorkbookGrids} assembles the grids from.
 * @example (await readWorkbookSheets(bytes)).map((s) => s.name) // ["Cases", "Criteria", "Settings"]
 */
export async function readWorkbookSheets(bytes: Uint8Array, options: ReadWorkbookOptions = {}): Promise<WorkbookSheet[]> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  sniff(bytes, limits);
  const parts = await openPackage(bytes);
  recognise(parts);
  if (parts.uncompressedTotal() > limits.maxUncompressedBytes) {
    throw new UnusableWorkbookError("too-large", `The workbook unpacks to ${megabytes(parts.uncompressedTotal())}, more than the ${megabytes(limits.maxUncompressedBytes)} this tool reads.`);
  }
  try {
    return await readSheets(parts, limits);
  } catch (e) {
    if (e instanceof DamagedPartError) {
      throw new UnusableWorkbookError(
        "corrupt",
        e.checksum
          ? "The file is damaged: part of it fails its checksum, so its data cannot be trusted. Try a fresh copy or re-save it in Excel."
          : "The file is damaged: part of the workbook cannot be unpacked. Try a fresh copy or re-save it in Excel.",
        { cause: e },
      );
    }
    if (e instanceof MalformedPartError) {
      throw new UnusableWorkbookError("corrupt", `The file is damaged: part of the workbook (${e.part}) is not well-formed. Try a fresh copy or re-save it in Excel.`, { cause: e });
    }
    throw e;
  }
}

/** Opens the zip, telling an encrypted or damaged one apart. */
async function openPackage(bytes: Uint8Array): Promise<PackageParts> {
  try {
    return await PackageParts.open(bytes);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/encrypt/i.test(text)) throw new UnusableWorkbookError("encrypted", "The file is encrypted. Remove the password in Excel and save it again.", { cause: e });
    if (/crc32/i.test(text)) {
      throw new UnusableWorkbookError("corrupt", "The file is damaged: part of it fails its checksum, so its data cannot be trusted. Try a fresh copy or re-save it in Excel.", { cause: e });
    }
    throw new UnusableWorkbookError("corrupt", "The file is damaged or incomplete: it is not a readable .xlsx package. Try a fresh copy or re-save it in Excel.", { cause: e });
  }
}

/** Refuses a zip that is not an .xlsx workbook, saying what it is. */
function recognise(parts: PackageParts): void {
  if (parts.has("xl/workbook.xml")) return;
  if (parts.has("xl/workbook.bin")) throw new UnusableWorkbookError("not-xlsx", `It is an Excel Binary Workbook (.xlsb), which this tool cannot read. ${SAVE_AS_XLSX}`);
  if (parts.has("mimetype") && parts.has("content.xml")) throw new UnusableWorkbookError("not-xlsx", `It is an OpenDocument spreadsheet (.ods), not an .xlsx file. ${SAVE_AS_XLSX}`);
  if (parts.has("word/document.xml") || parts.has("ppt/presentation.xml")) throw new UnusableWorkbookError("not-xlsx", "It is a Word or PowerPoint file, not an Excel workbook.");
  throw new UnusableWorkbookError("not-xlsx", "It is a zip archive but not an Excel workbook (it has no workbook part).");
}

const STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const fold = (s: string): string => s.trim().toLowerCase();
const WANTED = [SHEET_NAMES.cases, SHEET_NAMES.criteria, SHEET_NAMES.settings, SHEET_NAMES.interviews, SHEET_NAMES.secondMarking, TABLE_NAMES.secondMarking].map(fold);

/** A sheet as the grids need it: its name, its tables, and its values when one of the grids is on it. */
export interface WorkbookSheet {
  readonly name: string;
  readonly tables: readonly TableInfo[];
  readonly values: SheetValues | null;
}

/** Every sheet the workbook lists, in order; values read only for the sheets the grids come from. */
async function readSheets(parts: PackageParts, limits: ReadLimits): Promise<WorkbookSheet[]> {
  const workbookXml = (await parts.text("xl/workbook.xml"))!;
  const book = readWorkbookInfo("xl/workbook.xml", workbookXml);
  if (book.namespace === STRICT_NAMESPACE) {
    throw new UnusableWorkbookError("not-xlsx", `It is saved as "Strict Open XML Spreadsheet", which this tool cannot read. In Excel, save it as an Excel Workbook (.xlsx).`);
  }
  const rels = await relationshipsOf(parts, "xl/workbook.xml");
  const listed = book.sheets.map((s) => {
    const rel = rels.find((r) => r.id === s.relId);
    // A sheet listed without its part would silently lose its data: the file is damaged.
    if (!rel || rel.path === null || !parts.has(rel.path)) {
      throw new UnusableWorkbookError("corrupt", `The file is damaged: the sheet "${s.name}" is listed but its contents are missing. Try a fresh copy or re-save it in Excel.`);
    }
    return { name: s.name, path: rel.type === `${REL}/worksheet` ? rel.path : null };
  });

  const withTables = [];
  for (const s of listed) {
    const tables: TableInfo[] = [];
    if (s.path !== null) {
      for (const r of await relationshipsOf(parts, s.path)) {
        if (r.type !== `${REL}/table` || r.path === null) continue;
        const xml = await parts.text(r.path);
        if (xml !== null) tables.push(readTable(r.path, xml));
      }
    }
    withTables.push({ ...s, tables });
  }

  const needed = withTables.filter((s) => s.path !== null && (WANTED.includes(fold(s.name)) || s.tables.some((t) => WANTED.includes(fold(t.name)))));
  if (needed.length === 0) return withTables.map((s) => ({ name: s.name, tables: s.tables, values: null }));
  const part = (type: string): string | null => rels.find((r) => r.type === `${REL}/${type}` && r.path !== null && parts.has(r.path))?.path ?? null;
  const sstPath = part("sharedStrings");
  const shared = sstPath ? await readSharedStrings(sstPath, (onText) => parts.stream(sstPath, onText)) : [];
  const stylesPath = part("styles");
  // Which cells are dates matters only to move a 1904-system date onto the 1900 system.
  const dateStyles = book.date1904 && stylesPath ? readDateStyles(stylesPath, (await parts.text(stylesPath))!) : new Set<number>();

  const sheets: WorkbookSheet[] = [];
  for (const s of withTables) {
    // A generated sheet the build reads back (Moderation, Action plan, Previous inspection), whatever it is called now: its cell A2 says what it is.
    if (!needed.includes(s) && !(s.path !== null && (await isReadBackSheet(parts, s.path, shared)))) {
      sheets.push({ name: s.name, tables: s.tables, values: null });
      continue;
    }
    const path = s.path!;
    let keepRows = limits.maxRows;
    let keepCols = limits.maxCols;
    for (const t of s.tables) {
      const at = parseCellRef(t.ref.split(":")[0] ?? "");
      if (at) {
        keepRows = Math.max(keepRows, at[0] + limits.maxRows);
        keepCols = Math.max(keepCols, at[1] + limits.maxCols);
      }
    }
    const values = await readSheetValues(path, (onText) => parts.stream(path, onText), { shared, dateStyles, date1904: book.date1904, keepRows, keepCols });
    sheets.push({ name: s.name, tables: s.tables, values });
  }
  return sheets;
}

/** The generated sheets a build reads back, by the marker their cell A2 starts with, and the name each is written under. */
const READ_BACK = [
  { marker: MODERATION_MARKER, name: SHEET_NAMES.moderation },
  { marker: PREVIOUS_MARKER, name: PREVIOUS_SHEET_NAME },
  { marker: ACTION_PLAN_MARKER, name: ACTION_PLAN_SHEET_NAME },
] as const;

async function isReadBackSheet(parts: PackageParts, path: string, shared: readonly string[]): Promise<boolean> {
  const top = await readSheetValues(path, (onText) => parts.stream(path, onText), { shared, dateStyles: new Set(), date1904: false, keepRows: 2, keepCols: 1, stopAfterRow: 1 });
  const a2 = top.rows[1]?.[0];
  return typeof a2 === "string" && READ_BACK.some((r) => a2.startsWith(r.marker));
}

async function relationshipsOf(parts: PackageParts, source: string): Promise<Relationship[]> {
  const path = relsPathOf(source);
  const xml = await parts.text(path);
  return xml === null ? [] : readRelationships(path, xml, source);
}

/** Recognises what a file is from its first bytes, before any unpacking. */
function sniff(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new UnusableWorkbookError("empty", "The file is empty (0 bytes).");
  if (bytes.length > limits.maxFileBytes) throw new UnusableWorkbookError("too-large", `The file is ${megabytes(bytes.length)}, larger than the ${megabytes(limits.maxFileBytes)} this tool reads.`);
  const start = officeFileStart(bytes);
  // Excel saves a password-protected workbook as an OLE compound file holding an encrypted package.
  if (start === "encrypted") {
    throw new UnusableWorkbookError("encrypted", "The workbook is password-protected. In Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again.");
  }
  if (start === "legacy") throw new UnusableWorkbookError("legacy-xls", `It is an Excel 97-2003 (.xls) or other older Office file, not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  if (start === "short-zip") throw new UnusableWorkbookError("corrupt", "The file is damaged or incomplete: it is too short to be an .xlsx package.");
  if (start === "zip") return;
  const head = fileHead(bytes);
  if (head.startsWith("<?xml") || head.startsWith("<html") || head.startsWith("<!doctype") || head.startsWith("<table")) {
    throw new UnusableWorkbookError("not-xlsx", `It is an XML or web page file (perhaps saved as "XML Spreadsheet" or HTML), not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  }
  if (looksLikeText(bytes)) {
    throw new UnusableWorkbookError("not-xlsx", `It is a text file (perhaps a CSV), not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  }
  throw new UnusableWorkbookError("not-xlsx", `It is not an .xlsx workbook (the file does not start like one). ${SAVE_AS_XLSX}`);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= n / 100;
}

interface FoundTable {
  readonly sheet: WorkbookSheet;
  readonly table: TableInfo;
  /** Zero-based inclusive corners of the whole table (header and totals included). */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function gridsOf(sheets: readonly WorkbookSheet[], limits: ReadLimits): WorkbookGrids {
  const tables = findTables(sheets);
  const cases = gridFor(sheets, tables, SHEET_NAMES.cases, limits, true);
  if (!cases) {
    const names = sheets.map((w) => w.name);
    const list = names.length === 0 ? "it has no worksheets" : `its sheets are ${names.slice(0, 8).map((s) => `"${s}"`).join(", ")}${names.length > 8 ? ", …" : ""}`;
    throw new UnusableWorkbookError(
      "no-cases",
      `It has no sheet or table named "Cases" (${list}). Add a Cases sheet with one case per row, or start from "inspection-workbook template".`,
    );
  }
  return {
    cases,
    criteria: gridFor(sheets, tables, SHEET_NAMES.criteria, limits, false),
    settings: gridFor(sheets, tables, SHEET_NAMES.settings, limits, false),
    interviews: gridFor(sheets, tables, SHEET_NAMES.interviews, limits, true),
    secondMarking: gridFor(sheets, tables, TABLE_NAMES.secondMarking, limits, true) ?? gridFor(sheets, tables, SHEET_NAMES.secondMarking, limits, true),
    moderation: markedGrid(sheets, READ_BACK[0], limits),
    previous: markedGrid(sheets, READ_BACK[1], limits),
    actionPlan: markedGrid(sheets, READ_BACK[2], limits),
  };
}

/**
 * A generated sheet the build reads back (cell A2 says which), whatever it is called now: the one
 * with its usual name if there are several, as the writer replaces that one.
 */
function markedGrid(sheets: readonly WorkbookSheet[], kind: (typeof READ_BACK)[number], limits: ReadLimits): Grid | null {
  const marked = sheets.filter((s) => {
    const a2 = s.values?.rows[1]?.[0];
    return typeof a2 === "string" && a2.startsWith(kind.marker);
  });
  const sheet = marked.find((s) => fold(s.name) === fold(kind.name)) ?? marked[0];
  return sheet ? sheetGrid(sheet, limits, false) : null;
}

function findTables(sheets: readonly WorkbookSheet[]): FoundTable[] {
  const found: FoundTable[] = [];
  for (const sheet of sheets) {
    for (const table of sheet.tables) {
      const [first, second] = table.ref.replace(/\$/g, "").split(":");
      const a = parseCellRef(first ?? "");
      const b = second === undefined ? a : parseCellRef(second);
      if (!table.name || !a || !b) continue;
      found.push({ sheet, table, top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) });
    }
  }
  return found;
}

/** The grid of the table with a name, else of the sheet with that name, else null. */
function gridFor(sheets: readonly WorkbookSheet[], tables: readonly FoundTable[], name: string, limits: ReadLimits, strict: boolean): Grid | null {
  const table = tables.find((t) => fold(t.table.name) === fold(name));
  if (table) return tableGrid(table, limits, strict);
  const sheet = sheets.find((w) => fold(w.name) === fold(name));
  return sheet ? sheetGrid(sheet, limits, strict) : null;
}

function tableGrid(t: FoundTable, limits: ReadLimits, strict: boolean): Grid {
  const bodyBottom = t.bottom - t.table.totalsRows;
  const width = t.right - t.left + 1;
  const sheet = t.sheet.name;
  let top = t.top;
  const rows: CellValue[][] = [];
  if (t.table.headerRows === 0) {
    // No header row on the sheet: use the table's column names, placed on the row above (row -1,
    // off the sheet, when the table starts on row 1).
    rows.push(Array.from({ length: width }, (_, i) => t.table.columns[i] ?? null));
    top = t.top - 1;
  }
  const height = bodyBottom - t.top + 1;
  if (strict && (height > limits.maxRows || width > limits.maxCols)) throw tooBig(sheet, height > limits.maxRows ? `${height} rows` : `${width} columns`, limits);
  rows.push(...range(t.sheet.values, t.top, t.left, Math.min(bodyBottom, t.top + limits.maxRows - 1), Math.min(t.right, t.left + limits.maxCols - 1)));
  return { sheet, top, left: t.left, rows, tableName: t.table.name };
}

/** A sheet from A1 to its last row and column holding a value. */
function sheetGrid(sheet: WorkbookSheet, limits: ReadLimits, strict: boolean): Grid {
  const lastRow = sheet.values?.lastRow ?? -1;
  const lastCol = sheet.values?.lastCol ?? -1;
  if (strict && (lastRow >= limits.maxRows || lastCol >= limits.maxCols)) {
    const where = lastRow >= limits.maxRows ? `data on row ${lastRow + 1}` : `data in column ${columnLetters(lastCol)}`;
    throw tooBig(sheet.name, where, limits);
  }
  const rows = lastRow < 0 ? [] : range(sheet.values, 0, 0, Math.min(lastRow, limits.maxRows - 1), Math.min(lastCol, limits.maxCols - 1));
  return { sheet: sheet.name, top: 0, left: 0, rows };
}

/** Values of a zero-based inclusive range, one array per row, null where a cell has no value. */
function range(values: SheetValues | null, top: number, left: number, bottom: number, right: number): CellValue[][] {
  const width = right - left + 1;
  const rows: CellValue[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = new Array<CellValue>(width).fill(null);
    const source = values?.rows[r];
    if (source) {
      const end = Math.min(right, source.length - 1);
      for (let c = left; c <= end; c++) {
        const v = source[c];
        if (v !== undefined) row[c - left] = v;
      }
    }
    rows.push(row);
  }
  return rows;
}

function tooBig(sheet: string, what: string, limits: ReadLimits): UnusableWorkbookError {
  return new UnusableWorkbookError(
    "too-large",
    `The "${sheet}" sheet has ${what}, beyond the ${limits.maxRows.toLocaleString("en-GB")} rows and ${limits.maxCols.toLocaleString("en-GB")} columns this tool reads. Delete stray cells far below or right of the data, or split the workbook.`,
  );
}
