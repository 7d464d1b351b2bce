//! The AWS SDKs' *standard* retry mode, as pure functions and plain state.
//!
//! Nothing here sleeps, reads a clock or draws a random number: the client passes the random
//! factor and the times in, and does the waiting itself. The numbers are the standard mode's
//! (the AWS SDKs and Tools reference, "Retry behavior"; smithy-rs `aws-smithy-types`
//! `RetryConfig`: "initial_backoff ... default duration of 1 second", "the first retry will occur
//! after 0 to 1 seconds, the second retry ... after 0 to 2 seconds"; botocore `retries/standard.py`):
//!
//! - 3 attempts in all;
//! - the delay before retry `i` (0-based) is `rand * min(base * 2^i, 20 s)` with `rand` in
//!   `[0, 1)` and `base` 1 s (the same base for throttling, as smithy-rs and botocore do;
//!   aws-sdk-js-v3 uses 100 ms / 500 ms instead; both are configurable in [`RetryPolicy`]);
//! - a retry quota of 500 tokens per client: a retry costs 5, a retry after a timeout or a
//!   network failure costs 10; a call that succeeds gives back what its last retry took, and a
//!   call that succeeds at once gives back 1 (never above the initial 500); when the quota cannot
//!   pay for a retry, the error is returned instead of retrying.

use std::time::Duration;

/// Error codes that mean "slow down" (retried, whatever the HTTP status).
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "CallRateLimitExceededException",
];

/// Error codes the service answers when a request took too long on its side (retried).
pub const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses that are retried as server errors.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Error codes that are never retried, even when their status would say otherwise.
pub const NEVER_RETRIED_CODES: &[&str] = &[
    "IdempotentParameterMismatchException",
    "ValidationException",
    "InvalidRequestException",
    "InvalidParameterValueException",
    "InvalidParameterException",
    "InvalidParameterCombinationException",
    "ClientException",
];

/// Error codes that say the signature's time was refused: the local clock may be skewed.
pub const CLOCK_SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// The smallest difference between the server's `Date` and local time that the client adopts
/// as a clock offset (4 minutes; SigV4 accepts 5).
pub const CLOCK_SKEW_THRESHOLD: Duration = Duration::from_secs(4 * 60);

/// What kind of failure an attempt ended with, for the retry decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// HTTP 429 or a throttling code: retry after backoff.
    Throttling,
    /// HTTP 500/502/503/504 or a service-side timeout code: retry after backoff.
    ServerError,
    /// The request never got an answer: network failure or an attempt timeout. Retried; the
    /// retry costs [`RetryQuota::TIMEOUT_RETRY_COST`].
    Transient,
    /// Anything else (validation, not found, access denied, ...): not retried.
    NotRetryable,
}

impl FailureKind {
    /// Whether the standard mode retries this kind of failure.
    pub fn is_retryable(self) -> bool {
        !matches!(self, FailureKind::NotRetryable)
    }
}

/// Classifies an error the service answered, from its HTTP status and its error code (as the
/// protocol extracted it: `ThrottlingException`, not `aws.foo#ThrottlingException:...`).
pub fn classify_service_error(status: u16, code: &str) -> FailureKind {
    if NEVER_RETRIED_CODES.contains(&code) {
        FailureKind::NotRetryable
    } else if status == 429 || THROTTLING_CODES.contains(&code) {
        FailureKind::Throttling
    } else if TRANSIENT_CODES.contains(&code) || TRANSIENT_STATUSES.contains(&status) {
        FailureKind::ServerError
    } else {
        FailureKind::NotRetryable
    }
}

/// Whether `code` says the request's signing time was refused (see [`CLOCK_SKEW_CODES`]).
pub fn is_clock_skew_code(code: &str) -> bool {
    CLOCK_SKEW_CODES.contains(&code)
}

/// The clock offset to adopt, in milliseconds to add to local time, when the server's clock
/// (`server_millis`, from its `Date` header) differs from local time (`local_millis`) by at
/// least [`CLOCK_SKEW_THRESHOLD`]; `None` when the clocks agree well enough.
pub fn clock_skew_offset(local_millis: u64, server_millis: u64) -> Option<i64> {
    let offset = i128::from(server_millis) - i128::from(local_millis);
    let threshold = CLOCK_SKEW_THRESHOLD.as_millis() as i128;
    if offset.abs() >= threshold {
        i64::try_from(offset).ok()
    } else {
        None
    }
}

