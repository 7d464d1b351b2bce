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

/** `v` if it is a non-null, non-array object; otherwise a TypeError naming `what`. */
export function object(v, what, shape = "an object") {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new TypeError(`${what} must be ${shape}, got ${typeName(v)}`);
  return v;
}

/** `v` if it is undefined or a boolean. */
export function optionalBool(v, what) {
  if (v !== undefined && typeof v !== "boolean") throw new TypeError(`${what} must be true or false, got ${typeName(v)}`);
  return v;
}

/** `v` if it is undefined or a function. */
export function optionalFn(v, what) {
  if (v !== undefined && typeof v !== "function") throw new TypeError(`${what} must be a function, got ${typeName(v)}`);
  return v;
}

/** `v` if it is undefined or a safe integer in `min..=max`; otherwise a TypeError naming `what`. */
export function optionalInt(v, what, min, max) {
  if (v === undefined) return v;
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new TypeError(`${what} must be an integer from ${min} to ${max}, got ${typeof v === "number" ? v : typeName(v)}`);
  return v;
}

/** `v` if it is undefined or a finite number >= 0. */
export function optionalSeconds(v, what) {
  if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new TypeError(`${what} must be a number of seconds >= 0, got ${typeof v === "number" ? v : typeName(v)}`);
  return v;
}
