/**
 * The fast reader against ExcelJS: on every fixture, on workbooks generated at random with ExcelJS
 * (every kind of cell value, formats, merges, tables with and without header and totals rows) and
 * on hand-written sheet XML that ExcelJS does not write, reading with the fast reader gives exactly
 * the grids — or exactly the refusal — that reading with ExcelJS gives. Files the fast reader does
 * not handle are read with ExcelJS; the tests also check that it does handle the usual ones.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { fastReadDeclineReason } from "../../src/xlsx/fast-read";
import { readWorkbookGrids, UnusableWorkbookError } from "../../src/xlsx/read-workbook";
import { buildTemplate } from "../../src/core";
import { buildTemplateWorkbook, workbookToBuffer } from "../../src/xlsx/template";
import { inspectionWorkbook } from "../../bench/generate";
import { casesWorkbook, validRows } from "../helpers/workbook-files";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");

/** Every .xlsx file under test/fixtures (the hostile corpus, the LibreOffice-made rich files...). */
function fixtureFiles(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : e.name.endsWith(".xlsx") ? [path.relative(FIXTURES, path.join(dir, e.name))] : [],
  );
}

/** What a reader makes of some bytes: its grids, or its refusal (reason and message). */
async function outcome(bytes: Uint8Array, reader: "auto" | "exceljs"): Promise<unknown> {
  try {
    return { grids: await readWorkbookGrids(bytes, { reader }) };
  } catch (e) {
    if (e instanceof UnusableWorkbookError) return { refused: e.reason, message: e.message };
    return { threw: e instanceof Error ? e.message : String(e) };
  }
}

async function declineReason(bytes: Uint8Array): Promise<string | null | "not a zip"> {
  try {
    return await fastReadDeclineReason(await JSZip.loadAsync(bytes));
  } catch {
    return "not a zip";
  }
}

/** Both readers agree; returns whether the fast reader read the file itself. */
async function expectSameAsExcelJs(bytes: Uint8Array): Promise<boolean> {
  const [fast, reference] = [await outcome(bytes, "auto"), await outcome(bytes, "exceljs")];
  expect(fast).toEqual(reference);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
  return (await declineReason(bytes)) === null;
}

async function bytesOf(build: (wb: ExcelJS.Workbook) => void, options: { useSharedStrings?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer(options as ExcelJS.XlsxWriteOptions)) as ArrayBuffer);
}

describe("every fixture reads the same with the fast reader as with ExcelJS", () => {
  const files = fixtureFiles().sort();
  test.each(files)("%s", async (file) => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, file)));
    const fast = await expectSameAsExcelJs(bytes);
    const reference = await outcome(bytes, "exceljs");
    // Every workbook ExcelJS reads is read by the fast reader itself (charts, images, comments,
    // pivot tables included), not handed back to ExcelJS.
    if (reference && typeof reference === "object" && "grids" in reference) expect({ file, fast }).toEqual({ file, fast: true });
  });

  test("the bundled sample", async () => {
    expect(await expectSameAsExcelJs(new Uint8Array(readFileSync(path.join(ROOT, "assets", "sample-inspection.xlsx"))))).toBe(true);
  });

  test("the benchmark's generated inspection (Excel's layout, shared strings, styled cells)", async () => {
    expect(await expectSameAsExcelJs(await inspectionWorkbook(300))).toBe(true);
  });

  test("a filled-in template with its Criteria and Settings sheets", async () => {
    const template = buildTemplate();
    const caseRows = validRows().map((r) => template.cases.headers.map((h, i) => (i < 4 ? (r[[0, 1, 2, 3][i]!] as string) : h.startsWith("1.1") ? "Yes" : null)));
    const bytes = await workbookToBuffer(buildTemplateWorkbook(template, { caseRows, settingValues: { "Service name": "Fast & <careful>", "Inspection start": new Date(Date.UTC(2026, 0, 5)) } }));
    expect(await expectSameAsExcelJs(bytes)).toBe(true);
  });
});

