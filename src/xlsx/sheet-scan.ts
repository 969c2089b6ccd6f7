/**
 * A fast reader of worksheet XML for the parts spreadsheet programs write, used before saxes:
 * it gives the reader (spreadsheetml.ts) the same events saxes gives — each element's local name
 * and attributes, its end, the text between — and declines (the part is then read again by
 * saxes, which gives its answer or its error) at the first thing outside a narrow subset of
 * XML it checks completely:
 *
 * - an optional XML declaration, exactly `<?xml version="1.0"[ encoding="…"][ standalone="yes|no"]?>`
 *   at the very start (either quote);
 * - elements and attributes whose names are ASCII (`[A-Za-z_][A-Za-z0-9_.:-]*`), attributes
 *   quoted with " or ', separated by white space, none twice on an element; every element closed
 *   by its own name; one root, only white space outside it;
 * - text and attribute values of characters XML 1.0 allows, with the five predefined entities
 *   and character references (`&#10;`, `&#x41;`) of characters XML allows; no `]]>` anywhere.
 *
 * Anything else — a DOCTYPE, comment, CDATA section or processing instruction, another entity, a
 * lone surrogate, a non-ASCII name, anything not certainly well-formed — declines. What it
 * accepts, saxes accepts too and reports as the same events: line ends in text made `\n`, white
 * space in attribute values made spaces (`\r\n` one space), entities and character references
 * decoded after that. test/xlsx/sheet-scan.test.ts checks the two agree on generated and
 * corrupted worksheets and on every fixture; the measured reason for it is in src/xlsx/README.md.
 *
 * It is fast because it does little per tag: one pass over the tag's characters, element names
 * reused rather than cut out again, attribute values cut out only when asked for, text found
 * with `indexOf`. The part comes in chunks (package-parts.ts `stream`); each is read up to
 * its last `<` and the rest carried to the next, so a tag or a text is never split, and memory
 * stays one chunk plus the longest text.
 */

/** A tag's attributes, asked for by name (the qualified name as written). */
export interface TagAttributes {
  get(name: string): string | undefined;
}

/** The events a worksheet reader takes (saxes's, as spreadsheetml.ts passes them on). */
export interface XmlEvents {
  /** An element starts; a self-closing one is then closed too. `local` is the name after its first colon. */
  open(local: string, attrs: TagAttributes, selfClosing: boolean): void;
  close(local: string): void;
  /** Text inside the root, decoded. May come in pieces. */
  text(text: string): void;
}

const LT = 60;
const GT = 62;
const AMP = 38;
const SLASH = 47;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;

const DECLARATION = /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?: standalone=(["'])(?:yes|no)\3)?\?>/;
/** White space an attribute value turns into spaces. */
const VALUE_SPACE = /\r\n|[\r\n\t]/g;
/** Text that needs no decoding: no markup, reference, carriage return, `]` or character XML forbids; no surrogate. */
const PLAIN_TEXT = "[^<&\\]\\r\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uD800-\\uDFFF\\uFFFE\\uFFFF]*";
/**
 * A cell as Excel and the template writer write one, whole, matched by one regular expression
 * (native code): `<c r="B2" s="3" t="s"><v>5</v></c>`, `<c r="E2" t="inlineStr"><is><t xml:space="preserve">Yes</t></is></c>`,
 * `<c r="F2" s="2"/>`. Groups: r, s, t, the `<v>` text, `xml:space="preserve"`, the `<t>` text.
 */
const CELL = new RegExp(
  `<c r="([A-Z]{1,3}[1-9][0-9]{0,6})"(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?(?:/>|>(?:<v>(${PLAIN_TEXT})</v>|<is><t( xml:space="preserve")?>(${PLAIN_TEXT})</t></is>)?</c>)`,
  "y",
);
const NO_ATTRIBUTES: TagAttributes = { get: () => undefined };
const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Letters, digits, `_ . - :`. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 45 && c <= 58 && c !== 47) || c === 95;
}

