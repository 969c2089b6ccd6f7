/**
 * The per-criterion notes columns of the template written by the command line: a "2.1 Notes"
 * column after each criterion's column, each folded away in its own outline group, as the file
 * says it (the worksheet part), as ExcelJS and LibreOffice read it (LibreOffice's own .ods export
 * shows its column groups), as LibreOffice prints it (folded columns do not print); and a note
 * typed into one is the criterion's evidence in the report's Strengths & improvements sheet.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { BUILT_IN_FRAMEWORK, buildTemplate } from "../../src/core";
import { writeTemplate, type TemplateValue } from "../../src/xlsx/template";
import { BIN, buildCli } from "../hostile/cli-runner";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-notecols-");
let templateFile: string;

const criteriaIds = BUILT_IN_FRAMEWORK.criteria.map((c) => c.id);

function cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Cases sheet's header texts, read from the file (inline strings, in column order). */
async function casesPart(file: string): Promise<{ xml: string; headers: string[] }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const row1 = /<row r="1"[^>]*>(.*?)<\/row>/s.exec(xml)![1]!;
  const headers = [...row1.matchAll(/<c r="([A-Z]+)1"[^>]*><is><t[^>]*>([^<]*)<\/t><\/is><\/c>/g)].map((m) => m[2]!);
  return { xml, headers };
}

beforeAll(() => {
  buildCli();
  templateFile = tmp.file("template.xlsx");
  const r = cli(["template", templateFile]);
  expect([r.status, r.stderr]).toEqual([0, ""]);
}, 180_000);

afterAll(() => tmp.remove());

describe("the template's criterion notes columns, in the file", () => {
  it("has a '2.1 Notes' column right after each criterion's column, and keeps the section notes columns", async () => {
    const { headers } = await casesPart(templateFile);
    for (const id of criteriaIds) {
      const judgement = headers.findIndex((h) => h.startsWith(`${id} `) && h !== `${id} Notes`);
      expect([id, headers[judgement + 1]]).toEqual([id, `${id} Notes`]);
    }
    for (const section of ["1", "2", "3", "4", "5"]) expect(headers).toContain(`${section} Notes`);
  });

  it("writes each notes column hidden in its own level-1 group, collapsed, as ECMA-376 has it", async () => {
    const { xml, headers } = await casesPart(templateFile);
    expect(xml).toMatch(/<sheetFormatPr [^>]*outlineLevelCol="1"/);
    const cols = new Map([...xml.matchAll(/<col min="(\d+)" max="(\d+)"([^>]*)\/>/g)].map((m) => [Number(m[1]) - 1, m[3]!]));
    headers.forEach((h, c) => {
      const attrs = cols.get(c) ?? "";
      if (/^\d+\.\d+ Notes$/.test(h)) {
        expect([h, attrs]).toEqual([h, expect.stringMatching(/hidden="1".*outlineLevel="1"/)]);
        // The column after the group holds its "+" button and says the group is collapsed.
        expect([headers[c + 1], cols.get(c + 1)]).toEqual([headers[c + 1], expect.stringContaining('collapsed="1"')]);
      } else {
        expect([h, attrs]).toEqual([h, expect.not.stringMatching(/hidden|outlineLevel/)]);
      }
    });
  });

  it("gives dropdowns to the judgement columns only, never to a notes column", async () => {
    const { xml, headers } = await casesPart(templateFile);
    const letters = (n: number): string => (n < 26 ? String.fromCharCode(65 + n) : String.fromCharCode(64 + Math.floor(n / 26)) + String.fromCharCode(65 + (n % 26)));
    const lists = [...xml.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)2:[A-Z]+31"><formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1]!, m[2]!]);
    const judged = lists.filter(([, list]) => /^("|&quot;)Yes,No,N\/A("|&quot;)$/.test(list ?? "")).map(([col]) => col);
    const expected = headers.map((h, c) => [h, letters(c)] as const).filter(([h]) => criteriaIds.some((id) => h.startsWith(`${id} `)) && !/ Notes$/.test(h));
    expect(judged).toEqual(expected.map(([, col]) => col));
    const notesColumns = headers.map((h, c) => [h, letters(c)] as const).filter(([h]) => / Notes$/.test(h)).map(([, col]) => col);
    for (const [col] of lists) expect(notesColumns).not.toContain(col);
  });

  it("opens in ExcelJS with the notes columns hidden at outline level 1 and the others shown", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templateFile);
    const ws = wb.getWorksheet("Cases")!;
    expect(ws.properties.outlineLevelCol).toBe(1);
    const header = ws.getRow(1).values as (string | undefined)[];
    let notes = 0;
    for (let c = 1; c < header.length; c++) {
      const h = String(header[c]);
      const col = ws.getColumn(c);
      if (/^\d+\.\d+ Notes$/.test(h)) {
        notes++;
        expect([h, col.hidden, col.outlineLevel]).toEqual([h, true, 1]);
      } else {
        expect([h, col.hidden, col.outlineLevel ?? 0]).toEqual([h, false, 0]);
      }
    }
    expect(notes).toBe(criteriaIds.length);
  });

  it("--no-criterion-notes leaves them out: the Cases table as the sample has it", async () => {
    const plain = tmp.file("plain.xlsx");
    expect(cli(["template", plain, "--no-criterion-notes"]).status).toBe(0);
    const { xml, headers } = await casesPart(plain);
    expect(headers).toEqual(buildTemplate().cases.headers);
    expect(xml).not.toMatch(/outlineLevel|hidden=/);
  });
});

