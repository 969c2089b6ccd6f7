/**
 * The add-in manifest, icons, ribbon wiring and production build.
 *
 * Microsoft's manifest validator is an online service that cannot be reached here, so these
 * tests check the structure themselves (scripts/check-manifest.js) and then build the add-in
 * for a deployment URL and check the copy in the build output.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

import {
  checkManifest,
  child,
  deriveBaseUrl,
  children,
  parseXml,
  readPngSize,
  ROOT_ORDER,
  type ManifestIssue,
} from "../../scripts/check-manifest";
import { ICON_SIZES, renderIcon } from "../../scripts/make-icons";
import {
  DEV_URL,
  isPlaceholderUrl,
  normaliseDeploymentUrl,
  resolveDeploymentUrl,
  rewriteManifestUrls,
} from "../../scripts/addin-url";
import { planSideload } from "../../scripts/sideload";
import { classifyOnlineResult } from "../../scripts/validate-manifest";
import { CHECK_CASES_FUNCTION, createCheckCasesCommand } from "../../src/commands/check-cases";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const ASSETS = path.join(ROOT, "assets");
const manifestXml = fs.readFileSync(MANIFEST_PATH, "utf8");

const codes = (issues: readonly ManifestIssue[]): string[] => issues.map((i) => i.code);
const errorsOf = (xml: string, assetsDir = ASSETS): string[] =>
  codes(checkManifest(xml, { assetsDir }).issues.filter((i) => i.severity === "error"));

function root() {
  const parsed = parseXml(manifestXml);
  return parsed;
}

describe("manifest.xml", () => {
  it("passes the offline structural check with no errors or warnings", () => {
    const { issues } = checkManifest(manifestXml, { assetsDir: ASSETS, minExcelApi: "1.9" });
    expect(issues).toEqual([]);
  });

  it("lists the OfficeApp children in schema order", () => {
    const names = root().children.map((c) => c.name);
    expect(names).toEqual([
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ]);
    const positions = names.map((n) => ROOT_ORDER.indexOf(n));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("is an Excel task pane add-in with a fixed GUID and read/write permission", () => {
    const app = root();
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(app, "Id")?.text).toBe("c3838f93-3854-48cd-aa9d-900a2a159a4b");
    expect(child(app, "DisplayName")?.attrs.DefaultValue).toBe("Case Inspection Workbook");
    expect(children(child(app, "Hosts"), "Host").map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(child(app, "Permissions")?.text).toBe("ReadWriteDocument");
    expect(child(child(app, "DefaultSettings"), "SourceLocation")?.attrs.DefaultValue).toBe(
      "https://localhost:3000/taskpane.html"
    );
  });

  it("requires ExcelApi 1.9 (Worksheet.pageLayout for the print-ready Summary)", () => {
    const sets = children(child(child(root(), "Requirements"), "Sets"), "Set");
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([["ExcelApi", "1.9"]]);
  });

  it("uses https for every URL, all on the development server", () => {
    const { urls } = checkManifest(manifestXml);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) expect(url.startsWith(DEV_URL)).toBe(true);
  });

  it("has a Case inspection group on the Home tab with Open pane and Check cases", () => {
    const { commands } = checkManifest(manifestXml);
    expect(commands?.buttons).toEqual([
      {
        id: "OpenPaneButton",
        label: "Open pane",
        action: "ShowTaskpane",
        sourceLocation: "https://localhost:3000/taskpane.html",
      },
      { id: "CheckCasesButton", label: "Check cases", action: "ExecuteFunction", functionName: "checkCases" },
    ]);
    expect(manifestXml).toContain('<OfficeTab id="TabHome">');
    expect(manifestXml).toMatch(/id="CaseInspectionGroup\.Label" DefaultValue="Case inspection"/);
  });

  it("calls the function name that src/commands registers", () => {
    const { commands } = checkManifest(manifestXml);
    const execute = commands?.buttons.find((b) => b.action === "ExecuteFunction");
    expect(execute?.functionName).toBe(CHECK_CASES_FUNCTION);
    const entry = fs.readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
    expect(entry).toMatch(/Office\.actions\.associate\(CHECK_CASES_FUNCTION/);
  });
});

describe("icons", () => {
  it.each([16, 32, 64, 80, 128])("assets/icon-%i.png is a PNG of exactly that size", (size) => {
    const png = fs.readFileSync(path.join(ASSETS, `icon-${size}.png`));
    expect(readPngSize(png)).toEqual({ width: size, height: size });
  });

  it("are what scripts/make-icons.js draws (run `npm run icons` after changing it)", () => {
    for (const size of ICON_SIZES) {
      const committed = fs.readFileSync(path.join(ASSETS, `icon-${size}.png`));
      expect(renderIcon(size).equals(committed)).toBe(true);
    }
  });
});

describe("the offline checker finds broken manifests", () => {
  it("reports malformed XML", () => {
    expect(errorsOf(manifestXml.replace("</Hosts>", ""))).toEqual(["xml-malformed"]);
    expect(errorsOf(manifestXml.replace("Strengths &amp; improvements", "Strengths & improvements"))).toEqual([
      "xml-malformed",
    ]);
  });

  it("reports elements out of schema order", () => {
    const swapped = manifestXml.replace(
      /(\s*<SupportUrl [^>]*\/>)(\s*<HighResolutionIconUrl [^>]*\/>)?/,
      ""
    );
    const support = /<SupportUrl [^>]*\/>/.exec(manifestXml)?.[0] ?? "";
    const moved = swapped.replace("<Id>", `${support}\n  <Id>`);
    expect(errorsOf(moved)).toContain("element-order");
  });

  it("reports a missing required element, an Id that is not a GUID and a non-https URL", () => {
    expect(errorsOf(manifestXml.replace(/\s*<ProviderName>[^<]*<\/ProviderName>/, ""))).toEqual(["missing-element"]);
    expect(errorsOf(manifestXml.replace(/<Id>[^<]*<\/Id>/, "<Id>case-inspection</Id>"))).toEqual(["id-not-guid"]);
    expect(
      errorsOf(manifestXml.replace('SupportUrl DefaultValue="https://', 'SupportUrl DefaultValue="http://'))
    ).toContain("url-not-https");
  });

  it("reports a missing requirement set and a dangling resource reference", () => {
    expect(errorsOf(manifestXml.replace(/\s*<Requirements>[\s\S]*?<\/Requirements>/, ""))).toEqual([
      "requirement-set",
    ]);
    expect(errorsOf(manifestXml.replace('resid="CheckCases.Tooltip"', 'resid="CheckCases.Tip"'))).toContain(
      "missing-resource"
    );
    expect(checkManifest(manifestXml, { minExcelApi: "1.12" }).issues.map((i) => i.code)).toEqual([
      "requirement-set",
    ]);
  });

  it("derives the base URL from the task pane's SourceLocation", () => {
    expect(deriveBaseUrl(manifestXml)).toBe("https://localhost:3000/");
    expect(deriveBaseUrl(rewriteManifestUrls(manifestXml, "https://example.org/a/"))).toBe("https://example.org/a/");
    expect(deriveBaseUrl("<OfficeApp/>")).toBeNull();
  });

  it("reports icons that are missing or the wrong size", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-icons-"));
    try {
      for (const size of [16, 32, 64]) fs.copyFileSync(path.join(ASSETS, `icon-${size}.png`), path.join(dir, `icon-${size}.png`));
      fs.copyFileSync(path.join(ASSETS, "icon-16.png"), path.join(dir, "icon-32.png")); // 16 px where 32 px is needed
      const found = errorsOf(manifestXml, dir);
      expect(found).toContain("icon-size");
      expect(found).toContain("icon-missing"); // icon-80.png
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("deployment URL", () => {
  it("accepts https URLs and adds the trailing slash", () => {
    expect(normaliseDeploymentUrl("https://addins.example.gov.uk/inspection", "ADDIN_URL")).toBe(
      "https://addins.example.gov.uk/inspection/"
    );
    expect(normaliseDeploymentUrl(" https://example.org/addin/ ", "ADDIN_URL")).toBe("https://example.org/addin/");
  });

  it("rejects http, relative URLs, queries and credentials", () => {
    expect(() => normaliseDeploymentUrl("http://example.org/", "ADDIN_URL")).toThrow(/https/);
    expect(() => normaliseDeploymentUrl("addin/", "ADDIN_URL")).toThrow(/not a URL/);
    expect(() => normaliseDeploymentUrl("https://example.org/?v=1", "ADDIN_URL")).toThrow(/query/);
    expect(() => normaliseDeploymentUrl("https://u:p@example.org/", "ADDIN_URL")).toThrow(/password/);
  });

  it("takes ADDIN_URL first, then package.json config.addinUrl, and flags placeholders", () => {
    const warnings: string[] = [];
    const log = { warn: (m: string) => warnings.push(m) };
    expect(resolveDeploymentUrl({ env: { ADDIN_URL: "https://addins.example.gov.uk/x" }, log })).toBe(
      "https://addins.example.gov.uk/x/"
    );
    expect(warnings).toEqual([]);
    const fromConfig = resolveDeploymentUrl({ env: {}, log });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      config: { addinUrl: string };
    };
    expect(fromConfig).toBe(normaliseDeploymentUrl(pkg.config.addinUrl, "config"));
    expect(isPlaceholderUrl(fromConfig)).toBe(warnings.length === 1);
  });

  it("rewrites every development URL in the manifest", () => {
    const out = rewriteManifestUrls(manifestXml, "https://example.org/addin/");
    expect(out).not.toContain("localhost");
    expect(out).toContain('<SourceLocation DefaultValue="https://example.org/addin/taskpane.html"/>');
  });
});

describe("npm start / npm stop / npm run validate", () => {
  it("explains on Linux that desktop sideloading needs Windows or Mac, and how to use Excel on the web", () => {
    const plan = planSideload("start", { platform: "linux", cli: null, args: [] });
    expect(plan).toMatchObject({ exitCode: 1 });
    const message = "message" in plan ? plan.message : "";
    expect(message).toMatch(/Windows and Mac only/);
    expect(message).toMatch(/Upload My Add-in/);
    expect(message).toMatch(/npm run dev-server/);
  });

  it("runs office-addin-debugging on Windows and Mac, and explains when it is not installed", () => {
    expect(planSideload("start", { platform: "win32", cli: "/x/cli.js", args: [] })).toEqual({
      run: ["/x/cli.js", "start", "manifest.xml"],
    });
    expect(planSideload("stop", { platform: "darwin", cli: "/x/cli.js", args: [] })).toEqual({
      run: ["/x/cli.js", "stop", "manifest.xml"],
    });
    const missing = planSideload("start", { platform: "darwin", cli: null, args: [] });
    expect(missing).toMatchObject({ exitCode: 1 });
    expect(planSideload("stop", { platform: "linux", cli: null, args: [] })).toMatchObject({ exitCode: 0 });
  });

  it("treats an unreachable online validator as a note, not a failure", () => {
    const offline = "Error: Unable to contact the manifest validation service.\nFetchError: getaddrinfo ENOTFOUND";
    expect(classifyOnlineResult({ status: 1, output: offline, timedOut: false })).toBe("unreachable");
    expect(classifyOnlineResult({ status: null, output: "", timedOut: true })).toBe("unreachable");
    expect(classifyOnlineResult({ status: 1, output: "The manifest is not valid.", timedOut: false })).toBe("invalid");
    expect(classifyOnlineResult({ status: 0, output: "The manifest is valid.", timedOut: false })).toBe("valid");
  });
});

describe("Check cases command", () => {
  it("completes the event after running the check", async () => {
    const calls: string[] = [];
    const command = createCheckCasesCommand({ run: async () => void calls.push("run") });
    await command({ completed: () => void calls.push("completed") });
    expect(calls).toEqual(["run", "completed"]);
  });

  it("reports a failure and still completes the event", async () => {
    const failure = Object.assign(new Error("busy"), { code: "InvalidOperationInCellEditMode" });
    const reported: unknown[] = [];
    let completed = 0;
    const command = createCheckCasesCommand({
      run: () => Promise.reject(failure),
      reportError: (e) => void reported.push(e),
    });
    await command({ completed: () => void completed++ });
    expect(reported).toEqual([failure]);
    expect(completed).toBe(1);
  });
});

describe("production build (webpack --mode production, ADDIN_URL=https://example.org/addin/)", () => {
  const ADDIN_URL = "https://example.org/addin/";
  let out = "";

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "addin-dist-"));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "addin-home-")); // no dev certificates here
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--output-path", out],
      {
        cwd: ROOT,
        env: { ...process.env, ADDIN_URL, HOME: home, USERPROFILE: home },
        stdio: "pipe",
        timeout: 85_000,
      }
    );
    fs.rmSync(home, { recursive: true, force: true });
  }, 90_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("writes the task pane, the function file and the manifest", () => {
    for (const file of ["taskpane.html", "taskpane.js", "commands.html", "commands.js", "manifest.xml", "support.html"]) {
      expect(fs.existsSync(path.join(out, file))).toBe(true);
    }
    for (const size of [16, 32, 64, 80]) expect(fs.existsSync(path.join(out, "assets", `icon-${size}.png`))).toBe(true);
  });

  it("points the manifest at the deployment URL, with no development URL left", () => {
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(xml).not.toMatch(/localhost/i);
    expect(xml).toContain(`<SourceLocation DefaultValue="${ADDIN_URL}taskpane.html"/>`);
    const { issues, urls } = checkManifest(xml, {
      baseUrl: ADDIN_URL,
      assetsDir: path.join(out, "assets"),
      pagesDir: out,
    });
    expect(issues).toEqual([]);
    for (const url of urls) expect(url.startsWith(ADDIN_URL)).toBe(true);
  });

  it("loads nothing from outside the add-in but Office.js from Microsoft's CDN", () => {
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = fs.readFileSync(path.join(out, page), "utf8");
      expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      const external = [...html.matchAll(/(?:src|href)=["']?(https?:[^"'\s>]+)/g)]
        .map((m) => m[1])
        .filter((url) => url !== "https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      expect(external).toEqual([]);
    }
  });
});
