#!/usr/bin/env node
// npm run validate [-- <manifest.xml>] [-- --offline]
//
// 1. The offline structural check (scripts/check-manifest.js): element order, required
//    elements, GUID, https, resources, icon files and pixel sizes. Errors fail the script.
// 2. Microsoft's online validator (`office-addin-manifest validate`), which posts the manifest
//    to a Microsoft service. When the service cannot be reached (no internet, a proxy), that is
//    reported as a note and the result of step 1 stands.
"use strict";

const path = require("path");
const { spawnSync } = require("child_process");
const checkManifest = require("./check-manifest");

const UNREACHABLE = /Unable to contact the manifest validation service/i;
const ONLINE_TIMEOUT_MS = 90_000;

function findManifestCli() {
  try {
    const pkgPath = require.resolve("office-addin-manifest/package.json", { paths: [path.resolve(__dirname, "..")] });
    return path.join(path.dirname(pkgPath), require(pkgPath).bin["office-addin-manifest"]);
  } catch {
    return null;
  }
}

/**
 * Classifies the online validator's outcome.
 * @param {{ status: number | null, output: string, timedOut: boolean }} result
 * @returns {"valid" | "invalid" | "unreachable"}
 */
function classifyOnlineResult(result) {
  if (result.timedOut || UNREACHABLE.test(result.output)) return "unreachable";
  return result.status === 0 ? "valid" : "invalid";
}

function runOnline(file) {
  const cli = findManifestCli();
  if (!cli) return { status: null, output: "office-addin-manifest is not installed.", timedOut: true };
  const run = spawnSync(process.execPath, [cli, "validate", file], {
    encoding: "utf8",
    timeout: ONLINE_TIMEOUT_MS,
  });
  return {
    status: run.status,
    output: `${run.stdout || ""}${run.stderr || ""}`,
    timedOut: Boolean(run.error && run.error.code === "ETIMEDOUT"),
  };
}

function main(argv) {
  const offline = argv.includes("--offline");
  const file = argv.find((a) => !a.startsWith("--")) || "manifest.xml";

  console.log(`1/2 Offline structural check of ${file}`);
  const offlineCode = checkManifest.main([file]);
  if (offlineCode !== 0) return offlineCode;

  if (offline) {
    console.log("2/2 Online validation skipped (--offline).");
    return 0;
  }
  console.log(`2/2 Microsoft's online validator (office-addin-manifest validate ${file})`);
  const result = runOnline(file);
  const outcome = classifyOnlineResult(result);
  if (outcome === "unreachable") {
    const reason = result.output.trim().split("\n")[0] || "timed out";
    console.log(`Note: the online validation service could not be reached (${reason}).`);
    console.log("The offline check passed; run `npm run validate` on a machine with internet access before publishing.");
    return 0;
  }
  process.stdout.write(result.output);
  return outcome === "valid" ? 0 : 1;
}

module.exports = { classifyOnlineResult, main };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