/** Each column of LibreOffice's .ods export of the first sheet: whether it is in a column group, the group's display, its visibility. */
function odsColumns(contentXml: string): { grouped: boolean; display: boolean; visible: boolean }[] {
  const start = contentXml.indexOf("<table:table ");
  const body = contentXml.slice(start, contentXml.indexOf("<table:table-row", start));
  const out: { grouped: boolean; display: boolean; visible: boolean }[] = [];
  const groups: boolean[] = [];
  for (const m of body.matchAll(/<(\/?)table:table-column(-group)?([^>]*?)(\/?)>/g)) {
    const [, closing, group, attrs = ""] = m;
    if (group) {
      if (closing) groups.pop();
      else groups.push(!/table:display="false"/.test(attrs));
      continue;
    }
    const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1);
    for (let i = 0; i < repeated && out.length < 200; i++) out.push({ grouped: groups.length > 0, display: groups.every(Boolean), visible: !/table:visibility="collapse"/.test(attrs) });
  }
  return out;
}

describeWithLibreOffice("the template's criterion notes columns in LibreOffice", () => {
  let headers: string[] = [];
  beforeAll(async () => {
    headers = (await casesPart(templateFile)).headers;
  });

  it("LibreOffice's own export (.ods) has each notes column alone in a folded column group, and nothing else grouped", async () => {
    const ods = await convertWithLibreOffice(templateFile, tmp.file("ods"), "ods");
    const content = await (await JSZip.loadAsync(fs.readFileSync(ods))).file("content.xml")!.async("string");
    const columns = odsColumns(content);
    headers.forEach((h, c) => {
      const col = columns[c]!;
      if (/^\d+\.\d+ Notes$/.test(h)) expect([h, col]).toEqual([h, { grouped: true, display: false, visible: false }]);
      else expect([h, col]).toEqual([h, { grouped: false, display: true, visible: true }]);
    });
    // One group per notes column: as many groups as criteria.
    expect(content.slice(0, content.indexOf("</table:table>")).match(/<table:table-column-group/g)).toHaveLength(criteriaIds.length);
  }, 180_000);

  it("prints the Cases table as before: no criterion notes column on the page while folded", async () => {
    const pdf = await convertWithLibreOffice(templateFile, tmp.file("pdf"), "pdf");
    const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f");
    const cases = pages.slice(0, pages.findIndex((p) => p.includes("Interviewee"))).join("\n");
    expect(cases).toMatch(/\b2 Notes\b/);
    expect(cases).toMatch(/2\.1 Initial/);
    expect(cases).not.toMatch(/\d\.\d\s+Notes/);
    // Page for page, the same text as the template without them.
    const plain = tmp.file("plain-for-pdf.xlsx");
    expect(cli(["template", plain, "--no-criterion-notes"]).status).toBe(0);
    const plainPdf = await convertWithLibreOffice(plain, tmp.file("pdf-plain"), "pdf");
    expect(execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })).toBe(execFileSync("pdftotext", ["-layout", plainPdf, "-"], { encoding: "utf8" }));
  }, 180_000);
});

describe("a note typed in a criterion's notes column", () => {
  it("is that criterion's evidence in the report (JSON and the Strengths & improvements sheet); other cases keep their section note", async () => {
    const template = buildTemplate({ criterionNotes: true });
    const h = template.cases.headers;
    const col = (name: string): number => {
      const i = h.indexOf(name);
      if (i < 0) throw new Error(`no column ${name}`);
      return i;
    };
    const judgement = h.findIndex((x) => x.startsWith("2.1 ") && x !== "2.1 Notes");
    const row = (id: string, on21: string, criterionNote: string | null, sectionNote: string | null): TemplateValue[] => {
      const r: TemplateValue[] = h.map(() => null);
      r[col("Case ID")] = id;
      r[col("Sentence")] = "Community";
      r[col("PSR")] = "No";
      r[judgement] = on21;
      r[col("2.1 Notes")] = criterionNote;
      r[col("2 Notes")] = sectionNote;
      return r;
    };
    const caseRows = [
      row("C01", "No", "Risk to the victim's sister was never assessed", "Section two note for C01"),
      row("C02", "No", null, "Section two note for C02"),
      row("C03", "No", "No risk assessment before the first home visit", null),
      row("C04", "Yes", null, "Section two note for C04"),
    ];
    const input = tmp.file("filled.xlsx");
    fs.writeFileSync(input, await writeTemplate(template, { caseRows }));
    const out = tmp.file("filled-report.xlsx");
    const r = cli(["report", input, "--out", out, "--json"]);
    expect([r.status, r.stderr]).toEqual([0, expect.stringMatching(/^inspection-workbook: report written to /)]);
    const json = JSON.parse(r.stdout) as { criteria: { id: string; finding: string | null; evidence: { case: string; source: string; text: string }[] }[] };
    const c21 = json.criteria.find((c) => c.id === "2.1")!;
    expect(c21.finding).toBe("improvement");
    // The most specific notes first: the criterion's own, then the section's.
    expect(c21.evidence).toEqual([
      { case: "C01", source: "criterion", text: "Risk to the victim's sister was never assessed" },
      { case: "C03", source: "criterion", text: "No risk assessment before the first home visit" },
      { case: "C02", source: "section", text: "Section two note for C02" },
    ]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet("Strengths & improvements")!;
    const texts: string[] = [];
    sheet.eachRow((r) => r.eachCell((cell) => texts.push(String(cell.text))));
    const all = texts.join("\n");
    expect(all).toContain("Risk to the victim's sister was never assessed");
    expect(all).toContain("No risk assessment before the first home visit");
    // C01's section note is not its evidence on 2.1: its own note is.
    expect(all).not.toContain("Section two note for C01");
  }, 120_000);
});
