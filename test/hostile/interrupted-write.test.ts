/**
 * Data safety: a `report` interrupted at any step of writing its copy — building the package,
 * opening the temporary file, writing (also after part of the bytes went out), flushing to disk,
 * closing, renaming over the target — leaves the input untouched and no half-written or temporary
 * file, and a report written earlier stays as it was. The command line's `runCli` runs in this
 * process with the file system failing on cue; a last test kills a real process mid-write.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import JSZip from "jszip";
import { runCli } from "../../src/cli/main";
import { analyseWorkbook } from "../../src/core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { makeTempDir } from "../helpers/workbook-files";
import { BIN, buildCli, ROOT } from "./cli-runner";

const fsp = fs.promises;
const SAMPLE = path.join(ROOT, "assets", "sample-inspection.xlsx");
const tmp = makeTempDir("ciw-interrupted-");
afterAll(() => tmp.remove());
afterEach(() => jest.restoreAllMocks());

const sha256 = (file: string): string => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const fsError = (code: string, syscall: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });

let case_ = 0;
/** A fresh folder holding a copy of the sample as the input, and an output folder. */
function setUp(): { input: string; outDir: string; out: string; before: string } {
  const dir = tmp.file(`case-${++case_}`);
  fs.mkdirSync(path.join(dir, "out"), { recursive: true });
  const input = path.join(dir, "inspection.xlsx");
  fs.copyFileSync(SAMPLE, input);
  const outDir = path.join(dir, "out");
  return { input, outDir, out: path.join(outDir, "report.xlsx"), before: sha256(input) };
}

async function report(input: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["report", input, "--out", out, "--json"], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** Makes the temporary file's handle fail as asked (other opens, such as the folder's, are real). */
function failTempHandle(fail: { write?: "at-once" | "after-half"; sync?: boolean; close?: boolean; code?: string }): void {
  const realOpen = fsp.open.bind(fsp);
  const code = fail.code ?? "EIO";
  jest.spyOn(fsp, "open").mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    const handle = await realOpen(...args);
    if (!String(args[0]).endsWith(".tmp")) return handle;
    const realWrite = handle.write.bind(handle) as (data: Uint8Array, offset: number, length: number) => Promise<{ bytesWritten: number }>;
    const realClose = handle.close.bind(handle);
    let writes = 0;
    if (fail.write) {
      (handle as unknown as { write: unknown }).write = async (data: Uint8Array, offset: number, length: number) => {
        writes++;
        if (fail.write === "after-half" && writes === 1) return realWrite(data, offset, Math.max(1, Math.floor(length / 2)));
        throw fsError(code, "write");
      };
    }
    if (fail.sync) (handle as unknown as { sync: unknown }).sync = async () => Promise.reject(fsError(code, "fsync"));
    if (fail.close) {
      (handle as unknown as { close: unknown }).close = async () => {
        await realClose();
        throw fsError(code, "close");
      };
    }
    return handle;
  });
}

interface Step {
  readonly name: string;
  readonly arrange: () => void;
  /** What the one-line reason says. */
  readonly reason: RegExp;
}

const STEPS: readonly Step[] = [
  {
    name: "building the package (the zip writer fails)",
    arrange: () => void jest.spyOn(JSZip.prototype, "generateAsync").mockRejectedValue(new Error("simulated: out of memory while deflating")),
    reason: /could not add the generated sheets/,
  },
  { name: "opening the temporary file (permission refused)", arrange: () => void jest.spyOn(fsp, "open").mockRejectedValue(fsError("EACCES", "open")), reason: /permission was refused/ },
  { name: "the first write (disk full)", arrange: () => failTempHandle({ write: "at-once", code: "ENOSPC" }), reason: /the disk is full/ },
  { name: "a write after half the bytes went out (I/O error)", arrange: () => failTempHandle({ write: "after-half" }), reason: /could not be written \(EIO\)/ },
  { name: "flushing to disk (fsync fails)", arrange: () => failTempHandle({ sync: true }), reason: /could not be written \(EIO\)/ },
  { name: "closing the temporary file", arrange: () => failTempHandle({ close: true }), reason: /could not be written \(EIO\)/ },
  { name: "renaming over the target (file in use)", arrange: () => void jest.spyOn(fsp, "rename").mockRejectedValue(fsError("EBUSY", "rename")), reason: /in use/ },
  { name: "renaming across devices", arrange: () => void jest.spyOn(fsp, "rename").mockRejectedValue(fsError("EXDEV", "rename")), reason: /could not be written \(EXDEV\)/ },
];

