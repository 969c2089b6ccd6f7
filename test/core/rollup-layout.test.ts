/**
 * The roll-up workbook's four sheets as layouts (src/core/layout/rollup-layout.ts): Services,
 * Criteria, Chart and Sources, cell by cell. Every address and figure here is worked out by hand
 * from the counts written in the test, following the README's "Rolling up several inspections"
 * (a row per service, then pooled, median, lowest and highest; the judgements behind the
 * percentages below the table in the same columns; percentages as live formulas over them; a
 * Chart table of live references to the Services sheet; Sources in the order given) and
 * test/cli/rollup.test.ts, which reads the same sheets from a written file. Every roll-up is made
 * inside its test (see the README's "Mutation testing").
 */
import {
  buildChartLayout,
  buildCriteriaLayout,
  buildRollupLayouts,
  buildServicesLayout,
  buildSourcesLayout,
  fromA1,
  rollUp,
  type Rollup,
  type RollupWorkbook,
  type SheetLayout,
} from "../../src/core";
import { DEFAULT_BANDS, rollupWorkbook } from "../helpers/rollup-workbook";

/** 1 December 2026 at 09:30, local time (the sheets show local time). */
const AT = (): { generatedAt: Date } => ({ generatedAt: new Date(2026, 11, 1, 9, 30) });
const WHEN = "1 December 2026 at 09:30";
const DATES = "1 March 2026 to 3 March 2026";

/** The cell at an A1 address, without its position; exactly one must be there. */
function cell(layout: SheetLayout, a1: string): Shown {
  const { row, col } = fromA1(a1);
  const hits = layout.cells.filter((c) => c.row === row && c.col === col);
  if (hits.length !== 1) throw new Error(`${layout.name}!${a1}: ${hits.length} cells`);
  return Object.fromEntries(Object.entries(hits[0]!).filter(([k]) => k !== "row" && k !== "col")) as Shown;
}
const has = (layout: SheetLayout, a1: string): boolean => {
  const { row, col } = fromA1(a1);
  return layout.cells.some((c) => c.row === row && c.col === col);
};
/** A cell as the tests compare it: its kind, content and style, without its position. */
type Shown = { readonly kind: string; readonly text?: string; readonly number?: number; readonly formula?: string; readonly result?: unknown; readonly style?: string };
const text = (t: string, style: string) => ({ kind: "text", text: t, style });
const num = (n: number, style: string) => ({ kind: "number", number: n, style });
const formula = (f: string, result: string | number | null, style: string) => ({ kind: "formula", formula: f, result, style });
/** A formula cell whose cached result is a fraction worked out by hand (floating point allowed). */
const near = (f: string, result: number, style: string) => ({ kind: "formula", formula: f, result: expect.closeTo(result, 12), style });
/** The number format of the style a cell is written in. */
const formatOf = (layout: SheetLayout, a1: string): string | undefined => layout.styles[cell(layout, a1).style!]?.numberFormat;
const merge = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });

/**
 * Two services, given south first: Northshire (20 cases) 1.1 8/10, 1.2 3/4, 2.1 5/10 — section 1
 * 11/14, section 2 5/10, overall 16/24; Southshire (15 cases, 2 errors, 1 warning, 3 cells left
 * out) 1.1 2/10, 1.2 0/0, 2.1 9/10 — section 1 2/10, section 2 9/10, overall 11/20. Pooled:
 * section 1 13/24, section 2 14/20, overall 27/44.
 */
function north(): RollupWorkbook {
  const w = rollupWorkbook("north.xlsx", "Northshire YOS", { "1.1": [8, 10], "1.2": [3, 4], "2.1": [5, 10] }, { source: { modifiedAt: "2026-11-20T14:05:09.123Z" } });
  return { ...w, sections: w.sections.map((s) => (s.number === "2" ? { ...s, band: "Improvement needed" as const } : s)) };
}
function south(): RollupWorkbook {
  const w = rollupWorkbook("south.xlsx", "Southshire YOS", { "1.1": [2, 10], "1.2": [0, 0], "2.1": [9, 10] }, { cases: 15, errors: 2, warnings: 1, excludedCells: 3, source: { readAt: "2026-12-01T09:00:05Z" } });
  return { ...w, sections: w.sections.map((s) => (s.number === "2" ? { ...s, band: "Strength" as const } : s)) };
}
const twoServices = (): Rollup => rollUp([south(), north()]);
/** The same two, with north given again under another name and a damaged file: two files left out. */
function withSkipped(): Rollup {
  const copy = { ...north(), source: { ...north().source, file: "north copy.xlsx" } };
  const damaged = { file: "damaged.xlsx", bytes: null, sha256: null, readAt: "2026-12-01T09:00:07.5Z", modifiedAt: null };
  return rollUp([south(), north(), copy], [{ source: damaged, reason: "The file is damaged: it is not a workbook." }]);
}

describe("the roll-up workbook", () => {
  test("four sheets in order: Services, Criteria, Chart, Sources, each of its kind", () => {
    const layouts = buildRollupLayouts(twoServices(), AT());
    expect(layouts.map((l) => [l.name, l.kind])).toEqual([
      ["Services", "rollup-services"],
      ["Criteria", "rollup-criteria"],
      ["Chart", "rollup-chart"],
      ["Sources", "rollup-sources"],
    ]);
  });
});