describe("drawings and comments the fast reader checks as ExcelJS would use them", () => {
  const RICH = path.join(FIXTURES, "rich");
  async function mutate(file: string, change: (zip: JSZip) => Promise<void>): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(readFileSync(path.join(RICH, file)));
    await change(zip);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }
  const replaceIn = (name: string, from: RegExp, to: string) => async (zip: JSZip): Promise<void> => {
    zip.file(name, (await zip.file(name)!.async("string")).replace(from, to));
  };
  test.each([
    ["a drawing's relationships removed", "rich-image.xlsx", async (zip: JSZip): Promise<void> => void zip.remove("xl/drawings/_rels/drawing1.xml.rels")],
    ["a picture pointing at a missing relationship", "rich-image.xlsx", replaceIn("xl/drawings/drawing1.xml", /r:embed="[^"]*"/, 'r:embed="rId99"')],
    ["a sheet's drawing relationship removed", "rich-chart.xlsx", replaceIn("xl/worksheets/_rels/sheet2.xml.rels", /<Relationship [^>]*drawing"?[^>]*\/>/, "")],
    ["comments that are not XML", "rich-comments.xlsx", replaceIn("xl/comments1.xml", /<\/comments>/, "<broken")],
    ["comments moved", "rich-comments.xlsx", replaceIn("xl/worksheets/_rels/sheet1.xml.rels", /\.\.\/comments1\.xml/, "/xl/comments1.xml")],
    ["document properties that are not XML", "rich-chart.xlsx", replaceIn("docProps/core.xml", /<\/cp:coreProperties>/, "")],
  ] as const)("%s", async (_name, file, change) => {
    await expectSameAsExcelJs(await mutate(file, change));
  });
});

// ---------------------------------------------------------------------------------------------
// Random workbooks written by ExcelJS

const ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];
const FORMATS = ["General", "0.00", "yyyy-mm-dd", "d mmm yyyy", "[Red]0.0", '"Due" 0', "hh:mm", "0%", "m/d/yy"];

const text = fc.oneof(
  fc.constantFrom("Yes", "No", "N/A", " yes ", "Community", "Custody", "", "  ", "a & b < c > d", "x\ny", "x\r\ny", "_x000D_", "_x000d_", "=1+1", "😀", "\u202E", "tab\there", '"quoted"', "it's"),
  fc.string({ maxLength: 10 }),
);
const date = fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });
const value: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((error) => ({ error }) as ExcelJS.CellErrorValue) },
  { weight: 1, arbitrary: date },
  {
    weight: 1,
    arbitrary: fc.oneof(text, fc.integer(), fc.boolean(), date, fc.constantFrom(...ERRORS).map((error) => ({ error }))).map((result) => ({ formula: "A1", result }) as ExcelJS.CellFormulaValue),
  },
  { weight: 1, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }).map((parts) => ({ richText: parts.map((t, i) => ({ text: t, font: { bold: i % 2 === 0 } })) }) as ExcelJS.CellRichTextValue) },
  { weight: 1, arbitrary: text.map((t) => ({ text: t, hyperlink: "https://example.org/" }) as ExcelJS.CellHyperlinkValue) },
);

interface SheetPlan {
  readonly name: string;
  readonly rows: ExcelJS.CellValue[][];
  readonly formats: (string | null)[][];
  readonly merges: string[];
  readonly table: null | { readonly name: string; readonly at: string; readonly headerRow: boolean; readonly totalsRow: boolean };
}

const sheetName = fc.constantFrom("Cases", "Criteria", "Settings", "Interviews", "cases ", "Notes", "Register", "Summary", "Data & more");
const plan: fc.Arbitrary<SheetPlan> = fc.record({
  name: sheetName,
  rows: fc.array(fc.array(value, { maxLength: 6 }), { maxLength: 7 }),
  formats: fc.array(fc.array(fc.option(fc.constantFrom(...FORMATS)), { maxLength: 6 }), { maxLength: 7 }),
  merges: fc.array(fc.constantFrom("A1:B1", "C2:C3", "B4:D4", "E5:F6", "A7:A8"), { maxLength: 2 }),
  table: fc.option(
    fc.record({ name: fc.constantFrom("Cases", "Interviews", "Criteria", "Other"), at: fc.constantFrom("A1", "B2", "C3"), headerRow: fc.boolean(), totalsRow: fc.boolean() }),
    { freq: 2 },
  ),
});

