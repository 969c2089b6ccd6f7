/**
 * The roll-up: many inspection workbooks, one picture. Each workbook is analysed on its own (as
 * `validate` and `report` do) and summarised as a {@link RollupWorkbook} — plain data, small enough
 * to pass between threads. {@link rollUp} then sets the services side by side:
 *
 * - a workbook given twice (the same file, or the same service and inspection dates) counts once
 *   and the other copy is reported;
 * - criteria are matched by ID *and* title, sections by number and title, never by position: a
 *   criterion a service's framework words differently, or does not have, is listed as not compared;
 * - per criterion and section: each service's figure, the judgements pooled over the services, the
 *   median and the range of the services' percentages, and how to read them — weak everywhere,
 *   strong everywhere, or one service the outlier (its 95% interval clear of the other services'
 *   pooled rate).
 */
import type { Analysis } from "./analyse";
import { compareNumbers } from "./framework";
import { wilsonInterval } from "./interval";
import { inspectionDates } from "./layout/text";
import { DEFAULT_SETTINGS, type Settings } from "./settings";
import { bandOf, judgeCounts, type Band, type Rating } from "./statistics";

/** Where a workbook came from, so every figure can be traced back to its file. */
export interface RollupSource {
  /** The file's name as the user gave it (a path on the command line, a name in the browser). */
  readonly file: string;
  /** Size in bytes; null when the file could not be read at all. */
  readonly bytes: number | null;
  /** SHA-256 of the file's bytes, lower-case hex; null when the file could not be read. */
  readonly sha256: string | null;
  /** When it was read, as an ISO 8601 date and time. */
  readonly readAt: string;
  /** When the file was last modified, as an ISO 8601 date and time; null when not known. */
  readonly modifiedAt: string | null;
}

/** The band words of a figure: a rating, a band, or why there is none. */
export type BandWords = Rating | "Strength" | "Improvement needed" | "–" | "No relevant cases" | "Too few cases to rate";

/** One figure of a workbook: met out of relevant, its percentage and band as the workbook gives them. */
export interface RollupFigure {
  readonly relevant: number;
  readonly met: number;
  /** 100 × met / relevant for a pooled figure; another rule's figure (the lowest criterion) as given. */
  readonly percent: number | null;
  readonly band: BandWords;
}

/** What the roll-up needs of one workbook. */
export interface RollupWorkbook {
  readonly source: RollupSource;
  /** The service name from Settings ("" when not named). */
  readonly service: string;
  readonly inspectionStart: string | null;
  readonly inspectionEnd: string | null;
  readonly cases: number;
  readonly sections: readonly (RollupFigure & { readonly number: string; readonly title: string })[];
  readonly overall: RollupFigure;
  readonly criteria: readonly (RollupFigure & { readonly id: string; readonly section: string; readonly title: string; readonly notMet: number; readonly excluded: number })[];
  readonly errors: number;
  readonly warnings: number;
  readonly excludedCells: number;
  /** The settings the workbook's bands follow. */
  readonly bands: RollupBandSettings;
}

/** The settings a band depends on. */
export type RollupBandSettings = Pick<Settings, "strengthThreshold" | "improvementThreshold" | "ratingScheme" | "minRelevant">;

/** A file left out of the roll-up, and why, in one line. */
export interface RollupSkipped {
  readonly file: string;
  readonly reason: string;
  /** For a workbook given twice: the file that was counted. */
  readonly duplicateOf?: string;
}

/** A service in the roll-up: one workbook, counted once. */
export interface RollupService {
  /** A name that tells it from every other service in the roll-up (dates or file added when needed). */
  readonly label: string;
  readonly workbook: RollupWorkbook;
}

/** Met out of relevant pooled over services, with the spread of the services' percentages. */
export interface RollupSpread {
  readonly relevant: number;
  readonly met: number;
  /** 100 × pooled met / pooled relevant; null when nothing is relevant anywhere. */
  readonly percent: number | null;
  readonly band: BandWords;
  /** The median of the services' percentages (services with relevant cases only); null when none. */
  readonly median: number | null;
  readonly lowest: { readonly percent: number; readonly services: readonly string[] } | null;
  readonly highest: { readonly percent: number; readonly services: readonly string[] } | null;
  /** Services with relevant cases for it, out of those whose framework has it. */
  readonly servicesJudged: number;
  readonly reading: RollupReading;
}

