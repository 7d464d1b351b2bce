//! `cargo xtask test`: every check and test, in the order that fails fastest.
//!
//! One native workspace build is shared by clippy, docs and tests; the core's tests are built
//! once more for wasm32 and run under `wasm-bindgen-test-runner` in Node.

use crate::bootstrap::{self, Scope};
use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use std::process::Command;
use std::time::Instant;

/// Crates that must never appear in the core's normal dependency tree.
const FORBIDDEN_IN_CORE: &[&str] = &[
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "gloo",
    "tokio",
    "reqwest",
    "hyper",
];

/// Runs every step; `--no-bootstrap` skips the tool installation step.
pub fn run(args: &[String]) -> Result<()> {
    let started = Instant::now();
    if !args.iter().any(|a| a == "--no-bootstrap") {
        bootstrap::run(Scope::Test)?;
    }
    timed("cargo fmt --check", || {
        util::cargo(&["fmt", "--all", "--check"]).context("run `cargo fmt --all` to fix")
    })?;
    timed("core dependency purity", core_purity)?;
    timed("clippy -D warnings", || {
        util::cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ])
    })?;
    timed("docs -D warnings", || {
        util::run(
            Command::new(util::cargo_bin())
                .args(["doc", "--workspace", "--no-deps", "--locked"])
                .env("RUSTDOCFLAGS", "-D warnings"),
        )
    })?;
    timed("native tests", || {
        util::cargo(&["test", "--workspace", "--locked"])
    })?;
    timed("core tests on wasm32 (Node)", || {
        util::run(
            Command::new(util::cargo_bin())
                .args([
                    "test",
                    "-p",
                    "imagebuilder-core",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--locked",
                ])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                ),
        )
    })?;
    println!(
        "xtask test: all steps passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn timed(name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    step(name);
    let started = Instant::now();
    f().with_context(|| format!("step `{name}` failed"))?;
    println!("    {name}: ok ({:.1} s)", started.elapsed().as_secs_f64());
    Ok(())
}

/// `cargo tree -p imagebuilder-core -e normal` for every target must hold none of
/// [`FORBIDDEN_IN_CORE`].
fn core_purity() -> Result<()> {
    let tree = util::output(
        Command::new(util::cargo_bin())
            .current_dir(util::root())
            .args([
                "tree",
                "-p",
                "imagebuilder-core",
                "-e",
                "normal",
                "--target",
                "all",
                "--prefix",
                "none",
                "--locked",
            ]),
    )
    .context("cargo tree failed")?;
    let offenders: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| {
            FORBIDDEN_IN_CORE
                .iter()
                .any(|bad| *name == *bad || (*bad == "gloo" && name.starts_with("gloo")))
        })
        .collect();
    if !offenders.is_empty() {
        bail!(
            "imagebuilder-core must stay free of I/O and JS; its dependency tree has: {}",
            offenders.join(", ")
        );
    }
    println!(
        "    imagebuilder-core: {} crates in its normal tree, none of {}",
        tree.lines().count(),
        FORBIDDEN_IN_CORE.join(", ")
    );
    Ok(())
}
