/**
 * Reading and checking the case rows: headers matched by name and by leading criterion ID,
 * values read tolerantly, every applicability rule checked. Every issue is collected; the
 * reading never stops at the first.
 */
import { columnLetters } from "./address";
import { leadingCriterionId, type Applicability, type Criterion, type Framework } from "./framework";
import { cellText, isBlank, isBlankRow, isCellError, normaliseHeader, type CellValue, type Grid } from "./grid";
import type { Issue, IssueCode, Severity } from "./issues";
import { messages } from "./messages";
import { readJudgement, readSentence, readYesNo, type ReadValue, type SentenceType, type YesNo } from "./values";

/** What one judgement cell counts as. */
export const Outcome = {
  /** The sheet has no column for the criterion. */
  NoColumn: 0,
  Met: 1,
  NotMet: 2,
  /** N/A, or blank where the criterion does not apply. */
  NotApplicable: 3,
  /** Blank where a judgement is expected: not yet judged. */
  Unjudged: 4,
  /** The cell has an error and is left out of the counts. */
  Excluded: 5,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

export interface CaseRecord {
  /** The Case ID as written (trimmed); "" when missing. */
  readonly id: string;
  /** 1-based position among the cases, used for redacted labels ("Case 3"). */
  readonly number: number;
  /** Zero-based sheet row. */
  readonly row: number;
  readonly manager: string;
  readonly sentence: SentenceType | null;
  readonly psr: YesNo | null;
  /** One outcome per criterion, in the order of `CaseTable.criteria`. */
  readonly outcomes: readonly Outcome[];
  /** Evidence notes by section number (0: a general "Notes" column). */
  readonly notes: ReadonlyMap<number, string>;
}

export interface CaseColumns {
  readonly caseId: number | null;
  readonly manager: number | null;
  readonly sentence: number | null;
  readonly psr: number | null;
  /** Zero-based grid column per criterion ID (first column when repeated). */
  readonly criteria: ReadonlyMap<string, number>;
  readonly notes: ReadonlyMap<number, number>;
  /** Header text by grid column. */
  readonly headers: readonly string[];
}

export interface CaseTable {
  readonly sheet: string;
  /** The grid read, so a writer can point formulas at the same cells. */
  readonly grid: Grid;
  readonly criteria: readonly Criterion[];
  readonly columns: CaseColumns;
  readonly cases: readonly CaseRecord[];
}

export interface ReadCasesResult {
  readonly table: CaseTable;
  readonly issues: Issue[];
}

/** Options for {@link readCases}. */
export interface ReadCasesOptions {
  /** Which criteria to read (default: the framework's case criteria). */
  readonly criteria?: readonly Criterion[];
  /** Whether the sheet is the staff Interviews table (no Sentence / PSR; an interviewee column). */
  readonly interviews?: boolean;
}

/** What a criterion expects of a case: a judgement, Yes/No/N/A as the inspector finds, or nothing. */
export type Requirement = "required" | "optional" | "not-expected";

/**
 * What a criterion expects of a case, from its applicability and the case's Sentence and PSR.
 * @example requirementFor("custody", "Community", "No") // "not-expected"
 */
export function requirementFor(applies: Applicability, sentence: SentenceType | null, psr: YesNo | null): Requirement {
  switch (applies) {
    case "all":
      return "required";
    case "custody":
      return sentence === null ? "optional" : sentence === "Custody" ? "required" : "not-expected";
    case "community":
      return sentence === null ? "optional" : sentence === "Community" ? "required" : "not-expected";
    case "new-psr":
      return psr === null ? "optional" : psr === "Yes" ? "required" : "not-expected";
    case "where-relevant":
    case "where-required":
    case "interviews":
      return "optional";
  }
}

/**
 * Why a criterion's applicability applies to a case, for a message: " and this is a custody case".
 * @example applicabilityReason("new-psr", null, "Yes") // " and this case had a new PSR"
 */
export function applicabilityReason(applies: Applicability, sentence: SentenceType | null, psr: YesNo | null): string {
  if (applies === "custody" || applies === "community") return sentence ? ` and this is a ${sentence.toLowerCase()} case` : "";
  if (applies === "new-psr") return psr === "Yes" ? " and this case had a new PSR" : psr === "No" ? " and this case had no new PSR" : "";
  return "";
}

/** Sentence and PSR values in the order the requirement table is indexed by. */
const SENTENCE_KEYS: readonly (SentenceType | null)[] = [null, "Community", "Custody"];
const PSR_KEYS: readonly (YesNo | null)[] = [null, "Yes", "No"];
const HAS_SPACE = /\s/;
/** Shared by every case of a table without notes columns. */
const NO_NOTES: ReadonlyMap<number, string> = new Map<number, string>();

/**
 * A case's notes, read from its row when asked: the non-blank notes cells by section, in column
 * order, as text. Most notes are never read (only those behind a finding are), so a large table
 * does not copy them all.
 */
class RowNotes implements ReadonlyMap<number, string> {
  private map: Map<number, string> | null = null;
  constructor(
    private readonly row: readonly CellValue[],
    private readonly entries_: readonly (readonly [section: number, col: number])[],
  ) {}
  get(section: number): string | undefined {
    for (const [s, col] of this.entries_) {
      if (s !== section) continue;
      const v = this.row[col] ?? null;
      return isBlank(v) ? undefined : cellText(v);
    }
    return undefined;
  }
  has(section: number): boolean {
    return this.get(section) !== undefined;
  }
  get size(): number {
    return this.all().size;
  }
  forEach(callback: (value: string, key: number, map: ReadonlyMap<number, string>) => void, thisArg?: unknown): void {
    this.all().forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): ReturnType<Map<number, string>["entries"]> {
    return this.all().entries();
  }
  keys(): ReturnType<Map<number, string>["keys"]> {
    return this.all().keys();
  }
  values(): ReturnType<Map<number, string>["values"]> {
    return this.all().values();
  }
  [Symbol.iterator](): ReturnType<Map<number, string>["entries"]> {
    return this.all().entries();
  }
  private all(): Map<number, string> {
    if (this.map) return this.map;
    const map = new Map<number, string>();
    for (const [section, col] of this.entries_) {
      const v = this.row[col] ?? null;
      if (!isBlank(v)) map.set(section, cellText(v));
    }
    this.map = map;
    return map;
  }
}

/** The outcomes of a table's cases, packed one byte per cell, and what reading notes needs. */
interface CaseStore {
  packed: Uint8Array;
  /** Each outcome's count per criterion, `counts[k * 6 + outcome]`, kept as the cases are read. */
  readonly counts: Int32Array;
  readonly width: number;
  readonly criteria: readonly Criterion[];
  readonly noteEntries: readonly (readonly [section: number, col: number])[];
  count: number;
  /** The grid the cases were read from: a case's cells are `grid.rows[case.row - grid.top]`. */
  readonly grid: Grid;
  /** Outcome arrays handed out so far, by case number - 1. */
  unpacked: (readonly Outcome[] | undefined)[] | null;
  /** By case number - 1: the case ID, its sheet row, its (sentence, PSR) pair (see SENTENCE_KEYS). */
  readonly ids: string[];
  rows: Int32Array;
  pairs: Uint8Array;
  readonly managerCol: number | null;
}

/** The stores behind the case lists readCases returns. */
const STORES = new WeakMap<readonly CaseRecord[], CaseStore>();

/**
 * A case as readCases gives it: its outcomes live in the table's packed store and its notes in its
 * grid row, so a table of 100,000 cases is 100,000 small objects rather than 300,000.
 */
class TableCase implements CaseRecord {
  private readonly store: CaseStore;
  readonly number: number;
  constructor(store: CaseStore, number: number) {
    this.store = store;
    this.number = number;
  }
  get id(): string {
    return this.store.ids[this.number - 1]!;
  }
  get row(): number {
    return this.store.rows[this.number - 1]!;
  }
  get manager(): string {
    const { managerCol, grid } = this.store;
    if (managerCol === null) return "";
    const v = grid.rows[this.row - grid.top]?.[managerCol] ?? null;
    return typeof v === "string" ? v.trim() : cellText(v).trim();
  }
  get sentence(): SentenceType | null {
    return SENTENCE_KEYS[Math.floor(this.store.pairs[this.number - 1]! / 3)]!;
  }
  get psr(): YesNo | null {
    return PSR_KEYS[this.store.pairs[this.number - 1]! % 3]!;
  }
  get outcomes(): readonly Outcome[] {
    const store = this.store;
    const unpacked = (store.unpacked ??= []);
    let outcomes = unpacked[this.number - 1];
    if (outcomes === undefined) {
      const base = (this.number - 1) * store.width;
      outcomes = Array.from(store.packed.subarray(base, base + store.width), (o) => o as Outcome);
      unpacked[this.number - 1] = outcomes;
    }
    return outcomes;
  }
  get notes(): ReadonlyMap<number, string> {
    const { noteEntries, grid } = this.store;
    return noteEntries.length === 0 ? NO_NOTES : new RowNotes(grid.rows[this.row - grid.top] ?? [], noteEntries);
  }
  /** The outcome of the k-th criterion, straight from the store. */
  outcome(k: number): Outcome {
    return this.store.packed[(this.number - 1) * this.store.width + k] as Outcome;
  }
  /** What JSON.stringify made of a plain record (a Map's entries do not serialise). */
  toJSON(): Omit<CaseRecord, "notes"> & { notes: Record<string, never> } {
    return { id: this.id, number: this.number, row: this.row, manager: this.manager, sentence: this.sentence, psr: this.psr, outcomes: this.outcomes, notes: {} };
  }
}

/**
 * The outcome of the k-th criterion of a case (in the order of its table's criteria), read from
 * the table's packed outcomes when the case came from readCases.
 * @example outcomeOf(table.cases[0], 0) === Outcome.Met
 */
export function outcomeOf(c: CaseRecord, k: number): Outcome {
  return c instanceof TableCase ? c.outcome(k) : (c.outcomes[k] ?? Outcome.NoColumn);
}

/**
 * Counts of each outcome per criterion (`counts[k * 6 + outcome]`), as readCases counted them
 * while reading, when `cases` is a case list it returned for these criteria; null otherwise.
 */
export function packedOutcomeCounts(cases: readonly CaseRecord[], criteria: readonly Criterion[]): Int32Array | null {
  const store = STORES.get(cases);
  if (!store || store.criteria !== criteria || store.count !== cases.length) return null;
  return store.counts.slice();
}

/**
 * Where each case ID was first seen, matched as `id.toLowerCase()` would match them, without
 * building a lower-case copy of every ID: an open-addressing table of row numbers keyed by a hash
 * of the lower-cased characters.
 */
class IdIndex {
  /** Open addressing: pairs (hash, entry + 1), 0 marking a free pair. */
  private slots: Int32Array;
  private readonly ids: string[] = [];
  private hashes: Int32Array;
  private rows: Int32Array;
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.hashes = new Int32Array(Math.max(16, expected));
    this.rows = new Int32Array(Math.max(16, expected));
  }
  /** The row where an ID equal to `id` (ignoring case) was first added; adds it at `row` if none. */
  firstOrAdd(id: string, row: number): number {
    const n = this.ids.length;
    if (n * 4 >= this.slots.length) this.grow();
    const mask = this.slots.length / 2 - 1;
    const hash = hashFolded(id);
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = this.slots[i * 2 + 1]!;
      if (entry === 0) {
        if (n === this.hashes.length) {
          this.hashes = grownCopy(this.hashes);
          this.rows = grownCopy(this.rows);
        }
        this.ids.push(id);
        this.hashes[n] = hash;
        this.rows[n] = row;
        this.slots[i * 2] = hash;
        this.slots[i * 2 + 1] = n + 1;
        return row;
      }
      if (this.slots[i * 2] !== hash) continue;
      const other = this.ids[entry - 1]!;
      if (other === id || other.toLowerCase() === id.toLowerCase()) return this.rows[entry - 1]!;
    }
  }
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length / 2 - 1;
    for (let k = 0; k < this.ids.length; k++) {
      const hash = this.hashes[k]!;
      let i = hash & mask;
      while (slots[i * 2 + 1] !== 0) i = (i + 1) & mask;
      slots[i * 2] = hash;
      slots[i * 2 + 1] = k + 1;
    }
    this.slots = slots;
  }
}

