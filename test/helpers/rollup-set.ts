/**
 * A set of workbooks to roll up, with the figures a roll-up of them must give, worked out here from
 * the rows written into them (counting the cells that say exactly "Yes" and "No"), never with the
 * code under test:
 *
 *   sample.xlsx          the bundled sample (Northbrook; its criterion 4.6 only there; figures from
 *                        the seed report, SEED_TARGETS)
 *   eastshire.xlsx       30 cases; 2.5 weak
 *   westshire.xlsx       25 cases; 2.5 weak
 *   southshire.xlsx      40 cases; 1.1 very weak (the outlier); 2.5 weak; cells with errors
 *                        ("Maybe", N/A where a judgement is required), left out of the counts
 *   riverside.xlsx       24 cases on another framework (its Criteria sheet: 2.1 worded
 *                        differently, 5.1 removed, a section 6 "Resettlement" with 6.1)
 *   eastshire-copy.xlsx  the same bytes as eastshire.xlsx
 *   eastshire-earlier-save.xlsx  Eastshire's same service and dates, saved earlier (other bytes)
 *   damaged.xlsx         half of westshire.xlsx's bytes
 */
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { buildTemplate, BUILT_IN_FRAMEWORK, sectionNumberOf, type CellValue, type Criterion, type Framework } from "../../src/core";
import { writeTemplate } from "../../src/xlsx/template";
import { SAMPLE_FRAMEWORK, SAMPLE_SERVICE, SEED_TARGETS } from "../fixtures/seed-sample";
import { prng } from "./prng";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");

/** Met and relevant per criterion key ("2.1|Initial assessment of risk of harm to others"). */
export type ExpectedCounts = Map<string, { readonly id: string; readonly title: string; readonly met: number; readonly relevant: number }>;

export interface ExpectedService {
  readonly service: string;
  readonly file: string;
  readonly cases: number;
  readonly counts: ExpectedCounts;
  /** Section number → title, from the workbook's framework. */
  readonly sections: ReadonlyMap<string, string>;
  /** Cells with an error, left out. */
  readonly errorCells: number;
}

export interface RollupSet {
  readonly dir: string;
  /** Every file, in name order (as --dir lists them). */
  readonly files: readonly string[];
  /** The services a roll-up must count, with their expected counts. */
  readonly services: readonly ExpectedService[];
  /** The files it must leave out: name → what the reason must say. */
  readonly skipped: ReadonlyMap<string, RegExp>;
}

export const keyOf = (id: string, title: string): string => `${id}|${title}`;

const RIVERSIDE_FRAMEWORK: Framework = {
  sections: [...BUILT_IN_FRAMEWORK.sections, { number: "6", title: "Resettlement" }],
  criteria: [
    ...BUILT_IN_FRAMEWORK.criteria
      .filter((c) => c.id !== "5.1")
      .map((c): Criterion => (c.id === "2.1" ? { ...c, title: "Assessment of risk of harm to others, including victims" } : c)),
    { id: "6.1", section: "6", title: "Resettlement planning started early", subject: "resettlement planning", appliesTo: "all" },
  ],
  interviewQuestions: BUILT_IN_FRAMEWORK.interviewQuestions,
};

interface Plan {
  readonly file: string;
  readonly service: string;
  readonly start: Date;
  readonly end: Date;
  readonly cases: number;
  readonly seed: number;
  /** Chance of Yes per criterion ID (default 0.8). */
  readonly yes: Readonly<Record<string, number>>;
  readonly framework: Framework;
  /** Put errors in: "Maybe" in some cells, N/A in some cells that need a judgement. */
  readonly errors?: boolean;
  readonly created?: Date;
}

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

const PLANS: readonly Plan[] = [
  { file: "eastshire.xlsx", service: "Eastshire YOS", start: utc(2026, 3, 2), end: utc(2026, 3, 4), cases: 30, seed: 11, yes: { "2.5": 0.4 }, framework: BUILT_IN_FRAMEWORK },
  { file: "westshire.xlsx", service: "Westshire YOS", start: utc(2026, 4, 6), end: utc(2026, 4, 8), cases: 25, seed: 12, yes: { "2.5": 0.45 }, framework: BUILT_IN_FRAMEWORK },
  { file: "southshire.xlsx", service: "Southshire YOS", start: utc(2026, 5, 11), end: utc(2026, 5, 13), cases: 40, seed: 13, yes: { "1.1": 0.15, "2.5": 0.4 }, framework: BUILT_IN_FRAMEWORK, errors: true },
  { file: "riverside.xlsx", service: "Riverside Youth Justice", start: utc(2026, 6, 1), end: utc(2026, 6, 3), cases: 24, seed: 14, yes: { "2.5": 0.5 }, framework: RIVERSIDE_FRAMEWORK },
];

