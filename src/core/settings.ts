/**
 * The Settings sheet: service name, dates, thresholds, rating scheme, redaction and the
 * quantity-language bands. Every setting has a default; a bad value gets a warning and the default.
 */
import { toA1 } from "./address";
import { cellText, isBlank, isCellError, normaliseHeader, type CellValue, type Grid } from "./grid";
import type { Issue } from "./issues";
import { settingMessage } from "./messages";
import { readYesNo } from "./values";

export type RatingScheme = "none" | "hmip-2018";

export const RATING_SCHEME_LABELS: Readonly<Record<RatingScheme, string>> = {
  none: "None",
  "hmip-2018": "HMI Probation 2018",
};

/** Bands of the quantity language. Fractions are 0–1; see `phrases.ts`. */
export interface PhraseOptions {
  /** How close to a landmark (half, two-thirds…) reads as "just under/over" it. Default 0.05. */
  readonly nearMargin: number;
  /** From this share up, a share not near a landmark reads "the vast majority". Default 0.85. */
  readonly vastMajority: number;
  /** Below this share, a share not near a landmark reads "a small minority". Default 0.2. */
  readonly smallMinority: number;
  /** Denominators up to this read as counts in words ("five out of six"). Default 10. */
  readonly wordsUpTo: number;
  /** Up to this many misses read "all but three of the 20 cases". Default 3. */
  readonly allButUpTo: number;
}

export interface Settings {
  readonly serviceName: string;
  readonly inspectionStart: string | null;
  readonly inspectionEnd: string | null;
  /** Percent (0–100): criteria at or above this are Key strengths. */
  readonly strengthThreshold: number;
  /** Percent (0–100): criteria at or below this are Areas requiring improvement. */
  readonly improvementThreshold: number;
  readonly ratingScheme: RatingScheme;
  /**
   * Criteria and sections with fewer relevant cases than this are "too few cases to rate": no band
   * and no rating. Null: no minimum (the default).
   */
  readonly minRelevant: number | null;
  /** Case IDs and case manager names are replaced in generated sheets. */
  readonly redact: boolean;
  readonly phrases: PhraseOptions;
}

export const DEFAULT_PHRASE_OPTIONS: PhraseOptions = {
  nearMargin: 0.05,
  vastMajority: 0.85,
  smallMinority: 0.2,
  wordsUpTo: 10,
  allButUpTo: 3,
};

export const DEFAULT_SETTINGS: Settings = {
  serviceName: "",
  inspectionStart: null,
  inspectionEnd: null,
  strengthThreshold: 80,
  improvementThreshold: 65,
  ratingScheme: "none",
  minRelevant: null,
  redact: false,
  phrases: DEFAULT_PHRASE_OPTIONS,
};

type SettingKey =
  | "serviceName"
  | "inspectionStart"
  | "inspectionEnd"
  | "strengthThreshold"
  | "improvementThreshold"
  | "ratingScheme"
  | "minRelevant"
  | "redact"
  | "nearMargin"
  | "vastMajority"
  | "smallMinority"
  | "wordsUpTo"
  | "allButUpTo";

