/**
 * A worker thread of the roll-up: reads the files it is sent, a few per message, and answers each
 * message with what the roll-up needs of them (plain data), in the same order.
 */
import { parentPort } from "node:worker_threads";
import { readRollupFile } from "./rollup-read-file";

parentPort?.on("message", (message: { ids: number[]; files: string[] }) => {
  void Promise.all(message.files.map((file) => readRollupFile(file))).then(
    (reads) => parentPort!.postMessage({ ids: message.ids, reads }),
    (e: unknown) => parentPort!.postMessage({ ids: message.ids, error: e instanceof Error ? e.message : String(e) }),
  );
});
