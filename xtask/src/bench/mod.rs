//! `cargo xtask bench`: the project's benchmarks, printed next to the JavaScript peers measured
//! in the same run (`../shared/peers`, copied under `target/peers` because `shared/` is
//! read-only, see [`peers`]); `cargo xtask bench-npm` ([`npm`]): the npm package against the
//! same peers.

mod npm;
pub mod peers;

pub use npm::bench_npm;
use peers::prepare_peers;

use crate::util::{self, step};
use anyhow::{Context, Result};
use std::process::Command;

/// Runs the benchmarks; `quick` shortens the peers' rounds.
pub fn run(quick: bool) -> Result<()> {
    let peers = prepare_peers()?;
    let arns = peers.join("arns-100k.txt");

    step("native core benchmarks (cargo bench)");
    let out = util::output(
        Command::new(util::cargo_bin())
            .current_dir(util::root())
            .args(["bench", "-p", "imagebuilder-core", "--bench", "core", "--"])
            .env("IMAGEBUILDER_ARNS", &arns),
    )
    .context("cargo bench -p imagebuilder-core failed")?;
    print!("{out}");
    let native_arns_per_s = figure(&out, "arns_per_second");

    step("JavaScript peers (bench-arn.mjs, same run)");
    let json = util::target_dir().join("peers-arn.json");
    let mut cmd = Command::new("node");
    cmd.current_dir(&peers)
        .arg("--expose-gc")
        .arg("bench-arn.mjs")
        .arg("--json")
        .arg(&json);
    if quick {
        cmd.arg("--quick");
    }
    util::run(&mut cmd)?;
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json)?)?;
    if let Some(native) = native_arns_per_s {
        println!("\nARN validation, ARNs/s (native Rust vs the peers' medians in Node):");
        for case in report["results"].as_array().into_iter().flatten() {
            let name = case["name"].as_str().unwrap_or("?");
            if let Some(median) = case["median"].as_f64().filter(|m| *m > 0.0) {
                println!("    {:>6.1}x  vs {name} ({median:.0}/s)", native / median);
            }
        }
    }
    Ok(())
}

fn figure(output: &str, key: &str) -> Option<f64> {
    output.lines().find_map(|l| {
        let (k, v) = l.trim().split_once('=')?;
        (k.trim() == key).then(|| v.trim().parse().ok())?
    })
}
