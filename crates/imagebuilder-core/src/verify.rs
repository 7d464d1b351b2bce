//! SigV4 verification for a server: recompute a request's signature through `aws-sigv4` with the
//! request's own timestamp and the server's credentials, and compare in constant time.
//!
//! The request says what it signed (`SignedHeaders`) and when (`x-amz-date`); the verifier
//! passes exactly those headers to the signer, checks the credential scope (access key, date,
//! region, service, `aws4_request`), the session token, and that the timestamp is within the
//! allowed skew of the server's clock (time is an argument, as everywhere in this crate). Each
//! refusal is a [`SignatureError`] carrying the code, status and message AWS answers with.
//!
//! ```
//! use imagebuilder_core::signing::{Credentials, Payload, SignableRequest, SigningParams, sign_headers, time_from_unix_millis};
//! use imagebuilder_core::verify::{IncomingRequest, VerifyParams, verify};
//!
//! let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
//! let now = time_from_unix_millis(1_440_938_160_000);
//! let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
//! let signed = sign_headers(
//!     &SignableRequest { method: "POST", url: "http://127.0.0.1:8080/emulator/ListImages", headers: &headers, payload: Payload::Bytes(b"{}") },
//!     &SigningParams::new(&credentials, "us-east-1", "imagebuilder", now),
//! ).unwrap();
//! headers.extend(signed.headers);
//! headers.push(("host".to_string(), "127.0.0.1:8080".to_string()));
//! let request = IncomingRequest { method: "POST", path_and_query: "/emulator/ListImages", headers: &headers, body: b"{}" };
//! let params = VerifyParams::new(&credentials, "us-east-1", "imagebuilder", now);
//! assert!(verify(&request, &params).is_ok());
//! assert_eq!(verify(&IncomingRequest { body: b"{ }", ..request }, &params).unwrap_err().code(), "InvalidSignatureException");
//! ```

use crate::http::header;
use crate::protocol::Timestamp;
use crate::signing::Credentials;
use aws_sigv4::http_request::{
    PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest, SignatureLocation,
    SigningSettings, UriPathNormalizationMode, sign,
};
use aws_smithy_runtime_api::client::identity::Identity;
use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;

/// The skew AWS allows between a request's `x-amz-date` and its own clock.
pub const MAX_SKEW: Duration = Duration::from_secs(5 * 60);

/// A request as the server received it.
#[derive(Clone, Copy)]
pub struct IncomingRequest<'a> {
    /// The method.
    pub method: &'a str,
    /// The path and query exactly as sent (percent-encoded).
    pub path_and_query: &'a str,
    /// Every header, `(name, value)`, names in any case, repeated names allowed.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
}

impl fmt::Debug for IncomingRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers carry the signature and session token: only their names are shown.
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("IncomingRequest")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query)
            .field("header_names", &names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// What the server expects: its credentials, region, service and clock.
#[derive(Debug, Clone, Copy)]
pub struct VerifyParams<'a> {
    /// The only credentials accepted (with the session token every request must carry, if any).
    pub credentials: &'a Credentials,
    /// The region requests must be scoped to.
    pub region: &'a str,
    /// The signing name requests must be scoped to.
    pub service: &'a str,
    /// The server's clock.
    pub now: SystemTime,
    /// The allowed skew (default [`MAX_SKEW`]).
    pub max_skew: Duration,
}

impl<'a> VerifyParams<'a> {
    /// Parameters with the 5-minute window.
    pub fn new(
        credentials: &'a Credentials,
        region: &'a str,
        service: &'a str,
        now: SystemTime,
    ) -> Self {
        Self {
            credentials,
            region,
            service,
            now,
            max_skew: MAX_SKEW,
        }
    }
}

