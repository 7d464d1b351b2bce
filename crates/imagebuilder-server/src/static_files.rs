//! The console's built files: served from `--static DIR` with SPA fallback (unknown paths get
//! `index.html`) and a strict Content-Security-Policy on every response. A browser that accepts
//! gzip gets `FILE.gz` when the build wrote one next to `FILE` (`cargo xtask build` and the
//! console steps do: gzip written by Zopfli of the wasm, JS, CSS and HTML), so what crosses the network is the
//! compressed size `cargo xtask bench-console` reports.

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
        .fallback_service(
            ServeDir::new(dir)
                .precompressed_gzip()
                .fallback(ServeFile::new(index).precompressed_gzip()),
        )
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static(CSP),
        ))
        // The body depends on Accept-Encoding (FILE.gz or FILE): caches must key on it.
        .layer(SetResponseHeaderLayer::appending(
            HeaderName::from_static("vary"),
            HeaderValue::from_static("accept-encoding"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
}
