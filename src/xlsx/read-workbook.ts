/**
 * Reads an .xlsx file into the engine's grids: the Cases table (or sheet), the Criteria and
 * Settings sheets and the Interviews table. The fast reader (fast-read.ts) reads the parts it
 * needs straight from the zip; anything it does not handle is read through ExcelJS, which is
 * loaded only then. A file that cannot be used at all
 * (missing, not an .xlsx, damaged, password-protected, no Cases sheet) raises an
 * {@link UnusableWorkbookError} with a one-line reason a user can act on.
 */
import { promises as fs } from "node:fs";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { columnLetters, MODERATION_MARKER, SHEET_NAMES, TABLE_NAMES, type CellValue, type Grid, type WorkbookGrids } from "../core";
import { readWorksheetsFast, type TableModelLike, type WorksheetSource } from "./fast-read";
import { parseRelationships } from "./ooxml/package";
import { parseAttrs } from "./ooxml/xml";

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
export class UnusableWorkbookError extends Error {
  constructor(
    readonly reason: UnusableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UnusableWorkbookError";
  }
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

/** Options for {@link readWorkbookGrids} and {@link gridsFromWorkbook}. */
export interface ReadWorkbookOptions {
  readonly limits?: Partial<ReadLimits>;
  /**
   * "auto" (default): the fast reader, and ExcelJS for any file it does not handle; "exceljs":
   * always ExcelJS (the reference the fast reader is tested against).
   */
  readonly reader?: "auto" | "exceljs";
}

/** What the package itself says about a table (ExcelJS loses the header-row default). */
interface TablePackageInfo {
  readonly headerRows: number;
  readonly totalsRows: number;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
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
  if (stat.isDirectory()) throw new UnusableWorkbookError("not-a-file", "It is a folder, not a file.");
  if (!stat.isFile()) throw new UnusableWorkbookError("not-a-file", "It is not an ordinary file.");
  if (stat.size > maxBytes) throw new UnusableWorkbookError("too-large", `The file is ${megabytes(stat.size)}, larger than the ${megabytes(maxBytes)} this tool reads.`);
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw fileSystemError(e);
  }
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
 * Loads .xlsx bytes into an ExcelJS workbook after checking they are a usable .xlsx package.
 * @example const workbook = await loadWorkbook(bytes);
 */
export async function loadWorkbook(bytes: Uint8Array, options: ReadWorkbookOptions = {}): Promise<ExcelJS.Workbook> {
  await checkPackage(bytes, { ...DEFAULT_READ_LIMITS, ...options.limits });
  await verifyChecksums(bytes);
  return loadExcelJs(bytes);
}

/**
 * The engine's grids from .xlsx bytes or an ExcelJS workbook.
 * @example const grids = await readWorkbookGrids(bytes); analyseWorkbook(grids);
 */
export async function readWorkbookGrids(input: Uint8Array | ExcelJS.Workbook, options: ReadWorkbookOptions = {}): Promise<WorkbookGrids> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  if (input instanceof Uint8Array) {
    const { zip, tables } = await checkPackage(input, limits);
    if (options.reader !== "exceljs") {
      // Checks every part's CRC-32 as it reads; declines (null) on anything it does not handle.
      const sheets = await readWorksheetsFast(zip);
      if (sheets) return gridsOf(sheets, limits, tables);
    }
    await verifyChecksums(input);
    return gridsOf(excelJsSheets(await loadExcelJs(input)), limits, tables);
  }
  return gridsOf(excelJsSheets(input), limits, new Map());
}

/**
 * The engine's grids from an ExcelJS workbook already in memory.
 * @example gridsFromWorkbook(workbook).cases.tableName // "Cases"
 */
export function gridsFromWorkbook(workbook: ExcelJS.Workbook, options: ReadWorkbookOptions = {}): WorkbookGrids {
  return gridsOf(excelJsSheets(workbook), { ...DEFAULT_READ_LIMITS, ...options.limits }, new Map());
}

/**
 * Checks that bytes are a usable .xlsx package and reads what it says about its tables. Parts'
 * checksums are checked by whichever reader reads them next ({@link verifyChecksums} before
 * ExcelJS); a file refused here is checked first, so a damaged part is reported as before.
 */
