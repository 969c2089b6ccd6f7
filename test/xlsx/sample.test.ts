import { readFileSync } from "node:fs";
import * as path from "node:path";
import { analyseWorkbook, toReportJson, type Analysis, type WorkbookGrids } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { makeSample } from "../../scripts/make-sample";
import { INTERVIEW_TARGETS, SAMPLE_CASES, SAMPLE_SERVICE, SEED_TARGETS } from "../fixtures/seed-sample";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");

let grids: WorkbookGrids;
let a: Analysis;
beforeAll(async () => {
  grids = (await readWorkbookFile(SAMPLE)).grids;
  a = analyseWorkbook(grids);
});

const stat = (id: string) => {
  const s = a.criteria.find((c) => c.id === id) ?? a.interviewStats.find((c) => c.id === id);
  if (!s) throw new Error(`no criterion ${id}`);
  return s;
};

test("the sample is clean: no errors, no warnings, 20 cases, 9 interviews, its own Criteria sheet", () => {
  expect(a.issues).toEqual([]);
  expect(a.cases.cases).toHaveLength(20);
  expect(a.interviews?.cases).toHaveLength(9);
  expect(a.frameworkFromSheet).toBe(true);
  expect(a.settings.serviceName).toBe(SAMPLE_SERVICE);
  expect(a.settings.inspectionStart).toBe("2026-03-10");
  expect(a.settings.ratingScheme).toBe("hmip-2018");
});

test.each([
  ["2.1", 11, 19],
  ["3.3", 12, 18],
  ["3.6", 5, 6],
  ["2.5", 10, 17],
])("seed figure %s: %i out of %i", (id, met, relevant) => {
  expect(stat(id)).toMatchObject({ met, relevant, notMet: relevant - met, unjudged: 0, excluded: 0 });
});

test("every criterion reproduces the seed report's count", () => {
  const got = Object.fromEntries(a.criteria.map((c) => [c.id, { met: c.met, relevant: c.relevant }]));
  expect(got).toEqual(SEED_TARGETS);
});

test("staff interviews: 2.6 9/9, 3.5 7/9, 5.2 8/9", () => {
  const got = Object.fromEntries(a.interviewStats.map((c) => [c.id, { met: c.met, relevant: c.relevant }]));
  expect(got).toEqual(INTERVIEW_TARGETS);
});

test("applicability kinds: PSR, custody and community criteria count exactly their cases", () => {
  expect(stat("1.2").relevant).toBe(SAMPLE_CASES.filter((c) => c.psr === "Yes").length);
  expect(stat("4.2").relevant).toBe(10);
  expect(stat("3.6").relevant).toBe(SAMPLE_CASES.filter((c) => c.sentence === "Custody").length);
  expect(stat("4.6").relevant).toBe(SAMPLE_CASES.filter((c) => c.sentence === "Community").length);
  expect(a.framework.criteria.find((c) => c.id === "4.6")?.appliesTo).toBe("community");
  // Where relevant/required: the cases not counted are N/A, none left blank.
  expect(stat("1.4")).toMatchObject({ relevant: 8, notApplicable: 12, unjudged: 0 });
  expect(stat("2.2")).toMatchObject({ relevant: 9, notApplicable: 11, unjudged: 0 });
});

test("sections pool their criteria", () => {
  const json = toReportJson(a);
  const section = (n: number) => json.sections.find((s) => s.number === n)!;
  expect(section(1)).toMatchObject({ met: 52, relevant: 58, percent: 89.7 });
  expect(section(2)).toMatchObject({ met: 51, relevant: 84, percent: 60.7, rating: "Requires improvement" });
  expect(section(3)).toMatchObject({ met: 42, relevant: 64, percent: 65.6, rating: "Good" });
  const criterion21 = json.criteria.find((c) => c.id === "2.1")!;
  expect(criterion21.percent).toBe(57.9);
  expect(criterion21.phrase).toContain("11 out of 19");
});

test("notes beginning with = or - are read back as text", () => {
  const values = grids.cases.rows.flat().filter((v): v is string => typeof v === "string");
  expect(values.some((v) => v.startsWith("="))).toBe(true);
  expect(values.some((v) => v.startsWith("-"))).toBe(true);
  const c11 = a.cases.cases.find((c) => c.id === "C11")!;
  expect(c11.notes.bySection.get("3")).toMatch(/^=Good liaison/);
});

test("the sample file is what scripts/make-sample.ts generates (regenerate with npm run make-sample)", async () => {
  const fresh = await makeSample();
  expect(Buffer.from(fresh).equals(Buffer.from(readFileSync(SAMPLE)))).toBe(true);
});
