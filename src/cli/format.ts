/**
 * The command line's words for people: issue lines, counts, and what a report contains.
 */
import { changeMarker, describeActual, describeStated, overallRuleNote, percentText, quoteSheetName, readingText, roundPercent, sectionRuleNote, type Analysis, type DraftCheck, type DraftStatement, type FigureChange, type Issue, type Rollup } from "../core";

/**
 * One issue on one line: where, severity, code, case and criterion, then the message.
 * @example formatIssue(issue) // "Cases!F7 error invalid-value C06 2.1: \"Maybe\" is not a judgement..."
 */
export function formatIssue(issue: Issue): string {
  const where = issue.cell ? `${quoteSheetName(issue.sheet)}!${issue.cell}` : quoteSheetName(issue.sheet);
  const tags = [where, issue.severity, issue.code];
  if (issue.caseId) tags.push(issue.caseId);
  if (issue.criterionId) tags.push(issue.criterionId);
  return `${tags.join(" ")}: ${oneLine(issue.message)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Issues grouped by severity, errors first, each group in reading order.
 * @example formatIssueGroups(issues) // ["Errors (1):", "  Cases!F7 error ...", ...]
 */
export function formatIssueGroups(issues: readonly Issue[], options: { readonly warnings?: boolean } = {}): string[] {
  const lines: string[] = [];
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  if (errors.length > 0) {
    lines.push(`Errors (${errors.length}):`);
    for (const i of errors) lines.push(`  ${formatIssue(i)}`);
  }
  if (warnings.length > 0 && options.warnings !== false) {
    if (lines.length > 0) lines.push("");
    lines.push(`Warnings (${warnings.length}):`);
    for (const i of warnings) lines.push(`  ${formatIssue(i)}`);
  }
  return lines;
}

/**
 * The count line: errors and warnings over the cases checked.
 * @example countLine(analysis) // "2 errors and 1 warning in 20 cases."
 */
export function countLine(a: Analysis): string {
  const cases = plural(a.cases.cases.length, "case");
  const interviews = a.interviews ? ` and ${plural(a.interviews.cases.length, "staff interview")}` : "";
  if (a.errors === 0 && a.warnings === 0) return `No errors or warnings in ${cases}${interviews}.`;
  return `${plural(a.errors, "error")} and ${plural(a.warnings, "warning")} in ${cases}${interviews}.`;
}

/** The lines `validate` prints for people. */
export function formatValidate(a: Analysis, file: string): string[] {
  const lines = [`Checked ${file}`];
  const groups = formatIssueGroups(a.issues);
  if (groups.length > 0) lines.push("", ...groups, "");
  lines.push(countLine(a));
  if (a.errors > 0) lines.push("Cells with errors are left out of the counts until they are corrected.");
  return lines;
}

/** The lines `report` prints for people. */
export function formatReport(a: Analysis, output: string, sheets: readonly { readonly name: string }[]): string[] {
  const names = sheets.map((s) => `"${s.name}"`);
  const sheetList = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]!}` : names.join("");
  const lines = [`Report written to ${output}${names.length > 0 ? ` (sheets ${sheetList})` : ""}.`];
  const service = a.settings.serviceName ? ` for ${a.settings.serviceName}` : "";
  const interviews = a.interviews ? ` and ${plural(a.interviews.cases.length, "staff interview")}` : "";
  lines.push(`Counted ${plural(a.cases.cases.length, "case")}${interviews}${service}.`);

  if (a.sections.length > 0) {
    lines.push("");
    const width = Math.max(...a.sections.map((s) => `${s.number} ${s.title}`.length), "Overall".length);
    const rows = [
      ...a.sections.map((s) => ({ label: `${s.number} ${s.title}`, s, counts: s.rule !== "by-hand", note: sectionRuleNote(s) })),
      { label: "Overall", s: a.overall, counts: true, note: overallRuleNote(a.overall) },
    ];
    for (const { label, s, counts, note } of rows) {
      const pct = roundPercent(s.percent);
      const rating = s.rating ? `  ${s.rating}` : "";
      const figures = counts ? `${`${s.met}/${s.relevant}`.padStart(7)}  ${pct === null ? "    –" : `${pct.toFixed(1)}%`.padStart(6)}` : `${"–".padStart(7)}  ${"–".padStart(6)}`;
      lines.push(`  ${label.padEnd(width)}  ${figures}${rating}${note ? `  (${note})` : ""}`);
    }
  }

  lines.push(...formatComparison(a));
  lines.push(...formatQuality(a));

  const errorIssues = a.issues.filter((i) => i.severity === "error");
  if (errorIssues.length > 0) lines.push("", ...formatIssueGroups(errorIssues));
  lines.push("", countLine(a));
  if (a.excludedCells > 0) lines.push(`${plural(a.excludedCells, "judgement cell")} with errors ${a.excludedCells === 1 ? "was" : "were"} left out of the counts.`);
  if (a.warnings > 0) lines.push(`Run "inspection-workbook validate" on the workbook to list the warnings.`);
  return lines;
}

