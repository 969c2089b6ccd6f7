import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyseWorkbook, buildTemplate } from "../../src/core";
import { readFileBytesSync, readWorkbookFile, readWorkbookGrids, UnusableWorkbookError, type UnusableReason } from "../../src/xlsx/read-workbook";
import { writeTemplate } from "../../src/xlsx/template";
import { casesWorkbook, makeTempDir, oleFile, SMALL_HEADERS, validRows, writeXlsx } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-read-");
afterAll(() => tmp.remove());

async function expectUnusable(promise: Promise<unknown>, reason: UnusableReason): Promise<UnusableWorkbookError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnusableWorkbookError);
  const u = error as UnusableWorkbookError;
  expect(u.reason).toBe(reason);
  expect(u.message).not.toMatch(/\n/);
  expect(u.message.length).toBeGreaterThan(10);
  return u;
}

describe("tables and sheets", () => {
  test("an Excel table named Cases on any sheet: header + body, table name, position", async () => {
    const file = tmp.file("table-offset.xlsx");
    await writeXlsx(file, (wb) => {
      wb.addWorksheet("Notes").getCell("A1").value = "Read me";
      const ws = wb.addWorksheet("Inspection data");
      ws.getCell("B1").value = "Title above the table";
      ws.addTable({
        name: "Cases",
        ref: "B3",
        headerRow: true,
        totalsRow: true,
        columns: SMALL_HEADERS.map((name, i) => (i === 0 ? { name, totalsRowLabel: "Total" } : { name, totalsRowFunction: "count" as const })),
        rows: validRows().map((r) => SMALL_HEADERS.map((_, i) => r[i] ?? null)),
      });
      ws.getCell("M20").value = "stray cell outside the table";
    });
    const { grids } = await readWorkbookFile(file);
    expect(grids.cases.sheet).toBe("Inspection data");
    expect(grids.cases.tableName).toBe("Cases");
    expect(grids.cases.top).toBe(2);
    expect(grids.cases.left).toBe(1);
    // header + 6 body rows; the totals row is left out
    expect(grids.cases.rows).toHaveLength(7);
    expect(grids.cases.rows[0]).toEqual([...SMALL_HEADERS]);
    expect(grids.cases.rows[6]![0]).toBe("C06");
    expect(grids.cases.rows.flat()).not.toContain("Total");
    const a = analyseWorkbook(grids);
    expect(a.errors).toBe(0);
    expect(a.cases.cases.map((c) => c.row)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  test("a table written without headerRowCount (as Excel does) still has its header row", async () => {
    const file = tmp.file("excel-style-table.xlsx");
    const bytes = await writeXlsx(file, casesWorkbook(validRows()));
    const zip = await JSZip.loadAsync(bytes);
    const tableName = Object.keys(zip.files).find((n) => /^xl\/tables\/.+\.xml$/.test(n))!;
    const xml = await zip.file(tableName)!.async("string");
    expect(xml).toMatch(/headerRowCount="1"/);
    zip.file(tableName, xml.replace(/\s*headerRowCount="1"/, ""));
    const edited = await zip.generateAsync({ type: "uint8array" });
    const grids = await readWorkbookGrids(edited);
    expect(grids.cases.rows[0]).toEqual([...SMALL_HEADERS]);
    expect(grids.cases.rows).toHaveLength(7);
  });

  test("without a table, the sheet named Cases (trimmed, any case) from A1", async () => {
    const file = tmp.file("plain.xlsx");
    await writeXlsx(file, casesWorkbook(validRows(), { asTable: false, sheetName: " cases " }));
    const { grids } = await readWorkbookFile(file);
    expect(grids.cases.sheet).toBe(" cases ");
    expect(grids.cases.tableName).toBeUndefined();
    expect(grids.cases.top).toBe(0);
    expect(grids.cases.left).toBe(0);
    expect(grids.cases.rows).toHaveLength(7);
    expect(grids.cases.rows[2]).toEqual(["C02", "A. Manager", "Community", "No", "No", "N/A", "No", "N/A", "=Not a formula"]);
    expect(analyseWorkbook(grids).errors).toBe(0);
  });

  test("a table named Cases wins over a sheet named Cases", async () => {
    const file = tmp.file("table-wins.xlsx");
    await writeXlsx(file, (wb) => {
      wb.addWorksheet("Cases").getCell("A1").value = "Old sheet";
      casesWorkbook(validRows(), { sheetName: "Register" })(wb);
    });
    const { grids } = await readWorkbookFile(file);
    expect(grids.cases.sheet).toBe("Register");
    expect(grids.cases.tableName).toBe("Cases");
  });

  test("reading leaves the bytes as they were", async () => {
    const template = buildTemplate({ blankRows: 0 });
    const caseRows = [template.cases.headers.map((h) => (h === "Case ID" ? "C01" : h === "Sentence" ? "Custody" : h === "PSR" ? "No" : null))];
    const bytes = await writeTemplate(template, { caseRows });
    const before = Buffer.from(bytes);
    const grids = await readWorkbookGrids(bytes);
    expect(grids.cases.tableName).toBe("Cases");
    expect(grids.cases.rows).toHaveLength(2);
    expect(Buffer.from(bytes).equals(before)).toBe(true);
  });

  test("Criteria and Settings sheets and the Interviews table", async () => {
    const file = tmp.file("all-sheets.xlsx");
    await writeXlsx(file, (wb) => {
      casesWorkbook(validRows())(wb);
      const iv = wb.addWorksheet("Staff");
      iv.addTable({
        name: "Interviews",
        ref: "A1",
        columns: [{ name: "Interviewee" }, { name: "2.6 Understood risk policies" }],
        rows: [
          ["P. One", "Yes"],
          ["P. Two", "No"],
        ],
      });
      const cr = wb.addWorksheet("CRITERIA");
      cr.addRow(["ID", "Section", "Criterion", "Applies to"]);
      cr.addRow(["1.1", 1, "Initial assessment", "All cases"]);
      cr.addRow(["2.6", 2, "Staff understood risk policies", "Staff interviews"]);
      const st = wb.addWorksheet("Settings");
      st.addRow(["Setting", "Value"]);
      st.addRow(["Service name", "Test YJS"]);
      st.addRow(["Inspection start", new Date(Date.UTC(2014, 5, 16))]);
      st.addRow(["Strength threshold", 0.75]);
    });
    const { grids } = await readWorkbookFile(file);
    expect(grids.interviews?.tableName).toBe("Interviews");
    expect(grids.interviews?.sheet).toBe("Staff");
    expect(grids.criteria?.sheet).toBe("CRITERIA");
    // A date is the number Excel keeps for it (Office.js gives the same); the Settings reader makes it a date.
    expect(grids.settings?.rows[2]).toEqual(["Inspection start", 41806]);
    const a = analyseWorkbook(grids);
    expect(a.settings.serviceName).toBe("Test YJS");
    expect(a.settings.inspectionStart).toBe("2014-06-16");
    expect(a.settings.strengthThreshold).toBe(75);
    expect(a.framework.criteria.map((c) => c.id)).toEqual(["1.1"]);
    expect(a.interviewStats[0]).toMatchObject({ id: "2.6", met: 1, relevant: 2 });
  });
});

describe("cell values", () => {
  test("formulas give cached results; errors, rich text, hyperlinks, dates, booleans, numbers, merges", async () => {
    const file = tmp.file("values.xlsx");
    await writeXlsx(file, (wb) => {
      const ws = wb.addWorksheet("Cases");
      ws.addRow(["Case ID", "Sentence", "PSR", "1.1 Initial", "Other", "Flag", "Merged"]);
      ws.addRow([{ formula: 'CONCAT("C","01")', result: "C01" }, "Community", { formula: 'IF(1,"Yes","No")', result: "Yes" }, { formula: "NA()", result: { error: "#N/A" } }, 42, true, "Master"]);
      ws.addRow([{ richText: [{ text: "C" }, { font: { bold: true }, text: "02" }] }, { text: "Custody", hyperlink: "https://example.org" }, "No", { error: "#REF!" }, new Date(Date.UTC(2026, 2, 10)), false, null]);
      ws.addRow([new Date(Date.UTC(2026, 0, 5)), "Community", "No", { sharedFormula: "D2", result: "Yes" } as unknown as ExcelJS.CellValue, 1.5, null, null]);
      ws.mergeCells("G2:G3");
      // A formula on the first data row that later rows share.
      ws.getCell("D2").value = { formula: 'IF(TRUE,"Yes","No")', result: "Yes", shareType: "shared", ref: "D2:D4" } as unknown as ExcelJS.CellValue;
    });
    const { grids } = await readWorkbookFile(file);
    const rows = grids.cases.rows;
    expect(rows[1]).toEqual(["C01", "Community", "Yes", "Yes", 42, true, "Master"]);
    expect(rows[2]).toEqual(["C02", "Custody", "No", { error: "#REF!" }, 46091, false, null]);
    expect(rows[3]![0]).toBe(46027);
    expect(rows[3]![4]).toBe(1.5);
    const a = analyseWorkbook(grids);
    expect(a.issues.filter((i) => i.code === "cell-error").map((i) => i.cell)).toEqual(["D3"]);
    expect(a.cases.cases.map((c) => c.id)).toEqual(["C01", "C02", "46027"]);
  });

  test("an error value that is a formula's cached result is an error", async () => {
    const file = tmp.file("formula-error.xlsx");
    await writeXlsx(file, casesWorkbook([["C01", "M", "Community", "Yes", { formula: "1/0", result: { error: "#DIV/0!" } }]]));
    const { grids } = await readWorkbookFile(file);
    expect(grids.cases.rows[1]![4]).toEqual({ error: "#DIV/0!" });
    const issue = analyseWorkbook(grids).issues.find((i) => i.code === "cell-error");
    expect(issue).toMatchObject({ sheet: "Cases", cell: "E2", caseId: "C01", criterionId: "1.1" });
  });
});

describe("files that cannot be used", () => {
  test("file not found, and a folder", async () => {
    await expectUnusable(readWorkbookFile(tmp.file("missing.xlsx")), "not-found");
    mkdirSync(tmp.file("folder.xlsx"));
    await expectUnusable(readWorkbookFile(tmp.file("folder.xlsx")), "not-a-file");
  });

  test("the roll-up's synchronous read gives the same reasons, and the bytes and time changed of a good file", async () => {
    const sync = (file: string, maxBytes?: number) => Promise.resolve().then(() => readFileBytesSync(file, maxBytes));
    await expectUnusable(sync(tmp.file("missing-sync.xlsx")), "not-found");
    mkdirSync(tmp.file("folder-sync.xlsx"));
    await expectUnusable(sync(tmp.file("folder-sync.xlsx")), "not-a-file");
    writeFileSync(tmp.file("small.bin"), "0123456789");
    await expectUnusable(sync(tmp.file("small.bin"), 9), "too-large");
    const changed = new Date(Date.UTC(2026, 2, 4, 9, 30));
    utimesSync(tmp.file("small.bin"), changed, changed);
    const { bytes, modifiedAt } = readFileBytesSync(tmp.file("small.bin"), 10);
    expect(new TextDecoder().decode(bytes)).toBe("0123456789");
    expect(modifiedAt.toISOString()).toBe("2026-03-04T09:30:00.000Z");
  });

  test("an empty file", async () => {
    writeFileSync(tmp.file("empty.xlsx"), "");
    await expectUnusable(readWorkbookFile(tmp.file("empty.xlsx")), "empty");
  });

  test("a CSV renamed .xlsx", async () => {
    writeFileSync(tmp.file("renamed.xlsx"), "Case ID,Sentence,PSR\nC01,Community,Yes\n");
    const e = await expectUnusable(readWorkbookFile(tmp.file("renamed.xlsx")), "not-xlsx");
    expect(e.message).toMatch(/CSV/);
  });

  test("HTML or XML saved with an .xlsx name", async () => {
    writeFileSync(tmp.file("page.xlsx"), "<html><body><table><tr><td>C01</td></tr></table></body></html>");
    await expectUnusable(readWorkbookFile(tmp.file("page.xlsx")), "not-xlsx");
  });

  test("binary that is not a workbook", async () => {
    writeFileSync(tmp.file("binary.xlsx"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3]));
    await expectUnusable(readWorkbookFile(tmp.file("binary.xlsx")), "not-xlsx");
  });

  test("an .xls renamed .xlsx, and a password-protected workbook", async () => {
    writeFileSync(tmp.file("old.xlsx"), oleFile(false));
    const legacy = await expectUnusable(readWorkbookFile(tmp.file("old.xlsx")), "legacy-xls");
    expect(legacy.message).toMatch(/97-2003/);
    writeFileSync(tmp.file("locked.xlsx"), oleFile(true));
    const locked = await expectUnusable(readWorkbookFile(tmp.file("locked.xlsx")), "encrypted");
    expect(locked.message).toMatch(/password/);
  });

  test("a truncated or corrupted zip", async () => {
    const bytes = await writeXlsx(tmp.file("whole.xlsx"), casesWorkbook(validRows()));
    writeFileSync(tmp.file("truncated.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectUnusable(readWorkbookFile(tmp.file("truncated.xlsx")), "corrupt");
    writeFileSync(tmp.file("stub.xlsx"), Buffer.from("PK\u0003\u0004 not really"));
    await expectUnusable(readWorkbookFile(tmp.file("stub.xlsx")), "corrupt");
    const damaged = Buffer.from(bytes);
    // Overwrite the middle of the compressed data but keep the zip directory.
    damaged.fill(0x41, 200, Math.min(damaged.length - 2000, 6000));
    writeFileSync(tmp.file("damaged.xlsx"), damaged);
    await expectUnusable(readWorkbookFile(tmp.file("damaged.xlsx")), "corrupt");
  });

  test("a zip that is not a workbook", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "hello");
    writeFileSync(tmp.file("archive.xlsx"), await zip.generateAsync({ type: "nodebuffer" }));
    await expectUnusable(readWorkbookFile(tmp.file("archive.xlsx")), "not-xlsx");
  });

  test("a Strict Open XML workbook", async () => {
    const bytes = await writeXlsx(tmp.file("transitional.xlsx"), casesWorkbook(validRows()));
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", xml.replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"));
    writeFileSync(tmp.file("strict.xlsx"), await zip.generateAsync({ type: "nodebuffer" }));
    const e = await expectUnusable(readWorkbookFile(tmp.file("strict.xlsx")), "not-xlsx");
    expect(e.message).toMatch(/Strict/);
  });

  test("no Cases sheet or table", async () => {
    await writeXlsx(tmp.file("no-cases.xlsx"), (wb) => {
      wb.addWorksheet("Sheet1").getCell("A1").value = "Case ID";
      wb.addWorksheet("Criteria").getCell("A1").value = "ID";
    });
    const e = await expectUnusable(readWorkbookFile(tmp.file("no-cases.xlsx")), "no-cases");
    expect(e.message).toMatch(/"Sheet1", "Criteria"/);
  });

  test("reading is bounded: too many rows is a one-line refusal", async () => {
    await writeXlsx(tmp.file("long.xlsx"), casesWorkbook(Array.from({ length: 30 }, (_, i) => [`C${i}`, "M", "Community", "No", "Yes"])));
    const bytes = new Uint8Array(readFileSync(tmp.file("long.xlsx")));
    await expectUnusable(readWorkbookGrids(bytes, { limits: { maxRows: 10 } }), "too-large");
    await expectUnusable(readWorkbookGrids(bytes, { limits: { maxFileBytes: 100 } }), "too-large");
    await expectUnusable(readWorkbookGrids(bytes, { limits: { maxUncompressedBytes: 1000 } }), "too-large");
  });
});

describe("size", () => {
  // How fast is measured by `npm run bench`, never by a timed test.
  test("20,000 cases × 30 columns read whole", async () => {
    const headers = [...SMALL_HEADERS.slice(0, 4), ...Array.from({ length: 26 }, (_, i) => `${1 + (i % 5)}.${10 + i} Extra criterion ${i}`)];
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = 0; r < 20_000; r++) rows.push(headers.map((_, c) => (c === 0 ? `C${r}` : c === 1 ? "Manager" : c === 2 ? "Community" : (r + c) % 3 === 0 ? "Yes" : "No")));
    const file = tmp.file("big.xlsx");
    await writeXlsx(file, (wb) => {
      wb.addWorksheet("Cases").addTable({ name: "Cases", ref: "A1", columns: headers.map((name) => ({ name })), rows });
    });
    const { grids } = await readWorkbookFile(file);
    expect(grids.cases.rows).toHaveLength(20_001);
    expect(grids.cases.rows[20_000]![0]).toBe("C19999");
  });
});