async function checkPackage(bytes: Uint8Array, limits: ReadLimits): Promise<{ zip: JSZip; tables: Map<string, TablePackageInfo> }> {
  sniff(bytes, limits);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/encrypt/i.test(text)) throw new UnusableWorkbookError("encrypted", "The file is encrypted. Remove the password in Excel and save it again.", { cause: e });
    throw new UnusableWorkbookError("corrupt", "The file is damaged or incomplete: it is not a readable .xlsx package. Try a fresh copy or re-save it in Excel.", { cause: e });
  }

  const names = Object.keys(zip.files);
  const has = (name: string): boolean => names.some((n) => n.replace(/^\//, "").toLowerCase() === name);
  if (!has("xl/workbook.xml")) {
    if (has("xl/workbook.bin")) throw new UnusableWorkbookError("not-xlsx", `It is an Excel Binary Workbook (.xlsb), which this tool cannot read. ${SAVE_AS_XLSX}`);
    if (has("mimetype") && has("content.xml")) throw new UnusableWorkbookError("not-xlsx", `It is an OpenDocument spreadsheet (.ods), not an .xlsx file. ${SAVE_AS_XLSX}`);
    if (has("word/document.xml") || has("ppt/presentation.xml")) throw new UnusableWorkbookError("not-xlsx", "It is a Word or PowerPoint file, not an Excel workbook.");
    throw new UnusableWorkbookError("not-xlsx", "It is a zip archive but not an Excel workbook (it has no workbook part).");
  }
  let total = 0;
  for (const f of Object.values(zip.files)) {
    const size = (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (typeof size === "number" && size > 0) total += size;
  }
  if (total > limits.maxUncompressedBytes) {
    throw new UnusableWorkbookError("too-large", `The workbook unpacks to ${megabytes(total)}, more than the ${megabytes(limits.maxUncompressedBytes)} this tool reads.`);
  }
  try {
    return { zip, tables: await packageTables(zip) };
  } catch (e) {
    // A damaged part is what the file is first refused for.
    await verifyChecksums(bytes);
    throw e;
  }
}

/**
 * Every part against its checksum (ExcelJS checks none): a part changed after the file was saved
 * would otherwise be read as if it were the user's data.
 */
async function verifyChecksums(bytes: Uint8Array): Promise<void> {
  try {
    await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    throw new UnusableWorkbookError(
      "corrupt",
      /crc32/i.test(text)
        ? "The file is damaged: part of it fails its checksum, so its data cannot be trusted. Try a fresh copy or re-save it in Excel."
        : "The file is damaged: part of the workbook cannot be unpacked. Try a fresh copy or re-save it in Excel.",
      { cause: e },
    );
  }
}

/** Strict format, sheets without parts, and what each table part says about its header and totals rows. */
async function packageTables(zip: JSZip): Promise<Map<string, TablePackageInfo>> {
  const tables = new Map<string, TablePackageInfo>();
  try {
    const workbookPart = Object.values(zip.files).find((f) => f.name.replace(/^\//, "").toLowerCase() === "xl/workbook.xml");
    const workbookXml = workbookPart ? await workbookPart.async("string") : "";
    const head = workbookXml.slice(0, 2000);
    if (head.includes("purl.oclc.org/ooxml/spreadsheetml")) {
      throw new UnusableWorkbookError("not-xlsx", `It is saved as "Strict Open XML Spreadsheet", which this tool cannot read. In Excel, save it as an Excel Workbook (.xlsx).`);
    }
    // ExcelJS silently drops a sheet whose part is missing; say the file is damaged instead.
    const lost = await sheetWithoutPart(zip, workbookXml);
    if (lost !== null) {
      throw new UnusableWorkbookError("corrupt", `The file is damaged: the sheet "${lost}" is listed but its contents are missing. Try a fresh copy or re-save it in Excel.`);
    }
    for (const f of Object.values(zip.files)) {
      if (f.dir || !/^\/?xl\/tables\/[^/]+\.xml$/i.test(f.name)) continue;
      const xml = await f.async("string");
      const open = /<(?:[\w.-]+:)?table\b([^>]*)>/.exec(xml);
      if (!open) continue;
      const attrs = open[1]!;
      const attr = (name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
      const info: TablePackageInfo = {
        headerRows: Number(attr("headerRowCount") ?? "1") || 0,
        totalsRows: Number(attr("totalsRowCount") ?? "0") || 0,
      };
      for (const n of [attr("name"), attr("displayName")]) if (n) tables.set(decodeXml(n).toLowerCase(), info);
    }
  } catch (e) {
    if (e instanceof UnusableWorkbookError) throw e;
    throw new UnusableWorkbookError("corrupt", "The file is damaged: part of the workbook cannot be unpacked. Try a fresh copy or re-save it in Excel.", { cause: e });
  }
  return tables;
}

/** Loads checked bytes into ExcelJS (loaded itself only now: the fast reader does not need it). */
async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const excelJs = await import("exceljs");
  const workbook = new (excelJs.default ?? excelJs).Workbook();
  try {
    // Node's Buffer where there is one (the command line); the plain bytes in a browser page,
    // where ExcelJS's bundled JSZip takes a Uint8Array.
    const data = typeof Buffer === "undefined" ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new UnusableWorkbookError("corrupt", "The workbook could not be read; it may be damaged. Try re-saving it in Excel as an Excel Workbook (.xlsx).", { cause: e });
  }
  return workbook;
}

/** The name of the first sheet the workbook lists whose part is not in the package, or null. */
async function sheetWithoutPart(zip: JSZip, workbookXml: string): Promise<string | null> {
  const relsPart = Object.values(zip.files).find((f) => f.name.replace(/^\//, "").toLowerCase() === "xl/_rels/workbook.xml.rels");
  const rels = relsPart ? parseRelationships(await relsPart.async("string"), "xl/workbook.xml") : [];
  const present = new Set(Object.keys(zip.files).map((n) => n.replace(/^\//, "").toLowerCase()));
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g)) {
    const attrs = parseAttrs(m[1]!);
    let relId = "";
    for (const [k, v] of attrs) if (k.endsWith(":id") && !k.startsWith("xmlns")) relId = v;
    const rel = rels.find((r) => r.id === relId);
    if (!rel || (rel.path !== null && !present.has(rel.path.toLowerCase()))) return attrs.get("name") ?? "";
  }
  return null;
}

/** Recognises what a file is from its first bytes, before any unpacking. */
function sniff(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new UnusableWorkbookError("empty", "The file is empty (0 bytes).");
  if (bytes.length > limits.maxFileBytes) throw new UnusableWorkbookError("too-large", `The file is ${megabytes(bytes.length)}, larger than the ${megabytes(limits.maxFileBytes)} this tool reads.`);
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // Excel saves a password-protected workbook as an OLE compound file holding an encrypted package.
    if (containsUtf16(bytes, "EncryptionInfo") || containsUtf16(bytes, "EncryptedPackage")) {
      throw new UnusableWorkbookError("encrypted", "The workbook is password-protected. In Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it again.");
    }
    throw new UnusableWorkbookError("legacy-xls", `It is an Excel 97-2003 (.xls) or other older Office file, not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    if (bytes.length < 22) throw new UnusableWorkbookError("corrupt", "The file is damaged or incomplete: it is too short to be an .xlsx package.");
    return;
  }
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<?xml") || head.startsWith("<html") || head.startsWith("<!doctype") || head.startsWith("<table")) {
    throw new UnusableWorkbookError("not-xlsx", `It is an XML or web page file (perhaps saved as "XML Spreadsheet" or HTML), not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  }
  if (looksLikeText(bytes)) {
    throw new UnusableWorkbookError("not-xlsx", `It is a text file (perhaps a CSV), not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  }
  throw new UnusableWorkbookError("not-xlsx", `It is not an .xlsx workbook (the file does not start like one). ${SAVE_AS_XLSX}`);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pattern[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
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

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e] ?? "");
}

/** ExcelJS's cell types that hold nothing (`ExcelJS.ValueType.Null`, `.Merge`). */
const VALUE_TYPE_NULL = 0;
const VALUE_TYPE_MERGE = 1;

/** An ExcelJS workbook's worksheets as the grid reader reads them. */
function excelJsSheets(workbook: ExcelJS.Workbook): WorksheetSource[] {
  return workbook.worksheets.map((worksheet) => {
    const record = (worksheet as unknown as { tables?: Record<string, { model?: TableModelLike; table?: TableModelLike }> }).tables ?? {};
    const tables: { key: string; model: TableModelLike }[] = [];
    for (const [key, t] of Object.entries(record)) {
      const model = t.model ?? t.table;
      if (model) tables.push({ key, model });
    }
    return {
      name: worksheet.name,
      tables,
      extent: () => {
        let lastRow = -1;
        let lastCol = -1;
        worksheet.eachRow((row, rowNumber) => {
          row.eachCell((cell, colNumber) => {
            if ((cell.type as number) === VALUE_TYPE_MERGE || (cell.type as number) === VALUE_TYPE_NULL) return;
            if (rowNumber - 1 > lastRow) lastRow = rowNumber - 1;
            if (colNumber - 1 > lastCol) lastCol = colNumber - 1;
          });
        });
        return { lastRow, lastCol };
      },
      range: (top, left, bottom, right) => readRange(worksheet, top, left, bottom, right),
    };
  });
}

interface FoundTable {
  readonly worksheet: WorksheetSource;
  readonly name: string;
  /** Zero-based inclusive corners of the whole table (header and totals included). */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly headerRows: number;
  readonly totalsRows: number;
}

function gridsOf(workbook: readonly WorksheetSource[], limits: ReadLimits, packageTables: ReadonlyMap<string, TablePackageInfo>): WorkbookGrids {
  const tables = findTables(workbook, packageTables);
  const cases = gridFor(workbook, tables, SHEET_NAMES.cases, limits, true);
  if (!cases) {
    const sheets = workbook.map((w) => w.name);
    const list = sheets.length === 0 ? "it has no worksheets" : `its sheets are ${sheets.slice(0, 8).map((s) => `"${s}"`).join(", ")}${sheets.length > 8 ? ", …" : ""}`;
    throw new UnusableWorkbookError(
      "no-cases",
      `It has no sheet or table named "Cases" (${list}). Add a Cases sheet with one case per row, or start from "inspection-workbook template".`,
    );
  }
  return {
    cases,
    criteria: gridFor(workbook, tables, SHEET_NAMES.criteria, limits, false),
    settings: gridFor(workbook, tables, SHEET_NAMES.settings, limits, false),
    interviews: gridFor(workbook, tables, SHEET_NAMES.interviews, limits, true),
    secondMarking: gridFor(workbook, tables, TABLE_NAMES.secondMarking, limits, true) ?? gridFor(workbook, tables, SHEET_NAMES.secondMarking, limits, true),
    moderation: moderationGrid(workbook, limits),
  };
}

/**
 * The generated Moderation sheet (cell A2 says so), whatever it is called now: the one named
 * Moderation if there are several, as the writer replaces that one.
 */
function moderationGrid(workbook: readonly WorksheetSource[], limits: ReadLimits): Grid | null {
  const marked = workbook.filter((w) => {
    const a2 = w.range(1, 0, 1, 0)[0]?.[0];
    return typeof a2 === "string" && a2.startsWith(MODERATION_MARKER);
  });
  const sheet = marked.find((w) => fold(w.name) === fold(SHEET_NAMES.moderation)) ?? marked[0];
  return sheet ? sheetGrid(sheet, limits, false) : null;
}

function findTables(workbook: readonly WorksheetSource[], packageTables: ReadonlyMap<string, TablePackageInfo>): FoundTable[] {
  const found: FoundTable[] = [];
  for (const worksheet of workbook) {
    for (const { model } of worksheet.tables) {
      const name = model.displayName ?? model.name ?? "";
      const ref = model.tableRef ?? model.ref ?? "";
      const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
      if (!name || !m) continue;
      const info = packageTables.get(name.toLowerCase()) ?? (model.name ? packageTables.get(model.name.toLowerCase()) : undefined);
      const top = Number(m[2]) - 1;
      const left = columnIndex(m[1]!);
      found.push({
        worksheet,
        name,
        top,
        left,
        bottom: m[4] ? Number(m[4]) - 1 : top,
        right: m[3] ? columnIndex(m[3]) : left,
        // A table is assumed to have a header row unless the package says otherwise.
        headerRows: info ? info.headerRows : 1,
        totalsRows: info ? info.totalsRows : model.totalsRow ? 1 : 0,
      });
    }
  }
  return found;
}

function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

const fold = (s: string): string => s.trim().toLowerCase();

/** The grid of the table with a name, else of the sheet with that name, else null. */
function gridFor(workbook: readonly WorksheetSource[], tables: readonly FoundTable[], name: string, limits: ReadLimits, strict: boolean): Grid | null {
  const table = tables.find((t) => fold(t.name) === fold(name));
  if (table) return tableGrid(table, limits, strict);
  const worksheet = workbook.find((w) => fold(w.name) === fold(name));
  return worksheet ? sheetGrid(worksheet, limits, strict) : null;
}

function tableGrid(t: FoundTable, limits: ReadLimits, strict: boolean): Grid {
  const bodyBottom = t.bottom - t.totalsRows;
  const width = t.right - t.left + 1;
  const sheet = t.worksheet.name;
  let top = t.top;
  const rows: CellValue[][] = [];
  if (t.headerRows === 0) {
    // No header row on the sheet: use the table's column names, placed on the row above (row -1,
    // off the sheet, when the table starts on row 1).
    const columns = (t.worksheet.tables.find((x) => x.key === t.name)?.model.columns ?? []).map((c) => c.name ?? "");
    rows.push(Array.from({ length: width }, (_, i) => columns[i] ?? null));
    top = t.top - 1;
  }
  const height = bodyBottom - t.top + 1;
  if (height > limits.maxRows || width > limits.maxCols) {
    if (strict) throw tooBig(sheet, height > limits.maxRows ? `${height} rows` : `${width} columns`, limits);
  }
  const last = Math.min(bodyBottom, t.top + limits.maxRows - 1);
  rows.push(...t.worksheet.range(t.top, t.left, last, Math.min(t.right, t.left + limits.maxCols - 1)));
  return { sheet, top, left: t.left, rows, tableName: t.name };
}

function sheetGrid(worksheet: WorksheetSource, limits: ReadLimits, strict: boolean): Grid {
  const { lastRow, lastCol } = worksheet.extent();
  if (strict && (lastRow >= limits.maxRows || lastCol >= limits.maxCols)) {
    const where = lastRow >= limits.maxRows ? `data on row ${lastRow + 1}` : `data in column ${columnLetters(lastCol)}`;
    throw tooBig(worksheet.name, where, limits);
  }
  const rows = lastRow < 0 ? [] : worksheet.range(0, 0, Math.min(lastRow, limits.maxRows - 1), Math.min(lastCol, limits.maxCols - 1));
  return { sheet: worksheet.name, top: 0, left: 0, rows };
}

function tooBig(sheet: string, what: string, limits: ReadLimits): UnusableWorkbookError {
  return new UnusableWorkbookError(
    "too-large",
    `The "${sheet}" sheet has ${what}, beyond the ${limits.maxRows.toLocaleString("en-GB")} rows and ${limits.maxCols.toLocaleString("en-GB")} columns this tool reads. Delete stray cells far below or right of the data, or split the workbook.`,
  );
}

/** Values of a zero-based inclusive range, one array per row, null where a cell is empty. */
function readRange(worksheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): CellValue[][] {
  const width = right - left + 1;
  const rows: CellValue[][] = [];
  for (let r = top; r <= bottom; r++) {
    const values: CellValue[] = new Array<CellValue>(width).fill(null);
    const row = worksheet.findRow(r + 1);
    if (row) {
      for (let c = left; c <= right; c++) {
        const cell = row.findCell(c + 1);
        if (cell) values[c - left] = readCell(cell);
      }
    }
    rows.push(values);
  }
  return rows;
}

/** One cell as the engine sees it. Merged cells other than the top-left one read as empty. */
function readCell(cell: ExcelJS.Cell): CellValue {
  if ((cell.type as number) === VALUE_TYPE_MERGE) return null;
  return toCellValue(cell.value, 0);
}

/**
 * An ExcelJS value as a plain cell value: formulas give their cached result, rich text and
 * hyperlinks their text, dates an ISO date (yyyy-mm-dd), errors `{ error: "#N/A" }`.
 * @example toCellValue({ formula: "1+1", result: 2 }) // 2
 */
export function toCellValue(value: unknown, depth = 0): CellValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return null;
  }
  if (value instanceof Date) return isoDate(value);
  if (depth > 3) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.error === "string") return { error: v.error };
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((p) => (typeof p.text === "string" ? p.text : "")).join("");
  if ("formula" in v || "sharedFormula" in v) return toCellValue(v.result, depth + 1);
  if ("hyperlink" in v || "text" in v) return toCellValue(v.text, depth + 1);
  return null;
}

function isoDate(d: Date): string | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  return d.toISOString().slice(0, 10);
}
