/**
 * Parts the package writer deflates with Node's zlib instead of JSZip's JavaScript deflate: the zip
 * that comes out must read back, part for part, with its checksums and sizes right, in JSZip (which
 * checks the CRC-32 of every part here) and in Node's own inflate.
 */
import JSZip from "jszip";
import { inflateRawSync } from "node:zlib";
import { nativeDeflater } from "../../src/xlsx/package-parts";

/** A zip with one deflated part, as the package writer gets a package to write into. */
async function loadedZip(): Promise<JSZip> {
  const zip = new JSZip();
  zip.file("a.xml", "<a>" + "b".repeat(2000) + "</a>");
  return JSZip.loadAsync(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

/** Text of `n` characters that does not repeat much, with characters outside ASCII. */
function sheetXml(n: number): string {
  let s = "<sheetData>";
  for (let i = 0; s.length < n; i++) s += `<c r="A${i + 1}"><is><t>Déjà vu ${(i * 7919) % 104729} ✓</t></is></c>`;
  return s + "</sheetData>";
}

describe("nativeDeflater", () => {
  test("a packed part reads back as the same text, its CRC-32 and sizes checked by JSZip", async () => {
    const zip = await loadedZip();
    const pack = nativeDeflater(zip);
    expect(pack).not.toBeNull();
    const text = sheetXml(200_000);
    const packed = pack!(text);
    expect(packed).not.toBeNull();
    zip.file("xl/worksheets/sheet1.xml", packed as unknown as string);
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });

    const again = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(await again.file("xl/worksheets/sheet1.xml")!.async("string")).toBe(text);
    expect(await again.file("a.xml")!.async("string")).toBe("<a>" + "b".repeat(2000) + "</a>");
    // The zip's own record of the part: deflated, the sizes of the UTF-8 text and of what inflates.
    const entry = (again.file("xl/worksheets/sheet1.xml") as unknown as { _data: { compressedContent: Uint8Array; uncompressedSize: number; compression: { magic: string } } })._data;
    expect(entry.compression.magic).toBe("\x08\x00");
    expect(entry.uncompressedSize).toBe(Buffer.byteLength(text, "utf8"));
    expect(Buffer.from(inflateRawSync(entry.compressedContent)).toString("utf8")).toBe(text);
    expect(entry.compressedContent.length).toBeLessThan(Buffer.byteLength(text, "utf8") / 3);
  });

  test("short text is left to JSZip, and a zip with no deflated part to borrow the form from gets no packer", async () => {
    const pack = nativeDeflater(await loadedZip());
    expect(pack!("<a/>")).toBeNull();
    const stored = new JSZip();
    stored.file("a.xml", "<a/>");
    expect(nativeDeflater(await JSZip.loadAsync(await stored.generateAsync({ type: "uint8array", compression: "STORE" })))).toBeNull();
    expect(nativeDeflater(new JSZip())).toBeNull();
  });
});
