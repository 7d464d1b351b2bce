//! The rest-json protocol of EC2 Image Builder: typed inputs to HTTP request parts, HTTP
//! responses to typed outputs or typed errors.
//!
//! This module holds the contract shared by the generated operations, the JSON-in/JSON-out entry
//! point and the client: [`RequestParts`], [`ResponseParts`], [`ServiceError`] and the
//! [`Operation`] trait. No I/O happens here: the client sends the parts and hands the response
//! back.
//!
//! Layout: this file only declares and re-exports; the children import each other directly,
//! never through it, so the modules form no cycle. `parts`, `violation` and `timestamp` are
//! leaves; `validate` (the input walker) and `pattern` (the pattern matcher) read the generated
//! tables through `schema`; `engine` builds on them; `operation` (the traits) and `json` (the
//! JSON entry point) are the two ways in.

pub(crate) mod engine;
mod errors;
pub mod json;
mod operation;
mod parts;
pub(crate) mod pattern;
pub(crate) mod schema;
pub mod server;
mod timestamp;
pub(crate) use timestamp::civil_from_days;
pub(crate) mod validate;
mod violation;

pub use errors::{ResponseError, ServiceError, ServiceErrorKind};
pub use operation::{Operation, Paginated, validate_input};
pub use parts::{RequestParts, ResponseParts};
pub use timestamp::{Timestamp, TimestampError};
pub use violation::{ValidationError, Violation};
