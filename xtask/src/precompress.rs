//! The console's files precompressed: `dist/FILE.gz` next to each built file, which
//! `imagebuilder-server` sends to browsers that accept gzip. Their sizes are the transfer size
//! `cargo xtask bench-console` reports.
//!
//! The files are gzip written by Zopfli ([`gzip`]): the same format any browser inflates, about
//! 5% smaller than `gzip -9` on the console's wasm, for a few seconds of build time. The npm
//! figures stay `gzip -9` ([`gzip9`]), as their peers are measured.

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::num::NonZeroU64;
use std::path::Path;

/// How [`gzip`] compresses, as the figures print it.
pub const METHOD: &str = "gzip by Zopfli, 5 iterations";

/// One file of `dist/`: its name, its size and its size as [`gzip`] writes it.
#[derive(Debug)]
pub struct Compressed {
    /// File name within `dist/`.
    pub name: String,
    /// Bytes on disk.
    pub raw: usize,
    /// Bytes of `FILE.gz`, what crosses the network.
    pub gzipped: usize,
}

/// gzip -9 of `bytes` (zlib's best level, as the `gzip` tool writes it).
pub fn gzip9(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

/// gzip of `bytes` written by Zopfli ([`METHOD`]).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let options = zopfli::Options {
        iteration_count: NonZeroU64::new(5).context("iteration count")?,
        ..zopfli::Options::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).context("zopfli gzip")?;
    Ok(out)
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
        let gz = gzip(&bytes)?;
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

#[cfg(test)]
mod tests {
    use std::io::Read;

    #[test]
    fn gzip_writes_gzip_that_inflates_to_the_input() {
        let input: Vec<u8> = (0..20_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let gz = super::gzip(&input).expect("compresses");
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "gzip magic");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .expect("inflates");
        assert_eq!(back, input);
    }
}
