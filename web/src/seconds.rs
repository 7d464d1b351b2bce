//! Milliseconds as seconds with one decimal ("0.4 s", "+1.2 s") in integer arithmetic: the
//! console formats no floating-point number, so core's float formatting (about 12 KB of wasm)
//! is not linked.

/// `millis` in seconds, rounded to a tenth (half away from zero): `1250` -> `"1.3"`,
/// `-1250` -> `"-1.3"`, `-40` -> `"0.0"` (never `"-0.0"`).
pub fn tenths(millis: i64) -> String {
    let rounded = (millis.unsigned_abs() + 50) / 100;
    let sign = if millis < 0 && rounded > 0 { "-" } else { "" };
    format!("{sign}{}.{}", rounded / 10, rounded % 10)
}

/// [`tenths`] with a sign always written for a non-zero value (`"+1.3"`, `"-0.4"`, `"0.0"`).
pub fn signed_tenths(millis: i64) -> String {
    let text = tenths(millis);
    if text.starts_with('-') || text == "0.0" {
        text
    } else {
        format!("+{text}")
    }
}

/// [`tenths`] of a [`std::time::Duration`] (saturating at `i64::MAX` ms).
pub fn duration_tenths(duration: std::time::Duration) -> String {
    tenths(i64::try_from(duration.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::{duration_tenths, signed_tenths, tenths};
    use std::time::Duration;

    #[test]
    fn tenths_rounds_milliseconds_to_a_tenth_of_a_second() {
        assert_eq!(tenths(0), "0.0");
        assert_eq!(tenths(49), "0.0");
        assert_eq!(tenths(50), "0.1");
        assert_eq!(tenths(400), "0.4");
        assert_eq!(tenths(1250), "1.3");
        assert_eq!(tenths(20_000), "20.0");
        assert_eq!(tenths(-1250), "-1.3");
        assert_eq!(tenths(-40), "0.0");
        assert_eq!(tenths(i64::MIN), "-9223372036854775.8");
    }

    #[test]
    fn signed_tenths_writes_the_sign_of_a_non_zero_value() {
        assert_eq!(signed_tenths(3_600_000), "+3600.0");
        assert_eq!(signed_tenths(-400), "-0.4");
        assert_eq!(signed_tenths(20), "0.0");
    }

    #[test]
    fn duration_tenths_reads_the_milliseconds_of_a_duration() {
        assert_eq!(duration_tenths(Duration::from_millis(350)), "0.4");
        assert_eq!(
            duration_tenths(Duration::from_secs(u64::MAX)),
            "9223372036854775.8"
        );
    }
}
