// The bundle a user ships for each entry of the npm package, measured the way the peers' harness
// measures its bundles (esbuild: platform browser, format esm, minify, tree shaking; `gzip -9 -n`,
// zlib level 9 without a gzip binary), plus the entry's .wasm, compressed the same way.
//
//   node bundle-sizes.mjs PKG_DIR OUT_DIR
//
// Prints one JSON object: { entries: [{ name, js: {raw, gzip9}, wasm: {raw, gzip9}, total }] }.
// `cargo xtask size` runs it (and checks the totals against the budgets with `--check`).

import * as esbuild from "esbuild";
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [pkg, out] = process.argv.slice(2);
if (!pkg || !out) {
  console.error("usage: node bundle-sizes.mjs PKG_DIR OUT_DIR");
  process.exit(2);
}

/** [name, template in this folder, the package's browser file, its .wasm] */
const ENTRIES = [
  ["validate", "validate-entry.mjs", "validate.js", "wasm/imagebuilder_wasm_validate_bg.wasm"],
  ["lite", "lite-entry.mjs", "lite.js", "wasm/imagebuilder_wasm_lite_bg.wasm"],
  ["full", "client-entry.mjs", "index.js", "wasm/imagebuilder_wasm_bg.wasm"],
];

function gzip9(bytes) {
  const r = spawnSync("gzip", ["-9", "-n", "-c"], { input: bytes, maxBuffer: 1 << 30 });
  if (r.status === 0) return r.stdout.length;
  return gzipSync(bytes, { level: 9 }).length;
}

function measure(file) {
  const bytes = fs.readFileSync(file);
  return { raw: bytes.length, gzip9: gzip9(bytes) };
}

fs.mkdirSync(out, { recursive: true });
const entries = [];
for (const [name, template, browserFile, wasmFile] of ENTRIES) {
  const target = path.resolve(pkg, browserFile);
  if (!fs.existsSync(target)) throw new Error(`${target} is missing: build the package first (cargo xtask npm)`);
  const text = fs.readFileSync(path.join(here, template), "utf8");
  const entry = path.join(out, `${name}-entry.mjs`);
  fs.writeFileSync(entry, text.replace('"imagebuilder-wasm-entry"', JSON.stringify(target)));
  const outfile = path.join(out, `${name}.js`);
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    treeShaking: true,
    outfile,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.values(r.metafile.outputs)[0].inputs;
  const modules = Object.entries(inputs)
    .map(([file, { bytesInOutput }]) => ({ file: path.basename(file), bytes: bytesInOutput }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const js = measure(outfile);
  const wasm = measure(path.resolve(pkg, wasmFile));
  entries.push({ name, js, wasm, total: js.gzip9 + wasm.gzip9, modules });
}
console.log(JSON.stringify({ entries }));
