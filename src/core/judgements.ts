/**
 * Judging one cell: what an inspector's Yes / No / N/A (or blank) counts as for a criterion, given
 * who the criterion applies to and the case's Sentence and PSR, and what is wrong with it.
 */
import type { Applicability, Criterion } from "./framework";
import type { CellValue } from "./grid";
import { errorProblem as error, warningProblem as warning, type Problem } from "./issues";
import { messages } from "./messages";
import { readJudgement, type SentenceType, type YesNo } from "./values";

/**
 * What one judgement cell counts as. The names are those of the counts in `CriterionStats`:
 * `met` and `notMet` are the relevant cases; `notApplicable` is N/A, or a blank where the
 * criterion does not apply; `unjudged` is a blank where a judgement is expected; `excluded` is a
 * cell with an error, left out of the counts.
 */
export type Outcome = "met" | "notMet" | "notApplicable" | "unjudged" | "excluded";

/**
 * What a criterion expects of a case: a judgement (Yes or No), a judgement or N/A, or nothing
 * (N/A or blank).
 */
export type Requirement = "required" | "optional" | "not-expected";

/** The facts about a case that decide which criteria apply to it. */
export interface CaseFacts {
  /** Null when the Sentence cell is blank or unreadable: then nothing is ruled out. */
  readonly sentence: SentenceType | null;
  /** Null when the PSR cell is blank or unreadable. */
  readonly psr: YesNo | null;
}

/** A judged cell: what it counts as, and its problems (none for a clean cell). */
export interface JudgedCell {
  readonly outcome: Outcome;
  readonly problems: readonly Problem[];
}

/**
 * What a criterion with this applicability expects of a case. A case whose Sentence (or PSR) is
 * unknown may be judged either way.
 * @example requirementFor("custody", { sentence: "Community", psr: "No" }) // "not-expected"
 * @example requirementFor("new-psr", { sentence: "Custody", psr: "Yes" }) // "required"
 */
export function requirementFor(applies: Applicability, kase: CaseFacts): Requirement {
  switch (applies) {
    case "all":
      return "required";
    case "custody":
      return whenKnown(kase.sentence, "Custody");
    case "community":
      return whenKnown(kase.sentence, "Community");
    case "court":
      return kase.sentence === null ? "optional" : kase.sentence === "Out-of-court" ? "not-expected" : "required";
    case "court-where-required":
      return kase.sentence === "Out-of-court" ? "not-expected" : "optional";
    case "out-of-court":
      return whenKnown(kase.sentence, "Out-of-court");
    case "new-psr":
      return whenKnown(kase.psr, "Yes");
    case "where-relevant":
    case "where-required":
    case "interviews":
      return "optional";
  }
}

function whenKnown<T>(fact: T | null, applies: T): Requirement {
  if (fact === null) return "optional";
  return fact === applies ? "required" : "not-expected";
}

/**
 * Judges one cell of a criterion's column for a case.
 * @example judgeCell("Yes", criterion11, { sentence: "Community", psr: "No" }) // { outcome: "met", problems: [] }
 * @example judgeCell(" n/a", criterion11, facts).problems.map((p) => p.code) // ["non-canonical-value", "not-applicable-not-allowed"]
 */
export function judgeCell(value: CellValue, criterion: Criterion, kase: CaseFacts): JudgedCell {
  const requirement = requirementFor(criterion.appliesTo, kase);
  const read = readJudgement(value);
  switch (read.kind) {
    case "blank":
      if (requirement === "not-expected") return judged("notApplicable");
      return judged("unjudged", [warning("not-yet-judged", messages.notYetJudged(criterion.id, requirement === "required" ? "Yes or No" : "Yes, No or N/A"))]);
    case "error":
      return judged("excluded", [error("cell-error", messages.cellError(read.text, "Yes, No or N/A"))]);
    case "invalid":
      return judged("excluded", [error("invalid-value", messages.invalidValue(read.text, criterion.id))]);
    case "value":
      break;
  }
  const spelling = read.canonical ? NO_PROBLEMS : [warning("non-canonical-value", messages.nonCanonical(read.text, read.value))];
  if (read.value === "N/A") {
    if (requirement !== "required") return judged("notApplicable", spelling);
    return judged("excluded", [...spelling, error("not-applicable-not-allowed", messages.notApplicableNotAllowed(criterion.id, criterion.appliesTo, applicabilityReason(criterion.appliesTo, kase)))]);
  }
  if (requirement === "not-expected") {
    return judged("excluded", [...spelling, error("judgement-not-expected", messages.judgementNotExpected(criterion.id, criterion.appliesTo, applicabilityReason(criterion.appliesTo, kase)))]);
  }
  return judged(read.value === "Yes" ? "met" : "notMet", spelling);
}

/**
 * Why a criterion's applicability rules a judgement in or out for this case, as the end of a
 * message ("" when the applicability alone says it).
 * @example applicabilityReason("new-psr", { sentence: null, psr: "Yes" }) // " and this case had a new PSR"
 */
export function applicabilityReason(applies: Applicability, kase: CaseFacts): string {
  if (applies === "custody" || applies === "community" || applies === "court" || applies === "court-where-required" || applies === "out-of-court") {
    return kase.sentence ? ` and this is ${kase.sentence === "Out-of-court" ? "an out-of-court" : `a ${kase.sentence.toLowerCase()}`} case` : "";
  }
  if (applies === "new-psr") return kase.psr === "Yes" ? " and this case had a new PSR" : kase.psr === "No" ? " and this case had no new PSR" : "";
  return "";
}

const NO_PROBLEMS: readonly Problem[] = [];

/** The judgement of a clean cell, one per outcome, shared by every such cell. */
const CLEAN: Readonly<Record<Outcome, JudgedCell>> = {
  met: { outcome: "met", problems: [] },
  notMet: { outcome: "notMet", problems: [] },
  notApplicable: { outcome: "notApplicable", problems: [] },
  unjudged: { outcome: "unjudged", problems: [] },
  excluded: { outcome: "excluded", problems: [] },
};

function judged(outcome: Outcome, problems: readonly Problem[] = NO_PROBLEMS): JudgedCell {
  return problems.length === 0 ? CLEAN[outcome] : { outcome, problems };
}
