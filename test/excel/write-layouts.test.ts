/**
 * writeLayouts: renders the layout model, replaces only generated sheets, never leaves a mix of
 * old and new, and keeps user text inert.
 */
import {
  analyseWorkbook,
  buildReportLayouts,
  criterionHeader,
  generatedKindOf,
  BUILT_IN_FRAMEWORK,
  columnLetters,
  GENERATED_MARKER_PREFIX,
  type SheetLayout,
} from "../../src/core";
import { formatOfficeError, readWorkbookGrids, writeLayouts } from "../../src/excel";
import { createExcelDouble, FakeOfficeError, type ExcelDouble } from "../excel-double";
import { inspectionSeed, type InspectionSeedOptions } from "../excel-double/inspection-seed";
import { runnerFor } from "../excel-double/measure";

const GENERATED_AT = new Date(2026, 0, 15, 9, 30);

function handLayout(overrides: Partial<SheetLayout> = {}): SheetLayout {
  return {
    kind: "summary",
    name: "Summary",
    styles: {
      title: { bold: true, size: 16, colour: "1F4E79" },
      note: { italic: true, colour: "595959" },
      head: { bold: true, fill: "DDEBF7", border: ["bottom"], borderColour: "FFFFFF", horizontal: "center", vertical: "middle", wrap: true },
      pct: { numberFormat: "0.0%", horizontal: "center" },
      count: { numberFormat: "0" },
    },
    cells: [
      { row: 0, col: 0, kind: "text", text: "Summary: Youth & Co", style: "title" },
      { row: 1, col: 0, kind: "text", text: `${GENERATED_MARKER_PREFIX} (Summary) on 15 January 2026`, style: "note" },
      { row: 3, col: 0, kind: "text", text: "Item", style: "head" },
      { row: 3, col: 1, kind: "text", text: "Count", style: "head" },
      { row: 3, col: 2, kind: "text", text: "% met", style: "head" },
      { row: 4, col: 0, kind: "text", text: "=1+1" },
      { row: 4, col: 1, kind: "number", number: 3, style: "count" },
      { row: 4, col: 2, kind: "formula", formula: "B5/4", result: 0.75, style: "pct" },
      { row: 5, col: 0, kind: "text", text: "+44 20 7946 0000" },
      { row: 5, col: 1, kind: "number", number: 1, style: "count" },
      { row: 5, col: 2, kind: "formula", formula: "B6/4", result: 0.25, style: "pct" },
      { row: 6, col: 0, kind: "text", text: "1.10" },
      { row: 6, col: 1, kind: "text", text: "@mention" },
      { row: 6, col: 2, kind: "text", text: "-not a formula" },
    ],
    columnWidths: [20, 10, 10],
    rowHeights: [
      { row: 4, height: 30 },
      { row: 5, height: 30 },
      { row: 6, height: 600 },
    ],
    merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
    freeze: { rows: 4, cols: 1 },
    conditionalFormats: [
      { kind: "expression", range: "C5:C6", formula: "AND(ISNUMBER(C5),C5>=0.8)", style: { fill: "C6EFCE", colour: "006100" } },
      { kind: "text-equals", range: "A5:A7", text: 'Say "hi"', style: { fill: "FFC7CE", colour: "9C0006", bold: true } },
      { kind: "data-bar", range: "C5:C6", colour: "5B9BD5", min: 0, max: 1 },
    ],
    print: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      pageBreaks: [5],
      repeatRows: { first: 3, last: 3 },
      footer: "Youth & Co: summary",
    },
    chart: { title: "Scores", categories: "A5:A6", values: "C5:C6", valueFormat: "0.0%", axisFormat: "0%", colour: "5B9BD5", anchor: { row: 8, col: 0 }, widthCols: 4, heightRows: 10 },
    rowCount: 7,
    colCount: 3,
    marker: `${GENERATED_MARKER_PREFIX} (Summary) on 15 January 2026`,
    ...overrides,
  };
}

