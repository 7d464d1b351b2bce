//! The error of a client call: what went wrong, and after how many attempts.

use crate::credentials::CredentialsError;
use crate::endpoint::EndpointError;
use crate::metadata::CallMetadata;
use crate::runtime::TransportError;
use imagebuilder_core::protocol::json::JsonRequestError;
use imagebuilder_core::protocol::{ServiceError, ValidationError};
use imagebuilder_core::signing::SigningError;
use std::fmt;
use std::time::Duration;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallErrorKind {
    /// The input broke the model's rules; nothing was sent.
    Validation(ValidationError),
    /// The JSON input could not be laid out as a request (unknown operation, not an object, not
    /// a paginated operation).
    JsonRequest {
        /// The operation asked for.
        operation: String,
        /// Why, as the protocol said.
        error: JsonRequestError,
    },
    /// The service answered with an error (the last attempt's, when retried).
    Service(ServiceError),
    /// A 2xx response whose body is not the operation's output.
    MalformedResponse {
        /// The status.
        status: u16,
        /// What was wrong.
        message: String,
    },
    /// The last attempt got no response at all.
    Transport(TransportError),
    /// The last attempt got no response within the per-attempt timeout.
    AttemptTimeout {
        /// The configured per-attempt timeout.
        timeout: Duration,
    },
    /// The whole call (all attempts and backoff) exceeded its total timeout.
    TotalTimeout {
        /// The configured total timeout.
        timeout: Duration,
    },
    /// The call was cancelled through its [`CancelToken`](crate::CancelToken).
    Cancelled,
    /// No usable credentials.
    Credentials(CredentialsError),
    /// The request could not be signed.
    Signing(SigningError),
    /// No endpoint could be resolved.
    Endpoint(EndpointError),
    /// A paginator got back a `nextToken` it had already sent (A, B, A...): the service would
    /// loop forever.
    PaginationLoop {
        /// The operation.
        operation: &'static str,
        /// Pages received before the loop was seen.
        pages: u32,
    },
    /// The service answered with a redirect (3xx). AWS never redirects these calls: it is not
    /// followed (the signed request goes nowhere else) and not retried.
    Redirect {
        /// The status; `0` for the browser's opaque redirect (its status and `Location` hidden).
        status: u16,
        /// The `Location` header, when the transport could read it.
        location: Option<String>,
    },
    /// The response body was longer than the client's limit; reading stopped there.
    ResponseTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

/// A failed call. [`CallError::attempts`] says how many requests went out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    kind: CallErrorKind,
    attempts: u32,
    retry_quota_exhausted: bool,
    metadata: Box<CallMetadata>,
}

impl CallError {
    pub(crate) fn new(kind: CallErrorKind, attempts: u32) -> Self {
        Self {
            kind,
            attempts,
            retry_quota_exhausted: false,
            metadata: Box::new(CallMetadata {
                attempts,
                ..CallMetadata::default()
            }),
        }
    }

    /// This error with the call's metadata (its attempts stay the error's).
    pub(crate) fn with_metadata(mut self, metadata: CallMetadata) -> Self {
        *self.metadata = CallMetadata {
            attempts: self.attempts,
            ..metadata
        };
        self
    }

    pub(crate) fn quota_exhausted(mut self) -> Self {
        self.retry_quota_exhausted = true;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &CallErrorKind {
        &self.kind
    }

    /// Takes the kind out.
    pub fn into_kind(self) -> CallErrorKind {
        self.kind
    }

    /// How many attempts were sent (0 when the call failed before sending anything).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What the call did before it failed: attempts, time spent backing off, the last
    /// response's status and request id, the clock offset.
    pub fn metadata(&self) -> &CallMetadata {
        &self.metadata
    }

    /// Whether the last failure would have been retried but the client's retry quota could not
    /// pay for it.
    pub fn retry_quota_exhausted(&self) -> bool {
        self.retry_quota_exhausted
    }

    /// The service's error, when the call ended with one.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match &self.kind {
            CallErrorKind::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error code (`ResourceNotFoundException`, ...), when there is one.
    pub fn code(&self) -> Option<&str> {
        self.service_error().map(|e| e.code.as_str())
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            CallErrorKind::Validation(v) => write!(f, "invalid input for {v}"),
            CallErrorKind::JsonRequest { operation, error } => {
                write!(f, "cannot build a {operation} request: {error}")
            }
            CallErrorKind::Service(e) => e.fmt(f),
            CallErrorKind::MalformedResponse { status, message } => {
                write!(f, "malformed response (HTTP {status}): {message}")
            }
            CallErrorKind::Transport(e) => write!(f, "{e}"),
            CallErrorKind::AttemptTimeout { timeout } => {
                write!(f, "no response within {} ms", timeout.as_millis())
            }
            CallErrorKind::TotalTimeout { timeout } => {
                write!(f, "the call took longer than {} ms", timeout.as_millis())
            }
            CallErrorKind::Cancelled => f.write_str("the call was cancelled"),
            CallErrorKind::Credentials(e) => write!(f, "{e}"),
            CallErrorKind::Signing(e) => write!(f, "{e}"),
            CallErrorKind::Endpoint(e) => write!(f, "{e}"),
            CallErrorKind::PaginationLoop { operation, pages } => write!(
                f,
                "{operation} returned a nextToken it was given before, after {pages} pages; stopped paginating"
            ),
            CallErrorKind::Redirect { status, location } => {
                match status {
                    0 => f.write_str("the server answered with a redirect (opaque)")?,
                    s => write!(f, "the server answered with a redirect (HTTP {s})")?,
                }
                if let Some(l) = location {
                    write!(f, " to {l}")?;
                }
                f.write_str("; redirects are never followed")
            }
            CallErrorKind::ResponseTooLarge { limit } => write!(
                f,
                "the response body is larger than the limit of {limit} bytes; stopped reading"
            ),
        }?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        if self.retry_quota_exhausted {
            f.write_str(" (retry quota exhausted)")?;
        }
        Ok(())
    }
}

impl std::error::Error for CallError {
    /// The error this one wraps: the validation, JSON-request, service, transport, credentials,
    /// signing or endpoint error, when the call ended with one.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            CallErrorKind::Validation(e) => Some(e),
            CallErrorKind::JsonRequest { error, .. } => Some(error),
            CallErrorKind::Service(e) => Some(e),
            CallErrorKind::Transport(e) => Some(e),
            CallErrorKind::Credentials(e) => Some(e),
            CallErrorKind::Signing(e) => Some(e),
            CallErrorKind::Endpoint(e) => Some(e),
            _ => None,
        }
    }
}
