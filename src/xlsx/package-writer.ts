/**
 * Writes generated sheets into a user's .xlsx package at the zip level, keeping every other part
 * byte-for-byte: charts, pivot tables, images, comments, defined names, custom styles and hidden
 * sheets survive because they are never parsed or rewritten. Only the generated sheets and the
 * workbook-level parts that list them (workbook, its relationships, content types, styles,
 * document properties, and the calculation chain, which is dropped) change.
 */
import { GENERATED_KIND_LABELS, resolveSheetReferences, type GeneratedKind, type SheetLayout } from "../core/layout/model";
import {
  CONTENT_TYPE,
  NS,
  detectGeneratedSheets,
  dirOf,
  entryFor,
  loadPackage,
  PackageError,
  parseRelationships,
  readText,
  readUntil,
  relativeTarget,
  relsPathOf,
  REL_TYPE,
  type LoadedPackage,
  type SheetEntry,
} from "./ooxml/package";
import { MINIMAL_STYLES_XML, StylesEditor } from "./ooxml/styles";
import { CHART_CONTENT_TYPE, CHART_REL_TYPE, renderChartXml, renderDrawingXml } from "./ooxml/chart";
import { renderWorksheet } from "./ooxml/worksheet";
import { nativeDeflater } from "./package-parts";
import {
  applySplices,
  childElements,
  decodeEntities,
  escapeAttr,
  escapeText,
  getAttr,
  parseAttrs,
  prefixForNamespace,
  prefixOf,
  rootElement,
  setAttr,
  stripInvalidXmlChars,
  type Splice,
  type XmlElement,
} from "./ooxml/xml";

export { PackageError };

