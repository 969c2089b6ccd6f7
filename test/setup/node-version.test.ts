/**
 * One Node.js version, said the same way in three places: the version CI installs (.ci/run),
 * package.json's engines, and the README. A fresh install on that version prints no EBADENGINE
 * warning: every locked package's engines accept it, checked the way npm checks them.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as semver from "semver";
import { inCI } from "../helpers/ci";

const ROOT = path.join(__dirname, "..", "..");
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");

/** The exact version .ci/run installs. */
function ciNodeVersion(): string {
  const match = /^NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(read(".ci/run"));
  expect(match).not.toBeNull();
  return match![1]!;
}

interface Lock {
  readonly packages: Readonly<Record<string, { readonly engines?: { readonly node?: string } | readonly string[]; readonly optional?: boolean; readonly dev?: boolean }>>;
}

test("CI installs a Node.js that is not past its end of life (22 or later)", () => {
  expect(semver.major(ciNodeVersion())).toBeGreaterThanOrEqual(22);
});

test("package.json's engines accept the version CI tests", () => {
  const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
  expect(semver.satisfies(ciNodeVersion(), engines)).toBe(true);
  // and do not claim a version nothing tests or the dependencies refuse
  expect(semver.satisfies("20.20.0", engines)).toBe(false);
});

test("every locked package accepts the CI version (npm ci prints no EBADENGINE)", () => {
  const version = ciNodeVersion();
  const lock = JSON.parse(read("package-lock.json")) as Lock;
  const refusing: string[] = [];
  for (const [name, entry] of Object.entries(lock.packages)) {
    const wanted = entry.engines && !Array.isArray(entry.engines) ? (entry.engines as { node?: string }).node : undefined;
    // npm-install-checks: semver.satisfies(node, wanted, { includePrerelease: true }).
    if (wanted && !semver.satisfies(version, wanted, { includePrerelease: true })) refusing.push(`${name || "(this project)"} wants node ${wanted}`);
  }
  expect(refusing).toEqual([]);
});

test("the README names the tested version and how to get it", () => {
  const readme = read("README.md");
  const major = semver.major(ciNodeVersion());
  expect(readme).toContain(`Node.js ${major}`);
  expect(readme).not.toMatch(/Node\.js 20 or later/);
  // how to install it where the system has another
  expect(readme).toMatch(new RegExp(`npm install --prefix \\S+ node@${major}`));
});

if (inCI()) {
  test("CI runs the tests on that version", () => {
    expect(process.versions.node).toBe(ciNodeVersion());
  });
} else {
  const wanted = /^NODE_VERSION=(\S+)$/m.exec(read(".ci/run"))?.[1];
  if (process.versions.node !== wanted) console.warn(`\n*** Node.js ${process.versions.node} runs these tests; CI runs ${wanted ?? "(none named in .ci/run)"} (see the README). In CI this fails. ***\n`);
}
