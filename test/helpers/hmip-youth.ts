/**
 * A planned inspection under the HMI Probation youth standards: ten court cases and five
 * out-of-court disposals judged so that each standard's key questions have the counts below, and
 * the organisational standards rated by hand. The figures they make were worked out by hand from
 * the inspectorate's rules (a standard takes the percentage of its lowest-scoring key question;
 * Outstanding 80%+, Good 65–79%, Requires improvement 50–64%, Inadequate below 50%; scores 3, 2,
 * 1, 0 summed over twelve standards; 0–6 Inadequate, 7–18 Requires improvement, 19–30 Good,
 * 31–36 Outstanding; resettlement not counted), not by the code under test.
 *
 * Used by the core, command-line, Office.js double and browser tests, so all four check the same
 * hand-worked answer.
 */
import ExcelJS from "exceljs";

type Judgement = "Yes" | "No" | "N/A";

/** Court cases C01–C10 (C09 and C10 in custody), then out-of-court disposals O01–O05. */
export const HMIP_CASES: readonly { readonly id: string; readonly sentence: "Community" | "Custody" | "Out-of-court"; readonly psr: "Yes" | "No" }[] = [
  ...Array.from({ length: 10 }, (_, i) => ({ id: `C${String(i + 1).padStart(2, "0")}`, sentence: i < 8 ? ("Community" as const) : ("Custody" as const), psr: i % 2 === 0 ? ("Yes" as const) : ("No" as const) })),
  ...Array.from({ length: 5 }, (_, i) => ({ id: `O0${i + 1}`, sentence: "Out-of-court" as const, psr: "No" as const })),
];

/**
 * Per key question: which cases it is judged for (by index in HMIP_CASES) and how many of those,
 * first in order, are judged Yes; the others judged No, every other case N/A.
 */
const COURT = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** A review was needed in six of the court cases. */
const REVIEWED = [0, 1, 2, 3, 4, 5];
const OUT_OF_COURT = [10, 11, 12, 13, 14];
export const HMIP_PLAN: Readonly<Record<string, { readonly cases: readonly number[]; readonly yes: number }>> = {
  "2.1.1": { cases: COURT, yes: 9 },
  "2.1.2": { cases: COURT, yes: 7 },
  "2.1.3": { cases: COURT, yes: 6 },
  "2.2.1": { cases: COURT, yes: 8 },
  "2.2.2": { cases: COURT, yes: 9 },
  "2.2.3": { cases: COURT, yes: 8 },
  "2.3.1": { cases: COURT, yes: 7 },
  "2.3.2": { cases: COURT, yes: 7 },
  "2.3.3": { cases: COURT, yes: 10 },
  "2.4.1": { cases: REVIEWED, yes: 3 },
  "2.4.2": { cases: REVIEWED, yes: 2 },
  "2.4.3": { cases: REVIEWED, yes: 4 },
  "3.1.1": { cases: OUT_OF_COURT, yes: 5 },
  "3.1.2": { cases: OUT_OF_COURT, yes: 4 },
  "3.1.3": { cases: OUT_OF_COURT, yes: 4 },
  "3.2.1": { cases: OUT_OF_COURT, yes: 3 },
  "3.2.2": { cases: OUT_OF_COURT, yes: 4 },
  "3.2.3": { cases: OUT_OF_COURT, yes: 5 },
  "3.3.1": { cases: OUT_OF_COURT, yes: 4 },
  "3.3.2": { cases: OUT_OF_COURT, yes: 5 },
  "3.3.3": { cases: OUT_OF_COURT, yes: 4 },
};

/** The organisational standards, rated by hand in the Criteria sheet's Rating column. */
export const HMIP_HAND_RATINGS: Readonly<Record<string, string>> = {
  "1.1": "Good",
  "1.2": "Good",
  "1.3": "Requires improvement",
  "1.4": "Outstanding",
  "3.4": "Good",
  "4.1": "Inadequate",
};

/**
 * Worked by hand. Each case standard: its lowest key question (the first on a tie), that
 * question's met out of relevant, the rating its percentage earns and the score.
 * 2.1: 2.1.1 9/10 90%, 2.1.2 7/10 70%, 2.1.3 6/10 60%: 2.1.3 decides, Requires improvement, 1.
 * 2.2: 80%, 90%, 80%: 2.2.1 decides (first of the tie), Outstanding, 3.
 * 2.3: 70%, 70%, 100%: 2.3.1 decides, Good, 2.
 * 2.4: 3/6 50%, 2/6 33.3%, 4/6 66.7%: 2.4.2 decides, Inadequate, 0.
 * 3.1: 100%, 80%, 80%: 3.1.2 decides, Outstanding, 3.
 * 3.2: 60%, 80%, 100%: 3.2.1 decides, Requires improvement, 1.
 * 3.3: 80%, 100%, 80%: 3.3.1 decides, Outstanding, 3.
 * By hand: 1.1 Good 2, 1.2 Good 2, 1.3 Requires improvement 1, 1.4 Outstanding 3, 3.4 Good 2;
 * 4.1 Inadequate, not counted.
 * Overall: 2 + 2 + 1 + 3 + (1 + 3 + 2 + 0) + (3 + 1 + 3) + 2 = 23 of 36: Good (19–30).
 * Pooled instead, 2.1 would be 22/30 = 73.3%, Good: the rule matters.
 */
