// The package's consistency at its JavaScript boundary (issue 13): wrong types are TypeErrors
// naming the field before anything reaches the wasm, the client's configuration is checked,
// inputs JSON cannot carry are ValidationErrors, and the default fetch transport sends the URL
// it signed and says why a connection failed.

import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { importFull, importLite } from "./helpers.mjs";

const full = await importFull();
const lite = await importLite();

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const request = {
  method: "POST",
  url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
  headers: { "content-type": "application/json" },
  body: '{"owner":"Self","maxResults":25}',
  region: "us-east-1",
  credentials,
  date: new Date("2015-08-30T12:36:00Z"),
};
const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";

/** A value nested `n` levels deep. */
function deep(n) {
  let v = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

test("the wrong types of issue 13 are TypeErrors naming the field, before the wasm", () => {
  const cases = [
    [() => full.signRequest({ ...request, region: 42 }), /region/],
    [() => full.signRequest({ ...request, method: 5 }), /method/],
    [() => full.signRequest({ ...request, service: 42 }), /service/],
    [() => full.signRequest({ ...request, credentials: { ...credentials, accessKeyId: 1 } }), /accessKeyId/],
    [() => full.signRequest({ ...request, credentials: { ...credentials, sessionToken: 12345 } }), /sessionToken/],
    [() => full.signRequest({ ...request, region: undefined }), /region/],
    [() => full.presignUrl({ ...request, region: 42 }), /region/],
    [() => full.presignUrl({ ...request, expiresIn: "900" }), /expiresIn/],
    [() => new full.ImageBuilderClient({ region: "us-east-1", credentials: { accessKeyId: 1, secretAccessKey: "s" } }), /accessKeyId/],
    [() => new full.ImageBuilderClient({ region: "us-east-1", credentials, useFipsEndpoint: "no" }), /useFipsEndpoint/],
    [() => new full.ImageBuilderClient({ region: "us-east-1", credentials, maxAttempts: 2 ** 32 + 1 }), /maxAttempts/],
  ];
  for (const [f, field] of cases) assert.throws(f, (e) => e instanceof TypeError && field.test(e.message), String(f));
  // Keys left unset are missing credentials, not a wrong type (issue 16: a clear message, not a
  // glue TypeError, when credentials are missing).
  assert.throws(() => full.signRequest({ ...request, credentials: {} }), (e) => e instanceof full.CredentialsError && /^credentials\.accessKeyId is undefined/.test(e.message));
});

test("expiresIn outside 1..=604800 or not an integer is a SigningError naming expiresIn", () => {
  for (const expiresIn of [0, -1, 604801, 1.5, NaN, Infinity, 1e300, 2 ** 64]) {
    assert.throws(() => full.presignUrl({ ...request, expiresIn }), (e) => e instanceof full.SigningError && e.field === "expiresIn" && e.rule === "range", String(expiresIn));
  }
});

test("the client's configuration: FIPS with a custom endpoint is a ConfigError", () => {
  assert.throws(() => new full.ImageBuilderClient({ region: "us-east-1", credentials, useFipsEndpoint: true, endpoint: "http://127.0.0.1:1" }), full.ConfigError);
  assert.equal(new full.ImageBuilderClient({ region: "us-east-1", credentials, useFipsEndpoint: false, endpoint: "http://127.0.0.1:1" }).endpoint.replace(/\/$/, ""), "http://127.0.0.1:1");
});

test("maxResults NaN or Infinity and a 10,000-deep input are ValidationErrors, not dropped or a RangeError", async () => {
  const client = new full.ImageBuilderClient({ region: "us-east-1", credentials, requestHandler: async () => ({ status: 200, body: "{}" }) });
  for (const maxResults of [NaN, Infinity, -Infinity]) {
    await assert.rejects(client.listImages({ maxResults }), (e) => e instanceof full.ValidationError && e.violations[0].path === "maxResults");
    assert.equal(full.validateInput("ListImages", { maxResults })[0].path, "maxResults");
  }
  await assert.rejects(client.listImages({ filters: [deep(10_000)] }), (e) => e instanceof full.ValidationError && e.violations[0].rule === "depth");
  assert.equal(full.validateInput("ListImages", deep(10_000))[0].rule, "depth");
});

test("validateInput does not report a missing idempotency token, which the client fills", () => {
  const violations = full.validateInput("CancelImageCreation", { imageBuildVersionArn: IMAGE });
  assert.deepEqual(violations, []);
  assert.ok(full.validateInput("CancelImageCreation", {}).some((v) => v.path === "imageBuildVersionArn" && v.rule === "required"));
});

test("validateArns stays one batch when an element holds a line feed, with the same verdicts", () => {
  const list = Array.from({ length: 50_000 }, (_, i) => (i % 1000 === 7 ? `${IMAGE}\n${IMAGE}` : IMAGE));
  const r = full.validateArns(list);
  assert.equal(r.length, list.length);
  assert.equal(r.invalidCount, 50);
  for (let i = 0; i < list.length; i++) assert.equal(r.isValid(i), !list[i].includes("\n"));
  assert.equal(r.errors()[0].index, 7);
});

test("ArnBatchResult is exported at runtime by both entries, as the types say", () => {
  assert.equal(typeof full.ArnBatchResult, "function");
  assert.equal(lite.ArnBatchResult, full.ArnBatchResult);
  assert.ok(full.validateArns([IMAGE]) instanceof full.ArnBatchResult);
});


test("the default fetch transport sends a GET to the URL it signed, without a trailing &", async (t) => {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"image":{"state":{"status":"AVAILABLE"}}}');
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  const client = new full.ImageBuilderClient({ region: "us-east-1", credentials, endpoint: `http://127.0.0.1:${server.address().port}` });
  await client.getImage({ imageBuildVersionArn: IMAGE });
  assert.equal(seen[0], `/GetImage?imageBuildVersionArn=${encodeURIComponent(IMAGE)}`);
});

test("a NetworkError keeps the connection's failure (ECONNREFUSED) in its message and cause", async () => {
  const server = http.createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;
  await new Promise((r) => server.close(r));
  const client = new full.ImageBuilderClient({ region: "us-east-1", credentials, endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 });
  await assert.rejects(client.listImages({}), (e) => e instanceof full.NetworkError && /ECONNREFUSED/.test(e.message) && /ECONNREFUSED/.test(String(e.cause)));
});
