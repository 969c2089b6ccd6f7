import {
  analyseWorkbook,
  BUILT_IN_FRAMEWORK,
  buildModerationSheet,
  buildReportLayouts,
  criterionHeader,
  generatedKindOf,
  MODERATION_EXTRA_HEADERS,
  MODERATION_HEADERS,
  readModerationSheet,
  resolveSheetReferences,
  sheetReference,
  type Analysis,
  type CellValue,
  type Grid,
  type SheetLayout,
  type WorkbookGrids,
} from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const criteria = BUILT_IN_FRAMEWORK.criteria;
const at = new Date(2026, 11, 1, 9, 0);

/** The sheet as a spreadsheet shows it before recalculating: text, numbers, formulas' cached values. */
function gridOf(layout: SheetLayout, edits: Record<string, CellValue> = {}): Grid {
  const rows: CellValue[][] = Array.from({ length: layout.rowCount }, () => Array<CellValue>(layout.colCount).fill(null));
  for (const c of layout.cells) rows[c.row]![c.col] = c.kind === "text" ? (c.text === "" ? null : c.text) : c.kind === "number" ? c.number : c.kind === "boolean" ? c.value : c.result;
  for (const [cell, v] of Object.entries(edits)) {
    const m = /^([A-Z])(\d+)$/.exec(cell)!;
    rows[Number(m[2]) - 1]![m[1]!.charCodeAt(0) - 65] = v;
  }
  return { sheet: layout.name, top: 0, left: 0, rows };
}

const col = (header: string): string => String.fromCharCode(65 + [...MODERATION_HEADERS, ...MODERATION_EXTRA_HEADERS].indexOf(header as never));

// 2.1 first markers: C01 Yes, C02 Yes, C03 No. R. Lead: C02 No, C03 Yes. Q. Second: C02 No.
// The grids are made in beforeEach (their headers come from the core), and the analyses below too,
// not at load time or in a describe body, so a mutation run's per-test coverage sees them.
const casesGrid = (): Grid => makeGrid([
  standardHeader(),
  validRow("C01", "Community", "Yes", { "2.1": "Yes" }),
  validRow("C02", "Community", "Yes", { "2.1": "Yes" }),
  validRow("C03", "Custody", "No", { "2.1": "No" }),
]);
const secondGrid = (): Grid => makeGrid(
  [
    ["Case ID", "Second marker", ...criteria.map(criterionHeader), "2 Notes"],
    ["C02", "R. Lead", ...criteria.map((c) => (c.id === "2.1" ? "No" : null)), "No risk plan on file."],
    ["C03", "R. Lead", ...criteria.map((c) => (c.id === "2.1" ? "Yes" : null)), null],
    ["C02", "Q. Second", ...criteria.map((c) => (c.id === "2.1" ? "No" : null)), null],
  ],
  { sheet: "Second marking", tableName: "SecondMarking" },
);
let cases: Grid;
let grids: WorkbookGrids;
beforeEach(() => {
  cases = casesGrid();
  grids = { cases, secondMarking: secondGrid() };
});

