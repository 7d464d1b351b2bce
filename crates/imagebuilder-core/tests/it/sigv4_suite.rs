//! The official SigV4 test suite (vendored in `tests/fixtures/sigv4/`, see its README), one named
//! test per case and form, run through [`imagebuilder_core::signing`].
//!
//! For every case and both forms (signature in headers, signature in the query string):
//! 1. the fixture chain holds: SHA-256 of the expected canonical request is the last line of the
//!    expected string to sign, and HMAC of that string with the case's signing key is the
//!    expected signature (so matching the signature means matching the canonical request);
//! 2. our signer produces exactly the expected signature;
//! 3. the request we would send (the original headers plus the ones we add, or the URL with the
//!    parameters we append) equals the suite's signed request.
//!
//! How a case is fed to the signer: `request.txt` is parsed as HTTP/1.1 (obsolete line folding
//! is replaced by one space, as RFC 9112 lets a recipient do); the request target is turned into
//! a URL as a browser's URL parser would (spaces and non-ASCII bytes percent-encoded); `Host`
//! becomes the URL's authority. The suite's expected canonical paths are the paths as sent
//! (`/example%20space/` stays `/example%20space/`), i.e. single encoding, so the CRT cases run
//! with [`PathEncoding::Single`]; double encoding (our default, and what every AWS service but
//! S3 expects) is covered by the two old-format cases the `aws-sigv4` crate added
//! (`double-encode-path`, `double-url-encode`) and by the golden test in `tests/it/signing.rs`.
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use aws_sigv4::sign::v4::{calculate_signature, generate_signing_key};
use imagebuilder_core::signing::{
    Credentials, PathEncoding, Payload, SignableRequest, SigningParams, SigningSettings,
    presign_url, sign_headers, time_from_unix_millis,
};
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime};

struct Case {
    name: &'static str,
    context: &'static str,
    request: &'static str,
    header: Form,
    query: Form,
}

struct Form {
    canonical_request: &'static str,
    string_to_sign: &'static str,
    signature: &'static str,
    signed_request: &'static str,
}

macro_rules! case {
    ($dir:literal) => {
        $crate::sigv4_suite::Case {
            name: $dir,
            context: include_str!(concat!("../fixtures/sigv4/v4/", $dir, "/context.json")),
            request: include_str!(concat!("../fixtures/sigv4/v4/", $dir, "/request.txt")),
            header: $crate::sigv4_suite::Form {
                canonical_request: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/header-canonical-request.txt"
                )),
                string_to_sign: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/header-string-to-sign.txt"
                )),
                signature: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/header-signature.txt"
                )),
                signed_request: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/header-signed-request.txt"
                )),
            },
            query: $crate::sigv4_suite::Form {
                canonical_request: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/query-canonical-request.txt"
                )),
                string_to_sign: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/query-string-to-sign.txt"
                )),
                signature: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/query-signature.txt"
                )),
                signed_request: include_str!(concat!(
                    "../fixtures/sigv4/v4/",
                    $dir,
                    "/query-signed-request.txt"
                )),
            },
        }
    };
}

/// One module per case, with a header-form and a query-form test.
macro_rules! suite {
    ($($module:ident => $dir:literal;)*) => {
        $(
            mod $module {
                #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
                fn header_form_signs_like_the_suite() {
                    super::run_header_form(&case!($dir));
                }

                #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
                fn query_form_presigns_like_the_suite() {
                    super::run_query_form(&case!($dir));
                }
            }
        )*

        #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
        fn suite_list_covers_every_case_with_a_context() {
            let listed: &[&str] = &[$($dir),*];
            assert_eq!(listed.len(), 38, "the CRT v4 suite has 38 cases with a context.json");
            let mut sorted = listed.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), listed.len(), "a case is listed twice");
        }
    };
}

