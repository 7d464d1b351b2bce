//! The test-only fault headers: ignored unless the server was told to honour them; then an
//! error answered on purpose (before any work) and a clock running off, in the signature check
//! and in the `Date` header, as the console's retry and clock-correction tests need; a page-size
//! cap so the console's pickers can be seen following several pages.

use crate::common::{credentials, send, sign, start};
use std::time::{Duration, SystemTime};

const FAULT: &str = "x-imagebuilder-emulator-fault";
const OFFSET: &str = "x-imagebuilder-emulator-clock-offset";
const PAGE_SIZE: &str = "x-imagebuilder-emulator-page-size";

/// ListImages signed at `at`, with `extra` headers added after signing (unsigned, as a test
/// proxy would add them).
async fn list_images(
    server: &crate::common::TestServer,
    at: SystemTime,
    extra: &[(&str, &str)],
) -> crate::common::Reply {
    call(
        server,
        "ListImages",
        br#"{"owner":"Self","maxResults":1}"#,
        at,
        extra,
    )
    .await
}

/// `operation` with `body`, signed at `at`, with `extra` headers added after signing.
async fn call(
    server: &crate::common::TestServer,
    operation: &str,
    body: &[u8],
    at: SystemTime,
    extra: &[(&str, &str)],
) -> crate::common::Reply {
    let url = format!("{}/{operation}", server.endpoint);
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

/// Every own image recipe ARN, page by page, with `extra` headers on each call, and how many
/// pages that took.
async fn recipes(
    server: &crate::common::TestServer,
    extra: &[(&str, &str)],
) -> (Vec<String>, usize) {
    let (mut arns, mut pages, mut token) = (Vec::new(), 0, None::<String>);
    loop {
        let mut input = serde_json::json!({"owner": "Self", "maxResults": 100});
        if let Some(t) = &token {
            input["nextToken"] = t.clone().into();
        }
        let body = input.to_string();
        let r = call(
            server,
            "ListImageRecipes",
            body.as_bytes(),
            SystemTime::now(),
            extra,
        )
        .await;
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        let out = r.json();
        pages += 1;
        let list = out["imageRecipeSummaryList"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        arns.extend(
            list.iter()
                .filter_map(|i| i["arn"].as_str().map(str::to_string)),
        );
        token = out["nextToken"].as_str().map(str::to_string);
        if token.is_none() || pages > 100 {
            return (arns, pages);
        }
    }
}

#[tokio::test]
async fn a_page_size_cap_splits_a_list_into_short_pages_that_hold_every_item_once() {
    let server = start(None, 1.0, None).await;
    let (all, pages) = recipes(&server, &[(PAGE_SIZE, "1")]).await;
    assert_eq!(pages, 1, "ignored unless the server honours test faults");
    assert!(all.len() >= 3, "the demo has several own recipes: {all:?}");
    server.emulator.set_test_faults(true);
    let (paged, pages) = recipes(&server, &[(PAGE_SIZE, "1")]).await;
    assert_eq!(paged, all, "the same items in the same order, each once");
    assert_eq!(pages, all.len(), "one item a page");
    let (paged, pages) = recipes(&server, &[(PAGE_SIZE, "2")]).await;
    assert_eq!(paged, all);
    assert_eq!(pages, all.len().div_ceil(2));
    let r = call(
        &server,
        "ListImageRecipes",
        br#"{"owner":"Self"}"#,
        SystemTime::now(),
        &[(PAGE_SIZE, "0")],
    )
    .await;
    assert_eq!(
        r.header("x-amzn-errortype"),
        Some("InvalidRequestException")
    );
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(
        message.contains(PAGE_SIZE) && message.contains("from 1 to 100"),
        "{message}"
    );
    server.stop().await;
}
