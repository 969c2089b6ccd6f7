/**
 * One test per validation rule, on small real .xlsx files, through `validate --json` (run in
 * process). Each asserts the issue by code and cell address.
 */
import { buildTemplate, type Issue } from "../../src/core";
import { runCli } from "../../src/cli/main";
import { casesWorkbook, makeTempDir, SMALL_HEADERS, validRows, writeXlsx, type Row, type CasesWorkbookOptions } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-rules-");
afterAll(() => tmp.remove());

let counter = 0;

async function validate(rows: Row[], options: CasesWorkbookOptions = {}): Promise<{ code: number; errors: number; warnings: number; issues: Issue[] }> {
  const file = tmp.file(`rules-${++counter}.xlsx`);
  await writeXlsx(file, casesWorkbook(rows, options));
  let out = "";
  let err = "";
  const code = await runCli(["validate", file, "--json"], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  expect(err).toBe("");
  return { code, ...(JSON.parse(out) as { errors: number; warnings: number; issues: Issue[] }) };
}

/** The issues that are not the expected "no column for criterion X" warnings of the small table. */
function notable(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.code !== "missing-criterion-column");
}

function pick(issue: Issue): Pick<Issue, "severity" | "code" | "sheet" | "cell" | "caseId" | "criterionId"> {
  return { severity: issue.severity, code: issue.code, sheet: issue.sheet, cell: issue.cell, caseId: issue.caseId, criterionId: issue.criterionId };
}

function withCell(col: number, row: number, value: Row[number]): Row[] {
  const rows = validRows();
  rows[row - 2]![col] = value;
  return rows;
}

test("the valid rows have no errors (only warnings for criteria without a column)", async () => {
  const r = await validate(validRows());
  expect(r.code).toBe(0);
  expect(r.errors).toBe(0);
  expect(notable(r.issues)).toEqual([]);
});

test("invalid value: Cases!G7 error invalid-value C06 2.1", async () => {
  const r = await validate(withCell(6, 7, "Maybe"));
  expect(r.code).toBe(1);
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "invalid-value", sheet: "Cases", cell: "G7", caseId: "C06", criterionId: "2.1" }]);
});

test("N/A on an All cases criterion", async () => {
  const r = await validate(withCell(4, 3, "N/A"));
  expect(r.code).toBe(1);
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "not-applicable-not-allowed", sheet: "Cases", cell: "E3", caseId: "C02", criterionId: "1.1" }]);
});

test("Yes/No on a custody criterion for a community case", async () => {
  const r = await validate(withCell(7, 4, "No"));
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "judgement-not-expected", sheet: "Cases", cell: "H4", caseId: "C03", criterionId: "3.6" }]);
});

test("N/A on a custody criterion for a custody case", async () => {
  const r = await validate(withCell(7, 6, "N/A"));
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "not-applicable-not-allowed", sheet: "Cases", cell: "H6", caseId: "C05", criterionId: "3.6" }]);
});

test("a PSR criterion judged on a case with PSR = No", async () => {
  const r = await validate(withCell(5, 5, "Yes"));
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "judgement-not-expected", sheet: "Cases", cell: "F5", caseId: "C04", criterionId: "1.2" }]);
});

test("a Community cases criterion (from the Criteria sheet) judged on a custody case", async () => {
  const criteria = buildTemplate().criteria.rows.map((r) => [...r]);
  criteria.push(["4.6", 4, "Ensuring that the sentence is served", "Community requirements explained", "Community cases", null]);
  const headers = [...SMALL_HEADERS, "4.6 Community requirements explained"];
  const rows = validRows().map((r) => [...r, r[2] === "Community" ? "Yes" : "N/A"]);
  rows[4]![9] = "Yes"; // C05 is a custody case
  rows[0]![9] = "N/A"; // C01 is a community case
  const r = await validate(rows, { headers, criteria });
  expect(notable(r.issues).map(pick)).toEqual([
    { severity: "error", code: "not-applicable-not-allowed", sheet: "Cases", cell: "J2", caseId: "C01", criterionId: "4.6" },
    { severity: "error", code: "judgement-not-expected", sheet: "Cases", cell: "J6", caseId: "C05", criterionId: "4.6" },
  ]);
});

test("missing case ID", async () => {
  const r = await validate(withCell(0, 4, null));
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "missing-case-id", sheet: "Cases", cell: "A4", caseId: null, criterionId: null }]);
});

