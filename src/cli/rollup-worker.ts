/**
 * A worker thread of the roll-up: reads the files it is sent, one message per file, and answers
 * each with what the roll-up needs of it (plain data).
 */
import { parentPort } from "node:worker_threads";
import { readRollupFile } from "./rollup-read-file";

parentPort?.on("message", (message: { id: number; file: string }) => {
  void readRollupFile(message.file).then(
    (read) => parentPort!.postMessage({ id: message.id, read }),
    (e: unknown) => parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
