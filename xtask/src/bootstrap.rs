//! `cargo xtask bootstrap`: install only what is missing or at the wrong version.
//!
//! One line per step; every step is skipped when its tool is already there, and every failure
//! says what to do. Nothing here downloads a browser or a prebuilt binary: Rust tools come from
//! crates.io (`cargo install`), Chromium and binaryen from Debian (`apt-get`), JavaScript
//! packages from the npm registry.

use crate::util::{self, find_on_path, output, step};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;

/// The trunk release that builds with this machine's rustc (0.22 needs a newer one).
pub const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Runs every bootstrap step. `run` and `test` need the same tools: trunk builds the console
/// that `run` serves and that `test`'s e2e step drives in Chromium.
pub fn run() -> Result<()> {
    step("bootstrap");
    wasm_target()?;
    wasm_bindgen_cli()?;
    trunk()?;
    debian_packages()?;
    npm_dependencies()?;
    Ok(())
}

fn line(name: &str, what: &str) {
    println!("    {name:<18} {what}");
}

fn wasm_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => {
            line(WASM_TARGET, "present");
            Ok(())
        }
        Some(_) => {
            line(WASM_TARGET, "installing (rustup target add)");
            util::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
                .context("rustup could not add the wasm32 target; check that crates/rustup's dist server is reachable")
        }
        None => {
            // No rustup: the toolchain may still have the target's standard library.
            let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))
                .context("neither rustup nor rustc could be run")?;
            let lib = Path::new(sysroot.trim())
                .join("lib/rustlib")
                .join(WASM_TARGET);
            if lib.is_dir() {
                line(WASM_TARGET, "present (no rustup)");
                Ok(())
            } else {
                bail!("the {WASM_TARGET} target is missing and rustup is not installed to add it")
            }
        }
    }
}

/// The exact wasm-bindgen version the workspace resolved, read from `Cargo.lock`.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock_path = util::root().join("Cargo.lock");
    if !lock_path.exists() {
        util::cargo(&["generate-lockfile"])?;
    }
    let lock = std::fs::read_to_string(&lock_path).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    bail!(
        "Cargo.lock has no wasm-bindgen package; is the workspace's wasm-bindgen dependency gone?"
    )
}

fn installed_version(program: &str) -> Option<String> {
    let out = output(Command::new(program).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

fn wasm_bindgen_cli() -> Result<()> {
    let want = locked_wasm_bindgen_version()?;
    match installed_version("wasm-bindgen") {
        Some(have) if have == want => {
            line("wasm-bindgen-cli", &format!("present ({have})"));
            return Ok(());
        }
        Some(have) => line(
            "wasm-bindgen-cli",
            &format!("found {have}, need {want}: installing (cargo install, ~6 min on 2 cores)"),
        ),
        None => line(
            "wasm-bindgen-cli",
            &format!("installing {want} (cargo install, ~6 min on 2 cores)"),
        ),
    }
    util::run(Command::new(util::cargo_bin()).args([
        "install",
        "--quiet",
        &format!("wasm-bindgen-cli@{want}"),
    ]))
    .with_context(|| {
        format!("cargo install wasm-bindgen-cli@{want} failed; it needs crates.io and a C compiler")
    })
}

fn trunk() -> Result<()> {
    match installed_version("trunk") {
        Some(have) if have == TRUNK_VERSION => {
            line("trunk", &format!("present ({have})"));
            return Ok(());
        }
        Some(have) => line(
            "trunk",
            &format!("found {have}, need {TRUNK_VERSION}: installing (~5 min)"),
        ),
        None => line("trunk", &format!("installing {TRUNK_VERSION} (~5 min)")),
    }
    util::run(Command::new(util::cargo_bin()).args([
        "install",
        "--quiet",
        "--locked",
        &format!("trunk@{TRUNK_VERSION}"),
    ]))
    .context("cargo install trunk failed")
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

fn debian_packages() -> Result<()> {
    // (package, a file it provides)
    // binaryen's wasm-opt is needed by the tests too: `cargo xtask test` builds the npm package.
    let wanted = [
        ("chromium", "chromium"),
        ("chromium-driver", "chromedriver"),
        ("binaryen", "wasm-opt"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, program)| find_on_path(program).is_none())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        let names: Vec<&str> = wanted.iter().map(|(p, _)| *p).collect();
        line(
            "debian packages",
            &format!("present ({})", names.join(", ")),
        );
        return Ok(());
    }
    if !is_root() {
        bail!(
            "missing Debian packages: {}. Not root, so not installing them: run `sudo apt-get \
             install {}` and try again",
            missing.join(", "),
            missing.join(" ")
        );
    }
    line(
        "debian packages",
        &format!("installing {} (apt-get)", missing.join(", ")),
    );
    util::run(
        Command::new("apt-get")
            .args(["update", "-qq"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
    .context("apt-get update failed; is Debian's package mirror reachable?")?;
    util::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
    .with_context(|| format!("apt-get install {} failed", missing.join(" ")))
}

/// Folders whose `package.json` the project's tests or tools need installed.
pub const NPM_FOLDERS: &[&str] = &["tests/npm", "tests/interop", "tests/e2e"];

fn npm_dependencies() -> Result<()> {
    for folder in NPM_FOLDERS {
        let dir = util::root().join(folder);
        if !dir.join("package.json").exists() {
            continue;
        }
        npm_ci(&dir, folder)?;
    }
    Ok(())
}

/// `npm ci` in `dir` unless `node_modules` is newer than `package-lock.json`.
pub fn npm_ci(dir: &Path, label: &str) -> Result<()> {
    if find_on_path("npm").is_none() {
        bail!("npm is not installed; the npm package tests need Node >= 18 and npm");
    }
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&marker)) {
        (Ok(l), Ok(m)) => match (l.modified(), m.modified()) {
            (Ok(l), Ok(m)) => m >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh {
        line(&format!("npm {label}"), "present");
        return Ok(());
    }
    line(&format!("npm {label}"), "installing (npm ci)");
    let verb = if lock.exists() { "ci" } else { "install" };
    util::run(
        Command::new("npm")
            .args([verb, "--no-audit", "--no-fund", "--loglevel=error"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .current_dir(dir),
    )
    .with_context(|| format!("npm {verb} in {label} failed; is the npm registry reachable?"))
}
