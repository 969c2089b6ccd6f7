/**
 * Reading many workbooks for the roll-up, on the free cores the machine offers: the main thread reads
 * too, and worker threads (compiled `rollup-worker.js`) take the other files as they free up. With
 * few files, or where the compiled worker is not there (the sources run under a test runner), the
 * files are read on the main thread alone.
 */
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { RollupRead } from "../xlsx/rollup-read";
import { readRollupFile } from "./rollup-read-file";

/** The environment variable that sets how many threads read (1: the main thread only). */
export const THREADS_VARIABLE = "INSPECTION_WORKBOOK_THREADS";

/** Below this many files one thread reads them: a worker's start-up costs more than it saves. */
const FILES_PER_EXTRA_THREAD = 12;
const MAX_THREADS = 8;
/** Files handed to a worker at a time. */
const BATCH = 4;

/**
 * How many threads to read `files` files with: one per free core but one, at most one per dozen
 * files, 8 in all; the environment variable overrides. The core left over is for V8's own
 * threads (garbage collection, compiling), which take a third of a core beside one reading
 * thread: on two idle cores a second reading thread only added its start-up (README,
 * Performance). `busy` is how many cores other work is using (see `busyCores`).
 * @example threadsFor(200, {}, 4, 0.3) // 3: four idle cores
 * @example threadsFor(200, {}, 2, 0.3) // 1: two idle cores
 */
export function threadsFor(files: number, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism(), busy = busyCores()): number {
  const asked = Number(env[THREADS_VARIABLE]);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_THREADS, Math.max(1, files));
  const free = Math.round(cores - busy);
  return Math.max(1, Math.min(free - 1, MAX_THREADS, Math.floor(files / FILES_PER_EXTRA_THREAD) + 1));
}

/**
 * How many cores other work is using now: the lesser of the one-minute load average (which
 * still counts work that ended seconds ago — the previous command, a build that just finished)
 * and the threads the kernel is running or ready to run at this moment, less this one (Linux's
 * /proc/loadavg; elsewhere the load average alone). A machine busy for a minute and still busy
 * counts as busy; one that was busy and is idle now does not.
 * @example busyCores("0.92 0.40 0.20 1/312 4711", 0.92) // 0: only this process is running
 */
export function busyCores(procLoadavg = readProcLoadavg(), loadAverage = loadavg()[0] ?? 0): number {
  const runnable = /^\S+ \S+ \S+ (\d+)\//.exec(procLoadavg ?? "")?.[1];
  if (runnable === undefined) return loadAverage;
  return Math.min(loadAverage, Math.max(0, Number(runnable) - 1));
}

function readProcLoadavg(): string | null {
  try {
    return readFileSync("/proc/loadavg", "utf8");
  } catch {
    return null;
  }
}

/** The reads in the order of `files`, and how many threads did them. */
export interface PoolResult {
  readonly reads: RollupRead[];
  readonly threads: number;
}

/**
 * Reads every file; the results keep the files' order.
 * @example const { reads, threads } = await readFilesForRollup(["a.xlsx", "b.xlsx"]);
 */
export async function readFilesForRollup(files: readonly string[], threads = threadsFor(files.length)): Promise<PoolResult> {
  const script = path.join(__dirname, "rollup-worker.js");
  const workers = threads > 1 && existsSync(script) ? threads - 1 : 0;
  const reads: RollupRead[] = new Array<RollupRead>(files.length);
  let next = 0;
  const take = (n: number): number[] => {
    const ids: number[] = [];
    while (ids.length < n && next < files.length) ids.push(next++);
    return ids;
  };

  // The main thread reads one file at a time.
  const onMain = async (): Promise<void> => {
    for (let [i] = take(1); i !== undefined; [i] = take(1)) reads[i] = await readRollupFile(files[i]!);
  };
  // A worker is handed a few files at a time, so it does not wait on the main thread between files.
  // A worker that fails hands its files back to the main thread; the others carry on.
  const onWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script);
      let current: number[] = [];
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        const left = current;
        current = [];
        void worker.terminate();
        void (async () => {
          for (const i of left) reads[i] = await readRollupFile(files[i]!);
          await onMain();
        })().then(resolve, resolve);
      };
      const send = (): void => {
        current = take(BATCH);
        if (current.length === 0) finish();
        else worker.postMessage({ ids: current, files: current.map((i) => files[i]) });
      };
      worker.on("message", (m: { ids: number[]; reads?: RollupRead[] }) => {
        if (!m.reads) return finish();
        m.ids.forEach((id, k) => (reads[id] = m.reads![k]!));
        send();
      });
      worker.on("error", finish);
      worker.on("exit", finish);
      send();
    });
  await Promise.all([onMain(), ...Array.from({ length: workers }, onWorker)]);
  return { reads, threads: workers + 1 };
}
