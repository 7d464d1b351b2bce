//! Builds the three wasm flavors (one per entry) and assembles `pkg/`.

use super::{PACKAGE, crate_dir, pkg_dir};
use crate::util::{self, step};
use crate::wasm;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's release profile optimizes for size (`opt-level = "z"`). The lite wasm (the
/// entry for bulk validation and signing) builds the packages on those hot paths at
/// `opt-level = 3` instead, through `--config` overrides for these packages only
/// (ARCHITECTURE.md has the measurements): the core (ARN scanner, signing checks), `aws-sigv4`
/// (canonical request; it also instantiates the generic HMAC, SHA-256 and hex code), `hmac`,
/// `time` (the signing date's formatting) and the bindings themselves. `sha2` is at 3 in every
/// release build (the workspace's `Cargo.toml`).
const SPEED_OVERRIDES: &[&str] = &[
    "profile.release.package.imagebuilder-core.opt-level=3",
    "profile.release.package.imagebuilder-wasm.opt-level=3",
    "profile.release.package.aws-sigv4.opt-level=3",
    "profile.release.package.hmac.opt-level=3",
    "profile.release.package.time.opt-level=3",
];

/// Cargo builds keep the name section (`strip = "debuginfo"` instead of the workspace's
/// `strip = true`) so that `cargo xtask size` can say where the bytes go; wasm-bindgen drops it
/// from what ships ([`wasm::optimize_and_bind`]). The setting is the same for every flavor and
/// every caller, so the test run, `npm` and `size` share one set of build artefacts.
const KEEP_NAMES: &str = "profile.release.strip=\"debuginfo\"";

/// The workspace's wasm32 rustflags turn WebAssembly SIMD on for the console
/// (`.cargo/config.toml`); the package turns it off again (cargo appends a `--config` array to
/// the file's, and the last target feature wins): a library must load in every engine with
/// WebAssembly, and sha2's SIMD code signs slower (ARCHITECTURE.md).
const NO_SIMD: &str = r#"target.wasm32-unknown-unknown.rustflags=["-Ctarget-feature=-simd128"]"#;

/// One of the three wasm builds of `crates/imagebuilder-wasm`.
#[derive(Debug, Clone, Copy)]
struct Flavor {
    /// Base name of the wasm-bindgen output in `pkg/wasm/`.
    out_name: &'static str,
    /// Extra `cargo build` arguments.
    cargo_args: &'static [&'static str],
    /// Whether to apply [`SPEED_OVERRIDES`].
    speed: bool,
}

const FULL: Flavor = Flavor {
    out_name: "imagebuilder_wasm",
    cargo_args: &[],
    speed: false,
};
const LITE: Flavor = Flavor {
    out_name: "imagebuilder_wasm_lite",
    cargo_args: &["--no-default-features", "--features", "signing"],
    speed: true,
};
const VALIDATE: Flavor = Flavor {
    out_name: "imagebuilder_wasm_validate",
    cargo_args: &["--no-default-features"],
    speed: false,
};

/// `(entry, wasm-bindgen base name)` of each flavor: `validate`, `lite`, `full`.
pub const WASM_NAMES: [(&str, &str); 3] = [
    ("validate", VALIDATE.out_name),
    ("lite", LITE.out_name),
    ("full", FULL.out_name),
];

/// The optimized wasm of flavor `out_name` with its name section (before wasm-bindgen), as the
/// last [`build`] left it.
pub fn optimized_wasm(out_name: &str) -> PathBuf {
    util::target_dir()
        .join("npm")
        .join(out_name)
        .join(format!("{out_name}.opt.wasm"))
}

/// Builds the three wasm flavors through [`wasm::optimize_and_bind`] and assembles `pkg/`.
pub fn build() -> Result<PathBuf> {
    wasm::require_tools()?;
    let pkg = pkg_dir();
    let staging = util::target_dir().join("npm");
    if pkg.exists() {
        std::fs::remove_dir_all(&pkg).with_context(|| format!("removing {}", pkg.display()))?;
    }
    std::fs::create_dir_all(pkg.join("wasm"))?;
    for flavor in [FULL, LITE, VALIDATE] {
        build_flavor(flavor, &staging, &pkg)?;
    }
    step("npm package: JavaScript, TypeScript and package.json");
    let js = crate_dir().join("js");
    copy_sources(&js, &pkg)?;
    copy_sources(&js.join("generated"), &pkg)?;
    std::fs::copy(util::root().join("model/LICENSE.txt"), pkg.join("LICENSE"))
        .context("copying the Apache-2.0 license text")?;
    write_package_json(&pkg)?;
    for entry in std::fs::read_dir(pkg.join("wasm"))? {
        let entry = entry?;
        let size = entry.metadata()?.len();
        println!(
            "    {:<40} {size:>9} bytes",
            format!("wasm/{}", entry.file_name().to_string_lossy())
        );
    }
    Ok(pkg)
}

