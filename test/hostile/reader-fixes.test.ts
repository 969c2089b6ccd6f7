/**
 * Fixes found by the hostile corpus, each pinned by a small test on the reader or the engine.
 */
import JSZip from "jszip";
import { analyseWorkbook } from "../../src/core";
import { readWorkbookGrids, UnusableWorkbookError } from "../../src/xlsx/read-workbook";
import { makeZip } from "../../scripts/make-hostile-corpus";
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

describe("a part that fails its checksum", () => {
  async function storedParts(bytes: Uint8Array): Promise<{ name: string; data: Uint8Array }[]> {
    const zip = await JSZip.loadAsync(bytes);
    const parts: { name: string; data: Uint8Array }[] = [];
    for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) parts.push({ name, data: await zip.files[name]!.async("uint8array") });
    return parts;
  }

  test("is a damaged file: a value changed after zipping is not read as the user's data", async () => {
    const parts = await storedParts(await smallWorkbook());
    const original = makeZip(parts);
    const sheet = parts.find((p) => p.name === "xl/worksheets/sheet1.xml")!;
    const altered = parts.map((p) => (p === sheet ? { ...p, data: new Uint8Array(Buffer.from(Buffer.from(p.data).toString("utf8").replace("<v>", "<v>1"), "utf8")) } : p));
    // The same package, but the sheet's recorded CRC-32 is the original data's.
    const crc = crcOf(original, sheet.name);
    expect(crc).not.toBeNull();
    const tampered = makeZip(altered.map((p) => (p.name === sheet.name ? { ...p, crc: crc! } : p)));
    await expect(readWorkbookGrids(original)).resolves.toBeDefined();
    const error = await readWorkbookGrids(tampered).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableWorkbookError);
    expect((error as UnusableWorkbookError).reason).toBe("corrupt");
    expect((error as UnusableWorkbookError).message).toMatch(/fails its checksum/);
  });
});

/** The CRC-32 a zip records for a part (from its central directory). */
function crcOf(zip: Uint8Array, name: string): number | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (Buffer.from(zip.subarray(i + 46, i + 46 + nameLength)).toString("utf8") === name) return view.getUint32(i + 16, true);
  }
  return null;
}

describe("a table with its header row turned off", () => {
  const headers = ["Case ID", "Sentence", "PSR", "1.1 Initial assessment", "1 Notes"];
  const rows = [
    ["C01", "Community", "Yes", "Yes", "x"],
    ["C02", "Custody", "No", "Maybe", "y"],
  ];
  async function headerless(ref: string, columns = headers, settings = false): Promise<Uint8Array> {
    return writeXlsx(tmp.file(`headerless-${ref}.xlsx`), (wb) => {
      const ws = wb.addWorksheet("Cases");
      ws.addTable({ name: "Cases", ref, headerRow: false, columns: columns.map((name) => ({ name })), rows });
      if (settings) {
        wb.addWorksheet("Settings").addTable({ name: "Settings", ref: "A1", headerRow: false, columns: [{ name: "Colour" }, { name: "Blue" }], rows: [["Strength threshold", "abc"]] });
      }
    });
  }

  test("on row 1: issues name the cells the cases are on (C02 is on row 2)", async () => {
    const grids = await readWorkbookGrids(await headerless("A1"));
    expect(grids.cases.top).toBe(-1);
    const a = analyseWorkbook(grids);
    expect(a.cases.cases.map((c) => c.row)).toEqual([0, 1]);
    expect(a.issues.filter((i) => i.severity === "error").map((i) => [i.cell, i.code])).toEqual([["D2", "invalid-value"]]);
  });

  test("further down: the column names sit on the row above, issues on the right rows", async () => {
    const a = analyseWorkbook(await readWorkbookGrids(await headerless("B3")));
    expect(a.issues.filter((i) => i.severity === "error").map((i) => [i.cell, i.code])).toEqual([["E4", "invalid-value"]]);
  });

  test("header issues on column names that are not on the sheet have no cell, and nothing throws", async () => {
    const a = analyseWorkbook(await readWorkbookGrids(await headerless("A1", ["Case ID", "Sentence", "Status", "1.1 Initial assessment", "9.9 Unknown"], true)));
    const headerIssues = a.issues.filter((i) => ["missing-column", "unknown-criterion-column", "unknown-setting"].includes(i.code));
    expect(headerIssues.map((i) => [i.sheet, i.cell, i.code])).toEqual(
      expect.arrayContaining([
        ["Cases", null, "missing-column"],
        ["Cases", null, "unknown-criterion-column"],
        ["Settings", null, "unknown-setting"],
      ]),
    );
    expect(a.issues.find((i) => i.sheet === "Settings" && i.code === "invalid-setting")?.cell).toBe("B1");
  });
});
