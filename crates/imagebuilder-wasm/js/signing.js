// signRequest / presignUrl: flatten the request for the wasm (one crossing, no JSON) and shape
// the result. The signature itself is computed by the core (aws-sigv4).

import { SIGNING_FLAGS as F } from "./enums.js";
import { CredentialsError, SigningError } from "./errors.js";
import { defaultCredentials } from "./config-defaults.js";
import { str, object, optionalBool, typeName } from "./check.js";

/** SigV4's limits on a presigned URL's lifetime, in seconds. */
const MAX_EXPIRES_IN = 604800;

/** A header name or value as text: strings, numbers, booleans and bigints are written out. */
function headerText(v, what) {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  throw new TypeError(`${what} must be a string, got ${typeName(v)}`);
}

/** Headers as a flat [name, value, ...] array, from an object, a Headers, a Map or pairs. */
export function flattenHeaders(headers) {
  const flat = [];
  if (headers == null) return flat;
  if (typeof headers[Symbol.iterator] === "function") {
    let i = 0;
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`headers[${i}] must be a [name, value] pair`);
      flat.push(headerText(pair[0], `headers[${i}].name`), headerText(pair[1], `headers[${i}].value`));
      i++;
    }
    return flat;
  }
  if (typeof headers !== "object") throw new TypeError(`headers must be an object, a Headers, a Map or [name, value] pairs, got ${typeName(headers)}`);
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) flat.push(name, headerText(value, `headers[${JSON.stringify(name)}]`));
  }
  return flat;
}

/** Milliseconds since the epoch from a Date, a number (ms) or an ISO 8601 string; now by default. */
export function timeMs(date) {
  if (date === undefined || date === null) return Date.now();
  if (date instanceof Date) return date.getTime();
  if (typeof date === "number") return date;
  if (typeof date === "string") return Date.parse(date);
  throw new TypeError(`date must be a Date, milliseconds since the epoch, or an ISO 8601 string, got ${typeName(date)}`);
}

