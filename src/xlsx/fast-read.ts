/**
 * The fast way to the engine's grids: reads only the workbook, its relationships, the styles'
 * number formats, the shared strings, the worksheets and their tables, straight from the zip,
 * with a streaming scan, and builds exactly the grids the ExcelJS reader builds (the same cached
 * formula results, error values, booleans, ISO dates for date-formatted cells, rich text,
 * inline strings, merged cells, table ranges with their header and totals rows).
 *
 * It reads what ExcelJS reads the way ExcelJS reads it, quirks included (an empty shared string
 * is no value, a string formula result is decoded twice, `_xHHHH_` escapes only in shared
 * strings and rich text runs...). Anything outside the layout it knows — prefixed elements,
 * comments and drawings, cells without addresses, rows out of order, CDATA, overlapping merges,
 * relationships that do not resolve — makes it decline (null), and the caller reads the file
 * with ExcelJS instead. A file it accepts reads as ExcelJS reads it; test/xlsx/fast-read.test.ts
 * holds it to that on every fixture and on generated workbooks.
 */
import type JSZip from "jszip";
import { MODERATION_MARKER, SHEET_NAMES, TABLE_NAMES, type CellValue } from "../core";
import { parseRelationships } from "./ooxml/package";
import { childElements, parseAttrs, rootElement } from "./ooxml/xml";

/** A table as ExcelJS models it (the parts the grid reader uses). */
export interface TableModelLike {
  readonly name?: string | undefined;
  readonly displayName?: string | undefined;
  readonly tableRef?: string | undefined;
  readonly ref?: string | undefined;
  readonly totalsRow?: boolean | undefined;
  readonly columns?: readonly { readonly name?: string | undefined }[] | undefined;
}

/**
 * A worksheet as the grid reader needs it, whoever read it (ExcelJS or the fast reader): its
 * name, its tables in ExcelJS's order (keyed by table name), the extent of its data and the
 * values of any range.
 */
export interface WorksheetSource {
  readonly name: string;
  readonly tables: readonly { readonly key: string; readonly model: TableModelLike }[];
  /** The last zero-based row and column holding data (cells other than ExcelJS's Null and Merge); -1 when none. */
  extent(): { readonly lastRow: number; readonly lastCol: number };
  /** Values of a zero-based inclusive range, one array per row, null where a cell is empty or merged. */
  range(top: number, left: number, bottom: number, right: number): CellValue[][];
}

/** Thrown inside the fast reader when it meets something it does not handle; never escapes. */
class Decline extends Error {}

function decline(why: string): never {
  throw new Decline(why);
}

/**
 * The worksheets of a package already opened with JSZip and checked by the caller (a workbook
 * part, not Strict, every listed sheet present), in ExcelJS's order, or null when the fast reader
 * does not handle the file (or a part fails its checksum) and ExcelJS must read it.
 * @example const sheets = await readWorksheetsFast(zip); if (sheets) gridsOf(sheets, …);
 */
export async function readWorksheetsFast(zip: JSZip): Promise<WorksheetSource[] | null> {
  try {
    return await read(zip);
  } catch {
    // Declined, or a part that cannot be inflated or fails its checksum: ExcelJS's path says why.
    return null;
  }
}

