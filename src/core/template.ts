/**
 * What a new inspection workbook holds: the Cases table with its dropdowns, the Criteria sheet
 * and the Settings sheet. Both writers (ExcelJS for files, Office.js in the add-in) render this
 * one description.
 */
import { CRITERIA_HEADERS, OVERALL_ROW_ID } from "./criteria-sheet";
import { APPLICABILITY_LABELS, BUILT_IN_FRAMEWORK, isCounted, needsRatings, overallRule, SECTION_RULE_LABELS, sectionRule, type Framework } from "./framework";
import { describeScoreBands } from "./ratings";
import { DEFAULT_SETTINGS, SETTING_ROWS, settingDisplayValue, type Settings } from "./settings";
import type { ColumnGroup } from "./layout/model";
import { COURT_SENTENCES, JUDGEMENTS, SENTENCE_TYPES, YES_NO } from "./values";

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
  /** Columns grouped and folded away (the Cases table's per-criterion notes); none when absent. */
  readonly columnGroups?: readonly ColumnGroup[];
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

/** Width in characters of a criterion's own notes column: room for a sentence, wrapped. */
export const CRITERION_NOTES_WIDTH = 30;

/**
 * The header of a criterion's own notes column in the Cases table.
 * @example criterionNotesHeader("2.1") // "2.1 Notes"
 */
export function criterionNotesHeader(id: string): string {
  return `${id} Notes`;
}

/** Options for {@link buildTemplate}. */
export interface BuildTemplateOptions {
  readonly framework?: Framework;
  readonly settings?: Settings;
  /** Empty case rows to lay out (default 30). */
  readonly blankRows?: number;
  /**
   * A notes column after each criterion's column in the Cases table (`2.1 Notes`), each in its
   * own column group, folded away (default false: the table as the bundled sample has it).
   */
  readonly criterionNotes?: boolean;
}

/**
 * The description of a new inspection workbook.
 * @example buildTemplate().cases.headers.slice(0, 4) // ["Case ID", "Case manager", "Sentence", "PSR"]
 */
export function buildTemplate(options: BuildTemplateOptions = {}): WorkbookTemplate {
  const framework = options.framework ?? BUILT_IN_FRAMEWORK;
  const settings = options.settings ?? (needsRatings(framework) ? { ...DEFAULT_SETTINGS, ratingScheme: "hmip-2018" as const } : DEFAULT_SETTINGS);
  const blankRows = options.blankRows ?? 30;

  const caseHeaders: string[] = ["Case ID", "Case manager", "Sentence", "PSR"];
  // Out-of-court disposals are offered where a criterion applies to them, or only to court cases.
  const outOfCourt = framework.criteria.some((c) => c.appliesTo === "out-of-court" || c.appliesTo === "court");
  const sentences = outOfCourt ? SENTENCE_TYPES : COURT_SENTENCES;
  const caseWidths: number[] = [10, 18, 12, 7];
  const validations: ColumnValidation[] = [
    sentences.length === 2
      ? { col: 2, list: sentences, errorMessage: "Enter Community or Custody.", strict: true }
      : { col: 2, list: sentences, errorMessage: "Enter Community or Custody for a court sentence, or Out-of-court for an out-of-court disposal.", strict: true },
    { col: 3, list: YES_NO, errorMessage: "Enter Yes if a new pre-sentence report was prepared, otherwise No.", strict: true },
  ];
  const secondHeaders: string[] = ["Case ID", "Second marker"];
  const secondWidths: number[] = [10, 18];
  const secondValidations: ColumnValidation[] = [];
  const caseGroups: ColumnGroup[] = [];
  // The criterion and notes columns, section by section, after the leading columns of a table;
  // with `groups`, each criterion's own notes column after it, folded away in its own group.
  const addJudgementColumns = (headers: string[], widths: number[], checks: ColumnValidation[], groups?: ColumnGroup[]): void => {
    for (const section of framework.sections) {
      const criteria = framework.criteria.filter((c) => c.section === section.number);
      if (criteria.length === 0) continue;
      for (const c of criteria) {
        checks.push({ col: headers.length, list: JUDGEMENTS, errorMessage: "Enter Yes, No or N/A, or leave blank until judged.", strict: false });
        headers.push(criterionHeader(c));
        widths.push(14);
        if (groups) {
          groups.push({ first: headers.length, last: headers.length, collapsed: true });
          headers.push(criterionNotesHeader(c.id));
          widths.push(CRITERION_NOTES_WIDTH);
        }
      }
      headers.push(`${section.number} Notes`);
      widths.push(40);
    }
  };
  addJudgementColumns(caseHeaders, caseWidths, validations, options.criterionNotes === true ? caseGroups : undefined);
  addJudgementColumns(secondHeaders, secondWidths, secondValidations);

  const interviewHeaders: string[] = ["Interviewee", "Role"];
  const interviewValidations: ColumnValidation[] = [];
  for (const q of framework.interviewQuestions) {
    interviewValidations.push({ col: interviewHeaders.length, list: JUDGEMENTS, errorMessage: "Enter Yes, No or N/A, or leave blank until judged.", strict: false });
    interviewHeaders.push(criterionHeader(q));
  }
  interviewHeaders.push("Notes");

  const criteriaRows = criteriaSheetRows(framework);

  const settingsRows: (string | number | null)[][] = [["Setting", "Value", "About"]];
  const percentCells: { row: number; col: number }[] = [];
  SETTING_ROWS.forEach((r, i) => {
    settingsRows.push([r.label, settingDisplayValue(settings, r.key), r.help]);
    if (["strengthThreshold", "improvementThreshold", "nearMargin", "vastMajority", "smallMinority"].includes(r.key)) percentCells.push({ row: i + 1, col: 1 });
  });

  return {
    cases: { sheet: SHEET_NAMES.cases, tableName: "Cases", headers: caseHeaders, columnWidths: caseWidths, validations, blankRows, ...(caseGroups.length > 0 ? { columnGroups: caseGroups } : {}) },
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
    criteria: { sheet: SHEET_NAMES.criteria, rows: criteriaRows, columnWidths: [8, 8, 34, 52, 20, 60, 22, 10, 20], percentCells: [] },
    settings: { sheet: SHEET_NAMES.settings, rows: settingsRows, columnWidths: [28, 22, 90], percentCells },
  };
}

