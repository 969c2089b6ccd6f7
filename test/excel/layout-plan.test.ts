/**
 * The adapter's pure parts: text that Excel would change, addresses, widths, bands, style areas
 * and the plan of sheet names.
 */
import { GENERATED_MARKER_PREFIX, type SheetLayout } from "../../src/core";
import { charsToPoints, fromOfficeValue, layoutBands, needsTextFormat, parseOfficeAddress, planSheetNames, styleGroups } from "../../src/excel";
import { chooseTempNames, heightRuns, widthRuns } from "../../src/excel/layout-plan";
import { createExcelDouble, type FakeRequestContext } from "../excel-double";

test.each([
  ["=1+1", true],
  ["+44 20 7946 0000", true],
  ["-x", true],
  ["@mention", true],
  ["1.10", true],
  ["80%", true],
  ["1,234", true],
  ["TRUE", true],
  ["2026-01-15", true],
  ["15/1/2026", true],
  ["10:30", true],
  ["16 June", true],
  ["June 2014", true],
  ["£5", true],
  ["Yes", false],
  ["N/A", false],
  ["1 Notes", false],
  ["2.1 Initial assessment of risk of harm to others", false],
  ["Case ID", false],
  ["", false],
  ["  ", false],
])("needsTextFormat(%j) is %s", (text, expected) => {
  expect(needsTextFormat(text)).toBe(expected);
});

/** Text cells the adapter writes (template headers, settings, notes): real labels and the forms Excel converts. */
const SAMPLES = [
  ...["Yes", "No", "N/A", "Case ID", "1 Notes", "2.1 Initial assessment of risk of harm to others", "Custody", "#hashtag", "1,00", "Mon 15 Jan", "12 Angry Men", "-", "'"],
  ...["=1+1", "+44 20 7946 0000", "-x", "@mention", "'quoted", "'=A1", "1.10", "80%", "1,234", "1,234,567.89", "(1,000)", "-£5", "£1,000", "5 €", "1e5", ".5"],
  ...["TRUE", "false", "#N/A", "#n/a", "#DIV/0!", "#EXTERNAL!", "#GETTING_DATA", "2026-01-15", "15/1/2026", "1/2", "12-03", "1.5.2024", "10:30", "9:30 am", "23:59:59.5"],
  ...["1/2/26 4:05 PM", "15/1/2026 10:30", "16 June", "16-Jun-26", "June 2014", "January 15, 2024", "1 1/2", "0 3/4", "£5", " 42 "],
];

test("every text the double's Excel would turn into something else is caught by needsTextFormat, so it gets the @ format first", async () => {
  for (const locale of ["en-GB", "en-US"]) {
    const double = createExcelDouble({ sheets: [{ name: "Notes" }] }, { locale });
    // Excel.run flushes the queued write.
    await double.run(async (context: FakeRequestContext) => {
      context.workbook.worksheets.getItem("Notes").getRange(`A1:A${SAMPLES.length}`).values = SAMPLES.map((t) => [t]);
    });
    const notes = double.sheet("Notes");
    const changed = SAMPLES.filter((t, i) => notes.formula(`A${i + 1}`) !== null || notes.cell(`A${i + 1}`)?.value !== (t === "" ? null : t));
    expect(changed.length).toBeGreaterThan(35);
    expect(changed.filter((t) => !needsTextFormat(t))).toEqual([]);
  }
});

test("Office.js values become engine values", () => {
  expect(fromOfficeValue("")).toBeNull();
  expect(fromOfficeValue("#N/A")).toEqual({ error: "#N/A" });
  expect(fromOfficeValue("#DIV/0!")).toEqual({ error: "#DIV/0!" });
  expect(fromOfficeValue("#hashtag")).toBe("#hashtag");
  expect(fromOfficeValue(45000)).toBe(45000);
  expect(fromOfficeValue(false)).toBe(false);
});

test("addresses as Office.js returns them", () => {
  expect(parseOfficeAddress("Cases!B3:AF21")).toEqual({ sheet: "Cases", top: 2, left: 1, bottom: 20, right: 31 });
  expect(parseOfficeAddress("'Bob''s cases'!A1")).toEqual({ sheet: "Bob's cases", top: 0, left: 0, bottom: 0, right: 0 });
  expect(() => parseOfficeAddress("Cases!nonsense")).toThrow(RangeError);
});

test("widths: characters to points, equal neighbours grouped", () => {
  expect(charsToPoints(8.43)).toBe(48);
  expect(charsToPoints(10)).toBe(56.25);
  expect(widthRuns([7, 46, 10, 10, 0, 9])).toEqual([
    { address: "A1", chars: 7 },
    { address: "B1", chars: 46 },
    { address: "C1:D1", chars: 10 },
    { address: "F1", chars: 9 },
  ]);
});

test("row heights: consecutive equal heights grouped, capped at Excel's 409 points", () => {
  expect(heightRuns([{ row: 9, height: 45 }, { row: 4, height: 30 }, { row: 5, height: 30 }, { row: 6, height: 500 }, { row: 7, height: 0 }])).toEqual([
    { address: "5:6", points: 30 },
    { address: "7:7", points: 409 },
    { address: "10:10", points: 45 },
  ]);
});

