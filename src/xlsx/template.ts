/**
 * Writes a new inspection workbook: the template's sheet layouts (src/core/layout/template-layout.ts)
 * rendered by the same worksheet and styles writers as the generated sheets, with the Cases and
 * Interviews tables, in a fresh package. The same content and date always give the same bytes.
 */
import { buildTemplate, buildTemplateLayouts, type TemplateLayoutOptions, type WorkbookTemplate, type WorksheetLayout } from "../core";
import { writeFileAtomic, type WriteFileAtomicOptions } from "./atomic-write";
import { CT, contentTypesXml, corePropertiesXml, PACKAGE_RELS_XML, XML_HEAD, zipPackage } from "./ooxml/new-package";
import { CONTENT_TYPE, NS, REL_TYPE } from "./ooxml/package";
import { MINIMAL_STYLES_XML, StylesEditor } from "./ooxml/styles";
import { renderWorksheet } from "./ooxml/worksheet";
import { escapeAttr, escapeText } from "./ooxml/xml";

export type { TemplateValue } from "../core";

/** Options for {@link writeTemplate}. */
export interface WriteTemplateOptions extends TemplateLayoutOptions {
  /** The workbook's created and modified date, also every zip entry's date (default now). */
  readonly created?: Date;
}

/**
 * The .xlsx bytes of a new inspection workbook, empty or filled.
 * @example const bytes = await writeTemplate(buildTemplate());
 */
export async function writeTemplate(template: WorkbookTemplate = buildTemplate(), options: WriteTemplateOptions = {}): Promise<Uint8Array> {
  return writeWorkbook(buildTemplateLayouts(template, options), options.created ?? new Date());
}

/**
 * Writes a new, empty inspection workbook to a file, atomically.
 * @example await writeTemplateFile("inspection.xlsx", { noOverwrite: true });
 */
export async function writeTemplateFile(file: string, options: WriteFileAtomicOptions & WriteTemplateOptions & { readonly template?: WorkbookTemplate } = {}): Promise<void> {
  await writeFileAtomic(file, await writeTemplate(options.template ?? buildTemplate(), options), options);
}

/** A new package holding the sheets, the first one active. */
async function writeWorkbook(sheets: readonly WorksheetLayout[], created: Date): Promise<Uint8Array> {
  const styles = new StylesEditor(MINIMAL_STYLES_XML);
  const parts: [string, string][] = [];
  const overrides: string[] = [];
  let tableNumber = 0;
  sheets.forEach((sheet, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    const rels: string[] = [];
    for (const t of sheet.tables) {
      tableNumber++;
      const tablePath = `xl/tables/table${tableNumber}.xml`;
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${NS.rel}/table" Target="../tables/table${tableNumber}.xml"/>`);
      parts.push([tablePath, tableXml(tableNumber, t.name, t.range, t.columns, t.style)]);
      overrides.push(`<Override PartName="/${tablePath}" ContentType="${CT}.spreadsheetml.table+xml"/>`);
    }
    const rendered = renderWorksheet(sheet, styles, { tableRelIds: rels.map((_, k) => `rId${k + 1}`) });
    parts.push([path, rendered.xml]);
    overrides.push(`<Override PartName="/${path}" ContentType="${CONTENT_TYPE.worksheet}"/>`);
    if (rels.length > 0) parts.push([`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, `${XML_HEAD}<Relationships xmlns="${NS.packageRel}">${rels.join("")}</Relationships>`]);
  });

  const names = sheets.map((s) => escapeText(s.name));
  const head: [string, string][] = [
    ["[Content_Types].xml", contentTypesXml(overrides)],
    ["_rels/.rels", PACKAGE_RELS_XML],
    [
      "docProps/app.xml",
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<Application>Case Inspection Workbook</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${n}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts></Properties>`,
    ],
    ["docProps/core.xml", corePropertiesXml(created)],
    [
      "xl/workbook.xml",
      `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        `</sheets><calcPr calcId="191029"/></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${NS.packageRel}">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE.worksheet}" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_TYPE.styles}" Target="styles.xml"/></Relationships>`,
    ],
    // Rendering the sheets registered their styles: the styles part comes last.
    ["xl/styles.xml", styles.toXml()],
  ];
  return zipPackage([...head, ...parts], created);
}

function tableXml(id: number, name: string, range: string, columns: readonly string[], style: string): string {
  return (
    `${XML_HEAD}<table xmlns="${NS.main}" id="${id}" name="${escapeAttr(name)}" displayName="${escapeAttr(name)}" ref="${range}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${range}"/><tableColumns count="${columns.length}">${columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(c)}"/>`).join("")}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}
