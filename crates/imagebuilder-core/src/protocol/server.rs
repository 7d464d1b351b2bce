//! The rest-json protocol run the other way, for a server: an HTTP request (method, raw path,
//! raw query, body) to the operation and its validated JSON input; a JSON output to the
//! response body; an error code and message to the error response AWS sends.
//!
//! It walks the same generated tables as the client side ([`super::json`]): the operation table
//! routes (method + URI template), the input shape says where each member lives (label, query,
//! body) and what type a query value has, and the same validator reports the same violations.
//! No I/O happens here.
//!
//! ```
//! use imagebuilder_core::protocol::server;
//!
//! let decoded = server::decode_request("POST", "/ListImages", "", br#"{"owner":"Amazon","maxResults":5}"#)?;
//! assert_eq!(decoded.operation, "ListImages");
//! assert_eq!(decoded.input["maxResults"], 5);
//!
//! let err = server::decode_request("POST", "/ListImages", "", br#"{"maxResults":500}"#).unwrap_err();
//! let response = server::error_response(err.code(), &err.to_string());
//! assert_eq!((response.status, response.code), (400, "ValidationException"));
//! # Ok::<(), server::DecodeError>(())
//! ```

use super::ValidationError;
use super::engine;
use super::schema::{Kind, Location, OperationDef};
use crate::generated::tables::{EXCEPTIONS, OPERATIONS, SHAPES};
use serde_json::{Map, Value};
use std::fmt;

/// A request decoded into its operation and validated input.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DecodedRequest {
    /// The operation's model name, e.g. `ListImages`.
    pub operation: &'static str,
    /// The input as JSON with the model's member names (labels, query and body merged).
    pub input: Value,
}

/// Why a request could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// No operation of the model has this method and path.
    UnknownOperation {
        /// The request method.
        method: String,
        /// The request path.
        path: String,
    },
    /// A path label or query value is not valid percent-encoded UTF-8, or a query value does not
    /// have the member's type.
    MalformedParameter {
        /// The member (label or query parameter) name.
        member: String,
        /// What is wrong.
        message: String,
    },
    /// The body is not a JSON object.
    MalformedBody {
        /// What is wrong.
        message: String,
    },
    /// The input breaks the model's rules (every violation).
    Validation(ValidationError),
}

impl DecodeError {
    /// The AWS error code the service answers with: `UnknownOperationException`,
    /// `SerializationException` or `ValidationException`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownOperation { .. } => "UnknownOperationException",
            Self::MalformedParameter { .. } | Self::MalformedBody { .. } => {
                "SerializationException"
            }
            Self::Validation(_) => "ValidationException",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownOperation { method, path } => {
                write!(f, "no operation of the model is `{method} {path}`")
            }
            Self::MalformedParameter { member, message } => write!(f, "{member}: {message}"),
            Self::MalformedBody { message } => write!(f, "the request body {message}"),
            Self::Validation(e) => {
                let n = e.violations.len();
                let plural = if n == 1 { "" } else { "s" };
                write!(f, "{n} validation error{plural} detected: ")?;
                for (i, v) in e.violations.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    f.write_str(&v.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// An error response laid out as the service sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The HTTP status: the model's for modelled exceptions, else the one AWS uses for the code.
    pub status: u16,
    /// The code, sent as `x-amzn-ErrorType`.
    pub code: &'static str,
    /// The JSON body: `{"message": ...}`.
    pub body: Vec<u8>,
}

/// The HTTP status AWS answers `code` with: the model's status for its exceptions, 400 for
/// `ValidationException`, `SerializationException`, `IncompleteSignatureException`, 403 for the
/// signature and credential refusals, 404 for `UnknownOperationException`, 500 otherwise.
pub fn error_status(code: &str) -> u16 {
    if let Some((_, status)) = EXCEPTIONS.iter().find(|(name, _)| *name == code) {
        return *status;
    }
    match code {
        "ValidationException" | "SerializationException" | "IncompleteSignatureException" => 400,
        "InvalidSignatureException"
        | "MissingAuthenticationTokenException"
        | "UnrecognizedClientException"
        | "ExpiredTokenException" => 403,
        "UnknownOperationException" => 404,
        "ThrottlingException" => 400,
        _ => 500,
    }
}

/// The error response for `code` with `message`: status from [`error_status`], body
/// `{"message": message}`.
pub fn error_response(code: &'static str, message: &str) -> ErrorResponse {
    let body = serde_json::json!({ "message": message })
        .to_string()
        .into_bytes();
    ErrorResponse {
        status: error_status(code),
        code,
        body,
    }
}

/// Why an output could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodeError {
    /// The operation name is not in the model.
    UnknownOperation(String),
    /// The output is not a JSON object.
    NotAnObject,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownOperation(name) => {
                write!(f, "unknown operation `{name}` (not in the model)")
            }
            Self::NotAnObject => f.write_str("the output must be a JSON object"),
        }
    }
}

