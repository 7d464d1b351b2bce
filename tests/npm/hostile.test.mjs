// The client against a hostile server (hostile-server.mjs), through the installed package in
// Node: redirects are never followed (the other host gets nothing, DELETE included), a server
// that never answers or trickles times out, a 200 MB body ends the call while streaming with
// memory bounded, truncated bodies and resets are network errors, an HTML 5xx is a clear error,
// 429/503 storms retry then fail, and a token cycle A, B, A ends the paginator. Each case prints
// its time and memory (`hostile: <case> ...`). Short timeouts keep the run well under 30 s.

import test from "node:test";
import assert from "node:assert/strict";
import { importFull } from "./helpers.mjs";
import { startHostile } from "./hostile-server.mjs";

const { ImageBuilderClient, ResponseError, TimeoutError, NetworkError, ServiceError } = await importFull();

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "SESSION" };
const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
const MB = 1024 * 1024;

const hostile = await startHostile();
test.after(() => hostile.close());

function client(route, config = {}) {
  return new ImageBuilderClient({ region: "us-east-1", credentials, endpoint: `${hostile.url}/${route}`, ...config });
}

/** Runs `f`, returns [its rejection, ms, RSS growth in MB]; logs the figures. */
async function measure(name, f) {
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  let error;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  const ms = Math.round(performance.now() - t0);
  const grewMb = (process.memoryUsage().rss - rss0) / MB;
  console.log(`hostile: ${name}: ${ms} ms, RSS +${grewMb.toFixed(1)} MB, ${error ? `${error.name}: ${error.message}` : "resolved"}`);
  return [error, ms, grewMb];
}

