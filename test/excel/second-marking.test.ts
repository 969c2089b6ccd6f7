/**
 * Second marking and moderation in Excel (the Office.js double): the Second marking table and the
 * Moderation sheet built before are read with the other inputs, the Moderation sheet by its A2
 * marker even when renamed.
 */
import { analyseWorkbook, buildReportLayouts, BUILT_IN_FRAMEWORK, columnLetters, criterionHeader, MODERATION_HEADERS, MODERATION_MARKER } from "../../src/core";
import { readWorkbookGrids, writeLayouts } from "../../src/excel";
import { createExcelDouble, type ExcelDouble, type SeedValue, type SheetSeed } from "../excel-double";
import { runnerFor } from "../excel-double/measure";
import { standardHeader, validRow } from "../helpers/grids";

const criteria = BUILT_IN_FRAMEWORK.criteria;
const cases = [standardHeader(), ...["C01", "C02", "C03", "C04"].map((id, i) => validRow(id, "Community", "No", { "2.1": i % 2 === 0 ? "Yes" : "No" }))] as SeedValue[][];
const secondHeader = ["Case ID", "Second marker", ...criteria.map(criterionHeader)];
const secondRow = (id: string, values: Record<string, string>): SeedValue[] => [id, "R. Lead", ...criteria.map((c) => values[c.id] ?? null)];
// First markers on 2.1: C01 Yes, C02 No, C03 Yes, C04 No. R. Lead: C01 Yes, C02 Yes (differs), C03 Yes, C04 No.
const second = [secondHeader, secondRow("C01", { "2.1": "Yes" }), secondRow("C02", { "2.1": "Yes" }), secondRow("C03", { "2.1": "Yes" }), secondRow("C04", { "2.1": "No" })];

function moderationSheet(name: string, judgement = "Yes"): SheetSeed {
  const header = [...MODERATION_HEADERS] as SeedValue[];
  const row = header.map(() => null as SeedValue);
  row[MODERATION_HEADERS.indexOf("Case ID")] = "C02";
  row[MODERATION_HEADERS.indexOf("Criterion")] = "2.1";
  row[MODERATION_HEADERS.indexOf("Second marker")] = "R. Lead";
  row[MODERATION_HEADERS.indexOf("Moderated judgement")] = judgement;
  return { name, rows: [["Moderation"], [`${MODERATION_MARKER} on 1 December 2026.`], [], header, row] };
}

function seed(moderation: SheetSeed | null): SheetSeed[] {
  const lastCase = columnLetters(cases[0]!.length - 1);
  const lastSecond = columnLetters(secondHeader.length - 1);
  return [
    { name: "Cases", rows: cases, tables: [{ name: "Cases", range: `A1:${lastCase}${cases.length}` }] },
    { name: "Second marking", rows: second, tables: [{ name: "SecondMarking", range: `A1:${lastSecond}${second.length}` }] },
    ...(moderation ? [moderation] : []),
  ];
}

describe("readWorkbookGrids with second marking", () => {
  test("reads the Second marking table: agreement figures and the difference to moderate, in two syncs", async () => {
    const double = createExcelDouble({ sheets: seed(null) });
    const read = await readWorkbookGrids({ run: runnerFor(double) });
    if (read.kind !== "ok") throw new Error(read.reason);
    expect(double.syncs).toBe(2);
    const a = analyseWorkbook(read.grids);
    // 2.1: 3 of 4 agree; first Yes 2 No 2, second Yes 3 No 1: chance (2·3 + 2·1)/16 = 1/2, kappa (3/4 − 1/2)/(1/2) = 0.5.
    expect(a.agreement!.criteria.find((c) => c.id === "2.1")).toMatchObject({ compared: 4, agreed: 3, kappa: 0.5, meaning: "moderate agreement" });
    expect(a.moderation!.rows.map((r) => [r.caseId, r.criterionId, r.firstCell, r.secondCell])).toEqual([
      ["C02", "2.1", { sheet: "Cases", cell: `${columnLetters(4 + 4)}3` }, { sheet: "Second marking", cell: `${columnLetters(2 + 4)}3` }],
    ]);
  });

  test.each([
    ["named Moderation", 2, "Moderation"],
    ["renamed", 3, "QA moderation"],
  ])("counts a moderated judgement from the Moderation sheet %s (%i syncs)", async (_what, syncs, name) => {
    const double = createExcelDouble({ sheets: seed(moderationSheet(name)) });
    const read = await readWorkbookGrids({ run: runnerFor(double) });
    if (read.kind !== "ok") throw new Error(read.reason);
    expect(double.syncs).toBe(syncs);
    const a = analyseWorkbook(read.grids);
    expect(a.criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 3, notMet: 1 });
    expect(a.moderation).toMatchObject({ moderated: 1, changed: 1, open: 0 });
    // The first marker's cell is as it was.
    expect(double.sheet("Cases").value(`${columnLetters(4 + 4)}3`)).toBe("No");
  });

  test("a user's own sheet named Moderation is not read as one", async () => {
    const own: SheetSeed = { name: "Moderation", rows: [["Our moderation notes"], ["C02 2.1 should be Yes"]] };
    const read = await readWorkbookGrids({ run: runnerFor(createExcelDouble({ sheets: seed(own) })) });
    if (read.kind !== "ok") throw new Error(read.reason);
    expect(read.grids.moderation).toBeNull();
    expect(analyseWorkbook(read.grids).criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 2, notMet: 2 });
  });
});

