/**
 * The Action plan and the comparison with a previous inspection in Excel (the Office.js double):
 * the sample workbook opened in the double, built with the previous inspection, then filled in
 * and rebuilt three times with judgements changed in between. Every typed cell comes back exactly
 * as typed, and the comparison kept in the Previous inspection sheet lasts without the old file.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { analyseWorkbook, buildReportLayouts, previousFromAnalysis, type PreviousInspection } from "../../src/core";
import { readWorkbookGrids, writeLayouts } from "../../src/excel";
import { readWorkbookGrids as readFileGrids, readWorkbookSheets } from "../../src/xlsx/read-workbook";
import { createExcelDouble, type ExcelDouble, type SeedValue, type SheetSeed } from "../excel-double";
import { runnerFor } from "../excel-double/measure";

const ROOT = path.join(__dirname, "..", "..");

/** The double's seed from an .xlsx file: every sheet's cells from A1, and its tables. */
async function seedFrom(file: string): Promise<SheetSeed[]> {
  const sheets = await readWorkbookSheets(new Uint8Array(readFileSync(file)));
  return sheets.map((s) => ({
    name: s.name,
    rows: (s.values?.rows ?? []).map((row) => Array.from(row ?? [], (v) => (v ?? null) as SeedValue)),
    tables: s.tables.map((t) => ({ name: t.name, range: t.ref.replace(/\$/g, "") })),
  }));
}

async function build(double: ExcelDouble, previous: PreviousInspection | null, day: Date): Promise<readonly string[]> {
  const run = runnerFor(double);
  const read = await readWorkbookGrids({ run });
  if (read.kind !== "ok") throw new Error(read.reason);
  const a = analyseWorkbook(read.grids, { previous });
  const written = await writeLayouts(buildReportLayouts(a, { generatedAt: day }), { run });
  return written.sheets;
}

/** The sheet row (1-based) of a criterion's row in the plan; 0 when none. */
function rowOf(double: ExcelDouble, id: string): number {
  const values = double.sheet("Action plan").values("A1:A80");
  return values.findIndex((r) => String(r[0]).startsWith(`${id} `)) + 1;
}

/** Sets up to `count` of a criterion's judgements from one answer to another in the Cases table. */
function rejudge(double: ExcelDouble, id: string, from: string, to: string, count: number): void {
  const cases = double.sheet("Cases");
  const header = cases.values("A1:AZ1")[0]!;
  const col = header.findIndex((h) => typeof h === "string" && h.startsWith(`${id} `));
  const letter = String.fromCharCode(65 + col);
  let left = count;
  for (let r = 2; r <= 21 && left > 0; r++) {
    if (cases.value(`${letter}${r}`) === from) {
      cases.type(`${letter}${r}`, to);
      left--;
    }
  }
}

// What people type in the plan (E Action, F Owner, G Due date, H Status, I Progress notes). A
// leading apostrophe keeps "=…" and "+…" as text, as in Excel; the date is typed into a cell the
// plan formatted as a date, so Excel keeps it as its serial number.
const DUE = Date.UTC(2027, 5, 30) / 86400000 + 25569;
const TYPED: Record<string, [string, string | number][]> = {
  "2.1": [
    ["E", "  Rewrite the risk of harm guidance;\nbrief every case manager.  "],
    ["F", "'=Team leader (A. Shah)"],
    ["G", DUE],
    ["H", "In progress"],
    ["I", "0012 — waiting on the police 👮 data-sharing agreement"],
  ],
  "3.4": [
    ["E", "Managers to countersign every safeguarding plan"],
    ["F", "'+Service manager"],
    ["G", "end of June"],
    ["H", "Not started"],
    ["I", "-"],
  ],
};
/** What Excel then holds in each cell. */
const HELD = (v: string | number): string | number => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v);

