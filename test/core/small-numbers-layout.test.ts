/**
 * Honest small numbers on the generated sheets: the Summary's "% met (95% interval)" column on
 * every criterion, section and overall row, and the caution under a finding on few cases on the
 * Strengths & improvements sheet.
 */
import { analyseWorkbook, buildReportLayouts, type CellValue, type SheetLayout } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const generatedAt = new Date(2026, 11, 1, 9, 0);

/**
 * Twenty cases, two of them in custody (so 3.6, custody only, rests on two cases, both Yes). 2.1:
 * eleven Yes, eight No and one not yet judged, so 11 out of 19.
 */
function analysis(minRelevant: number | null = null) {
  const rows: CellValue[][] = [];
  for (let i = 1; i <= 20; i++) {
    const judged21 = i === 20 ? null : i <= 11 ? "Yes" : "No";
    rows.push(validRow(`C${String(i).padStart(2, "0")}`, i >= 19 ? "Custody" : "Community", "No", { "2.1": judged21 }));
  }
  const settings = makeGrid(
    [
      ["Setting", "Value"],
      ["Service name", "Northbrook Youth Justice Service"],
      ...(minRelevant === null ? [] : [["Minimum relevant cases", minRelevant]]),
    ],
    { sheet: "Settings" },
  );
  return analyseWorkbook({ cases: makeGrid([standardHeader(), ...rows], { tableName: "Cases" }), settings });
}

const textAt = (l: SheetLayout, row: number, col: number): string | number | null => {
  const c = l.cells.find((x) => x.row === row && x.col === col);
  return !c ? null : c.kind === "text" ? c.text : c.kind === "number" ? c.number : c.kind === "boolean" ? null : (c.result as string | number);
};
const rowOf = (l: SheetLayout, id: string): number => l.cells.find((c) => c.col === 0 && c.kind === "text" && c.text === id)!.row;

describe("the Summary's interval column", () => {
  // Built in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let summary: SheetLayout | undefined;
  let col: number;
  beforeEach(() => {
    [summary] = buildReportLayouts(analysis(), { generatedAt });
    const header = rowOf(summary!, "ID");
    col = summary!.cells.find((c) => c.row === header && c.kind === "text" && c.text === "% met (95% interval)")!.col;
  });

  it("is the last column, so hiding it leaves the rest as they were", () => {
    expect(col).toBe(summary!.colCount - 1);
    expect(summary!.columnWidths).toHaveLength(col + 1);
  });

  it('reads "58% (36–77%)" for 11 out of 19 and "100% (34–100%)" for two out of two, as a live formula', () => {
    // Wilson's (1927) score interval by hand, z = 1.96: 11/19 is (0.5789 + 0.1011 ∓ 1.96·√(0.01283 + 0.00266)) / 1.2022
    // = 36.3%–76.9%; 2/2 is (1 + 0.9604 − 1.96·√0.2401) / 2.9207 = 34.2% to 100%.
    expect([textAt(summary!, rowOf(summary!, "2.1"), col), textAt(summary!, rowOf(summary!, "3.6"), col)]).toEqual(["58% (36–77%)", "100% (34–100%)"]);
    const cell = summary!.cells.find((c) => c.row === rowOf(summary!, "2.1") && c.col === col)!;
    expect(cell.kind).toBe("formula");
  });

  it("is on the section rows and the overall row too", () => {
    const overall = summary!.cells.find((c) => c.kind === "text" && c.text === "All criteria")!.row;
    for (const row of [rowOf(summary!, "2"), overall]) {
      expect(textAt(summary!, row, col)).toMatch(/^\d+% \(\d+–\d+%\)$/);
    }
  });
});

describe("the caution under a finding on few cases", () => {
  const texts = (l: SheetLayout): string[] => l.cells.flatMap((c) => (c.kind === "text" ? [c.text] : []));

  it("says under a strength on two cases that it rests on two, with its interval; none under one on twenty", () => {
    const [, strengths] = buildReportLayouts(analysis(), { generatedAt });
    const lines = texts(strengths!);
    const on36 = lines.findIndex((t) => t.startsWith("Custodial planning for safeguarding and vulnerability"));
    expect(on36).toBeGreaterThan(0);
    expect(lines[on36 + 1]).toBe("Based on only two relevant cases, so treat it with care: with 95% confidence the rate lies between 34% and 100%.");
    const on44 = lines.findIndex((t) => t.startsWith("Attention to health and well-being outcomes"));
    expect(on44).toBeGreaterThan(0);
    expect(lines[on44 + 1]).not.toMatch(/^Based on only/);
    expect(lines.filter((t) => t.startsWith("Based on only"))).toHaveLength(1);
  });

  it("with a minimum of five relevant cases, a criterion on two is too few to rate and no finding at all", () => {
    const [summary, strengths] = buildReportLayouts(analysis(5), { generatedAt });
    expect(textAt(summary!, rowOf(summary!, "3.6"), 6)).toBe("Too few cases to rate");
    expect(texts(strengths!).some((t) => t.startsWith("Custodial planning for safeguarding"))).toBe(false);
  });
});
