//! The error of a client call: what went wrong, and after how many attempts.

use crate::credentials::CredentialsError;
use crate::endpoint::EndpointError;
use crate::runtime::TransportError;
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
    /// The JSON input could not be laid out as a request (unknown operation, wrong shape).
    JsonRequest {
        /// The operation asked for.
        operation: String,
        /// What the protocol said.
        message: String,
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
    /// A paginator got back the `nextToken` it sent: the service would loop forever.
    PaginationLoop {
        /// The operation.
        operation: &'static str,
        /// Pages received before the loop was seen.
        pages: u32,
    },
}

/// A failed call. [`CallError::attempts`] says how many requests went out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    kind: CallErrorKind,
    attempts: u32,
    retry_quota_exhausted: bool,
}

impl CallError {
    pub(crate) fn new(kind: CallErrorKind, attempts: u32) -> Self {
        Self {
            kind,
            attempts,
            retry_quota_exhausted: false,
        }
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
            CallErrorKind::Validation(v) => {
                write!(f, "invalid input for {}:", v.operation)?;
                for violation in &v.violations {
                    write!(f, " {};", violation.message)?;
                }
                Ok(())
            }
            CallErrorKind::JsonRequest { operation, message } => {
                write!(f, "cannot build a {operation} request: {message}")
            }
            CallErrorKind::Service(e) => {
                write!(f, "{} (HTTP {})", e.code, e.status)?;
                if let Some(m) = &e.message {
                    write!(f, ": {m}")?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " [request id {id}]")?;
                }
                Ok(())
            }
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
                "{operation} returned the nextToken it was given after {pages} pages; stopped paginating"
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

impl std::error::Error for CallError {}
