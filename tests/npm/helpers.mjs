// Shared by the tests: pack the built package (crates/imagebuilder-wasm/pkg, or
// $IMAGEBUILDER_WASM_PKG) with `npm pack`, install the tarball into a scratch project the way a
// user would, and import it from there (so Node resolves it through node_modules and the
// package's `exports` map). The scratch project is keyed by the tarball's hash, so the test files
// (which node --test runs in parallel processes) share one install.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const PKG = path.resolve(process.env.IMAGEBUILDER_WASM_PKG ?? path.join(here, "../../crates/imagebuilder-wasm/pkg"));

function npm(args, cwd) {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

let cached;

/** Packs and installs the package; returns { project, tarball, files } (files: what the tarball holds). */
export function scratchProject() {
  if (cached) return cached;
  if (!fs.existsSync(path.join(PKG, "package.json"))) {
    throw new Error(`no built package at ${PKG}: run \`cargo xtask npm\` first`);
  }
  const root = path.join(os.tmpdir(), "imagebuilder-wasm-npm-tests");
  fs.mkdirSync(root, { recursive: true });
  const packDir = fs.mkdtempSync(path.join(root, "pack-"));
  const [info] = JSON.parse(npm(["pack", PKG, "--pack-destination", packDir, "--json", "--loglevel=error"], root));
  const packed = path.join(packDir, info.filename);
  const hash = createHash("sha256").update(fs.readFileSync(packed)).digest("hex").slice(0, 16);
  const project = path.join(root, `project-${hash}`);
  if (!fs.existsSync(path.join(project, ".installed"))) {
    const work = fs.mkdtempSync(path.join(root, "install-"));
    const tarball = path.join(work, info.filename);
    fs.copyFileSync(packed, tarball);
    fs.writeFileSync(
      path.join(work, "package.json"),
      JSON.stringify({ name: "scratch-user-project", version: "1.0.0", private: true, type: "module" }, null, 2),
    );
    npm(["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", `./${info.filename}`], work);
    // What a user's code looks like: bare specifiers, resolved from this project's node_modules.
    fs.writeFileSync(path.join(work, "full.mjs"), 'export * from "imagebuilder-wasm";\n');
    fs.writeFileSync(path.join(work, "lite.mjs"), 'export * from "imagebuilder-wasm/lite";\n');
    fs.writeFileSync(path.join(work, "validate.mjs"), 'export * from "imagebuilder-wasm/validate";\n');
    fs.writeFileSync(path.join(work, ".installed"), "");
    try {
      fs.renameSync(work, project);
    } catch (e) {
      // Another test process installed the same tarball first: use theirs.
      if (!fs.existsSync(path.join(project, ".installed"))) throw e;
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  fs.rmSync(packDir, { recursive: true, force: true });
  cached = { project, tarball: path.join(project, info.filename), files: info.files.map((f) => f.path) };
  return cached;
}

/** `import "imagebuilder-wasm"` from the scratch project. */
export async function importFull() {
  return import(pathToFileURL(path.join(scratchProject().project, "full.mjs")).href);
}

/** `import "imagebuilder-wasm/lite"` from the scratch project. */
export async function importLite() {
  return import(pathToFileURL(path.join(scratchProject().project, "lite.mjs")).href);
}

/** `import "imagebuilder-wasm/validate"` from the scratch project. */
export async function importValidate() {
  return import(pathToFileURL(path.join(scratchProject().project, "validate.mjs")).href);
}

/** Reads a fixture file of tests/npm/fixtures/: one case per line, `#` comments and blank lines skipped. */
export function fixtureLines(name) {
  return fs
    .readFileSync(path.join(here, "fixtures", name), "utf8")
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l && !l.startsWith("#"));
}

/** Opens `url` in a new page of `context` (a playwright browser or context), waits for the page's
 * `window.__results`, and returns it; fails if the page threw anything on the way. */
export async function pageResults(context, url) {
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  await p.goto(url);
  await p.waitForFunction(() => window.__results !== undefined, null, { timeout: 60_000 });
  const r = await p.evaluate(() => window.__results);
  await p.close();
  if (errors.length > 0) throw new Error(`${url}: the page threw: ${errors.join("; ")}`);
  return r;
}
