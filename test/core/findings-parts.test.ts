/**
 * Key strengths and Areas requiring improvement, part by part: the caution under a finding on few
 * cases, the label a case is shown under, the order of the evidence notes (the case's own note on
 * the criterion, then its section note, then a general note; a note in the criterion's own words
 * first), how many notes are shown, the order of the findings and the change since the last
 * inspection.
 */
import { analyseWorkbook, caseLabel, findingCaution, selectFindings, type Analysis, type CellValue, type Comparison } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

interface CaseSpec {
  readonly id: string;
  readonly judgements?: Record<string, CellValue>;
  /** Notes by column name: "4 Notes" (a section), "2.1 Notes" (a criterion), "Notes" (general). */
  readonly notes?: Record<string, string>;
}

const NOTE_COLUMNS = ["1 Notes", "2 Notes", "3 Notes", "4 Notes", "5 Notes", "2.1 Notes", "Notes"];

function analyse(cases: readonly CaseSpec[]): Analysis {
  const rows: CellValue[][] = [[...standardHeader(), ...NOTE_COLUMNS]];
  for (const c of cases) rows.push([...validRow(c.id, "Community", "Yes", c.judgements ?? {}), ...NOTE_COLUMNS.map((n) => c.notes?.[n] ?? null)]);
  return analyseWorkbook({ cases: makeGrid(rows), settings: makeGrid([["Setting", "Value"]], { sheet: "Settings" }) });
}

const improvement = (a: Analysis, id: string, options = {}) => selectFindings(a, options).improvements.find((f) => f.criterion.id === id)!;
const strength = (a: Analysis, id: string) => selectFindings(a).strengths.find((f) => f.criterion.id === id)!;
const labels = (f: { evidence: readonly { label: string }[] }): string[] => f.evidence.map((e) => e.label);

describe("the caution under a finding on few cases", () => {
  it("says 'only one relevant case' in the singular", () => {
    expect(findingCaution({ relevant: 1, interval: { low: 2.5, high: 100 } })).toBe(
      "Based on only one relevant case, so treat it with care: with 95% confidence the rate lies between 3% and 100%.",
    );
  });

  it("rounds a bound of exactly a half up, as a reader rounds it (34.5% is 35%)", () => {
    expect(findingCaution({ relevant: 2, interval: { low: 34.5, high: 100 } })).toBe(
      "Based on only two relevant cases, so treat it with care: with 95% confidence the rate lies between 35% and 100%.",
    );
  });
});

describe("the label a case is shown under", () => {
  it("is the case ID, or 'Case N' when redaction is on or the ID is missing", () => {
    expect(caseLabel({ id: "C03", number: 3 }, false)).toBe("C03");
    expect(caseLabel({ id: "C03", number: 3 }, true)).toBe("Case 3");
    expect(caseLabel({ id: "", number: 7 }, false)).toBe("Case 7");
  });
});

