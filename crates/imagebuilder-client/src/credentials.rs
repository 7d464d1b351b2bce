//! Where the client's credentials come from: static keys (optionally temporary, with a session
//! token and an expiry) or a refresh hook the client calls when they are about to expire.

use futures_util::future::LocalBoxFuture;
use imagebuilder_core::signing::Credentials;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

/// Credentials together with when they stop working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvidedCredentials {
    /// The keys (and session token). Their `Debug` redacts the secrets.
    pub credentials: Credentials,
    /// When they expire, in milliseconds since the Unix epoch; `None` for long-term keys.
    pub expires_at_millis: Option<u64>,
}

impl ProvidedCredentials {
    /// Long-term keys that never expire.
    pub fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            expires_at_millis: None,
        }
    }

    /// Temporary keys valid until `expires_at_millis`.
    pub fn expiring(credentials: Credentials, expires_at_millis: u64) -> Self {
        Self {
            credentials,
            expires_at_millis: Some(expires_at_millis),
        }
    }

    /// Whether they are expired at `now_millis`, or will be within `margin`.
    pub fn expires_within(&self, now_millis: u64, margin: Duration) -> bool {
        let margin = u64::try_from(margin.as_millis()).unwrap_or(u64::MAX);
        self.expires_at_millis
            .is_some_and(|at| now_millis.saturating_add(margin) >= at)
    }
}

/// Why no usable credentials could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// The static credentials expired and there is no way to refresh them.
    Expired {
        /// When they expired (ms since the epoch).
        expired_at_millis: u64,
    },
    /// The refresh hook failed; its message.
    Refresh {
        /// What the hook said.
        message: String,
    },
    /// The refresh hook returned credentials that are already expired.
    RefreshedExpired,
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::Expired { expired_at_millis } => write!(
                f,
                "the credentials expired at {expired_at_millis} ms since the epoch and cannot be refreshed"
            ),
            CredentialsError::Refresh { message } => {
                write!(f, "refreshing the credentials failed: {message}")
            }
            CredentialsError::RefreshedExpired => {
                f.write_str("the credentials refresh hook returned expired credentials")
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

/// Supplies credentials for each attempt (each attempt is signed anew).
pub trait CredentialsProvider {
    /// Credentials valid at `now_millis`.
    fn provide(
        &self,
        now_millis: u64,
    ) -> LocalBoxFuture<'_, Result<ProvidedCredentials, CredentialsError>>;
}

/// Fixed credentials. Temporary ones stop working at their expiry
/// ([`CredentialsError::Expired`]).
#[derive(Debug, Clone)]
pub struct StaticCredentials {
    provided: ProvidedCredentials,
}

impl StaticCredentials {
    /// Long-term access keys, or temporary keys with a session token and no known expiry.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        let credentials = Credentials::new(access_key_id, secret_access_key, session_token);
        Self::from_provided(ProvidedCredentials::new(credentials))
    }

    /// Any [`ProvidedCredentials`], e.g. temporary keys with their expiry.
    pub fn from_provided(provided: ProvidedCredentials) -> Self {
        Self { provided }
    }
}

impl CredentialsProvider for StaticCredentials {
    fn provide(
        &self,
        now_millis: u64,
    ) -> LocalBoxFuture<'_, Result<ProvidedCredentials, CredentialsError>> {
        let result = match self.provided.expires_at_millis {
            Some(at) if now_millis >= at => Err(CredentialsError::Expired {
                expired_at_millis: at,
            }),
            _ => Ok(self.provided.clone()),
        };
        Box::pin(async move { result })
    }
}

/// The refresh hook of [`RefreshingCredentials`].
pub type RefreshHook =
    Rc<dyn Fn() -> LocalBoxFuture<'static, Result<ProvidedCredentials, CredentialsError>>>;

/// Credentials fetched by a hook (e.g. a call to your backend that returns STS keys), cached
/// and fetched again when they are within [`RefreshingCredentials::DEFAULT_MARGIN`] of expiry.
pub struct RefreshingCredentials {
    hook: RefreshHook,
    cached: RefCell<Option<ProvidedCredentials>>,
    margin: Duration,
}

impl fmt::Debug for RefreshingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingCredentials")
            .field("cached", &self.cached.borrow())
            .field("margin", &self.margin)
            .finish_non_exhaustive()
    }
}

impl RefreshingCredentials {
    /// How long before expiry the hook is called again: 5 minutes, as the AWS SDKs do.
    pub const DEFAULT_MARGIN: Duration = Duration::from_secs(5 * 60);

    /// Credentials that `hook` supplies.
    pub fn new(hook: RefreshHook) -> Self {
        Self {
            hook,
            cached: RefCell::new(None),
            margin: Self::DEFAULT_MARGIN,
        }
    }

    /// Refresh `margin` before expiry instead of 5 minutes.
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }
}

impl CredentialsProvider for RefreshingCredentials {
    fn provide(
        &self,
        now_millis: u64,
    ) -> LocalBoxFuture<'_, Result<ProvidedCredentials, CredentialsError>> {
        Box::pin(async move {
            let current = self.cached.borrow().clone();
            if let Some(c) = current
                && !c.expires_within(now_millis, self.margin)
            {
                return Ok(c);
            }
            let fresh = (self.hook)().await?;
            if fresh.expires_within(now_millis, Duration::ZERO) {
                return Err(CredentialsError::RefreshedExpired);
            }
            *self.cached.borrow_mut() = Some(fresh.clone());
            Ok(fresh)
        })
    }
}
