//! The client: `ImageBuilderClient` (one method per operation in the glue), paginators, the
//! image waiter and `validateInput`, over `imagebuilder-client`'s JSON entry points (so the
//! package links the protocol tables, not every typed shape).
//!
//! Inputs and outputs cross as JSON text. Cancellation: the glue turns an `AbortSignal` into a
//! [`CancelHandle`] (a [`CancelToken`]) that it cancels when the signal aborts.

use crate::errors::{ErrorKind, JsError};
use futures_util::StreamExt;
use imagebuilder_client::runtime::{
    Transport, TransportError, TransportRequest, TransportResponse,
};
use imagebuilder_client::{
    CallError, CallErrorKind, CallEvent, CallMetadata, CallOptions, CancelToken, Client,
    ClientConfigError, CredentialsError, PageStream, ProvidedCredentials, RefreshingCredentials,
    StaticCredentials, StatusChange, WaitError, WaiterConfig,
};
use imagebuilder_client::{EndpointConfig, credentials::RefreshHook};
use imagebuilder_core::protocol::json::{self as pjson, JsonRequestError};
use imagebuilder_core::protocol::{ServiceError, ValidationError};
use imagebuilder_core::retry::RetryPolicy;
use imagebuilder_core::signing::Credentials;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The model names of every operation, in the protocol's order.
#[wasm_bindgen(js_name = "operationNames")]
pub fn operation_names() -> Vec<String> {
    imagebuilder_core::model::OPERATIONS
        .iter()
        .map(|s| (*s).to_string())
        .collect()
}

fn violations_json(v: &ValidationError) -> Value {
    Value::Array(
        v.violations
            .iter()
            .map(|x| json!({ "path": x.path, "rule": x.rule, "message": x.message }))
            .collect(),
    )
}

fn validation_error(v: &ValidationError, attempts: u32) -> JsError {
    JsError::new(ErrorKind::Validation, format!("invalid input for {v}"))
        .with("operation", v.operation)
        .with("violations", violations_json(v))
        .with("attempts", attempts)
}

fn input_value(input_json: &str) -> Result<Value, JsValue> {
    serde_json::from_str(input_json)
        .map_err(|e| JsError::new(ErrorKind::Argument, format!("input is not JSON: {e}")).into())
}

/// Checks `input_json` against `operation`'s input shape: JSON array of violations (empty when
/// valid; a missing idempotency token is none, since the client fills it). Throws a `TypeError` for an unknown operation or an input that is not an object.
#[wasm_bindgen(js_name = "validateInput")]
pub fn validate_input(operation: &str, input_json: &str) -> Result<String, JsValue> {
    let input = input_value(input_json)?;
    match pjson::validate(operation, &input) {
        Ok(()) => Ok("[]".to_string()),
        Err(JsonRequestError::Validation(mut v)) => {
            // A missing idempotency token is not a violation: the client fills it before it
            // validates, as botocore does.
            let token = imagebuilder_core::model::client_token_member(operation);
            v.violations
                .retain(|x| !(x.rule == "required" && Some(x.path.as_str()) == token));
            Ok(json_text(&violations_json(&v)))
        }
        Err(other) => Err(JsError::new(ErrorKind::Argument, other.to_string()).into()),
    }
}

fn service_error(e: &ServiceError, attempts: u32) -> JsError {
    let message = e
        .message
        .clone()
        .unwrap_or_else(|| format!("{} (HTTP {})", e.code, e.status));
    JsError::new(ErrorKind::Service, message)
        .with("code", e.code.as_str())
        .with("httpStatusCode", e.status)
        .with("requestId", e.request_id.clone())
        .with("body", e.body.as_str())
        .with("fault", if e.status >= 500 { "server" } else { "client" })
        .with("attempts", attempts)
}