describe("Services", () => {
  let s: SheetLayout;
  beforeEach(() => {
    s = buildServicesLayout(twoServices(), AT());
  });

  test("title, marker (A2) and note, each merged across the table (A to M)", () => {
    expect(cell(s, "A1")).toEqual(text("Case inspections rolled up: 2 services", "title"));
    const marker = `Generated by Case Inspection Workbook (Roll-up: services) on ${WHEN}, from 2 services and 35 cases.`;
    expect(cell(s, "A2")).toEqual(text(marker, "marker"));
    expect(s.marker).toBe(marker);
    expect(cell(s, "A3")).toMatchObject({ kind: "text", text: expect.stringMatching(/^Each service's figures and bands are as its own workbook gives them\. Percentages are live formulas/), style: "marker" });
    expect(s.merges.slice(0, 3)).toEqual([merge(0, 0, 0, 12), merge(1, 0, 1, 12), merge(2, 0, 2, 12)]);
  });

  test("the facts: services, cases, workbooks with errors, cells left out, files left out, the pooled bands", () => {
    expect(["A5", "C5", "A6", "C6", "A7", "C7", "A8", "C8", "A9", "C9", "A10", "C10"].map((a) => cell(s, a))).toEqual([
      text("Services", "label"),
      num(2, "count"),
      text("Cases", "label"),
      num(35, "count"),
      text("Workbooks with errors", "label"),
      num(1, "count"),
      text("Cells left out for errors", "label"),
      num(3, "count"),
      text("Files left out", "label"),
      num(0, "count"),
      text("Pooled bands", "label"),
      text("strength at or above 80%, improvement needed at or below 65% (as every workbook's Settings say)", "value"),
    ]);
    // Each label over A:B; the bands' words over C to the last column.
    expect(s.merges).toEqual(expect.arrayContaining([merge(4, 0, 4, 1), merge(8, 0, 8, 1), merge(9, 0, 9, 1), merge(9, 2, 9, 12)]));
    expect(s.merges).not.toContainEqual(merge(4, 2, 4, 12));
    expect(has(s, "A11")).toBe(false); // no files left out: no note
  });

  test("two header rows: each section's title over its % met and Band, then Overall, errors, warnings, cells left out, file", () => {
    expect(["D12", "F12", "H12"].map((a) => cell(s, a))).toEqual([text("1 Section 1", "groupHeader"), text("2 Section 2", "groupHeader"), text("Overall", "groupHeader")]);
    expect(s.merges).toEqual(expect.arrayContaining([merge(11, 3, 11, 4), merge(11, 5, 11, 6), merge(11, 7, 11, 8)]));
    for (const a of ["A12", "B12", "C12", "J12", "K12", "L12", "M12"]) expect(cell(s, a)).toEqual(text("", "header"));
    const row13 = ["A13", "B13", "C13", "D13", "E13", "F13", "G13", "H13", "I13", "J13", "K13", "L13", "M13"].map((a) => cell(s, a));
    expect(row13).toEqual([
      text("Service", "header"),
      text("Inspection dates", "header"),
      text("Cases", "headerCentre"),
      text("% met", "headerCentre"),
      text("Band", "headerCentre"),
      text("% met", "headerCentre"),
      text("Band", "headerCentre"),
      text("% met", "headerCentre"),
      text("Band", "headerCentre"),
      text("Errors", "headerCentre"),
      text("Warnings", "headerCentre"),
      text("Cells left out", "headerCentre"),
      text("File", "header"),
    ]);
  });

  test("a row per service, by name: dates, cases, each % met a live formula over its judgements below, the band as its workbook gives it, errors, file", () => {
    const north14 = ["A14", "B14", "C14", "D14", "E14", "F14", "G14", "H14", "I14", "J14", "K14", "L14", "M14"].map((a) => cell(s, a));
    expect(north14).toEqual([
      text("Northshire YOS", "serviceName"),
      text(DATES, "text"),
      num(20, "count"),
      near('IF(N(D24)=0,"",E24/D24)', 11 / 14, "percent"),
      text("–", "band"),
      near('IF(N(F24)=0,"",G24/F24)', 0.5, "percent"),
      text("Improvement needed", "band"),
      near('IF(N(H24)=0,"",I24/H24)', 16 / 24, "percent"),
      text("–", "band"),
      num(0, "count"),
      num(0, "count"),
      num(0, "count"),
      text("north.xlsx", "text"),
    ]);
    const south15 = ["A15", "C15", "D15", "F15", "G15", "H15", "J15", "K15", "L15", "M15"].map((a) => cell(s, a));
    expect(south15).toEqual([
      text("Southshire YOS", "serviceName"),
      num(15, "count"),
      near('IF(N(D25)=0,"",E25/D25)', 0.2, "percent"),
      near('IF(N(F25)=0,"",G25/F25)', 0.9, "percent"),
      text("Strength", "band"),
      near('IF(N(H25)=0,"",I25/H25)', 0.55, "percent"),
      num(2, "count"),
      num(1, "count"),
      num(3, "count"),
      text("south.xlsx", "text"),
    ]);
    expect([formatOf(s, "C14"), formatOf(s, "D14"), formatOf(s, "J15")]).toEqual(["0", "0.0%", "0"]);
  });

  test("pooled, median, lowest and highest rows: live formulas over the services' rows", () => {
    expect(["A16", "B16", "C16", "D16", "E16", "F16", "G16", "H16", "I16", "J16", "K16", "L16", "M16"].map((a) => cell(s, a))).toEqual([
      text("All services, pooled", "total"),
      text("", "total"),
      formula("SUM(C14:C15)", 35, "totalCount"),
      near('IF(N(D26)=0,"",E26/D26)', 13 / 24, "totalPercent"),
      text("Improvement needed", "total"), // 54.2%: at or below 65%
      near('IF(N(F26)=0,"",G26/F26)', 0.7, "totalPercent"),
      text("–", "total"), // 70%: between the two thresholds
      near('IF(N(H26)=0,"",I26/H26)', 27 / 44, "totalPercent"),
      text("Improvement needed", "total"), // 61.4%
      formula("SUM(J14:J15)", 2, "totalCount"),
      formula("SUM(K14:K15)", 1, "totalCount"),
      formula("SUM(L14:L15)", 3, "totalCount"),
      text("", "total"),
    ]);
    expect([cell(s, "A17"), cell(s, "A18"), cell(s, "A19")]).toEqual([text("Median of the services", "label"), text("Lowest service", "label"), text("Highest service", "label")]);
    expect(["D17", "D18", "D19", "F17", "F18", "F19", "H17", "H18", "H19"].map((a) => cell(s, a))).toEqual([
      near('IF(COUNT(D14:D15)=0,"",MEDIAN(D14:D15))', (11 / 14 + 0.2) / 2, "percent"),
      near('IF(COUNT(D14:D15)=0,"",MIN(D14:D15))', 0.2, "percent"),
      near('IF(COUNT(D14:D15)=0,"",MAX(D14:D15))', 11 / 14, "percent"),
      near('IF(COUNT(F14:F15)=0,"",MEDIAN(F14:F15))', 0.7, "percent"),
      near('IF(COUNT(F14:F15)=0,"",MIN(F14:F15))', 0.5, "percent"),
      near('IF(COUNT(F14:F15)=0,"",MAX(F14:F15))', 0.9, "percent"),
      near('IF(COUNT(H14:H15)=0,"",MEDIAN(H14:H15))', (16 / 24 + 0.55) / 2, "percent"),
      near('IF(COUNT(H14:H15)=0,"",MIN(H14:H15))', 0.55, "percent"),
      near('IF(COUNT(H14:H15)=0,"",MAX(H14:H15))', 16 / 24, "percent"),
    ]);
    expect([formatOf(s, "C16"), formatOf(s, "D16"), formatOf(s, "D17")]).toEqual(["0", "0.0%", "0.0%"]);
  });

  test("below, the judgements behind the percentages: relevant under % met, met under Band, a row per service and a total", () => {
    expect(cell(s, "A21")).toEqual(text("Judgements behind the percentages", "heading"));
    expect(s.merges).toContainEqual(merge(20, 0, 20, 2));
    expect([cell(s, "A22"), cell(s, "D22"), cell(s, "H22")]).toEqual([text("", "countsHeader"), text("1 Section 1", "countsHeader"), text("Overall", "countsHeader")]);
    expect(s.merges).toContainEqual(merge(21, 3, 21, 4));
    expect(["A23", "B23", "C23", "D23", "E23", "H23", "I23"].map((a) => cell(s, a))).toEqual([
      text("Service", "countsHeader"),
      text("Inspection dates", "countsHeader"),
      text("", "countsHeader"),
      text("Relevant", "countsHeader"),
      text("Met", "countsHeader"),
      text("Relevant", "countsHeader"),
      text("Met", "countsHeader"),
    ]);
    const counts = (row: number) => ["D", "E", "F", "G", "H", "I"].map((c) => cell(s, `${c}${row}`));
    expect([cell(s, "A24"), cell(s, "B24"), cell(s, "A25")]).toEqual([text("Northshire YOS", "serviceName"), text(DATES, "text"), text("Southshire YOS", "serviceName")]);
    expect(counts(24)).toEqual([14, 11, 10, 5, 24, 16].map((n) => num(n, "smallCount")));
    expect(counts(25)).toEqual([10, 2, 10, 9, 20, 11].map((n) => num(n, "smallCount")));
    expect([cell(s, "A26"), cell(s, "B26"), cell(s, "C26")]).toEqual([text("All services", "total"), text("", "total"), text("", "total")]);
    expect(counts(26)).toEqual([
      formula("SUM(D24:D25)", 24, "totalCount"),
      formula("SUM(E24:E25)", 13, "totalCount"),
      formula("SUM(F24:F25)", 20, "totalCount"),
      formula("SUM(G24:G25)", 14, "totalCount"),
      formula("SUM(H24:H25)", 44, "totalCount"),
      formula("SUM(I24:I25)", 27, "totalCount"),
    ]);
    expect(formatOf(s, "D24")).toBe("0");
    expect(s.rowCount).toBe(26);
  });

  test("coloured like the Summary: band words where they stand, each % by the band beside it, the spread rows by the pooled bands", () => {
    const green = { fill: "C6EFCE", colour: "006100" };
    const red = { fill: "FFC7CE", colour: "9C0006" };
    const words: [string, object][] = [
      ["Strength", green],
      ["Outstanding", green],
      ["Good", { fill: "E2EFDA", colour: "375623" }],
      ["Requires improvement", { fill: "FFEB9C", colour: "9C5700" }],
      ["Improvement needed", red],
      ["Inadequate", red],
    ];
    const forFigure = (pct: string, band: string) => [
      ...words.flatMap(([w, style]) => [
        { kind: "text-equals", range: `${band}14:${band}16`, text: w, style },
        { kind: "expression", range: `${pct}14:${pct}16`, formula: `${band}14="${w}"`, style },
      ]),
      { kind: "expression", range: `${pct}17:${pct}19`, formula: `AND(ISNUMBER(${pct}17),100*${pct}17>=80-1E-9)`, style: green },
      { kind: "expression", range: `${pct}17:${pct}19`, formula: `AND(ISNUMBER(${pct}17),100*${pct}17<=65+1E-9)`, style: red },
    ];
    expect(s.conditionalFormats).toEqual([...forFigure("D", "E"), ...forFigure("F", "G"), ...forFigure("H", "I")]);
  });

  test("column widths, the header rows frozen with the service column, printed landscape one page wide, header rows repeated", () => {
    expect(s.columnWidths).toEqual([30, 28, 8, 9, 19, 9, 19, 9, 19, 8, 9, 9, 36]);
    expect(s.freeze).toEqual({ rows: 13, cols: 1 });
    expect(s.print).toEqual({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: { first: 11, last: 12 },
      footer: `Case inspections rolled up: 2 services, generated ${WHEN}`,
      pageBreaks: [],
    });
    expect(s.chart).toBeNull();
  });
});

describe("the roll-up's own styles", () => {
  test("section titles white on blue over their two columns; the counts grey; n/a pale italic; points, hashes, bytes and service names", () => {
    const styles = buildServicesLayout(twoServices(), AT()).styles;
    expect(styles.groupHeader).toEqual({ bold: true, colour: "FFFFFF", fill: "2E75B6", wrap: true, vertical: "middle", horizontal: "center", border: ["left", "bottom"], borderColour: "FFFFFF" });
    expect(styles.countsHeader).toEqual({ bold: true, colour: "595959", fill: "EDEDED", wrap: true, vertical: "middle", horizontal: "center", border: ["bottom"], borderColour: "A6A6A6" });
    expect(styles.smallCount).toEqual({ horizontal: "center", vertical: "top", numberFormat: "0", colour: "595959" });
    expect(styles.notInFramework).toEqual({ horizontal: "center", vertical: "top", italic: true, colour: "A6A6A6" });
    expect(styles.points).toEqual({ horizontal: "center", vertical: "top", numberFormat: '0.0" pts"' });
    expect(styles.hash).toEqual({ vertical: "top", size: 9 });
    expect(styles.bytes).toEqual({ horizontal: "right", vertical: "top", numberFormat: "#,##0" });
    expect(styles.serviceName).toEqual({ bold: true, vertical: "top", wrap: true });
    // The report's own styles come with them.
    expect(styles.percent?.numberFormat).toBe("0.0%");
  });
});

describe("Services with files left out, a section not in a service's framework, no relevant cases", () => {
  test("files left out: a note under the facts, and the table a row lower", () => {
    const s = buildServicesLayout(withSkipped(), AT());
    expect(cell(s, "C9")).toEqual(num(2, "count"));
    expect(cell(s, "A11")).toEqual(text("2 files left out of the roll-up: see the Sources sheet for each one and why.", "note"));
    expect(s.merges).toContainEqual(merge(10, 0, 10, 12));
    expect([cell(s, "D13"), cell(s, "D14"), cell(s, "A15")]).toEqual([text("1 Section 1", "groupHeader"), text("% met", "headerCentre"), text("Northshire YOS", "serviceName")]);
    expect(cell(s, "D15")).toEqual(near('IF(N(D25)=0,"",E25/D25)', 11 / 14, "percent"));
    expect(s.freeze).toEqual({ rows: 14, cols: 1 });
    expect(s.print.repeatRows).toEqual({ first: 12, last: 13 });
  });

  test("one file left out: said in the singular", () => {
    const r = rollUp([{ ...north(), cases: 1 }], [{ source: { file: "x.xlsx", bytes: 3, sha256: "abc", readAt: "2026-12-01T09:00:00Z", modifiedAt: null }, reason: "Not a workbook." }]);
    const s = buildServicesLayout(r, AT());
    expect(cell(s, "A1")).toEqual(text("Case inspections rolled up: 1 service", "title"));
    expect(s.marker).toBe(`Generated by Case Inspection Workbook (Roll-up: services) on ${WHEN}, from 1 service and 1 case.`);
    expect(cell(s, "A11")).toEqual(text("1 file left out of the roll-up: see the Sources sheet for each one and why.", "note"));
  });

  test("n/a where a section is not in a service's framework; a blank percentage where it has no relevant cases", () => {
    // Eastshire (1.1 4/5, 3.1 0/0) and Northshire: sections 1, 2 (Northshire only) and 3 (Eastshire only).
    const east = rollupWorkbook("east.xlsx", "Eastshire YOS", { "1.1": [4, 5], "3.1": [0, 0] });
    const s = buildServicesLayout(rollUp([north(), east]), AT());
    expect(["D12", "F12", "H12", "J12"].map((a) => cell(s, a))).toEqual(["1 Section 1", "2 Section 2", "3 Section 3", "Overall"].map((t) => text(t, "groupHeader")));
    // Eastshire first (by name), row 14; its judgements in row 24.
    expect(["A14", "D14", "F14", "G14", "H14", "I14"].map((a) => cell(s, a))).toEqual([
      text("Eastshire YOS", "serviceName"),
      near('IF(N(D24)=0,"",E24/D24)', 0.8, "percent"),
      text("n/a", "notInFramework"),
      text("", "band"),
      formula('IF(N(H24)=0,"",I24/H24)', "", "percent"),
      text("–", "band"),
    ]);
    expect(["F24", "H24", "I24"].map((a) => cell(s, a))).toEqual([text("n/a", "notInFramework"), num(0, "smallCount"), num(0, "smallCount")]);
    expect(has(s, "G24")).toBe(false);
    expect([cell(s, "H15"), cell(s, "H25")]).toEqual([text("n/a", "notInFramework"), text("n/a", "notInFramework")]);
    expect(s.styles.notInFramework).toMatchObject({ italic: true, colour: "A6A6A6" });
    // Section 3: nothing relevant anywhere, so the pooled, median, lowest and highest are blank.
    expect(["H16", "H17", "H18", "H19"].map((a) => cell(s, a).result)).toEqual(["", "", "", ""]);
    // Columns: three sections and overall, then errors (L), warnings, cells left out, file (O).
    expect([cell(s, "L13"), cell(s, "O13")]).toEqual([text("Errors", "headerCentre"), text("File", "header")]);
    expect(s.columnWidths).toEqual([30, 28, 8, 9, 19, 9, 19, 9, 19, 9, 19, 8, 9, 9, 36]);
  });

  test("a figure made by another rule (not met ÷ relevant) is written as its value, not a formula", () => {
    const w = rollupWorkbook("a.xlsx", "Alpha YOS", { "1.1": [2, 10] });
    const lowest = { ...w, sections: [{ ...w.sections[0]!, percent: 15 }] };
    const s = buildServicesLayout(rollUp([lowest]), AT());
    expect(cell(s, "D14")).toEqual(num(0.15, "percent"));
    // One service: pooled in row 15, the spread in 16–18, the judgements from row 23.
    expect(cell(s, "F14")).toEqual(near('IF(N(F23)=0,"",G23/F23)', 0.2, "percent"));
    expect([cell(s, "D23"), cell(s, "E23")]).toEqual([num(10, "smallCount"), num(2, "smallCount")]);
  });

  test("no services: sums are 0, and nothing is coloured by band", () => {
    const s = buildServicesLayout(rollUp([]), AT());
    expect(cell(s, "A1")).toEqual(text("Case inspections rolled up: 0 services", "title"));
    // Only Overall; the pooled row comes straight after the headers (row 14).
    expect(cell(s, "A14")).toEqual(text("All services, pooled", "total"));
    expect(cell(s, "C14")).toEqual(formula("0", 0, "totalCount"));
    // The spread rows over one cell, never a reversed range (D14:D13).
    expect(cell(s, "D15")).toEqual(formula('IF(COUNT(D14:D14)=0,"",MEDIAN(D14:D14))', "", "percent"));
    expect(s.conditionalFormats.map((f) => f.kind)).toEqual(["expression", "expression"]);
  });

  test("HMI Probation 2018 bands: four colours on the spread rows, and the sheet says so", () => {
    const hmip = { ...DEFAULT_BANDS, ratingScheme: "hmip-2018" as const };
    const r = rollUp([{ ...north(), bands: hmip }, { ...south(), bands: hmip }]);
    const s = buildServicesLayout(r, AT());
    expect(cell(s, "C10")).toEqual(text("HMI Probation 2018: 80%+ Outstanding, 65–79% Good, 50–64% Requires improvement, below 50% Inadequate (as every workbook's Settings say)", "value"));
    expect(s.conditionalFormats.filter((f) => f.range === "D17:D19")).toEqual([
      { kind: "expression", range: "D17:D19", formula: "AND(ISNUMBER(D17),100*D17>=80)", style: { fill: "C6EFCE", colour: "006100" } },
      { kind: "expression", range: "D17:D19", formula: "AND(ISNUMBER(D17),AND(100*D17>=65,100*D17<80))", style: { fill: "E2EFDA", colour: "375623" } },
      { kind: "expression", range: "D17:D19", formula: "AND(ISNUMBER(D17),AND(100*D17>=50,100*D17<65))", style: { fill: "FFEB9C", colour: "9C5700" } },
      { kind: "expression", range: "D17:D19", formula: "AND(ISNUMBER(D17),100*D17<50)", style: { fill: "FFC7CE", colour: "9C0006" } },
    ]);
  });

  test("workbooks whose thresholds differ: the defaults, and the sheet says the Settings differ", () => {
    const own = { ...DEFAULT_BANDS, strengthThreshold: 75, improvementThreshold: 60 };
    const s = buildServicesLayout(rollUp([{ ...north(), bands: own }, south()]), AT());
    expect(cell(s, "C10")).toEqual(text("strength at or above 80%, improvement needed at or below 65% (the defaults: the workbooks' Settings differ)", "value"));
    const agreed = buildServicesLayout(rollUp([{ ...north(), bands: own }, { ...south(), bands: own }]), AT());
    expect(cell(agreed, "C10").text).toBe("strength at or above 75%, improvement needed at or below 60% (as every workbook's Settings say)");
    expect(agreed.conditionalFormats.filter((f) => f.range === "D17:D19").map((f) => (f.kind === "expression" ? f.formula : ""))).toEqual([
      "AND(ISNUMBER(D17),100*D17>=75-1E-9)",
      "AND(ISNUMBER(D17),100*D17<=60+1E-9)",
    ]);
  });
});

describe("Criteria", () => {
  let c: SheetLayout;
  beforeEach(() => {
    c = buildCriteriaLayout(twoServices(), AT());
  });

  test("title, marker, notes and the pooled bands, merged across the table (A to L)", () => {
    expect(cell(c, "A1")).toEqual(text("Criteria across 2 services", "title"));
    const marker = `Generated by Case Inspection Workbook (Roll-up: criteria) on ${WHEN}, from 2 services and 44 judgements.`;
    expect([cell(c, "A2"), c.marker]).toEqual([text(marker, "marker"), marker]);
    expect(cell(c, "A3")).toMatchObject({ text: expect.stringMatching(/^Each service's percentage met is a live formula over the judgements listed below \(n\/a: not in that service's framework; blank: no relevant cases\)\./), style: "marker" });
    expect(cell(c, "A4")).toEqual(
      text("Pooled bands: strength at or above 80%, improvement needed at or below 65% (as every workbook's Settings say). A service stands apart when its 95% interval and the other services' do not overlap.", "marker"),
    );
    expect(c.merges.slice(0, 4)).toEqual([merge(0, 0, 0, 11), merge(1, 0, 1, 11), merge(2, 0, 2, 11), merge(3, 0, 3, 11)]);
  });

  test("the header: ID, Criterion, a column per service, pooled % met and band, median, lowest, highest, range, services judged, reading", () => {
    const row6 = "ABCDEFGHIJKL".split("").map((col) => cell(c, `${col}6`));
    expect(row6).toEqual([
      text("ID", "header"),
      text("Criterion", "header"),
      text("Northshire YOS", "headerCentre"),
      text("Southshire YOS", "headerCentre"),
      text("Pooled % met", "headerCentre"),
      text("Pooled band", "headerCentre"),
      text("Median", "headerCentre"),
      text("Lowest", "headerCentre"),
      text("Highest", "headerCentre"),
      text("Range", "headerCentre"),
      text("Services judged", "headerCentre"),
      text("Reading", "header"),
    ]);
  });

  test("a section heading before each section's criteria, merged across", () => {
    expect([cell(c, "A7"), cell(c, "A8"), cell(c, "A9"), cell(c, "A10"), cell(c, "A11")]).toEqual([
      text("1  Section 1", "section"),
      text("1.1", "id"),
      text("1.2", "id"),
      text("2  Section 2", "section"),
      text("2.1", "id"),
    ]);
    expect(c.merges).toEqual(expect.arrayContaining([merge(6, 0, 6, 11), merge(9, 0, 9, 11)]));
    expect(cell(c, "B8")).toEqual(text("Criterion 1.1", "text"));
  });

  test("1.1: each service's % a live formula over met ÷ relevant below; pooled, band, median, lowest, highest, range in points, services judged, reading", () => {
    expect("CDEFGHIJKL".split("").map((col) => cell(c, `${col}8`))).toEqual([
      near('IF(N(C21)=0,"",C15/C21)', 0.8, "percent"),
      near('IF(N(D21)=0,"",D15/D21)', 0.2, "percent"),
      near('IF(N(E21)=0,"",E15/E21)', 0.5, "percent"),
      text("Improvement needed", "band"),
      near('IF(COUNT(C8:D8)=0,"",MEDIAN(C8:D8))', 0.5, "percent"),
      near('IF(COUNT(C8:D8)=0,"",MIN(C8:D8))', 0.2, "percent"),
      near('IF(COUNT(C8:D8)=0,"",MAX(C8:D8))', 0.8, "percent"),
      near('IF(COUNT(C8:D8)=0,"",100*(MAX(C8:D8)-MIN(C8:D8)))', 60, "points"),
      formula("COUNT(C8:D8)", 2, "count"),
      text("Judged in fewer than three services", "text"),
    ]);
    expect([formatOf(c, "C8"), formatOf(c, "J8"), formatOf(c, "K8")]).toEqual(["0.0%", '0.0" pts"', "0"]);
  });

  test("1.2, with no relevant cases at Southshire: its percentage blank, the spread of the one service judged", () => {
    expect("CDEFGHIJK".split("").map((col) => cell(c, `${col}9`))).toEqual([
      near('IF(N(C22)=0,"",C16/C22)', 0.75, "percent"),
      formula('IF(N(D22)=0,"",D16/D22)', "", "percent"),
      near('IF(N(E22)=0,"",E16/E22)', 0.75, "percent"),
      text("–", "band"),
      near('IF(COUNT(C9:D9)=0,"",MEDIAN(C9:D9))', 0.75, "percent"),
      near('IF(COUNT(C9:D9)=0,"",MIN(C9:D9))', 0.75, "percent"),
      near('IF(COUNT(C9:D9)=0,"",MAX(C9:D9))', 0.75, "percent"),
      formula('IF(COUNT(C9:D9)=0,"",100*(MAX(C9:D9)-MIN(C9:D9)))', 0, "points"),
      formula("COUNT(C9:D9)", 1, "count"),
    ]);
    expect(["C11", "D11", "E11", "J11"].map((a) => cell(c, a))).toEqual([
      near('IF(N(C23)=0,"",C17/C23)', 0.5, "percent"),
      near('IF(N(D23)=0,"",D17/D23)', 0.9, "percent"),
      near('IF(N(E23)=0,"",E17/E23)', 0.7, "percent"),
      near('IF(COUNT(C11:D11)=0,"",100*(MAX(C11:D11)-MIN(C11:D11)))', 40, "points"),
    ]);
  });

  test("below: the judgements met, then relevant, a row per criterion in the same columns, pooled as a sum", () => {
    expect([cell(c, "A13"), cell(c, "A19")]).toEqual([text("Judgements behind the percentages: met", "heading"), text("Judgements behind the percentages: relevant", "heading")]);
    expect(c.merges).toEqual(expect.arrayContaining([merge(12, 0, 12, 1), merge(18, 0, 18, 1)]));
    for (const row of [14, 20]) {
      expect("ABCDE".split("").map((col) => cell(c, `${col}${row}`))).toEqual([
        text("ID", "header"),
        text("Criterion", "header"),
        text("Northshire YOS", "headerCentre"),
        text("Southshire YOS", "headerCentre"),
        text("Pooled", "headerCentre"),
      ]);
      expect(has(c, `F${row}`)).toBe(false);
    }
    const block = (rows: number[]) => rows.map((r) => "ABCDE".split("").map((col) => cell(c, `${col}${r}`)));
    expect(block([15, 16, 17])).toEqual([
      [text("1.1", "id"), text("Criterion 1.1", "text"), num(8, "smallCount"), num(2, "smallCount"), formula("SUM(C15:D15)", 10, "totalCount")],
      [text("1.2", "id"), text("Criterion 1.2", "text"), num(3, "smallCount"), num(0, "smallCount"), formula("SUM(C16:D16)", 3, "totalCount")],
      [text("2.1", "id"), text("Criterion 2.1", "text"), num(5, "smallCount"), num(9, "smallCount"), formula("SUM(C17:D17)", 14, "totalCount")],
    ]);
    expect(block([21, 22, 23])).toEqual([
      [text("1.1", "id"), text("Criterion 1.1", "text"), num(10, "smallCount"), num(10, "smallCount"), formula("SUM(C21:D21)", 20, "totalCount")],
      [text("1.2", "id"), text("Criterion 1.2", "text"), num(4, "smallCount"), num(0, "smallCount"), formula("SUM(C22:D22)", 4, "totalCount")],
      [text("2.1", "id"), text("Criterion 2.1", "text"), num(5 + 5, "smallCount"), num(10, "smallCount"), formula("SUM(C23:D23)", 20, "totalCount")],
    ]);
    expect(c.rowCount).toBe(23);
  });

  test("colours: the services', pooled and spread percentages by the pooled bands; the band words where they stand", () => {
    const green = { fill: "C6EFCE", colour: "006100" };
    const red = { fill: "FFC7CE", colour: "9C0006" };
    const two = (range: string, top: string) => [
      { kind: "expression", range, formula: `AND(ISNUMBER(${top}),100*${top}>=80-1E-9)`, style: green },
      { kind: "expression", range, formula: `AND(ISNUMBER(${top}),100*${top}<=65+1E-9)`, style: red },
    ];
    expect(c.conditionalFormats).toEqual([
      ...two("C8:D11", "C8"),
      ...two("E8:E11", "E8"),
      ...two("G8:I11", "G8"),
      ...["Strength", "Outstanding", "Good", "Requires improvement", "Improvement needed", "Inadequate"].map((t) => ({ kind: "text-equals", range: "F8:F11", text: t, style: expect.any(Object) })),
    ]);
  });

  test("column widths (12 a service), ID and criterion frozen with the header, the header repeated on each page", () => {
    expect(c.columnWidths).toEqual([7, 46, 12, 12, 10, 19, 9, 9, 9, 9, 9, 48]);
    expect(c.freeze).toEqual({ rows: 6, cols: 2 });
    expect(c.print).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 5, last: 5 }, footer: `Criteria across 2 services, generated ${WHEN}`, pageBreaks: [] });
    expect(c.chart).toBeNull();
  });
});

