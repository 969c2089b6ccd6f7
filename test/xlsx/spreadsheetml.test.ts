/**
 * The reader's semantics (src/xlsx/README.md) on hand-written SpreadsheetML, as Excel and other
 * programs write it: each expected grid is written out by hand from what Excel shows.
 */
import JSZip from "jszip";
import { analyseWorkbook, type CellValue } from "../../src/core";
import { readWorkbookGrids, UnusableWorkbookError } from "../../src/xlsx/read-workbook";
import { isDateFormat } from "../../src/xlsx/spreadsheetml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Book {
  /** The Cases sheet's <sheetData> content, or its whole part when `sheetPart` is set. */
  readonly sheetData?: string;
  readonly sheetPart?: string;
  readonly afterData?: string;
  readonly shared?: readonly string[];
  readonly styles?: string;
  readonly workbookPr?: string;
  readonly table?: string;
}

async function book(b: Book): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file("xl/workbook.xml", `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${b.workbookPr ?? ""}<sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file("xl/sharedStrings.xml", `<sst xmlns="${MAIN}">${(b.shared ?? []).join("")}</sst>`);
  zip.file("xl/styles.xml", b.styles ?? `<styleSheet xmlns="${MAIN}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`);
  zip.file("xl/worksheets/sheet1.xml", b.sheetPart ?? `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${b.sheetData ?? ""}</sheetData>${b.afterData ?? ""}</worksheet>`);
  if (b.table) {
    zip.file("xl/worksheets/_rels/sheet1.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`);
    zip.file("xl/tables/table1.xml", b.table);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function casesRows(b: Book): Promise<readonly (readonly CellValue[])[]> {
  return (await readWorkbookGrids(await book(b))).cases.rows;
}

const HEADER = `<row r="1"><c r="A1" t="inlineStr"><is><t>Case ID</t></is></c><c r="B1" t="inlineStr"><is><t>Sentence</t></is></c><c r="C1" t="inlineStr"><is><t>PSR</t></is></c><c r="D1" t="inlineStr"><is><t>1.1 Assessment</t></is></c></row>`;

describe("cached formula results read by their type", () => {
  test("FALSE and 0 are a boolean and a number, not blanks", async () => {
    const rows = await casesRows({
      sheetData: `${HEADER}<row r="2"><c r="A2" t="str"><f>"C"&amp;"1"</f><v>C1</v></c><c r="B2" t="str"><f>"Community"</f><v>Community</v></c><c r="C2" t="b"><f>1=2</f><v>0</v></c><c r="D2" t="b"><f>1=2</f><v>0</v></c><c r="E2"><f>1-1</f><v>0</v></c></row>`,
    });
    expect(rows[1]).toEqual(["C1", "Community", false, false, 0]);
  });

  test("a judgement given by a formula that says FALSE counts as No (with a warning), as in Excel's own view", async () => {
    const grids = await readWorkbookGrids(
      await book({ sheetData: `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="B2" t="inlineStr"><is><t>Community</t></is></c><c r="C2" t="inlineStr"><is><t>No</t></is></c><c r="D2" t="b"><f>1=2</f><v>0</v></c></row>` }),
    );
    const a = analyseWorkbook(grids);
    const c = a.criteria.find((x) => x.id === "1.1")!;
    expect([c.relevant, c.met, c.notMet, c.unjudged]).toEqual([1, 0, 1, 0]);
    expect(a.issues.filter((i) => i.cell === "D2").map((i) => [i.severity, i.code])).toEqual([["warning", "non-canonical-value"]]);
  });

  test("string, error and missing results; a shared formula's followers", async () => {
    const rows = await casesRows({
      sheetData:
        `${HEADER}<row r="2"><c r="A2" t="str"><f>A1</f><v>a &amp;amp; b</v></c><c r="B2" t="e"><f>NA()</f><v>#N/A</v></c><c r="C2"><f>1+1</f></c><c r="D2" t="str"><f>""</f><v></v></c></row>` +
        `<row r="3"><c r="A3"><f t="shared" ref="A3:A4" si="0">ROW()</f><v>3</v></c></row><row r="4"><c r="A4"><f t="shared" si="0"/><v>4</v></c></row>`,
    });
    expect(rows.slice(1)).toEqual([
      ["a &amp; b", { error: "#N/A" }, null, null],
      [3, null, null, null],
      [4, null, null, null],
    ]);
  });
});

describe("text", () => {
  test("shared strings: plain, rich runs joined, phonetic runs left out, empty, _xHHHH_ escapes", async () => {
    const rows = await casesRows({
      shared: [
        "<si><t>Yes</t></si>",
        '<si><r><rPr><b/></rPr><t>C</t></r><r><t xml:space="preserve">0 1</t></r></si>',
        "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>",
        "<si/>",
        "<si><t>line_x000D_break _x005F_x000D_ kept</t></si>",
      ],
      sheetData: `${HEADER}<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>0</v></c><c r="E2" t="s"><v>4</v></c></row>`,
    });
    expect(rows[1]).toEqual(["C0 1", "東京", null, "Yes", "line\rbreak _x000D_ kept"]);
  });

  test("inline strings and rich inline text, entities, CDATA, line ends", async () => {
    const rows = await casesRows({
      sheetData: `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><r><t>C</t></r><r><rPr><i/></rPr><t>02</t></r></is></c><c r="B2" t="inlineStr"><is><t><![CDATA[a <b> & c]]></t></is></c><c r="C2" t="inlineStr"><is><t>x\r\ny&#x41;&amp;</t></is></c><c r="D2" t="inlineStr"><is><t></t></is></c></row>`,
    });
    expect(rows[1]).toEqual(["C02", "a <b> & c", "x\nyA&", null]);
  });

  test("a non-breaking space is kept in the value (the engine and the live formulas both read past it)", async () => {
    const rows = await casesRows({ sheetData: `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>\u00a0Yes\u00a0</t></is></c></row>` });
    expect(rows[1]![0]).toBe("\u00a0Yes\u00a0");
  });
});

describe("numbers, booleans, errors and dates", () => {
  test("numbers as written; booleans; errors; text that is not a number is no value", async () => {
    const rows = await casesRows({
      sheetData: `${HEADER}<row r="2"><c r="A2"><v>12</v></c><c r="B2"><v>1.5E3</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#REF!</v></c><c r="E2"><v>abc</v></c><c r="F2" t="n"><v>-0.25</v></c></row>`,
    });
    expect(rows[1]).toEqual([12, 1500, true, { error: "#REF!" }, null, -0.25]);
  });

  test("a date is the serial number Excel keeps (1900 system), whatever the workbook's date system", async () => {
    const styles = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="d mmm yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const data = `${HEADER}<row r="2"><c r="A2" s="1"><v>43890</v></c><c r="B2" s="2"><v>0</v></c><c r="C2"><v>43890</v></c><c r="D2" t="d"><v>2024-03-01</v></c></row>`;
    // 1 March 2024 is serial 45352 in the 1900 system; a 1904 workbook stores 43890 for it.
    expect((await casesRows({ styles, sheetData: data }))[1]).toEqual([43890, 0, 43890, 45352]);
    expect((await casesRows({ styles, sheetData: data, workbookPr: '<workbookPr date1904="1"/>' }))[1]).toEqual([45352, 1462, 43890, 45352]);
  });

  test("which number formats are dates", () => {
    expect(["d mmm yyyy", "yyyy-mm-dd", "[$-809]dd/mm/yyyy", "hh:mm", "[h]:mm", "m/d/yy"].map(isDateFormat)).toEqual([true, true, true, true, true, true]);
    expect(["General", "0.00", '"Due" 0', "[Red]0.0", "0%", '0 "days"', "@", "\\d0"].map(isDateFormat)).toEqual([false, false, false, false, false, false, false, false]);
  });
});

describe("layout", () => {
  test("rows and cells out of order, without r attributes, repeated; namespace prefixes", async () => {
    const rows = await casesRows({
      sheetPart:
        `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
        `<x:row r="3"><x:c t="inlineStr"><x:is><x:t>third</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>` +
        `<x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>` +
        `<x:row><x:c r="C4"><x:v>7</x:v></x:c><x:c r="C4"><x:v>8</x:v></x:c></x:row>` +
        `</x:sheetData></x:worksheet>`,
    });
    expect(rows).toEqual([
      ["a", "b", null],
      [null, null, null],
      ["third", 2, null],
      [null, null, 8],
    ]);
  });

  test("merged cells: only the top-left cell holds a value; a sheet ends at its last value", async () => {
    const rows = await casesRows({
      sheetData: `${HEADER}<row r="2"><c r="A2" t="inlineStr"><is><t>C01</t></is></c><c r="B2" t="inlineStr"><is><t>Custody</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>hidden</t></is></c><c r="F3" s="0"/></row><row r="9"><c r="H9" t="inlineStr"><is><t>hidden too</t></is></c></row>`,
      afterData: `<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="G8:H9"/></mergeCells>`,
    });
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(["C01", "Custody", null, null]);
  });

  test("a table with its header row off and a totals row", async () => {
    const table = `<table xmlns="${MAIN}" id="1" name="Cases" displayName="Cases" ref="B2:C4" headerRowCount="0" totalsRowCount="1"><tableColumns count="2"><tableColumn id="1" name="Case ID"/><tableColumn id="2" name="Sentence"/></tableColumns></table>`;
    const grids = await readWorkbookGrids(
      await book({
        table,
        sheetData: `<row r="2"><c r="B2" t="inlineStr"><is><t>C01</t></is></c><c r="C2" t="inlineStr"><is><t>Custody</t></is></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>C02</t></is></c></row><row r="4"><c r="B4" t="inlineStr"><is><t>Total</t></is></c></row>`,
      }),
    );
    expect(grids.cases).toEqual({ sheet: "Cases", top: 0, left: 1, tableName: "Cases", rows: [["Case ID", "Sentence"], ["C01", "Custody"], ["C02", null]] });
  });
});

describe("damaged parts are refused, never half-read", () => {
  test.each([
    ["a sheet that is not well-formed", { sheetPart: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>` }],
    ["a sheet cut short", { sheetPart: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c>` }],
    ["a bare ampersand", { sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>` }],
    ["a character XML does not allow", { sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><t>a&#1;b</t></is></c></row>` }],
    ["a shared string that does not exist", { sheetData: `<row r="1"><c r="A1" t="s"><v>5</v></c></row>` }],
    ["a cell address that is not one", { sheetData: `<row r="1"><c r="A0"><v>1</v></c></row>` }],
  ])("%s", async (_name, b) => {
    const error = await readWorkbookGrids(await book(b as Book)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnusableWorkbookError);
    expect(error).toMatchObject({ reason: "corrupt" });
    expect((error as Error).message).toMatch(/^The file is damaged: part of the workbook \(xl\/worksheets\/sheet1\.xml\) is not well-formed/);
  });
});
