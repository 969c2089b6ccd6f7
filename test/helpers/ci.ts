/**
 * Whether the tests run in CI, where nothing may be skipped: a missing Chromium or LibreOffice, or
 * a missing golden file, is then a failure. Any non-empty CI variable counts (CI=true, CI=1,
 * CI=TRUE, CI=yes…) except the ones that say no: "false" and "0", in any case.
 * @example inCI({ CI: "1" }) // true; inCI({ CI: "False" }) // false; inCI({}) // false
 */
export function inCI(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "false" && value !== "0";
}
