/**
 * Every generated sheet of static text says when the judgements behind it have changed, without
 * the add-in: a report with second marking, a moderated judgement, an Action plan and a previous
 * inspection is edited (a Cases judgement; the moderated judgement), its cached results poisoned
 * so that only a recalculation can give the values read back, and LibreOffice (an independent
 * spreadsheet engine) recalculates it. The banners of Strengths & improvements, Action plan and
 * Moderation, the Summary's facts line and its changes since the last inspection say so while an
 * edit stands, and nothing says so on the untouched report or once the edits are undone.
 */
import * as fs from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyseWorkbook, buildReportLayouts, columnLetters, MODERATION_HEADERS, outOfDate, previousFromAnalysis, type Analysis } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { convertAllWithLibreOffice } from "../hostile/libreoffice-batch";
import { generatedSheetParts } from "../hostile/package-parts";
import { describeWithLibreOffice, poisonCachedResults } from "../helpers/libreoffice";
import { makeTempDir, SMALL_HEADERS, withSecondMarking, writeXlsx } from "../helpers/workbook-files";
import { setCell, sheetPart } from "../helpers/xlsx-edit";

const BUILT = new Date(2026, 11, 1, 9, 0);
const BANNER = "Judgements have changed since this sheet was built on 1 December 2026 at 09:00: build it again.";
const STALE = outOfDate("Summary");

/** What a cell shows as read back: a formula's result (ExcelJS drops a falsy one: "" here). */
const shown = (v: ExcelJS.CellValue): string => String(v && typeof v === "object" && "formula" in v ? (v.result ?? "") : (v ?? ""));

/** What a recalculated report says on each sheet of static text. */
interface Seen {
  readonly strengths: string;
  readonly actionPlan: string;
  readonly moderation: string;
  /** The Summary's facts line says its figures are as built. */
  readonly factsStale: boolean;
  /** Summary rows (by ID) whose change since the last inspection says it is out of date, and whose points are blank. */
  readonly changesStale: string[];
  readonly pointsBlank: string[];
  /** Any cell of the Previous inspection sheet saying judgements have changed. */
  readonly previousWarns: boolean;
}

function seen(wb: ExcelJS.Workbook, moderationSheet: string): Seen {
  const summary = wb.getWorksheet("Summary")!;
  let header = 0;
  summary.eachRow((row, n) => {
    if (header === 0 && row.values && (row.values as ExcelJS.CellValue[]).includes("Since last inspection")) header = n;
  });
  const headerRow = summary.getRow(header).values as ExcelJS.CellValue[];
  const [pointsCol, markerCol] = [headerRow.indexOf("Change (points)"), headerRow.indexOf("Since last inspection")];
  const changesStale: string[] = [];
  const pointsBlank: string[] = [];
  summary.eachRow((row, n) => {
    if (n <= header) return;
    const id = shown(row.getCell(1).value) || shown(row.getCell(2).value);
    if (shown(row.getCell(markerCol).value) === STALE) changesStale.push(id);
    // (Every change compared is not 0 points, see the last inspection below: blank is blank.)
    if (!/^(Not |$)/.test(shown(row.getCell(markerCol).value)) && shown(row.getCell(pointsCol).value) === "") pointsBlank.push(id);
  });
  let previousWarns = false;
  wb.getWorksheet("Previous inspection")!.eachRow((row) =>
    row.eachCell((cell) => {
      if (/judgements have changed/i.test(shown(cell.value))) previousWarns = true;
    }),
  );
  return {
    strengths: shown(wb.getWorksheet("Strengths & improvements")!.getCell("A3").value),
    actionPlan: shown(wb.getWorksheet("Action plan")!.getCell("A4").value),
    moderation: shown(wb.getWorksheet(moderationSheet)!.getCell("A4").value),
    factsStale: shown(summary.getCell("A4").value).includes("judgements have changed since"),
    changesStale,
    pointsBlank,
    previousWarns,
  };
}