function build(plans: readonly SheetPlan[]): (wb: ExcelJS.Workbook) => void {
  return (wb) => {
    const used = new Set<string>();
    const tables = new Set<string>();
    for (const p of plans) {
      if (used.has(p.name.trim().toLowerCase())) continue;
      used.add(p.name.trim().toLowerCase());
      const ws = wb.addWorksheet(p.name);
      if (p.table && !tables.has(p.table.name) && p.rows.length > 0) {
        tables.add(p.table.name);
        const width = Math.max(1, ...p.rows.map((r) => r.length));
        ws.addTable({
          name: p.table.name,
          ref: p.table.at,
          headerRow: p.table.headerRow,
          totalsRow: p.table.totalsRow,
          columns: Array.from({ length: width }, (_, i) => ({ name: `Column ${i + 1}`, ...(p.table!.totalsRow ? { totalsRowFunction: "count" as const } : {}) })),
          rows: p.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)),
        });
      } else {
        p.rows.forEach((r, i) => {
          const row = ws.getRow(i + 1);
          r.forEach((v, j) => {
            row.getCell(j + 1).value = v;
          });
        });
        const done = new Set<string>();
        for (const m of p.merges) {
          if (done.has(m)) continue;
          done.add(m);
          try {
            ws.mergeCells(m);
          } catch {
            // overlapping merge: leave it out
          }
        }
      }
      p.formats.forEach((r, i) =>
        r.forEach((f, j) => {
          if (f) ws.getRow(i + 1).getCell(j + 1).numFmt = f;
        }),
      );
    }
  };
}

