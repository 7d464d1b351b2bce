//! The test-only fault headers: ignored unless the server was told to honour them; then an
//! error answered on purpose (before any work) and a clock running off, in the signature check
//! and in the `Date` header, as the console's retry and clock-correction tests need.

use crate::common::{credentials, send, sign, start};
use std::time::{Duration, SystemTime};

const FAULT: &str = "x-imagebuilder-emulator-fault";
const OFFSET: &str = "x-imagebuilder-emulator-clock-offset";

/// ListImages signed at `at`, with `extra` headers added after signing (unsigned, as a test
/// proxy would add them).
async fn list_images(
    server: &crate::common::TestServer,
    at: SystemTime,
    extra: &[(&str, &str)],
) -> crate::common::Reply {
    let url = format!("{}/ListImages", server.endpoint);
    let body = br#"{"owner":"Self","maxResults":1}"#;
    let base = vec![("content-type".to_string(), "application/json".to_string())];
    let mut headers = sign(
        "POST",
        &url,
        &base,
        body,
        &credentials(None),
        "us-east-1",
        "imagebuilder",
        at,
    );
    headers.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    send("POST", &url, &headers, body).await
}

#[tokio::test]
async fn fault_headers_are_ignored_unless_the_server_honours_them() {
    let server = start(None, 1.0, None).await;
    let r = list_images(
        &server,
        SystemTime::now(),
        &[(FAULT, "ThrottlingException"), (OFFSET, "600")],
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    server.stop().await;
}

#[tokio::test]
async fn an_honoured_fault_answers_that_error_and_a_bad_one_names_the_header() {
    let server = start(None, 1.0, None).await;
    server.emulator.set_test_faults(true);
    let r = list_images(
        &server,
        SystemTime::now(),
        &[(FAULT, "ThrottlingException")],
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.header("x-amzn-errortype"), Some("ThrottlingException"));
    assert!(r.header("x-amzn-requestid").is_some());
    let r = list_images(
        &server,
        SystemTime::now(),
        &[(FAULT, "ServiceUnavailableException")],
    )
    .await;
    assert_eq!(r.status, 503);
    let r = list_images(&server, SystemTime::now(), &[(FAULT, "Teapot")]).await;
    assert_eq!(
        r.header("x-amzn-errortype"),
        Some("InvalidRequestException")
    );
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(
        message.contains(FAULT) && message.contains("ThrottlingException"),
        "{message}"
    );
    // Without the header, the same server answers normally.
    assert_eq!(
        list_images(&server, SystemTime::now(), &[]).await.status,
        200
    );
    server.stop().await;
}

#[tokio::test]
async fn a_clock_offset_refuses_a_signature_from_now_and_accepts_one_from_its_clock() {
    let server = start(None, 1.0, None).await;
    server.emulator.set_test_faults(true);
    let now = SystemTime::now();
    let r = list_images(&server, now, &[(OFFSET, "600")]).await;
    assert_eq!(r.status, 403, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(
        r.header("x-amzn-errortype"),
        Some("InvalidSignatureException")
    );
    let date = httpdate::parse_http_date(r.header("date").unwrap_or_default()).expect("a Date");
    let ahead = date.duration_since(now).unwrap_or_default();
    assert!(
        ahead >= Duration::from_secs(590) && ahead <= Duration::from_secs(610),
        "the Date is {ahead:?} ahead"
    );
    let r = list_images(&server, now + Duration::from_secs(600), &[(OFFSET, "600")]).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let r = list_images(&server, now, &[(OFFSET, "yesterday")]).await;
    assert_eq!(
        r.header("x-amzn-errortype"),
        Some("InvalidRequestException")
    );
    server.stop().await;
}
