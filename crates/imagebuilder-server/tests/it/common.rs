//! A real server on a free loopback port for the crate tests, a plain HTTP client over hyper,
//! and SigV4 signing through the core.
#![allow(dead_code)]

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use imagebuilder_core::signing::{
    Credentials, Payload, SignableRequest, SigningParams, sign_headers,
};
use imagebuilder_server::emulator::{Emulator, EmulatorConfig, demo};
use imagebuilder_server::http::{RouterConfig, router};
use imagebuilder_server::store::Store;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

pub(crate) const KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub(crate) const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub(crate) const REGION: &str = "us-east-1";

pub(crate) struct TestServer {
    pub base: String,
    pub endpoint: String,
    pub emulator: Arc<Emulator>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestServer {
    /// Stops the server and waits until it has stopped (state flushed).
    pub(crate) async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        self.emulator.read().flush().expect("flush");
    }
}

pub(crate) fn credentials(token: Option<&str>) -> Credentials {
    Credentials::new(KEY, SECRET, token.map(str::to_string))
}

/// Starts a server over `data` (in memory for `None`).
pub(crate) async fn start(
    data: Option<&Path>,
    speed: f64,
    session_token: Option<&str>,
) -> TestServer {
    let store = Store::open(data).expect("store opens");
    let config = EmulatorConfig {
        account: demo::ACCOUNT.to_string(),
        region: REGION.to_string(),
        credentials: credentials(session_token),
        speed,
    };
    let emulator = Arc::new(Emulator::new(config, store).expect("emulator starts"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(emulator.clone(), &RouterConfig::loopback(addr));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    TestServer {
        base: format!("http://{addr}"),
        endpoint: format!("http://{addr}/emulator"),
        emulator,
        shutdown: Some(tx),
        task: Some(task),
    }
}

pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// Sends a request as given (headers verbatim, no signing).
pub(crate) async fn send(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Reply {
    try_send(method, url, headers, body.to_vec())
        .await
        .expect("the server answers")
}

/// Sends a request as given; an error when there is no answer.
pub(crate) async fn try_send(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<Reply, String> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let mut builder = hyper::Request::builder().method(method).uri(url);
    // A `host` in `headers` replaces the one hyper derives from the URL.
    for (k, v) in headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    let request = builder
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes()
        .to_vec();
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// The headers of a request signed with `creds` for `region`/`service` at `at`.
// Each argument is one thing a negative test varies; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn sign(
    method: &str,
    url: &str,
    extra: &[(String, String)],
    body: &[u8],
    creds: &Credentials,
    region: &str,
    service: &str,
    at: SystemTime,
) -> Vec<(String, String)> {
    let mut headers = extra.to_vec();
    let signed = sign_headers(
        &SignableRequest {
            method,
            url,
            headers: &headers,
            payload: Payload::Bytes(body),
        },
        &SigningParams::new(creds, region, service, at),
    )
    .expect("signs");
    headers.extend(signed.headers);
    headers
}

/// `operation` with `input`, laid out by the core's client-side protocol (method, path, query,
/// body), signed with the demo credentials now.
pub(crate) async fn call(server: &TestServer, operation: &str, input: &serde_json::Value) -> Reply {
    let parts =
        imagebuilder_core::protocol::json::request(operation, input).expect("a valid input");
    let query = parts.query_string();
    let url = if query.is_empty() {
        format!("{}{}", server.endpoint, parts.path)
    } else {
        format!("{}{}?{query}", server.endpoint, parts.path)
    };
    let body = parts.body.clone().unwrap_or_default();
    let headers = sign(
        parts.method,
        &url,
        &parts.headers,
        &body,
        &credentials(None),
        REGION,
        "imagebuilder",
        SystemTime::now(),
    );
    send(parts.method, &url, &headers, &body).await
}
