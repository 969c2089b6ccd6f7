/**
 * Reading an .xlsx package at the zip level: its workbook, the sheets it lists and their parts,
 * relationships, and the text of each sheet's cell A2 — without parsing any sheet's data beyond
 * its second row.
 */
import JSZip from "jszip";
import { generatedKindOf, type GeneratedKind } from "../../core/layout/model";
import {
  childElements,
  decodeEntities,
  decodeOoxmlEscapes,
  elementAt,
  parseAttrs,
  prefixOf,
  rootElement,
  xmlTags,
  type XmlElement,
} from "./xml";

/** The file cannot be used as a workbook package (not a zip, no workbook, unsupported format). */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }
}

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  packageRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export const REL_TYPE = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  calcChain: `${NS.rel}/calcChain`,
  extendedProperties: `${NS.rel}/extended-properties`,
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
} as const;

/** One relationship of a part. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
  /** The zip path of the target (internal targets only). */
  readonly path: string | null;
  readonly element: XmlElement;
}

/** One sheet listed in the workbook. */
export interface SheetEntry {
  /** Position in the workbook's sheet list (what a defined name's localSheetId counts). */
  readonly index: number;
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  readonly hidden: boolean;
  /** The sheet's part, when it is a worksheet found in the package. */
  readonly path: string | null;
  readonly element: XmlElement;
}

/** A loaded package with its workbook-level parts read. */
export interface LoadedPackage {
  readonly zip: JSZip;
  /** Zip paths by lower-case name (part names are case-insensitive). */
  readonly paths: Map<string, string>;
  readonly workbookPath: string;
  readonly workbookXml: string;
  readonly workbookRoot: XmlElement;
  readonly workbookRelsPath: string;
  readonly workbookRelsXml: string;
  readonly workbookRels: Relationship[];
  readonly sheets: SheetEntry[];
  readonly sheetsElement: XmlElement;
  readonly rootRels: Relationship[];
}

/** The directory of a zip path, with its trailing slash ("xl/"), or "". */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

/** The relationships part that belongs to a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPathOf(partPath: string): string {
  const dir = dirOf(partPath);
  return `${dir}_rels/${partPath.slice(dir.length)}.rels`;
}

/** The zip path a relationship target points to, from the part that holds the relationship. */
export function resolveTarget(sourcePart: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // keep the target as written
  }
  const joined = decoded.startsWith("/") ? decoded.slice(1) : dirOf(sourcePart) + decoded;
  const out: string[] = [];
  for (const segment of joined.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "." && segment !== "") out.push(segment);
  }
  return out.join("/");
}

/** A relative target from one part to another, both zip paths. */
export function relativeTarget(sourcePart: string, targetPath: string): string {
  const from = dirOf(sourcePart).split("/").filter(Boolean);
  const to = targetPath.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** Parses a relationships part. `sourcePart` is the part the relationships belong to ("" for the package). */
export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const root = rootElement(xml);
  if (!root) return [];
  return childElements(xml, root)
    .filter((el) => el.local === "Relationship")
    .map((element) => {
      const a = parseAttrs(element.attrs);
      const target = a.get("Target") ?? "";
      const external = (a.get("TargetMode") ?? "").toLowerCase() === "external";
      return {
        id: a.get("Id") ?? "",
        type: a.get("Type") ?? "",
        target,
        external,
        path: external ? null : resolveTarget(sourcePart, target),
        element,
      };
    });
}

/** The zip entry for a path, matched case-insensitively, or null. */
export function entryFor(pkg: Pick<LoadedPackage, "zip" | "paths">, path: string): JSZip.JSZipObject | null {
  const actual = pkg.paths.get(path.toLowerCase());
  return actual === undefined ? null : pkg.zip.file(actual);
}

/** The text of a part, or null when the package has no such part. */
export async function readText(pkg: Pick<LoadedPackage, "zip" | "paths">, path: string): Promise<string | null> {
  const entry = entryFor(pkg, path);
  return entry ? entry.async("string") : null;
}

