//! `cargo xtask size`: how much wasm the core's protocol costs, for the two entry points.
//!
//! Builds `xtask/size-probe` (a cdylib outside the workspace, exporting `request` and `response`
//! through wasm-bindgen) twice for wasm32 in release: with feature `typed` (every typed shape
//! reachable, through `generated::dispatch`) and with feature `json` (the JSON-in/JSON-out path,
//! `protocol::json`), and once with neither (feature `baseline`: the same exports over
//! serde_json alone, the floor any Rust + wasm-bindgen + serde_json module pays). Each goes
//! through the npm package's own pipeline ([`crate::wasm::optimize_and_bind`]: `wasm-opt -Oz`,
//! then `wasm-bindgen --target web`) and gzip -9; the sizes of the `.wasm` are printed.

use crate::util::{self, step};
use crate::wasm;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

/// Runs the measurement and prints one line per path.
pub fn run() -> Result<()> {
    wasm::require_tools()?;
    let probe = util::root().join("xtask/size-probe");
    let target = util::target_dir().join("size-probe");
    let mut rows = Vec::new();
    for (feature, label) in [
        ("typed", "(a) core, every typed shape reachable"),
        ("json", "(b) core, JSON-in/JSON-out path"),
        (
            "baseline",
            "(c) baseline: wasm-bindgen + serde_json, no core",
        ),
    ] {
        step(&format!("size probe: {feature}"));
        util::run(
            Command::new(util::cargo_bin())
                .current_dir(&probe)
                .args([
                    "build",
                    "--release",
                    "--offline",
                    "--locked",
                    "--target",
                    wasm::TARGET,
                    "--features",
                    feature,
                ])
                .env("CARGO_TARGET_DIR", &target),
        )?;
        let built = target
            .join(wasm::TARGET)
            .join("release/imagebuilder_size_probe.wasm");
        let out = wasm::optimize_and_bind(
            &built,
            &target.join(format!("out-{feature}")),
            "imagebuilder_size_probe",
        )?;
        let raw = file_len(&built)?;
        let optimized = file_len(&out.optimized)?;
        let shipped =
            std::fs::read(&out.wasm).with_context(|| format!("reading {}", out.wasm.display()))?;
        let gz = gzip9(&shipped)?;
        rows.push((label, raw, optimized, shipped.len(), gz));
    }
    println!(
        "wasm of imagebuilder-core's protocol (the npm package's pipeline: wasm-opt -Oz, then \
         wasm-bindgen; gzip -9):"
    );
    for (label, raw, optimized, shipped, gz) in rows {
        println!(
            "    {label}: {raw} B from cargo, {optimized} B after wasm-opt -Oz, {shipped} B after \
             wasm-bindgen, {gz} B gzipped"
        );
    }
    Ok(())
}

fn file_len(path: &Path) -> Result<usize> {
    Ok(std::fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len() as usize)
}

fn gzip9(bytes: &[u8]) -> Result<usize> {
    Ok(crate::precompress::gzip9(bytes)?.len())
}