test("duplicate case ID (compared without case or spaces)", async () => {
  const r = await validate(withCell(0, 6, " c02 "));
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "duplicate-case-id", sheet: "Cases", cell: "A6", caseId: "c02", criterionId: null }]);
});

test("invalid and missing Sentence", async () => {
  const rows = withCell(2, 3, "Prison");
  rows[2]![2] = null; // C03, sheet row 4
  const r = await validate(rows);
  const codes = notable(r.issues).map(pick);
  expect(codes).toContainEqual({ severity: "error", code: "invalid-sentence", sheet: "Cases", cell: "C3", caseId: "C02", criterionId: null });
  expect(codes).toContainEqual({ severity: "error", code: "missing-sentence", sheet: "Cases", cell: "C4", caseId: "C03", criterionId: null });
});

test("invalid and missing PSR", async () => {
  const rows = withCell(3, 2, "Maybe");
  rows[2]![3] = null; // C03, sheet row 4
  const r = await validate(rows);
  const codes = notable(r.issues).map(pick);
  expect(codes).toContainEqual({ severity: "error", code: "invalid-psr", sheet: "Cases", cell: "D2", caseId: "C01", criterionId: null });
  expect(codes).toContainEqual({ severity: "error", code: "missing-psr", sheet: "Cases", cell: "D4", caseId: "C03", criterionId: null });
});

test("missing required column", async () => {
  const headers = SMALL_HEADERS.filter((h) => h !== "PSR");
  const rows = validRows().map((r) => r.filter((_, i) => i !== 3));
  const r = await validate(rows, { headers });
  expect(r.code).toBe(1);
  const missing = notable(r.issues).filter((i) => i.code === "missing-column");
  expect(missing.map(pick)).toEqual([{ severity: "error", code: "missing-column", sheet: "Cases", cell: "A1", caseId: null, criterionId: null }]);
  expect(missing[0]!.message).toMatch(/PSR/);
});

test("unknown criterion column", async () => {
  const headers = [...SMALL_HEADERS, "9.9 Something else"];
  const r = await validate(validRows().map((row) => [...row, "Yes"]), { headers });
  expect(r.code).toBe(0);
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "warning", code: "unknown-criterion-column", sheet: "Cases", cell: "J1", caseId: null, criterionId: "9.9" }]);
});

test("duplicate criterion column (plain sheet; a table cannot repeat a header)", async () => {
  const headers = [...SMALL_HEADERS, "2.1 Risk of harm again"];
  const r = await validate(
    validRows().map((row) => [...row, "Yes"]),
    { headers, asTable: false },
  );
  expect(r.code).toBe(1);
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "duplicate-column", sheet: "Cases", cell: "J1", caseId: null, criterionId: "2.1" }]);
});

test("cell error", async () => {
  const r = await validate(withCell(6, 2, { error: "#N/A" }));
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "error", code: "cell-error", sheet: "Cases", cell: "G2", caseId: "C01", criterionId: "2.1" }]);
});

test("non-canonical value is a warning and still counts", async () => {
  const r = await validate(withCell(4, 2, " yes "));
  expect(r.code).toBe(0);
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "warning", code: "non-canonical-value", sheet: "Cases", cell: "E2", caseId: "C01", criterionId: "1.1" }]);
});

test("not yet judged is a warning", async () => {
  const r = await validate(withCell(4, 5, null));
  expect(r.code).toBe(0);
  expect(notable(r.issues).map(pick)).toEqual([{ severity: "warning", code: "not-yet-judged", sheet: "Cases", cell: "E5", caseId: "C04", criterionId: "1.1" }]);
});

test("malformed Criteria sheet: duplicate ID and unknown applicability", async () => {
  const criteria = buildTemplate().criteria.rows.map((r) => [...r]);
  // Rows 2–21 are the built-in criteria, 22–24 the interview questions.
  criteria.push(["2.1", 2, "Protecting the public", "Risk of harm again", "Where relevant", null]); // row 25
  criteria.push(["4.7", 4, "Ensuring that the sentence is served", "Something new", "Sometimes", null]); // row 26
  const r = await validate(validRows(), { criteria });
  expect(r.code).toBe(1);
  expect(notable(r.issues).map(pick)).toEqual([
    { severity: "error", code: "criteria-duplicate-id", sheet: "Criteria", cell: "A26", caseId: null, criterionId: "2.1" },
    { severity: "error", code: "criteria-unknown-applicability", sheet: "Criteria", cell: "E27", caseId: null, criterionId: "4.7" },
  ]);
});
