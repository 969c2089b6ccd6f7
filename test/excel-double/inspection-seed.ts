/**
 * Deterministic inspection workbooks for the double: a Cases table (or plain sheet) of any size,
 * with the template's Criteria and Settings sheets.
 */
import { BUILT_IN_FRAMEWORK, buildTemplate, type Criterion } from "../../src/core";
import type { SeedValue, SheetSeed, WorkbookSeed } from "./index";
import { parseAddress, rectToA1 } from "./address";
import { prng } from "../helpers/prng";

export { prng };

export interface InspectionSeedOptions {
  readonly cases: number;
  /** Cases as an Excel table named "Cases" (default) or a plain range. */
  readonly table?: boolean;
  /** Top-left cell of the Cases header (default "A1"; a plain range always starts at A1). */
  readonly at?: string;
  /** Share of note cells that hold a note (default 0.1). */
  readonly notesRate?: number;
  /** Characters per note (default 60). */
  readonly noteLength?: number;
  /** PRNG seed (default 1). */
  readonly seed?: number;
  readonly criteriaSheet?: boolean;
  readonly settingsSheet?: boolean;
  /** More sheets, added after the inspection ones. */
  readonly extraSheets?: readonly SheetSeed[];
  /** Override cells of the case rows: (caseIndex, header) → value. */
  readonly cell?: (caseIndex: number, header: string) => SeedValue | undefined;
}


const WORDS = "assessment plan reviewed risk harm safeguarding family engagement school health supervision victim custody community review contact referral progress".split(" ");
const MANAGERS = ["A. Khan", "B. Jones", "C. Smith", "D. Patel", "E. Brown", "F. Wilson", "G. Taylor", "H. Evans"];

function judgement(c: Criterion, sentence: string, psr: string, r: number): string {
  const applies =
    c.appliesTo === "all" ||
    (c.appliesTo === "custody" && sentence === "Custody") ||
    (c.appliesTo === "community" && sentence === "Community") ||
    (c.appliesTo === "new-psr" && psr === "Yes") ||
    c.appliesTo === "where-relevant" ||
    c.appliesTo === "where-required";
  if (!applies) return "N/A";
  const optional = c.appliesTo === "where-relevant" || c.appliesTo === "where-required";
  if (optional && r < 0.1) return "N/A";
  return r < 0.72 ? "Yes" : "No";
}

/** The Cases header row and case rows for a number of cases. */
export function caseRows(options: InspectionSeedOptions): SeedValue[][] {
  const random = prng(options.seed ?? 1);
  const headers = buildTemplate().cases.headers;
  const notesRate = options.notesRate ?? 0.1;
  const noteLength = options.noteLength ?? 60;
  const rows: SeedValue[][] = [[...headers]];
  const width = String(options.cases).length;
  for (let i = 0; i < options.cases; i++) {
    const sentence = random() < 0.8 ? "Community" : "Custody";
    const psr = random() < 0.6 ? "Yes" : "No";
    const row: SeedValue[] = [];
    for (const h of headers) {
      let v: SeedValue;
      const crit = BUILT_IN_FRAMEWORK.criteria.find((c) => h.startsWith(`${c.id} `));
      if (h === "Case ID") v = `C${String(i + 1).padStart(width, "0")}`;
      else if (h === "Case manager") v = MANAGERS[Math.floor(random() * MANAGERS.length)]!;
      else if (h === "Sentence") v = sentence;
      else if (h === "PSR") v = psr;
      else if (crit) v = judgement(crit, sentence, psr, random());
      else if (/Notes$/.test(h)) {
        if (random() < notesRate) {
          let note = "";
          while (note.length < noteLength) note += `${WORDS[Math.floor(random() * WORDS.length)]} `;
          v = note.slice(0, noteLength).trim();
        } else v = null;
      } else v = null;
      const override = options.cell?.(i, h);
      row.push(override === undefined ? v : override);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * A workbook seed with `cases` case rows.
 * @example createExcelDouble(inspectionSeed({ cases: 20 }))
 */
export function inspectionSeed(options: InspectionSeedOptions): WorkbookSeed {
  const rows = caseRows(options);
  const template = buildTemplate();
  const sheets: SheetSeed[] = [];
  const asTable = options.table ?? true;
  const at = asTable ? (options.at ?? "A1") : "A1";
  const start = parseAddress(at)!.rect;
  const range = rectToA1({ top: start.top, left: start.left, bottom: start.top + rows.length - 1, right: start.left + rows[0]!.length - 1 });
  sheets.push({ name: "Cases", at, rows, tables: asTable ? [{ name: "Cases", range }] : [] });
  if (options.criteriaSheet ?? true) sheets.push({ name: "Criteria", rows: template.criteria.rows.map((r) => [...r]) });
  if (options.settingsSheet ?? true) sheets.push({ name: "Settings", rows: template.settings.rows.map((r) => [...r]) });
  sheets.push(...(options.extraSheets ?? []));
  return { sheets, active: "Cases" };
}
