/**
 * The frameworks the tool carries: the youth Short Quality Screening (2014), the default, and
 * HM Inspectorate of Probation's youth standards. A new workbook's Criteria sheet is written from
 * one of them; from then on the sheet is what counts.
 */
import { BUILT_IN_FRAMEWORK, type Framework } from "./framework";

export type FrameworkId = "sqs-2014";

export interface BuiltInFramework {
  readonly id: FrameworkId;
  /** What a person choosing one reads. */
  readonly name: string;
  readonly framework: Framework;
}

export const BUILT_IN_FRAMEWORKS: Readonly<Record<FrameworkId, BuiltInFramework>> = {
  "sqs-2014": { id: "sqs-2014", name: "Youth Short Quality Screening (2014)", framework: BUILT_IN_FRAMEWORK },
};

/** The framework a new workbook gets when none is chosen. */
export const DEFAULT_FRAMEWORK_ID: FrameworkId = "sqs-2014";

/**
 * A built-in framework's ID from a user's text (exact, any case).
 * @example parseFrameworkId("SQS-2014") // "sqs-2014"
 */
export function parseFrameworkId(text: string): FrameworkId | null {
  const t = text.trim().toLowerCase();
  return (Object.keys(BUILT_IN_FRAMEWORKS) as FrameworkId[]).find((id) => id === t) ?? null;
}
