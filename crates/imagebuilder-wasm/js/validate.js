// Browser and worker entry of `imagebuilder-wasm/validate` (ARNs and versions, checked offline:
// the smallest wasm, no signing, no client), and bundlers: fetches the wasm next to this module
// with a top-level await, like lite.js.
import { init, glue } from "./validate-wasm.js";
import { arnShapes } from "./wasm-abi.js";

await init({ module_or_path: new URL("./wasm/imagebuilder_wasm_validate_bg.wasm", import.meta.url) });

export * from "./validate-api.js";
/** Every ARN shape `validateArn` knows (read from the wasm once it is initialized). */
export const ARN_SHAPES = Object.freeze([...arnShapes(glue)]);
