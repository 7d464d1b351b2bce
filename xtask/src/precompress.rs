//! The console's files precompressed: `dist/FILE.gz` (gzip -9) next to each built file, which
//! `imagebuilder-server` sends to browsers that accept gzip. Their sizes are the transfer size
//! `cargo xtask bench-console` reports.

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

/// One file of `dist/`: its name, its size and its gzip -9 size.
#[derive(Debug)]
pub struct Compressed {
    /// File name within `dist/`.
    pub name: String,
    /// Bytes on disk.
    pub raw: usize,
    /// Bytes of `FILE.gz`, what crosses the network.
    pub gzipped: usize,
}

/// gzip -9 of `bytes`.
pub fn gzip9(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

/// Writes `FILE.gz` for every file of `dist` (sorted by name) and returns their sizes.
pub fn write_gz(dist: &Path) -> Result<Vec<Compressed>> {
    let mut entries: Vec<_> = std::fs::read_dir(dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter(|e| e.path().extension().is_none_or(|x| x != "gz"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.path();
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let gz = gzip9(&bytes)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let target = dist.join(format!("{name}.gz"));
        std::fs::write(&target, &gz).with_context(|| format!("writing {}", target.display()))?;
        out.push(Compressed {
            name,
            raw: bytes.len(),
            gzipped: gz.len(),
        });
    }
    Ok(out)
}
