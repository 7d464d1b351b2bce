//! Where the bytes of a wasm go: per crate and per function, read from the name section of the
//! module that ships, bound again with its names (see [`crate::size`]).
//!
//! A function's bytes are its body in the code section; it is attributed to the crate its
//! demangled path starts with (for `<A as B>::f`, the crate of `A`, or of the trait `B` when `A`
//! is a reference, tuple, slice or type parameter). Data segments are one row of their own.

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::path::Path;
use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

/// One function of the module.
#[derive(Debug, Clone)]
pub struct Function {
    /// Demangled name without the hash (`[function N]` when the module does not name it).
    pub name: String,
    /// The crate (or group) it is attributed to.
    pub krate: String,
    /// Bytes of its body in the code section.
    pub bytes: usize,
}

/// What [`read`] found in one module.
#[derive(Debug)]
pub struct Breakdown {
    /// Every defined function, largest first.
    pub functions: Vec<Function>,
    /// Bytes of the data section (string tables, constants, vtables).
    pub data: usize,
    /// The file without its name and producers sections (which wasm-bindgen removes).
    pub total: usize,
}

impl Breakdown {
    /// Bytes per crate (functions only), largest first; `[data segments]` is added as a row.
    pub fn crates(&self) -> Vec<(String, usize)> {
        let mut by_crate: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &self.functions {
            *by_crate.entry(f.krate.as_str()).or_default() += f.bytes;
        }
        let mut rows: Vec<(String, usize)> = by_crate
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        rows.push(("[data segments]".to_string(), self.data));
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }

    /// Prints the top `crates` crates and top `symbols` functions, with their share of the file.
    pub fn print(&self, label: &str, crates: usize, symbols: usize) {
        let share = |b: usize| 100.0 * b as f64 / self.total.max(1) as f64;
        let named = self
            .functions
            .iter()
            .filter(|f| !f.name.starts_with("[function "))
            .count();
        println!(
            "  {label}: {} B (name section excluded), {} functions ({} named), code {} B, data {} B",
            self.total,
            self.functions.len(),
            named,
            self.functions.iter().map(|f| f.bytes).sum::<usize>(),
            self.data
        );
        println!("    top crates:");
        for (krate, bytes) in self.crates().into_iter().take(crates) {
            println!("      {bytes:>8} B {:>5.1}%  {krate}", share(bytes));
        }
        println!("    top functions:");
        for f in self.functions.iter().take(symbols) {
            println!(
                "      {:>8} B {:>5.1}%  {}",
                f.bytes,
                share(f.bytes),
                shorten(&f.name, 110)
            );
        }
    }
}

fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let head: String = name.chars().take(max - 1).collect();
    format!("{head}…")
}

