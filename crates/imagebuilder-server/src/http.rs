//! The HTTP front: routes, body limits, request ids, the emulator's responses as HTTP.

use crate::emulator::Emulator;
use crate::relay::{Relay, RelayConfig};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::any;
use std::path::PathBuf;
use std::sync::Arc;

/// The largest request body the emulator reads.
pub const MAX_BODY: usize = 1 << 20;

/// Where the emulator is mounted.
pub const EMULATOR_PREFIX: &str = "/emulator";

/// What the router serves.
#[derive(Debug, Clone)]
pub struct RouterConfig {
    /// The console's built files, if any.
    pub static_dir: Option<PathBuf>,
    /// The relay's rules.
    pub relay: RelayConfig,
}

impl RouterConfig {
    /// No console; a relay that answers only the loopback names of `addr`.
    pub fn loopback(addr: std::net::SocketAddr) -> Self {
        let port = addr.port();
        let hosts = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")];
        Self {
            static_dir: None,
            relay: RelayConfig {
                allowed_origins: hosts.iter().map(|h| format!("http://{h}")).collect(),
                allowed_hosts: hosts,
                upstream_override: None,
            },
        }
    }
}

/// The emulator alone, mounted at `/` (what the relay's tests point their upstream at: AWS
/// serves the API at the root of its host).
pub fn emulator_at_root(emulator: Arc<Emulator>) -> Router {
    Router::new()
        .route("/{*rest}", any(emulator_handler))
        .with_state(emulator)
}

/// The whole server: `/emulator/...`, then the static files (or a plain 404).
pub fn router(emulator: Arc<Emulator>, config: &RouterConfig) -> Router {
    let api = Router::new()
        .route("/emulator", any(emulator_handler))
        .route("/emulator/{*rest}", any(emulator_handler))
        .layer(crate::cors::layer())
        .with_state(emulator)
        .merge(
            Router::new()
                .route("/relay/{region}/{*rest}", any(crate::relay::handler))
                .with_state(Arc::new(Relay::new(config.relay.clone()))),
        );
    match &config.static_dir {
        Some(dir) => api.merge(crate::static_files::router(dir)),
        None => api.fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "imagebuilder-server: the console is not built yet; the emulator is at /emulator\n",
            )
        }),
    }
}

/// A fresh request id (UUID v4 form).
pub fn request_id() -> String {
    let mut b = [0u8; 16];
    let _ = getrandom::fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// An HTTP date (`Date` header) for now.
pub fn http_date() -> String {
    httpdate::fmt_http_date(std::time::SystemTime::now())
}

async fn emulator_handler(State(emulator): State<Arc<Emulator>>, request: Request) -> Response {
    let id = request_id();
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let r = crate::emulator::error_reply(crate::emulator::error::ApiError::new(
                "SerializationException",
                format!("The request body is larger than {MAX_BODY} bytes."),
            ));
            return reply(r, &id, StatusCode::PAYLOAD_TOO_LARGE);
        }
    };
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let path = parts.uri.path();
    let operation_path = path.strip_prefix(EMULATOR_PREFIX).unwrap_or(path);
    let operation_path = if operation_path.is_empty() {
        "/"
    } else {
        operation_path
    };
    let query = parts.uri.query().unwrap_or_default();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let method = parts.method.as_str().to_string();
    // The work is in-memory and short (a page, never a scan that copies): it runs on the
    // runtime's thread rather than a blocking-pool thread per request.
    let r = emulator.handle(
        &crate::emulator::EmulatorRequest {
            method: &method,
            path_and_query: &path_and_query,
            operation_path,
            query,
            headers: &headers,
            body: &body,
        },
        &id,
    );
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    reply(r, &id, status)
}

fn reply(r: crate::emulator::Reply, id: &str, status: StatusCode) -> Response {
    let mut response = Response::new(Body::from(r.body));
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert("content-type", HeaderValue::from_static("application/json"));
    if let Ok(v) = HeaderValue::from_str(id) {
        h.insert("x-amzn-requestid", v);
    }
    if let Some(code) = r.error_type {
        h.insert("x-amzn-errortype", HeaderValue::from_static(code));
    }
    let date = r.date.map_or_else(http_date, httpdate::fmt_http_date);
    if let Ok(v) = HeaderValue::from_str(&date) {
        h.insert("date", v);
    }
    response
}