suite! {
    get_header_key_duplicate => "get-header-key-duplicate";
    get_header_value_multiline => "get-header-value-multiline";
    get_header_value_order => "get-header-value-order";
    get_header_value_trim => "get-header-value-trim";
    get_relative_normalized => "get-relative-normalized";
    get_relative_relative_normalized => "get-relative-relative-normalized";
    get_relative_relative_unnormalized => "get-relative-relative-unnormalized";
    get_relative_unnormalized => "get-relative-unnormalized";
    get_slash_dot_slash_normalized => "get-slash-dot-slash-normalized";
    get_slash_dot_slash_unnormalized => "get-slash-dot-slash-unnormalized";
    get_slash_normalized => "get-slash-normalized";
    get_slash_pointless_dot_normalized => "get-slash-pointless-dot-normalized";
    get_slash_pointless_dot_unnormalized => "get-slash-pointless-dot-unnormalized";
    get_slash_unnormalized => "get-slash-unnormalized";
    get_slashes_normalized => "get-slashes-normalized";
    get_slashes_unnormalized => "get-slashes-unnormalized";
    get_space_normalized => "get-space-normalized";
    get_space_unnormalized => "get-space-unnormalized";
    get_unreserved => "get-unreserved";
    get_utf8 => "get-utf8";
    get_vanilla => "get-vanilla";
    get_vanilla_empty_query_key => "get-vanilla-empty-query-key";
    get_vanilla_query => "get-vanilla-query";
    get_vanilla_query_order_encoded => "get-vanilla-query-order-encoded";
    get_vanilla_query_order_key_case => "get-vanilla-query-order-key-case";
    get_vanilla_query_unreserved => "get-vanilla-query-unreserved";
    get_vanilla_utf8_query => "get-vanilla-utf8-query";
    get_vanilla_with_session_token => "get-vanilla-with-session-token";
    post_header_key_case => "post-header-key-case";
    post_header_key_sort => "post-header-key-sort";
    post_header_value_case => "post-header-value-case";
    post_sts_header_after => "post-sts-header-after";
    post_sts_header_before => "post-sts-header-before";
    post_vanilla => "post-vanilla";
    post_vanilla_empty_query_value => "post-vanilla-empty-query-value";
    post_vanilla_query => "post-vanilla-query";
    post_x_www_form_urlencoded => "post-x-www-form-urlencoded";
    post_x_www_form_urlencoded_parameters => "post-x-www-form-urlencoded-parameters";
}

// ---------------------------------------------------------------------------------------------
// The two old-format cases (no context.json, no query form) that aws-sigv4 added to the suite.

/// `double-encode-path`: `%3D` in the path must become `%253D` in the canonical request (double
/// encoding, our default). aws-sigv4's own test signs it with its test credentials at
/// 2015-08-30T12:36:00Z; the signed request holds the resulting signature.
#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn double_encode_path_case_signs_with_double_encoding_like_the_suite() {
    let request = parse_request(include_str!(
        "../fixtures/sigv4/v4/double-encode-path/request.txt"
    ));
    let signed = parse_request(include_str!(
        "../fixtures/sigv4/v4/double-encode-path/header-signed-request.txt"
    ));
    let credentials = Credentials::new("ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby", None);
    let time = parse_timestamp("2015-08-30T12:36:00Z");
    let params = SigningParams::new(&credentials, "us-east-1", "service", time);
    let ours = sign_headers(&request.signable(), &params).unwrap();
    let expected_auth = signed.header("authorization").unwrap();
    assert_eq!(ours.header("authorization"), Some(expected_auth));
    assert!(expected_auth.ends_with(&format!("Signature={}", ours.signature)));
    // The canonical request the suite gives (with the %253D) hashes into a string to sign whose
    // signature is ours, once the suite's stale date line is replaced by the signing date.
    let creq = include_str!("../fixtures/sigv4/v4/double-encode-path/header-canonical-request.txt")
        .trim()
        .replace("x-amz-date:20210511T154045Z", "x-amz-date:20150830T123600Z");
    assert!(creq.contains("/test/%40connections/JBDvjfGEIAMCERw%253D"));
    let sts = format!(
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n{}",
        sha256_hex(creq.as_bytes())
    );
    let key = generate_signing_key(
        "notrealrnrELgWzOk3IfjzDKtFBhDby",
        time,
        "us-east-1",
        "service",
    );
    assert_eq!(calculate_signature(key, sts.as_bytes()), ours.signature);
}

