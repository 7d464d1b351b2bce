//! AWS Signature Version 4 over the `aws-sigv4` crate, with plain inputs and an explicit time.
//!
//! The cryptography and canonicalisation are `aws-sigv4`'s; this module only turns plain values
//! (method, URL, headers, body, region, service, keys, time) into its inputs, checks them first so
//! that bad input is an error naming the field rather than a panic, and hands back plain values:
//! the headers to add ([`sign_headers`]) or a presigned URL ([`presign_url`]).
//!
//! Time is always an argument: `SystemTime::now()` panics on `wasm32-unknown-unknown`, so callers
//! pass the time they got from their own clock (see [`time_from_unix_millis`]).
//!
//! ```
//! use imagebuilder_core::signing::{Credentials, Payload, SignableRequest, SigningParams, sign_headers, time_from_unix_millis};
//!
//! let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
//! let headers = [("content-type".to_string(), "application/json".to_string())];
//! let request = SignableRequest {
//!     method: "POST",
//!     url: "https://imagebuilder.us-east-1.amazonaws.com/ListImages",
//!     headers: &headers,
//!     payload: Payload::Bytes(b"{}"),
//! };
//! let params = SigningParams::new(&credentials, "us-east-1", "imagebuilder", time_from_unix_millis(1_440_938_160_000));
//! let signed = sign_headers(&request, &params).unwrap();
//! assert!(signed.header("authorization").unwrap().starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"));
//! ```

use crate::http::percent_encode_into;
use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody,
    SignableRequest as SigV4Request, SignatureLocation, SigningSettings as SigV4Settings,
    UriPathNormalizationMode, sign,
};
use aws_smithy_runtime_api::client::identity::Identity;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod check;
use check::{check, check_presigned_length};

/// The longest validity SigV4 allows for a presigned URL: seven days.
pub const MAX_PRESIGN_EXPIRY: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// The last second [`SigningParams::time`] may be: 9999-12-31T23:59:59Z (four-digit years only).
const MAX_UNIX_SECONDS: u64 = 253_402_300_799;

/// The longest URL [`sign_headers`] and [`presign_url`] take, in bytes. Most HTTP front ends,
/// AWS's included, refuse request lines above 8 KiB; twice that leaves room for custom endpoints.
pub const MAX_URL_LEN: usize = 16 * 1024;

/// The most headers a request to sign may carry (Node's HTTP server refuses more than 2,000, and
/// `aws-sigv4`'s header map cannot hold more than 32,768).
pub const MAX_HEADERS: usize = 1_000;

/// The longest header value, and the longest session token, in bytes (Node's HTTP server refuses
/// more than 16 KiB of headers in all; STS session tokens are a few KiB at most).
pub const MAX_HEADER_VALUE_LEN: usize = 16 * 1024;

/// The longest region or service signing name: one DNS label.
pub const MAX_LABEL_LEN: usize = 63;

/// The longest path and query an HTTP URI may hold (`http::Uri` stores offsets as `u16`);
/// `aws-sigv4` panics past it, so presigning checks the worst case first.
const MAX_PATH_AND_QUERY: usize = u16::MAX as usize - 1;

/// Headers botocore never signs (`botocore.auth.SIGNED_HEADERS_BLACKLIST`, 1.44.5): hop-by-hop
/// headers a proxy or `fetch` may drop or rewrite, and tracing headers that change per attempt.
/// `authorization` is the signature itself.
pub const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// AWS credentials: an access key id, its secret, and an optional session token.
///
/// `Debug` prints the access key id only; the secret and the session token are redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from an access key id, its secret access key and an optional session token
    /// (temporary credentials from STS come with one).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }

    /// The access key id (not a secret: it appears in every `Authorization` header).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// The request body as far as the signature is concerned.
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Payload<'a> {
    /// The body's bytes (empty for no body): their SHA-256 goes into the canonical request.
    Bytes(&'a [u8]),
    /// `UNSIGNED-PAYLOAD`: the body is not covered by the signature.
    Unsigned,
}

impl fmt::Debug for Payload<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payload::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Payload::Unsigned => f.write_str("Unsigned"),
        }
    }
}

