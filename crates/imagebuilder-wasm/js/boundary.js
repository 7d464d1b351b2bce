// The boundary with the wasm: a call that traps costs that call an ImageBuilderError and the
// glue a fresh instance; what the wasm throws otherwise goes through the entry's `translate`
// (wasm-errors.js's `toError` in the lite and full entries, whose wasm throws JSON error text;
// the validate wasm throws nothing but traps).

import { ImageBuilderError } from "./errors.js";

const BOUNDARIES = new WeakMap();

/**
 * The boundary with one initialized wasm glue module (`w`; `translate`: see the file's head): `call(f)` runs `f` (a call into the
 * wasm) and rethrows what it throws as the package's errors. A trap (`WebAssembly.RuntimeError`:
 * a panic or an out-of-bounds access inside the wasm) costs that one call an `ImageBuilderError`
 * (`cause`: the trap), and the glue gets a fresh instance of the same module before the next
 * call: the trapped instance's stack and locks are never reused. Objects the wasm made
 * (`track`ed) belong to the old instance: `reset` detaches them (so their finalizers cannot free
 * memory of the new one), and their owners rebuild them when `epoch` has changed.
 * @typedef {{ w: any, translate: (e: unknown) => unknown, epoch: number, traps: number, call: <T>(f: () => T) => T, fail: (e: unknown) => unknown, track: <T>(o: T) => T, guard: <T>(p: Promise<T>) => Promise<T>, reset: () => void }} Boundary
 * @returns {Boundary}
 */
export function boundary(w, translate) {
  // One boundary per glue module, whoever asks (both entries' files, a test).
  const known = BOUNDARIES.get(w);
  if (known !== undefined) {
    if (translate !== undefined) known.translate = translate;
    return known;
  }
  let live = [];
  // Rejects the calls in flight when the instance is replaced: their futures died with it.
  const pending = new Set();
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
