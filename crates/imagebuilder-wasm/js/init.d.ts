// `imagebuilder-wasm/init`: the main entry's API without top-level await. Nothing works until
// `await init()` resolved (calls before throw an `ImageBuilderError` that says so).

export * from "./index.js";

/** Loads the WebAssembly module (once): by default from `wasm/imagebuilder_wasm_bg.wasm` next to
 * this module; or from a URL, a `Response`, bytes or a compiled `WebAssembly.Module` (needed in an
 * IIFE bundle, which has no `import.meta.url`). */
export declare function init(wasm?: string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>): Promise<void>;
