/**
 * Column groups in the layout model, as the worksheet renderer writes them: the columns of a group
 * at outline level 1, hidden only when the group is folded, the column after a folded group marked
 * collapsed; groups that would run together refused.
 */
import { columnGroupsOf, type WorksheetLayout } from "../../src/core";
import { MINIMAL_STYLES_XML, StylesEditor } from "../../src/xlsx/ooxml/styles";
import { renderWorksheet } from "../../src/xlsx/ooxml/worksheet";

function sheet(columnGroups: WorksheetLayout["columnGroups"]): WorksheetLayout {
  return {
    name: "Cases",
    styles: {},
    cells: [{ row: 0, col: 0, kind: "text", text: "Case ID" }],
    columnWidths: [10, 14, 30, 14],
    rowHeights: [],
    freeze: null,
    tables: [],
    validations: [],
    ...(columnGroups ? { columnGroups } : {}),
  };
}

const cols = (xml: string): string[] => [...xml.matchAll(/<col [^>]*\/>/g)].map((m) => m[0]);

describe("column groups in a worksheet part", () => {
  test("a folded group: hidden at level 1, the column after it collapsed, the sheet's outline one level deep", () => {
    const { xml } = renderWorksheet(sheet([{ first: 2, last: 2, collapsed: true }]), new StylesEditor(MINIMAL_STYLES_XML));
    expect(xml).toContain('<sheetFormatPr defaultRowHeight="15" outlineLevelCol="1"/>');
    expect(cols(xml)).toEqual([
      '<col min="1" max="1" width="10" customWidth="1"/>',
      '<col min="2" max="2" width="14" customWidth="1"/>',
      '<col min="3" max="3" width="30" hidden="1" customWidth="1" outlineLevel="1"/>',
      '<col min="4" max="4" width="14" customWidth="1" collapsed="1"/>',
    ]);
  });

  test("an open group: level 1, nothing hidden or collapsed; a grouped column without a width gets Excel's default", () => {
    const { xml } = renderWorksheet(sheet([{ first: 5, last: 6, collapsed: false }]), new StylesEditor(MINIMAL_STYLES_XML));
    expect(cols(xml).slice(4)).toEqual(['<col min="6" max="6" width="9.140625" outlineLevel="1"/>', '<col min="7" max="7" width="9.140625" outlineLevel="1"/>']);
    expect(xml).not.toMatch(/hidden|collapsed/);
  });

  test("no groups: the part as before (no outline anywhere)", () => {
    const { xml } = renderWorksheet(sheet(undefined), new StylesEditor(MINIMAL_STYLES_XML));
    expect(xml).toContain('<sheetFormatPr defaultRowHeight="15"/>');
    expect(xml).not.toMatch(/outline|hidden|collapsed/);
  });

  test("groups that touch or overlap, or leave no column after them, are refused", () => {
    expect(() => columnGroupsOf({ columnGroups: [{ first: 2, last: 3, collapsed: true }, { first: 4, last: 4, collapsed: true }] })).toThrow(/touch or overlap/);
    expect(() => columnGroupsOf({ columnGroups: [{ first: 2, last: 3, collapsed: true }, { first: 3, last: 5, collapsed: true }] })).toThrow(/touch or overlap/);
    expect(() => columnGroupsOf({ columnGroups: [{ first: 3, last: 2, collapsed: true }] })).toThrow(RangeError);
    expect(() => columnGroupsOf({ columnGroups: [{ first: 16383, last: 16383, collapsed: true }] })).toThrow(RangeError);
    expect(columnGroupsOf({ columnGroups: [{ first: 6, last: 6, collapsed: true }, { first: 2, last: 2, collapsed: false }] }).map((g) => g.first)).toEqual([2, 6]);
  });
});