describe("the order of the evidence under an area for improvement", () => {
  // 2.1 judged No in C1 and C2, Yes in C3: 33%, an area for improvement.
  const no = { "2.1": "No" };

  it("puts the case's own note on the criterion before a section note of an earlier case", () => {
    const a = analyse([
      { id: "C1", judgements: no, notes: { "2 Notes": "Nothing recorded." } },
      { id: "C2", judgements: no, notes: { "2.1 Notes": "Nothing recorded either." } },
      { id: "C3" },
    ]);
    expect(improvement(a, "2.1").evidence).toEqual([
      { label: "C2", source: "criterion", note: "Nothing recorded either." },
      { label: "C1", source: "section", note: "Nothing recorded." },
    ]);
  });

  it("puts a general note (the Notes column) after a section note of a later case", () => {
    const a = analyse([
      { id: "C1", judgements: no, notes: { Notes: "General remark." } },
      { id: "C2", judgements: no, notes: { "2 Notes": "Section remark." } },
      { id: "C3" },
    ]);
    expect(improvement(a, "2.1").evidence).toEqual([
      { label: "C2", source: "section", note: "Section remark." },
      { label: "C1", source: "general", note: "General remark." },
    ]);
  });

  it("counts only the criterion's own section when weighing a case's other failures (a No in section 1 does not count)", () => {
    const a = analyse([
      { id: "C1", judgements: { ...no, "1.1": "No" }, notes: { "2 Notes": "Nothing recorded." } },
      { id: "C2", judgements: no, notes: { "2 Notes": "Nothing recorded either." } },
      { id: "C3" },
    ]);
    expect(labels(improvement(a, "2.1"))).toEqual(["C1", "C2"]);
  });

  it("keeps case order between notes that are equally specific", () => {
    const a = analyse([
      { id: "C1", judgements: no, notes: { "2 Notes": "First." } },
      { id: "C2", judgements: no, notes: { "2 Notes": "Second." } },
      { id: "C3", judgements: no, notes: { "2 Notes": "Third." } },
      { id: "C4", judgements: no, notes: { "2 Notes": "Fourth." } },
      { id: "C5" },
    ]);
    expect(labels(improvement(a, "2.1"))).toEqual(["C1", "C2", "C3", "C4"]);
  });

  it("puts first a note in the criterion's own words, a word of the same stem counting ('assessed' for 'assessment'), however long the other note", () => {
    const a = analyse([
      { id: "C1", judgements: no, notes: { "2 Notes": "Nothing notable recorded here today." } },
      { id: "C2", judgements: no, notes: { "2 Notes": "It was assessed late." } },
      { id: "C3" },
    ]);
    expect(labels(improvement(a, "2.1"))).toEqual(["C2", "C1"]);
  });

  it("shows at most the number of notes asked for, and says how many there were", () => {
    const a = analyse([
      { id: "C1", judgements: no, notes: { "2 Notes": "First." } },
      { id: "C2", judgements: no, notes: { "2 Notes": "Second." } },
      { id: "C3" },
    ]);
    const f = improvement(a, "2.1", { maxEvidence: 1 });
    expect(labels(f)).toEqual(["C1"]);
    expect(f.evidenceTotal).toBe(2);
    expect(labels(improvement(a, "2.1"))).toEqual(["C1", "C2"]);
  });
});

describe("the order of the evidence under a strength", () => {
  it("does not count common words ('well', 'being', 'and') as the criterion's own words", () => {
    // 4.4 is "Attention to health and well-being outcomes": "outcomes" is its word; "well", "being", "and", "to" are not.
    const a = analyse([
      { id: "C1", notes: { "4 Notes": "Done well, and being to the point with her." } },
      { id: "C2", notes: { "4 Notes": "Outcomes noted." } },
    ]);
    expect(labels(strength(a, "4.4"))[0]).toBe("C2");
  });

  it("shows, when every note is of a case judged No elsewhere in the section, only the one of the fewest such failures", () => {
    const a = analyse([
      { id: "C1", judgements: { "4.1": "No", "4.3": "No" }, notes: { "4 Notes": "Mixed note one." } },
      { id: "C2", judgements: { "4.3": "No" }, notes: { "4 Notes": "Mixed note two." } },
      { id: "C3" },
      { id: "C4" },
      { id: "C5" },
    ]);
    expect(strength(a, "4.4").evidence).toEqual([{ label: "C2", source: "section", note: "Mixed note two." }]);
  });

  it("never shows the same words twice under one strength", () => {
    const a = analyse([
      { id: "C1", notes: { "4 Notes": "Same words." } },
      { id: "C2", notes: { "4 Notes": "Same words." } },
      { id: "C3", notes: { "4 Notes": "Other words." } },
    ]);
    // 4.1 is the first strength of section 4 (all at 100%, in criterion order).
    expect(labels(strength(a, "4.1"))).toEqual(["C1", "C3"]);
  });

  it("lists a later strength's notes most specific first, even when one was already shown under an earlier strength", () => {
    const a = analyse(["Alpha.", "Beta.", "Gamma.", "Delta."].map((note, i) => ({ id: `C${i + 1}`, notes: { "4 Notes": note } })));
    expect(labels(strength(a, "4.1"))).toEqual(["C1", "C2", "C3"]);
    // 4.2 prefers Delta (not yet shown) to Gamma, but lists its three in case order.
    expect(labels(strength(a, "4.2"))).toEqual(["C1", "C2", "C4"]);
  });
});

