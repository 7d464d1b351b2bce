//! The console's files: SPA fallback and the strict CSP, next to the emulator.

use imagebuilder_server::emulator::{Emulator, EmulatorConfig, demo};
use imagebuilder_server::http::{RouterConfig, router};
use imagebuilder_server::static_files::CSP;
use imagebuilder_server::store::Store;
use std::sync::Arc;

/// `GET base + path` with `accept-encoding: accept`.
async fn get(base: &str, path: &str, accept: &str) -> crate::common::Reply {
    crate::common::send(
        "GET",
        &format!("{base}{path}"),
        &[("accept-encoding".into(), accept.into())],
        b"",
    )
    .await
}

/// The response's `content-type` names `kind` (the original file's type, not the encoding's).
fn assert_type(response: &crate::common::Reply, kind: &str) {
    let ty = response.header("content-type");
    assert!(ty.is_some_and(|t| t.contains(kind)), "{ty:?}");
}

#[tokio::test]
async fn console_files_are_served_with_spa_fallback_and_a_strict_csp() {
    let dir = std::env::temp_dir().join(format!("ib-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .expect("index");
    std::fs::write(dir.join("app.js"), "export const x = 1;").expect("js");
    // What the build writes next to each file; the server picks it, it does not check it.
    let gz: &[u8] = b"\x1f\x8b precompressed app.js";
    std::fs::write(dir.join("app.js.gz"), gz).expect("js.gz");
    let config = EmulatorConfig {
        account: demo::ACCOUNT.to_string(),
        region: crate::common::REGION.to_string(),
        credentials: crate::common::credentials(None),
        speed: 1.0,
    };
    let emulator =
        Arc::new(Emulator::new(config, Store::open(None).expect("store")).expect("emulator"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut rc = RouterConfig::loopback(addr);
    rc.static_dir = Some(dir.clone());
    let app = router(emulator, &rc);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let base = format!("http://{addr}");

    let js = crate::common::send("GET", &format!("{base}/app.js"), &[], b"").await;
    assert_eq!(js.status, 200);
    assert_eq!(js.body, b"export const x = 1;");
    assert_eq!(js.header("content-security-policy"), Some(CSP));
    assert_eq!(js.header("content-encoding"), None);
    // A browser that accepts gzip gets the precompressed file, with the original's type.
    let zipped = get(&base, "/app.js", "gzip, deflate, br").await;
    assert_eq!(zipped.status, 200);
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
    assert_eq!(zipped.body, gz);
    assert_type(&zipped, "javascript");
    assert_eq!(zipped.header("content-security-policy"), Some(CSP));
    assert_eq!(zipped.header("vary"), Some("accept-encoding"));
    // With both next to it, Chromium (which asks for br first) gets Brotli; a gzip-only client
    // still gets gzip.
    let br: &[u8] = b"precompressed style.css, brotli";
    std::fs::write(dir.join("style.css"), "body{}").expect("css");
    std::fs::write(dir.join("style.css.gz"), b"\x1f\x8b gz").expect("css.gz");
    std::fs::write(dir.join("style.css.br"), br).expect("css.br");
    let chromium = get(&base, "/style.css", "gzip, deflate, br, zstd").await;
    assert_eq!(chromium.status, 200);
    assert_eq!(chromium.header("content-encoding"), Some("br"));
    assert_eq!(chromium.body, br);
    assert_type(&chromium, "css");
    assert_eq!(chromium.header("vary"), Some("accept-encoding"));
    let gzip_only = get(&base, "/style.css", "gzip").await;
    assert_eq!(gzip_only.header("content-encoding"), Some("gzip"));
    assert_eq!(gzip_only.body, b"\x1f\x8b gz");
    // Without a .gz next to it, a file is served as is even to a gzip-accepting browser.
    let index = get(&base, "/index.html", "gzip").await;
    assert_eq!(index.header("content-encoding"), None);
    assert!(String::from_utf8_lossy(&index.body).contains("<title>console</title>"));
    // Fixed names: every load revalidates, and an unchanged file costs a 304 without a body.
    assert_eq!(zipped.header("cache-control"), Some("no-cache"));
    let modified = zipped
        .header("last-modified")
        .expect("a Last-Modified to revalidate against")
        .to_string();
    let again = crate::common::send(
        "GET",
        &format!("{base}/app.js"),
        &[
            ("accept-encoding".into(), "gzip".into()),
            ("if-modified-since".into(), modified),
        ],
        b"",
    )
    .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let deep =
        crate::common::send("GET", &format!("{base}/images/web-server/1.0.0"), &[], b"").await;
    assert_eq!(deep.header("cache-control"), Some("no-cache"));
    assert_eq!(deep.status, 200, "deep links fall back to index.html");
    assert!(String::from_utf8_lossy(&deep.body).contains("<title>console</title>"));
    let csp = deep.header("content-security-policy").unwrap_or_default();
    for rule in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(rule), "{rule} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "no inline scripts");
    let api = crate::common::send("POST", &format!("{base}/emulator/ListImages"), &[], b"{}").await;
    assert_eq!(
        api.header("x-amzn-errortype"),
        Some("MissingAuthenticationTokenException")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
