// signRequest / presignUrl: flatten the request for the wasm (one crossing, no JSON) and shape
// the result. The signature itself is computed by the core (aws-sigv4).

import { call } from "./errors.js";

const CONTENT_SHA256_HEADER = 1;
const UNSIGNED_SESSION_TOKEN = 2;
const SINGLE_PATH_ENCODING = 4;
const NO_PATH_NORMALIZATION = 8;
const UNSIGNED_PAYLOAD = 16;

/** Headers as a flat [name, value, ...] array, from an object, a Headers, a Map or pairs. */
export function flattenHeaders(headers) {
  const flat = [];
  if (headers == null) return flat;
  if (typeof headers[Symbol.iterator] === "function") {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError("headers must be [name, value] pairs");
      flat.push(String(pair[0]), String(pair[1]));
    }
    return flat;
  }
  if (typeof headers !== "object") throw new TypeError("headers must be an object, a Headers, a Map or [name, value] pairs");
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat.push(name, String(value));
  }
  return flat;
}

/** Milliseconds since the epoch from a Date, a number (ms) or an ISO 8601 string; now by default. */
export function timeMs(date) {
  if (date === undefined || date === null) return Date.now();
  if (date instanceof Date) return date.getTime();
  if (typeof date === "number") return date;
  if (typeof date === "string") return Date.parse(date);
  throw new TypeError("date must be a Date, milliseconds since the epoch, or an ISO 8601 string");
}

function bodyOf(body) {
  if (body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("body must be a string, a Uint8Array, an ArrayBuffer or a typed array");
}

function flagsOf(o) {
  let f = 0;
  if (o.contentSha256Header) f |= CONTENT_SHA256_HEADER;
  if (o.signSessionToken === false) f |= UNSIGNED_SESSION_TOKEN;
  if (o.pathEncoding === "single") f |= SINGLE_PATH_ENCODING;
  else if (o.pathEncoding !== undefined && o.pathEncoding !== "double") throw new TypeError('pathEncoding must be "double" or "single"');
  if (o.normalizePath === false) f |= NO_PATH_NORMALIZATION;
  if (o.unsignedPayload) f |= UNSIGNED_PAYLOAD;
  return f;
}

function credentialsOf(c) {
  if (c === null || typeof c !== "object") throw new TypeError("credentials must be { accessKeyId, secretAccessKey, sessionToken? }");
  return c;
}

/** @param {typeof import("./wasm/imagebuilder_wasm_lite.js")} w the initialized wasm glue */
export function signingApi(w) {
  function signRequest(request) {
    if (request === null || typeof request !== "object") throw new TypeError("signRequest takes a request object");
    const c = credentialsOf(request.credentials);
    const flat = flattenHeaders(request.headers);
    const out = call(() =>
      w.signHeaders(
        request.method ?? "GET",
        String(request.url),
        flat,
        bodyOf(request.body),
        request.region,
        request.service ?? "imagebuilder",
        c.accessKeyId,
        c.secretAccessKey,
        c.sessionToken ?? undefined,
        timeMs(request.date),
        flagsOf(request),
      ),
    );
    const added = {};
    const last = out.length - 1;
    for (let i = 0; i < last; i += 2) added[out[i]] = out[i + 1];
    const headers = {};
    for (let i = 0; i < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
    Object.assign(headers, added);
    return { headers, signedHeaders: added, authorization: added.authorization, signature: out[last] };
  }

  function presignUrl(request) {
    if (request === null || typeof request !== "object") throw new TypeError("presignUrl takes a request object");
    const c = credentialsOf(request.credentials);
    const out = call(() =>
      w.presign(
        request.method ?? "GET",
        String(request.url),
        flattenHeaders(request.headers),
        bodyOf(request.body),
        request.region,
        request.service ?? "imagebuilder",
        c.accessKeyId,
        c.secretAccessKey,
        c.sessionToken ?? undefined,
        timeMs(request.date),
        flagsOf({ unsignedPayload: true, ...request }),
        request.expiresIn ?? 900,
      ),
    );
    return out[0];
  }

  return { signRequest, presignUrl };
}
