//! Errors crossing into JavaScript.
//!
//! Every error is thrown as a JSON object in a string: `kind` (the JS class the glue builds, an
//! [`ErrorKind`] name such as `"ArnError"`), `message`, and the fields of that kind. The glue
//! (`js/errors.js`) parses it into an instance of that class with `$metadata`; `cargo xtask
//! codegen` writes [`ErrorKind::name`]'s values into the package's `ErrorName` type and
//! `ERROR_NAMES` list, and the glue refuses to load if one of them has no class.

use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

/// Which JavaScript error class an error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An ARN that breaks a rule.
    Arn,
    /// A version string that breaks a rule.
    Version,
    /// A request that cannot be signed.
    Signing,
    /// An operation input that breaks the model's constraints.
    Validation,
    /// An error answered by the service.
    Service,
    /// No HTTP response.
    Network,
    /// No response in time.
    Timeout,
    /// A response that is not the operation's output.
    Response,
    /// A waiter that ended without success.
    Waiter,
    /// A call cancelled through its `AbortSignal`.
    Abort,
    /// No usable credentials.
    Credentials,
    /// A client configuration that cannot work.
    Config,
    /// An argument of the wrong JavaScript type.
    Argument,
    /// Any other client failure.
    Client,
}

impl ErrorKind {
    /// The JavaScript class name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Arn => "ArnError",
            Self::Version => "VersionError",
            Self::Signing => "SigningError",
            Self::Validation => "ValidationError",
            Self::Service => "ServiceError",
            Self::Network => "NetworkError",
            Self::Timeout => "TimeoutError",
            Self::Response => "ResponseError",
            Self::Waiter => "WaiterError",
            Self::Abort => "AbortError",
            Self::Credentials => "CredentialsError",
            Self::Config => "ConfigError",
            Self::Argument => "TypeError",
            Self::Client => "ImageBuilderError",
        }
    }
}

/// A JSON error object under construction.
#[derive(Debug)]
pub struct JsError {
    fields: Map<String, Value>,
}

impl JsError {
    /// An error of kind `kind` with a human-readable `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let mut fields = Map::new();
        fields.insert("kind".to_string(), Value::String(kind.name().to_string()));
        fields.insert("message".to_string(), Value::String(message.into()));
        Self { fields }
    }

    /// Adds one field.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.to_string(), value.into());
        self
    }

    /// Adds a field unless it is already set (or `value` is null).
    pub fn with_default(mut self, key: &str, value: impl Into<Value>) -> Self {
        let value = value.into();
        if !value.is_null() && !self.fields.contains_key(key) {
            self.fields.insert(key.to_string(), value);
        }
        self
    }

    /// The fields as a JSON value.
    pub fn into_value(self) -> Value {
        Value::Object(self.fields)
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> Self {
        JsValue::from_str(&e.into_value().to_string())
    }
}

/// A `TypeError` for arguments of the wrong JavaScript type.
pub fn argument(message: impl Into<String>) -> JsValue {
    JsError::new(ErrorKind::Argument, message).into()
}
