/**
 * The inspection framework: sections, criteria and who each criterion applies to, and the rules
 * that turn the counts into a section's figure and an overall one. A framework is data; the
 * built-in ones are the youth Short Quality Screening (SQS, 2014) and HM Inspectorate of
 * Probation's youth standards (see `built-in-frameworks.ts`).
 */
import type { Rating, ScoreBand } from "./ratings";

/** Who a criterion applies to. */
export type Applicability =
  | "all"
  | "custody"
  | "community"
  | "court"
  | "court-where-required"
  | "out-of-court"
  | "new-psr"
  | "where-relevant"
  | "where-required"
  | "interviews";

/** The words a user writes in the Criteria sheet's "Applies to" column, per kind. */
export const APPLICABILITY_LABELS: Readonly<Record<Applicability, string>> = {
  all: "All cases",
  custody: "Custody cases",
  community: "Community cases",
  court: "Court disposals",
  "court-where-required": "Court disposals where required",
  "out-of-court": "Out-of-court disposals",
  "new-psr": "Cases with a new PSR",
  "where-relevant": "Where relevant",
  "where-required": "Where required",
  interviews: "Staff interviews",
};

/**
 * How a section's figure is made: `pooled`, all its judgements pooled (met over relevant);
 * `lowest`, the lowest percentage among its criteria (HMI Probation rates a standard by its
 * lowest-scoring key question); `by-hand`, no case judgements, a rating entered in the workbook
 * (HMI Probation's organisational standards).
 */
export type SectionRule = "pooled" | "lowest" | "by-hand";

/** The words the Criteria sheet's Rule column uses, per rule. */
export const SECTION_RULE_LABELS: Readonly<Record<SectionRule, string>> = {
  pooled: "Pooled",
  lowest: "Lowest",
  "by-hand": "By hand",
};

/**
 * How the overall figure is made: `pooled`, every counted judgement pooled; `score-sum`, each
 * counted section's rating scored (Inadequate 0 … Outstanding 3), the scores summed and the sum
 * banded.
 */
export type OverallRule = { readonly kind: "pooled" } | { readonly kind: "score-sum"; readonly bands: readonly ScoreBand[] };

export const POOLED_OVERALL: OverallRule = { kind: "pooled" };

export interface Section {
  /** "2", or "2.1" for a standard inside a domain: what criterion IDs start with. */
  readonly number: string;
  readonly title: string;
  /** How the section's figure is made; pooled when absent. */
  readonly rule?: SectionRule;
  /** Whether the section counts towards the overall figure; true when absent. */
  readonly counted?: boolean;
  /** For a section rated by hand: the rating entered in the workbook (null until entered). */
  readonly rating?: Rating | null;
}

export interface Criterion {
  /** "2.1" (section 2) or "2.1.3" (section 2.1): the section number, a dot, a number. */
  readonly id: string;
  /** The number of the section it belongs to: its ID without the last part. */
  readonly section: string;
  /** The short wording shown in tables. */
  readonly title: string;
  /** The "done well" subject used in sentences: "the initial assessment of risk of harm to others". */
  readonly subject: string;
  readonly appliesTo: Applicability;
}

export interface Framework {
  readonly sections: readonly Section[];
  /** Case criteria, in framework order. */
  readonly criteria: readonly Criterion[];
  /** Staff-interview questions (applicability "interviews"), counted over the Interviews table. */
  readonly interviewQuestions: readonly Criterion[];
  /** How the overall figure is made; pooled when absent. */
  readonly overall?: OverallRule;
}

const BUILT_IN_SECTIONS = [
  { number: "1", title: "Reducing the likelihood of reoffending" },
  { number: "2", title: "Protecting the public" },
  { number: "3", title: "Protecting the child or young person" },
  { number: "4", title: "Ensuring that the sentence is served" },
  { number: "5", title: "Operational management" },
] as const satisfies readonly Section[];