function bodyOf(body) {
  if (body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError(`body must be a string, a Uint8Array, an ArrayBuffer or a typed array, got ${typeName(body)}`);
}

function flagsOf(o) {
  optionalBool(o.contentSha256Header, "contentSha256Header");
  optionalBool(o.signSessionToken, "signSessionToken");
  optionalBool(o.normalizePath, "normalizePath");
  optionalBool(o.unsignedPayload, "unsignedPayload");
  let f = 0;
  if (o.contentSha256Header) f |= F.CONTENT_SHA256_HEADER;
  if (o.signSessionToken === false) f |= F.UNSIGNED_SESSION_TOKEN;
  if (o.pathEncoding === "single") f |= F.SINGLE_PATH_ENCODING;
  else if (o.pathEncoding !== undefined && o.pathEncoding !== "double") throw new TypeError('pathEncoding must be "double" or "single"');
  if (o.normalizePath === false) f |= F.NO_PATH_NORMALIZATION;
  if (o.unsignedPayload) f |= F.UNSIGNED_PAYLOAD;
  return f;
}

/** `{ accessKeyId, secretAccessKey, sessionToken? }`, each checked. */
export function credentialsOf(c, what = "credentials") {
  object(c, what, "{ accessKeyId, secretAccessKey, sessionToken? }");
  // An unset key (often `process.env.AWS_ACCESS_KEY_ID` where the variable is not set) is missing
  // credentials, not a wrong type: say so, and where they come from.
  for (const key of ["accessKeyId", "secretAccessKey"]) {
    if (c[key] === undefined || c[key] === null) {
      throw new CredentialsError(`${what}.${key} is ${c[key]}: no credentials were given (pass { accessKeyId, secretAccessKey, sessionToken? }; in Node, leave ${what} out to read AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the AWS_PROFILE profile)`, { field: `${what}.${key}` });
    }
  }
  str(c.accessKeyId, `${what}.accessKeyId`);
  str(c.secretAccessKey, `${what}.secretAccessKey`);
  if (c.sessionToken !== undefined && c.sessionToken !== null) str(c.sessionToken, `${what}.sessionToken`);
  return c;
}

function urlOf(url) {
  if (typeof URL !== "undefined" && url instanceof URL) return url.href;
  return str(url, "url");
}

/** `expiresIn` (default 900 s): an integer number of seconds from 1 to 604800. */
function expiresInOf(v) {
  if (v === undefined) return 900;
  if (typeof v !== "number") throw new TypeError(`expiresIn must be a number of seconds, got ${typeName(v)}`);
  if (!Number.isSafeInteger(v) || v < 1 || v > MAX_EXPIRES_IN) {
    throw new SigningError(`expiresIn must be a number of seconds between 1 and ${MAX_EXPIRES_IN} (7 days)`, { field: "expiresIn", rule: "range" });
  }
  return v;
}

/** Sets header `name` on a plain object; `__proto__` (a valid header name) as an own property,
 * not the prototype setter that would drop a header the signature covers. */
function put(headers, name, value) {
  if (name === "__proto__") Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  else headers[name] = value;
}

/** @param {import("./boundary.js").Boundary} wasm the boundary with the initialized wasm */
export function signingApi(wasm) {
  // One crossing for both forms: `expiresIn` undefined signs headers, a number presigns. Every
  // argument is checked here: a wrong type never reaches the wasm. The strings cross as one text
  // and their lengths (see `sign` in crates/imagebuilder-wasm/src/signing.rs); the answer is one
  // text, its parts separated by line feeds.
  function sign(request, flat, flags, expiresIn) {
    const method = request.method === undefined ? "GET" : str(request.method, "method");
    const url = urlOf(request.url);
    const body = bodyOf(request.body);
    const region = str(request.region, "region");
    const service = request.service === undefined ? "imagebuilder" : str(request.service, "service");
    const c = request.credentials === undefined ? defaultCredentials("credentials") : credentialsOf(request.credentials);
    const time = timeMs(request.date);
    const token = c.sessionToken ?? undefined;
    const text = typeof body === "string" ? body : "";
    const lens = new Uint32Array(8 + flat.length);
    lens[0] = method.length;
    lens[1] = url.length;
    lens[2] = region.length;
    lens[3] = service.length;
    lens[4] = c.accessKeyId.length;
    lens[5] = c.secretAccessKey.length;
    lens[6] = token === undefined ? 0 : token.length;
    lens[7] = text.length;
    let packed = method + url + region + service + c.accessKeyId + c.secretAccessKey + (token ?? "") + text;
    for (let i = 0; i < flat.length; i++) {
      lens[8 + i] = flat[i].length;
      packed += flat[i];
    }
    const bytes = body instanceof Uint8Array ? body : undefined;
    let out;
    try {
      out = wasm.w.sign(packed, lens, token !== undefined, bytes, time, flags, expiresIn);
    } catch (e) {
      throw wasm.fail(e);
    }
    return out.split("\n");
  }

  function signRequest(request) {
    object(request, "signRequest's request");
    const flat = flattenHeaders(request.headers);
    const out = sign(request, flat, flagsOf(request), undefined);
    const added = {};
    const headers = {};
    for (let i = 0; i < flat.length; i += 2) put(headers, flat[i], flat[i + 1]);
    const last = out.length - 1;
    for (let i = 0; i < last; i += 2) headers[out[i]] = added[out[i]] = out[i + 1];
    return { headers, signedHeaders: added, authorization: added.authorization, signature: out[last] };
  }

  function presignUrl(request) {
    object(request, "presignUrl's request");
    const flags = flagsOf({ unsignedPayload: true, ...request });
    return sign(request, flattenHeaders(request.headers), flags, expiresInOf(request.expiresIn))[0];
  }

  return { signRequest, presignUrl };
}
