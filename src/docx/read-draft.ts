/**
 * Reads a drafted report into paragraphs: a Word document (.docx) through mammoth, which turns
 * it into plain text, or a text or Markdown file as UTF-8. Nothing in a draft is run or rendered:
 * macros are never run, linked files and pictures are never fetched, only the words are read.
 * A package is checked before mammoth opens it, so a damaged, encrypted or "zip bomb" file is
 * refused with one line instead of being unpacked. The zip reader and mammoth are loaded only when
 * a .docx is read, so a page that checks pasted text never downloads them.
 */
import type JSZip from "jszip";
import { paragraphsOf, splitDraftText, type DraftParagraph } from "../core";
import { fileHead, megabytes, officeFileStart, UnusableFileError } from "../xlsx/ooxml/office-file";

// The pane says a file's size in the reader's words before reading it, without loading this module at start.
export { megabytes };

/** Why a draft cannot be used. */
export type UnusableDraftReason = "empty" | "encrypted" | "legacy-doc" | "not-docx" | "corrupt" | "too-large" | "not-text";

/** A draft that cannot be read; `message` is one line for the user. */
export class UnusableDraftError extends UnusableFileError<UnusableDraftReason> {
  override readonly name = "UnusableDraftError";
}

/** Limits that keep reading a draft bounded. */
export interface DraftLimits {
  /** Largest file, in bytes (default 50 MB). */
  readonly maxFileBytes: number;
  /** Largest total of a .docx package's unpacked parts, in bytes (default 200 MB). */
  readonly maxUncompressedBytes: number;
}

export const DEFAULT_DRAFT_LIMITS: DraftLimits = { maxFileBytes: 50 * 1024 * 1024, maxUncompressedBytes: 200 * 1024 * 1024 };

/** A draft read into paragraphs, with anything the user should know about how it was read. */
export interface DraftText {
  readonly paragraphs: readonly DraftParagraph[];
  readonly notices: readonly string[];
}

const SAVE_AS_DOCX = "Open it in Word and save it as a Word Document (.docx).";

/**
 * Reads a draft from its bytes; `kind` comes from the file name ("docx", "txt" or "md").
 * @example const { paragraphs } = await readDraft(bytes, "docx");
 */
export async function readDraft(bytes: Uint8Array, kind: "docx" | "txt" | "md", limits: Partial<DraftLimits> = {}): Promise<DraftText> {
  const l = { ...DEFAULT_DRAFT_LIMITS, ...limits };
  if (bytes.length === 0) throw new UnusableDraftError("empty", "The file is empty (0 bytes).");
  if (bytes.length > l.maxFileBytes) throw new UnusableDraftError("too-large", `The file is ${megabytes(bytes.length)}, larger than the ${megabytes(l.maxFileBytes)} this tool reads.`);
  return kind === "docx" ? readDocx(bytes, l) : { paragraphs: splitDraftText(decodeText(bytes)), notices: [] };
}

/**
 * A text file's characters: UTF-8 (a byte-order mark is dropped), or UTF-16 when it starts with
 * its byte-order mark. A file with NUL bytes is not text.
 * @example decodeText(new TextEncoder().encode("In all 20 cases")) // "In all 20 cases"
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new UnusableDraftError("not-text", "It is a zip package (perhaps a Word document), not a text file. Name it .docx if it is one.");
  if (bytes.subarray(0, 8192).includes(0)) throw new UnusableDraftError("not-text", "It is not a text file (it holds binary data). Save the draft as .docx, .txt or .md.");
  return new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
}

async function readDocx(bytes: Uint8Array, limits: DraftLimits): Promise<DraftText> {
  sniffDocx(bytes);
  const zip = await openPackage(bytes);
  const names = Object.keys(zip.files).map((n) => n.replace(/^\//, "").toLowerCase());
  if (!names.includes("word/document.xml") && !(await mainDocumentPart(zip))) {
    if (names.includes("xl/workbook.xml")) throw new UnusableDraftError("not-docx", "It is an Excel workbook, not a Word document. Give the draft report as the second file.");
    if (names.includes("mimetype") && names.includes("content.xml")) throw new UnusableDraftError("not-docx", `It is an OpenDocument text (.odt), not a .docx file. ${SAVE_AS_DOCX}`);
    throw new UnusableDraftError("not-docx", `It is a zip archive but not a Word document (it has no document part). ${SAVE_AS_DOCX}`);
  }
  await checkUnpackedSize(zip, limits.maxUncompressedBytes);
  const notices: string[] = [];
  if (names.some((n) => /vbaproject\.bin$/.test(n))) notices.push("The document contains macros; they were not run (only its text was read).");

  const mammoth = await import(/* webpackChunkName: "mammoth" */ "mammoth");
  let raw: string;
  try {
    // Node's mammoth opens `buffer`, the browser build `arrayBuffer`; external files are never read.
    const input = { buffer: bytes, arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) } as unknown as Parameters<typeof mammoth.extractRawText>[0];
    raw = (await (mammoth.default ?? mammoth).extractRawText(input)).value;
  } catch (e) {
    throw new UnusableDraftError("corrupt", "The Word document is damaged: its text could not be read. Try a fresh copy or re-save it in Word.", { cause: e });
  }
  return { paragraphs: paragraphsOf(raw.split(/\n\n/)), notices };
}

