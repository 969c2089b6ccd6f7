/**
 * Small real .xlsx files for the reader and command-line tests, written with ExcelJS to a
 * temporary folder.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { MODERATION_HEADERS, MODERATION_MARKER } from "../../src/core";

/** A fresh temporary folder; `remove()` deletes it. */
export function makeTempDir(prefix = "ciw-"): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a workbook built by `build` to `file` and returns its bytes. */
export async function writeXlsx(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  writeFileSync(file, bytes);
  return bytes;
}

/** The SHA-256 of a file, hex. */
export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * The headers of the small Cases table used by the rule tests: 1.1 is column E, 1.2 F, 2.1 G,
 * 3.6 H, the notes I.
 */
export const SMALL_HEADERS = [
  "Case ID",
  "Case manager",
  "Sentence",
  "PSR",
  "1.1 Initial assessment of the likelihood of reoffending",
  "1.2 Quality of the PSR",
  "2.1 Initial assessment of risk of harm",
  "3.6 Custodial planning",
  "1 Notes",
] as const;

export type Row = (ExcelJS.CellValue | undefined)[];

/** Six valid rows (C01–C06, sheet rows 2–7) for SMALL_HEADERS: community cases C01–C04, custody C05–C06. */
export function validRows(): Row[] {
  return [
    ["C01", "A. Manager", "Community", "Yes", "Yes", "Yes", "Yes", "N/A", "Good assessment."],
    ["C02", "A. Manager", "Community", "No", "No", "N/A", "No", "N/A", "=Not a formula"],
    ["C03", "B. Manager", "Community", "Yes", "Yes", "No", "N/A", "N/A", "-minus note"],
    ["C04", "B. Manager", "Community", "No", "Yes", "N/A", "Yes", "N/A", null],
    ["C05", "C. Manager", "Custody", "No", "Yes", "N/A", "Yes", "Yes", null],
    ["C06", "C. Manager", "Custody", "Yes", "Yes", "Yes", "No", "No", null],
  ];
}

/** Options for {@link casesWorkbook}. */
export interface CasesWorkbookOptions {
  readonly headers?: readonly string[];
  /** Write the cases as an Excel table named Cases (default true); otherwise a plain sheet. */
  readonly asTable?: boolean;
  /** Rows for a Criteria sheet (header first). */
  readonly criteria?: readonly (readonly ExcelJS.CellValue[])[];
  /** Name of the sheet holding the cases (default "Cases"). */
  readonly sheetName?: string;
}

/** A workbook with a Cases table (or sheet) holding the given rows from A1. */
export function casesWorkbook(rows: readonly Row[], options: CasesWorkbookOptions = {}): (wb: ExcelJS.Workbook) => void {
  const headers = options.headers ?? SMALL_HEADERS;
  return (wb) => {
    const ws = wb.addWorksheet(options.sheetName ?? "Cases");
    if (options.asTable ?? true) {
      ws.addTable({
        name: "Cases",
        ref: "A1",
        headerRow: true,
        columns: headers.map((name) => ({ name })),
        rows: rows.map((r) => headers.map((_, i) => r[i] ?? null)),
      });
    } else {
      ws.addRow([...headers]);
      for (const r of rows) ws.addRow(headers.map((_, i) => r[i] ?? null));
    }
    if (options.criteria) {
      const cs = wb.addWorksheet("Criteria");
      for (const r of options.criteria) cs.addRow([...r]);
    }
  };
}

/**
 * An OLE compound file header as Excel writes for .xls files, or for a password-protected
 * workbook (which holds "EncryptionInfo" and "EncryptedPackage" streams).
 */
export function oleFile(encrypted: boolean): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const names = encrypted ? ["EncryptionInfo", "EncryptedPackage"] : ["Workbook", "SummaryInformation"];
  let at = 1024;
  for (const n of names) {
    for (let i = 0; i < n.length; i++) bytes[at + i * 2] = n.charCodeAt(i);
    at += 128;
  }
  return bytes;
}

/** The Second marking table of {@link withSecondMarking}: Case ID, Second marker, 1.1, 2.1, 2 Notes. */
export const SECOND_HEADERS = ["Case ID", "Second marker", "1.1 Initial assessment", "2.1 Initial assessment of risk of harm", "2 Notes"];
/**
 * Its rows. First markers on 2.1 (validRows): C01 Yes, C02 No, C03 N/A, C04 Yes, C05 Yes, C06 No;
 * the one difference is C02's 2.1; C99 is not a case.
 */
export const SECOND_ROWS: Row[] = [
  ["C01", "R. Lead", "Yes", "Yes", null],
  ["C02", "R. Lead", "No", "Yes", "Risk plan was adequate."],
  ["C04", "R. Lead", "Yes", "Yes", null],
  ["C05", "Q. Second", "Yes", "Yes", null],
  ["C06", "Q. Second", "Yes", "No", null],
  ["C99", "Q. Second", "Yes", "Yes", null],
];

/**
 * The rule tests' cases (validRows) with a Second marking table and, when `moderation` is given, a
 * Moderation sheet as built before, renamed "QA moderation" (found by its A2 marker), with those rows.
 */
export function withSecondMarking(moderation?: (ExcelJS.CellValue | null)[][]): (wb: ExcelJS.Workbook) => void {
  return (wb) => {
    casesWorkbook(validRows())(wb);
    const ws = wb.addWorksheet("Second marking");
    ws.addTable({ name: "SecondMarking", ref: "A1", headerRow: true, columns: SECOND_HEADERS.map((name) => ({ name })), rows: SECOND_ROWS.map((r) => SECOND_HEADERS.map((_, i) => r[i] ?? null)) });
    if (moderation) {
      // A Moderation sheet as built before (A2 marks it), renamed by someone: found by its marker.
      const m = wb.addWorksheet("QA moderation");
      m.addRow(["Moderation"]);
      m.addRow([`${MODERATION_MARKER} on 1 December 2026.`]);
      m.addRow([]);
      m.addRow([...MODERATION_HEADERS]);
      for (const r of moderation) m.addRow(r);
    }
  };
}

