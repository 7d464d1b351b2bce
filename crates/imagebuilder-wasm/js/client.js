// ImageBuilderClient and validateInput over the full wasm. The methods are made from the
// generated operation list (operations.js); retries, signing, clientToken filling, pagination
// and the waiter all run in Rust (imagebuilder-client).

import { tracking } from "./tracking.js";
import { AbortError, ConfigError, ImageBuilderError, ValidationError } from "./errors.js";
import { object, optionalBool, optionalFn, optionalInt, optionalSeconds, optionalStr, str, typeName } from "./check.js";
import { credentialsOf } from "./signing.js";
import { OPERATIONS } from "./operations.js";
import { withDates } from "./outputs.js";
import { resolveConfig } from "./client-config.js";

/** The most attempts per call a client takes (the AWS SDKs default to 3). */
const MAX_ATTEMPTS = 100;

/** The longest timeout setTimeout can wait in one go (ms); longer ones are refused. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** `v` if undefined or a whole number of milliseconds from 1 to 2^31 - 1. */
const optionalMillis = (v, what) => optionalInt(v, what, 1, MAX_TIMEOUT_MS);

/** Deeper than this, an input cannot be an operation's input (the model nests far less). */
const MAX_DEPTH = 64;

/** With the `u` flag a surrogate pair is one code point: this finds only lone surrogates. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** `customUserAgent` as the text appended to `X-Amz-User-Agent`: a string, or the SDK's
 * `[name, version?][]` pairs (`"name/version name2"`); 1 to 256 visible ASCII characters and
 * spaces. */
function userAgentText(v) {
  if (v === undefined) return undefined;
  const what = "config.customUserAgent";
  let text = v;
  if (Array.isArray(v)) {
    text = v
      .map((pair, i) => {
        if (!Array.isArray(pair) || pair.length < 1 || pair.length > 2) throw new TypeError(`${what}[${i}] must be [name] or [name, version], got ${typeName(pair)}`);
        const [name, version] = pair;
        str(name, `${what}[${i}][0]`);
        optionalStr(version, `${what}[${i}][1]`);
        return version === undefined ? name : `${name}/${version}`;
      })
      .join(" ");
  } else if (typeof v !== "string") {
    throw new TypeError(`${what} must be a string or [name, version][] pairs, got ${typeName(v)}`);
  }
  if (text.trim() === "" || text.length > 256 || !/^[\x20-\x7e]+$/.test(text)) {
    throw new ConfigError(`${what} must be 1 to 256 characters of visible ASCII and spaces (not only spaces)`);
  }
  return text;
}

/** Whether `v` (at nesting `depth`) is JSON an input can be: the test of `jsonViolation` without
 * the paths, which it only needs once something is wrong. Recursion is bounded by MAX_DEPTH. */
function plainJson(v, depth) {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v === "string") return !LONE_SURROGATE.test(v);
  if (typeof v === "bigint") return false;
  if (v === null || typeof v !== "object") return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!plainJson(v[i], depth + 1)) return false;
  } else {
    for (const k of Object.keys(v)) if (LONE_SURROGATE.test(k) || !plainJson(v[k], depth + 1)) return false;
  }
  return true;
}

/** A violation of the JSON an input must be, before the model's own rules are checked. */
function jsonViolation(input) {
  if (plainJson(input, 0)) return undefined;
  // Iterative: a 10,000-deep input must not overflow the stack.
  const stack = [[input, "", 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop();
    if ((typeof v === "number" && !Number.isFinite(v)) || typeof v === "bigint") {
      return { path, rule: "type", message: `${path || "(input)"}: must be a finite number, got ${typeof v === "bigint" ? "a bigint" : v}` };
    }
    if (typeof v === "string" && LONE_SURROGATE.test(v)) return { path, rule: "type", message: `${path || "(input)"}: must be valid Unicode text (it holds a lone surrogate)` };
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_DEPTH) return { path, rule: "depth", message: `${path || "(input)"}: nested deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`, depth + 1]);
    } else {
      for (const k of Object.keys(v)) {
        const at = path ? `${path}.${k}` : k;
        if (LONE_SURROGATE.test(k)) return { path: at, rule: "type", message: "a member name must be valid Unicode text (it holds a lone surrogate)" };
        stack.push([v[k], at, depth + 1]);
      }
    }
  }
  return undefined;
}

/** The input as JSON text, or a thrown ValidationError when it cannot be one. */
function json(operation, input) {
  const text = jsonOrViolation(operation, input);
  if (typeof text === "string") return text;
  throw new ValidationError(`invalid input for ${operation}: ${text.message}`, { operation, violations: [text] });
}

/** The input as JSON text, or the violation that keeps it from being an operation input. */
function jsonOrViolation(operation, input) {
  if (input === undefined) return "{}";
  object(input, `${operation}'s input`);
  return jsonViolation(input) ?? JSON.stringify(input);
}

