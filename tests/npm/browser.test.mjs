// The package in Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser is
// ever downloaded): (1) bundled by esbuild from the installed tarball, (2) imported by a plain
// <script type="module"> from the package's files, (3) in a module worker. A small local server
// (127.0.0.1 only) serves the files and answers the client's calls as a stand-in endpoint.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";
import { scratchProject, here, pageResults } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
const SIGNATURE = "d7d81437e37ce478f2c46b0c3742d2c62e6707e37671a91edde84907acdc1cbd";

const MIME = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

function startServer(roots) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/emulator/")) {
      seen.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization ?? "" });
      if (url.pathname === "/emulator/ListImages") {
        res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "req-list" });
        res.end(JSON.stringify({ requestId: "req-list", imageVersionList: [{ arn: ARN.slice(0, -2), name: "web", version: "1.2.3" }] }));
      } else {
        res.writeHead(404, { "content-type": "application/json", "x-amzn-requestid": "req-404", "x-amzn-errortype": "ResourceNotFoundException" });
        res.end(JSON.stringify({ message: "Image not found" }));
      }
      return;
    }
    for (const [prefix, dir] of roots) {
      if (url.pathname === prefix || url.pathname.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
        const rel = url.pathname.slice(prefix.length).replace(/^\/+/, "") || "index.html";
        const file = path.join(dir, rel);
        if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
          res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
          res.end(fs.readFileSync(file));
          return;
        }
      }
    }
    res.writeHead(404);
    res.end("not found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, seen, origin: `http://127.0.0.1:${server.address().port}` })));
}

const available = fs.existsSync(CHROMIUM);

test("the package works in Chromium: bundled by esbuild, from a plain module script, and in a worker", { skip: available ? false : `no Chromium at ${CHROMIUM}`, timeout: 180_000 }, async (t) => {
  const { project } = scratchProject();
  const installed = path.join(project, "node_modules/imagebuilder-wasm");
  const www = fs.mkdtempSync(path.join(project, "www-"));
  // (1) esbuild, from the installed package (browser condition -> index.js / lite.js /
  // validate.js); the .wasm files are served next to the bundle, where
  // `new URL(..., import.meta.url)` points.
  fs.copyFileSync(path.join(here, "browser/checks.mjs"), path.join(project, "checks.mjs"));
  fs.copyFileSync(path.join(here, "browser/bundled.mjs"), path.join(project, "bundled.mjs"));
  await esbuild.build({
    absWorkingDir: project,
    entryPoints: ["bundled.mjs"],
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    outfile: path.join(www, "bundle.js"),
    logLevel: "silent",
  });
  fs.cpSync(path.join(installed, "wasm"), path.join(www, "wasm"), { recursive: true });
  fs.writeFileSync(path.join(www, "bundled.html"), '<!doctype html><title>bundled</title><script type="module" src="/app/bundle.js"></script>');
  // (2) no bundler: the package's own files, imported by URL.
  fs.writeFileSync(
    path.join(www, "plain.html"),
    `<!doctype html><title>plain</title><script type="module">
      import * as full from "/pkg/index.js";
      import { checks } from "/checks.mjs";
      window.__results = checks(full, { endpoint: location.origin + "/emulator" });
    </script>`,
  );
  // (3) a module worker.
  fs.writeFileSync(
    path.join(www, "worker.html"),
    `<!doctype html><title>worker</title><script type="module">
      const w = new Worker("/worker.mjs", { type: "module" });
      window.__results = new Promise((resolve, reject) => { w.onmessage = (e) => e.data.ok ? resolve(e.data.r) : reject(new Error(e.data.error)); w.onerror = (e) => reject(new Error(e.message)); });
    </script>`,
  );
  fs.copyFileSync(path.join(here, "browser/worker.mjs"), path.join(www, "worker.mjs"));
  fs.copyFileSync(path.join(here, "browser/checks.mjs"), path.join(www, "checks.mjs"));

  const { server, seen, origin } = await startServer([
    ["/app", www],
    ["/pkg", installed],
    ["/", www],
  ]);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  t.after(async () => {
    await browser.close();
    server.close();
    fs.rmSync(www, { recursive: true, force: true });
  });
  const context = await browser.newContext();
  const run = (page) => pageResults(context, `${origin}/${page}`);
  const expectCore = (r, label, { signing = true } = {}) => {
    assert.equal(r.parsed.kind, "buildVersion", label);
    assert.equal(r.parsed.version, "1.2.3/4", label);
    assert.deepEqual(r.batch, { valid: 900, invalid: 100, firstError: r.batch.firstError }, label);
    assert.equal(typeof r.batch.firstError, "string");
    assert.deepEqual(r.versionError, { isError: true, isClass: true, name: "VersionError", rule: "WildcardFollowedByNumber", offset: 4 }, label);
    assert.equal(r.latest, "1.10.0/2", label);
    assert.equal(r.hasSigning, signing, label);
    if (signing) assert.equal(r.signature, SIGNATURE, label);
  };
  const expectClient = (r, label) => {
    assert.equal(r.hasClient, true, label);
    assert.deepEqual(r.listImages, [ARN.slice(0, -2)], label);
    assert.deepEqual(r.serviceError, { isClass: true, name: "ResourceNotFoundException", status: 404, requestId: "req-404" }, label);
  };

  const bundled = await run("bundled.html");
  expectCore(bundled.full, "bundled full");
  expectClient(bundled.full, "bundled full");
  expectCore(bundled.lite, "bundled lite");
  assert.equal(bundled.lite.hasClient, false);
  expectCore(bundled.validate, "bundled validate", { signing: false });
  assert.equal(bundled.validate.hasClient, false);

  const plain = await run("plain.html");
  expectCore(plain, "plain module script");
  expectClient(plain, "plain module script");

  const worker = await run("worker.html");
  expectCore(worker, "module worker");

  // Every client call reached the stand-in endpoint signed.
  assert.ok(seen.length >= 4);
  for (const s of seen) assert.match(s.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/imagebuilder\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
});
