/**
 * The frameworks the tool carries: the youth Short Quality Screening (2014), the default, and
 * HM Inspectorate of Probation's youth standards. A new workbook's Criteria sheet is written from
 * one of them; from then on the sheet is what counts.
 */
import { BUILT_IN_FRAMEWORK, type Criterion, type Framework, type Section } from "./framework";
import { HMIP_YOUTH_SCORE_BANDS } from "./ratings";

export type FrameworkId = "sqs-2014" | "hmip-youth";

export interface BuiltInFramework {
  readonly id: FrameworkId;
  /** What a person choosing one reads. */
  readonly name: string;
  /** Where its standards and rules come from. */
  readonly source: string;
  readonly framework: Framework;
}

/**
 * HMI Probation's youth standards (2018 onward), as its published framework arranges them: four
 * organisational standards (domain one, rated by hand), the court disposal standards 2.1–2.4 and
 * the out-of-court disposal standards 3.1–3.3, each rated by its lowest key question, the
 * out-of-court policy and provision standard 3.4 (by hand), and resettlement 4.1 (by hand, not
 * counted in the overall score). Twelve counted standards score 0–3 each, 36 at most.
 */
const HMIP_YOUTH_SECTIONS = [
  { number: "1.1", title: "Governance and leadership", rule: "by-hand", counted: true, rating: null },
  { number: "1.2", title: "Staff", rule: "by-hand", counted: true, rating: null },
  { number: "1.3", title: "Partnerships and services", rule: "by-hand", counted: true, rating: null },
  { number: "1.4", title: "Information and facilities", rule: "by-hand", counted: true, rating: null },
  { number: "2.1", title: "Court disposals: Assessment", rule: "lowest", counted: true },
  { number: "2.2", title: "Court disposals: Planning", rule: "lowest", counted: true },
  { number: "2.3", title: "Court disposals: Implementation and delivery", rule: "lowest", counted: true },
  { number: "2.4", title: "Court disposals: Reviewing", rule: "lowest", counted: true },
  { number: "3.1", title: "Out-of-court disposals: Assessment", rule: "lowest", counted: true },
  { number: "3.2", title: "Out-of-court disposals: Planning", rule: "lowest", counted: true },
  { number: "3.3", title: "Out-of-court disposals: Implementation and delivery", rule: "lowest", counted: true },
  { number: "3.4", title: "Out-of-court disposal policy and provision", rule: "by-hand", counted: true, rating: null },
  { number: "4.1", title: "Resettlement policy and provision", rule: "by-hand", counted: false, rating: null },
] as const satisfies readonly Section[];

/**
 * The three key questions of each case standard: the child's desistance, the child's safety and
 * wellbeing, the safety of other people. Their titles are plain descriptions ("Assessment: keeping
 * other people safe"), not the inspectorate's wording, which could not be checked from here (the
 * README says so). Court standards apply to court disposals (Sentence Community or Custody),
 * out-of-court ones to out-of-court disposals; a review is judged only where one was needed, so
 * the reviewing key questions may be N/A for a court case. Each subject names its kind of
 * disposal, so the Strengths & improvements sentences of 2.1.1 and 3.1.1 can be told apart.
 */