/** Opens a package and reads its workbook, the workbook's relationships and its sheet list. */
export async function loadPackage(input: Uint8Array): Promise<LoadedPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(input);
  } catch (error) {
    throw new PackageError(`not an .xlsx file (it cannot be read as a zip package: ${(error as Error).message})`);
  }
  const paths = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name]!.dir) paths.set(name.toLowerCase(), name);
  }
  const base = { zip, paths };
  const rootRelsXml = await readText(base, "_rels/.rels");
  const rootRels = rootRelsXml ? parseRelationships(rootRelsXml, "") : [];
  const officeDoc = rootRels.find((r) => r.type === REL_TYPE.officeDocument && r.path);
  const workbookPath = officeDoc?.path ?? "xl/workbook.xml";
  const workbookXml = await readText(base, workbookPath);
  if (workbookXml === null) throw new PackageError("not an .xlsx workbook (the package has no workbook part)");
  const workbookRoot = rootElement(workbookXml);
  if (!workbookRoot || workbookRoot.local !== "workbook") throw new PackageError("not an .xlsx workbook (the workbook part is not a workbook)");
  const mainNs = parseAttrs(workbookRoot.attrs).get(prefixOf(workbookRoot.name) ? `xmlns:${prefixOf(workbookRoot.name).slice(0, -1)}` : "xmlns");
  if (mainNs !== NS.main) throw new PackageError("unsupported workbook format (only transitional Office Open XML .xlsx files are supported)");
  const workbookRelsPath = relsPathOf(workbookPath);
  const workbookRelsXml = (await readText(base, workbookRelsPath)) ?? "";
  const workbookRels = parseRelationships(workbookRelsXml, workbookPath);
  const sheetsElement = childElements(workbookXml, workbookRoot).find((c) => c.local === "sheets");
  if (!sheetsElement) throw new PackageError("not an .xlsx workbook (the workbook lists no sheets)");
  const sheets = childElements(workbookXml, sheetsElement)
    .filter((el) => el.local === "sheet")
    .map((element, index): SheetEntry => {
      const a = parseAttrs(element.attrs);
      let relId = "";
      for (const [k, v] of a) if (k.endsWith(":id") && !k.startsWith("xmlns")) relId = v;
      const rel = workbookRels.find((r) => r.id === relId);
      const path = rel && rel.type === REL_TYPE.worksheet && rel.path && paths.has(rel.path.toLowerCase()) ? paths.get(rel.path.toLowerCase())! : null;
      const state = a.get("state") ?? "visible";
      return { index, name: a.get("name") ?? "", sheetId: Number(a.get("sheetId") ?? 0), relId, hidden: state !== "visible", path, element };
    });
  return { zip, paths, workbookPath, workbookXml, workbookRoot, workbookRelsPath, workbookRelsXml, workbookRels, sheets, sheetsElement, rootRels };
}

/**
 * Reads a part from its start until `probe` has an answer, so a big sheet is not inflated in full.
 * `probe` gets the text read so far and whether that is the whole part; it returns undefined for
 * "need more".
 */
export function readUntil<T>(entry: JSZip.JSZipObject, probe: (text: string, complete: boolean) => T | undefined): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const stream = (entry as unknown as { internalStream(type: "uint8array"): JSZip.JSZipStreamHelper<Uint8Array> }).internalStream("uint8array");
    const decoder = new TextDecoder("utf-8");
    let text = "";
    let nextProbeAt = 16 * 1024;
    let done = false;
    stream
      .on("data", (chunk) => {
        if (done) return;
        text += decoder.decode(chunk, { stream: true });
        if (text.length < nextProbeAt) return;
        nextProbeAt = text.length * 2;
        let answer: T | undefined;
        try {
          answer = probe(text, false);
        } catch (error) {
          answer = undefined;
          done = true;
          stream.pause();
          reject(error);
          return;
        }
        if (answer !== undefined) {
          done = true;
          stream.pause();
          resolve(answer);
        }
      })
      .on("error", (error) => {
        if (!done) {
          done = true;
          reject(error);
        }
      })
      .on("end", () => {
        if (done) return;
        done = true;
        try {
          text += decoder.decode();
          resolve(probe(text, true));
        } catch (error) {
          reject(error);
        }
      })
      .resume();
  });
}

/** Cell A2 as found in a sheet part: its type attribute and raw inner XML. */
interface RawCell {
  readonly type: string | undefined;
  readonly inner: string;
}

const CELL_REF = /^([A-Za-z]{1,3})(\d+)$/;

function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** Finds cell A2 in the start of a sheet part; undefined means "read more". */
export function probeCellA2(text: string, complete: boolean): RawCell | null | undefined {
  let inData = false;
  let row = 0;
  let col = -1;
  for (const tag of xmlTags(text)) {
    if (!inData) {
      if (tag.local === "sheetData") {
        if (tag.kind === "empty") return null;
        if (tag.kind === "open") inData = true;
      }
      continue;
    }
    if (tag.local === "sheetData" && tag.kind === "close") return null;
    if (tag.local === "row" && (tag.kind === "open" || tag.kind === "empty")) {
      const r = Number(parseAttrs(tag.attrs).get("r"));
      row = Number.isInteger(r) && r > 0 ? r : row + 1;
      col = -1;
      if (row > 2) return null;
      continue;
    }
    if (tag.local === "c" && (tag.kind === "open" || tag.kind === "empty")) {
      const attrs = parseAttrs(tag.attrs);
      const ref = CELL_REF.exec(attrs.get("r") ?? "");
      col = ref ? columnNumber(ref[1]!) : col + 1;
      const cellRow = ref ? Number(ref[2]) : row;
      if (cellRow !== 2) continue;
      if (col > 0) return null;
      if (tag.kind === "empty") return { type: attrs.get("t"), inner: "" };
      const el = elementAt(text, tag);
      if (!el) return complete ? null : undefined;
      return { type: attrs.get("t"), inner: text.slice(el.openEnd, el.innerEnd) };
    }
  }
  return complete ? null : undefined;
}