/// A failed call as thrown into JS.
fn call_error(e: &CallError) -> JsValue {
    let attempts = e.attempts();
    let message = e.to_string();
    let err = match e.kind() {
        CallErrorKind::Validation(v) => validation_error(v, attempts),
        CallErrorKind::JsonRequest { .. } => JsError::new(ErrorKind::Argument, message),
        CallErrorKind::Service(s) => {
            service_error(s, attempts).with("retryQuotaExhausted", e.retry_quota_exhausted())
        }
        CallErrorKind::MalformedResponse { status, .. } => {
            JsError::new(ErrorKind::Response, message).with("httpStatusCode", *status)
        }
        // `cause`: what the transport said (Node's system error behind `fetch failed`, or the
        // requestHandler's error).
        CallErrorKind::Transport(t) => {
            JsError::new(ErrorKind::Network, message).with("cause", t.message.as_str())
        }
        CallErrorKind::AttemptTimeout { .. } | CallErrorKind::TotalTimeout { .. } => {
            JsError::new(ErrorKind::Timeout, message)
        }
        CallErrorKind::Cancelled => JsError::new(ErrorKind::Abort, message),
        CallErrorKind::Credentials(_) => JsError::new(ErrorKind::Credentials, message),
        CallErrorKind::Signing(_) => {
            JsError::new(ErrorKind::Signing, message).with("rule", "signer")
        }
        CallErrorKind::Endpoint(_) => JsError::new(ErrorKind::Config, message),
        CallErrorKind::PaginationLoop { .. } => JsError::new(ErrorKind::Response, message),
        CallErrorKind::Redirect { status, location } => JsError::new(ErrorKind::Response, message)
            .with("httpStatusCode", *status)
            .with("location", location.clone()),
        CallErrorKind::ResponseTooLarge { limit } => {
            JsError::new(ErrorKind::Response, message).with("maxResponseBytes", *limit as f64)
        }
        _ => JsError::new(ErrorKind::Client, message),
    };
    let m = e.metadata();
    let err = err
        .with("attempts", attempts)
        .with("totalRetryDelay", millis_f64(m.total_retry_delay));
    // The service error's own status and request id win; other failures after a response (a
    // malformed body, a redirect) report the last response's.
    let err = match e.kind() {
        CallErrorKind::Service(_) => err,
        _ => err
            .with_default("httpStatusCode", m.http_status)
            .with_default("requestId", m.request_id.clone()),
    };
    err.into()
}

fn config_error(e: &ClientConfigError) -> JsValue {
    JsError::new(ErrorKind::Config, e.to_string()).into()
}

/// Cancels the calls, paginators and waiters it is passed to (the glue cancels it when the
/// caller's `AbortSignal` aborts). Calls take a [`CancelHandle::share`]d copy (wasm-bindgen moves
/// what it is given), so the glue's own handle stays usable.
#[wasm_bindgen]
#[derive(Debug, Clone, Default)]
pub struct CancelHandle {
    token: CancelToken,
}

#[wasm_bindgen]
impl CancelHandle {
    /// A handle that is not cancelled.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Another handle on the same cancellation state.
    pub fn share(&self) -> CancelHandle {
        self.clone()
    }

    /// Cancels everything this handle (or a shared copy) was passed to.
    pub fn cancel(&self) {
        self.token.cancel();
    }
}

/// Milliseconds from JS (the glue checked them: finite, > 0) as a duration.
fn millis(ms: f64) -> Duration {
    Duration::from_millis(ms as u64)
}

/// The last finished call's metadata, as the observer of [`options`] records it.
type LastCall = Rc<RefCell<Option<CallMetadata>>>;

/// Call options (cancel, total timeout) whose observer keeps the last call's metadata.
fn options(cancel: Option<&CancelHandle>, timeout_ms: Option<f64>) -> (CallOptions, LastCall) {
    let mut options = match cancel {
        Some(c) => CallOptions::cancellable(c.token.clone()),
        None => CallOptions::default(),
    };
    if let Some(ms) = timeout_ms {
        options = options.with_total_timeout(millis(ms));
    }
    let last: LastCall = Rc::default();
    let sink = Rc::clone(&last);
    let options = options.with_observer(move |event| {
        if let CallEvent::Finished(m) = event {
            *sink.borrow_mut() = Some(m.clone());
        }
    });
    (options, last)
}

/// The SDK's `$metadata`: `{httpStatusCode, requestId, attempts, totalRetryDelay}` (ms).
fn metadata_json(m: &CallMetadata) -> Value {
    json!({
        "httpStatusCode": m.http_status,
        "requestId": m.request_id,
        "attempts": m.attempts,
        "totalRetryDelay": millis_f64(m.total_retry_delay),
    })
}

fn millis_f64(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `output` as JSON text with the call's `$metadata` (when the output is an object, as every
/// operation's is).
fn with_metadata(mut output: Value, last: &LastCall) -> String {
    if let (Value::Object(map), Some(m)) = (&mut output, last.borrow_mut().take()) {
        map.insert("$metadata".to_string(), metadata_json(&m));
    }
    json_text(&output)
}

/// `value` as JSON text, written straight into a buffer (`Value`'s `Display` goes through
/// `fmt::Formatter`, a dynamic call per token: it was most of the cost of shaping an output).
/// Serializing a `Value` cannot fail (its keys are strings); `Display` is the unreachable fallback.
fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| value.to_string())
}

