/** Timing helpers for the benchmark: medians of several runs, and readable numbers. */

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Milliseconds one call of `fn` takes. */
export function timeOnce(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  sink = fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Where results go so the optimiser cannot drop the work. */
export let sink: unknown = null;

/** Rounds to `digits` decimal places. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A number with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Progress for the person watching (stderr, so stdout stays the table and the JSON line). */
export function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

/** A plain-text table: columns padded, numbers right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const right = headers.map((_, i) => rows.every((r) => typeof r[i] === "number" || /^[\d.,<>≤ -]+( ?(ms|s|KB|MB|µs|×))?$/.test(String(r[i]))));
  const line = (r: readonly string[]): string => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
