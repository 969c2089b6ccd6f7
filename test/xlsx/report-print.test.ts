/**
 * The report as a manager prints it: the sample's report and a report with a long note in every
 * section, written by the package writer, printed to PDF by LibreOffice (with Carlito standing in
 * for Calibri, metric for metric), and read back with pdftotext -bbox-layout.
 *
 * - no two text lines are drawn over each other on any page of the generated sheets;
 * - the Summary is one page, and the first page of the file;
 * - the sample's Strengths & improvements sheet is at most three A4 pages;
 * - every case listed under an area for improvement was judged No on it, every case under a
 *   strength Yes; and every case judged No with a note is listed under its improvement.
 */
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { analyseWorkbook, buildReportLayouts, type Analysis, type Outcome } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { inCI } from "../helpers/ci";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { hasPdftotext, overlappingLines, pdfPages, type PdfPage } from "../helpers/pdf-layout";
import { makeTempDir } from "../helpers/workbook-files";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");
const GENERATED_AT = new Date(2026, 10, 25, 10, 0);

interface Printed {
  readonly analysis: Analysis;
  readonly pages: readonly PdfPage[];
  readonly summary: readonly PdfPage[];
  readonly strengths: readonly PdfPage[];
}

const WORDS = "the assessment plan review risk harm victims police school records manager oversight was not clear and information held by other agencies had been considered in part".split(" ");

/** A long note of `words` words, different for each case and section. */
function longNote(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 5 + ((i * i) % 11)) % WORDS.length]!);
  return `${out.join(" ")}.`;
}

