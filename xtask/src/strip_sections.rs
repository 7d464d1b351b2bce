//! Drops custom sections that only describe a wasm module (`name`, `producers`) from a built
//! file. wasm-bindgen keeps the name section it writes for its own shims (about 7 KB on the
//! console, 1 KB gzipped) and offers no flag to remove it, and the page modules the console's
//! split writes carry names that binaryen 108 warns about; `cargo xtask console-wasm` removes
//! both here. Custom sections have no effect on how a module runs, and every other section is
//! copied byte for byte.

use anyhow::{Context, Result, bail};
use std::path::Path;
use wasmparser::{Parser, Payload};

/// The custom sections removed.
pub const DESCRIPTIVE: &[&str] = &["name", "producers"];

/// `bytes` (a wasm module) without its custom sections named in `names`.
pub fn without_sections(bytes: &[u8], names: &[&str]) -> Result<Vec<u8>> {
    if !bytes.starts_with(b"\0asm") {
        bail!("not a wasm module (no `\\0asm` header)");
    }
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    let mut last_end = 8;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.context("parsing the module")?;
        if let Some((_, range)) = payload.as_section() {
            // A section is its id byte and size before `range`, from the previous section's end.
            let whole = last_end..range.end;
            last_end = range.end;
            if let Payload::CustomSection(section) = &payload
                && names.contains(&section.name())
            {
                drop.push(whole);
            }
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for range in drop {
        out.extend_from_slice(&bytes[at..range.start]);
        at = range.end;
    }
    out.extend_from_slice(&bytes[at..]);
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&out)
        .context("the module without its descriptive sections does not validate")?;
    Ok(out)
}

/// Rewrites the wasm module at `path` without its [`DESCRIPTIVE`] sections.
pub fn strip_file(path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let out = without_sections(&bytes, DESCRIPTIVE)
        .with_context(|| format!("stripping {}", path.display()))?;
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::without_sections;

    /// A module with one function, a `name` section, a `keep` custom section and `producers`.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        m.extend_from_slice(&[3, 2, 1, 0]); // function section: one function of type 0
        m.extend_from_slice(&[10, 4, 1, 2, 0, 0x0b]); // code section: an empty body
        let custom = |name: &str, payload: &[u8]| {
            let mut body = vec![name.len() as u8];
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(payload);
            let mut s = vec![0, body.len() as u8];
            s.extend(body);
            s
        };
        m.extend(custom("name", &[1, 4, 1, 0, 1, b'f']));
        m.extend(custom("keep", b"xyz"));
        m.extend(custom("producers", &[0]));
        m
    }

    fn custom_names(bytes: &[u8]) -> Vec<String> {
        wasmparser::Parser::new(0)
            .parse_all(bytes)
            .filter_map(|p| match p.expect("parses") {
                wasmparser::Payload::CustomSection(s) => Some(s.name().to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn without_sections_drops_only_the_named_custom_sections() {
        let input = module();
        assert_eq!(custom_names(&input), ["name", "keep", "producers"]);
        let out = without_sections(&input, super::DESCRIPTIVE).expect("strips");
        assert_eq!(custom_names(&out), ["keep"]);
        assert_eq!(
            &out[..24],
            &input[..24],
            "the module's own sections are untouched"
        );
        assert_eq!(
            out.len(),
            input.len() - 13 - 13,
            "two sections of 13 bytes removed"
        );
    }

    #[test]
    fn without_sections_refuses_what_is_not_wasm() {
        let err = without_sections(b"<html>", super::DESCRIPTIVE).expect_err("not wasm");
        assert!(err.to_string().contains("not a wasm module"), "{err}");
    }
}