/** Runs a read of the package, reporting any failure as a damaged package. */
async function asPackageError<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError(`the workbook package is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** What {@link writeGeneratedSheets} produced. */
export interface WriteGeneratedResult {
  bytes: Uint8Array;
  sheets: { kind: GeneratedKind; name: string }[];
  notices: string[];
}

/** A generated sheet found in a package. */
export interface GeneratedSheetInfo {
  readonly name: string;
  readonly kind: GeneratedKind;
  /** Position in the workbook's sheet list, from 0. */
  readonly index: number;
  readonly hidden: boolean;
  /** The text of its cell A2. */
  readonly marker: string;
}

const KIND_LABEL = GENERATED_KIND_LABELS;
const MAX_SHEET_NAME = 31;
/** Elements of a workbook that come after `definedNames`, in schema order. */
const AFTER_DEFINED_NAMES = [
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/**
 * The generated sheets in a package (cell A2 holds a generation marker), in workbook order.
 * Throws PackageError when the bytes are not a usable .xlsx package.
 */
export async function findGeneratedSheets(input: Uint8Array): Promise<GeneratedSheetInfo[]> {
  const pkg = await asPackageError(() => loadPackage(input));
  return (await asPackageError(() => detectGeneratedSheets(pkg))).map(({ sheet, kind, marker }) => ({
    name: sheet.name,
    kind,
    index: sheet.index,
    hidden: sheet.hidden,
    marker,
  }));
}

/**
 * A valid Excel sheet name made from `wanted`: at most 31 characters, none of []:*?/\, no
 * apostrophe at either end; `fallback` when nothing is left.
 */
export function cleanSheetName(wanted: string, fallback: string): string {
  let name = stripInvalidXmlChars(wanted)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  name = cutName(name, MAX_SHEET_NAME);
  return name === "" || name.toLowerCase() === "history" ? fallback : name;
}

function cutName(name: string, max: number): string {
  if (name.length <= max) return name;
  let cut = name.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd().replace(/'+$/, "").trimEnd();
}

/** `base`, or "base (2)", "base (3)"… — the first not in `taken` (compared case-insensitively). */
export function freeSheetName(base: string, taken: ReadonlySet<string>): string {
  const isTaken = (n: string): boolean => taken.has(n.toUpperCase()) || n.toLowerCase() === "history";
  if (!isTaken(base)) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const candidate = cutName(base, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

/** Collects the edits to one XML part, then applies them. */
class PartEdit {
  readonly splices: Splice[] = [];
  constructor(readonly xml: string) {}
  insert(at: number, text: string): void {
    this.splices.push({ start: at, end: at, text });
  }
  replace(el: { start: number; end: number }, text: string): void {
    this.splices.push({ start: el.start, end: el.end, text });
  }
  result(): string {
    return this.splices.length === 0 ? this.xml : applySplices(this.xml, this.splices);
  }
}

/** Inserts `text` as the last child of `el`, turning a self-closing element into an open one. */
function appendChild(edit: PartEdit, el: XmlElement, text: string): void {
  if (el.selfClosing) {
    const open = edit.xml.slice(el.start, el.end).replace(/\s*\/>$/, ">");
    edit.replace(el, `${open}${text}</${el.name}>`);
  } else {
    edit.insert(el.innerEnd, text);
  }
}

/** Where to insert a child that must precede every element in `followers` (or go last). */
function insertionPoint(xml: string, parent: XmlElement, followers: readonly string[]): number {
  for (const child of childElements(xml, parent)) if (followers.includes(child.local)) return child.start;
  return parent.innerEnd;
}

interface PlannedSheet {
  readonly layout: SheetLayout;
  readonly name: string;
  /** The sheet being replaced, or null for a new one. */
  readonly replaces: SheetEntry | null;
  readonly path: string;
  index: number;
}

/**
 * Puts the generated sheets into the package, replacing earlier generated sheets of the same kind
 * (same position, same name) and leaving everything else exactly as it was. A user's own sheet
 * with a wanted name is never touched: the generated sheet gets a free name and a notice says so.
 * Throws PackageError when the input is not a usable .xlsx package, and Error on a layout that
 * cannot be written.
 */
export async function writeGeneratedSheets(input: Uint8Array, layouts: readonly SheetLayout[]): Promise<WriteGeneratedResult> {
  const kinds = new Set<GeneratedKind>();
  for (const layout of layouts) {
    if (kinds.has(layout.kind)) throw new Error(`two layouts of kind "${layout.kind}"`);
    kinds.add(layout.kind);
  }
  const pkg = await asPackageError(() => loadPackage(input));
  if (layouts.length === 0) return { bytes: input, sheets: [], notices: [] };
  const generated = await asPackageError(() => detectGeneratedSheets(pkg));
  const notices: string[] = [];
  const { zip } = pkg;

  // Styles: the layouts' named styles become new entries appended to the styles part.
  const stylesRel = pkg.workbookRels.find((r) => r.type === REL_TYPE.styles && r.path);
  const stylesPath = stylesRel?.path && entryFor(pkg, stylesRel.path) ? pkg.paths.get(stylesRel.path.toLowerCase())! : null;
  const stylesXml = stylesPath ? await asPackageError(async () => (await readText(pkg, stylesPath)) ?? MINIMAL_STYLES_XML) : MINIMAL_STYLES_XML;
  const styles = await asPackageError(async () => new StylesEditor(stylesXml));

  // Plan: which sheet each layout replaces, or the free name and part of a new one.
  const takenNames = new Set(pkg.sheets.map((s) => s.name.toUpperCase()));
  const takenPaths = new Set(pkg.paths.keys());
  const wbDir = dirOf(pkg.workbookPath);
  const planned: PlannedSheet[] = [];
  for (const layout of layouts) {
    const label = KIND_LABEL[layout.kind];
    const wanted = cleanSheetName(layout.name, label);
    const ours = generated.filter((g) => g.kind === layout.kind);
    const primary = ours.find((g) => g.sheet.name.toUpperCase() === wanted.toUpperCase()) ?? ours[0];
    for (const extra of ours) {
      if (extra === primary) continue;
      notices.push(
        `"${extra.sheet.name}" is also a generated ${label} sheet (perhaps a copy). It was left as it was and is now out of date; ` +
          `the ${label} sheet regenerated is "${primary!.sheet.name}".`,
      );
    }
    if (primary && primary.sheet.path) {
      planned.push({ layout, name: primary.sheet.name, replaces: primary.sheet, path: primary.sheet.path, index: primary.sheet.index });
      continue;
    }
    const name = freeSheetName(wanted, takenNames);
    if (name !== wanted) {
      const holder = pkg.sheets.find((s) => s.name.toUpperCase() === wanted.toUpperCase());
      const whose = holder && !generated.some((g) => g.sheet === holder) ? " that was not generated by Case Inspection Workbook" : "";
      notices.push(
        `The workbook already has a sheet named "${holder?.name ?? wanted}"${whose}, so it was left as it was; ` +
          `the generated ${label} sheet is named "${name}".`,
      );
    }
    takenNames.add(name.toUpperCase());
    let n = pkg.sheets.length + planned.length + 1;
    while (takenPaths.has(`${wbDir}worksheets/sheet${n}.xml`.toLowerCase())) n++;
    const path = `${wbDir}worksheets/sheet${n}.xml`;
    takenPaths.add(path.toLowerCase());
    planned.push({ layout, name, replaces: null, path, index: -1 });
  }

  // The Summary (else the first generated sheet) is the sheet the workbook opens on, unless the
  // user hid it: a hidden sheet stays hidden and the workbook opens where it did.
  const visible = (p: PlannedSheet): boolean => !(p.replaces?.hidden ?? false);
  const active = planned.find((p) => p.layout.kind === "summary" && visible(p)) ?? planned.find(visible) ?? null;

  // Charts: each layout with one gets a drawing and a chart part, related from its sheet.
  const charts = planned.flatMap((plan) => (plan.layout.chart ? [{ plan, ...chartPaths(takenPaths, wbDir) }] : []));

  // Render the sheets (this also registers their styles), each formula naming another generated
  // sheet by the name it gets here.
  const names = new Map(planned.map((p) => [p.layout.kind, p.name]));
  const resolved = resolveSheetReferences(planned.map((p) => p.layout), (kind) => names.get(kind) ?? null);
  const rendered = planned.map((p, i) => ({
    plan: p,
    sheet: renderWorksheet(resolved[i]!, styles, { selected: p === active, ...(p.layout.chart ? { drawingRelId: "rId1" } : {}) }),
  }));

  // Workbook, its relationships and content types.
  const wb = new PartEdit(pkg.workbookXml);
  const rels = new PartEdit(pkg.workbookRelsXml);
  const relsRoot = rootElement(pkg.workbookRelsXml);
  const contentTypesXml = await asPackageError(async () => (await readText(pkg, "[Content_Types].xml")) ?? "");
  const types = new PartEdit(contentTypesXml);
  const typesRoot = rootElement(contentTypesXml);
  if (!relsRoot || !typesRoot) throw new PackageError("not an .xlsx workbook (the package has no workbook relationships or content types)");
  const wbPrefix = prefixOf(pkg.workbookRoot.name);
  const relPrefix = prefixForNamespace(pkg.workbookRoot.attrs, NS.rel);
  const usedRelIds = new Set(pkg.workbookRels.map((r) => r.id));
  let nextSheetId = Math.max(0, ...pkg.sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0))) + 1;
  let newRelsXml = "";
  let newTypesXml = "";
  const relsPrefix = prefixOf(relsRoot.name);
  const typesPrefix = prefixOf(typesRoot.name);
  const sheetXml = new Map<PlannedSheet, string>();
  for (const { plan } of rendered) {
    if (plan.replaces) {
      // Kept as it was: name, sheetId, relationship, visibility.
      sheetXml.set(plan, pkg.workbookXml.slice(plan.replaces.element.start, plan.replaces.element.end));
      continue;
    }
    let r = pkg.workbookRels.length + 1;
    while (usedRelIds.has(`rId${r}`)) r++;
    const relId = `rId${r}`;
    usedRelIds.add(relId);
    const idAttr = relPrefix !== null && relPrefix !== "" ? `${relPrefix}id="${relId}"` : `xmlns:r="${NS.rel}" r:id="${relId}"`;
    sheetXml.set(plan, `<${wbPrefix}sheet name="${escapeAttr(plan.name)}" sheetId="${nextSheetId++}" ${idAttr}/>`);
    newRelsXml += `<${relsPrefix}Relationship Id="${relId}" Type="${REL_TYPE.worksheet}" Target="${escapeAttr(relativeTarget(pkg.workbookPath, plan.path))}"/>`;
    newTypesXml += `<${typesPrefix}Override PartName="/${escapeAttr(plan.path)}" ContentType="${CONTENT_TYPE.worksheet}"/>`;
  }

  // Sheet order: the generated sheets first (so the workbook opens, and prints, on the Summary),
  // then every other sheet in the order it had. Everything that counts sheets by position follows.
  const replacedEntries = new Set(planned.flatMap((p) => (p.replaces ? [p.replaces] : [])));
  const kept = pkg.sheets.filter((sheet) => !replacedEntries.has(sheet));
  const newIndexOf = new Map<number, number>();
  planned.forEach((plan, i) => {
    if (plan.replaces) newIndexOf.set(plan.replaces.index, i);
    plan.index = i;
  });
  kept.forEach((sheet, i) => newIndexOf.set(sheet.index, planned.length + i));
  const orderedXml = [...planned.map((p) => sheetXml.get(p)!), ...kept.map((sheet) => pkg.workbookXml.slice(sheet.element.start, sheet.element.end))];
  const sheetsEl = pkg.sheetsElement;
  if (sheetsEl.selfClosing) appendChild(wb, sheetsEl, orderedXml.join(""));
  else wb.replace({ start: sheetsEl.openEnd, end: sheetsEl.innerEnd }, orderedXml.join(""));
  const oldActive = setActiveTab(wb, pkg, active ? active.index : (index) => newIndexOf.get(index) ?? 0, wbPrefix);

  // Defined names: built-in names local to a replaced sheet go; the others follow their sheet to
  // its new position; print titles are added.
  const wbChildren = childElements(pkg.workbookXml, pkg.workbookRoot);
  const definedNames = wbChildren.find((c) => c.local === "definedNames");
  const replacedIndices = new Set([...replacedEntries].map((sheet) => sheet.index));
  let keptNames = 0;
  if (definedNames) {
    for (const dn of childElements(pkg.workbookXml, definedNames)) {
      const a = parseAttrs(dn.attrs);
      const localSheetId = a.get("localSheetId");
      const local = Number(localSheetId);
      if (dn.local === "definedName" && replacedIndices.has(local) && (a.get("name") ?? "").startsWith("_xlnm.")) {
        wb.replace(dn, "");
        continue;
      }
      keptNames++;
      const moved = localSheetId === undefined ? undefined : newIndexOf.get(local);
      if (moved !== undefined && moved !== local) {
        wb.replace({ start: dn.start, end: dn.openEnd }, setAttr(pkg.workbookXml.slice(dn.start, dn.openEnd), "localSheetId", String(moved)));
      }
    }
  }
  let newNames = "";
  for (const { plan, sheet } of rendered) {
    if (!sheet.printTitleRows) continue;
    newNames += `<${wbPrefix}definedName name="_xlnm.Print_Titles" localSheetId="${plan.index}">${escapeText(`'${plan.name.replace(/'/g, "''")}'!${sheet.printTitleRows}`)}</${wbPrefix}definedName>`;
  }
  if (definedNames) {
    if (newNames) appendChild(wb, definedNames, newNames);
    else if (keptNames === 0) wb.replace(definedNames, "");
  } else if (newNames) {
    wb.insert(insertionPoint(pkg.workbookXml, pkg.workbookRoot, AFTER_DEFINED_NAMES), `<${wbPrefix}definedNames>${newNames}</${wbPrefix}definedNames>`);
  }

  // Recalculate everything when Excel opens the file.
  const calcPr = wbChildren.find((c) => c.local === "calcPr");
  if (calcPr) {
    wb.replace({ start: calcPr.start, end: calcPr.openEnd }, setAttr(pkg.workbookXml.slice(calcPr.start, calcPr.openEnd), "fullCalcOnLoad", "1"));
  } else {
    wb.insert(insertionPoint(pkg.workbookXml, pkg.workbookRoot, AFTER_DEFINED_NAMES.slice(1)), `<${wbPrefix}calcPr fullCalcOnLoad="1"/>`);
  }

  // Parts to drop: the calculation chain (Excel rebuilds it) and what only a replaced sheet used.
  const removed = new Set<string>();
  for (const rel of pkg.workbookRels) {
    if (rel.type === REL_TYPE.calcChain) {
      rels.replace(rel.element, "");
      if (rel.path) removed.add(rel.path.toLowerCase());
    }
  }
  await asPackageError(() =>
    collectOrphans(
      pkg,
      rendered.flatMap((r) => (r.plan.replaces ? [r.plan.path] : [])),
      removed,
    ),
  );

  if (newRelsXml) appendChild(rels, relsRoot, newRelsXml);
  for (const chart of charts) {
    newTypesXml +=
      `<${typesPrefix}Override PartName="/${escapeAttr(chart.drawing)}" ContentType="${CHART_CONTENT_TYPE.drawing}"/>` +
      `<${typesPrefix}Override PartName="/${escapeAttr(chart.chart)}" ContentType="${CHART_CONTENT_TYPE.chart}"/>`;
  }
  for (const el of childElements(contentTypesXml, typesRoot)) {
    if (el.local !== "Override") continue;
    const part = (getAttr(el.attrs, "PartName") ?? "").replace(/^\//, "").toLowerCase();
    if (removed.has(part)) types.replace(el, "");
  }
  if (stylesPath === null) {
    // A package without a styles part gets one.
    let r = pkg.workbookRels.length + 1;
    while (usedRelIds.has(`rId${r}`)) r++;
    const stylesNew = `${wbDir}styles.xml`;
    appendChild(rels, relsRoot, `<${relsPrefix}Relationship Id="rId${r}" Type="${REL_TYPE.styles}" Target="${escapeAttr(relativeTarget(pkg.workbookPath, stylesNew))}"/>`);
    newTypesXml += `<${typesPrefix}Override PartName="/${escapeAttr(stylesNew)}" ContentType="${CONTENT_TYPE.styles}"/>`;
  }
  if (newTypesXml) appendChild(types, typesRoot, newTypesXml);

  // Write the zip: changed parts are replaced in place (keeping entry order), new ones appended.
  // Changed parts keep their entry's date and new ones take the workbook's, so the same input
  // always gives the same bytes.
  const stamp = entryFor(pkg, pkg.workbookPath)?.date ?? new Date(Date.UTC(1980, 0, 1));
  const pack = nativeDeflater(zip);
  const put = (path: string, text: string): void => {
    const actual = pkg.paths.get(path.toLowerCase()) ?? path;
    zip.file(actual, (pack?.(text) ?? text) as string, { date: zip.file(actual)?.date ?? stamp });
  };
  for (const path of removed) {
    const actual = pkg.paths.get(path);
    if (actual !== undefined) zip.remove(actual);
  }
  put(pkg.workbookPath, wb.result());
  put(pkg.workbookRelsPath, rels.result());
  put("[Content_Types].xml", types.result());
  if (styles.changed || stylesPath === null) put(stylesPath ?? `${wbDir}styles.xml`, styles.toXml());
  for (const { plan, sheet } of rendered) put(plan.path, sheet.xml);
  for (const { plan, drawing, chart } of charts) {
    const spec = plan.layout.chart!;
    put(relsPathOf(plan.path), relationshipsXml([{ id: "rId1", type: CHART_REL_TYPE.drawing, target: relativeTarget(plan.path, drawing) }]));
    put(drawing, renderDrawingXml(spec, "rId1"));
    put(relsPathOf(drawing), relationshipsXml([{ id: "rId1", type: CHART_REL_TYPE.chart, target: relativeTarget(drawing, chart) }]));
    put(chart, renderChartXml(spec, plan.name));
  }
  const previouslyActive = active ? pkg.sheets[oldActive] : undefined;
  if (previouslyActive && !replacedEntries.has(previouslyActive) && previouslyActive.path) {
    await asPackageError(() => unselectSheet(pkg, previouslyActive.path!, put));
  }
  const worksheetNames = [...planned.map((p) => p.name), ...kept.filter((sheet) => sheet.path !== null).map((sheet) => sheet.name)];
  await asPackageError(() => writeAppTitles(pkg, worksheetNames, put));

  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  return { bytes, sheets: rendered.map(({ plan }) => ({ kind: plan.layout.kind, name: plan.name })), notices };
}

/** Free paths for a new drawing and chart part (reserved in `taken`). */
function chartPaths(taken: Set<string>, wbDir: string): { drawing: string; chart: string } {
  const free = (make: (n: number) => string): string => {
    let n = 1;
    while (taken.has(make(n).toLowerCase())) n++;
    taken.add(make(n).toLowerCase());
    return make(n);
  };
  return { drawing: free((n) => `${wbDir}drawings/drawing${n}.xml`), chart: free((n) => `${wbDir}charts/chart${n}.xml`) };
}

function relationshipsXml(list: readonly { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRel}">` +
    list.map((r) => `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`).join("") +
    `</Relationships>`
  );
}

