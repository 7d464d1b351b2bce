// signRequest / presignUrl, from the installed tarball, against an independent node:crypto SigV4
// oracle (sigv4-oracle.mjs) and the signature the JS peers agree on.

import test from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { importFull, importLite } from "./helpers.mjs";
import { oracleAuthorization, oraclePresignSignature } from "./sigv4-oracle.mjs";

const full = await importFull();
const lite = await importLite();

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const listImages = {
  method: "POST",
  url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
  headers: { "content-type": "application/json" },
  body: '{"owner":"Self","maxResults":25}',
  region: "us-east-1",
  credentials,
  date: new Date("2015-08-30T12:36:00Z"),
};

const varied = [
  listImages,
  {
    method: "GET",
    url: "https://imagebuilder.eu-west-1.amazonaws.com/GetImage?imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aeu-west-1%3A123456789012%3Aimage%2Fweb%2F1.2.3%2F4",
    region: "eu-west-1",
    credentials: { ...credentials, sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN//+=" },
    date: Date.UTC(2024, 1, 29, 23, 59, 59),
  },
  {
    method: "POST",
    url: "https://imagebuilder.us-west-2.amazonaws.com/tags/arn%3Aaws%3Aimagebuilder%3Aus-west-2%3A123456789012%3Aimage-recipe%2Fr%2F1.0.0",
    headers: [["Content-Type", "application/json"], ["X-Custom", "  spaced   value  "]],
    body: new TextEncoder().encode('{"tags":{"team":"ünïcode ✓"}}'),
    region: "us-west-2",
    credentials,
    date: "2026-11-23T10:00:00.000Z",
  },
];

test("signRequest reproduces the ListImages signature every JS peer agrees on", () => {
  const signed = full.signRequest(listImages);
  assert.equal(
    signed.authorization,
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/imagebuilder/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=d7d81437e37ce478f2c46b0c3742d2c62e6707e37671a91edde84907acdc1cbd",
  );
  assert.equal(signed.signature, "d7d81437e37ce478f2c46b0c3742d2c62e6707e37671a91edde84907acdc1cbd");
});

test("signRequest agrees with an independent node:crypto SigV4 on varied requests", () => {
  for (const req of varied) {
    const headers = Array.isArray(req.headers) ? Object.fromEntries(req.headers) : req.headers;
    const body = typeof req.body === "string" || req.body === undefined ? req.body ?? "" : Buffer.from(req.body);
    const date = new Date(req.date).getTime();
    const expected = oracleAuthorization({ ...req, headers, body, date });
    assert.equal(full.signRequest(req).authorization, expected, req.url);
    assert.equal(lite.signRequest(req).authorization, expected, `lite: ${req.url}`);
  }
});

test("signRequest returns the request's headers plus the signature headers, ready for fetch", () => {
  const signed = full.signRequest({ ...listImages, credentials: { ...credentials, sessionToken: "TOKEN" } });
  assert.equal(signed.headers["content-type"], "application/json");
  assert.equal(signed.headers["x-amz-date"], "20150830T123600Z");
  assert.equal(signed.headers["x-amz-security-token"], "TOKEN");
  assert.equal(signed.headers.authorization, signed.authorization);
  assert.deepEqual(Object.keys(signed.signedHeaders).sort(), ["authorization", "x-amz-date", "x-amz-security-token"]);
  assert.match(signed.authorization, /SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,/);
});

test("signRequest adds x-amz-content-sha256 only when asked", () => {
  const plain = full.signRequest(listImages);
  assert.equal(plain.headers["x-amz-content-sha256"], undefined);
  const withHash = full.signRequest({ ...listImages, contentSha256Header: true });
  assert.equal(withHash.headers["x-amz-content-sha256"], createHash("sha256").update(listImages.body).digest("hex"));
  assert.match(withHash.authorization, /SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,/);
});

test("signRequest throws a SigningError naming the field and the rule", () => {
  assert.throws(
    () => full.signRequest({ ...listImages, region: "us east 1" }),
    (e) => e instanceof full.SigningError && e instanceof full.ImageBuilderError && e instanceof Error && e.name === "SigningError" && e.field === "region" && e.$metadata.attempts === 0 && e.$metadata.httpStatusCode === undefined,
  );
  assert.throws(
    () => full.signRequest({ ...listImages, headers: { "content-type": "a\r\nb" } }),
    (e) => e instanceof full.SigningError && e.field === "headers[0].value" && e.rule === "header-value",
  );
  assert.throws(() => full.signRequest({ ...listImages, url: "/ListImages" }), (e) => e.name === "SigningError" && e.field === "url");
  assert.throws(() => full.signRequest({ ...listImages, credentials: { accessKeyId: "", secretAccessKey: "s" } }), (e) => e.name === "SigningError" && /access/i.test(e.field));
});

test("signRequest keeps every field apart when a string body holds non-ASCII text, astral characters or a lone surrogate", () => {
  // The strings cross as one packed text cut by their UTF-16 lengths: a body whose UTF-8 is
  // longer than its JavaScript length must not shift the headers or credentials after it.
  for (const body of ['{"name":"ünïcode ✓ 𝄞"}', "\u{1F600}".repeat(40), "lone \uD800 surrogate", ""]) {
    const req = { ...listImages, body, headers: { "content-type": "application/json", "x-after": "kept" }, credentials: { ...credentials, sessionToken: "TOKEN" } };
    // A lone surrogate goes out as U+FFFD (what fetch and TextEncoder send), so the oracle hashes
    // the same bytes the TextEncoder gives.
    const bytes = Buffer.from(new TextEncoder().encode(body));
    const expected = oracleAuthorization({ ...req, body: bytes, date: new Date(req.date).getTime() });
    for (const entry of [full, lite]) {
      const signed = entry.signRequest(req);
      assert.equal(signed.authorization, expected, JSON.stringify(body));
      assert.equal(signed.headers["x-after"], "kept");
      assert.equal(signed.headers["x-amz-security-token"], "TOKEN");
      assert.equal(entry.signRequest({ ...req, body: new TextEncoder().encode(body) }).authorization, expected);
    }
  }
  // A non-ASCII header value is refused with the field named, whatever precedes it.
  assert.throws(
    () => lite.signRequest({ ...listImages, body: "é", headers: { "content-type": "application/json", "x-bad": "naïve" } }),
    (e) => e.name === "SigningError" && e.field === "headers[1].value" && e.rule === "header-value",
  );
});

test("signRequest throws TypeError for arguments of the wrong JavaScript type", () => {
  assert.throws(() => full.signRequest(null), TypeError);
  assert.throws(() => full.signRequest({ ...listImages, body: 42 }), TypeError);
  assert.throws(() => full.signRequest({ ...listImages, date: {} }), TypeError);
});

test("presignUrl returns a URL whose signature the independent oracle reproduces", () => {
  const req = { method: "GET", url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages?maxResults=5", region: "us-east-1", credentials, date: listImages.date, expiresIn: 300 };
  const url = new URL(full.presignUrl(req));
  assert.equal(url.searchParams.get("X-Amz-Expires"), "300");
  assert.equal(url.searchParams.get("X-Amz-Date"), "20150830T123600Z");
  assert.equal(url.searchParams.get("maxResults"), "5");
  const expected = oraclePresignSignature({ ...req, date: listImages.date.getTime() });
  assert.equal(url.searchParams.get("X-Amz-Signature"), expected);
  assert.equal(lite.presignUrl(req), url.href);
});

test("presignUrl refuses an expiry beyond seven days, naming expiresIn", () => {
  assert.throws(
    () => full.presignUrl({ url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages", region: "us-east-1", credentials, expiresIn: 604801 }),
    (e) => e instanceof full.SigningError && e.field === "expiresIn" && e.rule === "range",
  );
});

test("the lite and full entries share one set of error classes", () => {
  assert.equal(lite.SigningError, full.SigningError);
  assert.equal(lite.ImageBuilderError, full.ImageBuilderError);
});

test("a header named __proto__ is signed and returned as a header, not taken for the prototype", () => {
  for (const pkg of [full, lite]) {
    const req = { ...listImages, headers: [["content-type", "application/json"], ["__proto__", "odd but valid"]] };
    const signed = pkg.signRequest(req);
    assert.match(signed.authorization, /SignedHeaders=__proto__;content-type;host;x-amz-date,/);
    assert.ok(Object.hasOwn(signed.headers, "__proto__"), JSON.stringify(Object.keys(signed.headers)));
    assert.equal(signed.headers["__proto__"], "odd but valid");
    assert.equal(Object.getPrototypeOf(signed.headers), Object.prototype);
    // What a fetch would send: every header the signature covers.
    assert.deepEqual(Object.keys(signed.headers).sort(), ["__proto__", "authorization", "content-type", "x-amz-date"]);
  }
});