/** Whether s[from, to) pairs every surrogate and holds no U+FFFE or U+FFFF. */
function pairedSurrogates(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c < 0xd800) continue;
    if (c <= 0xdbff) {
      const d = k + 1 < to ? s.charCodeAt(k + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return false;
      k++;
    } else if (c <= 0xdfff || c >= 0xfffe) return false;
  }
  return true;
}

/** Whether a code point is a character XML 1.0 allows. */
function isXmlChar(cp: number): boolean {
  return cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the five predefined entities and character references; null at anything else. */
function decodeReferences(s: string): string | null {
  let out = "";
  let from = 0;
  for (let amp = s.indexOf("&"); amp >= 0; amp = s.indexOf("&", from)) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0) return null;
    const name = s.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.charCodeAt(0) === 35) {
      const cp = /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : /^#x[0-9A-Fa-f]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : NaN;
      if (!isXmlChar(cp)) return null;
      decoded = String.fromCodePoint(cp);
    } else {
      decoded = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
      if (decoded === undefined) return null;
    }
    out += s.slice(from, amp) + decoded;
    from = semi + 1;
  }
  return out + s.slice(from);
}

/** An element name met before, and its local name. */
interface Name {
  readonly name: string;
  readonly local: string;
}

/** How an attribute value is kept until asked for. */
const PLAIN = 0;
const SPACED = 1;
const DECODED = 2;

/**
 * Reads worksheet XML into `events`, chunk by chunk: `write` each chunk, then `end`. Either
 * returns false when the part is outside what this reader checks: the events given so far are
 * then to be thrown away and the part read with saxes. Errors thrown by `events` pass through.
 * @example const scan = new SheetScanner(events); if (!scan.write(xml) || !scan.end()) useSaxes();
 */
export class SheetScanner implements TagAttributes {
  private carry = "";
  private first = true;
  private sawRoot = false;
  /** The open elements, outermost first. */
  private readonly stack: Name[] = [];
  /** Element names met, by first character and length. */
  private readonly names: (Name | undefined)[] = new Array<Name | undefined>(128 * 16).fill(undefined);
  /** The text being read, and the current tag's attributes in it: name and value spans. */
  private s = "";
  private count = 0;
  private readonly spans: number[] = new Array<number>(64).fill(0);
  /** Each value's kind (PLAIN, SPACED, DECODED) and, when DECODED, its text. */
  private readonly kinds: number[] = new Array<number>(16).fill(0);
  private readonly decoded: string[] = new Array<string>(16).fill("");

  /** The cell CELL matched last, and its elements' attributes. */
  private cell: RegExpExecArray | null = null;
  private readonly cellAttributes: TagAttributes = {
    get: (name) => (name === "r" ? this.cell![1] : name === "s" ? this.cell![2] : name === "t" ? this.cell![3] : undefined),
  };
  private readonly inlineTextAttributes: TagAttributes = {
    get: (name) => (name === "xml:space" && this.cell![5] !== undefined ? "preserve" : undefined),
  };

  constructor(private readonly events: XmlEvents) {}

  /** The current tag's attribute, for the events' `open`. */
  get(name: string): string | undefined {
    const { s, spans } = this;
    for (let a = 0; a < this.count; a++) {
      const at = spans[a * 4]!;
      if (spans[a * 4 + 1]! - at !== name.length || !s.startsWith(name, at)) continue;
      const kind = this.kinds[a];
      if (kind === DECODED) return this.decoded[a];
      const value = s.slice(spans[a * 4 + 2], spans[a * 4 + 3]);
      return kind === SPACED ? value.replace(VALUE_SPACE, " ") : value;
    }
    return undefined;
  }

