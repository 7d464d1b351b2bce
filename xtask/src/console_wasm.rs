//! `cargo xtask console-wasm`: the console's wasm, split at its pages, for Trunk's build hook
//! (`Trunk.toml`). Trunk's own Rust pipeline runs wasm-bindgen straight after cargo, and the split
//! has to happen between the two: it reads the relocations the linker keeps with
//! `--emit-relocs`, which wasm-bindgen drops.
//!
//! 1. `cargo rustc` the console for wasm32 in release, linked with `--emit-relocs` (a flag on the
//!    final link only, so the dependencies' build is shared with every other wasm32 build);
//! 2. `wasm_split_cli_support::transform`: the main module, one module per split point of
//!    `web/src/lazy_pages.rs` (and one per set of pages sharing code), and `__wasm_split.js`,
//!    which fetches and instantiates them on demand;
//! 3. the name sections out of the page modules (not shipped; binaryen 108 warns about the
//!    splitter's newer name subsections), then `wasm-opt -Oz` on them, as they never go through
//!    wasm-bindgen: on the unsplit console -Oz saved about 1% gzipped, on the page modules it
//!    saves 3 to 10%. Not on the main module: after binaryen 108 (Debian's) rewrote its table,
//!    wasm-bindgen no longer finds function 0 in it (`failed to find 0 in function table`), and
//!    after wasm-bindgen binaryen 108 has corrupted the externref table (see `wasm.rs`);
//! 4. `wasm-bindgen --target web --keep-lld-exports` on the main module (the split modules
//!    reach the main one through the exports the linker made, which wasm-bindgen would drop),
//!    then the name section wasm-bindgen writes out of its output.
//!
//! With them it writes `__wasm_split_pages.js`: the files each page's code is in, from which
//! `web/boot.js` preloads the first page's while the main module loads (the router asks for
//! them only once the main module runs, a round trip later).
//!
//! Everything is written into Trunk's staging directory (`TRUNK_STAGING_DIR`), or `dist/` when
//! run by hand.

use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The glue's base name, which `web/boot.js` imports.
pub const OUT_NAME: &str = "imagebuilder-console";

/// Builds, splits and binds the console into Trunk's staging directory (or `dist/`).
pub fn run() -> Result<()> {
    let out = std::env::var_os("TRUNK_STAGING_DIR")
        .map_or_else(|| util::root().join("dist"), PathBuf::from);
    let release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
    build_into(&out, release)
}

