//! SigV4 signing: `signRequest` and `presignUrl` over [`imagebuilder_core::signing`].
//!
//! The glue flattens the request into plain arguments (headers as `[name, value, ...]`, options
//! as bit flags) so that one signature costs one boundary crossing and no JSON.

use crate::errors::{JsError, argument};
use imagebuilder_core::signing::{
    Credentials, PathEncoding, Payload, SignableRequest, SigningError, SigningParams, presign_url,
    sign_headers, time_from_unix_millis,
};
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Flag: add and sign `x-amz-content-sha256`.
pub const CONTENT_SHA256_HEADER: u32 = 1;
/// Flag: add the session token after signing instead of signing it.
pub const UNSIGNED_SESSION_TOKEN: u32 = 2;
/// Flag: single (S3-style) path encoding.
pub const SINGLE_PATH_ENCODING: u32 = 4;
/// Flag: don't normalize the canonical path.
pub const NO_PATH_NORMALIZATION: u32 = 8;
/// Flag: `UNSIGNED-PAYLOAD` instead of the body's hash.
pub const UNSIGNED_PAYLOAD: u32 = 16;

/// The request as the glue passes it.
struct Args {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    credentials: Credentials,
}

fn args(
    headers: Vec<String>,
    body: JsValue,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
) -> Result<Args, JsValue> {
    if !headers.len().is_multiple_of(2) {
        return Err(argument("headers must be [name, value] pairs"));
    }
    let mut pairs = Vec::with_capacity(headers.len() / 2);
    let mut it = headers.into_iter();
    while let (Some(name), Some(value)) = (it.next(), it.next()) {
        pairs.push((name, value));
    }
    let body = if body.is_undefined() || body.is_null() {
        Vec::new()
    } else if let Some(text) = body.as_string() {
        text.into_bytes()
    } else if body.is_instance_of::<js_sys::Uint8Array>() {
        js_sys::Uint8Array::from(body).to_vec()
    } else {
        return Err(argument(
            "body must be a string, a Uint8Array, an ArrayBuffer, null or undefined",
        ));
    };
    Ok(Args {
        headers: pairs,
        body,
        credentials: Credentials::new(access_key_id, secret_access_key, session_token),
    })
}

fn params<'a>(
    credentials: &'a Credentials,
    region: &'a str,
    service: &'a str,
    time_ms: f64,
    flags: u32,
) -> Result<SigningParams<'a>, JsValue> {
    if !(time_ms.is_finite() && time_ms >= 0.0) {
        return Err(JsError::new(
            "signing",
            "date must be a valid date at or after 1970-01-01T00:00:00Z",
        )
        .with("field", "date")
        .with("rule", "range")
        .into());
    }
    let mut params = SigningParams::new(
        credentials,
        region,
        service,
        time_from_unix_millis(time_ms as u64),
    );
    params.settings.content_sha256_header = flags & CONTENT_SHA256_HEADER != 0;
    params.settings.sign_session_token = flags & UNSIGNED_SESSION_TOKEN == 0;
    params.settings.normalize_path = flags & NO_PATH_NORMALIZATION == 0;
    if flags & SINGLE_PATH_ENCODING != 0 {
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
        } => JsError::new("signing", message)
            .with("field", js_field(&field))
            .with("rule", rule)
            .into(),
        other => JsError::new("signing", other.to_string())
            .with("rule", "signer")
            .into(),
    }
}

/// Signs a request with the signature in headers. Returns the headers to add, flattened:
/// `[name, value, ..., signature]` (names lower-case; the last element is the hex signature).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = "signHeaders")]
pub fn sign(
    method: &str,
    url: &str,
    headers: Vec<String>,
    body: JsValue,
    region: &str,
    service: &str,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    time_ms: f64,
    flags: u32,
) -> Result<Vec<String>, JsValue> {
    let a = args(
        headers,
        body,
        access_key_id,
        secret_access_key,
        session_token,
    )?;
    let params = params(&a.credentials, region, service, time_ms, flags)?;
    let request = SignableRequest {
        method,
        url,
        headers: &a.headers,
        payload: payload(&a.body, flags),
    };
    let signed = sign_headers(&request, &params).map_err(signing_error)?;
    let mut out = Vec::with_capacity(signed.headers.len() * 2 + 1);
    for (name, value) in signed.headers {
        out.push(name);
        out.push(value);
    }
    out.push(signed.signature);
    Ok(out)
}

fn payload(body: &[u8], flags: u32) -> Payload<'_> {
    if flags & UNSIGNED_PAYLOAD != 0 {
        Payload::Unsigned
    } else {
        Payload::Bytes(body)
    }
}

/// Presigns a request (signature in the query string) valid for `expires_in_s` seconds. Returns
/// `[url, signature]`.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = "presign")]
pub fn presign(
    method: &str,
    url: &str,
    headers: Vec<String>,
    body: JsValue,
    region: &str,
    service: &str,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    time_ms: f64,
    flags: u32,
    expires_in_s: f64,
) -> Result<Vec<String>, JsValue> {
    let a = args(
        headers,
        body,
        access_key_id,
        secret_access_key,
        session_token,
    )?;
    let params = params(&a.credentials, region, service, time_ms, flags)?;
    // `try_from`: 1e300 seconds overflows a `Duration` (from_secs_f64 would panic).
    let Ok(expires_in) = Duration::try_from_secs_f64(expires_in_s) else {
        return Err(JsError::new(
            "signing",
            "expiresIn must be a number of seconds between 1 and 604800 (7 days)",
        )
        .with("field", "expiresIn")
        .with("rule", "range")
        .into());
    };
    let request = SignableRequest {
        method,
        url,
        headers: &a.headers,
        payload: payload(&a.body, flags),
    };
    let presigned = presign_url(&request, &params, expires_in).map_err(signing_error)?;
    Ok(vec![presigned.url, presigned.signature])
}
