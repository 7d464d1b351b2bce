//! The JSON-in/JSON-out entry point: operation name + JSON input -> validated request parts;
//! operation name + HTTP response -> JSON output or a typed error.
//!
//! This is what the npm package uses: it walks the generated shape tables only, so it links
//! none of the typed shapes (see `cargo xtask size`). Inputs and outputs use the model's member
//! names. Output timestamps are epoch seconds (a JSON number, fractional when needed); input
//! timestamps may be epoch seconds or RFC 3339 strings. Members the model does not know are
//! dropped from outputs and refused in inputs (rule `unknown`).
//!
//! ```
//! use imagebuilder_core::protocol::json;
//! use serde_json::json;
//!
//! let parts = json::request("ListTagsForResource", &json!({
//!     "resourceArn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0"
//! }))?;
//! assert_eq!(parts.method, "GET");
//! assert_eq!(
//!     parts.path,
//!     "/tags/arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage-recipe%2Fweb%2F1.0.0"
//! );
//! assert_eq!(parts.body, None);
//!
//! let err = json::validate("ListImages", &json!({ "maxResults": 0 })).unwrap_err();
//! assert_eq!(err.to_string(), "ListImages: maxResults: must be between 1 and 100, got 0");
//! # Ok::<(), json::JsonRequestError>(())
//! ```

use super::engine;
use super::errors::ResponseError;
#[cfg(feature = "dispatch")]
use super::operation::Operation;
use super::parts::{RequestParts, ResponseParts};
use super::validate;
use super::violation::ValidationError;
#[cfg(feature = "dispatch")]
use super::violation::Violation;
use serde_json::Value;
use std::fmt;

/// Why a JSON input could not become a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonRequestError {
    /// The operation name is not one of [`OPERATIONS`](crate::model::OPERATIONS).
    UnknownOperation(String),
    /// The input is not a JSON object.
    NotAnObject,
    /// The input breaks the model's rules.
    Validation(ValidationError),
    /// A paginator was asked for an operation that is not one of
    /// [`PAGINATED_OPERATIONS`](crate::model::PAGINATED_OPERATIONS).
    NotPaginated(String),
}

impl fmt::Display for JsonRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownOperation(name) => {
                write!(f, "unknown operation `{name}` (not in the model)")
            }
            Self::NotAnObject => f.write_str("the input must be a JSON object"),
            Self::Validation(e) => e.fmt(f),
            Self::NotPaginated(_) => f.write_str("not a paginated operation"),
        }
    }
}

impl std::error::Error for JsonRequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Validation(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ValidationError> for JsonRequestError {
    fn from(e: ValidationError) -> Self {
        Self::Validation(e)
    }
}

/// Validates `input` against `operation`'s input shape and lays it out as HTTP request parts.
pub fn request(operation: &str, input: &Value) -> Result<RequestParts, JsonRequestError> {
    let op = engine::find(operation)
        .ok_or_else(|| JsonRequestError::UnknownOperation(operation.to_string()))?;
    let input = input.as_object().ok_or(JsonRequestError::NotAnObject)?;
    Ok(engine::request(op, input)?)
}

/// Checks `input` against `operation`'s input shape, reporting every violation.
pub fn validate(operation: &str, input: &Value) -> Result<(), JsonRequestError> {
    let op = engine::find(operation)
        .ok_or_else(|| JsonRequestError::UnknownOperation(operation.to_string()))?;
    let input = input.as_object().ok_or(JsonRequestError::NotAnObject)?;
    let violations = validate::validate(op.input, input);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(JsonRequestError::Validation(ValidationError {
            operation: op.name,
            violations,
        }))
    }
}

/// Parses `response` for `operation`: a 2xx body into the output as JSON (model member names,
/// unknown members dropped), anything else into [`ResponseError::Service`].
pub fn response(operation: &str, response: ResponseParts<'_>) -> Result<Value, ResponseError> {
    let op = engine::find(operation)
        .ok_or_else(|| ResponseError::UnknownOperation(operation.to_string()))?;
    engine::response(op, response)
}

/// [`request`] through `O`'s typed input: deserializes `input`, then calls
/// [`Operation::request`]. Members the typed input does not have are ignored by
/// deserialization; an input that does not deserialize reports the violations [`validate`]
/// finds.
#[cfg(feature = "dispatch")]
pub(crate) fn via_typed_request<O: Operation>(
    input: &Value,
) -> Result<RequestParts, JsonRequestError>
where
    O::Input: serde::de::DeserializeOwned,
{
    if !input.is_object() {
        return Err(JsonRequestError::NotAnObject);
    }
    let typed: O::Input = match serde_json::from_value(input.clone()) {
        Ok(typed) => typed,
        Err(e) => {
            validate(O::NAME, input)?;
            return Err(JsonRequestError::Validation(ValidationError {
                operation: O::NAME,
                violations: vec![Violation::new(
                    "",
                    "type",
                    format_args!("does not fit the typed input: {e}"),
                )],
            }));
        }
    };
    Ok(O::request(&typed)?)
}

/// [`response`] through `O`'s typed output: [`Operation::response`], then the output serialized
/// back to JSON.
#[cfg(feature = "dispatch")]
pub(crate) fn via_typed_response<O: Operation>(
    response: ResponseParts<'_>,
) -> Result<Value, ResponseError>
where
    O::Output: serde::Serialize,
{
    let status = response.status;
    let typed = O::response(response)?;
    serde_json::to_value(&typed).map_err(|e| ResponseError::Malformed {
        status,
        message: format!("the typed output does not serialize: {e}"),
    })
}
