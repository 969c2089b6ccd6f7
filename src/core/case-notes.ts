/**
 * Evidence notes: the free text an inspector writes beside a case's judgements, in a general
 * `Notes` column, in section columns (`2 Notes`) or in criterion columns (`2.1 Notes`).
 */
import { sectionNumberOf } from "./framework";
import { cellText, isBlank, type CellValue } from "./grid";

/** Something per kind of notes column: the general one, each section's, each criterion's. */
export interface NotesBy<T> {
  /** A general "Notes" (or "Evidence notes") column. */
  readonly general: T | null;
  /** "1 Notes" … "5 Notes" (or "2.1 Notes" for a section 2.1), by section number. */
  readonly bySection: ReadonlyMap<string, T>;
  /** "2.1 Notes", by criterion ID. */
  readonly byCriterion: ReadonlyMap<string, T>;
}

/** A case's notes: the text of its non-blank notes cells. */
export type CaseNotes = NotesBy<string>;

/**
 * A case's notes, read from its row: each notes column's cell as text, blank cells left out.
 * @example readCaseNotes(["C01", "Good plan"], { general: 1, bySection: new Map(), byCriterion: new Map() }).general // "Good plan"
 */
export function readCaseNotes(row: readonly CellValue[], columns: NotesBy<number>): CaseNotes {
  return {
    general: columns.general === null ? null : noteIn(row, columns.general),
    bySection: notesIn(row, columns.bySection),
    byCriterion: notesIn(row, columns.byCriterion),
  };
}

function noteIn(row: readonly CellValue[], col: number): string | null {
  return isBlank(row[col]) ? null : cellText(row[col]);
}

/** Shared by every case without notes of a kind (most cases have notes of few kinds). */
const NO_NOTES: ReadonlyMap<unknown, string> = new Map<unknown, string>();

function notesIn<K>(row: readonly CellValue[], columns: ReadonlyMap<K, number>): ReadonlyMap<K, string> {
  let notes: Map<K, string> | null = null;
  columns.forEach((col, key) => {
    const note = noteIn(row, col);
    if (note !== null) (notes ??= new Map<K, string>()).set(key, note);
  });
  return notes ?? (NO_NOTES as ReadonlyMap<K, string>);
}

/** A case's evidence note on a criterion, and where it was written. */
export interface SourcedNote {
  readonly source: "criterion" | "section" | "general";
  readonly note: string;
}

/**
 * The note that is a case's evidence on a criterion: its note on that criterion where it has one,
 * else its note on the criterion's section (or, for a section inside another, on the nearest
 * section around it that has one), else its general note; with where it was written.
 * @example sourcedEvidenceNote(kase.notes, { id: "2.1", section: "2" }) // { source: "section", note: "Risk assessment thorough" }
 */
export function sourcedEvidenceNote(notes: CaseNotes, criterion: { readonly id: string; readonly section: string }): SourcedNote | undefined {
  const own = notes.byCriterion.get(criterion.id);
  if (own !== undefined) return { source: "criterion", note: own };
  for (let section = criterion.section; section !== ""; section = sectionNumberOf(section)) {
    const note = notes.bySection.get(section);
    if (note !== undefined) return { source: "section", note };
  }
  return notes.general === null ? undefined : { source: "general", note: notes.general };
}

/**
 * The text of a case's evidence note on a criterion (see {@link sourcedEvidenceNote}).
 * @example evidenceNote(kase.notes, { id: "2.1", section: "2" }) // "Risk assessment thorough"
 */
export function evidenceNote(notes: CaseNotes, criterion: { readonly id: string; readonly section: string }): string | undefined {
  return sourcedEvidenceNote(notes, criterion)?.note;
}