/// Parses an HTTP `Date` header (RFC 9110 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`; also
/// the obsolete RFC 850 and asctime forms) into milliseconds since the Unix epoch.
pub fn parse_http_date(value: &str) -> Option<u64> {
    let value = value.trim();
    let parts: Vec<&str> = value.split_ascii_whitespace().collect();
    let (day, month, year, time) = match parts.as_slice() {
        // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        [_, d, m, y, t, "GMT"] => (d.parse().ok()?, *m, y.parse().ok()?, *t),
        // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
        [_, dmy, t, "GMT"] => {
            let mut it = dmy.split('-');
            let d: u32 = it.next()?.parse().ok()?;
            let m = it.next()?;
            let y: i64 = it.next()?.parse().ok()?;
            let y = if y < 70 {
                2000 + y
            } else if y < 100 {
                1900 + y
            } else {
                y
            };
            (d, m, y, *t)
        }
        // asctime: Sun Nov  6 08:49:37 1994
        [_, m, d, t, y] => (d.parse().ok()?, *m, y.parse().ok()?, *t),
        _ => return None,
    };
    let month = match month {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let mut hms = time.split(':');
    let h: u64 = hms.next()?.parse().ok()?;
    let mi: u64 = hms.next()?.parse().ok()?;
    let s: u64 = hms.next()?.parse().ok()?;
    if hms.next().is_some() || h > 23 || mi > 59 || s > 60 || !(1..=31).contains(&day) {
        return None;
    }
    if !(1970..=9999).contains(&year) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let days = u64::try_from(days).ok()?;
    Some(((days * 86_400) + h * 3600 + mi * 60 + s) * 1000)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The standard mode's attempt count and backoff numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (default 3; 1 disables retries).
    pub max_attempts: u32,
    /// Backoff base for server errors and transient failures (default 1 s).
    pub base: Duration,
    /// Backoff base for throttling (default 1 s).
    pub throttling_base: Duration,
    /// The cap on one backoff before the random factor (default 20 s).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::STANDARD
    }
}

impl RetryPolicy {
    /// The AWS SDKs' standard mode: 3 attempts, base 1 s, cap 20 s.
    pub const STANDARD: RetryPolicy = RetryPolicy {
        max_attempts: 3,
        base: Duration::from_secs(1),
        throttling_base: Duration::from_secs(1),
        max_backoff: Duration::from_secs(20),
    };

    /// A policy with `max_attempts` attempts and the standard backoff.
    pub fn with_max_attempts(max_attempts: u32) -> Self {
        Self {
            max_attempts,
            ..Self::STANDARD
        }
    }

    /// The delay before retry number `retry_index` (0 for the first retry) after a failure of
    /// `kind`: `rand * min(base * 2^retry_index, max_backoff)`. `rand` is clamped into `[0, 1]`
    /// (a NaN counts as 0).
    pub fn backoff(&self, kind: FailureKind, retry_index: u32, rand: f64) -> Duration {
        let base = match kind {
            FailureKind::Throttling => self.throttling_base,
            _ => self.base,
        };
        let rand = if rand.is_nan() {
            0.0
        } else {
            rand.clamp(0.0, 1.0)
        };
        let factor = 2u32.checked_pow(retry_index.min(31)).unwrap_or(u32::MAX);
        let ceiling = base
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        ceiling.mul_f64(rand)
    }
}

/// The per-client retry quota (a token bucket that only retries draw from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryQuota {
    available: u32,
    capacity: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new(Self::INITIAL_TOKENS)
    }
}

impl RetryQuota {
    /// The standard mode's initial (and maximum) number of tokens.
    pub const INITIAL_TOKENS: u32 = 500;
    /// What a retry after a server error or throttling costs.
    pub const RETRY_COST: u32 = 5;
    /// What a retry after a timeout or a network failure costs.
    pub const TIMEOUT_RETRY_COST: u32 = 10;
    /// What a call that succeeds on its first attempt gives back.
    pub const NO_RETRY_INCREMENT: u32 = 1;

    /// A full quota of `capacity` tokens.
    pub fn new(capacity: u32) -> Self {
        Self {
            available: capacity,
            capacity,
        }
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.available
    }

    /// The quota's capacity.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// What a retry after a failure of `kind` costs.
    pub fn cost(kind: FailureKind) -> u32 {
        match kind {
            FailureKind::Transient => Self::TIMEOUT_RETRY_COST,
            _ => Self::RETRY_COST,
        }
    }

    /// Takes the tokens for one retry after a failure of `kind`: `Some(cost)` when the quota
    /// could pay (keep it to give back on success), `None` when it could not (don't retry).
    pub fn try_acquire(&mut self, kind: FailureKind) -> Option<u32> {
        let cost = Self::cost(kind);
        if self.available >= cost {
            self.available -= cost;
            Some(cost)
        } else {
            None
        }
    }

    /// Records a successful call: gives back `last_retry_cost` (what the call's last retry took)
    /// or, for a call that needed no retry (`None`), [`RetryQuota::NO_RETRY_INCREMENT`]; never
    /// beyond the capacity.
    pub fn on_success(&mut self, last_retry_cost: Option<u32>) {
        let refund = last_retry_cost.unwrap_or(Self::NO_RETRY_INCREMENT);
        self.available = self.available.saturating_add(refund).min(self.capacity);
    }
}

/// The value of the `amz-sdk-request` header for attempt `attempt` (1-based) of `max_attempts`.
pub fn sdk_request_header(attempt: u32, max_attempts: u32) -> String {
    format!("attempt={attempt}; max={max_attempts}")
}
