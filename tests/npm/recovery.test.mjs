// A trap inside the wasm costs one error, never the module: the package's boundary (boundary.js,
// one per wasm glue) turns a WebAssembly.RuntimeError into an ImageBuilderError and gives the glue
// a fresh instance; calls in flight fail instead of hanging; a client rebuilds itself.
//
// The traps here are real: the raw wasm-bindgen glue's `ibInput`, asked for a 4 GiB input buffer,
// fails to allocate and aborts (the package never asks for more than 3 bytes per UTF-16 unit of
// its input). The test calls it through the package's own boundary, as a bug inside the wasm
// would surface.

import test from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { importFull, importLite, scratchProject } from "./helpers.mjs";

const full = await importFull();
const lite = await importLite();
const installed = (file) => import(pathToFileURL(path.join(scratchProject().project, "node_modules/imagebuilder-wasm", file)).href);
const { boundary } = await installed("boundary.js");
const liteGlue = await installed("wasm/imagebuilder_wasm_lite.js");
const fullGlue = await installed("wasm/imagebuilder_wasm.js");

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const request = { method: "GET", url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages", region: "us-east-1", credentials, date: 0 };

function trap(glue) {
  const b = boundary(glue);
  const before = b.epoch;
  assert.throws(
    () => b.call(() => glue.ibInput(2 ** 32 - 1)),
    (e) => e instanceof full.ImageBuilderError && e.cause instanceof WebAssembly.RuntimeError && /trapped/.test(e.message),
  );
  assert.equal(b.epoch, before + 1);
}

test("2,000 traps in a row: each is one ImageBuilderError, and every call after answers", () => {
  const signature = lite.signRequest(request).signature;
  for (let i = 0; i < 1000; i++) {
    trap(liteGlue);
    assert.equal(lite.parseVersion("1.2.3").text, "1.2.3");
    trap(fullGlue);
    assert.equal(full.signRequest(request).signature, signature);
    assert.equal(full.validateArns(["arn:aws:imagebuilder:us-east-1:aws:image/x/1.0.0/1", "x"]).validCount, 1);
  }
});

test("a client call in flight when the instance is replaced fails instead of hanging, and the client works after", async () => {
  let release;
  const gate = new Promise((r) => (release = r));
  const client = new full.ImageBuilderClient({
    region: "us-east-1",
    credentials,
    maxAttempts: 1,
    requestHandler: async () => {
      await gate;
      return { status: 200, body: '{"imageVersionList":[]}' };
    },
  });
  const inFlight = client.listImages({});
  const pages = client.paginateListImages({});
  const firstPage = pages.next();
  await new Promise((r) => setTimeout(r, 20));
  trap(fullGlue);
  release();
  await assert.rejects(inFlight, (e) => e instanceof full.ImageBuilderError && /replaced/.test(e.message));
  await assert.rejects(firstPage, (e) => e instanceof full.ImageBuilderError && /replaced/.test(e.message));
  const { $metadata, ...after } = await client.listImages({});
  assert.deepEqual(after, { imageVersionList: [] });
  assert.equal($metadata.attempts, 1);
  assert.match(client.endpoint, /imagebuilder\.us-east-1/);
});
