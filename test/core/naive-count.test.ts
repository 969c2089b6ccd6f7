/**
 * The engine's counts against a deliberately naive count written here from the product contract:
 * each cell's meaning is known because the test chose it from a list of spellings, and who each
 * criterion applies to is the contract's table, written out again. Nothing here calls the engine's
 * reading or judging, so a counting mistake in the engine (N/A counted as No, a blank as relevant,
 * a custody criterion counted for a community case) cannot agree with it by construction.
 */
import fc from "fast-check";
import { analyseWorkbook, APPLICABILITY_LABELS, BUILT_IN_FRAMEWORK, criterionHeader, type CellValue, type Criterion } from "../../src/core";

type Meaning = "Yes" | "No" | "N/A" | "blank" | "unreadable";
type Fact<T> = T | "blank" | "unreadable";

/** Judgement cells as people type them, each with what the contract says it means. */
const JUDGEMENTS: readonly [CellValue, Meaning][] = [
  ["Yes", "Yes"],
  [" yes", "Yes"],
  ["Y", "Yes"],
  [true, "Yes"],
  ["No", "No"],
  ["NO ", "No"],
  ["n", "No"],
  ["N/A", "N/A"],
  ["n/a", "N/A"],
  ["NA", "N/A"],
  ["Not applicable", "N/A"],
  [null, "blank"],
  ["", "blank"],
  ["   ", "blank"],
  ["Maybe", "unreadable"],
  ["Yes please", "unreadable"],
  [7, "unreadable"],
  [{ error: "#N/A" }, "unreadable"],
];
const SENTENCES: readonly [CellValue, Fact<"Community" | "Custody">][] = [
  ["Community", "Community"],
  ["community sentence", "Community"],
  ["Custody", "Custody"],
  ["custodial", "Custody"],
  [null, "blank"],
  ["Prison", "unreadable"],
];
const PSRS: readonly [CellValue, Fact<"Yes" | "No">][] = [
  ["Yes", "Yes"],
  ["y", "Yes"],
  ["No", "No"],
  [null, "blank"],
  ["Perhaps", "unreadable"],
];

/** The contract's applicability table: may a Yes/No be given, and must it? Unknown Sentence/PSR rules nothing out. */
function expects(c: Criterion, sentence: Fact<"Community" | "Custody">, psr: Fact<"Yes" | "No">): "judgement" | "judgement or N/A" | "nothing" {
  const known = (v: string): boolean => v !== "blank" && v !== "unreadable";
  if (c.appliesTo === "all") return "judgement";
  if (c.appliesTo === "custody") return !known(sentence) ? "judgement or N/A" : sentence === "Custody" ? "judgement" : "nothing";
  if (c.appliesTo === "community") return !known(sentence) ? "judgement or N/A" : sentence === "Community" ? "judgement" : "nothing";
  if (c.appliesTo === "new-psr") return !known(psr) ? "judgement or N/A" : psr === "Yes" ? "judgement" : "nothing";
  return "judgement or N/A";
}

const COMMUNITY: Criterion = { id: "4.6", section: "4", title: "Community work", subject: "community work", appliesTo: "community" };
const CRITERIA = [...BUILT_IN_FRAMEWORK.criteria, COMMUNITY];

const row = fc.record({
  sentence: fc.nat({ max: SENTENCES.length - 1 }),
  psr: fc.nat({ max: PSRS.length - 1 }),
  cells: fc.array(fc.nat({ max: JUDGEMENTS.length - 1 }), { minLength: CRITERIA.length, maxLength: CRITERIA.length }),
});

test("the engine counts every criterion as a naive count of the same cells does", () => {
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
      const header = ["Case ID", "Sentence", "PSR", ...CRITERIA.map(criterionHeader)];
      const grid = rows.map((r, i) => [`C${i + 1}`, SENTENCES[r.sentence]![0], PSRS[r.psr]![0], ...r.cells.map((k) => JUDGEMENTS[k]![0])]);
      const criteria = [["ID", "Section", "Criterion", "Applies to"], ...CRITERIA.map((c) => [c.id, c.section, c.title, APPLICABILITY_LABELS[c.appliesTo]])];
      const a = analyseWorkbook({
        cases: { sheet: "Cases", top: 0, left: 0, rows: [header, ...grid] },
        criteria: { sheet: "Criteria", top: 0, left: 0, rows: criteria },
      });
      expect(a.frameworkFromSheet).toBe(true);

      for (const [k, c] of CRITERIA.entries()) {
        const naive = { met: 0, notMet: 0, notApplicable: 0, unjudged: 0, excluded: 0 };
        for (const r of rows) {
          const meaning = JUDGEMENTS[r.cells[k]!]![1];
          const wanted = expects(c, SENTENCES[r.sentence]![1], PSRS[r.psr]![1]);
          if (meaning === "unreadable") naive.excluded++;
          else if (meaning === "blank") {
            if (wanted === "nothing") naive.notApplicable++;
            else naive.unjudged++;
          } else if (meaning === "N/A") {
            if (wanted === "judgement") naive.excluded++;
            else naive.notApplicable++;
          } else if (wanted === "nothing") naive.excluded++;
          else if (meaning === "Yes") naive.met++;
          else naive.notMet++;
        }
        const s = a.criteria.find((x) => x.id === c.id)!;
        expect({ id: c.id, met: s.met, notMet: s.notMet, relevant: s.relevant, notApplicable: s.notApplicable, unjudged: s.unjudged, excluded: s.excluded }).toEqual({
          id: c.id,
          ...naive,
          relevant: naive.met + naive.notMet,
        });
        expect(s.percent).toBe(naive.met + naive.notMet === 0 ? null : (100 * naive.met) / (naive.met + naive.notMet));
      }
    }),
    { numRuns: 200, seed: 1820 },
  );
});
