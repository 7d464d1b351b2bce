//! `imagebuilder_core::retry`: classification, backoff arithmetic, quota bookkeeping, clock skew.
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use imagebuilder_core::retry::{
    CLOCK_SKEW_CODES, FailureKind, RetryPolicy, RetryQuota, THROTTLING_CODES,
    classify_service_error, clock_skew_offset, is_clock_skew_code, parse_http_date,
    sdk_request_header,
};
use std::time::Duration;

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn every_throttling_code_is_retried_as_throttling_whatever_the_status() {
    let expected = [
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
    for code in expected {
        assert!(THROTTLING_CODES.contains(&code), "{code} listed");
        for status in [400, 429, 500, 503] {
            assert_eq!(
                classify_service_error(status, code),
                FailureKind::Throttling,
                "{code} with {status}"
            );
        }
    }
    assert_eq!(THROTTLING_CODES.len(), expected.len());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn http_429_is_throttling_even_with_an_unknown_code() {
    assert_eq!(classify_service_error(429, ""), FailureKind::Throttling);
    assert_eq!(
        classify_service_error(429, "SomethingNew"),
        FailureKind::Throttling
    );
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn server_errors_500_502_503_504_and_request_timeouts_are_retried() {
    for status in [500, 502, 503, 504] {
        assert_eq!(
            classify_service_error(status, "ServiceException"),
            FailureKind::ServerError
        );
        assert_eq!(classify_service_error(status, ""), FailureKind::ServerError);
    }
    for code in ["RequestTimeout", "RequestTimeoutException"] {
        assert_eq!(classify_service_error(400, code), FailureKind::ServerError);
    }
    for status in [501, 505, 507] {
        assert_eq!(
            classify_service_error(status, "Whatever"),
            FailureKind::NotRetryable,
            "{status}"
        );
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn validation_and_idempotency_mismatch_errors_are_never_retried() {
    for (status, code) in [
        (400, "ValidationException"),
        (400, "InvalidRequestException"),
        (400, "InvalidParameterValueException"),
        (400, "ClientException"),
        (400, "IdempotentParameterMismatchException"),
        // Even if a proxy turned it into a 5xx.
        (500, "IdempotentParameterMismatchException"),
        (404, "ResourceNotFoundException"),
        (403, "AccessDeniedException"),
        (409, "ResourceInUseException"),
    ] {
        let kind = classify_service_error(status, code);
        assert_eq!(kind, FailureKind::NotRetryable, "{status} {code}");
        assert!(!kind.is_retryable());
    }
    assert!(FailureKind::Transient.is_retryable());
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn clock_skew_codes_are_recognised() {
    for code in [
        "RequestTimeTooSkewed",
        "RequestExpired",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "AuthFailure",
        "RequestInTheFuture",
    ] {
        assert!(is_clock_skew_code(code), "{code}");
    }
    assert_eq!(CLOCK_SKEW_CODES.len(), 6);
    assert!(!is_clock_skew_code("AccessDeniedException"));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn backoff_is_rand_times_base_doubled_per_retry_capped_at_twenty_seconds() {
    let p = RetryPolicy::STANDARD;
    assert_eq!(p.max_attempts, 3);
    let k = FailureKind::ServerError;
    assert_eq!(p.backoff(k, 0, 1.0), Duration::from_secs(1));
    assert_eq!(p.backoff(k, 1, 1.0), Duration::from_secs(2));
    assert_eq!(p.backoff(k, 2, 1.0), Duration::from_secs(4));
    assert_eq!(p.backoff(k, 4, 1.0), Duration::from_secs(16));
    assert_eq!(p.backoff(k, 5, 1.0), Duration::from_secs(20));
    assert_eq!(p.backoff(k, 60, 1.0), Duration::from_secs(20));
    assert_eq!(p.backoff(k, u32::MAX, 1.0), Duration::from_secs(20));
    assert_eq!(p.backoff(k, 1, 0.25), Duration::from_millis(500));
    assert_eq!(p.backoff(k, 6, 0.5), Duration::from_secs(10));
    assert_eq!(p.backoff(k, 3, 0.0), Duration::ZERO);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn backoff_clamps_out_of_range_randomness() {
    let p = RetryPolicy::STANDARD;
    let k = FailureKind::Throttling;
    assert_eq!(p.backoff(k, 0, -3.0), Duration::ZERO);
    assert_eq!(p.backoff(k, 0, 7.0), Duration::from_secs(1));
    assert_eq!(p.backoff(k, 0, f64::NAN), Duration::ZERO);
    assert_eq!(p.backoff(k, 0, f64::INFINITY), Duration::from_secs(1));
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn throttling_uses_its_own_configurable_base() {
    let mut p = RetryPolicy::STANDARD;
    p.throttling_base = Duration::from_millis(500);
    p.base = Duration::from_millis(100);
    assert_eq!(
        p.backoff(FailureKind::Throttling, 2, 1.0),
        Duration::from_secs(2)
    );
    assert_eq!(
        p.backoff(FailureKind::ServerError, 2, 1.0),
        Duration::from_millis(400)
    );
    assert_eq!(RetryPolicy::with_max_attempts(5).max_attempts, 5);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn quota_charges_five_per_retry_and_ten_after_a_timeout() {
    let mut q = RetryQuota::default();
    assert_eq!(q.available(), 500);
    assert_eq!(q.try_acquire(FailureKind::ServerError), Some(5));
    assert_eq!(q.try_acquire(FailureKind::Throttling), Some(5));
    assert_eq!(q.try_acquire(FailureKind::Transient), Some(10));
    assert_eq!(q.available(), 480);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn quota_refuses_a_retry_it_cannot_pay_for() {
    let mut q = RetryQuota::new(12);
    assert_eq!(q.try_acquire(FailureKind::Transient), Some(10));
    assert_eq!(q.try_acquire(FailureKind::Transient), None);
    assert_eq!(q.available(), 2);
    assert_eq!(q.try_acquire(FailureKind::ServerError), None);
    let mut drained = RetryQuota::default();
    let mut retries = 0;
    while drained.try_acquire(FailureKind::ServerError).is_some() {
        retries += 1;
    }
    assert_eq!(retries, 100, "500 tokens pay for 100 retries of 5");
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn success_refunds_the_last_retry_cost_or_one_and_never_exceeds_capacity() {
    let mut q = RetryQuota::default();
    q.on_success(None);
    assert_eq!(q.available(), 500, "capped at capacity");
    let cost = q.try_acquire(FailureKind::Transient);
    assert_eq!(q.available(), 490);
    q.on_success(cost);
    assert_eq!(q.available(), 500);
    q.try_acquire(FailureKind::ServerError);
    q.try_acquire(FailureKind::ServerError);
    q.on_success(None);
    assert_eq!(q.available(), 491);
    assert_eq!(q.capacity(), 500);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn clock_skew_offset_is_adopted_from_four_minutes_either_way() {
    let local = 1_700_000_000_000;
    assert_eq!(clock_skew_offset(local, local + 239_999), None);
    assert_eq!(clock_skew_offset(local, local + 240_000), Some(240_000));
    assert_eq!(
        clock_skew_offset(local, local - 1_800_000),
        Some(-1_800_000)
    );
    assert_eq!(clock_skew_offset(local, local), None);
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn http_dates_parse_in_all_three_rfc_forms() {
    let expected = 784_111_777_000; // 1994-11-06T08:49:37Z
    assert_eq!(
        parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(expected)
    );
    assert_eq!(
        parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
        Some(expected)
    );
    assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(expected));
    assert_eq!(
        parse_http_date("Tue, 29 Feb 2028 00:00:00 GMT"),
        Some(1_835_395_200_000)
    );
    for bad in [
        "",
        "yesterday",
        "Sun, 06 Nov 1994 08:49:37 PST",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad:?}");
    }
}

#[wasm_bindgen_test::wasm_bindgen_test(unsupported = test)]
fn sdk_request_header_names_attempt_and_max() {
    assert_eq!(sdk_request_header(1, 3), "attempt=1; max=3");
    assert_eq!(sdk_request_header(3, 3), "attempt=3; max=3");
}
