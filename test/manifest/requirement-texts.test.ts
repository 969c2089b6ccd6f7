/**
 * What the add-in says about the Excel it needs agrees with Microsoft's requirement-set table
 * (learn.microsoft.com, "Excel JavaScript API requirement sets"): ExcelApi 1.9 comes with
 * Microsoft 365 and retail Office 2019 from version 1903, Office 2021 or later, Excel on the web and
 * Excel for Mac 16.24; volume-licensed Office 2019 stops at ExcelApi 1.7. Checked in the manifest's
 * comment, the README and the message users see.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatOfficeError, REQUIRED_EXCEL_API } from "../../src/excel";

const ROOT = join(__dirname, "..", "..");

const texts: Record<string, string> = {
  manifest: readFileSync(join(ROOT, "manifest.xml"), "utf8").split("-->")[0]!.replace(/\s+/g, " "),
  readme: readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " "),
  message: formatOfficeError({ code: "ApiNotFound" }).text,
};

test.each(Object.keys(texts))("the %s names where ExcelApi 1.9 is, and that volume-licensed Office 2019 stops at 1.7", (which) => {
  const text = texts[which]!;
  expect(REQUIRED_EXCEL_API).toBe("1.9");
  expect(text).toMatch(/Microsoft 365/);
  expect(text).toMatch(/Office 2021 or later/);
  expect(text).toMatch(/retail Office 2019[^.]*1903/);
  expect(text).toMatch(/Excel on the web/);
  expect(text).toMatch(/Mac 16\.24/);
  expect(text).toMatch(/volume-licensed Office 2019[^.]*1\.7/i);
  expect(text).not.toMatch(/Excel 2019 or Microsoft 365|stops at ExcelApi 1\.8/);
});