/**
 * How to read a row: weak or strong in every service that judged it, a service well apart from
 * the rest (its 95% interval clear of the others' pooled rate), or none of these.
 */
export interface RollupReading {
  readonly pattern: "weak-everywhere" | "strong-everywhere" | "outliers" | "mixed" | "too-few-services" | "not-judged";
  readonly outliers: readonly { readonly service: string; readonly direction: "low" | "high"; readonly percent: number; readonly othersPercent: number }[];
}

/** A criterion matched across services by ID and title. */
export interface RollupCriterion extends RollupSpread {
  readonly id: string;
  readonly section: string;
  readonly title: string;
  /** One entry per service in the roll-up, in its order: null where the service's framework lacks it. */
  readonly byService: readonly (RollupFigure | null)[];
}

/** A section matched across services by number and title. */
export interface RollupSection extends RollupSpread {
  readonly number: string;
  readonly title: string;
  readonly byService: readonly (RollupFigure | null)[];
}

/** Something that could not be compared across every service, in one line. */
export interface RollupNotCompared {
  readonly kind: "criterion" | "section";
  /** The criterion ID or section number. */
  readonly id: string;
  readonly reason: "different-titles" | "not-in-every-framework";
  readonly message: string;
}

export interface Rollup {
  readonly services: readonly RollupService[];
  readonly sections: readonly RollupSection[];
  readonly criteria: readonly RollupCriterion[];
  /** The services' overall figures: their judgements pooled, median and range. */
  readonly overall: RollupSpread;
  readonly totals: { readonly cases: number; readonly errors: number; readonly warnings: number; readonly excludedCells: number; readonly withErrors: number };
  readonly notCompared: readonly RollupNotCompared[];
  /** Files left out: unusable, or the same inspection given again. */
  readonly skipped: readonly RollupSkipped[];
  /** Every file given, in the order given, with what became of it. */
  readonly sources: readonly { readonly source: RollupSource; readonly status: string }[];
  /** The thresholds and scheme the pooled bands follow, and whether the workbooks agreed on them. */
  readonly bands: RollupBandSettings;
  readonly bandsAgreed: boolean;
}

// ---------------------------------------------------------------------------------------------
// Plain statistics

/**
 * The median: the middle value, or the mean of the middle two; null for no values.
 * @example median([40, 90, 70]) // 70
 * @example median([40, 90, 70, 50]) // 60
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The lowest and highest value; null for no values.
 * @example range([40, 90, 70]) // { min: 40, max: 90 }
 */
export function range(values: readonly number[]): { readonly min: number; readonly max: number } | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Met and relevant summed over several counts, and the pooled percentage (not the mean of the
 * percentages: a service with 40 relevant cases weighs twice one with 20).
 * @example pooled([{ met: 9, relevant: 10 }, { met: 1, relevant: 10 }]) // { met: 10, relevant: 20, percent: 50 }
 */
export function pooled(counts: readonly { readonly met: number; readonly relevant: number }[]): { met: number; relevant: number; percent: number | null } {
  let met = 0;
  let relevant = 0;
  for (const c of counts) {
    met += c.met;
    relevant += c.relevant;
  }
  return { met, relevant, percent: relevant === 0 ? null : (100 * met) / relevant };
}

// ---------------------------------------------------------------------------------------------
// One workbook

/**
 * The band words of a figure as the generated sheets show them.
 * @example bandWords({ relevant: 19, tooFew: false, band: "improvement", rating: null }) // "Improvement needed"
 */
export function bandWords(s: { readonly relevant: number; readonly tooFew: boolean; readonly band: Band | null; readonly rating: Rating | null }): BandWords {
  // A rating first: a section rated by hand has one without any judgement counted.
  if (s.rating) return s.rating;
  if (s.relevant === 0) return "No relevant cases";
  if (s.tooFew) return "Too few cases to rate";
  return s.band === "strength" ? "Strength" : s.band === "improvement" ? "Improvement needed" : "–";
}

/**
 * What the roll-up needs of an analysed workbook.
 * @example summariseForRollup(analyseWorkbook(grids), { file: "a.xlsx", bytes: 1234, sha256: "…", readAt: "2026-12-01T09:00:00Z" }).cases // 20
 */
