// ImageBuilderClient, validateInput and the error classes, from the installed tarball, against a
// scripted HTTP server on 127.0.0.1 (the client's fetch in Node): requests laid out and signed as
// the API wants (signatures re-computed by the independent oracle), outputs, service errors with
// $metadata, retries, validation before sending, clientToken filling, paginators, the image
// waiter and AbortSignal.

import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { importFull, scratchProject } from "./helpers.mjs";
import { oracleAuthorization } from "./sigv4-oracle.mjs";

const pkg = await importFull();
const { ImageBuilderClient, OPERATIONS } = pkg;

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "SESSION" };
const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
const RECIPE = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.2.3";
const INFRA = "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra";

/** A server answering from a script: handler(req, body, n) -> { status, headers, body, delayMs }. */
async function server(t, handler) {
  const seen = [];
  const s = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const entry = { method: req.method, url: req.url, headers: req.headers, body };
      seen.push(entry);
      const r = handler(entry, seen.length);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(r.status ?? 200, { "content-type": "application/json", "x-amzn-requestid": r.requestId ?? `req-${seen.length}`, ...(r.headers ?? {}) });
        res.end(typeof r.body === "string" ? r.body : JSON.stringify(r.body ?? {}));
      };
      if (r.delayMs) setTimeout(send, r.delayMs);
      else send();
    });
  });
  await new Promise((resolve) => s.listen(0, "127.0.0.1", resolve));
  t.after(() => {
    s.closeAllConnections?.();
    s.close();
  });
  const endpoint = `http://127.0.0.1:${s.address().port}/emulator`;
  return { seen, endpoint, client: (extra = {}) => new ImageBuilderClient({ region: "us-east-1", credentials, endpoint, ...extra }) };
}

function verifySignature(entry) {
  const auth = entry.headers.authorization;
  const m = /SignedHeaders=([^,]+),/.exec(auth);
  assert.ok(m, auth);
  const headers = {};
  for (const name of m[1].split(";")) if (name !== "host") headers[name] = entry.headers[name];
  const amzDate = entry.headers["x-amz-date"];
  const date = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  const host = entry.headers.host;
  // The oracle adds x-amz-date and the token itself.
  delete headers["x-amz-date"];
  delete headers["x-amz-security-token"];
  const expected = oracleAuthorization({ method: entry.method, url: `http://${host}${entry.url}`, headers, body: entry.body, region: "us-east-1", credentials: m[1].includes("x-amz-security-token") ? credentials : { ...credentials, sessionToken: undefined }, date });
  assert.equal(auth, expected);
}

test("the client has one method per model operation and one paginator per paginated operation", () => {
  assert.equal(OPERATIONS.length, 77);
  const client = new ImageBuilderClient({ region: "us-east-1", credentials });
  for (const [name, method, resultKey] of OPERATIONS) {
    assert.equal(method, name[0].toLowerCase() + name.slice(1));
    assert.equal(typeof client[method], "function", method);
    assert.equal(typeof client[`paginate${name}`], resultKey === null ? "undefined" : "function", name);
    // The wasm knows the operation too (an unknown name is a TypeError).
    assert.ok(Array.isArray(pkg.validateInput(name, {})), name);
  }
  assert.equal(client.endpoint.replace(/\/$/, ""), "https://imagebuilder.us-east-1.amazonaws.com");
});

test("listImages sends a signed POST /ListImages with the JSON input and returns the JSON output", async (t) => {
  const { seen, client } = await server(t, () => ({ body: { requestId: "r1", imageVersionList: [{ arn: IMAGE.slice(0, -2), name: "web", version: "1.2.3" }], nextToken: undefined } }));
  const out = await client().listImages({ owner: "Self", maxResults: 25 });
  assert.deepEqual(out.imageVersionList, [{ arn: IMAGE.slice(0, -2), name: "web", version: "1.2.3" }]);
  assert.equal(seen.length, 1);
  const [req] = seen;
  assert.equal(req.method, "POST");
  assert.equal(req.url, "/emulator/ListImages");
  assert.deepEqual(JSON.parse(req.body), { owner: "Self", maxResults: 25 });
  assert.equal(req.headers["x-amz-security-token"], "SESSION");
  verifySignature(req);
});

