/**
 * LibreOffice headless as an independent spreadsheet engine for tests: it recalculates every
 * formula of a workbook (with a fresh profile set to always recalculate OOXML files on load,
 * see TOOLCHAIN.md) and converts to PDF.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { inCI } from "./ci";

/** Recalculate formulas on load: 0 = always, 1 = never, 2 = ask. */
const REGISTRY_MODIFICATIONS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The soffice executable: $SOFFICE_PATH, else the first on PATH or in the usual install places; null when absent. */
export function findSoffice(): string | null {
  const candidates = [
    process.env.SOFFICE_PATH,
    ...(process.env.PATH ?? "").split(delimiter).map((dir) => (dir ? join(dir, "soffice") : undefined)),
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Whether LibreOffice can be run here. */
export function hasLibreOffice(): boolean {
  return findSoffice() !== null;
}

/** Options for {@link convertWithLibreOffice}. */
export interface ConvertWithLibreOfficeOptions {
  /** Milliseconds before soffice is killed (default 120 s: the first start of a fresh profile is slow). */
  readonly timeoutMs?: number;
}

/**
 * Converts `inputPath` to `format` ("xlsx", "pdf", …) into `outDir` with a fresh LibreOffice
 * profile that recalculates every formula on load; resolves to the path of the file written.
 */
export async function convertWithLibreOffice(
  inputPath: string,
  outDir: string,
  format: string,
  options: ConvertWithLibreOfficeOptions = {},
): Promise<string> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
  const profileRoot = mkdtempSync(join(tmpdir(), "lo-profile-"));
  const profile = join(profileRoot, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), REGISTRY_MODIFICATIONS);
  mkdirSync(outDir, { recursive: true });
  const args = [
    "--headless",
    "--norestore",
    "--nolockcheck",
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    "--convert-to",
    format,
    "--outdir",
    outDir,
    inputPath,
  ];
  const expected = join(outDir, `${basename(inputPath, extname(inputPath))}.${format.split(":")[0]}`);
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: options.timeoutMs ?? 120_000, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
        if (error) reject(new Error(`soffice failed (${error.message}): ${stderr || stdout}`));
        else if (!existsSync(expected)) reject(new Error(`soffice wrote no ${expected}: ${stderr || stdout}`));
        else resolve();
      });
    });
  } finally {
    rmSync(profileRoot, { recursive: true, force: true });
  }
  return expected;
}

/**
 * Opens `xlsxPath` in LibreOffice, recalculates every formula and saves it as .xlsx in `outDir`
 * (which must differ from the input's folder); resolves to the recalculated file's path.
 */
export function recalculate(xlsxPath: string, outDir: string, options: ConvertWithLibreOfficeOptions = {}): Promise<string> {
  return convertWithLibreOffice(xlsxPath, outDir, "xlsx", options);
}

/**
 * `describe` for tests that need LibreOffice. Without it, the tests fail in CI (see inCI; CI must
 * install it) and are skipped with a loud warning elsewhere.
 */
export function describeWithLibreOffice(name: string, body: () => void): void {
  if (hasLibreOffice()) {
    describe(name, body);
    return;
  }
  if (inCI()) {
    describe(name, () => {
      it("needs LibreOffice, which CI must install", () => {
        throw new Error("LibreOffice (soffice) is not installed but this is CI: install libreoffice-calc-nogui in .ci/run");
      });
    });
    return;
  }
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!! LibreOffice (soffice) not found: SKIPPING "${name}".\n` +
      `!! Install it: apt-get install -y --no-install-recommends libreoffice-calc-nogui\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
  describe.skip(name, body);
}

/** The number every formula's cached result is set to by {@link poisonCachedResults}: no count the tests make. */
export const POISON = 987654;

/**
 * The package with every formula's cached result in the given sheet parts replaced by
 * {@link POISON} (a number, whatever the result's type was), so that a value read back after
 * LibreOffice opened the file can only be right if LibreOffice recalculated it. Resolves to the
 * new bytes and the number of results poisoned.
 * @example const { bytes, poisoned } = await poisonCachedResults(report, ["xl/worksheets/sheet3.xml"]);
 */
export async function poisonCachedResults(bytes: Uint8Array, parts: readonly string[]): Promise<{ bytes: Uint8Array; poisoned: number }> {
  const zip = await JSZip.loadAsync(bytes);
  let poisoned = 0;
  for (const part of parts) {
    const xml = await zip.file(part)?.async("string");
    if (xml === undefined) throw new Error(`no part ${part}`);
    const cell = /<c\b([^>]*?)>(<f\b[^>]*?(?:\/>|>[^<]*<\/f>))<v>[^<]*<\/v><\/c>/g;
    zip.file(
      part,
      xml.replace(cell, (_m, attributes: string, formula: string) => {
        poisoned++;
        return `<c${attributes.replace(/\s+t="[^"]*"/, "")}>${formula}<v>${POISON}</v></c>`;
      }),
    );
  }
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), poisoned };
}
