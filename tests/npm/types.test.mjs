// TypeScript: `tsc --noEmit` over types/usage.ts in the scratch project (the package resolved from
// node_modules, as a user's project would). usage.ts holds both correct code and
// `// @ts-expect-error` lines, so the test fails if the types are too loose as well as too strict.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { scratchProject, here } from "./helpers.mjs";

test("tsc --noEmit accepts the usage file and every expected type error is an error", () => {
  const { project } = scratchProject();
  const dir = fs.mkdtempSync(path.join(project, "types-"));
  for (const f of ["usage.ts", "tsconfig.json"]) fs.copyFileSync(path.join(here, "types", f), path.join(dir, f));
  // The scratch project is an ESM package ("type": "module"), so usage.ts is an ES module.
  const tsc = path.join(here, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});

test("the declarations never fall back to any", () => {
  const { project } = scratchProject();
  const pkg = path.join(project, "node_modules/imagebuilder-wasm");
  for (const f of fs.readdirSync(pkg).filter((f) => f.endsWith(".d.ts"))) {
    const text = fs.readFileSync(path.join(pkg, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(text, /\bany\b/, f);
  }
});