/// An HTTP request to sign, as plain values.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// The absolute URL as it will be sent (`https://host[:port]/path?query`), already
    /// percent-encoded. The `host` header is taken from it.
    pub url: &'a str,
    /// Headers to sign, `(name, value)`, names in any case, repeated names allowed (their values
    /// are joined with `,`, in order). Don't pass `host` (it comes from the URL, lower-cased and
    /// without a default port), `x-amz-date` or `x-amz-security-token` (the signer sets them).
    /// The headers in [`UNSIGNED_HEADERS`] are never signed. A caller's `x-amz-content-sha256`
    /// (a precomputed hash, or `UNSIGNED-PAYLOAD`) is signed and is the payload hash, as botocore
    /// does. Values are trimmed and runs of spaces and tabs folded to one space.
    pub headers: &'a [(String, String)],
    /// The body.
    pub payload: Payload<'a>,
}

/// How the URL path is encoded in the canonical request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathEncoding {
    /// Percent-encode the (already encoded) path once more, as SigV4 requires for every service
    /// except S3. The default.
    Double,
    /// Use the path as sent (S3-style).
    Single,
}

/// Knobs of the signing algorithm; [`SigningSettings::default`] is what Image Builder expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningSettings {
    /// Canonical path encoding (default [`PathEncoding::Double`]).
    pub path_encoding: PathEncoding,
    /// Remove `.`/`..` segments and duplicate slashes from the canonical path (default `true`).
    pub normalize_path: bool,
    /// Add and sign an `x-amz-content-sha256` header with the payload hash (default `false`).
    pub content_sha256_header: bool,
    /// Sign the session token (default `true`); when `false` the token is still added to the
    /// request, after signing (as some services such as IoT require).
    pub sign_session_token: bool,
}

impl Default for SigningSettings {
    fn default() -> Self {
        Self {
            path_encoding: PathEncoding::Double,
            normalize_path: true,
            content_sha256_header: false,
            sign_session_token: true,
        }
    }
}

/// Who signs, for which region and service, and when.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// The credentials.
    pub credentials: &'a Credentials,
    /// The signing region, e.g. `us-east-1`.
    pub region: &'a str,
    /// The signing name of the service, e.g. `imagebuilder`.
    pub service: &'a str,
    /// The signing time (from the caller's clock, corrected for skew where known).
    pub time: SystemTime,
    /// Algorithm settings.
    pub settings: SigningSettings,
}

impl<'a> SigningParams<'a> {
    /// Parameters with [`SigningSettings::default`].
    pub fn new(
        credentials: &'a Credentials,
        region: &'a str,
        service: &'a str,
        time: SystemTime,
    ) -> Self {
        Self {
            credentials,
            region,
            service,
            time,
            settings: SigningSettings::default(),
        }
    }
}

/// The outcome of [`sign_headers`]: the headers to add to the request, and the signature.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// `(lower-case name, value)`: `x-amz-date`, `authorization`, and where they apply
    /// `x-amz-content-sha256` and `x-amz-security-token`.
    pub headers: Vec<(String, String)>,
    /// The hex signature (also inside `authorization`).
    pub signature: String,
}

impl SignedHeaders {
    /// The value of the added header `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::http::header(&self.headers, name)
    }
}

impl fmt::Debug for SignedHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let v = if k == "x-amz-security-token" {
                    "** redacted **"
                } else {
                    v.as_str()
                };
                (k.as_str(), v)
            })
            .collect();
        f.debug_struct("SignedHeaders")
            .field("headers", &shown)
            .field("signature", &self.signature)
            .finish()
    }
}

/// The outcome of [`presign_url`].
#[derive(Clone, PartialEq, Eq)]
pub struct PresignedUrl {
    /// The URL with the signing query parameters appended.
    pub url: String,
    /// The query parameters that were appended, decoded, in the order appended.
    pub params: Vec<(String, String)>,
    /// The hex signature (also the `X-Amz-Signature` parameter).
    pub signature: String,
}

