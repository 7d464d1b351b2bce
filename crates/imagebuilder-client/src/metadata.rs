//! What a call did, as the AWS SDKs' `$metadata` reports it ([`CallMetadata`]), and what it is
//! doing while it runs ([`CallEvent`], delivered to a [`CallObserver`] set in
//! [`CallOptions`](crate::CallOptions)): a console can say "retrying after throttling" while the
//! call waits, and show attempts and the request id once it ends.

use crate::error::CallErrorKind;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

/// What one call did, successful or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallMetadata {
    /// Requests sent (0 when the call failed before sending anything).
    pub attempts: u32,
    /// Time spent waiting between attempts (the backoff slept, not the attempts themselves).
    pub total_retry_delay: Duration,
    /// The last response's HTTP status, when one arrived.
    pub http_status: Option<u16>,
    /// The last response's request id (`x-amzn-RequestId`, or `x-amz-request-id`).
    pub request_id: Option<String>,
    /// The clock offset (ms added to local time when signing) the client holds after the call.
    pub clock_skew_millis: i64,
}

/// Something that happened during a call, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallEvent {
    /// Attempt `attempt` failed in a way worth retrying; the next attempt goes out after `delay`.
    Retrying {
        /// The attempt that failed (1-based).
        attempt: u32,
        /// The most attempts the call makes.
        max_attempts: u32,
        /// The backoff before the next attempt.
        delay: Duration,
        /// Why: the service's error code (`ThrottlingException`), or what went wrong in words.
        reason: String,
    },
    /// The service refused the signature's time; the client adopted the offset from the
    /// response's `Date` and sends the call again signed with it.
    ClockSkewCorrected {
        /// The new offset, in ms added to local time.
        offset_millis: i64,
    },
    /// The call ended (either way).
    Finished(CallMetadata),
}

/// Receives a call's [`CallEvent`]s. Cheap to clone (clones share the function).
#[derive(Clone)]
pub struct CallObserver(Rc<dyn Fn(&CallEvent)>);

impl CallObserver {
    /// An observer calling `f` with each event.
    pub fn new(f: impl Fn(&CallEvent) + 'static) -> Self {
        Self(Rc::new(f))
    }

    pub(crate) fn notify(&self, event: &CallEvent) {
        (self.0)(event);
    }
}

impl fmt::Debug for CallObserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CallObserver(..)")
    }
}

/// The engine's running account of one call.
#[derive(Debug)]
pub(crate) struct Meter {
    observer: Option<CallObserver>,
    metadata: CallMetadata,
}

impl Meter {
    pub(crate) fn new(observer: Option<CallObserver>) -> Self {
        Self {
            observer,
            metadata: CallMetadata::default(),
        }
    }

    fn emit(&self, event: impl FnOnce() -> CallEvent) {
        if let Some(observer) = &self.observer {
            observer.notify(&event());
        }
    }

    /// An attempt is going out.
    pub(crate) fn attempt(&mut self, attempt: u32) {
        self.metadata.attempts = attempt;
    }

    /// A response arrived (whatever its status).
    pub(crate) fn response(&mut self, status: u16, request_id: Option<&str>) {
        self.metadata.http_status = Some(status);
        self.metadata.request_id = request_id.map(str::to_string);
    }

    /// The engine backs off `delay` before the next attempt.
    pub(crate) fn retrying(
        &mut self,
        attempt: u32,
        max_attempts: u32,
        delay: Duration,
        why: &CallErrorKind,
    ) {
        self.metadata.total_retry_delay = self.metadata.total_retry_delay.saturating_add(delay);
        self.emit(|| CallEvent::Retrying {
            attempt,
            max_attempts,
            delay,
            reason: reason(why),
        });
    }

    /// The clock offset was corrected to `offset_millis`.
    pub(crate) fn skew_corrected(&self, offset_millis: i64) {
        self.emit(|| CallEvent::ClockSkewCorrected { offset_millis });
    }

    /// The call ended: its metadata, announced to the observer.
    pub(crate) fn finish(mut self, attempts: u32, clock_skew_millis: i64) -> CallMetadata {
        self.metadata.attempts = attempts;
        self.metadata.clock_skew_millis = clock_skew_millis;
        self.emit(|| CallEvent::Finished(self.metadata.clone()));
        self.metadata
    }
}

/// A retried failure in a few words.
fn reason(kind: &CallErrorKind) -> String {
    match kind {
        CallErrorKind::Service(e) => e.code.clone(),
        CallErrorKind::Transport(e) => format!("network error: {e}"),
        CallErrorKind::AttemptTimeout { timeout } => {
            format!("no response within {} ms", timeout.as_millis())
        }
        other => crate::CallError::new(other.clone(), 0).to_string(),
    }
}