  /** Reads a chunk (up to its last `<`); false to decline. */
  write(chunk: string): boolean {
    // Only the new chunk is searched, so a long text spread over many chunks is not searched again.
    const inChunk = chunk.lastIndexOf("<");
    const last = inChunk < 0 ? -1 : this.carry.length + inChunk;
    const s = this.carry === "" ? chunk : this.carry + chunk;
    if (last <= 0) {
      this.carry = s;
      return true;
    }
    this.carry = s.slice(last);
    return this.scan(s, last);
  }

  /** Reads what is left; false to decline (the part is not whole or not in the subset). */
  end(): boolean {
    const s = this.carry;
    this.carry = "";
    return this.scan(s, s.length) && this.sawRoot && this.stack.length === 0;
  }

  /** Reads s[0, end), where s[end] is `<` or the end of the part. */
  private scan(s: string, end: number): boolean {
    this.s = s;
    let i = 0;
    if (this.first) {
      this.first = false;
      if (s.startsWith("<?")) {
        const decl = DECLARATION.exec(s);
        if (decl === null) return false;
        i = decl[0].length;
      }
    }
    while (i < end) {
      if (s.charCodeAt(i) === LT) {
        if (s.charCodeAt(i + 1) === 99 && s.charCodeAt(i + 2) === 32 && this.stack.length > 0) {
          CELL.lastIndex = i;
          const cell = CELL.exec(s);
          if (cell !== null && CELL.lastIndex <= end) {
            this.emitCell(cell);
            i = CELL.lastIndex;
            continue;
          }
        }
        i = this.tag(s, i, end);
        if (i < 0) return false;
      } else {
        let lt = s.indexOf("<", i);
        if (lt < 0 || lt > end) lt = end;
        if (!this.text(s, i, lt)) return false;
        i = lt;
      }
    }
    return true;
  }

  /** The events of a cell CELL matched, as `tag` and `text` would give them. */
  private emitCell(cell: RegExpExecArray): void {
    const events = this.events;
    this.cell = cell;
    const whole = cell[0];
    if (whole.charCodeAt(whole.length - 2) === SLASH) {
      events.open("c", this.cellAttributes, true);
      events.close("c");
      return;
    }
    events.open("c", this.cellAttributes, false);
    const v = cell[4];
    const t = cell[6];
    if (v !== undefined) {
      events.open("v", NO_ATTRIBUTES, false);
      if (v !== "") events.text(v);
      events.close("v");
    } else if (t !== undefined) {
      events.open("is", NO_ATTRIBUTES, false);
      events.open("t", this.inlineTextAttributes, false);
      if (t !== "") events.text(t);
      events.close("t");
      events.close("is");
    }
    events.close("c");
  }

