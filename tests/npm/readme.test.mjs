// The package README's Node example is copy-pasteable: its offline part (everything before the
// client section) runs as written in the scratch project and prints what its comments say.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { scratchProject, here } from "./helpers.mjs";

test("the README's Node example runs as written (offline part)", () => {
  const { project } = scratchProject();
  const readme = fs.readFileSync(path.join(project, "node_modules/imagebuilder-wasm/README.md"), "utf8");
  const block = /```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "no js block in README.md");
  const cut = block[1].indexOf("// The client:");
  assert.ok(cut > 0, "the example has a client section");
  const file = path.join(project, "readme-example.mjs");
  fs.writeFileSync(file, block[1].slice(0, cut));
  const out = execFileSync(process.execPath, [file], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", AWS_SESSION_TOKEN: "TOKEN" },
  });
  const lines = out.trim().split("\n");
  assert.equal(lines[0], "image web buildVersion 1.2.3/4");
  assert.match(lines[1], /^MissingBuild /);
  assert.match(out, /WildcardFollowedByNumber/);
  assert.match(out, /kind: 'buildVersion'/);
  assert.match(out, /^1$/m);
  assert.match(out, /^true$/m);
  assert.match(out, /^1\.10\.0\/2$/m);
  assert.match(out, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//m);
  assert.match(out, /path: 'imageRecipeArn'/);
});

/** The README's ```js blocks (the Node example, then the waiter's), as one module. */
function readmeModule(project) {
  const readme = fs.readFileSync(path.join(project, "node_modules/imagebuilder-wasm/README.md"), "utf8");
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 2, `expected the Node and the waiter examples, found ${blocks.length} js blocks`);
  return blocks.join("\n");
}

test("the README's examples type-check as written under strict TypeScript", () => {
  const { project } = scratchProject();
  const dir = fs.mkdtempSync(path.join(project, "readme-ts-"));
  fs.writeFileSync(path.join(dir, "readme.mts"), readmeModule(project));
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "es2022",
      module: "nodenext",
      moduleResolution: "nodenext",
      lib: ["es2022", "dom"],
      typeRoots: [path.join(here, "node_modules/@types")],
      types: ["node"],
      skipLibCheck: false,
    },
    files: ["readme.mts"],
  };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  const tsc = path.join(here, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, `tsc --strict refused the README:\n${r.stdout}${r.stderr}`);
});

test("without credentials the README's example stops with a CredentialsError that says where it looked", () => {
  const { project } = scratchProject();
  const file = path.join(project, "readme-no-credentials.mjs");
  fs.writeFileSync(file, readmeModule(project));
  const home = fs.mkdtempSync(path.join(project, "home-"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  const r = spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8", env: { ...env, HOME: home, USERPROFILE: home } });
  fs.rmSync(home, { recursive: true, force: true });
  assert.notEqual(r.status, 0, "the example ran without credentials");
  assert.match(r.stderr, /CredentialsError/);
  assert.match(r.stderr, /AWS_ACCESS_KEY_ID/);
  assert.match(r.stderr, /no profile "default"/);
  assert.doesNotMatch(r.stderr, /TypeError|Cannot read/);
});
