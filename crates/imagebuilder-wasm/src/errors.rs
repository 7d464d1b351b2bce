//! Errors crossing into JavaScript.
//!
//! Every error is thrown as a JSON object in a string (written by the JS engine's `JSON.stringify`): `kind` (the JS class the glue builds, an
//! [`ErrorKind`] name such as `"ArnError"`), `message`, and the fields of that kind. The glue
//! (`js/errors.js`) parses it into an instance of that class with `$metadata`; `cargo xtask
//! codegen` writes [`ErrorKind::name`]'s values into the package's `ErrorName` type and
//! `ERROR_NAMES` list, and the glue refuses to load if one of them has no class.

use js_sys::{JSON, Object, Reflect};
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

/// An error object under construction: a plain JavaScript object, made JSON text by the JS
/// engine (`JSON.stringify`) when thrown, so that no JSON serializer is linked into the wasm for
/// errors (the validate and lite builds have none at all).
#[derive(Debug)]
pub struct JsError {
    fields: Object,
}

/// A value of an error field: what `JSON.stringify` writes for it. `None` becomes `null`, as a
/// JSON serializer would write it (not `undefined`, which `JSON.stringify` would drop).
pub trait FieldValue {
    /// The value as a JavaScript value.
    fn into_js(self) -> JsValue;
}

impl FieldValue for &str {
    fn into_js(self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl FieldValue for String {
    fn into_js(self) -> JsValue {
        JsValue::from_str(&self)
    }
}

impl FieldValue for bool {
    fn into_js(self) -> JsValue {
        JsValue::from_bool(self)
    }
}

impl FieldValue for JsValue {
    fn into_js(self) -> JsValue {
        self
    }
}

macro_rules! number_field {
    ($($t:ty),*) => {$(
        impl FieldValue for $t {
            fn into_js(self) -> JsValue {
                JsValue::from_f64(self as f64)
            }
        }
    )*};
}
number_field!(u16, u32, i32, usize, f64);

impl<T: FieldValue> FieldValue for Option<T> {
    fn into_js(self) -> JsValue {
        self.map_or(JsValue::NULL, FieldValue::into_js)
    }
}

impl JsError {
    /// An error of kind `kind` with a human-readable `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            fields: Object::new(),
        }
        .with("kind", kind.name())
        .with("message", message.into())
    }

    /// Adds one field.
    pub fn with(self, key: &str, value: impl FieldValue) -> Self {
        // Setting a data property on a plain object cannot fail.
        let _ = Reflect::set(&self.fields, &JsValue::from_str(key), &value.into_js());
        self
    }

    /// Adds a field unless it is already set (or `value` is `None`).
    pub fn with_default<T: FieldValue>(self, key: &str, value: Option<T>) -> Self {
        let key_js = JsValue::from_str(key);
        match value {
            Some(v) if !Reflect::has(&self.fields, &key_js).unwrap_or(true) => {
                let _ = Reflect::set(&self.fields, &key_js, &v.into_js());
                self
            }
            _ => self,
        }
    }

    /// The fields as a plain JavaScript object.
    pub fn into_object(self) -> Object {
        self.fields
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> Self {
        // Stringifying a plain object of strings, numbers, booleans and nulls cannot fail.
        JSON::stringify(&e.fields).map_or(JsValue::NULL, JsValue::from)
    }
}

/// A `TypeError` for arguments of the wrong JavaScript type.
pub fn argument(message: impl Into<String>) -> JsValue {
    JsError::new(ErrorKind::Argument, message).into()
}

/// A JSON value made by the client's JSON path (its violations list): parsed by the JS engine.
#[cfg(feature = "client")]
impl FieldValue for serde_json::Value {
    fn into_js(self) -> JsValue {
        JSON::parse(&self.to_string()).unwrap_or(JsValue::NULL)
    }
}
