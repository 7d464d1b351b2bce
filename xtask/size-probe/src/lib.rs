//! Two exported functions, `request(operation, input_json)` and
//! `response(operation, status, body)`, over one of imagebuilder-core's protocol paths:
//!
//! - feature `json`: `protocol::json` (the JSON-in/JSON-out entry point; no typed shape linked);
//! - feature `typed`: `imagebuilder_core::dispatch` (core feature `dispatch`) (every operation's typed input and output linked);
//! - feature `baseline`: no core at all, only serde_json (what every such module pays anyway).
//!
//! `cargo xtask size` builds both for wasm32, runs wasm-bindgen, `wasm-opt -Oz` and gzip -9.

use imagebuilder_core::protocol::{ResponseParts, RequestParts};
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(all(feature = "json", not(feature = "typed")))]
use imagebuilder_core::protocol::json::{request as path_request, response as path_response};

#[cfg(all(feature = "baseline", not(feature = "typed"), not(feature = "json")))]
fn path_request(_: &str, _: &Value) -> Result<RequestParts, String> {
    Err("baseline".to_string())
}
#[cfg(all(feature = "baseline", not(feature = "typed"), not(feature = "json")))]
fn path_response(_: &str, r: ResponseParts<'_>) -> Result<Value, String> {
    serde_json::from_slice(r.body).map_err(|e| e.to_string())
}

#[cfg(all(feature = "typed", not(feature = "json")))]
use imagebuilder_core::dispatch::{
    request_typed as path_request, response_typed as path_response,
};

fn show(parts: RequestParts) -> String {
    let body = parts
        .body
        .as_deref()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut out = format!("{} {}?{}\n", parts.method, parts.path, parts.query_string());
    for (name, value) in &parts.headers {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    }
    out.push_str(&body);
    out
}

/// Lays out a request for `operation` from its JSON input.
#[wasm_bindgen]
pub fn request(operation: &str, input: &str) -> Result<String, String> {
    // `from_slice` and `to_vec`, as the core itself uses, so serde_json is linked once.
    let input: Value = serde_json::from_slice(input.as_bytes()).map_err(|e| e.to_string())?;
    path_request(operation, &input)
        .map(show)
        .map_err(|e| e.to_string())
}

/// Parses a response of `operation` into its JSON output.
#[wasm_bindgen]
pub fn response(operation: &str, status: u16, body: &[u8]) -> Result<String, String> {
    let headers = Vec::new();
    let http = ResponseParts {
        status,
        headers: &headers,
        body,
    };
    path_response(operation, http)
        .map(|v| String::from_utf8(serde_json::to_vec(&v).unwrap_or_default()).unwrap_or_default())
        .map_err(|e| e.to_string())
}
