/**
 * The Summary's intervals and the moderated counts stay true without the add-in: LibreOffice (an
 * independent spreadsheet engine) recalculates the live formulas, and they equal what the engine
 * says — the "58% (36–77%)" of every count up to 40, and the counts of a criterion after a
 * moderated judgement is typed in the Moderation sheet and a Cases cell is edited.
 */
import * as fs from "node:fs";
import ExcelJS from "exceljs";
import { analyseWorkbook, buildReportLayouts, formatWithInterval, intervalFormula, MODERATION_HEADERS, wilsonInterval } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { convertAllWithLibreOffice } from "../hostile/libreoffice-batch";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir, SMALL_HEADERS, withSecondMarking, writeXlsx } from "../helpers/workbook-files";

/** A formula cell's value as read back: ExcelJS drops a falsy cached result (0, or "" for text). */
const result = (v: ExcelJS.CellValue, empty: 0 | "" = 0): unknown => (v && typeof v === "object" && "formula" in v ? (v.result ?? empty) : v);

describeWithLibreOffice("second marking and intervals recalculated in LibreOffice", () => {
  const tmp = makeTempDir("quality-recalc-");
  afterAll(() => (process.env.KEEP_TMP ? console.log(tmp.dir) : tmp.remove()));

  it("the interval formula gives what the engine writes for every 0 <= met <= relevant <= 40", async () => {
    const input = tmp.file("intervals.xlsx");
    const pairs: [number, number][] = [];
    for (let n = 0; n <= 40; n++) for (let k = 0; k <= n; k++) pairs.push([n, k]);
    await writeXlsx(input, (wb) => {
      const ws = wb.addWorksheet("Intervals");
      pairs.forEach(([n, k], i) => {
        ws.getCell(i + 1, 1).value = n;
        ws.getCell(i + 1, 2).value = k;
        ws.getCell(i + 1, 3).value = { formula: intervalFormula(`A${i + 1}`, `B${i + 1}`) };
      });
    });
    const out = await convertWithLibreOffice(input, tmp.file("intervals-out"), "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Intervals")!;
    const got = pairs.map((_, i) => String(result(ws.getCell(i + 1, 3).value, "")));
    const want = pairs.map(([n, k]) => (n === 0 ? "" : formatWithInterval((100 * k) / n, wilsonInterval(k, n))));
    expect(pairs.flatMap(([n, k], i) => (got[i] === want[i] ? [] : [`${k} of ${n}: ${got[i]} not ${want[i]}`]))).toEqual([]);
    // 23 of 40 is 57.5%: 58% (the binary 0.575 is a hair under, and TEXT alone would say 57%).
    expect(got[pairs.findIndex(([n, k]) => n === 40 && k === 23)]).toBe("58% (42–71%)");
    // The issue's own example: 11 out of 19.
    expect(got[pairs.findIndex(([n, k]) => n === 19 && k === 11)]).toBe("58% (36–77%)");
  });

  it("a moderated judgement typed in the Moderation sheet, then Cases cells edited, change the Summary's counts as the engine counts them", async () => {
    const input = tmp.file("second.xlsx");
    await writeXlsx(input, withSecondMarking());
    const bytes = new Uint8Array(fs.readFileSync(input));
    const original = analyseWorkbook(await readWorkbookGrids(bytes));
    const report = await writeGeneratedSheets(bytes, buildReportLayouts(original, { generatedAt: new Date(2026, 11, 1, 9, 0) }));
    const col21 = SMALL_HEADERS.indexOf("2.1 Initial assessment of risk of harm") + 1;

    // Two copies of the report: in both, C02's 2.1 (first No, second Yes) is moderated Yes; in the
    // second, C01's 2.1 is then edited from Yes to No and C02's from No to Yes in Cases (so C02's
    // moderated Yes must not count twice).
    let listRow = 0;
    const edit = async (name: string, cases: boolean): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(report.bytes) as unknown as ArrayBuffer);
      const moderation = wb.getWorksheet("Moderation")!;
      moderation.eachRow((row, n) => {
        if (row.getCell(1).value === "C02" && String(row.getCell(2).value).startsWith("2.1 ")) listRow = n;
      });
      moderation.getCell(listRow, MODERATION_HEADERS.indexOf("Moderated judgement") + 1).value = "yes";
      if (cases) {
        wb.getWorksheet("Cases")!.getCell(2, col21).value = "No";
        wb.getWorksheet("Cases")!.getCell(3, col21).value = "Yes";
      }
      const file = tmp.file(name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const files = [await edit("moderated.xlsx", false), await edit("moderated-edited.xlsx", true)];
    const expected = await Promise.all(files.map(async (f) => analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(f))))));
    const c21 = (a: (typeof expected)[number]): [number, number] => {
      const c = a.criteria.find((x) => x.id === "2.1")!;
      return [c.met, c.notMet];
    };
    // 2.1 as first judged: Yes C01 C04 C05, No C02 C06. Moderated: C02 Yes. Edited too: C01 No.
    expect([c21(original), c21(expected[0]!), c21(expected[1]!)]).toEqual([
      [3, 2],
      [4, 1],
      [3, 2],
    ]);
    expect(expected.map((a) => [a.moderation!.moderated, a.moderation!.changed])).toEqual([
      [1, 1],
      [1, 0],
    ]);

    const outs = await convertAllWithLibreOffice(files, tmp.file("recalculated"), "xlsx");
    for (const [i, out] of outs.entries()) {
      const recalculated = new ExcelJS.Workbook();
      await recalculated.xlsx.load(fs.readFileSync(out!) as unknown as ArrayBuffer);
      const counts: Record<string, [number, number, string]> = {};
      recalculated.getWorksheet("Summary")!.eachRow((row) => {
        const id = row.getCell(1).value;
        if (typeof id === "string" && /^\d+\.\d+$/.test(id)) counts[id] = [Number(result(row.getCell(4).value)), Number(result(row.getCell(5).value)), String(result(row.getCell(9).value, ""))];
      });
      for (const c of expected[i]!.criteria) expect([i, c.id, ...counts[c.id]!]).toEqual([i, c.id, c.met, c.notMet, formatWithInterval(c.percent, c.interval)]);
      // The Moderation sheet's own live cells: C02's First judgement and how its row changes 2.1.
      const row = recalculated.getWorksheet("Moderation")!.getRow(listRow);
      expect([result(row.getCell(4).value), result(row.getCell(11).value), result(row.getCell(12).value)]).toEqual(i === 0 ? ["No", 1, -1] : ["Yes", 0, 0]);
    }
  });
});
