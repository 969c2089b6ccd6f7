/**
 * The template as LibreOffice prints it (with Carlito, metric-compatible with Calibri): every cell
 * in the workbook's sans-serif font, never the program's serif default, and every word of every
 * Cases header printed (a header row too short for a long criterion name cuts its last lines off,
 * and pdftotext then has no text for them).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { buildTemplate, wrappedLines } from "../../src/core";
import { writeTemplate } from "../../src/xlsx/template";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir } from "../helpers/workbook-files";

// Hyphenated words may be wrapped at the hyphen.
const words = (text: string): string[] => text.split(/[\s-]+/).filter((w) => w !== "");

function count(list: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

describe("header heights", () => {
  test("a long criterion name wraps onto more lines at a narrow column than a short one", () => {
    expect(wrappedLines("Case ID", 10)).toBe(1);
    expect(wrappedLines("3.4 Management oversight of safeguarding and vulnerability", 14)).toBeGreaterThanOrEqual(4);
    expect(wrappedLines("3.4 Management oversight of safeguarding and vulnerability", 60)).toBe(1);
  });
});

describeWithLibreOffice("the template printed by LibreOffice", () => {
  const tmp = makeTempDir("ciw-template-render-");
  afterAll(() => tmp.remove());
  const template = buildTemplate();
  let pdf = "";

  beforeAll(async () => {
    const file = tmp.file("template.xlsx");
    writeFileSync(file, await writeTemplate(template, { created: new Date(Date.UTC(2026, 0, 1)) }));
    pdf = await convertWithLibreOffice(file, tmp.file("pdf"), "pdf");
  }, 180_000);

  test("uses only Calibri's metric-compatible Carlito, regular and bold", () => {
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .map((line) => line.split(/\s+/)[0]!)
      .filter((name) => name !== "");
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.map((f) => f.replace(/^[A-Z]{6}\+/, ""))).toEqual(expect.arrayContaining(["Carlito-Bold"]));
    for (const f of fonts) expect(f).toMatch(/^([A-Z]{6}\+)?Carlito(-Bold)?$/);
  });

  test("prints every word of every Cases header: no header is cut off", () => {
    const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f");
    // The Cases sheet's pages come first, up to the Interviews sheet's header.
    const casesPages = pages.slice(0, pages.findIndex((p) => p.includes("Interviewee")));
    expect(casesPages.length).toBeGreaterThan(0);
    const printed = count(casesPages.flatMap(words));
    const wanted = count(template.cases.headers.flatMap(words));
    const missing = [...wanted].filter(([w, n]) => (printed.get(w) ?? 0) < n).map(([w]) => w);
    expect(missing).toEqual([]);
  });
});
