//! botocore as the reference peer of our rest-json protocol.
//!
//! The fixtures in `fixtures/botocore/` are written by `cargo xtask botocore-fixtures` with
//! botocore 1.44.5's own serializer and parser (see the README there): for each of the 77
//! operations a maximal input and the request botocore makes of it, a maximal response and what
//! botocore parses from it; and `errors.json`, every modelled exception in every spelling plus a
//! few unmodelled errors. These tests check that both our entry points (the JSON one,
//! `protocol::json`, and the typed one, `generated::dispatch`) agree with botocore on all of them,
//! and report every mismatch at once.
//!
//! A difference that is a known, reported bug or a deliberate departure is listed in
//! [`KNOWN_DIFFERENCES`] with the reason: it is printed, not failed on; a listed difference that no
//! longer happens fails (so the list stays true).

use crate::common;

use imagebuilder_core::dispatch;
use imagebuilder_core::protocol::{RequestParts, ResponseError, ResponseParts, json};
use serde_json::Value;

/// `(case id, why)`: mismatches with botocore that are known and reported. Case ids are
/// `request/<path>/<Operation>`, `response/<path>/<Operation>` and `error/<path>/<case name>`,
/// where `<path>` is `json` or `typed`.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

const ERROR_FIXTURES: &str = include_str!("../fixtures/botocore/errors.json");

/// Which entry point of ours is checked.
#[derive(Clone, Copy)]
enum Path {
    Json,
    Typed,
}

impl Path {
    fn request(self, operation: &str, input: &Value) -> Result<RequestParts, String> {
        match self {
            Path::Json => json::request(operation, input).map_err(|e| format!("{e:?}")),
            Path::Typed => dispatch::request_typed(operation, input).map_err(|e| format!("{e:?}")),
        }
    }

    fn response(
        self,
        operation: &str,
        response: ResponseParts<'_>,
    ) -> Result<Value, ResponseError> {
        match self {
            Path::Json => json::response(operation, response),
            Path::Typed => dispatch::response_typed(operation, response),
        }
    }
}

fn parse(name: &str, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("fixture {name} is not JSON: {e}"))
}

fn string<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("fixture member {key} is not a string: {value}"))
}

fn headers(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("headers are a list of [name, value] pairs")
        .iter()
        .map(|pair| (string_at(pair, 0), string_at(pair, 1)))
        .collect()
}

fn string_at(pair: &Value, index: usize) -> String {
    pair[index]
        .as_str()
        .unwrap_or_else(|| panic!("[name, value] pair expected, got {pair}"))
        .to_string()
}

fn optional_string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

/// JSON equality where numbers compare by value (botocore's `1718000000` and our `1718000000.0`
/// are the same timestamp).
fn same_json(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (a.as_u64(), b.as_u64()) {
                (Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            },
        },
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(k).is_some_and(|y| same_json(x, y)))
        }
        _ => expected == actual,
    }
}

/// Every place where `actual` differs from `expected`, as `path: expected ..., got ...` lines.
fn json_differences(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    if same_json(expected, actual) {
        return;
    }
    match (expected, actual) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, x) in a {
                let here = format!("{path}.{key}");
                match b.get(key) {
                    Some(y) => json_differences(&here, x, y, out),
                    None => out.push(format!("{here}: missing (botocore has {x})")),
                }
            }
            for (key, y) in b {
                if !a.contains_key(key) {
                    out.push(format!(
                        "{path}.{key}: unexpected {y} (botocore has no such member)"
                    ));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                json_differences(&format!("{path}[{i}]"), x, y, out);
            }
        }
        _ => out.push(format!("{path}: botocore has {expected}, we have {actual}")),
    }
}

/// The mismatches of one test, checked against [`KNOWN_DIFFERENCES`] at the end.
struct Mismatches {
    prefix: &'static str,
    cases: usize,
    found: Vec<(String, String)>,
}

