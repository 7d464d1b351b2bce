//! # imagebuilder-core
//!
//! The pure heart of the EC2 Image Builder toolkit: everything that can be known about a request
//! or a response without touching the network, a clock or a random number generator.
//!
//! - [`version`]: Image Builder semantic versions (`1.2.3`, `1.2.3/4`) and `x` wildcard filters.
//! - [`arn`]: Image Builder ARNs: parse, classify, validate against an operation's shape, convert.
//!
//! The crate builds for native targets and for `wasm32-unknown-unknown`; it never depends on
//! `wasm-bindgen`, `js-sys`, `web-sys`, an HTTP library or an async runtime (checked by
//! `cargo xtask test`). Time and randomness, where needed, are passed in by the caller.
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod protocol;
pub mod retry;
pub mod signing;
