/**
 * The Previous inspection sheet: the figures of the inspection this one is compared with, kept in
 * the workbook so that a later build compares without the old file (see previous-inspection.ts,
 * which reads them back). Deleting the sheet stops the comparison.
 */
import type { Analysis } from "../analyse";
import { PREVIOUS_FACTS, PREVIOUS_HEADERS, PREVIOUS_MARKER, PREVIOUS_ROW_KINDS, PREVIOUS_SHEET_NAME, type PreviousFigure } from "../previous-inspection";
import { REPORT_STYLES } from "./build";
import type { CellStyle, SheetLayout } from "./model";
import { SheetBuilder } from "./sheet-builder";
import { generatedAtText, isoToSerial } from "./text";

const LAST_COL = PREVIOUS_HEADERS.length - 1;

const previousStyles = (): Readonly<Record<string, CellStyle>> => ({
  ...REPORT_STYLES,
  date: { horizontal: "left", vertical: "top", numberFormat: "d mmmm yyyy" },
});

/**
 * The Previous inspection sheet of an analysis compared with an earlier inspection; null without one.
 * @example buildPreviousSheet(analysis, { generatedAt: new Date() })?.name // "Previous inspection"
 */
export function buildPreviousSheet(a: Analysis, options: { readonly generatedAt: Date }): SheetLayout | null {
  const p = a.previous;
  if (!p) return null;
  const b = new SheetBuilder("previous", PREVIOUS_SHEET_NAME, previousStyles());
  const service = p.service === "" ? "service not named" : p.service;
  const from = p.source === "" ? "" : `, from ${p.source}`;
  const marker = `${PREVIOUS_MARKER} on ${generatedAtText(options.generatedAt)}${from}.`;
  b.heading(
    `Previous inspection: ${service}`,
    marker,
    "The previous inspection's figures, kept so that Build summary compares this inspection with them without the earlier file. " +
      "Delete this sheet to stop comparing; choose another earlier inspection to replace it. Change a figure only to correct it.",
    LAST_COL,
  );

  let r = 4;
  const fact = (label: string, write: (row: number) => void): void => {
    b.text(r, 0, label, "label").merge(r, 0, r, 1);
    write(r);
    r++;
  };
  const textFact = (label: string, value: string): void => fact(label, (row) => b.text(row, 2, value, "value").merge(row, 2, row, LAST_COL));
  const dateFact = (label: string, value: string | null): void => {
    const serial = isoToSerial(value);
    if (serial !== null) fact(label, (row) => b.number(row, 2, serial, "date").merge(row, 2, row, LAST_COL));
    else textFact(label, value ?? "");
  };
  textFact(PREVIOUS_FACTS.service, p.service);
  dateFact(PREVIOUS_FACTS.start, p.start);
  dateFact(PREVIOUS_FACTS.end, p.end);
  textFact(PREVIOUS_FACTS.source, p.source);
  textFact(PREVIOUS_FACTS.framework, p.framework);
  r++;

  const headerRow = r;
  PREVIOUS_HEADERS.forEach((h, c) => b.text(headerRow, c, h, c >= 3 && c <= 5 ? "headerCentre" : "header"));
  r++;
  const row = (kind: string, id: string, title: string, f: PreviousFigure, rating: string | null, styles: "plain" | "total"): void => {
    const [text, count, percent] = styles === "plain" ? ["text", "count", "percent"] : ["total", "totalCount", "totalPercent"];
    b.text(r, 0, kind, text).text(r, 1, id, text).text(r, 2, title, text);
    b.number(r, 3, f.met, count).number(r, 4, f.relevant, count);
    const at = SheetBuilder.at;
    b.formula(r, 5, `IF(${at(r, 4)}=0,"",${at(r, 3)}/${at(r, 4)})`, f.relevant === 0 ? "" : f.met / f.relevant, percent);
    b.text(r, 6, rating ?? "", text);
    r++;
  };
  for (const c of p.criteria) row(c.interview ? PREVIOUS_ROW_KINDS.interview : PREVIOUS_ROW_KINDS.criterion, c.id, c.title, c, null, "plain");
  for (const s of p.sections) row(PREVIOUS_ROW_KINDS.section, s.number, s.title, s, s.rating, "total");
  if (p.overall) row(PREVIOUS_ROW_KINDS.overall, "", "All criteria", p.overall, p.overall.rating, "total");

  return b.build({
    columnWidths: [18, 8, 52, 8, 10, 9, 22],
    freeze: { rows: headerRow + 1, cols: 0 },
    print: {
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: { first: headerRow, last: headerRow },
      footer: `${service}: previous inspection's figures, kept ${generatedAtText(options.generatedAt)}`,
    },
    chart: null,
    marker,
  });
}