export function summariseForRollup(a: Analysis, source: RollupSource): RollupWorkbook {
  const figure = (s: { relevant: number; met: number; percent: number | null; tooFew: boolean; band: Band | null; rating: Rating | null }): RollupFigure => ({
    relevant: s.relevant,
    met: s.met,
    percent: s.percent,
    band: bandWords(s),
  });
  return {
    source,
    service: a.settings.serviceName.trim(),
    inspectionStart: a.settings.inspectionStart,
    inspectionEnd: a.settings.inspectionEnd,
    cases: a.cases.cases.length,
    sections: a.sections.map((s) => ({ number: String(s.number), title: s.title, ...figure(s) })),
    overall: figure(a.overall),
    criteria: a.criteria.map((c) => ({ id: c.id, section: String(c.section), title: c.title, notMet: c.notMet, excluded: c.excluded, ...figure(c) })),
    errors: a.errors,
    warnings: a.warnings,
    excludedCells: a.excludedCells,
    bands: {
      strengthThreshold: a.settings.strengthThreshold,
      improvementThreshold: a.settings.improvementThreshold,
      ratingScheme: a.settings.ratingScheme,
      minRelevant: a.settings.minRelevant,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Many workbooks

/** Options for {@link rollUp}. */
export interface RollUpOptions {
  /** Bands for the pooled figures when the workbooks' settings differ (default: the default settings). */
  readonly bands?: RollupBandSettings;
}

/** Text compared for matching: spaces collapsed, any case, quotes and dashes of one kind. */
export function matchKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** The inspection dates as they identify an inspection. */
function datesKey(w: RollupWorkbook): string {
  return `${w.inspectionStart ?? ""}/${w.inspectionEnd ?? ""}`;
}

/** Every count of a workbook, to tell a copy from another inspection when no dates say. */
function figuresKey(w: RollupWorkbook): string {
  return [w.cases, ...w.criteria.map((c) => `${c.id}:${c.met}/${c.relevant}`)].join(",");
}

/**
 * Why `w` is the same inspection as `kept`, or null when it is not: the same file (same SHA-256);
 * the same service and inspection dates; or, without dates to tell them apart, the same service
 * and the very same figures.
 */
export function sameInspection(w: RollupWorkbook, kept: RollupWorkbook): string | null {
  if (w.source.sha256 !== null && w.source.sha256 === kept.source.sha256) return "it is the same file (same SHA-256)";
  if (matchKey(w.service) !== matchKey(kept.service)) return null;
  const named = w.service !== "";
  const dated = w.inspectionStart !== null || w.inspectionEnd !== null;
  if (named && dated && datesKey(w) === datesKey(kept)) return "it is the same service and inspection dates";
  if (!dated && datesKey(kept) === "/" && figuresKey(w) === figuresKey(kept)) {
    return `it has the same ${named ? "service and " : ""}figures, and no inspection dates to tell them apart`;
  }
  return null;
}

/**
 * Groups the workbooks that are the same inspection ({@link sameInspection}: a workbook joins the
 * first group it is the same inspection as)
 * and counts one of each group: the one last modified (a later save of the same inspection), or
 * the first given when the times are equal or unknown. The others come back with why.
 * @example countOnce([a, copyOfA]).duplicates[0].why // "it is the same file (same SHA-256)"
 */
export function countOnce(workbooks: readonly RollupWorkbook[]): {
  kept: RollupWorkbook[];
  duplicates: { workbook: RollupWorkbook; counted: RollupWorkbook; why: string; savedLater: boolean }[];
} {
  // Each rule of sameInspection as a key, so a group is found by lookup, not by comparing pairs.
  const groups: RollupWorkbook[][] = [];
  const groupOf = new Map<string, RollupWorkbook[]>();
  for (const w of workbooks) {
    const service = matchKey(w.service);
    const dated = w.inspectionStart !== null || w.inspectionEnd !== null;
    const keys = [
      ...(w.source.sha256 !== null ? [`file ${w.source.sha256}`] : []),
      ...(w.service !== "" && dated ? [`dates ${service}\u0000${datesKey(w)}`] : []),
      ...(!dated ? [`figures ${service}\u0000${figuresKey(w)}`] : []),
    ];
    let group = keys.map((k) => groupOf.get(k)).find((g) => g !== undefined);
    if (!group) groups.push((group = []));
    group.push(w);
    for (const k of keys) if (!groupOf.has(k)) groupOf.set(k, group);
  }
  const kept: RollupWorkbook[] = [];
  const duplicates: { workbook: RollupWorkbook; counted: RollupWorkbook; why: string; savedLater: boolean }[] = [];
  for (const group of groups) {
    const time = (w: RollupWorkbook): number => (w.source.modifiedAt === null ? -Infinity : Date.parse(w.source.modifiedAt));
    const counted = group.reduce((best, w) => (time(w) > time(best) ? w : best));
    kept.push(counted);
    for (const w of group) {
      if (w === counted) continue;
      const same = sameInspection(w, counted) ?? "it is the same inspection";
      duplicates.push({ workbook: w, counted, why: same, savedLater: time(counted) > time(w) && w.source.sha256 !== counted.source.sha256 });
    }
  }
  return { kept, duplicates };
}

function describeService(w: RollupWorkbook): string {
  return w.service === "" ? "a service not named in Settings" : w.service;
}

/**
 * Labels that tell services apart: the service name, with the dates added where a name repeats,
 * and the file name where that is not enough.
 */
function serviceLabels(list: readonly RollupWorkbook[], datesText: (w: RollupWorkbook) => string): string[] {
  const base = list.map((w) => (w.service === "" ? `Not named (${baseName(w.source.file)})` : w.service));
  const counts = countBy(base.map(matchKey));
  const withDates = base.map((b, i) => (counts.get(matchKey(b))! > 1 ? `${b} (${datesText(list[i]!)})` : b));
  const again = countBy(withDates.map(matchKey));
  return withDates.map((b, i) => (again.get(matchKey(b))! > 1 ? `${b} [${baseName(list[i]!.source.file)}]` : b));
}

function countBy(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * The file name without its folder.
 * @example baseName("/data/q1/north.xlsx") // "north.xlsx"
 */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}

/** The bands the pooled figures follow: the workbooks' own when they all agree, else `fallback`. */
function agreedBands(list: readonly RollupWorkbook[], fallback: RollupBandSettings): { bands: RollupBandSettings; agreed: boolean } {
  const first = list[0];
  if (!first) return { bands: fallback, agreed: true };
  const same = (a: RollupBandSettings, b: RollupBandSettings): boolean =>
    a.strengthThreshold === b.strengthThreshold && a.improvementThreshold === b.improvementThreshold && a.ratingScheme === b.ratingScheme && a.minRelevant === b.minRelevant;
  return list.every((w) => same(w.bands, first.bands)) ? { bands: first.bands, agreed: true } : { bands: fallback, agreed: false };
}

/** The settings `judgeCounts` needs, from band settings. */
function asSettings(bands: RollupBandSettings): Settings {
  return { ...DEFAULT_SETTINGS, ...bands };
}

/**
 * How to read a row from its services' figures: weak everywhere (every judged service at or below
 * the improvement threshold), strong everywhere (every one at or above the strength threshold), or
 * the services that stand apart. A service stands apart when its 95% Wilson interval and that of
 * the other services pooled do not overlap — a strict test, as it should be with many criteria
 * compared at once. The service furthest apart is taken first and the test repeated on the rest,
 * so one very weak service does not make the others look strong; outliers stay a minority. At
 * least three services must have judged the row.
 * @example readSpread([{ service: "A", met: 2, relevant: 20 }, { service: "B", met: 18, relevant: 20 }, { service: "C", met: 17, relevant: 20 }], DEFAULT_SETTINGS).outliers[0].service // "A"
 */
export function readSpread(
  figures: readonly { readonly service: string; readonly met: number; readonly relevant: number }[],
  bands: Pick<RollupBandSettings, "strengthThreshold" | "improvementThreshold">,
): RollupReading {
  const judged = figures.filter((f) => f.relevant > 0);
  if (judged.length === 0) return { pattern: "not-judged", outliers: [] };
  if (judged.length < 3) return { pattern: "too-few-services", outliers: [] };
  const percents = judged.map((f) => (100 * f.met) / f.relevant);
  if (percents.every((p) => bandOf(p, bands) === "improvement")) return { pattern: "weak-everywhere", outliers: [] };
  if (percents.every((p) => bandOf(p, bands) === "strength")) return { pattern: "strong-everywhere", outliers: [] };
  const outliers: RollupReading["outliers"][number][] = [];
  const rest = [...judged];
  while (outliers.length + 1 <= (judged.length - 1) / 2) {
    let best: { f: (typeof judged)[number]; gap: number; direction: "low" | "high"; others: number } | null = null;
    const total = pooled(rest);
    for (const f of rest) {
      const others = { met: total.met - f.met, relevant: total.relevant - f.relevant };
      const own = wilsonInterval(f.met, f.relevant)!;
      const theirs = wilsonInterval(others.met, others.relevant)!;
      const gap = Math.max(theirs.low - own.high, own.low - theirs.high);
      if (gap > 0 && (!best || gap > best.gap)) best = { f, gap, direction: own.high < theirs.low ? "low" : "high", others: (100 * others.met) / others.relevant };
    }
    if (!best) break;
    outliers.push({ service: best.f.service, direction: best.direction, percent: (100 * best.f.met) / best.f.relevant, othersPercent: best.others });
    rest.splice(rest.indexOf(best.f), 1);
  }
  return { pattern: outliers.length > 0 ? "outliers" : "mixed", outliers };
}

/** Pooled figure, median, range and reading of one row over the services that have it. */
function spread(entries: readonly (RollupFigure | null)[], labels: readonly string[], bands: RollupBandSettings): RollupSpread {
  const present = entries.flatMap((e, i) => (e ? [{ ...e, service: labels[i]! }] : []));
  const total = pooled(present);
  const judged = present.filter((e) => e.relevant > 0 && e.percent !== null);
  const percents = judged.map((e) => e.percent!);
  const r = range(percents);
  const at = (p: number): string[] => judged.filter((e) => e.percent === p).map((e) => e.service);
  const judgedCounts = judgeCounts(total.met, total.relevant, asSettings(bands));
  return {
    relevant: total.relevant,
    met: total.met,
    percent: total.percent,
    band: bandWords({ relevant: total.relevant, ...judgedCounts }),
    median: median(percents),
    lowest: r ? { percent: r.min, services: at(r.min) } : null,
    highest: r ? { percent: r.max, services: at(r.max) } : null,
    servicesJudged: judged.length,
    reading: readSpread(present, bands),
  };
}

/**
 * Sets the workbooks side by side. `workbooks` in the order given: where two are the same
 * inspection, the first is counted and the other listed in `skipped`. `unusable` are the files that
 * could not be read, with their one-line reason.
 * @example
 * const r = rollUp([north, south], [{ source, reason: "The file is damaged …" }]);
 * r.criteria.find((c) => c.id === "2.1")?.median;
 */
export function rollUp(
  workbooks: readonly RollupWorkbook[],
  unusable: readonly { readonly source: RollupSource; readonly reason: string }[] = [],
  options: RollUpOptions = {},
): Rollup {
  // The same inspection given more than once counts once: the save last modified, else the first given.
  const { kept, duplicates } = countOnce(workbooks);
  const status = new Map<RollupSource, string>();
  const skipped: RollupSkipped[] = [];
  for (const { workbook: w, counted, why, savedLater } of duplicates) {
    const reason = `Not counted again: ${why} as "${counted.source.file}" (${describeService(counted)}), which ${savedLater ? "was saved later and " : ""}is counted.`;
    skipped.push({ file: w.source.file, reason, duplicateOf: counted.source.file });
    status.set(w.source, reason);
  }
  for (const u of unusable) {
    skipped.push({ file: u.source.file, reason: u.reason });
    status.set(u.source, `Not used: ${u.reason}`);
  }

  // Services in a stable order: by name, then dates, then file.
  kept.sort((a, b) => cmp(matchKey(a.service), matchKey(b.service)) || cmp(datesKey(a), datesKey(b)) || cmp(a.source.file, b.source.file));
  const labels = serviceLabels(kept, (w) => inspectionDates(w.inspectionStart, w.inspectionEnd));
  const services = kept.map((workbook, i) => ({ label: labels[i]!, workbook }));
  for (const s of services) {
    const w = s.workbook;
    status.set(w.source, w.errors > 0 ? `Counted, with ${w.errors} error${w.errors === 1 ? "" : "s"}: ${w.excludedCells} cell${w.excludedCells === 1 ? "" : "s"} left out of the counts.` : "Counted.");
  }

  const { bands, agreed } = agreedBands(kept, options.bands ?? asBands(DEFAULT_SETTINGS));
  const notCompared: RollupNotCompared[] = [];

  // Sections matched by number and title.
  const sectionRows = matchRows(
    services,
    (w) => w.sections.map((s) => ({ id: s.number, title: s.title, figure: s, section: s.number })),
    "section",
    notCompared,
  );
  const sections: RollupSection[] = sectionRows.map((row) => ({ number: row.id, title: row.title, byService: row.byService, ...spread(row.byService, labels, bands) }));

  // Criteria matched by ID and title.
  const criterionRows = matchRows(
    services,
    (w) => w.criteria.map((c) => ({ id: c.id, title: c.title, figure: c, section: c.section })),
    "criterion",
    notCompared,
  );
  const criteria: RollupCriterion[] = criterionRows.map((row) => ({ id: row.id, section: row.section, title: row.title, byService: row.byService, ...spread(row.byService, labels, bands) }));

  // Overall: each service's overall figure (its counted judgements) pooled, and their spread.
  const overall = spread(services.map((s) => s.workbook.overall), labels, bands);

  const sum = (f: (w: RollupWorkbook) => number): number => kept.reduce((n, w) => n + f(w), 0);
  return {
    services,
    sections,
    criteria,
    overall,
    totals: { cases: sum((w) => w.cases), errors: sum((w) => w.errors), warnings: sum((w) => w.warnings), excludedCells: sum((w) => w.excludedCells), withErrors: kept.filter((w) => w.errors > 0).length },
    notCompared,
    skipped,
    sources: [...workbooks.map((w) => w.source), ...unusable.map((u) => u.source)].map((source) => ({ source, status: status.get(source) ?? "" })),
    bands,
    bandsAgreed: agreed,
  };
}

function asBands(s: Settings): RollupBandSettings {
  return { strengthThreshold: s.strengthThreshold, improvementThreshold: s.improvementThreshold, ratingScheme: s.ratingScheme, minRelevant: s.minRelevant };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface MatchedRow {
  readonly id: string;
  readonly title: string;
  readonly section: string;
  readonly byService: (RollupFigure | null)[];
}

/**
 * Rows matched by ID and title across services, in ID order; what is not in every service, or is
 * worded differently under one ID, is added to `notCompared`.
 */
function matchRows(
  services: readonly RollupService[],
  itemsOf: (w: RollupWorkbook) => readonly { id: string; title: string; figure: RollupFigure; section: string }[],
  kind: "criterion" | "section",
  notCompared: RollupNotCompared[],
): MatchedRow[] {
  const rows = new Map<string, MatchedRow>();
  const titlesById = new Map<string, Set<string>>();
  services.forEach((s, i) => {
    for (const item of itemsOf(s.workbook)) {
      const key = `${item.id}\u0000${matchKey(item.title)}`;
      let row = rows.get(key);
      if (!row) {
        row = { id: item.id, title: item.title, section: item.section, byService: services.map(() => null) };
        rows.set(key, row);
        if (!titlesById.has(item.id)) titlesById.set(item.id, new Set());
        titlesById.get(item.id)!.add(key);
      }
      row.byService[i] = item.figure;
    }
  });
  const sorted = [...rows.values()].sort((a, b) => compareNumbers(a.id, b.id) || cmp(matchKey(a.title), matchKey(b.title)));
  const noun = kind === "criterion" ? "Criterion" : "Section";
  const who = (row: MatchedRow, present: boolean): string => listServices(services.filter((_, i) => (row.byService[i] !== null) === present).map((s) => s.label));
  const reported = new Set<string>();
  for (const row of sorted) {
    const variants = titlesById.get(row.id)!;
    if (variants.size > 1) {
      if (reported.has(row.id)) continue;
      reported.add(row.id);
      const wordings = sorted.filter((r) => r.id === row.id).map((r) => `"${r.title}" in ${who(r, true)}`);
      notCompared.push({ kind, id: row.id, reason: "different-titles", message: `${noun} ${row.id} is worded differently: ${wordings.join("; ")}. Each wording is shown on its own row.` });
    } else if (row.byService.some((f) => f === null)) {
      notCompared.push({ kind, id: row.id, reason: "not-in-every-framework", message: `${noun} ${row.id} "${row.title}" is only in ${who(row, true)}; not in ${who(row, false)}.` });
    }
  }
  return sorted;
}

function listServices(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? "no service";
  if (labels.length > 4) return `${labels.slice(0, 3).join(", ")} and ${labels.length - 3} more`;
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]!}`;
}