impl std::error::Error for EncodeError {}

/// Encodes `output` as `operation`'s response body: members in model order, members the output
/// shape does not have dropped, timestamps as epoch seconds.
pub fn encode_output(operation: &str, output: &Value) -> Result<Vec<u8>, EncodeError> {
    let op = engine::find(operation)
        .ok_or_else(|| EncodeError::UnknownOperation(operation.to_string()))?;
    if !output.is_object() {
        return Err(EncodeError::NotAnObject);
    }
    let mut body = Vec::with_capacity(256);
    engine::write_value(&mut body, op.output, output);
    Ok(body)
}

/// A routed request: the operation name and its decoded path labels `(label, value)`.
pub type Route = (&'static str, Vec<(&'static str, String)>);

/// The operation whose method and URI template match, with its decoded path labels.
pub fn route(method: &str, raw_path: &str) -> Result<Route, DecodeError> {
    for op in OPERATIONS.iter().filter(|op| op.method == method) {
        if let Some(labels) = match_template(op, raw_path)? {
            return Ok((op.name, labels));
        }
    }
    Err(DecodeError::UnknownOperation {
        method: method.to_string(),
        path: raw_path.to_string(),
    })
}

fn match_template(
    op: &'static OperationDef,
    raw_path: &str,
) -> Result<Option<Vec<(&'static str, String)>>, DecodeError> {
    if op.uri.is_empty() {
        let matches = raw_path
            .strip_prefix('/')
            .is_some_and(|rest| rest == op.name);
        return Ok(matches.then(Vec::new));
    }
    let mut labels = Vec::new();
    let mut template = op.uri;
    let mut path = raw_path;
    while let Some(open) = template.find('{') {
        let Some(rest) = path.strip_prefix(&template[..open]) else {
            return Ok(None);
        };
        let Some(close) = template[open..].find('}') else {
            return Ok(None);
        };
        let label = &template[open + 1..open + close];
        template = &template[open + close + 1..];
        let (label, greedy) = match label.strip_suffix('+') {
            Some(l) => (l, true),
            None => (label, false),
        };
        let end = if greedy {
            rest.len() - template.len().min(rest.len())
        } else {
            rest.find('/').unwrap_or(rest.len())
        };
        let raw = &rest[..end];
        if raw.is_empty() {
            return Ok(None);
        }
        labels.push((label, percent_decode(label, raw)?));
        path = &rest[end..];
    }
    Ok((path == template).then_some(labels))
}

/// Decodes `%XX` escapes (and nothing else: `+` stays `+` in a path) into UTF-8.
fn percent_decode(member: &str, raw: &str) -> Result<String, DecodeError> {
    decode_component(member, raw, false)
}

