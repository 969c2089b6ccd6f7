/**
 * `check-text` end to end: the sample findings draft as .md, .txt, a .docx LibreOffice made and a
 * .docx the `docx` library made, with and without planted mistakes; refusals; hostile Word files.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { readDraft, UnusableDraftError } from "../../src/docx/read-draft";
import { PLANTS, plantedFindings, sampleFindings, score } from "../fixtures/drafts/plants";
import { docxFromMarkdown } from "../fixtures/drafts/word";
import { BIN, buildCli, ROOT } from "../hostile/cli-runner";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir, oleFile } from "../helpers/workbook-files";

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const tmp = makeTempDir("ciw-check-text-");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}
function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
interface JsonStatement {
  text: string;
  paragraph: number;
  criterionId: string | null;
  verdict: string;
}
function json(r: Run): { statements: JsonStatement[]; agrees: number; disagrees: number; unmatched: number } {
  return JSON.parse(r.stdout);
}
function expectUnusable(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}
const verdicts = (r: Run): string[] => json(r).statements.map((s) => `${s.paragraph} ${s.criterionId ?? "-"} ${s.verdict}`);

beforeAll(() => {
  buildCli();
  writeFileSync(tmp.file("true.md"), sampleFindings());
  writeFileSync(tmp.file("planted.md"), plantedFindings());
  writeFileSync(tmp.file("planted.txt"), plantedFindings());
}, 180_000);
afterAll(() => tmp.remove());

describe("check-text on the sample findings", () => {
  test("the true draft: exit 0, nothing disagrees, the readable list says so", () => {
    const r = cli("check-text", SAMPLE, "true.md");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Checked true\.md against .*sample-inspection\.xlsx: 38 quantity statements — 38 agree, 0 disagree, 0 unmatched\./);
    // The number of cases examined is held to the workbook's 20 cases.
    expect(r.stdout).toMatch(/\n {2}¶2: "We examined 20 cases[^\n]*"\n {6}"20" read as the number of cases examined; the workbook has 20 cases\.\n/);
    expect(r.stdout).not.toContain("Unmatched");
  });

  test("the planted .txt draft: exit 1, every plant flagged and nothing else, with the counts and wording", () => {
    const r = cli("check-text", SAMPLE, "planted.txt", "--json");
    expect(r.code).toBe(1);
    const out = json(r);
    const s = score(out.statements.filter((x) => x.verdict === "disagrees"));
    expect(s).toMatchObject({ truePositives: PLANTS.length, falsePositives: 0, falseNegatives: 0 });
    expect(out.disagrees).toBe(PLANTS.length);
    expect(Object.keys(out).sort()).toEqual(["agrees", "disagrees", "statements", "unmatched"]);
    const wrong21 = out.statements.find((x) => x.text.startsWith("In 9 out of 19 relevant cases this assessment"))!;
    expect(wrong21).toEqual({
      text: "In 9 out of 19 relevant cases this assessment was not done well.",
      paragraph: 11,
      criterionId: "2.1",
      stated: { notMet: 9, relevant: 19, phrase: "9 out of 19" },
      actual: { met: 11, notMet: 8, relevant: 19 },
      verdict: "disagrees",
      suggestion: "In 8 out of 19 relevant cases, the initial assessment of risk of harm to others was not done well.",
    });
    // The number of cases examined, planted wrong: corrected in the draft's own sentence.
    const sample = out.statements.find((x) => x.text.startsWith("We examined"))!;
    expect(sample).toMatchObject({ paragraph: 2, criterionId: null, stated: { relevant: 22, phrase: "22" }, actual: { relevant: 20 }, verdict: "disagrees" });
    expect((sample as unknown as { suggestion: string }).suggestion).toMatch(/^We examined 20 cases supervised by the Northbridge Youth Offending Service/);
    const text = cli("check-text", SAMPLE, "planted.txt");
    expect(text.stdout).toContain(`¶11 2.1: "In 9 out of 19 relevant cases this assessment was not done well."`);
    expect(text.stdout).toContain("says 9 not met of 19");
    expect(text.stdout).toContain("the workbook has 11 met and 8 not met of 19 relevant cases.");
  });

  test("a .docx made by the docx library gives the same verdicts as the text", async () => {
    writeFileSync(tmp.file("planted-lib.docx"), await docxFromMarkdown(plantedFindings()));
    const fromDocx = cli("check-text", SAMPLE, "planted-lib.docx", "--json");
    expect(fromDocx.code).toBe(1);
    expect(verdicts(fromDocx)).toEqual(verdicts(cli("check-text", SAMPLE, "planted.md", "--json")));
    expect(score(json(fromDocx).statements.filter((x) => x.verdict === "disagrees"))).toMatchObject({ falsePositives: 0, falseNegatives: 0 });
  });
});

describeWithLibreOffice("check-text on a .docx LibreOffice made", () => {
  test("true and planted drafts converted by soffice --convert-to docx", async () => {
    const out = tmp.file("lo");
    writeFileSync(tmp.file("true-lo.txt"), sampleFindings());
    const trueDocx = await convertWithLibreOffice(tmp.file("true-lo.txt"), out, "docx:MS Word 2007 XML");
    const plantedDocx = await convertWithLibreOffice(tmp.file("planted.txt"), out, "docx:MS Word 2007 XML");
    const t = cli("check-text", SAMPLE, trueDocx, "--json");
    expect(t.code).toBe(0);
    expect(verdicts(t)).toEqual(verdicts(cli("check-text", SAMPLE, "true.md", "--json")));
    const p = cli("check-text", SAMPLE, plantedDocx, "--json");
    expect(p.code).toBe(1);
    expect(score(json(p).statements.filter((x) => x.verdict === "disagrees"))).toMatchObject({ truePositives: PLANTS.length, falsePositives: 0 });
  }, 240_000);
});

describe("refusals: exit 2 with one line", () => {
  test("usage: a missing draft, a wrong extension, an old .doc", () => {
    expectUnusable(cli("check-text", SAMPLE), /"check-text" needs the draft report/);
    expectUnusable(cli("check-text", SAMPLE, "draft.pdf"), /must end in \.docx, \.txt or \.md/);
    expectUnusable(cli("check-text", SAMPLE, "draft.doc"), /save it as a Word Document \(\.docx\)/);
  });
  test("the workbook is refused as validate refuses it", () => {
    expectUnusable(cli("check-text", "missing.xlsx", "true.md"), /cannot use "missing\.xlsx": The file does not exist/);
  });
  test("damaged, password-protected, empty or disguised .docx", async () => {
    const good = await docxFromMarkdown("- 2.1. In 8 out of 19 relevant cases this assessment was not done well.");
    writeFileSync(tmp.file("cut.docx"), good.subarray(0, Math.floor(good.length / 2)));
    writeFileSync(tmp.file("locked.docx"), oleFile(true));
    writeFileSync(tmp.file("old.docx"), oleFile(false));
    writeFileSync(tmp.file("empty.docx"), new Uint8Array());
    writeFileSync(tmp.file("workbook.docx"), readFileSync(SAMPLE));
    writeFileSync(tmp.file("text.docx"), "In all 20 cases.");
    expectUnusable(cli("check-text", SAMPLE, "cut.docx"), /cannot use "cut\.docx": The file is damaged or incomplete/);
    expectUnusable(cli("check-text", SAMPLE, "locked.docx"), /password-protected/);
    expectUnusable(cli("check-text", SAMPLE, "old.docx"), /Word 97-2003 \(\.doc\)/);
    expectUnusable(cli("check-text", SAMPLE, "empty.docx"), /The file is empty/);
    expectUnusable(cli("check-text", SAMPLE, "workbook.docx"), /It is an Excel workbook, not a Word document/);
    expectUnusable(cli("check-text", SAMPLE, "text.docx"), /not a \.docx document/);
  });
  test("a binary file named .txt", () => {
    writeFileSync(tmp.file("binary.txt"), new Uint8Array([1, 0, 2, 0, 3]));
    expectUnusable(cli("check-text", SAMPLE, "binary.txt"), /not a text file/);
  });
});

describe("hostile Word files are refused or read as text", () => {
  async function withParts(parts: Record<string, string | Uint8Array>, base?: Uint8Array): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(base ?? (await docxFromMarkdown("- 4.4. Attention was given in every case.")));
    for (const [name, data] of Object.entries(parts)) zip.file(name, data);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  test("a zip bomb is stopped by what it really unpacks to, even when its sizes lie", async () => {
    const bomb = await withParts({ "word/media/bomb.bin": new Uint8Array(8 * 1024 * 1024) });
    await expect(readDraft(bomb, "docx", { maxUncompressedBytes: 4 * 1024 * 1024 })).rejects.toMatchObject({ reason: "too-large" });
    // Declare the bomb's size as 1 byte in both headers: the streamed count still stops it.
    const lying = lieAboutSizes(bomb, "word/media/bomb.bin");
    await expect(readDraft(lying, "docx", { maxUncompressedBytes: 4 * 1024 * 1024 })).rejects.toMatchObject({ reason: "too-large" });
  });

  test("macros are never run: the text is read and a notice says so", async () => {
    const macro = await withParts({ "word/vbaProject.bin": new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) });
    const read = await readDraft(macro, "docx");
    expect(read.paragraphs.map((p) => p.text)).toEqual(["4.4. Attention was given in every case."]);
    expect(read.notices).toEqual(["The document contains macros; they were not run (only its text was read)."]);
  });

  test("external references (linked picture, sub-document, attached template) are not fetched", async () => {
    const base = await docxFromMarkdown("- 4.4. Attention was given in every case.");
    const zip = await JSZip.loadAsync(base);
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    zip.file(
      "word/_rels/document.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///etc/passwd" TargetMode="External"/>' +
          '<Relationship Id="rX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument" Target="http://127.0.0.1:9/secret.docx" TargetMode="External"/>' +
          '<Relationship Id="rX3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="\\\\\\\\server\\\\share\\\\t.dotm" TargetMode="External"/></Relationships>',
      ),
    );
    const doc = await zip.file("word/document.xml")!.async("string");
    zip.file("word/document.xml", doc.replace("</w:body>", '<w:p><w:r><w:pict><v:imagedata xmlns:v="urn:schemas-microsoft-com:vml" r:id="rX1"/></w:pict></w:r><w:subDoc r:id="rX2"/></w:p></w:body>'));
    const read = await readDraft(await zip.generateAsync({ type: "uint8array" }), "docx");
    const text = read.paragraphs.map((p) => p.text).join("\n");
    expect(text).toBe("4.4. Attention was given in every case.");
    expect(text).not.toContain("root:");
  });

  test("an entity-expansion ('billion laughs') document is read without expanding it", async () => {
    const base = await docxFromMarkdown("x");
    const zip = await JSZip.loadAsync(base);
    const doc = await zip.file("word/document.xml")!.async("string");
    const lol = `<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join("")}]>`;
    zip.file("word/document.xml", doc.replace(/^(<\?xml[^>]*\?>)/, `$1${lol}`).replace("<w:t>x</w:t>", "<w:t>&j;</w:t>"));
    const started = Date.now();
    const result = await readDraft(await zip.generateAsync({ type: "uint8array" }), "docx").then(
      (r) => r.paragraphs.map((p) => p.text).join("").length,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    // Refused, or read with the entity left unexpanded: never 10^10 characters.
    if (typeof result === "number") expect(result).toBeLessThan(10_000);
    else expect(result).toBeInstanceOf(UnusableDraftError);
  });
});

/** A copy of a zip whose local and central headers declare `name` to unpack to 1 byte. */
function lieAboutSizes(bytes: Uint8Array, name: string): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  const nameAt = (at: number): boolean => encoded.every((b, i) => out[at + i] === b);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === encoded.length && nameAt(i + 30)) view.setUint32(i + 22, 1, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === encoded.length && nameAt(i + 46)) view.setUint32(i + 24, 1, true);
  }
  return out;
}