/** Recognises what a file is from its first bytes, before any unpacking. */
function sniffDocx(bytes: Uint8Array): void {
  const start = officeFileStart(bytes);
  // Word saves a password-protected document as an OLE compound file holding an encrypted package.
  if (start === "encrypted") {
    throw new UnusableDraftError("encrypted", "The document is password-protected. In Word, remove the password (File > Info > Protect Document > Encrypt with Password) and save it again.");
  }
  if (start === "legacy") throw new UnusableDraftError("legacy-doc", `It is a Word 97-2003 (.doc) or other older Office file, not a .docx document. ${SAVE_AS_DOCX}`);
  if (start === "short-zip") throw new UnusableDraftError("corrupt", "The file is damaged or incomplete: it is too short to be a .docx package.");
  if (start === "zip") return;
  const head = fileHead(bytes);
  if (head.startsWith("{\\rtf")) throw new UnusableDraftError("not-docx", `It is a Rich Text Format (.rtf) file, not a .docx document. ${SAVE_AS_DOCX}`);
  if (head.startsWith("%pdf")) throw new UnusableDraftError("not-docx", `It is a PDF, not a .docx document. Check the Word original instead, or save the text as .txt.`);
  throw new UnusableDraftError("not-docx", `It is not a .docx document (the file does not start like one). ${SAVE_AS_DOCX}`);
}

async function openPackage(bytes: Uint8Array): Promise<JSZip> {
  const { default: zip } = await import(/* webpackChunkName: "jszip" */ "jszip");
  try {
    return await zip.loadAsync(bytes);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/encrypt/i.test(text)) throw new UnusableDraftError("encrypted", "The file is an encrypted zip. Remove the password and save it again as .docx.", { cause: e });
    throw new UnusableDraftError("corrupt", "The file is damaged or incomplete: it is not a readable .docx package. Try a fresh copy or re-save it in Word.", { cause: e });
  }
}

/** Whether the package's relationships name a main document part elsewhere than word/document.xml. */
async function mainDocumentPart(zip: JSZip): Promise<boolean> {
  const rels = zip.file("_rels/.rels");
  if (!rels) return false;
  const xml = await rels.async("string").catch(() => "");
  const m = /Type="[^"]*\/officeDocument"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(xml);
  const target = (m?.[1] ?? m?.[2] ?? "").replace(/^\//, "");
  return target !== "" && !target.startsWith("xl/") && zip.file(target) !== null;
}

/**
 * Unpacks every part once as a stream, counting bytes and stopping as soon as the package is
 * larger than the limit: the sizes a zip declares may lie, so a "zip bomb" is stopped by what it
 * really unpacks to, never held whole in memory. Every part is also checked against its checksum.
 */
async function checkUnpackedSize(zip: JSZip, limit: number): Promise<void> {
  let declared = 0;
  for (const f of Object.values(zip.files)) declared += (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  const tooLarge = (n: number): UnusableDraftError => new UnusableDraftError("too-large", `The document unpacks to more than ${megabytes(n)}, larger than the ${megabytes(limit)} this tool reads.`);
  if (declared > limit) throw tooLarge(declared);
  let total = 0;
  for (const f of Object.values(zip.files)) {
    if (f.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = (f as unknown as { internalStream: (type: "uint8array") => UnpackStream }).internalStream("uint8array");
      stream
        .on("data", (chunk: Uint8Array) => {
          total += chunk.length;
          if (total > limit) {
            stream.pause();
            reject(tooLarge(total));
          }
        })
        .on("error", (e: Error) => reject(new UnusableDraftError("corrupt", "The Word document is damaged: part of it cannot be unpacked. Try a fresh copy or re-save it in Word.", { cause: e })))
        .on("end", () => resolve())
        .resume();
    });
  }
}

/** JSZip's internal stream of a part (not in its published typings). */
interface UnpackStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): UnpackStream;
  on(event: "error", listener: (e: Error) => void): UnpackStream;
  on(event: "end", listener: () => void): UnpackStream;
  pause(): UnpackStream;
  resume(): UnpackStream;
}
