/**
 * The command line end to end: `node bin/inspection-workbook.js` spawned on real files in a
 * temporary folder, after compiling lib/ once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { SEED_TARGETS } from "../fixtures/seed-sample";
import { casesWorkbook, makeTempDir, oleFile, sha256, validRows, writeXlsx } from "../helpers/workbook-files";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "inspection-workbook.js");
const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const tmp = makeTempDir("ciw-cli-");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, exactly one line on stderr, nothing on stdout, no stack trace. */
function expectUnusable(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^inspection-workbook: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

let errorsFile: string;

beforeAll(async () => {
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // tsc still emits when another module has a type error; the checks below need only lib/cli.
  }
  expect(existsSync(path.join(ROOT, "lib", "cli", "main.js"))).toBe(true);
  errorsFile = tmp.file("with-errors.xlsx");
  const rows = validRows();
  rows[5]![6] = "Maybe"; // Cases!G7: C06, 2.1
  await writeXlsx(errorsFile, casesWorkbook(rows));
}, 180_000);

afterAll(() => tmp.remove());

describe("help and version", () => {
  test("--help prints usage and exits 0", () => {
    const r = cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/template <out\.xlsx>/);
    expect(r.stdout).toMatch(/validate <in\.xlsx> \[--json\]/);
    expect(r.stdout).toMatch(/report <in\.xlsx> --out <out\.xlsx> \[--previous <old\.xlsx>\] \[--json\]/);
  });

  test("--version prints the package version", () => {
    const r = cli("--version");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version);
  });

  test.each([[[]], [["frobnicate", "x.xlsx"]], [["report", "in.xlsx"]], [["validate"]], [["validate", "a.xlsx", "--bogus"]], [["template", "t.txt"]], [["template", "t.xlsx", "--framework", "sqs-2015"]], [["validate", "a.xlsx", "--framework", "sqs-2014"]]])(
    "usage error %j: exit 2, one line",
    (args) => {
      expectUnusable(cli(...args), /help|must end in/);
    },
  );
});

