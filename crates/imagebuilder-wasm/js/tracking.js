// What belongs to one wasm instance beyond a call (the client's objects, its calls in flight):
// when a trap replaces the instance (boundary.js), the objects are detached (their finalizers must
// not free memory of the new one) and the calls in flight are rejected (their futures died).

import { ImageBuilderError } from "./errors.js";

const TRACKERS = new WeakMap();

/**
 * `track(o)` registers an object the wasm made; `guard(p)` is `p` (a call in flight in the
 * wasm), rejected if the instance is replaced first. One tracker per boundary.
 * @param {import("./boundary.js").Boundary} b
 * @returns {{ track: <T>(o: T) => T, guard: <T>(p: Promise<T>) => Promise<T> }}
 */
export function tracking(b) {
  const known = TRACKERS.get(b);
  if (known !== undefined) return known;
  let live = [];
  const pending = new Set();
  b.onReset(() => {
    for (const replaced of pending) replaced();
    pending.clear();
    for (const r of live) {
      const o = r.deref();
      if (o !== undefined && o.__wbg_ptr) o.__destroy_into_raw();
    }
    live = [];
  });
  const t = {
    track(o) {
      if (live.length >= 256) live = live.filter((r) => r.deref() !== undefined);
      live.push(new WeakRef(o));
      return o;
    },
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
  };
  TRACKERS.set(b, t);
  return t;
}
