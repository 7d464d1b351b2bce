//! # imagebuilder-wasm
//!
//! wasm-bindgen bindings of the core and the client: the npm package `imagebuilder-wasm`.
//!
//! Bindings only: every function converts JavaScript values to the core's types, calls the core
//! (or the client) and converts the result back. The JavaScript glue in `js/` gives the package
//! its public names, its `Error` subclasses and its TypeScript types; `cargo xtask npm` builds it.
//!
//! Conventions at the boundary (kept simple so the glue stays small and fast):
//! - ARNs and versions cross a numeric boundary ([`abi`]): the input as UTF-8 bytes the glue
//!   writes into the wasm's memory, the answer as numbers (offsets, static texts' addresses) the
//!   glue reads back and builds its objects, errors and messages from: no strings, objects,
//!   exceptions or formatting machinery on that path;
//! - the client's results travel as JSON text, parsed by the glue; its errors and signing's are
//!   thrown as JSON text `{"kind": ..., "message": ..., ...}` (see `errors`), which the glue
//!   turns into instances of its `Error` subclasses.
//!
//! Three builds come from this crate, one per entry of the package: the full package (default
//! feature `client`), the lite entry (`--no-default-features --features signing`: ARNs, versions
//! and signing) and the validate entry (`--no-default-features`: ARNs and versions only).
#![warn(missing_docs)]

pub mod abi;
pub mod arn;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "signing")]
pub mod errors;
#[cfg(feature = "signing")]
pub mod signing;
pub mod version;

use wasm_bindgen::prelude::*;

/// The validate wasm allocates little (list arguments, the batch's verdicts): talc's wasm
/// allocator is a fraction of dlmalloc's code. The lite and full wasm keep dlmalloc.
#[cfg(all(
    target_family = "wasm",
    not(target_feature = "atomics"),
    not(feature = "signing")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
