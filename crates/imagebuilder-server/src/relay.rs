//! The relay: `/relay/{region}/...` forwards an already-signed request, byte for byte, to
//! `https://imagebuilder.{region}.{dnsSuffix}` (or `imagebuilder-fips` for `/relay/fips-{region}/`)
//! for browsers that AWS refuses cross-origin calls from. It never sees a secret key.
//!
//! Safety rules:
//! - the upstream host is built only from a region that `model/partitions.json` lists (exact
//!   match: IP literals, `localhost`, `host@evil`, decimal or octal IPs can never be a region),
//!   and the request's credential scope must name `imagebuilder` in that same region;
//! - no redirects are followed (a 3xx from upstream is answered as a 502 naming it);
//! - body ([`MAX_BODY`]), upstream time ([`UPSTREAM_TIMEOUT`]) and header limits;
//! - `Host` must be the server's own loopback name (no DNS rebinding), `Origin`, when present,
//!   must be one the server allows;
//! - cookies, `Origin`, `Referer` and hop-by-hop headers are not forwarded; `Set-Cookie` is not
//!   returned; nothing about the request but method, region and status is ever logged.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use imagebuilder_core::protocol::server::error_response;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The largest request body the relay forwards.
pub const MAX_BODY: usize = 1 << 20;
/// The most headers a forwarded request may carry.
pub const MAX_HEADERS: usize = 64;
/// How long the relay waits for upstream.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(30);

const PARTITIONS: &str = include_str!("../../../model/partitions.json");

/// Headers never forwarded upstream.
const NOT_FORWARDED: &[&str] = &[
    "host",
    "cookie",
    "origin",
    "referer",
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
];

/// Where the relay may send requests, and who may call it.
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// `Host` values the relay answers (the server's own loopback names).
    pub allowed_hosts: Vec<String>,
    /// `Origin` values allowed to call the relay (the server's own origins by default).
    pub allowed_origins: Vec<String>,
    /// Tests only: send to this `http://127.0.0.1:port` instead of AWS (set in code, never from
    /// a request or the command line).
    pub upstream_override: Option<String>,
}

/// The relay's state: the region allow-list and the HTTPS client.
#[derive(Debug)]
pub struct Relay {
    config: RelayConfig,
    /// region -> DNS suffix, from `model/partitions.json`.
    regions: HashMap<String, String>,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

/// Why the relay refused a request before forwarding it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RelayRefusal {
    /// The region is not one `model/partitions.json` lists.
    UnknownRegion(String),
    /// The `Host` header is not the server's own.
    ForeignHost(String),
    /// The `Origin` header is not allowed.
    ForeignOrigin(String),
    /// The credential scope names another service or region.
    WrongScope(String),
    /// Too many headers.
    TooManyHeaders(usize),
}

impl std::fmt::Display for RelayRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownRegion(r) => write!(
                f,
                "relay: `{r}` is not an AWS region of model/partitions.json; the relay only reaches imagebuilder[-fips].<region>.<partition suffix>"
            ),
            Self::ForeignHost(h) => {
                write!(f, "relay: Host `{h}` is not this server's loopback address")
            }
            Self::ForeignOrigin(o) => write!(f, "relay: Origin `{o}` may not call the relay"),
            Self::WrongScope(s) => write!(
                f,
                "relay: the request is signed for `{s}`, not for imagebuilder in the relay's region"
            ),
            Self::TooManyHeaders(n) => {
                write!(f, "relay: {n} headers, at most {MAX_HEADERS} are forwarded")
            }
        }
    }
}

impl std::error::Error for RelayRefusal {}

/// The region -> DNS suffix allow-list of `model/partitions.json` (`*-global` pseudo-regions
/// left out).
pub fn allowed_regions() -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(PARTITIONS) else {
        return out;
    };
    for p in doc["partitions"].as_array().into_iter().flatten() {
        let suffix = p["outputs"]["dnsSuffix"].as_str().unwrap_or_default();
        for region in p["regions"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            if !region.ends_with("-global") && !suffix.is_empty() {
                out.insert(region.clone(), suffix.to_string());
            }
        }
    }
    out
}

impl Relay {
    /// A relay with `config`.
    pub fn new(config: RelayConfig) -> Self {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        Self {
            config,
            regions: allowed_regions(),
            client: Client::builder(TokioExecutor::new()).build(https),
        }
    }

    /// The upstream base URL for the relay path segment `segment` (`us-east-1`,
    /// `fips-us-gov-west-1`), and the region it names.
    pub fn upstream(&self, segment: &str) -> Result<(String, String), RelayRefusal> {
        let (fips, region) = match segment.strip_prefix("fips-") {
            Some(r) => (true, r),
            None => (false, segment),
        };
        let suffix = self
            .regions
            .get(region)
            .ok_or_else(|| RelayRefusal::UnknownRegion(segment.to_string()))?;
        let host = format!(
            "imagebuilder{}.{region}.{suffix}",
            if fips { "-fips" } else { "" }
        );
        Ok((host, region.to_string()))
    }

