/**
 * A draft report as paragraphs and sentences. The draft is only ever read as text: markup
 * (Markdown emphasis, HTML-looking tags) is dropped, never interpreted.
 */

/** A paragraph of a draft, numbered from 1 in reading order (empty lines are not paragraphs). */
export interface DraftParagraph {
  readonly number: number;
  /** The paragraph as written, without its list marker. */
  readonly text: string;
  /** The list marker it was written with ("- ", "2. "), or "" for none: a heading's number may be one. */
  readonly marker: string;
  /** The criterion ID the paragraph or bullet starts with ("- 2.1. In 8 out of…" → "2.1"), if any. */
  readonly leadingId: string | null;
  /** The paragraph without its list marker and leading criterion ID. */
  readonly body: string;
}

const BULLET = /^\s*(?:[-*•–—▪◦·+]|\d{1,3}[.)](?!\d)|\(?[a-z][.)])\s+/;
const LEADING_ID = /^(\d{1,2})\.(\d{1,2})\.?(?=\s|$)\s*/;

/**
 * Splits a plain-text or Markdown draft into paragraphs: one per line, except that a line wrapped
 * inside a sentence (the line before ends without a full stop, and the line is no list item or
 * heading) is joined to it.
 * @example splitDraftText("1. Reducing\n\n- 1.1. All but three…").map((p) => p.leadingId) // [null, "1.1"]
 */
export function splitDraftText(text: string): DraftParagraph[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n|\u2028|\u2029/);
  const blocks: string[] = [];
  let current: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      current = flush(blocks, current);
      continue;
    }
    const starts = BULLET.test(line) || /^#{1,6}\s/.test(line) || LEADING_ID.test(line) || /^\d{1,2}\.?\s+[A-Z]/.test(line);
    if (current !== null && !starts && !endsParagraph(current, line)) current = `${current} ${line}`;
    else {
      current = flush(blocks, current);
      current = line;
    }
  }
  flush(blocks, current);
  return toParagraphs(blocks);
}

/**
 * Paragraphs from text whose paragraphs are already known, one per entry (a Word document's).
 * @example paragraphsOf(["Summary", "2.1. In 8 out of 19 cases…"])[1].leadingId // "2.1"
 */
export function paragraphsOf(texts: readonly string[]): DraftParagraph[] {
  return toParagraphs(texts.map((t) => t.replace(/\s+/g, " ").trim()).filter((t) => t !== ""));
}

function flush(blocks: string[], current: string | null): null {
  if (current !== null) blocks.push(current);
  return null;
}

/** A line ends its paragraph when it ends a sentence, or is a heading (marked, or short before a capital). */
function endsParagraph(line: string, next: string): boolean {
  return /[.!?:]["”’)*_]*$/.test(line) || /^#{1,6}\s/.test(line) || (line.length < 60 && !/[,;]$/.test(line) && /^["“‘]?[A-Z]/.test(next));
}

function toParagraphs(blocks: readonly string[]): DraftParagraph[] {
  return blocks.map((block, i) => {
    let text = block.replace(/^#{1,6}\s+/, "");
    // A list marker, then perhaps the criterion number: "- 2.1. In 8 out of 19 relevant cases".
    const bullet = LEADING_ID.test(text) ? null : BULLET.exec(text);
    const marker = bullet ? bullet[0] : "";
    text = text.slice(marker.length);
    const id = LEADING_ID.exec(text);
    const leadingId = id ? `${Number(id[1])}.${Number(id[2])}` : null;
    return { number: i + 1, text, marker, leadingId, body: id ? text.slice(id[0].length) : text };
  });
}

/**
 * The sentences of a paragraph, as written.
 * @example splitSentences("It was done. In 8 out of 19 cases it was not.") // ["It was done.", "In 8 out of 19 cases it was not."]
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?]["”’)*_]*\s+(?=["“‘(*_]*[A-Z0-9])/g;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 5), m.index + 1);
    // Not after an abbreviation or a number such as "2.1." or "e.g.".
    if (/\b(?:e\.g|i\.e|etc|no|vs|mr|mrs|ms|dr|st|para)\.$/i.test(before) || /\b\d{1,2}\.\d{1,2}\.$/.test(before)) continue;
    out.push(text.slice(start, end).trim());
    start = end;
  }
  const last = text.slice(start).trim();
  if (last !== "") out.push(last);
  return out;
}

/**
 * A sentence in the form the quantity terms are matched on: lower case, single spaces, plain
 * quotes and dashes, markup dropped, and quotations blanked (what an inspector quoted from a case
 * file is not a finding).
 * @example normaliseSentence('Done *well* in “all” 20 Cases') // "done well in 20 cases"
 */
export function normaliseSentence(text: string): string {
  return text
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/"[^"]*"/g, " ")
    .replace(/[*_`#>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}