const HMIP_YOUTH_KEY_QUESTIONS = [
  { id: "2.1.1", section: "2.1", title: "Assessment: supporting the child's desistance", subject: "assessment of how to support the child's desistance in court disposals", appliesTo: "court" },
  { id: "2.1.2", section: "2.1", title: "Assessment: keeping the child safe", subject: "assessment of how to keep the child safe in court disposals", appliesTo: "court" },
  { id: "2.1.3", section: "2.1", title: "Assessment: keeping other people safe", subject: "assessment of how to keep other people safe in court disposals", appliesTo: "court" },
  { id: "2.2.1", section: "2.2", title: "Planning: supporting the child's desistance", subject: "planning to support the child's desistance in court disposals", appliesTo: "court" },
  { id: "2.2.2", section: "2.2", title: "Planning: keeping the child safe", subject: "planning to keep the child safe in court disposals", appliesTo: "court" },
  { id: "2.2.3", section: "2.2", title: "Planning: keeping other people safe", subject: "planning to keep other people safe in court disposals", appliesTo: "court" },
  { id: "2.3.1", section: "2.3", title: "Implementation and delivery: supporting the child's desistance", subject: "the delivery of services to support the child's desistance in court disposals", appliesTo: "court" },
  { id: "2.3.2", section: "2.3", title: "Implementation and delivery: keeping the child safe", subject: "the delivery of services to keep the child safe in court disposals", appliesTo: "court" },
  { id: "2.3.3", section: "2.3", title: "Implementation and delivery: keeping other people safe", subject: "the delivery of services to keep other people safe in court disposals", appliesTo: "court" },
  { id: "2.4.1", section: "2.4", title: "Reviewing: supporting the child's desistance", subject: "reviewing progress on the child's desistance in court disposals", appliesTo: "court-where-required" },
  { id: "2.4.2", section: "2.4", title: "Reviewing: keeping the child safe", subject: "reviewing the child's safety in court disposals", appliesTo: "court-where-required" },
  { id: "2.4.3", section: "2.4", title: "Reviewing: keeping other people safe", subject: "reviewing the safety of other people in court disposals", appliesTo: "court-where-required" },
  { id: "3.1.1", section: "3.1", title: "Assessment: supporting the child's desistance", subject: "assessment of how to support the child's desistance in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.1.2", section: "3.1", title: "Assessment: keeping the child safe", subject: "assessment of how to keep the child safe in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.1.3", section: "3.1", title: "Assessment: keeping other people safe", subject: "assessment of how to keep other people safe in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.2.1", section: "3.2", title: "Planning: supporting the child's desistance", subject: "planning to support the child's desistance in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.2.2", section: "3.2", title: "Planning: keeping the child safe", subject: "planning to keep the child safe in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.2.3", section: "3.2", title: "Planning: keeping other people safe", subject: "planning to keep other people safe in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.3.1", section: "3.3", title: "Implementation and delivery: supporting the child's desistance", subject: "the delivery of services to support the child's desistance in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.3.2", section: "3.3", title: "Implementation and delivery: keeping the child safe", subject: "the delivery of services to keep the child safe in out-of-court disposals", appliesTo: "out-of-court" },
  { id: "3.3.3", section: "3.3", title: "Implementation and delivery: keeping other people safe", subject: "the delivery of services to keep other people safe in out-of-court disposals", appliesTo: "out-of-court" },
] as const satisfies readonly Criterion[];

/** HM Inspectorate of Probation's youth standards as a framework. */
export const HMIP_YOUTH_FRAMEWORK: Framework = {
  sections: HMIP_YOUTH_SECTIONS,
  criteria: HMIP_YOUTH_KEY_QUESTIONS,
  interviewQuestions: [],
  overall: { kind: "score-sum", bands: HMIP_YOUTH_SCORE_BANDS },
};

export const BUILT_IN_FRAMEWORKS: Readonly<Record<FrameworkId, BuiltInFramework>> = {
  "sqs-2014": {
    id: "sqs-2014",
    name: "Youth Short Quality Screening (2014)",
    source: "HMI Probation, Short Quality Screening of youth offending work (2014): the criteria the seed report used",
    framework: BUILT_IN_FRAMEWORK,
  },
  "hmip-youth": {
    id: "hmip-youth",
    name: "HMI Probation youth standards (2018 onward)",
    source:
      "HMI Probation, standards for inspecting youth offending services (2018, revised 2021): domains, standards, the three key questions, rating by the lowest key question and the score bands",
    framework: HMIP_YOUTH_FRAMEWORK,
  },
};

/** The framework a new workbook gets when none is chosen. */
export const DEFAULT_FRAMEWORK_ID: FrameworkId = "sqs-2014";

/**
 * A built-in framework's ID from a user's text (exact, any case).
 * @example parseFrameworkId("HMIP-youth") // "hmip-youth"
 */
export function parseFrameworkId(text: string): FrameworkId | null {
  const t = text.trim().toLowerCase();
  return (Object.keys(BUILT_IN_FRAMEWORKS) as FrameworkId[]).find((id) => id === t) ?? null;
}
