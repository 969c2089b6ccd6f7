#!/usr/bin/env node
// npm start / npm stop: sideload the add-in into desktop Excel with office-addin-debugging,
// as the yo office template does, or explain what to do where that cannot work.
//
//   npm start                 Windows, Mac: starts the dev server and opens Excel with the add-in
//   npm start -- web --document <url of a workbook in OneDrive/SharePoint>
//                             any platform with office-addin-debugging: Excel on the web
//   npm stop                  unregisters the add-in and stops the dev server
//
// office-addin-debugging is an optional dependency: it needs keytar, a native module that
// does not build everywhere, and it cannot sideload into desktop Excel on Linux.
"use strict";

const path = require("path");
const { spawnSync } = require("child_process");

const MANIFEST = "manifest.xml";
const DESKTOP_PLATFORMS = Object.freeze(["win32", "darwin"]);

const WEB_SIDELOAD_HELP = [
  "To try the add-in in Excel on the web instead:",
  "  1. npm run dev-server",
  "     (serves https://localhost:3000; your browser must trust its certificate:",
  "     run `npx office-addin-dev-certs install`, or open https://localhost:3000/taskpane.html once and accept it)",
  "  2. Open a workbook in Excel on the web (https://www.office.com).",
  "  3. Home > Add-ins > More Add-ins (or Insert > Office Add-ins) > My Add-ins > Upload My Add-in,",
  `     and choose ${MANIFEST} from this folder.`,
  "  4. The Case inspection group appears on the Home tab.",
  "To use a hosted build instead: ADDIN_URL=https://<where dist/ is served>/ npm run build,",
  "publish dist/, and upload dist/manifest.xml.",
].join("\n");

function findDebuggingCli(root) {
  try {
    const pkgPath = require.resolve("office-addin-debugging/package.json", { paths: [root] });
    const pkg = require(pkgPath);
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && pkg.bin["office-addin-debugging"];
    return bin ? path.join(path.dirname(pkgPath), bin) : null;
  } catch {
    return null;
  }
}

/**
 * Decides what `npm start` / `npm stop` do here.
 * @param {"start" | "stop"} command
 * @param {{ platform: string, cli: string | null, args: string[] }} context
 * @returns {{ exitCode: number, message: string } | { run: string[] }}
 */
function planSideload(command, { platform, cli, args }) {
  const web = args[0] === "web";
  if (command === "stop") {
    if (cli) return { run: [cli, "stop", MANIFEST, ...args] };
    return {
      exitCode: 0,
      message: "Nothing to stop: no add-in was sideloaded from here. Stop `npm run dev-server` with Ctrl+C.",
    };
  }
  if (!DESKTOP_PLATFORMS.includes(platform) && !web) {
    return {
      exitCode: 1,
      message:
        `npm start sideloads the add-in into desktop Excel, which runs on Windows and Mac only (this is ${platform}).\n\n` +
        WEB_SIDELOAD_HELP,
    };
  }
  if (!cli) {
    return {
      exitCode: 1,
      message:
        "npm start needs office-addin-debugging, an optional dependency that is not installed here\n" +
        "(its keytar dependency needs native build tools; on Debian/Ubuntu: apt-get install libsecret-1-dev).\n" +
        "Install it with `npm install --no-save office-addin-debugging`, then run npm start again.\n\n" +
        WEB_SIDELOAD_HELP,
    };
  }
  return { run: [cli, "start", MANIFEST, ...args] };
}

function main(argv) {
  const [command, ...args] = argv;
  if (command !== "start" && command !== "stop") {
    console.error("usage: node scripts/sideload.js start|stop [office-addin-debugging options]");
    return 2;
  }
  const root = path.resolve(__dirname, "..");
  const plan = planSideload(command, { platform: process.platform, cli: findDebuggingCli(root), args });
  if ("message" in plan) {
    (plan.exitCode === 0 ? console.log : console.error)(plan.message);
    return plan.exitCode;
  }
  const run = spawnSync(process.execPath, plan.run, { cwd: root, stdio: "inherit" });
  if (run.error) {
    console.error(`Could not run office-addin-debugging: ${run.error.message}`);
    return 1;
  }
  return run.status === null ? 1 : run.status;
}

module.exports = { planSideload, DESKTOP_PLATFORMS, MANIFEST };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
