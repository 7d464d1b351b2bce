//! The client, its builder, and the engine every call goes through.

use crate::call::{CallOptions, Typed};
use crate::credentials::CredentialsProvider;
use crate::endpoint::{self, EndpointConfig};
use crate::error::CallError;
use crate::limits::DEFAULT_MAX_RESPONSE_BYTES;
use crate::runtime::{Clock, RandomSource, Transport};
use imagebuilder_core::protocol::Operation;
use imagebuilder_core::retry::{RetryPolicy, RetryQuota};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

/// The signing name of EC2 Image Builder.
pub const SIGNING_NAME: &str = "imagebuilder";

/// What the client calls itself in `X-Amz-User-Agent`.
pub const USER_AGENT: &str = concat!(
    "imagebuilder-wasm/",
    env!("CARGO_PKG_VERSION"),
    " lang/rust"
);

/// Why a [`ClientBuilder`] could not build a client.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientConfigError {
    /// A required part was not given (`credentials`, and natively `transport` and `clock`).
    Missing {
        /// Which part.
        field: &'static str,
    },
    /// The endpoint could not be resolved.
    Endpoint(endpoint::EndpointError),
    /// A setting is out of range.
    Invalid {
        /// Which setting.
        field: &'static str,
        /// Why.
        message: String,
    },
}

impl fmt::Display for ClientConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientConfigError::Missing { field } => {
                write!(f, "the client needs a {field} (set it on the builder)")
            }
            ClientConfigError::Endpoint(e) => e.fmt(f),
            ClientConfigError::Invalid { field, message } => write!(f, "{field}: {message}"),
        }
    }
}

