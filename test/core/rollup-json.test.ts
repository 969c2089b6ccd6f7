/**
 * `rollup --json` (src/core/rollup-json.ts) field by field, against docs/json.md: each figure
 * worked out by hand from three small workbooks, percentages to one decimal place, `byService`
 * only where a service's framework has the criterion, `range` in percentage points, the reading
 * with its text. The roll-up is made inside each test.
 */
import { rollUp, toRollupJson, type RollupJson } from "../../src/core";
import { rollupWorkbook as workbook } from "../helpers/rollup-workbook";

describe("rollup --json", () => {
  let json: RollupJson;
  beforeEach(() => {
    // North 1.1 2/3, 2.1 1/3; South 1.1 1/3 (no 2.1); East 1.1 3/3, 2.1 none relevant.
    const north = workbook("north.xlsx", "North YOS", { "1.1": [2, 3], "2.1": [1, 3] });
    const south = workbook("south.xlsx", "South YOS", { "1.1": [1, 3] });
    const east = workbook("east.xlsx", "East YOS", { "1.1": [3, 3], "2.1": [0, 0] });
    json = toRollupJson(rollUp([north, south, east, { ...north, source: { ...north.source, file: "north copy.xlsx" } }]));
  });

  test("criteria: each service's figure only where its framework has it; pooled, median, lowest, highest, range, reading", () => {
    expect(json.criteria).toEqual([
      {
        id: "1.1",
        section: "1",
        title: "Criterion 1.1",
        // 6 of 9 = 66.7%; services 100, 66.7, 33.3
        relevant: 9,
        met: 6,
        percent: 66.7,
        band: "–",
        median: 66.7,
        lowest: { percent: 33.3, services: ["South YOS"] },
        highest: { percent: 100, services: ["East YOS"] },
        range: 66.7,
        servicesJudged: 3,
        reading: { pattern: "mixed", text: "–", outliers: [] },
        byService: [
          { service: "East YOS", relevant: 3, met: 3, percent: 100 },
          { service: "North YOS", relevant: 3, met: 2, percent: 66.7 },
          { service: "South YOS", relevant: 3, met: 1, percent: 33.3 },
        ],
      },
      {
        id: "2.1",
        section: "2",
        title: "Criterion 2.1",
        relevant: 3,
        met: 1,
        percent: 33.3,
        band: "Improvement needed",
        median: 33.3,
        lowest: { percent: 33.3, services: ["North YOS"] },
        highest: { percent: 33.3, services: ["North YOS"] },
        range: 0,
        servicesJudged: 1,
        reading: { pattern: "too-few-services", text: "Judged in fewer than three services", outliers: [] },
        byService: [
          { service: "East YOS", relevant: 0, met: 0, percent: null },
          { service: "North YOS", relevant: 3, met: 1, percent: 33.3 },
        ],
      },
    ]);
  });

  test("pooled: the services' overall figures together, with totals, sections and bands", () => {
    // Overall: East 3/3, North 3/6, South 1/3 → 7 of 12 = 58.3%; median 50; range 100 − 33.3.
    expect(json.pooled).toMatchObject({
      services: 3,
      cases: 60,
      errors: 0,
      warnings: 0,
      excludedCells: 0,
      relevant: 12,
      met: 7,
      percent: 58.3,
      band: "Improvement needed",
      median: 50,
      lowest: { percent: 33.3, services: ["South YOS"] },
      highest: { percent: 100, services: ["East YOS"] },
      range: 66.7,
      servicesJudged: 3,
      bands: { strengthThreshold: 80, improvementThreshold: 65, ratingScheme: "none", agreed: true },
    });
    expect(json.pooled.sections.map((s) => [s.number, s.title, s.met, s.relevant, s.percent, s.servicesJudged])).toEqual([
      ["1", "Section 1", 6, 9, 66.7, 3],
      ["2", "Section 2", 1, 3, 33.3, 1],
    ]);
  });

  test("services, what is not compared, the copy skipped and every source with its status", () => {
    expect(json.services.map((s) => [s.service, s.name, s.file, s.cases, s.overall.percent])).toEqual([
      ["East YOS", "East YOS", "east.xlsx", 20, 100],
      ["North YOS", "North YOS", "north.xlsx", 20, 50],
      ["South YOS", "South YOS", "south.xlsx", 20, 33.3],
    ]);
    expect(json.notCompared.map((x) => [x.kind, x.id, x.reason])).toEqual([
      ["section", "2", "not-in-every-framework"],
      ["criterion", "2.1", "not-in-every-framework"],
    ]);
    expect(json.skipped).toEqual([
      { file: "north copy.xlsx", duplicateOf: "north.xlsx", reason: 'Not counted again: it is the same file (same SHA-256) as "north.xlsx" (North YOS), which is counted.' },
    ]);
    expect(json.sources.map((s) => [s.file, s.sha256, s.status.slice(0, 20)])).toEqual([
      ["north.xlsx", "sha-of-north.xlsx", "Counted."],
      ["south.xlsx", "sha-of-south.xlsx", "Counted."],
      ["east.xlsx", "sha-of-east.xlsx", "Counted."],
      ["north copy.xlsx", "sha-of-north.xlsx", "Not counted again: i"],
    ]);
  });
});