describe("Criteria: what cannot be compared, and a criterion whose section no service has", () => {
  test("no criteria at all: the header, the two empty blocks, nothing coloured", () => {
    const c = buildCriteriaLayout(rollUp([rollupWorkbook("a.xlsx", "Alpha YOS", {})]), AT());
    expect(c.marker).toBe(`Generated by Case Inspection Workbook (Roll-up: criteria) on ${WHEN}, from 1 service and 0 judgements.`);
    expect([cell(c, "A8"), cell(c, "A11")]).toEqual([text("Judgements behind the percentages: met", "heading"), text("Judgements behind the percentages: relevant", "heading")]);
    expect(c.conditionalFormats).toEqual([]);
  });

  test("listed under the table, each ID with its one line; n/a in the columns of services without it", () => {
    const east = rollupWorkbook("east.xlsx", "Eastshire YOS", { "1.1": [4, 5], "3.1": [0, 0] });
    const c = buildCriteriaLayout(rollUp([north(), east]), AT());
    // Rows: 7 section 1, 8 1.1, 9 1.2, 10 section 2, 11 2.1, 12 section 3, 13 3.1; a blank row; 15 heading.
    expect([cell(c, "A12"), cell(c, "A13")]).toEqual([text("3  Section 3", "section"), text("3.1", "id")]);
    expect(cell(c, "A15")).toEqual(text("Not compared across every service", "heading"));
    expect(c.merges).toEqual(expect.arrayContaining([merge(14, 0, 14, 1), merge(15, 0, 15, 11)]));
    expect(cell(c, "A16")).toEqual(
      text("Criteria and sections are matched by ID and title, never by position. These are not in every service's framework, or are worded differently:", "note"),
    );
    expect([cell(c, "A17"), cell(c, "B17")]).toEqual([text("2", "id"), text('Section 2 "Section 2" is only in Northshire YOS; not in Eastshire YOS.', "text")]);
    expect([cell(c, "A21"), cell(c, "B21")]).toEqual([text("3.1", "id"), text('Criterion 3.1 "Criterion 3.1" is only in Eastshire YOS; not in Northshire YOS.', "text")]);
    // Each message over B to H: at least six columns (two services).
    expect(c.merges).toEqual(expect.arrayContaining([16, 17, 18, 19, 20].map((r) => merge(r, 1, r, 7))));
    expect(has(c, "A22")).toBe(false);
    // Then the met block: heading 23, header 24, 1.1 at 25 … 3.1 at 28; a blank row; relevant: heading 30, header 31, 32 … 35.
    expect([cell(c, "A23"), cell(c, "A30"), cell(c, "A28"), cell(c, "A35")]).toEqual([
      text("Judgements behind the percentages: met", "heading"),
      text("Judgements behind the percentages: relevant", "heading"),
      text("3.1", "id"),
      text("3.1", "id"),
    ]);
    // 1.2 is only Northshire's (column D): n/a for Eastshire (C) in the row and both blocks.
    expect([cell(c, "C9"), cell(c, "C26"), cell(c, "C33")]).toEqual([text("n/a", "notInFramework"), text("n/a", "notInFramework"), text("n/a", "notInFramework")]);
    expect(cell(c, "D9")).toEqual(near('IF(N(D33)=0,"",D26/D33)', 0.75, "percent"));
    expect(cell(c, "L13")).toEqual(text("No relevant cases in any service", "text"));
  });

  test("a criterion whose section has no title anywhere is headed by its number", () => {
    const w = rollupWorkbook("a.xlsx", "Alpha YOS", { "1.1": [1, 2], "4.1": [2, 2] });
    const c = buildCriteriaLayout(rollUp([{ ...w, sections: w.sections.filter((x) => x.number !== "4") }]), AT());
    expect([cell(c, "A7"), cell(c, "A8"), cell(c, "A9"), cell(c, "A10")]).toEqual([text("1  Section 1", "section"), text("1.1", "id"), text("Section 4", "section"), text("4.1", "id")]);
    // One service: ID, Criterion, it, then pooled in D … reading in K.
    expect(cell(c, "K6")).toEqual(text("Reading", "header"));
    expect(c.columnWidths).toEqual([7, 46, 12, 10, 19, 9, 9, 9, 9, 9, 48]);
    expect(c.marker).toBe(`Generated by Case Inspection Workbook (Roll-up: criteria) on ${WHEN}, from 1 service and 4 judgements.`);
  });

  test("outliers read as the service that stands apart; strong everywhere", () => {
    const three = [
      rollupWorkbook("a.xlsx", "Alpha YOS", { "1.1": [19, 20], "1.2": [10, 10] }),
      rollupWorkbook("b.xlsx", "Beta YOS", { "1.1": [19, 20], "1.2": [10, 10] }),
      rollupWorkbook("c.xlsx", "Gamma YOS", { "1.1": [1, 20], "1.2": [10, 10] }),
    ];
    const c = buildCriteriaLayout(rollUp(three), AT());
    // Three services (C–E): pooled in F … the reading in M.
    expect(cell(c, "M8")).toEqual(text("Stands apart: Gamma YOS low (5.0%; the others 95.0%)", "text"));
    expect(cell(c, "M9")).toEqual(text("Strong everywhere: every service at or above 80%", "text"));
  });
});

