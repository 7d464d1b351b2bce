//! `cargo xtask size`: how much wasm the core's protocol costs, for the two entry points.
//!
//! Builds `xtask/size-probe` (a cdylib outside the workspace, exporting `request` and `response`
//! through wasm-bindgen) twice for wasm32 in release: with feature `typed` (every typed shape
//! reachable, through `generated::dispatch`) and with feature `json` (the JSON-in/JSON-out path,
//! `protocol::json`), and once with neither (feature `baseline`: the same exports over
//! serde_json alone, the floor any Rust + wasm-bindgen + serde_json module pays). Each is run
//! through `wasm-bindgen --target web`, `wasm-opt -Oz` and gzip -9; the sizes of the `.wasm` are
//! printed.

use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;

/// Features Rust's wasm32 target enables that wasm-opt 108 must be told about (the
/// `target_features` section is stripped by `strip = true`).
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Runs the measurement and prints one line per path.
pub fn run(args: &[String]) -> Result<()> {
    if let Some(other) = args.first() {
        bail!("size: unknown argument `{other}`");
    }
    for tool in ["wasm-bindgen", "wasm-opt"] {
        if util::find_on_path(tool).is_none() {
            bail!("`{tool}` is not installed; run `cargo xtask bootstrap`");
        }
    }
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
                    "wasm32-unknown-unknown",
                    "--features",
                    feature,
                ])
                .env("CARGO_TARGET_DIR", &target),
        )?;
        let built = target.join("wasm32-unknown-unknown/release/imagebuilder_size_probe.wasm");
        let out = target.join(format!("out-{feature}"));
        let _ = std::fs::remove_dir_all(&out);
        util::run(
            Command::new("wasm-bindgen")
                .arg(&built)
                .args(["--target", "web", "--no-typescript", "--out-dir"])
                .arg(&out),
        )?;
        let bg = out.join("imagebuilder_size_probe_bg.wasm");
        let opt = out.join("opt.wasm");
        util::run(
            Command::new("wasm-opt")
                .arg("-Oz")
                .args(WASM_OPT_FEATURES)
                .arg(&bg)
                .arg("-o")
                .arg(&opt),
        )?;
        let raw = file_len(&bg)?;
        let optimized =
            std::fs::read(&opt).with_context(|| format!("reading {}", opt.display()))?;
        let gz = gzip9(&optimized)?;
        rows.push((label, raw, optimized.len(), gz));
    }
    println!("wasm of imagebuilder-core's protocol (wasm-bindgen, then wasm-opt -Oz, gzip -9):");
    for (label, raw, optimized, gz) in rows {
        println!(
            "    {label}: {raw} B after wasm-bindgen, {optimized} B after wasm-opt -Oz, {gz} B gzipped"
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
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}