    /// Checks `Host`, `Origin`, header count and the credential scope.
    pub fn check(&self, headers: &HeaderMap, region: &str) -> Result<(), RelayRefusal> {
        let host = headers
            .get("host")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        if !self.config.allowed_hosts.iter().any(|h| h == host) {
            return Err(RelayRefusal::ForeignHost(host.to_string()));
        }
        if let Some(origin) = headers.get("origin") {
            let origin = origin.to_str().unwrap_or_default();
            if !self.config.allowed_origins.iter().any(|o| o == origin) {
                return Err(RelayRefusal::ForeignOrigin(origin.to_string()));
            }
        }
        if headers.len() > MAX_HEADERS {
            return Err(RelayRefusal::TooManyHeaders(headers.len()));
        }
        let auth = headers
            .get("authorization")
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let scope: Vec<&str> = auth
            .split("Credential=")
            .nth(1)
            .and_then(|c| c.split([',', ' ']).next())
            .map(|c| c.split('/').collect())
            .unwrap_or_default();
        match scope.as_slice() {
            [_, _, r, "imagebuilder", "aws4_request"] if *r == region => Ok(()),
            [_, _, r, s, _] => Err(RelayRefusal::WrongScope(format!("{s} in {r}"))),
            _ => Err(RelayRefusal::WrongScope(
                "nothing (no SigV4 Authorization header)".to_string(),
            )),
        }
    }
}

fn refusal(status: StatusCode, code: &'static str, message: &str) -> Response {
    let r = error_response(code, message);
    let mut response = Response::new(Body::from(r.body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    response
        .headers_mut()
        .insert("x-amzn-errortype", HeaderValue::from_static(code));
    response
}

/// `/relay/{region}/{*rest}`.
pub async fn handler(
    State(relay): State<Arc<Relay>>,
    Path((segment, rest)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (host, region) = match relay.upstream(&segment) {
        Ok(u) => u,
        Err(e) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                "RelayRefusedException",
                &e.to_string(),
            );
        }
    };
    let (parts, body) = request.into_parts();
    if let Err(e) = relay.check(&parts.headers, &region) {
        return refusal(
            StatusCode::FORBIDDEN,
            "RelayRefusedException",
            &e.to_string(),
        );
    }
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let m = format!("relay: the body is larger than {MAX_BODY} bytes");
            return refusal(StatusCode::PAYLOAD_TOO_LARGE, "RelayRefusedException", &m);
        }
    };
    let query = parts
        .uri
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let base = relay
        .config
        .upstream_override
        .clone()
        .unwrap_or_else(|| format!("https://{host}"));
    let Ok(uri) = format!("{base}/{rest}{query}").parse::<Uri>() else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "RelayRefusedException",
            "relay: the path is not a valid URI",
        );
    };
    let mut upstream = hyper::Request::builder()
        .method(parts.method.clone())
        .uri(uri);
    for (name, value) in &parts.headers {
        if !NOT_FORWARDED.contains(&name.as_str()) {
            upstream = upstream.header(name, value);
        }
    }
    // The Host the request was signed for.
    upstream = upstream.header("host", host.as_str());
    let Ok(upstream) = upstream.body(Full::new(body)) else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "RelayRefusedException",
            "relay: the request cannot be forwarded",
        );
    };
    let answer = match tokio::time::timeout(UPSTREAM_TIMEOUT, relay.client.request(upstream)).await
    {
        Ok(Ok(a)) => a,
        Ok(Err(_)) => {
            return refusal(
                StatusCode::BAD_GATEWAY,
                "RelayUpstreamException",
                "relay: upstream could not be reached",
            );
        }
        Err(_) => {
            return refusal(
                StatusCode::GATEWAY_TIMEOUT,
                "RelayUpstreamException",
                "relay: upstream did not answer in time",
            );
        }
    };
    if answer.status().is_redirection() {
        let m = format!(
            "relay: upstream answered a redirect ({}); the relay follows none",
            answer.status()
        );
        return refusal(StatusCode::BAD_GATEWAY, "RelayUpstreamException", &m);
    }
    let (aparts, abody) = answer.into_parts();
    let abody = match tokio::time::timeout(UPSTREAM_TIMEOUT, abody.collect()).await {
        Ok(Ok(b)) => b.to_bytes(),
        _ => {
            return refusal(
                StatusCode::BAD_GATEWAY,
                "RelayUpstreamException",
                "relay: upstream's body was cut",
            );
        }
    };
    eprintln!(
        "relay: {} {region} -> {}",
        parts.method,
        aparts.status.as_u16()
    );
    let mut response = Response::new(Body::from(abody));
    *response.status_mut() = aparts.status;
    for (name, value) in &aparts.headers {
        if name != "set-cookie"
            && !NOT_FORWARDED.contains(&name.as_str())
            && name != "content-length"
        {
            response.headers_mut().append(name, value.clone());
        }
    }
    response.into_response()
}
