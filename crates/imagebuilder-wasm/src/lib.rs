//! # imagebuilder-wasm
//!
//! wasm-bindgen bindings of the core and the client: the npm package `imagebuilder-wasm`.
//!
//! Bindings only: every function converts JavaScript values to the core's types, calls the core
//! (or the client) and converts the result back. The JavaScript glue in `js/` gives the package
//! its public names, its `Error` subclasses and its TypeScript types; `cargo xtask npm` builds it.
//!
//! Conventions at the boundary (kept simple so the glue stays small and fast):
//! - structured results travel as JSON text, parsed by the glue;
//! - errors are thrown as JSON text `{"name": ..., "message": ..., ...}` (see [`errors`]), which
//!   the glue turns into instances of its `Error` subclasses.
//!
//! Two builds come from this crate: the full package (default feature `client`) and the lite
//! entry (`--no-default-features`: ARNs, versions and signing only).
#![warn(missing_docs)]

pub mod arn;
#[cfg(feature = "client")]
pub mod client;
pub mod errors;
pub mod signing;
pub mod verdict;
pub mod version;

use wasm_bindgen::prelude::*;

/// The crate's version, which the npm package's version follows.
#[wasm_bindgen(js_name = "packageVersion")]
pub fn package_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Whether this build has the client (`false` in the lite entry).
#[wasm_bindgen(js_name = "hasClient")]
pub fn has_client() -> bool {
    cfg!(feature = "client")
}