test("getImage puts its input in the query string (GET /GetImage?imageBuildVersionArn=...)", async (t) => {
  const { seen, client } = await server(t, () => ({ body: { image: { arn: IMAGE, state: { status: "AVAILABLE" } } } }));
  const out = await client().getImage({ imageBuildVersionArn: IMAGE });
  assert.equal(out.image.state.status, "AVAILABLE");
  assert.equal(seen[0].method, "GET");
  assert.equal(new URL(seen[0].url, "http://x").searchParams.get("imageBuildVersionArn"), IMAGE);
  verifySignature(seen[0]);
});

test("a service error becomes a ServiceError named by the AWS code, with $metadata", async (t) => {
  const { client } = await server(t, () => ({ status: 404, headers: { "x-amzn-errortype": "ResourceNotFoundException:http://internal" }, body: { message: "no such image" }, requestId: "req-abc" }));
  await assert.rejects(client().getImage({ imageBuildVersionArn: IMAGE }), (e) => {
    assert.ok(e instanceof pkg.ServiceError && e instanceof pkg.ImageBuilderError && e instanceof Error);
    assert.equal(e.name, "ResourceNotFoundException");
    assert.equal(e.message, "no such image");
    assert.deepEqual({ ...e.$metadata }, { httpStatusCode: 404, requestId: "req-abc", attempts: 1, totalRetryDelay: 0 });
    assert.equal(e.$fault, "client");
    return true;
  });
});

test("a 503 is retried and the retry succeeds; repeated 500s end with attempts = maxAttempts", async (t) => {
  const flaky = await server(t, (_, n) => (n === 1 ? { status: 503, body: { message: "busy" }, headers: { "x-amzn-errortype": "ServiceUnavailableException" } } : { body: { imageVersionList: [] } }));
  const { $metadata, ...out } = await flaky.client().listImages({});
  assert.deepEqual(out, { imageVersionList: [] });
  assert.equal(flaky.seen.length, 2);
  // As the SDK's: the successful output says what the call took, the backoff included.
  assert.equal($metadata.attempts, 2);
  assert.equal($metadata.httpStatusCode, 200);
  assert.equal($metadata.requestId, "req-2");
  assert.ok($metadata.totalRetryDelay > 0 && $metadata.totalRetryDelay <= 1000, String($metadata.totalRetryDelay));
  const broken = await server(t, () => ({ status: 500, body: { message: "boom" }, headers: { "x-amzn-errortype": "ServiceException" } }));
  await assert.rejects(broken.client({ maxAttempts: 2 }).listImages({}), (e) => e.name === "ServiceException" && e.$metadata.attempts === 2 && e.$metadata.totalRetryDelay > 0 && e.$fault === "server");
  assert.equal(broken.seen.length, 2);
});

test("an invalid input is a ValidationError with every violation's path, and nothing is sent", async (t) => {
  const { seen, client } = await server(t, () => ({ body: {} }));
  await assert.rejects(client().createImage({ imageRecipeArn: "nope", infrastructureConfigurationArn: INFRA }), (e) => {
    assert.ok(e instanceof pkg.ValidationError);
    assert.equal(e.name, "ValidationError");
    assert.equal(e.operation, "CreateImage");
    assert.equal(e.$metadata.attempts, 0);
    assert.ok(e.violations.some((v) => v.path === "imageRecipeArn"), JSON.stringify(e.violations));
    return true;
  });
  assert.equal(seen.length, 0);
});

test("validateInput lists violations with paths, empty when valid, and refuses unknown operations", () => {
  assert.deepEqual(pkg.validateInput("GetImage", { imageBuildVersionArn: IMAGE }), []);
  const v = pkg.validateInput("ListImages", { owner: "Everyone", maxResults: 0 });
  assert.deepEqual(v.map((x) => x.path).sort(), ["maxResults", "owner"]);
  for (const x of v) assert.ok(typeof x.rule === "string" && x.message.length > 0);
  assert.ok(pkg.validateInput("GetImage", {}).some((x) => x.path === "imageBuildVersionArn" && x.rule === "required"));
  assert.throws(() => pkg.validateInput("NoSuchOperation", {}), TypeError);
  assert.throws(() => pkg.validateInput("GetImage", []), TypeError);
});

