// Starts the console. A file rather than Trunk's inline script, so that the server's CSP
// (script-src 'self' 'wasm-unsafe-eval') holds without 'unsafe-inline'.
import init from "./imagebuilder-console.js";
import { PAGE_FILES } from "./__wasm_split_pages.js";

// The console is built with WebAssembly SIMD (.cargo/config.toml). Where the browser lacks it,
// say so in words instead of failing to compile. The probe: a module whose one function returns
// a v128 (`i32.const 0; i8x16.splat`).
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11]);
if (typeof WebAssembly !== "object" || !WebAssembly.validate(SIMD_PROBE)) {
  const alert = document.createElement("p");
  alert.setAttribute("role", "alert");
  alert.textContent =
    "This browser cannot run the console: it needs WebAssembly with SIMD (Chrome or Edge 91, Firefox 89, Safari 16.4 or later).";
  document.body.append(alert);
} else {
  // The pages' code is in modules of their own (web/src/lazy_pages.rs), which the router fetches
  // once the main module runs: start fetching the first page's now, alongside the main module.
  for (const file of PAGE_FILES[pageOf(location.pathname)] ?? []) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL(`./${file}`, import.meta.url);
    document.head.append(link);
  }
  await init({ module_or_path: new URL("./imagebuilder-console_bg.wasm", import.meta.url) });
  // The app is mounted and its event handlers attached: `cargo xtask bench-console` reads this.
  performance.mark("console-interactive");
}

// The module of pages a path opens (web/src/lazy_pages.rs: `browse` is Connect, Images and
// Validate, `image` an image and a build version; `/` opens Connect or Images). A wrong answer
// costs only an unused preload.
function pageOf(path) {
  const first = path.split("/").filter(Boolean)[0];
  return first === "image" || first === "launch" ? first : "browse";
}