fn build_flavor(flavor: Flavor, staging: &Path, pkg: &Path) -> Result<()> {
    step(&format!(
        "npm package: cargo build --release --target {} ({})",
        wasm::TARGET,
        flavor.out_name
    ));
    let mut cargo = Command::new(util::cargo_bin());
    cargo
        .args([
            "build",
            "-p",
            "imagebuilder-wasm",
            "--lib",
            "--release",
            "--locked",
            "--target",
            wasm::TARGET,
        ])
        .args(flavor.cargo_args)
        .args(["--config", KEEP_NAMES, "--config", NO_SIMD]);
    if flavor.speed {
        for o in SPEED_OVERRIDES {
            cargo.args(["--config", o]);
        }
    }
    util::run(&mut cargo)?;
    let built = util::target_dir()
        .join(wasm::TARGET)
        .join("release/imagebuilder_wasm.wasm");
    let out = wasm::optimize_and_bind(&built, &staging.join(flavor.out_name), flavor.out_name)?;
    add_reinstantiate(&out.js)?;
    for file in [&out.js, &out.wasm] {
        let name = file
            .file_name()
            .context("wasm-bindgen output without a name")?;
        std::fs::copy(file, pkg.join("wasm").join(name))
            .with_context(|| format!("copying {}", file.display()))?;
    }
    Ok(())
}

/// What wasm-bindgen's glue must hold for [`REINSTANTIATE`] to work (the CLI is pinned to the
/// `wasm-bindgen` crate's exact version, so this only changes with a deliberate upgrade).
const GLUE_ANCHORS: &[&str] = &[
    "let wasmModule, wasmInstance, wasm;",
    "function initSync(module) {\n    if (wasm !== undefined) return wasm;",
];

/// Appended to wasm-bindgen's glue: a fresh instance of the same compiled module, which the
/// package's `js/boundary.js` takes after a trap (wasm-bindgen's own `initSync` returns the
/// first instance forever).
const REINSTANTIATE: &str = "
// Added by `cargo xtask npm`: replaces the instance with a fresh one of the same module (the
// package's boundary.js calls it after a trap). Closures of the replaced instance (callbacks of
// its pending promises and timers) become no-ops: their pointers mean nothing in the new one.
var __ib_generation = 0;
export function __ib_reinstantiate() {
    const module = wasmModule;
    wasm = undefined;
    __ib_generation++;
    return initSync({ module });
}
// Added by `cargo xtask npm`: the instance's raw exports (the numeric ARN and version functions
// and the memory, which the package's wasm-abi.js calls and reads directly).
export function __ib_exports() {
    return wasm;
}
";

/// `(from, to)`: the edits that tie each wasm-bindgen closure to the instance that made it (only
/// in glue that has closures, i.e. the full wasm's futures and timers; all or none must apply).
const CLOSURE_EDITS: &[(&str, &str)] = &[
    (
        "const state = { a: arg0, b: arg1, cnt: 1 };",
        "const state = { a: arg0, b: arg1, cnt: 1, g: __ib_generation };",
    ),
    (
        "const real = (...args) => {",
        "const real = (...args) => {\n        if (state.g !== __ib_generation) return;",
    ),
    (
        "if (--state.cnt === 0) {",
        "if (--state.cnt === 0 && state.g === __ib_generation) {",
    ),
    (
        "new FinalizationRegistry(state => ",
        "new FinalizationRegistry(state => state.g !== __ib_generation ? undefined : ",
    ),
];

fn add_reinstantiate(glue: &Path) -> Result<()> {
    let mut text =
        std::fs::read_to_string(glue).with_context(|| format!("reading {}", glue.display()))?;
    let outdated = |what: &str| {
        anyhow::anyhow!(
            "{}: wasm-bindgen's glue no longer holds {what:?}; update REINSTANTIATE and \
             CLOSURE_EDITS in xtask/src/npm/build.rs for this wasm-bindgen version",
            glue.display()
        )
    };
    if let Some(missing) = GLUE_ANCHORS.iter().find(|a| !text.contains(**a)) {
        return Err(outdated(missing));
    }
    if text.contains("CLOSURE_DTORS") {
        for (from, to) in CLOSURE_EDITS {
            if !text.contains(from) {
                return Err(outdated(from));
            }
            text = text.replace(from, to);
        }
    }
    text.push_str(REINSTANTIATE);
    std::fs::write(glue, text).with_context(|| format!("writing {}", glue.display()))
}

/// Copies the `.js`, `.d.ts` and `.md` files of `src` (not `package.json`) into `pkg`.
fn copy_sources(src: &Path, pkg: &Path) -> Result<()> {
    let mut names: Vec<_> = std::fs::read_dir(src)
        .with_context(|| format!("reading {}", src.display()))?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<std::io::Result<_>>()?;
    names.sort();
    for name in names {
        let name = name.to_string_lossy().into_owned();
        if name.ends_with(".js") || name.ends_with(".d.ts") || name.ends_with(".md") {
            if pkg.join(&name).exists() {
                bail!("two package files are called {name}");
            }
            std::fs::copy(src.join(&name), pkg.join(&name))
                .with_context(|| format!("copying {}", src.join(&name).display()))?;
        }
    }
    Ok(())
}

/// `js/package.json` with the workspace's version filled in.
fn write_package_json(pkg: &Path) -> Result<()> {
    let mut manifest = util::read_json(&crate_dir().join("js/package.json"))?;
    let version = workspace_version()?;
    manifest["version"] = Value::String(version);
    if manifest["name"] != PACKAGE {
        bail!("js/package.json must be named {PACKAGE}");
    }
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    std::fs::write(pkg.join("package.json"), text)?;
    Ok(())
}

fn workspace_version() -> Result<String> {
    let manifest = std::fs::read_to_string(util::root().join("Cargo.toml"))?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package && let Some(rest) = line.strip_prefix("version") {
            let value = rest.trim_start().trim_start_matches('=').trim();
            return Ok(value.trim_matches('"').to_string());
        }
    }
    bail!("no version in [workspace.package] of Cargo.toml")
}
