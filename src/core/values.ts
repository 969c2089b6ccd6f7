/**
 * Reading the values people type: judgements (Yes / No / N/A), sentence type and PSR, read
 * tolerantly. A non-canonical form still counts and is reported as a warning.
 */
import { cellText, isBlank, isCellError, type CellValue } from "./grid";

export type Judgement = "Yes" | "No" | "N/A";
export const JUDGEMENTS: readonly Judgement[] = ["Yes", "No", "N/A"];

/** A court sentence (Community, Custody) or an out-of-court disposal (caution, community resolution). */
export type SentenceType = "Community" | "Custody" | "Out-of-court";
export const SENTENCE_TYPES: readonly SentenceType[] = ["Community", "Custody", "Out-of-court"];
/** The sentences of a framework with no out-of-court criteria (the Sentence dropdown offers these). */
export const COURT_SENTENCES: readonly SentenceType[] = ["Community", "Custody"];

export type YesNo = "Yes" | "No";
export const YES_NO: readonly YesNo[] = ["Yes", "No"];

/** The outcome of reading one cell against a list of allowed values. */
export type ReadValue<T extends string> =
  | { readonly kind: "blank" }
  | { readonly kind: "value"; readonly value: T; readonly canonical: boolean; readonly text: string }
  | { readonly kind: "invalid"; readonly text: string }
  | { readonly kind: "error"; readonly text: string };

/**
 * Characters read as a space in a value: the non-breaking space (pasted from web pages and Word),
 * the tab and line breaks. The Summary's live formulas substitute the same characters
 * (src/core/layout/formulas.ts), so the engine and Excel count the same cells.
 */
export const SPACE_LIKE_CODES: readonly number[] = [0xa0, 0x09, 0x0a, 0x0d];

const SPACE_LIKE = new RegExp(`[${SPACE_LIKE_CODES.map((c) => `\\u${c.toString(16).padStart(4, "0")}`).join("")}]`, "g");

/**
 * A value as both the engine and Excel's `TRIM(CLEAN(SUBSTITUTE(…)))` read it: space-like characters
 * made spaces, other control characters dropped (CLEAN), spaces trimmed and runs of them made one
 * (TRIM), any case.
 */
export const foldText = (s: string): string =>
  s
    .replace(SPACE_LIKE, " ")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f]/g, "")
    .replace(/ +/g, " ")
    .replace(/^ | $/g, "")
    .toLowerCase();

const JUDGEMENT_ALIASES: Readonly<Record<string, Judgement>> = {
  yes: "Yes",
  y: "Yes",
  true: "Yes",
  no: "No",
  n: "No",
  false: "No",
  "n/a": "N/A",
  na: "N/A",
  "n.a.": "N/A",
  "n.a": "N/A",
  "n / a": "N/A",
  "not applicable": "N/A",
  "not relevant": "N/A",
  "not required": "N/A",
};

const SENTENCE_ALIASES: Readonly<Record<string, SentenceType>> = {
  community: "Community",
  "community sentence": "Community",
  "in the community": "Community",
  custody: "Custody",
  custodial: "Custody",
  "custodial sentence": "Custody",
  "custody sentence": "Custody",
  "out-of-court": "Out-of-court",
  "out of court": "Out-of-court",
  "out-of-court disposal": "Out-of-court",
  "out of court disposal": "Out-of-court",
  ooc: "Out-of-court",
  oocd: "Out-of-court",
  "youth caution": "Out-of-court",
  "youth conditional caution": "Out-of-court",
  "community resolution": "Out-of-court",
};

const YES_NO_ALIASES: Readonly<Record<string, YesNo>> = {
  yes: "Yes",
  y: "Yes",
  true: "Yes",
  no: "No",
  n: "No",
  false: "No",
};

/**
 * Every spelling (trimmed, lower case) read as a value: what a live formula must match to count
 * the cells the engine counts.
 * @example spellingsOf("judgement", "Yes") // ["yes", "y", "true"]
 */
export function spellingsOf(kind: "judgement" | "sentence" | "yes-no", value: string): string[] {
  const aliases: Readonly<Record<string, string>> = kind === "judgement" ? JUDGEMENT_ALIASES : kind === "sentence" ? SENTENCE_ALIASES : YES_NO_ALIASES;
  return Object.keys(aliases).filter((k) => aliases[k] === value);
}

/**
 * A reader of one kind of value. A canonical value's reading is made once and shared (readings
 * are never changed), so reading the values almost every cell holds builds nothing.
 */
function readerOf<T extends string>(canon: readonly T[], aliases: Readonly<Record<string, T>>): (value: CellValue) => ReadValue<T> {
  const canonical = new Map<unknown, ReadValue<T>>(canon.map((v) => [v, { kind: "value", value: v, canonical: true, text: v }]));
  return (value) => {
    const reading = canonical.get(value);
    if (reading) return reading;
    if (isCellError(value)) return { kind: "error", text: value.error };
    if (isBlank(value)) return BLANK;
    const text = cellText(value);
    const match = aliases[foldText(text)];
    if (match) return { kind: "value", value: match, canonical: false, text };
    return { kind: "invalid", text };
  };
}

const BLANK = { kind: "blank" } as const;
const judgementReader = readerOf(JUDGEMENTS, JUDGEMENT_ALIASES);
const sentenceReader = readerOf(SENTENCE_TYPES, SENTENCE_ALIASES);
const yesNoReader = readerOf(YES_NO, YES_NO_ALIASES);

/**
 * Reads a judgement cell.
 * @example readJudgement(" yes ") // { kind: "value", value: "Yes", canonical: false, text: " yes " }
 */
export function readJudgement(value: CellValue): ReadValue<Judgement> {
  return judgementReader(value);
}

/**
 * Reads a Sentence cell.
 * @example readSentence("custodial") // { kind: "value", value: "Custody", canonical: false, ... }
 */
export function readSentence(value: CellValue): ReadValue<SentenceType> {
  return sentenceReader(value);
}

/**
 * Reads a Yes/No cell (PSR, settings switches).
 * @example readYesNo("Y") // { kind: "value", value: "Yes", canonical: false, text: "Y" }
 */
export function readYesNo(value: CellValue): ReadValue<YesNo> {
  return yesNoReader(value);
}