function layout(cells: SheetLayout["cells"], extra: Partial<SheetLayout> = {}): SheetLayout {
  return {
    kind: "summary",
    name: "Summary",
    styles: { a: { bold: true }, b: { border: ["bottom"] } },
    cells,
    columnWidths: [],
    rowHeights: [],
    merges: [],
    freeze: null,
    conditionalFormats: [],
    print: { orientation: "portrait", fitToWidth: 1, fitToHeight: 0, repeatRows: null, footer: "" },
    chart: null,
    rowCount: 0,
    colCount: 0,
    marker: "",
    ...extra,
  };
}

test("bands: whole rows, text as @, formulas with =, split by size", () => {
  const cells: SheetLayout["cells"][number][] = [];
  for (let r = 0; r < 100; r++) {
    cells.push({ row: r, col: 0, kind: "text", text: "x".repeat(100) });
    cells.push({ row: r, col: 2, kind: "formula", formula: `A${r + 1}`, result: null });
  }
  const one = layoutBands(layout(cells), 1_000_000);
  expect(one).toHaveLength(1);
  expect(one[0]).toMatchObject({ address: "A1:C100", rows: 100 });
  expect(one[0]!.formulas[0]).toEqual(["x".repeat(100), "", "=A1"]);
  expect(one[0]!.numberFormat[0]).toEqual(["@", "General", "General"]);
  const many = layoutBands(layout(cells), 2_000);
  expect(many.length).toBeGreaterThan(5);
  expect(many.reduce((n, b) => n + b.rows, 0)).toBe(100);
  expect(many.every((b) => b.bytes <= 2_000)).toBe(true);
  expect(many[1]!.address).toBe(`A${many[0]!.rows + 1}:C${many[0]!.rows + many[1]!.rows}`);
});

test("style areas: runs along rows and down columns, merged areas whole, borders kept per row", () => {
  const cells: SheetLayout["cells"][number][] = [];
  for (let r = 0; r < 4; r++) for (let c = 0; c < 3; c++) cells.push({ row: r, col: c, kind: "text", text: "", style: "a" });
  for (let r = 5; r < 7; r++) for (let c = 0; c < 3; c++) cells.push({ row: r, col: c, kind: "text", text: "", style: "b" });
  cells.push({ row: 8, col: 0, kind: "text", text: "merged", style: "a" });
  const groups = styleGroups(layout(cells, { merges: [{ top: 8, left: 0, bottom: 8, right: 3 }] }));
  expect(groups.find((g) => g.name === "a")!.areas).toEqual(["A1:C4", "A9:D9"]);
  expect(groups.find((g) => g.name === "b")!.areas).toEqual(["A6:C6", "A7:C7"]);
});

test("style areas are single rectangles, never a list that depends on the regional list separator", () => {
  const cells: SheetLayout["cells"][number][] = [];
  for (let r = 0; r < 200; r += 2) cells.push({ row: r, col: 0, kind: "text", text: "", style: "a" });
  const areas = styleGroups(layout(cells))[0]!.areas;
  expect(areas).toHaveLength(100);
  expect(areas.every((a) => /^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(a))).toBe(true);
});

describe("planSheetNames", () => {
  const summary = { kind: "summary" as const, name: "Summary" };
  const strengths = { kind: "strengths" as const, name: "Strengths & improvements" };

  test("first build: wanted names, at the end", () => {
    const plan = planSheetNames([{ name: "Cases", kind: null, leftover: false }], [summary, strengths]);
    expect(plan).toMatchObject({ targets: ["Summary", "Strengths & improvements"], deletions: [], order: ["Summary", "Strengths & improvements", "Cases"], notices: [] });
  });

  test("rebuild: replaces in place, keeping a name the user gave", () => {
    const plan = planSheetNames(
      [
        { name: "Board summary", kind: "summary", leftover: false },
        { name: "Cases", kind: null, leftover: false },
        { name: "Strengths & improvements", kind: "strengths", leftover: false },
      ],
      [summary, strengths],
    );
    expect(plan).toMatchObject({ targets: ["Board summary", "Strengths & improvements"], deletions: ["Board summary", "Strengths & improvements"], order: ["Board summary", "Strengths & improvements", "Cases"] });
  });

  test("a user's sheet with the wanted name is kept and the new one is numbered, whatever the case", () => {
    const plan = planSheetNames(
      [
        { name: "SUMMARY", kind: null, leftover: false },
        { name: "Summary (2)", kind: null, leftover: false },
      ],
      [summary],
    );
    expect(plan.targets).toEqual(["Summary (3)"]);
    expect(plan.deletions).toEqual([]);
    expect(plan.notices).toHaveLength(1);
  });

  test("of two generated copies, the one with the wanted name is replaced; the other is left", () => {
    const plan = planSheetNames(
      [
        { name: "Summary (old)", kind: "summary", leftover: false },
        { name: "Summary", kind: "summary", leftover: false },
      ],
      [summary],
    );
    expect(plan.replaced).toEqual(["Summary"]);
    expect(plan.deletions).toEqual(["Summary"]);
  });

  test("leftovers of an interrupted build are deleted", () => {
    const plan = planSheetNames([{ name: "CIW build 1", kind: "summary", leftover: true }], [summary]);
    expect(plan.deletions).toEqual(["CIW build 1"]);
    expect(plan.targets).toEqual(["Summary"]);
  });

  test("temporary names avoid every existing name", () => {
    expect(chooseTempNames(["Cases", "ciw build 1"], 2)).toEqual(["CIW build 2", "CIW build 3"]);
    expect(GENERATED_MARKER_PREFIX.length).toBeGreaterThan(0);
  });
});