test("a 302 to another host is a ResponseError with the status and location, and the other host gets no request", async () => {
  const before = hostile.stats.hits.redirect ?? 0;
  const [e] = await measure("302 redirect (POST ListImages)", () => client("redirect").listImages({}));
  assert.ok(e instanceof ResponseError, String(e));
  assert.equal(e.httpStatusCode, 302);
  assert.match(e.location, /^http:\/\/127\.0\.0\.1:\d+\/stolen\//);
  assert.equal(e.$metadata.attempts, 1, "not retried");
  assert.equal(hostile.stats.hits.redirect - before, 1);
  assert.deepEqual(hostile.stats.otherHost, []);
});

test("a redirected DELETE is not replayed anywhere", async () => {
  const before = hostile.stats.hits.redirect ?? 0;
  const [e] = await measure("302 redirect (DELETE DeleteImage)", () => client("redirect").deleteImage({ imageBuildVersionArn: IMAGE }));
  assert.ok(e instanceof ResponseError, String(e));
  assert.equal(e.httpStatusCode, 302);
  assert.equal(hostile.stats.hits.redirect - before, 1);
  assert.deepEqual(hostile.stats.otherHost, []);
});

test("a requestHandler answering 302 gets the same redirect error", async () => {
  let calls = 0;
  const c = new ImageBuilderClient({
    region: "us-east-1",
    credentials,
    requestHandler: () => {
      calls++;
      return { status: 307, headers: { Location: "https://elsewhere.example/" } };
    },
  });
  await assert.rejects(c.listImages({}), (e) => e instanceof ResponseError && e.httpStatusCode === 307 && e.location === "https://elsewhere.example/");
  assert.equal(calls, 1);
});

test("a server that never answers times out per attempt, and the call's timeout caps the retries", async () => {
  const [e, ms] = await measure("never answers (requestTimeout 300 ms, 2 attempts)", () => client("hang", { requestTimeout: 300, maxAttempts: 2 }).listImages({}));
  assert.ok(e instanceof TimeoutError, String(e));
  assert.equal(e.$metadata.attempts, 2);
  assert.ok(ms >= 600 && ms < 5000, `${ms} ms`);
  const [e2, ms2] = await measure("never answers (call timeout 400 ms)", () => client("hang", { requestTimeout: 10_000 }).listImages({}, { timeout: 400 }));
  assert.ok(e2 instanceof TimeoutError, String(e2));
  assert.match(e2.message, /400 ms/);
  assert.ok(ms2 >= 390 && ms2 < 2000, `${ms2} ms`);
});

test("a body trickling one byte a second times out instead of hanging", async () => {
  const [e, ms] = await measure("trickles 1 byte/s (requestTimeout 1500 ms)", () => client("trickle", { requestTimeout: 1500, maxAttempts: 1 }).listImages({}));
  assert.ok(e instanceof TimeoutError, String(e));
  assert.ok(ms < 4000, `${ms} ms`);
});

test("a 200 MB body with its content-length is refused before reading, memory bounded", async () => {
  const [e, , grew] = await measure("200 MB, content-length", () => client("huge").listImages({}));
  assert.ok(e instanceof ResponseError, String(e));
  assert.equal(e.maxResponseBytes, 8 * MB);
  // The server got to write at most what fits in the socket buffers before the abort.
  await new Promise((r) => setTimeout(r, 200));
  console.log(`hostile: 200 MB, content-length: the server wrote ${hostile.stats.bytes.huge} bytes before the abort`);
  assert.ok(hostile.stats.bytes.huge < 64 * MB, `the server got to write ${hostile.stats.bytes.huge} bytes`);
  assert.equal(e.$metadata.attempts, 1);
  assert.ok(grew < 64, `RSS grew ${grew} MB`);
});

test("a 200 MB chunked body ends the call while streaming: the rest is never read, memory bounded", async () => {
  const [e, , grew] = await measure("200 MB, chunked, maxResponseBytes 1 MB", () => client("huge-chunked", { maxResponseBytes: MB }).listImages({}));
  assert.ok(e instanceof ResponseError, String(e));
  assert.match(e.message, /larger than the limit of 1048576 bytes/);
  assert.ok(grew < 64, `RSS grew ${grew} MB`);
  // Give the server a moment to see the close; it wrote far less than the 200 MB.
  await new Promise((r) => setTimeout(r, 200));
  const written = hostile.stats.bytes["huge-chunked"];
  console.log(`hostile: 200 MB, chunked: the server wrote ${written} bytes before the cancel`);
  assert.ok(written < 64 * MB, `the server got to write ${written} bytes`);
});

test("a truncated body and a reset connection are retried network errors", async () => {
  const [e] = await measure("truncated body", () => client("truncated", { maxAttempts: 2 }).listImages({}));
  assert.ok(e instanceof NetworkError, String(e));
  assert.equal(e.$metadata.attempts, 2);
  const [r] = await measure("connection reset", () => client("reset", { maxAttempts: 2 }).listImages({}));
  assert.ok(r instanceof NetworkError, String(r));
  assert.equal(r.$metadata.attempts, 2);
  assert.match(`${r.message} ${r.cause}`, /ECONNRESET|socket|closed|other side/i);
});

test("an HTML 502 page is a server error with its status after the retries", async () => {
  const [e] = await measure("HTML 502", () => client("html-502", { maxAttempts: 2 }).listImages({}));
  assert.ok(e instanceof ServiceError || e instanceof ResponseError, String(e));
  assert.equal(e.$metadata.httpStatusCode, 502);
  assert.equal(e.$metadata.attempts, 2);
});

test("429 and 503 storms are retried, then fail with a clear error", async () => {
  for (const route of ["storm-429", "storm-503"]) {
    const before = hostile.stats.hits[route] ?? 0;
    const [e, ms] = await measure(`${route} (3 attempts)`, () => client(route).listImages({}));
    assert.ok(e instanceof ServiceError, String(e));
    assert.equal(e.$metadata.httpStatusCode, Number(route.slice(-3)));
    assert.equal(e.$metadata.attempts, 3);
    assert.equal(hostile.stats.hits[route] - before, 3);
    assert.ok(ms < 15_000, `${ms} ms`);
  }
});

test("a token cycle A, B, A ends the paginator with a ResponseError, and maxPages caps one", async () => {
  const pages = [];
  const [e] = await measure("token cycle A, B, A", async () => {
    for await (const p of client("cycle").paginateListImages({})) pages.push(p.nextToken);
  });
  assert.ok(e instanceof ResponseError, String(e));
  assert.match(e.message, /nextToken it was given before/);
  assert.deepEqual(pages, ["A", "B", "A"]);
  const capped = [];
  for await (const p of client("cycle").paginateListImages({}, { maxPages: 2 })) capped.push(p.nextToken);
  assert.deepEqual(capped, ["A", "B"]);
});

test("bad timeout and limit settings are TypeErrors naming the field", async () => {
  assert.throws(() => client("x", { requestTimeout: 0 }), (e) => e instanceof TypeError && /config\.requestTimeout/.test(e.message));
  assert.throws(() => client("x", { timeout: NaN }), (e) => e instanceof TypeError && /config\.timeout/.test(e.message));
  assert.throws(() => client("x", { maxResponseBytes: -1 }), (e) => e instanceof TypeError && /config\.maxResponseBytes/.test(e.message));
  await assert.rejects(client("x").listImages({}, { timeout: "1s" }), (e) => e instanceof TypeError && /options\.timeout/.test(e.message));
});
