import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const coreDir = path.join(__dirname, "..", "..", "src", "core");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("the engine is pure", () => {
  it("imports nothing outside src/core", () => {
    const offenders: string[] = [];
    for (const file of sources(coreDir)) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:import|export)[^"']*from\s*["']([^"']+)["']|require\(["']([^"']+)["']\)/g)) {
        const spec = m[1] ?? m[2]!;
        const resolved = spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : spec;
        if (!spec.startsWith(".") || !resolved.startsWith(coreDir)) offenders.push(`${path.relative(coreDir, file)} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("compiles without DOM, Node or Office types (a use of any is a compile error)", () => {
    const tsc = require.resolve("typescript/bin/tsc");
    expect(() => execFileSync(process.execPath, [tsc, "-p", path.join(coreDir, "tsconfig.json"), "--noEmit"], { stdio: "pipe" })).not.toThrow();
    // And the same compiler setting really rejects such a use.
    const probe = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "purity-"));
    fs.writeFileSync(path.join(probe, "leak.ts"), "export const w = document.title;\n");
    fs.writeFileSync(
      path.join(probe, "tsconfig.json"),
      JSON.stringify({ extends: path.join(coreDir, "tsconfig.json"), include: [path.join(probe, "leak.ts")] }),
    );
    expect(() => execFileSync(process.execPath, [tsc, "-p", path.join(probe, "tsconfig.json"), "--noEmit"], { stdio: "pipe" })).toThrow();
    fs.rmSync(probe, { recursive: true, force: true });
  });
});
