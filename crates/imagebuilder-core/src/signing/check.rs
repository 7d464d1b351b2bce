//! Every plain input checked before `aws-sigv4` sees it: each refusal names the field and the
//! rule, and the limits keep the signer away from the inputs it would panic on (header maps past
//! 32,768 entries, URIs past 65,534 bytes).

use super::{
    CONTENT_SHA256, MAX_HEADER_VALUE_LEN, MAX_HEADERS, MAX_LABEL_LEN, MAX_PATH_AND_QUERY,
    MAX_UNIX_SECONDS, MAX_URL_LEN, SignableRequest, SigningError, SigningParams, invalid,
};
use std::time::UNIX_EPOCH;

/// The signing parameters a presigned URL adds can push its path and query past what an HTTP URI
/// holds, where `aws-sigv4` would panic: refuse before that, on the worst case (every byte of the
/// query and of the added values percent-encoded to three).
pub(super) fn check_presigned_length(
    request: &SignableRequest<'_>,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    let rest = request
        .url
        .split_once("://")
        .map_or(request.url, |(_, r)| r);
    let path_and_query = rest.find(['/', '?']).map_or(0, |i| rest.len() - i);
    let added = params.credentials.access_key_id.len()
        + params.region.len()
        + params.service.len()
        + params.credentials.session_token().map_or(0, str::len)
        + request
            .headers
            .iter()
            .map(|(name, _)| name.len() + 1)
            .sum::<usize>();
    // Fixed parts: parameter names, algorithm, date, expiry, scope, signature, separators.
    let worst = 3 * (path_and_query + added) + 400;
    if worst > MAX_PATH_AND_QUERY {
        return Err(invalid(
            "url",
            "length",
            format!(
                "the presigned URL could reach {worst} bytes of path and query, above the {MAX_PATH_AND_QUERY} an HTTP URI holds; shorten the URL, the headers or the session token"
            ),
        ));
    }
    Ok(())
}

/// Checks every plain input so that the signer never sees something it would panic on or
/// reject with a vague message.
pub(super) fn check(
    request: &SignableRequest<'_>,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    if request.method.is_empty() || !request.method.bytes().all(is_tchar) {
        return Err(invalid(
            "method",
            "token",
            format!(
                "method must be a non-empty HTTP token (e.g. GET, POST), got {:?}",
                request.method
            ),
        ));
    }
    check_url(request.url)?;
    if request.headers.len() > MAX_HEADERS {
        return Err(invalid(
            "headers",
            "length",
            format!(
                "headers must hold at most {MAX_HEADERS} entries, got {}",
                request.headers.len()
            ),
        ));
    }
    let mut content_sha256_seen = false;
    for (i, (name, value)) in request.headers.iter().enumerate() {
        if value.len() > MAX_HEADER_VALUE_LEN {
            return Err(invalid(
                format!("headers[{i}].value"),
                "length",
                format!(
                    "headers[{i}].value must be at most {MAX_HEADER_VALUE_LEN} bytes, got {}",
                    value.len()
                ),
            ));
        }
        if name.eq_ignore_ascii_case(CONTENT_SHA256) {
            if content_sha256_seen {
                return Err(invalid(
                    format!("headers[{i}].name"),
                    "duplicate",
                    format!(
                        "headers[{i}].name: {CONTENT_SHA256} may be given once (it is the payload hash)"
                    ),
                ));
            }
            content_sha256_seen = true;
        }
        if name.is_empty() || !name.bytes().all(is_tchar) {
            return Err(invalid(
                format!("headers[{i}].name"),
                "token",
                format!("headers[{i}].name must be a non-empty HTTP token, got {name:?}"),
            ));
        }
        if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b >= 0x7f) {
            return Err(invalid(
                format!("headers[{i}].value"),
                "header-value",
                format!(
                    "headers[{i}].value (header {name:?}) must be printable ASCII (no CR, LF or other control characters, no non-ASCII)"
                ),
            ));
        }
    }
    check_label("region", params.region)?;
    check_label("service", params.service)?;
    if params.credentials.access_key_id.is_empty() {
        return Err(invalid(
            "credentials.access_key_id",
            "required",
            "credentials.access_key_id must not be empty".to_string(),
        ));
    }
    if params.credentials.secret_access_key.is_empty() {
        return Err(invalid(
            "credentials.secret_access_key",
            "required",
            "credentials.secret_access_key must not be empty".to_string(),
        ));
    }
    if params
        .credentials
        .access_key_id
        .bytes()
        .any(|b| !b.is_ascii_graphic() || b == b'/')
    {
        return Err(invalid(
            "credentials.access_key_id",
            "token",
            "credentials.access_key_id must be printable ASCII without spaces or '/'".to_string(),
        ));
    }
    if let Some(token) = params.credentials.session_token.as_deref()
        && token.len() > MAX_HEADER_VALUE_LEN
    {
        return Err(invalid(
            "credentials.session_token",
            "length",
            format!(
                "credentials.session_token must be at most {MAX_HEADER_VALUE_LEN} bytes, got {}",
                token.len()
            ),
        ));
    }
    if let Some(token) = params.credentials.session_token.as_deref()
        && (token.is_empty() || token.bytes().any(|b| !(0x20..0x7f).contains(&b)))
    {
        return Err(invalid(
            "credentials.session_token",
            "header-value",
            "credentials.session_token must be non-empty printable ASCII when given".to_string(),
        ));
    }
    match params.time.duration_since(UNIX_EPOCH) {
        Ok(d) if d.as_secs() <= MAX_UNIX_SECONDS => Ok(()),
        _ => Err(invalid(
            "time",
            "range",
            "time must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z".to_string(),
        )),
    }
}

fn check_url(url: &str) -> Result<(), SigningError> {
    if url.len() > MAX_URL_LEN {
        return Err(invalid(
            "url",
            "length",
            format!("url must be at most {MAX_URL_LEN} bytes, got {}", url.len()),
        ));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            invalid(
                "url",
                "absolute-url",
                format!("url must start with https:// or http://, got {url:?}"),
            )
        })?;
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.is_empty() || authority.contains('@') {
        return Err(invalid(
            "url",
            "absolute-url",
            format!("url must name a host (and no user info), got {url:?}"),
        ));
    }
    if let Some(pos) = url.bytes().position(|b| !b.is_ascii_graphic()) {
        return Err(invalid(
            "url",
            "absolute-url",
            format!(
                "url must be percent-encoded ASCII without spaces; byte {pos} is not (got {url:?})"
            ),
        ));
    }
    if url.contains('#') {
        return Err(invalid(
            "url",
            "absolute-url",
            "url must not contain a fragment ('#')".to_string(),
        ));
    }
    Ok(())
}

fn check_label(field: &'static str, value: &str) -> Result<(), SigningError> {
    if value.is_empty() {
        return Err(invalid(
            field,
            "required",
            format!("{field} must not be empty"),
        ));
    }
    if value.len() > MAX_LABEL_LEN {
        return Err(invalid(
            field,
            "length",
            format!(
                "{field} must be at most {MAX_LABEL_LEN} characters, got {}",
                value.len()
            ),
        ));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    {
        return Err(invalid(
            field,
            "host-label",
            format!("{field} must be lower-case letters, digits, '-' or '.', got {value:?}"),
        ));
    }
    Ok(())
}

/// RFC 9110 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
