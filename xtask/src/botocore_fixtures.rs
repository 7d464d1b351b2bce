//! `cargo xtask botocore-fixtures`: botocore as the reference peer of our rest-json protocol.
//!
//! Creates `<target-dir>/botocore-venv` (`python3 -m venv`) when it is missing, installs the
//! pinned botocore (the release `model/` comes from) into it from PyPI, then runs
//! `xtask/botocore_fixtures.py` with the venv's Python. The script writes one fixture per
//! operation (a maximal input, the request botocore's serializer makes of it, a maximal response
//! and botocore's parse of it) and `errors.json` to
//! `crates/imagebuilder-core/tests/fixtures/botocore/`, which
//! `crates/imagebuilder-core/tests/botocore_conformance.rs` checks our protocol against.

use crate::model::BOTOCORE_VERSION;
use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the fixtures go, relative to the workspace root.
const OUT_DIR: &str = "crates/imagebuilder-core/tests/fixtures/botocore";

/// Builds the venv if needed and regenerates the fixtures.
pub fn run() -> Result<()> {
    let python = botocore_python()?;
    let root = util::root();
    step(&format!("botocore-fixtures: writing {OUT_DIR}"));
    util::run(
        Command::new(&python)
            .arg(root.join("xtask").join("botocore_fixtures.py"))
            .arg("--model-dir")
            .arg(root.join("model"))
            .arg("--out-dir")
            .arg(root.join(OUT_DIR))
            .arg("--botocore-version")
            .arg(BOTOCORE_VERSION),
    )
}

/// The Python of `<target-dir>/botocore-venv`, created and given the pinned botocore from PyPI
/// when missing.
pub fn botocore_python() -> Result<PathBuf> {
    let venv = util::target_dir().join("botocore-venv");
    let python = venv_python(&venv);
    if !python.is_file() {
        step(&format!(
            "botocore-fixtures: python3 -m venv {}",
            venv.display()
        ));
        util::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
            .context("could not create the Python venv (is python3 with venv installed?)")?;
    }
    if installed_botocore(&python).as_deref() != Some(BOTOCORE_VERSION) {
        step(&format!(
            "botocore-fixtures: pip install botocore=={BOTOCORE_VERSION} (PyPI)"
        ));
        util::run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .arg(format!("botocore=={BOTOCORE_VERSION}")),
        )
        .context("pip could not install botocore from PyPI")?;
    }
    let installed = installed_botocore(&python);
    if installed.as_deref() != Some(BOTOCORE_VERSION) {
        bail!("the venv has botocore {installed:?} after pip install, expected {BOTOCORE_VERSION}");
    }
    Ok(python)
}

/// The venv's Python interpreter.
fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// The botocore version installed in the venv, if any.
fn installed_botocore(python: &Path) -> Option<String> {
    util::output(Command::new(python).args(["-c", "import botocore; print(botocore.__version__)"]))
        .map(|out| out.trim().to_string())
}