/// Reads `path` (a wasm module with a name section).
pub fn read(path: &Path) -> Result<Breakdown> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut imported = 0u32;
    let mut bodies: Vec<usize> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut data = 0usize;
    let mut dropped = 0usize;
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.with_context(|| format!("parsing {}", path.display()))? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.range().len()),
            Payload::DataSection(reader) => data += reader.range().len(),
            Payload::CustomSection(section) => {
                if matches!(section.name(), "name" | "producers") {
                    dropped += section.range().len();
                }
                if let KnownCustom::Name(reader) = section.as_known() {
                    for subsection in reader {
                        if let Name::Function(map) = subsection? {
                            for naming in map {
                                let naming = naming?;
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if bodies.is_empty() {
        bail!("{} defines no functions", path.display());
    }
    let mut functions: Vec<Function> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| {
            let index = imported + i as u32;
            match names.get(&index) {
                Some(raw) => {
                    let name = normalize(&format!("{:#}", rustc_demangle::demangle(raw)));
                    Function {
                        krate: crate_of(&name),
                        name,
                        bytes,
                    }
                }
                None => Function {
                    name: format!("[function {index}]"),
                    krate: "[unnamed]".to_string(),
                    bytes,
                },
            }
        })
        .collect();
    functions.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    Ok(Breakdown {
        functions,
        data,
        total: bytes.len() - dropped,
    })
}

/// A demangled name without what only tells instances apart: the `::h0123456789abcdef` hash
/// and the `[0123456789abcdef]` crate disambiguators (wasm-bindgen writes names demangled that
/// way, which `rustc_demangle` leaves as they are).
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find(['[', ':']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let hex_run = |s: &str| s.bytes().take_while(u8::is_ascii_hexdigit).count();
        if let Some(after) = tail.strip_prefix('[')
            && hex_run(after) == 16
            && after[16..].starts_with(']')
        {
            rest = &after[17..];
        } else if let Some(after) = tail.strip_prefix("::h")
            && hex_run(after) == 16
            && !after[16..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        {
            rest = &after[16..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The crate a demangled path belongs to.
pub fn crate_of(name: &str) -> String {
    if name.starts_with("__wbg")
        || name.starts_with("__wbindgen")
        || name.starts_with("__externref")
    {
        return "wasm_bindgen".to_string();
    }
    if matches!(
        name,
        "memcpy" | "memmove" | "memset" | "memcmp" | "bcmp" | "strlen"
    ) || name.starts_with("__")
    {
        return "compiler_builtins".to_string();
    }
    if is_export_shim(name) || !(name.contains("::") || name.starts_with('<')) {
        return "[exports and intrinsics]".to_string();
    }
    if let Some(qualified) = name.strip_prefix('<') {
        let (self_ty, rest) = match qualified.split_once(" as ") {
            Some((s, r)) => (s, Some(r)),
            None => (qualified, None),
        };
        let self_crate = leading_crate(self_ty);
        return match (self_crate, rest) {
            (Some(k), _) => k,
            (None, Some(trait_path)) => {
                leading_crate(trait_path).unwrap_or_else(|| "[other]".into())
            }
            (None, None) => "[other]".to_string(),
        };
    }
    leading_crate(name).unwrap_or_else(|| name.to_string())
}

/// `name_0123456789abcdef`: the wrapper `#[wasm_bindgen]` generates around an export.
fn is_export_shim(name: &str) -> bool {
    name.rsplit_once('_').is_some_and(|(head, hash)| {
        !head.contains("::") && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The first path segment of `path` when it is a crate name (not a reference, tuple, slice,
/// pointer or single-letter type parameter).
fn leading_crate(path: &str) -> Option<String> {
    let path = path.trim_start_matches(['&', '<']);
    let path = path.strip_prefix("mut ").unwrap_or(path);
    let (first, _) = path.split_once("::")?;
    let is_ident =
        !first.is_empty() && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let is_param = first.len() == 1 && first.chars().all(|c| c.is_ascii_uppercase());
    (is_ident && !is_param).then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn crate_of_takes_the_first_segment_of_a_plain_path() {
        assert_eq!(crate_of("core::fmt::write"), "core");
        assert_eq!(
            crate_of("imagebuilder_core::arn::parse"),
            "imagebuilder_core"
        );
    }

    #[test]
    fn crate_of_takes_the_self_type_of_a_trait_impl() {
        assert_eq!(
            crate_of(
                "<serde_json::ser::Compound<W,F> as serde::ser::SerializeMap>::serialize_entry"
            ),
            "serde_json"
        );
    }

    #[test]
    fn crate_of_falls_back_to_the_trait_for_references_and_parameters() {
        assert_eq!(crate_of("<&T as core::fmt::Display>::fmt"), "core");
        assert_eq!(
            crate_of("<T as alloc::string::ToString>::to_string"),
            "alloc"
        );
    }

    #[test]
    fn crate_of_groups_wasm_bindgen_shims_exports_and_builtins() {
        assert_eq!(crate_of("__wbindgen_malloc"), "wasm_bindgen");
        assert_eq!(crate_of("memcpy"), "compiler_builtins");
        assert_eq!(
            crate_of("client_new_96831448cedce048"),
            "[exports and intrinsics]"
        );
        assert_eq!(crate_of("arnParse"), "[exports and intrinsics]");
    }

    #[test]
    fn normalize_drops_hashes_and_crate_disambiguators() {
        assert_eq!(
            super::normalize(
                "<dlmalloc[e24a27700634d609]::Dlmalloc<A>>::malloc::h906c3fefd09b2afd"
            ),
            "<dlmalloc::Dlmalloc<A>>::malloc"
        );
        assert_eq!(
            super::normalize("core[c5930c85a12de822]::str::slice_error_fail"),
            "core::str::slice_error_fail"
        );
        assert_eq!(super::normalize("a::hello::b[xyz]"), "a::hello::b[xyz]");
    }
}
