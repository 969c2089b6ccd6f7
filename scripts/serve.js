#!/usr/bin/env node
// Serves the production build for the plain-browser page, on this computer only.
//
//   npm run serve                       builds (npm run build), then serves dist/
//   node scripts/serve.js [--dir dist] [--port 8080]
//
// Open the address it prints (http://localhost:8080/taskpane.html) in a browser: the page reads the
// workbook you open in the page itself; nothing is uploaded, and the server listens on 127.0.0.1
// only. The tests serve their builds with the same server.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");

const TYPES = Object.freeze({
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
});

/**
 * A static file server for `dir` (plus `extra` routes: path → { type, body }). `onResponse` hears
 * every request's path and status. `/` leads to the task pane.
 */
function createStaticServer(dir, options = {}) {
  const root = path.resolve(dir);
  const extra = options.extra || {};
  const onResponse = options.onResponse || (() => undefined);
  return http.createServer((req, res) => {
    const url = new URL(req.url || "/", "http://127.0.0.1");
    const reply = (status, headers, body) => {
      onResponse(url.pathname, status);
      res.writeHead(status, { "cache-control": "no-store", ...headers });
      if (body && typeof body.pipe === "function") body.pipe(res);
      else res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return reply(405, { allow: "GET, HEAD" }, "method not allowed");
    const route = extra[url.pathname];
    if (route) return reply(200, { "content-type": route.type }, route.body);
    if (url.pathname === "/") return reply(302, { location: "/taskpane.html" }, "");
    let file;
    try {
      file = path.resolve(root, "." + path.posix.normalize(decodeURIComponent(url.pathname)));
    } catch {
      return reply(400, {}, "bad request");
    }
    if ((file !== root && !file.startsWith(root + path.sep)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return reply(404, { "content-type": "text/plain; charset=utf-8" }, "not found");
    }
    return reply(200, { "content-type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream" }, req.method === "HEAD" ? "" : fs.createReadStream(file));
  });
}

function parseArgs(argv) {
  const options = { dir: path.resolve(__dirname, "..", "dist"), port: Number(process.env.PORT || 8080) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dir" && argv[i + 1]) options.dir = path.resolve(argv[++i]);
    else if (arg === "--port" && argv[i + 1]) options.port = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}; use --dir <folder> and --port <number>`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error("--port needs a number from 0 to 65535");
  return options;
}

function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`serve: ${e.message}\n`);
    return process.exit(2);
  }
  if (!fs.existsSync(path.join(options.dir, "taskpane.html"))) {
    process.stderr.write(`serve: ${options.dir} has no taskpane.html. Build first: npm run build (npm run serve does both).\n`);
    return process.exit(2);
  }
  const server = createStaticServer(options.dir);
  server.on("error", (e) => {
    const why = e.code === "EADDRINUSE" ? `port ${options.port} is in use; choose another with --port, such as: npm run serve -- --port 8081` : e.message;
    process.stderr.write(`serve: ${why}\n`);
    process.exit(2);
  });
  server.listen(options.port, "127.0.0.1", () => {
    const { port } = server.address();
    process.stdout.write(`Serving ${path.relative(process.cwd(), options.dir) || "."} at http://localhost:${port}/taskpane.html (this computer only; Ctrl+C stops it)\n`);
  });
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { createStaticServer, TYPES };
