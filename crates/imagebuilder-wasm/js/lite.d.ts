// `imagebuilder-wasm/lite`: ARNs, versions and signing, with a smaller wasm and no client.
export * from "./common.js";
