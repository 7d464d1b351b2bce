//! The rest-json protocol of EC2 Image Builder: typed inputs to HTTP request parts, HTTP
//! responses to typed outputs or typed errors.
//!
//! This module holds the contract shared by the generated operations, the JSON-in/JSON-out entry
//! point and the client: [`RequestParts`], [`HttpResponse`], [`ServiceError`] and the
//! [`Operation`] trait. No I/O happens here: the client sends the parts and hands the response
//! back.

pub(crate) mod engine;
mod errors;
pub mod json;
pub(crate) mod schema;
pub mod server;
mod timestamp;

pub use timestamp::{Timestamp, TimestampError};

use std::fmt;

/// An HTTP request as the protocol lays it out, before signing and before an endpoint is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RequestParts {
    /// `GET`, `PUT`, `POST`, `PATCH` or `DELETE`.
    pub method: &'static str,
    /// The path, starting with `/`, with `{label}`s already percent-encoded (RFC 3986
    /// unreserved characters are kept, everything else, `/` included, is encoded).
    pub path: String,
    /// Query string members as decoded `(name, value)` pairs, in model order; encode them when
    /// building a URL (see [`RequestParts::query_string`]).
    pub query: Vec<(String, String)>,
    /// Header members and `Content-Type` (when a body goes), as `(lower-case name, value)`.
    pub headers: Vec<(String, String)>,
    /// The JSON body, when the operation has body members (an empty object `{}` when it has
    /// body members but none is set, as the AWS SDKs send).
    pub body: Option<Vec<u8>>,
}

impl RequestParts {
    /// The query string (without `?`): each pair percent-encoded (RFC 3986 unreserved
    /// characters kept) as `name=value`, joined by `&`, in [`query`](Self::query) order.
    pub fn query_string(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.query.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            engine::percent_encode_into(&mut out, name, false);
            out.push('=');
            engine::percent_encode_into(&mut out, value, false);
        }
        out
    }
}

/// An HTTP response handed to the protocol for parsing.
#[derive(Debug, Clone, Copy)]
pub struct HttpResponse<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (names in any case).
    pub headers: &'a [(String, String)],
    /// The response body.
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

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

impl std::error::Error for ResponseError {}

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

/// One broken rule of an input, with the path of the member that broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// Path of the member, e.g. `distributions[0].amiDistributionConfiguration.name`.
    pub path: String,
    /// Which rule: `required`, `length`, `range`, `enum`, `pattern`, `arn`, `version`, ...
    pub rule: &'static str,
    /// A sentence naming the member, the rule and the offending value's problem.
    pub message: String,
}

/// Every violation of an operation's input, in member order. Never empty when returned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationError {
    /// The operation whose input was checked.
    pub operation: &'static str,
    /// All violations found.
    pub violations: Vec<Violation>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for ValidationError {
    /// `Operation: path: message; path: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.operation)?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Checks a typed input against the model without laying out a request: every violation, as
/// [`Operation::request`] would report them.
///
/// ```
/// use imagebuilder_core::generated::{operations::ListImages, types::ListImagesRequest};
/// use imagebuilder_core::protocol::validate_input;
///
/// let mut input = ListImagesRequest::default();
/// input.max_results = Some(500);
/// let err = validate_input::<ListImages>(&input).unwrap_err();
/// assert_eq!(err.violations[0].message, "maxResults: must be between 1 and 100, got 500");
/// ```
pub fn validate_input<O: Operation>(input: &O::Input) -> Result<(), ValidationError>
where
    O::Input: serde::Serialize,
{
    let Some(op) = engine::find(O::NAME) else {
        return Err(ValidationError {
            operation: O::NAME,
            violations: vec![Violation {
                path: String::new(),
                rule: "unknown",
                message: format!("{}: not an operation of the model", O::NAME),
            }],
        });
    };
    engine::typed_validate(op, input)
}

/// A typed operation of the service. Implemented by every generated operation.
pub trait Operation {
    /// The operation's model name, e.g. `ListImages`.
    const NAME: &'static str;
    /// The input shape.
    type Input;
    /// The output shape.
    type Output;
    /// Validates `input` against the model and lays it out as an HTTP request.
    fn request(input: &Self::Input) -> Result<RequestParts, ValidationError>;
    /// Parses a response: 2xx into the output, anything else into a [`ServiceError`].
    fn response(response: HttpResponse<'_>) -> Result<Self::Output, ResponseError>;
    /// The input's idempotency token member (`clientToken`), for operations that have one.
    fn client_token(input: &mut Self::Input) -> Option<&mut Option<String>> {
        let _ = input;
        None
    }
}

/// An operation with a paginator in the model (`paginators-1.json`).
pub trait Paginated: Operation {
    /// One element of the result list (`result_key`).
    type Item;
    /// Sets `nextToken` on the input for the next page.
    fn set_next_token(input: &mut Self::Input, token: Option<String>);
    /// The output's `nextToken`, `None` (or empty) on the last page.
    fn next_token(output: &Self::Output) -> Option<&str>;
    /// Takes the page's items out of the output.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}
