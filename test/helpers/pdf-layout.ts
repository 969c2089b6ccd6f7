/**
 * The text lines of a PDF with their boxes, from poppler's `pdftotext -bbox-layout`: enough to
 * tell which page shows what, whether two lines are drawn over each other, and in what order a
 * reader meets the text.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export interface PdfLine {
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly text: string;
}

export interface PdfPage {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PdfLine[];
}

/** Whether poppler's pdftotext can be run here. */
export function hasPdftotext(): boolean {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, "pdftotext"), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

/** Every page of a PDF with its text lines in reading order (top to bottom, then left to right). */
export async function pdfPages(pdfPath: string): Promise<PdfPage[]> {
  const xhtml = await new Promise<string>((resolve, reject) => {
    execFile("pdftotext", ["-bbox-layout", pdfPath, "-"], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdftotext failed (${error.message}): ${stderr}`));
      else resolve(stdout);
    });
  });
  const pages: PdfPage[] = [];
  for (const page of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: PdfLine[] = [];
    for (const line of page[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...line[5]!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]!));
      lines.push({ xMin: Number(line[1]), yMin: Number(line[2]), xMax: Number(line[3]), yMax: Number(line[4]), text: words.join(" ") });
    }
    lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    pages.push({ number: pages.length + 1, width: Number(page[1]), height: Number(page[2]), lines });
  }
  return pages;
}

/**
 * Pairs of lines on a page whose glyphs are drawn over each other. A line's box runs from the
 * top of its tallest ascender to the bottom of its lowest descender, so the boxes of two lines
 * set one under the other in a paragraph touch; what must never meet is their middle, where the
 * letters are: the box with a quarter of its height taken off at the top and at the bottom.
 */
export function overlappingLines(page: PdfPage): [PdfLine, PdfLine][] {
  const core = (l: PdfLine): { x0: number; x1: number; y0: number; y1: number } => {
    const h = l.yMax - l.yMin;
    return { x0: l.xMin, x1: l.xMax, y0: l.yMin + h / 4, y1: l.yMax - h / 4 };
  };
  const pairs: [PdfLine, PdfLine][] = [];
  for (let i = 0; i < page.lines.length; i++) {
    const a = core(page.lines[i]!);
    for (let j = i + 1; j < page.lines.length; j++) {
      const b = core(page.lines[j]!);
      if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5) pairs.push([page.lines[i]!, page.lines[j]!]);
    }
  }
  return pairs;
}