describe("writeLayouts with second marking", () => {
  /** The Summary's Met formula of criterion 2.1. */
  const met21 = (double: ExcelDouble, summary: string): string => {
    const row = double.sheet(summary).values("A1:A60").findIndex(([id]) => id === "2.1") + 1;
    return double.sheet(summary).formula(`D${row}`)!;
  };

  async function build(double: ExcelDouble): Promise<readonly string[]> {
    const read = await readWorkbookGrids({ run: runnerFor(double) });
    if (read.kind !== "ok") throw new Error(read.reason);
    const layouts = buildReportLayouts(analyseWorkbook(read.grids), { generatedAt: new Date(2026, 11, 1, 9, 0) });
    return (await writeLayouts(layouts, { run: runnerFor(double) })).sheets;
  }

  test("the Summary's counts read the Moderation sheet written with it, by the name it ends with, built and rebuilt", async () => {
    const double = createExcelDouble({ sheets: seed(null) });
    expect(await build(double)).toEqual(["Summary", "Strengths & improvements", "Action plan", "Moderation"]);
    expect(met21(double, "Summary")).toMatch(/\+SUMPRODUCT\(\(LEFT\(Moderation!\$B\$\d+:\$B\$\d+,4\)="2\.1 "\)\*Moderation!\$K\$\d+:\$K\$\d+\)$/);
    // Rebuilt: the old sheets are deleted and the new ones renamed into place; nothing reads a deleted sheet.
    await build(double);
    expect(met21(double, "Summary")).toContain("Moderation!$K$");
    expect(met21(double, "Summary")).not.toContain("#REF!");
  });

  test("every sheet of static text gets its banner formula in Excel: Strengths and Action plan over Cases and the moderated judgements, Moderation over both markers' tables", async () => {
    // C02's 2.1 moderated No: 2.1 stays an area for improvement, so there is an Action plan.
    const double = createExcelDouble({ sheets: seed(moderationSheet("Moderation", "No")) });
    for (let i = 0; i < 2; i++) {
      await build(double);
      const banner = (sheet: string, cell: string): string => double.sheet(sheet).formula(cell) ?? "";
      // Two fingerprints: Cases[[#Data]], and the Moderation sheet's Moderated judgement column (H) by the name it ends with.
      for (const [sheet, cell] of [
        ["Strengths & improvements", "A3"],
        ["Action plan", "A4"],
      ] as const) {
        expect([sheet, banner(sheet, cell)]).toEqual([sheet, expect.stringMatching(/^=IF\(AND\(SUMPRODUCT\(.*Cases\[\[#Data\]\].*\)=\d+,SUMPRODUCT\(.*Moderation!\$H\$\d+:\$H\$\d+.*\)=\d+\),"","Judgements have changed since this sheet was built on 1 December 2026 at 09:00: build it again\."\)$/)]);
        expect(banner(sheet, cell)).not.toContain("#REF!");
        // Empty as written (the judgements are those it was built from).
        expect(double.sheet(sheet).value(cell)).toBe("");
      }
      expect(banner("Moderation", "A4")).toMatch(/^=IF\(AND\(SUMPRODUCT\(.*Cases\[\[#Data\]\].*\)=\d+,SUMPRODUCT\(.*SecondMarking\[\[#Data\]\].*\)=\d+\),"",/);
    }
  });

  test("with a user's own sheet named Moderation, they read ours, Moderation (2), never the user's", async () => {
    const own: SheetSeed = { name: "Moderation", rows: [["Our moderation notes"], ["C02 2.1 should be Yes"]] };
    const double = createExcelDouble({ sheets: seed(own) });
    for (let i = 0; i < 2; i++) {
      expect(await build(double)).toEqual(["Summary", "Strengths & improvements", "Action plan", "Moderation (2)"]);
      expect(met21(double, "Summary")).toContain("'Moderation (2)'!$K$");
      expect(met21(double, "Summary")).not.toMatch(/[^(]Moderation!|#REF!/);
      expect(double.sheet("Moderation").value("A1")).toBe("Our moderation notes");
    }
  });
});
