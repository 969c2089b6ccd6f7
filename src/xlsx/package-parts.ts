/**
 * The parts of an .xlsx package, as the reader takes them: JSZip reads the zip's directory; each
 * part is inflated and checked against its CRC-32 when it is read. In Node.js that is done with
 * Node's own zlib (`inflateRaw`, `crc32`), several times faster than inflating in JavaScript; in a
 * browser page JSZip inflates and checks every part's CRC-32 when the package is opened.
 */
import JSZip from "jszip";

/** A part failed its checksum or could not be inflated. */
export class DamagedPartError extends Error {
  constructor(
    readonly part: string,
    readonly checksum: boolean,
  ) {
    super(checksum ? `${part} fails its checksum` : `${part} cannot be unpacked`);
    this.name = "DamagedPartError";
  }
}

interface NodeZlib {
  crc32(data: Uint8Array, value?: number): number;
  inflateRawSync(data: Uint8Array): Uint8Array;
  deflateRawSync(data: Uint8Array, options: { level: number }): Uint8Array;
  createInflateRaw(options: { chunkSize: number }): {
    on(event: "data", f: (chunk: Uint8Array) => void): unknown;
    on(event: "end", f: () => void): unknown;
    on(event: "error", f: (e: unknown) => void): unknown;
    end(data: Uint8Array): void;
    destroy(): void;
  };
}

/**
 * Node's zlib when it has `crc32` (Node.js 20.15 and later), else null (a browser page, or an
 * older Node.js). Asked for at run time, never imported, so bundlers leave it out of the page.
 */
const zlib: NodeZlib | null = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const z = p?.getBuiltinModule?.("node:zlib") as NodeZlib | undefined;
    return z && typeof z.crc32 === "function" && typeof z.createInflateRaw === "function" && typeof z.deflateRawSync === "function" ? z : null;
  } catch {
    return null;
  }
})();

/** What JSZip keeps of an entry it has read from a zip (not part of its typed interface). */
interface ZipEntryData {
  readonly compressedContent?: unknown;
  readonly crc32?: unknown;
  readonly uncompressedSize?: unknown;
  readonly compression?: { readonly magic?: unknown };
}

function entryData(entry: JSZip.JSZipObject): ZipEntryData | undefined {
  return (entry as unknown as { _data?: ZipEntryData })._data;
}

/** The compressed bytes of a part and how to check them, when Node's zlib can do the work. */
function nativeSource(entry: JSZip.JSZipObject): { data: Uint8Array; crc: number; deflated: boolean } | null {
  if (!zlib) return null;
  const d = entryData(entry);
  if (!d || !(d.compressedContent instanceof Uint8Array) || typeof d.crc32 !== "number") return null;
  const magic = d.compression?.magic;
  if (magic !== "\x08\x00" && magic !== "\x00\x00") return null;
  return { data: d.compressedContent, crc: d.crc32 >>> 0, deflated: magic === "\x08\x00" };
}

/** A part's text packed ahead of JSZip, for `zip.file(name, packed)`. */
export type PackedPart = object;

/** Parts smaller than this are left to JSZip (packing them natively saves nothing measurable). */
const NATIVE_DEFLATE_FROM = 4096;

/**
 * In Node.js, a function that deflates a part's text with Node's zlib into the form JSZip keeps a
 * part it has read from a zip (its `CompressedObject`: sizes, CRC-32, deflated bytes), which JSZip
 * then writes as it is instead of deflating it again in JavaScript — about 5 times faster on a
 * roll-up's megabytes of sheet XML (see the README's performance section). The form is borrowed
 * from a deflated part of `zip` itself, so no internal module of JSZip is imported; null in a
 * browser page, for a zip with no deflated part, or for text too short to be worth it (the caller
 * then hands JSZip the text).
 * @example const pack = nativeDeflater(zip); zip.file(name, pack?.(xml) ?? xml);
 */
