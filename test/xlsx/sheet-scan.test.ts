/**
 * The fast worksheet scanner (src/xlsx/sheet-scan.ts) against saxes: on any part, the scanner
 * either declines it or gives exactly what saxes gives (the same values, or the same error). The
 * reference is saxes itself, through the same reader, never a value worked out here.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { PackageParts } from "../../src/xlsx/package-parts";
import { readSharedStrings, readSheetValues, readSheetValuesFast, readSheetValuesSaxes, type ReadSheetOptions, type SheetValues } from "../../src/xlsx/spreadsheetml";

const ROOT = path.join(__dirname, "..", "..");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

type Outcome = { values: SheetValues } | { error: string };

/** The part in the given chunks (as package-parts.ts `stream` gives a part: chunks, then an empty one). */
function chunked(xml: string, cuts: readonly number[] = []): (onText: (t: string) => void) => Promise<void> {
  return async (onText) => {
    let from = 0;
    for (const cut of [...cuts].map((c) => c % (xml.length + 1)).sort((a, b) => a - b)) {
      onText(xml.slice(from, cut));
      from = cut;
    }
    onText(xml.slice(from));
    onText("");
  };
}

async function outcome(read: () => Promise<SheetValues | null>): Promise<Outcome | null> {
  try {
    const values = await read();
    return values === null ? null : { values };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

const OPTIONS: ReadSheetOptions = { shared: ["one", "", "two_x000D_"], dateStyles: new Set([1]), date1904: false, keepRows: 1000, keepCols: 1000 };

/** Both readers on one part: the scanner's outcome (null when it declines) and saxes's. */
async function both(xml: string, o: ReadSheetOptions = OPTIONS, cuts: readonly number[] = []): Promise<{ fast: Outcome | null; saxes: Outcome }> {
  const fast = await outcome(() => readSheetValuesFast("sheet.xml", chunked(xml, cuts), o));
  const saxes = (await outcome(() => readSheetValuesSaxes("sheet.xml", chunked(xml), o)))!;
  return { fast, saxes };
}

const sheet = (data: string, after = ""): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData>${after}</worksheet>`;

// ---------------------------------------------------------------------------------------------
// Random worksheets.

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

/** Text as a part may hold it: entities, character references, line ends, escapes, non-ASCII. */
const textPiece = pick(
  "Yes", "No", "N/A", " ", "  x  ", "1", "-2.5", "1e3", " 7 ", "0x10", "true", "0", "#N/A", "2024-02-29", "2024-02-29T12:00:00", "2024-13-01",
  "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x41;", "&#10;", "&#13;", "&#x1F600;", "&#160;", "\n", "\r\n", "\r", "\t",
  "_x000D_", "_x005F_x000D_", "é", "😀", "\u00a0", "]", "]]", ">", "'", '"', "=", "/",
);
const text = fc.array(textPiece, { maxLength: 4 }).map((p) => p.join(""));
/** Attribute values: cell and row references, styles, types, each maybe written with references or white space. */
const ref = pick("A1", "B2", "c3", "AA10", "XFD1048576", "A1048577", "A0", "1A", "", "B", "D4", "&#65;1", "A&#x31;", " A1", "A1 ", "A\r\n1", "A\t1", "E2", "A\r\n0", "\tA0");
const rowNumber = pick("1", "2", "3", "10", "0", "-1", "1.5", "x", "", " 2", "1048576", "1048577", "&#50;");
const style = pick("0", "1", "3", "x", "");
const type = pick("n", "s", "str", "inlineStr", "b", "e", "d", "x", "");
const quote = pick('"', "'");
const space = pick(" ", " ", " ", "  ", "\n", "\r\n", "\t");
const eq = pick("=", "=", " = ", "\n=");
const prefix = pick("", "", "", "x:");
const tail = pick("", "", " ", "\r\n");

/** `name="value"` with the quote and white space chosen at random. */
const attribute = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(space, eq, quote, value).map(([s, e, q, v]) => `${s}${name}${e}${q}${q === '"' ? v.replace(/"/g, "&quot;") : v.replace(/'/g, "&apos;")}${q}`);

const optional = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(fc.constant(""), a);

/** An element: `<p:name attrs>content</p:name>` or self-closing when there is no content. */
const element = (name: string, attrs: fc.Arbitrary<string>, content: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(prefix, attrs, content, tail, fc.boolean()).map(([p, a, c, t, selfClose]) => (c === "" && selfClose ? `<${p}${name}${a}${t}/>` : `<${p}${name}${a}${t}>${c}</${p}${name}${t}>`));

const tElement = element("t", optional(attribute("xml:space", pick("preserve", "default"))), text);
const run = element("r", fc.constant(""), fc.tuple(optional(element("rPr", fc.constant(""), pick("", "<b/>", "<sz val='11'/>"))), tElement).map(([a, b]) => a + b));
const phonetic = element("rPh", fc.tuple(attribute("sb", pick("0")), attribute("eb", pick("1"))).map(([a, b]) => a + b), tElement);
const inline = element("is", fc.constant(""), fc.array(fc.oneof(tElement, run, phonetic, fc.constant("<phoneticPr fontId='1'/>")), { maxLength: 3 }).map((p) => p.join("")));
const v = element("v", fc.constant(""), text);
const f = element("f", optional(attribute("t", pick("shared"))), pick("", "SUM(A1:A2)", "A1&amp;B1"));

/** A cell written any way XML allows. */
const looseCell = element(
  "c",
  fc
    .tuple(attribute("r", ref), attribute("s", style), attribute("t", type))
    .chain((a) => fc.shuffledSubarray(a))
    .map((a) => a.join("")),
  fc.array(fc.oneof(v, inline, f), { maxLength: 2 }).map((p) => p.join("")),
);
/** A cell written exactly as Excel and the template writer write one (the scanner's quickest way, when its text has no reference, `\r` or surrogate). */
const plainText = fc.array(pick("Yes", "No", "N/A", " ", "1", "2.5", "é", "\n", "Custody", "_x000D_", ">", "#N/A", "", "true", "&amp;", "&#65;", "\r\n", "😀", "]"), { maxLength: 3 }).map((p) => p.join(""));
const excelCell = fc
  .tuple(pick("A1", "B1", "B2", "C2", "C3", "E2", "AC61", "A1048576", "XFD1"), optional(style.map((s) => ` s="${s}"`)), optional(type.map((t) => ` t="${t}"`)), fc.nat(3), plainText, fc.boolean())
  .map(([r, s, t, shape, x, preserve]) => {
    const open = `<c r="${r}"${s}${t}`;
    if (shape === 0) return `${open}/>`;
    if (shape === 1) return `${open}></c>`;
    if (shape === 2) return `${open}><v>${x}</v></c>`;
    return `${open}><is><t${preserve ? ' xml:space="preserve"' : ""}>${x}</t></is></c>`;
  });

const row = element(
  "row",
  fc.tuple(optional(attribute("r", rowNumber)), optional(attribute("spans", pick("1:3")))).map(([a, b]) => a + b),
  fc.array(fc.oneof(looseCell, excelCell, excelCell), { maxLength: 5 }).map((c) => c.join("")),
);
const merge = element("mergeCell", attribute("ref", pick("A1:B2", "B2:A1", "A1", "C1:C3", "A2:XFD2", "bad", "A1:")), fc.constant(""));
const declaration = pick(
  "",
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
  "<?xml version='1.0'?>",
  '<?xml version="1.0" encoding="utf-8"?>\n',
  '<?xml version="1.1"?>',
  '<?xml  version="1.0"?>',
);

/** A worksheet part in the subset the scanner reads (every piece well-formed). */
const worksheet = fc
  .tuple(declaration, prefix, fc.array(row, { maxLength: 6 }), fc.array(merge, { maxLength: 2 }), pick("", "\n", " \r\n "), pick("", '<dimension ref="A1:C3"/>'))
  .map(([decl, p, rows, merges, after, dimension]) => {
    const mergeCells = merges.length ? `<${p}mergeCells count="${merges.length}">${merges.join("")}</${p}mergeCells>` : "";
    return `${decl}<${p}worksheet xmlns${p ? ":x" : ""}="${MAIN}">${dimension}<${p}sheetData>${rows.join("")}</${p}sheetData>${mergeCells}</${p}worksheet>${after}`;
  });

/** Damage: something inserted, removed or repeated somewhere in the part. */
const INSERTS = [
  "<", ">", "&", "&bogus;", "&amp", "&#0;", "&#xD800;", "&#X41;", "&#65", "\u0001", "\u000b", "\ud800", "\udc00", "\ufffe", "\uffff", "]]>", '"', "'", "=", "/", " ", "\r", ":", "é", "<é/>",
  "<!-- note -->", "<![CDATA[x<y]]>", "<?pi x?>", "<!DOCTYPE worksheet>", "</c>", "<c>", "</row>", "<v>", "<x:c/>", ' r="A1"', ' t="s"', " r='B2'", "<a b='<'/>", "<a b='1'b='2'/>",
  '<?xml version="1.0"?>', "\ufeff", "x",
];
const damage = fc.oneof(
  fc.record({ at: fc.nat({ max: 1_000_000 }), insert: fc.constantFrom(...INSERTS) }),
  fc.record({ at: fc.nat({ max: 1_000_000 }), remove: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ at: fc.nat({ max: 1_000_000 }), repeat: fc.integer({ min: 1, max: 12 }) }),
);
type Damage = { at: number; insert: string } | { at: number; remove: number } | { at: number; repeat: number };

function damaged(xml: string, d: Damage): string {
  const at = d.at % (xml.length + 1);
  if ("insert" in d) return xml.slice(0, at) + d.insert + xml.slice(at);
  if ("remove" in d) return xml.slice(0, at) + xml.slice(at + d.remove);
  return xml.slice(0, at) + xml.slice(at, at + d.repeat) + xml.slice(at);
}

const options: fc.Arbitrary<ReadSheetOptions> = fc
  .record({ keepRows: pick(1, 3, 1000, 1000), keepCols: pick(1, 2, 1000, 1000), stop: pick(-1, -1, 0, 2), date1904: fc.boolean() })
  .map(({ stop, ...r }) => ({ ...OPTIONS, ...r, ...(stop < 0 ? {} : { stopAfterRow: stop }) }));
const cuts = fc.array(fc.nat(), { maxLength: 4 });

describe("the scanner gives what saxes gives, or declines", () => {
  test("random worksheets in its subset: it reads every one, exactly as saxes does", async () => {
    let read = 0;
    await fc.assert(
      fc.asyncProperty(worksheet, options, cuts, async (xml, o, c) => {
        const { fast, saxes } = await both(xml, o, c);
        // What it declines here: XML 1.1, a declaration it does not know, `]]>` (made of "]", "]", ">" pieces).
        const declines = /version="1\.1"|  version|\]\]>/.test(xml);
        expect(fast === null).toBe(declines);
        if (fast !== null) {
          expect(fast).toStrictEqual(saxes);
          read++;
        }
      }),
      { numRuns: 1500, seed: 20261130 },
    );
    expect(read).toBeGreaterThan(800);
  });

  test("random damage: where the scanner reads a part, saxes gives the same values or the same error", async () => {
    const seen = { read: 0, declined: 0, sameError: 0, saxesRefused: 0 };
    await fc.assert(
      fc.asyncProperty(worksheet, damage, options, cuts, async (xml, d, o, c) => {
        const { fast, saxes } = await both(damaged(xml, d), o, c);
        if ("error" in saxes && saxes.error.startsWith("MalformedPartError: sheet.xml: ") && !/shared string|a cell at|a row numbered|outside the sheet/.test(saxes.error)) seen.saxesRefused++;
        if (fast === null) {
          seen.declined++;
          return;
        }
        expect(fast).toStrictEqual(saxes);
        if ("error" in fast) seen.sameError++;
        else seen.read++;
      }),
      { numRuns: 3000, seed: 11301405 },
    );
    // Not vacuous: damaged parts are read, declined and refused in numbers.
    expect(seen.read).toBeGreaterThan(300);
    expect(seen.declined).toBeGreaterThan(300);
    expect(seen.saxesRefused).toBeGreaterThan(300);
  });

  const EMPTY = { values: { rows: [], lastRow: -1, lastCol: -1 } };
  const ONE = { values: { rows: [[1]], lastRow: 0, lastCol: 0 } };
  test.each([
    ["a DOCTYPE", `<?xml version="1.0"?><!DOCTYPE worksheet><worksheet><sheetData/></worksheet>`, EMPTY],
    ["a comment", sheet(`<row r="1"><!-- hi --><c r="A1"><v>1</v></c></row>`), ONE],
    ["a CDATA section", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>`), { values: { rows: [["a<b"]], lastRow: 0, lastCol: 0 } }],
    ["a processing instruction", sheet(`<row r="1"><?mso x?><c r="A1"><v>1</v></c></row>`), ONE],
    ["an XML 1.1 declaration", `<?xml version="1.1"?><worksheet><sheetData/></worksheet>`, EMPTY],
    ["a non-ASCII element name", sheet(`<row r="1"><é/><c r="A1"><v>1</v></c></row>`), ONE],
  ])("it declines %s, and saxes reads the part", async (_name, xml, values) => {
    const { fast, saxes } = await both(xml);
    expect(fast).toBeNull();
    expect(saxes).toStrictEqual(values);
    expect(await readSheetValues("sheet.xml", chunked(xml), OPTIONS)).toStrictEqual(values.values);
  });

  test("it declines a lone surrogate (saxes decides what it means)", async () => {
    expect((await both(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>\ud800</t></is></c></row>`))).fast).toBeNull();
  });

  test.each([
    ["a mismatched end tag", sheet(`<row r="1"><c r="A1"><v>1</v></row></c>`)],
    ["a mismatched end tag of the same length", sheet(`<row r="1"><c r="A1"><v>1</x></c></row>`)],
    ["an unclosed element", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`],
    ["a bare ampersand", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>`)],
    ["an undefined entity", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`)],
    ["a character reference XML forbids", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a&#1;b</t></is></c></row>`)],
    ["a control character", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a\u0001b</t></is></c></row>`)],
    ["a < in an attribute", sheet(`<row r="1"><c r="A<1"><v>1</v></c></row>`)],
    ["an attribute twice", sheet(`<row r="1"><c r="A1" r="B1"><v>1</v></c></row>`)],
    ["]]> in text", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a]]>b</t></is></c></row>`)],
    ["text after the root", `${sheet("")}x`],
    ["a second root", `${sheet("")}<worksheet/>`],
    ["no white space between attributes", sheet(`<row r="1"><c r="A1"t="n"><v>1</v></c></row>`)],
  ])("it declines %s, and saxes refuses the part", async (_name, xml) => {
    const { fast, saxes } = await both(xml);
    expect(fast).toBeNull();
    expect(saxes).toMatchObject({ error: expect.stringMatching(/^MalformedPartError: sheet\.xml: /) });
  });

  test("what XML normalises, it normalises the same way (line ends, attribute white space, references)", async () => {
    const xml = sheet(
      `<row r="1"><c r="A\r\n1" t="inlineStr"><is><t>a\r\nb\rc&#13;&#10;d&amp;&lt;&#x1F600;</t></is></c>` +
        `<x:c r='B1' t = "str" ><x:v>1&#9;2\t3</x:v></x:c><c r="C1" t="inlineStr"><is><r><t>x</t></r><rPh sb="0" eb="1"><t>skip</t></rPh><r><t>_x000D_y</t></r></is></c></row>`,
    );
    const { fast, saxes } = await both(xml);
    expect(fast).toStrictEqual(saxes);
    expect(saxes).toStrictEqual({ values: { rows: [["a\nb\nc\r\nd&<😀", "1\t2\t3", "x\ry"]], lastRow: 0, lastCol: 2 } });
  });

  test("an attribute's white space is made spaces before the reader sees it (here in the reader's own error)", async () => {
    const { fast, saxes } = await both(sheet(`<row r="1"><c r="A\t\r\n0"><v>1</v></c></row>`));
    expect(saxes).toStrictEqual({ error: 'MalformedPartError: sheet.xml: a cell at "A  0"' });
    expect(fast).toStrictEqual(saxes);
  });

  test("a part cut into chunks anywhere reads the same, a reference or a line end split between two included", async () => {
    const xml = sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb&amp;c</t></is></c><c r="B1"><v>12</v></c></row>`, `<mergeCells><mergeCell ref="C1:D1"/></mergeCells>`);
    const whole = await both(xml);
    expect(whole.fast).not.toBeNull();
    for (let cut = 0; cut <= xml.length; cut++) expect((await both(xml, OPTIONS, [cut, cut + 7])).fast).toStrictEqual(whole.saxes);
  });

  test("an error the reader raises comes out of the scanner as it comes out of saxes", async () => {
    const { fast, saxes } = await both(sheet(`<row r="1"><c r="A1" t="s"><v>9</v></c></row>`));
    expect(saxes).toStrictEqual({ error: "MalformedPartError: sheet.xml: a cell refers to shared string 9, which does not exist" });
    expect(fast).toStrictEqual(saxes);
  });
});

// ---------------------------------------------------------------------------------------------
// Every worksheet of every fixture.

function workbookFiles(): string[] {
  const dirs = [path.join(ROOT, "test", "fixtures", "hostile"), path.join(ROOT, "test", "fixtures", "rich"), path.join(ROOT, "assets")];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".xlsx"))
      .map((f) => path.join(d, f)),
  );
}

describe("every worksheet of the hostile corpus, the rich fixtures and the samples", () => {
  const files = workbookFiles();

  test("reads the same both ways; the samples' sheets, every one, by the scanner", async () => {
    let read = 0;
    const declined: string[] = [];
    for (const file of files) {
      let parts: PackageParts;
      try {
        parts = await PackageParts.open(readFileSync(file));
      } catch {
        continue; // Not a zip: no worksheet to compare.
      }
      const sst = parts.names().find((n) => n === "xl/sharedstrings.xml");
      const shared = sst ? await readSharedStrings(sst, (onText) => parts.stream(sst, onText)).catch(() => []) : [];
      const o: ReadSheetOptions = { ...OPTIONS, shared };
      for (const name of parts.names().filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
        const fast = await outcome(() => readSheetValuesFast(name, (onText) => parts.stream(name, onText), o));
        const saxes = await outcome(() => readSheetValuesSaxes(name, (onText) => parts.stream(name, onText), o));
        if (fast === null) {
          declined.push(`${path.relative(ROOT, file)} ${name}`);
          continue;
        }
        read++;
        expect([path.basename(file), name, fast]).toStrictEqual([path.basename(file), name, saxes]);
      }
    }
    expect(read).toBeGreaterThan(100);
    // Every sheet the sample workbooks hold is one the scanner reads (each part above was read both ways).
    expect(declined.filter((d) => d.startsWith("assets"))).toEqual([]);
  });
});
