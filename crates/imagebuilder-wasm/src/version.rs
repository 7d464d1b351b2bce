//! Versions: `parseVersion`, `compareVersions`, `matchesFilter`, `latestMatching`,
//! `latestVersionReferences` over [`imagebuilder_core::version`].

use crate::errors::{ErrorKind, JsError};
use crate::objects::{self, object};
use imagebuilder_core::version::{
    BuildVersion, Version, VersionError, VersionFilter, VersionSpec, Versioned, latest_matching,
    latest_version_references, validate_for,
};
use wasm_bindgen::prelude::*;

/// A version error as thrown into JS (`VersionError` there).
pub(crate) fn version_error(e: &VersionError, input: &str) -> JsError {
    JsError::new(ErrorKind::Version, e.to_string())
        .with("rule", e.kind.name())
        .with("offset", e.offset)
        .with("node", e.node.map(|n| n.name()))
        .with("input", input)
}

fn parse_any(s: &str) -> Result<VersionSpec, JsValue> {
    VersionSpec::parse(s).map_err(|e| version_error(&e, s).into())
}

fn parse_concrete(s: &str) -> Result<VersionSpec, JsValue> {
    VersionSpec::parse_concrete(s).map_err(|e| version_error(&e, s).into())
}

/// Parses a version, a build version or a wildcard filter, optionally restricted to a model shape
/// (`VersionNumber`, `VersionNumberWithBuild`, `WildcardVersionNumber`). Returns a plain object.
#[wasm_bindgen(js_name = "versionParse")]
pub fn parse(s: &str, shape: Option<String>) -> Result<JsValue, JsValue> {
    if let Some(shape) = shape.as_deref() {
        validate_for(shape, s).map_err(|e| version_error(&e, s).with("shape", shape))?;
    }
    Ok(objects::version(&parse_any(s)?))
}

/// Numeric order of two concrete versions (builds compared last; no build sorts first): -1, 0, 1.
#[wasm_bindgen(js_name = "versionCompare")]
pub fn compare(a: &str, b: &str) -> Result<i32, JsValue> {
    let (a, b) = (parse_concrete(a)?, parse_concrete(b)?);
    let key = |s: &VersionSpec| (s.version(), s.build());
    Ok(match key(&a).cmp(&key(&b)) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    })
}

fn filter(s: &str) -> Result<VersionFilter, JsValue> {
    VersionFilter::parse(s).map_err(|e| version_error(&e, s).with("argument", "filter").into())
}

/// Whether a concrete version (or build version) matches a filter (`1.x.x`, `1.2.3`...).
#[wasm_bindgen(js_name = "versionMatches")]
pub fn matches(version: &str, filter_text: &str) -> Result<bool, JsValue> {
    let spec = parse_concrete(version)?;
    let f = filter(filter_text)?;
    Ok(spec.version().is_some_and(|v| f.matches(&v)))
}

/// A concrete version with its position in the caller's list.
struct Item {
    index: usize,
    version: Version,
    build: Option<u32>,
}

impl Versioned for Item {
    fn version(&self) -> Version {
        self.version
    }
    fn build(&self) -> Option<u32> {
        self.build
    }
}

/// The index of the latest version in `versions` that matches `filter_text`, or -1.
#[wasm_bindgen(js_name = "versionLatestMatching")]
pub fn latest(versions: Vec<String>, filter_text: &str) -> Result<i32, JsValue> {
    let f = filter(filter_text)?;
    let mut items = Vec::with_capacity(versions.len());
    for (index, s) in versions.iter().enumerate() {
        let spec = VersionSpec::parse_concrete(s)
            .map_err(|e| version_error(&e, s).with("index", index))?;
        if let Some(version) = spec.version() {
            items.push(Item {
                index,
                version,
                build: spec.build(),
            });
        }
    }
    Ok(latest_matching(&f, &items).map_or(-1, |i| i.index as i32))
}

fn build_version(s: &str, index: Option<usize>) -> Result<BuildVersion, JsValue> {
    BuildVersion::parse(s).map_err(|e| {
        let err = version_error(&e, s);
        match index {
            Some(i) => err.with("index", i).into(),
            None => err.into(),
        }
    })
}

/// GetImage's four latest version references for build version `of` among `all` (build
/// versions), as a plain object `{latestVersion, latestMajorVersion, latestMinorVersion,
/// latestPatchVersion}` of version strings.
#[wasm_bindgen(js_name = "versionLatestReferences")]
pub fn latest_references(of: &str, all: Vec<String>) -> Result<JsValue, JsValue> {
    let of = build_version(of, None)?;
    let all = all
        .iter()
        .enumerate()
        .map(|(i, s)| build_version(s, Some(i)))
        .collect::<Result<Vec<_>, _>>()?;
    let refs = latest_version_references(of, &all);
    let text = |v: &BuildVersion| JsValue::from_str(&v.to_string());
    Ok(object([
        ("latestVersion", text(&refs.latest_version)),
        ("latestMajorVersion", text(&refs.latest_major_version)),
        ("latestMinorVersion", text(&refs.latest_minor_version)),
        ("latestPatchVersion", text(&refs.latest_patch_version)),
    ]))
}