const OPERATION_NAMES = new Set(OPERATIONS.map((o) => o[0]));

function operationName(operation) {
  if (!OPERATION_NAMES.has(operation)) {
    const got = typeof operation === "string" ? JSON.stringify(operation.slice(0, 64)) : typeName(operation);
    throw new TypeError(`operation must be the model name of an operation such as "ListImages", got ${got}`);
  }
  return operation;
}

function optionsOf(options) {
  return options === undefined ? {} : object(options, "options");
}

/** What `cancelFor` gives for no signal. */
const NO_CANCEL = Object.freeze([undefined, () => {}]);

/** Wires an AbortSignal to a wasm CancelHandle; returns [a shared copy of the handle to give the
 * wasm (which consumes it), detach]. */
function cancelFor(wasm, signal) {
  if (signal === undefined || signal === null) return NO_CANCEL;
  if (typeof signal !== "object" || typeof signal.addEventListener !== "function" || typeof signal.aborted !== "boolean") throw new TypeError(`options.signal must be an AbortSignal, got ${typeName(signal)}`);
  if (signal.aborted) throw new AbortError("The operation was aborted before it started", { reason: signal.reason });
  const handle = tracking(wasm).track(wasm.call(() => new wasm.w.CancelHandle()));
  const onAbort = () => {
    if (handle.__wbg_ptr) handle.cancel();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  return [handle.share(), () => {
    signal.removeEventListener("abort", onAbort);
    // A handle of an instance replaced after a trap is detached already.
    if (handle.__wbg_ptr) handle.free();
  }];
}

function withReason(e, signal) {
  if (e instanceof AbortError && signal && signal.aborted) e.reason = signal.reason;
  return e;
}

function credentialsProvider(credentials) {
  return async () => {
    const c = await credentials();
    if (c === null || typeof c !== "object") throw new TypeError("the credentials provider must return an object");
    const expiration = c.expiration instanceof Date ? c.expiration.getTime() : typeof c.expiration === "string" ? Date.parse(c.expiration) : c.expiration;
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration };
  };
}

// The user's requestHandler({method, url, headers, body}) -> {status, headers?, body?} in the
// flat form the wasm takes: ("method\nurl\nname\nvalue...", body) -> [status, [name, value, ...],
// body] (none of the request's parts holds a line feed: see `JsTransport` in src/client.rs).
function handlerFor(handler) {
  return async (text, body) => {
    const parts = text.split("\n");
    const headers = {};
    for (let i = 2; i < parts.length; i += 2) headers[parts[i]] = parts[i + 1];
    const r = await handler({ method: parts[0], url: parts[1], headers, body });
    if (r === null || typeof r !== "object") throw new TypeError("the requestHandler must return { status, headers?, body? }");
    const out = [];
    const h = r.headers;
    if (h) {
      // Object.entries's order and own enumerable keys, without a [key, value] array per header.
      const keys = Object.keys(h);
      for (let i = 0; i < keys.length; i++) out.push(keys[i], String(h[keys[i]]));
    }
    const b = r.body;
    return [r.status, out, b === undefined || b === null ? "" : typeof b === "string" || b instanceof Uint8Array ? b : new Uint8Array(b)];
  };
}

