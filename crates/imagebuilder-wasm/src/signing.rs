//! SigV4 signing: the glue's `signRequest` and `presignUrl`, both over one export ([`sign`]) and
//! [`imagebuilder_core::signing`].
//!
//! The glue flattens the request into plain arguments (headers as `[name, value, ...]`, options
//! as [`SigningFlag`] bits) so that one signature costs one boundary crossing and no JSON.

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

fn headers(flat: Vec<String>) -> Result<Vec<(String, String)>, JsValue> {
    if !flat.len().is_multiple_of(2) {
        return Err(argument("headers must be [name, value] pairs"));
    }
    let mut pairs = Vec::with_capacity(flat.len() / 2);
    let mut it = flat.into_iter();
    while let (Some(name), Some(value)) = (it.next(), it.next()) {
        pairs.push((name, value));
    }
    Ok(pairs)
}

fn body(body: JsValue) -> Result<Vec<u8>, JsValue> {
    if body.is_undefined() || body.is_null() {
        Ok(Vec::new())
    } else if let Some(text) = body.as_string() {
        Ok(text.into_bytes())
    } else if body.is_instance_of::<js_sys::Uint8Array>() {
        Ok(js_sys::Uint8Array::from(body).to_vec())
    } else {
        Err(argument(
            "body must be a string, a Uint8Array, an ArrayBuffer, null or undefined",
        ))
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

/// Signs a request. Without `expires_in_s`, with the signature in headers: returns the headers
/// to add, flattened, then the hex signature: `[name, value, ..., signature]` (names
/// lower-case). With `expires_in_s` (seconds), presigned (signature in the query string):
/// returns `[url, signature]`.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = "sign")]
pub fn sign(
    method: &str,
    url: &str,
    header_list: Vec<String>,
    body_value: JsValue,
    region: &str,
    service: &str,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    time_ms: f64,
    flags: u32,
    expires_in_s: Option<f64>,
) -> Result<Vec<String>, JsValue> {
    let headers = headers(header_list)?;
    let body = body(body_value)?;
    let credentials = Credentials::new(access_key_id, secret_access_key, session_token);
    let params = params(&credentials, region, service, time_ms, flags)?;
    let request = SignableRequest {
        method,
        url,
        headers: &headers,
        payload: if SigningFlag::UnsignedPayload.is_in(flags) {
            Payload::Unsigned
        } else {
            Payload::Bytes(&body)
        },
    };
    let Some(expires_in_s) = expires_in_s else {
        let signed = sign_headers(&request, &params).map_err(signing_error)?;
        let mut out = Vec::with_capacity(signed.headers.len() * 2 + 1);
        for (name, value) in signed.headers {
            out.push(name);
            out.push(value);
        }
        out.push(signed.signature);
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
    Ok(vec![presigned.url, presigned.signature])
}
