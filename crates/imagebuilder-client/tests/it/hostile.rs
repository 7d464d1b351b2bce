//! The engine's rules against a hostile server, deterministic (scripted transport, virtual
//! clock): a redirect ends the call unfollowed and unretried, an oversized body ends it, any
//! repeated page token ends a paginator, a page cap stops one, and a per-call total timeout wins
//! over a server that never answers.

use crate::behaviour::page;
use crate::common::*;
use futures_executor::block_on;
use futures_util::StreamExt;
use imagebuilder_client::limits::DEFAULT_MAX_RESPONSE_BYTES;
use imagebuilder_client::{
    CallErrorKind, CallOptions, ClientConfigError, TransportError, TransportResponse,
};
use imagebuilder_core::operations::{DeleteImage, ListImages};
use imagebuilder_core::types::{DeleteImageRequest, ListImagesRequest};
use std::time::Duration;

fn redirect(status: u16, location: Option<&str>) -> TransportResponse {
    let mut headers = Vec::new();
    if let Some(l) = location {
        headers.push(("Location".to_string(), l.to_string()));
    }
    TransportResponse {
        status,
        headers,
        body: b"<html>moved</html>".to_vec(),
    }
}

#[test]
fn every_3xx_status_ends_the_call_as_a_redirect_after_one_request() {
    for status in [300, 301, 302, 303, 304, 307, 308, 399] {
        let t = ScriptedTransport::new(vec![
            Reply::Respond(redirect(status, Some("http://evil.example/steal"))),
            Reply::Respond(ok_list_images()),
        ]);
        let clock = FakeClock::at(T0);
        let err = block_on(client(&t, &clock).send::<ListImages>(ListImagesRequest::default(), ()))
            .unwrap_err();
        assert_eq!(
            err.kind(),
            &CallErrorKind::Redirect {
                status,
                location: Some("http://evil.example/steal".to_string())
            },
            "HTTP {status}"
        );
        assert_eq!(err.attempts(), 1, "HTTP {status} must not be retried");
        assert_eq!(t.requests().len(), 1);
        assert_eq!(t.remaining(), 1, "nothing was sent after the redirect");
        assert!(err.to_string().contains("never followed"), "{err}");
    }
}

#[test]
fn a_redirected_delete_is_not_replayed_and_the_opaque_redirect_of_browsers_is_a_redirect_too() {
    let t = ScriptedTransport::new(vec![Reply::Respond(redirect(0, None))]);
    let clock = FakeClock::at(T0);
    let mut input = DeleteImageRequest::default();
    input.image_build_version_arn =
        Some("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1".to_string());
    let err = block_on(client(&t, &clock).send::<DeleteImage>(input, ())).unwrap_err();
    assert_eq!(
        err.kind(),
        &CallErrorKind::Redirect {
            status: 0,
            location: None
        }
    );
    assert_eq!(t.requests().len(), 1);
    assert_eq!(t.requests()[0].method, "DELETE");
}

#[test]
fn a_body_above_the_limit_ends_the_call_without_a_retry() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(json(
            200,
            &format!(r#"{{"requestId":"{}"}}"#, "x".repeat(200)),
        )),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 0.5)
        .max_response_bytes(100)
        .build()
        .unwrap();
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap_err();
    assert_eq!(err.kind(), &CallErrorKind::ResponseTooLarge { limit: 100 });
    assert_eq!(err.attempts(), 1);
    assert_eq!(t.requests()[0].max_response_bytes, 100);
}

#[test]
fn a_transport_that_stopped_reading_at_the_limit_ends_the_call_without_a_retry() {
    let t = ScriptedTransport::new(vec![Reply::FailWith(TransportError::too_large(
        DEFAULT_MAX_RESPONSE_BYTES,
    ))]);
    let clock = FakeClock::at(T0);
    let err = block_on(client(&t, &clock).send::<ListImages>(ListImagesRequest::default(), ()))
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &CallErrorKind::ResponseTooLarge {
            limit: DEFAULT_MAX_RESPONSE_BYTES
        }
    );
    assert_eq!(t.requests().len(), 1);
    assert_eq!(t.requests()[0].max_response_bytes, 8 * 1024 * 1024);
}

#[test]
fn a_zero_response_limit_is_a_config_error() {
    let t = ScriptedTransport::new(vec![]);
    let clock = FakeClock::at(T0);
    let err = builder(&t, &clock, 0.5)
        .max_response_bytes(0)
        .build()
        .unwrap_err();
    assert!(matches!(
        err,
        ClientConfigError::Invalid {
            field: "max_response_bytes",
            ..
        }
    ));
}

#[test]
fn a_token_cycle_a_b_a_stops_the_paginator_with_a_loop_error() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(page(1, Some("A"))),
        Reply::Respond(page(2, Some("B"))),
        Reply::Respond(page(3, Some("A"))),
        // Never reached: the cycle is seen on page 3.
        Reply::Respond(page(4, Some("B"))),
    ]);
    let clock = FakeClock::at(T0);
    let pages: Vec<_> = block_on(
        client(&t, &clock)
            .paginate::<ListImages>(ListImagesRequest::default(), ())
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 4, "three pages, then the loop error");
    assert!(pages[..3].iter().all(Result::is_ok));
    assert_eq!(
        pages[3].as_ref().unwrap_err().kind(),
        &CallErrorKind::PaginationLoop {
            operation: "ListImages",
            pages: 3
        }
    );
    assert_eq!(t.requests().len(), 3);
    assert_eq!(t.remaining(), 1);
}

#[test]
fn a_long_token_cycle_is_caught_when_its_first_token_comes_back() {
    let mut replies: Vec<Reply> = (0..10)
        .map(|i| Reply::Respond(page(i, Some(&format!("t{i}")))))
        .collect();
    replies.push(Reply::Respond(page(10, Some("t3"))));
    let t = ScriptedTransport::new(replies);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let pages: Vec<_> = block_on(
        c.paginate_json("ListImages", serde_json::json!({}), ())
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 12);
    assert!(matches!(
        pages[11].as_ref().unwrap_err().kind(),
        CallErrorKind::PaginationLoop { pages: 11, .. }
    ));
}

#[test]
fn a_page_cap_ends_the_paginator_cleanly_after_that_many_pages() {
    let replies: Vec<Reply> = (0..10)
        .map(|i| Reply::Respond(page(i, Some(&format!("t{i}")))))
        .collect();
    let t = ScriptedTransport::new(replies);
    let clock = FakeClock::at(T0);
    let pages: Vec<_> = block_on(
        client(&t, &clock)
            .paginate::<ListImages>(
                ListImagesRequest::default(),
                CallOptions::default().with_max_pages(4),
            )
            .collect::<Vec<_>>(),
    );
    assert_eq!(pages.len(), 4);
    assert!(pages.iter().all(Result::is_ok));
    assert_eq!(t.requests().len(), 4, "no fifth request");
}

#[test]
fn a_per_call_total_timeout_ends_a_call_to_a_server_that_never_answers() {
    let t = ScriptedTransport::new(vec![Reply::Hang]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 0.5)
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let options = CallOptions::default().with_total_timeout(Duration::from_millis(1500));
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), options)).unwrap_err();
    assert_eq!(
        err.kind(),
        &CallErrorKind::TotalTimeout {
            timeout: Duration::from_millis(1500)
        }
    );
    assert_eq!(clock.now.get() - T0, 1500, "gave up at the call's deadline");
}
