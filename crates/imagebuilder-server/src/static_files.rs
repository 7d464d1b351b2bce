//! The console's built files: served from `--static DIR` with SPA fallback (unknown paths get
//! `index.html`) and a strict Content-Security-Policy on every response.

use axum::Router;
use axum::http::{HeaderName, HeaderValue};
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy: only our own scripts and wasm, no inline scripts, no plugins, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self' https://*.amazonaws.com http://127.0.0.1:* http://localhost:*; \
object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/// A router serving `dir` with SPA fallback and the CSP.
pub fn router(dir: &Path) -> Router {
    let index = dir.join("index.html");
    Router::new()
        .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
}
