/**
 * Second marking and moderation through the command line, on real .xlsx files: a Second marking
 * table gives the agreement figures and the moderation list in `report --json`; a moderated
 * judgement typed in the Moderation sheet changes the counts while the first marker's cell stays.
 */
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/main";
import { MODERATION_HEADERS, type ReportJson } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { makeTempDir, sha256, SMALL_HEADERS, withSecondMarking, writeXlsx } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-quality-");
afterAll(() => tmp.remove());

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("report --json with a Second marking table", () => {
  it("gives the agreement figures and the moderation list", async () => {
    const input = tmp.file("second.xlsx");
    await writeXlsx(input, withSecondMarking());
    const r = await run("report", input, "--out", tmp.file("second-out.xlsx"), "--json");
    expect(r.code).toBe(1); // C99 is not in Cases: an error
    const json = JSON.parse(r.stdout) as ReportJson;
    // 2.1 compared on C01 (Yes/Yes), C02 (No/Yes), C04 (Yes/Yes), C05 (Yes/Yes), C06 (No/No): 4 of 5 agree.
    // First Yes 3, No 2; second Yes 4, No 1: chance (3·4 + 2·1)/25 = 14/25; kappa (20 − 14)/(25 − 14) = 6/11.
    expect(json.agreement!.criteria.find((c) => c.id === "2.1")).toMatchObject({ compared: 5, agreed: 4, percent: 80, kappa: 0.545, meaning: "moderate agreement" });
    expect(json.agreement).toMatchObject({ cases: 5, rows: 5 });
    // The only difference: C02 on 2.1 (first No, second Yes). C02's 1.1 and everything else agree.
    expect(json.moderation!.rows.map((m) => [m.caseId, m.criterionId, m.marker, m.first, m.second, m.secondNote, m.status])).toEqual([
      ["C02", "2.1", "R. Lead", "No", "Yes", "Risk plan was adequate.", "to moderate"],
    ]);
    expect(json.moderation!.rows[0]).toMatchObject({ firstCell: { sheet: "Cases", cell: "G3" }, secondCell: { sheet: "Second marking", cell: "D3" } });
    expect(json.issues.filter((i) => i.sheet === "Second marking").map((i) => [i.code, i.cell])).toEqual([["second-marking-unknown-case", "A7"]]);
  });
});

describe("a moderated judgement", () => {
  it("changes the counts while the first marker's judgement stays in its cell", async () => {
    const header = [...MODERATION_HEADERS] as string[];
    const row: (ExcelJS.CellValue | null)[] = header.map(() => null);
    row[header.indexOf("Case ID")] = "C02";
    row[header.indexOf("Criterion")] = "2.1 Initial assessment of risk of harm";
    row[header.indexOf("Second marker")] = "R. Lead";
    row[header.indexOf("Moderated judgement")] = "Yes";
    row[header.indexOf("Reason")] = "The plan was adequate, as the second marker found.";
    const input = tmp.file("moderated.xlsx");
    await writeXlsx(input, withSecondMarking([row]));
    const before = sha256(input);
    const out = tmp.file("moderated-out.xlsx");
    const r = await run("report", input, "--out", out, "--json");
    const json = JSON.parse(r.stdout) as ReportJson;
    // 2.1 as the first markers judged: Yes C01 C04 C05, No C02 C06 (3 of 5). Moderated: C02 Yes (4 of 5).
    expect(json.criteria.find((c) => c.id === "2.1")).toMatchObject({ relevant: 5, met: 4, notMet: 1, percent: 80 });
    expect(json.moderation).toMatchObject({ differences: 1, moderated: 1, changed: 1, open: 0 });
    expect(json.moderation!.rows[0]).toMatchObject({ moderated: "Yes", reason: "The plan was adequate, as the second marker found.", status: "moderated" });
    // The first marker's cell is unchanged, in the input (untouched) and in the report copy.
    expect(sha256(input)).toBe(before);
    const { grids } = await readWorkbookFile(out);
    expect(grids.cases.rows[2]![SMALL_HEADERS.indexOf("2.1 Initial assessment of risk of harm")]).toBe("No");
  });

  it("is reported in the text output with the agreement", async () => {
    const input = tmp.file("text.xlsx");
    await writeXlsx(input, withSecondMarking());
    const r = await run("report", input, "--out", tmp.file("text-out.xlsx"));
    expect(r.stdout).toMatch(/Second marking: 5 cases, 10 judgements compared: 90\.0% agreement, kappa 0\.\d\d \(\w+ agreement\)\./);
    expect(r.stdout).toContain("Moderation: 1 difference between markers, 1 still to moderate; 0 judgements moderated");
  });
});

