/**
 * After the inspection, through the real command line on real files: the comparison with the
 * previous inspection (two versions of the sample: assets/sample-previous-inspection.xlsx is the
 * same service two years earlier, judged differently), kept in the report so that a later report
 * compares without the old file; and the Action plan, whose typed cells survive rebuilds with the
 * judgements changed in between, byte for byte.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ACTION_PLAN_HEADERS, PREVIOUS_MARKER, type CellValue, type ReportJson } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { PREVIOUS_TARGETS, SEED_TARGETS } from "../fixtures/seed-sample";
import { BIN, buildCli, ROOT } from "../hostile/cli-runner";
import { makeTempDir, sha256 } from "../helpers/workbook-files";

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const PREVIOUS = path.join(ROOT, "assets", "sample-previous-inspection.xlsx");
const tmp = makeTempDir("ciw-followup-");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function reportJson(...args: string[]): ReportJson {
  const r = cli("report", ...args, "--json");
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ReportJson;
}

beforeAll(() => buildCli(), 180_000);
afterAll(() => tmp.remove());

describe("report --previous with the two versions of the sample", () => {
  let json: ReportJson;
  const out = tmp.file("compared.xlsx");
  beforeAll(() => {
    json = reportJson(SAMPLE, "--previous", PREVIOUS, "--out", out);
  }, 120_000);

  const criterion = (id: string) => json.previous!.criteria.find((c) => c.id === id)!;

  test("says what it compared with: the date, the service, the file, the criteria matched", () => {
    expect(json.previous).toMatchObject({
      date: "2024-02-13",
      start: "2024-02-13",
      end: "2024-02-15",
      service: "Northbrook Youth Justice Service",
      source: "sample-previous-inspection.xlsx",
      from: "file",
      framework: "Youth Short Quality Screening (2014)",
    });
    // 4.6 was added to the framework since: not comparable, never matched with another by position.
    expect(json.previous!.notComparable).toEqual([{ id: "4.6", title: "Community requirements explained", in: "this inspection", reason: "not in the previous inspection" }]);
    expect(json.previous!.criteria.map((c) => c.id)).toEqual(json.criteria.map((c) => c.id).filter((id) => id !== "4.6"));
    expect(json.previous!.compared).toMatch(/^Compared with the previous inspection of Northbrook Youth Justice Service \(13 February 2024 to 15 February 2024\): 20 criteria and 3 interview questions compared, matched by ID and title; 4\.6 only in this inspection\./);
  });

  test("gives each criterion its previous counts, the change in points and the direction", () => {
    // Met now (SEED_TARGETS) against then (PREVIOUS_TARGETS), the same relevant counts. The 95%
    // intervals (Newcombe's method 10, worked independently): 1.1 +1.5 to +53.0, 1.3 +9.0 to +56.7,
    // 2.1 −54.5 to −3.4, 2.3 −23.9 to +33.2, 3.2 −72.6 to +16.3, 4.5 −4.0 to +56.6.
    const expected: [string, number, number, number, string][] = [
      ["1.1", 11, 20, 30, "improved"], // 55% → 85%
      ["1.3", 12, 20, 35, "improved"], // 60% → 95%
      ["2.1", 17, 19, -31.6, "declined"], // 89.5% → 57.9%
      ["2.3", 11, 19, 5.3, "no clear change"], // 57.9% → 63.2%
      ["3.2", 4, 5, -40, "no clear change"], // 80% → 40%: 40 points on five cases
      ["4.5", 8, 11, 27.3, "no clear change"], // 72.7% → 100%
    ];
    for (const [id, met, relevant, change, direction] of expected) {
      expect(PREVIOUS_TARGETS[id]).toBe(met);
      expect(SEED_TARGETS[id]!.relevant).toBe(relevant);
      expect(criterion(id)).toMatchObject({ met, relevant, percent: Math.round((1000 * met) / relevant) / 10, change, direction });
    }
    // Unchanged criteria: the same counts, no change.
    expect(criterion("4.4")).toMatchObject({ met: 20, relevant: 20, percent: 100, change: 0, direction: "no clear change" });
    // Interview question 3.5: 4 of 9 then, 7 of 9 now.
    expect(json.previous!.interviews.find((q) => q.id === "3.5")).toMatchObject({ met: 4, relevant: 9, change: 33.3, direction: "no clear change" });
  });

  test("gives each section and the overall figure the same, and says where the criteria differ", () => {
    const section = (n: number) => json.previous!.sections.find((s) => s.number === n)!;
    // Section 1: 1.1 11/20, 1.2 8/10, 1.3 12/20, 1.4 8/8 = 39 of 58 then; 52 of 58 now (+7.5 to +36.4).
    expect(section(1)).toMatchObject({ met: 39, relevant: 58, change: 22.4, direction: "improved", sameCriteria: true });
    // Section 4 had no 4.6 then.
    expect(section(4)).toMatchObject({ sameCriteria: false });
    expect(json.previous!.overall).toMatchObject({ sameCriteria: false, rating: "Good" });
  });

  test("the report says it in its sheets: the Strengths & improvements sentences and the Previous inspection sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sentences: string[] = [];
    wb.getWorksheet("Strengths & improvements")!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && sentences.push(cell.value))));
    // 2.1 declined beyond chance: its improvement sentence says so; 2.3 moved without a clear change: its sentence does not.
    expect(sentences).toContain(
      "In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well. This is down from 89% (17 of 19) done well at the last inspection.",
    );
    expect(sentences.find((s) => s.includes("planning to manage risk of harm to others"))).not.toMatch(/last inspection/);
    expect(sentences.join("\n")).toMatch(/up from 55% \(11 of 20\) at the last inspection\./);
    const kept = wb.getWorksheet("Previous inspection")!;
    expect(String(kept.getCell("A2").value)).toMatch(new RegExp(`^${PREVIOUS_MARKER.replace(/[()]/g, "\\$&")} on .*, from sample-previous-inspection\\.xlsx\\.$`));
  });

  test("the Summary gains the last inspection's figure, the change in points and the marker, per criterion, section and overall; the section scores block both inspections' scores", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet("Summary")!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1).map((x) => (x && typeof x === "object" && "result" in x ? (x as { result: unknown }).result : x));
      rows.set(String(v[0] === undefined || v[0] === null || v[0] === "" ? v[1] : v[0]), v);
    });
    const header = [...rows.values()].find((v) => v[0] === "ID")!;
    // After the % met (95% interval) column.
    const first = header.indexOf("Last inspection");
    expect(header.slice(first - 1, first + 3)).toEqual(["% met (95% interval)", "Last inspection", "Change (points)", "Since last inspection"]);
    const change = (key: string) => rows.get(key)!.slice(first, first + 3);
    // Counted by hand from the two samples: 2.1 17 of 19 then (89.5%), 11 of 19 now (57.9%).
    expect(change("2.1")).toEqual(["89% (17 of 19)", -31.6, "Declined"]);
    expect(change("1.1")).toEqual(["55% (11 of 20)", 30, "Improved"]);
    expect(change("3.2")).toEqual(["80% (4 of 5)", -40, "No clear change"]);
    // 4.6 is only in this inspection.
    const added = change("4.6");
    expect([added[0], added[1] ?? "", added[2]]).toEqual(["–", "", "Not compared"]);
    // The section rows (keyed by number): section 1, 39 of 58 then, 52 of 58 now; section 4 pooled 4.6 only now.
    expect(change("1")).toEqual(["67% (39 of 58)", 22.4, "Improved"]);
    expect(change("4")[2]).toBe("No clear change (over different criteria)");
    expect(change("All criteria")).toEqual(["72% (220 of 306)", 3.4, "No clear change (over different criteria)"]);
    // Interview question 3.5 (its row comes after criterion 3.5's, so the map holds it): 4 of 9 then, 7 of 9 now.
    expect(change("3.5")).toEqual(["44% (4 of 9)", 33.3, "No clear change"]);
    // The section scores the chart reads: this inspection's (live) and the last inspection's, as fractions.
    const scores = [...rows.values()].find((v) => v[0] === "Section scores")!;
    expect(scores.slice(2, 4)).toEqual(["% met", "Last time"]);
    expect((rows.get("1 Reducing the likelihood of reoffending")![3] as number).toFixed(4)).toBe((39 / 58).toFixed(4));
  });

  test("the Summary's chart has the last inspection's section scores as a second series, with a legend", async () => {
    const zip = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts).toHaveLength(1);
    const xml = await zip.file(charts[0]!)!.async("string");
    const series = [...xml.matchAll(/<c:ser>.*?<\/c:ser>/gs)].map((m) => m[0]);
    expect(series.map((x) => /<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(x)?.[1])).toEqual(["This inspection", "Last inspection"]);
    const refs = series.map((x) => /<c:val><c:numRef><c:f>([^<]+)<\/c:f>/.exec(x)![1]!);
    // This inspection's scores in column C, the last inspection's beside them in D, the same rows.
    expect(refs[0]).toMatch(/^'Summary'!\$C\$(\d+):\$C\$(\d+)$/);
    expect(refs[1]).toBe(refs[0]!.replace(/\$C/g, "$D"));
    // The cache of the second holds the last inspection's section scores: 39/58 for section 1.
    const numCache = /<c:numCache>.*?<\/c:numCache>/s.exec(series[1]!)![0];
    const cached = [...numCache.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]+)<\/c:v>/g)].map((m) => Number(m[2]));
    expect(cached[0]!.toFixed(4)).toBe((39 / 58).toFixed(4));
    expect(xml).toContain("<c:legend>");
  });

  test("the input and the previous file are never modified", () => {
    const before = [sha256(SAMPLE), sha256(PREVIOUS)];
    cli("report", SAMPLE, "--previous", PREVIOUS, "--out", tmp.file("again.xlsx"));
    expect([sha256(SAMPLE), sha256(PREVIOUS)]).toEqual(before);
  });

  test("a later report made from it without --previous keeps the comparison", () => {
    const later = reportJson(out, "--out", tmp.file("later.xlsx"));
    expect(later.previous!.from).toBe("sheet");
    const { from: _a, ...kept } = later.previous!;
    const { from: _b, ...first } = json.previous!;
    expect(kept).toEqual(first);
  });

  test("removing the Previous inspection sheet removes the comparison", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    wb.removeWorksheet(wb.getWorksheet("Previous inspection")!.id);
    const removed = tmp.file("removed.xlsx");
    await wb.xlsx.writeFile(removed);
    const j = reportJson(removed, "--out", tmp.file("removed-out.xlsx"));
    expect(j.previous).toBeNull();
  });

  test("the text output lists what changed beyond chance", () => {
    const r = cli("report", SAMPLE, "--previous", PREVIOUS, "--out", tmp.file("text.xlsx"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 Reducing the likelihood of reoffending: was 67.2% (39/58), +22.4 points, improved");
    expect(r.stdout).toContain("Improved beyond chance: 1.1 (55% to 85%), 1.3 (60% to 95%).");
    expect(r.stdout).toContain("Declined beyond chance: 2.1 (89% to 58%).");
  });
});

describe("report --previous with a file that cannot be used", () => {
  test.each([
    ["missing", () => tmp.file("no-such.xlsx"), /cannot use the previous inspection ".*no-such\.xlsx": The file does not exist/],
    ["not a workbook", () => path.join(ROOT, "README.md"), /cannot use the previous inspection ".*README\.md": It is a text file/],
  ])("%s: exit 2, one line, nothing written", (_what, file, pattern) => {
    const out = tmp.file(`unusable-${_what.replace(/\s/g, "-")}.xlsx`);
    const r = cli("report", SAMPLE, "--previous", file(), "--out", out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});

describe("the Action plan in files", () => {
  const COLUMNS = "EFGHI"; // Action, Owner, Due date, Status, Progress notes
  /** Typed in the report, as people type: spaces at both ends, a line break, formula-like and number-like text, a date, emoji. */
  const TYPED: Record<string, CellValue[]> = {
    "2.1": ["  Rewrite the risk of harm guidance;\nbrief every case manager.  ", "=Team leader (A. Shah)", null, "In progress", "0012 — waiting on the police 👮 data-sharing agreement"],
    "3.4": ["Managers to countersign every safeguarding plan", "+Service manager", "end of June", "Not started", "-"],
  };
  const DUE_21 = new Date(Date.UTC(2027, 5, 30));
  const DUE_21_SERIAL = Date.UTC(2027, 5, 30) / 86400000 + 25569;
  const HAND = ["(our own)", "Staff survey on supervision", "", "", "Survey the staff", "HR", "September", "Done", "Sent 3 May"];

  async function open(file: string): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  }
  /** The sheet row of a criterion's row in the plan (0 when none). */
  function rowOf(sheet: ExcelJS.Worksheet, id: string): number {
    let found = 0;
    sheet.eachRow((row, n) => {
      if (found === 0 && String(row.getCell(1).value ?? "").startsWith(`${id} `)) found = n;
    });
    return found;
  }
  /** Sets every case judged `from` on a criterion to `to`, at most `count` of them. */
  function rejudge(wb: ExcelJS.Workbook, id: string, from: string, to: string, count: number): void {
    const cases = wb.getWorksheet("Cases")!;
    const header = cases.getRow(1).values as unknown[];
    const col = header.findIndex((v) => typeof v === "string" && v.startsWith(`${id} `));
    let left = count;
    cases.eachRow((row, n) => {
      if (n > 1 && left > 0 && row.getCell(col).value === from) {
        row.getCell(col).value = to;
        left--;
      }
    });
  }
  function planStatus(sheet: ExcelJS.Worksheet, id: string): string {
    return String(sheet.getCell(rowOf(sheet, id), 4).value);
  }

  const files: string[] = [];
  beforeAll(async () => {
    // Build 1, from the sample, compared with the previous inspection.
    files.push(tmp.file("plan-1.xlsx"));
    expect(cli("report", SAMPLE, "--previous", PREVIOUS, "--out", files[0]!).code).toBe(0);
    // People fill in the plan, add a row of their own and a column, in the report.
    const wb = await open(files[0]!);
    const plan = wb.getWorksheet("Action plan")!;
    for (const [id, values] of Object.entries(TYPED)) values.forEach((v, i) => void (plan.getCell(`${COLUMNS[i]}${rowOf(plan, id)}`).value = v as ExcelJS.CellValue));
    plan.getCell(`G${rowOf(plan, "2.1")}`).value = DUE_21;
    let last = 0;
    plan.eachRow((_r, n) => void (last = n));
    HAND.forEach((v, i) => void (plan.getCell(last + 1, i + 1).value = v === "" ? null : v));
    plan.getCell("J5").value = "Budget";
    plan.getCell(`J${rowOf(plan, "3.4")}`).value = 1500;
    // The judgements change: 2.1 is put right (every No becomes Yes).
    rejudge(wb, "2.1", "No", "Yes", 99);
    files.push(tmp.file("typed-1.xlsx"));
    await wb.xlsx.writeFile(files[1]!);
    // Rebuild 1.
    files.push(tmp.file("plan-2.xlsx"));
    expect(cli("report", files[1]!, "--out", files[2]!).code).toBe(0);
    // The judgements change: 1.1 falls to 10 of 20, a new area for improvement.
    const wb2 = await open(files[2]!);
    rejudge(wb2, "1.1", "Yes", "No", 7);
    files.push(tmp.file("typed-2.xlsx"));
    await wb2.xlsx.writeFile(files[3]!);
    // Rebuild 2.
    files.push(tmp.file("plan-3.xlsx"));
    expect(cli("report", files[3]!, "--out", files[4]!).code).toBe(0);
    // The judgements change: 2.1 slips back (eight No again), and 3.4 is put right.
    const wb3 = await open(files[4]!);
    rejudge(wb3, "2.1", "Yes", "No", 8);
    rejudge(wb3, "3.4", "No", "Yes", 99);
    files.push(tmp.file("typed-3.xlsx"));
    await wb3.xlsx.writeFile(files[5]!);
    // Rebuild 3.
    files.push(tmp.file("plan-4.xlsx"));
    expect(cli("report", files[5]!, "--out", files[6]!).code).toBe(0);
  }, 300_000);

  test.each([
    ["first", 2],
    ["second", 4],
    ["third", 6],
  ])("after the %s rebuild every typed cell is as it was typed, byte for byte (ExcelJS reading the file)", async (_n, index) => {
    const plan = (await open(files[index]!)).getWorksheet("Action plan")!;
    for (const [id, values] of Object.entries(TYPED)) {
      const row = rowOf(plan, id);
      expect(row).toBeGreaterThan(0);
      values.forEach((v, i) => {
        const cell = plan.getCell(`${COLUMNS[i]}${row}`).value;
        if (id === "2.1" && COLUMNS[i] === "G") expect(cell).toEqual(DUE_21);
        else expect(cell).toBe(v);
      });
    }
    expect(plan.getCell(`J${rowOf(plan, "3.4")}`).value).toBe(1500);
    expect(plan.getCell("J5").value).toBe("Budget");
    let hand = 0;
    plan.eachRow((r, n) => void (r.getCell(1).value === "(our own)" && (hand = n)));
    expect(HAND.map((_v, i) => plan.getCell(hand, i + 1).value ?? "")).toEqual(HAND);
  });

  test("and the tool's own reader gives the same values, the due date as Excel's serial number", async () => {
    const { grids } = await readWorkbookFile(files[6]!);
    const grid = grids.actionPlan!;
    const header = grid.rows.findIndex((r) => r[0] === ACTION_PLAN_HEADERS[0]);
    const row21 = grid.rows.slice(header).find((r) => String(r[0]).startsWith("2.1 "))!;
    expect(row21.slice(4, 9)).toStrictEqual([TYPED["2.1"]![0], TYPED["2.1"]![1], DUE_21_SERIAL, TYPED["2.1"]![3], TYPED["2.1"]![4]]);
  });

  test("the rows follow the judgements: a new area adds a row, one put right is marked and keeps its row, one that slips back is an area again", async () => {
    const second = (await open(files[2]!)).getWorksheet("Action plan")!;
    expect(planStatus(second, "2.1")).toMatch(/^No longer an area for improvement \(\d{1,2} [A-Z][a-z]+ \d{4}\): now 100% \(19 of 19\)$/);
    expect(rowOf(second, "1.1")).toBe(0);
    const third = (await open(files[4]!)).getWorksheet("Action plan")!;
    expect(planStatus(third, "1.1")).toBe("Area for improvement");
    expect(rowOf(third, "1.1")).toBeGreaterThan(rowOf(third, "5.1"));
    const fourth = (await open(files[6]!)).getWorksheet("Action plan")!;
    expect(planStatus(fourth, "2.1")).toBe("Area for improvement");
    expect(planStatus(fourth, "3.4")).toMatch(/^No longer an area for improvement \(/);
    // The rows stay where they were: the plan's order is the order people left it in.
    expect(rowOf(fourth, "2.1")).toBe(rowOf(second, "2.1"));
  });

  test("the comparison kept in the first report is still there after three rebuilds", async () => {
    const { grids } = await readWorkbookFile(files[6]!);
    expect(grids.previous).not.toBeNull();
    const j = reportJson(files[6]!, "--out", tmp.file("plan-5.xlsx"));
    expect(j.previous).toMatchObject({ from: "sheet", date: "2024-02-13" });
  });

  test("a user's own sheet named Action plan is never overwritten", async () => {
    const wb = await open(SAMPLE);
    const own = wb.addWorksheet("Action plan");
    own.getCell("A1").value = "Our own plan";
    own.getCell("A2").value = "Not generated by anything";
    const input = tmp.file("own-plan.xlsx");
    await wb.xlsx.writeFile(input);
    const out = tmp.file("own-plan-out.xlsx");
    const r = cli("report", input, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/already has a sheet named "Action plan".*the generated Action plan sheet is named "Action plan \(2\)"/);
    const written = await open(out);
    expect(written.getWorksheet("Action plan")!.getCell("A1").value).toBe("Our own plan");
    expect(written.getWorksheet("Action plan")!.getCell("A2").value).toBe("Not generated by anything");
    expect(String(written.getWorksheet("Action plan (2)")!.getCell("A2").value)).toMatch(/^Generated by Case Inspection Workbook \(Action plan\)/);
  });
});