const BUILT_IN_CRITERIA = [
  { id: "1.1", section: "1", title: "Initial assessment of the likelihood of reoffending", subject: "the initial assessment of the likelihood of reoffending", appliesTo: "all" },
  { id: "1.2", section: "1", title: "Quality of the pre-sentence report (PSR)", subject: "the quality of the pre-sentence report", appliesTo: "new-psr" },
  { id: "1.3", section: "1", title: "Planning to reduce the likelihood of reoffending", subject: "planning to reduce the likelihood of reoffending", appliesTo: "all" },
  { id: "1.4", section: "1", title: "Review of the assessment as circumstances changed", subject: "the review of the assessment as circumstances changed", appliesTo: "where-required" },
  { id: "2.1", section: "2", title: "Initial assessment of risk of harm to others", subject: "the initial assessment of risk of harm to others", appliesTo: "where-relevant" },
  { id: "2.2", section: "2", title: "Review of the risk of harm assessment", subject: "the review of the risk of harm assessment", appliesTo: "where-required" },
  { id: "2.3", section: "2", title: "Planning to manage risk of harm to others", subject: "planning to manage risk of harm to others", appliesTo: "where-relevant" },
  { id: "2.4", section: "2", title: "Managing risk of harm to identifiable victims", subject: "managing the risk of harm to identifiable victims", appliesTo: "where-relevant" },
  { id: "2.5", section: "2", title: "Management oversight of risk of harm work", subject: "management oversight of risk of harm work", appliesTo: "where-required" },
  { id: "3.1", section: "3", title: "Initial assessment of safeguarding and vulnerability", subject: "the initial assessment of safeguarding and vulnerability", appliesTo: "where-relevant" },
  { id: "3.2", section: "3", title: "Review of safeguarding and vulnerability assessment", subject: "the review of the safeguarding and vulnerability assessment", appliesTo: "where-required" },
  { id: "3.3", section: "3", title: "Planning to manage safeguarding and vulnerability", subject: "planning to manage safeguarding and vulnerability", appliesTo: "where-relevant" },
  { id: "3.4", section: "3", title: "Management oversight of safeguarding and vulnerability", subject: "management oversight of safeguarding and vulnerability work", appliesTo: "where-required" },
  { id: "3.6", section: "3", title: "Custodial planning for safeguarding and vulnerability", subject: "custodial planning for safeguarding and vulnerability", appliesTo: "custody" },
  { id: "4.1", section: "4", title: "Child and parents/carers involved in the assessment", subject: "involving the child and their parents or carers in the assessment", appliesTo: "all" },
  { id: "4.2", section: "4", title: "PSR shared and explained before sentence", subject: "sharing and explaining the pre-sentence report before sentence", appliesTo: "new-psr" },
  { id: "4.3", section: "4", title: "Diversity and barriers to engagement followed through", subject: "following through diversity factors and barriers to engagement", appliesTo: "all" },
  { id: "4.4", section: "4", title: "Attention to health and well-being outcomes", subject: "attention to health and well-being outcomes", appliesTo: "all" },
  { id: "4.5", section: "4", title: "Enforcement proportionate and timely where needed", subject: "enforcement action, when required, was taken appropriately", appliesTo: "where-required" },
  { id: "5.1", section: "5", title: "Supervisory input made a positive difference", subject: "supervisory input had made a positive difference", appliesTo: "where-relevant" },
] as const satisfies readonly Criterion[];

const BUILT_IN_INTERVIEW_QUESTIONS = [
  { id: "2.6", section: "2", title: "Staff understood policies for managing risk of harm", subject: "staff understood local policies and procedures for managing risk of harm to others", appliesTo: "interviews" },
  { id: "3.5", section: "3", title: "Staff understood safeguarding policies", subject: "staff understood local policies and procedures for safeguarding", appliesTo: "interviews" },
  { id: "5.2", section: "5", title: "Case managers clear about the organisation's priorities", subject: "case managers were clear about how the organisation's priorities affected their role", appliesTo: "interviews" },
] as const satisfies readonly Criterion[];

/** The built-in youth SQS framework (from the published SQS criteria). */
export const BUILT_IN_FRAMEWORK: Framework = {
  sections: BUILT_IN_SECTIONS,
  criteria: BUILT_IN_CRITERIA,
  interviewQuestions: BUILT_IN_INTERVIEW_QUESTIONS,
};

/** Matches a criterion ID at the start of a text ("2.1", "2.1.3", "2.1 Initial assessment"). */
export const CRITERION_ID_PATTERN = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?(?=\s|$)/;

/**
 * The criterion ID a header or cell starts with, if any, with leading zeros dropped.
 * @example leadingCriterionId("2.1 Initial assessment of risk") // "2.1"
 * @example leadingCriterionId("2.1.3 Assessment: keeping other people safe") // "2.1.3"
 */
export function leadingCriterionId(text: string): string | null {
  const m = CRITERION_ID_PATTERN.exec(text.trim());
  if (!m) return null;
  return [m[1], m[2], m[3]].filter((p) => p !== undefined).map(Number).join(".");
}

