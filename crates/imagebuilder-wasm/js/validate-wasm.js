// The validate wasm's glue as the validate entry uses it: named imports only, so that bundlers
// drop the glue's per-function wrappers (the entry calls the wasm's exports directly, through
// wasm-abi.js). `glue` is the one object the entry's boundary is keyed by.

import { __ib_exports, __ib_reinstantiate } from "./wasm/imagebuilder_wasm_validate.js";

export { default as init, initSync } from "./wasm/imagebuilder_wasm_validate.js";
export const glue = { __ib_exports, __ib_reinstantiate };
