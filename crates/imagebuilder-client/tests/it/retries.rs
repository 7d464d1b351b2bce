//! The retry engine against a scripted transport and a virtual clock: attempts, backoff,
//! quota, timeouts, cancellation, per-attempt signing and SDK headers.
#![cfg(not(target_arch = "wasm32"))]
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use crate::common::*;
use futures_executor::block_on;
use imagebuilder_client::{CallErrorKind, CallOptions, CancelToken};
use imagebuilder_core::operations::ListImages;
use imagebuilder_core::retry::RetryPolicy;
use imagebuilder_core::types::ListImagesRequest;
use std::time::Duration;

fn list() -> ListImagesRequest {
    ListImagesRequest::default()
}

#[test]
fn a_500_then_a_200_takes_two_attempts_and_one_backoff() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(500, "ServiceException", "boom")),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let out = block_on(c.send::<ListImages>(list(), ())).unwrap();
    assert_eq!(out.image_version_list, Some(vec![]));
    assert_eq!(t.requests().len(), 2);
    // rand 0.5 * min(1 s * 2^0, 20 s)
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(500)]);
    // The retry's 5 tokens come back on success.
    assert_eq!(c.retry_quota_available(), 500);
}

#[test]
fn http_429_is_retried_with_the_throttling_backoff() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(429, "TooManyRequestsException", "slow down")),
        Reply::Respond(error(
            400,
            "CallRateLimitExceededException",
            "rate exceeded",
        )),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(T0);
    let mut policy = RetryPolicy::STANDARD;
    policy.throttling_base = Duration::from_millis(300);
    let c = builder(&t, &clock, 1.0)
        .retry_policy(policy)
        .build()
        .unwrap();
    block_on(c.send::<ListImages>(list(), ())).unwrap();
    assert_eq!(t.requests().len(), 3);
    // 1.0 * 300 ms * 2^0, then 1.0 * 300 ms * 2^1: the throttling base, doubled.
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_millis(300), Duration::from_millis(600)]
    );
}

#[test]
fn a_validation_error_from_the_service_is_not_retried() {
    let t = ScriptedTransport::new(vec![Reply::Respond(error(
        400,
        "InvalidRequestException",
        "bad filter",
    ))]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(list(), ())).unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.code(), Some("InvalidRequestException"));
    assert_eq!(err.service_error().unwrap().status, 400);
    assert!(clock.sleeps().is_empty());
}

#[test]
fn an_input_that_breaks_the_model_fails_before_sending_anything() {
    let t = ScriptedTransport::new(vec![]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut input = list();
    input.max_results = Some(0);
    let err = block_on(c.send::<ListImages>(input, ())).unwrap_err();
    assert_eq!(err.attempts(), 0);
    match err.kind() {
        CallErrorKind::Validation(v) => {
            assert!(v.violations.iter().any(|x| x.path == "maxResults"), "{v:?}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(t.requests().is_empty());
}

#[test]
fn a_network_error_is_retried_and_costs_ten_quota_tokens() {
    let t = ScriptedTransport::new(vec![
        Reply::Fail("connection reset"),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    block_on(c.send::<ListImages>(list(), ())).unwrap();
    assert_eq!(t.requests().len(), 2);
    assert_eq!(c.retry_quota_available(), 500, "refunded on success");

    let t = ScriptedTransport::new(vec![
        Reply::Fail("reset"),
        Reply::Fail("reset"),
        Reply::Fail("reset"),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(list(), ())).unwrap_err();
    assert!(matches!(err.kind(), CallErrorKind::Transport(e) if e.message == "reset"));
    assert_eq!(
        c.retry_quota_available(),
        480,
        "two timeout-class retries of 10"
    );
}

#[test]
fn three_503s_fail_with_the_attempt_count_and_the_last_error() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(503, "ServiceUnavailableException", "one")),
        Reply::Respond(error(503, "ServiceUnavailableException", "two")),
        Reply::Respond(error(503, "ServiceUnavailableException", "three")),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(list(), ())).unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.code(), Some("ServiceUnavailableException"));
    assert_eq!(
        err.service_error().unwrap().message.as_deref(),
        Some("three")
    );
    assert!(!err.retry_quota_exhausted());
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
    // 0.5 * 1 s, then 0.5 * 2 s.
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_millis(500), Duration::from_millis(1000)]
    );
    assert_eq!(c.retry_quota_available(), 490);
}

#[test]
fn an_exhausted_quota_stops_retrying_and_says_so() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(500, "ServiceException", "a")),
        Reply::Respond(error(500, "ServiceException", "b")),
        Reply::Respond(error(500, "ServiceException", "c")),
    ]);
    let clock = FakeClock::at(T0);
    // 7 tokens pay for one retry of 5, not two.
    let c = builder(&t, &clock, 0.5).retry_quota(7).build().unwrap();
    let err = block_on(c.send::<ListImages>(list(), ())).unwrap_err();
    assert_eq!(err.attempts(), 2);
    assert!(err.retry_quota_exhausted());
    assert_eq!(err.service_error().unwrap().message.as_deref(), Some("b"));
    assert_eq!(c.retry_quota_available(), 2);
    assert_eq!(t.remaining(), 1, "the third reply was never asked for");

    // Later calls that fail don't retry at all until successes refill the quota.
    let t2 = ScriptedTransport::new(vec![Reply::Respond(error(500, "ServiceException", "d"))]);
    let c2 = builder(&t2, &clock, 0.5).retry_quota(0).build().unwrap();
    let err = block_on(c2.send::<ListImages>(list(), ())).unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(err.retry_quota_exhausted());
}

