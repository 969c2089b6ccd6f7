/**
 * The `rollup --json` document: `{ services, criteria, pooled, skipped }`, with what could not be
 * compared and every source file. Percentages are rounded to one decimal place, as everywhere.
 */
import type { Rollup, RollupFigure, RollupSpread } from "./rollup";
import { readingText } from "./rollup-reading";
import { roundPercent } from "./statistics";

export interface RollupFigureJson {
  readonly relevant: number;
  readonly met: number;
  readonly percent: number | null;
  readonly band: string;
}

export interface RollupSpreadJson extends RollupFigureJson {
  readonly median: number | null;
  readonly lowest: { readonly percent: number; readonly services: readonly string[] } | null;
  readonly highest: { readonly percent: number; readonly services: readonly string[] } | null;
  /** Highest minus lowest, in percentage points. */
  readonly range: number | null;
  readonly servicesJudged: number;
  readonly reading: {
    readonly pattern: string;
    readonly text: string;
    readonly outliers: readonly { readonly service: string; readonly direction: "low" | "high"; readonly percent: number; readonly othersPercent: number }[];
  };
}

export interface RollupJson {
  readonly services: readonly {
    readonly service: string;
    readonly name: string;
    readonly file: string;
    readonly inspectionStart: string | null;
    readonly inspectionEnd: string | null;
    readonly cases: number;
    readonly sections: readonly (RollupFigureJson & { readonly number: string; readonly title: string })[];
    readonly overall: RollupFigureJson;
    readonly errors: number;
    readonly warnings: number;
    readonly excludedCells: number;
  }[];
  readonly criteria: readonly (RollupSpreadJson & {
    readonly id: string;
    readonly section: string;
    readonly title: string;
    /** The services whose framework has the criterion, in the services' order. */
    readonly byService: readonly (Omit<RollupFigureJson, "band"> & { readonly service: string })[];
  })[];
  readonly pooled: RollupSpreadJson & {
    readonly services: number;
    readonly cases: number;
    readonly errors: number;
    readonly warnings: number;
    readonly excludedCells: number;
    readonly sections: readonly (RollupSpreadJson & { readonly number: string; readonly title: string })[];
    /** The thresholds and scheme the pooled bands follow, and whether every workbook's Settings agree. */
    readonly bands: { readonly strengthThreshold: number; readonly improvementThreshold: number; readonly ratingScheme: string; readonly agreed: boolean };
  };
  readonly notCompared: readonly { readonly kind: string; readonly id: string; readonly reason: string; readonly message: string }[];
  readonly skipped: readonly { readonly file: string; readonly reason: string; readonly duplicateOf?: string }[];
  readonly sources: readonly { readonly file: string; readonly bytes: number | null; readonly sha256: string | null; readonly readAt: string; readonly status: string }[];
}

function figureJson(f: RollupFigure): RollupFigureJson {
  return { relevant: f.relevant, met: f.met, percent: roundPercent(f.percent), band: f.band };
}

function spreadJson(s: RollupSpread, bands: Rollup["bands"]): RollupSpreadJson {
  const extreme = (e: RollupSpread["lowest"]): RollupSpreadJson["lowest"] => (e ? { percent: roundPercent(e.percent)!, services: e.services } : null);
  return {
    ...figureJson(s),
    median: roundPercent(s.median),
    lowest: extreme(s.lowest),
    highest: extreme(s.highest),
    range: s.lowest && s.highest ? roundPercent(s.highest.percent - s.lowest.percent) : null,
    servicesJudged: s.servicesJudged,
    reading: {
      pattern: s.reading.pattern,
      text: readingText(s.reading, bands),
      outliers: s.reading.outliers.map((o) => ({ ...o, percent: roundPercent(o.percent)!, othersPercent: roundPercent(o.othersPercent)! })),
    },
  };
}

/**
 * The `rollup --json` document.
 * @example toRollupJson(rollUp(workbooks)).pooled.percent // 71.3
 */
export function toRollupJson(r: Rollup): RollupJson {
  return {
    services: r.services.map(({ label, workbook: w }) => ({
      service: label,
      name: w.service,
      file: w.source.file,
      inspectionStart: w.inspectionStart,
      inspectionEnd: w.inspectionEnd,
      cases: w.cases,
      sections: w.sections.map((s) => ({ number: s.number, title: s.title, ...figureJson(s) })),
      overall: figureJson(w.overall),
      errors: w.errors,
      warnings: w.warnings,
      excludedCells: w.excludedCells,
    })),
    criteria: r.criteria.map((c) => ({
      id: c.id,
      section: c.section,
      title: c.title,
      ...spreadJson(c, r.bands),
      byService: c.byService.flatMap((f, i) => (f ? [{ service: r.services[i]!.label, relevant: f.relevant, met: f.met, percent: roundPercent(f.percent) }] : [])),
    })),
    pooled: {
      services: r.services.length,
      cases: r.totals.cases,
      errors: r.totals.errors,
      warnings: r.totals.warnings,
      excludedCells: r.totals.excludedCells,
      ...spreadJson(r.overall, r.bands),
      sections: r.sections.map((s) => ({ number: s.number, title: s.title, ...spreadJson(s, r.bands) })),
      bands: { strengthThreshold: r.bands.strengthThreshold, improvementThreshold: r.bands.improvementThreshold, ratingScheme: r.bands.ratingScheme, agreed: r.bandsAgreed },
    },
    notCompared: r.notCompared.map((x) => ({ kind: x.kind, id: x.id, reason: x.reason, message: x.message })),
    skipped: r.skipped.map((s) => ({ ...s })),
    sources: r.sources.map(({ source, status }) => ({ ...source, status })),
  };
}