async function analysed(double: ExcelDouble) {
  const read = await readWorkbookGrids({ run: runnerFor(double) });
  if (read.kind !== "ok") throw new Error(read.reason);
  return analyseWorkbook(read.grids);
}

/** Check and build: the syncs counted afterwards are the build's only. */
async function build(double: ExcelDouble, beforeWrite: (double: ExcelDouble) => void = () => undefined) {
  const layouts = buildReportLayouts(await analysed(double), { generatedAt: GENERATED_AT });
  double.resetStats();
  beforeWrite(double);
  return writeLayouts(layouts, { run: runnerFor(double) });
}

function workbook(options: Partial<InspectionSeedOptions> = {}): ExcelDouble {
  return createExcelDouble(inspectionSeed({ cases: 20, ...options }));
}

/** Every cell's final formats on a sheet, as Excel would show them. */
function formatsOf(double: ExcelDouble, sheet: string): Record<string, unknown> {
  const s = double.sheet(sheet);
  const out: Record<string, unknown> = {};
  const keys = new Set(s.state.formatLayers.map((l) => l.key));
  for (const layer of s.state.formatLayers) {
    for (let r = layer.rect.top; r <= Math.min(layer.rect.bottom, 200); r++)
      for (let c = layer.rect.left; c <= Math.min(layer.rect.right, 30); c++) {
        const a1 = `${columnLetters(c)}${r + 1}`;
        for (const key of keys) out[`${a1} ${key}`] = s.format(a1, key);
      }
  }
  return out;
}

function snapshot(double: ExcelDouble, sheet: string): string {
  const s = double.sheet(sheet).state;
  return JSON.stringify([[...s.cells.entries()], s.merges, s.formatLayers.length, s.charts.length]);
}

