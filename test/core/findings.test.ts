/**
 * The evidence under each finding: the notes of the cases judged No under an improvement; at most
 * three notes of cases judged Yes under a strength, the most specific first; a case never under a
 * finding its judgement contradicts.
 */
import { analyseWorkbook, selectFindings, toReportJson, type CellValue, type Finding } from "../../src/core";
import { SheetBuilder } from "../../src/core/layout/sheet-builder";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const NOTES = ["1 Notes", "2 Notes", "3 Notes", "4 Notes", "5 Notes"];

interface CaseSpec {
  readonly id: string;
  readonly judgements?: Record<string, CellValue>;
  readonly notes?: Partial<Record<1 | 2 | 3 | 4 | 5, string>>;
}

function analyse(cases: readonly CaseSpec[], settings: [string, string][] = []) {
  const rows: CellValue[][] = [[...standardHeader(), ...NOTES]];
  for (const c of cases) {
    rows.push([...validRow(c.id, "Community", "Yes", c.judgements ?? {}), ...[1, 2, 3, 4, 5].map((s) => c.notes?.[s as 1] ?? null)]);
  }
  const settingsGrid = makeGrid([["Setting", "Value"], ...settings], { sheet: "Settings" });
  return analyseWorkbook({ cases: makeGrid(rows), settings: settingsGrid });
}

describe("evidence under an area for improvement", () => {
  // 2.1 judged No in C1–C3, Yes in C4–C6: 50%, an area for improvement.
  const cases: CaseSpec[] = [
    { id: "C1", judgements: { "2.1": "No", "2.3": "No" }, notes: { 2: "Risk and planning both weak." } },
    { id: "C2", judgements: { "2.1": "No" }, notes: { 2: "The risk of harm to others was not assessed." } },
    { id: "C3", judgements: { "2.1": "No" } },
    { id: "C4", notes: { 2: "Good assessment of risk of harm." } },
    { id: "C5", notes: { 2: "Thorough risk work." } },
    { id: "C6" },
  ];
  // Selected in beforeEach, not in the describe body, so a mutation run's per-test coverage sees it.
  let f: Finding;
  beforeEach(() => {
    f = selectFindings(analyse(cases)).improvements.find((x) => x.criterion.id === "2.1")!;
  });

  it("lists the notes of the cases judged No, and only those", () => {
    expect(f.evidence.map((e) => e.label).sort()).toEqual(["C1", "C2"]);
    expect(f.evidenceTotal).toBe(2);
  });

  it("puts first the note of the case whose only No in the section is this criterion", () => {
    expect(f.evidence.map((e) => e.label)).toEqual(["C2", "C1"]);
    expect(f.evidence[0]).toEqual({ label: "C2", source: "section", note: "The risk of harm to others was not assessed." });
  });
});

