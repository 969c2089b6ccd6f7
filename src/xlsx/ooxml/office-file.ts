/**
 * What an Office file is, told from its first bytes before anything is unpacked, and the one-line
 * refusal the readers raise: shared by the workbook reader (src/xlsx/read-workbook.ts) and the
 * draft reader (src/docx/read-draft.ts), which refuse the same kinds of file in the same words.
 * No Node or DOM: the page's draft reader loads it too.
 */

/** A file that cannot be used, with its reason; `message` is one line for the user. */
export class UnusableFileError<Reason extends string> extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How a file starts. */
export type OfficeFileStart =
  /** An OLE compound file holding an encrypted package: how Word and Excel save a password-protected file. */
  | "encrypted"
  /** Any other OLE compound file: a Word 97-2003 .doc, an Excel 97-2003 .xls and their kin. */
  | "legacy"
  /** A zip package, as .docx and .xlsx files are. */
  | "zip"
  /** The start of a zip, too short to hold even the end of its directory (22 bytes). */
  | "short-zip"
  | "other";

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * How a file starts, from its bytes.
 * @example officeFileStart(new Uint8Array([0x50, 0x4b, 3, 4])) // "short-zip"
 */
export function officeFileStart(bytes: Uint8Array): OfficeFileStart {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) return containsUtf16(bytes, "EncryptionInfo") || containsUtf16(bytes, "EncryptedPackage") ? "encrypted" : "legacy";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return bytes.length < 22 ? "short-zip" : "zip";
  return "other";
}

/**
 * The first 512 bytes as lower-case text without a byte-order mark or leading space, to tell an
 * RTF, PDF, XML or web page file by its opening.
 * @example fileHead(new TextEncoder().encode("  %PDF-1.7")) // "%pdf-1.7"
 */
export function fileHead(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart().toLowerCase();
}

/**
 * A size in megabytes as a user reads it: one decimal under 10 MB.
 * @example megabytes(50 * 1024 * 1024) // "50 MB"
 */
export function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Whether the bytes hold `text` in UTF-16LE, as an OLE directory names its streams. */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pattern[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}
