// Browser and worker entry (and bundlers): fetches the wasm next to this module with a top-level
// await, so that the exports are ready as soon as the import resolves. Bundlers that understand
// `new URL(..., import.meta.url)` (webpack 5, Vite, Parcel) emit the .wasm as an asset; with
// esbuild or a plain <script type="module">, serve the package's wasm/ folder next to the module.
import init, * as glue from "./wasm/imagebuilder_wasm.js";
import { arnShapes } from "./wasm-abi.js";

await init({ module_or_path: new URL("./wasm/imagebuilder_wasm_bg.wasm", import.meta.url) });

export * from "./full-api.js";
/** Every ARN shape `validateArn` knows (read from the wasm once it is initialized). */
export const ARN_SHAPES = Object.freeze([...arnShapes(glue)]);
