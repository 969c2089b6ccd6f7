import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyseWorkbook, buildTemplate, SETTING_ROWS } from "../../src/core";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";
import { writeTemplate, writeTemplateFile } from "../../src/xlsx/template";
import { makeTempDir } from "../helpers/workbook-files";

const tmp = makeTempDir("ciw-template-");
afterAll(() => tmp.remove());

async function partText(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(name);
  if (!f) throw new Error(`no part ${name}`);
  return f.async("string");
}

async function sheetXmlByName(bytes: Uint8Array, sheet: string): Promise<string> {
  const workbook = await partText(bytes, "xl/workbook.xml");
  const rels = await partText(bytes, "xl/_rels/workbook.xml.rels");
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="(rId\\d+)"`).exec(workbook)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  return partText(bytes, `xl/${target!.replace(/^\/?xl\//, "")}`);
}

describe("the template workbook", () => {
  const template = buildTemplate();
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    bytes = new Uint8Array(await writeTemplate(template));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  });

  test("sheets in order, Cases first", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Cases", "Interviews", "Second marking", "Criteria", "Settings"]);
  });

  test("a Second marking table named SecondMarking with the template's headers, dropdowns and two frozen columns", async () => {
    const ws = wb.getWorksheet("Second marking")!;
    const table = (ws as unknown as { tables: Record<string, { model: { columns: { name: string }[] } }> }).tables["SecondMarking"]!;
    expect(table.model.columns.map((c) => c.name)).toEqual(template.secondMarking.headers);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 1 });
    const xml = await sheetXmlByName(bytes, "Second marking");
    expect([...xml.matchAll(/<dataValidation /g)]).toHaveLength(template.secondMarking.validations.length);
  });

  test("a Cases table with the template's headers, blank rows, frozen header and widths", async () => {
    const ws = wb.getWorksheet("Cases")!;
    const table = (ws as unknown as { tables: Record<string, { model: { tableRef: string; columns: { name: string }[] } }> }).tables["Cases"]!;
    expect(table.model.columns.map((c) => c.name)).toEqual(template.cases.headers);
    const width = template.cases.headers.length;
    expect(table.model.tableRef).toBe(`A1:${ws.getColumn(width).letter}${template.cases.blankRows + 1}`);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    template.cases.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
    const xml = await sheetXmlByName(bytes, "Cases");
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
  });

  test("dropdowns on Sentence, PSR and every criterion column of the table body, with messages", async () => {
    const xml = await sheetXmlByName(bytes, "Cases");
    const validations = [...xml.matchAll(/<dataValidation ([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)].map((m) => ({ attrs: m[1]!, formula: m[2]!.replace(/&quot;/g, '"') }));
    const last = template.cases.blankRows + 1;
    const sentence = validations.find((v) => v.attrs.includes(`sqref="C2:C${last}"`));
    expect(sentence?.formula).toBe('"Community,Custody"');
    expect(sentence?.attrs).toMatch(/type="list"/);
    expect(sentence?.attrs).toMatch(/showErrorMessage="1"/);
    expect(sentence?.attrs).toMatch(/errorStyle="stop"/);
    expect(sentence?.attrs).toMatch(/error="Enter Community or Custody\."/);
    const psr = validations.find((v) => v.attrs.includes(`sqref="D2:D${last}"`));
    expect(psr?.formula).toBe('"Yes,No"');
    const judgementColumns = template.cases.validations.filter((v) => v.list.includes("N/A")).length;
    expect(judgementColumns).toBe(20);
    const judgementRanges = validations.filter((v) => v.formula === '"Yes,No,N/A"');
    // Adjacent columns may be merged into one range; every criterion column must be covered.
    const covered = new Set<string>();
    for (const v of judgementRanges) {
      const m = /sqref="([A-Z]+)2:([A-Z]+)(\d+)"/.exec(v.attrs)!;
      expect(Number(m[3])).toBe(last);
      const from = wb.getWorksheet("Cases")!.getColumn(m[1]!).number;
      const to = wb.getWorksheet("Cases")!.getColumn(m[2]!).number;
      for (let c = from; c <= to; c++) covered.add(template.cases.headers[c - 1]!);
    }
    const criterionHeaders = template.cases.headers.filter((h) => /^\d+\.\d+ /.test(h));
    expect([...covered].sort()).toEqual([...criterionHeaders].sort());
  });

  test("an Interviews table with the interview questions", () => {
    const ws = wb.getWorksheet("Interviews")!;
    const table = (ws as unknown as { tables: Record<string, { model: { columns: { name: string }[] } }> }).tables["Interviews"]!;
    expect(table.model.columns.map((c) => c.name)).toEqual(template.interviews.headers);
    expect(template.interviews.headers.some((h) => h.startsWith("2.6 "))).toBe(true);
  });

  test("Criteria and Settings sheets; thresholds formatted as percentages", () => {
    const criteria = wb.getWorksheet("Criteria")!;
    expect(criteria.getRow(1).values).toEqual([undefined, ...template.criteria.rows[0]!]);
    expect(criteria.getCell("A6").value).toBe("2.1");
    const settings = wb.getWorksheet("Settings")!;
    const strengthRow = SETTING_ROWS.findIndex((r) => r.key === "strengthThreshold") + 2;
    expect(settings.getCell(`B${strengthRow}`).value).toBe(0.8);
    expect(settings.getCell(`B${strengthRow}`).numFmt).toBe("0%");
    expect(template.settings.percentCells.length).toBeGreaterThanOrEqual(2);
    for (const p of template.settings.percentCells) expect(settings.getRow(p.row + 1).getCell(p.col + 1).numFmt).toBe("0%");
  });

  test("read back: the engine finds the table and the built-in framework, no errors", async () => {
    const grids = await readWorkbookGrids(bytes);
    expect(grids.cases.tableName).toBe("Cases");
    expect(grids.interviews?.tableName).toBe("Interviews");
    const a = analyseWorkbook(grids);
    expect(a.errors).toBe(0);
    expect(a.issues.map((i) => i.code)).toEqual(["no-case-rows"]);
    expect(a.frameworkFromSheet).toBe(true);
    expect(a.framework.criteria).toHaveLength(20);
    expect(a.framework.interviewQuestions).toHaveLength(3);
    expect(a.settings.strengthThreshold).toBe(80);
    expect(a.settings.improvementThreshold).toBe(65);
  });
});

