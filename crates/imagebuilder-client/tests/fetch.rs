//! The fetch transport, the JS clock and `Math.random`, end to end against the local server of
//! `tests/fetch-server/server.mjs` (started by `cargo xtask test`). The same wasm build runs in
//! Node (the runner's default) and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`).
//!
//! The server listens on the fixed loopback port [`PORT`]; the xtask starts it there. A fixed
//! port keeps the wasm build identical between runs (no build-time variable) and needs no file
//! the browser could not read.
#![cfg(target_arch = "wasm32")]
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use futures_util::future::LocalBoxFuture;
use imagebuilder_client::fetch::{FetchTransport, JsClock};
use imagebuilder_client::{
    CallError, CallErrorKind, CallOptions, CancelToken, Client, Clock, StaticCredentials,
};
use imagebuilder_core::operations::{GetImage, ListImages};
use imagebuilder_core::protocol::{RequestParts, ResponseError};
use imagebuilder_core::retry::RetryPolicy;
use imagebuilder_core::types::{GetImageRequest, ListImagesRequest};
use std::time::Duration;
use wasm_bindgen_test::wasm_bindgen_test;

/// The fetch test server's port (see `tests/fetch-server/server.mjs` and `xtask/src/test.rs`).
const PORT: u16 = 18931;

fn unique_key(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e12) as u64)
}

fn client_for(scenario: &str, key: &str) -> imagebuilder_client::ClientBuilder {
    Client::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{PORT}/{scenario}/{key}/"))
        .credentials(StaticCredentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            Some("FETCHTOKEN".to_string()),
        ))
}

fn fast_retries() -> RetryPolicy {
    let mut p = RetryPolicy::STANDARD;
    p.base = Duration::from_millis(20);
    p.throttling_base = Duration::from_millis(20);
    p
}

/// Sends `ListImages`'s request parts through the engine and returns the raw JSON body.
async fn echo(client: &Client) -> serde_json::Value {
    let mut input = ListImagesRequest::default();
    input.max_results = Some(5);
    let parts: RequestParts =
        <ListImages as imagebuilder_core::protocol::Operation>::request(&input).unwrap();
    let parse = |r: imagebuilder_core::protocol::ResponseParts<'_>| -> Result<serde_json::Value, ResponseError> {
        Ok(serde_json::from_slice(r.body).unwrap())
    };
    client
        .execute(parts, &parse, &CallOptions::default())
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn fetch_sends_the_signed_request_with_sdk_headers_and_body() {
    let key = unique_key("echo");
    let client = client_for("echo", &key).build().unwrap();
    let echoed = echo(&client).await;
    assert_eq!(echoed["method"], "POST");
    assert_eq!(echoed["path"], format!("/echo/{key}/ListImages"));
    assert_eq!(echoed["body"], r#"{"maxResults":5}"#);
    let headers = &echoed["headers"];
    let auth = headers["authorization"].as_str().unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{auth}"
    );
    assert!(auth.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"));
    assert_eq!(headers["x-amz-security-token"], "FETCHTOKEN");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["amz-sdk-request"], "attempt=1; max=3");
    assert!(
        headers["x-amz-user-agent"]
            .as_str()
            .unwrap()
            .starts_with("imagebuilder-wasm/")
    );
    assert_eq!(headers["amz-sdk-invocation-id"].as_str().unwrap().len(), 36);
    assert_eq!(headers["host"], format!("127.0.0.1:{PORT}"));
    // The request was signed at JS time: x-amz-date within a minute of Date.now().
    let d = headers["x-amz-date"].as_str().unwrap();
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    );
    let signed_at = js_sys::Date::parse(&iso);
    assert!(
        (js_sys::Date::now() - signed_at).abs() < 60_000.0,
        "signed at {iso}"
    );
}

#[wasm_bindgen_test]
async fn fetch_parses_a_typed_output() {
    let key = unique_key("typed");
    let client = client_for("flaky", &key)
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    // The first request gets a 503: retried after a real (short) setTimeout backoff.
    let out = client
        .send::<ListImages>(ListImagesRequest::default(), ())
        .await
        .unwrap();
    let list = out.image_version_list.unwrap();
    assert_eq!(list[0].name.as_deref(), Some("fetched"));
    assert_eq!(
        out.request_id.as_deref(),
        Some("hit-2"),
        "second attempt answered"
    );
}