/** Why the fast reader declines a package (null when it reads it), for tests and diagnostics. */
export async function fastReadDeclineReason(zip: JSZip): Promise<string | null> {
  try {
    await read(zip);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// ---------------------------------------------------------------------------------------------
// The package

const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKSHEET_RELS = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;
const TABLE = /xl\/tables\/(table\d+)[.]xml/;
/**
 * Parts ExcelJS parses that hold nothing the grids need (drawings, comments, VML, document
 * properties): the fast reader checks that ExcelJS could parse them (well-formed XML) and that
 * what refers to them resolves the way ExcelJS looks it up.
 */
const DRAWING = /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/;
const DRAWING_RELS = /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/;
const COMMENTS = /xl\/(comments\d+)[.]xml/;
const VML = /xl\/drawings\/(vmlDrawing\d+)[.]vml/;
const PARSED_ELSEWHERE = [DRAWING, DRAWING_RELS, COMMENTS, VML];

interface SheetDef {
  readonly name: string;
  readonly id: number;
  /** The worksheet part. */
  readonly path: string;
}

interface TableDef {
  readonly name: string | undefined;
  readonly displayName: string | undefined;
  readonly tableRef: string | undefined;
  readonly totalsRow: boolean;
  readonly columns: readonly { readonly name?: string }[];
}

async function read(zip: JSZip): Promise<WorksheetSource[]> {
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const lower = new Set<string>();
  for (const n of names) {
    if (n.startsWith("/") || n.includes("\\")) decline(`unusual part name ${n}`);
    if (lower.has(n.toLowerCase())) decline(`two parts named ${n} in different cases`);
    lower.add(n.toLowerCase());
    if (PARSED_ELSEWHERE.some((re) => re.test(n)) && !/^xl\/(drawings\/(_rels\/)?[a-zA-Z0-9]+\.(xml|vml)(\.rels)?|comments\d+\.xml)$/.test(n)) decline(`unusual part name ${n}`);
    if (WORKSHEET.test(n) && !/^xl\/worksheets\/sheet\d+\.xml$/.test(n)) decline(`unusual worksheet part ${n}`);
    if (WORKSHEET_RELS.test(n) && !/^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/.test(n)) decline(`unusual worksheet relationships ${n}`);
    if (TABLE.test(n) && !/^xl\/tables\/table\d+\.xml$/.test(n)) decline(`unusual table part ${n}`);
  }
  const has = (n: string): boolean => zip.files[n] !== undefined && !zip.files[n]!.dir;
  const verified = new Set<string>();
  const text = async (n: string): Promise<string> => {
    verified.add(n);
    const t = new TextDecoder("utf-8").decode(await partBytes(zip.files[n]!));
    if (t.includes("\uFFFD")) decline(`${n} is not clean UTF-8`);
    return t;
  };

  // Workbook: sheets in order, the 1904 date system.
  if (!has("xl/workbook.xml")) decline("no xl/workbook.xml");
  const workbookXml = await text("xl/workbook.xml");
  checkWellFormed(workbookXml, "workbook");
  const root = rootElement(workbookXml)!;
  if (root.name !== "workbook") decline("prefixed workbook");
  const relsXml = has("xl/_rels/workbook.xml.rels") ? await text("xl/_rels/workbook.xml.rels") : "";
  if (relsXml) checkWellFormed(relsXml, "workbook relationships");
  const rels = new Map<string, { target: string; type: string }>();
  for (const r of relsXml ? parseRelationships(relsXml, "xl/workbook.xml") : []) {
    if (r.element.name !== "Relationship") decline("prefixed relationships");
    if (rels.has(r.id)) decline("duplicate relationship id");
    rels.set(r.id, { target: r.target, type: r.type });
  }
  let date1904 = false;
  const defs: SheetDef[] = [];
  const ids = new Set<number>();
  const paths = new Set<string>();
  for (const child of childElements(workbookXml, root)) {
    if (child.name === "workbookPr") date1904 = rawAttr(child.attrs, "date1904") === "1";
    if (child.name !== "sheets") continue;
    for (const s of childElements(workbookXml, child)) {
      if (s.name !== "sheet") decline(`unexpected <${s.name}> in <sheets>`);
      const a = attrsOf(s.attrs);
      const rId = a.get("r:id");
      const id = parseInt(a.get("sheetId") ?? "", 10);
      if (rId === undefined || !(id >= 1) || ids.has(id) || String(id) !== a.get("sheetId")) decline("unusual sheet id or relationship");
      ids.add(id);
      const rel = rels.get(rId);
      if (!rel) continue;
      const key = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, "")}`;
      const proper = resolvePath(rel.target);
      if (key !== proper) decline(`sheet target ${rel.target} resolves differently`);
      if (!has(key)) continue;
      if (!WORKSHEET.test(key)) continue;
      if (paths.has(key)) decline("two sheets share a part");
      paths.add(key);
      defs.push({ name: xmlDecode(a.get("name") ?? ""), id, path: key });
    }
  }
  // ExcelJS reads shared strings and styles from these exact names only.
  for (const [, r] of rels) {
    if (r.type.endsWith("/sharedStrings") && resolvePath(r.target) !== "xl/sharedStrings.xml") decline("shared strings elsewhere");
    if (r.type.endsWith("/styles") && resolvePath(r.target) !== "xl/styles.xml") decline("styles elsewhere");
  }

  // Styles: which cell formats are dates.
  const dateStyles = has("xl/styles.xml") ? readDateStyles(await text("xl/styles.xml")) : null;

  // Every worksheet part (ExcelJS reads them all), its relationships and its tables.
  const worksheetParts = names.filter((n) => WORKSHEET.test(n));
  const sheetRels = new Map<string, Map<string, string>>();
  for (const part of worksheetParts) {
    const relsPath = `xl/worksheets/_rels/sheet${WORKSHEET.exec(part)![1]}.xml.rels`;
    const map = new Map<string, string>();
    if (has(relsPath)) {
      const xml = await text(relsPath);
      checkWellFormed(xml, relsPath);
      for (const r of parseRelationships(xml, part)) {
        if (r.element.name !== "Relationship" || map.has(r.id)) decline("unusual worksheet relationships");
        map.set(r.id, r.target);
        // ExcelJS looks comments and their VML up by these exact targets.
        if (r.type.endsWith("/comments") && !(/^\.\.\/comments\d+\.xml$/.test(r.target) && has(`xl/${r.target.slice(3)}`))) decline("comments elsewhere");
        if (r.type.endsWith("/vmlDrawing") && !(/^\.\.\/drawings\/vmlDrawing\d+\.vml$/.test(r.target) && has(`xl/${r.target.slice(3)}`))) decline("comment shapes elsewhere");
      }
    }
    sheetRels.set(part, map);
  }
  const tableParts = new Map<string, TableDef>();
  for (const n of names) {
    if (!TABLE.test(n)) continue;
    const xml = await text(n);
    checkWellFormed(xml, n);
    tableParts.set(`../tables/${TABLE.exec(n)![1]}.xml`, readTableDef(xml));
  }

  // Which worksheets hold what the engine reads: the sheets named like the engine's, and every
  // sheet with a table (tables are matched by name after reading; their ranges are known now).
  const wanted = [SHEET_NAMES.cases, SHEET_NAMES.criteria, SHEET_NAMES.settings, SHEET_NAMES.interviews, SHEET_NAMES.secondMarking, TABLE_NAMES.secondMarking].map(fold);
  const needCells = new Set<string>();
  for (const d of defs) if (wanted.includes(fold(d.name))) needCells.add(d.path);
  for (const part of worksheetParts) {
    for (const target of sheetRels.get(part)!.values()) {
      const t = tableParts.get(target);
      if (t && wanted.includes(fold(t.displayName ?? ""))) needCells.add(part);
    }
  }

  if (has("xl/sharedStrings.xml")) verified.add("xl/sharedStrings.xml");
  const shared = has("xl/sharedStrings.xml") ? await readSharedStrings(zip.files["xl/sharedStrings.xml"]!) : null;
  const scans = new Map<string, SheetScan>();
  for (const part of worksheetParts) {
    verified.add(part);
    const options = { keepCells: needCells.has(part), shared, dateStyles, date1904, stylesPresent: dateStyles !== null };
    let scan = await scanSheet(zip.files[part]!, options);
    // A generated Moderation sheet, whatever its name now, holds what people typed: read it all.
    if (!options.keepCells && typeof scan.a2 === "string" && scan.a2.startsWith(MODERATION_MARKER)) scan = await scanSheet(zip.files[part]!, { ...options, keepCells: true });
    scans.set(part, scan);
  }
  // Every other part against its checksum, as the ExcelJS path checks them all; the parts ExcelJS
  // parses besides (drawings, comments, document properties) must be well-formed for it.
  const drawingEmbeds = new Map<string, string[]>();
  for (const n of names) {
    if (verified.has(n)) continue;
    const parsed = PARSED_ELSEWHERE.some((re) => re.test(n)) || n === "_rels/.rels" || n === "docProps/core.xml" || n === "docProps/app.xml";
    if (!parsed) {
      await partBytes(zip.files[n]!);
      continue;
    }
    const xml = await text(n);
    checkWellFormed(xml, n);
    const d = DRAWING.exec(n);
    if (d && !DRAWING_RELS.test(n)) drawingEmbeds.set(d[1]!, [...xml.matchAll(/<(?:[\w.-]+:)?blip\b[^>]*?\sr:embed="([^"]*)"/g)].map((m) => m[1]!));
  }
  // A drawing with relationships: each picture's relationship must be there (ExcelJS follows it).
  for (const [name, embeds] of drawingEmbeds) {
    const relsName = `xl/drawings/_rels/${name}.xml.rels`;
    if (!has(relsName)) continue;
    const ids = new Set(parseRelationships(await text(relsName), `xl/drawings/${name}.xml`).map((r) => r.id));
    if (embeds.some((e) => !ids.has(e))) decline("a picture without its relationship");
  }
  const drawingOk = (relMap: ReadonlyMap<string, string>, scan: SheetScan): void => {
    if (scan.drawingRId !== undefined) {
      const target = relMap.get(scan.drawingRId);
      if (target === undefined) decline("a drawing without its relationship");
      const m = /\/drawings\/([a-zA-Z0-9]+)[.][a-zA-Z]{3,4}$/.exec(target);
      if (m && !drawingEmbeds.has(m[1]!)) decline("a drawing that is not there");
    }
  };

  // Tables per worksheet, as ExcelJS lists them: in tableParts order, keyed by name.
  const sheets: WorksheetSource[] = [];
  // ExcelJS orders worksheets by their position in the workbook's list (ids are unique here).
  for (const d of defs) {
    const scan = scans.get(d.path)!;
    const relMap = sheetRels.get(d.path)!;
    for (const h of scan.hyperlinkRIds) if (!relMap.has(h)) decline("hyperlink without its relationship");
    drawingOk(relMap, scan);
    const record = new Map<string, TableDef>();
    for (const rId of scan.tableRIds) {
      const target = relMap.get(rId);
      if (target === undefined) decline("table part without its relationship");
      const t = tableParts.get(target);
      if (!t) decline(`table ${target} not found`);
      const key = String(t.name);
      if (/^\d+$/.test(key)) decline("a table named with digits only");
      record.delete(key);
      record.set(key, t);
    }
    // Object key order: a re-inserted key keeps its first position. Rebuild in first-seen order.
    const order: string[] = [];
    for (const rId of scan.tableRIds) {
      const key = String(tableParts.get(relMap.get(rId)!)!.name);
      if (!order.includes(key)) order.push(key);
    }
    sheets.push(sourceOf(d.name, scan, order.map((key) => ({ key, model: record.get(key)! }))));
  }
  for (const part of worksheetParts) {
    if (defs.some((d) => d.path === part)) continue;
    // Worksheets not in the workbook are parsed by ExcelJS too; their relationships must resolve.
    const scan = scans.get(part)!;
    const relMap = sheetRels.get(part)!;
    for (const h of scan.hyperlinkRIds) if (!relMap.has(h)) decline("hyperlink without its relationship");
    for (const rId of scan.tableRIds) if (!relMap.has(rId)) decline("table part without its relationship");
    drawingOk(relMap, scan);
  }
  return sheets;
}

/** A path inside the package from a target relative to xl/ (as the workbook's relationships give it). */
function resolvePath(target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const segment of joined.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

const fold = (s: string): string => s.trim().toLowerCase();

/** ExcelJS's second decoding of a few entities (sheet names, string results). */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Small parts: well-formedness, attributes, styles, tables

const TAG_STICKY = /<(?:(\?)[\s\S]*?\?|(!)|(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?))>/y;

/**
 * Declines unless `xml` is a well-formed document as far as a SAX parser would see it: one root,
 * balanced tags, valid entity references, characters XML allows, no comments, CDATA or DTD.
 */
function checkWellFormed(xml: string, what: string): void {
  const stack: string[] = [];
  let pos = 0;
  let rootSeen = false;
  for (;;) {
    const lt = xml.indexOf("<", pos);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > pos) {
      const t = xml.slice(pos, textEnd);
      if (stack.length === 0 && t.trim() !== "" && !(pos === 0 && t === "\uFEFF")) decline(`text outside the root of ${what}`);
      checkText(t);
    }
    if (lt < 0) break;
    TAG_STICKY.lastIndex = lt;
    const m = TAG_STICKY.exec(xml);
    if (!m) decline(`malformed tag in ${what}`);
    pos = TAG_STICKY.lastIndex;
    if (m[1]) {
      if (lt !== 0 && !(lt === 1 && xml.charCodeAt(0) === 0xfeff)) decline(`processing instruction in ${what}`);
      const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(m[0]);
      if (enc && enc[1]!.toLowerCase() !== "utf-8") decline(`${what} is not UTF-8`);
      continue;
    }
    if (m[2]) decline(`comment, CDATA or DTD in ${what}`);
    const name = m[4]!;
    checkAttrs(m[5] ?? "");
    if (m[3] === "/") {
      if (stack.pop() !== name) decline(`unbalanced </${name}> in ${what}`);
    } else if (m[6] !== "/") {
      if (stack.length === 0 && rootSeen) decline(`two roots in ${what}`);
      stack.push(name);
      rootSeen = true;
    } else if (stack.length === 0) {
      if (rootSeen) decline(`two roots in ${what}`);
      rootSeen = true;
    }
  }
  if (stack.length !== 0 || !rootSeen) decline(`${what} is incomplete`);
}

/** Declines on characters XML 1.0 forbids and on entity references a SAX parser would refuse. */
function checkText(t: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(t)) decline("a character XML does not allow");
  if (t.includes("]]>")) decline("]]> in text");
  if (t.includes("&")) {
    for (const m of t.matchAll(/&([^;&<]*)(;?)/g)) {
      if (m[2] !== ";") decline("a bare &");
      const ref = m[1]!;
      if (ref === "lt" || ref === "gt" || ref === "amp" || ref === "quot" || ref === "apos") continue;
      const code = /^#(\d+)$/.test(ref) ? Number(ref.slice(1)) : /^#x([0-9a-fA-F]+)$/.test(ref) ? parseInt(ref.slice(2), 16) : NaN;
      if (!isXmlChar(code)) decline(`entity &${ref};`);
    }
  }
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Attribute values: entities a SAX parser accepts, no literal `<`, no line breaks or tabs. */
function checkAttrs(attrs: string): void {
  if (attrs === "") return;
  const seen = new Set<string>();
  for (const m of attrs.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const v = m[2] ?? m[3] ?? "";
    if (seen.has(m[1]!)) decline("a repeated attribute");
    seen.add(m[1]!);
    if (v.includes("<") || /[\t\n\r]/.test(v)) decline("an unusual attribute value");
    checkText(v);
  }
}

/** Attributes by qualified name, entities decoded (after {@link checkAttrs}). */
function attrsOf(attrs: string): Map<string, string> {
  return parseAttrs(attrs);
}

function rawAttr(attrs: string, name: string): string | undefined {
  return attrsOf(attrs).get(name);
}

/** Default number formats ExcelJS knows that read as dates. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** Default number formats ExcelJS knows at all. */
const BUILT_IN_FORMATS = new Set([0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 48, 49]);

/** ExcelJS's test for a date format: y m d h M s b outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** Whether each cell format (`s` index) is a date format, as ExcelJS decides it. */
function readDateStyles(xml: string): boolean[] {
  checkWellFormed(xml, "styles");
  const root = rootElement(xml)!;
  if (root.name !== "styleSheet") decline("prefixed styles");
  const custom = new Map<number, string>();
  let xfs: boolean[] | null = null;
  for (const child of childElements(xml, root)) {
    if (child.name === "numFmts") {
      for (const f of childElements(xml, child)) {
        if (f.name !== "numFmt") continue;
        const a = attrsOf(f.attrs);
        const code = a.get("formatCode");
        if (code === undefined) decline("numFmt without formatCode");
        custom.set(parseInt(a.get("numFmtId") ?? "", 10), code.replace(/[\\](.)/g, "$1"));
      }
    } else if (child.name === "cellXfs") {
      xfs = [];
      for (const xf of childElements(xml, child)) {
        if (xf.name !== "xf") decline(`unexpected <${xf.name}> in cellXfs`);
        const id = parseInt(attrsOf(xf.attrs).get("numFmtId") ?? "", 10);
        if (!id) {
          xfs.push(false);
          continue;
        }
        const code = custom.get(id) || (BUILT_IN_FORMATS.has(id) ? "builtin" : "");
        xfs.push(code === "builtin" ? BUILT_IN_DATE_FORMATS.has(id) : code !== "" && isDateFormat(code));
      }
    }
  }
  if (!xfs || xfs.length === 0) decline("no cell formats");
  return xfs;
}

function readTableDef(xml: string): TableDef {
  const root = rootElement(xml)!;
  if (root.name !== "table") decline("prefixed table");
  const a = attrsOf(root.attrs);
  const columns: { name?: string }[] = [];
  for (const child of childElements(xml, root)) {
    if (child.name !== "tableColumns") continue;
    for (const c of childElements(xml, child)) {
      if (c.name !== "tableColumn") continue;
      const n = attrsOf(c.attrs).get("name");
      columns.push(n === undefined ? {} : { name: n });
    }
  }
  const name = a.get("name");
  return { name, displayName: a.get("displayName") || name, tableRef: a.get("ref"), totalsRow: a.get("totalsRowCount") === "1", columns };
}

// ---------------------------------------------------------------------------------------------
// Parts: inflated (natively where Node.js offers zlib), checked against their CRC-32

interface NodeZlib {
  crc32(data: Uint8Array, value?: number): number;
  inflateRawSync(data: Uint8Array): Uint8Array;
  createInflateRaw(options: { chunkSize: number }): {
    on(event: "data", f: (chunk: Uint8Array) => void): unknown;
    on(event: "end", f: () => void): unknown;
    on(event: "error", f: (e: unknown) => void): unknown;
    end(data: Uint8Array): void;
    destroy(): void;
  };
}

/** Node's zlib, when running in Node.js (not in a browser page); never imported, so bundlers leave it alone. */
const zlib: NodeZlib | null = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const z = p?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;
    return z && typeof z.crc32 === "function" && typeof z.createInflateRaw === "function" ? z : null;
  } catch {
    return null;
  }
})();

let crcTable: Int32Array | null = null;

/** CRC-32 (the zip one), continuing from `crc`. */
function crc32(data: Uint8Array, crc = 0): number {
  if (zlib) return zlib.crc32(data, crc);
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 255]! ^ (c >>> 8);
  return ~c >>> 0;
}

interface Compressed {
  readonly compressedContent: Uint8Array;
  readonly crc32: number;
  readonly deflated: boolean;
}

/** A loaded zip entry's compressed bytes, as JSZip keeps them; null when JSZip holds them otherwise. */
function compressedOf(entry: JSZip.JSZipObject): Compressed | null {
  const data = (entry as unknown as { _data?: { compressedContent?: unknown; crc32?: unknown; compression?: { magic?: unknown } } })._data;
  if (!data || !(data.compressedContent instanceof Uint8Array) || typeof data.crc32 !== "number") return null;
  const magic = data.compression?.magic;
  if (magic !== "\x08\x00" && magic !== "\x00\x00") decline("an unusual compression method");
  return { compressedContent: data.compressedContent, crc32: data.crc32, deflated: magic === "\x08\x00" };
}

/** A whole part, inflated and checked against its CRC-32. */
async function partBytes(entry: JSZip.JSZipObject): Promise<Uint8Array> {
  const c = compressedOf(entry);
  if (c && zlib) {
    const bytes = c.deflated ? zlib.inflateRawSync(c.compressedContent) : c.compressedContent;
    if (crc32(bytes) >>> 0 !== c.crc32 >>> 0) decline(`${entry.name} fails its checksum`);
    return bytes;
  }
  const bytes = await entry.async("uint8array");
  if (c && crc32(bytes) >>> 0 !== c.crc32 >>> 0) decline(`${entry.name} fails its checksum`);
  if (!c) decline("a part JSZip holds in an unusual form");
  return bytes;
}

/**
 * Streams a part as text: `consume(buffer, done)` gets the text not yet used and returns how much
 * of it it used. The part is checked against its CRC-32 at the end.
 */
function streamText(entry: JSZip.JSZipObject, consume: (text: string, done: boolean) => number): Promise<void> {
  const c = compressedOf(entry);
  if (!c) decline("a part JSZip holds in an unusual form");
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  let crc = 0;
  const feed = (chunk: Uint8Array | null): void => {
    let text: string;
    if (chunk) {
      crc = crc32(chunk, crc);
      text = decoder.decode(chunk, { stream: true });
    } else {
      if (crc >>> 0 !== c.crc32 >>> 0) decline(`${entry.name} fails its checksum`);
      text = decoder.decode();
    }
    if (text.includes("\uFFFD")) decline("not clean UTF-8");
    buffer = buffer === "" ? text : buffer + text;
    const used = consume(buffer, chunk === null);
    buffer = used >= buffer.length ? "" : buffer.slice(used);
    if (chunk === null && buffer !== "") decline("text left over");
  };
  if (!c.deflated) {
    return new Promise((resolve) => {
      for (let i = 0; i < c.compressedContent.length; i += 1 << 20) feed(c.compressedContent.subarray(i, i + (1 << 20)));
      feed(null);
      resolve();
    });
  }
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    if (zlib) {
      const inflate = zlib.createInflateRaw({ chunkSize: 1 << 20 });
      inflate.on("data", (chunk) => {
        if (failed) return;
        try {
          feed(chunk);
        } catch (e) {
          fail(e);
          inflate.destroy();
        }
      });
      inflate.on("error", fail);
      inflate.on("end", () => {
        if (failed) return;
        try {
          feed(null);
          resolve();
        } catch (e) {
          fail(e);
        }
      });
      inflate.end(c.compressedContent);
      return;
    }
    const stream = (entry as unknown as { internalStream(type: "uint8array"): JSZip.JSZipStreamHelper<Uint8Array> }).internalStream("uint8array");
    stream
      .on("data", (chunk) => {
        if (failed) return;
        try {
          feed(chunk);
        } catch (e) {
          fail(e);
          stream.pause();
        }
      })
      .on("error", fail)
      .on("end", () => {
        if (failed) return;
        try {
          feed(null);
          resolve();
        } catch (e) {
          fail(e);
        }
      })
      .resume();
  });
}

// ---------------------------------------------------------------------------------------------
// Text content

/** Text content as a SAX parser gives it: line ends normalised, entities decoded (checked first). */
function decodeText(raw: string): string {
  let t = raw;
  if (t.includes("\r")) t = t.replace(/\r\n?/g, "\n");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(t) || t.includes("]]>")) decline("a character XML does not allow");
  if (!t.includes("&")) return t;
  return t.replace(/&([^;&<]*)(;?)/g, (_all, ref: string, semi: string) => {
    if (semi !== ";") decline("a bare &");
    switch (ref) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const code = /^#(\d+)$/.test(ref) ? Number(ref.slice(1)) : /^#x([0-9a-fA-F]+)$/.test(ref) ? parseInt(ref.slice(2), 16) : NaN;
        if (!isXmlChar(code)) decline(`entity &${ref};`);
        return String.fromCodePoint(code);
      }
    }
  });
}

/** ExcelJS's `_xHHHH_` decoding (upper-case hex digits only), as its text reader applies it. */
function decodeEscapes(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** A run of text in shared strings and rich text: `<t>` content, or "" for `<t/>`. */
interface Cursor {
  s: string;
  i: number;
}

/** Skips white space; returns the next char code or -1 at the end. */
function skipSpace(c: Cursor): number {
  const s = c.s;
  let i = c.i;
  for (; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9) break;
  }
  c.i = i;
  return i < s.length ? s.charCodeAt(i) : -1;
}

/**
 * Reads a start tag at c.i (which holds "<"): its name, raw attributes and whether it closes
 * itself. Declines on anything but a plain tag.
 */
function readStartTag(c: Cursor): { name: string; attrs: string; empty: boolean } {
  TAG_STICKY.lastIndex = c.i;
  const m = TAG_STICKY.exec(c.s);
  if (!m || m[1] || m[2] || m[3] === "/") decline("unexpected markup");
  c.i = TAG_STICKY.lastIndex;
  checkAttrs(m[5] ?? "");
  return { name: m[4]!, attrs: m[5] ?? "", empty: m[6] === "/" };
}

/** Expects `</name>` at c.i (after optional white space). */
function expectClose(c: Cursor, name: string): void {
  skipSpace(c);
  const s = c.s;
  if (!s.startsWith(`</${name}`, c.i)) decline(`expected </${name}>`);
  let i = c.i + name.length + 2;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 10 || s.charCodeAt(i) === 13 || s.charCodeAt(i) === 9)) i++;
  if (s.charCodeAt(i) !== 62) decline(`expected </${name}>`);
  c.i = i + 1;
}

/** Text up to the next "<" (raw), moving the cursor there. */
function rawTextTo(c: Cursor): string {
  const lt = c.s.indexOf("<", c.i);
  if (lt < 0) decline("unterminated text");
  const t = c.s.slice(c.i, lt);
  c.i = lt;
  return t;
}

/** Skips an element whose start tag has been read (no text content checked beyond validity). */
function skipElement(c: Cursor, name: string, empty: boolean): void {
  if (empty) return;
  for (;;) {
    checkText(rawTextTo(c));
    if (c.s.startsWith("</", c.i)) {
      expectClose(c, name);
      return;
    }
    const t = readStartTag(c);
    if (t.name.includes(":")) decline("prefixed element");
    skipElement(c, t.name, t.empty);
  }
}

/** A `<t>` element at c.i: its decoded text ("" when empty). */
function readT(c: Cursor): string {
  const t = readStartTag(c);
  if (t.name !== "t") decline(`<${t.name}> where <t> was expected`);
  if (t.empty) return "";
  const raw = rawTextTo(c);
  expectClose(c, "t");
  return decodeText(raw);
}

/** A rich text run `<r>` (its start tag read): the text of its `<t>`, or undefined without one. */
function readRun(c: Cursor): string | undefined {
  let text: string | undefined;
  for (;;) {
    if (skipSpace(c) !== 60) decline("text in a run");
    if (c.s.startsWith("</", c.i)) {
      expectClose(c, "r");
      return text;
    }
    const save = c.i;
    const t = readStartTag(c);
    if (t.name === "rPr") {
      skipElement(c, "rPr", t.empty);
    } else if (t.name === "t" && text === undefined) {
      c.i = save;
      text = decodeEscapes(readT(c));
    } else decline(`<${t.name}> in a run`);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings

/** Shared string values as ExcelJS's cells get them: text, rich text joined, or null for `<si/>`. */
async function readSharedStrings(entry: JSZip.JSZipObject): Promise<CellValue[]> {
  const values: CellValue[] = [];
  let state: "prolog" | "items" | "end" = "prolog";
  await streamText(entry, (text, done) => {
    const c: Cursor = { s: text, i: 0 };
    for (;;) {
      const start = c.i;
      if (state === "end") {
        if (skipSpace(c) !== -1) decline("text after the shared strings");
        return c.i;
      }
      if (state === "prolog") {
        const lt = text.indexOf("<", c.i);
        if (lt < 0) return done ? decline("no shared strings") : start;
        if (text.slice(c.i, lt).replace(/^\uFEFF/, "").trim() !== "") decline("text before the shared strings");
        c.i = lt;
        const gt = text.indexOf(">", lt);
        if (gt < 0) return done ? decline("incomplete") : start;
        if (text.startsWith("<?", lt)) {
          TAG_STICKY.lastIndex = lt;
          const m = TAG_STICKY.exec(text);
          if (!m || !m[1] || lt > 1) decline("unexpected declaration");
          const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(m[0]);
          if (enc && enc[1]!.toLowerCase() !== "utf-8") decline("not UTF-8");
          c.i = TAG_STICKY.lastIndex;
          continue;
        }
        const t = readStartTag(c);
        if (t.name !== "sst") decline("not a shared strings part");
        if (t.empty) {
          state = "end";
          continue;
        }
        state = "items";
        continue;
      }
      // items: <si>...</si> complete before parsing
      if (skipSpace(c) === -1) return done ? decline("incomplete shared strings") : c.i;
      if (text.startsWith("</sst", c.i)) {
        const gt = text.indexOf(">", c.i);
        if (gt < 0) return done ? decline("incomplete") : start;
        expectClose(c, "sst");
        state = "end";
        continue;
      }
      if (!text.startsWith("<si", c.i)) {
        // Other children of sst (extLst...): skip when complete.
        const gt = text.indexOf(">", c.i);
        if (gt < 0) return done ? decline("incomplete") : start;
        const t = readStartTag(c);
        if (t.name.includes(":") || t.name === "si") decline("unexpected element in sst");
        if (!t.empty) {
          const close = text.indexOf(`</${t.name}`, c.i);
          if (close < 0) {
            if (done) decline("incomplete");
            c.i = start;
            return start;
          }
          skipElement(c, t.name, false);
        }
        continue;
      }
      const close = text.indexOf("</si>", c.i);
      const selfClose = text.indexOf(">", c.i);
      if (selfClose < 0) return done ? decline("incomplete") : start;
      if (text.charCodeAt(selfClose - 1) !== 47 && close < 0) return done ? decline("incomplete") : start;
      values.push(readSi(c));
    }
  });
  return values;
}

/** One `<si>` at c.i: plain text, rich runs joined, or null when it holds neither. */
function readSi(c: Cursor): CellValue {
  // The usual item, <si><t>text</t></si> or <si><t xml:space="preserve">text</t></si>.
  const x = c.s;
  const at = c.i;
  if (x.startsWith("<si><t", at)) {
    let ts = -1;
    if (x.charCodeAt(at + 6) === 62) ts = at + 7;
    else if (x.startsWith(' xml:space="preserve">', at + 6)) ts = at + 28;
    if (ts >= 0) {
      const te = x.indexOf("<", ts);
      if (te >= 0 && x.startsWith("</t></si>", te)) {
        let plain = true;
        for (let k = ts; k < te; k++) {
          const v = x.charCodeAt(k);
          if (v < 32 || v === 38 || v === 93 || v === 95 || v > 0xfffd) {
            plain = false;
            break;
          }
        }
        const raw = x.slice(ts, te);
        c.i = te + 9;
        return plain ? raw : decodeEscapes(decodeText(raw));
      }
    }
  }
  const open = readStartTag(c);
  if (open.name !== "si") decline("expected <si>");
  if (open.empty) return null;
  let plain: string | undefined;
  let runs: string[] | undefined;
  for (;;) {
    checkText(rawTextTo(c));
    if (c.s.startsWith("</", c.i)) {
      expectClose(c, "si");
      break;
    }
    const save = c.i;
    const t = readStartTag(c);
    if (t.name === "t") {
      if (plain !== undefined || runs) decline("mixed shared string");
      c.i = save;
      plain = decodeEscapes(readT(c));
    } else if (t.name === "r") {
      if (plain !== undefined) decline("mixed shared string");
      if (t.empty) decline("empty run");
      (runs ??= []).push(readRun(c) ?? "");
    } else if (t.name === "rPh" || t.name === "phoneticPr") {
      skipElement(c, t.name, t.empty);
    } else decline(`<${t.name}> in a shared string`);
  }
  if (plain !== undefined) return plain;
  if (runs) return runs.join("");
  return null;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

interface ScanOptions {
  /** Whether to keep cell values (only for sheets the engine may read). */
  readonly keepCells: boolean;
  readonly shared: readonly CellValue[] | null;
  readonly dateStyles: readonly boolean[] | null;
  readonly date1904: boolean;
  readonly stylesPresent: boolean;
}

/**
 * What a kept cell is besides its value: data with no value the reader keeps (a formula without a
 * cached result, a number that is not finite...), a cell with a style and nothing else (ExcelJS's
 * Null type), or a cell with neither value nor style (dropped by ExcelJS, unless a hyperlink names
 * it). Only cells holding a value or OCCUPIED count as data for a sheet's extent.
 */
class Marker {
  constructor(readonly what: string) {}
}
const OCCUPIED = new Marker("occupied, no value");
const STYLED = new Marker("style only");
const BARE = new Marker("nothing");
type Slot = CellValue | Marker;

/** A worksheet as read: its cells (when kept), merges, links and tables. */
interface SheetScan {
  /** Slots by zero-based row and column (kept sheets only). */
  readonly rows: (Slot[] | undefined)[];
  readonly merges: { top: number; left: number; bottom: number; right: number }[];
  readonly hyperlinkRIds: string[];
  /** The relationship of the sheet's <drawing>, if it has one. */
  drawingRId: string | undefined;
  readonly hyperlinkRefs: string[];
  readonly tableRIds: string[];
  /** The value of cell A2, kept for every sheet: it marks a generated sheet. */
  a2: CellValue;
}

const COLS = 16384;

/** Zero-based column of letters in s[from, to); -1 unless 1–3 upper-case letters. */
function columnOf(s: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 3) return -1;
  let col = 0;
  for (let i = from; i < to; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 65 || ch > 90) return -1;
    col = col * 26 + (ch - 64);
  }
  return col - 1;
}

/** An A1 reference (upper case, no $) as [row, col], zero-based, or null. */
function parseRef(ref: string): [number, number] | null {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
  if (!m) return null;
  const col = columnOf(m[1]!, 0, m[1]!.length);
  const row = Number(m[2]) - 1;
  if (col < 0 || col >= COLS || row >= 1048576) return null;
  return [row, col];
}

/** ExcelJS's serial-to-date conversion, then the reader's ISO date (null for an invalid date). */
function excelDate(v: unknown, date1904: boolean): string | null {
  const ms = Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  const d = new Date(ms);
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  return d.toISOString().slice(0, 10);
}

/** An invalid date result (kept by ExcelJS as a Date, read as no value). */
const INVALID_DATE = { invalid: true } as const;

/** A number as the reader keeps it (finite only). */
function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

interface CellParts {
  /** Raw `<v>` / inline `<t>` text, concatenated; undefined when none. */
  value: string | undefined;
  /** Inline rich text runs. */
  runs: string[] | undefined;
  formula: string | undefined;
  shareType: string | undefined;
}

async function scanSheet(entry: JSZip.JSZipObject, o: ScanOptions): Promise<SheetScan> {
  const scan: SheetScan = { rows: [], merges: [], hyperlinkRIds: [], hyperlinkRefs: [], tableRIds: [], drawingRId: undefined, a2: null };
  type State = "prolog" | "before" | "data" | "after" | "end";
  let state: State = "prolog";
  const stack: string[] = [];
  let lastRow = -1;
  const parts: CellParts = { value: undefined, runs: undefined, formula: undefined, shareType: undefined };
  /** Shared formula masters seen so far (by si), and the kept cells holding formulas. */
  const masters = new Set<string>();
  const formulaCells = new Set<number>();

  // A cell at c.i ("<c"): its start tag read by hand (this is the loop every cell goes through).
  const cell = (c: Cursor, row: number, prevCol: number): number => {
    const x = c.s;
    let i = c.i + 2;
    let ch = x.charCodeAt(i);
    if (!(ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 47 || ch === 62)) decline("unexpected element in a row");
    let col = -1;
    let styleId: number | undefined;
    /** 0 none, 1 s, 2 str, 3 inlineStr, 4 b, 5 e, 6 any other (a number, for ExcelJS). */
    let type = 0;
    let empty = false;
    let seen = 0;
    let others: string[] | undefined;
    for (;;) {
      while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = x.charCodeAt(++i);
      if (ch === 62) {
        i++;
        break;
      }
      if (ch === 47) {
        if (x.charCodeAt(i + 1) !== 62) decline("malformed cell");
        i += 2;
        empty = true;
        break;
      }
      const ns = i;
      while (!(ch === 61 || ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 47 || ch === 62 || ch === 60 || ch === 34 || ch === 39) && i < x.length) ch = x.charCodeAt(++i);
      const ne = i;
      while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = x.charCodeAt(++i);
      if (ne === ns || ch !== 61) decline("malformed cell attribute");
      ch = x.charCodeAt(++i);
      while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = x.charCodeAt(++i);
      if (ch !== 34 && ch !== 39) decline("malformed cell attribute");
      const quote = ch;
      const vs = i + 1;
      let ve = vs;
      for (; ve < x.length; ve++) {
        const v = x.charCodeAt(ve);
        if (v === quote) break;
        if (v < 32 || v === 38 || v === 60) decline("an unusual attribute value");
      }
      if (ve >= x.length) decline("malformed cell attribute");
      const first = x.charCodeAt(ns);
      if (ne - ns === 1 && (first === 114 || first === 115 || first === 116)) {
        const bit = first === 114 ? 1 : first === 115 ? 2 : 4;
        if (seen & bit) decline("a repeated attribute");
        seen |= bit;
        if (first === 114) {
          // r: letters, then a row number that must be this row's.
          let k = vs;
          let letters = 0;
          let cc = 0;
          for (; k < ve; k++) {
            const v = x.charCodeAt(k);
            if (v < 65 || v > 90) break;
            cc = cc * 26 + (v - 64);
            letters++;
          }
          let rr = 0;
          const digits = ve - k;
          if (letters < 1 || letters > 3 || digits < 1 || digits > 7 || x.charCodeAt(k) === 48) decline("an unusual cell address");
          for (; k < ve; k++) {
            const v = x.charCodeAt(k);
            if (v < 48 || v > 57) decline("an unusual cell address");
            rr = rr * 10 + (v - 48);
          }
          if (rr - 1 !== row || cc > COLS) decline("a cell not on its row");
          col = cc - 1;
        } else if (first === 115) {
          // s: ExcelJS takes parseInt of a non-empty value.
          if (ve > vs) {
            let n = 0;
            let plain = ve - vs <= 9;
            for (let k = vs; k < ve && plain; k++) {
              const v = x.charCodeAt(k);
              if (v < 48 || v > 57) plain = false;
              else n = n * 10 + (v - 48);
            }
            styleId = plain ? n : parseInt(x.slice(vs, ve), 10);
          }
        } else {
          const len = ve - vs;
          const t0 = x.charCodeAt(vs);
          if (len === 0) decline("an empty cell type");
          type =
            len === 1 && t0 === 115 ? 1
            : len === 1 && t0 === 98 ? 4
            : len === 1 && t0 === 101 ? 5
            : len === 3 && x.startsWith("str", vs) ? 2
            : len === 9 && x.startsWith("inlineStr", vs) ? 3
            : 6;
        }
      } else {
        const name = x.slice(ns, ne);
        if (others?.includes(name)) decline("a repeated attribute");
        (others ??= []).push(name);
      }
      i = ve + 1;
      ch = x.charCodeAt(i);
      if (!(ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 47 || ch === 62)) decline("malformed cell attribute");
    }
    c.i = i;
    if (col < 0) decline("a cell without an address");
    if (col <= prevCol) decline("cells out of order");
    parts.value = undefined;
    parts.runs = undefined;
    parts.formula = undefined;
    parts.shareType = undefined;
    let sawFormula = false;
    let formulaRef: string | undefined;
    let formulaSi: string | undefined;
    /** A shared string index read straight from the only <v>, or -1. */
    let sharedIndex = -1;
    if (!empty) {
      for (;;) {
        if (skipSpace(c) !== 60) decline("text in a cell");
        const at = c.i;
        // The usual case, <v>text</v>, without building a tag.
        if (x.charCodeAt(at + 1) === 118 && x.charCodeAt(at + 2) === 62) {
          const vs = at + 3;
          const ve = x.indexOf("<", vs);
          if (ve < 0 || x.charCodeAt(ve + 1) !== 47 || x.charCodeAt(ve + 2) !== 118 || x.charCodeAt(ve + 3) !== 62) decline("unexpected content in <v>");
          c.i = ve + 4;
          if (ve === vs) continue;
          if (parts.runs) decline("value and rich text in one cell");
          if (type === 1 && parts.value === undefined && ve - vs <= 9) {
            let n = 0;
            let k = vs;
            for (; k < ve; k++) {
              const v = x.charCodeAt(k);
              if (v < 48 || v > 57) break;
              n = n * 10 + (v - 48);
            }
            if (k === ve) {
              sharedIndex = n;
              parts.value = "";
              continue;
            }
          }
          if (sharedIndex >= 0) decline("two values in one cell");
          let plain = true;
          for (let k = vs; k < ve; k++) {
            const v = x.charCodeAt(k);
            if (v < 32 || v === 38 || v === 93 || v > 0xfffd) {
              plain = false;
              break;
            }
          }
          const raw = x.slice(vs, ve);
          parts.value = (parts.value ?? "") + (plain ? raw : decodeText(raw));
          continue;
        }
        if (x.charCodeAt(at + 1) === 47) {
          if (x.charCodeAt(at + 2) === 99 && x.charCodeAt(at + 3) === 62) c.i = at + 4;
          else expectClose(c, "c");
          break;
        }
        const tag = readStartTag(c);
        if (tag.name === "v") {
          if (sharedIndex >= 0) decline("two values in one cell");
          if (tag.empty) continue;
          const raw = rawTextTo(c);
          expectClose(c, "v");
          if (raw !== "") {
            if (parts.runs) decline("value and rich text in one cell");
            parts.value = (parts.value ?? "") + decodeText(raw);
          }
        } else if (tag.name === "f") {
          if (sawFormula) decline("two formulas in one cell");
          sawFormula = true;
          const fa = attrsOf(tag.attrs);
          const st = fa.get("t");
          if (st !== undefined) parts.shareType = st;
          formulaRef = fa.get("ref");
          formulaSi = fa.get("si");
          if (!tag.empty) {
            const raw = rawTextTo(c);
            expectClose(c, "f");
            if (raw !== "") parts.formula = (parts.formula ?? "") + decodeText(raw);
          }
        } else if (tag.name === "is") {
          if (tag.empty) continue;
          for (;;) {
            if (skipSpace(c) !== 60) decline("text in an inline string");
            if (c.s.startsWith("</", c.i)) {
              expectClose(c, "is");
              break;
            }
            const save = c.i;
            const it = readStartTag(c);
            if (it.name === "t") {
              if (parts.runs) decline("value and rich text in one cell");
              c.i = save;
              // Inline text goes into the cell's value as it is (no _xHHHH_ decoding in ExcelJS).
              if (it.empty) {
                readT(c);
                continue;
              }
              const text = readT(c);
              if (text !== "") parts.value = (parts.value ?? "") + text;
            } else if (it.name === "r") {
              if (parts.value !== undefined) decline("value and rich text in one cell");
              if (it.empty) decline("empty run");
              (parts.runs ??= []).push(readRun(c) ?? "");
            } else decline(`<${it.name}> in an inline string`);
          }
        } else decline(`<${tag.name}> in a cell`);
      }
    }

    // The value ExcelJS gives the cell, and whether it counts as data.
    const isDate = Boolean(styleId && o.dateStyles && o.dateStyles[styleId]);
    let value: CellValue = null;
    let occupied = true;
    if (parts.formula || parts.shareType) {
      if (parts.runs) decline("a formula with rich text");
      const v = parts.value;
      let result: unknown;
      if (sharedIndex >= 0) result = sharedIndex;
      else if (v) {
        if (type === 2) result = xmlDecode(v);
        else if (type === 4) result = parseInt(v, 10) !== 0;
        else if (type === 5) result = { error: v };
        else result = parseFloat(v);
      }
      // ExcelJS keeps only truthy parts of a formula value ({ formula, sharedFormula, result }):
      // a value without a formula (a shared formula whose master is not above) or with a falsy
      // result (0, FALSE) reads as no value; a date-formatted result is a Date, always kept.
      const shared = parts.shareType === "shared";
      const master = shared && Boolean(formulaRef);
      if (master) masters.add(String(formulaSi));
      const hasFormula = Boolean(parts.formula) || (shared && !master && masters.has(String(formulaSi)));
      if (result !== undefined && isDate) result = excelDate(result, o.date1904) ?? INVALID_DATE;
      value = hasFormula && result ? (result === INVALID_DATE ? null : resultValue(result)) : null;
      if (o.keepCells) formulaCells.add(row * COLS + col);
    } else if (parts.value !== undefined || parts.runs !== undefined) {
      const v = parts.value;
      switch (type) {
        case 1: {
          if (sharedIndex < 0) decline("unusual shared string index");
          if (!o.shared || sharedIndex >= o.shared.length) decline("a shared string that does not exist");
          value = o.shared[sharedIndex]!;
          break;
        }
        case 2:
          if (parts.runs) decline("rich text in a string cell");
          value = xmlDecode(v!);
          break;
        case 3:
          value = parts.runs ? parts.runs.join("") : v!;
          break;
        case 4:
          if (parts.runs) decline("rich text in a boolean cell");
          value = parseInt(v!, 10) !== 0;
          break;
        case 5:
          if (parts.runs) decline("rich text in an error cell");
          value = { error: v! };
          break;
        default: {
          if (parts.runs) decline("rich text in a number cell");
          const n = parseFloat(v!);
          value = isDate ? excelDate(n, o.date1904) : finite(n);
        }
      }
    } else {
      occupied = false;
    }
    if (o.keepCells) {
      let values = scan.rows[row];
      if (!values) values = scan.rows[row] = [];
      values[col] = occupied ? (value === null ? OCCUPIED : value) : styleId ? STYLED : BARE;
    }
    if (row === 1 && col === 0 && occupied) scan.a2 = value;
    return col;
  };

  /** A row's start tag at c.i ("<row ...>", ending at gt): its zero-based number. */
  const rowStart = (c: Cursor, gt: number, selfClosing: boolean): number => {
    const x = c.s;
    const ch0 = x.charCodeAt(c.i + 4);
    if (x.charCodeAt(c.i + 1) !== 114 || x.charCodeAt(c.i + 2) !== 111 || x.charCodeAt(c.i + 3) !== 119 || !(ch0 === 32 || ch0 === 10 || ch0 === 13 || ch0 === 9 || ch0 === 47 || ch0 === 62)) {
      decline("unexpected element in sheet data");
    }
    const attrs = x.slice(c.i + 4, selfClosing ? gt - 1 : gt);
    let rText: string | undefined;
    let sText: string | undefined;
    let plain = true;
    const names: string[] = [];
    for (let k = 0; k < attrs.length; ) {
      while (k < attrs.length && (attrs.charCodeAt(k) === 32 || attrs.charCodeAt(k) === 10 || attrs.charCodeAt(k) === 13 || attrs.charCodeAt(k) === 9)) k++;
      if (k >= attrs.length) break;
      const eq = attrs.indexOf("=", k);
      if (eq < 0) decline("malformed row");
      const name = attrs.slice(k, eq);
      const quote = attrs.charAt(eq + 1);
      if (quote !== '"' && quote !== "'") {
        plain = false;
        break;
      }
      const end = attrs.indexOf(quote, eq + 2);
      if (end < 0 || name === "" || /[\s<>"'/=]/.test(name)) decline("malformed row");
      const value = attrs.slice(eq + 2, end);
      if (/[<&\t\n\r]/.test(value)) plain = false;
      if (names.includes(name)) decline("a repeated attribute");
      names.push(name);
      if (name === "r") rText = value;
      else if (name === "s") sText = value;
      k = end + 1;
      const after = attrs.charCodeAt(k);
      if (k < attrs.length && !(after === 32 || after === 10 || after === 13 || after === 9)) decline("malformed row");
    }
    // Anything unusual (spaces around "=", entities, repeated names...): the full check.
    if (!plain) checkAttrs(attrs);
    if (!plain) {
      const a = attrsOf(attrs);
      rText = a.get("r");
      sText = a.get("s");
    }
    if (rText === undefined || !/^[1-9]\d{0,6}$/.test(rText)) decline("a row without a number");
    const row = Number(rText) - 1;
    if (row <= lastRow || row >= 1048576) decline("rows out of order");
    lastRow = row;
    if (sText !== undefined && sText !== "" && parseInt(sText, 10) && !o.stylesPresent) decline("a row style without styles");
    c.i = gt + 1;
    return row;
  };

  await streamText(entry, (text, done) => {
    const c: Cursor = { s: text, i: 0 };
    for (;;) {
      const start = c.i;
      if (state === "end") {
        const rest = text.slice(c.i);
        if (rest.trim() !== "") decline("text after the worksheet");
        return text.length;
      }
      if (state === "data") {
        // Rows before the last "</row>" in the buffer are complete (rows do not nest).
        const complete = done ? text.length : text.lastIndexOf("</row>") + 6;
        for (;;) {
          let i = c.i;
          let ch = text.charCodeAt(i);
          while (ch === 32 || ch === 10 || ch === 13 || ch === 9) ch = text.charCodeAt(++i);
          c.i = i;
          if (i >= text.length) return done ? decline("incomplete sheet data") : i;
          if (ch !== 60) decline("text in sheet data");
          if (text.charCodeAt(i + 1) === 47) {
            if (text.indexOf(">", i) < 0) return done ? decline("incomplete") : i;
            expectClose(c, "sheetData");
            stack.pop();
            state = "after";
            break;
          }
          const gt = text.indexOf(">", i);
          if (gt < 0) return done ? decline("incomplete") : i;
          const selfClosing = text.charCodeAt(gt - 1) === 47;
          if (!selfClosing && i >= complete) {
            if (done) decline("incomplete row");
            return i;
          }
          const row = rowStart(c, gt, selfClosing);
          if (selfClosing) continue;
          let prevCol = -1;
          for (;;) {
            let k = c.i;
            let cc = text.charCodeAt(k);
            while (cc === 32 || cc === 10 || cc === 13 || cc === 9) cc = text.charCodeAt(++k);
            c.i = k;
            if (cc !== 60) decline("text in a row");
            const next = text.charCodeAt(k + 1);
            if (next === 99) {
              prevCol = cell(c, row, prevCol);
              continue;
            }
            if (next === 47 && text.charCodeAt(k + 2) === 114 && text.charCodeAt(k + 3) === 111 && text.charCodeAt(k + 4) === 119 && text.charCodeAt(k + 5) === 62) {
              c.i = k + 6;
              break;
            }
            if (next === 47) {
              expectClose(c, "row");
              break;
            }
            decline("unexpected element in a row");
          }
        }
        continue;
      }
      // prolog, before, after: tag by tag, each complete.
      const lt = text.indexOf("<", c.i);
      if (lt < 0) {
        const t = text.slice(c.i);
        if (state === "prolog" || (stack.length === 0 && state !== "after")) {
          if (t.replace(/^\uFEFF/, "").trim() !== "") decline("text outside the worksheet");
        } else checkTextSafe(t, done);
        return done ? (state === "after" && stack.length === 0 ? text.length : decline("incomplete worksheet")) : c.i + safeTextLength(t);
      }
      const between = text.slice(c.i, lt);
      if (stack.length === 0) {
        if (between.replace(/^\uFEFF/, "").trim() !== "") decline("text outside the worksheet");
      } else checkText(between);
      c.i = lt;
      const gt = text.indexOf(">", lt);
      if (gt < 0) return done ? decline("incomplete tag") : lt;
      if (text.startsWith("<?", lt)) {
        if (state !== "prolog" || (lt !== 0 && !(lt === 1 && text.charCodeAt(0) === 0xfeff)) || start !== 0) decline("a processing instruction");
        TAG_STICKY.lastIndex = lt;
        const m = TAG_STICKY.exec(text);
        if (!m || !m[1]) return done ? decline("incomplete declaration") : lt;
        const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(m[0]);
        if (enc && enc[1]!.toLowerCase() !== "utf-8") decline("not UTF-8");
        c.i = TAG_STICKY.lastIndex;
        state = "before";
        stack.length = 0;
        continue;
      }
      if (text.startsWith("<!", lt)) decline("a comment, CDATA or DTD");
      TAG_STICKY.lastIndex = lt;
      const m = TAG_STICKY.exec(text);
      if (!m) decline("malformed tag");
      c.i = TAG_STICKY.lastIndex;
      const closing = m[3] === "/";
      const name = m[4]!;
      const empty = m[6] === "/";
      checkAttrs(m[5] ?? "");
      if (state === "prolog") state = "before";
      if (closing) {
        if (stack.pop() !== name) decline(`unbalanced </${name}>`);
        if (stack.length === 0) state = "end";
        continue;
      }
      if (stack.length === 0) {
        if (name !== "worksheet") decline(`a <${name}> worksheet`);
        if (empty) {
          state = "end";
          continue;
        }
        stack.push(name);
        continue;
      }
      const parent = stack[stack.length - 1]!;
      if (name === "sheetData") {
        if (state !== "before" || parent !== "worksheet") decline("unexpected sheet data");
        if (empty) {
          state = "after";
          continue;
        }
        stack.push(name);
        state = "data";
        continue;
      }
      if (name === "drawing" && parent === "worksheet") {
        if (scan.drawingRId !== undefined) decline("two drawings");
        scan.drawingRId = attrsOf(m[5] ?? "").get("r:id") ?? decline("a drawing without a relationship");
      }
      if (parent === "worksheet" && (name === "row" || name === "c")) decline("cells outside sheet data");
      if (name === "mergeCell" && parent === "mergeCells") {
        const ref = attrsOf(m[5] ?? "").get("ref") ?? "";
        const parts2 = ref.split(":");
        const a = parseRef(parts2[0] ?? "");
        const b = parts2.length === 2 ? parseRef(parts2[1]!) : parts2.length === 1 ? a : null;
        if (!a || !b || parts2.length > 2) decline(`unusual merge ${ref}`);
        scan.merges.push({ top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) });
      } else if (name === "hyperlink" && parent === "hyperlinks") {
        const a = attrsOf(m[5] ?? "");
        const rId = a.get("r:id");
        if (rId !== undefined) {
          scan.hyperlinkRIds.push(rId);
          scan.hyperlinkRefs.push(a.get("ref") ?? "");
        }
      } else if (name === "tablePart" && parent === "tableParts") {
        const rId = attrsOf(m[5] ?? "").get("r:id");
        if (rId === undefined) decline("a table part without a relationship");
        scan.tableRIds.push(rId);
      }
      if (!empty) stack.push(name);
    }
  });
  if ((state as State) !== "end") decline("incomplete worksheet");

  // A hyperlink makes a cell with no value count as data (ExcelJS gives it the Hyperlink type).
  for (const ref of scan.hyperlinkRefs) {
    const p = parseRef(ref);
    if (p && formulaCells.has(p[0] * COLS + p[1])) decline("a hyperlink on a formula");
    const values = p ? scan.rows[p[0]] : undefined;
    if (p && values && (values[p[1]] === BARE || values[p[1]] === STYLED)) values[p[1]] = OCCUPIED;
  }
  // Merged cells: overlapping merges make ExcelJS refuse the file; covered cells are empty.
  const ms = scan.merges;
  if (ms.length > 20_000) decline("very many merges");
  let area = 0;
  for (const m of ms) area += (m.bottom - m.top + 1) * (m.right - m.left + 1);
  if (area > 5_000_000) decline("very large merges");
  for (let i = 0; i < ms.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = ms[i]!;
      const b = ms[j]!;
      if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) decline("overlapping merges");
    }
  }
  for (const m of ms) {
    for (let r = m.top; r <= m.bottom; r++) {
      const values = scan.rows[r];
      if (!values) continue;
      for (let col = m.left; col <= m.right; col++) if ((r > m.top || col > m.left) && values[col] !== undefined) values[col] = BARE;
    }
  }
  return scan;
}

/** Text that may continue in the next chunk: checked up to a possibly cut entity reference. */
function safeTextLength(t: string): number {
  const amp = t.lastIndexOf("&");
  return amp >= 0 && !t.includes(";", amp) ? amp : t.length;
}

function checkTextSafe(t: string, done: boolean): void {
  checkText(done ? t : t.slice(0, safeTextLength(t)));
}

/** A formula's cached result as the reader keeps it. */
function resultValue(result: unknown): CellValue {
  if (result === undefined || result === null) return null;
  if (typeof result === "string" || typeof result === "boolean") return result;
  if (typeof result === "number") return finite(result);
  return result as CellValue;
}

// ---------------------------------------------------------------------------------------------
// Worksheet sources

function sourceOf(name: string, scan: SheetScan, tables: readonly { key: string; model: TableModelLike }[]): WorksheetSource {
  return {
    name,
    tables,
    extent: () => {
      let lastRow = -1;
      let lastCol = -1;
      scan.rows.forEach((values, r) => {
        if (!values) return;
        for (let c = values.length - 1; c >= 0 && (c > lastCol || r > lastRow); c--) {
          const v = values[c];
          if (v === undefined || v === STYLED || v === BARE) continue;
          if (r > lastRow) lastRow = r;
          if (c > lastCol) lastCol = c;
          break;
        }
      });
      return { lastRow, lastCol };
    },
    range: (top, left, bottom, right) => {
      const width = right - left + 1;
      const rows: CellValue[][] = [];
      for (let r = top; r <= bottom; r++) {
        const values: CellValue[] = new Array<CellValue>(width).fill(null);
        const source = r >= 0 ? scan.rows[r] : undefined;
        if (source) {
          const end = Math.min(right, source.length - 1);
          for (let c = Math.max(left, 0); c <= end; c++) {
            const v = source[c];
            if (v !== undefined && !(v instanceof Marker)) values[c - left] = v;
          }
        }
        rows.push(values);
      }
      return rows;
    },
  };
}
