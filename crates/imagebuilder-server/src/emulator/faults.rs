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
//! - `x-imagebuilder-emulator-page-size: <n>` caps this list call's page at `n` items (1..=100),
//!   whatever `maxResults` asked: AWS may answer a short page with a `nextToken` too, and a test
//!   needs several pages without seeding hundreds of resources.

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
/// The header capping a list call's page size.
pub const PAGE_SIZE_HEADER: &str = "x-imagebuilder-emulator-page-size";
/// The largest page size [`PAGE_SIZE_HEADER`] may ask for (the model's `maxResults` maximum).
pub const MAX_PAGE_SIZE: u64 = 100;

/// The faults one request asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// The error to answer with.
    pub error: Option<&'static str>,
    /// The clock offset in seconds.
    pub clock_offset_secs: i64,
    /// The largest page a list call answers with.
    pub page_size: Option<u64>,
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
        if let Some(size) = header(headers, PAGE_SIZE_HEADER) {
            faults.page_size = Some(
                size.parse::<u64>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                    .ok_or_else(|| {
                        ApiError::invalid_request(format!(
                            "{PAGE_SIZE_HEADER}: {size:?} is not a whole number from 1 to {MAX_PAGE_SIZE}."
                        ))
                    })?,
            );
        }
        Ok(faults)
    }

    /// `input` of `operation` with its page size capped at [`Faults::page_size`] (an operation
    /// that does not page is left alone; the cap never raises `maxResults`).
    pub fn cap_page(&self, operation: &str, input: &mut serde_json::Value) {
        let Some(cap) = self.page_size else { return };
        let Some(limit) = imagebuilder_core::model::paginator(operation).and_then(|p| p.limit_key)
        else {
            return;
        };
        if let Some(obj) = input.as_object_mut() {
            let asked = obj
                .get(limit)
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(u64::MAX);
            obj.insert(limit.to_string(), asked.min(cap).into());
        }
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
        let f = Faults::from_headers(&h(PAGE_SIZE_HEADER, "2"));
        assert_eq!(f.ok().and_then(|f| f.page_size), Some(2));
        for bad in ["0", "101", "two"] {
            let e = Faults::from_headers(&h(PAGE_SIZE_HEADER, bad)).unwrap_err();
            assert!(
                e.message.contains(PAGE_SIZE_HEADER) && e.message.contains("from 1 to 100"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn the_page_size_cap_lowers_max_results_of_list_calls_only() {
        let f = Faults {
            page_size: Some(2),
            ..Faults::default()
        };
        let mut input = serde_json::json!({"owner": "Self", "maxResults": 100});
        f.cap_page("ListImageRecipes", &mut input);
        assert_eq!(input["maxResults"], 2);
        let mut input = serde_json::json!({});
        f.cap_page("ListWorkflows", &mut input);
        assert_eq!(input["maxResults"], 2);
        let mut input = serde_json::json!({"maxResults": 1});
        f.cap_page("ListImages", &mut input);
        assert_eq!(input["maxResults"], 1, "the cap never raises maxResults");
        let mut input = serde_json::json!({"imageBuildVersionArn": "a"});
        f.cap_page("GetImage", &mut input);
        assert_eq!(input, serde_json::json!({"imageBuildVersionArn": "a"}));
    }
}