/**
 * The number of the section a criterion ID belongs to: the ID without its last part.
 * @example sectionNumberOf("2.1.3") // "2.1"
 * @example sectionNumberOf("2.1") // "2"
 */
export function sectionNumberOf(criterionId: string): string {
  return criterionId.slice(0, criterionId.lastIndexOf("."));
}

/**
 * Orders section numbers and criterion IDs part by part ("2.10" after "2.9", "2" before "2.1").
 * @example compareNumbers("2.10", "2.9") // > 0
 */
export function compareNumbers(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The rule a section's figure follows (pooled unless the framework says otherwise).
 * @example sectionRule({ number: "1.1", title: "Governance", rule: "by-hand" }) // "by-hand"
 */
export function sectionRule(section: Section): SectionRule {
  return section.rule ?? "pooled";
}

/**
 * Whether a section counts towards the overall figure (yes unless the framework says not).
 * @example isCounted({ number: "4.1", title: "Resettlement", counted: false }) // false
 */
export function isCounted(section: Section): boolean {
  return section.counted ?? true;
}

/**
 * The rule the overall figure follows (pooled unless the framework says otherwise).
 * @example overallRule(BUILT_IN_FRAMEWORK).kind // "pooled"
 */
export function overallRule(framework: Framework): OverallRule {
  return framework.overall ?? POOLED_OVERALL;
}

/**
 * Whether a framework's figures need the rating bands: a section rated by hand, or an overall
 * score summed from ratings.
 * @example needsRatings(BUILT_IN_FRAMEWORK) // false
 */
export function needsRatings(framework: Framework): boolean {
  return overallRule(framework).kind === "score-sum" || framework.sections.some((s) => sectionRule(s) === "by-hand");
}

/**
 * The section rule named by a user's text, tolerant of case and common variants.
 * @example parseSectionRule("Lowest key question") // "lowest"
 */
export function parseSectionRule(text: string): SectionRule | null {
  const t = text.replace(/[\s_-]+/g, " ").trim().toLowerCase().replace(/[.]/g, "");
  const aliases: Record<string, SectionRule> = {
    pooled: "pooled",
    pool: "pooled",
    "pooled judgements": "pooled",
    lowest: "lowest",
    "lowest criterion": "lowest",
    "lowest key question": "lowest",
    "lowest question": "lowest",
    "by hand": "by-hand",
    "rated by hand": "by-hand",
    hand: "by-hand",
    manual: "by-hand",
  };
  return aliases[t] ?? null;
}

/**
 * The applicability kind named by a user's text, tolerant of case, spacing and common variants.
 * @example parseApplicability("custody only") // "custody"
 */
export function parseApplicability(text: string): Applicability | null {
  const t = text.replace(/\s+/g, " ").trim().toLowerCase().replace(/[.]/g, "");
  if (t === "") return null;
  for (const [kind, label] of Object.entries(APPLICABILITY_LABELS) as [Applicability, string][]) {
    if (t === label.toLowerCase()) return kind;
  }
  const aliases: Record<string, Applicability> = {
    all: "all",
    "all cases": "all",
    always: "all",
    custody: "custody",
    "custody only": "custody",
    "custodial cases": "custody",
    community: "community",
    "community only": "community",
    "community cases": "community",
    court: "court",
    "court cases": "court",
    "court disposal": "court",
    "court disposals": "court",
    "out of court": "out-of-court",
    "out-of-court": "out-of-court",
    "out of court cases": "out-of-court",
    "out-of-court cases": "out-of-court",
    "out of court disposal": "out-of-court",
    "out of court disposals": "out-of-court",
    "out-of-court disposal": "out-of-court",
    "court where required": "court-where-required",
    "court disposals, where required": "court-where-required",
    "court cases where required": "court-where-required",
    ooc: "out-of-court",
    oocd: "out-of-court",
    "new psr": "new-psr",
    psr: "new-psr",
    "cases with a psr": "new-psr",
    "where a new psr was prepared": "new-psr",
    relevant: "where-relevant",
    "where relevant": "where-relevant",
    required: "where-required",
    "where required": "where-required",
    interviews: "interviews",
    interview: "interviews",
    "staff interview": "interviews",
  };
  return aliases[t] ?? null;
}

/** The section a criterion belongs to, by number. */
export function sectionOf(framework: Framework, criterion: Criterion): Section | undefined {
  return framework.sections.find((s) => s.number === criterion.section);
}