describe("the Moderation sheet", () => {
  let first: Analysis;
  let sheet: NonNullable<ReturnType<typeof buildModerationSheet>>;
  beforeEach(() => {
    first = analyseWorkbook(grids);
    sheet = buildModerationSheet(first, { generatedAt: at })!;
  });
  const rowOf = (g: Grid, id: string, marker: string): number => g.rows.findIndex((r) => r[0] === id && r[2] === marker) + 1;

  it("is a generated sheet listing every difference, with both judgements and notes", () => {
    expect(generatedKindOf(gridOf(sheet.layout).rows[1]![0])).toBe("moderation");
    const g = gridOf(sheet.layout);
    const header = g.rows.findIndex((r) => r[0] === "Case ID");
    expect(g.rows[header]).toEqual([...MODERATION_HEADERS, ...MODERATION_EXTRA_HEADERS]);
    const list = g.rows.slice(header + 1, header + 4).map((r) => r.slice(0, 10));
    expect(list).toEqual([
      ["C02", "2.1 Initial assessment of risk of harm to others", "R. Lead", "Yes", "No", null, "No risk plan on file.", null, null, "To moderate"],
      ["C03", "2.1 Initial assessment of risk of harm to others", "R. Lead", "No", "Yes", null, null, null, null, "To moderate"],
      ["C02", "2.1 Initial assessment of risk of harm to others", "Q. Second", "Yes", "No", null, null, null, null, "To moderate"],
    ]);
  });

  it("keeps what people type across rebuilds, and counts it", () => {
    const g = gridOf(sheet.layout);
    const typed = gridOf(sheet.layout, {
      [`${col("Moderated judgement")}${rowOf(g, "C02", "Q. Second")}`]: "No",
      [`${col("Reason")}${rowOf(g, "C02", "Q. Second")}`]: "Agreed at the moderation meeting.",
      [`${col("Reason")}${rowOf(g, "C03", "R. Lead")}`]: "Ask the case manager.",
    });
    const second = analyseWorkbook({ ...grids, moderation: typed });
    expect(second.criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 1, notMet: 2 });
    const rebuilt = gridOf(buildModerationSheet(second, { generatedAt: at })!.layout);
    expect(readModerationSheet(rebuilt).map((e) => [e.caseId, e.marker, e.judgement, e.reason])).toEqual([
      ["C03", "R. Lead", null, "Ask the case manager."],
      ["C02", "Q. Second", "No", "Agreed at the moderation meeting."],
    ]);
    // Built again from its own output: the same sheet (nothing lost, nothing added).
    const third = analyseWorkbook({ ...grids, moderation: rebuilt });
    expect(gridOf(buildModerationSheet(third, { generatedAt: at })!.layout).rows).toEqual(rebuilt.rows);
    expect(third.criteria).toEqual(second.criteria);
  });

  it("gives how each row changes the counts, on the first row of a case and criterion", () => {
    const g = gridOf(sheet.layout);
    const typed = gridOf(sheet.layout, { [`${col("Moderated judgement")}${rowOf(g, "C02", "Q. Second")}`]: "No" });
    const layout = buildModerationSheet(analyseWorkbook({ ...grids, moderation: typed }), { generatedAt: at })!.layout;
    const out = gridOf(layout);
    const change = (id: string, marker: string): CellValue[] => {
      const r = rowOf(out, id, marker) - 1;
      return [out.rows[r]![10] ?? null, out.rows[r]![11] ?? null];
    };
    // C02's moderated No (typed in its second row) counts on its first row: one Yes fewer, one No more.
    expect(change("C02", "R. Lead")).toEqual([-1, 1]);
    expect(change("C02", "Q. Second")).toEqual([0, 0]);
    expect(change("C03", "R. Lead")).toEqual([0, 0]);
    const formula = layout.cells.find((c) => c.row === rowOf(out, "C02", "R. Lead") - 1 && c.col === 10)!;
    expect(formula).toMatchObject({ kind: "formula" });
    // The first row's change reads the moderated judgement of both rows of C02 and 2.1.
    const rows = [rowOf(out, "C02", "R. Lead"), rowOf(out, "C02", "Q. Second")];
    for (const r of rows) expect(formula.kind === "formula" && formula.formula).toContain(`${col("Moderated judgement")}${r}`);
  });

  it("fingerprints its Moderated judgement column, as written, for the other sheets' banners (worked by hand)", () => {
    const g = gridOf(sheet.layout);
    expect(sheet.judgements.value).toBe(0);
    const typed = gridOf(sheet.layout, { [`${col("Moderated judgement")}${rowOf(g, "C02", "Q. Second")}`]: "No" });
    const rebuilt = buildModerationSheet(analyseWorkbook({ ...grids, moderation: typed }), { generatedAt: at })!;
    // The list: C02 R. Lead (1st), C03 R. Lead (2nd), C02 Q. Second (3rd) moderated No (code 2).
    expect(rebuilt.judgements.value).toBe(2 * 3);
    const { first, last } = rebuilt.list;
    expect(rebuilt.judgements.cell).toContain(`${sheetReference("moderation")}!$H$${first + 1}:$H$${last + 1}`);
    // The Strengths and Action plan banners and the Summary's facts line compare it; the Moderation sheet's own banner (A4) compares both markers' tables.
    const layouts = buildReportLayouts(analyseWorkbook({ ...grids, moderation: typed }), { generatedAt: at });
    const formulaAt = (kind: string, row: number): string => {
      const c = layouts.find((l) => l.kind === kind)!.cells.find((x) => x.row === row && x.col === 0);
      return c?.kind === "formula" ? c.formula : "";
    };
    for (const [kind, row] of [["strengths", 2], ["summary", 3]] as const) expect([kind, formulaAt(kind, row)]).toEqual([kind, expect.stringContaining(`${rebuilt.judgements.cell}=6`)]);
    expect(formulaAt("moderation", 3)).toMatch(/^IF\(AND\(SUMPRODUCT\(.*Cases!.*\)=\d+,SUMPRODUCT\(.*SecondMarking\[\[#Data\]\].*\)=\d+\),"","Judgements have changed since/);
    expect(formulaAt("moderation", 3)).not.toContain("$H$");
  });

  it("is one of the report's layouts only with second marking or moderated judgements", () => {
    expect(buildReportLayouts(first, { generatedAt: at }).map((l) => l.kind)).toEqual(["summary", "strengths", "moderation"]);
    expect(buildReportLayouts(analyseWorkbook({ cases }), { generatedAt: at }).map((l) => l.kind)).toEqual(["summary", "strengths"]);
  });

  it("says so when the markers agree on everything", () => {
    const agreeing = makeGrid([["Case ID", "Second marker", criterionHeader(criteria[0]!)], ["C01", "R. Lead", "Yes"]], { sheet: "Second marking" });
    const g = gridOf(buildModerationSheet(analyseWorkbook({ cases, secondMarking: agreeing }), { generatedAt: at })!.layout);
    expect(g.rows.some((r) => typeof r[0] === "string" && r[0].startsWith("No differences"))).toBe(true);
    expect(readModerationSheet(g)).toEqual([]);
  });
});

describe("the Summary and the Moderation sheet together", () => {
  let summary: SheetLayout | undefined;
  let moderation: SheetLayout | undefined;
  beforeEach(() => {
    [summary, , moderation] = buildReportLayouts(analyseWorkbook(grids), { generatedAt: at });
  });

  it("counts each criterion with its Moderation rows' count changes, naming the sheet as the writer will", () => {
    const row = summary!.cells.find((c) => c.kind === "text" && c.text === "2.1")!.row;
    const met = summary!.cells.find((c) => c.row === row && c.col === 3)!;
    expect(met.kind === "formula" && met.formula).toContain(`+SUMPRODUCT((LEFT(${sheetReference("moderation")}!$B$`);
    const [resolved] = resolveSheetReferences([summary!], (kind) => (kind === "moderation" ? "Moderation (2)" : null));
    const again = resolved!.cells.find((c) => c.row === row && c.col === 3)!;
    expect(again.kind === "formula" && again.formula).toMatch(/'Moderation \(2\)'!\$B\$\d+:\$B\$\d+,4\)="2\.1 "\)\*'Moderation \(2\)'!\$K\$\d+:\$K\$\d+\)$/);
    // The rows it reads are the Moderation list's.
    const list = gridOf(moderation!).rows.map((r, i) => [i + 1, r[0]]).filter(([, id]) => id === "C02" || id === "C03").map(([n]) => n as number);
    const [, first, last] = /\$B\$(\d+):\$B\$(\d+)/.exec(again.kind === "formula" ? again.formula : "")!.map(Number);
    expect(list.every((n) => n >= first! && n <= last!)).toBe(true);
    // A sheet not written this time is an error, not a guess.
    const [none] = resolveSheetReferences([summary!], () => null);
    expect(JSON.stringify(none!.cells)).toContain("#REF!");
  });

  it("says how many judgements were moderated", () => {
    // The facts line is a formula (it says its figures are as built once judgements change), shown as its cached text.
    const text = summary!.cells.flatMap((c) => (c.kind === "text" ? [c.text] : c.kind === "formula" && typeof c.result === "string" ? [c.result] : [])).join("\n");
    expect(text).toContain("Judgements moderated after second marking: 0 (0 counted differently from the first marker's; 3 still to moderate).");
  });
});