/// `double-url-encode`: a Lambda ARN in the path (`%3A`) is double-encoded (`%253A`). The case
/// carries the canonical request and string to sign (no credentials): the suite's example
/// credentials at the string to sign's time must produce the signed request's signature.
#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn double_url_encode_case_signs_with_double_encoding_like_the_suite() {
    let request = parse_request(include_str!(
        "../fixtures/sigv4/v4/double-url-encode/request.txt"
    ));
    let signed = parse_request(include_str!(
        "../fixtures/sigv4/v4/double-url-encode/header-signed-request.txt"
    ));
    let creq =
        include_str!("../fixtures/sigv4/v4/double-url-encode/header-canonical-request.txt").trim();
    let sts =
        include_str!("../fixtures/sigv4/v4/double-url-encode/header-string-to-sign.txt").trim();
    assert_eq!(
        sts.lines().last(),
        Some(sha256_hex(creq.as_bytes()).as_str())
    );
    let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    let credentials = Credentials::new("AKIDEXAMPLE", secret, None);
    let time = parse_timestamp("2021-05-11T15:40:45Z");
    let params = SigningParams::new(&credentials, "us-east-2", "lambda", time);
    let ours = sign_headers(&request.signable(), &params).unwrap();
    let key = generate_signing_key(secret, time, "us-east-2", "lambda");
    assert_eq!(calculate_signature(key, sts.as_bytes()), ours.signature);
    assert_eq!(
        ours.header("authorization"),
        signed.header("authorization"),
        "the suite's signed request carries the same Authorization"
    );
}

// ---------------------------------------------------------------------------------------------
// The runner.

struct Context {
    access_key_id: String,
    secret_access_key: String,
    token: Option<String>,
    region: String,
    service: String,
    time: SystemTime,
    expires_in: Duration,
    settings: SigningSettings,
}

fn context(case: &Case) -> Context {
    let v: serde_json::Value = serde_json::from_str(case.context).unwrap();
    let creds = &v["credentials"];
    let mut settings = SigningSettings::default();
    settings.path_encoding = PathEncoding::Single;
    settings.normalize_path = v["normalize"].as_bool().unwrap();
    // The suite's default for sign_body is true.
    settings.content_sha256_header = v["sign_body"].as_bool().unwrap_or(true);
    settings.sign_session_token = !v["omit_session_token"].as_bool().unwrap_or(false);
    Context {
        access_key_id: creds["access_key_id"].as_str().unwrap().to_string(),
        secret_access_key: creds["secret_access_key"].as_str().unwrap().to_string(),
        token: creds["token"].as_str().map(str::to_string),
        region: v["region"].as_str().unwrap().to_string(),
        service: v["service"].as_str().unwrap().to_string(),
        time: parse_timestamp(v["timestamp"].as_str().unwrap()),
        expires_in: Duration::from_secs(v["expiration_in_seconds"].as_u64().unwrap()),
        settings,
    }
}

/// Step 1: the fixture's own chain, canonical request -> string to sign -> signature.
fn check_fixture_chain(case: &Case, ctx: &Context, form: &Form) {
    let creq = form.canonical_request.trim();
    let sts = form.string_to_sign.trim();
    assert_eq!(
        sts.lines().last(),
        Some(sha256_hex(creq.as_bytes()).as_str()),
        "{}: the string to sign ends with the hash of the canonical request",
        case.name
    );
    let key = generate_signing_key(&ctx.secret_access_key, ctx.time, &ctx.region, &ctx.service);
    assert_eq!(
        calculate_signature(key, sts.as_bytes()),
        form.signature.trim(),
        "{}: the signature is the HMAC of the string to sign",
        case.name
    );
}