/** The Settings sheet rows, in the order the template writes them, with a line of help each. */
export const SETTING_ROWS: readonly { readonly key: SettingKey; readonly label: string; readonly help: string }[] = [
  { key: "serviceName", label: "Service name", help: "The youth offending service inspected, shown on the generated sheets." },
  { key: "inspectionStart", label: "Inspection start", help: "First day of fieldwork (a date)." },
  { key: "inspectionEnd", label: "Inspection end", help: "Last day of fieldwork (a date)." },
  { key: "strengthThreshold", label: "Strength threshold", help: "Criteria at or above this % met are Key strengths. Default 80%." },
  { key: "improvementThreshold", label: "Improvement threshold", help: "Criteria at or below this % met are Areas requiring improvement. Default 65%." },
  { key: "ratingScheme", label: "Rating scheme", help: "None, or HMI Probation 2018 (80%+ Outstanding, 65-79% Good, 50-64% Requires improvement, under 50% Inadequate)." },
  {
    key: "minRelevant",
    label: "Minimum relevant cases",
    help: "Criteria and sections with fewer relevant cases are shown as too few cases to rate, with no band or rating. Blank: no minimum.",
  },
  { key: "redact", label: "Redact case IDs and names", help: "Yes: generated sheets say Case 1, Case 2… and show no case manager names." },
  { key: "nearMargin", label: "Just under/over margin", help: "How close to half, two-thirds… reads as just under/over. Default 5%." },
  { key: "vastMajority", label: "Vast majority from", help: "Shares from this up read as the vast majority. Default 85%." },
  { key: "smallMinority", label: "Small minority below", help: "Shares below this read as a small minority. Default 20%." },
  { key: "wordsUpTo", label: "Counts in words up to", help: "Denominators up to this read as words: five out of six. Default 10." },
  { key: "allButUpTo", label: "All but up to", help: "Up to this many misses read as all but three of the cases. Default 3." },
];

/** The value the template writes for a setting. */
export function settingDisplayValue(settings: Settings, key: SettingKey): string | number | null {
  switch (key) {
    case "serviceName":
      return settings.serviceName;
    case "inspectionStart":
      return settings.inspectionStart;
    case "inspectionEnd":
      return settings.inspectionEnd;
    case "strengthThreshold":
      return settings.strengthThreshold / 100;
    case "improvementThreshold":
      return settings.improvementThreshold / 100;
    case "ratingScheme":
      return RATING_SCHEME_LABELS[settings.ratingScheme];
    case "minRelevant":
      return settings.minRelevant;
    case "redact":
      return settings.redact ? "Yes" : "No";
    case "nearMargin":
    case "vastMajority":
    case "smallMinority":
      return settings.phrases[key];
    case "wordsUpTo":
    case "allButUpTo":
      return settings.phrases[key];
  }
}

/**
 * A percentage typed any common way, as a number 0–100: 0.8 (a cell formatted as %), 80, "80%".
 * @example readPercent("80%") // 80
 */
