//! ARNs over [`imagebuilder_core::arn`]: one check (`ibArn`, behind `parseArn` and
//! `validateArn`), the batch (`ibArnBatch`), the shape names (`ibShape`) and the ARN form of
//! `latestVersionReferences` (`ibArnReferences`), all through the numeric boundary of
//! [`crate::abi`].

use crate::abi::{self, ARN_ERROR, Fault, Form, NONE, OK, put, put_text};
use crate::version::version_fault;
use imagebuilder_core::arn::{
    ArnError, ArnErrorKind, ArnField, ArnShape, ImageBuilderArn, SHAPES,
    latest_version_reference_arns,
};
use imagebuilder_core::version::{BuildVersion, VersionErrorKind, VersionSpec};
use wasm_bindgen::prelude::*;

/// ARN rules of `latestVersionReferences` beyond the core's [`ArnErrorKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceRule {
    /// An item of `all` is an ARN of another resource than `of`.
    DifferentResource,
}

impl ReferenceRule {
    /// The rule's stable name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::DifferentResource => "DifferentResource",
        }
    }
}

/// The shape index that means "any Image Builder ARN" (no shape given).
const ANY_SHAPE: u32 = NONE;

/// The shape at index `shape` of `SHAPES` ([`ANY_SHAPE`]: any Image Builder ARN).
fn shape(shape: u32) -> Option<ArnShape> {
    if shape == ANY_SHAPE {
        return Some(ArnShape::ImageBuilderArn);
    }
    SHAPES
        .get(shape as usize)
        .and_then(|name| ArnShape::from_name(name))
}

/// An ARN error as the glue's `ArnError`.
pub(crate) fn arn_fault(e: &ArnError) -> Fault {
    Fault {
        class: ARN_ERROR,
        offset: e.offset,
        name: e.kind.name(),
        rule: e.kind.rule(),
        place: Some(e.field.name()),
    }
}

/// Puts name `i` of `SHAPES` in words 0-1 and returns 1, or returns 0 past the last one. Also
/// puts the `UnknownShape` rule name and the `whole` field name in words 2-5 (the error the
/// glue raises for a shape name not in the list).
#[wasm_bindgen(js_name = "ibShape")]
pub fn shape_name(i: u32) -> u32 {
    put_text(2, ArnErrorKind::UnknownShape.name());
    put_text(4, ArnField::Whole.name());
    match SHAPES.get(i as usize) {
        Some(name) => {
            put_text(0, name);
            1
        }
        None => 0,
    }
}

/// Byte offset of `part` (a slice of `whole`) in `whole`.
fn offset_in(whole: &str, part: &str) -> u32 {
    (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize) as u32
}

/// Puts a parsed ARN (a slice of `input`): 1 has-ARN, 2-3 kind name, 4-5 resource type, then the
/// byte offsets 6-7 partition, 8-9 region, 10-11 name (the glue cuts the owner and the version
/// out of the text between them).
fn put_arn(input: &str, a: &ImageBuilderArn<'_>) {
    put(1, 1);
    put_text(2, a.kind().name());
    put_text(4, a.resource_type().as_str());
    for (i, part) in [a.partition(), a.region(), a.name()]
        .into_iter()
        .enumerate()
    {
        let start = offset_in(input, part);
        put(6 + 2 * i, start);
        put(7 + 2 * i, start + part.len() as u32);
    }
}

/// Checks the `len` input bytes against shape index `shape`. Returns 1 valid, 0 invalid (the
/// error in the answer words), 2 no such shape index. With `details` 1, a valid ARN's parsed
/// fields go into the answer words (word 1 is 0 for a shape that has none).
#[wasm_bindgen(js_name = "ibArn")]
pub fn check(len: u32, shape_index: u32, details: u32) -> u32 {
    let Some(shape) = shape(shape_index) else {
        return 2;
    };
    abi::with_text(len, |s| match shape.validate(s) {
        Ok(arn) => {
            if details == 1 {
                put(0, OK);
                match &arn {
                    Some(a) => put_arn(s, a),
                    None => put(1, 0),
                }
            }
            1
        }
        Err(e) => {
            arn_fault(&e).put(None, Form::Core, false);
            0
        }
    })
}

/// Checks every line of the `len` input bytes (ARNs joined with `\n`) against shape index
/// `shape`: one byte per line, 1 valid, 0 invalid (invalid UTF-8 in a line makes it invalid).
/// Returns the bytes' address, their count in word 1; `NONE` for no such shape index.
#[wasm_bindgen(js_name = "ibArnBatch")]
pub fn check_batch(len: u32, shape_index: u32) -> u32 {
    let Some(shape) = shape(shape_index) else {
        return NONE;
    };
    abi::with_input(len, |text| match std::str::from_utf8(text) {
        // Valid UTF-8 split at an ASCII byte stays valid: one check for the whole text.
        Ok(all) => abi::put_bytes(all.split('\n').map(|s| u8::from(shape.validate(s).is_ok()))),
        Err(_) => abi::put_bytes(text.split(|b| *b == b'\n').map(|line| {
            u8::from(std::str::from_utf8(line).is_ok_and(|s| shape.validate(s).is_ok()))
        })),
    })
}