/** @param {import("./boundary.js").Boundary} wasm the boundary with the initialized wasm */
export function clientApi(wasm) {
  const { w, call } = wasm;

  function validateInput(operation, input) {
    const name = operationName(operation);
    const text = jsonOrViolation(name, input);
    if (typeof text !== "string") return [text];
    return JSON.parse(call(() => w.validateInput(name, text)));
  }

  /** The checked constructor arguments of the wasm's Client. */
  function clientArgs(config) {
    object(config, "ImageBuilderClient's config", "{ region, credentials, endpoint? }");
    const { region, credentials, endpoint, useFipsEndpoint, maxAttempts, requestHandler, requestTimeout, timeout, maxResponseBytes, customUserAgent } = config;
    str(region, "config.region");
    optionalStr(endpoint, "config.endpoint");
    optionalBool(useFipsEndpoint, "config.useFipsEndpoint");
    if (useFipsEndpoint && endpoint !== undefined) throw new ConfigError("config.useFipsEndpoint cannot be combined with a custom config.endpoint");
    optionalInt(maxAttempts, "config.maxAttempts", 1, MAX_ATTEMPTS);
    optionalFn(requestHandler, "config.requestHandler");
    // Limits: per attempt (default 30 s), per call (default none), response body (default 8 MiB).
    optionalMillis(requestTimeout, "config.requestTimeout");
    optionalMillis(timeout, "config.timeout");
    optionalInt(maxResponseBytes, "config.maxResponseBytes", 1, Number.MAX_SAFE_INTEGER);
    const userAgent = userAgentText(customUserAgent);
    let fixed = {};
    let provider;
    if (typeof credentials === "function") provider = credentialsProvider(credentials);
    else fixed = credentialsOf(credentials, "config.credentials");
    return [region, endpoint, useFipsEndpoint === true, maxAttempts, fixed.accessKeyId, fixed.secretAccessKey, fixed.sessionToken ?? undefined, provider, requestHandler && handlerFor(requestHandler), requestTimeout, timeout, maxResponseBytes, userAgent];
  }

  class ImageBuilderClient {
    #args;
    #inner;
    #epoch;
    /** Set while a function-valued region or endpoint is being resolved. */
    #ready;

    constructor(config) {
      const resolved = resolveConfig(config);
      if (resolved instanceof Promise) {
        this.#ready = resolved.then((c) => {
          this.#args = clientArgs(c);
          this.#build();
          this.#ready = undefined;
        });
        // Rejections surface on the first call, not as an unhandled rejection.
        this.#ready.catch(() => {});
      } else {
        this.#args = clientArgs(resolved);
        this.#build();
      }
    }

    #build() {
      this.#epoch = wasm.epoch;
      this.#inner = tracking(wasm).track(call(() => new w.Client(...this.#args)));
    }

    /** The wasm client, rebuilt from the same config if a trap replaced the instance. */
    get #client() {
      if (this.#epoch !== wasm.epoch) this.#build();
      return this.#inner;
    }

    /** The endpoint requests go to (`undefined` until a function-valued region or endpoint resolved). */
    get endpoint() {
      return this.#args === undefined ? undefined : this.#client.endpoint;
    }

    async send(operation, input, options) {
      // Not `await`ed when there is nothing to wait for: an await costs a turn of the microtask
      // queue on every call.
      if (this.#ready !== undefined) await this.#ready;
      const name = operationName(operation);
      const body = json(name, input);
      const { signal, timeout } = optionsOf(options);
      optionalMillis(timeout, "options.timeout");
      const wired = cancelFor(wasm, signal);
      const cancel = wired[0];
      const detach = wired[1];
      try {
        return withDates(name, JSON.parse(await tracking(wasm).guard(call(() => this.#client.send(name, body, cancel, timeout)))));
      } catch (e) {
        throw withReason(wasm.fail(e), signal);
      } finally {
        detach();
      }
    }

    async waitUntilImageAvailable(input, options) {
      await this.#ready;
      object(input, "waitUntilImageAvailable's input", "{ imageBuildVersionArn }");
      const arn = str(input.imageBuildVersionArn, "imageBuildVersionArn");
      const { signal, minDelay, maxDelay, maxAttempts, onStatus } = optionsOf(options);
      optionalSeconds(minDelay, "options.minDelay");
      optionalSeconds(maxDelay, "options.maxDelay");
      optionalInt(maxAttempts, "options.maxAttempts", 1, 2 ** 32 - 1);
      optionalFn(onStatus, "options.onStatus");
      const [cancel, detach] = cancelFor(wasm, signal);
      try {
        const report = onStatus ? (text) => onStatus(JSON.parse(text)) : undefined;
        return withDates("GetImage", JSON.parse(await tracking(wasm).guard(call(() => this.#client.waitUntilImageAvailable(arn, minDelay, maxDelay, maxAttempts, cancel, report)))));
      } catch (e) {
        throw withReason(wasm.fail(e), signal);
      } finally {
        detach();
      }
    }

    async *paginate(operation, input, options) {
      await this.#ready;
      const name = operationName(operation);
      const body = json(name, input);
      const { signal, timeout, maxPages } = optionsOf(options);
      optionalMillis(timeout, "options.timeout");
      optionalInt(maxPages, "options.maxPages", 1, 2 ** 32 - 1);
      const [cancel, detach] = cancelFor(wasm, signal);
      try {
        const epoch = wasm.epoch;
        const pages = tracking(wasm).track(call(() => this.#client.paginate(name, body, cancel, timeout, maxPages)));
        for (;;) {
          if (wasm.epoch !== epoch) throw new ImageBuilderError("the paginator's WebAssembly instance was replaced after a trap; start the paginator again");
          let text;
          try {
            text = await tracking(wasm).guard(pages.next());
          } catch (e) {
            throw withReason(wasm.fail(e), signal);
          }
          if (text === undefined) return;
          yield withDates(name, JSON.parse(text));
        }
      } finally {
        detach();
      }
    }
  }

  for (const [name, method, resultKey] of OPERATIONS) {
    Object.defineProperty(ImageBuilderClient.prototype, method, {
      value: {
        [method](input, options) {
          return this.send(name, input, options);
        },
      }[method],
      writable: true,
      configurable: true,
    });
    if (resultKey !== null) {
      Object.defineProperty(ImageBuilderClient.prototype, `paginate${name}`, {
        value: {
          [`paginate${name}`](input, options) {
            return this.paginate(name, input, options);
          },
        }[`paginate${name}`],
        writable: true,
        configurable: true,
      });
    }
  }

  return { validateInput, ImageBuilderClient };
}
