//! Call metadata and the call observer: what a call reports when it ends (success or failure)
//! and the retries and clock corrections it announces while it runs.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use crate::common::*;
use futures_executor::block_on;
use futures_util::StreamExt;
use imagebuilder_client::{CallEvent, CallMetadata, CallOptions};
use imagebuilder_core::operations::ListImages;
use imagebuilder_core::types::ListImagesRequest;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// Options whose observer records every event.
fn recorded() -> (CallOptions, Rc<RefCell<Vec<CallEvent>>>) {
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let options = CallOptions::default().with_observer(move |e| sink.borrow_mut().push(e.clone()));
    (options, events)
}

fn finished(events: &[CallEvent]) -> Vec<CallMetadata> {
    events
        .iter()
        .filter_map(|e| match e {
            CallEvent::Finished(m) => Some(m.clone()),
            _ => None,
        })
        .collect()
}

fn with_request_id(
    mut r: imagebuilder_client::TransportResponse,
    id: &str,
) -> imagebuilder_client::TransportResponse {
    r.headers.retain(|(k, _)| k != "x-amzn-requestid");
    r.headers
        .push(("x-amzn-RequestId".to_string(), id.to_string()));
    r
}

#[test]
fn a_call_retried_twice_reports_each_retry_then_its_metadata() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(with_request_id(
            error(503, "ServiceUnavailableException", "busy"),
            "r-1",
        )),
        Reply::Respond(with_request_id(
            error(429, "ThrottlingException", "slow"),
            "r-2",
        )),
        Reply::Respond(with_request_id(ok_list_images(), "r-3")),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let (options, events) = recorded();
    block_on(c.send::<ListImages>(ListImagesRequest::default(), options)).unwrap();
    let events = events.borrow();
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert_eq!(
        events[..2],
        [
            CallEvent::Retrying {
                attempt: 1,
                max_attempts: 3,
                delay: sleeps[0],
                reason: "ServiceUnavailableException".to_string(),
            },
            CallEvent::Retrying {
                attempt: 2,
                max_attempts: 3,
                delay: sleeps[1],
                reason: "ThrottlingException".to_string(),
            },
        ]
    );
    let done = finished(&events);
    assert_eq!(done.len(), 1, "one Finished per call: {events:?}");
    assert_eq!(events.len(), 3, "Finished comes last: {events:?}");
    let m = &done[0];
    assert_eq!(m.attempts, 3);
    assert_eq!(m.total_retry_delay, sleeps[0] + sleeps[1]);
    assert!(m.total_retry_delay > Duration::ZERO);
    assert_eq!(m.http_status, Some(200));
    assert_eq!(
        m.request_id.as_deref(),
        Some("r-3"),
        "the last response's id"
    );
    assert_eq!(m.clock_skew_millis, 0);
}

#[test]
fn a_failed_call_carries_the_same_metadata_as_its_observer_saw() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(with_request_id(error(500, "InternalFailure", "a"), "a")),
        Reply::Respond(with_request_id(error(500, "InternalFailure", "b"), "b")),
        Reply::Respond(with_request_id(error(500, "InternalFailure", "c"), "c")),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let (options, events) = recorded();
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), options)).unwrap_err();
    let m = err.metadata();
    assert_eq!(m.attempts, 3);
    assert_eq!(m.attempts, err.attempts());
    assert_eq!(m.http_status, Some(500));
    assert_eq!(m.request_id.as_deref(), Some("c"));
    assert_eq!(m.total_retry_delay, clock.sleeps().iter().sum::<Duration>());
    assert_eq!(finished(&events.borrow()), vec![m.clone()]);
}

#[test]
fn an_input_refused_before_sending_reports_zero_attempts_and_no_response() {
    let t = ScriptedTransport::new(vec![]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut input = ListImagesRequest::default();
    input.max_results = Some(0);
    let err = block_on(c.send::<ListImages>(input, ())).unwrap_err();
    assert_eq!(err.metadata(), &CallMetadata::default());
    assert!(t.requests().is_empty());
}

#[test]
fn a_clock_correction_is_announced_with_the_offset_adopted() {
    let server_now = T0 + 3_600_000;
    let skewed = expired_signature_at(server_now);
    let t = ScriptedTransport::new(vec![
        Reply::Respond(skewed),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(server_now - 20 * 60_000);
    let c = client(&t, &clock);
    let (options, events) = recorded();
    block_on(c.send::<ListImages>(ListImagesRequest::default(), options)).unwrap();
    let events = events.borrow();
    assert_eq!(
        events[0],
        CallEvent::ClockSkewCorrected {
            offset_millis: 20 * 60_000
        }
    );
    let m = &finished(&events)[0];
    assert_eq!(m.attempts, 2);
    assert_eq!(m.clock_skew_millis, 20 * 60_000);
    assert_eq!(
        m.total_retry_delay,
        Duration::ZERO,
        "the correction needs no backoff"
    );
}

#[test]
fn a_paginator_reports_every_page_call_to_the_observer() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(json(200, r#"{"imageVersionList":[],"nextToken":"p2"}"#)),
        Reply::Respond(json(200, r#"{"imageVersionList":[]}"#)),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let (options, events) = recorded();
    let pages: Vec<_> = block_on(
        c.paginate_json("ListImages", json!({}), options)
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(Result::is_ok));
    let done = finished(&events.borrow());
    assert_eq!(done.len(), 2);
    assert!(
        done.iter()
            .all(|m| m.attempts == 1 && m.http_status == Some(200))
    );
}
