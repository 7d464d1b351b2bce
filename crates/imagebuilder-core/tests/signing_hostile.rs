//! `imagebuilder_core::signing` on hostile and unusual input: the limits that keep `aws-sigv4`
//! from panicking (each a clear error naming the field), and the places where we sign as botocore
//! does rather than as `aws-sigv4`'s defaults would (unsigned hop-by-hop headers, lower-case host,
//! a caller's payload hash, folded tabs).
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use imagebuilder_core::signing::{
    Credentials, MAX_HEADERS, MAX_URL_LEN, Payload, SignableRequest, SigningError, SigningParams,
    UNSIGNED_HEADERS, presign_url, sign_headers, time_from_unix_millis,
};
use std::time::Duration;

/// 2015-08-30T12:36:00Z
const TIME_MS: u64 = 1_440_938_160_000;

fn credentials(token: Option<String>) -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        token,
    )
}

fn request<'a>(url: &'a str, headers: &'a [(String, String)]) -> SignableRequest<'a> {
    SignableRequest {
        method: "GET",
        url,
        headers,
        payload: Payload::Bytes(b""),
    }
}

fn authorization(url: &str, headers: &[(String, String)]) -> String {
    let creds = credentials(None);
    let params = SigningParams::new(
        &creds,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(TIME_MS),
    );
    sign_headers(&request(url, headers), &params)
        .unwrap()
        .header("authorization")
        .unwrap()
        .to_string()
}