/// Why a request's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// No `Authorization` header.
    Missing,
    /// The `Authorization` header or `x-amz-date` is not what SigV4 requires.
    Incomplete(String),
    /// The access key id is not the server's.
    UnknownAccessKey,
    /// The session token is missing, not expected, or wrong.
    InvalidSessionToken,
    /// The credential scope names another region.
    WrongRegion(String),
    /// The credential scope names another service.
    WrongService(String),
    /// The credential scope's date is not the date of `x-amz-date`.
    WrongScopeDate,
    /// `x-amz-date` is more than the allowed skew before the server's clock.
    Expired {
        /// `x-amz-date` (`YYYYMMDDTHHMMSSZ`).
        signed: String,
        /// The server's clock minus the skew.
        earliest: String,
        /// The server's clock.
        now: String,
    },
    /// `x-amz-date` is more than the allowed skew after the server's clock.
    NotYetCurrent {
        /// `x-amz-date`.
        signed: String,
        /// The server's clock plus the skew.
        latest: String,
        /// The server's clock.
        now: String,
    },
    /// The recomputed signature differs.
    Mismatch,
}

impl SignatureError {
    /// The AWS error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing => "MissingAuthenticationTokenException",
            Self::Incomplete(_) => "IncompleteSignatureException",
            Self::UnknownAccessKey | Self::InvalidSessionToken => "UnrecognizedClientException",
            Self::WrongRegion(_)
            | Self::WrongService(_)
            | Self::WrongScopeDate
            | Self::Expired { .. }
            | Self::NotYetCurrent { .. }
            | Self::Mismatch => "InvalidSignatureException",
        }
    }

    /// The HTTP status AWS answers with (400 for an incomplete signature, else 403).
    pub fn status(&self) -> u16 {
        match self {
            Self::Incomplete(_) => 400,
            _ => 403,
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("Missing Authentication Token"),
            Self::Incomplete(what) => f.write_str(what),
            Self::UnknownAccessKey | Self::InvalidSessionToken => {
                f.write_str("The security token included in the request is invalid.")
            }
            Self::WrongRegion(region) => write!(
                f,
                "Credential should be scoped to a valid region, not '{region}'."
            ),
            Self::WrongService(service) => write!(
                f,
                "Credential should be scoped to correct service: 'imagebuilder', not '{service}'."
            ),
            Self::WrongScopeDate => f.write_str(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.",
            ),
            Self::Expired { signed, earliest, now } => write!(
                f,
                "Signature expired: {signed} is now earlier than {earliest} ({now} - 5 min.)"
            ),
            Self::NotYetCurrent { signed, latest, now } => write!(
                f,
                "Signature not yet current: {signed} is still later than {latest} ({now} + 5 min.)"
            ),
            Self::Mismatch => f.write_str(
                "The request signature we calculated does not match the signature you provided. \
                 Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            ),
        }
    }
}

impl std::error::Error for SignatureError {}

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Result<Authorization<'_>, SignatureError> {
    let incomplete = |what: &str| SignatureError::Incomplete(what.to_string());
    let rest = value.strip_prefix("AWS4-HMAC-SHA256 ").ok_or_else(|| {
        incomplete("Authorization header must use the AWS4-HMAC-SHA256 algorithm.")
    })?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let credential = credential
        .ok_or_else(|| incomplete("Authorization header requires 'Credential' parameter."))?;
    let signed = signed
        .ok_or_else(|| incomplete("Authorization header requires 'SignedHeaders' parameter."))?;
    let signature = signature
        .ok_or_else(|| incomplete("Authorization header requires 'Signature' parameter."))?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, terminator] = scope[..] else {
        return Err(incomplete(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/aws4_request.",
        ));
    };
    if terminator != "aws4_request" {
        return Err(incomplete("Credential scope must end with 'aws4_request'."));
    }
    Ok(Authorization {
        access_key_id,
        date,
        region,
        service,
        signed_headers: signed.split(';').collect(),
        signature,
    })
}

/// `YYYYMMDDTHHMMSSZ` to a timestamp.
fn parse_amz_date(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let digits =
        |r: std::ops::Range<usize>| s.get(r).filter(|d| d.bytes().all(|c| c.is_ascii_digit()));
    let rfc3339 = format!(
        "{}-{}-{}T{}:{}:{}Z",
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?
    );
    Timestamp::parse_rfc3339(&rfc3339).ok()
}