/** A percentage in whole points, rounded once from the exact figure. */
const whole = (p: number): string => `${Math.round(p + 1e-9)}%`;

/** A change as the command line shows it: "was 57.9% (11/19), +31.6 points, improved". */
function changeText(c: FigureChange, sameCriteria = true): string {
  const before = c.previous.percent === null ? "no relevant cases" : `${roundPercent(c.previous.percent)!.toFixed(1)}% (${c.previous.met}/${c.previous.relevant})`;
  const points = c.change === null ? "" : `, ${c.change >= 0 ? "+" : "−"}${Math.abs(roundPercent(c.change) ?? 0).toFixed(1)} points`;
  return `was ${before}${points}, ${changeMarker(c, sameCriteria).toLowerCase()}`;
}

/**
 * The comparison lines of a report: what was compared, then the sections and overall figure, and
 * each criterion that improved or declined beyond chance.
 * @example formatComparison(a) // ["", "Compared with the previous inspection of … : 21 criteria compared, …", "  2 Protecting the public: was 50.8% (31/61), +14.8 points, improved", …]
 */
export function formatComparison(a: Analysis): string[] {
  const c = a.comparison;
  if (!c) return [];
  const kept = a.previousFrom === "sheet" ? " The previous inspection's figures are those kept in the workbook's Previous inspection sheet." : "";
  const lines = ["", `${c.compared}${kept}`];
  for (const s of c.sections) lines.push(`  ${s.number} ${s.title}: ${changeText(s, s.sameCriteria)}`);
  if (c.overall) lines.push(`  Overall: ${changeText(c.overall, c.overall.sameCriteria)}`);
  for (const direction of ["improved", "declined"] as const) {
    const moved = c.criteria.filter((x) => x.direction === direction);
    if (moved.length > 0) lines.push(`  ${direction === "improved" ? "Improved" : "Declined"} beyond chance: ${moved.map((x) => `${x.id} (${whole(x.previous.percent!)} to ${whole(x.current.percent!)})`).join(", ")}.`);
  }
  const still = c.criteria.filter((x) => x.direction === "no clear change").length;
  if (still > 0) lines.push(`  No clear change: ${plural(still, "criterion", "criteria")} (a difference within what chance alone would give for those counts).`);
  return lines;
}

/**
 * The second-marking lines of a report: agreement overall and what is left to moderate.
 * @example formatQuality(a) // ["", "Second marking: 6 cases, 40 judgements compared: 90.0% agreement, kappa 0.78 (substantial agreement).", …]
 */
export function formatQuality(a: Analysis): string[] {
  const lines: string[] = [];
  if (a.agreement) {
    const o = a.agreement.overall;
    const figures =
      o.compared === 0
        ? "no judgements both markers made Yes or No yet"
        : `${plural(o.compared, "judgement")} compared: ${roundPercent(o.percent)!.toFixed(1)}% agreement, ${o.kappa === null ? o.meaning : `kappa ${o.kappa.toFixed(2)} (${o.meaning})`}`;
    lines.push("", `Second marking: ${plural(a.agreement.cases, "case")}, ${figures}.`);
  }
  if (a.moderation) {
    const m = a.moderation;
    lines.push(`Moderation: ${plural(m.differences, "difference")} between markers, ${m.open} still to moderate; ${plural(m.moderated, "judgement")} moderated (${m.changed} counted differently from the first marker's).`);
  }
  return lines;
}

/**
 * The lines `check-text` prints: what disagrees first, with the counts and the wording the
 * report would use, then what could not be tied to a criterion, then what agrees.
 * @example formatCheckText(check, analysis, "inspection.xlsx", "draft.docx")[0] // "Checked draft.docx against inspection.xlsx: …"
 */
