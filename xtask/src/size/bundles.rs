//! The bundle a user ships for each entry: `tests/npm/bench/bundle-sizes.mjs` (esbuild, as the
//! peers' harness bundles; `gzip -9 -n`) on the built package.

use crate::bootstrap;
use crate::util::{self, step};
use anyhow::{Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// One entry's shipped size.
#[derive(Debug)]
pub struct EntrySize {
    /// `validate`, `lite` or `full`.
    pub name: String,
    /// The minified JS bundle, raw and gzipped.
    pub js_raw: u64,
    /// See `js_raw`.
    pub js_gzip: u64,
    /// The entry's `.wasm`, raw and gzipped.
    pub wasm_raw: u64,
    /// See `wasm_raw`.
    pub wasm_gzip: u64,
    /// `js_gzip + wasm_gzip`.
    pub total: u64,
    /// The largest modules of the JS bundle (file name, minified bytes).
    pub modules: Vec<(String, u64)>,
}

/// Bundles the three entries of `pkg` and measures them.
pub fn measure(pkg: &Path) -> Result<Vec<EntrySize>> {
    let tests = util::root().join("tests/npm");
    bootstrap::npm_ci(&tests, "tests/npm")?;
    step("entry bundles (node tests/npm/bench/bundle-sizes.mjs: esbuild, gzip -9)");
    let out_dir = util::target_dir().join("bundle-sizes");
    let text = util::output(
        Command::new("node")
            .current_dir(&tests)
            .arg("bench/bundle-sizes.mjs")
            .arg(pkg)
            .arg(&out_dir),
    )
    .context("node tests/npm/bench/bundle-sizes.mjs failed")?;
    let json: Value = serde_json::from_str(text.trim()).context("bundle-sizes.mjs output")?;
    let n = |v: &Value| v.as_u64().unwrap_or(0);
    json["entries"]
        .as_array()
        .context("bundle-sizes.mjs: no entries")?
        .iter()
        .map(|e| {
            Ok(EntrySize {
                name: e["name"]
                    .as_str()
                    .context("entry without a name")?
                    .to_string(),
                js_raw: n(&e["js"]["raw"]),
                js_gzip: n(&e["js"]["gzip9"]),
                wasm_raw: n(&e["wasm"]["raw"]),
                wasm_gzip: n(&e["wasm"]["gzip9"]),
                total: n(&e["total"]),
                modules: e["modules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|m| Some((m["file"].as_str()?.to_string(), m["bytes"].as_u64()?)))
                    .collect(),
            })
        })
        .collect()
}

/// One line per entry, plus the JS bundle's largest modules.
pub fn print(sizes: &[EntrySize]) {
    println!(
        "what a user ships per entry (esbuild bundle of tests/npm/bench/<entry>-entry.mjs + the .wasm; gzip -9):"
    );
    for s in sizes {
        println!(
            "    {:<9} {:>7} B gzip  (JS {:>6} B raw / {:>6} B gz, wasm {:>7} B raw / {:>7} B gz)",
            s.name, s.total, s.js_raw, s.js_gzip, s.wasm_raw, s.wasm_gzip
        );
        let top: Vec<String> = s
            .modules
            .iter()
            .take(6)
            .map(|(f, b)| format!("{f} {b}"))
            .collect();
        println!(
            "              largest JS modules (minified B): {}",
            top.join(", ")
        );
    }
}
