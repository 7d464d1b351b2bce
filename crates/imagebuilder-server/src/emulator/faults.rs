//! Test-only faults, so that a client's retries and clock-skew corrections can be seen against
//! the real emulator: honoured only when the server runs with `--test-faults` (never by
//! default), and carried by headers a test adds to a request after it was signed (the signature
//! does not cover them):
//!
//! - `x-imagebuilder-emulator-fault: <code>` answers this request with that error instead of
//!   doing the work, for `ThrottlingException` (400), `CallRateLimitExceededException` (429),
//!   `ServiceUnavailableException` (503) or `ServiceException` (500); any other value is refused
//!   with a message listing these.
//! - `x-imagebuilder-emulator-clock-offset: <seconds>` runs the emulator's clock that many
//!   seconds off (-86400..=86400) for this request: the signature's time is checked against it
//!   and the `Date` header says it, as a server with a wrong clock (or a client's) would.

use super::error::ApiError;
use std::time::{Duration, SystemTime};

/// The header naming an error to answer with.
pub const FAULT_HEADER: &str = "x-imagebuilder-emulator-fault";
/// The header setting the emulator's clock offset in seconds.
pub const CLOCK_OFFSET_HEADER: &str = "x-imagebuilder-emulator-clock-offset";
/// The errors [`FAULT_HEADER`] may name.
pub const FAULT_CODES: [&str; 4] = [
    "ThrottlingException",
    "CallRateLimitExceededException",
    "ServiceUnavailableException",
    "ServiceException",
];
/// The largest clock offset, either way (a day).
pub const MAX_CLOCK_OFFSET_SECS: i64 = 86_400;

/// The faults one request asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// The error to answer with.
    pub error: Option<&'static str>,
    /// The clock offset in seconds.
    pub clock_offset_secs: i64,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

impl Faults {
    /// The faults `headers` ask for; a value outside the rules is an `InvalidRequestException`
    /// naming the header and the rule.
    pub fn from_headers(headers: &[(String, String)]) -> Result<Self, ApiError> {
        let mut faults = Faults::default();
        if let Some(code) = header(headers, FAULT_HEADER) {
            faults.error = Some(
                FAULT_CODES
                    .into_iter()
                    .find(|c| *c == code)
                    .ok_or_else(|| {
                        ApiError::invalid_request(format!(
                            "{FAULT_HEADER}: {code:?} is not one of {}.",
                            FAULT_CODES.join(", ")
                        ))
                    })?,
            );
        }
        if let Some(offset) = header(headers, CLOCK_OFFSET_HEADER) {
            faults.clock_offset_secs = offset
                .parse::<i64>()
                .ok()
                .filter(|s| s.abs() <= MAX_CLOCK_OFFSET_SECS)
                .ok_or_else(|| {
                    ApiError::invalid_request(format!(
                        "{CLOCK_OFFSET_HEADER}: {offset:?} is not a whole number of seconds within ±{MAX_CLOCK_OFFSET_SECS}."
                    ))
                })?;
        }
        Ok(faults)
    }

    /// The emulator's clock for this request.
    pub fn now(&self) -> SystemTime {
        let now = SystemTime::now();
        let by = Duration::from_secs(self.clock_offset_secs.unsigned_abs());
        if self.clock_offset_secs >= 0 {
            now + by
        } else {
            now.checked_sub(by).unwrap_or(now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(name: &str, value: &str) -> Vec<(String, String)> {
        vec![(name.to_string(), value.to_string())]
    }

    #[test]
    fn faults_are_read_from_their_headers_and_bad_values_name_the_header() {
        assert_eq!(Faults::from_headers(&[]).ok(), Some(Faults::default()));
        let f = Faults::from_headers(&h("X-Imagebuilder-Emulator-Fault", "ThrottlingException"));
        assert_eq!(f.ok().and_then(|f| f.error), Some("ThrottlingException"));
        let e = Faults::from_headers(&h(FAULT_HEADER, "Boom")).unwrap_err();
        assert!(e.message.contains(FAULT_HEADER) && e.message.contains("ServiceException"));
        let f = Faults::from_headers(&h(CLOCK_OFFSET_HEADER, "-600"));
        assert_eq!(f.ok().map(|f| f.clock_offset_secs), Some(-600));
        let e = Faults::from_headers(&h(CLOCK_OFFSET_HEADER, "100000")).unwrap_err();
        assert!(e.message.contains(CLOCK_OFFSET_HEADER), "{}", e.message);
    }
}
