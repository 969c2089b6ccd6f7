/**
 * The command line's floor, run as its own process like the command line: ExcelJS alone reads the
 * workbook and writes it back with one small added sheet.
 *
 *   node lib/bench/bench/floor-exceljs.js in.xlsx out.xlsx
 */
import ExcelJS from "exceljs";

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error("usage: floor-exceljs.js in.xlsx out.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  const sheet = workbook.addWorksheet("Floor");
  sheet.addRow(["Criterion", "Met", "Relevant"]);
  for (let i = 1; i <= 20; i++) sheet.addRow([`Criterion ${i}`, i, 20]);
  await workbook.xlsx.writeFile(output);
}

main().catch((e: unknown) => {
  process.stderr.write(`floor-exceljs: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