/// The package's default per-attempt timeout: 30 s without an answer (or with a body still
/// arriving) and the attempt is abandoned and retried.
pub const DEFAULT_REQUEST_TIMEOUT_MS: f64 = 30_000.0;

/// Reads `{accessKeyId, secretAccessKey, sessionToken?, expiration?}` (expiration: ms since the
/// epoch, a `Date` or an ISO string converted by the glue to ms).
fn provided_from_js(value: &JsValue) -> Result<ProvidedCredentials, CredentialsError> {
    let get = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).ok();
    let text = |name: &str| get(name).and_then(|v| v.as_string());
    let (Some(id), Some(secret)) = (text("accessKeyId"), text("secretAccessKey")) else {
        return Err(CredentialsError::Refresh {
            message: "the credentials provider must return { accessKeyId, secretAccessKey, \
                      sessionToken?, expiration? }"
                .to_string(),
        });
    };
    let credentials = Credentials::new(id, secret, text("sessionToken"));
    Ok(match get("expiration").and_then(|v| v.as_f64()) {
        Some(ms) if ms.is_finite() && ms >= 0.0 => {
            ProvidedCredentials::expiring(credentials, ms as u64)
        }
        _ => ProvidedCredentials::new(credentials),
    })
}

fn refresh_hook(provider: js_sys::Function) -> RefreshHook {
    Rc::new(move || {
        let provider = provider.clone();
        Box::pin(async move {
            let refresh = |e: JsValue| CredentialsError::Refresh {
                message: e
                    .as_string()
                    .or_else(|| {
                        js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                            .ok()
                            .and_then(|m| m.as_string())
                    })
                    .unwrap_or_else(|| "the credentials provider failed".to_string()),
            };
            let returned = provider.call0(&JsValue::UNDEFINED).map_err(refresh)?;
            // A plain object or a promise of one.
            let value = JsFuture::from(js_sys::Promise::resolve(&returned))
                .await
                .map_err(refresh)?;
            provided_from_js(&value)
        })
    })
}

/// Hands every request to a JS function instead of `fetch` (the glue's `requestHandler` option):
/// called as `(text, body: Uint8Array | undefined)`, where `text` is the method, the URL and each
/// header's name and value joined by line feeds (`"POST\nhttps://...\nname\nvalue..."`: one
/// string crosses instead of two per header; none of them can hold a line feed, since the signer
/// refuses control characters in URLs, header values and session tokens, and the other headers
/// are the client's own), it returns (a promise of) `[status, [name, value, ...], body: string |
/// Uint8Array]`. A dropped request (a timeout, a cancel) is abandoned: the function's promise is
/// not awaited any more.
struct JsTransport {
    handler: js_sys::Function,
}

impl Transport for JsTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> futures_util::future::LocalBoxFuture<'static, Result<TransportResponse, TransportError>>
    {
        let handler = self.handler.clone();
        Box::pin(async move {
            let failed = |e: JsValue| {
                TransportError::new(
                    e.as_string()
                        .or_else(|| {
                            js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                                .ok()
                                .and_then(|m| m.as_string())
                        })
                        .unwrap_or_else(|| "the request handler failed".to_string()),
                )
            };
            let body = match &request.body {
                Some(b) => js_sys::Uint8Array::from(b.as_slice()).into(),
                None => JsValue::UNDEFINED,
            };
            let returned = handler
                .call2(
                    &JsValue::UNDEFINED,
                    &JsValue::from_str(&packed(&request)),
                    &body,
                )
                .map_err(failed)?;
            let value = JsFuture::from(js_sys::Promise::resolve(&returned))
                .await
                .map_err(failed)?;
            let bad =
                || TransportError::new("the request handler returned no [status, headers, body]");
            let parts = value.dyn_into::<js_sys::Array>().map_err(|_| bad())?;
            let status = parts
                .get(0)
                .as_f64()
                .filter(|s| s.fract() == 0.0 && (100.0..1000.0).contains(s))
                .ok_or_else(bad)? as u16;
            let flat = parts
                .get(1)
                .dyn_into::<js_sys::Array>()
                .map_err(|_| bad())?;
            let mut headers = Vec::with_capacity(flat.length() as usize / 2);
            for i in (0..flat.length().saturating_sub(1)).step_by(2) {
                if let (Some(n), Some(v)) = (flat.get(i).as_string(), flat.get(i + 1).as_string()) {
                    headers.push((n, v));
                }
            }
            let raw = parts.get(2);
            let body = if let Some(text) = raw.as_string() {
                text.into_bytes()
            } else if raw.is_instance_of::<js_sys::Uint8Array>() {
                js_sys::Uint8Array::from(raw).to_vec()
            } else {
                Vec::new()
            };
            Ok(TransportResponse {
                status,
                headers,
                body,
            })
        })
    }
}

