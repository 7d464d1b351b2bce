//! Waiters: poll an operation until its output says done, failed, or the attempts run out.
//!
//! The delay between polls follows the Smithy waiter rules: the first poll goes out at once;
//! before poll `n + 1` the waiter sleeps a random time between `min_delay` and
//! `min(max_delay, min_delay * 2^(n - 1))`. `model/waiters-2.json` gives `ImageAvailable` a delay
//! of 60 s and 360 attempts; [`WaiterConfig::default`] uses exactly that (min = max = 60 s, as
//! botocore does), and every number can be changed. The statuses that end the wait come from the
//! same file, through the core's generated [`model::IMAGE_AVAILABLE`].

use crate::call::CallOptions;
use crate::client::Client;
use crate::error::CallError;
use crate::runtime::CancelToken;
use imagebuilder_core::model::{self, Waiter};
use imagebuilder_core::operations::GetImage;
use imagebuilder_core::protocol::Operation;
use imagebuilder_core::types::{GetImageRequest, GetImageResponse};
use serde_json::Value;
use std::fmt;
use std::time::Duration;

/// What one poll's output says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitState {
    /// Done: stop with the output.
    Success {
        /// The status that means done (e.g. `AVAILABLE`).
        status: String,
    },
    /// Not yet: poll again.
    Pending {
        /// The current status (e.g. `BUILDING`).
        status: String,
    },
    /// It will never succeed: stop with an error.
    Failure {
        /// The terminal status (e.g. `FAILED`).
        status: String,
        /// The service's reason, when it gave one.
        reason: Option<String>,
    },
}

impl WaitState {
    fn status(&self) -> &str {
        match self {
            WaitState::Success { status }
            | WaitState::Pending { status }
            | WaitState::Failure { status, .. } => status,
        }
    }
}

/// Polling numbers and cancellation.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WaiterConfig {
    /// The shortest delay between polls (default 60 s).
    pub min_delay: Duration,
    /// The longest delay between polls (default 60 s).
    pub max_delay: Duration,
    /// Polls in all (default 360).
    pub max_attempts: u32,
    /// Stops the waiter (during a poll or a delay).
    pub cancel: Option<CancelToken>,
    /// Told the events of every poll (each a GetImage call); the last
    /// [`CallEvent::Finished`](crate::CallEvent::Finished) is the `$metadata` of the output the
    /// waiter returns.
    pub observer: Option<crate::CallObserver>,
}

impl Default for WaiterConfig {
    /// The model's `ImageAvailable` numbers.
    fn default() -> Self {
        let delay = Duration::from_secs(u64::from(IMAGE_AVAILABLE.delay_seconds));
        Self {
            min_delay: delay,
            max_delay: delay,
            max_attempts: IMAGE_AVAILABLE.max_attempts,
            cancel: None,
            observer: None,
        }
    }
}

impl WaiterConfig {
    /// The delay before poll `attempt + 1` (`attempt` >= 1 polls done), with `rand` in [0, 1].
    pub fn delay(&self, attempt: u32, rand: f64) -> Duration {
        let min = self.min_delay;
        let max = self.max_delay.max(min);
        let factor = 2u32
            .checked_pow(attempt.saturating_sub(1).min(31))
            .unwrap_or(u32::MAX);
        let ceiling = min.checked_mul(factor).unwrap_or(max).min(max);
        let rand = if rand.is_nan() {
            0.0
        } else {
            rand.clamp(0.0, 1.0)
        };
        min + (ceiling - min).mul_f64(rand)
    }
}

/// A status change seen by a waiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The new status.
    pub status: String,
    /// The reason the service gave with it, if any.
    pub reason: Option<String>,
    /// Which poll saw it (1-based).
    pub attempt: u32,
    /// When, in ms since the epoch (the client's clock).
    pub at_millis: u64,
}

