//! `imagebuilder_core::signing`: the golden ListImages signature shared with the JS peers, secret
//! redaction, presigning, and input checks that name the field.
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use imagebuilder_core::signing::{
    Credentials, MAX_PRESIGN_EXPIRY, Payload, SignableRequest, SigningError, SigningParams,
    presign_url, sign_headers, time_from_unix_millis,
};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const GOLDEN: &str = include_str!("../fixtures/golden-sign.json");

fn golden() -> serde_json::Value {
    serde_json::from_str(GOLDEN).unwrap()
}

/// 2015-08-30T12:36:00Z
const SUITE_TIME_MS: u64 = 1_440_938_160_000;

fn example_credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
    )
}

fn list_images_headers() -> Vec<(String, String)> {
    vec![("content-type".to_string(), "application/json".to_string())]
}

fn request<'a>(headers: &'a [(String, String)], body: &'a [u8]) -> SignableRequest<'a> {
    SignableRequest {
        method: "POST",
        url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
        headers,
        payload: Payload::Bytes(body),
    }
}

fn expect_invalid(result: Result<impl std::fmt::Debug, SigningError>, field: &str, rule: &str) {
    match result {
        Err(SigningError::InvalidInput {
            field: f,
            rule: r,
            message,
        }) => {
            assert_eq!(f, field, "{message}");
            assert_eq!(r, rule, "{message}");
            assert!(
                message.contains(field),
                "message names the field: {message}"
            );
        }
        other => panic!("expected InvalidInput on {field}, got {other:?}"),
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn golden_list_images_headers_equal_the_js_reference_for_content_type_host_x_amz_date() {
    let g = golden();
    let input = &g["input"];
    let credentials = Credentials::new(
        input["accessKeyId"].as_str().unwrap(),
        input["secretAccessKey"].as_str().unwrap(),
        None,
    );
    let headers: Vec<(String, String)> = input["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    let body = input["body"].as_str().unwrap().as_bytes();
    let req = SignableRequest {
        method: input["method"].as_str().unwrap(),
        url: input["url"].as_str().unwrap(),
        headers: &headers,
        payload: Payload::Bytes(body),
    };
    let params = SigningParams::new(
        &credentials,
        input["region"].as_str().unwrap(),
        input["service"].as_str().unwrap(),
        time_from_unix_millis(SUITE_TIME_MS),
    );
    let signed = sign_headers(&req, &params).unwrap();
    let reference = &g["reference"];
    assert_eq!(signed.signature, reference["signature"].as_str().unwrap());
    assert_eq!(
        signed.header("authorization"),
        reference["authorization"].as_str()
    );
    assert_eq!(signed.header("x-amz-date"), input["amzDate"].as_str());
    assert!(signed.header("authorization").unwrap().contains(&format!(
        "SignedHeaders={},",
        g["alignedSignedHeaders"].as_str().unwrap()
    )));
    // Exactly the two headers: no content hash, no token.
    assert_eq!(signed.headers.len(), 2, "{:?}", signed.headers);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn golden_with_content_sha256_header_equals_smithy_signature_v4_defaults() {
    let g = golden();
    let smithy = g["defaults"].as_object().unwrap().values().next().unwrap();
    let headers = list_images_headers();
    let body = g["input"]["body"].as_str().unwrap().as_bytes();
    let credentials = example_credentials();
    let mut params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    params.settings.content_sha256_header = true;
    let signed = sign_headers(&request(&headers, body), &params).unwrap();
    assert_eq!(
        signed.header("authorization"),
        smithy["authorization"].as_str()
    );
    assert_eq!(
        signed.header("x-amz-content-sha256"),
        g["reference"]["payloadHash"].as_str()
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn credentials_debug_shows_the_key_id_but_never_the_secret_or_token() {
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        Some("SESSIONTOKENVALUE".to_string()),
    );
    let shown = format!("{credentials:?}");
    assert!(shown.contains("AKIDEXAMPLE"), "{shown}");
    assert!(!shown.contains("wJalrXUtnFEMI"), "{shown}");
    assert!(!shown.contains("SESSIONTOKENVALUE"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    let pretty = format!("{credentials:#?}");
    assert!(!pretty.contains("wJalrXUtnFEMI") && !pretty.contains("SESSIONTOKENVALUE"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn session_token_is_added_and_signed_but_redacted_in_debug() {
    let credentials = Credentials::new("AKIDEXAMPLE", "secret", Some("TOKEN123".to_string()));
    let headers = list_images_headers();
    let params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    let signed = sign_headers(&request(&headers, b"{}"), &params).unwrap();
    assert_eq!(signed.header("x-amz-security-token"), Some("TOKEN123"));
    assert!(
        signed
            .header("authorization")
            .unwrap()
            .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,")
    );
    assert!(!format!("{signed:?}").contains("TOKEN123"));

    let mut unsigned_token = params;
    unsigned_token.settings.sign_session_token = false;
    let signed = sign_headers(&request(&headers, b"{}"), &unsigned_token).unwrap();
    assert_eq!(signed.header("x-amz-security-token"), Some("TOKEN123"));
    assert!(
        signed
            .header("authorization")
            .unwrap()
            .contains("SignedHeaders=content-type;host;x-amz-date,")
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn unsigned_payload_is_declared_in_the_content_hash_header() {
    let credentials = example_credentials();
    let headers = list_images_headers();
    let mut params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    params.settings.content_sha256_header = true;
    let mut req = request(&headers, b"{}");
    req.payload = Payload::Unsigned;
    let unsigned = sign_headers(&req, &params).unwrap();
    assert_eq!(
        unsigned.header("x-amz-content-sha256"),
        Some("UNSIGNED-PAYLOAD")
    );
    let signed = sign_headers(&request(&headers, b"{}"), &params).unwrap();
    assert_ne!(unsigned.signature, signed.signature);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn signing_depends_on_the_time_given_and_only_on_it() {
    let credentials = example_credentials();
    let headers = list_images_headers();
    let at = |ms| {
        let params = SigningParams::new(
            &credentials,
            "us-east-1",
            "imagebuilder",
            time_from_unix_millis(ms),
        );
        sign_headers(&request(&headers, b"{}"), &params).unwrap()
    };
    let a = at(SUITE_TIME_MS);
    assert_eq!(a, at(SUITE_TIME_MS));
    // Sub-second differences don't change the signature (x-amz-date has second precision).
    assert_eq!(a.signature, at(SUITE_TIME_MS + 999).signature);
    let b = at(SUITE_TIME_MS + 1000);
    assert_ne!(a.signature, b.signature);
    assert_eq!(b.header("x-amz-date"), Some("20150830T123601Z"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn presigned_url_appends_the_signing_parameters_after_an_existing_query() {
    let credentials = Credentials::new("AKIDEXAMPLE", "secret", Some("a/b+c=".to_string()));
    let params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    let req = SignableRequest {
        method: "GET",
        url: "https://imagebuilder.us-east-1.amazonaws.com/GetImage?imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage%2Fx%2F1.0.0%2F1",
        headers: &[],
        payload: Payload::Bytes(b""),
    };
    let presigned = presign_url(&req, &params, Duration::from_secs(900)).unwrap();
    assert!(
        presigned
            .url
            .starts_with(&format!("{}&X-Amz-Algorithm=AWS4-HMAC-SHA256&", req.url))
    );
    assert!(presigned.url.contains("&X-Amz-Expires=900&"));
    assert!(presigned.url.contains("X-Amz-Security-Token=a%2Fb%2Bc%3D"));
    assert!(presigned.url.ends_with(&format!(
        "X-Amz-Signature={}&X-Amz-Security-Token=a%2Fb%2Bc%3D",
        presigned.signature
    )));
    assert!(presigned.params.iter().any(|(k, v)| k == "X-Amz-Credential"
        && v == "AKIDEXAMPLE/20150830/us-east-1/imagebuilder/aws4_request"));
    let shown = format!("{presigned:?}");
    assert!(
        !shown.contains("a%2Fb") && !shown.contains("a/b+c"),
        "{shown}"
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn presign_rejects_an_expiry_of_zero_or_beyond_seven_days() {
    let credentials = example_credentials();
    let headers = list_images_headers();
    let params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    let req = request(&headers, b"");
    expect_invalid(
        presign_url(&req, &params, Duration::ZERO),
        "expires_in",
        "range",
    );
    expect_invalid(
        presign_url(&req, &params, MAX_PRESIGN_EXPIRY + Duration::from_secs(1)),
        "expires_in",
        "range",
    );
    assert!(presign_url(&req, &params, MAX_PRESIGN_EXPIRY).is_ok());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn sign_rejects_bad_inputs_naming_the_field_instead_of_panicking() {
    let credentials = example_credentials();
    let headers = list_images_headers();
    let params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    let base = request(&headers, b"{}");

    let mut r = base;
    r.url = "/ListImages";
    expect_invalid(sign_headers(&r, &params), "url", "absolute-url");
    r.url = "https:///ListImages";
    expect_invalid(sign_headers(&r, &params), "url", "absolute-url");
    r.url = "https://host/List Images";
    expect_invalid(sign_headers(&r, &params), "url", "absolute-url");
    r.url = "https://host/ListImages#frag";
    expect_invalid(sign_headers(&r, &params), "url", "absolute-url");

    let mut r = base;
    r.method = "PO ST";
    expect_invalid(sign_headers(&r, &params), "method", "token");

    let bad_value = vec![
        ("content-type".to_string(), "application/json".to_string()),
        ("x-custom".to_string(), "a\r\nInjected: yes".to_string()),
    ];
    let r = request(&bad_value, b"{}");
    expect_invalid(
        sign_headers(&r, &params),
        "headers[1].value",
        "header-value",
    );
    let bad_name = vec![("bad name".to_string(), "v".to_string())];
    let r = request(&bad_name, b"{}");
    expect_invalid(sign_headers(&r, &params), "headers[0].name", "token");

    let mut p = params;
    p.region = "";
    expect_invalid(sign_headers(&base, &p), "region", "required");
    p.region = "us-east-1/../x";
    expect_invalid(sign_headers(&base, &p), "region", "host-label");
    let mut p = params;
    p.service = "Image Builder";
    expect_invalid(sign_headers(&base, &p), "service", "host-label");

    let empty_key = Credentials::new("", "secret", None);
    let p = SigningParams::new(&empty_key, "us-east-1", "imagebuilder", params.time);
    expect_invalid(
        sign_headers(&base, &p),
        "credentials.access_key_id",
        "required",
    );
    let empty_secret = Credentials::new("AKID", "", None);
    let p = SigningParams::new(&empty_secret, "us-east-1", "imagebuilder", params.time);
    expect_invalid(
        sign_headers(&base, &p),
        "credentials.secret_access_key",
        "required",
    );
    let bad_token = Credentials::new("AKID", "secret", Some("line\nbreak".to_string()));
    let p = SigningParams::new(&bad_token, "us-east-1", "imagebuilder", params.time);
    let err = sign_headers(&base, &p).unwrap_err();
    expect_invalid(
        Err::<(), _>(err.clone()),
        "credentials.session_token",
        "header-value",
    );
    assert!(!err.to_string().contains("line\nbreak"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn sign_rejects_times_outside_four_digit_years() {
    let credentials = example_credentials();
    let headers = list_images_headers();
    let req = request(&headers, b"{}");
    // wasm32's SystemTime cannot go below the epoch at all; where it can, it is refused.
    if let Some(before_epoch) = UNIX_EPOCH.checked_sub(Duration::from_secs(1)) {
        let before_epoch: SystemTime = before_epoch;
        let p = SigningParams::new(&credentials, "us-east-1", "imagebuilder", before_epoch);
        expect_invalid(sign_headers(&req, &p), "time", "range");
    }
    let year_10000 = UNIX_EPOCH + Duration::from_secs(253_402_300_800);
    let p = SigningParams::new(&credentials, "us-east-1", "imagebuilder", year_10000);
    expect_invalid(sign_headers(&req, &p), "time", "range");
    let last_second = UNIX_EPOCH + Duration::from_secs(253_402_300_799);
    let p = SigningParams::new(&credentials, "us-east-1", "imagebuilder", last_second);
    let signed = sign_headers(&req, &p).unwrap();
    assert_eq!(signed.header("x-amz-date"), Some("99991231T235959Z"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn signing_a_custom_endpoint_with_port_and_path_prefix_signs_host_with_port() {
    let credentials = example_credentials();
    let headers = list_images_headers();
    let params = SigningParams::new(
        &credentials,
        "us-east-1",
        "imagebuilder",
        time_from_unix_millis(SUITE_TIME_MS),
    );
    let mut req = request(&headers, b"{}");
    req.url = "http://127.0.0.1:8080/emulator/ListImages";
    let a = sign_headers(&req, &params).unwrap();
    req.url = "http://127.0.0.1:8081/emulator/ListImages";
    let b = sign_headers(&req, &params).unwrap();
    assert_ne!(
        a.signature, b.signature,
        "the port is part of the signed host"
    );
    req.url = "http://127.0.0.1:8080/ListImages";
    let c = sign_headers(&req, &params).unwrap();
    assert_ne!(a.signature, c.signature, "the path prefix is signed");
}
