#!/usr/bin/env node
"use strict";
// The command line. The TypeScript sources are compiled to lib/ by `npm run build:cli`
// (run automatically by `npm ci` / `npm install` through the "prepare" script).
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("lib/cli/main.js")) {
    process.stderr.write("inspection-workbook: the command line is not built yet. Run: npm run build:cli\n");
  } else {
    process.stderr.write(`inspection-workbook: cannot start: ${String((e && e.message) || e).split("\n")[0]}\n`);
  }
  process.exit(2);
}
cli.main(process.argv.slice(2));
