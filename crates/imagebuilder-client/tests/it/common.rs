//! Test doubles of the environment: a virtual clock whose sleeps advance time instantly, a
//! scripted transport that answers from a queue and records every request, and a random source
//! with a fixed backoff factor.
#![allow(dead_code)]

use futures_util::future::{self, LocalBoxFuture};
use imagebuilder_client::runtime::SeededRandom;
use imagebuilder_client::{
    Client, ClientBuilder, Clock, RandomSource, StaticCredentials, Transport, TransportError,
    TransportRequest, TransportResponse,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

/// 2026-01-01T00:00:00Z
pub(crate) const T0: u64 = 1_767_225_600_000;

/// Virtual time: `sleep(d)` advances the clock by `d` when first polled and completes.
#[derive(Clone)]
pub(crate) struct FakeClock {
    pub now: Rc<Cell<u64>>,
    pub sleeps: Rc<RefCell<Vec<Duration>>>,
}

impl FakeClock {
    pub(crate) fn at(millis: u64) -> Self {
        Self {
            now: Rc::new(Cell::new(millis)),
            sleeps: Rc::new(RefCell::new(Vec::new())),
        }
    }

    pub(crate) fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.borrow().clone()
    }
}

impl Clock for FakeClock {
    fn now_millis(&self) -> u64 {
        self.now.get()
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        let now = self.now.clone();
        let sleeps = self.sleeps.clone();
        Box::pin(future::lazy(move |_| {
            sleeps.borrow_mut().push(duration);
            now.set(now.get() + u64::try_from(duration.as_millis()).unwrap());
        }))
    }
}

/// What the scripted transport does for one request.
pub(crate) enum Reply {
    Respond(TransportResponse),
    Fail(&'static str),
    /// Fails with this transport error.
    FailWith(TransportError),
    /// Never answers (until the client gives up on it).
    Hang,
    /// Answers with what the closure makes of the request.
    With(Box<dyn Fn(&TransportRequest) -> TransportResponse>),
}

#[derive(Clone, Default)]
pub(crate) struct ScriptedTransport {
    pub replies: Rc<RefCell<VecDeque<Reply>>>,
    pub requests: Rc<RefCell<Vec<TransportRequest>>>,
}

impl ScriptedTransport {
    pub(crate) fn new(replies: Vec<Reply>) -> Self {
        Self {
            replies: Rc::new(RefCell::new(replies.into())),
            requests: Rc::default(),
        }
    }

    pub(crate) fn requests(&self) -> Vec<TransportRequest> {
        self.requests.borrow().clone()
    }

    pub(crate) fn remaining(&self) -> usize {
        self.replies.borrow().len()
    }
}

impl Transport for ScriptedTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>> {
        let reply = self
            .replies
            .borrow_mut()
            .pop_front()
            .expect("the test scripted fewer replies than the client sent requests");
        let result = match &reply {
            Reply::Respond(r) => Ok(r.clone()),
            Reply::Fail(m) => Err(TransportError::new(*m)),
            Reply::FailWith(e) => Err(e.clone()),
            Reply::With(f) => Ok(f(&request)),
            Reply::Hang => {
                self.requests.borrow_mut().push(request);
                return Box::pin(future::pending());
            }
        };
        self.requests.borrow_mut().push(request);
        Box::pin(future::ready(result))
    }
}

/// Random bytes from a seeded generator; backoff factor fixed.
pub(crate) struct TestRandom {
    pub bytes: SeededRandom,
    pub factor: f64,
}

impl RandomSource for TestRandom {
    fn fill_bytes(&self, buf: &mut [u8]) {
        self.bytes.fill_bytes(buf);
    }

    fn next_f64(&self) -> f64 {
        self.factor
    }
}

pub(crate) fn json(status: u16, body: &str) -> TransportResponse {
    TransportResponse {
        status,
        headers: vec![
            ("content-type".to_string(), "application/json".to_string()),
            ("x-amzn-requestid".to_string(), "req-1".to_string()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

pub(crate) fn error(status: u16, code: &str, message: &str) -> TransportResponse {
    let mut r = json(status, &format!(r#"{{"message":"{message}"}}"#));
    r.headers.push((
        "x-amzn-errortype".to_string(),
        format!("{code}:http://internal.amazon.com/"),
    ));
    r
}

pub(crate) fn ok_list_images() -> TransportResponse {
    json(200, r#"{"requestId":"r","imageVersionList":[]}"#)
}

pub(crate) fn builder(
    transport: &ScriptedTransport,
    clock: &FakeClock,
    factor: f64,
) -> ClientBuilder {
    Client::builder()
        .region("us-east-1")
        .credentials(StaticCredentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .transport(transport.clone())
        .clock(clock.clone())
        .random(TestRandom {
            bytes: SeededRandom::new(7),
            factor,
        })
}

pub(crate) fn client(transport: &ScriptedTransport, clock: &FakeClock) -> Client {
    builder(transport, clock, 0.5).build().unwrap()
}

pub(crate) fn header<'a>(request: &'a TransportRequest, name: &str) -> &'a str {
    request
        .header(name)
        .unwrap_or_else(|| panic!("request has no {name} header: {request:?}"))
}

pub(crate) fn body_json(request: &TransportRequest) -> serde_json::Value {
    serde_json::from_slice(request.body.as_deref().unwrap()).unwrap()
}

/// An HTTP date within 2026-01-01 (`millis` from [`T0`]).
pub(crate) fn http_date(millis: u64) -> String {
    // 2026-01-01 was a Thursday; enough for times within that day.
    let secs = (millis - T0) / 1000;
    assert!(secs < 86_400, "helper only formats 2026-01-01");
    format!(
        "Thu, 01 Jan 2026 {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// A 403 `InvalidSignatureException` ("Signature expired") whose `Date` says the server's time
/// is `server_now`. */
pub(crate) fn expired_signature_at(server_now: u64) -> TransportResponse {
    let mut r = error(403, "InvalidSignatureException", "Signature expired");
    r.headers.push(("date".to_string(), http_date(server_now)));
    r
}
