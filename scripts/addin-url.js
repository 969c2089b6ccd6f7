// Where the add-in is served, for the production copy of manifest.xml.
//
// manifest.xml names the development server, https://localhost:3000/. A production build
// replaces that prefix with the deployment URL, taken from (first match wins):
//   1. the ADDIN_URL environment variable          ADDIN_URL=https://addins.example.gov.uk/inspection/ npm run build
//   2. "config": { "addinUrl": "…" } in package.json
// The URL must be https and is the folder that serves the contents of dist/.
"use strict";

const fs = require("fs");
const path = require("path");

const DEV_URL = "https://localhost:3000/";
const PLACEHOLDER_HOSTS = ["example.org", "example.com", "example.net", "contoso.com", "www.contoso.com"];

/**
 * Checks and normalises a deployment URL: absolute https, no query or fragment, ends with "/".
 * Throws an Error with a message for the user when the URL cannot be used.
 * @param {string} value
 * @param {string} source where the value came from, for the message
 * @returns {string}
 */
function normaliseDeploymentUrl(value, source) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw new Error(`${source} is not a URL: "${value}". Use the https address that serves dist/, e.g. https://addins.example.gov.uk/inspection/`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`${source} must be an https URL (Office loads add-ins only over https): "${value}"`);
  }
  if (url.search || url.hash) {
    throw new Error(`${source} must not have a query string or fragment: "${value}"`);
  }
  if (url.username || url.password) {
    throw new Error(`${source} must not contain a user name or password: "${value}"`);
  }
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

function isPlaceholderUrl(url) {
  const host = new URL(url).hostname;
  return PLACEHOLDER_HOSTS.some((placeholder) => host === placeholder || host.endsWith(`.${placeholder}`));
}

/**
 * The deployment URL for a production build.
 * @param {{ env?: NodeJS.ProcessEnv, packageJsonPath?: string, log?: Pick<Console, "warn"> }} [options]
 * @returns {string}
 */
function resolveDeploymentUrl(options = {}) {
  const env = options.env ?? process.env;
  const packageJsonPath = options.packageJsonPath ?? path.resolve(__dirname, "..", "package.json");
  let url;
  if (env.ADDIN_URL && env.ADDIN_URL.trim() !== "") {
    url = normaliseDeploymentUrl(env.ADDIN_URL, "ADDIN_URL");
  } else {
    const pkg = JSON.parse(fs.readFileSync(packageJsonPath, "utf8"));
    const configured = pkg.config && pkg.config.addinUrl;
    if (!configured) {
      throw new Error(
        'No deployment URL for the production manifest. Set ADDIN_URL or "config": { "addinUrl": "https://…/" } in package.json.'
      );
    }
    url = normaliseDeploymentUrl(configured, 'package.json "config.addinUrl"');
  }
  if (options.log && isPlaceholderUrl(url)) {
    options.log.warn(
      `\nWarning: dist/manifest.xml points at ${url}, a placeholder. Before deploying, build with ` +
        "ADDIN_URL=https://<where dist/ is served>/ npm run build (or set config.addinUrl in package.json).\n"
    );
  }
  return url;
}

/**
 * Replaces the development URL prefix in a manifest with the deployment URL.
 * @param {string} xml
 * @param {string} deploymentUrl a normalised URL ending with "/"
 * @returns {string}
 */
function rewriteManifestUrls(xml, deploymentUrl) {
  return xml.split(DEV_URL).join(deploymentUrl);
}

module.exports = { DEV_URL, normaliseDeploymentUrl, isPlaceholderUrl, resolveDeploymentUrl, rewriteManifestUrls };