describeWithLibreOffice("the banners and the comparison follow edited judgements in LibreOffice", () => {
  const tmp = makeTempDir("stale-banners-");
  afterAll(() => (process.env.KEEP_TMP ? console.log(tmp.dir) : tmp.remove()));

  it("appear on each sheet of static text while a Cases or a moderated judgement is edited, and go when the edit is undone", async () => {
    // C02's 2.1 (first marker No, second Yes) moderated Yes in the Moderation sheet built before.
    const moderated = MODERATION_HEADERS.map((h) => ({ "Case ID": "C02", Criterion: "2.1 Initial assessment of risk of harm", "Second marker": "R. Lead", "Moderated judgement": "Yes" })[h as string] ?? null);
    const input = await writeXlsx(tmp.file("input.xlsx"), withSecondMarking([moderated]));
    const first = analyseWorkbook(await readWorkbookGrids(input));
    // The last inspection: this one's figures with one more case not met on every row (so no
    // change is 0 points, which ExcelJS could not tell from a blank), kept in the Previous inspection sheet.
    const earlier = previousFromAnalysis(first, "inspection-2024.xlsx");
    const more = <T extends { readonly relevant: number }>(f: T): T => ({ ...f, relevant: f.relevant + 1 });
    const previous = { ...earlier, criteria: earlier.criteria.map(more), sections: earlier.sections.map(more), overall: more(earlier.overall!) };
    const a: Analysis = analyseWorkbook(await readWorkbookGrids(input), { previous });
    expect(a.moderation).toMatchObject({ moderated: 1, changed: 1 });
    expect(a.comparison).not.toBeNull();
    const layouts = buildReportLayouts(a, { generatedAt: BUILT });
    expect(layouts.map((l) => l.name)).toEqual(["Summary", "Strengths & improvements", "Action plan", "Moderation", "Previous inspection"]);
    const written = await writeGeneratedSheets(input, layouts);

    // Every formula's cached result poisoned: a value read back is LibreOffice's.
    const parts = await generatedSheetParts(written.bytes);
    const { bytes, poisoned } = await poisonCachedResults(
      written.bytes,
      parts.map((g) => g.part),
    );
    // The Moderation sheet is written where the one built before was, under its name.
    const { name: moderationSheet, part: moderationPath } = parts.find((g) => g.kind === "moderation")!;
    expect(moderationSheet).toBe("QA moderation");
    expect(poisoned).toBeGreaterThan(50);
    const zip = await JSZip.loadAsync(bytes);
    const casesPath = await sheetPart(zip, "Cases");
    // C05's 3.6 (a custody case, row 6) Yes → No; the moderated judgement of C02's 2.1 Yes → No.
    const cases36 = `${columnLetters(SMALL_HEADERS.indexOf("3.6 Custodial planning"))}6`;
    const grid = (await readWorkbookGrids(written.bytes)).moderation!;
    const judgementCol = grid.rows.find((r) => r.includes("Moderated judgement"))!.indexOf("Moderated judgement");
    const listRow = grid.rows.findIndex((r) => r[0] === "C02" && String(r[1]).startsWith("2.1 "));
    expect([grid.top, grid.left, judgementCol, grid.rows[listRow]![judgementCol]]).toEqual([0, 0, MODERATION_HEADERS.indexOf("Moderated judgement"), "Yes"]);
    const moderatedCell = `${columnLetters(judgementCol)}${listRow + 1}`;

    const files: Record<string, string> = {};
    const save = async (name: string): Promise<void> => {
      files[name] = tmp.file(`${name}.xlsx`);
      fs.writeFileSync(files[name]!, await zip.generateAsync({ type: "uint8array" }));
    };
    await save("untouched");
    await setCell(zip, casesPath, cases36, "No");
    await save("cases-edited");
    await setCell(zip, casesPath, cases36, "Yes");
    await setCell(zip, moderationPath, moderatedCell, "No");
    await save("moderation-edited");
    await setCell(zip, moderationPath, moderatedCell, "Yes");
    await save("undone");

    // The engine agrees that each edit changes the figures (and the undone file is the untouched one).
    const counts = async (name: string): Promise<string> =>
      JSON.stringify(analyseWorkbook(await readWorkbookGrids(new Uint8Array(fs.readFileSync(files[name]!)))).criteria.map((c) => [c.id, c.met, c.notMet]));
    const before = await counts("untouched");
    expect([await counts("cases-edited"), await counts("moderation-edited"), await counts("undone")].map((c) => c === before)).toEqual([false, false, true]);

    const names = ["untouched", "cases-edited", "moderation-edited", "undone"];
    const outs = await convertAllWithLibreOffice(
      names.map((n) => files[n]!),
      tmp.file("recalculated"),
      "xlsx",
    );
    const got: Record<string, Seen> = {};
    for (const [i, out] of outs.entries()) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(out!) as unknown as ArrayBuffer);
      got[names[i]!] = seen(wb, moderationSheet);
    }
    const quiet: Seen = { strengths: "", actionPlan: "", moderation: "", factsStale: false, changesStale: [], pointsBlank: [], previousWarns: false };
    expect(got.untouched).toEqual(quiet);
    expect(got.undone).toEqual(quiet);
    // 3.6 edited in Cases: every sheet made from the judgements says so; the Summary's 3.6, its
    // section and the overall change are out of date. The Previous inspection's figures are the
    // last inspection's, which no edit here changes.
    expect(got["cases-edited"]).toEqual({
      strengths: BANNER,
      actionPlan: BANNER,
      moderation: BANNER,
      factsStale: true,
      changesStale: ["3", "3.6", "All criteria"],
      pointsBlank: ["3", "3.6", "All criteria"],
      previousWarns: false,
    });
    // The moderated judgement changed: the sheets counting it say so; the Moderation sheet's list
    // and agreement figures (both markers' judgements) still hold.
    expect(got["moderation-edited"]).toEqual({
      strengths: BANNER,
      actionPlan: BANNER,
      moderation: "",
      factsStale: true,
      changesStale: ["2", "2.1", "All criteria"],
      pointsBlank: ["2", "2.1", "All criteria"],
      previousWarns: false,
    });
  }, 300_000);
});
