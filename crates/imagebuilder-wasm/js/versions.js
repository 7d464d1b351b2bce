// Versions: thin wrappers over the core (parsing, ordering and selection are all Rust).

import { call } from "./errors.js";

function str(v, what) {
  if (typeof v !== "string") throw new TypeError(`${what} must be a string, got ${v === null ? "null" : typeof v}`);
  return v;
}

function strings(list, what) {
  if (!Array.isArray(list)) throw new TypeError(`${what} must be an array of strings`);
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== "string") throw new TypeError(`${what}[${i}] must be a string`);
  return list;
}

/** @param {typeof import("./wasm/imagebuilder_wasm_lite.js")} w the initialized wasm glue */
export function versionApi(w) {
  function parseVersion(version, shape) {
    str(version, "version");
    if (shape !== undefined) str(shape, "shape");
    return JSON.parse(call(() => w.versionParse(version, shape)));
  }
  function compareVersions(a, b) {
    return call(() => w.versionCompare(str(a, "a"), str(b, "b")));
  }
  function matchesFilter(version, filter) {
    return call(() => w.versionMatches(str(version, "version"), str(filter, "filter")));
  }
  function latestMatching(versions, filter) {
    strings(versions, "versions");
    const i = call(() => w.versionLatestMatching(versions, str(filter, "filter")));
    return i < 0 ? undefined : versions[i];
  }
  function latestVersionReferences(of, all) {
    str(of, "of");
    strings(all, "all");
    if (of.startsWith("arn:")) return JSON.parse(call(() => w.arnLatestReferences(of, all)));
    return JSON.parse(call(() => w.versionLatestReferences(of, all)));
  }
  return { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences };
}
