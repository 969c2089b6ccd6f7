/**
 * Preloaded into processes the benchmark spawns (`node -r rss-probe.js …`): on exit, writes the
 * process's peak resident set size (KB), then the CPU time it used in all its threads, user and
 * system (µs), to the file named by BENCH_RSS_FILE.
 */
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      const usage = process.resourceUsage();
      writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}`);
    } catch {
      // the measurement is lost; the benchmark reports it as missing
    }
  });
}
