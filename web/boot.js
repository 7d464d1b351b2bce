// Starts the console. A file rather than Trunk's inline script, so that the server's CSP
// (script-src 'self' 'wasm-unsafe-eval') holds without 'unsafe-inline'.
import init from "./imagebuilder-console.js";

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
  await init({ module_or_path: new URL("./imagebuilder-console_bg.wasm", import.meta.url) });
  // The app is mounted and its event handlers attached: `cargo xtask bench-console` reads this.
  performance.mark("console-interactive");
}
