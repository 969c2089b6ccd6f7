/**
 * A Community cases criterion's live formulas, recalculated by LibreOffice (an independent
 * spreadsheet engine) from poisoned cached results: every spelling of a Sentence, a blank or
 * unreadable one (nothing ruled out), a judgement where none is expected and an N/A where one is.
 * The expected counts are written here from the rows, not taken from the engine.
 */
import { readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { analyseWorkbook, buildReportLayouts, buildTemplate } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { generatedSheetParts } from "../hostile/package-parts";
import { convertWithLibreOffice, describeWithLibreOffice, poisonCachedResults } from "../helpers/libreoffice";
import { casesWorkbook, makeTempDir, SMALL_HEADERS, writeXlsx, type Row } from "../helpers/workbook-files";

const HEADERS = [...SMALL_HEADERS, "4.6 Community requirements explained"];

/** Sentence and 4.6 judgement of each case (the other criteria judged validly), and what 4.6 counts as. */
const CASES: readonly [sentence: string | null, judgement: string | null, counts: "met" | "not met" | "not counted"][] = [
  ["Community", "Yes", "met"],
  ["community sentence", "No", "not met"],
  ["Custody", "N/A", "not counted"],
  ["custodial", null, "not counted"],
  ["Community", " yes", "met"],
  [null, "Yes", "met"], // Sentence blank: nothing ruled out
  ["Prison", "No", "not met"], // Sentence unreadable: nothing ruled out
  ["Custody", "Yes", "not counted"], // a judgement on a custody case: an error, left out
  ["Community", "N/A", "not counted"], // N/A where a judgement is required: an error, left out
  ["Community", "n", "not met"],
];
const EXPECTED_46 = { relevant: 6, met: 3 };

function rows(): Row[] {
  return CASES.map(([sentence, judgement], i) => {
    const custody = sentence === "Custody" || sentence === "custodial";
    return [`C${i + 1}`, "A. Manager", sentence, "No", "Yes", "N/A", i % 2 ? "No" : "Yes", custody ? "Yes" : "N/A", null, judgement];
  });
}

describeWithLibreOffice("a Community cases criterion's live formulas, recalculated", () => {
  const tmp = makeTempDir("ciw-community-");
  afterAll(() => tmp.remove());

  it("count what the contract says, as the engine does", async () => {
    expect(CASES.filter(([, , c]) => c !== "not counted")).toHaveLength(EXPECTED_46.relevant);
    expect(CASES.filter(([, , c]) => c === "met")).toHaveLength(EXPECTED_46.met);
    const criteria = buildTemplate().criteria.rows.map((r) => [...r]);
    criteria.push(["4.6", 4, "Ensuring that the sentence is served", "Community requirements explained", "Community cases", null]);
    const input = await writeXlsx(tmp.file("community.xlsx"), casesWorkbook(rows(), { headers: HEADERS, criteria }));
    const analysis = analyseWorkbook(await readWorkbookGrids(input));
    const c46 = analysis.criteria.find((c) => c.id === "4.6")!;
    expect(analysis.framework.criteria.find((c) => c.id === "4.6")?.appliesTo).toBe("community");
    expect({ relevant: c46.relevant, met: c46.met }).toEqual(EXPECTED_46);

    const written = await writeGeneratedSheets(input, buildReportLayouts(analysis, { generatedAt: new Date(Date.UTC(2026, 0, 15)) }));
    const summaryPart = (await generatedSheetParts(written.bytes)).find((g) => g.kind === "summary")!.part;
    const { bytes, poisoned } = await poisonCachedResults(written.bytes, [summaryPart]);
    expect(poisoned).toBeGreaterThan(0);
    const report = tmp.file("report.xlsx");
    writeFileSync(report, bytes);

    const recalculated = await convertWithLibreOffice(report, tmp.file("out"), "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(recalculated) as unknown as ArrayBuffer);
    // ExcelJS drops a formula's cached result of 0 (a falsy check): a formula without one holds 0.
    const result = (v: ExcelJS.CellValue): number => Number(v && typeof v === "object" && "formula" in v ? (v.result ?? 0) : v);
    const live = new Map<string, { relevant: number; met: number }>();
    wb.getWorksheet("Summary")!.eachRow((row) => {
      const id = row.getCell(1).value;
      const label = row.getCell(2).value;
      // A criterion's row has its ID in A; a section's row its number, with the section's totals.
      const key = typeof id === "string" && /^\d+\.\d+$/.test(id) ? id : id === "4" ? "Section 4 total" : label === "All criteria" ? label : null;
      if (key !== null) live.set(key, { relevant: result(row.getCell(3).value), met: result(row.getCell(4).value) });
    });
    expect(live.get("4.6")).toEqual(EXPECTED_46);
    const s4 = analysis.sections.find((s) => s.number === "4")!;
    expect(live.get("Section 4 total")).toEqual({ relevant: s4.relevant, met: s4.met });
    expect(live.get("All criteria")).toEqual({ relevant: analysis.overall.relevant, met: analysis.overall.met });
  });
});
