//! `cargo xtask botocore-fixtures`: botocore as the reference peer of our rest-json protocol.
//!
//! Creates `<target-dir>/botocore-venv` (`python3 -m venv`) when it is missing, installs the
//! pinned botocore (the release `model/` comes from) into it from PyPI, then runs
//! `xtask/botocore_fixtures.py` with the venv's Python. The script writes one fixture per
//! operation (a maximal input, the request botocore's serializer makes of it, a maximal response
//! and botocore's parse of it) and `errors.json` to
//! `crates/imagebuilder-core/tests/fixtures/botocore/`, which
//! `crates/imagebuilder-core/tests/it/botocore_conformance.rs` checks our protocol against.

use crate::model::BOTOCORE_VERSION;
use crate::util::{self, step};
use anyhow::Result;
use std::path::PathBuf;
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
    crate::venv::python_with("botocore-venv", "botocore", BOTOCORE_VERSION)
}
