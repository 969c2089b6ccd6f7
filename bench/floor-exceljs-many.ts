/**
 * The roll-up's floor, run as its own process like the command line: ExcelJS alone reads every
 * workbook named on the command line, one after another (and does nothing with them).
 *
 *   node lib/bench/bench/floor-exceljs-many.js a.xlsx b.xlsx …
 */
import ExcelJS from "exceljs";

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error("usage: floor-exceljs-many.js a.xlsx b.xlsx …");
  let sheets = 0;
  for (const file of files) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    sheets += workbook.worksheets.length;
  }
  process.stdout.write(`${sheets}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`floor-exceljs-many: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
