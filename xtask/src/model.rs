//! `cargo xtask update-model`: the Image Builder service model, from the pinned botocore wheel.
//!
//! The wheel comes from PyPI through `pip download` (the ordinary client of that registry), is
//! checked against a pinned SHA-256, and its Image Builder data is written to `model/` as
//! pretty-printed JSON with every documentation string removed, next to botocore's LICENSE and
//! NOTICE (Apache-2.0).

use crate::util::{self, step};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// The botocore release the model is taken from.
pub const BOTOCORE_VERSION: &str = "1.44.5";
/// SHA-256 of `botocore-<BOTOCORE_VERSION>-py3-none-any.whl`.
const BOTOCORE_WHEEL_SHA256: &str =
    "8f16a56d1dff125dd65322ae021efa7ba5195a6db5102b96862566055b748921";
const SERVICE_DIR: &str = "botocore/data/imagebuilder/2019-12-02/";

/// (path in the wheel, file in `model/`, gzip-compressed in the wheel)
const FILES: &[(&str, &str, bool)] = &[
    ("service-2.json.gz", "service-2.json", true),
    ("paginators-1.json", "paginators-1.json", false),
    ("waiters-2.json", "waiters-2.json", false),
    (
        "endpoint-rule-set-1.json.gz",
        "endpoint-rule-set-1.json",
        true,
    ),
];

/// Downloads the wheel and rewrites `model/`.
pub fn update() -> Result<()> {
    step(&format!(
        "update-model: botocore {BOTOCORE_VERSION} from PyPI"
    ));
    let download_dir = util::target_dir().join("botocore-wheel");
    std::fs::create_dir_all(&download_dir)?;
    let wheel_name = format!("botocore-{BOTOCORE_VERSION}-py3-none-any.whl");
    let wheel_path = download_dir.join(&wheel_name);
    if !wheel_path.exists() {
        util::run(
            Command::new("python3")
                .args(["-m", "pip", "download", "--no-deps", "--quiet", "-d"])
                .arg(&download_dir)
                .arg(format!("botocore=={BOTOCORE_VERSION}")),
        )
        .context("pip could not download botocore from PyPI")?;
    }
    let wheel = std::fs::read(&wheel_path).with_context(|| format!("reading {wheel_name}"))?;
    let digest = hex(&Sha256::digest(&wheel));
    if digest != BOTOCORE_WHEEL_SHA256 {
        bail!("{wheel_name} has SHA-256 {digest}, expected {BOTOCORE_WHEEL_SHA256}");
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(wheel))?;
    let model_dir = util::root().join("model");
    std::fs::create_dir_all(&model_dir)?;

    for (source, target, gzipped) in FILES {
        let raw = read_entry(&mut archive, &format!("{SERVICE_DIR}{source}"))?;
        let text = if *gzipped { gunzip(&raw)? } else { raw };
        write_stripped(&text, &model_dir.join(target))?;
    }
    let partitions = read_entry(&mut archive, "botocore/data/partitions.json")?;
    write_stripped(&partitions, &model_dir.join("partitions.json"))?;
    let info = format!("botocore-{BOTOCORE_VERSION}.dist-info/");
    for legal in ["LICENSE.txt", "NOTICE"] {
        let bytes = read_entry(&mut archive, &format!("{info}{legal}"))?;
        std::fs::write(model_dir.join(legal), bytes)?;
    }
    std::fs::write(
        model_dir.join("SOURCE"),
        format!(
            "botocore {BOTOCORE_VERSION} (PyPI wheel {wheel_name}, sha256 {BOTOCORE_WHEEL_SHA256})\n\
             written by `cargo xtask update-model`: documentation strings removed, JSON pretty-printed.\n"
        ),
    )?;
    println!("    wrote {}", model_dir.display());
    Ok(())
}

fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Vec<u8>> {
    let mut entry = archive
        .by_name(name)
        .with_context(|| format!("the wheel has no {name}"))?;
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

fn write_stripped(json: &[u8], path: &Path) -> Result<()> {
    let mut value: Value =
        serde_json::from_slice(json).with_context(|| format!("{} is not JSON", path.display()))?;
    strip_docs(&mut value);
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Removes documentation: `documentation`/`documentationUrl` keys everywhere, and waiters'
/// `description`.
fn strip_docs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, v| {
                !(v.is_string() && matches!(k.as_str(), "documentation" | "documentationUrl"))
            });
            if map.contains_key("acceptors") {
                map.remove("description");
            }
            map.values_mut().for_each(strip_docs);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_docs),
        _ => {}
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
