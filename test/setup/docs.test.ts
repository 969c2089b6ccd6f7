/**
 * The README's promises live in the repository: every link it makes resolves to a file in the
 * clone (nothing outside it, such as ../shared/spec), and the documents it links say what the
 * code does — every `--json` field, every option and alias, every exit code.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { OPTIONS } from "../../src/cli/args";
import { analyseWorkbook, CRITERIA_HEADERS, previousFromAnalysis, rollUp, summariseForRollup, toReportJson, toRollupJson, toValidateJson, type CellValue } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";
import { casesWorkbook, makeTempDir, validRows, writeXlsx } from "../helpers/workbook-files";

const ROOT = path.join(__dirname, "..", "..");
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
const tmp = makeTempDir("ciw-docs-");
afterAll(() => tmp.remove());

/** Relative link targets in a Markdown file (inline links and images), without anchors. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith("#")).map((t) => t.split("#")[0]!);
}

describe("links", () => {
  test.each(["README.md", "docs/workbook.md", "docs/command-line.md", "docs/json.md"])("%s links only files inside the repository, and they exist", (file) => {
    const text = read(file);
    const dir = path.dirname(path.join(ROOT, file));
    for (const target of relativeLinks(text)) {
      const resolved = path.resolve(dir, target);
      expect({ target, inside: resolved.startsWith(ROOT + path.sep) }).toEqual({ target, inside: true });
      expect({ target, exists: existsSync(resolved) }).toEqual({ target, exists: true });
    }
    // No mention of files a clone does not have.
    expect(text).not.toMatch(/shared\/spec|\.\.\/shared/);
  });

  test("the README links the workbook contract, the command line with its exit codes, and the JSON fields", () => {
    const links = relativeLinks(read("README.md"));
    expect(links).toEqual(expect.arrayContaining(["docs/workbook.md", "docs/command-line.md", "docs/json.md"]));
  });
});

/** Field names documented in docs/json.md's tables: each `name` in a row's first cell. */
function documentedFields(): Set<string> {
  const names = new Set<string>();
  for (const row of read("docs/json.md").matchAll(/^\| ([^|]+) \|/gm)) for (const m of row[1]!.matchAll(/`([A-Za-z][A-Za-z0-9]*)`/g)) names.add(m[1]!);
  return names;
}

/** Every key at any depth of a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

test("docs/json.md documents every field the command line prints, and nothing it does not", async () => {
  const { grids } = await readWorkbookFile(path.join(ROOT, "assets", "sample-inspection.xlsx"));
  const sample = analyseWorkbook(grids);
  const withError = analyseWorkbook({ cases: makeGrid([standardHeader(), validRow("C01", "Community", "Yes", { "1.1": "Maybe" })]) });
  expect(withError.issues.length).toBeGreaterThan(0);
  // A second-marked workbook: agreement figures and a moderation list.
  const secondMarked = tmp.file("second-marked.xlsx");
  const headers = ["Case ID", "Second marker", "1.1 Initial assessment", "2.1 Initial assessment of risk of harm"];
  await writeXlsx(secondMarked, (wb) => {
    casesWorkbook(validRows())(wb);
    wb.addWorksheet("Second marking").addTable({ name: "SecondMarking", ref: "A1", headerRow: true, columns: headers.map((name) => ({ name })), rows: [["C01", "R. Lead", "Yes", "No"], ["C02", "R. Lead", "No", "Yes"]] });
  });
  const marked = toReportJson(analyseWorkbook((await readWorkbookFile(secondMarked)).grids));
  expect(marked.agreement).not.toBeNull();
  expect(marked.moderation?.rows.length).toBeGreaterThan(0);
  // A roll-up with a service standing apart, the same file twice, an unusable one and a criterion only one framework has.
  const named = (service: string, judgement: CellValue) =>
    analyseWorkbook({
      cases: makeGrid([standardHeader(), ...Array.from({ length: 10 }, (_, i) => validRow(`C${i}`, "Community", "Yes", { "1.1": judgement }))]),
      settings: makeGrid([["Setting", "Value"], ["Service name", service]], { sheet: "Settings" }),
    });
  const source = (file: string) => ({ file, bytes: 1, sha256: file, readAt: "2026-12-01T09:00:00.000Z", modifiedAt: null });
  const rolled = toRollupJson(
    rollUp(
      [["sample.xlsx", sample], ["low.xlsx", named("Low YOS", "No")], ["high.xlsx", named("High YOS", "Yes")], ["higher.xlsx", named("Higher YOS", "Yes")], ["sample.xlsx", sample]].map(([file, a]) =>
        summariseForRollup(a as typeof sample, source(file as string)),
      ),
      [{ source: source("bad.xlsx"), reason: "The file is damaged." }],
    ),
  );
  expect(rolled.criteria.find((c) => c.id === "1.1")!.reading.outliers).toHaveLength(1);
  expect(rolled.skipped.some((s) => s.duplicateOf)).toBe(true);
  // Rating rules: a section rated by its lowest criterion, one by hand, the overall a score sum.
  const rules: CellValue[][] = [
    [...CRITERIA_HEADERS],
    ["1.1", 1, "Assessment", "First", "All cases", "", "Lowest", "Yes", null],
    ["1.2", 1, "Assessment", "Second", "All cases", "", "Lowest", "Yes", null],
    ["6", 6, "Governance", null, null, null, "By hand", "Yes", null],
    ["Overall", null, "Overall", null, null, null, "Score sum: 0-2 Inadequate, 3-4 Requires improvement, 5-6 Good", null, null],
  ];
  const ruled = analyseWorkbook({
    cases: makeGrid([["Case ID", "Sentence", "PSR", "1.1 x", "1.2 x"], ["C1", "Community", "No", "Yes", "No"]]),
    criteria: makeGrid(rules, { sheet: "Criteria" }),
  });
  // Compared with the same service's previous inspection (which lacks a criterion this one has).
  const earlier = analyseWorkbook((await readWorkbookFile(path.join(ROOT, "assets", "sample-previous-inspection.xlsx"))).grids);
  const compared = toReportJson(analyseWorkbook(grids, { previous: previousFromAnalysis(earlier, "sample-previous-inspection.xlsx") }));
  expect(compared.previous?.notComparable.length).toBeGreaterThan(0);
  const printed = keysOf([toReportJson(sample), toReportJson(withError), toValidateJson(withError), marked, rolled, toReportJson(ruled), compared]);
  expect([...printed].filter((k) => !documentedFields().has(k)).sort()).toEqual([]);
  expect([...documentedFields()].filter((k) => !printed.has(k)).sort()).toEqual([]);
});

test("docs/command-line.md lists every option with its alias, and the three exit codes", () => {
  const text = read("docs/command-line.md");
  for (const o of Object.values(OPTIONS) as { long: string; short?: string }[]) {
    const row = text.split("\n").find((l) => l.startsWith(`| \`--${o.long}`));
    expect({ option: o.long, row: row !== undefined }).toEqual({ option: o.long, row: true });
    if (o.short) expect(row).toContain(`\`-${o.short}\``);
  }
  for (const code of [0, 1, 2]) expect(text).toMatch(new RegExp(`^\\| ${code} \\|`, "m"));
});
