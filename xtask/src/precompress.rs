//! The console's files precompressed: `dist/FILE.gz` and `dist/FILE.br` next to each built file,
//! which `imagebuilder-server` sends to browsers that accept gzip or Brotli. Their sizes are the
//! transfer sizes `cargo xtask bench-console` reports.
//!
//! `.gz` is gzip written by Zopfli ([`gzip`]): the same format any browser inflates, about 5%
//! smaller than `gzip -9` on the console's wasm, for a few seconds of build time. `.br` is Brotli
//! at its best quality ([`brotli()`]), what current browsers ask for first. The npm figures stay
//! `gzip -9` ([`gzip9`]), as their peers are measured.

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::num::NonZeroU64;
use std::path::Path;

/// How [`gzip`] compresses, as the figures print it.
pub const METHOD: &str = "gzip by Zopfli, 5 iterations";

/// How [`brotli()`] compresses, as the figures print it.
pub const BROTLI_METHOD: &str = "Brotli, quality 11, window 2^22";

/// One file of `dist/`: its name, its size and its sizes as [`gzip`] and [`brotli()`] write it.
#[derive(Debug)]
pub struct Compressed {
    /// File name within `dist/`.
    pub name: String,
    /// Bytes on disk.
    pub raw: usize,
    /// Bytes of `FILE.gz`, what crosses the network to a browser that accepts gzip only.
    pub gzipped: usize,
    /// Bytes of `FILE.br`, what crosses the network to a browser that accepts Brotli.
    pub brotli: usize,
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

/// Brotli of `bytes` ([`BROTLI_METHOD`]).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

/// The files of `dist` to compress, sorted by name: every file but the compressed ones.
fn originals(dist: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    let mut files: Vec<_> = std::fs::read_dir(dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| p.extension().is_none_or(|x| x != "gz" && x != "br"))
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
        .collect();
    files.sort();
    Ok(files)
}

/// Writes `FILE.gz` and `FILE.br` for every file of `dist` (sorted by name) and returns their
/// sizes.
pub fn write_compressed(dist: &Path) -> Result<Vec<Compressed>> {
    let mut out = Vec::new();
    for (name, path) in originals(dist)? {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let gz = gzip(&bytes)?;
        let br = brotli(&bytes)?;
        for (ext, data) in [("gz", &gz), ("br", &br)] {
            let target = dist.join(format!("{name}.{ext}"));
            std::fs::write(&target, data)
                .with_context(|| format!("writing {}", target.display()))?;
        }
        out.push(Compressed {
            name,
            raw: bytes.len(),
            gzipped: gz.len(),
            brotli: br.len(),
        });
    }
    Ok(out)
}

/// The sizes of what [`write_compressed`] wrote, read back from `dist` (an error when a file has
/// no compressed copies: the build did not write them).
pub fn sizes(dist: &Path) -> Result<Vec<Compressed>> {
    let len = |path: &Path| -> Result<usize> {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("{} (was the console built?)", path.display()))?;
        usize::try_from(meta.len()).context("file size")
    };
    originals(dist)?
        .into_iter()
        .map(|(name, path)| {
            Ok(Compressed {
                raw: len(&path)?,
                gzipped: len(&dist.join(format!("{name}.gz")))?,
                brotli: len(&dist.join(format!("{name}.br")))?,
                name,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    /// 80 KB of repetitive bytes: compressible, not trivially so.
    fn sample() -> Vec<u8> {
        (0..20_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect()
    }

    #[test]
    fn gzip_writes_gzip_that_inflates_to_the_input() {
        let input = sample();
        let gz = super::gzip(&input).expect("compresses");
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "gzip magic");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .expect("inflates");
        assert_eq!(back, input);
    }

    #[test]
    fn brotli_writes_brotli_that_decompresses_to_the_input() {
        let input = sample();
        let br = super::brotli(&input).expect("compresses");
        assert!(br.len() < input.len() / 4, "{} B", br.len());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).expect("decompresses");
        assert_eq!(back, input);
    }
}
