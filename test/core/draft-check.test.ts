/**
 * The draft check: the quantity table read backwards agrees with every phrase it writes, and the
 * sample findings draft (true sentences, then planted mistakes) is judged as it must be.
 */
import fc from "fast-check";
import {
  analyseWorkbook,
  checkDraft,
  countInWords,
  criterionSentence,
  describeProportion,
  describeStated,
  findStatements,
  normaliseSentence,
  paragraphsOf,
  phraseOptions,
  QUANTITY_TERMS,
  readCount,
  splitDraftText,
  splitSentences,
  type Analysis,
  type PhraseOptions,
  type WorkbookGrids,
} from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { PLANTS, plantedFindings, sampleFindings, score } from "../fixtures/drafts/plants";
import * as path from "node:path";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");
// The file is read once (beforeAll: the xlsx reader, not the core); the analysis is made in
// beforeEach of the describes that use it, so a mutation run's per-test coverage sees it.
let sampleGrids: WorkbookGrids;
beforeAll(async () => {
  sampleGrids = (await readWorkbookFile(SAMPLE)).grids;
});
let sample: Analysis;
const analyseSample = (): void => {
  sample = analyseWorkbook(sampleGrids);
};

/** Whether a phrase, read back, can be true of met (or not met) out of relevant. */
function readsAsTrue(text: string, met: number, relevant: number, o: PhraseOptions = phraseOptions()): boolean {
  const statements = findStatements(normaliseSentence(text));
  if (statements.length === 0) return false;
  return statements.every((s) => s.terms.every((t) => t.term.holds(s.negative ? relevant - met : met, relevant, t.use, o, {})));
}

