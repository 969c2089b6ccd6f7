/**
 * One meaning for a workbook, whoever reads it: for every fixture (the hostile corpus, the
 * LibreOffice-made rich files, the sample), the file reader's grids equal the grids the add-in's
 * Office.js reader gives when the Office.js test double holds the same cells, tables and sheets.
 * The cells come from the file's sheets as the reader parses them (src/xlsx/spreadsheetml.ts);
 * what is compared is everything built on them: which table or sheet each grid comes from,
 * header and totals rows, the used range, positions, blanks and errors.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Grid, WorkbookGrids } from "../../src/core";
import { readWorkbookGrids as readExcelGrids } from "../../src/excel";
import { readWorkbookGrids, readWorkbookSheets, UnusableWorkbookError, type WorkbookSheet } from "../../src/xlsx/read-workbook";
import { createExcelDouble, type SeedValue, type SheetSeed } from "../excel-double";
import { runnerFor } from "../excel-double/measure";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");

function fixtureFiles(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : e.name.endsWith(".xlsx") ? [path.join(dir, e.name)] : [],
  );
}

/** The double's seed: every sheet with its cells from A1, and its tables. */
function seedOf(sheets: readonly WorkbookSheet[]): SheetSeed[] {
  return sheets.map((s) => {
    const rows: SeedValue[][] = [];
    s.values?.rows.forEach((values, r) => {
      if (!values) return;
      const row = (rows[r] ??= []);
      values.forEach((v, c) => {
        row[c] = v;
      });
    });
    for (let r = 0; r < rows.length; r++) rows[r] = Array.from(rows[r] ?? [], (v) => v ?? null);
    return { name: s.name, rows, tables: s.tables.map((t) => ({ name: t.name, range: t.ref.replace(/\$/g, ""), showTotals: t.totalsRows > 0 })) };
  });
}

const ROLES = ["cases", "criteria", "settings", "interviews"] as const;

/** A grid as compared: a table without a header row on the sheet is compared below its column names (Excel names them itself). */
function comparable(grid: Grid | null | undefined, headerless: ReadonlySet<string>): unknown {
  if (!grid) return null;
  const rows = grid.tableName !== undefined && headerless.has(grid.tableName.toLowerCase()) ? grid.rows.slice(1) : grid.rows;
  return { sheet: grid.sheet, top: grid.top, left: grid.left, tableName: grid.tableName ?? null, rows };
}

describe("the file reader and the Office.js reader give the same grids for the same cells", () => {
  const files = [...fixtureFiles(), path.join(ROOT, "assets", "sample-inspection.xlsx")].sort();
  test.each(files.map((f) => [path.relative(ROOT, f), f]))("%s", async (_name, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    let fileGrids: WorkbookGrids | "no-cases";
    try {
      fileGrids = await readWorkbookGrids(bytes);
    } catch (e) {
      // A file that cannot be opened in Excel either has nothing to compare, except a workbook with no Cases.
      if (!(e instanceof UnusableWorkbookError)) throw e;
      if (e.reason !== "no-cases") return;
      fileGrids = "no-cases";
    }
    const sheets = await readWorkbookSheets(bytes);
    const double = createExcelDouble({ sheets: seedOf(sheets) });
    const headerless = new Set<string>();
    for (const s of sheets) {
      for (const t of s.tables) {
        if (t.headerRows > 0) continue;
        headerless.add(t.name.toLowerCase());
        double.state.tables.find((x) => x.name === t.name)!.showHeaders = false;
      }
    }
    const excel = await readExcelGrids({ run: runnerFor(double) });
    if (fileGrids === "no-cases") {
      expect(excel.kind).toBe("not-inspection");
      return;
    }
    if (excel.kind !== "ok") throw new Error(excel.reason);
    for (const role of ROLES) expect({ role, grid: comparable(excel.grids[role], headerless) }).toEqual({ role, grid: comparable(fileGrids[role], headerless) });
  });
});
