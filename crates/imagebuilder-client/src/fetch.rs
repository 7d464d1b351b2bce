//! The wasm32 environment: a `fetch` transport (the global `fetch`, so it works in browsers, web
//! workers and Node >= 18; gloo-net reads the response), a clock on `Date.now()` and
//! `setTimeout`, and `Math.random`.

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

fn js_message(e: &gloo_net::Error) -> String {
    e.to_string()
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
            let response = gloo_net::http::Response::from(response);
            let status = response.status();
            let headers: Vec<(String, String)> = response.headers().entries().collect();
            let body = response
                .binary()
                .await
                .map_err(|e| TransportError::new(js_message(&e)))?;
            guard.done = true;
            Ok(TransportResponse {
                status,
                headers,
                body,
            })
        })
    }
}

/// `Date.now()` and `setTimeout`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsClock;

/// The longest single `setTimeout` (2^31 - 1 ms); longer sleeps are chained.
const MAX_TIMEOUT_MS: u64 = 2_147_483_647;

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
        Box::pin(async move {
            let mut remaining = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
            loop {
                let chunk = remaining.min(MAX_TIMEOUT_MS);
                // `chunk` fits: MAX_TIMEOUT_MS < u32::MAX.
                gloo_timers::future::TimeoutFuture::new(u32::try_from(chunk).unwrap_or(u32::MAX))
                    .await;
                remaining -= chunk;
                if remaining == 0 {
                    break;
                }
            }
        })
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
