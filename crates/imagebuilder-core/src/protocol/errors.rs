//! The protocol's errors ([`ServiceError`], [`ServiceErrorKind`], [`ResponseError`]) and how an
//! error response is read: the code, message and request id of a non-2xx response, the way
//! botocore's rest-json parser reads them.
//!
//! - code: the `x-amzn-ErrorType` header, else the body's `code` (or `Code`), else its `__type`,
//!   else the HTTP status as a string; a `:...` suffix (`Code:http://internal...`) and a
//!   `...#` prefix (`aws.protocoltests.restjson#Code`) are stripped.
//! - message: the body's `message`, else `Message`; a body that is not JSON is the message.
//! - request id: `x-amzn-RequestId` (else `x-amz-request-id`).
//! - a 5xx whose body is empty or an HTML page (a proxy's, not the service's): the code is the
//!   status (`"503"`), the message its reason phrase (`Service Unavailable`).

use super::parts::ResponseParts;
use serde_json::Value;
use std::fmt;

/// A modelled or unknown error answered by the service, parsed from an HTTP response.
///
/// `code` comes from `x-amzn-ErrorType` or the body's `__type`/`code` (any `:...` suffix and
/// `...#` prefix stripped), `message` from the body's `message`/`Message`, `request_id` from
/// `x-amzn-RequestId`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// Which modelled exception this is (or [`ServiceErrorKind::Unknown`]).
    pub kind: ServiceErrorKind,
    /// The error code exactly as the service named it (after stripping), e.g.
    /// `ResourceNotFoundException`, `ThrottlingException`.
    pub code: String,
    /// The human-readable message, when the service sent one.
    pub message: Option<String>,
    /// The request id (`x-amzn-RequestId`), when the service sent one.
    pub request_id: Option<String>,
    /// The HTTP status code.
    pub status: u16,
    /// The raw response body (lossy UTF-8), kept for errors nobody modelled.
    pub body: String,
}

/// The modelled exceptions of EC2 Image Builder, plus `Unknown` for any other code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum ServiceErrorKind {
    AccessDeniedException,
    CallRateLimitExceededException,
    ClientException,
    DryRunOperationException,
    ForbiddenException,
    IdempotentParameterMismatchException,
    InvalidPaginationTokenException,
    InvalidParameterCombinationException,
    InvalidParameterException,
    InvalidParameterValueException,
    InvalidRequestException,
    InvalidVersionNumberException,
    ResourceAlreadyExistsException,
    ResourceDependencyException,
    ResourceInUseException,
    ResourceNotFoundException,
    ServiceException,
    ServiceQuotaExceededException,
    ServiceUnavailableException,
    TooManyRequestsException,
    /// A code the model does not list (e.g. `ThrottlingException`, `InvalidSignatureException`).
    Unknown,
}

impl ServiceErrorKind {
    /// The kind an error code names (after stripping), [`Unknown`](Self::Unknown) for codes
    /// the model does not list.
    pub fn from_code(code: &str) -> Self {
        crate::generated::tables::error_kind(code)
    }

    /// The exception's model name (`"Unknown"` for [`Unknown`](Self::Unknown)).
    pub fn as_str(&self) -> &'static str {
        crate::generated::tables::EXCEPTIONS
            .iter()
            .map(|(name, _)| *name)
            .find(|name| crate::generated::tables::error_kind(name) == *self)
            .unwrap_or("Unknown")
    }

    /// The HTTP status the model gives this exception (`None` for
    /// [`Unknown`](Self::Unknown)).
    pub fn http_status(&self) -> Option<u16> {
        crate::generated::tables::EXCEPTIONS
            .iter()
            .find(|(name, _)| crate::generated::tables::error_kind(name) == *self)
            .map(|(_, status)| *status)
    }

    /// Every modelled exception name, in model order.
    pub fn modelled() -> impl Iterator<Item = &'static str> {
        crate::generated::tables::EXCEPTIONS
            .iter()
            .map(|(name, _)| *name)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {})", self.code, self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Service(e) => e.fmt(f),
            Self::Malformed { status, message } => {
                write!(f, "malformed response (HTTP {status}): {message}")
            }
            Self::UnknownOperation(name) => {
                write!(f, "unknown operation `{name}` (not in the model)")
            }
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Service(e) => Some(e),
            _ => None,
        }
    }
}

/// Why a response could not be turned into an output.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseError {
    /// The service answered with an error (any non-2xx status).
    Service(ServiceError),
    /// A 2xx response whose body is not the output shape.
    Malformed {
        /// The HTTP status code.
        status: u16,
        /// What was wrong, with the JSON path where known.
        message: String,
    },
    /// The JSON entry point was given an operation name the model does not have.
    UnknownOperation(String),
}

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
pub(crate) fn parse(response: ResponseParts<'_>) -> ServiceError {
    let text = String::from_utf8_lossy(response.body).into_owned();
    let trimmed = text.trim();
    let request_id = response.request_id().map(str::to_string);
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
