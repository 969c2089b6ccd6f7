/**
 * A standard rated by its lowest key question stays true without the add-in: the youth standards'
 * planned inspection reported, two judgements edited so another key question becomes the lowest,
 * LibreOffice (an independent spreadsheet engine) recalculates the Summary, and the standard's row
 * shows the new lowest key question's counts, as the engine finds them in the edited file.
 */
import * as fs from "node:fs";
import ExcelJS from "exceljs";
import { analyseWorkbook, buildReportLayouts, buildTemplate, HMIP_YOUTH_FRAMEWORK } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { writeTemplate } from "../../src/xlsx/template";
import { fillHmipWorkbook, HMIP_CASES } from "../helpers/hmip-youth";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir } from "../helpers/workbook-files";

describeWithLibreOffice("a lowest-key-question standard recalculates in LibreOffice", () => {
  const tmp = makeTempDir("lowest-recalc-");
  afterAll(() => (process.env.KEEP_TMP ? console.log(tmp.dir) : tmp.remove()));

  it("takes the new lowest key question after judgements are edited", async () => {
    const filled = await fillHmipWorkbook(await writeTemplate(buildTemplate({ framework: HMIP_YOUTH_FRAMEWORK })));
    const original = analyseWorkbook(await readWorkbookGrids(filled));
    expect(original.sections.find((s) => s.number === "2.1")).toMatchObject({ decidedBy: "2.1.3", met: 6, relevant: 10 });
    const report = await writeGeneratedSheets(filled, buildReportLayouts(original, { generatedAt: new Date(2026, 10, 25, 10, 0) }));

    // C07 and C08 were judged No on 2.1.3 (six Yes of ten): made Yes, 2.1.3 is 8 of 10 and
    // 2.1.2 (7 of 10) becomes the lowest.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.bytes as unknown as ArrayBuffer);
    const cases = wb.getWorksheet("Cases")!;
    const headers = Array.from(cases.getRow(1).values as unknown[], (v) => String(v ?? ""));
    const col = headers.findIndex((h) => h.startsWith("2.1.3 "));
    for (const id of ["C07", "C08"]) cases.getRow(HMIP_CASES.findIndex((c) => c.id === id) + 2).getCell(col).value = "Yes";
    const edited = tmp.file("edited.xlsx");
    fs.writeFileSync(edited, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const expected = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(edited))));
    expect(expected.sections.find((s) => s.number === "2.1")).toMatchObject({ decidedBy: "2.1.2", met: 7, relevant: 10 });

    const recalculated = await convertWithLibreOffice(edited, tmp.file("out"), "xlsx");
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(fs.readFileSync(recalculated) as unknown as ArrayBuffer);
    const result = (v: ExcelJS.CellValue): number => Number(v && typeof v === "object" && "formula" in v ? (v.result ?? 0) : v);
    const rows: Record<string, [number, number, number]> = {};
    out.getWorksheet("Summary")!.eachRow((row) => {
      // A section's row carries its figure: its number in A; "All criteria" in B.
      const id = row.getCell(1).value;
      const label = typeof id === "string" && id !== "" ? id : row.getCell(2).value;
      if (typeof label === "string") rows[label] = [result(row.getCell(3).value), result(row.getCell(4).value), result(row.getCell(5).value)];
    });
    for (const s of expected.sections.filter((x) => x.rule === "lowest")) expect([s.number, rows[s.number]]).toEqual([s.number, [s.relevant, s.met, s.notMet]]);
    expect(rows["2.1"]).toEqual([10, 7, 3]);
    expect(rows["All criteria"]).toEqual([expected.overall.relevant, expected.overall.met, expected.overall.notMet]);
  }, 180_000);

  it("an untouched report with out-of-court disposals says nothing is out of date once recalculated", async () => {
    const filled = await fillHmipWorkbook(await writeTemplate(buildTemplate({ framework: HMIP_YOUTH_FRAMEWORK })));
    expect(HMIP_CASES.filter((c) => c.sentence === "Out-of-court")).toHaveLength(5);
    const report = await writeGeneratedSheets(filled, buildReportLayouts(analyseWorkbook(await readWorkbookGrids(filled)), { generatedAt: new Date(2026, 10, 25, 10, 0) }));
    const written = tmp.file("untouched.xlsx");
    fs.writeFileSync(written, report.bytes);
    const recalculated = await convertWithLibreOffice(written, tmp.file("untouched-out"), "xlsx");
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(fs.readFileSync(recalculated) as unknown as ArrayBuffer);
    const shown = (v: ExcelJS.CellValue): unknown => (v && typeof v === "object" && "formula" in v ? (v.result ?? "") : (v ?? ""));
    expect(shown(out.getWorksheet("Strengths & improvements")!.getCell("A3").value)).toBe("");
  }, 180_000);
});
