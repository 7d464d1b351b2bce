//! `cargo xtask npm --test` (and the last step of `cargo xtask test`).

use crate::bootstrap;
use crate::util::{self, step};
use anyhow::{Result, bail};
use std::path::PathBuf;
use std::process::Command;

/// Builds the package, then runs the Node tests of `tests/npm/` (which pack it and install the
/// tarball like a user).
pub fn test() -> Result<()> {
    let pkg = super::build()?;
    let tests = util::root().join("tests/npm");
    bootstrap::npm_ci(&tests, "tests/npm")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&tests)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.test.mjs files in tests/npm");
    }
    step("npm package tests (node --test tests/npm/)");
    let mut node = Command::new("node");
    node.arg("--test")
        .args(&files)
        .current_dir(&tests)
        .env("IMAGEBUILDER_WASM_PKG", &pkg)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    // The peers' labelled ARN list (`arns.test.mjs`): from the harness beside the clone, or from
    // the copy `cargo xtask bench-npm` keeps in the build cache (a clone elsewhere sharing it);
    // the test says it is skipped when neither is there.
    let peers = [
        crate::bench::peers::source_dir(),
        crate::bench::peers::copy_dir(),
    ];
    if let Some(dir) = peers.iter().find(|p| p.join("arn-gen.mjs").exists()) {
        node.env("IMAGEBUILDER_PEERS", dir);
    }
    util::run(&mut node)
}