describe("random workbooks written by ExcelJS read the same", () => {
  test("shared strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 4 }), fc.boolean(), async (plans, date1904) => {
        const bytes = await bytesOf((wb) => {
          build(plans)(wb);
          if (date1904) wb.properties.date1904 = true;
        });
        await expectSameAsExcelJs(bytes);
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  test("inline strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 3 }), async (plans) => {
        await expectSameAsExcelJs(await bytesOf(build(plans), { useSharedStrings: false }));
      }),
      { numRuns: 50 },
    );
  }, 120_000);

  test("and the usual ones are read by the fast reader itself", async () => {
    const bytes = await bytesOf(build([{ name: "Cases", rows: [["Case ID", "1.1 x"], ["C01", "Yes"]], formats: [], merges: ["C2:C3"], table: { name: "Cases", at: "A1", headerRow: true, totalsRow: true } }]));
    expect(await expectSameAsExcelJs(bytes)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Sheet XML ExcelJS does not write (as Excel or other tools might)

/** A small workbook whose Cases sheet's <sheetData> (and what follows it) is replaced. */
async function withSheetXml(sheetData: string, after = "", shared?: string[]): Promise<Uint8Array> {
  const base = await bytesOf(casesWorkbook(validRows(), { asTable: false }));
  const zip = await JSZip.loadAsync(base);
  const part = "xl/worksheets/sheet1.xml";
  const xml = await zip.file(part)!.async("string");
  zip.file(part, xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${sheetData}</sheetData>${after}`).replace(/<mergeCells[\s\S]*?<\/mergeCells>/, ""));
  if (shared) {
    zip.file("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.join("")}</sst>`);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const HEADER = `<row r="1"><c r="A1" t="inlineStr"><is><t>Case ID</t></is></c><c r="B1" t="inlineStr"><is><t>Sentence</t></is></c><c r="C1" t="inlineStr"><is><t>PSR</t></is></c><c r="D1" t="inlineStr"><is><t>1.1 Assessment</t></is></c></row>`;

describe("sheet XML as other tools write it reads the same", () => {
  const cases: [name: string, data: string, after?: string, shared?: string[]][] = [
    ["Excel's row attributes and number cells", `${HEADER}<row r="2" spans="1:4" x14ac:dyDescent="0.25"><c r="A2" t="n"><v>12</v></c><c r="B2" t="inlineStr"><is><t>Custody</t></is></c><c r="C2" t="inlineStr"><is><t>No</t></is></c><c r="D2" t="str"><v>Yes</v></c></row>`],
    ["entities, line ends and escapes", `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> C&amp;1 &#10;x&#x41;</t></is></c><c r="B2" t="str"><v>a&amp;amp;b\r\nc</v></c><c r="D2" t="inlineStr"><is><t>_x000D_ Yes</t></is></c></row>`],
    ["inline rich text", `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>C0</t></r><r><t xml:space="preserve">2_x0041_</t></r></is></c><c r="B2" t="inlineStr"><is><r><t/></r></is></c></row>`],
    ["formulas with and without cached results", `${HEADER}<row r="2"><c r="A2" t="str"><f>"C"&amp;"3"</f><v>C3</v></c><c r="B2"><f>1+1</f></c><c r="C2" t="b"><f>TRUE</f><v>1</v></c><c r="D2" t="e"><f>NA()</f><v>#N/A</v></c></row><row r="3"><c r="A3"><f t="shared" ref="A3:A4" si="0">ROW()</f><v>3</v></c></row><row r="4"><c r="A4"><f t="shared" si="0"/><v>4</v></c></row>`],
    ["cells without value or style, styled empty cells", `${HEADER}<row r="2"><c r="A2"/><c r="B2" s="0"/><c r="C2" s="1"/></row><row r="9"><c r="H9"/></row><row r="10"><c r="J10" s="1"/></row>`],
    ["a hyperlink on an empty cell counts as data", `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>C01</t></is></c></row><row r="7"><c r="F7"/></row>`, `<hyperlinks><hyperlink ref="F7" r:id="rId9"/></hyperlinks>`],
    ["merged cells hide what they cover", `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>C01</t></is></c><c r="B2" t="inlineStr"><is><t>Custody</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>hidden</t></is></c></row><row r="12"><c r="K12" t="inlineStr"><is><t>far</t></is></c></row>`, `<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="K11:K12"/></mergeCells>`],
    ["booleans, errors and odd numbers", `${HEADER}<row r="2"><c r="A2" t="b"><v>0</v></c><c r="B2" t="b"><v>true</v></c><c r="C2" t="e"><v>#REF!</v></c><c r="D2"><v>1e400</v></c><c r="E2"><v> </v></c><c r="F2" t="d"><v>2024-01-05</v></c><c r="G2" t="x"><v>7</v></c></row>`],
    ["shared strings: rich, phonetic, empty, escaped", `${HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c></row>`, "", [
      "<si><r><t>C</t></r><r><rPr><i/></rPr><t>07</t></r></si>",
      "<si><t>Cust</t><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh><phoneticPr fontId=\"1\"/></si>",
      "<si/>",
      "<si><t>_x0059_es&amp;_x00e9_</t></si>",
      "<si><t></t></si>",
    ]],
  ];
  // Every row has four entries: jest takes a test function with more parameters than its row for a done-callback test.
  test.each(cases.map(([name, data, after, shared]) => [name, data, after ?? "", shared ?? null] as const))("%s", async (_name, data, after, shared) => {
    const bytes = await withSheetXml(data, after, shared ?? undefined);
    const hyperlink = (after ?? "").includes("hyperlink");
    if (hyperlink) {
      // The hyperlink needs its relationship, as Excel writes it.
      const zip = await JSZip.loadAsync(bytes);
      zip.file("xl/worksheets/_rels/sheet1.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>`);
      expect(await expectSameAsExcelJs(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }))).toBe(true);
      return;
    }
    expect(await expectSameAsExcelJs(bytes)).toBe(true);
  });

  test("cells out of order, CDATA and prefixed elements are left to ExcelJS", async () => {
    for (const data of [
      `${HEADER}<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row>`,
      `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[C01]]></t></is></c></row>`,
      `${HEADER}<row r="2"><x:c r="A2"><x:v>1</x:v></x:c></row>`,
      `${HEADER}<row r="2"><c><v>1</v></c></row>`,
    ]) {
      const bytes = await withSheetXml(data);
      expect(await declineReason(bytes)).not.toBeNull();
      await expectSameAsExcelJs(bytes);
    }
  });
});