describe("writeLayouts with a hand-made layout", () => {
  test("renders cells, formats, merges, widths, panes, conditional formats, print settings and the chart", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID"]] }] });
    const result = await writeLayouts([handLayout()], { run: runnerFor(double) });
    expect(result).toEqual({ sheets: ["Summary"], replaced: [], notices: [] });
    expect(double.sheetNames()).toEqual(["Summary", "Cases"]);
    expect(double.activeSheet).toBe("Summary");
    expect(double.syncs).toBe(3);

    const s = double.sheet("Summary");
    expect(generatedKindOf(s.value("A2"))).toBe("summary");
    expect(s.values("A4:C6")).toEqual([
      ["Item", "Count", "% met"],
      ["=1+1", 3, ""],
      ["+44 20 7946 0000", 1, ""],
    ]);
    expect(s.formulas("C5:C6")).toEqual([["=B5/4"], ["=B6/4"]]);
    expect(s.numberFormat("C5")).toBe("0.0%");
    expect(s.numberFormat("B5")).toBe("0");
    // One 2D array per band, not cell by cell (written while the sheet had its temporary name).
    const writes = double.writes("formulas");
    expect(writes.map((w) => [w.sheet, w.address])).toEqual([["CIW build 1", "A1:C7"]]);

    expect(s.format("A1", "font/bold")).toBe(true);
    expect(s.format("A1", "font/size")).toBe(16);
    expect(s.format("C1", "font/color")).toBe("#1F4E79");
    expect(s.format("B4", "fill/color")).toBe("#DDEBF7");
    expect(s.format("C4", "borders/EdgeBottom/style")).toBe("Continuous");
    expect(s.format("C4", "borders/EdgeBottom/color")).toBe("#FFFFFF");
    expect(s.format("A4", "horizontalAlignment")).toBe("Center");
    expect(s.format("A4", "verticalAlignment")).toBe("Center");
    expect(s.format("A2", "font/italic")).toBe(true);
    expect(s.merges).toEqual(["A1:C1"]);
    expect([s.columnWidth(0), s.columnWidth(1), s.columnWidth(2)]).toEqual([108.75, 56.25, 56.25]);
    expect(s.freeze).toEqual({ rows: 4, cols: 1 });
    expect([s.rowHeight(3), s.rowHeight(4), s.rowHeight(5), s.rowHeight(6)]).toEqual([15, 30, 30, 409]);
    expect(double.writes("rowHeight").map((w) => w.address)).toEqual(["A5:XFD6", "A7:XFD7"]);

    expect(s.conditionalFormats.map((c) => c.type)).toEqual(["Custom", "CellValue", "DataBar"]);
    expect(s.conditionalFormats[0]!.props).toMatchObject({ "custom/rule/formula": "=AND(ISNUMBER(C5),C5>=0.8)", "custom/format/fill/color": "#C6EFCE", "custom/format/font/color": "#006100" });
    expect(s.conditionalFormats[1]!.props).toMatchObject({ "cellValue/rule": { formula1: '="Say ""hi"""', operator: "EqualTo" }, "cellValue/format/font/bold": true });
    expect(s.conditionalFormats[2]!.props).toMatchObject({
      "dataBar/lowerBoundRule": { type: "Number", formula: "0" },
      "dataBar/upperBoundRule": { type: "Number", formula: "1" },
      "dataBar/positiveFormat/fillColor": "#5B9BD5",
    });

    expect(s.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$4:$4",
      paperSize: "A4",
      leftMargin: 0.4 * 72,
      topMargin: 0.5 * 72,
      bottomMargin: 0.6 * 72,
      pageBreaks: [5],
      "headersFooters/defaultForAllPages/leftFooter": "&8Youth && Co: summary",
      "headersFooters/defaultForAllPages/rightFooter": "&8Page &P of &N",
    });

    expect(s.charts).toHaveLength(1);
    const chart = s.charts[0]!;
    expect(chart).toMatchObject({ type: "ColumnClustered", seriesBy: "Columns", position: { start: "A9", end: "D18" } });
    expect(chart.source.rect).toEqual({ top: 4, left: 2, bottom: 5, right: 2 });
    expect(chart.xAxisValues?.rect).toEqual({ top: 4, left: 0, bottom: 5, right: 0 });
    expect(chart.props).toMatchObject({
      "title/text": "Scores",
      "legend/visible": false,
      "axes/valueAxis/maximum": 1,
      "axes/valueAxis/numberFormat": "0%",
      "series0/hasDataLabels": true,
      "series0/dataLabels/numberFormat": "0.0%",
      "series0/format/fill/solidColor": "#5B9BD5",
    });
  });

  test("column groups: grouped one level, a collapsed one folded away (ExcelApi 1.10), or only hidden on an older host; the same syncs", async () => {
    const layout = handLayout({ columnGroups: [{ first: 1, last: 1, collapsed: true }, { first: 3, last: 4, collapsed: false }] });
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID"]] }] });
    await writeLayouts([layout], { run: runnerFor(double), isSetSupported: double.isSetSupported });
    expect(double.syncs).toBe(3);
    const s = double.sheet("Summary");
    expect([0, 1, 2, 3, 4, 5].map((c) => [s.columnOutlineLevel(c), s.columnHidden(c)])).toEqual([
      [0, false],
      [1, true],
      [0, false],
      [1, false],
      [1, false],
      [0, false],
    ]);
    const older = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID"]] }] }, { excelApi: "1.9" });
    await writeLayouts([layout], { run: runnerFor(older), isSetSupported: older.isSetSupported });
    const o = older.sheet("Summary");
    expect([0, 1, 2, 3, 4].map((c) => [o.columnOutlineLevel(c), o.columnHidden(c)])).toEqual([
      [0, false],
      [0, true],
      [0, false],
      [0, false],
      [0, false],
    ]);
  });

  test("a chart of several series (the roll-up's sections) adds each over the same categories, with a legend and no labels", async () => {
    const double = createExcelDouble({ sheets: [{ name: "Cases", rows: [["Case ID"]] }] });
    const base = handLayout();
    const chart = { ...base.chart!, seriesName: "1 Assessment", moreSeries: [{ name: "2 Planning", values: "B5:B6", colour: "ED7D31" }, { name: "Overall", values: "A5:A6" }] };
    await writeLayouts([{ ...base, chart }], { run: runnerFor(double) });
    const [drawn] = double.sheet("Summary").charts;
    expect(drawn!.source.rect).toEqual({ top: 4, left: 2, bottom: 5, right: 2 });
    expect(drawn!.moreSeries.map((m) => [m.values?.rect, m.xAxisValues?.rect])).toEqual([
      [{ top: 4, left: 1, bottom: 5, right: 1 }, { top: 4, left: 0, bottom: 5, right: 0 }],
      [{ top: 4, left: 0, bottom: 5, right: 0 }, { top: 4, left: 0, bottom: 5, right: 0 }],
    ]);
    expect(drawn!.props).toMatchObject({
      "legend/visible": true,
      "series0/name": "1 Assessment",
      "series0/hasDataLabels": false,
      "series1/name": "2 Planning",
      "series1/format/fill/solidColor": "#ED7D31",
      "series2/name": "Overall",
      "series2/format/fill/solidColor": "#5B9BD5",
    });
    expect(drawn!.props["series0/dataLabels/numberFormat"]).toBeUndefined();
  });

  test('text that looks like a formula, a number or a mention stays text ("=1+1" is not 2)', async () => {
    const double = createExcelDouble({ sheets: [{ name: "Cases" }] });
    await writeLayouts([handLayout()], { run: runnerFor(double) });
    const s = double.sheet("Summary");
    for (const a1 of ["A5", "A6", "A7", "B7", "C7"]) {
      expect(s.formula(a1)).toBeNull();
      expect(s.numberFormat(a1)).toBe("@");
    }
    expect(s.values("A7:C7")).toEqual([["1.10", "@mention", "-not a formula"]]);
  });
});

