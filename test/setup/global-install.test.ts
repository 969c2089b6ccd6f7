/**
 * The command installed for use anywhere, both ways the README gives: a packed tarball installed
 * globally (a copy), and `npm install -g .` (a link to the clone). Each goes into a scratch prefix,
 * and the report runs from a folder outside the project.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { makeTempDir } from "../helpers/workbook-files";

const ROOT = path.join(__dirname, "..", "..");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const tmp = makeTempDir("ciw-global-");
afterAll(() => tmp.remove());

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });

/** Runs the installed command by name, found on PATH as a user's shell would, in `cwd`. */
function installed(prefix: string, cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync("inspection-workbook", args, {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH ?? ""}` },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectWorkingCommand(prefix: string, label: string): void {
  const elsewhere = tmp.file(`${label}-work`);
  execFileSync("mkdir", ["-p", elsewhere]);
  copyFileSync(path.join(ROOT, "assets", "sample-inspection.xlsx"), path.join(elsewhere, "inspection.xlsx"));
  const version = installed(prefix, elsewhere, "--version");
  expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  const r = installed(prefix, elsewhere, "report", "inspection.xlsx", "--out", "report.xlsx", "--json");
  expect(r.stderr).toContain(path.join(elsewhere, "report.xlsx"));
  expect(r.code).toBe(0);
  expect((JSON.parse(r.stdout) as { cases: number }).cases).toBe(20);
  expect(existsSync(path.join(elsewhere, "report.xlsx"))).toBe(true);
}

test("npm pack, then npm install -g --omit=optional <tarball>: the command works from any folder", () => {
  const packed = tmp.file("packed");
  execFileSync("mkdir", ["-p", packed]);
  npm(["pack", "--pack-destination", packed], ROOT);
  const tarballs = readdirSync(packed).filter((f) => f.endsWith(".tgz"));
  expect(tarballs).toEqual([`case-inspection-workbook-${VERSION}.tgz`]);
  const prefix = tmp.file("prefix-copy");
  npm(["install", "-g", "--prefix", prefix, "--omit=optional", "--prefer-offline", path.join(packed, tarballs[0]!)], tmp.dir);
  expectWorkingCommand(prefix, "copy");
  // A copy: nothing in it points back into the clone.
  const installedDir = path.join(prefix, "lib", "node_modules", "case-inspection-workbook");
  expect(existsSync(path.join(installedDir, "lib", "cli", "main.js"))).toBe(true);
  expect(readFileSync(path.join(installedDir, "package.json"), "utf8")).toContain('"inspection-workbook"');
}, 600_000);

test("npm install -g . (a link to this folder): the command works from any folder", () => {
  const prefix = tmp.file("prefix-link");
  npm(["install", "-g", "--prefix", prefix, "."], ROOT);
  expectWorkingCommand(prefix, "link");
}, 300_000);

test("the README gives both routes", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(readme).toContain("npm install -g .");
  expect(readme).toContain("npm pack");
  expect(readme).toMatch(/npm install -g --omit=optional \.\/case-inspection-workbook-[\d.]+\.tgz/);
});
