/**
 * A roll-up workbook summary made by hand from counts per criterion, for the roll-up's unit tests:
 * sections and the overall figure are the criteria's met and relevant summed, so a test's
 * expected values can be worked out from the counts it writes.
 */
import type { RollupBandSettings, RollupSource, RollupWorkbook } from "../../src/core";

/** Met and relevant per criterion ID: `{ "2.1": [met, relevant] }`. */
export type Counts = Readonly<Record<string, readonly [met: number, relevant: number]>>;

/** The default bands (80% and 65%, no rating scheme, no minimum), as PRODUCT.md gives them. */
export const DEFAULT_BANDS: RollupBandSettings = { strengthThreshold: 80, improvementThreshold: 65, ratingScheme: "none", minRelevant: null };

/**
 * A workbook summary: criterion titles "Criterion 2.1" and section titles "Section 2" unless given,
 * dated 1–3 March 2026, 20 cases, no errors, default bands, SHA-256 "sha-of-<file>".
 */
export function rollupWorkbook(
  file: string,
  service: string,
  counts: Counts,
  extra: Partial<Omit<RollupWorkbook, "source">> & { titles?: Readonly<Record<string, string>>; source?: Partial<RollupSource> } = {},
): RollupWorkbook {
  const { titles, source, ...rest } = extra;
  const figure = (met: number, relevant: number) => ({ met, relevant, percent: relevant === 0 ? null : (100 * met) / relevant, band: "–" as const });
  const criteria = Object.entries(counts).map(([id, [met, relevant]]) => ({
    id,
    section: id.split(".")[0]!,
    title: titles?.[id] ?? `Criterion ${id}`,
    notMet: relevant - met,
    excluded: 0,
    ...figure(met, relevant),
  }));
  const numbers = [...new Set(criteria.map((c) => c.section))];
  const sum = (list: typeof criteria) => figure(list.reduce((n, c) => n + c.met, 0), list.reduce((n, c) => n + c.relevant, 0));
  return {
    source: { file, bytes: 1000, sha256: `sha-of-${file}`, readAt: "2026-12-01T09:00:00.000Z", modifiedAt: null, ...source },
    service,
    inspectionStart: "2026-03-01",
    inspectionEnd: "2026-03-03",
    cases: 20,
    sections: numbers.map((number) => ({ number, title: `Section ${number}`, ...sum(criteria.filter((c) => c.section === number)) })),
    overall: sum(criteria),
    criteria,
    errors: 0,
    warnings: 0,
    excludedCells: 0,
    bands: DEFAULT_BANDS,
    ...rest,
  };
}
