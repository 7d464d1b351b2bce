//! The relay: forwards a signed request unchanged to an emulator standing in for AWS (the
//! signature still verifies), and refuses everything that could reach anywhere else.

use crate::common::{REGION, credentials, send, sign};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::any;
use imagebuilder_server::emulator::{Emulator, EmulatorConfig, demo};
use imagebuilder_server::http::{RouterConfig, emulator_at_root, router};
use imagebuilder_server::store::Store;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

const AWS: &str = "https://imagebuilder.us-east-1.amazonaws.com";

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

fn emulator() -> Arc<Emulator> {
    let config = EmulatorConfig {
        account: demo::ACCOUNT.to_string(),
        region: REGION.to_string(),
        credentials: credentials(None),
        speed: 1.0,
    };
    Arc::new(Emulator::new(config, Store::open(None).expect("store")).expect("emulator"))
}

/// A relay (on its own server) whose upstream is `upstream`.
async fn relay_to(upstream: &str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut config = RouterConfig::loopback(addr);
    config.relay.upstream_override = Some(upstream.to_string());
    let app = router(emulator(), &config);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

fn signed_for(path: &str, body: &[u8], service: &str) -> Vec<(String, String)> {
    let ct = [("content-type".to_string(), "application/json".to_string())];
    sign(
        "POST",
        &format!("{AWS}{path}"),
        &ct,
        body,
        &credentials(None),
        REGION,
        service,
        SystemTime::now(),
    )
}

#[tokio::test]
async fn a_signed_request_reaches_the_emulator_unchanged_and_its_signature_verifies() {
    let upstream = serve(emulator_at_root(emulator())).await;
    let relay = relay_to(&upstream).await;
    let body = br#"{"owner":"Amazon","maxResults":5}"#;
    let headers = signed_for("/ListImages", body, "imagebuilder");
    let r = send(
        "POST",
        &format!("{relay}/relay/us-east-1/ListImages"),
        &headers,
        body,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let images = r.json()["imageVersionList"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(images.len(), 5);
    assert!(r.header("x-amzn-requestid").is_some());

    // The same request with its body changed on the way is refused by the upstream.
    let r = send(
        "POST",
        &format!("{relay}/relay/us-east-1/ListImages"),
        &headers,
        br#"{"owner":"Self","maxResults":5}"#,
    )
    .await;
    assert_eq!(
        (r.status, r.header("x-amzn-errortype")),
        (403, Some("InvalidSignatureException"))
    );
}

/// One request that reached the recording upstream: path, headers, body.
type Recorded = (String, Vec<(String, String)>, Vec<u8>);

#[derive(Default)]
struct Seen {
    requests: Vec<Recorded>,
}

async fn record(State(seen): State<Arc<Mutex<Seen>>>, request: Request) -> impl IntoResponse {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default()
        .to_vec();
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let path = parts.uri.path().to_string();
    seen.lock()
        .unwrap_or_else(|p| p.into_inner())
        .requests
        .push((path.clone(), headers, body));
    if path.starts_with("/redirect") {
        (
            StatusCode::FOUND,
            [("location", "/elsewhere"), ("set-cookie", "a=b")],
            "",
        )
            .into_response()
    } else {
        (
            StatusCode::OK,
            [("set-cookie", "session=1"), ("x-amzn-requestid", "up-1")],
            "{}",
        )
            .into_response()
    }
}

#[tokio::test]
async fn forwarded_requests_keep_body_and_signature_but_lose_cookies_and_redirects_are_not_followed()
 {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let upstream = serve(Router::new().fallback(any(record)).with_state(seen.clone())).await;
    let relay = relay_to(&upstream).await;
    let body = br#"{"a": "b"}"#;
    let mut headers = signed_for("/ListImages", body, "imagebuilder");
    headers.push(("cookie".to_string(), "secret=1".to_string()));
    let r = send(
        "POST",
        &format!("{relay}/relay/us-east-1/ListImages?x=1"),
        &headers,
        body,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("set-cookie"), None, "Set-Cookie is not returned");
    assert_eq!(r.header("x-amzn-requestid"), Some("up-1"));
    {
        let seen = seen.lock().unwrap_or_else(|p| p.into_inner());
        let (path, got, got_body) = &seen.requests[0];
        assert_eq!(path, "/ListImages");
        assert_eq!(got_body.as_slice(), body);
        let h = |n: &str| got.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        assert_eq!(
            h("host").as_deref(),
            Some("imagebuilder.us-east-1.amazonaws.com")
        );
        assert_eq!(h("cookie"), None);
        let auth = headers
            .iter()
            .find(|(k, _)| k == "authorization")
            .map(|(_, v)| v.clone());
        assert_eq!(
            h("authorization"),
            auth,
            "the signature is forwarded unchanged"
        );
    }

    let headers = signed_for("/redirect", b"{}", "imagebuilder");
    let r = send(
        "POST",
        &format!("{relay}/relay/us-east-1/redirect"),
        &headers,
        b"{}",
    )
    .await;
    assert_eq!(r.status, 502);
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap_or_default()
            .contains("follows none")
    );
    let paths: Vec<String> = seen
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .requests
        .iter()
        .map(|r| r.0.clone())
        .collect();
    assert!(
        !paths.iter().any(|p| p == "/elsewhere"),
        "the redirect was not followed: {paths:?}"
    );
}

#[tokio::test]
async fn the_relay_refuses_every_destination_that_is_not_an_image_builder_region() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let upstream = serve(Router::new().fallback(any(record)).with_state(seen.clone())).await;
    let relay = relay_to(&upstream).await;
    let headers = signed_for("/ListImages", b"{}", "imagebuilder");
    for segment in [
        "169.254.169.254",
        "localhost",
        "127.0.0.1",
        "10.0.0.1",
        "192.168.1.10",
        "172.16.0.1",
        "%5B%3A%3A1%5D",
        "%5B%3A%3Affff%3A127.0.0.1%5D",
        "::ffff:169.254.169.254",
        "2130706433",
        "0177.0.0.1",
        "0x7f000001",
        "us-east-1@evil.example",
        "evil.example",
        "us-east-1.evil.example",
        "aws-global",
        "US-EAST-1",
        "fips-localhost",
    ] {
        let r = send(
            "POST",
            &format!("{relay}/relay/{segment}/ListImages"),
            &headers,
            b"{}",
        )
        .await;
        assert_eq!(r.status, 400, "{segment} was not refused");
        assert_eq!(
            r.header("x-amzn-errortype"),
            Some("RelayRefusedException"),
            "{segment}"
        );
    }
    // Another AWS service, or another region than the path's, in the credential scope.
    let ec2 = signed_for("/ListImages", b"{}", "ec2");
    let r = send(
        "POST",
        &format!("{relay}/relay/us-east-1/ListImages"),
        &ec2,
        b"{}",
    )
    .await;
    assert_eq!(r.status, 403);
    let r = send(
        "POST",
        &format!("{relay}/relay/eu-west-1/ListImages"),
        &headers,
        b"{}",
    )
    .await;
    assert_eq!(r.status, 403);
    // A foreign Host (DNS rebinding) or Origin.
    for (name, value, named) in [
        ("host", "evil.example", "Host `evil.example`"),
        (
            "origin",
            "https://evil.example",
            "Origin `https://evil.example`",
        ),
    ] {
        let mut foreign = headers.clone();
        foreign.push((name.to_string(), value.to_string()));
        let url = format!("{relay}/relay/us-east-1/ListImages");
        let r = send("POST", &url, &foreign, b"{}").await;
        assert_eq!(r.status, 403, "{name}");
        let message = r.json()["message"].as_str().unwrap_or_default().to_string();
        assert!(message.contains(named), "{message}");
    }
    assert!(
        seen.lock()
            .unwrap_or_else(|p| p.into_inner())
            .requests
            .is_empty(),
        "nothing reached upstream"
    );
}

#[test]
fn the_allow_list_holds_the_partitions_regions_and_no_pseudo_region() {
    let regions = imagebuilder_server::relay::allowed_regions();
    assert_eq!(
        regions.get("us-east-1").map(String::as_str),
        Some("amazonaws.com")
    );
    assert_eq!(
        regions.get("cn-north-1").map(String::as_str),
        Some("amazonaws.com.cn")
    );
    assert!(regions.contains_key("us-gov-west-1"));
    assert!(!regions.contains_key("aws-global"));
}