/** Case rows in the template's column order, for a plan. */
function rowsOf(plan: Plan, headers: readonly string[]): CellValue[][] {
  const random = prng(plan.seed);
  const byId = new Map(plan.framework.criteria.map((c) => [c.id, c]));
  const rows: CellValue[][] = [];
  for (let i = 0; i < plan.cases; i++) {
    const custody = random() < 0.25;
    const psr = random() < 0.6;
    const row = headers.map((h): CellValue => {
      if (h === "Case ID") return `${plan.file.slice(0, 1).toUpperCase()}${String(i + 1).padStart(3, "0")}`;
      if (h === "Case manager") return "A. Manager";
      if (h === "Sentence") return custody ? "Custody" : "Community";
      if (h === "PSR") return psr ? "Yes" : "No";
      const c = byId.get(h.split(" ")[0]!);
      if (!c || !h.startsWith(`${c.id} `) || /notes$/i.test(h)) return null;
      if ((c.appliesTo === "custody" && !custody) || (c.appliesTo === "new-psr" && !psr)) return "N/A";
      if ((c.appliesTo === "where-relevant" || c.appliesTo === "where-required") && random() < 0.1) return "N/A";
      return random() < (plan.yes[c.id] ?? 0.8) ? "Yes" : "No";
    });
    if (plan.errors && i % 9 === 4) {
      // An invalid value, and N/A where every case needs a judgement (1.3 applies to all cases).
      row[headers.findIndex((h) => h.startsWith("2.2 "))] = "Maybe";
      row[headers.findIndex((h) => h.startsWith("1.3 "))] = "N/A";
    }
    rows.push(row);
  }
  return rows;
}

/** Met and relevant per criterion column: the cells saying exactly Yes, and Yes or No. */
function countRows(headers: readonly string[], rows: readonly CellValue[][], framework: Framework): ExpectedCounts {
  const counts: ExpectedCounts = new Map();
  for (const c of framework.criteria) {
    const col = headers.findIndex((h) => h.startsWith(`${c.id} `) && !/notes$/i.test(h));
    let met = 0;
    let relevant = 0;
    for (const row of rows) {
      if (row[col] === "Yes") met++;
      if (row[col] === "Yes" || row[col] === "No") relevant++;
    }
    counts.set(keyOf(c.id, c.title), { id: c.id, title: c.title, met, relevant });
  }
  return counts;
}

function sectionsOf(framework: Framework): Map<string, string> {
  return new Map(framework.sections.map((s) => [String(s.number), s.title]));
}

/**
 * Writes the set into `dir` and says what a roll-up of it must give.
 * @example const set = await writeRollupSet(tmp.dir);
 */
