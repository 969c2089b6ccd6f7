/**
 * The Summary stays true without the add-in: write a report of the sample, change judgements in
 * the output file, let LibreOffice (an independent spreadsheet engine) recalculate it, and the
 * Summary's counts equal the engine's counts on the edited data.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyseWorkbook, bandText, buildReportLayouts, columnLetters, outOfDate, type Analysis } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir } from "../helpers/workbook-files";
import { setCell, sheetPart } from "../helpers/xlsx-edit";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");

function countsOf(a: Analysis): Record<string, [number, number, number]> {
  return Object.fromEntries(a.criteria.map((c) => [c.id, [c.relevant, c.met, c.notMet]]));
}

describeWithLibreOffice("the Summary recalculates in LibreOffice to the engine's counts", () => {
  const tmp = makeTempDir("recalc-");
  afterAll(() => (process.env.KEEP_TMP ? console.log(tmp.dir) : tmp.remove()));

  it("after judgements are edited in the output file", async () => {
    const input = new Uint8Array(fs.readFileSync(SAMPLE));
    const original = analyseWorkbook(await readWorkbookGrids(input));
    const layouts = buildReportLayouts(original, { generatedAt: new Date(2026, 10, 25, 10, 0) });
    const report = await writeGeneratedSheets(input, layouts);

    // Edit the Cases table: C01's 2.1, a custody case's 3.6, and a where-relevant N/A made Yes.
    const table = original.cases;
    const colOf = (id: string): string => columnLetters(table.grid.left + table.columns.criteria.get(id)!);
    const custody = table.cases.find((c) => c.sentence === "Custody")!;
    const k21 = table.criteria.findIndex((c) => c.id === "2.1");
    const na21 = table.cases.find((c) => c.outcomes[k21] === "notApplicable")!;
    const first = table.cases[0]!;
    const zip = await JSZip.loadAsync(report.bytes);
    const sheetPath = await sheetPart(zip, "Cases");
    const k36 = table.criteria.findIndex((c) => c.id === "3.6");
    await setCell(zip, sheetPath, `${colOf("2.1")}${first.row + 1}`, first.outcomes[k21] === "met" ? "No" : "Yes");
    await setCell(zip, sheetPath, `${colOf("3.6")}${custody.row + 1}`, custody.outcomes[k36] === "met" ? "No" : "Yes");
    await setCell(zip, sheetPath, `${colOf("2.1")}${na21.row + 1}`, "Yes");
    const edited = tmp.file("edited.xlsx");
    fs.writeFileSync(edited, await zip.generateAsync({ type: "uint8array" }));

    const expected = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(edited))));
    expect(expected.errors).toBe(0);
    expect(countsOf(expected)["2.1"]).not.toEqual(countsOf(original)["2.1"]);
    expect(countsOf(expected)["3.6"]).not.toEqual(countsOf(original)["3.6"]);

    const recalculated = await convertWithLibreOffice(edited, tmp.file("out"), "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(recalculated) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet("Summary")!;
    // ExcelJS drops a formula's cached result when it is <v>0</v> (a falsy check), so a formula
    // cell without a result read back here holds 0; an error result would be an { error } object.
    const result = (v: ExcelJS.CellValue): unknown => (v && typeof v === "object" && "formula" in v ? (v.result ?? 0) : v);
    const seen: Record<string, [number, number, number]> = {};
    const totals: Record<string, [number, number]> = {};
    summary.eachRow((row) => {
      const id = row.getCell(1).value;
      const label = row.getCell(2).value;
      const [rel, met, notMet] = [3, 4, 5].map((c) => Number(result(row.getCell(c).value)));
      if (typeof id === "string" && /^\d+\.\d+$/.test(id) && expected.criteria.some((c) => c.id === id)) seen[id] = [rel!, met!, notMet!];
      // A section's row carries its number in A and its totals beside its title.
      if (typeof id === "string" && /^\d+$/.test(id) && typeof label === "string") totals[`Section ${id} total`] = [rel!, met!];
      if (label === "All criteria") totals.overall = [rel!, met!];
    });
    expect(seen).toEqual(countsOf(expected));
    for (const s of expected.sections) expect(totals[`Section ${s.number} total`]).toEqual([s.relevant, s.met]);
    expect(totals.overall).toEqual([expected.overall.relevant, expected.overall.met]);
  });

  it("after edits, every band follows its percentage, every phrase fits its counts or says it is out of date, and the Strengths banner and the Summary's facts line say so until the edit is undone", async () => {
    const input = new Uint8Array(fs.readFileSync(SAMPLE));
    const original = analyseWorkbook(await readWorkbookGrids(input));
    const report = await writeGeneratedSheets(input, buildReportLayouts(original, { generatedAt: new Date(2026, 10, 25, 10, 0) }));
    const table = original.cases;
    const k = (id: string): number => table.criteria.findIndex((c) => c.id === id);
    const cellOf = (id: string, c: (typeof table.cases)[number]): string => `${columnLetters(table.grid.left + table.columns.criteria.get(id)!)}${c.row + 1}`;
    // 2.1 (11 of 19, Requires improvement): three No made Yes, 14 of 19 is Good. 4.2 (all ten
    // cases): one Yes made No. 3.2: one No made Yes.
    const edits: [string, string, string][] = [];
    const flip = (id: string, from: "met" | "notMet", to: string, n: number): void => {
      for (const c of table.cases.filter((x) => x.outcomes[k(id)] === from).slice(0, n)) edits.push([cellOf(id, c), from === "met" ? "Yes" : "No", to]);
    };
    flip("2.1", "notMet", "Yes", 3);
    flip("4.2", "met", "No", 1);
    flip("3.2", "notMet", "Yes", 1);
    expect(edits).toHaveLength(5);

    const zip = await JSZip.loadAsync(report.bytes);
    const casesPath = await sheetPart(zip, "Cases");
    const untouched = tmp.file("untouched.xlsx");
    fs.writeFileSync(untouched, await zip.generateAsync({ type: "uint8array" }));
    for (const [cell, , to] of edits) await setCell(zip, casesPath, cell, to);
    const edited = tmp.file("edited.xlsx");
    fs.writeFileSync(edited, await zip.generateAsync({ type: "uint8array" }));
    for (const [cell, from] of edits) await setCell(zip, casesPath, cell, from);
    const undone = tmp.file("undone.xlsx");
    fs.writeFileSync(undone, await zip.generateAsync({ type: "uint8array" }));

    const expected = analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(edited))));
    expect(bandText(expected.criteria[k("2.1")]!)).not.toBe(bandText(original.criteria[k("2.1")]!));

    const read = async (file: string, name: string): Promise<ExcelJS.Workbook> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(await convertWithLibreOffice(file, tmp.file(`out-${name}`), "xlsx")) as unknown as ArrayBuffer);
      return wb;
    };
    const shown = (v: ExcelJS.CellValue): string => String(v && typeof v === "object" && "formula" in v ? (v.result ?? "") : (v ?? ""));
    const banner = (wb: ExcelJS.Workbook): string => shown(wb.getWorksheet("Strengths & improvements")!.getCell("A3").value);
    const facts = (wb: ExcelJS.Workbook): string => shown(wb.getWorksheet("Summary")!.getCell("A4").value);
    const factsAsBuilt = "Inspection dates: 10 March 2026 to 12 March 2026. Cases inspected: 20. Judgements counted: 320. Not yet judged: 0. Cells left out for errors: 0.";
    const stale = outOfDate("Summary");

    const after = await read(edited, "edited");
    const rows = new Map<string, { band: string; phrase: string }>();
    after.getWorksheet("Summary")!.eachRow((row) => {
      const id = row.getCell(1).value;
      if (typeof id === "string" && id !== "") rows.set(id, { band: shown(row.getCell(7).value), phrase: shown(row.getCell(8).value) });
    });
    const changed: string[] = [];
    for (const [i, c] of expected.criteria.entries()) {
      const row = rows.get(c.id)!;
      expect([c.id, row.band]).toEqual([c.id, bandText(c)]);
      const before = original.criteria[i]!;
      if (before.met !== c.met || before.notMet !== c.notMet) {
        changed.push(c.id);
        expect([c.id, row.phrase]).toEqual([c.id, stale]);
      } else expect([c.id, row.phrase]).toEqual([c.id, c.phrase]);
    }
    expect(changed.sort()).toEqual(["2.1", "3.2", "4.2"]);
    for (const s of expected.sections) expect([s.number, rows.get(String(s.number))!.band]).toEqual([s.number, bandText(s)]);
    expect(banner(after)).toBe("Judgements have changed since this sheet was built on 25 November 2026 at 10:00: build it again.");

    // The Summary's facts line says its counts are as built.
    expect(facts(after)).toBe(`${factsAsBuilt} These figures are as built on 25 November 2026 at 10:00: judgements have changed since, so build the Summary again.`);

    for (const [file, name] of [[untouched, "untouched"], [undone, "undone"]] as const) {
      const wb = await read(file, name);
      expect([name, banner(wb), facts(wb)]).toEqual([name, "", factsAsBuilt]);
    }
  }, 300_000);
});