/// Checks each of the `n` items of the `len` input bytes (a list argument: the items
/// concatenated, their byte lengths in the lengths buffer) against shape index `shape`: one byte
/// per item, 1 valid, 0 invalid (invalid UTF-8 makes an item invalid). Returns the bytes'
/// address, their count in word 1; `NONE` for no such shape index.
#[wasm_bindgen(js_name = "ibArnItems")]
pub fn check_items(len: u32, n: u32, shape_index: u32) -> u32 {
    let Some(shape) = shape(shape_index) else {
        return NONE;
    };
    abi::with_items(len, n, |items| {
        abi::put_bytes(items.map(|s| u8::from(shape.validate(s).is_ok())))
    })
}

/// GetImage's latest version references for the build-version ARN `of` (the first item of the
/// `len` input bytes cut at `n + 1` lengths) among the `n` items after it (build versions such as `1.2.3/4`, or
/// build-version ARNs of the same resource). Returns 1 with the byte length of `of`'s
/// versionless ARN in word 1 (also in word 11 with an error about an item) and the four references' `major, minor, patch, build` in words
/// 2-17 (latest, within the major, the minor, the patch); 0 with the error.
#[wasm_bindgen(js_name = "ibArnReferences")]
pub fn latest_references(len: u32, n: u32) -> u32 {
    abi::with_items(len, n + 1, |mut items| {
        let Some(of) = items.next() else {
            return 0;
        };
        match references(of, items, n as usize) {
            Ok(()) => 1,
            Err((fault, index, form)) => {
                fault.put(index, form, false);
                0
            }
        }
    })
}

type ReferenceFault = (Fault, Option<usize>, Form);

fn references<'a>(
    of: &str,
    all: impl Iterator<Item = &'a str>,
    n: usize,
) -> Result<(), ReferenceFault> {
    let of_arn = ImageBuilderArn::parse(of).map_err(|e| (arn_fault(&e), None, Form::Core))?;
    // Where `of`'s versionless ARN ends (its name's end): the glue's resource text.
    let resource_end = offset_in(of, of_arn.name()) + of_arn.name().len() as u32;
    put(11, resource_end);
    let resource = of_arn.versionless();
    let mut builds: Vec<BuildVersion> = Vec::with_capacity(n);
    for (i, s) in all.enumerate() {
        if s.starts_with("arn:") {
            let arn =
                ImageBuilderArn::parse(s).map_err(|e| (arn_fault(&e), Some(i), Form::Core))?;
            if arn.versionless() != resource {
                let name = ReferenceRule::DifferentResource.name();
                let fault = Fault {
                    class: ARN_ERROR,
                    offset: 0,
                    name,
                    rule: "",
                    place: Some(ArnField::Name.name()),
                };
                return Err((fault, Some(i), Form::DifferentResource));
            }
            match arn.version() {
                Some(VersionSpec::Build(b)) => builds.push(b),
                _ => {
                    let fault = Fault {
                        class: ARN_ERROR,
                        offset: s.len(),
                        name: VersionErrorKind::MissingBuild.name(),
                        rule: "",
                        place: Some(ArnField::Build.name()),
                    };
                    return Err((fault, Some(i), Form::NotBuildVersionArn));
                }
            }
        } else {
            let b = BuildVersion::parse(s).map_err(|e| (version_fault(&e), Some(i), Form::Core))?;
            builds.push(b);
        }
    }
    let refs = latest_version_reference_arns(&of_arn, &builds)
        .map_err(|e| (arn_fault(&e), None, Form::Core))?;
    put(0, OK);
    put(1, resource_end);
    for (i, r) in [
        &refs.latest_version_arn,
        &refs.latest_major_version_arn,
        &refs.latest_minor_version_arn,
        &refs.latest_patch_version_arn,
    ]
    .into_iter()
    .enumerate()
    {
        let (v, b) = match r.version() {
            Some(VersionSpec::Build(b)) => (b.version(), b.build()),
            _ => return Err((arn_fault_missing_build(of), None, Form::Core)),
        };
        for (j, word) in [v.major(), v.minor(), v.patch(), b].into_iter().enumerate() {
            put(2 + 4 * i + j, word);
        }
    }
    Ok(())
}

/// The core returns build-version ARNs for build-version references; should it ever not, the
/// reference is reported as `of` missing its build rather than a wrong answer.
fn arn_fault_missing_build(of: &str) -> Fault {
    Fault {
        class: ARN_ERROR,
        offset: of.len(),
        name: VersionErrorKind::MissingBuild.name(),
        rule: VersionErrorKind::MissingBuild.rule(),
        place: Some(ArnField::Build.name()),
    }
}