impl std::error::Error for ClientConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientConfigError::Endpoint(e) => Some(e),
            _ => None,
        }
    }
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    region: String,
    endpoint: EndpointConfig,
    credentials: Option<Rc<dyn CredentialsProvider>>,
    transport: Option<Rc<dyn Transport>>,
    clock: Option<Rc<dyn Clock>>,
    random: Option<Rc<dyn RandomSource>>,
    retry: RetryPolicy,
    quota: u32,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_response_bytes: u64,
    app_id: Option<String>,
    custom_user_agent: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("retry", &self.retry)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    fn new() -> Self {
        Self {
            region: String::new(),
            endpoint: EndpointConfig::Aws,
            credentials: None,
            transport: None,
            clock: None,
            random: None,
            retry: RetryPolicy::STANDARD,
            quota: RetryQuota::INITIAL_TOKENS,
            attempt_timeout: None,
            total_timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            app_id: None,
            custom_user_agent: None,
        }
    }

    /// The region (required): signs requests and picks the AWS endpoint.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// The endpoint (default [`EndpointConfig::Aws`]).
    pub fn endpoint(mut self, endpoint: EndpointConfig) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// A custom endpoint URL, e.g. `http://127.0.0.1:8080/emulator/`.
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.endpoint(EndpointConfig::Custom(url.into()))
    }

    /// The credentials provider (required).
    pub fn credentials(mut self, provider: impl CredentialsProvider + 'static) -> Self {
        self.credentials = Some(Rc::new(provider));
        self
    }

    /// The credentials provider, shared.
    pub fn credentials_shared(mut self, provider: Rc<dyn CredentialsProvider>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// The transport (required natively; `fetch` by default on wasm32).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Rc::new(transport));
        self
    }

    /// The transport, shared.
    pub fn transport_shared(mut self, transport: Rc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The clock (required natively; `Date.now()`/`setTimeout` by default on wasm32).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Rc::new(clock));
        self
    }

    /// The clock, shared.
    pub fn clock_shared(mut self, clock: Rc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The random source (default: `Math.random` on wasm32, an entropy-seeded generator
    /// natively).
    pub fn random(mut self, random: impl RandomSource + 'static) -> Self {
        self.random = Some(Rc::new(random));
        self
    }

    /// The retry policy (default [`RetryPolicy::STANDARD`]: 3 attempts).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The retry quota's capacity (default 500 tokens).
    pub fn retry_quota(mut self, tokens: u32) -> Self {
        self.quota = tokens;
        self
    }

    /// Give up on an attempt with no response after `timeout` (and retry it).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Give up on a whole call (attempts and backoff) after `timeout`.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The most bytes a response body may have (default [`DEFAULT_MAX_RESPONSE_BYTES`], 8 MiB):
    /// past it the call ends with `CallErrorKind::ResponseTooLarge`, the rest unread.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// An application id appended to `X-Amz-User-Agent` as `app/<id>`.
    pub fn app_id(mut self, id: impl Into<String>) -> Self {
        self.app_id = Some(id.into());
        self
    }

    /// Text appended to the `X-Amz-User-Agent` the client sends (as the AWS SDKs'
    /// `customUserAgent`): 1 to 256 characters of visible ASCII and spaces.
    pub fn custom_user_agent(mut self, text: impl Into<String>) -> Self {
        self.custom_user_agent = Some(text.into());
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, ClientConfigError> {
        endpoint::check_region(&self.region).map_err(ClientConfigError::Endpoint)?;
        let base_url =
            endpoint::resolve(&self.region, &self.endpoint).map_err(ClientConfigError::Endpoint)?;
        if self.retry.max_attempts == 0 {
            return Err(ClientConfigError::Invalid {
                field: "retry_policy.max_attempts",
                message: "at least 1 attempt is needed".to_string(),
            });
        }
        for (field, t) in [
            ("attempt_timeout", self.attempt_timeout),
            ("total_timeout", self.total_timeout),
        ] {
            if t == Some(Duration::ZERO) {
                return Err(ClientConfigError::Invalid {
                    field,
                    message: "a timeout must be longer than zero".to_string(),
                });
            }
        }
        if self.max_response_bytes == 0 {
            return Err(ClientConfigError::Invalid {
                field: "max_response_bytes",
                message: "the limit must be at least 1 byte".to_string(),
            });
        }
        let bad_app_id = |app: &str| {
            app.is_empty()
                || app.len() > 50
                || !app
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        };
        if self.app_id.as_deref().is_some_and(bad_app_id) {
            return Err(ClientConfigError::Invalid {
                field: "app_id",
                message: "1 to 50 characters of letters, digits and !#$%&'*+-.^_`|~".to_string(),
            });
        }
        let bad_custom = |text: &str| {
            text.trim().is_empty()
                || text.len() > 256
                || !text.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
        };
        if self.custom_user_agent.as_deref().is_some_and(bad_custom) {
            return Err(ClientConfigError::Invalid {
                field: "custom_user_agent",
                message: "1 to 256 characters of visible ASCII and spaces (not only spaces)"
                    .to_string(),
            });
        }
        let credentials = self.credentials.ok_or(ClientConfigError::Missing {
            field: "credentials",
        })?;
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport().ok_or(ClientConfigError::Missing { field: "transport" })?,
        };
        let clock = match self.clock {
            Some(c) => c,
            None => default_clock().ok_or(ClientConfigError::Missing { field: "clock" })?,
        };
        let random = self.random.unwrap_or_else(default_random);
        let mut user_agent = match &self.app_id {
            Some(app) => format!("{USER_AGENT} app/{app}"),
            None => USER_AGENT.to_string(),
        };
        if let Some(custom) = &self.custom_user_agent {
            user_agent.push(' ');
            user_agent.push_str(custom.trim());
        }
        Ok(Client {
            inner: Rc::new(Inner {
                region: self.region,
                base_url,
                credentials,
                transport,
                clock,
                random,
                policy: self.retry,
                quota: RefCell::new(RetryQuota::new(self.quota)),
                attempt_timeout: self.attempt_timeout,
                total_timeout: self.total_timeout,
                max_response_bytes: self.max_response_bytes,
                skew_millis: Cell::new(0),
                user_agent,
            }),
        })
    }
}

#[cfg(target_arch = "wasm32")]
fn default_transport() -> Option<Rc<dyn Transport>> {
    Some(Rc::new(crate::fetch::FetchTransport::new()))
}

#[cfg(not(target_arch = "wasm32"))]
fn default_transport() -> Option<Rc<dyn Transport>> {
    None
}

#[cfg(target_arch = "wasm32")]
fn default_clock() -> Option<Rc<dyn Clock>> {
    Some(Rc::new(crate::fetch::JsClock))
}

#[cfg(not(target_arch = "wasm32"))]
fn default_clock() -> Option<Rc<dyn Clock>> {
    None
}

#[cfg(target_arch = "wasm32")]
fn default_random() -> Rc<dyn RandomSource> {
    Rc::new(crate::fetch::JsRandom)
}

#[cfg(not(target_arch = "wasm32"))]
fn default_random() -> Rc<dyn RandomSource> {
    Rc::new(crate::runtime::SeededRandom::from_entropy())
}

pub(crate) struct Inner {
    pub(crate) region: String,
    pub(crate) base_url: String,
    pub(crate) credentials: Rc<dyn CredentialsProvider>,
    pub(crate) transport: Rc<dyn Transport>,
    pub(crate) clock: Rc<dyn Clock>,
    pub(crate) random: Rc<dyn RandomSource>,
    pub(crate) policy: RetryPolicy,
    pub(crate) quota: RefCell<RetryQuota>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) max_response_bytes: u64,
    pub(crate) skew_millis: Cell<i64>,
    pub(crate) user_agent: String,
}

/// An EC2 Image Builder client. Cheap to clone (clones share the retry quota and the clock
/// offset). Not `Send`: it lives on one thread (the browser's, a worker's, Node's).
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Rc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.base_url)
            .field("retry", &self.inner.policy)
            .field("clock_skew_millis", &self.inner.skew_millis.get())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The resolved base URL (no trailing slash).
    pub fn endpoint(&self) -> &str {
        &self.inner.base_url
    }

    /// The clock offset learnt from the service, in ms added to local time when signing.
    pub fn clock_skew_millis(&self) -> i64 {
        self.inner.skew_millis.get()
    }

    /// Tokens left in the retry quota.
    pub fn retry_quota_available(&self) -> u32 {
        self.inner.quota.borrow().available()
    }

    pub(crate) fn clock(&self) -> &Rc<dyn Clock> {
        &self.inner.clock
    }

    pub(crate) fn random(&self) -> &Rc<dyn RandomSource> {
        &self.inner.random
    }

    /// Calls operation `O`: validates the input, fills an empty `clientToken` with a UUIDv4,
    /// sends with retries, and parses the output. `options`: `()` for none, or [`CallOptions`] /
    /// a [`CancelToken`](crate::CancelToken) to cancel the call.
    pub async fn send<O: Operation>(
        &self,
        input: O::Input,
        options: impl Into<CallOptions>,
    ) -> Result<O::Output, CallError> {
        self.call(&Typed::<O>::new(), input, options.into()).await
    }
}
