// The ARN and version functions answer exactly as recorded in fixtures/answers.json: results,
// error classes, every error field and the exact message texts (the core's rules and wording),
// in the three entries. The file was recorded from the bindings before the numeric boundary
// (wasm-abi.js) replaced them; regenerate it only for a deliberate change of a message.

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { importFull, importLite, importValidate, here } from "./helpers.mjs";

const entries = { full: await importFull(), lite: await importLite(), validate: await importValidate() };
const cases = JSON.parse(fs.readFileSync(path.join(here, "fixtures/answers.json"), "utf8"));

/** What a call answers, in the recorded form: the result, or the error with its own fields. */
function answer(pkg, call, args) {
  try {
    const r = pkg[call](...args);
    if (r && typeof r === "object" && "valid" in r) {
      const o = JSON.parse(JSON.stringify(r));
      if (!r.valid) o.error = { class: r.error.constructor.name, message: r.error.message, ...o.error };
      return { ok: o };
    }
    return { ok: r ?? null };
  } catch (e) {
    return { error: { class: e.constructor.name, message: e.message, ...Object.fromEntries(Object.entries(e).filter(([k]) => k !== "$metadata")) } };
  }
}

test("the recorded answers cover ARN and version errors of every function, with their messages", () => {
  assert.ok(cases.length >= 100, String(cases.length));
  for (const call of ["parseArn", "validateArn", "parseVersion", "compareVersions", "matchesFilter", "latestMatching", "latestVersionReferences"]) {
    assert.ok(cases.some((c) => c.call === call && (c.result.error || c.result.ok?.error)), `no error case for ${call}`);
  }
});

for (const [name, pkg] of Object.entries(entries)) {
  test(`${name}: every recorded call answers the same result or error, message included`, () => {
    for (const { call, args, result } of cases) {
      assert.deepEqual(answer(pkg, call, args), result, `${call}(${JSON.stringify(args)})`);
    }
  });
}
