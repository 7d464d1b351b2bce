// The `imagebuilder-wasm/init` entry (no top-level await) in Chromium, bundled by esbuild as an
// IIFE and as an es2020 ESM bundle (targets where top-level await does not exist): init() loads
// the wasm, calls before it fail with a clear message, modelled errors are their own classes,
// and a missing region or credentials is an explicit error (never read from an environment in a
// browser). Served by a local server on 127.0.0.1; Debian's /usr/bin/chromium via playwright-core.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { scratchProject, here, pageResults } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const MIME = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

function serve(www) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/emulator/")) {
      if (url.pathname === "/emulator/ListImages") {
        res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "req-list" });
        res.end(JSON.stringify({ imageVersionList: [{ arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3" }] }));
      } else {
        res.writeHead(404, { "content-type": "application/json", "x-amzn-requestid": "req-404", "x-amzn-errortype": "ResourceNotFoundException" });
        res.end(JSON.stringify({ message: "Image not found" }));
      }
      return;
    }
    const file = path.join(www, url.pathname.replace(/^\/+/, ""));
    if (file.startsWith(www) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
      res.end(fs.readFileSync(file));
    } else {
      res.writeHead(404);
      res.end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

test("the init entry runs in Chromium as an IIFE bundle and as an es2020 bundle", { skip: fs.existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`, timeout: 180_000 }, async (t) => {
  const { project } = scratchProject();
  const www = fs.mkdtempSync(path.join(project, "www-init-"));
  for (const f of ["checks.mjs", "init-app.mjs"]) fs.copyFileSync(path.join(here, "browser", f), path.join(project, f));
  const common = { absWorkingDir: project, entryPoints: ["init-app.mjs"], bundle: true, platform: "browser", target: "es2020", logLevel: "silent" };
  // Both builds fail if the entry needs top-level await (esbuild refuses it for es2020 and IIFE).
  await esbuild.build({ ...common, format: "iife", outfile: path.join(www, "iife.js") });
  await esbuild.build({ ...common, format: "esm", outfile: path.join(www, "esm.js") });
  fs.cpSync(path.join(project, "node_modules/imagebuilder-wasm/wasm"), path.join(www, "wasm"), { recursive: true });
  fs.writeFileSync(path.join(www, "iife.html"), '<!doctype html><title>iife</title><script src="/iife.js"></script>');
  fs.writeFileSync(path.join(www, "esm.html"), '<!doctype html><title>esm</title><script type="module" src="/esm.js"></script>');
  const { server, origin } = await serve(www);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  t.after(async () => {
    await browser.close();
    server.close();
    fs.rmSync(www, { recursive: true, force: true });
  });
  for (const page of ["iife.html", "esm.html"]) {
    const r = await pageResults(browser, `${origin}/${page}`);
    assert.equal(r.beforeInit.isClass, true, page);
    assert.match(r.beforeInit.message, /validateArn was called before the WebAssembly module was loaded; call `await init\(\)` first/, page);
    assert.equal(r.shapes, true, page);
    assert.equal(r.checks.parsed.version, "1.2.3/4", page);
    assert.equal(r.checks.signature, "d7d81437e37ce478f2c46b0c3742d2c62e6707e37671a91edde84907acdc1cbd", page);
    assert.deepEqual(r.checks.serviceError, { isClass: true, name: "ResourceNotFoundException", status: 404, requestId: "req-404" }, page);
    assert.equal(r.modelled, true, page);
    assert.equal(r.noRegion.name, "ConfigError", page);
    assert.match(r.noRegion.message, /config\.region is required here: outside Node the region is never read from the environment/, page);
    assert.equal(r.noCredentials.name, "CredentialsError", page);
    assert.match(r.noCredentials.message, /config\.credentials is required here: outside Node credentials are never read/, page);
  }
});
