// Starts the console. A file rather than Trunk's inline script, so that the server's CSP
// (script-src 'self' 'wasm-unsafe-eval') holds without 'unsafe-inline'.
import init from "./imagebuilder-console.js";

await init({ module_or_path: new URL("./imagebuilder-console_bg.wasm", import.meta.url) });
// The app is mounted and its event handlers attached: `cargo xtask bench-console` reads this.
performance.mark("console-interactive");