describe("writeLayouts with the engine's layouts", () => {
  test("writes the Summary and Strengths & improvements for a 20-case analysis, in three syncs", async () => {
    const double = workbook();
    const result = await build(double);
    expect(result.sheets).toEqual(["Summary", "Strengths & improvements", "Action plan"]);
    expect(double.syncs).toBe(3);
    expect(double.sheetNames()).toEqual(["Summary", "Strengths & improvements", "Action plan", "Cases", "Criteria", "Settings"]);
    expect(generatedKindOf(double.sheet("Summary").value("A2"))).toBe("summary");
    expect(generatedKindOf(double.sheet("Strengths & improvements").value("A2"))).toBe("strengths");
    const formulas = double.sheet("Summary").state;
    const countifs = [...formulas.cells.values()].filter((c) => c.formula?.startsWith("=SUMPRODUCT(") && c.formula.includes("(Cases["));
    expect(countifs.length).toBeGreaterThanOrEqual(BUILT_IN_FRAMEWORK.criteria.length * 2);
    expect(double.sheet("Summary").charts).toHaveLength(1);
    expect(double.sheet("Summary").freeze?.rows).toBeGreaterThan(0);
    expect(double.maxRequestBytes).toBeLessThan(4_000_000);
  });

  test("builds where the list separator is ';' (German, French, Czech or Dutch Windows), styling every rectangle", async () => {
    for (const locale of ["de-DE", "fr-FR", "cs-CZ", "nl-NL"]) {
      const double = createExcelDouble(inspectionSeed({ cases: 20 }), { locale });
      const reference = workbook();
      await build(double);
      await build(reference);
      expect(double.sheetNames()).toEqual(reference.sheetNames());
      for (const name of ["Summary", "Strengths & improvements"]) {
        expect(double.sheet(name).state.formatLayers.length).toBeGreaterThan(0);
        expect(formatsOf(double, name)).toEqual(formatsOf(reference, name));
      }
    }
  });

  test("live formulas refer to a table column whose header has special characters in double brackets, escaped", async () => {
    const double = workbook();
    const cases = double.state.findSheet("Cases")!;
    const header = "2.1 Risk [draft] #1 o'clock / review - a";
    for (let c = 0; c < 40; c++) {
      const cell = cases.cells.get(c);
      if (typeof cell?.value === "string" && cell.value.startsWith("2.1 ")) cell.value = header;
    }
    await build(double);
    const formulas = [...double.sheet("Summary").state.cells.values()].map((c) => c.formula ?? "");
    expect(formulas.some((f) => f.includes("Cases[[2.1 Risk '[draft'] '#1 o''clock / review - a]]"))).toBe(true);
    expect(formulas.filter((f) => f.includes("(Cases[") && !f.includes("(Cases[["))).toEqual([]);
  });

  test("regenerating replaces the generated sheets in place and leaves one of each", async () => {
    const double = workbook({ extraSheets: [{ name: "Notes", rows: [["mine"]] }] });
    await build(double);
    // Move the Summary first, as a user might.
    double.state.moveSheet(double.state.findSheet("Summary")!, 0);
    const order = double.sheetNames();
    await build(double);
    await build(double);
    expect(double.sheetNames()).toEqual(order);
    expect(double.sheetNames().filter((n) => n.startsWith("Summary"))).toEqual(["Summary"]);
    expect(double.sheet("Notes").value("A1")).toBe("mine");
    expect(double.syncs).toBe(3);
  });

  test("a user's own sheet named Summary survives; the new one takes a free name, with a notice", async () => {
    const double = workbook({ extraSheets: [{ name: "Summary", rows: [["My own notes"], ["not generated"]] }] });
    const before = snapshot(double, "Summary");
    const first = await build(double);
    expect(first.sheets).toEqual(["Summary (2)", "Strengths & improvements", "Action plan"]);
    expect(first.notices).toEqual([expect.stringMatching(/"Summary" that the add-in did not create.*"Summary \(2\)"/)]);
    expect(snapshot(double, "Summary")).toBe(before);
    const second = await build(double);
    expect(second.sheets).toEqual(["Summary (2)", "Strengths & improvements", "Action plan"]);
    expect(second.replaced).toEqual(["Summary (2)", "Strengths & improvements", "Action plan"]);
    expect(second.notices).toEqual([]);
    expect(snapshot(double, "Summary")).toBe(before);
    expect(double.sheetNames().filter((n) => n.startsWith("Summary"))).toEqual(["Summary (2)", "Summary"]);
  });

  test("a generated sheet the user renamed is still recognised and replaced under its new name", async () => {
    const double = workbook();
    await build(double);
    double.state.renameSheet(double.state.findSheet("Summary")!, "Board summary");
    const result = await build(double);
    expect(result.sheets[0]).toBe("Board summary");
    expect(double.hasSheet("Summary")).toBe(false);
    expect(generatedKindOf(double.sheet("Board summary").value("A2"))).toBe("summary");
  });

  test("case notes that start with = stay inert text on the Strengths sheet", async () => {
    const header11 = criterionHeader(BUILT_IN_FRAMEWORK.criteria[0]!);
    const double = workbook({ cell: (_i, h) => (h === header11 ? "Yes" : h === "1 Notes" ? "=1+1" : undefined) });
    await build(double);
    const s = double.sheet("Strengths & improvements");
    const cells = [...s.state.cells.values()];
    expect(cells.some((c) => c.value === "=1+1")).toBe(true);
    // The one formula is the banner, which compares the judgements with those the sheet was built from.
    expect(cells.filter((c) => c.formula !== null).map((c) => c.formula)).toEqual([expect.stringMatching(/^=IF\(SUMPRODUCT\(/)]);
  });

  test("a sheet left by an interrupted build is removed", async () => {
    const double = workbook({ extraSheets: [{ name: "CIW build 1", rows: [["x"], [`${GENERATED_MARKER_PREFIX} (Summary) on …`]] }] });
    await build(double);
    expect(double.sheetNames()).toEqual(["Summary", "Strengths & improvements", "Action plan", "Cases", "Criteria", "Settings"]);
  });
});

describe("a failed build leaves the previous generated sheets", () => {
  async function expectUnchangedAfter(setUp: (double: ExcelDouble) => void, code: string, failedSync?: number): Promise<ExcelDouble> {
    const double = workbook();
    await build(double);
    const names = double.sheetNames();
    const summary = snapshot(double, "Summary");
    const strengths = snapshot(double, "Strengths & improvements");
    const error = await build(double, setUp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeOfficeError);
    expect((error as FakeOfficeError).code).toBe(code);
    expect(double.sheetNames()).toEqual(names);
    expect(snapshot(double, "Summary")).toBe(summary);
    expect(snapshot(double, "Strengths & improvements")).toBe(strengths);
    if (failedSync !== undefined) {
      expect(double.syncLog.map((l) => l.failed)[failedSync - 1]).toBe(code);
      // The new sheets had been started under temporary names, then removed.
      expect(double.writes("sheet-add").map((w) => w.sheet)).toEqual(["CIW build 1", "CIW build 2", "CIW build 3"]);
      expect(double.writes("sheet-delete").map((w) => w.sheet)).toEqual(["CIW build 1", "CIW build 2", "CIW build 3"]);
    }
    return double;
  }

  test("when the final sync (the swap) fails", async () => {
    await expectUnchangedAfter((d) => d.failSync({ at: 3, code: "GeneralException" }), "GeneralException", 3);
  });

  test("when Excel stops part-way through writing the new sheets", async () => {
    const double = await expectUnchangedAfter((d) => d.failSync({ at: 2, code: "GeneralException", afterOps: 40 }), "GeneralException", 2);
    expect(double.writes("formulas").length).toBeGreaterThan(0);
  });

  test("when a cell is being edited: the message says to finish editing", async () => {
    const double = await expectUnchangedAfter((d) => (d.editMode = true), "InvalidOperationInCellEditMode");
    const error = await writeLayouts([handLayout()], { run: runnerFor(double) }).catch((e: unknown) => e);
    expect(formatOfficeError(error).action).toBe("Finish editing the cell, press Enter, then try again.");
  });

  test("when the workbook structure is protected: the message says to unprotect", async () => {
    const double = await expectUnchangedAfter((d) => d.protectWorkbookStructure(), "AccessDenied");
    const error = await writeLayouts([handLayout()], { run: runnerFor(double) }).catch((e: unknown) => e);
    expect(formatOfficeError(error).text).toMatch(/protected.*Unprotect/);
  });
});

describe("the final swap, failing at each of its commands", () => {
  const LATER = new Date(2026, 1, 20, 14, 0);

  /** A workbook with generated sheets from an earlier build, and the layouts of a new one. */
  async function rebuilt() {
    const double = workbook({ extraSheets: [{ name: "Notes", rows: [["mine"]] }] });
    await build(double);
    const layouts = buildReportLayouts(await analysed(double), { generatedAt: LATER });
    double.resetStats();
    return { double, layouts };
  }

  /** The generated sheets by kind: name and a snapshot of their cells. */
  function generated(double: ExcelDouble): Record<string, { name: string; cells: string }[]> {
    const out: Record<string, { name: string; cells: string }[]> = {};
    for (const name of double.sheetNames()) {
      const kind = generatedKindOf(double.sheet(name).value("A2"));
      if (kind) (out[kind] ??= []).push({ name, cells: snapshot(double, name) });
    }
    return out;
  }

  test("every failure point leaves the previous generated sheets or the new ones, never neither", async () => {
    const before = await rebuilt();
    const previous = generated(before.double);
    const complete = await rebuilt();
    await writeLayouts(complete.layouts, { run: runnerFor(complete.double) });
    const next = generated(complete.double);
    const finalOps = complete.double.syncLog[complete.double.syncLog.length - 1]!.ops;
    expect(finalOps).toBeGreaterThan(4);
    expect(next).not.toEqual(previous);

    const outcomes = new Set<string>();
    for (let afterOps = 0; afterOps <= finalOps; afterOps++) {
      const { double, layouts } = await rebuilt();
      double.failSync({ at: 3, code: "GeneralException", afterOps });
      const error = await writeLayouts(layouts, { run: runnerFor(double) }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "GeneralException" });
      const now = generated(double);
      const state = JSON.stringify(now) === JSON.stringify(previous) ? "previous" : JSON.stringify(now) === JSON.stringify(next) ? "new" : "neither";
      expect({ afterOps, state, sheets: double.sheetNames() }).toMatchObject({ afterOps, state: expect.stringMatching(/^(previous|new)$/) });
      expect(double.sheetNames().filter((n) => n.startsWith("CIW build"))).toEqual([]);
      expect(double.sheet("Notes").value("A1")).toBe("mine");
      outcomes.add(state);
    }
    // Early failures put the previous sheets back; once the old ones are being deleted, the swap is finished.
    expect([...outcomes].sort()).toEqual(["new", "previous"]);
  });
});

describe("request size", () => {
  function bigLayout(rows: number, noteLength: number): SheetLayout {
    const note = "n".repeat(noteLength);
    const cells: SheetLayout["cells"][number][] = [
      { row: 0, col: 0, kind: "text", text: "Strengths" },
      { row: 1, col: 0, kind: "text", text: `${GENERATED_MARKER_PREFIX} (Strengths & improvements) on …` },
    ];
    for (let r = 2; r < rows; r++) {
      cells.push({ row: r, col: 0, kind: "text", text: `C${r}`, style: "label" });
      cells.push({ row: r, col: 1, kind: "text", text: `=${note}`, style: "evidence" });
    }
    return {
      ...handLayout({ kind: "strengths", name: "Strengths & improvements", chart: null, conditionalFormats: [], freeze: null, merges: [] }),
      styles: { label: { bold: true }, evidence: { wrap: true, vertical: "top" } },
      cells,
      rowCount: rows,
      colCount: 2,
      columnWidths: [10, 80],
    };
  }

  test("a layout larger than one request is split into several, each under the limit, with the same result", async () => {
    const layout = bigLayout(6_000, 1_000);
    const one = createExcelDouble({ sheets: [{ name: "Cases" }] }, { requestLimitBytes: Infinity });
    await writeLayouts([layout], { run: runnerFor(one), maxRequestBytes: 100_000_000 });
    expect(one.syncs).toBe(3);
    expect(one.maxRequestBytes).toBeGreaterThan(5 * 1024 * 1024);

    const split = createExcelDouble({ sheets: [{ name: "Cases" }] });
    await writeLayouts([layout], { run: runnerFor(split) });
    expect(split.syncs).toBeGreaterThan(3);
    expect(split.maxRequestBytes).toBeLessThan(4_000_000);
    expect(snapshot(split, "Strengths & improvements")).toBe(snapshot(one, "Strengths & improvements"));
  });

  test("every request stays within the budget it was packed to, counting Office.js's structure of each command (action and object paths)", async () => {
    for (const budget of [20_000, 100_000]) {
      const double = workbook();
      const layouts = buildReportLayouts(await analysed(double), { generatedAt: GENERATED_AT });
      double.resetStats();
      await writeLayouts(layouts, { run: runnerFor(double), maxRequestBytes: budget });
      const writes = double.syncLog.slice(1, -1);
      expect(writes.length).toBeGreaterThan(budget === 20_000 ? 3 : 0);
      expect(writes.map((s) => s.requestBytes).filter((b) => b > budget)).toEqual([]);
    }
  });

  test("a smaller budget gives more, smaller requests", async () => {
    const layout = bigLayout(600, 400);
    const double = createExcelDouble({ sheets: [{ name: "Cases" }] });
    await writeLayouts([layout], { run: runnerFor(double), maxRequestBytes: 100_000 });
    const writes = double.syncLog.slice(1, -1);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(double.syncs).toBe(2 + writes.length);
    expect(Math.max(...writes.map((s) => s.requestBytes))).toBeLessThan(130_000);
    expect(double.sheet("Strengths & improvements").value("B600")).toBe(`=${"n".repeat(400)}`);
  });
});
