//! SigV4 signing: the glue's `signRequest` and `presignUrl`, both over one export ([`sign`]) and
//! [`imagebuilder_core::signing`].
//!
//! The glue packs the request's strings into one text with their lengths (see [`sign`]) and the
//! options into [`SigningFlag`] bits, and gets one text back, so that one signature costs one
//! boundary crossing, two strings and no JSON.

use crate::errors::{ErrorKind, JsError, argument};
use imagebuilder_core::signing::{
    Credentials, PathEncoding, Payload, SignableRequest, SigningError, SigningParams, presign_url,
    sign_headers, time_from_unix_millis,
};
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// The signing options the glue passes as bits of one `u32` (`cargo xtask codegen` writes
/// [`SigningFlag::bit`]'s values into the package's `SIGNING_FLAGS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningFlag {
    /// Add and sign `x-amz-content-sha256`.
    ContentSha256Header,
    /// Add the session token after signing instead of signing it.
    UnsignedSessionToken,
    /// Single (S3-style) path encoding.
    SinglePathEncoding,
    /// Don't normalize the canonical path.
    NoPathNormalization,
    /// `UNSIGNED-PAYLOAD` instead of the body's hash.
    UnsignedPayload,
}

impl SigningFlag {
    /// The flag's bit.
    pub const fn bit(self) -> u32 {
        match self {
            Self::ContentSha256Header => 1,
            Self::UnsignedSessionToken => 2,
            Self::SinglePathEncoding => 4,
            Self::NoPathNormalization => 8,
            Self::UnsignedPayload => 16,
        }
    }

    /// Whether `flags` has this flag.
    pub const fn is_in(self, flags: u32) -> bool {
        flags & self.bit() != 0
    }
}

/// The request's strings, as the glue packs them: one text and the length of each piece in
/// UTF-16 code units (JavaScript's `length`), so that one string crosses instead of one per field
/// and per header. Pieces: method, url, region, service, access key id, secret access key, session
/// token (empty when absent), body (empty when the body crossed as bytes), then the headers as
/// name, value, name, value, ...
struct Packed<'a> {
    pieces: Vec<&'a str>,
}

/// How many pieces precede the headers in [`Packed`].
const FIXED_PIECES: usize = 8;

impl<'a> Packed<'a> {
    fn split(text: &'a str, lens: &[u32]) -> Result<Self, JsValue> {
        if lens.len() < FIXED_PIECES || !(lens.len() - FIXED_PIECES).is_multiple_of(2) {
            return Err(argument("headers must be [name, value] pairs"));
        }
        let mut pieces = Vec::with_capacity(lens.len());
        let mut rest = text;
        let ascii = text.is_ascii();
        for &units in lens {
            let units = units as usize;
            // ASCII: one byte per UTF-16 unit. Otherwise count units char by char (a lone
            // surrogate arrives as U+FFFD, also one unit, so the counts still line up).
            let end = if ascii {
                Some(units).filter(|n| *n <= rest.len())
            } else {
                let mut seen = 0;
                let mut end = None;
                for (i, c) in rest.char_indices() {
                    if seen == units {
                        end = Some(i);
                        break;
                    }
                    seen += c.len_utf16();
                }
                end.or((seen == units).then_some(rest.len()))
            };
            let end =
                end.ok_or_else(|| argument("the packed request is shorter than its lengths"))?;
            let (piece, tail) = rest.split_at(end);
            pieces.push(piece);
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(argument("the packed request is longer than its lengths"));
        }
        Ok(Self { pieces })
    }

    fn get(&self, i: usize) -> &'a str {
        self.pieces[i]
    }

    fn headers(&self) -> Vec<(String, String)> {
        self.pieces[FIXED_PIECES..]
            .chunks_exact(2)
            .map(|p| (p[0].to_string(), p[1].to_string()))
            .collect()
    }
}

fn range_error(field: &str, message: &str) -> JsValue {
    JsError::new(ErrorKind::Signing, message)
        .with("field", field)
        .with("rule", "range")
        .into()
}

