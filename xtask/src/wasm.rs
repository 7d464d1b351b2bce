//! The one wasm pipeline: `wasm-opt -Oz`, then `wasm-bindgen --target web`, used by the npm
//! package (`cargo xtask npm`) and by the size measurement (`cargo xtask size`), so that what is
//! measured is what ships.
//!
//! wasm-opt runs before wasm-bindgen: binaryen 108 (Debian's) re-points the
//! `__wbindgen_externrefs` export at the funcref table when it optimizes wasm-bindgen's output
//! (the module then fails at init with "function-typed object must be null"). Optimizing the raw
//! module is safe: wasm-bindgen's describe exports and custom section survive it.

use crate::util;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The target every wasm of the project is built for.
pub const TARGET: &str = "wasm32-unknown-unknown";

/// wasm-opt 108 validates against the MVP unless told otherwise; these are the features Rust
/// 1.95's wasm32 target enables by default (the `target_features` section that would let the
/// tools detect them is removed by the workspace's `strip = true`; the npm build keeps it).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `wasm-opt -Oz` on `module` in place, with the default features and `extra` ones (the
/// console's `--enable-simd`). Only for modules wasm-bindgen has not processed yet, or never will
/// (see the module docs).
pub fn optimize_in_place(module: &Path, extra: &[&str]) -> Result<()> {
    util::run(
        Command::new("wasm-opt")
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .args(extra)
            .arg(module)
            .arg("-o")
            .arg(module),
    )
    .with_context(|| format!("wasm-opt -Oz on {}", module.display()))
}

/// Fails with the install hint when wasm-bindgen or wasm-opt is missing.
pub fn require_tools() -> Result<()> {
    for tool in ["wasm-bindgen", "wasm-opt"] {
        require(tool)?;
    }
    Ok(())
}

/// Fails with the install hint when `tool` is missing.
pub fn require(tool: &str) -> Result<()> {
    if util::find_on_path(tool).is_none() {
        bail!(
            "`{tool}` is not installed; run `cargo xtask bootstrap` (wasm-opt is Debian's \
             `binaryen`: `apt-get install binaryen`)"
        );
    }
    Ok(())
}

/// What [`optimize_and_bind`] wrote.
#[derive(Debug)]
pub struct Bound {
    /// The module after `wasm-opt -Oz`, before wasm-bindgen.
    pub optimized: PathBuf,
    /// wasm-bindgen's JavaScript glue (`<out_name>.js`).
    pub js: PathBuf,
    /// The final module (`<out_name>_bg.wasm`): what ships.
    pub wasm: PathBuf,
}

/// Runs `wasm-opt -Oz` on `built` (cargo's output), then `wasm-bindgen --target web
/// --no-typescript` on the result, into a fresh `out_dir` with base name `out_name`.
///
/// wasm-opt keeps the name section (`-g`; it only changes what is written, not how it
/// optimizes), so [`Bound::optimized`] says which function is which (`cargo xtask size`);
/// wasm-bindgen then removes it and the producers section from what ships.
pub fn optimize_and_bind(built: &Path, out_dir: &Path, out_name: &str) -> Result<Bound> {
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir)
            .with_context(|| format!("removing {}", out_dir.display()))?;
    }
    std::fs::create_dir_all(out_dir)?;
    let optimized = out_dir.join(format!("{out_name}.opt.wasm"));
    util::run(
        Command::new("wasm-opt")
            // `--converge` repeats -Oz while it still shrinks the module (about 0.4% smaller).
            .args(["-Oz", "--converge", "-g"])
            .args(WASM_OPT_FEATURES)
            .arg(built)
            .arg("-o")
            .arg(&optimized),
    )
    .context("wasm-opt -Oz failed")?;
    let wasm = bind_shipped(&optimized, out_dir, out_name)?;
    Ok(Bound {
        optimized,
        js: out_dir.join(format!("{out_name}.js")),
        wasm,
    })
}

/// `wasm-bindgen --target web --no-typescript` on `module` into `out_dir` (created when missing;
/// earlier files of the same names are overwritten), without the name and producers sections, as
/// the module ships. Returns the `_bg.wasm`.
pub fn bind_shipped(module: &Path, out_dir: &Path, out_name: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(out_dir)?;
    util::run(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--remove-name-section",
                "--remove-producers-section",
                "--out-name",
            ])
            .arg(out_name)
            .arg("--out-dir")
            .arg(out_dir)
            .arg(module),
    )?;
    Ok(out_dir.join(format!("{out_name}_bg.wasm")))
}

/// wasm-bindgen on `optimized` (a [`Bound::optimized`]) again, keeping the name section: the
/// module that ships, with names, for `cargo xtask size`'s breakdown. Returns the `_bg.wasm`.
pub fn bind_keeping_names(optimized: &Path, out_dir: &Path, out_name: &str) -> Result<PathBuf> {
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir)
            .with_context(|| format!("removing {}", out_dir.display()))?;
    }
    std::fs::create_dir_all(out_dir)?;
    util::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name"])
            .arg(out_name)
            .arg("--out-dir")
            .arg(out_dir)
            .arg(optimized),
    )?;
    Ok(out_dir.join(format!("{out_name}_bg.wasm")))
}
