// Argument checks shared by the entries: every exported function checks the JavaScript types of
// its arguments here before anything crosses into the wasm, and throws a TypeError naming the
// field.

/** How a value is described in a TypeError. */
export function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v;
}

/** `v` if it is a string; otherwise a TypeError naming `what`. */
export function str(v, what) {
  if (typeof v !== "string") throw new TypeError(`${what} must be a string, got ${typeName(v)}`);
  return v;
}

/** `v` if it is undefined or a string. */
export function optionalStr(v, what) {
  return v === undefined ? v : str(v, what);
}

/** `list` if it is an array of strings; otherwise a TypeError naming `what` (or `what[i]`). */
export function strings(list, what) {
  if (!Array.isArray(list)) throw new TypeError(`${what} must be an array of strings, got ${typeName(list)}`);
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== "string") throw new TypeError(`${what}[${i}] must be a string, got ${typeName(list[i])}`);
  return list;
}
