/**
 * Preloaded into processes the benchmark spawns (`node -r rss-probe.js …`): on exit, writes the
 * process's peak resident set size (KB) to the file named by BENCH_RSS_FILE.
 */
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the measurement is lost; the benchmark reports it as missing
    }
  });
}