describe("Chart", () => {
  let ch: SheetLayout;
  beforeEach(() => {
    ch = buildChartLayout(twoServices(), AT());
  });

  test("title, marker and note merged over eight columns; the table's header below the chart", () => {
    expect(cell(ch, "A1")).toEqual(text("Section scores across 2 services", "title"));
    const marker = `Generated by Case Inspection Workbook (Roll-up: chart) on ${WHEN}, from 2 services.`;
    expect([cell(ch, "A2"), ch.marker]).toEqual([text(marker, "marker"), marker]);
    expect(cell(ch, "A3")).toEqual(
      text("Each bar: a service's % met in a section, from the table below (live from the Services sheet). No bar: no relevant cases, or not in its framework.", "marker"),
    );
    expect(ch.merges).toEqual([merge(0, 0, 0, 7), merge(1, 0, 1, 7), merge(2, 0, 2, 7)]);
    expect(["A22", "B22", "C22", "D22"].map((a) => cell(ch, a))).toEqual([text("Service", "header"), text("1 Section 1", "headerCentre"), text("2 Section 2", "headerCentre"), text("Overall", "headerCentre")]);
  });

  test("a row per service: live references to its percentages on the Services sheet, blank when not a number", () => {
    const ref = (a: string) => `IF(ISNUMBER('Services'!${a}),'Services'!${a},"")`;
    expect(["A23", "B23", "C23", "D23", "A24", "B24", "C24", "D24"].map((a) => cell(ch, a))).toEqual([
      text("Northshire YOS", "serviceName"),
      near(ref("D14"), 11 / 14, "percent"),
      near(ref("F14"), 0.5, "percent"),
      near(ref("H14"), 16 / 24, "percent"),
      text("Southshire YOS", "serviceName"),
      near(ref("D15"), 0.2, "percent"),
      near(ref("F15"), 0.9, "percent"),
      near(ref("H15"), 0.55, "percent"),
    ]);
    expect(ch.rowCount).toBe(24);
  });

  test("the chart: services along the bottom, a series per section (not the overall), in Office's colours, 0–100%", () => {
    expect(ch.chart).toEqual({
      title: "Section scores across services (% met)",
      categories: "A23:A24",
      values: "B23:B24",
      seriesName: "1 Section 1",
      cachedCategories: ["Northshire YOS", "Southshire YOS"],
      cachedValues: [expect.closeTo(11 / 14, 12), expect.closeTo(0.2, 12)],
      colour: "4472C4",
      moreSeries: [{ name: "2 Section 2", values: "C23:C24", cachedValues: [expect.closeTo(0.5, 12), expect.closeTo(0.9, 12)], colour: "ED7D31" }],
      valueFormat: "0.0%",
      axisFormat: "0%",
      valueMax: 1,
      anchor: { row: 4, col: 0 },
      widthCols: 8,
      heightRows: 16,
    });
  });

  test("colours by the pooled bands, column by column; widths; no frozen panes; landscape", () => {
    expect(ch.conditionalFormats.map((f) => [f.range, f.kind === "expression" ? f.formula : ""])).toEqual([
      ["B23:B24", "AND(ISNUMBER(B23),100*B23>=80-1E-9)"],
      ["B23:B24", "AND(ISNUMBER(B23),100*B23<=65+1E-9)"],
      ["C23:C24", "AND(ISNUMBER(C23),100*C23>=80-1E-9)"],
      ["C23:C24", "AND(ISNUMBER(C23),100*C23<=65+1E-9)"],
      ["D23:D24", "AND(ISNUMBER(D23),100*D23>=80-1E-9)"],
      ["D23:D24", "AND(ISNUMBER(D23),100*D23<=65+1E-9)"],
    ]);
    expect(ch.columnWidths).toEqual([34, 13, 13, 13, 13, 13, 13, 13]);
    expect(ch.freeze).toBeNull();
    expect(ch.print).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: null, footer: `Section scores across 2 services, generated ${WHEN}`, pageBreaks: [] });
  });
});

