//! `cargo xtask sigv4-corpus`: a random corpus of requests signed by botocore's own SigV4 signer.
//!
//! Runs `xtask/sigv4_corpus.py` (a generator and seed of our own) with the botocore venv's Python
//! and writes `crates/imagebuilder-core/tests/fixtures/sigv4-botocore/corpus.json`, which the
//! core's differential test signs natively and on wasm32, and `tests/npm/` through `signRequest`.

use crate::botocore_fixtures::botocore_python;
use crate::util::{self, step};
use anyhow::Result;
use std::process::Command;

/// Where the corpus goes, relative to the workspace root.
pub const CORPUS: &str = "crates/imagebuilder-core/tests/fixtures/sigv4-botocore/corpus.json";

/// How many requests the corpus holds.
const CASES: u32 = 3_000;

/// Builds the venv if needed and rewrites the corpus.
pub fn run() -> Result<()> {
    let python = botocore_python()?;
    let root = util::root();
    step(&format!(
        "sigv4-corpus: {CASES} requests signed by botocore -> {CORPUS}"
    ));
    util::run(
        Command::new(&python)
            .arg(root.join("xtask").join("sigv4_corpus.py"))
            .arg(root.join(CORPUS))
            .arg(CASES.to_string()),
    )
}
