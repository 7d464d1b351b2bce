//! Error responses: the code, message and request id of a non-2xx response, the way botocore's
//! rest-json parser reads them.
//!
//! - code: the `x-amzn-ErrorType` header, else the body's `code` (or `Code`), else its `__type`,
//!   else the HTTP status as a string; a `:...` suffix (`Code:http://internal...`) and a
//!   `...#` prefix (`aws.protocoltests.restjson#Code`) are stripped.
//! - message: the body's `message`, else `Message`; a body that is not JSON is the message.
//! - request id: `x-amzn-RequestId` (else `x-amz-request-id`).
//! - a 5xx whose body is empty or an HTML page (a proxy's, not the service's): the code is the
//!   status (`"503"`), the message its reason phrase (`Service Unavailable`).

use super::{HttpResponse, ServiceError, ServiceErrorKind};
use serde_json::Value;

/// Strips a `:...` suffix and a `...#` prefix from an error code.
pub(crate) fn sanitize_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim()
}

/// The reason phrase of a 5xx status (what botocore reports as the message of a generic error).
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

/// Parses a non-2xx response into a [`ServiceError`].
pub(crate) fn parse(response: HttpResponse<'_>) -> ServiceError {
    let text = String::from_utf8_lossy(response.body).into_owned();
    let trimmed = text.trim();
    let request_id = response
        .header("x-amzn-RequestId")
        .or_else(|| response.header("x-amz-request-id"))
        .map(str::to_string);
    // A proxy's or load balancer's page (5xx with an empty or HTML body): nothing in it is the
    // service's, so the code is the status and the message its reason phrase, as in botocore.
    if response.status >= 500 && (trimmed.is_empty() || trimmed.starts_with("<html>")) {
        let code = response.status.to_string();
        return ServiceError {
            kind: ServiceErrorKind::from_code(&code),
            code,
            message: reason_phrase(response.status).map(str::to_string),
            request_id,
            status: response.status,
            body: text,
        };
    }
    let (object, not_json) = if trimmed.is_empty() {
        (None, false)
    } else {
        match serde_json::from_slice::<Value>(trimmed.as_bytes()) {
            Ok(Value::Object(map)) => (Some(map), false),
            Ok(_) => (None, false),
            Err(_) => (None, true),
        }
    };
    let field = |names: &[&str]| -> Option<String> {
        let obj = object.as_ref()?;
        names
            .iter()
            .find_map(|n| obj.get(*n).and_then(Value::as_str))
            .map(str::to_string)
    };
    let raw_code = response
        .header("x-amzn-ErrorType")
        .map(str::to_string)
        .or_else(|| field(&["code", "Code"]))
        .or_else(|| field(&["__type"]));
    let code = raw_code
        .as_deref()
        .map(sanitize_code)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| response.status.to_string());
    let message = field(&["message", "Message"]).or_else(|| not_json.then(|| trimmed.to_string()));
    ServiceError {
        kind: ServiceErrorKind::from_code(&code),
        code,
        message,
        request_id,
        status: response.status,
        body: text,
    }
}
