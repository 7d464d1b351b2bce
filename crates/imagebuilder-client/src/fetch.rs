//! The wasm32 environment: a `fetch` transport (gloo-net over the global `fetch`, so it works in
//! browsers, web workers and Node >= 18), a clock on `Date.now()` and `setTimeout`, and
//! `Math.random`.

use crate::runtime::{
    Clock, RandomSource, Transport, TransportError, TransportRequest, TransportResponse,
};
use futures_util::future::LocalBoxFuture;
use gloo_net::http::{Method, RequestBuilder};
use std::time::Duration;

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

impl Transport for FetchTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>> {
        Box::pin(async move {
            let method = Method::from_bytes(request.method.as_bytes()).map_err(|e| {
                TransportError::new(format!("invalid method {:?}: {e}", request.method))
            })?;
            let controller = web_sys::AbortController::new()
                .map_err(|_| TransportError::new("AbortController is not available"))?;
            let mut guard = AbortOnDrop {
                controller,
                done: false,
            };
            let signal = guard.controller.signal();
            let mut builder = RequestBuilder::new(&request.url)
                .method(method)
                .abort_signal(Some(&signal));
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let built = match &request.body {
                Some(body) => builder.body(js_sys::Uint8Array::from(body.as_slice())),
                None => builder.build(),
            }
            .map_err(|e| TransportError::new(js_message(&e)))?;
            let response = built
                .send()
                .await
                .map_err(|e| TransportError::new(js_message(&e)))?;
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
