//! `cargo xtask loadtest`: the emulator under load, loopback only and bounded: 10,000 synthetic
//! own images, 200 concurrent workers sending signed ListImages for 30 s (override with
//! `--concurrency N --seconds S`; `--scan-every N` makes every Nth request a platform filter that
//! scans all 10,000), p50/p99/max latency, errors and the server's memory.

use crate::util::{self, step};
use anyhow::{Context, Result};
use std::process::Command;

/// Builds the server and the load generator with the `bench` profile, runs them, prints figures.
pub fn run(concurrency: u32, seconds: u32, scan_every: u32) -> Result<()> {
    util::cargo(&[
        "build",
        "-p",
        "imagebuilder-server",
        "--profile",
        "bench",
        "--bins",
        "--example",
        "loadgen",
    ])?;
    // The `bench` profile inherits from `release` and writes there.
    let bench = util::target_dir().join("release");
    let (server, endpoint) = crate::interop::start_server_at(
        &bench.join("imagebuilder-server"),
        &["--bench-images", "10000"],
    )?;
    step(&format!(
        "loadtest: {concurrency} workers x {seconds} s of signed ListImages over 10,000 images"
    ));
    let result = util::run(
        Command::new(bench.join("examples").join("loadgen"))
            .args([
                "--endpoint",
                &endpoint,
                "--concurrency",
                &concurrency.to_string(),
                "--seconds",
                &seconds.to_string(),
                "--scan-every",
                &scan_every.to_string(),
            ])
            .args(["--server-pid", &server.pid().to_string()]),
    )
    .context("the load generator saw errors");
    drop(server);
    result
}