describe("evidence under a strength", () => {
  // 4.4 judged Yes everywhere. C1 was judged No on 4.3 (its section-4 note may speak of that).
  const cases: CaseSpec[] = [
    { id: "C1", judgements: { "4.3": "No" }, notes: { 4: "Diversity needs were not followed through." } },
    { id: "C2", notes: { 4: "The PSR was shared before sentence." } },
    { id: "C3", notes: { 4: "Health needs were addressed with CAMHS and well-being was attended to." } },
    { id: "C4", notes: { 4: "The PSR was shared before sentence." } },
    { id: "C5", notes: { 4: "Enforcement was proportionate." } },
    { id: "C6", notes: { 4: "Parents were involved in the assessment." } },
  ];
  let findings: ReturnType<typeof selectFindings>;
  let f44: Finding;
  beforeEach(() => {
    findings = selectFindings(analyse(cases));
    f44 = findings.strengths.find((x) => x.criterion.id === "4.4")!;
  });

  it("shows at most three notes, all of cases judged Yes, none of a case judged No elsewhere in the section", () => {
    expect(f44.evidence).toHaveLength(3);
    expect(f44.evidence.map((e) => e.label)).not.toContain("C1");
  });

  it("puts first the note that speaks of the criterion (health and well-being)", () => {
    expect(f44.evidence[0]!.label).toBe("C3");
  });

  it("never shows the same words twice under one finding", () => {
    const texts = f44.evidence.map((e) => e.note);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("prefers, under a later strength, notes not already shown under an earlier one", () => {
    // Four different clean notes in section 4 (C2 and C4 wrote the same words): the first
    // section-4 strength shows three, the next shows the fourth among its three.
    const [first, second] = findings.strengths.filter((s) => s.criterion.section === "4");
    const texts = new Set(cases.slice(1).map((c) => c.notes![4]!));
    const unseen = [...texts].filter((t) => !first!.evidence.some((e) => e.note === t));
    expect(first!.evidence).toHaveLength(3);
    expect(unseen).toHaveLength(1);
    expect(second!.evidence.map((e) => e.note)).toContain(unseen[0]);
  });

  it("falls back to the single most specific note when only mixed cases wrote one", () => {
    const only = selectFindings(analyse([{ id: "C1", judgements: { "4.3": "No" }, notes: { 4: "Mixed note." } }, { id: "C2" }, { id: "C3" }]));
    const f = only.strengths.find((x) => x.criterion.id === "4.4")!;
    expect(f.evidence).toEqual([{ label: "C1", source: "section", note: "Mixed note." }]);
  });
});

describe("what a sentence leaves out", () => {
  it("says so when cells with errors or cases not yet judged are left out of the count", () => {
    const a = analyse([{ id: "C1", judgements: { "4.4": "Maybe" } }, { id: "C2", judgements: { "4.4": null } }, { id: "C3" }, { id: "C4" }]);
    const f = selectFindings(a).strengths.find((x) => x.criterion.id === "4.4")!;
    expect(f.sentence).toBe("Attention to health and well-being outcomes was done well in both cases. One case was left out because its cell has an error; one is not yet judged.");
  });
});

describe("report --json evidence", () => {
  const cases: CaseSpec[] = [
    { id: "C1", judgements: { "2.1": "No" }, notes: { 2: "Risk not assessed." } },
    { id: "C2", judgements: { "2.1": "No" } },
    { id: "C3", notes: { 2: "Good risk work." } },
  ];

  it("gives each criterion its finding and the evidence shown under it: case, source, text", () => {
    const json = toReportJson(analyse(cases));
    const c21 = json.criteria.find((c) => c.id === "2.1")!;
    expect(c21.finding).toBe("improvement");
    expect(c21.evidence).toEqual([{ case: "C1", source: "section", text: "Risk not assessed." }]);
    const middle = json.criteria.find((c) => c.band === "middle");
    if (middle) expect(middle).toMatchObject({ finding: null, evidence: [] });
  });

  it("labels the cases as the sheet does when redaction is on", () => {
    const json = toReportJson(analyse(cases, [["Redact case IDs and names", "Yes"]]));
    expect(json.criteria.find((c) => c.id === "2.1")!.evidence).toEqual([{ case: "Case 1", source: "section", text: "Risk not assessed." }]);
    expect(JSON.stringify(json.criteria)).not.toMatch(/"C1"/);
  });
});

describe("page breaks", () => {
  it("moves a heading that would end a page to the top of the next, with what it keeps together", () => {
    const b = new SheetBuilder("strengths", "S", { x: { wrap: true } });
    for (let r = 0; r < 7; r++) b.text(r, 0, "x", "x").height(r, 100);
    b.text(7, 0, "Heading", "x").height(7, 30);
    b.text(8, 0, "First finding", "x").height(8, 100);
    b.keepTogether(7, 8);
    const margins = { left: 0.5, right: 0.5, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
    const layout = b.build({
      columnWidths: [50],
      freeze: null,
      print: { orientation: "portrait", fitToWidth: 1, fitToHeight: 0, margins, repeatRows: null, footer: "" },
      chart: null,
      marker: "Generated by Case Inspection Workbook (Strengths & improvements)",
    });
    // Rows 0–6 take 700 of the page's 758 points; the heading fits, the finding does not.
    expect(layout.print.pageBreaks).toEqual([7]);
  });
});