fn rule_of<T: std::fmt::Debug>(result: Result<T, SigningError>) -> (String, &'static str) {
    match result {
        Err(SigningError::InvalidInput { field, rule, .. }) => (field, rule),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn thirty_two_thousand_headers_are_refused_by_count_not_by_a_panic() {
    let headers: Vec<(String, String)> = (0..32_000)
        .map(|i| (format!("x-h{i}"), "v".to_string()))
        .collect();
    let creds = credentials(None);
    let params = SigningParams::new(
        &creds,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(0),
    );
    let (field, rule) = rule_of(sign_headers(
        &request("https://h/ListImages", &headers),
        &params,
    ));
    assert_eq!((field.as_str(), rule), ("headers", "length"));
    let at_limit: Vec<(String, String)> = (0..MAX_HEADERS)
        .map(|i| (format!("x-h{i}"), "v".to_string()))
        .collect();
    assert!(sign_headers(&request("https://h/ListImages", &at_limit), &params).is_ok());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_presigned_url_that_could_outgrow_an_http_uri_is_refused_before_signing() {
    let token = "T".repeat(16_000);
    let creds = credentials(Some(token));
    let params = SigningParams::new(
        &creds,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(0),
    );
    let long_query = format!("https://h/GetImage?x={}", "%21".repeat(5_000));
    let (field, rule) = rule_of(presign_url(
        &request(&long_query, &[]),
        &params,
        Duration::from_secs(60),
    ));
    assert_eq!((field.as_str(), rule), ("url", "length"));
    // The same token with a short URL fits, and signs.
    let url = presign_url(
        &request("https://h/GetImage?x=1", &[]),
        &params,
        Duration::from_secs(60),
    )
    .unwrap();
    assert!(url.url.len() > 16_000);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn oversized_tokens_regions_services_and_urls_name_their_field() {
    let huge_token = credentials(Some("T".repeat(70_000)));
    let params = SigningParams::new(
        &huge_token,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(0),
    );
    let req = request("https://h/GetImage", &[]);
    for result in [
        rule_of(sign_headers(&req, &params)),
        rule_of(presign_url(&req, &params, Duration::from_secs(60))),
    ] {
        assert_eq!(result, ("credentials.session_token".to_string(), "length"));
    }
    let creds = credentials(None);
    let region = "a".repeat(66_000);
    let params = SigningParams::new(&creds, &region, "imagebuilder", time_from_unix_millis(0));
    assert_eq!(
        rule_of(presign_url(&req, &params, Duration::from_secs(60))),
        ("region".to_string(), "length")
    );
    let params = SigningParams::new(&creds, "us-east-1", &region, time_from_unix_millis(0));
    assert_eq!(
        rule_of(sign_headers(&req, &params)),
        ("service".to_string(), "length")
    );
    let params = SigningParams::new(
        &creds,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(0),
    );
    let long = format!("https://h/{}", "a".repeat(MAX_URL_LEN));
    assert_eq!(
        rule_of(sign_headers(&request(&long, &[]), &params)),
        ("url".to_string(), "length")
    );
    let big_value = pairs(&[("x-big", &"v".repeat(20_000))]);
    assert_eq!(
        rule_of(sign_headers(&request("https://h/", &big_value), &params)),
        ("headers[0].value".to_string(), "length")
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn headers_botocore_never_signs_change_nothing_in_the_signature() {
    let bare = authorization("https://h/ListImages", &[]);
    for name in UNSIGNED_HEADERS {
        for spelling in [name.to_string(), name.to_ascii_uppercase()] {
            let with = authorization(
                "https://h/ListImages",
                &pairs(&[(spelling.as_str(), "anything at all")]),
            );
            assert_eq!(with, bare, "{spelling} must not be signed");
        }
    }
    let signed = authorization("https://h/ListImages", &pairs(&[("x-custom", "1")]));
    assert_ne!(signed, bare, "an ordinary header is signed");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn an_upper_case_host_is_signed_as_servers_see_it_in_lower_case() {
    assert_eq!(
        authorization(
            "https://ImageBuilder.US-EAST-1.amazonaws.com/ListImages",
            &[]
        ),
        authorization(
            "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
            &[]
        )
    );
    assert_eq!(
        authorization("http://LOCALHOST:8080/emulator/ListImages?Owner=Self", &[]),
        authorization("http://localhost:8080/emulator/ListImages?Owner=Self", &[])
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_callers_content_sha256_header_is_the_payload_hash() {
    let creds = credentials(None);
    let params = SigningParams::new(
        &creds,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(0),
    );
    let sign = |headers: &[(String, String)], payload| {
        let r = SignableRequest {
            method: "POST",
            url: "https://h/CreateImage",
            headers,
            payload,
        };
        sign_headers(&r, &params).unwrap().signature
    };
    let unsigned = pairs(&[("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")]);
    // With the header, the body no longer matters: the header's value is the hash.
    assert_eq!(
        sign(&unsigned, Payload::Bytes(b"{\"a\":1}")),
        sign(&unsigned, Payload::Bytes(b"other"))
    );
    assert_eq!(
        sign(&unsigned, Payload::Bytes(b"x")),
        sign(&unsigned, Payload::Unsigned)
    );
    let twice = pairs(&[
        ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
        ("X-AMZ-CONTENT-SHA256", "UNSIGNED-PAYLOAD"),
    ]);
    let r = SignableRequest {
        method: "POST",
        url: "https://h/CreateImage",
        headers: &twice,
        payload: Payload::Unsigned,
    };
    assert_eq!(
        rule_of(sign_headers(&r, &params)),
        ("headers[1].name".to_string(), "duplicate")
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn tabs_and_runs_of_spaces_in_a_value_fold_to_one_space() {
    assert_eq!(
        authorization("https://h/", &pairs(&[("x-v", " \ta \t\t b  c\t")])),
        authorization("https://h/", &pairs(&[("x-v", "a b c")]))
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn a_path_ending_in_a_dot_segment_is_signed_as_browsers_send_it() {
    // RFC 3986 5.2.4 (and the WHATWG URL parser that fetch uses) resolve "/a/b/.." to "/a/";
    // botocore drops that trailing slash. We sign what a browser actually sends.
    assert_eq!(
        authorization("https://h/a/b/..", &[]),
        authorization("https://h/a/", &[])
    );
    assert_eq!(
        authorization("https://h/a/./b/.", &[]),
        authorization("https://h/a/b/", &[])
    );
}
