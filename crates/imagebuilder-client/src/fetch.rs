//! The wasm32 environment: a `fetch` transport (the global `fetch`, so it works in browsers, web
//! workers and Node >= 18), a clock on `Date.now()` and `setTimeout`, and `Math.random`.
//!
//! The transport never follows a redirect (`redirect: "manual"`: Node hands back the 3xx
//! itself, a browser an `opaqueredirect` of status 0, which it reports as status
//! [`OPAQUE_REDIRECT_STATUS`](crate::limits::OPAQUE_REDIRECT_STATUS)), and reads the body chunk
//! by chunk up to [`TransportRequest::max_response_bytes`], refusing a larger `content-length`
//! before reading and cancelling the stream past the limit.

use crate::runtime::{
    Clock, RandomSource, Transport, TransportError, TransportRequest, TransportResponse,
};
use futures_util::future::LocalBoxFuture;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Sends requests with the global `fetch`. Dropping the future (a timeout, a cancel) aborts the
/// request through an `AbortController`.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

impl FetchTransport {
    /// A fetch transport.
    pub fn new() -> Self {
        Self
    }
}

/// Aborts the fetch when dropped before it finished.
struct AbortOnDrop {
    controller: web_sys::AbortController,
    done: bool,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
    }
}

fn property(value: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// What a rejected `fetch` says, with its `cause` (Node puts the system error there:
/// `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1`), which `fetch failed` alone hides.
fn fetch_failure(e: &JsValue) -> String {
    let text = |v: &JsValue| {
        property(v, "message")
            .and_then(|m| m.as_string())
            .or_else(|| v.as_string())
    };
    let mut message = text(e).unwrap_or_else(|| "fetch failed".to_string());
    if let Some(cause) = property(e, "cause") {
        let code = property(&cause, "code").and_then(|c| c.as_string());
        let detail = text(&cause);
        match (code, detail) {
            (Some(code), Some(detail)) if !detail.contains(&code) => {
                message = format!("{message} ({code}: {detail})")
            }
            (_, Some(detail)) => message = format!("{message} ({detail})"),
            (Some(code), None) => message = format!("{message} ({code})"),
            (None, None) => {}
        }
    }
    message
}

fn js_error(what: &str) -> impl Fn(JsValue) -> TransportError + '_ {
    move |e| TransportError::new(format!("{what}: {}", fetch_failure(&e)))
}

impl Transport for FetchTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>> {
        Box::pin(async move {
            let controller = web_sys::AbortController::new()
                .map_err(|_| TransportError::new("AbortController is not available"))?;
            let mut guard = AbortOnDrop {
                controller,
                done: false,
            };
            // The URL goes to fetch exactly as signed (gloo-net's builder would append a stray
            // `&` to a URL with a query).
            let init = web_sys::RequestInit::new();
            init.set_method(&request.method);
            init.set_redirect(web_sys::RequestRedirect::Manual);
            init.set_signal(Some(&guard.controller.signal()));
            let headers = web_sys::Headers::new().map_err(js_error("headers"))?;
            for (name, value) in &request.headers {
                headers
                    .append(name, value)
                    .map_err(js_error("invalid header"))?;
            }
            init.set_headers(&headers);
            if let Some(body) = &request.body {
                init.set_body(&js_sys::Uint8Array::from(body.as_slice()));
            }
            let built = web_sys::Request::new_with_str_and_init(&request.url, &init)
                .map_err(js_error("invalid request"))?;
            let global = js_sys::global();
            let fetch = property(&global, "fetch")
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .ok_or_else(|| TransportError::new("fetch is not available"))?;
            let promise = fetch
                .call1(&global, &built)
                .map_err(|e| TransportError::new(fetch_failure(&e)))?;
            let response: web_sys::Response =
                wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
                    .await
                    .map_err(|e| TransportError::new(fetch_failure(&e)))?
                    .unchecked_into();
            let limit = request.max_response_bytes;
            if response.type_() == web_sys::ResponseType::Opaqueredirect {
                // Nothing to read: the guard aborts the request when dropped.
                return Ok(TransportResponse {
                    status: crate::limits::OPAQUE_REDIRECT_STATUS,
                    ..TransportResponse::default()
                });
            }
            let status = response.status();
            let headers: Vec<(String, String)> =
                gloo_net::http::Headers::from_raw(response.headers())
                    .entries()
                    .collect();
            let declared = imagebuilder_core::http::header(&headers, "content-length")
                .and_then(|v| v.trim().parse::<u64>().ok());
            if declared.is_some_and(|n| n > limit) {
                return Err(TransportError::too_large(limit));
            }
            let body = read_body(&response, limit).await?;
            guard.done = true;
            Ok(TransportResponse {
                status,
                headers,
                body,
            })
        })
    }
}

/// Reads `response`'s body chunk by chunk; past `limit` bytes it cancels the stream (the rest is
/// never read) and fails with [`TransportError::too_large`].
async fn read_body(response: &web_sys::Response, limit: u64) -> Result<Vec<u8>, TransportError> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let failed = js_error("reading the response body");
    let reader = call_method(&stream, "getReader", &[]).map_err(&failed)?;
    let mut body = Vec::new();
    loop {
        let promise = call_method(&reader, "read", &[]).map_err(&failed)?;
        let chunk = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
            .await
            .map_err(&failed)?;
        if property(&chunk, "done").is_some_and(|d| d.is_truthy()) {
            return Ok(body);
        }
        let Some(value) = property(&chunk, "value") else {
            continue;
        };
        let bytes = js_sys::Uint8Array::new(&value);
        let len = u64::from(bytes.length());
        if u64::try_from(body.len())
            .unwrap_or(u64::MAX)
            .saturating_add(len)
            > limit
        {
            // Stop the download; a rejected cancel changes nothing for the caller.
            if let Ok(p) = call_method(&reader, "cancel", &[]) {
                let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&p)).await;
            }
            return Err(TransportError::too_large(limit));
        }
        let start = body.len();
        body.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut body[start..]);
    }
}

/// `target[name](...args)`.
fn call_method(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))?
        .dyn_into()
        .map_err(|_| JsValue::from_str(&format!("{name} is not a function")))?;
    let list: js_sys::Array = args.iter().collect();
    f.apply(target, &list)
}

/// `Date.now()`, and sleeps on one `setTimeout` for the thread (see `timers.rs`).
#[derive(Debug, Clone, Copy, Default)]
pub struct JsClock;

impl Clock for JsClock {
    fn now_millis(&self) -> u64 {
        let now = js_sys::Date::now();
        if now.is_finite() && now > 0.0 {
            now as u64
        } else {
            0
        }
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        Box::pin(crate::timers::sleep(duration))
    }
}

/// `Math.random()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsRandom;

impl RandomSource for JsRandom {
    fn fill_bytes(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(4) {
            let word = (js_sys::Math::random() * 4_294_967_296.0) as u32;
            chunk.copy_from_slice(&word.to_le_bytes()[..chunk.len()]);
        }
    }

    fn next_f64(&self) -> f64 {
        js_sys::Math::random()
    }
}
