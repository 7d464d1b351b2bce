// A client config with every default filled: `region` and `credentials` from the default source
// (config-defaults.js) when left out; `region` and `endpoint` given as a function (sync or async)
// or a `URL` made plain strings. The result is the config itself, or a promise of it when a
// function returned a promise.

import { ConfigError } from "./errors.js";
import { defaultCredentials, defaultRegion } from "./config-defaults.js";
import { object, typeName } from "./check.js";

/** A `URL`, an SDK-style `{ url }` endpoint, or anything else unchanged (checked later). */
function plainEndpoint(v) {
  if (typeof URL !== "undefined" && v instanceof URL) return v.href;
  if (v !== null && typeof v === "object" && v.url !== undefined) return plainEndpoint(v.url);
  return v;
}

/** Calls a function-valued member; a thrown error or a rejected promise names the member. */
function called(f, what) {
  const fail = (e) => {
    throw new ConfigError(`${what}: the function failed: ${e instanceof Error ? e.message : typeName(e)}`, { cause: e });
  };
  try {
    const v = f();
    return v !== null && typeof v === "object" && typeof v.then === "function" ? Promise.resolve(v).catch(fail) : v;
  } catch (e) {
    return fail(e);
  }
}

/** `config` (an object or undefined) with region, credentials and endpoint resolved. */
export function resolveConfig(config) {
  const c = { ...(config === undefined ? {} : object(config, "ImageBuilderClient's config", "{ region, credentials, endpoint? }")) };
  if (c.region === undefined) c.region = defaultRegion();
  if (c.credentials === undefined || c.credentials === null) c.credentials = defaultCredentials();
  const region = typeof c.region === "function" ? called(c.region, "config.region") : c.region;
  const endpoint = typeof c.endpoint === "function" ? called(c.endpoint, "config.endpoint") : c.endpoint;
  if (region instanceof Promise || endpoint instanceof Promise) {
    return Promise.all([region, endpoint]).then(([r, e]) => ({ ...c, region: r, endpoint: plainEndpoint(e) }));
  }
  return { ...c, region, endpoint: plainEndpoint(endpoint) };
}
