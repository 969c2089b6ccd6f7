import { analyseWorkbook, buildReportLayouts, EXCEL_CELL_LIMIT, generatedKindOf, selectFindings, type CellValue, type LayoutCell, type SheetLayout } from "../../src/core";
import { expectGolden } from "../helpers/golden";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const generatedAt = new Date(2026, 10, 25, 9, 30);

function sample(options: { redact?: boolean; tableName?: string; note?: string } = {}) {
  const header = [...standardHeader(), "1 Notes", "2 Notes", "3 Notes", "4 Notes", "5 Notes"];
  const notes = (i: number): CellValue[] => [`Section 1 note for case ${i}`, i === 2 ? options.note ?? "=SUM(A1:A9)" : `Risk note ${i}`, null, `Sentence note ${i}`, `Oversight ${i}`];
  const rows: CellValue[][] = [];
  for (let i = 1; i <= 8; i++) {
    const custody = i <= 2;
    const psr = i % 2 === 0;
    rows.push([
      ...validRow(`C0${i}`, custody ? "Custody" : "Community", psr ? "Yes" : "No", {
        "2.1": i <= 3 ? "Yes" : "No",
        "2.5": i <= 6 ? "Yes" : i === 7 ? "No" : "N/A",
        "4.4": i === 8 ? "No" : "Yes",
      }),
      ...notes(i),
    ]);
  }
  const settings = makeGrid(
    [
      ["Setting", "Value"],
      ["Service name", "Northbrook Youth Justice Service"],
      ["Inspection start", "2026-10-05"],
      ["Inspection end", "2026-10-07"],
      ["Redact case IDs and names", options.redact ? "Yes" : "No"],
    ],
    { sheet: "Settings" },
  );
  const cases = makeGrid([header, ...rows], options.tableName ? { tableName: options.tableName } : {});
  return analyseWorkbook({ cases, settings });
}

const cellAt = (l: SheetLayout, row: number, col: number): LayoutCell | undefined => l.cells.find((c) => c.row === row && c.col === col);
const texts = (l: SheetLayout): string[] => l.cells.flatMap((c) => (c.kind === "text" ? [c.text] : []));