export function nativeDeflater(zip: JSZip): ((text: string) => PackedPart | null) | null {
  if (!zlib) return null;
  const z = zlib;
  const sample = Object.values(zip.files)
    .map(entryData)
    .find((d) => d?.compression?.magic === "\x08\x00" && d.compressedContent instanceof Uint8Array);
  if (!sample) return null;
  // JSZip recognises the form by its prototype (`instanceof`); its fields are those of a part read.
  const prototype = Object.getPrototypeOf(sample) as object;
  const compression = sample.compression;
  const encoder = new TextEncoder();
  return (text) => {
    if (text.length < NATIVE_DEFLATE_FROM) return null;
    const raw = encoder.encode(text);
    const packed = z.deflateRawSync(raw, { level: 6 });
    return Object.assign(Object.create(prototype) as object, { compressedSize: packed.length, uncompressedSize: raw.length, crc32: z.crc32(raw) >>> 0, compression, compressedContent: packed });
  };
}

/** A package opened for reading: its parts by name (matched case-insensitively, without a leading "/"). */
export class PackageParts {
  private readonly byName = new Map<string, JSZip.JSZipObject>();

  private constructor(readonly zip: JSZip) {
    for (const entry of Object.values(zip.files)) if (!entry.dir) this.byName.set(entry.name.replace(/^\//, "").toLowerCase(), entry);
  }

  /**
   * Opens zip bytes. Without Node's zlib, JSZip checks every part's CRC-32 here.
   * @example const parts = await PackageParts.open(bytes);
   */
  static async open(bytes: Uint8Array): Promise<PackageParts> {
    return new PackageParts(await JSZip.loadAsync(bytes, { checkCRC32: zlib === null }));
  }

  /** Part names, lower case. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The total of the parts' uncompressed sizes, as the zip's directory states them. */
  uncompressedTotal(): number {
    let total = 0;
    for (const entry of this.byName.values()) {
      const size = entryData(entry)?.uncompressedSize;
      if (typeof size === "number" && size > 0) total += size;
    }
    return total;
  }

  /** A whole part's bytes, checked; null when the package has no such part. */
  async bytes(name: string): Promise<Uint8Array | null> {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) return null;
    const native = nativeSource(entry);
    try {
      if (!native) return await entry.async("uint8array");
      const bytes = native.deflated ? zlib!.inflateRawSync(native.data) : native.data;
      if (zlib!.crc32(bytes) >>> 0 !== native.crc) throw new DamagedPartError(name, true);
      return bytes;
    } catch (e) {
      if (e instanceof DamagedPartError) throw e;
      throw new DamagedPartError(name, false);
    }
  }

  /** A whole part as text (UTF-8); null when the package has no such part. */
  async text(name: string): Promise<string | null> {
    const bytes = await this.bytes(name);
    return bytes === null ? null : new TextDecoder("utf-8").decode(bytes);
  }

  /**
   * A part as text in chunks, in order, so a large worksheet is never held whole; the part is
   * checked against its CRC-32 before the promise resolves. Returns false when there is no such part.
   */
  async stream(name: string, onText: (text: string) => void): Promise<boolean> {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) return false;
    const native = nativeSource(entry);
    const decoder = new TextDecoder("utf-8");
    const size = entryData(entry)?.uncompressedSize;
    if (!native || !native.deflated || (typeof size === "number" && size <= 1 << 20)) {
      const bytes = await this.bytes(name);
      const size = 1 << 20;
      for (let i = 0; i < bytes!.length; i += size) onText(decoder.decode(bytes!.subarray(i, i + size), { stream: true }));
      onText(decoder.decode());
      return true;
    }
    await new Promise<void>((resolve, reject) => {
      let crc = 0;
      let failed = false;
      const fail = (e: unknown): void => {
        if (failed) return;
        failed = true;
        inflate.destroy();
        reject(e);
      };
      const inflate = zlib!.createInflateRaw({ chunkSize: 1 << 20 });
      inflate.on("data", (chunk) => {
        if (failed) return;
        crc = zlib!.crc32(chunk, crc);
        try {
          onText(decoder.decode(chunk, { stream: true }));
        } catch (e) {
          fail(e);
        }
      });
      inflate.on("error", () => fail(new DamagedPartError(name, false)));
      inflate.on("end", () => {
        if (failed) return;
        if (crc >>> 0 !== native.crc) return fail(new DamagedPartError(name, true));
        try {
          onText(decoder.decode());
          resolve();
        } catch (e) {
          fail(e);
        }
      });
      inflate.end(native.data);
    });
    return true;
  }
}