describe("the Moderation sheet in the report file", () => {
  it("is written with the report, and what is typed in it is kept and counted when the report is made again from it", async () => {
    const input = tmp.file("round.xlsx");
    await writeXlsx(input, withSecondMarking());
    const out1 = tmp.file("round-1.xlsx");
    const r1 = await run("report", input, "--out", out1);
    expect(r1.stdout).toContain('"Moderation"');

    // The quality lead opens the report and moderates C02's 2.1 (first No, second Yes) as Yes.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out1);
    const sheet = wb.getWorksheet("Moderation")!;
    let listRow = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === "C02" && String(row.getCell(2).value).startsWith("2.1")) listRow = n;
    });
    expect(listRow).toBeGreaterThan(0);
    sheet.getCell(listRow, MODERATION_HEADERS.indexOf("Moderated judgement") + 1).value = "Yes";
    sheet.getCell(listRow, MODERATION_HEADERS.indexOf("Reason") + 1).value = "The plan was adequate.";
    const edited = tmp.file("round-edited.xlsx");
    await wb.xlsx.writeFile(edited);

    const out2 = tmp.file("round-2.xlsx");
    const r2 = await run("report", edited, "--out", out2, "--json");
    const json = JSON.parse(r2.stdout) as ReportJson;
    expect(json.criteria.find((c) => c.id === "2.1")).toMatchObject({ met: 4, notMet: 1 });
    expect(json.moderation!.rows[0]).toMatchObject({ caseId: "C02", moderated: "Yes", reason: "The plan was adequate.", status: "moderated" });
    // The rebuilt Moderation sheet still holds what was typed, and Cases still the first marker's No.
    const { grids } = await readWorkbookFile(out2);
    expect(grids.moderation!.sheet).toBe("Moderation");
    const kept = grids.moderation!.rows.find((r) => r[0] === "C02")!;
    expect([kept[MODERATION_HEADERS.indexOf("Moderated judgement")], kept[MODERATION_HEADERS.indexOf("Reason")]]).toEqual(["Yes", "The plan was adequate."]);
    expect(grids.cases.rows[2]![SMALL_HEADERS.indexOf("2.1 Initial assessment of risk of harm")]).toBe("No");
  });
});

describe("a user's own sheet named Moderation", () => {
  it("is left alone: ours is Moderation (2), and the Summary's counts read that one", async () => {
    const input = tmp.file("own-moderation.xlsx");
    await writeXlsx(input, (wb) => {
      withSecondMarking()(wb);
      wb.addWorksheet("Moderation").addRow(["Our own moderation notes"]);
    });
    const out = tmp.file("own-moderation-out.xlsx");
    const r = await run("report", input, "--out", out);
    expect(r.stderr).toContain('"Moderation (2)"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Moderation")!.getCell("A1").value).toBe("Our own moderation notes");
    const formulas: string[] = [];
    wb.getWorksheet("Summary")!.eachRow((row) => {
      const v = row.getCell(4).value;
      if (row.getCell(1).value === "2.1" && v && typeof v === "object" && "formula" in v) formulas.push(v.formula);
    });
    expect(formulas).toHaveLength(1);
    expect(formulas[0]).toContain("'Moderation (2)'!$K$");
    expect(formulas[0]).not.toMatch(/[^(]Moderation!/);
  });
});