/**
 * Makes the sheet at `index` (in the new order) the one the workbook opens on: every workbook
 * view's active tab, its tab bar scrolled to the start. Given a function instead, the active tab
 * stays on the sheet it was on, at that sheet's new position. Returns the position (in the old
 * order) of the sheet that was active before: 0 when the workbook said nothing.
 */
function setActiveTab(wb: PartEdit, pkg: LoadedPackage, index: number | ((old: number) => number), wbPrefix: string): number {
  const bookViews = childElements(pkg.workbookXml, pkg.workbookRoot).find((c) => c.local === "bookViews");
  const to = (old: number): number => (typeof index === "number" ? index : index(old));
  if (!bookViews) {
    wb.insert(pkg.sheetsElement.start, `<${wbPrefix}bookViews><${wbPrefix}workbookView activeTab="${to(0)}"/></${wbPrefix}bookViews>`);
    return 0;
  }
  let previous: number | null = null;
  for (const view of childElements(pkg.workbookXml, bookViews)) {
    if (view.local !== "workbookView") continue;
    let open = pkg.workbookXml.slice(view.start, view.openEnd);
    const before = Number(getAttr(view.attrs, "activeTab") ?? 0);
    const was = Number.isInteger(before) && before >= 0 ? before : 0;
    previous ??= was;
    open = setAttr(open, "activeTab", String(to(was)));
    if (getAttr(view.attrs, "firstSheet") !== undefined) open = setAttr(open, "firstSheet", "0");
    wb.replace({ start: view.start, end: view.openEnd }, open);
  }
  return previous ?? 0;
}