/// `time` as `YYYYMMDDTHHMMSSZ`.
pub fn format_amz_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = crate::protocol::civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn ct_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Verifies `request`'s SigV4 signature (in the `Authorization` header).
pub fn verify(
    request: &IncomingRequest<'_>,
    params: &VerifyParams<'_>,
) -> Result<(), SignatureError> {
    let authorization = header(request.headers, "authorization").ok_or(SignatureError::Missing)?;
    let auth = parse_authorization(authorization)?;
    let amz_date = header(request.headers, "x-amz-date").ok_or_else(|| {
        SignatureError::Incomplete("Authorization requires the 'X-Amz-Date' header.".to_string())
    })?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| {
        SignatureError::Incomplete(format!(
            "X-Amz-Date must be in the ISO8601 basic format YYYYMMDD'T'HHMMSS'Z', got '{amz_date}'."
        ))
    })?;
    if !ct_eq(auth.access_key_id, params.credentials.access_key_id()) {
        return Err(SignatureError::UnknownAccessKey);
    }
    let token = header(request.headers, "x-amz-security-token");
    match (token, params.credentials.session_token()) {
        (None, None) => {}
        (Some(got), Some(expected)) if ct_eq(got, expected) => {}
        _ => return Err(SignatureError::InvalidSessionToken),
    }
    if auth.service != params.service {
        return Err(SignatureError::WrongService(auth.service.to_string()));
    }
    if auth.region != params.region {
        return Err(SignatureError::WrongRegion(auth.region.to_string()));
    }
    if auth.date != &amz_date[..8] {
        return Err(SignatureError::WrongScopeDate);
    }
    let now_secs = params
        .now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let skew = params.max_skew.as_secs() as i64;
    let now_text = format_amz_date(params.now);
    if signed_at.secs() < now_secs - skew {
        return Err(SignatureError::Expired {
            signed: amz_date.to_string(),
            earliest: format_amz_date(params.now - params.max_skew),
            now: now_text,
        });
    }
    if signed_at.secs() > now_secs + skew {
        return Err(SignatureError::NotYetCurrent {
            signed: amz_date.to_string(),
            latest: format_amz_date(params.now + params.max_skew),
            now: now_text,
        });
    }
    if !auth.signed_headers.contains(&"host") {
        return Err(SignatureError::Incomplete(
            "'Host' must be a signed header.".to_string(),
        ));
    }
    let host = header(request.headers, "host").ok_or_else(|| {
        SignatureError::Incomplete("the signed 'Host' header is missing.".to_string())
    })?;

    // Exactly the headers the request says it signed; the signer adds x-amz-date and the
    // session token itself.
    let mut signed_headers: Vec<(&str, &str)> = Vec::new();
    for name in &auth.signed_headers {
        if name.eq_ignore_ascii_case("x-amz-date")
            || name.eq_ignore_ascii_case("x-amz-security-token")
        {
            continue;
        }
        let mut found = false;
        for (k, v) in request
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            signed_headers.push((k.as_str(), v.as_str()));
            found = true;
        }
        if !found {
            return Err(SignatureError::Mismatch);
        }
    }
    let url = format!("http://{host}{}", request.path_and_query);
    let creds = aws_credential_types::Credentials::new(
        params.credentials.access_key_id(),
        params.credentials.secret_access_key(),
        token.map(str::to_string),
        None,
        "imagebuilder-core-verify",
    );
    let identity = Identity::new(creds, None);
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::Headers;
    settings.percent_encoding_mode = PercentEncodingMode::Double;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Enabled;
    settings.session_token_mode = SessionTokenMode::Include;
    settings.excluded_headers = Some(vec![Cow::Borrowed("authorization")]);
    let time = UNIX_EPOCH + Duration::from_secs(u64::try_from(signed_at.secs()).unwrap_or(0));
    let sigv4_params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.region)
        .name(auth.service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|_| SignatureError::Mismatch)?
        .into();
    let signable = SignableRequest::new(
        request.method,
        url,
        signed_headers.into_iter(),
        SignableBody::Bytes(request.body),
    )
    .map_err(|_| SignatureError::Incomplete("the request URI cannot be signed.".to_string()))?;
    let output = sign(signable, &sigv4_params).map_err(|_| SignatureError::Mismatch)?;
    let (instructions, expected) = output.into_parts();
    // The signer must have signed exactly the headers the request lists.
    let (headers, _) = instructions.into_parts();
    let recomputed_list = headers
        .iter()
        .find(|h| h.name().eq_ignore_ascii_case("authorization"))
        .and_then(|h| h.value().split("SignedHeaders=").nth(1))
        .and_then(|s| s.split(',').next())
        .unwrap_or_default();
    let listed = auth.signed_headers.join(";").to_ascii_lowercase();
    if !ct_eq(recomputed_list, &listed) || !ct_eq(&expected, auth.signature) {
        return Err(SignatureError::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::{
        Payload, SignableRequest as Req, SigningParams, sign_headers, time_from_unix_millis,
    };

    const NOW: u64 = 1_700_000_000_000;

    fn creds(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            token.map(str::to_string),
        )
    }

    fn signed(
        creds: &Credentials,
        region: &str,
        service: &str,
        at: u64,
        query: &str,
    ) -> Vec<(String, String)> {
        let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
        let url = format!("http://127.0.0.1:8080/emulator/ListImages{query}");
        let s = sign_headers(
            &Req {
                method: "POST",
                url: &url,
                headers: &headers,
                payload: Payload::Bytes(b"{}"),
            },
            &SigningParams::new(creds, region, service, time_from_unix_millis(at)),
        )
        .unwrap();
        headers.extend(s.headers);
        headers.push(("host".to_string(), "127.0.0.1:8080".to_string()));
        headers
    }

    fn check(
        headers: &[(String, String)],
        path: &str,
        body: &[u8],
        server: &Credentials,
    ) -> Result<(), SignatureError> {
        let request = IncomingRequest {
            method: "POST",
            path_and_query: path,
            headers,
            body,
        };
        verify(
            &request,
            &VerifyParams::new(
                server,
                "us-east-1",
                "imagebuilder",
                time_from_unix_millis(NOW),
            ),
        )
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_correctly_signed_request_is_accepted() {
        let c = creds(None);
        let h = signed(&c, "us-east-1", "imagebuilder", NOW, "");
        assert_eq!(check(&h, "/emulator/ListImages", b"{}", &c), Ok(()));
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_tampered_body_path_query_or_header_is_a_mismatch() {
        let c = creds(None);
        let h = signed(&c, "us-east-1", "imagebuilder", NOW, "?a=1");
        assert_eq!(check(&h, "/emulator/ListImages?a=1", b"{}", &c), Ok(()));
        assert_eq!(
            check(&h, "/emulator/ListImages?a=1", b"{ }", &c),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            check(&h, "/emulator/ListImages?a=2", b"{}", &c),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            check(&h, "/emulator/GetImage?a=1", b"{}", &c),
            Err(SignatureError::Mismatch)
        );
        let mut tampered = h.clone();
        tampered[0].1 = "text/plain".to_string();
        assert_eq!(
            check(&tampered, "/emulator/ListImages?a=1", b"{}", &c),
            Err(SignatureError::Mismatch)
        );
        let mut sig = h.clone();
        for (k, v) in &mut sig {
            if k == "authorization" {
                let last = v.pop().unwrap();
                v.push(if last == '0' { '1' } else { '0' });
            }
        }
        assert_eq!(
            check(&sig, "/emulator/ListImages?a=1", b"{}", &c),
            Err(SignatureError::Mismatch)
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_wrong_secret_is_a_mismatch_and_a_wrong_key_id_unrecognized() {
        let server = creds(None);
        let other = Credentials::new("AKIAIOSFODNN7EXAMPLE", "other-secret", None);
        let h = signed(&other, "us-east-1", "imagebuilder", NOW, "");
        assert_eq!(
            check(&h, "/emulator/ListImages", b"{}", &server),
            Err(SignatureError::Mismatch)
        );
        let stranger = Credentials::new(
            "AKIAOTHER",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
        );
        let h = signed(&stranger, "us-east-1", "imagebuilder", NOW, "");
        let err = check(&h, "/emulator/ListImages", b"{}", &server).unwrap_err();
        assert_eq!(err.code(), "UnrecognizedClientException");
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn another_region_or_service_is_refused_naming_it() {
        let c = creds(None);
        let h = signed(&c, "eu-west-1", "imagebuilder", NOW, "");
        assert_eq!(
            check(&h, "/emulator/ListImages", b"{}", &c),
            Err(SignatureError::WrongRegion("eu-west-1".into()))
        );
        let h = signed(&c, "us-east-1", "ec2", NOW, "");
        assert_eq!(
            check(&h, "/emulator/ListImages", b"{}", &c),
            Err(SignatureError::WrongService("ec2".into()))
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn a_signature_older_or_newer_than_five_minutes_is_refused_with_aws_messages() {
        let c = creds(None);
        let h = signed(&c, "us-east-1", "imagebuilder", NOW - 301_000, "");
        let err = check(&h, "/emulator/ListImages", b"{}", &c).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Signature expired: 20231114T220819Z is now earlier than 20231114T220820Z (20231114T221320Z - 5 min.)"
        );
        let h = signed(&c, "us-east-1", "imagebuilder", NOW + 301_000, "");
        let err = check(&h, "/emulator/ListImages", b"{}", &c).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "Signature not yet current: 20231114T221821Z is still later than 20231114T221820Z"
            ),
            "{err}"
        );
        let h = signed(&c, "us-east-1", "imagebuilder", NOW - 299_000, "");
        assert_eq!(check(&h, "/emulator/ListImages", b"{}", &c), Ok(()));
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn session_tokens_must_be_exactly_the_servers() {
        let server = creds(Some("the-token"));
        let h = signed(&server, "us-east-1", "imagebuilder", NOW, "");
        assert_eq!(check(&h, "/emulator/ListImages", b"{}", &server), Ok(()));
        let missing = signed(&creds(None), "us-east-1", "imagebuilder", NOW, "");
        assert_eq!(
            check(&missing, "/emulator/ListImages", b"{}", &server),
            Err(SignatureError::InvalidSessionToken)
        );
        let wrong = signed(&creds(Some("other")), "us-east-1", "imagebuilder", NOW, "");
        assert_eq!(
            check(&wrong, "/emulator/ListImages", b"{}", &server),
            Err(SignatureError::InvalidSessionToken)
        );
        assert_eq!(
            check(&h, "/emulator/ListImages", b"{}", &creds(None)),
            Err(SignatureError::InvalidSessionToken)
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn missing_or_malformed_authorization_is_refused() {
        let c = creds(None);
        assert_eq!(
            check(&[], "/emulator/ListImages", b"{}", &c),
            Err(SignatureError::Missing)
        );
        let h = vec![(
            "authorization".to_string(),
            "AWS4-HMAC-SHA256 Credential=a/b".to_string(),
        )];
        let err = check(&h, "/", b"", &c).unwrap_err();
        assert_eq!(
            (err.code(), err.status()),
            ("IncompleteSignatureException", 400)
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
    fn amz_dates_format_as_aws_writes_them() {
        assert_eq!(
            format_amz_date(time_from_unix_millis(1_440_938_160_000)),
            "20150830T123600Z"
        );
        assert_eq!(
            format_amz_date(time_from_unix_millis(951_782_400_000)),
            "20000229T000000Z"
        );
    }
}
