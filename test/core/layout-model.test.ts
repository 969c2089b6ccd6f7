/**
 * The layout model's helpers the writers rely on: a chart's series, the column groups a writer
 * may render (refused with a clear message when Excel could not show them), the references from
 * one generated sheet to another resolved to the names written, and the marker that recognises a
 * generated sheet. Expected values are written out by hand.
 */
import { allSeries, columnGroupsOf, generatedKindOf, resolveSheetReferences, sheetReference, type ChartSpec, type ConditionalFormat, type LayoutCell } from "../../src/core";

describe("allSeries", () => {
  it("gives the first series the chart's series name, values, cached values and colour, then the others", () => {
    const spec: ChartSpec = {
      title: "Section scores (% met)",
      categories: "A2:A4",
      values: "C2:C4",
      seriesName: "This inspection",
      cachedValues: [0.5, null, 1],
      colour: "5B9BD5",
      moreSeries: [{ name: "Last inspection", values: "D2:D4", colour: "A5A5A5" }],
      anchor: { row: 0, col: 5 },
      widthCols: 5,
      heightRows: 9,
    };
    expect(allSeries(spec)).toEqual([
      { name: "This inspection", values: "C2:C4", cachedValues: [0.5, null, 1], colour: "5B9BD5" },
      { name: "Last inspection", values: "D2:D4", colour: "A5A5A5" },
    ]);
  });

  it("names a lone series after the chart, with nothing it was not given", () => {
    const spec: ChartSpec = { title: "Scores", categories: "A2:A3", values: "B2:B3", anchor: { row: 0, col: 3 }, widthCols: 4, heightRows: 8 };
    const series = allSeries(spec);
    expect(series).toEqual([{ name: "Scores", values: "B2:B3" }]);
    expect(Object.keys(series[0]!)).toEqual(["name", "values"]);
  });
});

describe("columnGroupsOf", () => {
  it("gives no groups for a layout without any", () => {
    expect(columnGroupsOf({})).toEqual([]);
  });

  it("gives the groups in column order", () => {
    const groups = [
      { first: 9, last: 10, collapsed: false },
      { first: 2, last: 4, collapsed: true },
      { first: 6, last: 6, collapsed: true },
    ];
    expect(columnGroupsOf({ columnGroups: groups })).toEqual([groups[1], groups[2], groups[0]]);
  });

  it("accepts a group from the first column, of one column, up to the last column but one", () => {
    expect(columnGroupsOf({ columnGroups: [{ first: 0, last: 0, collapsed: true }] })).toHaveLength(1);
    expect(columnGroupsOf({ columnGroups: [{ first: 16380, last: 16382, collapsed: true }] })).toHaveLength(1);
    expect(columnGroupsOf({ columnGroups: [{ first: 3, last: 8, collapsed: true }] }, 10)).toHaveLength(1);
  });

  it.each([
    [{ first: -1, last: 2 }, "a column group runs from column -1 to 2, which is not a range of columns with one after it"],
    [{ first: 4, last: 3 }, "a column group runs from column 4 to 3, which is not a range of columns with one after it"],
    [{ first: 1.5, last: 3 }, "a column group runs from column 1.5 to 3, which is not a range of columns with one after it"],
    [{ first: 1, last: 2.5 }, "a column group runs from column 1 to 2.5, which is not a range of columns with one after it"],
    [{ first: 16380, last: 16383 }, "a column group runs from column 16380 to 16383, which is not a range of columns with one after it"],
  ])("refuses %o, which Excel could not show with a button after it", (g, message) => {
    expect(() => columnGroupsOf({ columnGroups: [{ ...g, collapsed: true }] })).toThrow(new RangeError(message));
  });

  it("refuses a group that ends on the last column of a narrower sheet", () => {
    expect(() => columnGroupsOf({ columnGroups: [{ first: 3, last: 9, collapsed: true }] }, 10)).toThrow(RangeError);
  });

  it("refuses groups that touch or overlap, and accepts groups one column apart", () => {
    const touching = [
      { first: 5, last: 6, collapsed: true },
      { first: 2, last: 4, collapsed: true },
    ];
    expect(() => columnGroupsOf({ columnGroups: touching })).toThrow(new RangeError("the column groups at columns 2–4 and 5–6 touch or overlap"));
    const overlapping = [
      { first: 2, last: 4, collapsed: true },
      { first: 4, last: 6, collapsed: false },
    ];
    expect(() => columnGroupsOf({ columnGroups: overlapping })).toThrow(new RangeError("the column groups at columns 2–4 and 4–6 touch or overlap"));
    const apart = [
      { first: 2, last: 4, collapsed: true },
      { first: 6, last: 7, collapsed: true },
    ];
    expect(columnGroupsOf({ columnGroups: apart })).toEqual(apart);
  });
});

