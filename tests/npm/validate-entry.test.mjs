// The `imagebuilder-wasm/validate` entry (ARNs and versions, offline): what it exports, what it
// does not (signing, the client), how Node resolves it, and its wasm (the smallest of the three,
// built without signing). Its ARN and version behaviour is checked with the other entries' in
// arns.test.mjs and versions.test.mjs.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { scratchProject, importValidate, importLite } from "./helpers.mjs";

const { project } = scratchProject();
const installed = path.join(project, "node_modules/imagebuilder-wasm");
const validate = await importValidate();
const lite = await importLite();

const GOOD = "arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.2.3/4";

test("the validate entry exports the ARN and version functions, their errors and ARN_SHAPES", () => {
  const want = [
    "parseArn", "validateArn", "validateArns", "validateArnsText",
    "parseVersion", "compareVersions", "matchesFilter", "latestMatching", "latestVersionReferences",
    "ImageBuilderError", "ArnError", "VersionError", "ArnBatchResult", "ARN_SHAPES",
  ];
  assert.deepEqual(Object.keys(validate).sort(), [...want].sort());
  assert.deepEqual([...validate.ARN_SHAPES], [...lite.ARN_SHAPES]);
});

test("the validate entry has neither signing nor the client nor input validation", () => {
  for (const name of ["signRequest", "presignUrl", "SigningError", "ImageBuilderClient", "validateInput", "OPERATIONS"]) {
    assert.equal(name in validate, false, name);
  }
});

test("the validate entry's functions give the same answers as the lite entry's", () => {
  const arns = [GOOD, "arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.x.2", "nope", ""];
  assert.deepEqual([...validate.validateArns(arns).valid], [...lite.validateArns(arns).valid]);
  assert.deepEqual(validate.parseArn(GOOD), lite.parseArn(GOOD));
  assert.equal(validate.validateArn(GOOD, "ImageBuildVersionArn").valid, true);
  const bad = validate.validateArn("arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.x.2");
  assert.ok(!bad.valid && bad.error instanceof validate.ArnError && bad.error instanceof validate.ImageBuilderError);
  assert.equal(bad.error.rule, lite.validateArn("arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.x.2").error.rule);
  assert.deepEqual(validate.parseVersion("1.10.0/3"), lite.parseVersion("1.10.0/3"));
  assert.equal(validate.compareVersions("1.10.0", "1.9.0"), 1);
  assert.equal(validate.latestMatching(["1.0.0", "1.2.0", "2.0.0"], "1.x.x"), "1.2.0");
  let liteRule;
  try {
    lite.parseVersion("1.x.2");
  } catch (e) {
    liteRule = e.rule;
  }
  assert.ok(liteRule);
  assert.throws(() => validate.parseVersion("1.x.2"), (e) => e instanceof validate.VersionError && e.rule === liteRule);
  assert.throws(() => validate.validateArn(42), TypeError);
});

test("the validate wasm is built without signing or the client, and is the smallest of the three", async () => {
  const glue = await import(pathToFileURL(path.join(installed, "wasm/imagebuilder_wasm_validate.js")).href);
  glue.initSync({ module: fs.readFileSync(path.join(installed, "wasm/imagebuilder_wasm_validate_bg.wasm")) });
  assert.equal(glue.hasSigning(), false);
  assert.equal(glue.hasClient(), false);
  assert.equal("sign" in glue, false);
  const size = (f) => fs.statSync(path.join(installed, "wasm", f)).size;
  assert.ok(size("imagebuilder_wasm_validate_bg.wasm") < size("imagebuilder_wasm_lite_bg.wasm"));
  assert.ok(size("imagebuilder_wasm_lite_bg.wasm") < size("imagebuilder_wasm_bg.wasm"));
});

test("Node resolves imagebuilder-wasm/validate to its Node file, ready without an init call", () => {
  const script = `
    const v = await import("imagebuilder-wasm/validate");
    console.log(JSON.stringify({
      resolved: import.meta.resolve("imagebuilder-wasm/validate").split("/").pop(),
      valid: v.validateArn(${JSON.stringify(GOOD)}).valid,
    }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), { resolved: "validate.node.js", valid: true });
});