describe("buildReportLayouts", () => {
  it("matches the golden layouts", () => {
    const layouts = buildReportLayouts(sample({ tableName: "Cases" }), { generatedAt });
    expectGolden("summary-layout.json", layouts[0]);
    expectGolden("strengths-layout.json", layouts[1]);
  });

  it("marks both sheets as generated in A2", () => {
    const [summary, strengths] = buildReportLayouts(sample(), { generatedAt });
    expect(generatedKindOf((cellAt(summary!, 1, 0) as { text: string }).text)).toBe("summary");
    expect(generatedKindOf((cellAt(strengths!, 1, 0) as { text: string }).text)).toBe("strengths");
    expect(summary!.marker).toBe((cellAt(summary!, 1, 0) as { text: string }).text);
  });

  it("writes live formulas with the engine's values cached", () => {
    const a = sample({ tableName: "Cases" });
    const [summary] = buildReportLayouts(a, { generatedAt });
    const row = summary!.cells.find((c) => c.kind === "text" && c.text === "2.1")!.row;
    const met = cellAt(summary!, row, 3)!;
    expect(met).toMatchObject({ kind: "formula", result: 3 });
    // Non-breaking spaces, tabs and line breaks read as spaces, as in the engine.
    const spaced = (ref: string): string => `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},UNICHAR(160)," "),CHAR(9)," "),CHAR(10)," "),CHAR(13)," ")`;
    expect(met.kind === "formula" && met.formula).toBe(`SUMPRODUCT(--ISNUMBER(MATCH(TRIM(CLEAN(${spaced("Cases[[2.1 Initial assessment of risk of harm to others]]")})),{"yes","y","true"},0)))`);
    expect(cellAt(summary!, row, 5)).toMatchObject({ kind: "formula", result: 3 / 8 });
    const row36 = summary!.cells.find((c) => c.kind === "text" && c.text === "3.6")!.row;
    const f36 = cellAt(summary!, row36, 3)!;
    expect(f36.kind === "formula" && f36.formula).toBe(
      `SUMPRODUCT(ISNUMBER(MATCH(TRIM(CLEAN(${spaced("Cases[[3.6 Custodial planning for safeguarding and vulnerability]]")})),{"yes","y","true"},0))` +
        `*NOT(ISNUMBER(MATCH(TRIM(CLEAN(${spaced("Cases[[Sentence]]")})),{"community","community sentence","in the community",` +
          `"out-of-court","out of court","out-of-court disposal","out of court disposal","ooc","oocd","youth caution","youth conditional caution","community resolution"},0))))`,
    );
    const plain = buildReportLayouts(sample(), { generatedAt })[0]!;
    const f = cellAt(plain, row, 3)!;
    expect(f.kind === "formula" && f.formula).toBe(`SUMPRODUCT(--ISNUMBER(MATCH(TRIM(CLEAN(${spaced("Cases!$I$2:$I$9")})),{"yes","y","true"},0)))`);
  });

  it("has a section row with the section's totals above its criteria, and an overall row", () => {
    const a = sample();
    const [summary] = buildReportLayouts(a, { generatedAt });
    for (const s of a.sections) {
      const row = summary!.cells.find((c) => c.col === 1 && c.kind === "text" && c.text === s.title)!.row;
      expect(cellAt(summary!, row, 0)).toMatchObject({ kind: "text", text: String(s.number) });
      expect(cellAt(summary!, row, 2)).toMatchObject({ kind: "formula", result: s.relevant });
      expect(cellAt(summary!, row, 3)).toMatchObject({ kind: "formula", formula: expect.stringMatching(/^SUM\(D\d+:D\d+\)$/), result: s.met });
      const first = a.criteria.find((c) => c.section === s.number)!;
      expect(cellAt(summary!, row + 1, 0)).toMatchObject({ text: first.id });
    }
    const overall = summary!.cells.find((c) => c.kind === "text" && c.text === "All criteria")!;
    expect(cellAt(summary!, overall.row, 2)).toMatchObject({ result: a.overall.relevant });
    expect(summary!.freeze).not.toBeNull();
    expect(summary!.print).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 1 });
    expect(summary!.chart?.values).toMatch(/^C\d+:C\d+$/);
    expect(summary!.chart?.cachedValues).toEqual(a.sections.map((s) => s.percent! / 100));
  });

  it("writes bands as live formulas cached with the engine's band, and colours them by the same rule", () => {
    const a = sample();
    const [summary] = buildReportLayouts(a, { generatedAt });
    const row = summary!.cells.find((c) => c.kind === "text" && c.text === "2.1")!.row;
    const band = cellAt(summary!, row, 6)!;
    expect(band).toMatchObject({ kind: "formula", result: "Improvement needed" });
    expect(band.kind === "formula" && band.formula).toBe(
      `IF(C${row + 1}=0,"No relevant cases",IF(100*D${row + 1}/C${row + 1}>=80-1E-9,"Strength",IF(100*D${row + 1}/C${row + 1}<=65+1E-9,"Improvement needed","–")))`,
    );
    // The facts line once out of date; percent and band columns, green and red, nothing else (no
    // data bars); phrases out of date in red.
    expect(summary!.conditionalFormats.map((f) => [f.kind, f.range.replace(/\d+/g, "")])).toEqual([
      ["expression", "A"],
      ["expression", "F:F"],
      ["expression", "G:G"],
      ["expression", "F:F"],
      ["expression", "G:G"],
      ["text-equals", "H:H"],
    ]);
  });

  it("has no interview rows when nobody was interviewed", () => {
    const [summary] = buildReportLayouts(sample(), { generatedAt });
    expect(texts(summary!).some((t) => /interview/i.test(t))).toBe(false);
  });

  it("says where to find the errors without naming one tool only", () => {
    const header = [...standardHeader(), "2 Notes"];
    const rows: CellValue[][] = [header, validRow("C01", "Community", "Yes", { "2.1": "Maybe" }), validRow("C02", "Community", "Yes")];
    const a = analyseWorkbook({ cases: makeGrid(rows) });
    const [summary] = buildReportLayouts(a, { generatedAt });
    const line = texts(summary!).find((t) => /error/.test(t) && /left out of these counts/.test(t))!;
    expect(line).toContain("Check cases");
    expect(line).toContain("inspection-workbook validate");
    expect(line).not.toMatch(/^Run /);
  });

  it("keeps a formula-like note as text in the evidence", () => {
    const [, strengths] = buildReportLayouts(sample(), { generatedAt });
    const note = strengths!.cells.find((c) => c.kind === "text" && c.text === "=SUM(A1:A9)");
    expect(note).toBeDefined();
    // The one formula is the banner in A3.
    expect(strengths!.cells.filter((c) => c.kind === "formula").map((c) => [c.row, c.col])).toEqual([[2, 0]]);
  });

  it("labels cases by number when redaction is on, and never shows managers", () => {
    const [, strengths] = buildReportLayouts(sample({ redact: true }), { generatedAt });
    const all = texts(strengths!).join("\n");
    expect(all).not.toMatch(/\bC0\d\b/);
    expect(all).toMatch(/\bCase 2\b/);
    expect(all).not.toContain("A. Manager");
  });

  it("continues an over-long note over as many rows as it needs, each within Excel's cell limit", () => {
    const [, strengths] = buildReportLayouts(sample({ note: "x".repeat(40000) }), { generatedAt });
    // No row is taller than a row can be (409 points), so nothing is cut and nothing overflows.
    const pieces = texts(strengths!).filter((t) => /^x+$/.test(t));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(pieces.join("")).toBe("x".repeat(40000));
    expect(Math.max(...strengths!.rowHeights.map((h) => h.height))).toBeLessThanOrEqual(409);
  });

  it("orders findings by distance from the threshold, with sentences and evidence", () => {
    const f = selectFindings(sample());
    expect(f.improvements.map((x) => x.criterion.id)).toEqual(["2.1"]);
    expect(f.improvements[0]!.sentence).toBe("In five out of eight relevant cases, the initial assessment of risk of harm to others was not done well.");
    // Every case judged No, most specific first: C07 was also judged No on 2.5, so its section-2
    // note may be about that (last); C08 was judged Yes on one fewer other criterion (2.5 N/A).
    expect(f.improvements[0]!.evidence.map((e) => e.label)).toEqual(["C08", "C04", "C05", "C06", "C07"]);
    const distances = f.strengths.map((x) => x.distance);
    expect([...distances].sort((a, b) => b - a)).toEqual(distances);
    expect(f.strengths.find((x) => x.criterion.id === "4.4")!.sentence).toBe("Attention to health and well-being outcomes was done well in seven out of eight cases.");
  });

  it("is identical when built twice", () => {
    expect(JSON.stringify(buildReportLayouts(sample(), { generatedAt }))).toBe(JSON.stringify(buildReportLayouts(sample(), { generatedAt })));
  });
});
