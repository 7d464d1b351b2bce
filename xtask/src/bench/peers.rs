//! The JavaScript peers' harness (`../shared/peers`), copied where it can be written to.

use crate::bootstrap;
use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::Command;

/// Writes `arns-100k.txt` and `arns-100k.malformed.tsv` from the peers' deterministic generator.
const GENERATE_ARN_LIST: &str = r#"
import fs from "node:fs";
import { generate } from "./arn-gen.mjs";
const { arns, labels } = generate();
const mal = ["line\treason\tarn"];
labels.forEach((l, i) => { if (!l.valid) mal.push(`${i + 1}\t${l.reason}\t${arns[i]}`); });
fs.writeFileSync("arns-100k.txt", arns.join("\n") + "\n");
fs.writeFileSync("arns-100k.malformed.tsv", mal.join("\n") + "\n");
"#;

/// The peers' harness, beside the project's clone (read-only).
pub fn source_dir() -> PathBuf {
    util::root().join("../shared/peers")
}

/// Where [`prepare_peers`] copies the harness (in the build cache, shared by clones using it).
pub fn copy_dir() -> PathBuf {
    util::target_dir().join("peers")
}

/// Copies [`source_dir`] to [`copy_dir`], installs its npm dependencies and generates the 100k
/// ARN list there.
pub(super) fn prepare_peers() -> Result<PathBuf> {
    let source = source_dir();
    if !source.join("package.json").exists() {
        bail!(
            "the peers harness is not at {} (it sits beside the project's clone)",
            source.display()
        );
    }
    let dest = copy_dir();
    step("peers harness (copy, npm ci, arn-gen)");
    std::fs::create_dir_all(&dest)?;
    for entry in walk(&source)? {
        let rel = entry.strip_prefix(&source)?;
        let target = dest.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(&entry, &target)?;
        let mut perms = std::fs::metadata(&target)?.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&target, perms)?;
    }
    bootstrap::npm_ci(&dest, "peers")?;
    if !dest.join("arns-100k.txt").exists() {
        // arn-gen.mjs only exports `generate()`; write the list and its labels in the exact
        // format bench-arn.mjs checks byte for byte on every run.
        util::run(
            Command::new("node")
                .args(["--input-type=module", "-e", GENERATE_ARN_LIST])
                .current_dir(&dest),
        )
        .context("generating arns-100k.txt with the peers' arn-gen.mjs")?;
    }
    Ok(dest)
}

fn walk(dir: &std::path::Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name == "node_modules" || name == "dist" {
            continue;
        }
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}