test("createImage fills an empty clientToken with a UUIDv4 and keeps it across retries", async (t) => {
  const { seen, client } = await server(t, (_, n) => (n === 1 ? { status: 503, body: {}, headers: { "x-amzn-errortype": "ServiceUnavailableException" } } : { body: { requestId: "r", clientToken: "echo", imageBuildVersionArn: IMAGE } }));
  await client().createImage({ imageRecipeArn: RECIPE, infrastructureConfigurationArn: INFRA });
  assert.equal(seen.length, 2);
  const tokens = seen.map((s) => JSON.parse(s.body).clientToken);
  assert.match(tokens[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(tokens[1], tokens[0]);
  assert.equal(seen[0].method, "PUT");
});

test("paginateListImages follows nextToken page by page as an async iterator", async (t) => {
  const { seen, client } = await server(t, (req) => {
    const token = JSON.parse(req.body).nextToken;
    const page = token === undefined ? 1 : Number(token.slice(1));
    return { body: { imageVersionList: [{ name: `p${page}` }], ...(page < 3 ? { nextToken: `t${page + 1}` } : {}) } };
  });
  const names = [];
  for await (const page of client().paginateListImages({ owner: "Self" })) names.push(...page.imageVersionList.map((i) => i.name));
  assert.deepEqual(names, ["p1", "p2", "p3"]);
  assert.deepEqual(seen.map((s) => JSON.parse(s.body).nextToken), [undefined, "t2", "t3"]);
});

test("waitUntilImageAvailable polls until AVAILABLE and reports every status change", async (t) => {
  const statuses = ["PENDING", "BUILDING", "BUILDING", "AVAILABLE"];
  const { seen, client } = await server(t, (_, n) => ({ body: { image: { arn: IMAGE, state: { status: statuses[Math.min(n, statuses.length) - 1] } } } }));
  const changes = [];
  const out = await client().waitUntilImageAvailable({ imageBuildVersionArn: IMAGE }, { minDelay: 0.01, maxDelay: 0.02, onStatus: (c) => changes.push(c.status) });
  assert.equal(out.image.state.status, "AVAILABLE");
  assert.equal(seen.length, 4);
  assert.deepEqual(changes, ["PENDING", "BUILDING", "AVAILABLE"]);
});

test("waitUntilImageAvailable's output carries the $metadata of its last poll, as every output does", async (t) => {
  // Requests 1 and 2 answer BUILDING; the third poll is refused once (503) and then answered.
  const { client } = await server(t, (_, n) =>
    n === 3
      ? { status: 503, body: {}, headers: { "x-amzn-errortype": "ServiceUnavailableException" }, requestId: "req-3" }
      : { body: { image: { arn: IMAGE, state: { status: n < 3 ? "BUILDING" : "AVAILABLE" } } }, requestId: `req-${n}` },
  );
  const { $metadata, ...out } = await client().waitUntilImageAvailable({ imageBuildVersionArn: IMAGE }, { minDelay: 0.01, maxDelay: 0.02 });
  assert.equal(out.image.state.status, "AVAILABLE");
  // The third poll took two attempts (a 503, then the AVAILABLE answer with request id req-4).
  assert.equal($metadata.httpStatusCode, 200);
  assert.equal($metadata.requestId, "req-4");
  assert.equal($metadata.attempts, 2);
  assert.ok($metadata.totalRetryDelay > 0, String($metadata.totalRetryDelay));
});

test("waitUntilImageAvailable rejects with a WaiterError when the image fails", async (t) => {
  const { client } = await server(t, () => ({ body: { image: { arn: IMAGE, state: { status: "FAILED", reason: "component failed" } } } }));
  await assert.rejects(client().waitUntilImageAvailable({ imageBuildVersionArn: IMAGE }, { minDelay: 0.01 }), (e) => e instanceof pkg.WaiterError && e.reason === "failure" && e.state === "FAILED" && e.stateReason === "component failed");
});

test("an AbortSignal cancels a call in flight and a waiter between polls, with an AbortError", async (t) => {
  const slow = await server(t, () => ({ delayMs: 3000, body: {} }));
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort("user left"), 50);
  await assert.rejects(slow.client().listImages({}, { signal: controller.signal }), (e) => e instanceof pkg.AbortError && e.name === "AbortError" && e.reason === "user left");
  assert.ok(Date.now() - started < 2000);

  const building = await server(t, () => ({ body: { image: { arn: IMAGE, state: { status: "BUILDING" } } } }));
  const c2 = new AbortController();
  const waiting = building.client().waitUntilImageAvailable({ imageBuildVersionArn: IMAGE }, { signal: c2.signal, minDelay: 30, maxDelay: 30 });
  setTimeout(() => c2.abort(), 100);
  await assert.rejects(waiting, (e) => e.name === "AbortError");
  assert.equal(building.seen.length, 1);

  const already = AbortSignal.abort();
  await assert.rejects(slow.client().listImages({}, { signal: already }), (e) => e.name === "AbortError");
});

test("a credentials provider function supplies the keys the requests are signed with", async (t) => {
  const { seen, client } = await server(t, () => ({ body: {} }));
  let calls = 0;
  const c = client({ credentials: async () => (calls++, { accessKeyId: "AKIDPROVIDED", secretAccessKey: credentials.secretAccessKey }) });
  await c.listImages({});
  await c.listImages({});
  assert.equal(calls, 1);
  assert.match(seen[0].headers.authorization, /Credential=AKIDPROVIDED\//);
  const failing = client({ credentials: () => Promise.reject(new Error("no session")) });
  await assert.rejects(failing.listImages({}), (e) => e instanceof pkg.CredentialsError && /no session/.test(e.message));
});

test("the constructor refuses a malformed region or config with ConfigError or TypeError", () => {
  assert.throws(() => new ImageBuilderClient({ region: "Not A Region", credentials }), (e) => e instanceof pkg.ConfigError);
  assert.throws(() => new ImageBuilderClient({ region: "us-east-1", credentials: "AKID:secret" }), TypeError);
  assert.throws(() => new ImageBuilderClient({ region: "us-east-1", credentials, maxAttempts: 0 }), TypeError);
  assert.equal(new ImageBuilderClient({ region: "us-east-1", credentials, useFipsEndpoint: true }).endpoint.replace(/\/$/, ""), "https://imagebuilder-fips.us-east-1.amazonaws.com");
});

test("a requestHandler gets the signed request instead of fetch, and its answer is the output", async () => {
  const seen = [];
  const client = new ImageBuilderClient({
    region: "us-east-1",
    credentials,
    requestHandler: async (request) => {
      seen.push(request);
      return { status: 200, headers: { "content-type": "application/json", "x-amzn-requestid": "h1" }, body: '{"requestId":"h1","imageVersionList":[{"name":"web"}]}' };
    },
  });
  const out = await client.listImages({ owner: "Self", maxResults: 25 });
  assert.deepEqual(out.imageVersionList, [{ name: "web" }]);
  assert.equal(seen.length, 1);
  const [r] = seen;
  assert.equal(r.method, "POST");
  assert.equal(r.url, "https://imagebuilder.us-east-1.amazonaws.com/ListImages");
  assert.ok(r.body instanceof Uint8Array);
  const url = new URL(r.url);
  verifySignature({ method: r.method, url: url.pathname, headers: { ...r.headers, host: url.host }, body: new TextDecoder().decode(r.body) });
});

test("a requestHandler's error statuses are retried and its failures are network errors", async () => {
  let n = 0;
  const retried = new ImageBuilderClient({
    region: "us-east-1",
    credentials,
    requestHandler: () => (++n < 2 ? { status: 503, body: '{"__type":"ServiceUnavailableException","message":"busy"}' } : { status: 200, body: '{"requestId":"r","imageVersionList":[]}' }),
  });
  assert.deepEqual((await retried.listImages({})).imageVersionList, []);
  assert.equal(n, 2);
  const failing = new ImageBuilderClient({ region: "us-east-1", credentials, maxAttempts: 1, requestHandler: async () => { throw new Error("socket hang up"); } });
  await assert.rejects(failing.listImages({}), (e) => e instanceof pkg.NetworkError && e.message.includes("socket hang up"));
  assert.throws(() => new ImageBuilderClient({ region: "us-east-1", credentials, requestHandler: "fetch" }), TypeError);
});

test("a Node process exits once its last call ends (the idle attempt timer does not hold it) and stays alive through a retry's backoff", async () => {
  // Nothing but the client's own timers keeps this process alive: no top-level await, no server.
  // The first attempt is refused (503), so the call sleeps a backoff before the second; a timer
  // left holding the process would keep it 30 s (the default requestTimeout), one let go too
  // early would end it before the output is printed.
  const script = `
    import { ImageBuilderClient } from "imagebuilder-wasm";
    let n = 0;
    const client = new ImageBuilderClient({
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      requestHandler: async () => (++n < 2 ? { status: 503, body: '{"__type":"ServiceUnavailableException"}' } : { status: 200, body: '{"imageVersionList":[]}' }),
    });
    client.listImages({}).then((out) => console.log(JSON.stringify(out.$metadata)));
  `;
  const started = Date.now();
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: scratchProject().project, timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(JSON.parse(stdout).attempts, 2, stdout);
  assert.ok(seconds < 20, `the process took ${seconds} s to exit after its call`);
});

test("every output and every page carries $metadata: status, request id, attempts, totalRetryDelay", async (t) => {
  const { client } = await server(t, (req, n) => ({ requestId: `id-${n}`, body: n === 1 ? { imageVersionList: [{ name: "a" }], nextToken: "p2" } : { imageVersionList: [{ name: "b" }] } }));
  const pages = [];
  for await (const page of client().paginateListImages({})) pages.push(page);
  assert.deepEqual(
    pages.map((p) => ({ ...p.$metadata })),
    [
      { httpStatusCode: 200, requestId: "id-1", attempts: 1, totalRetryDelay: 0 },
      { httpStatusCode: 200, requestId: "id-2", attempts: 1, totalRetryDelay: 0 },
    ],
  );
  const out = await client().getImage({ imageBuildVersionArn: IMAGE });
  assert.deepEqual({ ...out.$metadata }, { httpStatusCode: 200, requestId: "id-3", attempts: 1, totalRetryDelay: 0 });
});

test("customUserAgent is appended to X-Amz-User-Agent, as text or SDK pairs, and checked", async (t) => {
  const { seen, client } = await server(t, () => ({ body: { imageVersionList: [] } }));
  await client({ customUserAgent: "my-console/2.1" }).listImages({});
  await client({ customUserAgent: [["my-app", "3.0"], ["team"]] }).listImages({});
  assert.match(seen[0].headers["x-amz-user-agent"], /^imagebuilder-wasm\/\S+ .* my-console\/2\.1$/);
  assert.match(seen[1].headers["x-amz-user-agent"], / my-app\/3\.0 team$/);
  assert.throws(() => client({ customUserAgent: "bad\nline" }), (e) => e instanceof pkg.ConfigError && /config\.customUserAgent/.test(e.message));
  assert.throws(() => client({ customUserAgent: "x".repeat(257) }), (e) => e instanceof pkg.ConfigError && /256/.test(e.message));
  assert.throws(() => client({ customUserAgent: 42 }), (e) => e instanceof TypeError && /config\.customUserAgent/.test(e.message));
  assert.throws(() => client({ customUserAgent: [["ok", 3]] }), (e) => e instanceof TypeError && /config\.customUserAgent\[0\]\[1\]/.test(e.message));
  assert.equal(seen.length, 2);
});
