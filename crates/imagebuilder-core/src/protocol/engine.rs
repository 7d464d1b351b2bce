//! The rest-json engine: JSON input -> validated HTTP request parts; HTTP response -> JSON
//! output (unknown members dropped, numbers and timestamps normalized) or a typed error.
//!
//! It walks the generated shape tables over `serde_json::Value`s. The typed operations go
//! through it too ([`typed_request`] serializes the input first, [`typed_response`] deserializes
//! the output last), so there is one implementation of the wire format, and the JSON entry
//! point links no typed shape.

use super::errors::{self, ResponseError};
use super::parts::{RequestParts, ResponseParts};
use super::schema::{Kind, Location, Member, OperationDef, ShapeId};
use super::timestamp::Timestamp;
use super::validate::{self, json_quote, sort_keys};
use super::violation::{ValidationError, Violation};
use crate::generated::tables::{OPERATION_NAMES, OPERATIONS, SHAPES};
use crate::http::{percent_encode_into, percent_encode_path_into};
use serde_json::{Map, Value};

/// The operation named `name`.
pub(crate) fn find(name: &str) -> Option<&'static OperationDef> {
    OPERATION_NAMES
        .binary_search(&name)
        .ok()
        .and_then(|i| OPERATIONS.get(i))
}

/// Validates `input` and lays it out as HTTP request parts.
pub(crate) fn request(
    op: &'static OperationDef,
    input: &Map<String, Value>,
) -> Result<RequestParts, ValidationError> {
    let violations = validate::validate(op.input, input);
    if !violations.is_empty() {
        return Err(ValidationError {
            operation: op.name,
            violations,
        });
    }
    Ok(build(op, input))
}

/// Validates a typed input (serialized to JSON first) without building a request.
pub(crate) fn typed_validate<I: serde::Serialize>(
    op: &'static OperationDef,
    input: &I,
) -> Result<(), ValidationError> {
    let violations = match serde_json::to_value(input) {
        Ok(Value::Object(map)) => validate::validate(op.input, &map),
        Ok(_) | Err(_) => vec![not_an_object()],
    };
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ValidationError {
            operation: op.name,
            violations,
        })
    }
}

fn not_an_object() -> Violation {
    Violation::new("", "type", "does not serialize to a JSON object")
}

/// [`request`] for a typed input: serializes it to JSON first.
pub(crate) fn typed_request<I: serde::Serialize>(
    op: &'static OperationDef,
    input: &I,
) -> Result<RequestParts, ValidationError> {
    match serde_json::to_value(input) {
        Ok(Value::Object(map)) => request(op, &map),
        Ok(_) | Err(_) => Err(ValidationError {
            operation: op.name,
            violations: vec![not_an_object()],
        }),
    }
}

/// Builds the request parts of a valid input.
fn build(op: &'static OperationDef, input: &Map<String, Value>) -> RequestParts {
    let Some(Kind::Structure(members)) = SHAPES.get(usize::from(op.input)).map(|s| s.kind()) else {
        return RequestParts {
            method: op.method,
            path: op.path(),
            ..RequestParts::default()
        };
    };
    if op.uri.is_empty() {
        // The common `/OperationName` URI (stored empty to keep the tables small).
        return RequestParts {
            path: op.path(),
            ..build_rest(op, members, input, String::new())
        };
    }
    let mut path = String::with_capacity(op.uri.len());
    let mut rest = op.uri;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let label = &rest[open + 1..open + close];
        let (label, greedy) = match label.strip_suffix('+') {
            Some(l) => (l, true),
            None => (label, false),
        };
        let value = members
            .iter()
            .find(|m| m.location() == Location::Uri(label))
            .and_then(|m| input.get(m.name()))
            .and_then(Value::as_str)
            .unwrap_or_default();
        if greedy {
            percent_encode_path_into(&mut path, value);
        } else {
            percent_encode_into(&mut path, value);
        }
        rest = &rest[open + close + 1..];
    }
    path.push_str(rest);
    build_rest(op, members, input, path)
}

/// The query string, headers and body of a valid input; `path` is already laid out.
fn build_rest(
    op: &'static OperationDef,
    members: &'static [Member],
    input: &Map<String, Value>,
    path: String,
) -> RequestParts {
    let mut query = Vec::new();
    for m in members {
        let Location::Query(name) = m.location() else {
            continue;
        };
        match input.get(m.name()) {
            Some(Value::Array(items)) => {
                for item in items {
                    if let Some(v) = query_value(item) {
                        query.push((name.to_string(), v));
                    }
                }
            }
            Some(v) => {
                if let Some(v) = query_value(v) {
                    query.push((name.to_string(), v));
                }
            }
            None => {}
        }
    }

    let mut headers = Vec::new();
    let body = op.has_body.then(|| {
        let mut body = Vec::with_capacity(64);
        body.push(b'{');
        let mut first = true;
        for m in members.iter().filter(|m| m.location() == Location::Body) {
            let Some(v) = input.get(m.name()).filter(|v| !v.is_null()) else {
                continue;
            };
            if !first {
                body.push(b',');
            }
            first = false;
            write_string(&mut body, m.name());
            body.push(b':');
            write_value(&mut body, m.shape, v);
        }
        body.push(b'}');
        headers.push(("content-type".to_string(), "application/json".to_string()));
        body
    });
    RequestParts {
        method: op.method,
        path,
        query,
        headers,
        body,
    }
}