describe("Chart: other shapes", () => {
  test("with files left out, its references follow the Services table a row lower", () => {
    const ch = buildChartLayout(withSkipped(), AT());
    expect(cell(ch, "B23")).toEqual(near(`IF(ISNUMBER('Services'!D15),'Services'!D15,"")`, 11 / 14, "percent"));
    expect(cell(ch, "D24")).toEqual(near(`IF(ISNUMBER('Services'!H16),'Services'!H16,"")`, 0.55, "percent"));
  });

  test("a section not in a service's framework or without relevant cases: a blank cell and no bar", () => {
    const east = rollupWorkbook("east.xlsx", "Eastshire YOS", { "1.1": [4, 5], "3.1": [0, 0] });
    const ch = buildChartLayout(rollUp([north(), east]), AT());
    // Eastshire first: section 2 not in its framework, section 3 with nothing relevant.
    expect([cell(ch, "C23"), cell(ch, "D23")]).toEqual([
      formula(`IF(ISNUMBER('Services'!F14),'Services'!F14,"")`, "", "percent"),
      formula(`IF(ISNUMBER('Services'!H14),'Services'!H14,"")`, "", "percent"),
    ]);
    expect(ch.chart!.moreSeries!.map((x) => [x.name, x.values, x.cachedValues])).toEqual([
      ["2 Section 2", "C23:C24", [null, 0.5]],
      ["3 Section 3", "D23:D24", [null, null]],
    ]);
    expect(ch.chart!.cachedValues).toEqual([0.8, expect.closeTo(11 / 14, 12)]);
  });

  test("no chart without sections or without services", () => {
    expect(buildChartLayout(rollUp([rollupWorkbook("a.xlsx", "Alpha YOS", {})]), AT()).chart).toBeNull();
    const none = buildChartLayout(rollUp([]), AT());
    expect(none.chart).toBeNull();
    expect(cell(none, "A1")).toEqual(text("Section scores across 0 services", "title"));
    expect(none.conditionalFormats).toEqual([]);
  });

  test("eleven sections: the colours start again after ten; the chart as wide as the table", () => {
    const counts = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`${i + 1}.1`, [1, 2] as const]));
    const ch = buildChartLayout(rollUp([rollupWorkbook("a.xlsx", "Alpha YOS", counts)]), AT());
    expect([ch.chart!.colour, ...ch.chart!.moreSeries!.map((x) => x.colour)]).toEqual([
      "4472C4",
      "ED7D31",
      "A5A5A5",
      "FFC000",
      "5B9BD5",
      "70AD47",
      "264478",
      "9E480E",
      "636363",
      "997300",
      "4472C4",
    ]);
    expect(ch.chart!.moreSeries!.map((x) => x.values).slice(-1)).toEqual(["L23:L23"]);
    // Twelve columns of figures (eleven sections and Overall) and the service column: 13 wide.
    expect(ch.chart!.widthCols).toBe(13);
    expect(ch.columnWidths).toHaveLength(13);
    expect(ch.merges[0]).toEqual(merge(0, 0, 0, 12));
  });

  test("many services: about 0.3 cm a bar, a 13-character column 2.5 cm; at most 60 columns", () => {
    const services = (n: number) =>
      Array.from({ length: n }, (_, i) => rollupWorkbook(`s${i}.xlsx`, `Service ${String(i).padStart(3, "0")}`, { "1.1": [1, 2], "2.1": [1, 2] }, { inspectionStart: `2026-03-${String((i % 28) + 1).padStart(2, "0")}` }));
    // 17 services × 3 bars × 0.3 cm = 15.3 cm: 6.12 columns, so 7, and 2 more: 9.
    const ch17 = buildChartLayout(rollUp(services(17)), AT());
    expect(ch17.chart!.widthCols).toBe(9);
    expect(ch17.columnWidths).toHaveLength(9);
    // 16 services: 14.4 cm, 5.76 columns: 6 and 2, 8 (the least).
    expect(buildChartLayout(rollUp(services(16)), AT()).chart!.widthCols).toBe(8);
    // 300 services: 108 columns and 2, capped at 60.
    const ch300 = buildChartLayout(rollUp(services(300)), AT());
    expect(ch300.chart!.widthCols).toBe(60);
    expect(ch300.columnWidths).toHaveLength(60);
  });
});

