//! Every way a signature can be wrong, against the running emulator: each is refused with
//! AWS's code and status, and a correct one passes.

use crate::common::{REGION, credentials, send, sign, start};
use std::time::{Duration, SystemTime};

const CT: (&str, &str) = ("content-type", "application/json");

/// What is wrong, the URL sent to, the headers, the body, and the expected status and code.
type Case<'a> = (
    &'a str,
    String,
    Vec<(String, String)>,
    Vec<u8>,
    (u16, &'a str),
);

fn ct() -> Vec<(String, String)> {
    vec![(CT.0.to_string(), CT.1.to_string())]
}

async fn code_of(r: crate::common::Reply) -> (u16, String) {
    (
        r.status,
        r.header("x-amzn-errortype").unwrap_or("none").to_string(),
    )
}

#[tokio::test]
async fn every_tampered_expired_or_misdirected_signature_is_refused() {
    let server = start(None, 1.0, None).await;
    let url = format!("{}/ListImages?x=1", server.endpoint);
    let body = br#"{"owner":"Self","maxResults":5}"#;
    let now = SystemTime::now();
    let good = sign(
        "POST",
        &url,
        &ct(),
        body,
        &credentials(None),
        REGION,
        "imagebuilder",
        now,
    );

    let ok = send("POST", &url, &good, body).await;
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    assert!(ok.header("x-amzn-requestid").is_some());

    let mut tampered_sig = good.clone();
    for (k, v) in &mut tampered_sig {
        if k == "authorization" {
            let last = v.pop().unwrap_or('0');
            v.push(if last == 'a' { 'b' } else { 'a' });
        }
    }
    let mut tampered_header = good.clone();
    tampered_header[0].1 = "application/x-amz-json-1.1".to_string();
    let other_query = format!("{}/ListImages?x=2", server.endpoint);
    let cases: Vec<Case<'_>> = vec![
        (
            "tampered signature",
            url.clone(),
            tampered_sig,
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "tampered body",
            url.clone(),
            good.clone(),
            br#"{"owner":"Amazon","maxResults":5}"#.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "tampered header",
            url.clone(),
            tampered_header,
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "tampered query",
            other_query,
            good.clone(),
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "wrong region",
            url.clone(),
            sign(
                "POST",
                &url,
                &ct(),
                body,
                &credentials(None),
                "eu-west-1",
                "imagebuilder",
                now,
            ),
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "wrong service",
            url.clone(),
            sign(
                "POST",
                &url,
                &ct(),
                body,
                &credentials(None),
                REGION,
                "ec2",
                now,
            ),
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "expired",
            url.clone(),
            sign(
                "POST",
                &url,
                &ct(),
                body,
                &credentials(None),
                REGION,
                "imagebuilder",
                now - Duration::from_secs(6 * 60),
            ),
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "in the future",
            url.clone(),
            sign(
                "POST",
                &url,
                &ct(),
                body,
                &credentials(None),
                REGION,
                "imagebuilder",
                now + Duration::from_secs(6 * 60),
            ),
            body.to_vec(),
            (403, "InvalidSignatureException"),
        ),
        (
            "unexpected session token",
            url.clone(),
            sign(
                "POST",
                &url,
                &ct(),
                body,
                &credentials(Some("t")),
                REGION,
                "imagebuilder",
                now,
            ),
            body.to_vec(),
            (403, "UnrecognizedClientException"),
        ),
        (
            "no signature",
            url.clone(),
            ct(),
            body.to_vec(),
            (403, "MissingAuthenticationTokenException"),
        ),
    ];
    for (what, url, headers, body, (status, code)) in cases {
        let r = send("POST", &url, &headers, &body).await;
        assert_eq!(code_of(r).await, (status, code.to_string()), "{what}");
    }
    server.stop().await;
}

#[tokio::test]
async fn an_expired_signature_answers_aws_message_and_the_servers_date() {
    let server = start(None, 1.0, None).await;
    let url = format!("{}/ListImages", server.endpoint);
    let old = SystemTime::now() - Duration::from_secs(3600);
    let headers = sign(
        "POST",
        &url,
        &ct(),
        b"{}",
        &credentials(None),
        REGION,
        "imagebuilder",
        old,
    );
    let r = send("POST", &url, &headers, b"{}").await;
    assert_eq!(r.status, 403);
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(
        message.starts_with("Signature expired: ") && message.contains(" - 5 min.)"),
        "{message}"
    );
    let date = r.header("date").expect("a Date header for skew correction");
    let date = httpdate::parse_http_date(date).expect("an HTTP date");
    let skew = SystemTime::now().duration_since(date).unwrap_or_default();
    assert!(skew < Duration::from_secs(5));
    server.stop().await;
}

#[tokio::test]
async fn a_server_with_a_session_token_refuses_a_missing_or_wrong_one() {
    let server = start(None, 1.0, Some("session-1")).await;
    let url = format!("{}/ListImages", server.endpoint);
    let now = SystemTime::now();
    for (what, token, expected) in [
        ("right", Some("session-1"), 200),
        ("wrong", Some("session-2"), 403),
        ("missing", None, 403),
    ] {
        let headers = sign(
            "POST",
            &url,
            &ct(),
            b"{}",
            &credentials(token),
            REGION,
            "imagebuilder",
            now,
        );
        let r = send("POST", &url, &headers, b"{}").await;
        assert_eq!(r.status, expected, "{what} session token");
        if expected == 403 {
            assert_eq!(
                r.header("x-amzn-errortype"),
                Some("UnrecognizedClientException"),
                "{what}"
            );
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn a_preflight_from_another_origin_is_answered_and_errors_expose_their_headers() {
    let server = start(None, 1.0, None).await;
    let url = format!("{}/ListImages", server.endpoint);
    let preflight = [
        ("origin".to_string(), "http://localhost:3000".to_string()),
        (
            "access-control-request-method".to_string(),
            "POST".to_string(),
        ),
        (
            "access-control-request-headers".to_string(),
            "authorization,x-amz-date,amz-sdk-invocation-id,content-type".to_string(),
        ),
    ];
    let r = send("OPTIONS", &url, &preflight, b"").await;
    assert!(r.status == 200 || r.status == 204, "{}", r.status);
    let allowed = r
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for h in [
        "authorization",
        "x-amz-date",
        "amz-sdk-invocation-id",
        "content-type",
    ] {
        assert!(allowed.contains(h), "{h} not in {allowed}");
    }
    let r = send(
        "POST",
        &url,
        &[("origin".to_string(), "http://localhost:3000".to_string())],
        b"{}",
    )
    .await;
    assert_eq!(r.status, 403);
    let exposed = r
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for h in ["x-amzn-requestid", "x-amzn-errortype", "date"] {
        assert!(exposed.contains(h), "{h} not in {exposed}");
    }
    server.stop().await;
}