function grownCopy(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** FNV-1a over the characters of `text.toLowerCase()` (folded in place when the text is ASCII). */
function hashFolded(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return hashChars(text.toLowerCase());
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h | 0;
}

function hashChars(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

const ID_HEADERS = ["case id", "case", "case ref", "case reference", "case number"];
const INTERVIEWEE_HEADERS = ["interviewee", "staff member", "interview id", "name", "case manager"];

/**
 * Reads and checks the case rows of a Cases grid (header in its first row).
 * @example
 * const { table, issues } = readCases(grid, BUILT_IN_FRAMEWORK);
 * table.cases.length; issues.filter((i) => i.severity === "error");
 */
export function readCases(grid: Grid, framework: Framework, options: ReadCasesOptions = {}): ReadCasesResult {
  const interviews = options.interviews ?? false;
  const criteria = options.criteria ?? (interviews ? framework.interviewQuestions : framework.criteria);
  const issues: Issue[] = [];
  const letters: string[] = [];
  // Null for the header row of a table whose header row is not on the sheet (grid.top -1).
  const at = (r: number, c: number): string | null => (grid.top + r < 0 ? null : (letters[c] ??= columnLetters(grid.left + c)) + String(grid.top + r + 1));
  const push = (severity: Severity, code: IssueCode, r: number | null, c: number | null, message: string, caseId: string | null = null, criterionId: string | null = null): void => {
    issues.push({ severity, code, sheet: grid.sheet, cell: r === null || c === null ? null : at(r, c), caseId, criterionId, message });
  };

  const header = grid.rows[0] ?? [];
  const width = grid.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const headers: string[] = [];
  for (let c = 0; c < width; c++) headers.push(cellText(header[c] ?? null).replace(/\s+/g, " ").trim());

  const known = new Map(criteria.map((c) => [c.id, c]));
  let caseId: number | null = null;
  let manager: number | null = null;
  let sentence: number | null = null;
  let psr: number | null = null;
  const critCols = new Map<string, number>();
  const notes = new Map<number, number>();
  const firstAt = new Map<string, number>();
  const claim = (key: string, c: number): boolean => {
    const first = firstAt.get(key);
    if (first !== undefined) {
      push("error", "duplicate-column", 0, c, messages.duplicateColumn(headers[c]!, at(0, first) ?? `column ${first + 1} of the table`), null, leadingCriterionId(key));
      return false;
    }
    firstAt.set(key, c);
    return true;
  };

  for (let c = 0; c < width; c++) {
    const h = normaliseHeader(header[c] ?? null);
    if (h === "") continue;
    const id = leadingCriterionId(h);
    if (id) {
      if (known.has(id)) {
        if (claim(id, c)) critCols.set(id, c);
      } else push("warning", "unknown-criterion-column", 0, c, messages.unknownCriterionColumn(id), null, id);
      continue;
    }
    const note = /^(\d+)\s*notes?$/.exec(h);
    if (note) {
      if (claim(`notes ${note[1]}`, c)) notes.set(Number(note[1]), c);
      continue;
    }
    if (h === "notes" || h === "evidence notes") {
      if (claim("notes 0", c)) notes.set(0, c);
      continue;
    }
    if (interviews) {
      if (caseId === null && INTERVIEWEE_HEADERS.includes(h)) {
        caseId = c;
        firstAt.set("id", c);
      }
      continue;
    }
    if (ID_HEADERS.includes(h)) {
      if (claim("case id", c)) caseId = c;
    } else if (h === "case manager") {
      if (claim(h, c)) manager = c;
    } else if (h === "sentence" || h === "sentence type") {
      if (claim("sentence", c)) sentence = c;
    } else if (h === "psr" || h === "new psr") {
      if (claim("psr", c)) psr = c;
    }
  }

  const where = "the header row";
  if (interviews) {
    if (caseId === null) push("error", "missing-column", 0, 0, messages.missingColumn(grid.sheet, "Interviewee", where));
  } else {
    if (caseId === null) push("error", "missing-column", 0, 0, messages.missingColumn(grid.sheet, "Case ID", where));
    if (sentence === null) push("error", "missing-column", 0, 0, messages.missingColumn(grid.sheet, "Sentence", where));
    if (psr === null) push("error", "missing-column", 0, 0, messages.missingColumn(grid.sheet, "PSR", where));
  }
  for (const c of criteria) {
    if (!critCols.has(c.id)) push("warning", "missing-criterion-column", 0, 0, messages.missingCriterionColumn(c.id, c.title), null, c.id);
  }

  const colIndex = criteria.map((c) => critCols.get(c.id) ?? -1);
  // What each criterion expects under each (sentence, PSR) pair, worked out once, not per cell:
  // requirements[k * 9 + sentence * 3 + psr], indexed as SENTENCE_KEYS and PSR_KEYS.
  const requirements: Requirement[] = [];
  for (const crit of criteria) for (const sk of SENTENCE_KEYS) for (const pk of PSR_KEYS) requirements.push(requirementFor(crit.appliesTo, sk, pk));
  const noteEntries: readonly (readonly [number, number])[] = [...notes];
  const cases: CaseRecord[] = [];
  const seenIds = new IdIndex(grid.rows.length);
  const said = new SaidMessages();
  const rows = grid.rows;
  const nCriteria = criteria.length;
  // Every case's outcomes, packed: the case numbered n has [(n - 1) * nCriteria, n * nCriteria).
  let packed = new Uint8Array(Math.max(0, rows.length - 1) * nCriteria);
  const capacity = Math.max(0, rows.length - 1);
  const counts = new Int32Array(nCriteria * 6);
  const store: CaseStore = {
    packed,
    counts,
    width: nCriteria,
    criteria,
    noteEntries,
    count: 0,
    grid,
    unpacked: null,
    ids: [],
    rows: new Int32Array(capacity),
    pairs: new Uint8Array(capacity),
    managerCol: manager,
  };

  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (isBlankRow(row)) continue;
    const number = cases.length + 1;

    let id = "";
    if (caseId !== null) {
      const v = row[caseId] ?? null;
      if (typeof v === "string" && !HAS_SPACE.test(v)) id = v;
      else if (isCellError(v)) push("error", "cell-error", r, caseId, messages.cellError(v.error, "the case ID"));
      else id = cellText(v).replace(/\s+/g, " ").trim();
      if (id === "" && !isCellError(v)) {
        push("error", "missing-case-id", r, caseId, interviews ? messages.missingInterviewee() : messages.missingCaseId());
      } else if (id !== "") {
        const first = seenIds.firstOrAdd(id, r);
        if (first !== r) push("error", "duplicate-case-id", r, caseId, messages.duplicateCaseId(id, at(first, caseId)!), id);
      }
    }
    const label = id === "" ? null : id;

    let sentenceValue: SentenceType | null = null;
    if (sentence !== null) {
      const v = row[sentence] ?? null;
      sentenceValue = v === "Community" || v === "Custody" ? v : readChoiceCell(v, SENTENCE_CELL, push, r, sentence, label);
    }
    let psrValue: YesNo | null = null;
    if (psr !== null) {
      const v = row[psr] ?? null;
      psrValue = v === "Yes" || v === "No" ? v : readChoiceCell(v, PSR_CELL, push, r, psr, label);
    }

    const pair = (sentenceValue === null ? 0 : sentenceValue === "Community" ? 3 : 6) + (psrValue === null ? 0 : psrValue === "Yes" ? 1 : 2);
    const base = (number - 1) * nCriteria;
    if (base + nCriteria > packed.length) {
      // Rows added to the grid after it was measured (grids are meant to be immutable).
      const grown = new Uint8Array(Math.max(packed.length * 2, base + nCriteria));
      grown.set(packed);
      packed = store.packed = grown;
    }
    for (let k = 0; k < nCriteria; k++) {
      const col = colIndex[k]!;
      let o: Outcome;
      if (col < 0) o = Outcome.NoColumn;
      else {
        const requirement = requirements[k * 9 + pair]!;
        const v = row[col];
        // The values almost every cell holds, without building a reading of them.
        if ((v === "Yes" || v === "No") && requirement !== "not-expected") o = v === "Yes" ? Outcome.Met : Outcome.NotMet;
        else if (v === "N/A" && requirement !== "required") o = Outcome.NotApplicable;
        else if (v === null || v === undefined) {
          if (requirement === "not-expected") o = Outcome.NotApplicable;
          else {
            // Not yet judged: one message per criterion and requirement, shared by every such cell.
            push("warning", "not-yet-judged", r, col, said.unjudged(k, criteria[k]!, requirement === "required"), label, criteria[k]!.id);
            o = Outcome.Unjudged;
          }
        } else o = judgeCell(v, k, criteria[k]!, requirement, pair, r, col, label, sentenceValue, psrValue, push, said);
      }
      packed[base + k] = o;
      counts[k * 6 + o]!++;
    }

    if (number > store.rows.length) {
      store.rows = grownCopy(store.rows);
      const pairs = new Uint8Array(store.rows.length);
      pairs.set(store.pairs);
      store.pairs = pairs;
    }
    store.ids.push(id);
    store.rows[number - 1] = grid.top + r;
    store.pairs[number - 1] = pair;
    cases.push(new TableCase(store, number));
  }
  store.count = cases.length;
  STORES.set(cases, store);

  if (cases.length === 0 && grid.rows.length > 0 && !interviews) {
    push("warning", "no-case-rows", null, null, messages.noCaseRows(grid.sheet));
  }

  return {
    table: {
      sheet: grid.sheet,
      grid,
      criteria,
      columns: { caseId, manager, sentence, psr, criteria: critCols, notes, headers },
      cases,
    },
    issues,
  };
}

type PushIssue = (severity: Severity, code: IssueCode, r: number | null, c: number | null, message: string, caseId?: string | null, criterionId?: string | null) => void;

/** How a Sentence or PSR cell is read and what its problems are called. */
interface ChoiceCell<T extends string> {
  readonly read: (value: CellValue) => ReadValue<T>;
  readonly expected: string;
  readonly missing: IssueCode;
  readonly invalid: IssueCode;
  readonly missingMessage: () => string;
  readonly invalidMessage: (text: string) => string;
}

const SENTENCE_CELL: ChoiceCell<SentenceType> = {
  read: readSentence,
  expected: "Community or Custody",
  missing: "missing-sentence",
  invalid: "invalid-sentence",
  missingMessage: messages.missingSentence,
  invalidMessage: messages.invalidSentence,
};

const PSR_CELL: ChoiceCell<YesNo> = {
  read: readYesNo,
  expected: "Yes or No",
  missing: "missing-psr",
  invalid: "invalid-psr",
  missingMessage: messages.missingPsr,
  invalidMessage: messages.invalidPsr,
};

/** Reads a Sentence or PSR cell that is not already canonical, reporting what is wrong with it. */
function readChoiceCell<T extends string>(value: CellValue, cell: ChoiceCell<T>, push: PushIssue, r: number, c: number, label: string | null): T | null {
  const read = cell.read(value);
  switch (read.kind) {
    case "value":
      if (!read.canonical) push("warning", "non-canonical-value", r, c, messages.nonCanonical(read.text, read.value), label);
      return read.value;
    case "blank":
      push("error", cell.missing, r, c, cell.missingMessage(), label);
      return null;
    case "error":
      push("error", "cell-error", r, c, messages.cellError(read.text, cell.expected), label);
      return null;
    case "invalid":
      push("error", cell.invalid, r, c, cell.invalidMessage(read.text), label);
      return null;
  }
}

/**
 * The messages of one table's issues, made once each: issues that say the same thing share one
 * string (a large table has thousands of "not yet judged" cells), and looking one up builds nothing.
 */
class SaidMessages {
  private readonly unjudgedBy: (string | undefined)[] = [];
  private readonly situationBy: (string | undefined)[] = [];
  private readonly cellErrorBy = new Map<string, string>();
  private readonly nonCanonicalBy = new Map<string, string>();
  private readonly invalidBy = new Map<Criterion, Map<string, string>>();

  unjudged(k: number, crit: Criterion, required: boolean): string {
    return (this.unjudgedBy[k * 2 + (required ? 0 : 1)] ??= messages.notYetJudged(crit.id, required ? "Yes or No" : "Yes, No or N/A"));
  }
  cellError(text: string): string {
    let m = this.cellErrorBy.get(text);
    if (m === undefined) this.cellErrorBy.set(text, (m = messages.cellError(text, "Yes, No or N/A")));
    return m;
  }
  /** The canonical value follows from the text, so the text alone is the key. */
  nonCanonical(text: string, value: string): string {
    let m = this.nonCanonicalBy.get(text);
    if (m === undefined) this.nonCanonicalBy.set(text, (m = messages.nonCanonical(text, value)));
    return m;
  }
  invalid(text: string, crit: Criterion): string {
    let byText = this.invalidBy.get(crit);
    if (!byText) this.invalidBy.set(crit, (byText = new Map()));
    let m = byText.get(text);
    if (m === undefined) byText.set(text, (m = messages.invalidValue(text, crit.id)));
    return m;
  }
  /** N/A where a judgement is required (`na`) or a judgement where none is expected, per criterion and (sentence, PSR) pair. */
  situation(na: boolean, k: number, pair: number, crit: Criterion, sentence: SentenceType | null, psr: YesNo | null): string {
    const reason = (): string => applicabilityReason(crit.appliesTo, sentence, psr);
    return (this.situationBy[(k * 9 + pair) * 2 + (na ? 0 : 1)] ??= na
      ? messages.notApplicableNotAllowed(crit.id, crit.appliesTo, reason())
      : messages.judgementNotExpected(crit.id, crit.appliesTo, reason()));
  }
}

/**
 * The uncommon cells (blank where a judgement is expected, N/A or a judgement where not allowed,
 * anything else). Kept out of readCases' loops: a closure there over the loop's variables would
 * make every iteration allocate a context, even for the cells that never need one.
 */
function judgeCell(
  value: CellValue,
  k: number,
  crit: Criterion,
  requirement: Requirement,
  pair: number,
  r: number,
  col: number,
  label: string | null,
  sentence: SentenceType | null,
  psr: YesNo | null,
  push: PushIssue,
  said: SaidMessages,
): Outcome {
  const read = readJudgement(value);
  switch (read.kind) {
    case "blank":
      if (requirement === "not-expected") return Outcome.NotApplicable;
      push("warning", "not-yet-judged", r, col, said.unjudged(k, crit, requirement === "required"), label, crit.id);
      return Outcome.Unjudged;
    case "error":
      push("error", "cell-error", r, col, said.cellError(read.text), label, crit.id);
      return Outcome.Excluded;
    case "invalid":
      push("error", "invalid-value", r, col, said.invalid(read.text, crit), label, crit.id);
      return Outcome.Excluded;
    case "value":
      break;
  }
  if (!read.canonical) push("warning", "non-canonical-value", r, col, said.nonCanonical(read.text, read.value), label, crit.id);
  if (read.value === "N/A") {
    if (requirement === "required") {
      push("error", "not-applicable-not-allowed", r, col, said.situation(true, k, pair, crit, sentence, psr), label, crit.id);
      return Outcome.Excluded;
    }
    return Outcome.NotApplicable;
  }
  if (requirement === "not-expected") {
    push("error", "judgement-not-expected", r, col, said.situation(false, k, pair, crit, sentence, psr), label, crit.id);
    return Outcome.Excluded;
  }
  return read.value === "Yes" ? Outcome.Met : Outcome.NotMet;
}
