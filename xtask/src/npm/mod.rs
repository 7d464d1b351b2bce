//! `cargo xtask npm [--test]`: builds the npm package `imagebuilder-wasm` into
//! `crates/imagebuilder-wasm/pkg/` ([`build()`]) and, with `--test`, runs `tests/npm/` against it
//! ([`test()`]). `cargo xtask bench-npm` (in [`crate::bench`]) times the package against the
//! JavaScript peers.
//!
//! The package is one ESM package with three entries, each backed by its own wasm:
//!
//! - `imagebuilder-wasm` (the full crate, feature `client`): ARNs, versions, signing, input
//!   validation and the client;
//! - `imagebuilder-wasm/lite` (`--no-default-features --features signing`): ARNs, versions and
//!   signing only;
//! - `imagebuilder-wasm/validate` (`--no-default-features`): ARNs and versions only, for offline
//!   validation.
//!
//! Each entry has a Node file (loads the `.wasm` with `fs`, synchronously) and a browser file
//! (fetches it from `new URL(..., import.meta.url)` with a top-level `await`), picked by the
//! `exports` conditions of `package.json`. wasm-bindgen runs with `--target web` and writes no
//! TypeScript: the `.d.ts` files are written by hand (`crates/imagebuilder-wasm/js/`), except
//! those `cargo xtask codegen` writes into `js/generated/` (the operations from the model, the
//! unions and flags that mirror Rust enums), which the package holds next to the others.

mod build;
mod test;

pub use build::{WASM_NAMES, build, optimized_wasm};
pub use test::test;

use crate::util;
use anyhow::Result;
use std::path::PathBuf;

/// The npm package's name.
pub const PACKAGE: &str = "imagebuilder-wasm";

/// `cargo xtask npm [--test]`.
pub fn run(test: bool) -> Result<()> {
    if test {
        self::test()
    } else {
        let pkg = build()?;
        println!("npm package written to {}", pkg.display());
        Ok(())
    }
}

/// Where `cargo xtask npm` writes the package.
pub fn pkg_dir() -> PathBuf {
    util::root().join("crates/imagebuilder-wasm/pkg")
}

fn crate_dir() -> PathBuf {
    util::root().join("crates/imagebuilder-wasm")
}
