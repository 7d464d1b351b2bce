//! # imagebuilder-wasm
//!
//! wasm-bindgen bindings of the core and the client: the npm package `imagebuilder-wasm`.
//!
//! Bindings only: every function converts JavaScript values to the core's types, calls the core
//! (or the client) and converts the result back. The JavaScript glue in `js/` gives the package
//! its public names, its `Error` subclasses and its TypeScript types; `cargo xtask npm` builds it.
//!
//! Conventions at the boundary (kept simple so the glue stays small and fast):
//! - structured results of ARNs and versions travel as plain objects made by the JS engine (no
//!   JSON serializer in the validate and lite wasm); the client's as JSON text, parsed by the glue;
//! - errors are thrown as JSON text `{"kind": ..., "message": ..., ...}` (see [`errors`]), which
//!   the glue turns into instances of its `Error` subclasses.
//!
//! Three builds come from this crate, one per entry of the package: the full package (default
//! feature `client`), the lite entry (`--no-default-features --features signing`: ARNs, versions
//! and signing) and the validate entry (`--no-default-features`: ARNs and versions only).
#![warn(missing_docs)]

pub mod arn;
#[cfg(feature = "client")]
pub mod client;
pub mod errors;
mod objects;
#[cfg(feature = "signing")]
pub mod signing;
pub mod verdict;
pub mod version;

use wasm_bindgen::prelude::*;

/// The crate's version, which the npm package's version follows.
#[wasm_bindgen(js_name = "packageVersion")]
pub fn package_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Whether this build has the client (`false` in the lite and validate entries).
#[wasm_bindgen(js_name = "hasClient")]
pub fn has_client() -> bool {
    cfg!(feature = "client")
}

/// Whether this build can sign requests (`false` in the validate entry).
#[wasm_bindgen(js_name = "hasSigning")]
pub fn has_signing() -> bool {
    cfg!(feature = "signing")
}
