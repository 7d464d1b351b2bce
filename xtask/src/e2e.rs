//! The console's end-to-end step (`cargo xtask e2e`, and a step of `cargo xtask test`): one
//! release `trunk build`, the server on a free loopback port serving `dist/` with the emulator
//! accelerated, Playwright (`tests/e2e/`, Debian's Chromium) against it, then the server stops.
//! The run takes the README's screenshots of every page, light and dark: into the build cache
//! (`target/e2e-screenshots/`), or with `--screenshots` over the committed `docs/screenshots/`.

use crate::util::{self, step};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// `tests/e2e/`.
pub fn e2e_dir() -> PathBuf {
    util::root().join("tests").join("e2e")
}

/// `trunk build --release --offline`: the console into `dist/` (its wasm through `cargo xtask
/// console-wasm`, Trunk's build hook), then `dist/FILE.gz` and `dist/FILE.br` next to each file
/// for the server to send compressed.
pub fn build_console() -> Result<()> {
    step("console: trunk build --release --offline");
    util::run(Command::new("trunk").current_dir(util::root()).args([
        "build",
        "--release",
        "--offline",
    ]))
    .context("trunk build (is trunk installed? `cargo xtask bootstrap`)")?;
    crate::precompress::write_compressed(&util::root().join("dist"))
        .context("writing the precompressed console files")?;
    Ok(())
}

/// `npm ci` in `tests/e2e` (Playwright without its browser download), when not yet done.
pub fn npm_ci() -> Result<()> {
    crate::bootstrap::npm_ci(&e2e_dir(), "tests/e2e")
}

/// Builds the console and the server, starts the server on `dist/` (honouring the test fault
/// headers, for the retry and clock-correction tests), and returns it with the console's URL
/// (`http://127.0.0.1:PORT`); `extra` are more server flags.
pub fn serve_console(speed: &str, extra: &[&str]) -> Result<(crate::interop::ServerGuard, String)> {
    build_console()?;
    util::cargo(&["build", "-p", "imagebuilder-server", "--locked"])?;
    let dist = util::root().join("dist").display().to_string();
    let mut args = vec!["--speed", speed, "--static", dist.as_str(), "--test-faults"];
    args.extend_from_slice(extra);
    let (server, endpoint) = crate::interop::start_server(&args)?;
    let url = endpoint.trim_end_matches("/emulator").to_string();
    Ok((server, url))
}

/// The console's component tests (`web/tests/components.rs`) in headless Chromium through
/// wasm-bindgen-test-runner and Debian's chromedriver.
pub fn component_tests() -> Result<()> {
    let mut cmd = Command::new(util::cargo_bin());
    cmd.args([
        "test",
        "-p",
        "imagebuilder-console",
        "--target",
        "wasm32-unknown-unknown",
        "--locked",
        "--test",
        "components",
    ])
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        "wasm-bindgen-test-runner",
    )
    .env("WASM_BINDGEN_USE_BROWSER", "1");
    if std::env::var_os("CHROMEDRIVER").is_none() {
        cmd.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    }
    util::run(&mut cmd).context("console component tests in headless Chromium")
}

/// The e2e step; `screenshots`: write the screenshots over `docs/screenshots/` (a test run
/// leaves the committed ones alone).
pub fn test(screenshots: bool) -> Result<()> {
    npm_ci()?;
    let shots = if screenshots {
        util::root().join("docs").join("screenshots")
    } else {
        util::target_dir().join("e2e-screenshots")
    };
    let (server, url) = serve_console("50", &[])?;
    step(&format!(
        "console e2e: playwright test against {url} (screenshots into {})",
        shots.display()
    ));
    let mut cmd = Command::new("npx");
    cmd.current_dir(e2e_dir())
        .args(["playwright", "test"])
        .env("IB_CONSOLE_URL", &url)
        .env("IB_SCREENSHOTS", &shots);
    let result = util::run(&mut cmd).context("Playwright e2e tests (tests/e2e)");
    drop(server);
    result
}
