//! ARNs: `parseArn`, `validateArn`, `validateArns` (batch) and the ARN form of
//! `latestVersionReferences`, over [`imagebuilder_core::arn`].

use crate::errors::{ErrorKind, JsError};
use crate::objects::{self, object};
use crate::version::version_error;
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

/// An ARN error as thrown into JS (`ArnError` there).
pub(crate) fn arn_error(e: &ArnError, input: &str) -> JsError {
    JsError::new(ErrorKind::Arn, e.to_string())
        .with("rule", e.kind.name())
        .with("field", e.field.name())
        .with("offset", e.offset)
        .with("input", input)
}

fn unknown_shape(name: &str) -> JsError {
    JsError::new(
        ErrorKind::Arn,
        format!(
            "unknown ARN shape {name:?}; the model's ARN shapes are: {}",
            SHAPES.join(", ")
        ),
    )
    .with("rule", ArnErrorKind::UnknownShape.name())
    .with("field", ArnField::Whole.name())
    .with("offset", 0)
    .with("input", "")
    .with("shape", name)
}

fn shape(name: Option<&str>) -> Result<ArnShape, JsValue> {
    match name {
        None => Ok(ArnShape::ImageBuilderArn),
        Some(n) => ArnShape::from_name(n).ok_or_else(|| unknown_shape(n).into()),
    }
}

/// The names of the model's ARN shapes `validateArn` accepts.
#[wasm_bindgen(js_name = "arnShapes")]
pub fn shapes() -> Vec<String> {
    SHAPES.iter().map(|s| (*s).to_string()).collect()
}

/// Parses an Image Builder ARN (under `shape`'s rules when given). Returns the parsed ARN (a
/// plain object), or `null` for a valid value of a shape that is not an Image Builder ARN (`SnsTopicArn`,
/// `RoleNameOrArn`, `OrganizationArn`...: every name of `arnShapes()` answers, as `arnValidate`
/// does). Throws the same error `arnValidate` reports for an invalid value.
#[wasm_bindgen(js_name = "arnParse")]
pub fn parse(s: &str, shape_name: Option<String>) -> Result<JsValue, JsValue> {
    let shape = shape(shape_name.as_deref())?;
    let arn = shape.validate(s).map_err(|e| arn_error(&e, s))?;
    Ok(arn.as_ref().map_or(JsValue::NULL, objects::arn))
}

/// Checks `s` against `shape` (default: any Image Builder ARN) without throwing for a bad ARN:
/// `{valid: true, arn: {...} | null}` or `{valid: false, error: {...}}` (plain objects).
#[wasm_bindgen(js_name = "arnValidate")]
pub fn validate(s: &str, shape_name: Option<String>) -> Result<JsValue, JsValue> {
    let shape = shape(shape_name.as_deref())?;
    Ok(match shape.validate(s) {
        Ok(arn) => object([
            ("valid", JsValue::TRUE),
            ("arn", arn.as_ref().map_or(JsValue::NULL, objects::arn)),
        ]),
        Err(e) => object([
            ("valid", JsValue::FALSE),
            ("error", arn_error(&e, s).into_object().into()),
        ]),
    })
}

/// Checks every line of `text` (ARNs joined with `\n`) against `shape`: one byte per line, 1 for
/// valid, 0 for invalid. Invalid UTF-8 in a line makes that line invalid.
#[wasm_bindgen(js_name = "arnValidateBatch")]
pub fn validate_batch(text: &[u8], shape_name: Option<String>) -> Result<Vec<u8>, JsValue> {
    let shape = shape(shape_name.as_deref())?;
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    match std::str::from_utf8(text) {
        // Valid UTF-8 split at an ASCII byte stays valid: one check for the whole text, and the
        // `str` splitter (memchr-based) finds the line feeds.
        Ok(all) => out.extend(all.split('\n').map(|s| u8::from(shape.validate(s).is_ok()))),
        Err(_) => {
            for line in text.split(|b| *b == b'\n') {
                let ok = std::str::from_utf8(line).is_ok_and(|s| shape.validate(s).is_ok());
                out.push(u8::from(ok));
            }
        }
    }
    Ok(out)
}

/// An `ArnError` about `all[index]` of `latestVersionReferences`: `(rule, field, offset)`.
fn reference_error(
    index: usize,
    input: &str,
    message: String,
    (rule, field, offset): (&str, ArnField, usize),
) -> JsValue {
    JsError::new(ErrorKind::Arn, message)
        .with("rule", rule)
        .with("field", field.name())
        .with("offset", offset)
        .with("input", input)
        .with("index", index)
        .into()
}

/// GetImage's latest version references for the build-version ARN `of`, among `all` (build
/// versions such as `1.2.3/4`, or build-version ARNs of the same resource). A plain object with
/// the model's `LatestVersionReferences` member names.
#[wasm_bindgen(js_name = "arnLatestReferences")]
pub fn latest_references(of: &str, all: Vec<String>) -> Result<JsValue, JsValue> {
    let of_arn = ImageBuilderArn::parse(of).map_err(|e| arn_error(&e, of))?;
    let resource = of_arn.versionless();
    let mut builds: Vec<BuildVersion> = Vec::with_capacity(all.len());
    for (i, s) in all.iter().enumerate() {
        if s.starts_with("arn:") {
            let arn = ImageBuilderArn::parse(s).map_err(|e| arn_error(&e, s).with("index", i))?;
            if arn.versionless() != resource {
                return Err(reference_error(
                    i,
                    s,
                    format!("all[{i}] is an ARN of another resource than {resource}"),
                    (ReferenceRule::DifferentResource.name(), ArnField::Name, 0),
                ));
            }
            match arn.version() {
                Some(VersionSpec::Build(b)) => builds.push(b),
                _ => {
                    return Err(reference_error(
                        i,
                        s,
                        format!(
                            "all[{i}] is not a build-version ARN (…/<major>.<minor>.<patch>/<build>)"
                        ),
                        (
                            VersionErrorKind::MissingBuild.name(),
                            ArnField::Build,
                            s.len(),
                        ),
                    ));
                }
            }
        } else {
            builds.push(BuildVersion::parse(s).map_err(|e| version_error(&e, s).with("index", i))?);
        }
    }
    let refs = latest_version_reference_arns(&of_arn, &builds).map_err(|e| arn_error(&e, of))?;
    let text = |a: &ImageBuilderArn<'_>| JsValue::from_str(&a.to_string());
    Ok(object([
        ("latestVersionArn", text(&refs.latest_version_arn)),
        (
            "latestMajorVersionArn",
            text(&refs.latest_major_version_arn),
        ),
        (
            "latestMinorVersionArn",
            text(&refs.latest_minor_version_arn),
        ),
        (
            "latestPatchVersionArn",
            text(&refs.latest_patch_version_arn),
        ),
    ]))
}