/** The sample with a long note in every section of every case (one case's notes longer than a page). */
async function withLongNotes(input: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(input) as unknown as ExcelJS.Buffer);
  const cases = wb.getWorksheet("Cases")!;
  const header = cases.getRow(1);
  const notes: number[] = [];
  header.eachCell((cell, col) => {
    if (/^\d+ Notes$/.test(String(cell.value))) notes.push(col);
  });
  for (let r = 2; r <= cases.rowCount; r++) {
    for (const col of notes) cases.getRow(r).getCell(col).value = longNote(r * 10 + col, r === 6 ? 1400 : 110);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function print(input: Uint8Array, dir: string, name: string): Promise<Printed> {
  const analysis = analyseWorkbook(await readWorkbookGrids(input));
  const written = await writeGeneratedSheets(input, buildReportLayouts(analysis, { generatedAt: GENERATED_AT }));
  const file = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(file, written.bytes);
  const pages = await pdfPages(await convertWithLibreOffice(file, path.join(dir, "pdf"), "pdf"));
  const footer = (p: PdfPage): string => p.lines.filter((l) => l.yMin > p.height - 60).map((l) => l.text).join(" ");
  return {
    analysis,
    pages,
    summary: pages.filter((p) => footer(p).includes("· Summary ·")),
    strengths: pages.filter((p) => footer(p).includes("· Strengths and improvements ·")),
  };
}

/** The cases listed under each finding, read from the printed pages in order. */
function listedCases(pages: readonly PdfPage[], labels: ReadonlySet<string>): { kind: "strength" | "improvement"; id: string; cases: Set<string> }[] {
  const findings: { kind: "strength" | "improvement"; id: string; cases: Set<string> }[] = [];
  let kind: "strength" | "improvement" | null = null;
  for (const page of pages) {
    for (const line of page.lines) {
      if (line.yMin > page.height - 60) continue; // the footer
      if (line.text === "Key strengths") kind = "strength";
      else if (line.text === "Areas requiring improvement") kind = "improvement";
      else if (kind && /^\d+\.\d+$/.test(line.text)) findings.push({ kind, id: line.text, cases: new Set() });
      else if (kind && findings.length > 0) {
        for (const m of line.text.matchAll(/\bC\d{2}\b/g)) if (labels.has(m[0])) findings[findings.length - 1]!.cases.add(m[0]);
      }
    }
  }
  return findings;
}

const runs = hasPdftotext() ? describeWithLibreOffice : (name: string, body: () => void): void => {
  if (inCI()) {
    describe(name, () => it("needs pdftotext, which CI must install", () => {
      throw new Error("pdftotext is not installed but this is CI: install poppler-utils in .ci/run");
    }));
    return;
  }
  console.warn(`\n!! pdftotext not found: SKIPPING "${name}". Install it: apt-get install -y poppler-utils\n`);
  describe.skip(name, body);
};

runs("the printed report (LibreOffice PDF, read with pdftotext)", () => {
  const tmp = makeTempDir("ciw-print-");
  let sample: Printed;
  let long: Printed;

  beforeAll(async () => {
    const input = new Uint8Array(fs.readFileSync(SAMPLE));
    sample = await print(input, tmp.dir, "sample");
    long = await print(await withLongNotes(input), tmp.dir, "long-notes");
  }, 240_000);

  afterAll(() => (process.env.KEEP_TMP ? console.log(tmp.dir) : tmp.remove()));

  it("sets Calibri, which the generated sheets name, in Carlito, its metric twin, so the row heights measured for Calibri hold", async () => {
    const run = (cmd: string, args: string[]): Promise<string> =>
      new Promise((resolve, reject) => execFile(cmd, args, (error, stdout) => (error ? reject(error) : resolve(stdout))));
    expect(await run("fc-match", ["Calibri"])).toMatch(/^Carlito/);
    expect(await run("pdffonts", [path.join(tmp.dir, "pdf", "sample.pdf")])).toMatch(/\+Carlito\b/);
  });

  it("prints the Summary on one landscape page, the first of the file", () => {
    for (const printed of [sample, long]) {
      expect(printed.summary.map((p) => p.number)).toEqual([1]);
      expect(printed.summary[0]!.width).toBeGreaterThan(printed.summary[0]!.height);
    }
  });

  it("prints the sample's Strengths & improvements on at most three A4 pages, straight after the Summary", () => {
    expect(sample.strengths.length).toBeGreaterThan(0);
    expect(sample.strengths.length).toBeLessThanOrEqual(3);
    expect(sample.strengths.map((p) => p.number)).toEqual(sample.strengths.map((_p, i) => 2 + i));
    for (const p of sample.strengths) {
      expect(p.width).toBeCloseTo(595.3, 0);
      expect(p.height).toBeCloseTo(841.9, 0);
    }
    // The long notes make more pages, all of them the sheet's.
    expect(long.strengths.length).toBeGreaterThan(3);
  });

  it("draws no two text lines over each other on any page of the generated sheets", () => {
    for (const printed of [sample, long]) {
      for (const page of [...printed.summary, ...printed.strengths]) {
        const clashes = overlappingLines(page).map(([a, b]) => `page ${page.number}: "${a.text.slice(0, 40)}" / "${b.text.slice(0, 40)}"`);
        expect(clashes).toEqual([]);
      }
    }
  });

  it("never ends a page with a heading: Areas requiring improvement is followed by a finding on its page", () => {
    for (const printed of [sample, long]) {
      for (const page of printed.strengths) {
        const body = page.lines.filter((l) => l.yMin < page.height - 60);
        const at = body.findIndex((l) => l.text === "Areas requiring improvement" || l.text === "Key strengths");
        if (at >= 0) expect(body.slice(at + 1).some((l) => /^\d+\.\d+$/.test(l.text))).toBe(true);
      }
    }
  });

  it("lists under each finding only cases judged its way, and under an improvement every case judged No with a note", () => {
    for (const printed of [sample, long]) {
      const a = printed.analysis;
      const labels = new Set(a.cases.cases.map((c) => c.id));
      const findings = listedCases(printed.strengths, labels);
      expect(findings.filter((f) => f.kind === "strength").map((f) => f.id).sort()).toEqual(a.criteria.filter((c) => c.band === "strength").map((c) => c.id).sort());
      expect(findings.filter((f) => f.kind === "improvement").map((f) => f.id).sort()).toEqual(a.criteria.filter((c) => c.band === "improvement").map((c) => c.id).sort());
      for (const f of findings) {
        const k = a.criteria.findIndex((c) => c.id === f.id);
        const section = a.criteria[k]!.section;
        const judged = (outcome: Outcome): string[] => a.cases.cases.filter((c) => c.outcomes[k] === outcome).map((c) => c.id);
        const wanted: Outcome = f.kind === "strength" ? "met" : "notMet";
        for (const id of f.cases) expect([f.id, id, judged(wanted).includes(id)]).toEqual([f.id, id, true]);
        if (f.kind === "strength") expect(f.cases.size).toBeLessThanOrEqual(3);
        else {
          const withNotes = a.cases.cases.filter((c) => c.outcomes[k] === "notMet" && (c.notes.bySection.get(section) ?? "").trim() !== "").map((c) => c.id);
          expect([f.id, [...f.cases].sort()]).toEqual([f.id, withNotes.sort()]);
        }
      }
    }
  });
});
