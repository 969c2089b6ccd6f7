/**
 * A tiny, position-keeping XML scanner for the few package parts the writer edits. It never
 * rebuilds a document: callers find elements by offset and splice text, so every byte they do
 * not touch stays exactly as it was.
 */

/** One tag (or comment, processing instruction, CDATA section, doctype) in a document. */
export interface XmlTag {
  readonly kind: "open" | "close" | "empty" | "other";
  /** Qualified name as written, e.g. "x:row"; "" for kind "other". */
  readonly name: string;
  /** Name without its namespace prefix. */
  readonly local: string;
  readonly start: number;
  /** Offset just after the tag's ">". */
  readonly end: number;
  /** The raw attribute text (for open and empty tags). */
  readonly attrs: string;
}

/** An element located in a document, with the offsets needed to splice around or inside it. */
export interface XmlElement {
  readonly name: string;
  readonly local: string;
  readonly start: number;
  /** Offset just after the opening tag. */
  readonly openEnd: number;
  /** Offset of the closing tag (equals openEnd for a self-closing element). */
  readonly innerEnd: number;
  /** Offset just after the element. */
  readonly end: number;
  readonly attrs: string;
  readonly selfClosing: boolean;
}

const TAG =
  /<(?:!--[\s\S]*?--|\?[\s\S]*?\?|!\[CDATA\[[\s\S]*?\]\]|![A-Za-z][^>]*|(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?))>/g;

/** Iterates the tags of `xml` from `from` up to `to` (tags cut by `to` are not returned). */
export function* xmlTags(xml: string, from = 0, to = xml.length): Generator<XmlTag> {
  const re = new RegExp(TAG.source, "g");
  re.lastIndex = from;
  for (;;) {
    const m = re.exec(xml);
    if (!m || m.index + m[0].length > to) return;
    const end = m.index + m[0].length;
    const name = m[2];
    if (name === undefined) {
      yield { kind: "other", name: "", local: "", start: m.index, end, attrs: "" };
      continue;
    }
    const colon = name.indexOf(":");
    const local = colon < 0 ? name : name.slice(colon + 1);
    const kind = m[1] === "/" ? "close" : m[4] === "/" ? "empty" : "open";
    yield { kind, name, local, start: m.index, end, attrs: m[3] ?? "" };
  }
}

/** The element that starts with the open or empty tag `tag`, or null if its end is not in `xml` before `to`. */
export function elementAt(xml: string, tag: XmlTag, to = xml.length): XmlElement | null {
  if (tag.kind === "empty") {
    return { name: tag.name, local: tag.local, start: tag.start, openEnd: tag.end, innerEnd: tag.end, end: tag.end, attrs: tag.attrs, selfClosing: true };
  }
  if (tag.kind !== "open") return null;
  let depth = 1;
  for (const t of xmlTags(xml, tag.end, to)) {
    if (t.kind === "open") depth++;
    else if (t.kind === "close" && --depth === 0) {
      return { name: tag.name, local: tag.local, start: tag.start, openEnd: tag.end, innerEnd: t.start, end: t.end, attrs: tag.attrs, selfClosing: false };
    }
  }
  return null;
}

/** The first element with local name `local` at any depth from `from`, or null. */
export function findElement(xml: string, local: string, from = 0, to = xml.length): XmlElement | null {
  for (const t of xmlTags(xml, from, to)) {
    if ((t.kind === "open" || t.kind === "empty") && t.local === local) return elementAt(xml, t, to);
  }
  return null;
}

/** The document (root) element. */
export function rootElement(xml: string): XmlElement | null {
  for (const t of xmlTags(xml)) {
    if (t.kind === "open" || t.kind === "empty") return elementAt(xml, t);
  }
  return null;
}

/** The direct children of `parent` (elements only), in document order. */
export function childElements(xml: string, parent: XmlElement): XmlElement[] {
  const children: XmlElement[] = [];
  if (parent.selfClosing) return children;
  let pos = parent.openEnd;
  for (;;) {
    let next: XmlTag | null = null;
    for (const t of xmlTags(xml, pos, parent.innerEnd)) {
      if (t.kind === "open" || t.kind === "empty") {
        next = t;
        break;
      }
    }
    if (!next) return children;
    const el = elementAt(xml, next, parent.innerEnd);
    if (!el) return children;
    children.push(el);
    pos = el.end;
  }
}

/** The direct children of `parent` with local name `local`. */
export function childrenNamed(xml: string, parent: XmlElement, local: string): XmlElement[] {
  return childElements(xml, parent).filter((c) => c.local === local);
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** All attributes of a raw attribute string, by qualified name, values decoded. */
export function parseAttrs(attrs: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of attrs.matchAll(ATTR)) map.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ""));
  return map;
}

/** One attribute's decoded value, or undefined. */
export function getAttr(attrs: string, name: string): string | undefined {
  return parseAttrs(attrs).get(name);
}

/**
 * The opening tag `openTag` (e.g. `<calcPr calcId="1">`) with attribute `name` set to `value`
 * (replaced in place if present, appended otherwise).
 */
export function setAttr(openTag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  const quoted = `"${escapeAttr(value)}"`;
  if (re.test(openTag)) return openTag.replace(re, (_all, lead: string) => `${lead}${quoted}`);
  const close = openTag.endsWith("/>") ? openTag.length - 2 : openTag.length - 1;
  let insertAt = close;
  while (insertAt > 0 && /\s/.test(openTag[insertAt - 1]!)) insertAt--;
  return `${openTag.slice(0, insertAt)} ${name}=${quoted}${openTag.slice(insertAt)}`;
}

/** The namespace prefix of a qualified name, with its colon ("x:"), or "". */
export function prefixOf(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(":");
  return colon < 0 ? "" : qualifiedName.slice(0, colon + 1);
}

/** The prefix bound to namespace `uri` by the attributes of an element ("r:"), "" for the default namespace, or null. */
export function prefixForNamespace(attrs: string, uri: string): string | null {
  for (const [name, value] of parseAttrs(attrs)) {
    if (value !== uri) continue;
    if (name === "xmlns") return "";
    if (name.startsWith("xmlns:")) return `${name.slice(6)}:`;
  }
  return null;
}

/** Decodes the five predefined entities and numeric character references. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g, (all, dec: string, hex: string, named: string) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[named as "lt"];
  });
}

/** Decodes OOXML's `_xHHHH_` escapes (used in shared strings and cell text). */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Escapes text content (& < >). */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** Escapes an attribute value written between double quotes. */
export function escapeAttr(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : `&#${c.charCodeAt(0)};`,
  );
}

/**
 * Text made safe for an OOXML string (cell text, shared string): characters XML 1.0 cannot
 * carry are written as `_xHHHH_`, a literal `_xHHHH_` gets its underscore escaped so it reads
 * back unchanged, lone surrogates become U+FFFD, and the result is XML-escaped.
 */
export function escapeOoxmlString(text: string): string {
  let out = text.replace(/_(x[0-9a-fA-F]{4}_)/g, "_x005F_$1");
  out = out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeText(out);
}

/** Text with the characters XML 1.0 cannot carry removed (for attributes and formulas). */
export function stripInvalidXmlChars(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

/** One text splice: replace [start, end) with `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping splices (in any order) to `xml`. */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) throw new Error("overlapping XML edits");
    out += xml.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + xml.slice(pos);
}
