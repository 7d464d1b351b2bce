// What the lite and full wasm throw (JSON text with a `kind`, the class name: see
// crates/imagebuilder-wasm/src/errors.rs) becomes an instance of the package's Error classes
// (boundary.js's `translate` for those entries).

import * as errors from "./errors.js";
import { ERROR_NAMES } from "./enums.js";
import { SERVICE_EXCEPTIONS } from "./exceptions.js";

const { ImageBuilderError } = errors;

// The class of every name in ERROR_NAMES (generated from the wasm's ErrorKind): a kind without a
// class stops the package from loading rather than degrading to a plain ImageBuilderError.
const { serviceErrorClass: _, ...ERROR_CLASSES } = errors;
const CLASSES = { ...ERROR_CLASSES, TypeError };
/** The class of each modelled exception, by AWS error code. */
const EXCEPTIONS = new Map(SERVICE_EXCEPTIONS.map(([code, Class]) => [code, Class]));
for (const name of ERROR_NAMES) {
  if (!Object.hasOwn(CLASSES, name)) throw new Error(`imagebuilder-wasm: no error class for the wasm's error kind ${name}`);
}

/** An Error subclass instance from the fields the wasm reports (`kind`, `message`, ...). */
export function fromFields(f) {
  const modelled = f.kind === "ServiceError" && EXCEPTIONS.get(f.code);
  const Class = modelled || (Object.hasOwn(CLASSES, f.kind) ? CLASSES[f.kind] : ImageBuilderError);
  return Class === TypeError ? new TypeError(f.message) : new Class(f.message, f);
}

/** Turns what the wasm threw into the matching Error subclass (anything else passes through). */
export function toError(raw) {
  if (typeof raw === "string" && raw.charCodeAt(0) === 123 /* { */) {
    let f;
    try {
      f = JSON.parse(raw);
    } catch {
      return new ImageBuilderError(raw);
    }
    return fromFields(f);
  }
  if (typeof raw === "string") return new ImageBuilderError(raw);
  return raw;
}
