// The JavaScript boundary under hostile input (fast-check): every export of both entries, and the
// client's constructor and methods, called with wrong types, huge and odd strings, lone
// surrogates, non-finite numbers and deep objects. Every failure must be one of the package's
// errors, or a TypeError/RangeError whose message names the argument; never a
// WebAssembly.RuntimeError; and after each call the module still answers correctly.
//
// FUZZ_RUNS scales the property runs (default sized to keep this file well under 30 s).

import test from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { importFull, importLite } from "./helpers.mjs";

const full = await importFull();
const lite = await importLite();
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

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
const SIGNATURE = "d7d81437e37ce478f2c46b0c3742d2c62e6707e37671a91edde84907acdc1cbd";
const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";

/** A value nested `n` levels deep (arrays or objects). */
function deep(n, asArray) {
  let v = {};
  for (let i = 0; i < n; i++) v = asArray ? [v] : { a: v };
  return v;
}

const LONE = ["\uD800", "a\uDFFFb", "\uDBFF\uDBFF", "arn:aws:imagebuilder:us-east-1:123456789012:image/\uD83D/1.2.3/4"];
const HUGE = ["a".repeat(70_000), "1.".repeat(40_000) + "1", `${IMAGE}/`.repeat(5_000), "\n".repeat(10_000), "é".repeat(33_000)];

/** Strings a caller could pass: short unicode (lone surrogates included), odd, huge. */
const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...LONE, "", " ", "\0", "arn:", IMAGE, "1.2.3/4", "1.x.x", "us-east-1", "GET", "__proto__", "constructor") },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
);

/** Anything at all: wrong types of every kind, odd numbers, deep values. */
const anything = fc.oneof(
  { weight: 3, arbitrary: anyString },
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withMap: true, withSet: true }) },
  { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 32 + 1, 2 ** 53, -1, 1e300, 1.5, 0, 42, true, false, null, undefined, Symbol("s"), () => {}, [], {}, 10n) },
  { weight: 1, arbitrary: fc.constantFrom(deep(10_000, false), deep(10_000, true), deep(200, false)) },
);

/** A valid value for a field, or anything. */
const either = (valid) => fc.oneof({ weight: 1, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: anything });

// traps: a WebAssembly.RuntimeError reaching the caller (must never happen); recovered: a trap
// the glue turned into an ImageBuilderError (cause: the RuntimeError) and replaced the instance.
const stats = { calls: 0, failures: 0, traps: 0, recovered: 0 };

/** What an acceptable failure is. */
function acceptable(pkg, e) {
  if (e instanceof WebAssembly.RuntimeError) return false;
  if (e instanceof pkg.ImageBuilderError) return true;
  // The package's own argument checks name the argument ("region must be a string, got number").
  if (e instanceof TypeError || e instanceof RangeError) return /must|takes|cannot/.test(e.message) && !/Cannot read prop|undefined \(reading/.test(e.message);
  return false;
}

/** The module still answers correctly. */
function sane(pkg) {
  assert.equal(pkg.signRequest(request).signature, SIGNATURE);
  assert.equal(pkg.parseVersion("1.2.3").text, "1.2.3");
  assert.equal(pkg.validateArns([IMAGE, "nope"]).validCount, 1);
}

function check(pkg, f) {
  stats.calls++;
  try {
    const r = f();
    if (r && typeof r.then === "function") return r.then(() => sane(pkg), (e) => failed(pkg, e));
  } catch (e) {
    failed(pkg, e);
  }
  sane(pkg);
  return undefined;
}

function failed(pkg, e) {
  stats.failures++;
  if (e instanceof WebAssembly.RuntimeError) stats.traps++;
  if (e?.cause instanceof WebAssembly.RuntimeError) stats.recovered++;
  assert.ok(acceptable(pkg, e), `not an acceptable error: ${e?.constructor?.name}: ${String(e?.message ?? e).slice(0, 300)}`);
  sane(pkg);
}

const requestArb = fc.record({
  method: either("POST"),
  url: either(request.url),
  headers: fc.oneof(fc.constant(request.headers), anything, fc.array(fc.tuple(anyString, anyString), { maxLength: 4 })),
  body: either(request.body),
  region: either("us-east-1"),
  service: either(undefined),
  credentials: fc.oneof(fc.constant(credentials), anything, fc.record({ accessKeyId: either("AKID"), secretAccessKey: either("s"), sessionToken: either(undefined) })),
  date: either(request.date),
  contentSha256Header: either(undefined),
  signSessionToken: either(undefined),
  pathEncoding: either(undefined),
  normalizePath: either(undefined),
  unsignedPayload: either(undefined),
  expiresIn: either(900),
});

for (const [label, pkg] of [["full", full], ["lite", lite]]) {
  test(`${label}: signRequest and presignUrl take any request and fail only with the package's errors`, () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: requestArb }, { weight: 1, arbitrary: anything }), (req) => {
        check(pkg, () => pkg.signRequest(req));
        check(pkg, () => pkg.presignUrl(req));
      }),
      { numRuns: RUNS * 3 },
    );
  });

  test(`${label}: ARN and version functions take any arguments and fail only with the package's errors`, () => {
    const list = fc.oneof(fc.array(anyString, { maxLength: 8 }), anything);
    fc.assert(
      fc.property(anything, anything, list, (a, b, l) => {
        check(pkg, () => pkg.parseArn(a, b));
        check(pkg, () => pkg.parseArn(a));
        check(pkg, () => pkg.validateArn(a, b));
        check(pkg, () => pkg.validateArns(l, b));
        check(pkg, () => pkg.validateArns(l));
        check(pkg, () => pkg.validateArnsText(a, b));
        check(pkg, () => pkg.parseVersion(a, b));
        check(pkg, () => pkg.compareVersions(a, b));
        check(pkg, () => pkg.matchesFilter(a, b));
        check(pkg, () => pkg.latestMatching(l, a));
        check(pkg, () => pkg.latestVersionReferences(a, l));
      }),
      { numRuns: RUNS * 2 },
    );
  });
}

