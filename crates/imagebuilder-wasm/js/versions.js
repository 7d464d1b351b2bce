// Versions: thin wrappers over the core (parsing, ordering and selection are all Rust).

import { str, optionalStr, strings } from "./check.js";

/** @param {import("./boundary.js").Boundary} wasm the boundary with the initialized wasm */
export function versionApi(wasm) {
  const { w, call } = wasm;
  function parseVersion(version, shape) {
    return call(() => w.versionParse(str(version, "version"), optionalStr(shape, "shape")));
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
    if (of.startsWith("arn:")) return call(() => w.arnLatestReferences(of, all));
    return call(() => w.versionLatestReferences(of, all));
  }
  return { parseVersion, compareVersions, matchesFilter, latestMatching, latestVersionReferences };
}
