/**
 * The section chart of a report written by the command line, opened by the two other programs a
 * manager's file meets: LibreOffice (converted to .ods, where the chart becomes an embedded chart
 * object whose data it reads from the sheet's cells) and ExcelJS (which must load the file whole).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BIN, buildCli, ROOT } from "../hostile/cli-runner";
import { convertWithLibreOffice, describeWithLibreOffice } from "../helpers/libreoffice";
import { makeTempDir } from "../helpers/workbook-files";

const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");

/** The sample's section percentages, as the inspection's own summary (the seed report) gives them. */
const SECTIONS: readonly (readonly [string, number])[] = [
  ["1 Reducing the likelihood of reoffending", 52 / 58],
  ["2 Protecting the public", 51 / 84],
  ["3 Protecting the child or young person", 42 / 64],
  ["4 Ensuring that the sentence is served", 85 / 95],
  ["5 Operational management", 11 / 19],
];

const tmp = makeTempDir("ciw-chart-");
let report: string;

beforeAll(() => {
  buildCli();
  report = tmp.file("report.xlsx");
  const r = spawnSync(process.execPath, [BIN, "report", SAMPLE, "--out", report], { cwd: tmp.dir, encoding: "utf8", timeout: 60_000 });
  expect([r.status, r.stderr]).toEqual([0, ""]);
}, 180_000);

afterAll(() => tmp.remove());

/** The report with every cached value in its chart part set to 0 (so only the cells can give the true ones). */
async function withZeroedChartCache(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
  expect(charts).toHaveLength(1);
  const xml = await zip.file(charts[0]!)!.async("string");
  const zeroed = xml.replace(/(<c:numCache>.*?<\/c:numCache>)/gs, (cache) => cache.replace(/<c:v>[^<]*<\/c:v>/g, "<c:v>0</c:v>"));
  expect(zeroed).not.toBe(xml);
  zip.file(charts[0]!, zeroed);
  const out = tmp.file("report-zeroed-cache.xlsx");
  fs.writeFileSync(out, await zip.generateAsync({ type: "uint8array" }));
  return out;
}

describe("the section chart of a command-line report", () => {
  it("opens in ExcelJS: the file loads whole, the Summary first with the cells the chart reads", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(["Summary", "Strengths & improvements"]);
    expect(names).toEqual(expect.arrayContaining(["Cases", "Interviews", "Criteria", "Settings"]));
    // The ranges the chart part names hold the section names and (cached) percentages.
    const zip = await JSZip.loadAsync(fs.readFileSync(report));
    const part = await zip.file(/^xl\/charts\/chart\d+\.xml$/)[0]!.async("string");
    const ref = (tag: string): [number, number, number] => {
      const m = new RegExp(`<c:${tag}><c:\\w+><c:f>'?Summary'?!\\$([A-Z])\\$(\\d+):\\$[A-Z]\\$(\\d+)</c:f>`).exec(part)!;
      return [m[1]!.charCodeAt(0) - 64, Number(m[2]), Number(m[3])];
    };
    const [catCol, catFirst, catLast] = ref("cat");
    const [valCol, valFirst] = ref("val");
    const summary = wb.getWorksheet("Summary")!;
    const value = (cell: ExcelJS.Cell): unknown => (typeof cell.value === "object" && cell.value !== null && "result" in cell.value ? cell.value.result : cell.value);
    const shown: [unknown, unknown][] = [];
    for (let r = catFirst; r <= catLast; r++) shown.push([value(summary.getCell(r, catCol)), value(summary.getCell(valFirst + r - catFirst, valCol))]);
    expect(shown.map(([name]) => name)).toEqual(SECTIONS.map(([name]) => name));
    shown.forEach(([, v], i) => expect(v as number).toBeCloseTo(SECTIONS[i]![1], 6));
  });

  describeWithLibreOffice("in LibreOffice", () => {
    it("is a bar chart of the five sections reading the Summary's cells, whatever values the file cached", async () => {
      const ods = await convertWithLibreOffice(await withZeroedChartCache(report), path.join(tmp.dir, "ods"), "ods");
      const zip = await JSZip.loadAsync(fs.readFileSync(ods));
      const objects = Object.keys(zip.files).filter((n) => /^Object \d+\/content\.xml$/.test(n));
      expect(objects).toHaveLength(1);
      const chart = await zip.file(objects[0]!)!.async("string");
      expect(chart).toContain('chart:class="chart:bar"');
      expect(chart).toContain("<text:p>Section scores (% met)</text:p>");
      const series = /<chart:series [^>]*chart:values-cell-range-address="([^"]+)"/.exec(chart)?.[1];
      const categories = /<chart:categories table:cell-range-address="([^"]+)"/.exec(chart)?.[1];
      expect(series).toMatch(/^Summary\.C\d+:Summary\.C\d+$/);
      expect(categories).toMatch(/^Summary\.A\d+:Summary\.A\d+$/);
      // The chart's own table, which LibreOffice fills from those cells.
      const rows = [...chart.matchAll(/<table:table-row><table:table-cell office:value-type="string"><text:p>([^<]*)<\/text:p>.*?office:value="([^"]+)"/gs)];
      expect(rows.map((m) => m[1])).toEqual(SECTIONS.map(([name]) => name));
      rows.forEach((m, i) => expect(Number(m[2])).toBeCloseTo(SECTIONS[i]![1], 6));
    }, 180_000);
  });
});
