//! CORS for browser callers of the emulator from other origins: preflights answered for the
//! AWS SDKs' headers, and the response headers a client needs exposed (error code, request id,
//! the `Date` used for clock-skew correction).

use axum::http::{HeaderName, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The request headers the AWS SDKs send (and sign) from a browser.
pub const ALLOWED_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-user-agent",
    "x-amz-content-sha256",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
];

/// The response headers a browser may read.
pub const EXPOSED_HEADERS: &[&str] = &[
    "x-amzn-requestid",
    "x-amzn-errortype",
    "x-amzn-errormessage",
    "date",
];

/// The CORS layer of the emulator: any origin (requests carry their own signature, never
/// cookies), the SDKs' methods and headers, the exposed headers above.
pub fn layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers(
            ALLOWED_HEADERS
                .iter()
                .map(|h| HeaderName::from_static(h))
                .collect::<Vec<_>>(),
        )
        .expose_headers(
            EXPOSED_HEADERS
                .iter()
                .map(|h| HeaderName::from_static(h))
                .collect::<Vec<_>>(),
        )
        .max_age(std::time::Duration::from_secs(600))
}