/// Why a waiter stopped without success.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitError {
    /// The resource reached a terminal failure status.
    Failed {
        /// The status (`FAILED`, `CANCELLED`, `DELETED`).
        status: String,
        /// The service's reason, when it gave one.
        reason: Option<String>,
    },
    /// A poll failed (after the client's own retries).
    Call(CallError),
    /// `max_attempts` polls without a terminal status.
    MaxAttemptsExceeded {
        /// Polls made.
        attempts: u32,
        /// The last status seen.
        last_status: Option<String>,
    },
    /// Cancelled through the config's token.
    Cancelled {
        /// Polls made.
        attempts: u32,
    },
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed { status, reason } => {
                write!(f, "reached {status}")?;
                if let Some(r) = reason {
                    write!(f, ": {r}")?;
                }
                Ok(())
            }
            WaitError::Call(e) => e.fmt(f),
            WaitError::MaxAttemptsExceeded {
                attempts,
                last_status,
            } => write!(
                f,
                "still {} after {attempts} polls",
                last_status.as_deref().unwrap_or("unknown")
            ),
            WaitError::Cancelled { attempts } => {
                write!(f, "waiting was cancelled after {attempts} polls")
            }
        }
    }
}

impl std::error::Error for WaitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Call(e) => Some(e),
            _ => None,
        }
    }
}

impl Client {
    /// Polls `O` with `input` until `classify` says success (returns the output) or failure,
    /// reporting each change of status to `on_status`.
    pub async fn wait_for<O>(
        &self,
        input: O::Input,
        classify: &dyn Fn(&O::Output) -> WaitState,
        config: &WaiterConfig,
        on_status: &mut dyn FnMut(&StatusChange),
    ) -> Result<O::Output, WaitError>
    where
        O: Operation,
        O::Input: Clone,
    {
        let options = CallOptions {
            cancel: config.cancel.clone(),
            observer: config.observer.clone(),
            ..CallOptions::default()
        };
        self.poll_until(
            || self.send::<O>(input.clone(), options.clone()),
            classify,
            config,
            on_status,
        )
        .await
    }

    /// The waiter state machine, shared by every waiter (typed or JSON): calls `poll` until
    /// `classify` reads success or failure from its output, the attempts run out or the config's
    /// token cancels, sleeping [`WaiterConfig::delay`] between polls.
    async fn poll_until<T, F, Fut>(
        &self,
        mut poll: F,
        classify: &dyn Fn(&T) -> WaitState,
        config: &WaiterConfig,
        on_status: &mut dyn FnMut(&StatusChange),
    ) -> Result<T, WaitError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, CallError>>,
    {
        let mut last_status: Option<String> = None;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let output = match poll().await {
                Ok(o) => o,
                Err(e) if matches!(e.kind(), crate::CallErrorKind::Cancelled) => {
                    return Err(WaitError::Cancelled {
                        attempts: attempt - 1,
                    });
                }
                Err(e) => return Err(WaitError::Call(e)),
            };
            let state = classify(&output);
            if last_status.as_deref() != Some(state.status()) {
                let reason = match &state {
                    WaitState::Failure { reason, .. } => reason.clone(),
                    _ => None,
                };
                on_status(&StatusChange {
                    status: state.status().to_string(),
                    reason,
                    attempt,
                    at_millis: self.clock().now_millis(),
                });
                last_status = Some(state.status().to_string());
            }
            match state {
                WaitState::Success { .. } => return Ok(output),
                WaitState::Failure { status, reason } => {
                    return Err(WaitError::Failed { status, reason });
                }
                WaitState::Pending { .. } => {}
            }
            if attempt >= config.max_attempts {
                return Err(WaitError::MaxAttemptsExceeded {
                    attempts: attempt,
                    last_status,
                });
            }
            let delay = config.delay(attempt, self.random().next_f64());
            if !self.sleep_or_cancel(delay, config.cancel.as_ref()).await {
                return Err(WaitError::Cancelled { attempts: attempt });
            }
        }
    }
}

