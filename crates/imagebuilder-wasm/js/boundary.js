// The boundary with the wasm: what the wasm throws (JSON text with a `kind`, the class name: see
// crates/imagebuilder-wasm/src/errors.rs) becomes an instance of the package's Error classes.

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

const BOUNDARIES = new WeakMap();

/**
 * The boundary with one initialized wasm glue module (`w`): `call(f)` runs `f` (a call into the
 * wasm) and rethrows what it throws as the package's errors. A trap (`WebAssembly.RuntimeError`:
 * a panic or an out-of-bounds access inside the wasm) costs that one call an `ImageBuilderError`
 * (`cause`: the trap), and the glue gets a fresh instance of the same module before the next
 * call: the trapped instance's stack and locks are never reused. Objects the wasm made
 * (`track`ed) belong to the old instance: `reset` detaches them (so their finalizers cannot free
 * memory of the new one), and their owners rebuild them when `epoch` has changed.
 * @typedef {{ w: any, epoch: number, traps: number, call: <T>(f: () => T) => T, fail: (e: unknown) => unknown, track: <T>(o: T) => T, guard: <T>(p: Promise<T>) => Promise<T>, reset: () => void }} Boundary
 * @returns {Boundary}
 */
export function boundary(w) {
  // One boundary per glue module, whoever asks (both entries' files, a test).
  const known = BOUNDARIES.get(w);
  if (known !== undefined) return known;
  let live = [];
  // Rejects the calls in flight when the instance is replaced: their futures died with it.
  const pending = new Set();
  const b = {
    w,
    /** How many instances were replaced after a trap. */
    epoch: 0,
    traps: 0,
    call(f) {
      try {
        return f();
      } catch (e) {
        throw b.fail(e);
      }
    },
    /** What to throw for `e`, thrown by a call into the wasm (replacing the instance on a trap). */
    fail(e) {
      if (e instanceof WebAssembly.RuntimeError) {
        b.reset();
        return new ImageBuilderError(`internal error: the WebAssembly module trapped (${e.message}); the call failed and the module was replaced by a fresh instance`, { cause: e });
      }
      return toError(e);
    },
    /** Registers an object the wasm made, so that `reset` can detach it. */
    track(o) {
      if (live.length >= 256) live = live.filter((r) => r.deref() !== undefined);
      live.push(new WeakRef(o));
      return o;
    },
    /** `promise` (a call in flight in the wasm), rejected if the instance is replaced first. */
    guard(promise) {
      return new Promise((resolve, reject) => {
        const replaced = () => reject(new ImageBuilderError("internal error: the WebAssembly module trapped during this call and was replaced by a fresh instance"));
        pending.add(replaced);
        promise.then(
          (v) => (pending.delete(replaced), resolve(v)),
          (e) => (pending.delete(replaced), reject(e)),
        );
      });
    },
    reset() {
      for (const replaced of pending) replaced();
      pending.clear();
      for (const r of live) {
        const o = r.deref();
        if (o !== undefined && o.__wbg_ptr) o.__destroy_into_raw();
      }
      live = [];
      w.__ib_reinstantiate();
      b.epoch++;
      b.traps++;
    },
  };
  BOUNDARIES.set(w, b);
  return b;
}
