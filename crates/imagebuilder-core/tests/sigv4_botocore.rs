//! Differential test against botocore's own SigV4 signer: every request of a random corpus
//! (`tests/fixtures/sigv4-botocore/corpus.json`, written by `cargo xtask sigv4-corpus` with
//! botocore 1.44.5's `SigV4Auth`) must get botocore's exact `Authorization` header, natively and
//! on wasm32. The npm package runs the same corpus through `signRequest`.
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use imagebuilder_core::signing::{
    Credentials, Payload, SignableRequest, SigningParams, sign_headers, time_from_unix_millis,
};
use serde_json::Value;

const CORPUS: &str = include_str!("fixtures/sigv4-botocore/corpus.json");

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap()
}

/// Signs one corpus case with our signer; returns (authorization, x-amz-date, token header).
fn sign_case(case: &Value) -> (String, String, Option<String>) {
    let headers: Vec<(String, String)> = case["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap().to_string(),
                h[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let body = hex_bytes(text(case, "bodyHex"));
    let credentials = Credentials::new(
        text(case, "accessKeyId"),
        text(case, "secretAccessKey"),
        case["sessionToken"].as_str().map(str::to_string),
    );
    let request = SignableRequest {
        method: text(case, "method"),
        url: text(case, "url"),
        headers: &headers,
        payload: Payload::Bytes(&body),
    };
    let params = SigningParams::new(
        &credentials,
        text(case, "region"),
        text(case, "service"),
        time_from_unix_millis(case["time"].as_u64().unwrap() * 1000),
    );
    let signed = sign_headers(&request, &params)
        .unwrap_or_else(|e| panic!("case {}: our signer refused it: {e}", case["id"]));
    (
        signed.header("authorization").unwrap().to_string(),
        signed.header("x-amz-date").unwrap().to_string(),
        signed.header("x-amz-security-token").map(str::to_string),
    )
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_corpus_request_gets_botocores_exact_authorization_header() {
    let corpus: Value = serde_json::from_str(CORPUS).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(
        cases.len() >= 2_000,
        "the corpus holds {} cases",
        cases.len()
    );
    let mut mismatches = Vec::new();
    for case in cases {
        let expected = &case["botocore"];
        let (authorization, date, token) = sign_case(case);
        if authorization != text(expected, "authorization")
            || date != text(expected, "xAmzDate")
            || token.as_deref() != expected["xAmzSecurityToken"].as_str()
        {
            mismatches.push(format!(
                "case {}: {} {}\n  ours:     {authorization}\n  botocore: {}",
                case["id"],
                text(case, "method"),
                text(case, "url"),
                text(expected, "authorization"),
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from botocore; first ones:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches[..mismatches.len().min(8)].join("\n")
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn the_corpus_covers_each_class_botocore_treats_specially() {
    let corpus: Value = serde_json::from_str(CORPUS).unwrap();
    let cases = corpus["cases"].as_array().unwrap();
    let has_header = |case: &Value, name: &str| {
        case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(name))
    };
    let count = |pred: &dyn Fn(&Value) -> bool| cases.iter().filter(|c| pred(c)).count();
    for name in [
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "expect",
        "baggage",
        "traceparent",
        "tracestate",
        "user-agent",
        "x-amzn-trace-id",
        "x-amz-content-sha256",
    ] {
        assert!(
            count(&|c| has_header(c, name)) >= 5,
            "too few cases with {name}"
        );
    }
    let upper_host = count(&|c| {
        let url = text(c, "url");
        let host = url.split("://").nth(1).unwrap().split(['/', '?']).next();
        host.unwrap().bytes().any(|b| b.is_ascii_uppercase())
    });
    assert!(
        upper_host >= 20,
        "{upper_host} cases with an upper-case host"
    );
    let tokens = count(&|c| c["sessionToken"].is_string());
    assert!(tokens >= 100, "{tokens} cases with a session token");
    let tabs = count(&|c| {
        c["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[1].as_str().unwrap().contains('\t'))
    });
    assert!(tabs >= 50, "{tabs} cases with a tab in a header value");
}