impl fmt::Debug for PresignedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL carries the session token when there is one: show only what precedes the query.
        let base = self.url.split('?').next().unwrap_or_default();
        f.debug_struct("PresignedUrl")
            .field(
                "url",
                &format_args!("{base}?** {} params **", self.params.len()),
            )
            .field("signature", &self.signature)
            .finish()
    }
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// An input broke a rule; `field` names it (`url`, `region`, `headers[1].value`, ...).
    InvalidInput {
        /// The offending input.
        field: String,
        /// The rule: `required`, `absolute-url`, `host-label`, `token`, `header-value`, `range`.
        rule: &'static str,
        /// A sentence saying what is wrong.
        message: String,
    },
    /// `aws-sigv4` refused the request (its message, which never contains secrets).
    Signer {
        /// What the signer said.
        message: String,
    },
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningError::InvalidInput { message, .. } => f.write_str(message),
            SigningError::Signer { message } => write!(f, "SigV4 signer failed: {message}"),
        }
    }
}

impl std::error::Error for SigningError {}

fn invalid(field: impl Into<String>, rule: &'static str, message: String) -> SigningError {
    SigningError::InvalidInput {
        field: field.into(),
        rule,
        message,
    }
}

/// A `SystemTime` from milliseconds since the Unix epoch (what `Date.now()` returns in JS).
pub fn time_from_unix_millis(millis: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(millis)
}

/// Signs `request` with the signature in headers: returns the headers to add.
pub fn sign_headers(
    request: &SignableRequest<'_>,
    params: &SigningParams<'_>,
) -> Result<SignedHeaders, SigningError> {
    check(request, params)?;
    let output = run_signer(
        request,
        params,
        SignatureLocation::Headers,
        None,
        request.url,
    )?;
    let (instructions, signature) = output.into_parts();
    let (headers, _) = instructions.into_parts();
    Ok(SignedHeaders {
        headers: headers
            .into_iter()
            .map(|h| (h.name().to_ascii_lowercase(), h.value().to_string()))
            .collect(),
        signature,
    })
}

/// `d` in seconds as decimal text (`"0.5"`, `"604801"`), with integers only: formatting the
/// `f64` would link the float formatter (about 14 KB of wasm) for one error message.
fn seconds_text(d: Duration) -> String {
    let mut text = d.as_secs().to_string();
    let nanos = d.subsec_nanos();
    if nanos != 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text
}

