/**
 * LibreOffice on many files in one start: `soffice --convert-to <format>` over a list of inputs,
 * with a fresh profile that recalculates every formula on load (see TOOLCHAIN.md), so a batch of
 * reports costs one start-up instead of one each.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { findSoffice } from "../helpers/libreoffice";

const REGISTRY_MODIFICATIONS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Converts every input to `format` in `outDir` (inputs need distinct base names); resolves to the
 * output path of each input, in order. A file LibreOffice could not convert has no output and
 * its entry is null.
 */
export async function convertAllWithLibreOffice(inputs: readonly string[], outDir: string, format: string, timeoutMs = 180_000): Promise<(string | null)[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui");
  const profileRoot = mkdtempSync(join(tmpdir(), "lo-batch-profile-"));
  const profile = join(profileRoot, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), REGISTRY_MODIFICATIONS);
  mkdirSync(outDir, { recursive: true });
  const args = ["--headless", "--norestore", "--nolockcheck", `-env:UserInstallation=${pathToFileURL(profile).href}`, "--convert-to", format, "--outdir", outDir, ...inputs];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`soffice failed (${error.message}): ${stderr || stdout}`));
        else resolve();
      });
    });
  } finally {
    rmSync(profileRoot, { recursive: true, force: true });
  }
  return inputs.map((input) => {
    const out = join(outDir, `${basename(input, extname(input))}.${format.split(":")[0]}`);
    return existsSync(out) ? out : null;
  });
}
