//! What a wasm's data section holds: runs of text (panic locations' file paths, messages,
//! table strings) and the rest (numeric tables, vtables, zeroes).
//!
//! Rust strings are not NUL-terminated, so neighbouring strings form one run of text; a run is
//! attributed to the source file path it contains (a panic location's file), grouped by crate
//! (`/registry/src/<index>/<crate>-<version>/`, `/rustc/<hash>/library/<crate>/`,
//! `crates/<crate>/`, `web/`), or counted as other text.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use wasmparser::{Parser, Payload};

/// Shortest run of printable bytes counted as text.
const MIN_RUN: usize = 6;

/// What [`read`] found.
#[derive(Debug, Default)]
pub struct DataBreakdown {
    /// Bytes of all data segments.
    pub total: usize,
    /// Bytes of text runs that name a source file, per crate.
    pub paths: BTreeMap<String, usize>,
    /// Text runs that name no source file.
    pub other_text: Vec<String>,
}

impl DataBreakdown {
    /// Prints the groups, and the `longest` longest other text runs.
    pub fn print(&self, longest: usize) {
        let paths: usize = self.paths.values().sum();
        let text: usize = self.other_text.iter().map(String::len).sum();
        println!(
            "  data segments: {} B: text with a source path {paths} B, other text {text} B, \
             not text {} B",
            self.total,
            self.total.saturating_sub(paths + text)
        );
        let mut rows: Vec<_> = self.paths.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        println!("    text with a source path (panic locations), by crate:");
        for (krate, bytes) in rows.into_iter().take(15) {
            println!("      {bytes:>8} B  {krate}");
        }
        let mut runs: Vec<&String> = self.other_text.iter().collect();
        runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
        println!("    longest other text runs:");
        for run in runs.into_iter().take(longest) {
            let shown: String = run.chars().take(100).collect();
            println!("      {:>8} B  {shown:?}", run.len());
        }
    }
}

/// Reads the data segments of `path`.
pub fn read(path: &Path) -> Result<DataBreakdown> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = DataBreakdown::default();
    for payload in Parser::new(0).parse_all(&bytes) {
        if let Payload::DataSection(reader) = payload? {
            out.total += reader.range().len();
            for segment in reader {
                classify(segment?.data, &mut out);
            }
        }
    }
    Ok(out)
}

fn classify(data: &[u8], out: &mut DataBreakdown) {
    let printable = |b: u8| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t';
    let mut start = 0;
    while start < data.len() {
        if !printable(data[start]) {
            start += 1;
            continue;
        }
        let len = data[start..].iter().take_while(|&&b| printable(b)).count();
        if len >= MIN_RUN {
            let run = String::from_utf8_lossy(&data[start..start + len]).into_owned();
            match crate_of_path(&run) {
                Some(krate) => *out.paths.entry(krate).or_default() += len,
                None => out.other_text.push(run),
            }
        }
        start += len;
    }
}

/// The crate of the first source path (`*.rs`) in `run`.
pub fn crate_of_path(run: &str) -> Option<String> {
    let rs = run.find(".rs")?;
    let path = &run[..rs];
    if let Some(i) = path.find("/registry/src/") {
        let after_index = path[i + "/registry/src/".len()..].split_once('/')?.1;
        let dir = after_index.split('/').next()?;
        // `<crate>-<version>`: the version starts at the last `-` followed by a digit.
        let name = dir
            .rmatch_indices('-')
            .find(|(j, _)| dir[j + 1..].starts_with(|c: char| c.is_ascii_digit()))
            .map_or(dir, |(j, _)| &dir[..j]);
        return Some(name.to_string());
    }
    if let Some(i) = path.find("library/") {
        let name = path[i + "library/".len()..].split('/').next()?;
        return Some(format!("{name} (std library)"));
    }
    if let Some(i) = path.find("crates/") {
        return Some(path[i + "crates/".len()..].split('/').next()?.to_string());
    }
    if path.contains("web/src") || path.starts_with("src/") {
        return Some("imagebuilder-console (web/)".to_string());
    }
    Some("[other source path]".to_string())
}

#[cfg(test)]
mod tests {
    use super::crate_of_path;

    #[test]
    fn crate_of_path_names_a_registry_crate_without_its_version() {
        assert_eq!(
            crate_of_path(
                "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/leptos_router-0.8.17/src/x.rsabc"
            )
            .as_deref(),
            Some("leptos_router")
        );
        assert_eq!(
            crate_of_path("/r/registry/src/i/wasm-bindgen-futures-0.4.80/src/lib.rs").as_deref(),
            Some("wasm-bindgen-futures")
        );
    }

    #[test]
    fn crate_of_path_names_std_workspace_and_console_paths() {
        assert_eq!(
            crate_of_path("/rustc/0123/library/core/src/fmt/mod.rs").as_deref(),
            Some("core (std library)")
        );
        assert_eq!(
            crate_of_path("crates/imagebuilder-core/src/arn.rs").as_deref(),
            Some("imagebuilder-core")
        );
        assert_eq!(
            crate_of_path("web/src/api.rs").as_deref(),
            Some("imagebuilder-console (web/)")
        );
    }

    #[test]
    fn crate_of_path_is_none_for_text_without_a_source_file() {
        assert_eq!(crate_of_path("ResourceNotFoundException"), None);
    }
}