/// A query string value as botocore renders it (`true`/`false`, decimal numbers).
fn query_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    // Writing to a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Writes a validated value as JSON: structure members in model order (unknown ones were
/// refused by validation), map keys sorted, timestamps as exact epoch-second decimals.
pub(crate) fn write_value(out: &mut Vec<u8>, id: ShapeId, v: &Value) {
    let Some(shape) = SHAPES.get(usize::from(id)) else {
        return;
    };
    match (shape.kind(), v) {
        (Kind::Structure(members), Value::Object(obj)) => {
            out.push(b'{');
            let mut first = true;
            for m in members.iter() {
                let Some(v) = obj.get(m.name()).filter(|v| !v.is_null()) else {
                    continue;
                };
                if !first {
                    out.push(b',');
                }
                first = false;
                write_string(out, m.name());
                out.push(b':');
                write_value(out, m.shape, v);
            }
            out.push(b'}');
        }
        (Kind::List(member, _), Value::Array(items)) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, member, item);
            }
            out.push(b']');
        }
        (Kind::Map(_, value, _), Value::Object(entries)) => {
            let mut keys: Vec<&String> = entries.keys().collect();
            sort_keys(&mut keys);
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, k);
                out.push(b':');
                write_value(out, value, &entries[k]);
            }
            out.push(b'}');
        }
        (Kind::Timestamp, v) => match Timestamp::from_json(v) {
            Ok(t) => out.extend_from_slice(t.decimal().as_bytes()),
            Err(_) => out.extend_from_slice(b"null"),
        },
        (_, v) => {
            let _ = serde_json::to_writer(&mut *out, v);
        }
    }
}

/// Parses a response: 2xx into the output as JSON, anything else into a service error.
pub(crate) fn response(
    op: &'static OperationDef,
    response: ResponseParts<'_>,
) -> Result<Value, ResponseError> {
    if !(200..300).contains(&response.status) {
        return Err(ResponseError::Service(errors::parse(response)));
    }
    let malformed = |message: String| ResponseError::Malformed {
        status: response.status,
        message,
    };
    let body = response.body.trim_ascii();
    let parsed = if body.is_empty() {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(body).map_err(|e| malformed(format!("the body is not JSON: {e}")))?
    };
    let mut path = String::new();
    match convert(op.output, &parsed, &mut path) {
        Ok(Some(v @ Value::Object(_))) => Ok(v),
        Ok(_) => Err(malformed("the body is not a JSON object".to_string())),
        Err(e) => Err(malformed(e)),
    }
}

/// [`response`] into a typed output.
pub(crate) fn typed_response<O: serde::de::DeserializeOwned>(
    op: &'static OperationDef,
    response: ResponseParts<'_>,
) -> Result<O, ResponseError> {
    let status = response.status;
    let value = self::response(op, response)?;
    serde_json::from_value(value).map_err(|e| ResponseError::Malformed {
        status,
        message: format!("the body does not fit the output of {}: {e}", op.name),
    })
}

/// Converts a response value to its shape: unknown members and nulls dropped, integers checked,
/// doubles as floats, timestamps as epoch seconds. `Ok(None)` for null.
fn convert(id: ShapeId, v: &Value, path: &mut String) -> Result<Option<Value>, String> {
    if v.is_null() {
        return Ok(None);
    }
    let Some(shape) = SHAPES.get(usize::from(id)) else {
        return Ok(None);
    };
    let wrong = |path: &str, expected: &str| {
        let at = if path.is_empty() { "the body" } else { path };
        Err(format!("{at}: expected {expected}, got {v}"))
    };
    Ok(Some(match (shape.kind(), v) {
        (Kind::Structure(members), Value::Object(obj)) => {
            let mut out = Map::new();
            for m in members.iter() {
                let Some(item) = obj.get(m.name()) else {
                    continue;
                };
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(m.name());
                let converted = convert(m.shape, item, path)?;
                path.truncate(len);
                if let Some(c) = converted {
                    out.insert(m.name().to_string(), c);
                }
            }
            Value::Object(out)
        }
        (Kind::List(member, _), Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let converted = convert(member, item, path)?;
                path.truncate(len);
                out.extend(converted);
            }
            Value::Array(out)
        }
        (Kind::Map(_, value, _), Value::Object(entries)) => {
            let mut out = Map::new();
            for (k, item) in entries {
                let len = path.len();
                path.push('[');
                path.push_str(&json_quote(k));
                path.push(']');
                let converted = convert(value, item, path)?;
                path.truncate(len);
                if let Some(c) = converted {
                    out.insert(k.clone(), c);
                }
            }
            Value::Object(out)
        }
        (Kind::String(..), Value::String(_)) | (Kind::Boolean, Value::Bool(_)) => v.clone(),
        (Kind::Integer { long, .. }, Value::Number(n)) => {
            let i = n
                .as_i64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                        .map(|f| f as i64)
                })
                .filter(|i| long || i32::try_from(*i).is_ok());
            match i {
                Some(i) => Value::from(i),
                None if long => return wrong(path, "a 64-bit integer"),
                None => return wrong(path, "a 32-bit integer"),
            }
        }
        (Kind::Double(_), Value::Number(n)) => match n.as_f64() {
            Some(f) => Value::from(f),
            None => return wrong(path, "a number"),
        },
        (Kind::Timestamp, Value::Number(_) | Value::String(_)) => match Timestamp::from_json(v) {
            Ok(t) => t.to_json(),
            Err(_) => return wrong(path, "a timestamp"),
        },
        (Kind::Structure(_) | Kind::Map(..), _) => return wrong(path, "an object"),
        (Kind::List(..), _) => return wrong(path, "a list"),
        (Kind::String(..), _) => return wrong(path, "a string"),
        (Kind::Boolean, _) => return wrong(path, "a boolean"),
        (Kind::Integer { .. } | Kind::Double(_), _) => return wrong(path, "a number"),
        (Kind::Timestamp, _) => return wrong(path, "a timestamp"),
    }))
}
