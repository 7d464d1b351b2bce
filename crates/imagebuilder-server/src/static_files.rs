//! The console's built files: served from `--static DIR` with SPA fallback (unknown paths get
//! `index.html`) and a strict Content-Security-Policy on every response. A browser that accepts
//! Brotli gets `FILE.br`, one that accepts gzip `FILE.gz`, when the build wrote them next to
//! `FILE` (the console steps of xtask do, for the wasm, JS, CSS and HTML: Brotli at quality 11
//! and gzip written by Zopfli), so what crosses the network is the compressed size
//! `cargo xtask bench-console` reports. Every file is `Cache-Control: no-cache`: revalidated on
//! each load, a 304 while unchanged.

use axum::Router;
use axum::http::{HeaderName, HeaderValue};
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy: only our own scripts and wasm, no inline scripts, no plugins, no framing; calls
/// to this server, loopback, and the Image Builder endpoints of every partition in
/// `model/partitions.json` (its DNS suffix and its dual-stack one), so "AWS direct" works in
/// China, the EU sovereign cloud, GovCloud and the ISO regions too.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self' \
https://*.amazonaws.com https://*.api.aws \
https://*.amazonaws.com.cn https://*.api.amazonwebservices.com.cn \
https://*.amazonaws.eu https://*.api.amazonwebservices.eu \
https://*.c2s.ic.gov https://*.api.aws.ic.gov \
https://*.sc2s.sgov.gov https://*.api.aws.scloud \
https://*.cloud.adc-e.uk https://*.api.cloud-aws.adc-e.uk \
https://*.csp.hci.ic.gov https://*.api.aws.hci.ic.gov \
http://127.0.0.1:* http://localhost:*; \
object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/// A router serving `dir` with SPA fallback and the CSP.
pub fn router(dir: &Path) -> Router {
    let index = dir.join("index.html");
    Router::new()
        .fallback_service(
            ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(
                    ServeFile::new(index)
                        .precompressed_br()
                        .precompressed_gzip(),
                ),
        )
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static(CSP),
        ))
        // The body depends on Accept-Encoding (FILE.br, FILE.gz or FILE): caches must key on it.
        .layer(SetResponseHeaderLayer::appending(
            HeaderName::from_static("vary"),
            HeaderValue::from_static("accept-encoding"),
        ))
        // The files keep fixed names (Trunk's `filehash` is off so that boot.js can name the
        // glue): a browser must ask again each time (a 304 while the file is unchanged, from
        // its Last-Modified), or heuristic freshness could pair an old glue with a new wasm
        // after the console is rebuilt.
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cache-control"),
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
}

#[cfg(test)]
mod tests {
    use super::CSP;

    #[test]
    fn the_csp_lets_the_console_call_every_partitions_endpoints() {
        let model: serde_json::Value =
            serde_json::from_str(include_str!("../../../model/partitions.json")).expect("model");
        let sources: Vec<&str> = CSP
            .split(';')
            .find_map(|d| d.trim().strip_prefix("connect-src "))
            .expect("a connect-src")
            .split_whitespace()
            .collect();
        let partitions = model["partitions"].as_array().expect("partitions");
        assert!(partitions.len() >= 8);
        for p in partitions {
            for key in ["dnsSuffix", "dualStackDnsSuffix"] {
                let suffix = p["outputs"][key].as_str().expect("a suffix");
                let source = format!("https://*.{suffix}");
                assert!(
                    sources.contains(&source.as_str()),
                    "{} {key}: {source} is not allowed",
                    p["id"]
                );
            }
        }
        assert!(
            !sources.contains(&"*") && !sources.contains(&"https:"),
            "{sources:?}"
        );
    }
}
