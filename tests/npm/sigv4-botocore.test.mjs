// The botocore differential through the npm package: every request of the corpus that
// `cargo xtask sigv4-corpus` wrote with botocore 1.44.5's own SigV4 signer must get botocore's
// exact Authorization header from signRequest, in the full and the lite entry (the core checks
// the same corpus natively and on wasm32).

import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { here, importFull, importLite } from "./helpers.mjs";

const corpusPath = path.join(here, "../../crates/imagebuilder-core/tests/fixtures/sigv4-botocore/corpus.json");
const corpus = JSON.parse(fs.readFileSync(corpusPath, "utf8"));
const full = await importFull();
const lite = await importLite();

function input(c) {
  return {
    method: c.method,
    url: c.url,
    headers: c.headers,
    body: Buffer.from(c.bodyHex, "hex"),
    region: c.region,
    service: c.service,
    credentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken === undefined ? {} : { sessionToken: c.sessionToken }),
    },
    date: c.time * 1000,
  };
}

for (const [name, pkg] of [["full", full], ["lite", lite]]) {
  test(`signRequest (${name}) gives botocore's exact Authorization for every corpus request`, () => {
    assert.ok(corpus.cases.length >= 2000, `${corpus.cases.length} cases`);
    const mismatches = [];
    for (const c of corpus.cases) {
      const signed = pkg.signRequest(input(c));
      if (signed.authorization !== c.botocore.authorization) {
        mismatches.push(`case ${c.id}: ${c.method} ${c.url}\n  ours:     ${signed.authorization}\n  botocore: ${c.botocore.authorization}`);
      }
    }
    assert.equal(mismatches.length, 0, `${mismatches.length} of ${corpus.cases.length} differ:\n${mismatches.slice(0, 5).join("\n")}`);
  });
}
