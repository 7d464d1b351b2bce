// The package README's Node example is copy-pasteable: its offline part (everything before the
// client section) runs as written in the scratch project and prints what its comments say.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { scratchProject } from "./helpers.mjs";

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
