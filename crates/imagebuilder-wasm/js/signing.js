// signRequest / presignUrl: flatten the request for the wasm (one crossing, no JSON) and shape
// the result. The signature itself is computed by the core (aws-sigv4).

import { call } from "./boundary.js";
import { SIGNING_FLAGS as F } from "./enums.js";

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
  if (o.contentSha256Header) f |= F.CONTENT_SHA256_HEADER;
  if (o.signSessionToken === false) f |= F.UNSIGNED_SESSION_TOKEN;
  if (o.pathEncoding === "single") f |= F.SINGLE_PATH_ENCODING;
  else if (o.pathEncoding !== undefined && o.pathEncoding !== "double") throw new TypeError('pathEncoding must be "double" or "single"');
  if (o.normalizePath === false) f |= F.NO_PATH_NORMALIZATION;
  if (o.unsignedPayload) f |= F.UNSIGNED_PAYLOAD;
  return f;
}

function credentialsOf(c) {
  if (c === null || typeof c !== "object") throw new TypeError("credentials must be { accessKeyId, secretAccessKey, sessionToken? }");
  return c;
}

/** @param {typeof import("./wasm/imagebuilder_wasm_lite.js")} w the initialized wasm glue */
export function signingApi(w) {
  // One crossing for both forms: `expiresIn` undefined signs headers, a number presigns.
  function sign(what, request, flat, flags, expiresIn) {
    if (request === null || typeof request !== "object") throw new TypeError(`${what} takes a request object`);
    const c = credentialsOf(request.credentials);
    return call(() =>
      w.sign(
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
        flags,
        expiresIn,
      ),
    );
  }

  function signRequest(request) {
    const flat = flattenHeaders(request?.headers);
    const out = sign("signRequest", request, flat, flagsOf(request ?? {}), undefined);
    const added = {};
    const last = out.length - 1;
    for (let i = 0; i < last; i += 2) added[out[i]] = out[i + 1];
    const headers = {};
    for (let i = 0; i < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
    Object.assign(headers, added);
    return { headers, signedHeaders: added, authorization: added.authorization, signature: out[last] };
  }

  function presignUrl(request) {
    const flags = flagsOf({ unsignedPayload: true, ...request });
    return sign("presignUrl", request, flattenHeaders(request?.headers), flags, request?.expiresIn ?? 900)[0];
  }

  return { signRequest, presignUrl };
}