fn run_header_form(case: &Case) {
    let ctx = context(case);
    check_fixture_chain(case, &ctx, &case.header);
    let request = parse_request(case.request);
    let credentials = Credentials::new(
        ctx.access_key_id.clone(),
        ctx.secret_access_key.clone(),
        ctx.token.clone(),
    );
    let mut params = SigningParams::new(&credentials, &ctx.region, &ctx.service, ctx.time);
    params.settings = ctx.settings;
    let ours = sign_headers(&request.signable(), &params).unwrap();
    assert_eq!(
        ours.signature,
        case.header.signature.trim(),
        "{}",
        case.name
    );

    // The request we would send: the original headers plus the added ones.
    let mut sent: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    sent.extend(ours.headers.iter().cloned());
    sent.sort();
    let expected = parse_request(case.header.signed_request);
    let mut expected_headers: Vec<(String, String)> = expected
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    expected_headers.sort();
    assert_eq!(
        sent, expected_headers,
        "{}: signed request headers",
        case.name
    );
    assert_eq!(request.url, expected.url, "{}: URL unchanged", case.name);
}

fn run_query_form(case: &Case) {
    let ctx = context(case);
    check_fixture_chain(case, &ctx, &case.query);
    let request = parse_request(case.request);
    let credentials = Credentials::new(
        ctx.access_key_id.clone(),
        ctx.secret_access_key.clone(),
        ctx.token.clone(),
    );
    let mut params = SigningParams::new(&credentials, &ctx.region, &ctx.service, ctx.time);
    params.settings = ctx.settings;
    let ours = presign_url(&request.signable(), &params, ctx.expires_in).unwrap();
    assert_eq!(ours.signature, case.query.signature.trim(), "{}", case.name);

    let expected = parse_request(case.query.signed_request);
    let (our_path, our_query) = split_url(&ours.url);
    let (expected_path, expected_query) = split_url(&expected.url);
    assert_eq!(our_path, expected_path, "{}: presigned path", case.name);
    assert_eq!(our_query, expected_query, "{}: presigned query", case.name);
    let mut expected_headers = expected.headers.clone();
    expected_headers.sort();
    let mut sent = request.headers.clone();
    sent.sort();
    assert_eq!(sent, expected_headers, "{}: headers untouched", case.name);
}

/// A request parsed from the suite's HTTP/1.1 text.
struct ParsedRequest {
    method: String,
    url: String,
    /// Headers other than `Host`, values trimmed, folded lines joined by one space.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl ParsedRequest {
    fn signable(&self) -> SignableRequest<'_> {
        SignableRequest {
            method: &self.method,
            url: &self.url,
            headers: &self.headers,
            payload: Payload::Bytes(&self.body),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn parse_request(text: &str) -> ParsedRequest {
    let text = text.replace("\r\n", "\n");
    let (head, body) = match text.split_once("\n\n") {
        Some((head, body)) => (head.to_string(), body.as_bytes().to_vec()),
        None => (text.trim_end_matches('\n').to_string(), Vec::new()),
    };
    let mut lines = head.lines();
    let request_line = lines.next().unwrap();
    // The target may contain raw spaces (get-space-unnormalized): method is the first word, the
    // version the last, the target everything between.
    let (method, rest) = request_line.split_once(' ').unwrap();
    let target = match rest.rsplit_once(' ') {
        Some((target, version)) if version.starts_with("HTTP/") => target,
        _ => rest,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding: replace with a single space.
            let (_, value) = headers.last_mut().unwrap();
            value.push(' ');
            value.push_str(line.trim());
            continue;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let host_at = headers
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case("host"))
        .unwrap();
    let (_, host) = headers.remove(host_at);
    ParsedRequest {
        method: method.to_string(),
        url: format!("https://{host}{}", encode_target(target)),
        headers,
        body,
    }
}

/// Percent-encodes what a URL parser would in a request target: spaces, non-ASCII bytes and a
/// few ASCII characters that may not appear raw in a URL.
fn encode_target(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    for b in target.bytes() {
        if b <= b' ' || b >= 0x7f || matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}') {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// The URL's path, and its query as sorted, decoded `(name, value)` pairs.
fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    pairs.sort();
    (path.to_string(), pairs)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `YYYY-MM-DDTHH:MM:SSZ` to a `SystemTime`.
fn parse_timestamp(s: &str) -> SystemTime {
    let n = |r: std::ops::Range<usize>| -> i64 { s[r].parse().unwrap() };
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let (hh, mm, ss) = (n(11..13), n(14..16), n(17..19));
    // Days from civil (proleptic Gregorian).
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    time_from_unix_millis(u64::try_from(secs).unwrap() * 1000)
}
