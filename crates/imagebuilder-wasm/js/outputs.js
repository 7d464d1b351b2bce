// Operation outputs as the JS SDK shapes them: model timestamps (epoch seconds on the wire) become
// `Date`s, at the paths `cargo xtask codegen` lists per operation (timestamps.js).

import { OUTPUT_TIMESTAMPS } from "./timestamps.js";

/** A wire timestamp as a `Date`: epoch seconds (fractional allowed) or an RFC 3339 string. */
function toDate(v) {
  if (typeof v === "number") return new Date(v * 1000);
  if (typeof v === "string") return new Date(v);
  return v;
}

/** Replaces the timestamps under `node` along `path` (from segment `i`) with `Date`s. */
function convert(node, path, i) {
  if (node === null || typeof node !== "object") return;
  const key = path[i];
  const last = i === path.length - 1;
  if (key === "[]" || key === "{}") {
    const keys = Array.isArray(node) ? node.keys() : Object.keys(node);
    for (const k of keys) {
      if (last) node[k] = toDate(node[k]);
      else convert(node[k], path, i + 1);
    }
  } else if (Object.hasOwn(node, key)) {
    if (last) node[key] = toDate(node[key]);
    else convert(node[key], path, i + 1);
  }
}

/** `output` of `operation` (parsed JSON, changed in place) with its timestamps as `Date`s. */
export function withDates(operation, output) {
  const paths = OUTPUT_TIMESTAMPS[operation];
  if (paths !== undefined) for (const path of paths) convert(output, path, 0);
  return output;
}