#[wasm_bindgen_test]
async fn fetch_exposes_the_error_code_and_request_id_to_the_client() {
    let key = unique_key("error");
    let client = client_for("error", &key).build().unwrap();
    let err = client
        .send::<ListImages>(ListImagesRequest::default(), ())
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    let service = err.service_error().unwrap();
    assert_eq!(service.code, "InvalidRequestException");
    assert_eq!(service.status, 400);
    assert_eq!(
        service.message.as_deref(),
        Some("bad input from the fetch test")
    );
    assert!(
        service
            .request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("req-"))
    );
}

/// A client for `scenario` with `attempts` attempts and an attempt timeout of `timeout_ms`.
fn timing_out(scenario: &str, attempts: u32, timeout_ms: u64) -> Client {
    let mut policy = fast_retries();
    policy.max_attempts = attempts;
    client_for(scenario, &unique_key(scenario))
        .retry_policy(policy)
        .attempt_timeout(Duration::from_millis(timeout_ms))
        .build()
        .unwrap()
}

/// Sends a ListImages that must fail; the error and how long it took in ms.
async fn failing_call(client: &Client, options: &CallOptions) -> (CallError, f64) {
    let started = js_sys::Date::now();
    let err = client
        .send::<ListImages>(ListImagesRequest::default(), options)
        .await
        .unwrap_err();
    (err, js_sys::Date::now() - started)
}

#[wasm_bindgen_test]
async fn an_attempt_timeout_aborts_the_fetch_and_reports_the_timeout() {
    let (err, took) = failing_call(&timing_out("slow", 1, 200), &CallOptions::default()).await;
    assert!(
        matches!(err.kind(), CallErrorKind::AttemptTimeout { .. }),
        "{err:?}"
    );
    assert!(
        took < 2500.0,
        "gave up after {took} ms, not after the server's 3 s"
    );
}

#[wasm_bindgen_test]
async fn cancelling_stops_a_pending_fetch() {
    let key = unique_key("cancel");
    let client = client_for("slow", &key).build().unwrap();
    let token = CancelToken::new();
    let options = CallOptions::cancellable(token.clone());
    let call = client.send::<ListImages>(ListImagesRequest::default(), &options);
    let cancel = async {
        JsClock.sleep(Duration::from_millis(100)).await;
        token.cancel();
    };
    let (result, ()) = futures_util::future::join(call, cancel).await;
    assert_eq!(result.unwrap_err().kind(), &CallErrorKind::Cancelled);
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_retried_transport_error() {
    // Nothing listens on PORT + 1.
    let client = Client::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{}/", PORT + 1))
        .credentials(StaticCredentials::new("AKIDEXAMPLE", "secret", None))
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = client
        .send::<ListImages>(ListImagesRequest::default(), ())
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), CallErrorKind::Transport(_)), "{err:?}");
    assert_eq!(err.attempts(), 3);
    // Node's `fetch failed` hides the reason in `cause`; the message keeps it. Browsers give no
    // reason at all ("Failed to fetch").
    let message = err.to_string();
    assert!(
        message.contains("ECONNREFUSED") || message.contains("Failed to fetch"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn a_get_goes_to_the_url_exactly_as_signed_without_a_trailing_ampersand() {
    let client = client_for("echo", &unique_key("get"))
        .transport(FetchTransport::new())
        .build()
        .unwrap();
    let arn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4";
    let mut input = GetImageRequest::default();
    input.image_build_version_arn = Some(arn.to_string());
    let parts: RequestParts =
        <GetImage as imagebuilder_core::protocol::Operation>::request(&input).unwrap();
    assert_eq!(parts.method, "GET");
    let parse = |r: imagebuilder_core::protocol::ResponseParts<'_>| -> Result<serde_json::Value, ResponseError> {
        Ok(serde_json::from_slice(r.body).unwrap())
    };
    let echoed = client
        .execute(parts, &parse, &CallOptions::default())
        .await
        .unwrap();
    assert_eq!(
        echoed["query"],
        "?imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage%2Fweb%2F1.2.3%2F4"
    );
}

/// A clock 30 minutes behind JS time.
struct SlowClock;

impl Clock for SlowClock {
    fn now_millis(&self) -> u64 {
        JsClock.now_millis() - 30 * 60 * 1000
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        JsClock.sleep(duration)
    }
}

#[wasm_bindgen_test]
async fn a_skewed_clock_is_corrected_from_the_servers_date_header() {
    let key = unique_key("skew");
    let client = client_for("skew", &key)
        .clock(SlowClock)
        .transport(FetchTransport::new())
        .build()
        .unwrap();
    let out = client
        .send::<ListImages>(ListImagesRequest::default(), ())
        .await
        .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("hit-2"));
    let skew = client.clock_skew_millis();
    assert!(
        (29 * 60 * 1000..=31 * 60 * 1000).contains(&skew),
        "learnt offset {skew} ms"
    );
}

