/**
 * What a new inspection workbook holds: the Cases table with its dropdowns, the Criteria sheet
 * and the Settings sheet. Both writers (ExcelJS for files, Office.js in the add-in) render this
 * one description.
 */
import { CRITERIA_HEADERS } from "./criteria-sheet";
import { APPLICABILITY_LABELS, BUILT_IN_FRAMEWORK, type Framework } from "./framework";
import { DEFAULT_SETTINGS, SETTING_ROWS, settingDisplayValue, type Settings } from "./settings";
import { JUDGEMENTS, SENTENCE_TYPES, YES_NO } from "./values";

export const SHEET_NAMES = {
  cases: "Cases",
  criteria: "Criteria",
  settings: "Settings",
  interviews: "Interviews",
  secondMarking: "Second marking",
  moderation: "Moderation",
  summary: "Summary",
  strengths: "Strengths & improvements",
} as const;

/** Excel table names (no spaces allowed): a table is found by this name or by its sheet's. */
export const TABLE_NAMES = {
  cases: "Cases",
  interviews: "Interviews",
  secondMarking: "SecondMarking",
} as const;

/** A dropdown on a table column: the list of allowed values. */
export interface ColumnValidation {
  /** Zero-based column within the table. */
  readonly col: number;
  readonly list: readonly string[];
  /** Shown when a user types something else. */
  readonly errorMessage: string;
  /** Whether other values are refused (stop) or allowed after a warning. */
  readonly strict: boolean;
}

export interface TableTemplate {
  readonly sheet: string;
  readonly tableName: string;
  readonly headers: readonly string[];
  readonly columnWidths: readonly number[];
  readonly validations: readonly ColumnValidation[];
  /** Empty body rows to create so the dropdowns are ready to use. */
  readonly blankRows: number;
}

export interface SheetTemplate {
  readonly sheet: string;
  /** Rows of plain values, header first. */
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly columnWidths: readonly number[];
  /** Zero-based columns formatted as percentages (Settings thresholds), by row. */
  readonly percentCells: readonly { readonly row: number; readonly col: number }[];
}

export interface WorkbookTemplate {
  readonly cases: TableTemplate;
  readonly interviews: TableTemplate;
  /** Cases judged again by a second marker: Case ID, Second marker, the Cases' criterion and notes columns. */
  readonly secondMarking: TableTemplate;
  readonly criteria: SheetTemplate;
  readonly settings: SheetTemplate;
}

/**
 * The header of a criterion column in the Cases table: the ID, a space and the short title.
 * @example criterionHeader({ id: "2.1", title: "Initial assessment of risk of harm to others" }) // "2.1 Initial assessment of risk of harm to others"
 */
export function criterionHeader(c: { readonly id: string; readonly title: string }): string {
  return `${c.id} ${c.title}`;
}

/** Options for {@link buildTemplate}. */
export interface BuildTemplateOptions {
  readonly framework?: Framework;
  readonly settings?: Settings;
  /** Empty case rows to lay out (default 30). */
  readonly blankRows?: number;
}

/**
 * The description of a new inspection workbook.
 * @example buildTemplate().cases.headers.slice(0, 4) // ["Case ID", "Case manager", "Sentence", "PSR"]
 */
export function buildTemplate(options: BuildTemplateOptions = {}): WorkbookTemplate {
  const framework = options.framework ?? BUILT_IN_FRAMEWORK;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const blankRows = options.blankRows ?? 30;

  const caseHeaders: string[] = ["Case ID", "Case manager", "Sentence", "PSR"];
  const caseWidths: number[] = [10, 18, 12, 7];
  const validations: ColumnValidation[] = [
    { col: 2, list: SENTENCE_TYPES, errorMessage: "Enter Community or Custody.", strict: true },
    { col: 3, list: YES_NO, errorMessage: "Enter Yes if a new pre-sentence report was prepared, otherwise No.", strict: true },
  ];
  const secondHeaders: string[] = ["Case ID", "Second marker"];
  const secondWidths: number[] = [10, 18];
  const secondValidations: ColumnValidation[] = [];
  // The criterion and notes columns, section by section, after the leading columns of a table.
  const addJudgementColumns = (headers: string[], widths: number[], checks: ColumnValidation[]): void => {
    for (const section of framework.sections) {
      const criteria = framework.criteria.filter((c) => c.section === section.number);
      if (criteria.length === 0) continue;
      for (const c of criteria) {
        checks.push({ col: headers.length, list: JUDGEMENTS, errorMessage: "Enter Yes, No or N/A, or leave blank until judged.", strict: false });
        headers.push(criterionHeader(c));
        widths.push(14);
      }
      headers.push(`${section.number} Notes`);
      widths.push(40);
    }
  };
  addJudgementColumns(caseHeaders, caseWidths, validations);
  addJudgementColumns(secondHeaders, secondWidths, secondValidations);

  const interviewHeaders: string[] = ["Interviewee", "Role"];
  const interviewValidations: ColumnValidation[] = [];
  for (const q of framework.interviewQuestions) {
    interviewValidations.push({ col: interviewHeaders.length, list: JUDGEMENTS, errorMessage: "Enter Yes, No or N/A, or leave blank until judged.", strict: false });
    interviewHeaders.push(criterionHeader(q));
  }
  interviewHeaders.push("Notes");

  const sectionTitle = (n: number): string => framework.sections.find((s) => s.number === n)?.title ?? "";
  const criteriaRows: (string | number | null)[][] = [[...CRITERIA_HEADERS]];
  for (const c of [...framework.criteria, ...framework.interviewQuestions]) {
    criteriaRows.push([c.id, c.section, sectionTitle(c.section), c.title, APPLICABILITY_LABELS[c.appliesTo], c.subject]);
  }

  const settingsRows: (string | number | null)[][] = [["Setting", "Value", "About"]];
  const percentCells: { row: number; col: number }[] = [];
  SETTING_ROWS.forEach((r, i) => {
    settingsRows.push([r.label, settingDisplayValue(settings, r.key), r.help]);
    if (["strengthThreshold", "improvementThreshold", "nearMargin", "vastMajority", "smallMinority"].includes(r.key)) percentCells.push({ row: i + 1, col: 1 });
  });

  return {
    cases: { sheet: SHEET_NAMES.cases, tableName: "Cases", headers: caseHeaders, columnWidths: caseWidths, validations, blankRows },
    interviews: {
      sheet: SHEET_NAMES.interviews,
      tableName: "Interviews",
      headers: interviewHeaders,
      columnWidths: interviewHeaders.map((h, i) => (i === 0 ? 16 : i === interviewHeaders.length - 1 ? 40 : 14)),
      validations: interviewValidations,
      blankRows: 10,
    },
    secondMarking: {
      sheet: SHEET_NAMES.secondMarking,
      tableName: TABLE_NAMES.secondMarking,
      headers: secondHeaders,
      columnWidths: secondWidths,
      validations: secondValidations,
      blankRows: 10,
    },
    criteria: { sheet: SHEET_NAMES.criteria, rows: criteriaRows, columnWidths: [6, 8, 34, 52, 20, 60], percentCells: [] },
    settings: { sheet: SHEET_NAMES.settings, rows: settingsRows, columnWidths: [28, 22, 90], percentCells },
  };
}
