/**
 * The real command line for the hostile tests: `node bin/inspection-workbook.js …` spawned with a
 * time limit (a hang is killed and reported), a small pool so two run at once on a 2-core machine,
 * and the checks every run must pass.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "inspection-workbook.js");

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
}

/** Compiles lib/ once (the command line runs from it). */
export function buildCli(): void {
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // tsc still emits when another module has a type error; the check below is what matters.
  }
  if (!existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("lib/cli/main.js was not built");
}

/** Runs the command line; kills it after `timeoutMs`. */
export function runCliProcess(args: readonly string[], options: { cwd: string; timeoutMs: number }): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** Runs tasks with at most `limit` at once; each task's promise is returned as soon as it is queued. */
export class Pool {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.queue.shift()?.();
          });
      };
      if (this.running < this.limit) start();
      else this.queue.push(start);
    });
  }
}

/** Lines of text a JavaScript failure would leave: stack frames, "TypeError: …" and the like. */
export function stackTraceLines(text: string): string[] {
  return text.split("\n").filter((l) => /^\s+at\s/.test(l) || /\bat .+:\d+:\d+\)?\s*$/.test(l) || /^\s*(?:[A-Z][A-Za-z]*)?Error:/.test(l) || /node:internal/.test(l));
}

/**
 * Exit 2 as the contract says: nothing on stdout, exactly one line on stderr naming the program,
 * containing the expected phrase, no stack trace, and no "unexpected error" (a path nobody planned).
 */
export function expectCleanRefusal(r: CliRun, phrase: string): void {
  expect(r.timedOut).toBe(false);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.any(String) });
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(lines[0]).toMatch(/^inspection-workbook: /);
  expect(lines[0]).toContain(phrase);
  expect(lines[0]).not.toMatch(/unexpected error/i);
  expect(stackTraceLines(r.stderr)).toEqual([]);
}

/** A run that succeeded (exit 0 or 1): no stack trace anywhere, only our own lines on stderr. */
export function expectCleanRun(r: CliRun, code: 0 | 1): void {
  expect(r.timedOut).toBe(false);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: expect.any(String) });
  expect(stackTraceLines(r.stderr)).toEqual([]);
  for (const line of r.stderr.split("\n").filter((l) => l !== "")) expect(line).toMatch(/^inspection-workbook: /);
}