/// The steps of the module docs, into `out`.
pub fn build_into(out: &Path, release: bool) -> Result<()> {
    crate::wasm::require("wasm-bindgen")?;
    step("console: cargo rustc (wasm32, linked with --emit-relocs)");
    let mut args = vec![
        "rustc",
        "-p",
        "imagebuilder-console",
        "--bin",
        OUT_NAME,
        "--target",
        crate::wasm::TARGET,
        "--locked",
    ];
    if release {
        args.push("--release");
    }
    // The profile's `strip = true` also drops the `target_features` section, so wasm-bindgen
    // warns that it cannot tell the module's features and binds it without reference types.
    // Kept on purpose: with the section (`-Cstrip=debuginfo`) wasm-bindgen binds the console
    // with an externref table, and its first render measured 262-298 ms against 225-229 ms.
    args.extend(["--", "-Clink-arg=--emit-relocs"]);
    util::cargo(&args)?;
    let profile = if release { "release" } else { "debug" };
    let built = util::target_dir()
        .join(crate::wasm::TARGET)
        .join(profile)
        .join(format!("{OUT_NAME}.wasm"));
    let input = std::fs::read(&built).with_context(|| format!("reading {}", built.display()))?;

    step("console: splitting the wasm at its pages");
    // A directory of this run's own: two builds at once (a test run and `cargo xtask run`) must
    // not write into each other's split.
    let work_dir =
        WorkDir::create(util::target_dir().join(format!("console-split-{}", std::process::id())))?;
    let work = work_dir.path();
    let main_module = format!("./{OUT_NAME}.js");
    let main_wasm = work.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = work;
        opts.main_out_path = &main_wasm;
        opts.main_module = &main_module;
        opts
    })
    .map_err(|e| anyhow::anyhow!("splitting {}: {e:?}", built.display()))?;
    if split.split_modules.is_empty() {
        bail!(
            "the console's wasm has no split points (was it linked with --emit-relocs, and does \
             web/src/lazy_pages.rs still split the pages?)"
        );
    }

    // The modules' names are not shipped, and binaryen 108 warns about the newer name
    // subsections the splitter writes ("unknown name subsection with id 3").
    for module in &split.split_modules {
        crate::strip_sections::strip_file(module)?;
    }

    if crate::wasm::require("wasm-opt").is_ok() {
        step("console: wasm-opt -Oz on the page modules");
        for module in &split.split_modules {
            crate::wasm::optimize_in_place(module, &["--enable-simd"])?;
        }
    } else {
        // The console still works; its pages are 3 to 10% larger.
        eprintln!(
            "console: wasm-opt not found, the page modules stay unoptimized (`cargo xtask \
             bootstrap` installs Debian's binaryen, or `apt-get install binaryen`)"
        );
    }

    step("console: wasm-bindgen --target web --keep-lld-exports");
    std::fs::create_dir_all(out)?;
    util::run(Command::new("wasm-bindgen").args([
        "--target".as_ref(),
        "web".as_ref(),
        "--no-typescript".as_ref(),
        "--keep-lld-exports".as_ref(),
        "--out-name".as_ref(),
        OUT_NAME.as_ref(),
        "--out-dir".as_ref(),
        out.as_os_str(),
        main_wasm.as_os_str(),
    ]))
    .context("wasm-bindgen on the console's main module")?;
    crate::strip_sections::strip_file(&out.join(format!("{OUT_NAME}_bg.wasm")))?;
    for file in split
        .split_modules
        .iter()
        .cloned()
        .chain([work.join("__wasm_split.js")])
    {
        let name = file.file_name().context("a split output without a name")?;
        std::fs::copy(&file, out.join(name))
            .with_context(|| format!("copying {} to {}", file.display(), out.display()))?;
    }
    let pages = out.join(PAGES_MODULE);
    std::fs::write(&pages, pages_module(&split.prefetch_map)?)
        .with_context(|| format!("writing {}", pages.display()))?;
    Ok(())
}

/// The split's work directory, removed when the build ends, whether it succeeded or not.
struct WorkDir(PathBuf);

impl WorkDir {
    /// `path`, emptied if an earlier run of the same process id left it behind.
    fn create(path: PathBuf) -> Result<Self> {
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("clearing {}", path.display()))?;
        }
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Self(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("console: could not remove {}: {e}", self.0.display());
        }
    }
}

/// The module `web/boot.js` imports the page files from.
const PAGES_MODULE: &str = "__wasm_split_pages.js";

/// `__wasm_split_pages.js`: `PAGE_FILES`, each split point's name (the page's, as in
/// `web/src/lazy_pages.rs`) to the `.wasm` files it loads, sorted so that a build writes the
/// same text.
fn pages_module(prefetch: &std::collections::HashMap<String, Vec<String>>) -> Result<String> {
    let sorted: std::collections::BTreeMap<&String, Vec<String>> = prefetch
        .iter()
        .map(|(page, stems)| (page, stems.iter().map(|s| format!("{s}.wasm")).collect()))
        .collect();
    Ok(format!(
        "// Written by `cargo xtask console-wasm`: the files each page's code is in.\n\
         export const PAGE_FILES = {};\n",
        serde_json::to_string(&sorted)?
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pages_module_lists_each_pages_wasm_files_in_a_stable_order() {
        let map = [
            ("launch", vec!["chunk_7", "split_launch"]),
            ("connect", vec!["chunk_7", "split_connect"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
        let text = super::pages_module(&map).expect("serializes");
        assert!(text.ends_with(
            "export const PAGE_FILES = {\"connect\":[\"chunk_7.wasm\",\"split_connect.wasm\"],\
             \"launch\":[\"chunk_7.wasm\",\"split_launch.wasm\"]};\n"
        ));
    }

    #[test]
    fn the_split_work_directory_is_emptied_on_creation_and_removed_when_dropped() {
        let path =
            std::env::temp_dir().join(format!("ib-console-split-test-{}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("stale.wasm"), b"left by a failed run").unwrap();
        let dir = super::WorkDir::create(path.clone()).expect("created");
        assert!(!path.join("stale.wasm").exists(), "a stale file survived");
        std::fs::write(dir.path().join("main.wasm"), b"\0asm").unwrap();
        drop(dir);
        assert!(!path.exists(), "the work directory outlived its build");
    }
}
