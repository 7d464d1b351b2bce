//! Clock-skew correction, clientToken idempotency, pagination and waiters, against a scripted
//! transport and a virtual clock, through the generated operations.
#![cfg(not(target_arch = "wasm32"))]
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use crate::common::*;
use futures_executor::block_on;
use futures_util::StreamExt;
use imagebuilder_client::{
    CallErrorKind, CancelToken, StatusChange, TransportResponse, WaitError, WaiterConfig,
};
use imagebuilder_core::operations::{CreateImage, ListImages};
use imagebuilder_core::types::{CreateImageRequest, ListImagesRequest};
use std::time::Duration;

// ------------------------------------------------------------------------------- clock skew

#[test]
fn a_clock_thirty_minutes_slow_is_corrected_from_the_server_date_and_later_calls_keep_it() {
    let server_now = T0 + 3_600_000; // 01:00:00
    let local_now = server_now - 30 * 60_000; // 00:30:00
    let skewed = expired_signature_at(server_now);
    let t = ScriptedTransport::new(vec![
        Reply::Respond(skewed),
        Reply::Respond(ok_list_images()),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(local_now);
    let c = client(&t, &clock);
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(header(&reqs[0], "x-amz-date"), "20260101T003000Z");
    assert_eq!(header(&reqs[1], "x-amz-date"), "20260101T010000Z");
    assert!(clock.sleeps().is_empty(), "the skew retry needs no backoff");
    assert_eq!(c.clock_skew_millis(), 30 * 60_000);
    assert_eq!(
        c.retry_quota_available(),
        500,
        "no quota spent on the correction"
    );

    clock.now.set(local_now + 5_000);
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    assert_eq!(header(&t.requests()[2], "x-amz-date"), "20260101T010005Z");
}

#[test]
fn a_skew_error_without_a_large_offset_is_not_retried() {
    let mut r = error(403, "SignatureDoesNotMatch", "bad signature");
    r.headers.push(("date".to_string(), http_date(T0 + 60_000)));
    let t = ScriptedTransport::new(vec![Reply::Respond(r)]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap_err();
    assert_eq!(err.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(err.attempts(), 1);
    assert_eq!(c.clock_skew_millis(), 0);
}

#[test]
fn the_skew_correction_happens_only_once_per_call() {
    let make = |server: u64| {
        let mut r = error(400, "RequestTimeTooSkewed", "skewed");
        r.headers.push(("date".to_string(), http_date(server)));
        Reply::Respond(r)
    };
    // A server whose clock seems to jump: corrected once, then the error stands.
    let t = ScriptedTransport::new(vec![make(T0 + 3_600_000), make(T0 + 7_200_000)]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap_err();
    assert_eq!(err.attempts(), 2);
    assert_eq!(err.code(), Some("RequestTimeTooSkewed"));
}

// ------------------------------------------------------------------------------ idempotency

pub(crate) fn create_image_input() -> CreateImageRequest {
    let mut input = CreateImageRequest::default();
    input.image_recipe_arn =
        Some("arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0".to_string());
    input.infrastructure_configuration_arn = Some(
        "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/small"
            .to_string(),
    );
    input
}

pub(crate) fn create_image_ok() -> TransportResponse {
    json(
        200,
        r#"{"requestId":"r","clientToken":"x","imageBuildVersionArn":"arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1"}"#,
    )
}

#[test]
fn create_image_answered_500_after_commit_is_retried_with_the_same_client_token() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(500, "ServiceException", "committed, then failed")),
        Reply::Respond(create_image_ok()),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let out = block_on(c.send::<CreateImage>(create_image_input(), ())).unwrap();
    assert!(out.image_build_version_arn.unwrap().ends_with("/1.0.0/1"));
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].method, "PUT");
    let tokens: Vec<String> = reqs
        .iter()
        .map(|r| body_json(r)["clientToken"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(tokens[0], tokens[1], "the retry reuses the token");
    let token = &tokens[0];
    assert_eq!(token.len(), 36);
    assert_eq!(&token[14..15], "4", "UUID version 4: {token}");
    assert!("89ab".contains(&token[19..20]), "RFC variant: {token}");
}

#[test]
fn each_call_gets_its_own_token_and_a_callers_token_is_kept() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(create_image_ok()),
        Reply::Respond(create_image_ok()),
        Reply::Respond(create_image_ok()),
        Reply::Respond(create_image_ok()),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    block_on(c.send::<CreateImage>(create_image_input(), ())).unwrap();
    block_on(c.send::<CreateImage>(create_image_input(), ())).unwrap();
    let mut mine = create_image_input();
    mine.client_token = Some("my-token-1".to_string());
    block_on(c.send::<CreateImage>(mine, ())).unwrap();
    let mut empty = create_image_input();
    empty.client_token = Some(String::new());
    block_on(c.send::<CreateImage>(empty, ())).unwrap();
    let tokens: Vec<String> = t
        .requests()
        .iter()
        .map(|r| body_json(r)["clientToken"].as_str().unwrap().to_string())
        .collect();
    assert_ne!(tokens[0], tokens[1]);
    assert_eq!(tokens[2], "my-token-1");
    assert_eq!(tokens[3].len(), 36, "an empty token is replaced");
}

#[test]
fn idempotent_parameter_mismatch_is_never_retried() {
    let t = ScriptedTransport::new(vec![Reply::Respond(error(
        400,
        "IdempotentParameterMismatchException",
        "token reused with other parameters",
    ))]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.send::<CreateImage>(create_image_input(), ())).unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(err.code(), Some("IdempotentParameterMismatchException"));
}

// ------------------------------------------------------------------------------- pagination

pub(crate) fn page(n: usize, next: Option<&str>) -> TransportResponse {
    let items: Vec<String> = (0..3)
        .map(|i| {
            format!(
                r#"{{"arn":"arn:aws:imagebuilder:us-east-1:123456789012:image/p{n}i{i}/1.0.0","name":"p{n}i{i}"}}"#
            )
        })
        .collect();
    let next = next
        .map(|t| format!(r#","nextToken":"{t}""#))
        .unwrap_or_default();
    json(
        200,
        &format!(
            r#"{{"requestId":"r{n}","imageVersionList":[{}]{next}}}"#,
            items.join(",")
        ),
    )
}

pub(crate) fn five_pages() -> ScriptedTransport {
    ScriptedTransport::new(vec![
        Reply::Respond(page(1, Some("t1"))),
        Reply::Respond(page(2, Some("t2"))),
        Reply::Respond(page(3, Some("t3"))),
        Reply::Respond(page(4, Some("t4"))),
        Reply::Respond(page(5, None)),
    ])
}

#[test]
fn paginating_list_images_follows_next_token_across_five_pages() {
    let t = five_pages();
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut input = ListImagesRequest::default();
    input.max_results = Some(3);
    let pages: Vec<_> = block_on(c.paginate::<ListImages>(input, ()).collect::<Vec<_>>());
    assert_eq!(pages.len(), 5);
    assert!(pages.iter().all(Result::is_ok));
    let sent: Vec<serde_json::Value> = t.requests().iter().map(body_json).collect();
    assert_eq!(sent[0].get("nextToken"), None);
    for (i, body) in sent.iter().enumerate().skip(1) {
        assert_eq!(body["nextToken"], format!("t{i}"));
        assert_eq!(body["maxResults"], 3);
    }
}

#[test]
fn paginating_items_yields_every_item_in_order() {
    let t = five_pages();
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let items: Vec<_> = block_on(
        c.paginate_items::<ListImages>(ListImagesRequest::default(), ())
            .collect::<Vec<_>>(),
    );
    let names: Vec<String> = items
        .into_iter()
        .map(|i| i.unwrap().name.unwrap())
        .collect();
    assert_eq!(names.len(), 15);
    assert_eq!(names[0], "p1i0");
    assert_eq!(names[14], "p5i2");
}

#[test]
fn a_page_that_fails_ends_the_stream_with_its_error() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(page(1, Some("t1"))),
        Reply::Respond(error(400, "InvalidPaginationTokenException", "bad token")),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let pages: Vec<_> = block_on(
        c.paginate::<ListImages>(ListImagesRequest::default(), ())
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert_eq!(
        pages[1].as_ref().unwrap_err().code(),
        Some("InvalidPaginationTokenException")
    );
}

#[test]
fn a_repeated_next_token_stops_pagination_instead_of_looping() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(page(1, Some("same"))),
        Reply::Respond(page(2, Some("same"))),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let pages: Vec<_> = block_on(
        c.paginate::<ListImages>(ListImagesRequest::default(), ())
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 3);
    assert!(matches!(
        pages[2].as_ref().unwrap_err().kind(),
        CallErrorKind::PaginationLoop {
            operation: "ListImages",
            pages: 2
        }
    ));
}

#[test]
fn json_pagination_and_json_calls_use_the_same_engine() {
    let t = five_pages();
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let pages: Vec<_> = block_on(
        c.paginate_json("ListImages", serde_json::json!({"owner": "Self"}), ())
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 5);
    let last = pages[4].as_ref().unwrap();
    assert_eq!(last["imageVersionList"][2]["name"], "p5i2");
    let sent: Vec<serde_json::Value> = t.requests().iter().map(body_json).collect();
    assert_eq!(sent[4]["nextToken"], "t4");
    assert_eq!(sent[4]["owner"], "Self");

    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(500, "ServiceException", "x")),
        Reply::Respond(create_image_ok()),
    ]);
    let c = client(&t, &clock);
    let input = serde_json::json!({
        "imageRecipeArn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0",
        "infrastructureConfigurationArn": "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/small"
    });
    block_on(c.send_json("CreateImage", input, ())).unwrap();
    let tokens: Vec<String> = t
        .requests()
        .iter()
        .map(|r| body_json(r)["clientToken"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0], tokens[1]);
    let err = block_on(c.send_json("NoSuchOperation", serde_json::json!({}), ())).unwrap_err();
    assert!(
        matches!(err.kind(), CallErrorKind::JsonRequest { .. }),
        "{err:?}"
    );
}

