/**
 * Deterministic inspection data for the benchmark: case rows in the template's column order
 * (Case ID, Case manager, Sentence, PSR, the 20 criteria, five section notes), with a realistic
 * mix of Yes / No / N/A / blank, a few non-canonical and invalid values, custody and community
 * cases, PSRs and evidence notes. The same seed always gives the same rows.
 */
import { BUILT_IN_FRAMEWORK, buildTemplate, type CellValue, type Criterion, type Grid } from "../src/core";
import JSZip from "jszip";
import { loadPackage, readText, REL_TYPE } from "../src/xlsx/ooxml/package";
import { escapeOoxmlString } from "../src/xlsx/ooxml/xml";
import { writeTemplate } from "../src/xlsx/template";
import { prng } from "../test/helpers/prng";

export { prng };


export const SEED = 20240615;

const WORDS = (
  "assessment plan reviewed risk harm safeguarding family engagement school health supervision victim " +
  "custody community review contact referral progress worker mother father carer education substance " +
  "police court order intervention placement education training employment accommodation clear timely"
).split(" ");
const MANAGERS = ["A. Khan", "B. Jones", "C. Smith", "D. Patel", "E. Brown", "F. Wilson", "G. Taylor", "H. Evans", "I. O'Neill", "J. Nowak"];

/** The Cases header row of the built-in template (29 columns). */
export function caseHeaders(): readonly string[] {
  return buildTemplate().cases.headers;
}

function applies(c: Criterion, custody: boolean, psr: boolean): "required" | "optional" | "no" {
  switch (c.appliesTo) {
    case "all":
      return "required";
    case "custody":
      return custody ? "required" : "no";
    case "community":
      return custody ? "no" : "required";
    case "new-psr":
      return psr ? "required" : "no";
    default:
      return "optional";
  }
}

function judgement(c: Criterion, custody: boolean, psr: boolean, random: () => number): CellValue {
  const a = applies(c, custody, psr);
  const r = random();
  if (a === "no") return r < 0.5 ? "N/A" : null;
  if (r < 0.015) return null; // not yet judged
  if (r < 0.02) return ["yes", " No", "Y", "n"][Math.floor(random() * 4)]!; // non-canonical
  if (r < 0.021) return "maybe"; // invalid
  if (a === "optional" && r < 0.12) return "N/A";
  return random() < 0.72 ? "Yes" : "No";
}