describe("resolveSheetReferences", () => {
  const moderation = sheetReference("moderation");

  function layout(): { cells: LayoutCell[]; conditionalFormats: ConditionalFormat[] } {
    return {
      cells: [
        { row: 0, col: 0, kind: "text", text: `See ${moderation} for the list` },
        { row: 1, col: 0, kind: "formula", formula: `SUM(${moderation}!$K$10:$K$12)+SUM(${moderation}!$L$10:$L$12)`, result: 0 },
        { row: 2, col: 0, kind: "formula", formula: "A1+1", result: 1 },
      ],
      conditionalFormats: [
        { kind: "expression", range: "A2", formula: `${moderation}!$A$1>0`, style: { bold: true } },
        { kind: "text-equals", range: "A3", text: moderation, style: { bold: true } },
      ],
    };
  }

  it("puts the name written, quoted where a formula needs it, in every formula and expression", () => {
    const [resolved] = resolveSheetReferences([layout()], (kind) => (kind === "moderation" ? "Moderation (2)" : null));
    expect(resolved!.cells).toEqual([
      { row: 0, col: 0, kind: "text", text: `See ${moderation} for the list` },
      { row: 1, col: 0, kind: "formula", formula: "SUM('Moderation (2)'!$K$10:$K$12)+SUM('Moderation (2)'!$L$10:$L$12)", result: 0 },
      { row: 2, col: 0, kind: "formula", formula: "A1+1", result: 1 },
    ]);
    expect(resolved!.conditionalFormats).toEqual([
      { kind: "expression", range: "A2", formula: "'Moderation (2)'!$A$1>0", style: { bold: true } },
      { kind: "text-equals", range: "A3", text: moderation, style: { bold: true } },
    ]);
  });

  it("leaves a plain name unquoted, and makes a reference to a sheet not written an error", () => {
    const [plain] = resolveSheetReferences([layout()], () => "Moderation");
    expect((plain!.cells[1] as { formula: string }).formula).toBe("SUM(Moderation!$K$10:$K$12)+SUM(Moderation!$L$10:$L$12)");
    const [none] = resolveSheetReferences([layout()], () => null);
    expect((none!.cells[1] as { formula: string }).formula).toBe("SUM(#REF!!$K$10:$K$12)+SUM(#REF!!$L$10:$L$12)");
    expect((none!.conditionalFormats[0] as { formula: string }).formula).toBe("#REF!!$A$1>0");
  });

  it("gives back a layout without references as it was", () => {
    const plain = { cells: [{ row: 0, col: 0, kind: "formula", formula: "A1+1", result: 1 }] as LayoutCell[], conditionalFormats: [] as ConditionalFormat[] };
    const [same] = resolveSheetReferences([plain], () => "Moderation");
    expect(same).toBe(plain);
  });
});

describe("generatedKindOf", () => {
  it.each([
    ["Generated by Case Inspection Workbook (Summary) on 25 November 2026", "summary"],
    ["Generated by Case Inspection Workbook (Strengths & improvements) on 25 November 2026", "strengths"],
    ["Generated by Case Inspection Workbook (Moderation) on 25 November 2026", "moderation"],
    ["Generated by Case Inspection Workbook (Previous inspection)", "previous"],
    ["Generated by Case Inspection Workbook (Action plan) on 1 December 2026", "action-plan"],
    ["Generated by Case Inspection Workbook (Roll-up: services) on 1 December 2026", "rollup-services"],
  ])("recognises %s", (a2, kind) => {
    expect(generatedKindOf(a2)).toBe(kind);
  });

  it.each([["My own Summary"], ["Generated by Case Inspection Workbook (Something else)"], [42], [null]])("does not take %p for a generated sheet", (a2) => {
    expect(generatedKindOf(a2)).toBeNull();
  });
});
