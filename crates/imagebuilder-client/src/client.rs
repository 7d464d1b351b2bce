//! The client, its builder, and the engine every call goes through.

use crate::call::{CallOptions, Typed};
use crate::credentials::CredentialsProvider;
use crate::endpoint::{self, EndpointConfig};
use crate::error::{CallError, CallErrorKind};
use crate::limits::{self, DEFAULT_MAX_RESPONSE_BYTES};
use crate::runtime::{
    CancelToken, Clock, RandomSource, Transport, TransportError, TransportRequest,
    TransportResponse, uuid_v4,
};
use futures_util::FutureExt;
use futures_util::future::{self, Either, LocalBoxFuture};
use imagebuilder_core::protocol::{self, Operation, RequestParts, ResponseError};
use imagebuilder_core::retry::{
    self, FailureKind, RetryPolicy, RetryQuota, classify_service_error, clock_skew_offset,
    is_clock_skew_code, parse_http_date,
};
use imagebuilder_core::signing::{self, Payload, SignableRequest, SigningParams};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

/// The signing name of EC2 Image Builder.
pub const SIGNING_NAME: &str = "imagebuilder";

/// What the client calls itself in `X-Amz-User-Agent`.
pub const USER_AGENT: &str = concat!(
    "imagebuilder-wasm/",
    env!("CARGO_PKG_VERSION"),
    " lang/rust"
);

/// Why a [`ClientBuilder`] could not build a client.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientConfigError {
    /// A required part was not given (`credentials`, and natively `transport` and `clock`).
    Missing {
        /// Which part.
        field: &'static str,
    },
    /// The endpoint could not be resolved.
    Endpoint(endpoint::EndpointError),
    /// A setting is out of range.
    Invalid {
        /// Which setting.
        field: &'static str,
        /// Why.
        message: String,
    },
}

impl fmt::Display for ClientConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientConfigError::Missing { field } => {
                write!(f, "the client needs a {field} (set it on the builder)")
            }
            ClientConfigError::Endpoint(e) => e.fmt(f),
            ClientConfigError::Invalid { field, message } => write!(f, "{field}: {message}"),
        }
    }
}

