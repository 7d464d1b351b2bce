//! Versions over [`imagebuilder_core::version`]: `ibVersion` (`parseVersion`), `ibCompare`,
//! `ibMatches`, `ibLatest` (`latestMatching`) and `ibReferences` (`latestVersionReferences`),
//! through the numeric boundary of [`crate::abi`].

use crate::abi::{self, Fault, Form, NONE, OK, VERSION_ERROR, put, put_text};
use imagebuilder_core::version::{
    BuildVersion, FilterNode, Version, VersionError, VersionFilter, VersionSpec, Versioned,
    latest_matching, latest_version_references, validate_for,
};
use wasm_bindgen::prelude::*;

/// The version shapes `parseVersion` takes, by the index the glue passes.
const SHAPES: [&str; 3] = [
    "VersionNumber",
    "VersionNumberWithBuild",
    "WildcardVersionNumber",
];

/// A version error as the glue's `VersionError`.
pub(crate) fn version_fault(e: &VersionError) -> Fault {
    Fault {
        class: VERSION_ERROR,
        offset: e.offset,
        name: e.kind.name(),
        rule: e.kind.rule(),
        place: e.node.map(|n| n.name()),
    }
}

/// `Err(0)` after putting `e` (as item `index` of a list, or of the filter argument).
fn fail(e: &VersionError, index: Option<usize>, filter: bool) -> u32 {
    version_fault(e).put(index, Form::Core, filter);
    0
}

fn node(n: FilterNode) -> u32 {
    match n {
        FilterNode::Number(n) => n,
        FilterNode::Wildcard => NONE,
    }
}

/// The shape names `parseVersion` takes: name `i` in words 0-1 and 1, or 0 past the last.
#[wasm_bindgen(js_name = "ibVersionShape")]
pub fn shape_name(i: u32) -> u32 {
    match SHAPES.get(i as usize) {
        Some(name) => {
            put_text(0, name);
            1
        }
        None => 0,
    }
}

/// Parses the `len` input bytes as a version, a build version or a wildcard filter, under the
/// version shape at index `shape` when it is not `NONE` (any other index: the core's
/// `UnknownShape` error). Returns 1 with 1-2 the kind name, 3-5 the nodes (`NONE` for `x`),
/// 6 has-build, 7 the build; or 0 with the error.
#[wasm_bindgen(js_name = "ibVersion")]
pub fn parse(len: u32, shape: u32) -> u32 {
    abi::with_text(len, |s| {
        if shape != NONE {
            let name = SHAPES.get(shape as usize).copied().unwrap_or("");
            if let Err(e) = validate_for(name, s) {
                return fail(&e, None, false);
            }
        }
        match VersionSpec::parse(s) {
            Ok(spec) => {
                put(0, OK);
                put_text(1, spec.kind().name());
                for (i, n) in spec.filter().nodes().into_iter().enumerate() {
                    put(3 + i, node(n));
                }
                put(6, u32::from(spec.build().is_some()));
                put(7, spec.build().unwrap_or(0));
                1
            }
            Err(e) => fail(&e, None, false),
        }
    })
}

/// Numeric order of two concrete versions (the `len` input bytes cut at 2 lengths; builds
/// compared last, no build first): returns 1 with -1, 0 or 1 in word 1; 0 with the error (item
/// 0 or 1 in word 8).
#[wasm_bindgen(js_name = "ibCompare")]
pub fn compare(len: u32) -> u32 {
    abi::with_items(len, 2, |items| {
        let mut specs = [None, None];
        for (i, s) in items.enumerate().take(2) {
            match VersionSpec::parse_concrete(s) {
                Ok(spec) => specs[i] = Some(spec),
                Err(e) => return fail(&e, Some(i), false),
            }
        }
        let key = |s: &Option<VersionSpec>| s.map(|s| (s.version(), s.build()));
        put(0, OK);
        put(1, key(&specs[0]).cmp(&key(&specs[1])) as i32 as u32);
        1
    })
}

/// Whether a concrete version matches a filter (the `len` input bytes cut at 2 lengths):
/// returns 1 with 0 or 1 in word 1; 0 with the error.
#[wasm_bindgen(js_name = "ibMatches")]
pub fn matches(len: u32) -> u32 {
    abi::with_items(len, 2, |mut items| {
        let (Some(version), Some(filter)) = (items.next(), items.next()) else {
            return 0;
        };
        let spec = match VersionSpec::parse_concrete(version) {
            Ok(spec) => spec,
            Err(e) => return fail(&e, None, false),
        };
        let f = match VersionFilter::parse(filter) {
            Ok(f) => f,
            Err(e) => return fail(&e, None, true),
        };
        put(0, OK);
        put(1, u32::from(spec.version().is_some_and(|v| f.matches(&v))));
        1
    })
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

/// The latest of `n` versions matching a filter (the `len` input bytes cut at `n + 1` lengths,
/// the filter first): returns 1 with its index in word 1 (`NONE`: none matches); 0 with the
/// error.
#[wasm_bindgen(js_name = "ibLatest")]
pub fn latest(len: u32, n: u32) -> u32 {
    abi::with_items(len, n + 1, |mut items| {
        let Some(filter) = items.next() else {
            return 0;
        };
        let f = match VersionFilter::parse(filter) {
            Ok(f) => f,
            Err(e) => return fail(&e, None, true),
        };
        let mut found = Vec::with_capacity(n as usize);
        for (index, s) in items.enumerate() {
            match VersionSpec::parse_concrete(s) {
                Ok(spec) => {
                    if let Some(version) = spec.version() {
                        found.push(Item {
                            index,
                            version,
                            build: spec.build(),
                        });
                    }
                }
                Err(e) => return fail(&e, Some(index), false),
            }
        }
        put(0, OK);
        put(
            1,
            latest_matching(&f, &found).map_or(NONE, |i| i.index as u32),
        );
        1
    })
}

/// GetImage's four latest version references for build version `of` among `n` build versions
/// (the `len` input bytes cut at `n + 1` lengths, `of` first): returns 1 with the references'
/// `major, minor, patch, build` in words 2-17; 0 with the error (`of`'s has no index).
#[wasm_bindgen(js_name = "ibReferences")]
pub fn latest_references(len: u32, n: u32) -> u32 {
    abi::with_items(len, n + 1, |items| {
        let mut builds = Vec::with_capacity(n as usize + 1);
        for (i, s) in items.enumerate() {
            match BuildVersion::parse(s) {
                Ok(b) => builds.push(b),
                Err(e) => return fail(&e, i.checked_sub(1), false),
            }
        }
        let Some((of, all)) = builds.split_first() else {
            return 0;
        };
        let refs = latest_version_references(*of, all);
        put(0, OK);
        for (i, r) in [
            refs.latest_version,
            refs.latest_major_version,
            refs.latest_minor_version,
            refs.latest_patch_version,
        ]
        .into_iter()
        .enumerate()
        {
            let v = r.version();
            for (j, word) in [v.major(), v.minor(), v.patch(), r.build()]
                .into_iter()
                .enumerate()
            {
                put(2 + 4 * i + j, word);
            }
        }
        1
    })
}