export async function writeRollupSet(dir: string): Promise<RollupSet> {
  const services: ExpectedService[] = [];
  const write = async (plan: Plan, name = plan.file): Promise<CellValue[][]> => {
    const template = buildTemplate({ framework: plan.framework, blankRows: 0 });
    const rows = rowsOf(plan, template.cases.headers);
    const bytes = await writeTemplate(template, {
      caseRows: rows.map((r) => r.map((v) => (typeof v === "object" || typeof v === "boolean" ? null : v))),
      settingValues: { "Service name": plan.service, "Inspection start": plan.start, "Inspection end": plan.end },
      created: plan.created ?? utc(2026, 7, 1),
    });
    writeFileSync(path.join(dir, name), bytes);
    return rows;
  };
  for (const plan of PLANS) {
    const headers = buildTemplate({ framework: plan.framework, blankRows: 0 }).cases.headers;
    const rows = await write(plan);
    const errorCells = plan.errors ? rows.filter((_, i) => i % 9 === 4).length * 2 : 0;
    services.push({ service: plan.service, file: plan.file, cases: plan.cases, counts: countRows(headers, rows, plan.framework), sections: sectionsOf(plan.framework), errorCells });
  }

  // The sample: its figures are the seed report's.
  copyFileSync(SAMPLE, path.join(dir, "sample.xlsx"));
  const sampleCounts: ExpectedCounts = new Map(
    SAMPLE_FRAMEWORK.criteria.map((c) => [keyOf(c.id, c.title), { id: c.id, title: c.title, met: SEED_TARGETS[c.id]!.met, relevant: SEED_TARGETS[c.id]!.relevant }]),
  );
  services.push({ service: SAMPLE_SERVICE, file: "sample.xlsx", cases: 20, counts: sampleCounts, sections: sectionsOf(SAMPLE_FRAMEWORK), errorCells: 0 });

  // The same inspection again: a byte-for-byte copy, and an earlier save of the same service and
  // dates (other bytes). eastshire.xlsx was saved last, so it is the one counted.
  copyFileSync(path.join(dir, "eastshire.xlsx"), path.join(dir, "eastshire-copy.xlsx"));
  await write({ ...PLANS[0]!, created: utc(2026, 6, 20) }, "eastshire-earlier-save.xlsx");
  utimesSync(path.join(dir, "eastshire-earlier-save.xlsx"), utc(2026, 6, 20), utc(2026, 6, 20));
  utimesSync(path.join(dir, "eastshire-copy.xlsx"), utc(2026, 6, 30), utc(2026, 6, 30));
  utimesSync(path.join(dir, "eastshire.xlsx"), utc(2026, 7, 1), utc(2026, 7, 1));
  // A damaged file: Westshire cut in half.
  const west = readFileSync(path.join(dir, "westshire.xlsx"));
  writeFileSync(path.join(dir, "damaged.xlsx"), west.subarray(0, west.length >> 1));

  const files = ["damaged.xlsx", "eastshire-copy.xlsx", "eastshire-earlier-save.xlsx", "eastshire.xlsx", "riverside.xlsx", "sample.xlsx", "southshire.xlsx", "westshire.xlsx"];
  const skipped = new Map<string, RegExp>([
    ["damaged.xlsx", /damaged/i],
    ["eastshire-copy.xlsx", /same file \(same SHA-256\) as ".*eastshire\.xlsx"/],
    ["eastshire-earlier-save.xlsx", /same service and inspection dates as ".*eastshire\.xlsx" \(Eastshire YOS\), which was saved later and is counted/],
  ]);
  return { dir, files, services, skipped };
}

/**
 * The median of some numbers, worked out the textbook way.
 * @example middle([3, 1, 2]) // 2
 */
