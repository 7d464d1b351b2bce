//! # imagebuilder-client
//!
//! An async EC2 Image Builder client that behaves like the AWS SDKs' standard mode:
//!
//! - one method per operation, generated from the model (`client.list_images(input)`,
//!   `client.create_image(input)`, ...; [`OPERATION_METHODS`] lists them), each a call of
//!   [`Client::send`] with that operation's type;
//! - every operation through one engine ([`Client::send`] for the typed operations of
//!   `imagebuilder_core`, [`Client::execute`] for any laid-out request): each attempt signed
//!   anew with SigV4 (`imagebuilder_core::signing`);
//! - retries: 3 attempts, backoff `rand * min(1 s * 2^i, 20 s)`, a 500-token retry quota, on
//!   throttling (HTTP 429 and the throttling codes), 500/502/503/504, service timeouts, network
//!   errors and attempt timeouts; never on validation errors (`imagebuilder_core::retry`);
//!   `amz-sdk-invocation-id` and `amz-sdk-request: attempt=N; max=M` on every attempt;
//! - clock skew: a call refused as skewed/expired/badly signed is retried once with the offset
//!   learnt from the server's `Date`, and later calls keep signing with it;
//! - idempotency: an empty `clientToken` is filled with a UUIDv4 once per call and reused on
//!   every retry;
//! - paginators ([`Client::paginate`], [`Client::paginate_items`], and the generated
//!   `list_images_pages`/`list_images_items` pair per paginated operation) as async streams,
//!   and waiters ([`Client::wait_for`], the image status machine in [`image_wait_state`]);
//! - per-attempt and total timeouts, and cancellation ([`CancelToken`]);
//! - what each call did ([`CallMetadata`]: attempts, time spent backing off, the last status and
//!   request id, the clock offset), told as it happens to an observer
//!   ([`CallOptions::with_observer`], [`CallEvent`]) and kept by a failed call
//!   ([`CallError::metadata`]).
//!
//! Everything the client needs from its environment is a trait ([`Transport`], [`Clock`],
//! [`RandomSource`], [`CredentialsProvider`]). On `wasm32` the crate brings a `fetch` transport
//! (works in browsers, web workers and Node >= 18), a `Date.now()`/`setTimeout` clock and
//! `Math.random`; natively the caller supplies transport and clock (the tests script them).
//!
//! ## Example
//!
//! A client over a transport that answers every request from memory (on wasm32 the fetch
//! transport and the JS clock are the defaults; natively the caller brings both):
//!
//! ```
//! use futures_util::future::{self, LocalBoxFuture};
//! use imagebuilder_client::{
//!     Client, Clock, TransportRequest, TransportResponse, StaticCredentials, Transport, TransportError,
//! };
//! use imagebuilder_core::types;
//! use std::time::Duration;
//!
//! struct OnePage;
//! impl Transport for OnePage {
//!     fn send(&self, request: TransportRequest) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>> {
//!         // Every attempt arrives signed, with the SDKs' retry headers.
//!         assert!(request.header("authorization").unwrap().starts_with("AWS4-HMAC-SHA256 "));
//!         assert_eq!(request.header("amz-sdk-request"), Some("attempt=1; max=3"));
//!         let body = r#"{"requestId":"r-1","imageVersionList":[{"name":"web","version":"1.2.3"}]}"#;
//!         Box::pin(future::ready(Ok(TransportResponse {
//!             status: 200,
//!             headers: vec![("content-type".into(), "application/json".into())],
//!             body: body.as_bytes().to_vec(),
//!         })))
//!     }
//! }
//!
//! struct FixedClock;
//! impl Clock for FixedClock {
//!     fn now_millis(&self) -> u64 { 1_767_225_600_000 } // 2026-01-01T00:00:00Z
//!     fn sleep(&self, _: Duration) -> LocalBoxFuture<'static, ()> { Box::pin(future::ready(())) }
//! }
//!
//! let client = Client::builder()
//!     .region("us-east-1")
//!     .credentials(StaticCredentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
//!     .transport(OnePage)
//!     .clock(FixedClock)
//!     .build()?;
//!
//! let mut input = types::ListImagesRequest::default();
//! input.owner = Some(types::Ownership::SelfValue);
//! input.max_results = Some(25);
//! let page = futures_executor::block_on(client.list_images(input))?;
//! let images = page.image_version_list.unwrap_or_default();
//! assert_eq!(images[0].name.as_deref(), Some("web"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod call;
mod client;
pub mod credentials;
pub mod endpoint;
mod engine;
mod error;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
mod generated;
mod json;
pub mod limits;
mod metadata;
mod paginate;
pub mod runtime;
#[cfg(target_arch = "wasm32")]
mod timers;
mod waiter;

pub use call::CallOptions;
pub use client::{Client, ClientBuilder, ClientConfigError, SIGNING_NAME, USER_AGENT};
pub use credentials::{
    CredentialsError, CredentialsProvider, ProvidedCredentials, RefreshingCredentials,
    StaticCredentials,
};
pub use endpoint::{EndpointConfig, EndpointError};
pub use error::{CallError, CallErrorKind};
pub use generated::OPERATION_METHODS;
pub use metadata::{CallEvent, CallMetadata, CallObserver};
pub use paginate::PageStream;
pub use runtime::{
    CancelToken, Clock, RandomSource, SeededRandom, Transport, TransportError, TransportRequest,
    TransportResponse,
};
pub use waiter::{StatusChange, WaitError, WaitState, WaiterConfig, image_wait_state};