// ----------------------------------------------------------------------------------- waiter

fn image_state(status: &str, reason: Option<&str>) -> Reply {
    let reason = reason
        .map(|r| format!(r#","reason":"{r}""#))
        .unwrap_or_default();
    Reply::Respond(json(
        200,
        &format!(
            r#"{{"requestId":"r","image":{{"arn":"arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1","state":{{"status":"{status}"{reason}}}}}}}"#
        ),
    ))
}

const ARN: &str = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1";

#[test]
fn the_image_waiter_follows_every_status_to_available_reporting_each_change() {
    let t = ScriptedTransport::new(vec![
        image_state("PENDING", None),
        image_state("PENDING", None),
        image_state("CREATING", None),
        image_state("BUILDING", None),
        image_state("TESTING", None),
        image_state("DISTRIBUTING", None),
        image_state("INTEGRATING", None),
        image_state("AVAILABLE", None),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut seen: Vec<StatusChange> = Vec::new();
    let out = block_on(c.wait_until_image_available(
        ARN,
        &WaiterConfig::default(),
        &mut |change| seen.push(change.clone()),
    ))
    .unwrap();
    assert_eq!(
        out.image.unwrap().state.unwrap().status.unwrap().as_str(),
        "AVAILABLE"
    );
    let statuses: Vec<&str> = seen.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(
        statuses,
        vec![
            "PENDING",
            "CREATING",
            "BUILDING",
            "TESTING",
            "DISTRIBUTING",
            "INTEGRATING",
            "AVAILABLE"
        ]
    );
    assert_eq!(seen[1].attempt, 3, "PENDING was seen twice");
    assert_eq!(seen[1].at_millis, T0 + 120_000);
    // The model's 60 s between polls, 7 times.
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(60); 7]);
    let first = &t.requests()[0];
    assert_eq!(first.method, "GET");
    assert!(first.url.ends_with(
        "/GetImage?imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage%2Fweb%2F1.0.0%2F1"
    ), "{}", first.url);
}

#[test]
fn the_json_image_waiter_runs_the_same_machine_and_returns_the_last_output_as_json() {
    let t = ScriptedTransport::new(vec![
        image_state("PENDING", None),
        image_state("BUILDING", None),
        image_state("BUILDING", None),
        image_state("AVAILABLE", None),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut seen: Vec<StatusChange> = Vec::new();
    let out = block_on(c.wait_until_image_available_json(
        ARN,
        &WaiterConfig::default(),
        &mut |change| seen.push(change.clone()),
    ))
    .unwrap();
    assert_eq!(out["image"]["state"]["status"], "AVAILABLE");
    assert_eq!(out["image"]["arn"], ARN);
    let statuses: Vec<(&str, u32)> = seen
        .iter()
        .map(|s| (s.status.as_str(), s.attempt))
        .collect();
    assert_eq!(
        statuses,
        vec![("PENDING", 1), ("BUILDING", 2), ("AVAILABLE", 4)]
    );
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(60); 3]);
    assert!(t.requests()[0].url.ends_with(
        "/GetImage?imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Aimage%2Fweb%2F1.0.0%2F1"
    ));
}

#[test]
fn the_json_image_waiters_observer_is_told_each_polls_metadata() {
    let t = ScriptedTransport::new(vec![
        image_state("BUILDING", None),
        image_state("AVAILABLE", None),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let finished = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = std::rc::Rc::clone(&finished);
    let mut config = WaiterConfig::default();
    config.observer = Some(imagebuilder_client::CallObserver::new(move |event| {
        if let imagebuilder_client::CallEvent::Finished(m) = event {
            sink.borrow_mut().push((m.attempts, m.http_status));
        }
    }));
    let out = block_on(c.wait_until_image_available_json(ARN, &config, &mut |_| {})).unwrap();
    assert_eq!(out["image"]["state"]["status"], "AVAILABLE");
    assert_eq!(*finished.borrow(), vec![(1, Some(200)), (1, Some(200))]);
}

#[test]
fn the_json_image_waiter_fails_with_the_terminal_status_and_its_reason() {
    let t = ScriptedTransport::new(vec![
        image_state("BUILDING", None),
        image_state("FAILED", Some("Build step 3 failed")),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err =
        block_on(c.wait_until_image_available_json(ARN, &WaiterConfig::default(), &mut |_| {}))
            .unwrap_err();
    assert_eq!(
        err,
        WaitError::Failed {
            status: "FAILED".to_string(),
            reason: Some("Build step 3 failed".to_string()),
        }
    );
}

#[test]
fn the_image_waiter_fails_with_the_terminal_status_and_its_reason() {
    for status in ["FAILED", "CANCELLED", "DELETED"] {
        let t = ScriptedTransport::new(vec![
            image_state("BUILDING", None),
            image_state(status, Some("Build step 3 failed")),
        ]);
        let clock = FakeClock::at(T0);
        let c = client(&t, &clock);
        let mut seen = Vec::new();
        let err = block_on(c.wait_until_image_available(
            ARN,
            &WaiterConfig::default(),
            &mut |change| seen.push(change.clone()),
        ))
        .unwrap_err();
        assert_eq!(
            err,
            WaitError::Failed {
                status: status.to_string(),
                reason: Some("Build step 3 failed".to_string())
            }
        );
        assert_eq!(
            seen.last().unwrap().reason.as_deref(),
            Some("Build step 3 failed")
        );
        assert!(err.to_string().contains("Build step 3 failed"));
    }
}

#[test]
fn the_image_waiter_can_be_cancelled_while_it_waits() {
    let token = CancelToken::new();
    let t = ScriptedTransport::new(vec![image_state("BUILDING", None)]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut config = WaiterConfig::default();
    config.cancel = Some(token.clone());
    let err =
        block_on(c.wait_until_image_available(ARN, &config, &mut |_| token.cancel())).unwrap_err();
    assert_eq!(err, WaitError::Cancelled { attempts: 1 });
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn the_image_waiter_gives_up_after_max_attempts_with_configurable_delays() {
    let t = ScriptedTransport::new(vec![
        image_state("BUILDING", None),
        image_state("BUILDING", None),
        image_state("TESTING", None),
    ]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 1.0).build().unwrap();
    let mut config = WaiterConfig::default();
    config.max_attempts = 3;
    config.min_delay = Duration::from_secs(2);
    config.max_delay = Duration::from_secs(120);
    let err = block_on(c.wait_until_image_available(ARN, &config, &mut |_| {})).unwrap_err();
    assert_eq!(
        err,
        WaitError::MaxAttemptsExceeded {
            attempts: 3,
            last_status: Some("TESTING".to_string())
        }
    );
    // rand 1.0: min(120, 2 * 2^(n-1)) for n = 1, 2.
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_secs(2), Duration::from_secs(4)]
    );
}

#[test]
fn a_failing_poll_ends_the_waiter_with_the_call_error() {
    let t = ScriptedTransport::new(vec![Reply::Respond(error(
        404,
        "ResourceNotFoundException",
        "no such image",
    ))]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let err = block_on(c.wait_until_image_available(ARN, &WaiterConfig::default(), &mut |_| {}))
        .unwrap_err();
    match err {
        WaitError::Call(e) => assert_eq!(e.code(), Some("ResourceNotFoundException")),
        other => panic!("{other:?}"),
    }
}
