// Node entry: compiles the wasm synchronously from the package's own file, so that the exports
// are ready as soon as the import resolves (no init call, no top-level await).
import { readFileSync } from "node:fs";
import * as glue from "./wasm/imagebuilder_wasm.js";
import { arnShapes } from "./wasm-abi.js";

glue.initSync({ module: readFileSync(new URL("./wasm/imagebuilder_wasm_bg.wasm", import.meta.url)) });

import "./node-config.js";

export * from "./full-api.js";
/** Every ARN shape `validateArn` knows (read from the wasm once it is initialized). */
export const ARN_SHAPES = Object.freeze([...arnShapes(glue)]);