describe("the Action plan and the comparison in Excel", () => {
  let double: ExcelDouble;
  const days = [new Date(2027, 2, 12, 9), new Date(2027, 3, 20, 9), new Date(2027, 4, 2, 9), new Date(2027, 5, 9, 9)];
  const snapshots: { plan: (string | number | boolean)[][]; sheets: readonly string[] }[] = [];
  let previous: PreviousInspection;

  beforeAll(async () => {
    double = createExcelDouble({ sheets: await seedFrom(path.join(ROOT, "assets", "sample-inspection.xlsx")) });
    const earlier = analyseWorkbook(await readFileGrids(new Uint8Array(readFileSync(path.join(ROOT, "assets", "sample-previous-inspection.xlsx")))));
    previous = previousFromAnalysis(earlier, "sample-previous-inspection.xlsx");
  });

  test("build 1 (with the previous inspection), typing, then three rebuilds with judgements changed between", async () => {
    const sheets = await build(double, previous, days[0]!);
    expect(sheets).toEqual(["Summary", "Strengths & improvements", "Action plan", "Previous inspection"]);
    // The due-date cells are dates before anyone types in them, so a typed date stays a date.
    expect(double.sheet("Action plan").numberFormat(`G${rowOf(double, "2.1")}`)).toBe("d mmm yyyy");
    for (const [id, cells] of Object.entries(TYPED)) for (const [col, v] of cells) double.sheet("Action plan").type(`${col}${rowOf(double, id)}`, v);
    // A column and a row of their own.
    double.sheet("Action plan").type("J5", "Budget");
    double.sheet("Action plan").type(`J${rowOf(double, "3.4")}`, 1500);
    const column = double.sheet("Action plan").values("A1:A80");
    let last = column.length;
    while (last > 0 && column[last - 1]![0] === "") last--;
    double.sheet("Action plan").type(`A${last + 1}`, "(our own)");
    double.sheet("Action plan").type(`E${last + 1}`, "Survey the staff");
    double.sheet("Action plan").type(`H${last + 1}`, "Done");

    rejudge(double, "2.1", "No", "Yes", 99); // 2.1 put right
    snapshots.push({ sheets: await build(double, null, days[1]!), plan: double.sheet("Action plan").values("A1:J40") });
    rejudge(double, "1.1", "Yes", "No", 7); // 1.1 falls to 10 of 20
    snapshots.push({ sheets: await build(double, null, days[2]!), plan: double.sheet("Action plan").values("A1:J40") });
    rejudge(double, "2.1", "Yes", "No", 8); // 2.1 slips back
    rejudge(double, "3.4", "No", "Yes", 99); // 3.4 put right
    snapshots.push({ sheets: await build(double, null, days[3]!), plan: double.sheet("Action plan").values("A1:J40") });
  });

  test.each([0, 1, 2])("after rebuild %i every typed cell holds exactly what was typed", (k) => {
    const plan = snapshots[k]!.plan;
    const row = (id: string): (string | number | boolean)[] => plan.find((r) => String(r[0]).startsWith(`${id} `))!;
    for (const [id, cells] of Object.entries(TYPED)) {
      for (const [col, v] of cells) expect(row(id)[col.charCodeAt(0) - 65]).toStrictEqual(HELD(v));
    }
    expect(plan[4]![9]).toBe("Budget");
    expect(row("3.4")[9]).toBe(1500);
    const own = plan.find((r) => r[0] === "(our own)")!;
    expect([own[4], own[7]]).toEqual(["Survey the staff", "Done"]);
  });

  test("the rows follow the judgements", () => {
    const status = (k: number, id: string): string => String(snapshots[k]!.plan.find((r) => String(r[0]).startsWith(`${id} `))?.[3] ?? "");
    expect(status(0, "2.1")).toBe("No longer an area for improvement (20 April 2027): now 100% (19 of 19)");
    expect(status(1, "1.1")).toBe("Area for improvement");
    expect(status(2, "2.1")).toBe("Area for improvement");
    expect(status(2, "3.4")).toMatch(/^No longer an area for improvement \(9 June 2027\)/);
  });

  test("the comparison kept in the Previous inspection sheet lasts through the rebuilds without the old file", async () => {
    expect(snapshots.map((s) => s.sheets.includes("Previous inspection"))).toEqual([true, true, true]);
    const read = await readWorkbookGrids({ run: runnerFor(double) });
    if (read.kind !== "ok") throw new Error(read.reason);
    const a = analyseWorkbook(read.grids);
    expect(a.previousFrom).toBe("sheet");
    expect(a.comparison!.criteria.find((c) => c.id === "1.3")).toMatchObject({ previous: { met: 12, relevant: 20 }, direction: "improved" });
  });

  test("the Summary's chart shows both inspections' section scores, a named series each", () => {
    const [chart] = double.sheet("Summary").charts;
    const { top, left, bottom } = chart!.source.rect;
    // The last inspection's scores are the column beside this one's, over the same section names.
    expect(chart!.moreSeries.map((m) => m.values?.rect)).toEqual([{ top, bottom, left: left + 1, right: left + 1 }]);
    const col = (c: number): string => String.fromCharCode(65 + c);
    // The header above the scores (rect rows are zero-based, A1 rows one-based: row `top` is the one above).
    expect(double.sheet("Summary").values(`${col(left)}${top}:${col(left + 1)}${top}`)).toEqual([["% met", "Last time"]]);
    expect(chart!.props).toMatchObject({ "series0/name": "This inspection", "series1/name": "Last inspection", "legend/visible": true });
  });

  test("the Status column offers its dropdown in Excel", () => {
    const v = double.sheet("Action plan").validations;
    expect(v).toHaveLength(1);
    expect(v[0]!.rule).toEqual({ list: { inCellDropDown: true, source: "Not started,In progress,Done" } });
  });
});