function expectOneCleanLine(stderr: string, reason: RegExp): void {
  const lines = stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^inspection-workbook: cannot write|^inspection-workbook: could not add/);
  expect(lines[0]).toMatch(reason);
  expect(stderr).not.toMatch(/\n\s+at |unexpected error/);
}

describe.each(STEPS.map((s) => [s.name, s] as const))("a report interrupted at %s", (_name, step) => {
  test("exit 2 with one line; the input untouched; no output and no temporary file", async () => {
    const { input, outDir, out, before } = setUp();
    step.arrange();
    const r = await report(input, out);
    jest.restoreAllMocks();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expectOneCleanLine(r.stderr, step.reason);
    expect(sha256(input)).toBe(before);
    expect(fs.readdirSync(outDir)).toEqual([]);
    expect(fs.readdirSync(path.dirname(input)).sort()).toEqual(["inspection.xlsx", "out"]);
  });

  test("a report written earlier to the same name stays exactly as it was", async () => {
    const { input, outDir, out, before } = setUp();
    expect((await report(input, out)).code).toBe(0);
    const previous = sha256(out);
    step.arrange();
    const r = await report(input, out);
    jest.restoreAllMocks();
    expect(r.code).toBe(2);
    expectOneCleanLine(r.stderr, step.reason);
    expect(sha256(out)).toBe(previous);
    expect(fs.readdirSync(outDir)).toEqual(["report.xlsx"]);
    expect(sha256(input)).toBe(before);
  });
});

test("a failure to flush the folder after the rename is not a failure: the report is complete", async () => {
  const { input, outDir, out, before } = setUp();
  const realOpen = fsp.open.bind(fsp);
  jest.spyOn(fsp, "open").mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    if (String(args[0]) === outDir) throw fsError("EISDIR", "open");
    return realOpen(...args);
  });
  const r = await report(input, out);
  jest.restoreAllMocks();
  expect(r.code).toBe(0);
  expect(fs.readdirSync(outDir)).toEqual(["report.xlsx"]);
  expect(analyseWorkbook((await readWorkbookFile(out)).grids).cases.cases).toHaveLength(20);
  expect(sha256(input)).toBe(before);
});

describe("a report process killed mid-write", () => {
  beforeAll(() => buildCli(), 120_000);

  /** A hook loaded with --require that kills the process at one file-system step. */
  function hook(at: "write" | "rename"): string {
    const file = tmp.file(`kill-at-${at}.js`);
    const body =
      at === "rename"
        ? `require("node:fs").promises.rename = async () => { process.kill(process.pid, "SIGKILL"); await new Promise(() => {}); };`
        : `const fsp = require("node:fs").promises; const open = fsp.open.bind(fsp);
fsp.open = async (...a) => { const h = await open(...a); if (String(a[0]).endsWith(".tmp")) { const w = h.write.bind(h); let n = 0;
  h.write = async (d, o, l) => { if (n++ === 0) return w(d, o, Math.max(1, Math.floor(l / 2))); process.kill(process.pid, "SIGKILL"); await new Promise(() => {}); }; } return h; };`;
    fs.writeFileSync(file, body);
    return file;
  }

  test.each([["write"], ["rename"]] as const)("killed at %s: the input untouched, no report under the target name, the earlier report intact", (at) => {
    const { input, outDir, out, before } = setUp();
    fs.writeFileSync(out, "earlier report");
    // --force: the file in the way is not a report of ours, which report replaces only when told to.
    const r = spawnSync(process.execPath, ["--require", hook(at), BIN, "report", input, "--out", out, "--force"], { encoding: "utf8", timeout: 20_000 });
    expect(r.signal).toBe("SIGKILL");
    expect(sha256(input)).toBe(before);
    expect(fs.readFileSync(out, "utf8")).toBe("earlier report");
    // Only the hidden temporary file of the killed run can remain beside it; never a partial report.
    const others = fs.readdirSync(outDir).filter((f) => f !== "report.xlsx");
    for (const f of others) expect(f).toMatch(/^\.report\.xlsx\.\d+\.[0-9a-f]+\.tmp$/);
  });
});