describe("ranking by the criterion's words, only for a sample of inspection size", () => {
  // 2.1 judged No in every case; only the last case's note uses the criterion's words.
  const manyCases = (n: number): CaseSpec[] =>
    Array.from({ length: n }, (_, i) => ({ id: `C${i + 1}`, judgements: { "2.1": "No" }, notes: { "2 Notes": i === n - 1 ? "Risk of harm assessed." : `Note ${i + 1}.` } }));

  it("ranks 500 notes by the criterion's words", () => {
    expect(labels(improvement(analyse(manyCases(500)), "2.1"))[0]).toBe("C500");
  });

  it("orders 501 notes by case without reading their words", () => {
    expect(labels(improvement(analyse(manyCases(501)), "2.1"))[0]).toBe("C1");
  });
});

describe("the order of the findings and how far each is from its threshold", () => {
  // 1.1: 2 of 4 (50%); 2.1: 0 of 4 (0%). Both areas for improvement (65% or less); 4.4 a strength at 100%.
  // Analysed in beforeEach, not the describe body, so a mutation run's per-test coverage sees it.
  let f: ReturnType<typeof selectFindings>;
  beforeEach(() => {
    f = selectFindings(
      analyse([
        { id: "C1", judgements: { "2.1": "No" } },
        { id: "C2", judgements: { "1.1": "No", "2.1": "No" } },
        { id: "C3", judgements: { "1.1": "No", "2.1": "No" } },
        { id: "C4", judgements: { "2.1": "No" } },
      ]),
    );
  });

  it("measures a strength above 80% and an improvement below 65%, in points", () => {
    expect(f.strengths.find((x) => x.criterion.id === "4.4")!.distance).toBeCloseTo(20, 9);
    expect(f.improvements.find((x) => x.criterion.id === "1.1")!.distance).toBeCloseTo(15, 9);
    expect(f.improvements.find((x) => x.criterion.id === "2.1")!.distance).toBeCloseTo(65, 9);
  });

  it("lists the improvement furthest below its threshold first", () => {
    expect(f.improvements.map((x) => x.criterion.id)).toEqual(["2.1", "1.1"]);
  });
});

describe("the change since the last inspection in a finding's sentence", () => {
  let a: ReturnType<typeof analyse>;
  beforeEach(() => {
    a = analyse(["C1", "C2", "C3", "C4", "C5", "C6"].map((id) => ({ id })));
  });
  const change = (id: string, interview: boolean, met: number) => ({
    id,
    title: id,
    interview,
    current: { met: 6, relevant: 6, percent: 100 },
    previous: { met, relevant: 6, percent: (100 * met) / 6 },
    change: 100 - (100 * met) / 6,
    interval: { low: 10, high: 90 },
    direction: "improved",
  });
  // Before 4.4's own figure: an interview question with the same ID, and another criterion.
  const comparison = { criteria: [change("4.4", true, 2), change("4.3", false, 3), change("4.4", false, 1)] } as unknown as Comparison;

  it("takes the change of the criterion itself, not an interview question's with the same ID nor another criterion's", () => {
    const f = selectFindings({ ...a, comparison }).strengths.find((x) => x.criterion.id === "4.4")!;
    expect(f.sentence).toBe("Attention to health and well-being outcomes was done well in all six cases, up from 17% (1 of 6) at the last inspection.");
  });
});