impl std::error::Error for ClientConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientConfigError::Endpoint(e) => Some(e),
            _ => None,
        }
    }
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    region: String,
    endpoint: EndpointConfig,
    credentials: Option<Rc<dyn CredentialsProvider>>,
    transport: Option<Rc<dyn Transport>>,
    clock: Option<Rc<dyn Clock>>,
    random: Option<Rc<dyn RandomSource>>,
    retry: RetryPolicy,
    quota: u32,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_response_bytes: u64,
    app_id: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("retry", &self.retry)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    fn new() -> Self {
        Self {
            region: String::new(),
            endpoint: EndpointConfig::Aws,
            credentials: None,
            transport: None,
            clock: None,
            random: None,
            retry: RetryPolicy::STANDARD,
            quota: RetryQuota::INITIAL_TOKENS,
            attempt_timeout: None,
            total_timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            app_id: None,
        }
    }

    /// The region (required): signs requests and picks the AWS endpoint.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// The endpoint (default [`EndpointConfig::Aws`]).
    pub fn endpoint(mut self, endpoint: EndpointConfig) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// A custom endpoint URL, e.g. `http://127.0.0.1:8080/emulator/`.
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.endpoint(EndpointConfig::Custom(url.into()))
    }

    /// The credentials provider (required).
    pub fn credentials(mut self, provider: impl CredentialsProvider + 'static) -> Self {
        self.credentials = Some(Rc::new(provider));
        self
    }

    /// The credentials provider, shared.
    pub fn credentials_shared(mut self, provider: Rc<dyn CredentialsProvider>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// The transport (required natively; `fetch` by default on wasm32).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Rc::new(transport));
        self
    }

    /// The transport, shared.
    pub fn transport_shared(mut self, transport: Rc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The clock (required natively; `Date.now()`/`setTimeout` by default on wasm32).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Rc::new(clock));
        self
    }

    /// The clock, shared.
    pub fn clock_shared(mut self, clock: Rc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The random source (default: `Math.random` on wasm32, an entropy-seeded generator
    /// natively).
    pub fn random(mut self, random: impl RandomSource + 'static) -> Self {
        self.random = Some(Rc::new(random));
        self
    }

    /// The retry policy (default [`RetryPolicy::STANDARD`]: 3 attempts).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The retry quota's capacity (default 500 tokens).
    pub fn retry_quota(mut self, tokens: u32) -> Self {
        self.quota = tokens;
        self
    }

    /// Give up on an attempt with no response after `timeout` (and retry it).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Give up on a whole call (attempts and backoff) after `timeout`.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The most bytes a response body may have (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::limits::DEFAULT_MAX_RESPONSE_BYTES), 8 MiB): past
    /// it the call ends with `CallErrorKind::ResponseTooLarge`, the rest unread.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// An application id appended to `X-Amz-User-Agent` as `app/<id>`.
    pub fn app_id(mut self, id: impl Into<String>) -> Self {
        self.app_id = Some(id.into());
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, ClientConfigError> {
        endpoint::check_region(&self.region).map_err(ClientConfigError::Endpoint)?;
        let base_url =
            endpoint::resolve(&self.region, &self.endpoint).map_err(ClientConfigError::Endpoint)?;
        if self.retry.max_attempts == 0 {
            return Err(ClientConfigError::Invalid {
                field: "retry_policy.max_attempts",
                message: "at least 1 attempt is needed".to_string(),
            });
        }
        for (field, t) in [
            ("attempt_timeout", self.attempt_timeout),
            ("total_timeout", self.total_timeout),
        ] {
            if t == Some(Duration::ZERO) {
                return Err(ClientConfigError::Invalid {
                    field,
                    message: "a timeout must be longer than zero".to_string(),
                });
            }
        }
        if self.max_response_bytes == 0 {
            return Err(ClientConfigError::Invalid {
                field: "max_response_bytes",
                message: "the limit must be at least 1 byte".to_string(),
            });
        }
        let bad_app_id = |app: &str| {
            app.is_empty()
                || app.len() > 50
                || !app
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        };
        if self.app_id.as_deref().is_some_and(bad_app_id) {
            return Err(ClientConfigError::Invalid {
                field: "app_id",
                message: "1 to 50 characters of letters, digits and !#$%&'*+-.^_`|~".to_string(),
            });
        }
        let credentials = self.credentials.ok_or(ClientConfigError::Missing {
            field: "credentials",
        })?;
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport().ok_or(ClientConfigError::Missing { field: "transport" })?,
        };
        let clock = match self.clock {
            Some(c) => c,
            None => default_clock().ok_or(ClientConfigError::Missing { field: "clock" })?,
        };
        let random = self.random.unwrap_or_else(default_random);
        let user_agent = match &self.app_id {
            Some(app) => format!("{USER_AGENT} app/{app}"),
            None => USER_AGENT.to_string(),
        };
        Ok(Client {
            inner: Rc::new(Inner {
                region: self.region,
                base_url,
                credentials,
                transport,
                clock,
                random,
                policy: self.retry,
                quota: RefCell::new(RetryQuota::new(self.quota)),
                attempt_timeout: self.attempt_timeout,
                total_timeout: self.total_timeout,
                max_response_bytes: self.max_response_bytes,
                skew_millis: Cell::new(0),
                user_agent,
            }),
        })
    }
}

#[cfg(target_arch = "wasm32")]
fn default_transport() -> Option<Rc<dyn Transport>> {
    Some(Rc::new(crate::fetch::FetchTransport::new()))
}

#[cfg(not(target_arch = "wasm32"))]
fn default_transport() -> Option<Rc<dyn Transport>> {
    None
}

#[cfg(target_arch = "wasm32")]
fn default_clock() -> Option<Rc<dyn Clock>> {
    Some(Rc::new(crate::fetch::JsClock))
}

#[cfg(not(target_arch = "wasm32"))]
fn default_clock() -> Option<Rc<dyn Clock>> {
    None
}

#[cfg(target_arch = "wasm32")]
fn default_random() -> Rc<dyn RandomSource> {
    Rc::new(crate::fetch::JsRandom)
}

#[cfg(not(target_arch = "wasm32"))]
fn default_random() -> Rc<dyn RandomSource> {
    Rc::new(crate::runtime::SeededRandom::from_entropy())
}

struct Inner {
    region: String,
    base_url: String,
    credentials: Rc<dyn CredentialsProvider>,
    transport: Rc<dyn Transport>,
    clock: Rc<dyn Clock>,
    random: Rc<dyn RandomSource>,
    policy: RetryPolicy,
    quota: RefCell<RetryQuota>,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_response_bytes: u64,
    skew_millis: Cell<i64>,
    user_agent: String,
}

/// An EC2 Image Builder client. Cheap to clone (clones share the retry quota and the clock
/// offset). Not `Send`: it lives on one thread (the browser's, a worker's, Node's).
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.base_url)
            .field("retry", &self.inner.policy)
            .field("clock_skew_millis", &self.inner.skew_millis.get())
            .finish_non_exhaustive()
    }
}