fn decode_component(member: &str, raw: &str, plus_is_space: bool) -> Result<String, DecodeError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                let Some(b) = hex else {
                    return Err(DecodeError::MalformedParameter {
                        member: member.to_string(),
                        message: format!("`%` at byte {i} is not followed by two hex digits"),
                    });
                };
                out.push(b);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| DecodeError::MalformedParameter {
        member: member.to_string(),
        message: "is not valid UTF-8 once percent-decoded".to_string(),
    })
}

/// Decodes a request: routes it, merges labels, query parameters and the JSON body into the
/// operation's input, and validates that input with the model's rules.
///
/// `raw_path` and `raw_query` are as sent (percent-encoded; the query without `?`). Query
/// parameters the input does not bind are ignored, as the service does.
pub fn decode_request(
    method: &str,
    raw_path: &str,
    raw_query: &str,
    body: &[u8],
) -> Result<DecodedRequest, DecodeError> {
    let (name, labels) = route(method, raw_path)?;
    let op = engine::find(name).ok_or_else(|| DecodeError::UnknownOperation {
        method: method.to_string(),
        path: raw_path.to_string(),
    })?;
    let members = match SHAPES.get(usize::from(op.input)).map(|s| s.kind()) {
        Some(Kind::Structure(members)) => members,
        _ => &[],
    };

    let mut input = Map::new();
    let body = body.trim_ascii();
    if !body.is_empty() {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(obj)) => {
                // Only body members come from the body; a label or query member sent in the
                // body is not where the protocol puts it, so the validator reports it unknown.
                for (k, v) in obj {
                    let bound_elsewhere = members
                        .iter()
                        .any(|m| m.name() == k && m.location() != Location::Body);
                    let key = if bound_elsewhere {
                        format!("(body).{k}")
                    } else {
                        k
                    };
                    input.insert(key, v);
                }
            }
            Ok(_) => {
                return Err(DecodeError::MalformedBody {
                    message: "is not a JSON object".to_string(),
                });
            }
            Err(e) => {
                return Err(DecodeError::MalformedBody {
                    message: format!("is not JSON: {e}"),
                });
            }
        }
    }
    for (label, value) in labels {
        input.insert(label.to_string(), Value::String(value));
    }
    for pair in raw_query.split('&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode_component("(query)", raw_name, true)?;
        let Some(member) = members
            .iter()
            .find(|m| matches!(m.location(), Location::Query(q) if q == name))
        else {
            continue;
        };
        let value = decode_component(member.name(), raw_value, true)?;
        let shape = SHAPES.get(usize::from(member.shape)).map(|s| s.kind());
        match shape {
            Some(Kind::List(item, _)) => {
                let item_kind = SHAPES.get(usize::from(item)).map(|s| s.kind());
                let v = query_scalar(member.name(), item_kind, value)?;
                match input
                    .entry(member.name().to_string())
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    Value::Array(items) => items.push(v),
                    other => *other = Value::Array(vec![v]),
                }
            }
            kind => {
                let v = query_scalar(member.name(), kind, value)?;
                input.insert(member.name().to_string(), v);
            }
        }
    }
    let violations = crate::validate::validate(op.input, &input);
    if !violations.is_empty() {
        return Err(DecodeError::Validation(ValidationError {
            operation: op.name,
            violations,
        }));
    }
    Ok(DecodedRequest {
        operation: op.name,
        input: Value::Object(input),
    })
}