/// Signs `request` with the signature in the query string, valid for `expires_in` (1 second to
/// 7 days): returns the presigned URL.
pub fn presign_url(
    request: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    expires_in: Duration,
) -> Result<PresignedUrl, SigningError> {
    check(request, params)?;
    if expires_in < Duration::from_secs(1) || expires_in > MAX_PRESIGN_EXPIRY {
        return Err(invalid(
            "expires_in",
            "range",
            format!(
                "expires_in must be between 1 second and 7 days (604800 s), got {} s",
                seconds_text(expires_in)
            ),
        ));
    }
    check_presigned_length(request, params)?;
    let output = run_signer(
        request,
        params,
        SignatureLocation::QueryParams,
        Some(expires_in),
        request.url,
    )?;
    let (instructions, signature) = output.into_parts();
    let (_, query) = instructions.into_parts();
    let mut url = request.url.to_string();
    let mut separator = if url.contains('?') {
        if url.ends_with('?') || url.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    let mut appended = Vec::with_capacity(query.len());
    for (name, value) in query {
        url.push_str(separator);
        percent_encode_into(&mut url, name);
        url.push('=');
        percent_encode_into(&mut url, &value);
        separator = "&";
        appended.push((name.to_string(), value.into_owned()));
    }
    Ok(PresignedUrl {
        url,
        params: appended,
        signature,
    })
}

fn run_signer(
    request: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    location: SignatureLocation,
    expires_in: Option<Duration>,
    url: &str,
) -> Result<aws_sigv4::SigningOutput<aws_sigv4::http_request::SigningInstructions>, SigningError> {
    let creds = aws_credential_types::Credentials::new(
        params.credentials.access_key_id(),
        params.credentials.secret_access_key(),
        params.credentials.session_token.clone(),
        None,
        "imagebuilder-core",
    );
    let identity = Identity::new(creds, None);
    let mut settings = SigV4Settings::default();
    settings.signature_location = location;
    settings.expires_in = expires_in;
    settings.percent_encoding_mode = match params.settings.path_encoding {
        PathEncoding::Double => PercentEncodingMode::Double,
        PathEncoding::Single => PercentEncodingMode::Single,
    };
    settings.uri_path_normalization_mode = if params.settings.normalize_path {
        UriPathNormalizationMode::Enabled
    } else {
        UriPathNormalizationMode::Disabled
    };
    settings.payload_checksum_kind = if params.settings.content_sha256_header {
        PayloadChecksumKind::XAmzSha256
    } else {
        PayloadChecksumKind::NoHeader
    };
    settings.session_token_mode = if params.settings.sign_session_token {
        SessionTokenMode::Include
    } else {
        SessionTokenMode::Exclude
    };
    settings.excluded_headers = Some(UNSIGNED_HEADERS.iter().map(|h| (*h).into()).collect());
    let sigv4_params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(params.region)
        .name(params.service)
        .time(params.time)
        .settings(settings)
        .build()
        .map_err(|e| SigningError::Signer {
            message: e.to_string(),
        })?
        .into();
    let caller_hash = request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(CONTENT_SHA256))
        .map(|(_, v)| fold_whitespace(v));
    let body = match (caller_hash, request.payload) {
        (Some(hash), _) if hash == "UNSIGNED-PAYLOAD" => SignableBody::UnsignedPayload,
        (Some(hash), _) => SignableBody::Precomputed(hash.into_owned()),
        (None, Payload::Bytes(bytes)) => SignableBody::Bytes(bytes),
        (None, Payload::Unsigned) => SignableBody::UnsignedPayload,
    };
    let folded: Vec<(&str, std::borrow::Cow<'_, str>)> = request
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), fold_whitespace(v)))
        .collect();
    let url = lower_case_host(url);
    let signable = SigV4Request::new(
        request.method,
        url,
        folded.iter().map(|(k, v)| (*k, v.as_ref())),
        body,
    )
    .map_err(|e| {
        invalid(
            "url",
            "absolute-url",
            format!("url is not a valid URI: {e}"),
        )
    })?;
    sign(signable, &sigv4_params).map_err(|e| SigningError::Signer {
        message: error_chain(&e),
    })
}

const CONTENT_SHA256: &str = "x-amz-content-sha256";

/// A header value as SigV4 canonicalises it (and botocore does: `' '.join(value.split())`):
/// trimmed, every run of spaces and tabs one space. `aws-sigv4` folds spaces only.
fn fold_whitespace(value: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = value.trim_matches([' ', '\t']);
    let needs_fold = trimmed.contains('\t') || trimmed.contains("  ");
    if !needs_fold {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split([' ', '\t']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    std::borrow::Cow::Owned(out)
}

/// The URL with its host lower-cased: servers (and botocore) see hosts in lower case, so the
/// signed `host` header must be too. User info is refused earlier, so the authority is the host
/// and an optional port.
fn lower_case_host(url: &str) -> std::borrow::Cow<'_, str> {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[scheme_end..];
    let authority_end = scheme_end + rest.find(['/', '?']).unwrap_or(rest.len());
    if !url[scheme_end..authority_end]
        .bytes()
        .any(|b| b.is_ascii_uppercase())
    {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len());
    out.push_str(&url[..scheme_end]);
    out.push_str(&url[scheme_end..authority_end].to_ascii_lowercase());
    out.push_str(&url[authority_end..]);
    std::borrow::Cow::Owned(out)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::seconds_text;
    use std::time::Duration;

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn seconds_text_writes_whole_and_fractional_seconds_like_the_float_formatter() {
        for d in [
            Duration::ZERO,
            Duration::from_millis(500),
            Duration::from_nanos(1),
            Duration::from_secs(604_801),
            Duration::from_micros(1_250_000),
        ] {
            assert_eq!(seconds_text(d), d.as_secs_f64().to_string(), "{d:?}");
        }
    }
}