#[test]
fn an_attempt_without_answer_times_out_and_is_retried() {
    let t = ScriptedTransport::new(vec![Reply::Hang, Reply::Respond(ok_list_images())]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 0.5)
        .attempt_timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    block_on(c.send::<ListImages>(list(), ())).unwrap();
    assert_eq!(t.requests().len(), 2);
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_secs(10), Duration::from_millis(500)]
    );
}

#[test]
fn the_total_timeout_bounds_attempts_and_backoff() {
    let t = ScriptedTransport::new(vec![Reply::Hang, Reply::Hang, Reply::Hang]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 1.0)
        .attempt_timeout(Duration::from_secs(10))
        .total_timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    let err = block_on(c.send::<ListImages>(list(), ())).unwrap_err();
    assert!(
        matches!(err.kind(), CallErrorKind::TotalTimeout { timeout } if *timeout == Duration::from_secs(15)),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 2);
    // 10 s attempt, 1 s backoff, then only the 4 s left of the 15 s budget.
    assert_eq!(
        clock.sleeps(),
        vec![
            Duration::from_secs(10),
            Duration::from_secs(1),
            Duration::from_secs(4)
        ]
    );
    assert_eq!(clock.now.get(), T0 + 15_000);
}

#[test]
fn a_cancelled_token_stops_the_call_before_and_during_an_attempt() {
    let t = ScriptedTransport::new(vec![]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let token = CancelToken::new();
    token.cancel();
    let err = block_on(c.send::<ListImages>(list(), &CallOptions::cancellable(token))).unwrap_err();
    assert_eq!(err.kind(), &CallErrorKind::Cancelled);
    assert_eq!(err.attempts(), 0);
    assert!(t.requests().is_empty());

    // During: the transport hangs, and the token is cancelled from inside the transport.
    let token = CancelToken::new();
    let inner = token.clone();
    let t = ScriptedTransport::new(vec![Reply::With(Box::new(move |_| {
        inner.cancel();
        error(500, "ServiceException", "x")
    }))]);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(list(), &CallOptions::cancellable(token))).unwrap_err();
    assert_eq!(err.kind(), &CallErrorKind::Cancelled, "{err:?}");
    assert_eq!(err.attempts(), 1);
}

#[test]
fn every_attempt_is_signed_anew_with_its_own_time_and_sdk_headers() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(500, "ServiceException", "a")),
        Reply::Respond(error(502, "", "b")),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 1.0).build().unwrap();
    block_on(c.send::<ListImages>(list(), ())).unwrap();
    let reqs = t.requests();
    assert_eq!(reqs.len(), 3);
    // 00:00:00, then +1 s, then +2 s.
    let dates: Vec<&str> = reqs.iter().map(|r| header(r, "x-amz-date")).collect();
    assert_eq!(
        dates,
        vec!["20260101T000000Z", "20260101T000001Z", "20260101T000003Z"]
    );
    let auths: Vec<&str> = reqs.iter().map(|r| header(r, "authorization")).collect();
    assert!(auths[0] != auths[1] && auths[1] != auths[2]);
    for (i, r) in reqs.iter().enumerate() {
        assert_eq!(
            header(r, "amz-sdk-request"),
            format!("attempt={}; max=3", i + 1)
        );
        assert!(header(r, "x-amz-user-agent").starts_with("imagebuilder-wasm/"));
        assert!(r.header("user-agent").is_none());
        assert!(header(r, "authorization").contains("/us-east-1/imagebuilder/aws4_request"));
        assert_eq!(
            r.url,
            "https://imagebuilder.us-east-1.amazonaws.com/ListImages"
        );
        assert_eq!(r.method, "POST");
    }
    let ids: Vec<&str> = reqs
        .iter()
        .map(|r| header(r, "amz-sdk-invocation-id"))
        .collect();
    assert_eq!(ids[0].len(), 36);
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one invocation id per call"
    );
    // A second call on the same client gets a new invocation id.
    t.replies
        .borrow_mut()
        .push_back(Reply::Respond(ok_list_images()));
    block_on(c.send::<ListImages>(list(), ())).unwrap();
    let fourth = &t.requests()[3];
    assert_ne!(header(fourth, "amz-sdk-invocation-id"), ids[0]);
    assert_eq!(header(fourth, "amz-sdk-request"), "attempt=1; max=3");
}

#[test]
fn a_custom_endpoint_keeps_its_path_prefix_and_port() {
    let t = ScriptedTransport::new(vec![Reply::Respond(ok_list_images())]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 0.5)
        .endpoint_url("http://127.0.0.1:8080/emulator/")
        .build()
        .unwrap();
    block_on(c.send::<ListImages>(list(), ())).unwrap();
    assert_eq!(
        t.requests()[0].url,
        "http://127.0.0.1:8080/emulator/ListImages"
    );
}

#[test]
fn a_malformed_success_body_is_an_error_and_not_retried() {
    let t = ScriptedTransport::new(vec![Reply::Respond(json(200, "{not json"))]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(list(), ())).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            CallErrorKind::MalformedResponse { status: 200, .. }
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
}