export function readPercent(value: CellValue): number | null {
  let n: number;
  if (typeof value === "number") n = value <= 1 ? value * 100 : value;
  else if (typeof value === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
    if (!m) return null;
    n = Number(m[1]);
    if (m[2] !== "%" && n <= 1) n *= 100;
  } else return null;
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

/**
 * A date cell as an ISO date (yyyy-mm-dd) when it is a date; other text as written.
 * @example readDate(41806) // "2014-06-16"
 */
export function readDate(value: CellValue): string | null {
  if (typeof value === "number" && Number.isFinite(value) && value > 0 && value < 2958466) {
    const ms = Math.round((value - 25569) * 86400000);
    return new Date(ms).toISOString().slice(0, 10);
  }
  const text = cellText(value).trim();
  if (text === "") return null;
  const iso = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z?$/.exec(text);
  return iso ? iso[1]! : text;
}

export interface ReadSettingsResult {
  readonly settings: Settings;
  readonly issues: readonly Issue[];
}

/**
 * Reads a Settings sheet laid out as rows of (setting, value). Missing rows keep their defaults;
 * a bad value is a warning and keeps the default.
 * @example readSettings(null).settings.strengthThreshold // 80
 */
export function readSettings(grid: Grid | null): ReadSettingsResult {
  if (!grid) return { settings: DEFAULT_SETTINGS, issues: [] };
  const issues: Issue[] = [];
  const s: { -readonly [K in keyof Settings]: Settings[K] } = { ...DEFAULT_SETTINGS };
  const p: { -readonly [K in keyof PhraseOptions]: PhraseOptions[K] } = { ...DEFAULT_PHRASE_OPTIONS };
  const byLabel = new Map(SETTING_ROWS.map((r) => [r.label.toLowerCase(), r]));
  const seen = new Set<string>();

  grid.rows.forEach((row, r) => {
    const label = normaliseHeader(row[0]);
    if (label === "" || label === "setting") return;
    const def = byLabel.get(label);
    // A table's column names, when its header row is not on the sheet (grid.top -1), have no cell.
    const onSheet = grid.top + r >= 0;
    const labelCell = onSheet ? toA1({ row: grid.top + r, col: grid.left }) : null;
    const valueCell = onSheet ? toA1({ row: grid.top + r, col: grid.left + 1 }) : null;
    if (!def) {
      issues.push(warn("unknown-setting", grid.sheet, labelCell, settingMessage("unknown-setting", cellText(row[0]).trim(), "")));
      return;
    }
    if (seen.has(def.key)) return;
    seen.add(def.key);
    const value: CellValue = row[1] ?? null;
    if (isBlank(value)) return;
    const bad = (expected: string): void => {
      issues.push(warn("invalid-setting", grid.sheet, valueCell, settingMessage("invalid-setting", def.label, expected, isCellError(value) ? value.error : cellText(value))));
    };
    switch (def.key) {
      case "serviceName":
        s.serviceName = cellText(value).trim();
        break;
      case "inspectionStart":
      case "inspectionEnd":
        s[def.key] = readDate(value);
        break;
      case "strengthThreshold":
      case "improvementThreshold": {
        const n = readPercent(value);
        if (n === null) bad("a percentage between 0% and 100%, such as 80%");
        else s[def.key] = n;
        break;
      }
      case "ratingScheme": {
        const t = cellText(value).replace(/\s+/g, " ").trim().toLowerCase();
        if (t === "none" || t === "no") s.ratingScheme = "none";
        else if (t === "hmi probation 2018" || t === "hmip 2018" || t === "hmi probation") s.ratingScheme = "hmip-2018";
        else bad("None or HMI Probation 2018");
        break;
      }
      case "minRelevant": {
        const t = cellText(value).trim().toLowerCase();
        const n = typeof value === "number" ? value : Number(t);
        if (t === "none" || t === "no") s.minRelevant = null;
        else if (!Number.isInteger(n) || n < 1 || n > 1000) bad("a whole number of cases, such as 5, or leave it blank for no minimum");
        else s.minRelevant = n;
        break;
      }
      case "redact": {
        const yn = readYesNo(value);
        if (yn.kind === "value") s.redact = yn.value === "Yes";
        else bad("Yes or No");
        break;
      }
      case "nearMargin":
      case "vastMajority":
      case "smallMinority": {
        const n = readPercent(value);
        if (n === null) bad("a percentage, such as 5%");
        else p[def.key] = n / 100;
        break;
      }
      case "wordsUpTo":
      case "allButUpTo": {
        const n = typeof value === "number" ? value : Number(cellText(value).trim());
        if (!Number.isInteger(n) || n < 0 || n > 100) bad("a whole number from 0 to 100");
        else p[def.key] = n;
        break;
      }
    }
  });
  if (s.improvementThreshold > s.strengthThreshold) {
    issues.push(
      warn(
        "invalid-setting",
        grid.sheet,
        null,
        settingMessage("invalid-setting", "Improvement threshold", `a percentage no higher than the strength threshold (${s.strengthThreshold}%)`, `${s.improvementThreshold}%`),
      ),
    );
    s.improvementThreshold = DEFAULT_SETTINGS.improvementThreshold;
    s.strengthThreshold = DEFAULT_SETTINGS.strengthThreshold;
  }
  s.phrases = p;
  return { settings: s, issues };
}

function warn(code: "invalid-setting" | "unknown-setting", sheet: string, cell: string | null, message: string): Issue {
  return { severity: "warning", code, sheet, cell, caseId: null, criterionId: null, message };
}
