// The package as published: what the tarball holds, its package.json, publint's verdict, and how
// Node resolves its entries (no init call, no bundler).

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { scratchProject } from "./helpers.mjs";

const { project, files } = scratchProject();
const installed = path.join(project, "node_modules/imagebuilder-wasm");
const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));

test("the tarball holds the entries, their types, the three wasm files, the README and the license, and nothing else", () => {
  const want = [
    "LICENSE",
    "README.md",
    "package.json",
    "index.js",
    "index.node.js",
    "index.d.ts",
    "lite.js",
    "lite.node.js",
    "lite.d.ts",
    "common.d.ts",
    "operations.js",
    "operations.d.ts",
    "wasm/imagebuilder_wasm.js",
    "wasm/imagebuilder_wasm_bg.wasm",
    "wasm/imagebuilder_wasm_lite.js",
    "wasm/imagebuilder_wasm_lite_bg.wasm",
    "validate.js",
    "validate.node.js",
    "validate.d.ts",
    "wasm/imagebuilder_wasm_validate.js",
    "wasm/imagebuilder_wasm_validate_bg.wasm",
  ];
  for (const f of want) assert.ok(files.includes(f), `missing ${f}`);
  for (const f of files) assert.match(f, /^(LICENSE|README\.md|package\.json|[a-z-]+(\.node)?\.js|[a-z-]+\.d\.ts|wasm\/imagebuilder_wasm(_lite|_validate)?(\.js|_bg\.wasm))$/, `unexpected file ${f}`);
});

test("package.json has the name, license, engines, ESM type, exports, types, files and sideEffects", () => {
  assert.equal(manifest.name, "imagebuilder-wasm");
  assert.equal(manifest.license, "Apache-2.0");
  assert.equal(manifest.type, "module");
  assert.equal(manifest.engines.node, ">=18");
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.equal(manifest.types, "./index.d.ts");
  assert.deepEqual(Object.keys(manifest.exports["."]), ["types", "node", "default"]);
  assert.deepEqual(Object.keys(manifest.exports["./lite"]), ["types", "node", "default"]);
  assert.deepEqual(Object.keys(manifest.exports["./validate"]), ["types", "node", "default"]);
  assert.ok(Array.isArray(manifest.files) && Array.isArray(manifest.sideEffects));
  for (const entry of manifest.sideEffects) assert.ok(fs.existsSync(path.join(installed, entry)), entry);
});

test("publint reports no error, warning or suggestion", async () => {
  const { messages } = await publint({ pkgDir: installed, level: "suggestion", strict: true });
  const shown = messages.map((m) => `${m.type}: ${formatMessage(m, manifest)}`);
  assert.deepEqual(shown, []);
});

test("Node resolves each entry to its Node file through the exports map, ready without an init call", () => {
  const script = `
    const full = await import("imagebuilder-wasm");
    const lite = await import("imagebuilder-wasm/lite");
    const r = import.meta.resolve("imagebuilder-wasm");
    console.log(JSON.stringify({
      resolved: [import.meta.resolve("imagebuilder-wasm"), import.meta.resolve("imagebuilder-wasm/lite")].map((u) => u.split("/").pop()),
      full: full.parseVersion("1.2.3").text,
      lite: lite.validateArns(["arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0/1", "nope"]).validCount,
      liteHasClient: "ImageBuilderClient" in lite,
    }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), { resolved: ["index.node.js", "lite.node.js"], full: "1.2.3", lite: 1, liteHasClient: false });
});

test("the lite wasm is smaller than the full one", () => {
  const size = (f) => fs.statSync(path.join(installed, "wasm", f)).size;
  assert.ok(size("imagebuilder_wasm_lite_bg.wasm") < size("imagebuilder_wasm_bg.wasm"));
});