export function middle(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** What a roll-up of the set must say about one criterion (by ID and title). */
export interface ExpectedCriterion {
  readonly id: string;
  readonly title: string;
  /** Per service that has it, in the roll-up's service order: met and relevant. */
  readonly byService: ReadonlyMap<string, { readonly met: number; readonly relevant: number }>;
  readonly met: number;
  readonly relevant: number;
  readonly percent: number | null;
  readonly median: number | null;
  readonly lowest: number | null;
  readonly highest: number | null;
}

/** Every criterion row a roll-up of these services must have. */
export function expectedCriteria(services: readonly ExpectedService[]): ExpectedCriterion[] {
  const keys = new Set(services.flatMap((s) => [...s.counts.keys()]));
  return [...keys].map((key) => {
    const byService = new Map<string, { met: number; relevant: number }>();
    let met = 0;
    let relevant = 0;
    const percents: number[] = [];
    let id = "";
    let title = "";
    for (const s of services) {
      const c = s.counts.get(key);
      if (!c) continue;
      ({ id, title } = c);
      byService.set(s.service, { met: c.met, relevant: c.relevant });
      met += c.met;
      relevant += c.relevant;
      if (c.relevant > 0) percents.push((100 * c.met) / c.relevant);
    }
    return {
      id,
      title,
      byService,
      met,
      relevant,
      percent: relevant === 0 ? null : (100 * met) / relevant,
      median: middle(percents),
      lowest: percents.length ? Math.min(...percents) : null,
      highest: percents.length ? Math.max(...percents) : null,
    };
  });
}

/** Met and relevant per section for a service: its criteria summed by the number before the dot. */
export function expectedSections(s: ExpectedService): Map<string, { met: number; relevant: number }> {
  const out = new Map<string, { met: number; relevant: number }>();
  for (const c of s.counts.values()) {
    const section = sectionNumberOf(c.id);
    const t = out.get(section) ?? { met: 0, relevant: 0 };
    out.set(section, { met: t.met + c.met, relevant: t.relevant + c.relevant });
  }
  return out;
}

/** A percentage rounded to one decimal, as the JSON gives it. */
export const oneDecimal = (p: number | null): number | null => (p === null ? null : Math.round(p * 10) / 10);

// ---- The roll-up workbook, read with ExcelJS (the test oracle)

type Sheet = ExcelJS.Worksheet;

/** A cell's value, a formula's cached (or recalculated) result. */
export function value(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  return v !== null && typeof v === "object" && "result" in v ? v.result : v;
}

/** The first row from `from` whose column A says `text`. */
export function rowWhere(sheet: Sheet, text: string, from = 1): number {
  for (let r = from; r <= sheet.rowCount; r++) if (value(sheet.getCell(r, 1)) === text) return r;
  throw new Error(`no row with "${text}" in column A of ${sheet.name}`);
}

/** Column numbers by header text on a row. */
export function columnsOf(sheet: Sheet, row: number): Map<string, number> {
  const m = new Map<string, number>();
  sheet.getRow(row).eachCell((cell, col) => {
    const v = value(cell);
    if (typeof v === "string" && !m.has(v)) m.set(v, col);
  });
  return m;
}

/** A percentage cell (a fraction) as a percentage to one decimal; null for a blank. */
const asPercent = (v: unknown): number | null => (typeof v === "number" ? oneDecimal(v * 100) : v === "" || v === null || v === undefined ? null : NaN);

/**
 * Checks the Criteria and Services sheets of a roll-up of `set` against the figures counted from
 * its rows. Services are named by their service names (every one differs in the set).
 */
export function checkRollupWorkbook(workbook: ExcelJS.Workbook, set: RollupSet): void {
  const expected = expectedCriteria(set.services);
  const criteria = workbook.getWorksheet("Criteria")!;
  const head = rowWhere(criteria, "ID");
  const cols = columnsOf(criteria, head);
  for (const e of expected) {
    let row = head + 1;
    while (!(value(criteria.getCell(row, 1)) === e.id && value(criteria.getCell(row, 2)) === e.title)) {
      if (++row > criteria.rowCount) throw new Error(`no row for ${e.id} ${e.title}`);
    }
    for (const [service, c] of e.byService) {
      expect([e.id, service, asPercent(value(criteria.getCell(row, cols.get(service)!)))]).toEqual([e.id, service, c.relevant === 0 ? null : oneDecimal((100 * c.met) / c.relevant)]);
    }
    const at = (header: string): number | null => asPercent(value(criteria.getCell(row, cols.get(header)!)));
    expect([e.id, at("Pooled % met"), at("Median"), at("Lowest"), at("Highest")]).toEqual([e.id, oneDecimal(e.percent), oneDecimal(e.median), oneDecimal(e.lowest), oneDecimal(e.highest)]);
  }

  const services = workbook.getWorksheet("Services")!;
  const header = rowWhere(services, "Service");
  const groups = columnsOf(services, header - 1);
  let met = 0;
  let relevant = 0;
  for (const s of set.services) {
    const row = rowWhere(services, s.service, header + 1);
    expect(value(services.getCell(row, 3))).toBe(s.cases);
    // The section groups sit on the row above the headers: "1 Reducing …" over "% met".
    for (const [number, c] of expectedSections(s)) {
      const col = groups.get(`${number} ${s.sections.get(number)}`)!;
      expect([s.service, number, asPercent(value(services.getCell(row, col)))]).toEqual([s.service, number, oneDecimal((100 * c.met) / c.relevant)]);
      met += c.met;
      relevant += c.relevant;
    }
  }
  const pooledRow = rowWhere(services, "All services, pooled");
  expect(asPercent(value(services.getCell(pooledRow, groups.get("Overall")!)))).toBe(oneDecimal((100 * met) / relevant));

  // Chart: the table its bars read, a row per service and a column per section, the same figures.
  const chart = workbook.getWorksheet("Chart")!;
  const chartHeader = rowWhere(chart, "Service");
  const chartCols = columnsOf(chart, chartHeader);
  for (const s of set.services) {
    const row = rowWhere(chart, s.service, chartHeader + 1);
    for (const [number, c] of expectedSections(s)) {
      const col = chartCols.get(`${number} ${s.sections.get(number)}`)!;
      expect([s.service, number, asPercent(value(chart.getCell(row, col)))]).toEqual([s.service, number, oneDecimal((100 * c.met) / c.relevant)]);
    }
  }
}
