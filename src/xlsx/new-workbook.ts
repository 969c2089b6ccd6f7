/**
 * A new workbook made only of generated sheets (the roll-up): an empty package — workbook, styles
 * and document properties, no sheet — into which the package writer puts the layouts, exactly as it
 * puts the Summary into a user's workbook. The same layouts and date always give the same bytes.
 */
import type { SheetLayout } from "../core/layout/model";
import { contentTypesXml, corePropertiesXml, PACKAGE_RELS_XML, XML_HEAD, zipPackage } from "./ooxml/new-package";
import { NS, REL_TYPE } from "./ooxml/package";
import { MINIMAL_STYLES_XML } from "./ooxml/styles";
import { writeGeneratedSheets } from "./package-writer";

/**
 * The bytes of an empty package: a workbook listing no sheet yet.
 * @example const empty = await emptyPackage(new Date());
 */
export async function emptyPackage(created: Date): Promise<Uint8Array> {
  return zipPackage(
    [
      ["[Content_Types].xml", contentTypesXml()],
      ["_rels/.rels", PACKAGE_RELS_XML],
      [
        "docProps/app.xml",
        `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
          `<Application>Case Inspection Workbook</Application></Properties>`,
      ],
      ["docProps/core.xml", corePropertiesXml(created)],
      ["xl/workbook.xml", `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView activeTab="0"/></bookViews><sheets/><calcPr calcId="191029"/></workbook>`],
      ["xl/_rels/workbook.xml.rels", `${XML_HEAD}<Relationships xmlns="${NS.packageRel}"><Relationship Id="rId1" Type="${REL_TYPE.styles}" Target="styles.xml"/></Relationships>`],
      ["xl/styles.xml", MINIMAL_STYLES_XML],
    ],
    created,
  );
}

/**
 * A new workbook holding the layouts, in order, the first one active.
 * @example const bytes = await writeNewWorkbook(buildRollupLayouts(rollup, { generatedAt }), generatedAt);
 */
export async function writeNewWorkbook(layouts: readonly SheetLayout[], created: Date): Promise<Uint8Array> {
  return (await writeGeneratedSheets(await emptyPackage(created), layouts)).bytes;
}