/// How many requests the server has seen for `key`.
async fn hits(key: &str) -> u64 {
    let seen = echo(&client_for("hits", key).build().unwrap()).await;
    seen["hits"].as_u64().unwrap()
}

#[wasm_bindgen_test]
async fn a_redirect_to_another_origin_is_an_error_and_is_never_followed() {
    let key = unique_key("redirect");
    let client = client_for("redirect", &key)
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let (err, _) = failing_call(&client, &CallOptions::default()).await;
    match err.kind() {
        // Node hands back the 302 itself.
        CallErrorKind::Redirect {
            status: 302,
            location: Some(location),
        } => assert!(
            location.starts_with(&format!("http://localhost:{PORT}/stolen/{key}/")),
            "{location}"
        ),
        // A browser's manual redirect is opaque: status 0, no Location.
        CallErrorKind::Redirect {
            status: 0,
            location: None,
        } => {}
        other => panic!("expected a redirect error, got {other:?}"),
    }
    assert_eq!(err.attempts(), 1, "a redirect is not retried");
    assert_eq!(hits(&key).await, 1, "the redirect target got no request");
}

#[wasm_bindgen_test]
async fn a_server_that_never_answers_times_out_on_every_attempt() {
    let (err, took) = failing_call(&timing_out("never", 2, 300), &CallOptions::default()).await;
    assert!(
        matches!(err.kind(), CallErrorKind::AttemptTimeout { .. }),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 2);
    assert!((550.0..3000.0).contains(&took), "took {took} ms");
}

#[wasm_bindgen_test]
async fn a_call_timeout_ends_a_call_to_a_server_that_never_answers() {
    let options = CallOptions::default().with_total_timeout(Duration::from_millis(400));
    let (err, took) = failing_call(&timing_out("never", 3, 10_000), &options).await;
    assert!(
        matches!(err.kind(), CallErrorKind::TotalTimeout { .. }),
        "{err:?}"
    );
    assert!((350.0..2500.0).contains(&took), "took {took} ms");
}

#[wasm_bindgen_test]
async fn a_trickling_body_times_out_instead_of_hanging() {
    let (err, took) = failing_call(&timing_out("trickle", 1, 800), &CallOptions::default()).await;
    assert!(
        matches!(err.kind(), CallErrorKind::AttemptTimeout { .. }),
        "{err:?}"
    );
    assert!(took < 3000.0, "took {took} ms");
}

#[wasm_bindgen_test]
async fn a_body_past_the_limit_ends_the_call_while_streaming() {
    let key = unique_key("huge");
    let client = client_for("huge", &key)
        .max_response_bytes(1024 * 1024)
        .build()
        .unwrap();
    let (err, _) = failing_call(&client, &CallOptions::default()).await;
    assert_eq!(
        err.kind(),
        &CallErrorKind::ResponseTooLarge { limit: 1024 * 1024 }
    );
    assert_eq!(err.attempts(), 1);
}

#[wasm_bindgen_test]
async fn sleeps_end_in_deadline_order_and_a_dropped_sleep_leaves_the_others_running() {
    use futures_util::FutureExt;
    use std::cell::RefCell;
    use std::rc::Rc;
    let started = JsClock.now_millis();
    // Registered (polled once), then dropped before it is due: the others must still end.
    let mut dropped = JsClock.sleep(Duration::from_millis(5));
    assert!((&mut dropped).now_or_never().is_none());
    drop(dropped);
    let order = Rc::new(RefCell::new(Vec::new()));
    let tagged = |ms: u64| {
        let order = Rc::clone(&order);
        async move {
            JsClock.sleep(Duration::from_millis(ms)).await;
            order.borrow_mut().push(ms);
        }
    };
    // The longest first: each shorter one arms the shared timer earlier.
    futures_util::future::join3(tagged(60), tagged(20), tagged(0)).await;
    assert_eq!(*order.borrow(), [0, 20, 60]);
    let elapsed = JsClock.now_millis() - started;
    assert!(elapsed >= 59, "the 60 ms sleep ended after {elapsed} ms");
}
