/**
 * In CI a missing browser or LibreOffice is a failure, never a skip. Whether the tests run in CI
 * is decided in one place (test/helpers/ci.ts), the way CI services set the variable: any
 * non-empty CI other than "false" or "0".
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { inCI } from "../helpers/ci";

const ROOT = path.join(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "fixtures" ? [] : sources(p);
    return /\.(ts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe("CI detection", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["True", true],
    ["1", true],
    ["yes", true],
    ["github-actions", true],
    [" true ", true],
    ["false", false],
    ["FALSE", false],
    ["0", false],
    [" 0 ", false],
    ["", false],
    ["  ", false],
  ])("CI=%j is CI: %s", (value, expected) => {
    expect(inCI({ CI: value })).toBe(expected);
  });

  it("without CI set is not CI", () => {
    expect(inCI({})).toBe(false);
    expect(inCI({ CONTINUOUS_INTEGRATION: "true" })).toBe(false);
  });

  it("is read in one place: no test, script or bench reads CI itself", () => {
    const readers = [...sources(path.join(ROOT, "test")), ...sources(path.join(ROOT, "scripts")), ...sources(path.join(ROOT, "bench"))]
      .filter((file) => /env\.CI\b|env\[["']CI["']\]/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(readers).toEqual([path.join("test", "helpers", "ci.ts")]);
  });

  it(".ci/run says it is CI before it runs the tests", () => {
    const run = readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
    const exported = run.search(/^export CI=true$/m);
    expect(exported).toBeGreaterThanOrEqual(0);
    expect(exported).toBeLessThan(run.search(/^npm test$/m));
  });
});
