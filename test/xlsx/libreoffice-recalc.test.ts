/**
 * An independent spreadsheet engine (LibreOffice) recalculates the formulas the package writer
 * wrote: the cached results are deliberately wrong, so the true counts can only come from a real
 * recalculation of valid OOXML formulas over the Cases sheet and its table.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LayoutCell, SheetLayout } from "../../src/core/layout/model";
import { GENERATED_MARKER_PREFIX } from "../../src/core/layout/model";
import { columnReference } from "../../src/core/layout/formulas";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { convertWithLibreOffice, describeWithLibreOffice, recalculate } from "../helpers/libreoffice";

/** ExcelJS reads conditional formats into `conditionalFormattings`, which its typings leave out. */
function conditionalFormattingsOf(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

const ROWS = 20;
const sentence = (i: number): string => (i % 3 === 0 ? "Custody" : "Community");
const judgement21 = (i: number): string => (i % 5 === 0 ? "N/A" : i % 3 === 0 ? "No" : "Yes");
const judgement11 = (i: number): string => (i % 4 === 0 ? "No" : "Yes");

/** The 1.1 header holds every character that needs escaping in a structured reference ([ ] # '), and others that need double brackets. */
const HEADERS = ["Case ID", "Sentence", "PSR", "1.1 Initial assessment [draft] #1 o'clock - a/b", "2.1 Initial assessment"];

async function casesWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Cases");
  ws.addTable({
    name: "Cases",
    ref: "A1",
    headerRow: true,
    columns: HEADERS.map((name) => ({ name })),
    rows: Array.from({ length: ROWS }, (_v, i) => [`C${String(i + 1).padStart(2, "0")}`, sentence(i), i % 2 ? "Yes" : "No", judgement11(i), judgement21(i)]),
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function count(predicate: (i: number) => boolean): number {
  return Array.from({ length: ROWS }, (_v, i) => i).filter(predicate).length;
}

const TRUE_YES_21 = count((i) => judgement21(i) === "Yes");
const TRUE_RELEVANT_21 = count((i) => judgement21(i) !== "N/A");
const TRUE_CUSTODY_NO_11 = count((i) => sentence(i) === "Custody" && judgement11(i) === "No");
const TRUE_TABLE_YES_11 = count((i) => judgement11(i) === "Yes");

function recalcLayout(): SheetLayout {
  const marker = `${GENERATED_MARKER_PREFIX} (Summary) on 25 November 2026`;
  const last = ROWS + 1;
  const cells: LayoutCell[] = [
    { row: 0, col: 0, kind: "text", text: "Summary", style: "title" },
    { row: 1, col: 0, kind: "text", text: marker },
    { row: 3, col: 0, kind: "text", text: "Measure", style: "header" },
    { row: 3, col: 1, kind: "text", text: "Value", style: "header" },
    { row: 4, col: 0, kind: "text", text: "2.1 met" },
    { row: 4, col: 1, kind: "formula", formula: `COUNTIF(Cases!$E$2:$E$${last},"Yes")`, result: 999 },
    { row: 5, col: 0, kind: "text", text: "2.1 relevant" },
    { row: 5, col: 1, kind: "formula", formula: `COUNTIF(Cases!$E$2:$E$${last},"Yes")+COUNTIF(Cases!$E$2:$E$${last},"No")`, result: 999 },
    { row: 6, col: 0, kind: "text", text: "1.1 not met in custody" },
    { row: 6, col: 1, kind: "formula", formula: `COUNTIFS(Cases!$B$2:$B$${last},"Custody",Cases!$D$2:$D$${last},"No")`, result: 999 },
    { row: 7, col: 0, kind: "text", text: "1.1 met (table)" },
    // The structured reference as the engine writes it: Cases[[1.1 Initial assessment '[draft'] '#1 o''clock - a/b]].
    { row: 7, col: 1, kind: "formula", formula: `COUNTIF(${columnReference({ sheet: "Cases", top: 0, left: 0, rows: [HEADERS], tableName: "Cases" }, 3)},"Yes")`, result: 999 },
    { row: 8, col: 0, kind: "text", text: "2.1 % met" },
    { row: 8, col: 1, kind: "formula", formula: "IF(B6=0,\"\",ROUND(100*B5/B6,1))", result: 999, style: "number" },
    { row: 9, col: 0, kind: "text", text: "Band" },
    { row: 9, col: 1, kind: "formula", formula: 'IF(B9>=80,"Strength",IF(B9<=65,"Improvement","Neither"))', result: "stale text" },
    { row: 10, col: 0, kind: "text", text: "=1+1" },
    { row: 10, col: 1, kind: "text", text: "@SUM(B5:B6)" },
  ];
  return {
    rowHeights: [],
    kind: "summary",
    name: "Summary",
    styles: { title: { bold: true, size: 14 }, header: { bold: true, fill: "DDEBF7", border: ["bottom"] }, number: { numberFormat: "0.0" } },
    cells,
    columnWidths: [30, 14],
    merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
    freeze: { rows: 4, cols: 0 },
    conditionalFormats: [
      { kind: "text-equals", range: "B10", text: "Improvement", style: { fill: "FFC7CE", colour: "9C0006" } },
      { kind: "expression", range: "B9", formula: "B9>=80", style: { fill: "C6EFCE" } },
      { kind: "data-bar", range: "B9", colour: "638EC6", min: 0, max: 100 },
    ],
    print: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 3, last: 3 }, footer: "Service & partners" },
    chart: null,
    rowCount: 11,
    colCount: 2,
    marker,
  };
}

/**
 * A package written the way the Open XML SDK writes it: every SpreadsheetML element carries an
 * "x:" prefix, and there is no docProps part. Column B of Cases holds Yes/No judgements.
 */
async function prefixedPackage(): Promise<Uint8Array> {
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const pkgRel = "http://schemas.openxmlformats.org/package/2006/relationships";
  const rows = ["Case ID", "2.1 Initial assessment"].map((h, i) => `<x:c r="${"AB"[i]}1" t="inlineStr"><x:is><x:t>${h}</x:t></x:is></x:c>`).join("");
  const data = Array.from({ length: ROWS }, (_v, i) =>
    `<x:row r="${i + 2}"><x:c r="A${i + 2}" t="inlineStr"><x:is><x:t>C${i + 1}</x:t></x:is></x:c>` +
    `<x:c r="B${i + 2}" t="inlineStr"><x:is><x:t>${judgement21(i)}</x:t></x:is></x:c></x:row>`,
  ).join("");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${pkgRel}"><Relationship Type="${rel}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`);
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${main}" xmlns:r="${rel}"><x:sheets><x:sheet name="Cases" sheetId="1" r:id="R2"/></x:sheets></x:workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${pkgRel}"><Relationship Type="${rel}/worksheet" Target="/xl/worksheets/sheet.xml" Id="R2"/>` +
      `<Relationship Type="${rel}/styles" Target="/xl/styles.xml" Id="R3"/></Relationships>`,
  );
  zip.file("xl/worksheets/sheet.xml", `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${main}"><x:sheetData><x:row r="1">${rows}</x:row>${data}</x:sheetData></x:worksheet>`);
  zip.file(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="${main}"><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Arial"/></x:font></x:fonts>` +
      `<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>` +
      `<x:borders count="1"><x:border/></x:borders><x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs></x:styleSheet>`,
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describeWithLibreOffice("LibreOffice recalculates what the package writer wrote", () => {
  let dir: string;
  let written: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "lo-recalc-"));
    const result = await writeGeneratedSheets(await casesWorkbook(), [recalcLayout()]);
    written = join(dir, "report.xlsx");
    writeFileSync(written, result.bytes);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gets the true counts from COUNTIF, COUNTIFS and a structured table reference", async () => {
    expect(TRUE_YES_21).not.toBe(999);
    expect(recalcLayout().cells.find((c) => c.row === 7 && c.col === 1)).toMatchObject({ formula: `COUNTIF(Cases[[1.1 Initial assessment '[draft'] '#1 o''clock - a/b]],"Yes")` });
    const recalculated = await recalculate(written, join(dir, "recalculated"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(recalculated) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Summary")!;
    const result = (ref: string): unknown => {
      const v = ws.getCell(ref).value;
      return v !== null && typeof v === "object" && "result" in v ? v.result : v;
    };
    expect(result("B5")).toBe(TRUE_YES_21);
    expect(result("B6")).toBe(TRUE_RELEVANT_21);
    expect(result("B7")).toBe(TRUE_CUSTODY_NO_11);
    expect(result("B8")).toBe(TRUE_TABLE_YES_11);
    expect(result("B9")).toBeCloseTo(Math.round((1000 * TRUE_YES_21) / TRUE_RELEVANT_21) / 10, 5);
    const pct = (100 * TRUE_YES_21) / TRUE_RELEVANT_21;
    expect(result("B10")).toBe(pct >= 80 ? "Strength" : pct <= 65 ? "Improvement" : "Neither");
    // Formula-like text is still text after a real engine loaded it.
    expect(ws.getCell("A11").value).toBe("=1+1");
    expect(ws.getCell("B11").value).toBe("@SUM(B5:B6)");
    expect(String(ws.getCell("A2").value)).toMatch(/^Generated by Case Inspection Workbook \(Summary\)/);
    // LibreOffice understood the sheet's structure, not only its cells. (Frozen panes are not
    // checked here: a headless conversion drops every sheet's view settings, ExcelJS's own too.)
    expect((ws.model as unknown as { merges: string[] }).merges).toContain("A1:B1");
    expect(conditionalFormattingsOf(ws).flatMap((cf) => cf.rules.map((r) => r.type)).sort()).toEqual(["cellIs", "dataBar", "expression"]);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
    expect(ws.headerFooter.oddFooter).toContain("Service && partners");
    expect(ws.pageSetup.printTitlesRow).toBe("4:4");
    expect(wb.getWorksheet("Cases")!.getCell("A2").value).toBe("C01");
  });

  it("opens the output and prints it to PDF", async () => {
    const pdf = await convertWithLibreOffice(written, join(dir, "pdf"), "pdf");
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it("writes into a package whose XML uses namespace prefixes (Open XML SDK style)", async () => {
    const layout = recalcLayout();
    const cells: LayoutCell[] = [
      ...layout.cells.filter((c) => c.row < 4),
      { row: 4, col: 0, kind: "text", text: "2.1 met" },
      { row: 4, col: 1, kind: "formula", formula: `COUNTIF(Cases!$B$2:$B$${ROWS + 1},"Yes")`, result: 999, style: "number" },
    ];
    const result = await writeGeneratedSheets(await prefixedPackage(), [{ ...layout, cells }]);
    const out = await JSZip.loadAsync(result.bytes);
    const workbook = await out.file("xl/workbook.xml")!.async("string");
    // The Summary is the first tab and the one the workbook opens on (a bookViews element is added, prefixed).
    expect(workbook).toMatch(
      /<x:bookViews><x:workbookView activeTab="0"\/><\/x:bookViews><x:sheets><x:sheet name="Summary" sheetId="2" r:id="rId\d+"\/><x:sheet name="Cases" sheetId="1" r:id="R2"\/><\/x:sheets><x:definedNames><x:definedName name="_xlnm.Print_Titles" localSheetId="0">/,
    );
    expect(workbook).toContain('<x:calcPr fullCalcOnLoad="1"/></x:workbook>');
    expect(await out.file("xl/styles.xml")!.async("string")).toContain('<x:name val="Arial"/>');
    const path = join(dir, "prefixed.xlsx");
    writeFileSync(path, result.bytes);
    const recalculated = await recalculate(path, join(dir, "prefixed-out"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(recalculated) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("Summary")!;
    expect((ws.getCell("B5").value as ExcelJS.CellFormulaValue).result).toBe(TRUE_YES_21);
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14, name: "Arial" });
  });
});
