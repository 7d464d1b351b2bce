// ImageBuilderClient and validateInput over the full wasm. The methods are made from the
// generated operation list (operations.js); retries, signing, clientToken filling, pagination
// and the waiter all run in Rust (imagebuilder-client).

import { AbortError } from "./errors.js";
import { call, toError } from "./boundary.js";
import { OPERATIONS } from "./operations.js";

function json(input) {
  if (input === undefined) return "{}";
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new TypeError("an operation input must be an object");
  return JSON.stringify(input);
}

function operationName(operation) {
  if (typeof operation !== "string") throw new TypeError("operation must be a string such as \"ListImages\"");
  return operation;
}

/** Wires an AbortSignal to a wasm CancelHandle; returns [a shared copy of the handle to give the
 * wasm (which consumes it), detach]. */
function cancelFor(w, signal) {
  if (signal === undefined || signal === null) return [undefined, () => {}];
  if (typeof signal.addEventListener !== "function" || typeof signal.aborted !== "boolean") throw new TypeError("signal must be an AbortSignal");
  if (signal.aborted) throw new AbortError("The operation was aborted before it started", { reason: signal.reason });
  const handle = new w.CancelHandle();
  const onAbort = () => handle.cancel();
  signal.addEventListener("abort", onAbort, { once: true });
  return [handle.share(), () => {
    signal.removeEventListener("abort", onAbort);
    handle.free();
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
// flat form the wasm takes: (method, url, [name, value, ...], body) -> [status, [name, value, ...], body].
function handlerFor(handler) {
  return async (method, url, flat, body) => {
    const headers = {};
    for (let i = 0; i < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
    const r = await handler({ method, url, headers, body });
    if (r === null || typeof r !== "object") throw new TypeError("the requestHandler must return { status, headers?, body? }");
    const out = [];
    if (r.headers) for (const [k, v] of Object.entries(r.headers)) out.push(k, String(v));
    const b = r.body;
    return [r.status, out, b === undefined || b === null ? "" : typeof b === "string" || b instanceof Uint8Array ? b : new Uint8Array(b)];
  };
}

/** @param {typeof import("./wasm/imagebuilder_wasm.js")} w the initialized wasm glue */
export function clientApi(w) {
  function validateInput(operation, input) {
    return JSON.parse(call(() => w.validateInput(operationName(operation), json(input))));
  }

  class ImageBuilderClient {
    #inner;

    constructor(config) {
      if (config === null || typeof config !== "object") throw new TypeError("ImageBuilderClient takes a config object { region, credentials, endpoint? }");
      const { region, credentials, endpoint, useFipsEndpoint, maxAttempts, requestHandler } = config;
      if (requestHandler !== undefined && typeof requestHandler !== "function") throw new TypeError("config.requestHandler must be a function");
      if (typeof region !== "string") throw new TypeError("config.region must be a string such as \"us-east-1\"");
      if (endpoint !== undefined && typeof endpoint !== "string") throw new TypeError("config.endpoint must be a string URL");
      if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1)) throw new TypeError("config.maxAttempts must be an integer >= 1");
      let fixed = {};
      let provider;
      if (typeof credentials === "function") provider = credentialsProvider(credentials);
      else if (credentials !== null && typeof credentials === "object") fixed = credentials;
      else throw new TypeError("config.credentials must be { accessKeyId, secretAccessKey, sessionToken? } or a function returning them");
      this.#inner = call(
        () => new w.Client(region, endpoint, !!useFipsEndpoint, maxAttempts, fixed.accessKeyId, fixed.secretAccessKey, fixed.sessionToken ?? undefined, provider, requestHandler && handlerFor(requestHandler)),
      );
    }

    /** The endpoint requests go to. */
    get endpoint() {
      return this.#inner.endpoint;
    }

    async send(operation, input, options = {}) {
      const name = operationName(operation);
      const body = json(input);
      const [cancel, detach] = cancelFor(w, options.signal);
      try {
        return JSON.parse(await this.#inner.send(name, body, cancel));
      } catch (e) {
        throw withReason(toError(e), options.signal);
      } finally {
        detach();
      }
    }

    async waitUntilImageAvailable(input, options = {}) {
      const arn = input?.imageBuildVersionArn;
      if (typeof arn !== "string") throw new TypeError("waitUntilImageAvailable takes { imageBuildVersionArn }");
      const { signal, minDelay, maxDelay, maxAttempts, onStatus } = options;
      if (onStatus !== undefined && typeof onStatus !== "function") throw new TypeError("onStatus must be a function");
      const [cancel, detach] = cancelFor(w, signal);
      try {
        const report = onStatus ? (text) => onStatus(JSON.parse(text)) : undefined;
        return JSON.parse(await this.#inner.waitUntilImageAvailable(arn, minDelay, maxDelay, maxAttempts, cancel, report));
      } catch (e) {
        throw withReason(toError(e), signal);
      } finally {
        detach();
      }
    }

    async *paginate(operation, input, options = {}) {
      const [cancel, detach] = cancelFor(w, options.signal);
      try {
        const pages = call(() => this.#inner.paginate(operationName(operation), json(input), cancel));
        for (;;) {
          let text;
          try {
            text = await pages.next();
          } catch (e) {
            throw withReason(toError(e), options.signal);
          }
          if (text === undefined) return;
          yield JSON.parse(text);
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

  return { validateInput, ImageBuilderClient, operationNames: () => w.operationNames() };
}