/// A query value converted to the member's type.
fn query_scalar(member: &str, kind: Option<Kind>, value: String) -> Result<Value, DecodeError> {
    let bad = |expected: &str, value: &str| DecodeError::MalformedParameter {
        member: member.to_string(),
        message: format!("expected {expected}, got `{value}`"),
    };
    Ok(match kind {
        Some(Kind::Integer { .. }) => match value.parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => return Err(bad("an integer", &value)),
        },
        Some(Kind::Double(_)) => match value
            .parse::<f64>()
            .ok()
            .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
        {
            Some(v) => v,
            None => return Err(bad("a number", &value)),
        },
        Some(Kind::Boolean) => match value.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad("`true` or `false`", &value)),
        },
        _ => Value::String(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::json;
    use serde_json::json;

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn every_operation_request_the_client_lays_out_decodes_back_to_its_operation() {
        for name in json::OPERATIONS {
            let Some(op) = engine::find(name) else {
                panic!("{name} is in the table");
            };
            let path = op.path().replace("{resourceArn}", "x");
            let (routed, _) = route(op.method, &path).expect("routes");
            assert_eq!(routed, *name);
        }
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_get_image_request_round_trips_through_the_client_layout() {
        let arn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
        let parts = json::request("GetImage", &json!({ "imageBuildVersionArn": arn })).unwrap();
        let decoded =
            decode_request(parts.method, &parts.path, &parts.query_string(), b"").unwrap();
        assert_eq!(decoded.operation, "GetImage");
        assert_eq!(decoded.input, json!({ "imageBuildVersionArn": arn }));
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn tag_resource_labels_are_percent_decoded_and_body_members_kept() {
        let arn = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0";
        let input = json!({ "resourceArn": arn, "tags": { "team": "a b" } });
        let parts = json::request("TagResource", &input).unwrap();
        let body = parts.body.clone().unwrap_or_default();
        let decoded = decode_request(parts.method, &parts.path, "", &body).unwrap();
        assert_eq!(decoded.operation, "TagResource");
        assert_eq!(decoded.input, input);
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn untag_resource_query_lists_collect_every_value() {
        let arn = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0";
        let input = json!({ "resourceArn": arn, "tagKeys": ["a", "b c"] });
        let parts = json::request("UntagResource", &input).unwrap();
        let decoded =
            decode_request(parts.method, &parts.path, &parts.query_string(), b"").unwrap();
        assert_eq!(decoded.input, input);
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn out_of_range_max_results_is_a_validation_exception_naming_the_member() {
        let err = decode_request("POST", "/ListImages", "", br#"{"maxResults":500}"#).unwrap_err();
        assert_eq!(err.code(), "ValidationException");
        assert_eq!(
            err.to_string(),
            "1 validation error detected: maxResults: must be between 1 and 100, got 500"
        );
        assert_eq!(error_status(err.code()), 400);
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_body_that_is_not_json_is_a_serialization_exception() {
        let err = decode_request("POST", "/ListImages", "", b"{nope").unwrap_err();
        assert_eq!(err.code(), "SerializationException");
        assert!(err.to_string().starts_with("the request body is not JSON"));
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn an_unknown_path_is_an_unknown_operation() {
        let err = decode_request("POST", "/DoesNotExist", "", b"{}").unwrap_err();
        assert_eq!(err.code(), "UnknownOperationException");
        let err = decode_request("GET", "/ListImages", "", b"").unwrap_err();
        assert_eq!(err.code(), "UnknownOperationException");
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_non_integer_query_value_names_the_member() {
        let err = decode_request("GET", "/ListImagePipelineImages", "", b"").unwrap_err();
        assert_eq!(err.code(), "UnknownOperationException");
        let err =
            decode_request("DELETE", "/DeleteImage", "imageBuildVersionArn=%ZZ", b"").unwrap_err();
        assert_eq!(err.code(), "SerializationException");
        assert!(err.to_string().starts_with("imageBuildVersionArn:"));
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn outputs_are_encoded_in_model_order_without_unknown_members() {
        let body = encode_output(
            "ListImages",
            &json!({ "nextToken": "t", "junk": 1, "requestId": "r", "imageVersionList": [] }),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"requestId":"r","imageVersionList":[],"nextToken":"t"}"#
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn modelled_errors_take_the_model_status_and_unknown_ones_aws_status() {
        assert_eq!(error_response("ResourceNotFoundException", "x").status, 404);
        assert_eq!(error_response("InvalidSignatureException", "x").status, 403);
        let r = error_response("ResourceInUseException", "it \"is\" used");
        assert_eq!(r.status, 400);
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["message"], "it \"is\" used");
    }
}