export function formatCheckText(check: DraftCheck, a: Analysis, workbook: string, draft: string): string[] {
  const total = check.statements.length;
  const lines = [
    `Checked ${draft} against ${workbook}: ${plural(total, "quantity statement")} — ${check.agrees} agree, ${check.disagrees} disagree, ${check.unmatched} unmatched.`,
  ];
  const group = (title: string, verdict: DraftStatement["verdict"], detail: (s: DraftStatement) => string[]): void => {
    const items = check.statements.filter((s) => s.verdict === verdict);
    if (items.length === 0) return;
    lines.push("", `${title} (${items.length}):`);
    for (const s of items) lines.push(`  ¶${s.paragraph}${s.criterionId ? ` ${s.criterionId}` : ""}: "${oneLine(s.text)}"`, ...detail(s).map((l) => `      ${l}`));
  };
  group("Disagrees", "disagrees", (s) => [
    `says ${describeStated(s)}; the workbook has ${describeActual(s)}.`,
    ...(s.productPhrase ? [`the report would say: ${s.productPhrase}`] : []),
    ...(s.suggestion ? [`suggested: ${s.suggestion}`] : []),
  ]);
  group("Unmatched — not tied to a criterion, so not checked", "unmatched", (s) => [`"${s.stated.phrase ?? ""}" read as ${s.means}.`]);
  group("Agrees", "agrees", (s) => [`"${s.stated.phrase ?? ""}" read as ${s.means}; the workbook has ${describeActual(s)}.`]);
  if (total === 0) lines.push("", "No counts or proportions of cases were found in the draft.");
  if (a.errors > 0) lines.push("", `The workbook has ${plural(a.errors, "error")}; cells with errors are left out of the counts (run "inspection-workbook validate" to list them).`);
  return lines;
}

/**
 * The lines `rollup` prints for people: the services with their overall figures, what was left
 * out and why, workbooks with errors, what could not be compared, and the criteria to look at
 * first (weak everywhere, or a service standing apart).
 * @example formatRollup(rollup, "/data/rollup.xlsx")[0] // "Roll-up of 6 services (128 cases) written to /data/rollup.xlsx."
 */
export function formatRollup(r: Rollup, output: string): string[] {
  const lines = [`Roll-up of ${plural(r.services.length, "service")} (${plural(r.totals.cases, "case")}) written to ${output}.`];
  lines.push("", "Services (overall % met and band, as each workbook gives them):");
  const width = Math.max(...r.services.map((s) => s.label.length));
  for (const s of r.services) {
    const o = s.workbook.overall;
    const errors = s.workbook.errors > 0 ? `  ${plural(s.workbook.errors, "error")}` : "";
    lines.push(`  ${s.label.padEnd(width)}  ${plural(s.workbook.cases, "case").padStart(9)}  ${o.percent === null ? "     –" : percentText(o.percent).padStart(6)}  ${o.band}${errors}`);
  }
  const p = r.overall;
  lines.push(`  ${"All, pooled".padEnd(width)}  ${plural(r.totals.cases, "case").padStart(9)}  ${p.percent === null ? "     –" : percentText(p.percent).padStart(6)}  ${p.band}`);
  if (r.skipped.length > 0) {
    lines.push("", `Left out (${r.skipped.length}):`);
    for (const s of r.skipped) lines.push(`  ${s.file}: ${oneLine(s.reason)}`);
  }
  const withErrors = r.services.filter((s) => s.workbook.errors > 0);
  if (withErrors.length > 0) {
    lines.push("", `Counted with errors (${withErrors.length}) — cells with errors are left out; run "inspection-workbook validate" on each to see them:`);
    for (const s of withErrors) lines.push(`  ${s.workbook.source.file}: ${plural(s.workbook.errors, "error")}, ${plural(s.workbook.excludedCells, "cell")} left out of the counts`);
  }
  if (r.notCompared.length > 0) {
    lines.push("", `Not compared across every service (${r.notCompared.length}):`);
    for (const x of r.notCompared) lines.push(`  ${x.message}`);
  }
  const notable = r.criteria.filter((c) => c.reading.pattern === "weak-everywhere" || c.reading.pattern === "outliers");
  if (notable.length > 0) {
    lines.push("", "Criteria to look at first:");
    for (const c of notable) lines.push(`  ${c.id} ${c.title}: ${readingText(c.reading, r.bands)}`);
  }
  return lines;
}