impl Client {
    /// Polls `GetImage` for `image_build_version_arn` until the image is `AVAILABLE` (returns
    /// the last `GetImage` output) or reaches `FAILED`, `CANCELLED` or `DELETED` (returns
    /// [`WaitError::Failed`] with the image's `state.reason`), reporting every status change.
    /// The model's `ImageAvailable` waiter: 60 s between polls, 360 polls, unless `config` says
    /// otherwise.
    pub async fn wait_until_image_available(
        &self,
        image_build_version_arn: &str,
        config: &WaiterConfig,
        on_status: &mut dyn FnMut(&StatusChange),
    ) -> Result<GetImageResponse, WaitError> {
        self.wait_for::<GetImage>(
            GetImageRequest::new(image_build_version_arn),
            &|output: &GetImageResponse| {
                let state = output.image.as_ref().and_then(|i| i.state.as_ref());
                image_state(
                    state.and_then(|s| s.status.as_ref()).map(|s| s.as_str()),
                    state.and_then(|s| s.reason.as_deref()),
                )
            },
            config,
            on_status,
        )
        .await
    }

    /// [`Client::wait_until_image_available`] over the JSON entry point
    /// ([`Client::send_json`]): the same state machine and acceptors, reading only
    /// `image.state.status` and `image.state.reason` from each `GetImage` output, which it
    /// returns as JSON. For callers that already work in JSON (the npm package), this links no
    /// typed `GetImage` code.
    pub async fn wait_until_image_available_json(
        &self,
        image_build_version_arn: &str,
        config: &WaiterConfig,
        on_status: &mut dyn FnMut(&StatusChange),
    ) -> Result<Value, WaitError> {
        let options = CallOptions {
            cancel: config.cancel.clone(),
            observer: config.observer.clone(),
            ..CallOptions::default()
        };
        let input = Value::Object(
            [(
                "imageBuildVersionArn".to_string(),
                Value::String(image_build_version_arn.to_string()),
            )]
            .into_iter()
            .collect(),
        );
        self.poll_until(
            || self.send_json(IMAGE_AVAILABLE.operation, input.clone(), options.clone()),
            &|output: &Value| {
                let status = member_at(output, IMAGE_AVAILABLE.path);
                // The reason sits next to the status (`image.state.reason`).
                let reason = IMAGE_AVAILABLE
                    .path
                    .rsplit_once('.')
                    .and_then(|(parent, _)| member_at(output, &format!("{parent}.reason")));
                image_state(status, reason)
            },
            config,
            on_status,
        )
        .await
    }
}

/// The string at the dotted member `path` of `output`.
fn member_at<'a>(output: &'a Value, path: &str) -> Option<&'a str> {
    path.split('.')
        .try_fold(output, |v, member| v.get(member))
        .and_then(Value::as_str)
}

/// The model's `ImageAvailable` waiter.
const IMAGE_AVAILABLE: &Waiter = &model::IMAGE_AVAILABLE;

/// Image statuses that end the `ImageAvailable` wait as failures beyond the model's acceptors:
/// a `DELETED` image never becomes `AVAILABLE` (botocore would poll it until the attempts run
/// out).
const IMAGE_FAILURES_BEYOND_THE_MODEL: &[&str] = &["DELETED"];

/// The `ImageAvailable` waiter's reading of an image's `state.status` (and `state.reason`): the
/// model's success status (`AVAILABLE`) is success; its failure statuses (`FAILED`,
/// `CANCELLED`) and `DELETED` are failures carrying the reason; anything else (the in-progress
/// statuses, and statuses this version doesn't know) means poll again, as botocore's waiter does.
pub fn image_wait_state(status: &str, reason: Option<&str>) -> WaitState {
    if IMAGE_AVAILABLE.success.contains(&status) {
        WaitState::Success {
            status: status.to_string(),
        }
    } else if IMAGE_AVAILABLE.failure.contains(&status)
        || IMAGE_FAILURES_BEYOND_THE_MODEL.contains(&status)
    {
        WaitState::Failure {
            status: status.to_string(),
            reason: reason.map(str::to_string),
        }
    } else {
        WaitState::Pending {
            status: status.to_string(),
        }
    }
}

/// The image waiter's reading of `image.state` (see [`image_wait_state`]); no status at
/// all means poll again.
fn image_state(status: Option<&str>, reason: Option<&str>) -> WaitState {
    match status {
        Some(status) => image_wait_state(status, reason),
        None => WaitState::Pending {
            status: "(no status)".to_string(),
        },
    }
}
