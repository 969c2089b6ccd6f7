import { BUILT_IN_FRAMEWORK, criterionHeader, type CellValue, type Grid } from "../../src/core";

/** A grid from rows, header first. */
export function makeGrid(rows: CellValue[][], options: { sheet?: string; top?: number; left?: number; tableName?: string } = {}): Grid {
  const grid: Grid = { sheet: options.sheet ?? "Cases", top: options.top ?? 0, left: options.left ?? 0, rows };
  return options.tableName ? { ...grid, tableName: options.tableName } : grid;
}

/** The standard Cases header: Case ID, Case manager, Sentence, PSR, then one column per built-in criterion. */
export function standardHeader(): string[] {
  return ["Case ID", "Case manager", "Sentence", "PSR", ...BUILT_IN_FRAMEWORK.criteria.map(criterionHeader)];
}

/** Column index (zero-based) of a criterion in the standard header. */
export function standardCol(id: string): number {
  const i = BUILT_IN_FRAMEWORK.criteria.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`no criterion ${id}`);
  return 4 + i;
}

/**
 * A valid case row for the standard header: every criterion judged in a way its applicability
 * allows (Yes for required, N/A where it does not apply), then overridden.
 */
export function validRow(id: string, sentence: "Community" | "Custody", psr: "Yes" | "No", overrides: Record<string, CellValue> = {}): CellValue[] {
  const row: CellValue[] = [id, "A. Manager", sentence, psr];
  for (const c of BUILT_IN_FRAMEWORK.criteria) {
    let v: CellValue = "Yes";
    if (c.appliesTo === "custody" && sentence !== "Custody") v = "N/A";
    if (c.appliesTo === "community" && sentence !== "Community") v = "N/A";
    if (c.appliesTo === "new-psr" && psr !== "Yes") v = "N/A";
    row.push(Object.prototype.hasOwnProperty.call(overrides, c.id) ? overrides[c.id]! : v);
  }
  return row;
}

/**
 * Ten community cases with a new PSR, C01 to C10; `yes` says how many are judged Yes on each
 * criterion named (the first ones), the rest No.
 * @example tenCommunityCases({ "2.1": 3 }) // 2.1: 3 of 10 met
 */
export function tenCommunityCases(yes: Record<string, number>): Grid {
  const rows = Array.from({ length: 10 }, (_, i) => {
    const overrides: Record<string, CellValue> = {};
    for (const [id, n] of Object.entries(yes)) overrides[id] = i < n ? "Yes" : "No";
    return validRow(`C${String(i + 1).padStart(2, "0")}`, "Community", "Yes", overrides);
  });
  return makeGrid([standardHeader(), ...rows]);
}
