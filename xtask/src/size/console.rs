//! `cargo xtask size --console`: where the console's wasm bytes go.
//!
//! Builds the console the way `cargo xtask console-wasm` does before it splits the module at
//! its pages (the same cargo profile, target and cfg flags from `.cargo/config.toml`), except
//! that the name section is kept (`strip = "debuginfo"`) in a target directory of its own
//! (`<target>/console-names`, so the test run's and Trunk's artefacts stay as they are), binds
//! it with wasm-bindgen keeping the names, and prints the top crates and functions
//! ([`super::breakdown`]) and what the data section holds ([`super::data`]). The gzip figure is
//! of the same module bound without names and unsplit: every page's code in one module (what
//! a first visit transfers, after the split, is `cargo xtask bench-console`'s figure).

use super::{breakdown, by_module, data};
use crate::util::{self, step};
use crate::wasm;
use anyhow::{Context, Result};
use std::process::Command;

/// The cargo profile the console ships in (`cargo xtask console-wasm` under `trunk build --release`).
pub const CONSOLE_PROFILE: &str = "release";

/// v0 symbol mangling, after `.cargo/config.toml`'s wasm32 rustflags (cargo appends a
/// `--config` array to the file's).
const RUSTFLAGS: &str = r#"["-Csymbol-mangling-version=v0"]"#;

/// `cargo xtask size --console`.
pub fn run() -> Result<()> {
    let target_dir = util::target_dir().join("console-names");
    step(&format!(
        "console: cargo build --profile {CONSOLE_PROFILE} (names kept) into {}",
        target_dir.display()
    ));
    util::run(
        Command::new(util::cargo_bin())
            .args([
                "build",
                "-p",
                "imagebuilder-console",
                "--bin",
                "imagebuilder-console",
                "--profile",
                CONSOLE_PROFILE,
                "--target",
                wasm::TARGET,
                "--locked",
                "--config",
            ])
            .arg(format!("profile.{CONSOLE_PROFILE}.strip=\"debuginfo\""))
            // v0 mangling names generic arguments, so that an instance of the framework can be
            // attributed to the page it was made for (`by_module`). Only the symbol names change.
            .arg("--config")
            .arg(format!("target.{}.rustflags={RUSTFLAGS}", wasm::TARGET))
            .env("CARGO_TARGET_DIR", &target_dir),
    )
    .context("building the console with its names")?;
    let built = target_dir
        .join(wasm::TARGET)
        .join(CONSOLE_PROFILE)
        .join("imagebuilder-console.wasm");
    let named = wasm::bind_keeping_names(&built, &target_dir.join("named"), "console")?;
    let shipped_dir = target_dir.join("shipped");
    if shipped_dir.exists() {
        std::fs::remove_dir_all(&shipped_dir)?;
    }
    let shipped = std::fs::read(wasm::bind_shipped(&built, &shipped_dir, "console")?)?;
    let gz = crate::precompress::gzip(&shipped)?;
    step("where the console's bytes go (the module before the split, bound again with names)");
    println!(
        "  unsplit wasm (every page): {} B, {} B gzipped ({})",
        shipped.len(),
        gz.len(),
        crate::precompress::METHOD
    );
    let breakdown = breakdown::read(&named)?;
    breakdown.print("console", 45, 40);
    step("the console's functions by the module they were made for (instances included)");
    for (module, bytes, count) in by_module::tally(&breakdown.functions) {
        println!("  {bytes:>8} B {count:>5} functions  {module}");
    }
    data::read(&named)?.print(20);
    Ok(())
}
