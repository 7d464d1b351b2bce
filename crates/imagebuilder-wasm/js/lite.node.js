// Node entry: compiles the wasm synchronously from the package's own file, so that the exports
// are ready as soon as the import resolves (no init call, no top-level await).
import { readFileSync } from "node:fs";
import { initSync } from "./wasm/imagebuilder_wasm_lite.js";

initSync({ module: readFileSync(new URL("./wasm/imagebuilder_wasm_lite_bg.wasm", import.meta.url)) });

export * from "./lite-api.js";
