//! # imagebuilder-core
//!
//! The pure heart of the EC2 Image Builder toolkit: everything that can be known about a request
//! or a response without touching the network, a clock or a random number generator.
//!
//! - [`version`]: Image Builder semantic versions (`1.2.3`, `1.2.3/4`) and `x` wildcard filters.
//! - [`arn`]: Image Builder ARNs: parse, classify, validate against an operation's shape, convert.
//! - [`generated`]: every shape and operation of the service model (`cargo xtask codegen`).
//! - [`protocol`]: rest-json: typed or JSON inputs to request parts, responses to outputs or
//!   [`protocol::ServiceError`]; [`protocol::json`] is the JSON-in/JSON-out entry point.
//! - [`validate`]: the pattern matcher behind the generated input validation.
//! - [`signing`]: SigV4 through `aws-sigv4`, with an explicit time.
//! - [`verify`]: SigV4 verification for a server (recompute, constant-time compare, skew window).
//! - [`retry`]: the AWS SDKs' standard retry mode as pure arithmetic.
//!
//! The crate builds for native targets and for `wasm32-unknown-unknown`; it never depends on
//! `wasm-bindgen`, `js-sys`, `web-sys`, an HTTP library or an async runtime (checked by
//! `cargo xtask test`). Time and randomness, where needed, are passed in by the caller.
//!
//! ## Example: versions and ARNs, offline
//!
//! ```
//! use imagebuilder_core::arn::{self, ArnVersionKind, ImageBuilderArn};
//! use imagebuilder_core::version::{self, BuildVersion, VersionFilter};
//!
//! // Which build does a recipe's `1.x.x` parent image resolve to?
//! let builds: Vec<BuildVersion> =
//!     ["1.9.0/1", "1.10.0/1", "1.10.0/2", "2.0.0/1"].iter().map(|s| s.parse()).collect::<Result<_, _>>()?;
//! let filter: VersionFilter = "1.x.x".parse()?;
//! let latest = version::latest_matching(&filter, &builds).copied();
//! assert_eq!(latest.map(|b| b.to_string()).as_deref(), Some("1.10.0/2"));
//!
//! // Parse an ARN, classify it, and move between its forms.
//! let parent = ImageBuilderArn::parse("arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x")?;
//! assert_eq!(parent.kind(), ArnVersionKind::WildcardVersion);
//! let resolved = parent.with_version(latest.expect("1.x.x matches"))?;
//! assert_eq!(
//!     resolved.to_string(),
//!     "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/1.10.0/2"
//! );
//! assert!(arn::validate_for("ImageBuildVersionArn", &resolved.to_string()).is_ok());
//!
//! // Errors name the field, the rule and the byte offset.
//! let err = arn::validate_for("ImageRecipeArn", "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.x.2")
//!     .unwrap_err();
//! assert_eq!(err.to_string(),
//!     "invalid ARN at byte 65 (version): every node to the right of the first x wildcard must also be x [WildcardFollowedByNumber]");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod arn;
pub mod generated;
pub mod protocol;
pub mod retry;
pub mod signing;
pub mod validate;
pub mod verify;
pub mod version;