function note(random: () => number): string {
  const words = 6 + Math.floor(random() * 30);
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

/**
 * Case rows (no header) in the template's column order.
 * @example caseRows(1000)[0]!.slice(0, 4) // ["C000001", "A. Khan", "Community", "Yes"]
 */
export function caseRows(count: number, seed = SEED): CellValue[][] {
  const random = prng(seed);
  const fw = BUILT_IN_FRAMEWORK;
  const rows: CellValue[][] = [];
  for (let i = 0; i < count; i++) {
    const custody = random() < 0.2;
    const psr = random() < 0.6;
    const row: CellValue[] = [`C${String(i + 1).padStart(6, "0")}`, MANAGERS[Math.floor(random() * MANAGERS.length)]!, custody ? "Custody" : "Community", psr ? "Yes" : "No"];
    for (const section of fw.sections) {
      for (const c of fw.criteria) if (c.section === section.number) row.push(judgement(c, custody, psr, random));
      row.push(random() < 0.3 ? note(random) : null);
    }
    rows.push(row);
  }
  return rows;
}

/** A Cases grid (header first) as a reader would give it, for the engine alone. */
export function casesGrid(count: number, seed = SEED): Grid {
  return { sheet: "Cases", top: 0, left: 0, rows: [[...caseHeaders()], ...caseRows(count, seed)], tableName: "Cases" };
}

const STAMP = new Date(Date.UTC(2026, 0, 15, 9, 30));

/**
 * A filled-in inspection workbook with `count` cases, laid out as the template writes it (a Cases
 * table with styled cells and dropdowns, shared strings, Interviews, Criteria and Settings).
 * The template writer writes the workbook with a few rows; the Cases rows are then written straight
 * into the sheet part the way Excel saves them, with shared strings.
 */
export async function inspectionWorkbook(count: number, seed = SEED): Promise<Uint8Array> {
  const rows = caseRows(count, seed);
  const written = await writeTemplate(buildTemplate(), {
    caseRows: rows.slice(0, 2).map((r) => r.map((v) => (v !== null && typeof v === "object" ? null : typeof v === "boolean" ? String(v) : v))),
    created: STAMP,
    settingValues: { "Service name": "Benchmark YOS" },
  });
  const pkg = await loadPackage(written);
  const casesSheet = pkg.sheets.find((s) => s.name === "Cases");
  if (!casesSheet?.path) throw new Error("the template has no Cases sheet");
  const sheetXml = (await readText(pkg, casesSheet.path))!;

  // The case rows' text as shared strings, as Excel saves it (the template writes inline strings).
  const items: string[] = [];
  const index = new Map<string, number>();
  const added: string[] = [];
  let refs = 0;
  const sst = (text: string): number => {
    refs++;
    let i = index.get(text);
    if (i === undefined) {
      i = items.length + added.length;
      index.set(text, i);
      const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
      added.push(`<si><t${preserve}>${escapeOoxmlString(text)}</t></si>`);
    }
    return i;
  };

  // The Cases rows, styled like the template's first body row.
  const sheetData = /<sheetData>([\s\S]*?)<\/sheetData>/.exec(sheetXml)!;
  const headerRow = /<row [^>]*\br="1"[\s\S]*?<\/row>/.exec(sheetData[1]!)![0];
  const styleOf = new Map<string, string>();
  for (const m of sheetData[1]!.matchAll(/<c r="([A-Z]+)2" s="(\d+)"/g)) styleOf.set(m[1]!, m[2]!);
  const width = caseHeaders().length;
  const letters = Array.from({ length: width }, (_, c) => (c < 26 ? "" : String.fromCharCode(64 + Math.floor(c / 26))) + String.fromCharCode(65 + (c % 26)));
  const parts: string[] = [headerRow];
  rows.forEach((row, i) => {
    const r = i + 2;
    let xml = `<row r="${r}" spans="1:${width}" x14ac:dyDescent="0.25">`;
    for (let c = 0; c < width; c++) {
      const ref = `${letters[c]}${r}`;
      const s = styleOf.get(letters[c]!);
      const style = s === undefined ? "" : ` s="${s}"`;
      const v = row[c] ?? null;
      if (typeof v === "string") xml += `<c r="${ref}"${style} t="s"><v>${sst(v)}</v></c>`;
      else if (typeof v === "number") xml += `<c r="${ref}"${style}><v>${v}</v></c>`;
      else xml += `<c r="${ref}"${style}/>`;
    }
    parts.push(`${xml}</row>`);
  });
  const last = count + 1;
  const lastCol = letters[width - 1]!;
  const bodyEnd = /<dimension ref="A1:[A-Z]+(\d+)"\/>/.exec(sheetXml)![1]!;
  const newSheet = (sheetXml.slice(0, sheetData.index) + `<sheetData>${parts.join("")}</sheetData>` + sheetXml.slice(sheetData.index + sheetData[0].length))
    .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${lastCol}${last}"/>`)
    .replace(new RegExp(`sqref="([A-Z]+)2:\\1${bodyEnd}"`, "g"), (_m, col: string) => `sqref="${col}2:${col}${last}"`);
  const sstPath = "xl/sharedStrings.xml";
  const newSst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${refs}" uniqueCount="${added.length}">${added.join("")}</sst>`;

  const out = new JSZip();
  out.file(sstPath, newSst, { date: STAMP, createFolders: false });
  for (const name of Object.keys(pkg.zip.files).sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0))) {
    const f = pkg.zip.files[name]!;
    if (f.dir) continue;
    let data: string | Uint8Array = await f.async("uint8array");
    if (name === casesSheet.path) data = newSheet;
    else if (name === "[Content_Types].xml") {
      data = new TextDecoder().decode(data).replace("</Types>", `<Override PartName="/${sstPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`);
    } else if (name === pkg.workbookRelsPath) {
      data = new TextDecoder().decode(data).replace("</Relationships>", `<Relationship Id="rIdStrings" Type="${REL_TYPE.sharedStrings}" Target="sharedStrings.xml"/></Relationships>`);
    } else if (/^xl\/tables\/[^/]+\.xml$/.test(name)) {
      const xml = new TextDecoder().decode(data);
      if (/\bname="Cases"/.test(xml)) data = xml.replace(/ref="A1:([A-Z]+)\d+"/g, `ref="A1:$1${last}"`);
    }
    out.file(name, data, { date: STAMP, createFolders: false });
  }
  return out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}