/** The text of a rich or plain string item (`<si>`, `<is>`): its `<t>` runs, phonetic runs left out. */
export function stringItemText(xml: string, from = 0, to = xml.length): string {
  let text = "";
  let phonetic = 0;
  for (const tag of xmlTags(xml, from, to)) {
    if (tag.local === "rPh") {
      if (tag.kind === "open") phonetic++;
      else if (tag.kind === "close") phonetic--;
      continue;
    }
    if (tag.local === "t" && tag.kind === "open" && phonetic === 0) {
      const el = elementAt(xml, tag, to);
      if (el) text += decodeOoxmlEscapes(decodeEntities(xml.slice(el.openEnd, el.innerEnd)));
    }
  }
  return text;
}

function valueOf(inner: string): string | null {
  for (const tag of xmlTags(inner)) {
    if (tag.local === "v" && tag.kind === "open") {
      const el = elementAt(inner, tag);
      return el ? decodeEntities(inner.slice(el.openEnd, el.innerEnd)) : null;
    }
  }
  return null;
}

/** Reads shared-string items by index, stopping once the highest wanted one is read. */
async function readSharedStrings(pkg: LoadedPackage, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const rel = pkg.workbookRels.find((r) => r.type === REL_TYPE.sharedStrings && r.path);
  const entry = rel?.path ? entryFor(pkg, rel.path) : null;
  if (!entry) return found;
  const max = Math.max(...wanted);
  // Incremental: each call continues where the last one stopped (a shared-string table can hold
  // hundreds of thousands of items, and a sheet's A2 can be near its end).
  let pos = 0;
  let index = -1;
  const open = /<(?:[\w.-]+:)?si(?=[\s>/])/g;
  const close = /<\/(?:[\w.-]+:)?si\s*>/g;
  await readUntil(entry, (text, complete) => {
    open.lastIndex = pos;
    for (let m = open.exec(text); m; m = open.exec(text)) {
      if (!wanted.has(index + 1)) {
        index++;
        pos = open.lastIndex;
        continue;
      }
      const gt = text.indexOf(">", open.lastIndex);
      if (gt < 0) return complete ? true : undefined;
      let itemText = "";
      if (text[gt - 1] === "/") {
        pos = gt + 1;
      } else {
        close.lastIndex = gt + 1;
        const end = close.exec(text);
        if (!end) return complete ? true : undefined;
        itemText = stringItemText(text, gt + 1, end.index);
        pos = end.index + end[0].length;
      }
      index++;
      found.set(index, itemText);
      if (index >= max) return true;
      open.lastIndex = pos;
    }
    return complete ? true : undefined;
  });
  return found;
}

/** A sheet of the package that holds a generation marker in A2. */
export interface GeneratedSheetEntry {
  readonly sheet: SheetEntry;
  readonly kind: GeneratedKind;
  readonly marker: string;
}

/** The sheets whose cell A2 holds a generation marker, in workbook order. */
export async function detectGeneratedSheets(pkg: LoadedPackage): Promise<GeneratedSheetEntry[]> {
  const cells: { sheet: SheetEntry; cell: RawCell }[] = [];
  for (const sheet of pkg.sheets) {
    if (!sheet.path) continue;
    const entry = entryFor(pkg, sheet.path);
    if (!entry) continue;
    const cell = await readUntil(entry, probeCellA2);
    if (cell) cells.push({ sheet, cell });
  }
  const wanted = new Set<number>();
  for (const { cell } of cells) {
    if (cell.type === "s") {
      const index = Number(valueOf(cell.inner));
      if (Number.isInteger(index) && index >= 0) wanted.add(index);
    }
  }
  const shared = await readSharedStrings(pkg, wanted);
  const result: GeneratedSheetEntry[] = [];
  for (const { sheet, cell } of cells) {
    let text: string | null = null;
    if (cell.type === "inlineStr") text = stringItemText(cell.inner);
    else if (cell.type === "s") text = shared.get(Number(valueOf(cell.inner))) ?? null;
    const kind = generatedKindOf(text);
    if (kind && text !== null) result.push({ sheet, kind, marker: text });
  }
  return result;
}
