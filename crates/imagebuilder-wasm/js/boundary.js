// The boundary with the wasm: a call that traps costs that call an ImageBuilderError and the
// glue a fresh instance; what the wasm throws otherwise goes through the entry's `translate`
// (wasm-errors.js's `toError` in the lite and full entries, whose wasm throws JSON error text;
// the validate wasm throws nothing but traps).

import { ImageBuilderError } from "./errors.js";

const BOUNDARIES = new WeakMap();

/**
 * The boundary with one initialized wasm glue module (`w`; `translate`: see the file's head):
 * `call(f)` runs `f` (a call into the wasm) and rethrows what it throws as the package's errors.
 * A trap (`WebAssembly.RuntimeError`: a panic or an out-of-bounds access inside the wasm) costs
 * that one call an `ImageBuilderError` (`cause`: the trap), and the glue gets a fresh instance of
 * the same module before the next call: the trapped instance's stack and locks are never reused.
 * What belongs to the old instance is let go by the `onReset` hooks (tracking.js: the client's
 * objects and calls in flight), and its owners rebuild it when `epoch` has changed.
 * @typedef {{ w: any, translate: (e: unknown) => unknown, epoch: number, traps: number, call: <T>(f: () => T) => T, fail: (e: unknown) => unknown, onReset: (f: () => void) => void, reset: () => void }} Boundary
 * @returns {Boundary}
 */
export function boundary(w, translate) {
  // One boundary per glue module, whoever asks (both entries' files, a test).
  const known = BOUNDARIES.get(w);
  if (known !== undefined) {
    if (translate !== undefined) known.translate = translate;
    return known;
  }
  const hooks = [];
  const b = {
    w,
    /** What a non-trap failure of a call becomes (as is by default). */
    translate: translate ?? ((e) => e),
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
      return b.translate(e);
    },
    /** Runs `f` when the instance is replaced, before the new one is made. */
    onReset(f) {
      hooks.push(f);
    },
    reset() {
      for (const f of hooks) f();
      w.__ib_reinstantiate();
      b.epoch++;
      b.traps++;
    },
  };
  BOUNDARIES.set(w, b);
  return b;
}
