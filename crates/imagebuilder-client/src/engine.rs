//! The engine every call goes through: sign each attempt, send it, classify the outcome, retry
//! as the AWS SDKs' standard mode does, correct the clock once, and account for it all in the
//! call's [`CallMetadata`](crate::CallMetadata).

use crate::call::CallOptions;
use crate::client::{Client, SIGNING_NAME};
use crate::error::{CallError, CallErrorKind};
use crate::limits;
use crate::metadata::Meter;
use crate::runtime::{CancelToken, TransportError, TransportRequest, TransportResponse, uuid_v4};
use futures_util::FutureExt;
use futures_util::future::{self, Either, LocalBoxFuture};
use imagebuilder_core::protocol::{self, RequestParts, ResponseError};
use imagebuilder_core::retry::{
    self, FailureKind, classify_service_error, clock_skew_offset, is_clock_skew_code,
    parse_http_date,
};
use imagebuilder_core::signing::{self, Payload, SignableRequest, SigningParams};
use std::time::Duration;

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
    /// Sends already laid-out request parts and parses the response with `parse`: the engine
    /// behind [`Client::send`] and the JSON entry points. Each attempt is signed anew; failures
    /// are retried as the AWS SDKs' standard mode does; a refused signature time is corrected
    /// from the server's `Date` once.
    ///
    /// The call's [`CallMetadata`](crate::CallMetadata) goes to the options' observer at the end
    /// ([`CallEvent::Finished`](crate::CallEvent::Finished)) and, for a failed call, with the error
    /// ([`CallError::metadata`]).
    pub async fn execute<T>(
        &self,
        parts: RequestParts,
        parse: &dyn Fn(protocol::ResponseParts<'_>) -> Result<T, ResponseError>,
        options: impl Into<CallOptions>,
    ) -> Result<T, CallError> {
        let options = options.into();
        let mut meter = Meter::new(options.observer.clone());
        let result = self.attempts(parts, parse, &options, &mut meter).await;
        let skew = self.inner.skew_millis.get();
        match result {
            Ok((output, attempts)) => {
                meter.finish(attempts, skew);
                Ok(output)
            }
            Err(error) => {
                let metadata = meter.finish(error.attempts(), skew);
                Err(error.with_metadata(metadata))
            }
        }
    }

    /// The retry loop: the output and the attempts it took.
    async fn attempts<T>(
        &self,
        parts: RequestParts,
        parse: &dyn Fn(protocol::ResponseParts<'_>) -> Result<T, ResponseError>,
        options: &CallOptions,
        meter: &mut Meter,
    ) -> Result<(T, u32), CallError> {
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
            meter.attempt(attempt);
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
                    let view = protocol::ResponseParts {
                        status: response.status,
                        headers: &response.headers,
                        body: &response.body,
                    };
                    meter.response(view.status, view.request_id());
                    if let Some(error) =
                        limits::unusable_response(&response, inner.max_response_bytes)
                    {
                        return Err(CallError::new(error, attempt));
                    }
                    match parse(view) {
                        Ok(output) => {
                            inner.quota.borrow_mut().on_success(last_retry_cost);
                            return Ok((output, attempt));
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
                                meter.skew_corrected(inner.skew_millis.get());
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
            meter.retrying(attempt, max_attempts, delay, &failure.error);
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
