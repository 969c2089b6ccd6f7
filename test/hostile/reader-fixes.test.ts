/**
 * Fixes found by the hostile corpus, each pinned by a small test on the reader or the engine.
 */
import JSZip from "jszip";
import { readWorkbookGrids, UnusableWorkbookError } from "../../src/xlsx/read-workbook";
import { casesWorkbook, makeTempDir, validRows, writeXlsx } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-reader-fixes-");
afterAll(() => tmp.remove());

async function smallWorkbook(): Promise<Uint8Array> {
  return writeXlsx(tmp.file("small.xlsx"), casesWorkbook(validRows()));
}

async function withoutPart(bytes: Uint8Array, part: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  zip.remove(part);
  return zip.generateAsync({ type: "uint8array" });
}

describe("a sheet listed in the workbook whose part is missing", () => {
  test("is a damaged file naming the sheet, not a workbook without a Cases sheet", async () => {
    const bytes = await withoutPart(await smallWorkbook(), "xl/worksheets/sheet1.xml");
    const error = await readWorkbookGrids(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableWorkbookError);
    expect((error as UnusableWorkbookError).reason).toBe("corrupt");
    expect((error as UnusableWorkbookError).message).toMatch(/damaged: the sheet "Cases" is listed but its contents are missing/);
  });

  test("a missing part of another sheet is damage too", async () => {
    const bytes = await writeXlsx(tmp.file("two.xlsx"), (wb) => {
      casesWorkbook(validRows())(wb);
      wb.addWorksheet("Notes").getCell("A1").value = "x";
    });
    const error = await readWorkbookGrids(await withoutPart(bytes, "xl/worksheets/sheet2.xml")).catch((e: unknown) => e);
    expect((error as UnusableWorkbookError).message).toMatch(/the sheet "Notes" is listed/);
  });

  test("a complete workbook still reads", async () => {
    const grids = await readWorkbookGrids(await smallWorkbook());
    expect(grids.cases.rows).toHaveLength(7);
  });
});