enum Outcome {
    Response(TransportResponse),
    Network(TransportError),
    AttemptTimeout,
    TotalTimeout,
    Cancelled,
}

/// One attempt's failure, as the retry loop sees it.
struct Failure {
    kind: FailureKind,
    error: CallErrorKind,
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The resolved base URL (no trailing slash).
    pub fn endpoint(&self) -> &str {
        &self.inner.base_url
    }

    /// The clock offset learnt from the service, in ms added to local time when signing.
    pub fn clock_skew_millis(&self) -> i64 {
        self.inner.skew_millis.get()
    }

    /// Tokens left in the retry quota.
    pub fn retry_quota_available(&self) -> u32 {
        self.inner.quota.borrow().available()
    }

    pub(crate) fn clock(&self) -> &Rc<dyn Clock> {
        &self.inner.clock
    }

    pub(crate) fn random(&self) -> &Rc<dyn RandomSource> {
        &self.inner.random
    }

    /// Calls operation `O`: validates the input, fills an empty `clientToken` with a UUIDv4,
    /// sends with retries, and parses the output. `options`: `()` for none, or [`CallOptions`] /
    /// a [`CancelToken`] to cancel the call.
    pub async fn send<O: Operation>(
        &self,
        input: O::Input,
        options: impl Into<CallOptions>,
    ) -> Result<O::Output, CallError> {
        self.call(&Typed::<O>::new(), input, options.into()).await
    }