describe("template", () => {
  test("writes a new workbook, refuses to overwrite, --force replaces", async () => {
    const out = tmp.file("new-inspection.xlsx");
    const r = cli("template", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    const { grids } = await readWorkbookFile(out);
    expect(grids.cases.tableName).toBe("Cases");
    const before = sha256(out);
    expectUnusable(cli("template", out), /already exists/);
    expect(sha256(out)).toBe(before);
    expect(cli("template", out, "--force").code).toBe(0);
  });

  test("a folder that does not exist: exit 2, one line", () => {
    expectUnusable(cli("template", tmp.file("no/such/folder/x.xlsx")), /does not exist/);
  });
});

describe("validate", () => {
  test("the sample: exit 0, no issues", () => {
    const before = sha256(SAMPLE);
    const r = cli("validate", SAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No errors or warnings in 20 cases and 9 staff interviews\./);
    expect(sha256(SAMPLE)).toBe(before);
  });

  test("--json on the sample is exactly { errors, warnings, issues }", () => {
    const r = cli("validate", SAMPLE, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ errors: 0, warnings: 0, issues: [] });
  });

  test("errors: exit 1, issues grouped, one line each, and a count line; input unchanged", () => {
    const before = sha256(errorsFile);
    const r = cli("validate", errorsFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Errors \(1\):$/m);
    expect(r.stdout).toMatch(/^ {2}Cases!G7 error invalid-value C06 2\.1: .+$/m);
    expect(r.stdout).toMatch(/^Warnings \(\d+\):$/m);
    expect(r.stdout).toMatch(/^ {2}Cases!A1 warning missing-criterion-column 1\.3: .+$/m);
    expect(r.stdout).toMatch(/^1 error and \d+ warnings in 6 cases\.$/m);
    expect(r.stdout.indexOf("Errors (1):")).toBeLessThan(r.stdout.indexOf("Warnings ("));
    expect(sha256(errorsFile)).toBe(before);
  });

  test("errors --json: counts and issues with the contract's fields", () => {
    const r = cli("validate", errorsFile, "--json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { errors: number; warnings: number; issues: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(["errors", "warnings", "issues"]);
    expect(doc.errors).toBe(1);
    expect(doc.warnings).toBe(doc.issues.length - 1);
    const error = doc.issues.find((i) => i.severity === "error")!;
    expect(Object.keys(error).sort()).toEqual(["caseId", "cell", "code", "criterionId", "message", "severity", "sheet"]);
    expect(error).toMatchObject({ severity: "error", code: "invalid-value", sheet: "Cases", cell: "G7", caseId: "C06", criterionId: "2.1" });
    expect(typeof error.message).toBe("string");
  });
});

describe("report", () => {
  test("--json on the sample: complete statistics, output written, input unchanged", async () => {
    const before = sha256(SAMPLE);
    const out = tmp.file("sample-report.xlsx");
    const r = cli("report", SAMPLE, "--out", out, "--json");
    expect(r.code).toBe(0);
    expect(sha256(SAMPLE)).toBe(before);
    expect(r.stderr).toContain(out);

    const doc = JSON.parse(r.stdout) as {
      cases: number;
      criteria: Record<string, unknown>[];
      sections: Record<string, unknown>[];
      issues: unknown[];
    };
    expect(doc.cases).toBe(20);
    expect(doc.issues).toEqual([]);
    for (const key of ["id", "section", "title", "relevant", "met", "notMet", "unjudged", "percent", "phrase"]) {
      for (const c of doc.criteria) expect(c).toHaveProperty(key);
    }
    for (const key of ["number", "title", "relevant", "met", "percent", "rating"]) {
      for (const s of doc.sections) expect(s).toHaveProperty(key);
    }
    const byId = Object.fromEntries(doc.criteria.map((c) => [c.id as string, c]));
    expect(byId["2.1"]).toMatchObject({ id: "2.1", section: 2, relevant: 19, met: 11, notMet: 8, unjudged: 0, percent: 57.9 });
    expect(byId["2.1"]!.title).toBe("Initial assessment of risk of harm to others");
    for (const [id, t] of Object.entries(SEED_TARGETS)) expect(byId[id]).toMatchObject(t);
    expect(doc.sections.find((s) => s.number === 2)).toMatchObject({ relevant: 84, met: 51, percent: 60.7, rating: "Requires improvement" });

    // The copy is a workbook with the generated sheets, and still reads the same.
    const copy = readFileSync(out);
    const workbookXml = await (await JSZip.loadAsync(copy)).file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/name="Summary"/);
    const { grids } = await readWorkbookFile(out);
    expect(grids.cases.rows).toHaveLength(21);
  });

  test("human output says where the output went, the cases counted and errors/warnings", () => {
    const out = tmp.file("sample-report-2.xlsx");
    const r = cli("report", SAMPLE, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Report written to ${out}`);
    expect(r.stdout).toMatch(/Counted 20 cases and 9 staff interviews for Northbrook Youth Justice Service\./);
    expect(r.stdout).toMatch(/No errors or warnings/);
    expect(existsSync(out)).toBe(true);
  });

  test("errors: the report is still written, exit 1, errors listed, input unchanged", () => {
    const before = sha256(errorsFile);
    const out = tmp.file("errors-report.xlsx");
    const r = cli("report", errorsFile, "--out", out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    expect(r.stdout).toMatch(/^ {2}Cases!G7 error invalid-value C06 2\.1: /m);
    expect(r.stdout).toMatch(/1 judgement cell with errors was left out of the counts\./);
    expect(sha256(errorsFile)).toBe(before);
  });

  test("a user's own Summary sheet is kept; the notice goes to stderr", async () => {
    const input = tmp.file("own-summary.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    wb.addWorksheet("Summary").getCell("A1").value = "My own notes";
    await wb.xlsx.writeFile(input);
    const out = tmp.file("own-summary-report.xlsx");
    const r = cli("report", input, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^inspection-workbook: .*"Summary"/m);
    expect(r.stdout).not.toMatch(/already has a sheet/);
    const names = [...(await (await JSZip.loadAsync(readFileSync(out))).file("xl/workbook.xml")!.async("string")).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toContain("Summary");
    expect(names.filter((n) => n!.startsWith("Summary"))).toHaveLength(2);
  });

  test("regenerating over an earlier output works", () => {
    const out = tmp.file("again.xlsx");
    expect(cli("report", SAMPLE, "--out", out).code).toBe(0);
    const second = tmp.file("again-2.xlsx");
    expect(cli("report", out, "--out", second, "--json").code).toBe(0);
  });

  describe("--out replaces a file only when it is an earlier report, or with --force", () => {
    const sampleReport = (name: string): string => {
      const out = tmp.file(name);
      expect(cli("report", SAMPLE, "--out", out).code).toBe(0);
      return out;
    };

    test.each([
      ["a workbook of the user's (the sample itself)", (f: string) => copyFileSync(SAMPLE, f)],
      ["a text file named .xlsx", (f: string) => writeFileSync(f, "my notes\n")],
    ])("%s: exit 2, one line naming --force, the file untouched", (_what, make) => {
      const out = tmp.file(`not-a-report-${Math.random().toString(36).slice(2)}.xlsx`);
      make(out);
      const before = sha256(out);
      expectUnusable(cli("report", SAMPLE, "--out", out), /already exists and is not a report made by inspection-workbook.*--force/);
      expect(sha256(out)).toBe(before);
      expect(cli("report", SAMPLE, "--out", out, "--force").code).toBe(0);
      expect(sha256(out)).not.toBe(before);
    });

    test("a user's own sheet named Summary does not make a workbook a report: the marker does", async () => {
      const out = tmp.file("own-summary-as-out.xlsx");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(SAMPLE);
      const own = wb.addWorksheet("Summary");
      own.getCell("A1").value = "Summary";
      own.getCell("A2").value = "My own summary, typed by hand";
      await wb.xlsx.writeFile(out);
      const before = sha256(out);
      expectUnusable(cli("report", SAMPLE, "--out", out), /not a report made by/);
      expect(sha256(out)).toBe(before);
    });

    test("an earlier report is replaced without --force", () => {
      const out = sampleReport("earlier-report.xlsx");
      writeFileSync(tmp.file("other.xlsx"), readFileSync(out));
      const r = cli("report", errorsFile, "--out", out);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`Report written to ${out}`);
      expect(sha256(out)).not.toBe(sha256(tmp.file("other.xlsx")));
    });

    test.each([["~$"], [".~lock."]])("a %s lock file beside it (open in Excel or LibreOffice): exit 2 unless --force", (prefix) => {
      const out = sampleReport(`locked-${prefix.replace(/\W/g, "")}.xlsx`);
      const lock = path.join(path.dirname(out), `${prefix}${path.basename(out)}${prefix === "~$" ? "" : "#"}`);
      writeFileSync(lock, "");
      const before = sha256(out);
      expectUnusable(cli("report", SAMPLE, "--out", out), new RegExp(`open in Excel or LibreOffice \\(its lock file ${prefix.replace(/[$.]/g, "\\$&")}.*--force`));
      expect(sha256(out)).toBe(before);
      expect(cli("report", SAMPLE, "--out", out, "--force").code).toBe(0);
    });
  });

  test("--out naming the input is refused and the input is untouched", () => {
    const input = tmp.file("self.xlsx");
    copyFileSync(SAMPLE, input);
    const before = sha256(input);
    expectUnusable(cli("report", input, "--out", input), /input/);
    expectUnusable(cli("report", input, "--out", path.join(path.dirname(input), ".", "self.xlsx")), /input/);
    expect(sha256(input)).toBe(before);
  });

  test("the README's command through npx, from the project folder", () => {
    const out = tmp.file("npx-out.xlsx");
    const r = spawnSync("npx", ["--no-install", "inspection-workbook", "report", "assets/sample-inspection.xlsx", "--out", out, "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { cases: number }).cases).toBe(20);
    expect(existsSync(out)).toBe(true);
  });
});

describe("files that cannot be used: exit 2 with one line, for validate and report", () => {
  const cases: [string, () => Promise<string> | string, RegExp][] = [
    ["a missing file", () => tmp.file("missing.xlsx"), /does not exist/],
    [
      "a CSV renamed .xlsx",
      () => {
        const f = tmp.file("renamed-csv.xlsx");
        writeFileSync(f, "Case ID,Sentence,PSR\nC01,Community,Yes\n");
        return f;
      },
      /not an \.xlsx workbook/,
    ],
    [
      "a corrupt zip",
      () => {
        const f = tmp.file("corrupt.xlsx");
        const bytes = readFileSync(SAMPLE);
        writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        return f;
      },
      /damaged/,
    ],
    [
      "no Cases sheet",
      async () => {
        const f = tmp.file("no-cases.xlsx");
        await writeXlsx(f, (wb) => {
          wb.addWorksheet("Register").getCell("A1").value = "Case ID";
        });
        return f;
      },
      /no sheet or table named "Cases"/,
    ],
    [
      "a password-protected workbook",
      () => {
        const f = tmp.file("protected.xlsx");
        writeFileSync(f, oleFile(true));
        return f;
      },
      /password-protected/,
    ],
    [
      "an .xls renamed .xlsx",
      () => {
        const f = tmp.file("old-format.xlsx");
        writeFileSync(f, oleFile(false));
        return f;
      },
      /97-2003/,
    ],
  ];

  test.each(cases)("%s", async (_name, make, pattern) => {
    const file = await make();
    const before = existsSync(file) ? sha256(file) : null;
    expectUnusable(cli("validate", file), pattern);
    expectUnusable(cli("validate", file, "--json"), pattern);
    const out = tmp.file(`out-${path.basename(file)}`);
    expectUnusable(cli("report", file, "--out", out, "--json"), pattern);
    expect(existsSync(out)).toBe(false);
    if (before) expect(sha256(file)).toBe(before);
  });
});