export const HMIP_EXPECTED = {
  standards: [
    { number: "1.1", rule: "by-hand", decidedBy: null, met: 0, relevant: 0, rating: "Good", score: 2, counted: true },
    { number: "1.2", rule: "by-hand", decidedBy: null, met: 0, relevant: 0, rating: "Good", score: 2, counted: true },
    { number: "1.3", rule: "by-hand", decidedBy: null, met: 0, relevant: 0, rating: "Requires improvement", score: 1, counted: true },
    { number: "1.4", rule: "by-hand", decidedBy: null, met: 0, relevant: 0, rating: "Outstanding", score: 3, counted: true },
    { number: "2.1", rule: "lowest", decidedBy: "2.1.3", met: 6, relevant: 10, rating: "Requires improvement", score: 1, counted: true },
    { number: "2.2", rule: "lowest", decidedBy: "2.2.1", met: 8, relevant: 10, rating: "Outstanding", score: 3, counted: true },
    { number: "2.3", rule: "lowest", decidedBy: "2.3.1", met: 7, relevant: 10, rating: "Good", score: 2, counted: true },
    { number: "2.4", rule: "lowest", decidedBy: "2.4.2", met: 2, relevant: 6, rating: "Inadequate", score: 0, counted: true },
    { number: "3.1", rule: "lowest", decidedBy: "3.1.2", met: 4, relevant: 5, rating: "Outstanding", score: 3, counted: true },
    { number: "3.2", rule: "lowest", decidedBy: "3.2.1", met: 3, relevant: 5, rating: "Requires improvement", score: 1, counted: true },
    { number: "3.3", rule: "lowest", decidedBy: "3.3.1", met: 4, relevant: 5, rating: "Outstanding", score: 3, counted: true },
    { number: "3.4", rule: "by-hand", decidedBy: null, met: 0, relevant: 0, rating: "Good", score: 2, counted: true },
    { number: "4.1", rule: "by-hand", decidedBy: null, met: 0, relevant: 0, rating: "Inadequate", score: 0, counted: false },
  ],
  overall: { rule: "score-sum", score: 23, maxScore: 36, rating: "Good" },
} as const;

/** The judgement of one case on one key question under the plan. */
export function plannedJudgement(caseIndex: number, criterionId: string): Judgement {
  const plan = HMIP_PLAN[criterionId];
  if (!plan) throw new Error(`no plan for ${criterionId}`);
  const k = plan.cases.indexOf(caseIndex);
  return k < 0 ? "N/A" : k < plan.yes ? "Yes" : "No";
}

/**
 * The Cases rows for a Cases header (as the template writes it): Case ID, Sentence, PSR and each
 * key question's planned judgement; other columns blank.
 */
export function plannedCaseRows(headers: readonly string[]): (string | null)[][] {
  return HMIP_CASES.map((c, i) =>
    headers.map((h) => {
      if (h === "Case ID") return c.id;
      if (h === "Sentence") return c.sentence;
      if (h === "PSR") return c.psr;
      const id = /^(\d+\.\d+\.\d+) /.exec(h)?.[1];
      return id ? plannedJudgement(i, id) : null;
    }),
  );
}

/**
 * Fills a template workbook written by `template --framework hmip-youth`: the planned cases into
 * the Cases table's blank rows and the hand ratings into the Criteria sheet's Rating column.
 */
export async function fillHmipWorkbook(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cases = wb.getWorksheet("Cases")!;
  const headers = (cases.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ""));
  plannedCaseRows(headers).forEach((row, r) => row.forEach((v, c) => v !== null && (cases.getRow(r + 2).getCell(c + 1).value = v)));
  const criteria = wb.getWorksheet("Criteria")!;
  const criteriaHeaders = (criteria.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ""));
  const ratingCol = criteriaHeaders.indexOf("Rating") + 1;
  criteria.eachRow((row) => {
    const rating = HMIP_HAND_RATINGS[String(row.getCell(1).value ?? "")];
    if (rating) row.getCell(ratingCol).value = rating;
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
