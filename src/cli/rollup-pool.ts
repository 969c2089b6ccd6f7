/**
 * Reading many workbooks for the roll-up, on every core the machine offers: the main thread reads
 * too, and worker threads (compiled `rollup-worker.js`) take the other files as they free up. With
 * few files, or where the compiled worker is not there (the sources run under a test runner), the
 * files are read on the main thread alone.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { RollupRead } from "../xlsx/rollup-read";
import { readRollupFile } from "./rollup-read-file";

/** The environment variable that sets how many threads read (1: the main thread only). */
export const THREADS_VARIABLE = "INSPECTION_WORKBOOK_THREADS";

/** Below this many files one thread reads them: a worker's start-up costs more than it saves. */
const FILES_PER_EXTRA_THREAD = 12;
const MAX_THREADS = 8;

/**
 * How many threads to read `files` files with: one per core, at most one per dozen files and 8 in
 * all; the environment variable overrides.
 * @example threadsFor(200) // 2 on a two-core machine
 */
export function threadsFor(files: number, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const asked = Number(env[THREADS_VARIABLE]);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_THREADS, Math.max(1, files));
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.floor(files / FILES_PER_EXTRA_THREAD) + 1));
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
  const take = (): number | null => (next < files.length ? next++ : null);

  const onMain = async (): Promise<void> => {
    for (let i = take(); i !== null; i = take()) reads[i] = await readRollupFile(files[i]!);
  };
  // A worker that fails hands its file back to the main thread; the others carry on.
  const onWorker = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script);
      let current: number | null = null;
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        const left = current;
        current = null;
        void worker.terminate();
        if (left === null) resolve();
        else void readRollupFile(files[left]!).then((read) => (reads[left] = read), () => undefined).then(() => onMain()).then(resolve, resolve);
      };
      const send = (): void => {
        current = take();
        if (current === null) finish();
        else worker.postMessage({ id: current, file: files[current] });
      };
      worker.on("message", (m: { id: number; read?: RollupRead }) => {
        if (!m.read) return finish();
        reads[m.id] = m.read;
        send();
      });
      worker.on("error", finish);
      worker.on("exit", finish);
      send();
    });
  await Promise.all([onMain(), ...Array.from({ length: workers }, onWorker)]);
  return { reads, threads: workers + 1 };
}