/// The method, URL and headers of `request` joined by line feeds (see [`JsTransport`]).
fn packed(request: &TransportRequest) -> String {
    let len = request.method.len()
        + request.url.len()
        + request
            .headers
            .iter()
            .map(|(n, v)| n.len() + v.len() + 2)
            .sum::<usize>()
        + 1;
    let mut text = String::with_capacity(len);
    text.push_str(&request.method);
    text.push('\n');
    text.push_str(&request.url);
    for (name, value) in &request.headers {
        text.push('\n');
        text.push_str(name);
        text.push('\n');
        text.push_str(value);
    }
    text
}

/// The client behind the glue's `ImageBuilderClient`.
#[wasm_bindgen(js_name = "Client")]
#[derive(Debug)]
pub struct WasmClient {
    inner: Client,
}

#[wasm_bindgen(js_class = "Client")]
impl WasmClient {
    /// A client for `region`. Credentials: fixed keys (`access_key_id`, `secret_access_key`,
    /// `session_token`) or a `provider` function returning (a promise of) them. `endpoint`: a
    /// custom base URL; `fips`: the FIPS endpoint; `max_attempts`: attempts per call;
    /// `request_handler`: a function sending the requests instead of `fetch` (see `JsTransport`);
    /// `request_timeout_ms`: per attempt (default [`DEFAULT_REQUEST_TIMEOUT_MS`]);
    /// `timeout_ms`: per call, all attempts; `max_response_bytes`: the response body limit;
    /// `custom_user_agent`: appended to `X-Amz-User-Agent`.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        region: String,
        endpoint: Option<String>,
        fips: bool,
        max_attempts: Option<u32>,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
        session_token: Option<String>,
        provider: Option<js_sys::Function>,
        request_handler: Option<js_sys::Function>,
        request_timeout_ms: Option<f64>,
        timeout_ms: Option<f64>,
        max_response_bytes: Option<f64>,
        custom_user_agent: Option<String>,
    ) -> Result<WasmClient, JsValue> {
        let mut builder = Client::builder().region(region).attempt_timeout(millis(
            request_timeout_ms.unwrap_or(DEFAULT_REQUEST_TIMEOUT_MS),
        ));
        if let Some(ms) = timeout_ms {
            builder = builder.total_timeout(millis(ms));
        }
        if let Some(n) = max_response_bytes {
            builder = builder.max_response_bytes(n as u64);
        }
        if let Some(text) = custom_user_agent {
            builder = builder.custom_user_agent(text);
        }
        if let Some(handler) = request_handler {
            builder = builder.transport(JsTransport { handler });
        }
        builder = match (endpoint, fips) {
            (Some(url), _) => builder.endpoint(EndpointConfig::Custom(url)),
            (None, true) => builder.endpoint(EndpointConfig::AwsFips),
            (None, false) => builder,
        };
        if let Some(n) = max_attempts {
            let mut policy = RetryPolicy::STANDARD;
            policy.max_attempts = n;
            builder = builder.retry_policy(policy);
        }
        builder = match (provider, access_key_id, secret_access_key) {
            (Some(f), _, _) => builder.credentials(RefreshingCredentials::new(refresh_hook(f))),
            (None, Some(id), Some(secret)) => {
                builder.credentials(StaticCredentials::new(id, secret, session_token))
            }
            _ => builder,
        };
        let inner = builder.build().map_err(|e| config_error(&e))?;
        Ok(WasmClient { inner })
    }

    /// The endpoint requests go to.
    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.inner.endpoint().to_string()
    }

    /// Sends `operation` with a JSON input; resolves to the JSON output.
    pub fn send(
        &self,
        operation: String,
        input_json: String,
        cancel: Option<CancelHandle>,
        timeout_ms: Option<f64>,
    ) -> js_sys::Promise {
        let client = self.inner.clone();
        let (options, last) = options(cancel.as_ref(), timeout_ms);
        wasm_bindgen_futures::future_to_promise(async move {
            let input = input_value(&input_json)?;
            let output = client
                .send_json(&operation, input, &options)
                .await
                .map_err(|e| call_error(&e))?;
            Ok(JsValue::from_str(&with_metadata(output, &last)))
        })
    }

    /// The pages of a paginated `operation` (at most `max_pages`; `timeout_ms` per page's call).
    pub fn paginate(
        &self,
        operation: String,
        input_json: &str,
        cancel: Option<CancelHandle>,
        timeout_ms: Option<f64>,
        max_pages: Option<u32>,
    ) -> Result<Pages, JsValue> {
        let input = input_value(input_json)?;
        let (mut options, last) = options(cancel.as_ref(), timeout_ms);
        if let Some(n) = max_pages {
            options = options.with_max_pages(n);
        }
        let stream = self.inner.paginate_json(&operation, input, options);
        Ok(Pages {
            stream: Rc::new(RefCell::new(Some(stream))),
            last,
        })
    }

    /// Polls GetImage until the image is AVAILABLE (resolves to the last output as JSON, with the
    /// last poll's `$metadata`) or fails. `on_status` is called with `{status, reason, attempt, at}` at each change.
    #[wasm_bindgen(js_name = "waitUntilImageAvailable")]
    #[allow(clippy::too_many_arguments)]
    pub fn wait_until_image_available(
        &self,
        image_build_version_arn: String,
        min_delay_s: Option<f64>,
        max_delay_s: Option<f64>,
        max_attempts: Option<u32>,
        cancel: Option<CancelHandle>,
        on_status: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        let client = self.inner.clone();
        let cancel = cancel.map(|c| c.token);
        wasm_bindgen_futures::future_to_promise(async move {
            let mut config = WaiterConfig::default();
            let seconds = |s: f64, what: &str| {
                if let Ok(d) = Duration::try_from_secs_f64(s) {
                    Ok(d)
                } else {
                    Err(JsValue::from(JsError::new(
                        ErrorKind::Argument,
                        format!("{what} must be a number of seconds >= 0"),
                    )))
                }
            };
            if let Some(s) = min_delay_s {
                config.min_delay = seconds(s, "minDelay")?;
                config.max_delay = config.max_delay.max(config.min_delay);
            }
            if let Some(s) = max_delay_s {
                config.max_delay = seconds(s, "maxDelay")?;
            }
            if let Some(n) = max_attempts {
                config.max_attempts = n;
            }
            config.cancel = cancel;
            // Every poll's metadata goes to `last`: the output carries the last poll's, as
            // every other output carries its call's.
            let (polls, last) = options(None, None);
            config.observer = polls.observer;
            let mut report = |change: &StatusChange| {
                if let Some(f) = &on_status {
                    let arg = json!({
                        "status": change.status,
                        "reason": change.reason,
                        "attempt": change.attempt,
                        "at": change.at_millis,
                    });
                    // The glue parses the JSON before calling the user's callback.
                    let _ = f.call1(&JsValue::UNDEFINED, &JsValue::from_str(&json_text(&arg)));
                }
            };
            match client
                .wait_until_image_available_json(&image_build_version_arn, &config, &mut report)
                .await
            {
                Ok(output) => Ok(JsValue::from_str(&with_metadata(output, &last))),
                Err(e) => Err(wait_error(&e)),
            }
        })
    }
}