describe("Sources", () => {
  test("every file in the order given: name, size, SHA-256, last modified and read at (UTC), service, dates and what became of it", () => {
    const src = buildSourcesLayout(twoServices(), AT());
    expect(cell(src, "A1")).toEqual(text("Where the figures come from", "title"));
    const marker = `Generated by Case Inspection Workbook (Roll-up: sources) on ${WHEN}, from 2 files.`;
    expect([cell(src, "A2"), src.marker]).toEqual([text(marker, "marker"), marker]);
    expect(cell(src, "A3")).toEqual(
      text("Every file given, in the order given. The SHA-256 identifies a file's exact contents: compute it again to check that a file is the one rolled up.", "marker"),
    );
    expect(src.merges).toEqual([merge(0, 0, 0, 7), merge(1, 0, 1, 7), merge(2, 0, 2, 7)]);
    expect("ABCDEFGH".split("").map((col) => cell(src, `${col}5`))).toEqual([
      text("File", "header"),
      text("Size (bytes)", "headerCentre"),
      text("SHA-256", "header"),
      text("Last modified (UTC)", "header"),
      text("Read at (UTC)", "header"),
      text("Service", "header"),
      text("Inspection dates", "header"),
      text("What became of it", "header"),
    ]);
    // South was given first.
    expect("ABCDEFGH".split("").map((col) => cell(src, `${col}6`))).toEqual([
      text("south.xlsx", "text"),
      num(1000, "bytes"),
      text("sha-of-south.xlsx", "hash"),
      text("", "id"),
      text("2026-12-01 09:00:05", "id"),
      text("Southshire YOS", "text"),
      text(DATES, "text"),
      text("Counted, with 2 errors: 3 cells left out of the counts.", "text"),
    ]);
    expect("ADEFH".split("").map((col) => cell(src, `${col}7`))).toEqual([
      text("north.xlsx", "text"),
      text("2026-11-20 14:05:09", "id"),
      text("2026-12-01 09:00:00", "id"),
      text("Northshire YOS", "text"),
      text("Counted.", "text"),
    ]);
    expect([formatOf(src, "B6"), src.styles.hash?.size]).toEqual(["#,##0", 9]);
    expect(src.rowCount).toBe(7);
    expect(src.columnWidths).toEqual([36, 12, 68, 20, 20, 28, 24, 60]);
    expect(src.freeze).toEqual({ rows: 5, cols: 1 });
    expect(src.print).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 4, last: 4 }, footer: `Sources of the roll-up, generated ${WHEN}`, pageBreaks: [] });
    expect(src.chart).toBeNull();
  });

  test("files left out: the copy not counted again and the damaged file, with why; no size or service where there is none", () => {
    const src = buildSourcesLayout(withSkipped(), AT());
    expect(src.marker).toBe(`Generated by Case Inspection Workbook (Roll-up: sources) on ${WHEN}, from 4 files.`);
    expect(["A6", "A7", "A8", "A9"].map((a) => cell(src, a).text)).toEqual(["south.xlsx", "north.xlsx", "north copy.xlsx", "damaged.xlsx"]);
    // The copy: read, but not a service of the roll-up.
    expect(cell(src, "B8")).toEqual(num(1000, "bytes"));
    expect([has(src, "F8"), has(src, "G8")]).toEqual([false, false]);
    expect(cell(src, "H8")).toMatchObject({ text: expect.stringMatching(/^Not counted again: .*"north\.xlsx".* is counted\.$/) });
    // The damaged file: no size, no SHA-256, no date modified; read at without its fraction of a second.
    expect(has(src, "B9")).toBe(false);
    expect(["C9", "D9", "E9", "H9"].map((a) => cell(src, a))).toEqual([
      text("", "hash"),
      text("", "id"),
      text("2026-12-01 09:00:07", "id"),
      text("Not used: The file is damaged: it is not a workbook.", "text"),
    ]);
    expect(has(src, "F9")).toBe(false);
  });

  test("one file: said in the singular", () => {
    expect(buildSourcesLayout(rollUp([north()]), AT()).marker).toMatch(/\(Roll-up: sources\) on .*, from 1 file\.$/);
  });
});
