//! `cargo xtask test`: every check and test, in the order that fails fastest.
//!
//! One native workspace build is shared by clippy, docs and tests; the core's tests are built
//! once more for wasm32 and run under `wasm-bindgen-test-runner` in Node.

use crate::bootstrap;
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

/// Runs every step; `no_bootstrap` skips the tool installation step.
pub fn run(no_bootstrap: bool) -> Result<()> {
    let started = Instant::now();
    if !no_bootstrap {
        bootstrap::run()?;
    }
    timed("cargo fmt --check", || {
        util::cargo(&["fmt", "--all", "--check"]).context("run `cargo fmt --all` to fix")
    })?;
    timed("generated code is up to date", || crate::codegen::run(true))?;
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
    timed(
        "client fetch tests on wasm32 (Node, then headless Chromium)",
        client_fetch_tests,
    )?;
    timed(
        "interop: boto3 and @aws-sdk/client-imagebuilder against the emulator",
        crate::interop::test,
    )?;
    timed(
        "npm package (cargo xtask npm, then node --test tests/npm/)",
        crate::npm::test,
    )?;
    timed(
        "npm bundle size budgets (cargo xtask size --check, on the package just built)",
        || crate::size::check_built(&crate::npm::pkg_dir()),
    )?;
    timed(
        "console component tests (wasm-bindgen-test, headless Chromium)",
        crate::e2e::component_tests,
    )?;
    timed(
        "console e2e (trunk build, server, Playwright in Chromium)",
        || crate::e2e::test(false),
    )?;
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
/// [`FORBIDDEN_IN_CORE`], with one measured exception: `aws-sigv4` depends (through
/// `aws-credential-types` -> `aws-smithy-async` and `aws-smithy-runtime-api`) on tokio with only its `sync` feature, which is
/// channel and lock data structures: no runtime, no I/O, no timers. The check allows tokio only
/// in exactly that form and fails the moment any other tokio feature (rt, net, time, io, fs...)
/// is switched on.
fn core_purity() -> Result<()> {
    let tree = cargo_tree(&["-e", "normal"])?;
    let offenders: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| {
            FORBIDDEN_IN_CORE
                .iter()
                .any(|bad| *name == *bad || (*bad == "gloo" && name.starts_with("gloo")))
        })
        .filter(|name| *name != "tokio")
        .collect();
    if !offenders.is_empty() {
        bail!(
            "imagebuilder-core must stay free of I/O and JS; its dependency tree has: {}",
            offenders.join(", ")
        );
    }
    if tree.lines().any(|l| l.starts_with("tokio ")) {
        let features = cargo_tree(&["-e", "normal,features", "-i", "tokio"])?;
        let enabled: Vec<&str> = features
            .lines()
            .filter_map(|l| l.strip_prefix("tokio feature \""))
            .map(|f| f.trim_end_matches('"'))
            .collect();
        let beyond_sync: Vec<&&str> = enabled
            .iter()
            .filter(|f| !matches!(**f, "default" | "sync"))
            .collect();
        if !beyond_sync.is_empty() {
            bail!(
                "imagebuilder-core pulls tokio with features beyond `sync`: {beyond_sync:?}; \
                 the core must not get a runtime, timers or I/O"
            );
        }
        let parents = cargo_tree(&["-e", "normal", "-i", "tokio", "--depth", "1"])?;
        if parents.lines().skip(1).any(|l| {
            !(l.starts_with("aws-smithy-async ") || l.starts_with("aws-smithy-runtime-api "))
        }) {
            bail!(
                "tokio reaches imagebuilder-core through something other than aws-sigv4's \
                 aws-smithy-async/aws-smithy-runtime-api:\n{parents}"
            );
        }
        println!(
            "    tokio present only as aws-sigv4's smithy `sync` data structures (features: {enabled:?})"
        );
    }
    println!(
        "    imagebuilder-core: {} crates in its normal tree; none of {} (tokio as above at most)",
        tree.lines().count(),
        FORBIDDEN_IN_CORE.join(", ")
    );
    Ok(())
}

fn cargo_tree(args: &[&str]) -> Result<String> {
    util::output(
        Command::new(util::cargo_bin())
            .current_dir(util::root())
            .args([
                "tree",
                "-p",
                "imagebuilder-core",
                "--target",
                "all",
                "--prefix",
                "none",
            ])
            .args(args),
    )
    .with_context(|| format!("cargo tree -p imagebuilder-core {} failed", args.join(" ")))
}

/// The loopback port of `tests/fetch-server/server.mjs`; `crates/imagebuilder-client/tests/fetch.rs`
/// has the same constant (a fixed port keeps the wasm test build identical between runs).
const FETCH_SERVER_PORT: &str = "18931";

/// Kills the fetch test server when the step ends, however it ends.
struct ServerGuard(std::process::Child);

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the fetch test server, then runs the client's wasm `fetch` tests twice on the same
/// build: in Node (the runner's default), then in headless Chromium through chromedriver.
fn client_fetch_tests() -> Result<()> {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new("node")
        .current_dir(util::root())
        .args(["tests/fetch-server/server.mjs", "--port", FETCH_SERVER_PORT])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("could not start node tests/fetch-server/server.mjs")?;
    let stdout = child
        .stdout
        .take()
        .context("no stdout from the fetch server")?;
    let guard = ServerGuard(child);
    let mut first_line = String::new();
    BufReader::new(stdout)
        .read_line(&mut first_line)
        .context("reading the fetch server's first line")?;
    if !first_line.starts_with("listening on") {
        bail!("the fetch server did not start (port {FETCH_SERVER_PORT} taken?): {first_line}");
    }
    let run = |browser: bool| -> Result<()> {
        let mut cmd = Command::new(util::cargo_bin());
        cmd.args([
            "test",
            "-p",
            "imagebuilder-client",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
            "--test",
            "fetch",
        ])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        );
        if browser {
            cmd.env("WASM_BINDGEN_USE_BROWSER", "1");
            if std::env::var_os("CHROMEDRIVER").is_none() {
                cmd.env("CHROMEDRIVER", "/usr/bin/chromedriver");
            }
        }
        util::run(&mut cmd)
    };
    run(false).context("fetch tests in Node")?;
    run(true).context("fetch tests in headless Chromium")?;
    drop(guard);
    Ok(())
}
