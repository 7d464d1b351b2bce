// Entry without top-level await (`imagebuilder-wasm/init`), for es2020 targets, IIFE bundles and
// bundlers that cannot wait on a module: nothing runs until `await init()`, which fetches the
// wasm next to this module, or takes what wasm-bindgen's init takes (a URL, a Response, bytes or
// a WebAssembly.Module) when the wasm is served elsewhere (an IIFE bundle has no
// `import.meta.url`). A call before `init()` resolved throws an ImageBuilderError that says so.

import initWasm, * as glue from "./wasm/imagebuilder_wasm.js";
import { arnShapes } from "./wasm-abi.js";
import * as api from "./full-api.js";
import { ImageBuilderError } from "./errors.js";

export { ImageBuilderError, ArnError, VersionError, SigningError, ValidationError, ServiceError, NetworkError, TimeoutError, CredentialsError, ConfigError, ResponseError, WaiterError, AbortError } from "./full-api.js";
export * from "./exceptions.js";
export { OPERATIONS, ArnBatchResult } from "./full-api.js";

let started;
let ready = false;

/** Every ARN shape `validateArn` knows (`undefined` until `init()` resolved). */
export let ARN_SHAPES;

/** Loads the wasm (once; later calls return the same promise). */
export function init(wasm) {
  started ??= initWasm({ module_or_path: wasm ?? new URL("./wasm/imagebuilder_wasm_bg.wasm", import.meta.url) }).then(() => {
    ARN_SHAPES = Object.freeze([...arnShapes(glue)]);
    ready = true;
  });
  return started;
}

function notReady(what) {
  if (!ready) throw new ImageBuilderError(`imagebuilder-wasm/init: ${what} was called before the WebAssembly module was loaded; call \`await init()\` first`);
}

/** `f` refusing to run before `init()` resolved. */
function gated(name) {
  const f = api[name];
  return {
    [name](...args) {
      notReady(name);
      return f(...args);
    },
  }[name];
}

export const parseArn = gated("parseArn");
export const validateArn = gated("validateArn");
export const validateArns = gated("validateArns");
export const validateArnsText = gated("validateArnsText");
export const parseVersion = gated("parseVersion");
export const compareVersions = gated("compareVersions");
export const matchesFilter = gated("matchesFilter");
export const latestMatching = gated("latestMatching");
export const latestVersionReferences = gated("latestVersionReferences");
export const signRequest = gated("signRequest");
export const presignUrl = gated("presignUrl");
export const validateInput = gated("validateInput");

/** The client (see the main entry); constructing one before `init()` resolved throws. */
export class ImageBuilderClient extends api.ImageBuilderClient {
  constructor(config) {
    notReady("new ImageBuilderClient()");
    super(config);
  }
}