/**
 * The Criteria sheet's rows for a framework, header first: each section's criteria (or, for a
 * section rated by hand, one row with its blank Rating), the staff-interview questions, and the
 * Overall row with the overall rule.
 * @example criteriaSheetRows(BUILT_IN_FRAMEWORK)[1] // ["1.1", 1, "Reducing the likelihood of reoffending", "Initial assessment …", "All cases", "the initial …", "Pooled", "Yes", null]
 */
export function criteriaSheetRows(framework: Framework): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [[...CRITERIA_HEADERS]];
  const sectionOf = (n: string) => framework.sections.find((s) => s.number === n);
  const criterionRow = (c: Framework["criteria"][number]): (string | number | null)[] => {
    const s = sectionOf(c.section);
    const rule = s ? SECTION_RULE_LABELS[sectionRule(s)] : SECTION_RULE_LABELS.pooled;
    return [c.id, sheetNumber(c.section), s?.title ?? "", c.title, APPLICABILITY_LABELS[c.appliesTo], c.subject, rule, !s || isCounted(s) ? "Yes" : "No", null];
  };
  const written = new Set<string>();
  for (const s of framework.sections) {
    if (sectionRule(s) === "by-hand") {
      rows.push([s.number, sheetNumber(s.number), s.title, null, null, null, SECTION_RULE_LABELS["by-hand"], isCounted(s) ? "Yes" : "No", s.rating ?? null]);
      continue;
    }
    for (const c of framework.criteria) {
      if (c.section !== s.number) continue;
      rows.push(criterionRow(c));
      written.add(c.id);
    }
  }
  for (const c of [...framework.criteria.filter((x) => !written.has(x.id)), ...framework.interviewQuestions]) rows.push(criterionRow(c));
  const overall = overallRule(framework);
  const overallText = overall.kind === "pooled" ? "Pooled" : `Score sum: ${describeScoreBands(overall.bands)}`;
  rows.push([OVERALL_ROW_ID, null, "Overall", "How the overall rating is made", null, null, overallText, null, null]);
  return rows;
}

/** A section number as a cell holds it: a whole number as a number, "2.1" as text (a number would lose "2.10"). */
function sheetNumber(n: string): string | number {
  return /^\d+$/.test(n) ? Number(n) : n;
}