fn params<'a>(
    credentials: &'a Credentials,
    region: &'a str,
    service: &'a str,
    time_ms: f64,
    flags: u32,
) -> Result<SigningParams<'a>, JsValue> {
    if !(time_ms.is_finite() && time_ms >= 0.0) {
        return Err(range_error(
            "date",
            "date must be a valid date at or after 1970-01-01T00:00:00Z",
        ));
    }
    let mut params = SigningParams::new(
        credentials,
        region,
        service,
        time_from_unix_millis(time_ms as u64),
    );
    params.settings.content_sha256_header = SigningFlag::ContentSha256Header.is_in(flags);
    params.settings.sign_session_token = !SigningFlag::UnsignedSessionToken.is_in(flags);
    params.settings.normalize_path = !SigningFlag::NoPathNormalization.is_in(flags);
    if SigningFlag::SinglePathEncoding.is_in(flags) {
        params.settings.path_encoding = PathEncoding::Single;
    }
    Ok(params)
}

/// The core's field names, in the JS API's spelling.
fn js_field(field: &str) -> String {
    match field {
        "expires_in" => "expiresIn".to_string(),
        "access_key_id" | "credentials.access_key_id" => "credentials.accessKeyId".to_string(),
        "secret_access_key" | "credentials.secret_access_key" => {
            "credentials.secretAccessKey".to_string()
        }
        "session_token" | "credentials.session_token" => "credentials.sessionToken".to_string(),
        "time" => "date".to_string(),
        other => other.to_string(),
    }
}

fn signing_error(e: SigningError) -> JsValue {
    match e {
        SigningError::InvalidInput {
            field,
            rule,
            message,
        } => JsError::new(ErrorKind::Signing, message)
            .with("field", js_field(&field))
            .with("rule", rule)
            .into(),
        other => JsError::new(ErrorKind::Signing, other.to_string())
            .with("rule", "signer")
            .into(),
    }
}

/// Signs a request. `packed` and `lens` hold its strings (see `Packed`); `body_bytes` is the
/// body when it is bytes (a string body is a piece of `packed`). Without `expires_in_s`, with the
/// signature in headers: returns the headers to add and the hex signature as one text,
/// `name\nvalue\n...\nsignature` (names lower-case; no value can hold a line feed: the core
/// refuses control characters in header values and session tokens). With `expires_in_s`
/// (seconds), presigned (signature in the query string): returns `url\nsignature`.
#[wasm_bindgen(js_name = "sign")]
pub fn sign(
    packed: &str,
    lens: &[u32],
    has_session_token: bool,
    body_bytes: Option<Box<[u8]>>,
    time_ms: f64,
    flags: u32,
    expires_in_s: Option<f64>,
) -> Result<String, JsValue> {
    let p = Packed::split(packed, lens)?;
    let headers = p.headers();
    let credentials = Credentials::new(
        p.get(4),
        p.get(5),
        has_session_token.then(|| p.get(6).to_string()),
    );
    let params = params(&credentials, p.get(2), p.get(3), time_ms, flags)?;
    let body: &[u8] = match &body_bytes {
        Some(bytes) => bytes,
        None => p.get(7).as_bytes(),
    };
    let request = SignableRequest {
        method: p.get(0),
        url: p.get(1),
        headers: &headers,
        payload: if SigningFlag::UnsignedPayload.is_in(flags) {
            Payload::Unsigned
        } else {
            Payload::Bytes(body)
        },
    };
    let Some(expires_in_s) = expires_in_s else {
        let signed = sign_headers(&request, &params).map_err(signing_error)?;
        let mut out = String::with_capacity(512);
        for (name, value) in &signed.headers {
            out.push_str(name);
            out.push('\n');
            out.push_str(value);
            out.push('\n');
        }
        out.push_str(&signed.signature);
        return Ok(out);
    };
    // The core checks the range (1 to 604800 s); this only keeps `Duration` from overflowing.
    if !(expires_in_s.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&expires_in_s)) {
        return Err(range_error(
            "expiresIn",
            "expiresIn must be a number of seconds between 1 and 604800 (7 days)",
        ));
    }
    let presigned = presign_url(&request, &params, Duration::from_secs_f64(expires_in_s))
        .map_err(signing_error)?;
    Ok(format!("{}\n{}", presigned.url, presigned.signature))
}
