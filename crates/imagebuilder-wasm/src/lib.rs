//! # imagebuilder-wasm
//!
//! wasm-bindgen bindings of the core and the client: the npm package (in progress).
#![warn(missing_docs)]