describe("the quantity table read both ways", () => {
  const counts = fc.integer({ min: 0, max: 400 }).chain((rel) => fc.tuple(fc.integer({ min: 0, max: rel }), fc.constant(rel)));
  const options = fc.record({
    nearMargin: fc.constantFrom(0.02, 0.05, 0.1),
    vastMajority: fc.constantFrom(0.8, 0.85, 0.9),
    smallMinority: fc.constantFrom(0.15, 0.2, 0.25),
    wordsUpTo: fc.constantFrom(0, 5, 10, 20),
    allButUpTo: fc.constantFrom(0, 2, 3, 5),
  });

  it("every phrase the product writes reads back as true of its own counts, and of no other count", () => {
    fc.assert(
      fc.property(counts, options, ([met, rel], o) => {
        const phrase = describeProportion(met, rel, o);
        if (!readsAsTrue(`It was done well in ${phrase}.`, met, rel, o)) return false;
        // Every phrase carries its counts, so it cannot be true of another count of met.
        for (const other of [met - 1, met + 1]) if (other >= 0 && other <= rel && readsAsTrue(`It was done well in ${phrase}.`, other, rel, o)) return false;
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it("the product's strength and improvement sentences read back as true, with the negation read", () => {
    fc.assert(
      fc.property(counts.filter(([, rel]) => rel > 0), ([met, rel]) => {
        const strength = criterionSentence("the initial assessment of risk of harm to others", met, rel, "strength");
        const improvement = criterionSentence("the initial assessment of risk of harm to others", met, rel, "improvement");
        if (!readsAsTrue(strength, met, rel)) return false;
        // An improvement is written only when some cases were not met: true of its counts, not of one more met.
        return met === rel || (readsAsTrue(improvement, met, rel) && !readsAsTrue(improvement, met + 1, rel));
      }),
      { numRuns: 1500 },
    );
  });

  it("reads counts in words and digits", () => {
    for (let n = 1; n <= 99; n++) expect(readCount(n <= 20 ? countInWords(n) : String(n))).toBe(n);
    expect(readCount("twenty-one")).toBe(21);
    expect(readCount("ninety nine")).toBe(99);
    expect(readCount("several")).toBeNull();
  });

  it("names every term once", () => {
    const names = QUANTITY_TERMS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("quantity statements in a sentence", () => {
  const read = (text: string): { terms: string[]; negative: boolean; counted: string }[] =>
    findStatements(normaliseSentence(text)).map((s) => ({ terms: s.terms.map((t) => t.term.name), negative: s.negative, counted: s.counted }));

  it.each([
    ["In 8 out of 19 relevant cases this assessment was not done well.", [{ terms: ["count"], negative: true, counted: "cases" }]],
    ["It was done well in all but three of the cases inspected.", [{ terms: ["all-but"], negative: false, counted: "cases" }]],
    ["It was sufficient in just under two-thirds of cases.", [{ terms: ["near-share"], negative: false, counted: "cases" }]],
    ["We found that this was not done well in almost half the cases.", [{ terms: ["near-share"], negative: true, counted: "cases" }]],
    ["Supervisory input had not made a positive difference in 8 out of 19 cases.", [{ terms: ["count"], negative: true, counted: "cases" }]],
    ["It was insufficient in five cases.", [{ terms: ["at-least"], negative: true, counted: "cases" }]],
    ["Where they did not cooperate, enforcement action was taken in every case.", [{ terms: ["all"], negative: false, counted: "cases" }]],
    ["Eight out of nine case managers interviewed were clear about priorities.", [{ terms: ["count"], negative: false, counted: "interviews" }]],
    ["Attention was given in every case (20 out of 20).", [{ terms: ["all", "count"], negative: false, counted: "cases" }]],
    ["Encouragingly, we found evidence in nearly every PSR.", [{ terms: ["nearly-all"], negative: false, counted: "cases" }]],
    ["Not all cases had a plan.", [{ terms: ["not-all"], negative: false, counted: "cases" }]],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    'One inspector commented "In 12 cases the plan was late".',
    "Bruce was sent into custody for 12 months.",
    "The fieldwork took place from 16th-18th June 2014.",
    "A group of approximately five males carried knives.",
    "Two months later the review was completed.",
    "He can be contacted on 077969 48325.",
    "One case manager had used pictures to help.",
  ])("is not a statement about cases: %s", (text) => {
    expect(read(text)).toEqual([]);
  });
});

describe("paragraphs and sentences", () => {
  it("keeps the criterion number a bullet starts with", () => {
    const ps = splitDraftText("2. Protecting the public\n\n- 2.1. In 8 out of 19 relevant cases this was not done well.\n* 2.2 Reviews were done well.\nNo number here.");
    expect(ps.map((p) => p.leadingId)).toEqual([null, "2.1", "2.2", null]);
    expect(ps.map((p) => p.number)).toEqual([1, 2, 3, 4]);
  });
  it("joins a line wrapped inside a sentence", () => {
    expect(splitDraftText("The review was done well in\nseven out of nine cases.\n").map((p) => p.text)).toEqual(["The review was done well in seven out of nine cases."]);
  });
  it("does not split sentences after a criterion number or an abbreviation", () => {
    expect(splitSentences("As in 2.1. the plan, e.g. Bruce's, was late. It was done.")).toEqual(["As in 2.1. the plan, e.g. Bruce's, was late.", "It was done."]);
  });
  it("reads Word's paragraphs as given, dropping empty ones", () => {
    expect(paragraphsOf(["", "Summary", "  ", "2.1. Text."]).map((p) => [p.number, p.leadingId])).toEqual([
      [1, null],
      [2, "2.1"],
    ]);
  });
});

describe("the sample findings draft against the sample workbook", () => {
  beforeEach(analyseSample);

  it("agrees with every true sentence (no false alarm)", () => {
    const check = checkDraft(splitDraftText(sampleFindings()), sample);
    expect(check.statements.filter((s) => s.verdict === "disagrees").map((s) => s.text)).toEqual([]);
    expect(check.agrees).toBeGreaterThanOrEqual(35);
    // "We examined 20 cases" is the number of cases, held to the workbook's 20; nothing is left unmatched.
    expect(check.statements.filter((s) => s.verdict === "unmatched").map((s) => s.text)).toEqual([]);
    expect(check.statements.find((s) => s.tiedBy === "sample")).toMatchObject({ paragraph: 2, criterionId: null, verdict: "agrees", stated: { relevant: 20 }, actual: { relevant: 20 } });
  });

  it("flags every planted mistake, and nothing else", () => {
    const check = checkDraft(splitDraftText(plantedFindings()), sample);
    const flagged = check.statements.filter((s) => s.verdict === "disagrees");
    const s = score(flagged);
    expect({ falsePositives: s.falsePositives, falseNegatives: s.falseNegatives }).toEqual({ falsePositives: 0, falseNegatives: 0 });
    expect(s.truePositives).toBe(PLANTS.length);
  });

  it("says what the counts are and what the report would write", () => {
    const check = checkDraft(splitDraftText("2. Protecting the public\n\n- 2.1. In 9 out of 19 relevant cases this assessment was not done well."), sample);
    expect(check.statements).toHaveLength(1);
    const [s] = check.statements;
    expect(s).toMatchObject({ criterionId: "2.1", verdict: "disagrees", stated: { notMet: 9, relevant: 19 }, actual: { met: 11, notMet: 8, relevant: 19 } });
    expect(s!.suggestion).toBe("In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well.");
    expect(s!.productPhrase).toBe("a minority of the cases (8 out of 19)");
  });

  it("says in plain words what a phrase was read as", () => {
    const read = (text: string): string => describeStated(checkDraft(splitDraftText(text), sample).statements[0]!);
    expect(read("- 2.1. The initial assessment of risk of harm to others was done well in all 19 relevant cases.")).toBe('19 met of 19 ("all 19", read as all 19 met)');
    expect(read("- 2.1. The initial assessment of risk of harm to others was done well in all but two of the 19 cases.")).toBe('2 not met of 19 ("all but two of the 19", read as all except exactly 2 of 19 met)');
  });

  it("reports an ambiguous phrase as agreeing with its range", () => {
    const check = checkDraft(splitDraftText("- 3.1. In the vast majority of relevant cases, the initial assessment of safeguarding and vulnerability was carried out well."), sample);
    expect(check.statements[0]).toMatchObject({ criterionId: "3.1", verdict: "agrees" });
    expect(check.statements[0]!.means).toMatch(/75% or more met/);
  });

  it("does not tie a second finding in a numbered paragraph that names other work", () => {
    const check = checkDraft(
      splitDraftText("- 4.5. Almost half of children and young people complied with their order. Where they did not cooperate, appropriate enforcement action was taken in every case."),
      sample,
    );
    expect(check.statements.map((s) => [s.criterionId, s.verdict])).toEqual([
      [null, "unmatched"],
      ["4.5", "agrees"],
    ]);
  });
});

describe("the number of cases examined, or people interviewed", () => {
  beforeEach(analyseSample);
  const judged = (text: string) => checkDraft(splitDraftText(text), sample).statements.map((s) => ({ verdict: s.verdict, tiedBy: s.tiedBy, suggestion: s.suggestion }));

  it("holds the number of cases examined to the workbook's cases, and corrects it in the draft's own wording", () => {
    // The sample workbook has 20 cases and 9 interviewees.
    expect(judged("We examined 20 cases supervised by the YOS.")).toEqual([{ verdict: "agrees", tiedBy: "sample", suggestion: undefined }]);
    expect(judged("Inspectors reviewed twenty case files.")).toEqual([{ verdict: "agrees", tiedBy: "sample", suggestion: undefined }]);
    expect(judged("We examined 22 cases supervised by the YOS, wherever possible with the case manager.")).toEqual([
      { verdict: "disagrees", tiedBy: "sample", suggestion: "We examined 20 cases supervised by the YOS, wherever possible with the case manager." },
    ]);
    expect(judged("In total we inspected twenty-two cases.")).toEqual([{ verdict: "disagrees", tiedBy: "sample", suggestion: "In total we inspected twenty cases." }]);
    expect(judged("We interviewed 9 case managers.")).toEqual([{ verdict: "agrees", tiedBy: "sample", suggestion: undefined }]);
    expect(judged("We interviewed 11 case managers.")).toEqual([{ verdict: "disagrees", tiedBy: "sample", suggestion: "We interviewed 9 case managers." }]);
  });

  it("leaves a part of the sample, or a count that is not the sample's, to the other rules", () => {
    for (const text of ["We examined 6 custodial cases.", "We examined 10 cases of children in custody.", "In 12 cases we examined the plan was late.", "We examined 20 cases where the risk was high."]) {
      expect(checkDraft(splitDraftText(text), sample).statements.filter((s) => s.tiedBy === "sample")).toEqual([]);
    }
  });
});