describe("filled templates", () => {
  test("text beginning with = + - @ is written as text, never a formula", async () => {
    const template = buildTemplate({ blankRows: 0 });
    const notes = ["=SUM(1,2)", "+44 7700 900000", "-minus", "@mention"];
    const rows = notes.map((n, i) => template.cases.headers.map((h) => (h === "Case ID" ? `C0${i + 1}` : h === "Sentence" ? "Community" : h === "PSR" ? "No" : h === "1 Notes" ? n : null)));
    const bytes = await writeTemplate(template, { caseRows: rows });
    const xml = await sheetXmlByName(bytes, "Cases");
    expect(xml).not.toMatch(/<f>/);
    const grids = await readWorkbookGrids(bytes);
    const notesCol = template.cases.headers.indexOf("1 Notes");
    expect(grids.cases.rows.slice(1).map((r) => r[notesCol])).toEqual(notes);
    // Filling exactly the rows wanted leaves no blank body rows.
    expect(grids.cases.rows).toHaveLength(5);
  });

  test("same content and a fixed date give identical bytes", async () => {
    const date = new Date(Date.UTC(2026, 0, 1));
    const a = await writeTemplate(buildTemplate(), { created: date });
    const b = await writeTemplate(buildTemplate(), { created: date });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  test("writeTemplateFile writes atomically and can refuse to overwrite", async () => {
    const file = tmp.file("new.xlsx");
    await writeTemplateFile(file, { noOverwrite: true });
    const first = readFileSync(file);
    expect(first.subarray(0, 2).toString()).toBe("PK");
    await expect(writeTemplateFile(file, { noOverwrite: true })).rejects.toThrow(/already exists/);
    expect(readFileSync(file).equals(first)).toBe(true);
  });
});