impl Mismatches {
    fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            cases: 0,
            found: Vec::new(),
        }
    }

    fn check(&mut self, id: String, differences: Vec<String>) {
        self.cases += 1;
        if !differences.is_empty() {
            self.found.push((id, differences.join("\n    ")));
        }
    }

    fn finish(self) {
        let mut failures = Vec::new();
        for (id, what) in &self.found {
            match KNOWN_DIFFERENCES.iter().find(|(known, _)| known == id) {
                Some((_, why)) => println!("known difference {id} ({why}):\n    {what}"),
                None => failures.push(format!("{id}:\n    {what}")),
            }
        }
        for (known, _) in KNOWN_DIFFERENCES {
            if known.starts_with(self.prefix) && !self.found.iter().any(|(id, _)| id == known) {
                failures.push(format!(
                    "{known}: listed in KNOWN_DIFFERENCES but now agrees with botocore (remove it)"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} {} cases differ from botocore 1.44.5:\n{}",
            failures.len(),
            self.cases,
            self.prefix,
            failures.join("\n")
        );
        assert!(self.cases > 0, "no {} case was checked", self.prefix);
    }
}

fn request_differences(fixture: &Value, parts: &RequestParts) -> Vec<String> {
    let expected = &fixture["request"];
    let mut out = Vec::new();
    let method = string(expected, "method");
    if parts.method != method {
        out.push(format!("method: botocore {method}, we {}", parts.method));
    }
    let path = string(expected, "path");
    if parts.path != path {
        out.push(format!("path: botocore {path}, we {}", parts.path));
    }
    let mut want_query = headers(&expected["query"]);
    want_query.sort();
    let mut query = parts.query.clone();
    query.sort();
    if query != want_query {
        out.push(format!("query: botocore {want_query:?}, we {query:?}"));
    }
    let want_type = optional_string(&expected["contentType"]);
    let content_type = parts
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.clone());
    if content_type != want_type {
        out.push(format!(
            "content-type: botocore {want_type:?}, we {content_type:?}"
        ));
    }
    let body = match &parts.body {
        None => Value::Null,
        Some(bytes) => match serde_json::from_slice(bytes) {
            Ok(value) => value,
            Err(e) => {
                out.push(format!(
                    "body is not JSON ({e}): {}",
                    String::from_utf8_lossy(bytes)
                ));
                return out;
            }
        },
    };
    json_differences("body", &expected["body"], &body, &mut out);
    out
}

fn check_requests(path: Path, prefix: &'static str) {
    let mut mismatches = Mismatches::new(prefix);
    for (name, text) in common::botocore::OPERATION_FIXTURES {
        let fixture = parse(name, text);
        let differences = match path.request(name, &fixture["input"]) {
            Ok(parts) => request_differences(&fixture, &parts),
            Err(e) => vec![format!("the maximal input was refused: {e}")],
        };
        mismatches.check(format!("{prefix}{name}"), differences);
    }
    mismatches.finish();
}

fn check_responses(path: Path, prefix: &'static str) {
    let mut mismatches = Mismatches::new(prefix);
    for (name, text) in common::botocore::OPERATION_FIXTURES {
        let fixture = parse(name, text);
        let response = &fixture["response"];
        let headers = headers(&response["headers"]);
        let http = ResponseParts {
            status: u16::try_from(response["status"].as_u64().expect("status")).expect("u16"),
            headers: &headers,
            body: string(response, "body").as_bytes(),
        };
        let mut differences = Vec::new();
        match path.response(name, http) {
            Ok(output) => json_differences("output", &fixture["parsed"], &output, &mut differences),
            Err(e) => differences.push(format!("the response was refused: {e:?}")),
        }
        mismatches.check(format!("{prefix}{name}"), differences);
    }
    mismatches.finish();
}