fn wait_error(e: &WaitError) -> JsValue {
    match e {
        WaitError::Call(c) => call_error(c),
        WaitError::Failed { status, reason } => JsError::new(ErrorKind::Waiter, e.to_string())
            .with("reason", "failure")
            .with("state", status.as_str())
            .with("stateReason", reason.clone())
            .into(),
        WaitError::MaxAttemptsExceeded {
            attempts,
            last_status,
        } => JsError::new(ErrorKind::Waiter, e.to_string())
            .with("reason", "timeout")
            .with("state", last_status.clone())
            .with("polls", *attempts)
            .into(),
        WaitError::Cancelled { attempts } => JsError::new(ErrorKind::Abort, e.to_string())
            .with("polls", *attempts)
            .into(),
        _ => JsError::new(ErrorKind::Waiter, e.to_string()).into(),
    }
}

/// The pages of a paginator, one `next()` at a time (the glue makes it an async iterator).
#[wasm_bindgen]
pub struct Pages {
    stream: Rc<RefCell<Option<PageStream<Value>>>>,
    /// The metadata of the call behind the page just fetched.
    last: LastCall,
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl Pages {
    /// Resolves to the next page as JSON, or `undefined` after the last one.
    pub fn next(&self) -> js_sys::Promise {
        let stream = Rc::clone(&self.stream);
        let last = Rc::clone(&self.last);
        wasm_bindgen_futures::future_to_promise(async move {
            let Some(mut s) = stream.borrow_mut().take() else {
                return Ok(JsValue::UNDEFINED);
            };
            let item = s.next().await;
            match item {
                Some(Ok(page)) => {
                    *stream.borrow_mut() = Some(s);
                    Ok(JsValue::from_str(&with_metadata(page, &last)))
                }
                Some(Err(e)) => Err(call_error(&e)),
                None => Ok(JsValue::UNDEFINED),
            }
        })
    }
}
