// A module worker that imports the package's browser entry directly (no bundler).
import * as lite from "/pkg/lite.js";
import { checks } from "/checks.mjs";

checks(lite).then(
  (r) => postMessage({ ok: true, r }),
  (e) => postMessage({ ok: false, error: String(e && e.stack || e) }),
);
