/**
 * What the package writer adds for a report a manager opens: the section chart as a real
 * DrawingML chart part reading the Summary's cells, the generated sheets as the first tabs with
 * the Summary active (and no other sheet left selected with it), local defined names moved with
 * their sheets, and the print set-up (margins, page breaks).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import * as fs from "node:fs";
import * as path from "node:path";
import { analyseWorkbook, buildReportLayouts } from "../../src/core";
import { writeGeneratedSheets } from "../../src/xlsx/package-writer";
import { readWorkbookGrids } from "../../src/xlsx/read-workbook";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-inspection.xlsx");
const GENERATED_AT = new Date(2026, 10, 25, 10, 0);

async function report(input: Uint8Array): Promise<Uint8Array> {
  const analysis = analyseWorkbook(await readWorkbookGrids(input));
  return (await writeGeneratedSheets(input, buildReportLayouts(analysis, { generatedAt: GENERATED_AT }))).bytes;
}

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async("string"));
  return out;
}

/** Sheet names in workbook order, with each sheet's part. */
function sheetsOf(p: Map<string, string>): { name: string; path: string }[] {
  const rels = p.get("xl/_rels/workbook.xml.rels")!;
  const target = (id: string): string => {
    const rel = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*>`).exec(rels)![0];
    return `xl/${/Target="([^"]+)"/.exec(rel)![1]!.replace(/^\/?xl\//, "")}`;
  };
  return [...p.get("xl/workbook.xml")!.matchAll(/<sheet [^>]*>/g)].map((m) => ({
    name: /name="([^"]*)"/.exec(m[0])![1]!.replace(/&amp;/g, "&"),
    path: target(/r:id="([^"]*)"/.exec(m[0])![1]!),
  }));
}

async function withPart(bytes: Uint8Array, partPath: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file(partPath, edit(await zip.file(partPath)!.async("string")));
  return zip.generateAsync({ type: "uint8array" });
}