    /// Sends already laid-out request parts and parses the response with `parse`: the engine
    /// behind [`Client::send`] and the JSON entry points. Each attempt is signed anew; failures
    /// are retried as the AWS SDKs' standard mode does; a refused signature time is corrected
    /// from the server's `Date` once.
    pub async fn execute<T>(
        &self,
        parts: RequestParts,
        parse: &dyn Fn(protocol::ResponseParts<'_>) -> Result<T, ResponseError>,
        options: impl Into<CallOptions>,
    ) -> Result<T, CallError> {
        let options = &options.into();
        let inner = &self.inner;
        let clock = inner.clock.clone();
        let started = clock.now_millis();
        let total_timeout = options.total_timeout.or(inner.total_timeout);
        let deadline = total_timeout.map(|t| started.saturating_add(duration_millis(t)));
        let timed_out = |attempts| {
            let timeout = total_timeout.unwrap_or_default();
            CallError::new(CallErrorKind::TotalTimeout { timeout }, attempts)
        };
        let max_attempts = inner.policy.max_attempts;
        let invocation_id = uuid_v4(inner.random.as_ref());
        let url = build_url(&inner.base_url, &parts);
        let mut attempt: u32 = 0;
        let mut last_retry_cost: Option<u32> = None;
        let mut retries: u32 = 0;
        let mut skew_corrected = false;
        loop {
            attempt += 1;
            if is_cancelled(options) {
                return Err(CallError::new(CallErrorKind::Cancelled, attempt - 1));
            }
            let local_now = clock.now_millis();
            if deadline.is_some_and(|d| local_now >= d) {
                return Err(timed_out(attempt - 1));
            }
            let signing_now = apply_offset(local_now, inner.skew_millis.get());
            let provided = inner
                .credentials
                .provide(signing_now)
                .await
                .map_err(|e| CallError::new(CallErrorKind::Credentials(e), attempt - 1))?;
            let request = self
                .sign_attempt(&parts, &url, &provided.credentials, signing_now)
                .map_err(|e| CallError::new(CallErrorKind::Signing(e), attempt - 1))?;
            let request = with_sdk_headers(
                request,
                &inner.user_agent,
                &invocation_id,
                attempt,
                max_attempts,
            );
            let outcome = self.race_attempt(request, options, deadline).await;
            let failure = match outcome {
                Outcome::Cancelled => {
                    return Err(CallError::new(CallErrorKind::Cancelled, attempt));
                }
                Outcome::TotalTimeout => return Err(timed_out(attempt)),
                Outcome::Network(e) => match limits::transport_failure(e) {
                    (true, error) => Failure {
                        kind: FailureKind::Transient,
                        error,
                    },
                    (false, error) => return Err(CallError::new(error, attempt)),
                },
                Outcome::AttemptTimeout => Failure {
                    kind: FailureKind::Transient,
                    error: CallErrorKind::AttemptTimeout {
                        timeout: inner.attempt_timeout.unwrap_or_default(),
                    },
                },
                Outcome::Response(response) => {
                    if let Some(error) =
                        limits::unusable_response(&response, inner.max_response_bytes)
                    {
                        return Err(CallError::new(error, attempt));
                    }
                    let view = protocol::ResponseParts {
                        status: response.status,
                        headers: &response.headers,
                        body: &response.body,
                    };
                    match parse(view) {
                        Ok(output) => {
                            inner.quota.borrow_mut().on_success(last_retry_cost);
                            return Ok(output);
                        }
                        Err(ResponseError::Malformed { status, message }) => {
                            return Err(CallError::new(
                                CallErrorKind::MalformedResponse { status, message },
                                attempt,
                            ));
                        }
                        Err(ResponseError::Service(e)) => {
                            if !skew_corrected
                                && attempt < max_attempts
                                && is_clock_skew_code(&e.code)
                                && self.adopt_server_clock(&response)
                            {
                                skew_corrected = true;
                                continue;
                            }
                            Failure {
                                kind: classify_service_error(e.status, &e.code),
                                error: CallErrorKind::Service(e),
                            }
                        }
                        Err(other) => Failure {
                            kind: FailureKind::NotRetryable,
                            error: CallErrorKind::MalformedResponse {
                                status: response.status,
                                message: format!("{other:?}"),
                            },
                        },
                    }
                }
            };
            if !failure.kind.is_retryable() || attempt >= max_attempts {
                return Err(CallError::new(failure.error, attempt));
            }
            let Some(cost) = inner.quota.borrow_mut().try_acquire(failure.kind) else {
                return Err(CallError::new(failure.error, attempt).quota_exhausted());
            };
            last_retry_cost = Some(cost);
            let delay = inner
                .policy
                .backoff(failure.kind, retries, inner.random.next_f64());
            retries += 1;
            match self.backoff(delay, options, deadline).await {
                Ok(()) => {}
                Err(Outcome::Cancelled) => {
                    return Err(CallError::new(CallErrorKind::Cancelled, attempt));
                }
                Err(_) => return Err(timed_out(attempt)),
            }
        }
    }

    /// Learns the clock offset from the response's `Date` header; true when it changed by at
    /// least the skew threshold (worth a retry).
    fn adopt_server_clock(&self, response: &TransportResponse) -> bool {
        let Some(server) = response.header("date").and_then(parse_http_date) else {
            return false;
        };
        let local = self.inner.clock.now_millis();
        let current = self.inner.skew_millis.get();
        match clock_skew_offset(apply_offset(local, current), server) {
            Some(delta) => {
                self.inner.skew_millis.set(current.saturating_add(delta));
                true
            }
            None => false,
        }
    }

    fn sign_attempt(
        &self,
        parts: &RequestParts,
        url: &str,
        credentials: &signing::Credentials,
        now_millis: u64,
    ) -> Result<TransportRequest, signing::SigningError> {
        let body = parts.body.as_deref().unwrap_or_default();
        let signable = SignableRequest {
            method: parts.method,
            url,
            headers: &parts.headers,
            payload: Payload::Bytes(body),
        };
        let params = SigningParams::new(
            credentials,
            &self.inner.region,
            SIGNING_NAME,
            signing::time_from_unix_millis(now_millis),
        );
        let signed = signing::sign_headers(&signable, &params)?;
        let mut headers = parts.headers.clone();
        headers.extend(signed.headers);
        Ok(TransportRequest {
            method: parts.method.to_string(),
            url: url.to_string(),
            headers,
            body: parts.body.clone(),
            max_response_bytes: self.inner.max_response_bytes,
        })
    }

    async fn race_attempt(
        &self,
        request: TransportRequest,
        options: &CallOptions,
        deadline: Option<u64>,
    ) -> Outcome {
        let clock = &self.inner.clock;
        let send = self.inner.transport.send(request).map(|r| match r {
            Ok(response) => Outcome::Response(response),
            Err(e) => Outcome::Network(e),
        });
        // One timer: whichever of the attempt timeout and the call's deadline comes first.
        let remaining = deadline.map(|d| d.saturating_sub(clock.now_millis()));
        let timer: LocalBoxFuture<'static, Outcome> =
            match (self.inner.attempt_timeout.map(duration_millis), remaining) {
                (Some(a), Some(r)) if a < r => clock
                    .sleep(Duration::from_millis(a))
                    .map(|()| Outcome::AttemptTimeout)
                    .boxed_local(),
                (_, Some(r)) => clock
                    .sleep(Duration::from_millis(r))
                    .map(|()| Outcome::TotalTimeout)
                    .boxed_local(),
                (Some(a), None) => clock
                    .sleep(Duration::from_millis(a))
                    .map(|()| Outcome::AttemptTimeout)
                    .boxed_local(),
                (None, None) => future::pending().boxed_local(),
            };
        let cancel = cancel_future(options).map(|()| Outcome::Cancelled);
        match future::select(send, future::select(cancel, timer)).await {
            Either::Left((outcome, _)) => outcome,
            Either::Right((Either::Left((outcome, _)), _)) => outcome,
            Either::Right((Either::Right((outcome, _)), _)) => outcome,
        }
    }

    /// Sleeps `delay` (cut short by the deadline), unless cancelled.
    async fn backoff(
        &self,
        delay: Duration,
        options: &CallOptions,
        deadline: Option<u64>,
    ) -> Result<(), Outcome> {
        let clock = &self.inner.clock;
        let now = clock.now_millis();
        let (delay, hits_deadline) = match deadline {
            Some(d) => {
                let remaining = d.saturating_sub(now);
                if duration_millis(delay) >= remaining {
                    (Duration::from_millis(remaining), true)
                } else {
                    (delay, false)
                }
            }
            None => (delay, false),
        };
        let sleep = clock.sleep(delay);
        let cancel = cancel_future(options);
        match future::select(cancel, sleep).await {
            Either::Left(_) => Err(Outcome::Cancelled),
            Either::Right(_) if hits_deadline => Err(Outcome::TotalTimeout),
            Either::Right(_) => Ok(()),
        }
    }

    /// Sleeps `delay` on the client's clock unless `cancel` fires first; `false` if cancelled.
    pub(crate) async fn sleep_or_cancel(
        &self,
        delay: Duration,
        cancel: Option<&CancelToken>,
    ) -> bool {
        let sleep = self.inner.clock.sleep(delay);
        let cancelled = match cancel {
            Some(c) => c.cancelled().boxed_local(),
            None => future::pending().boxed_local(),
        };
        matches!(future::select(sleep, cancelled).await, Either::Left(_))
    }
}

fn is_cancelled(options: &CallOptions) -> bool {
    options
        .cancel
        .as_ref()
        .is_some_and(CancelToken::is_cancelled)
}

fn cancel_future(options: &CallOptions) -> LocalBoxFuture<'static, ()> {
    match &options.cancel {
        Some(token) => token.cancelled().boxed_local(),
        None => future::pending().boxed_local(),
    }
}

fn duration_millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn apply_offset(millis: u64, offset: i64) -> u64 {
    if offset >= 0 {
        millis.saturating_add(offset.unsigned_abs())
    } else {
        millis.saturating_sub(offset.unsigned_abs())
    }
}

fn with_sdk_headers(
    mut request: TransportRequest,
    user_agent: &str,
    invocation_id: &str,
    attempt: u32,
    max_attempts: u32,
) -> TransportRequest {
    request
        .headers
        .push(("x-amz-user-agent".to_string(), user_agent.to_string()));
    request.headers.push((
        "amz-sdk-invocation-id".to_string(),
        invocation_id.to_string(),
    ));
    request.headers.push((
        "amz-sdk-request".to_string(),
        retry::sdk_request_header(attempt, max_attempts),
    ));
    request
}

/// `base` + the operation's path + its encoded query.
pub(crate) fn build_url(base: &str, parts: &RequestParts) -> String {
    let mut url = String::with_capacity(base.len() + parts.path.len() + 32);
    url.push_str(base);
    if !parts.path.starts_with('/') {
        url.push('/');
    }
    url.push_str(&parts.path);
    if !parts.query.is_empty() {
        url.push('?');
        url.push_str(&parts.query_string());
    }
    url
}
