//! Errors crossing into JavaScript.
//!
//! Every error is thrown as a JSON object in a string: `kind` (which JS error class the glue
//! builds: `arn`, `version`, `signing`, `validation`, `service`, `network`, `response`, `waiter`,
//! `abort`, or `argument` for a `TypeError`), `message`, and the fields of that kind. The glue (`js/errors.js`) parses it into an instance of
//! the matching `Error` subclass with `$metadata`.

use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

/// A JSON error object under construction.
#[derive(Debug)]
pub struct JsError {
    fields: Map<String, Value>,
}

impl JsError {
    /// An error of kind `kind` with a human-readable `message`.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        let mut fields = Map::new();
        fields.insert("kind".to_string(), Value::String(kind.to_string()));
        fields.insert("message".to_string(), Value::String(message.into()));
        Self { fields }
    }

    /// Adds one field.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.to_string(), value.into());
        self
    }

    /// The JSON text thrown into JavaScript.
    pub fn to_json(&self) -> String {
        Value::Object(self.fields.clone()).to_string()
    }
}

impl From<JsError> for JsValue {
    fn from(e: JsError) -> Self {
        JsValue::from_str(&e.to_json())
    }
}

/// A `TypeError`-like error for arguments of the wrong JavaScript type.
pub fn argument(message: impl Into<String>) -> JsValue {
    JsError::new("argument", message).into()
}