fn check_errors(path: Path, prefix: &'static str) {
    let fixtures = parse("errors.json", ERROR_FIXTURES);
    let cases = fixtures["cases"].as_array().expect("cases");
    let mut mismatches = Mismatches::new(prefix);
    for case in cases {
        let name = string(case, "name");
        let operation = string(case, "operation");
        let status = u16::try_from(case["status"].as_u64().expect("status")).expect("u16");
        let headers = headers(&case["headers"]);
        let http = ResponseParts {
            status,
            headers: &headers,
            body: string(case, "body").as_bytes(),
        };
        let botocore = &case["botocore"];
        let want_kind = botocore["modeledShape"].as_str().unwrap_or("Unknown");
        let want_code = string(botocore, "code");
        // botocore reports a missing message as "".
        let want_message = optional_string(&botocore["message"]).filter(|m| !m.is_empty());
        let want_request_id = optional_string(&botocore["requestId"]);
        let mut out = Vec::new();
        match path.response(operation, http) {
            Err(ResponseError::Service(error)) => {
                let kind = format!("{:?}", error.kind);
                if kind != want_kind {
                    out.push(format!("kind: botocore {want_kind}, we {kind}"));
                }
                if error.code != want_code {
                    out.push(format!("code: botocore {want_code:?}, we {:?}", error.code));
                }
                if error.message != want_message {
                    out.push(format!(
                        "message: botocore {want_message:?}, we {:?}",
                        error.message
                    ));
                }
                if error.request_id != want_request_id {
                    out.push(format!(
                        "request id: botocore {want_request_id:?}, we {:?}",
                        error.request_id
                    ));
                }
                if error.status != status {
                    out.push(format!("status: {status} sent, we report {}", error.status));
                }
            }
            other => out.push(format!("expected a ServiceError, got {other:?}")),
        }
        mismatches.check(format!("{prefix}{name}"), out);
    }
    mismatches.finish();
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn fixture_set_holds_exactly_one_file_per_protocol_operation() {
    let mut fixtures: Vec<&str> = common::botocore::OPERATION_FIXTURES
        .iter()
        .map(|(name, _)| *name)
        .collect();
    fixtures.sort_unstable();
    let mut operations: Vec<&str> = imagebuilder_core::model::OPERATIONS.to_vec();
    operations.sort_unstable();
    assert_eq!(fixtures, operations);
    assert_eq!(fixtures.len(), 77, "the model has 77 operations");
    for (name, text) in common::botocore::OPERATION_FIXTURES {
        assert_eq!(
            parse(name, text)["operation"],
            *name,
            "{name}.json names another operation"
        );
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn error_fixtures_cover_every_modelled_exception_in_four_spellings() {
    let fixtures = parse("errors.json", ERROR_FIXTURES);
    let cases = fixtures["cases"].as_array().expect("cases");
    let mut per_shape = std::collections::BTreeMap::<&str, usize>::new();
    for case in cases {
        if let Some(shape) = case["botocore"]["modeledShape"].as_str() {
            *per_shape.entry(shape).or_default() += 1;
        }
    }
    assert_eq!(
        per_shape.len(),
        20,
        "modelled exceptions seen: {per_shape:?}"
    );
    assert!(
        per_shape.values().all(|&n| n == 4),
        "spellings per exception: {per_shape:?}"
    );
    assert!(cases.len() > 80, "unmodelled error cases are missing");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn json_requests_match_botocore_for_every_operation() {
    check_requests(Path::Json, "request/json/");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn typed_requests_match_botocore_for_every_operation() {
    check_requests(Path::Typed, "request/typed/");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn json_responses_parse_like_botocore_for_every_operation() {
    check_responses(Path::Json, "response/json/");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn typed_responses_parse_like_botocore_for_every_operation() {
    check_responses(Path::Typed, "response/typed/");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn json_errors_are_recognised_like_botocore_in_every_spelling() {
    check_errors(Path::Json, "error/json/");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn typed_errors_are_recognised_like_botocore_in_every_spelling() {
    check_errors(Path::Typed, "error/typed/");
}