describe("a report package", () => {
  let sample: Uint8Array;
  let out: Map<string, string>;
  beforeAll(async () => {
    sample = new Uint8Array(fs.readFileSync(SAMPLE));
    out = await parts(await report(sample));
  });

  it("has the section chart as a chart part reading the Summary's section cells, with the values cached", () => {
    const [summary] = sheetsOf(out);
    expect(summary!.name).toBe("Summary");
    const sheetXml = out.get(summary!.path)!;
    expect(sheetXml).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    const sheetRels = out.get(summary!.path.replace(/([^/]+)$/, "_rels/$1.rels"))!;
    const drawingPath = `xl/${/Target="\.\.\/([^"]+)"/.exec(sheetRels)![1]!}`;
    expect(drawingPath).toMatch(/^xl\/drawings\/drawing\d+\.xml$/);
    const drawingRels = out.get(drawingPath.replace(/([^/]+)$/, "_rels/$1.rels"))!;
    const chartPath = `xl/${/Target="\.\.\/([^"]+)"/.exec(drawingRels)![1]!}`;
    const chart = out.get(chartPath)!;
    expect(chart).toContain("<c:barChart><c:barDir val=\"col\"/>");
    const values = /<c:val><c:numRef><c:f>([^<]+)<\/c:f>/.exec(chart)![1]!;
    const categories = /<c:cat><c:strRef><c:f>([^<]+)<\/c:f>/.exec(chart)![1]!;
    expect(values).toMatch(/^'Summary'!\$C\$\d+:\$C\$\d+$/);
    expect(categories).toMatch(/^'Summary'!\$A\$\d+:\$A\$\d+$/);
    // The value cells are formulas pointing at the section rows' percentages; the cache holds the
    // sample's section scores (52/58, 51/84, 42/64, 85/95, 11/19).
    const cached = [...chart.matchAll(/<c:numCache>.*?<\/c:numCache>/gs)][0]![0];
    const numbers = [...cached.matchAll(/<c:v>([^<]+)<\/c:v>/g)].map((m) => Number(m[1]));
    expect(numbers.map((n) => n.toFixed(4))).toEqual([52 / 58, 51 / 84, 42 / 64, 85 / 95, 11 / 19].map((n) => n.toFixed(4)));
    const first = Number(/\$C\$(\d+):/.exec(values)![1]);
    const cell = new RegExp(`<c r="C${first}"[^>]*><f>([^<]+)</f>`).exec(sheetXml)![1]!;
    expect(cell).toMatch(/^F\d+$/);
    const types = out.get("[Content_Types].xml")!;
    expect(types).toContain(`<Override PartName="/${drawingPath}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
    expect(types).toContain(`<Override PartName="/${chartPath}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
  });

  it("opens in ExcelJS with the generated sheets first and the user's sheets in their order after", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await report(sample)) as unknown as ExcelJS.Buffer);
    const before = new ExcelJS.Workbook();
    await before.xlsx.load(Buffer.from(sample) as unknown as ExcelJS.Buffer);
    // The sample has areas requiring improvement: its Action plan comes with the report.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Strengths & improvements", "Action plan", ...before.worksheets.map((w) => w.name)]);
  });

  it("opens on the Summary, with no other sheet selected beside it", async () => {
    // The sample as Excel would save it after work on the Cases sheet: Cases active and selected.
    const sheets = sheetsOf(await parts(sample));
    const casesIndex = sheets.findIndex((s) => s.name === "Cases");
    let input = await withPart(sample, "xl/workbook.xml", (xml) =>
      /<bookViews>/.test(xml)
        ? xml.replace(/<workbookView([^>]*?)\/>/, (_m, attrs: string) => `<workbookView${attrs.replace(/\s+activeTab="\d+"/, "")} activeTab="${casesIndex}"/>`)
        : xml.replace("<sheets>", `<bookViews><workbookView activeTab="${casesIndex}"/></bookViews><sheets>`),
    );
    input = await withPart(input, sheets[casesIndex]!.path, (xml) => xml.replace(/<sheetView(?=[\s>/])(?![^>]*tabSelected)/, '<sheetView tabSelected="1"'));
    const before = await parts(input);
    const after = await parts(await report(input));
    const workbook = after.get("xl/workbook.xml")!;
    expect([...workbook.matchAll(/activeTab="(\d+)"/g)].map((m) => m[1])).toEqual(["0"]);
    const names = sheetsOf(after);
    expect(names[0]!.name).toBe("Summary");
    expect(after.get(names[0]!.path)).toMatch(/<sheetView tabSelected="1"/);
    expect(after.get(names[1]!.path)).not.toMatch(/tabSelected/);
    const cases = names.find((s) => s.name === "Cases")!;
    expect(before.get(cases.path)).toMatch(/tabSelected="1"/);
    expect(after.get(cases.path)).not.toMatch(/tabSelected/);
    // Only the attribute went: the rest of the user's sheet is as it was.
    expect(after.get(cases.path)).toBe(before.get(cases.path)!.replace(' tabSelected="1"', ""));
  });

  it("moves a sheet's local defined names with the sheet", async () => {
    const criteria = sheetsOf(await parts(sample)).findIndex((s) => s.name === "Criteria");
    const input = await withPart(sample, "xl/workbook.xml", (xml) => {
      const name = `<definedName name="_xlnm.Print_Area" localSheetId="${criteria}">Criteria!$A$1:$B$5</definedName>`;
      return xml.includes("<definedNames>") ? xml.replace("<definedNames>", `<definedNames>${name}`) : xml.replace("</sheets>", `</sheets><definedNames>${name}</definedNames>`);
    });
    const after = await parts(await report(input));
    const moved = sheetsOf(after).findIndex((s) => s.name === "Criteria");
    // Behind the three generated sheets (Summary, Strengths & improvements, Action plan).
    expect(moved).toBe(criteria + 3);
    expect(after.get("xl/workbook.xml")).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="${moved}">Criteria!$A$1:$B$5</definedName>`);
  });

  it("replaces the chart when the report is built again: one drawing and one chart, nothing orphaned", async () => {
    const once = await report(sample);
    const twice = await parts(await report(once));
    const drawings = [...twice.keys()].filter((k) => /^xl\/drawings\/drawing\d+\.xml$/.test(k));
    const charts = [...twice.keys()].filter((k) => /^xl\/charts\/chart\d+\.xml$/.test(k));
    expect(drawings).toHaveLength(1);
    expect(charts).toHaveLength(1);
    expect(twice.get("[Content_Types].xml")!.match(/drawingml\.chart\+xml/g)).toHaveLength(1);
    expect(sheetsOf(twice).map((s) => s.name).slice(0, 2)).toEqual(["Summary", "Strengths & improvements"]);
  });

  it("writes the print set-up: margins, A4, one page for the Summary, page breaks on the Strengths sheet", () => {
    const [summary, strengths] = sheetsOf(out);
    const s = out.get(summary!.path)!;
    expect(s).toContain('<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>');
    expect(s).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="1"/>');
    const t = out.get(strengths!.path)!;
    expect(t).toMatch(/<rowBreaks count="(\d+)" manualBreakCount="\1">(<brk id="\d+" max="16383" man="1"\/>)+<\/rowBreaks>/);
  });
});