test("full: validateInput and the client's constructor take any arguments and fail only with the package's errors", () => {
  const ops = fc.oneof(fc.constantFrom(...full.OPERATIONS.map((o) => o[0])), anything);
  const config = fc.record({
    region: either("us-east-1"),
    credentials: fc.oneof(fc.constant(credentials), anything, fc.record({ accessKeyId: either("AKID"), secretAccessKey: either("s"), sessionToken: either(undefined) })),
    endpoint: either(undefined),
    useFipsEndpoint: either(undefined),
    maxAttempts: either(undefined),
    requestHandler: either(undefined),
  });
  fc.assert(
    fc.property(ops, fc.oneof(anything, fc.dictionary(anyString, anything, { maxKeys: 4 })), fc.oneof(config, anything), (op, input, cfg) => {
      check(full, () => full.validateInput(op, input));
      check(full, () => new full.ImageBuilderClient(cfg));
    }),
    { numRuns: RUNS * 3 },
  );
});

test("full: the client's methods take any arguments and fail only with the package's errors", async () => {
  const client = new full.ImageBuilderClient({
    region: "us-east-1",
    credentials,
    maxAttempts: 1,
    requestHandler: async () => ({ status: 200, body: '{"image":{"state":{"status":"AVAILABLE"}}}' }),
  });
  const ops = fc.oneof(fc.constantFrom(...full.OPERATIONS.map((o) => o[0])), anything);
  await fc.assert(
    fc.asyncProperty(ops, anything, anything, async (op, input, options) => {
      await check(full, () => client.send(op, input, options));
      await check(full, async () => {
        for await (const page of client.paginate(op, input, options)) void page;
      });
      await check(full, () => client.waitUntilImageAvailable(input, options));
      await check(full, () => client.waitUntilImageAvailable({ imageBuildVersionArn: IMAGE }, options));
    }),
    { numRuns: RUNS },
  );
  assert.equal((await client.getImage({ imageBuildVersionArn: IMAGE })).image.state.status, "AVAILABLE");
});

test("full: the error classes take any message and fields", () => {
  const classes = ["ImageBuilderError", "ArnError", "VersionError", "SigningError", "ValidationError", "ServiceError", "NetworkError", "ResponseError", "WaiterError", "AbortError", "TimeoutError", "CredentialsError", "ConfigError"];
  for (const name of classes) assert.equal(typeof full[name], "function", name);
  fc.assert(
    fc.property(fc.constantFrom(...classes), anything, anything, (name, message, fields) => {
      check(full, () => {
        const e = new full[name](message, fields);
        assert.ok(e instanceof full.ImageBuilderError && e instanceof Error);
        assert.equal(typeof e.message, "string");
      });
    }),
    { numRuns: RUNS * 2 },
  );
});

test("inputs that trapped the wasm before (huge presigned URLs, ~32,000 headers, 1e300 s) cost one error each, never the module", () => {
  const many = Array.from({ length: 32_000 }, (_, i) => [`x-h${i}`, "v"]);
  for (let i = 0; i < 300; i++) {
    for (const pkg of [full, lite]) {
      check(pkg, () => pkg.presignUrl({ ...request, credentials: { ...credentials, sessionToken: "t".repeat(70_000) } }));
      check(pkg, () => pkg.presignUrl({ ...request, region: "r".repeat(66_000) }));
      check(pkg, () => pkg.presignUrl({ ...request, expiresIn: 1e300 }));
      if (i % 30 === 0) check(pkg, () => pkg.signRequest({ ...request, headers: many }));
    }
  }
});

test("fuzz totals", () => {
  console.log(`fuzz: ${stats.calls} calls, ${stats.failures} failures (all the package's errors or named TypeErrors), ${stats.traps} traps reaching the caller, ${stats.recovered} traps recovered by the glue`);
  assert.equal(stats.traps, 0);
  assert.ok(stats.calls > 1000);
});
