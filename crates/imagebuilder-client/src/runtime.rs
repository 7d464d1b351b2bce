//! What the client needs from its environment, as traits: a [`Transport`] that sends HTTP
//! requests, a [`Clock`] that tells the time and sleeps, a [`RandomSource`], and a
//! [`CancelToken`] to stop calls and waiters.
//!
//! On `wasm32` the crate provides all of them (`fetch`, `Date.now()`/`setTimeout`,
//! `Math.random`); natively a caller (or a test) supplies the transport and the clock.

use futures_util::future::LocalBoxFuture;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// An HTTP request ready to go on the wire (signed): what the client hands its [`Transport`].
#[derive(Clone, PartialEq, Eq)]
pub struct TransportRequest {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// Headers, `(lower-case name, value)`. No `host`: the transport derives it from the URL.
    pub headers: Vec<(String, String)>,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
    /// The most response-body bytes to read: a transport that streams stops reading past it
    /// and fails with [`TransportError::too_large`] (the engine checks a whole body too).
    pub max_response_bytes: u64,
}

impl TransportRequest {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        imagebuilder_core::http::header(&self.headers, name)
    }
}

impl fmt::Debug for TransportRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let v = if k.eq_ignore_ascii_case("x-amz-security-token") {
                    "** redacted **"
                } else {
                    v.as_str()
                };
                (k.as_str(), v)
            })
            .collect();
        f.debug_struct("TransportRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// An HTTP response as the [`Transport`] received it (owned; the client lends it to the
/// protocol as `imagebuilder_core::protocol::ResponseParts`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransportResponse {
    /// The status code.
    pub status: u16,
    /// The headers (names in any case).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl TransportResponse {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        imagebuilder_core::http::header(&self.headers, name)
    }
}

/// A request that got no HTTP response: DNS, connection, TLS, CORS, reset, aborted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What went wrong, as the transport reports it.
    pub message: String,
    /// `Some(limit)` when the transport stopped reading a body longer than
    /// [`TransportRequest::max_response_bytes`] (not retried: the call ends with
    /// `CallErrorKind::ResponseTooLarge`).
    pub too_large: Option<u64>,
}

impl TransportError {
    /// A transport error with `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            too_large: None,
        }
    }

    /// The response's body (or its `content-length`) went past `limit` bytes; reading stopped.
    pub fn too_large(limit: u64) -> Self {
        Self {
            message: format!("the response body is larger than {limit} bytes"),
            too_large: Some(limit),
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "network error: {}", self.message)
    }
}

impl std::error::Error for TransportError {}

/// Sends HTTP requests. One call per attempt; the client does retries, signing and timeouts.
///
/// A transport never follows redirects: it resolves with the 3xx response itself (or, where it
/// cannot read one, as the browser's `redirect: "manual"` cannot, with status
/// [`OPAQUE_REDIRECT_STATUS`](crate::limits::OPAQUE_REDIRECT_STATUS) `0`), and the engine ends
/// the call with `CallErrorKind::Redirect`, never retried and never re-sent elsewhere. It should
/// stop reading a body past [`TransportRequest::max_response_bytes`]
/// ([`TransportError::too_large`]); the engine refuses a longer body either way.
pub trait Transport {
    /// Sends `request` and resolves with the response (any status) or a [`TransportError`].
    /// Dropping the future should abandon the request (the fetch transport aborts it).
    fn send(
        &self,
        request: TransportRequest,
    ) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>>;
}

/// Wall-clock time and sleeping. All of the client's waiting goes through here, so a test can
/// run years of backoff in no time.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> u64;
    /// Resolves after `duration`.
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()>;
}

/// Random numbers for backoff jitter and UUIDv4 idempotency tokens.
pub trait RandomSource {
    /// Fills `buf` with random bytes.
    fn fill_bytes(&self, buf: &mut [u8]);
    /// A number in `[0, 1)`.
    fn next_f64(&self) -> f64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        // 53 random bits -> [0, 1).
        (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A small seedable generator (SplitMix64): deterministic for tests, seeded from the standard
/// library's per-process random hash keys by [`SeededRandom::from_entropy`] natively.
#[derive(Debug)]
pub struct SeededRandom {
    state: Cell<u64>,
}

impl SeededRandom {
    /// A generator that yields the same sequence for the same seed.
    pub fn new(seed: u64) -> Self {
        Self {
            state: Cell::new(seed),
        }
    }

    /// A generator seeded from the process's hash-map keys (which std draws from the OS).
    pub fn from_entropy() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0x9e37_79b9_7f4a_7c15);
        Self::new(hasher.finish())
    }

    fn next_u64(&self) -> u64 {
        let s = self.state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
        self.state.set(s);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl RandomSource for SeededRandom {
    fn fill_bytes(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

/// A UUIDv4 string from 16 bytes of `random` (version and variant bits set as RFC 9562 says).
pub fn uuid_v4(random: &dyn RandomSource) -> String {
    let mut bytes = [0u8; 16];
    random.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[derive(Default)]
struct CancelState {
    cancelled: Cell<bool>,
    wakers: RefCell<Vec<Waker>>,
}

/// Cancels calls, paginators and waiters it is given to. Clones share the same state.
#[derive(Clone, Default)]
pub struct CancelToken {
    state: Rc<CancelState>,
}

impl fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels: everything waiting on this token stops with a `Cancelled` error.
    pub fn cancel(&self) {
        self.state.cancelled.set(true);
        for waker in self.state.wakers.borrow_mut().drain(..) {
            waker.wake();
        }
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.state.cancelled.get()
    }

    /// A future that resolves once the token is cancelled.
    pub fn cancelled(&self) -> Cancelled {
        Cancelled {
            token: self.clone(),
        }
    }
}

/// The future of [`CancelToken::cancelled`].
#[derive(Debug)]
pub struct Cancelled {
    token: CancelToken,
}

impl Future for Cancelled {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.token.is_cancelled() {
            Poll::Ready(())
        } else {
            let mut wakers = self.token.state.wakers.borrow_mut();
            if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
                wakers.push(cx.waker().clone());
            }
            Poll::Pending
        }
    }
}
