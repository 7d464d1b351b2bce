//! The service errors the emulator answers with (code + message; the core lays them out).

use std::fmt;

/// An error answered to the caller: an AWS error code and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The AWS error code, e.g. `ResourceNotFoundException`.
    pub code: &'static str,
    /// The message.
    pub message: String,
}

impl ApiError {
    /// `code` with `message`.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// `ResourceNotFoundException` for `what` (`image`, `image recipe`, ...) named `arn`.
    pub fn not_found(what: &str, arn: &str) -> Self {
        Self::new(
            "ResourceNotFoundException",
            format!("The {what} {arn} does not exist."),
        )
    }

    /// `ResourceInUseException` with `message`.
    pub fn in_use(message: impl Into<String>) -> Self {
        Self::new("ResourceInUseException", message)
    }

    /// `InvalidRequestException` with `message`.
    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new("InvalidRequestException", message)
    }

    /// `ServiceException` for a storage failure (the details stay in the server's log).
    pub fn storage(e: &crate::store::StoreError) -> Self {
        eprintln!("imagebuilder-server: storage failure: {e}");
        Self::new(
            "ServiceException",
            "The emulator could not save the change; see the server's log.",
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