  /** Text s[from, to). */
  private text(s: string, from: number, to: number): boolean {
    let plain = true;
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c < 32) {
        if (c === 13) plain = false;
        else if (c !== 10 && c !== 9) return false;
      } else if (c === AMP || c === 93 || c >= 0xd800) plain = false;
    }
    if (this.stack.length === 0) {
      // Outside the root only white space.
      for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) return false;
      return true;
    }
    let t = s.slice(from, to);
    if (!plain) {
      if (t.includes("]]>") || !pairedSurrogates(t, 0, t.length)) return false;
      if (t.includes("\r")) t = t.replace(/\r\n?/g, "\n");
      if (t.includes("&")) {
        const decoded = decodeReferences(t);
        if (decoded === null) return false;
        t = decoded;
      }
    }
    this.events.text(t);
    return true;
  }

  /** The element name s[from, to), reused when met before. */
  private nameAt(s: string, from: number, to: number, colon: number): Name {
    const length = to - from;
    const key = ((s.charCodeAt(from) & 127) << 4) | (length & 15);
    const known = this.names[key];
    if (known !== undefined && known.name.length === length) {
      const name = known.name;
      let j = 1;
      while (j < length && name.charCodeAt(j) === s.charCodeAt(from + j)) j++;
      if (j === length) return known;
    }
    const name = s.slice(from, to);
    const entry = { name, local: colon < 0 ? name : s.slice(colon + 1, to) };
    this.names[key] = entry;
    return entry;
  }

  /** The tag at s[lt] (`<`), before `end`: the index after it, or -1 to decline. */
  private tag(s: string, lt: number, end: number): number {
    let k = lt + 1;
    if (s.charCodeAt(k) === SLASH) {
      const depth = this.stack.length - 1;
      if (depth < 0) return -1;
      const { name, local } = this.stack[depth]!;
      k++;
      if (k + name.length > end) return -1;
      for (let j = 0; j < name.length; j++, k++) if (name.charCodeAt(j) !== s.charCodeAt(k)) return -1;
      while (k < end && isSpace(s.charCodeAt(k))) k++;
      if (k >= end || s.charCodeAt(k) !== GT) return -1;
      this.stack.pop();
      this.events.close(local);
      return k + 1;
    }
    // A second root, or anything but an element (comment, CDATA, DOCTYPE, instruction).
    if (this.sawRoot && this.stack.length === 0) return -1;
    if (k >= end || !isNameStart(s.charCodeAt(k))) return -1;
    let colon = -1;
    for (k++; k < end; k++) {
      const c = s.charCodeAt(k);
      if (!isNameChar(c)) break;
      if (c === COLON && colon < 0) colon = k;
    }
    const element = this.nameAt(s, lt + 1, k, colon);
    const spans = this.spans;
    let count = 0;
    for (;;) {
      if (k >= end) return -1;
      let c = s.charCodeAt(k);
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH;
        if (selfClosing && (k + 1 >= end || s.charCodeAt(k + 1) !== GT)) return -1;
        this.sawRoot = true;
        this.count = count;
        this.events.open(element.local, this, selfClosing);
        if (selfClosing) {
          this.events.close(element.local);
          return k + 2;
        }
        this.stack.push(element);
        return k + 1;
      }
      // White space before each attribute, and maybe before the end.
      if (!isSpace(c)) return -1;
      do k++;
      while (k < end && isSpace(s.charCodeAt(k)));
      if (k >= end) return -1;
      c = s.charCodeAt(k);
      if (c === GT || c === SLASH) continue;
      if (!isNameStart(c)) return -1;
      const from = k;
      for (k++; k < end && isNameChar(s.charCodeAt(k)); k++);
      // The same name twice.
      for (let a = 0; a < count; a++) {
        const at = spans[a * 4]!;
        if (spans[a * 4 + 1]! - at !== k - from) continue;
        let j = 0;
        while (j < k - from && s.charCodeAt(at + j) === s.charCodeAt(from + j)) j++;
        if (j === k - from) return -1;
      }
      spans[count * 4] = from;
      spans[count * 4 + 1] = k;
      while (k < end && isSpace(s.charCodeAt(k))) k++;
      if (k >= end || s.charCodeAt(k) !== EQ) return -1;
      do k++;
      while (k < end && isSpace(s.charCodeAt(k)));
      const q = k < end ? s.charCodeAt(k) : 0;
      if (q !== DQUOTE && q !== SQUOTE) return -1;
      const start = k + 1;
      let kind = PLAIN;
      for (k = start; k < end; k++) {
        c = s.charCodeAt(k);
        if (c === q) break;
        if (c < 32) {
          if (c !== 13 && c !== 10 && c !== 9) return -1;
          if (kind === PLAIN) kind = SPACED;
        } else if (c === LT) return -1;
        else if (c === AMP || c >= 0xd800) kind = DECODED;
      }
      if (k >= end) return -1;
      spans[count * 4 + 2] = start;
      spans[count * 4 + 3] = k;
      if (kind === DECODED) {
        if (!pairedSurrogates(s, start, k)) return -1;
        const decoded = decodeReferences(s.slice(start, k).replace(VALUE_SPACE, " "));
        if (decoded === null) return -1;
        this.decoded[count] = decoded;
      }
      this.kinds[count] = kind;
      count++;
      k++;
    }
  }
}
