/**
 * Editing a cell of a written package in place, as a person typing in it would (the rest of the
 * package byte for byte as it was), for tests that then let LibreOffice recalculate the file.
 */
import JSZip from "jszip";

/** Sets a text cell of a sheet part (a shared or an inline string) to other text, as an inline string. */
export async function setCell(zip: JSZip, sheetPath: string, ref: string, text: string): Promise<void> {
  const xml = await zip.file(sheetPath)!.async("string");
  const re = new RegExp(`(<c r="${ref}"[^>]*?)(?: t="[^"]*")?(>)(?:<v>[^<]*</v>|<is>.*?</is>)`);
  if (!re.test(xml)) throw new Error(`no cell ${ref}`);
  zip.file(sheetPath, xml.replace(re, `$1 t="inlineStr"$2<is><t>${text}</t></is>`));
}

/** The part of the sheet a workbook names `name`. */
export async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)![1]!;
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
  return `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, "")}`;
}