/**
 * Clears the "tab selected" mark of the sheet the workbook used to open on: with it, Excel would
 * open with that sheet grouped with the Summary, and typing would change both. Only the first
 * sheet view's opening tag changes; a sheet without the mark is not rewritten.
 */
async function unselectSheet(pkg: LoadedPackage, path: string, put: (path: string, text: string) => void): Promise<void> {
  const entry = entryFor(pkg, path);
  if (!entry) return;
  const selected = await readUntil(entry, (text, complete) => {
    const view = findSheetViewTag(text);
    if (view) return /\btabSelected\s*=\s*["'](1|true)["']/.test(view.tag);
    return complete || /<(?:[\w.-]+:)?sheetData[\s>/]/.test(text) ? false : undefined;
  });
  if (!selected) return;
  const xml = await entry.async("string");
  const view = findSheetViewTag(xml);
  if (!view) return;
  put(path, xml.slice(0, view.start) + view.tag.replace(/\s+tabSelected\s*=\s*("[^"]*"|'[^']*')/, "") + xml.slice(view.start + view.tag.length));
}

function findSheetViewTag(text: string): { start: number; tag: string } | null {
  const m = /<(?:[\w.-]+:)?sheetView[\s>/][^>]*>/.exec(text);
  return m ? { start: m.index, tag: m[0] } : null;
}

/**
 * Adds to `removed` the relationships part of each replaced sheet and every part reachable only
 * through it (its drawings, charts, comments, tables…), so nothing of the old sheet lingers.
 */
async function collectOrphans(pkg: LoadedPackage, replacedSheets: readonly string[], removed: Set<string>): Promise<void> {
  if (replacedSheets.length === 0) return;
  const relsFiles = [...pkg.paths.keys()].filter((p) => p.endsWith(".rels"));
  const referencedBy = new Map<string, Set<string>>();
  const targetsOf = new Map<string, string[]>();
  for (const relsFile of relsFiles) {
    const xml = await readText(pkg, relsFile);
    if (xml === null) continue;
    const source = relsFile === "_rels/.rels" ? "" : relsFile.replace(/_rels\/([^/]*)\.rels$/, "$1");
    const targets = parseRelationships(xml, source).flatMap((r) => (r.path ? [r.path.toLowerCase()] : []));
    targetsOf.set(relsFile, targets);
    for (const t of targets) {
      if (!referencedBy.has(t)) referencedBy.set(t, new Set());
      referencedBy.get(t)!.add(relsFile);
    }
  }
  const queue: string[] = [];
  for (const sheet of replacedSheets) {
    const relsFile = relsPathOf(sheet).toLowerCase();
    if (!pkg.paths.has(relsFile)) continue;
    removed.add(relsFile);
    queue.push(...(targetsOf.get(relsFile) ?? []));
  }
  const keep = new Set(replacedSheets.map((s) => s.toLowerCase()));
  while (queue.length > 0) {
    const part = queue.shift()!;
    if (removed.has(part) || keep.has(part) || !pkg.paths.has(part)) continue;
    const users = referencedBy.get(part) ?? new Set<string>();
    if ([...users].some((u) => !removed.has(u))) continue;
    removed.add(part);
    const ownRels = relsPathOf(part).toLowerCase();
    if (pkg.paths.has(ownRels)) {
      removed.add(ownRels);
      queue.push(...(targetsOf.get(ownRels) ?? []));
    }
  }
}

/**
 * Lists the worksheets in docProps/app.xml (titles of parts) as the workbook now orders them,
 * when its layout is the usual one: the heading pair whose titles are exactly the workbook's
 * worksheets is rewritten; anything else is left as it was.
 */
async function writeAppTitles(pkg: LoadedPackage, ordered: readonly string[], put: (path: string, text: string) => void): Promise<void> {
  const rel = pkg.rootRels.find((r) => r.type === REL_TYPE.extendedProperties && r.path);
  const path = rel?.path ?? "docProps/app.xml";
  const xml = await readText(pkg, path);
  if (xml === null) return;
  const root = rootElement(xml);
  if (!root) return;
  const children = childElements(xml, root);
  const headingVector = vectorOf(xml, children.find((c) => c.local === "HeadingPairs"));
  const titleVector = vectorOf(xml, children.find((c) => c.local === "TitlesOfParts"));
  if (!headingVector || !titleVector || titleVector.selfClosing) return;
  const variants = childElements(xml, headingVector);
  const titleItems = childElements(xml, titleVector);
  const worksheetNames = pkg.sheets.filter((s) => s.path !== null).map((s) => s.name);
  // Find the heading pair whose titles are exactly the workbook's worksheets (the heading text is localised).
  let offset = 0;
  for (let i = 0; i + 1 < variants.length; i += 2) {
    const countEl = childElements(xml, variants[i + 1]!)[0];
    const count = countEl ? Number(xml.slice(countEl.openEnd, countEl.innerEnd)) : NaN;
    if (!Number.isInteger(count) || !countEl) return;
    const names = titleItems.slice(offset, offset + count).map((t) => textOf(xml, t));
    if (count === worksheetNames.length && names.every((n, k) => n === worksheetNames[k])) {
      if (ordered.length === count && ordered.every((n, k) => n === names[k])) return;
      const edit = new PartEdit(xml);
      edit.replace({ start: countEl.openEnd, end: countEl.innerEnd }, String(ordered.length));
      const vp = prefixOf(titleVector.name);
      const items = ordered.map((t) => `<${vp}lpstr>${escapeText(t)}</${vp}lpstr>`).join("");
      const first = titleItems[offset];
      const last = titleItems[offset + count - 1];
      if (first && last) edit.replace({ start: first.start, end: last.end }, items);
      else edit.insert(titleItems[offset]?.start ?? titleVector.innerEnd, items);
      const openTag = xml.slice(titleVector.start, titleVector.openEnd);
      edit.replace({ start: titleVector.start, end: titleVector.openEnd }, setAttr(openTag, "size", String(titleItems.length - count + ordered.length)));
      put(path, edit.result());
      return;
    }
    offset += count;
  }
}

function vectorOf(xml: string, parent: XmlElement | undefined): XmlElement | null {
  if (!parent) return null;
  return childElements(xml, parent).find((c) => c.local === "vector") ?? null;
}

function textOf(xml: string, el: XmlElement): string {
  return decodeEntities(xml.slice(el.openEnd, el.innerEnd));
}
