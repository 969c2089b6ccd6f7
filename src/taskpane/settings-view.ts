/**
 * The settings form: the open workbook's own values (service name, dates, thresholds, rating
 * scheme, minimum relevant cases, redaction), saved through the host.
 */
import { RATING_SCHEME_LABELS, type Settings } from "../core";
import { h, replace } from "./dom";
import type { SettingsValues } from "./host";

export interface SettingsViewOptions {
  /** The open workbook's settings; null shows the defaults. */
  readonly settings: Settings | null;
  /** Whether Save can run (a workbook is open and nothing else is running). */
  readonly enabled: boolean;
  /** Called on Save with a reader of the form's values (it throws a message the user can act on). */
  readonly save: (read: () => SettingsValues) => void;
}

/** A failure the user can correct in the form. */
function formError(text: string): Error {
  return Object.assign(new Error(text), { userMessage: text });
}

/**
 * Draws the form into `panel`.
 * @example renderSettings(panel, { settings: analysis.settings, enabled: true, save });
 */
export function renderSettings(panel: HTMLElement, options: SettingsViewOptions): void {
  const s = options.settings;
  const field = (id: string, label: string, input: HTMLElement): HTMLElement => h("div", { class: "field" }, h("label", { for: id }, label), input);
  const text = (id: string, value: string | number, type = "text", extra: Record<string, string | number> = {}): HTMLInputElement =>
    h("input", { id, type, value, ...extra }) as HTMLInputElement;
  const service = text("set-service", s?.serviceName ?? "");
  const start = text("set-start", s?.inspectionStart ?? "", "date");
  const end = text("set-end", s?.inspectionEnd ?? "", "date");
  const strength = text("set-strength", s?.strengthThreshold ?? 80, "number", { min: 0, max: 100, step: 1 });
  const improvement = text("set-improvement", s?.improvementThreshold ?? 65, "number", { min: 0, max: 100, step: 1 });
  const scheme = h(
    "select",
    { id: "set-scheme" },
    ...Object.entries(RATING_SCHEME_LABELS).map(([k, label]) => h("option", { value: label, selected: (s?.ratingScheme ?? "none") === k }, label)),
  ) as HTMLSelectElement;
  const minRelevant = text("set-min-relevant", s?.minRelevant ?? "", "number", { min: 1, max: 1000, step: 1, placeholder: "none" });
  const redact = h("input", { id: "set-redact", type: "checkbox", checked: s?.redact ?? false }) as HTMLInputElement;
  const values = (): SettingsValues => {
    if (Number(improvement.value) > Number(strength.value)) throw formError("The improvement threshold must not be higher than the strength threshold.");
    const min = minRelevant.value.trim();
    if (min !== "" && !(Number.isInteger(Number(min)) && Number(min) >= 1 && Number(min) <= 1000)) {
      throw formError("The minimum relevant cases must be a whole number of cases from 1 to 1,000, or blank for no minimum.");
    }
    return {
      "Service name": service.value.trim(),
      "Inspection start": start.value,
      "Inspection end": end.value,
      "Strength threshold": `${Number(strength.value)}%`,
      "Improvement threshold": `${Number(improvement.value)}%`,
      "Rating scheme": scheme.value,
      "Minimum relevant cases": min,
      "Redact case IDs and names": redact.checked ? "Yes" : "No",
    };
  };
  const save = h("fluent-button", { id: "save-settings", disabled: !options.enabled, onclick: () => options.save(values) }, "Save settings");
  replace(
    panel,
    h("h2", { id: "settings-heading" }, "Settings"),
    h(
      "form",
      { class: "settings-form", onsubmit: (e: Event) => e.preventDefault() },
      field("set-service", "Service name", service),
      field("set-start", "Inspection start", start),
      field("set-end", "Inspection end", end),
      field("set-strength", "Strength threshold (%)", strength),
      field("set-improvement", "Improvement threshold (%)", improvement),
      field("set-scheme", "Rating scheme", scheme),
      field("set-min-relevant", "Minimum relevant cases to rate (blank: none)", minRelevant),
      h("div", { class: "field checkbox" }, redact, h("label", { for: "set-redact" }, "Redact case IDs and names in generated sheets")),
      save,
    ),
  );
}
