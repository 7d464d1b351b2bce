//! `cargo xtask bench-console`: the console's figures, measured in Debian's Chromium against the
//! release build served by `imagebuilder-server` on loopback (an xtask, not a timed test):
//! transfer size (gzip -9 of what the page loads), time to first render and to interactive,
//! 10,000 rows rendered by the virtualized table (and the DOM rows kept), 100,000 pasted lines
//! validated.

use crate::e2e;
use crate::util::{self, step};
use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::process::Command;

fn gzip9(bytes: &[u8]) -> Result<usize> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?.len())
}

/// Runs the benchmark and prints the figures.
pub fn run() -> Result<()> {
    e2e::npm_ci()?;
    let (server, url) = e2e::serve_console("50")?;
    step("bench-console: transfer size (gzip -9)");
    let dist = util::root().join("dist");
    let (mut raw_total, mut gz_total) = (0usize, 0usize);
    let mut entries: Vec<_> = std::fs::read_dir(&dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let bytes = std::fs::read(entry.path())?;
        let gz = gzip9(&bytes)?;
        println!(
            "    {}: {} B, {} B gzipped",
            entry.file_name().to_string_lossy(),
            bytes.len(),
            gz
        );
        raw_total += bytes.len();
        gz_total += gz;
    }
    println!(
        "    total: {raw_total} B, {gz_total} B gzipped ({:.1} KB; goal <= 350 KB)",
        gz_total as f64 / 1024.0
    );
    step("bench-console: Chromium timings (tests/e2e/bench.mjs)");
    let result = util::run(
        Command::new("node")
            .current_dir(e2e::e2e_dir())
            .arg("bench.mjs")
            .env("IB_CONSOLE_URL", &url),
    )
    .context("tests/e2e/bench.mjs");
    drop(server);
    result
}
