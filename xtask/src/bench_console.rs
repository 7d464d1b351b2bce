//! `cargo xtask bench-console`: the console's figures, measured in Debian's Chromium against the
//! release build served by `imagebuilder-server` on loopback (an xtask, not a timed test):
//! transfer size (gzip, as the server sends it: of every file, and of what a first visit to each
//! page loads before it is on screen), time to first render and to interactive,
//! 10,000 pasted lines and 10,000 images (sorted, searched) through the virtualized table (and the
//! DOM rows kept), 100,000 pasted lines validated and on screen.

use crate::e2e;
use crate::util::{self, step};
use anyhow::{Context, Result};
use std::process::Command;

/// Runs the benchmark and prints the figures.
pub fn run() -> Result<()> {
    e2e::npm_ci()?;
    // 10,000 more own images for the Images table's figure (the demo account's stay as they are).
    let (server, url) = e2e::serve_console("50", &["--bench-images", "10000"])?;
    step(&format!(
        "bench-console: transfer size ({}; {})",
        crate::precompress::METHOD,
        crate::precompress::BROTLI_METHOD
    ));
    let (mut raw_total, mut gz_total, mut br_total) = (0usize, 0usize, 0usize);
    let mut largest: Vec<(usize, String)> = Vec::new();
    // The files as the server sends them (FILE.gz, FILE.br), written by the build just made: every
    // page's chunk, of which a first visit loads the shell's and its page's (tests/e2e/bench.mjs
    // says how much that is per page).
    for file in crate::precompress::sizes(&util::root().join("dist"))? {
        raw_total += file.raw;
        gz_total += file.gzipped;
        br_total += file.brotli;
        largest.push((file.gzipped, file.name));
    }
    let files = largest.len();
    largest.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "    every file of the console (all pages): {raw_total} B; gzip {gz_total} B ({:.1} KB); \
         Brotli {br_total} B ({:.1} KB) in {files} files; the largest: {}",
        gz_total as f64 / 1024.0,
        br_total as f64 / 1024.0,
        largest
            .iter()
            .take(4)
            .map(|(gz, name)| format!("{name} {gz} B gzip"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    step("bench-console: first visits and timings in Chromium (tests/e2e/bench.mjs)");
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
