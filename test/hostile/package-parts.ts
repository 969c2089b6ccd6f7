/**
 * Comparing the zip parts of a workbook and of its report copy: which parts changed, appeared or
 * went, and whether each change is one the report is allowed to make.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import JSZip from "jszip";
import { findGeneratedSheets } from "../../src/xlsx/package-writer";
import type { GeneratedKind } from "../../src/core";

/** The workbook-level parts that list the sheets (allowed to change). */
export const LISTING_PARTS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "docProps/app.xml", "xl/calcChain.xml"];

export interface PartDiff {
  readonly changed: string[];
  readonly added: string[];
  readonly removed: string[];
  /** Parts of the output's generated sheets. */
  readonly generated: string[];
  /** Parts byte-identical in both. */
  readonly same: string[];
}

async function partHashes(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name]!;
    if (f.dir) continue;
    out.set(name, createHash("sha256").update(await f.async("uint8array")).digest("hex"));
  }
  return out;
}

/** The zip paths of the generated sheets of a package (through the workbook's relationships). */
export async function generatedSheetParts(bytes: Uint8Array): Promise<{ name: string; part: string; kind: GeneratedKind }[]> {
  const generated = await findGeneratedSheets(bytes);
  const zip = await JSZip.loadAsync(bytes);
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const decode = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const out: { name: string; part: string; kind: GeneratedKind }[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const attrs = m[1]!;
    const name = decode(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? "");
    const id = /\br:id="([^"]*)"/.exec(attrs)?.[1];
    const found = generated.find((g) => g.name === name);
    if (!id || !found) continue;
    const rel = [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((r) => r[1]!).find((a) => new RegExp(`\\bId="${id}"`).test(a));
    const target = rel ? /\bTarget="([^"]*)"/.exec(rel)?.[1] : undefined;
    if (!target) continue;
    out.push({ name, kind: found.kind, part: target.startsWith("/") ? target.slice(1) : `xl/${target}` });
  }
  return out;
}

/**
 * Which parts differ between input and output.
 * @example const d = await diffParts(input, output); d.changed // ["xl/workbook.xml", …]
 */
export async function diffParts(input: Uint8Array, output: Uint8Array): Promise<PartDiff> {
  const a = await partHashes(input);
  const b = await partHashes(output);
  const generated = (await generatedSheetParts(output)).map((g) => g.part);
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const same: string[] = [];
  for (const [name, hash] of a) {
    const other = b.get(name);
    if (other === undefined) removed.push(name);
    else if (other !== hash) changed.push(name);
    else same.push(name);
  }
  for (const name of b.keys()) if (!a.has(name)) added.push(name);
  return { changed, added, removed, generated, same };
}

/** The parts reachable from `sheets` through relationships (their drawings, charts…), the sheets' own rels included. */
async function partsOfSheets(bytes: Uint8Array, sheets: readonly string[]): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Set<string>();
  const queue = [...sheets];
  while (queue.length > 0) {
    const part = queue.shift()!;
    const rels = part.replace(/([^/]+)$/, "_rels/$1.rels");
    const xml = await zip.file(rels)?.async("string");
    if (xml === undefined || out.has(rels)) continue;
    out.add(rels);
    const dir = part.replace(/[^/]+$/, "");
    for (const m of xml.matchAll(/<Relationship\b[^>]*\bTarget="([^"]+)"[^>]*>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = m[1]!.startsWith("/") ? m[1]!.slice(1) : path.posix.normalize(dir + m[1]!);
      if (!out.has(target)) {
        out.add(target);
        queue.push(target);
      }
    }
  }
  return out;
}

/** Whether `after` is `before` with only the sheet view's "tab selected" mark taken off. */
async function onlyUnselected(input: Uint8Array, output: Uint8Array, part: string): Promise<boolean> {
  const before = await (await JSZip.loadAsync(input)).file(part)?.async("string");
  const after = await (await JSZip.loadAsync(output)).file(part)?.async("string");
  if (before === undefined || after === undefined) return false;
  const view = /<(?:[\w.-]+:)?sheetView[\s>/][^>]*>/.exec(before);
  return view !== null && /tabSelected/.test(view[0]) && after === before.replace(view[0], view[0].replace(/\s+tabSelected\s*=\s*("[^"]*"|'[^']*')/, ""));
}

/**
 * What a report may do to a package: change the listing parts and the generated sheets, add
 * generated sheets with their chart parts (and a styles part when there was none), take the
 * "tab selected" mark off the sheet the workbook used to open on (so it does not open grouped
 * with the Summary), remove the calculation chain and what belonged only to a replaced generated
 * sheet. Returns the parts that broke the rule.
 */
export async function unexpectedPartChanges(input: Uint8Array, output: Uint8Array): Promise<string[]> {
  const d = await diffParts(input, output);
  const inputGenerated = (await generatedSheetParts(input)).map((g) => g.part);
  const ofReplaced = await partsOfSheets(input, inputGenerated);
  const ofGenerated = await partsOfSheets(output, d.generated);
  const allowedChange = new Set([...LISTING_PARTS, ...d.generated, ...ofGenerated]);
  const bad: string[] = [];
  for (const p of d.changed) if (!allowedChange.has(p) && !(await onlyUnselected(input, output, p))) bad.push(`changed ${p}`);
  for (const p of d.added) if (!d.generated.includes(p) && !ofGenerated.has(p) && p !== "xl/styles.xml") bad.push(`added ${p}`);
  for (const p of d.removed) if (p !== "xl/calcChain.xml" && !ofReplaced.has(p)) bad.push(`removed ${p}`);
  return bad;
}

/** The parts changed besides the listing parts and generated sheets: the previously active sheet, if it was marked selected. */
export async function unselectedParts(input: Uint8Array, output: Uint8Array): Promise<string[]> {
  const d = await diffParts(input, output);
  const out: string[] = [];
  for (const p of d.changed) if (await onlyUnselected(input, output, p)) out.push(p);
  return out;
}
