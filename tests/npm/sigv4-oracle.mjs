// An independent SigV4 implementation on node:crypto, written from the AWS specification, used
// only as a test oracle for the package's signatures (header and presigned-URL forms). Supports
// what the tests need: double path encoding of an already-encoded path, sorted query, session
// token, UNSIGNED-PAYLOAD.

import { createHash, createHmac } from "node:crypto";

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const hmac = (key, data) => createHmac("sha256", key).update(data, "utf8").digest();

function amzDate(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function canonicalQuery(pairs) {
  return pairs
    .map(([k, v]) => [enc(k), enc(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function signature({ method, url, headers, payloadHash, region, service, secretAccessKey, date, extraQuery }) {
  const u = new URL(url);
  const ymd = date.slice(0, 8);
  const all = { ...headers, host: u.host };
  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v).trim().replace(/\s+/g, " ")]));
  const path = u.pathname.split("/").map((seg) => enc(seg)).join("/");
  const query = [...new URLSearchParams(u.search)].concat(extraQuery ?? []);
  const canonical = [method, path, canonicalQuery(query), names.map((n) => `${n}:${lower[n]}\n`).join(""), names.join(";"), payloadHash].join("\n");
  const scope = `${ymd}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonical)].join("\n");
  let key = hmac("AWS4" + secretAccessKey, ymd);
  key = hmac(key, region);
  key = hmac(key, service);
  key = hmac(key, "aws4_request");
  return { signature: createHmac("sha256", key).update(toSign, "utf8").digest("hex"), scope, signedHeaders: names.join(";") };
}

/** The Authorization header for a header-signed request. */
export function oracleAuthorization({ method, url, headers = {}, body = "", region, service = "imagebuilder", credentials, date }) {
  const d = amzDate(date);
  const h = { ...headers, "x-amz-date": d };
  if (credentials.sessionToken) h["x-amz-security-token"] = credentials.sessionToken;
  const s = signature({ method, url, headers: h, payloadHash: sha256(body), region, service, secretAccessKey: credentials.secretAccessKey, date: d });
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${s.scope}, SignedHeaders=${s.signedHeaders}, Signature=${s.signature}`;
}

/** The X-Amz-Signature of a presigned URL (UNSIGNED-PAYLOAD, host signed). */
export function oraclePresignSignature({ method, url, region, service = "imagebuilder", credentials, date, expiresIn }) {
  const d = amzDate(date);
  const scope = `${d.slice(0, 8)}/${region}/${service}/aws4_request`;
  const extra = [
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Credential", `${credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", d],
    ["X-Amz-Expires", String(expiresIn)],
    ["X-Amz-SignedHeaders", "host"],
  ];
  if (credentials.sessionToken) extra.push(["X-Amz-Security-Token", credentials.sessionToken]);
  return signature({ method, url, headers: {}, payloadHash: "UNSIGNED-PAYLOAD", region, service, secretAccessKey: credentials.secretAccessKey, date: d, extraQuery: extra }).signature;
}
