/**
 * Stands in for office.js in browser tests: installs the Excel test double as the host (Office.onReady
 * reports Excel) and exposes it as `window.__excelDouble` so a test can look at the workbook.
 */
import { createExcelDouble } from "./index";

const double = createExcelDouble({ sheets: [{ name: "Sheet1" }] });
double.install();
(globalThis as unknown as { __excelDouble: typeof double }).__excelDouble = double;
