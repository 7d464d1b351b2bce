//! [`Timestamp`]: the model's one timestamp shape (`DateTimeTimestamp`), epoch seconds on the
//! wire (rest-json's default; the model sets no `timestampFormat`).

use std::fmt;

/// An instant as whole seconds since 1970-01-01T00:00:00Z plus nanoseconds.
///
/// On the wire it is a JSON number of epoch seconds, fractional when needed
/// (`1700000000.123`); in inputs an RFC 3339 string (`2023-11-14T22:13:20.123Z`) is accepted too.
/// [`Display`](fmt::Display) writes RFC 3339 in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

/// Why a value is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampError {
    /// A number that is not finite or out of range.
    OutOfRange,
    /// A string that is not RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`); the byte offset
    /// of the first problem.
    NotRfc3339 {
        /// Byte offset in the string.
        offset: usize,
    },
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OutOfRange => f.write_str("timestamp: the number is not a finite epoch time"),
            Self::NotRfc3339 { offset } => write!(
                f,
                "timestamp: not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.frac]Z) at byte {offset}"
            ),
        }
    }
}

impl std::error::Error for TimestampError {}

const NANOS: u32 = 1_000_000_000;

impl Timestamp {
    /// `secs` seconds and `nanos` nanoseconds after the epoch, `None` when `nanos` is not below
    /// one second.
    pub fn new(secs: i64, nanos: u32) -> Option<Self> {
        (nanos < NANOS).then_some(Self { secs, nanos })
    }

    /// Whole seconds since the epoch.
    pub fn from_secs(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// Milliseconds since the epoch (what JavaScript's `Date.now()` gives).
    pub fn from_millis(millis: i64) -> Self {
        Self {
            secs: millis.div_euclid(1000),
            // The remainder is in 0..1000, so the product stays below one second.
            nanos: (millis.rem_euclid(1000) as u32) * 1_000_000,
        }
    }

    /// Whole seconds since the epoch (rounded toward negative infinity).
    pub fn secs(&self) -> i64 {
        self.secs
    }

    /// The nanoseconds past [`secs`](Self::secs), below one second.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Epoch seconds as an `f64`: for whole microseconds (what JSON numbers carry), the `f64`
    /// nearest the instant, computed as botocore and Python's `datetime.timestamp()` do
    /// (`(secs * 10^6 + micros) / 10^6`, rounded once).
    pub fn as_secs_f64(&self) -> f64 {
        const EXACT: u64 = 9_000_000_000; // secs * 10^6 stays below 2^53
        if self.nanos.is_multiple_of(1000) && self.secs.unsigned_abs() < EXACT {
            let micros = self.secs * 1_000_000 + i64::from(self.nanos / 1000);
            micros as f64 / 1_000_000.0
        } else {
            self.secs as f64 + f64::from(self.nanos) / 1e9
        }
    }

    /// Epoch seconds as an exact decimal: `1700000000`, `1700000000.5`, `-0.25`.
    pub fn decimal(&self) -> String {
        if self.nanos == 0 {
            return self.secs.to_string();
        }
        let (sign, whole, frac) = if self.secs < 0 {
            // secs + nanos/1e9 is negative: -(|secs + 1|) - (1e9 - nanos)/1e9.
            ("-", (self.secs + 1).unsigned_abs(), NANOS - self.nanos)
        } else {
            ("", self.secs.unsigned_abs(), self.nanos)
        };
        let frac = format!("{frac:09}");
        format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
    }

    /// The timestamp from an epoch-seconds JSON number.
    pub fn from_json_number(n: &serde_json::Number) -> Result<Self, TimestampError> {
        if let Some(i) = n.as_i64() {
            return Ok(Self::from_secs(i));
        }
        if n.is_u64() {
            return Err(TimestampError::OutOfRange);
        }
        let f = n.as_f64().ok_or(TimestampError::OutOfRange)?;
        Self::from_secs_f64(f)
    }

    /// The timestamp from epoch seconds, rounded to the microsecond: an `f64` holds no more
    /// for current epoch times (its step near 1.7e9 is 0.24 µs), and botocore keeps
    /// microseconds too.
    pub fn from_secs_f64(secs: f64) -> Result<Self, TimestampError> {
        if !secs.is_finite() || secs.abs() >= 9.2e18 {
            return Err(TimestampError::OutOfRange);
        }
        let whole = secs.floor();
        let mut micros = ((secs - whole) * 1e6).round() as u32;
        let mut whole = whole as i64;
        if micros >= 1_000_000 {
            whole += 1;
            micros -= 1_000_000;
        }
        Ok(Self {
            secs: whole,
            nanos: micros * 1000,
        })
    }

    /// The timestamp from a JSON value: a number of epoch seconds or an RFC 3339 string.
    pub fn from_json(value: &serde_json::Value) -> Result<Self, TimestampError> {
        match value {
            serde_json::Value::Number(n) => Self::from_json_number(n),
            serde_json::Value::String(s) => Self::parse_rfc3339(s),
            _ => Err(TimestampError::OutOfRange),
        }
    }

    /// The JSON number of epoch seconds: an integer when whole, else the nearest `f64`.
    pub fn to_json(&self) -> serde_json::Value {
        if self.nanos == 0 {
            serde_json::Value::from(self.secs)
        } else {
            serde_json::Value::from(self.as_secs_f64())
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` (`t`, `z` and a space for `T`
    /// accepted).
    pub fn parse_rfc3339(s: &str) -> Result<Self, TimestampError> {
        let b = s.as_bytes();
        let err = |offset: usize| TimestampError::NotRfc3339 { offset };
        let num = |from: usize, len: usize| -> Result<i64, TimestampError> {
            let digits = b.get(from..from + len).ok_or(err(from))?;
            let mut v = 0i64;
            for (i, d) in digits.iter().enumerate() {
                if !d.is_ascii_digit() {
                    return Err(err(from + i));
                }
                v = v * 10 + i64::from(d - b'0');
            }
            Ok(v)
        };
        let expect = |at: usize, what: &[u8]| -> Result<(), TimestampError> {
            match b.get(at) {
                Some(c) if what.contains(c) => Ok(()),
                _ => Err(err(at)),
            }
        };
        let year = num(0, 4)?;
        expect(4, b"-")?;
        let month = num(5, 2)?;
        expect(7, b"-")?;
        let day = num(8, 2)?;
        expect(10, b"Tt ")?;
        let hour = num(11, 2)?;
        expect(13, b":")?;
        let minute = num(14, 2)?;
        expect(16, b":")?;
        let second = num(17, 2)?;
        if !(1..=12).contains(&month) {
            return Err(err(5));
        }
        if day < 1 || day > days_in_month(year, month) {
            return Err(err(8));
        }
        if hour > 23 {
            return Err(err(11));
        }
        if minute > 59 {
            return Err(err(14));
        }
        // A leap second (60) is folded into the next second, as most parsers do.
        if second > 60 {
            return Err(err(17));
        }
        let mut at = 19;
        let mut nanos = 0u32;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            let mut scale = NANOS / 10;
            while let Some(d) = b.get(at).filter(|d| d.is_ascii_digit()) {
                nanos += u32::from(d - b'0') * scale;
                scale /= 10;
                at += 1;
            }
            if at == start {
                return Err(err(at));
            }
        }
        let offset_secs = match b.get(at) {
            Some(b'Z' | b'z') => {
                at += 1;
                0
            }
            Some(sign @ (b'+' | b'-')) => {
                let sign = if *sign == b'-' { -1 } else { 1 };
                let oh = num(at + 1, 2)?;
                expect(at + 3, b":")?;
                let om = num(at + 4, 2)?;
                if oh > 23 || om > 59 {
                    return Err(err(at + 1));
                }
                at += 6;
                sign * (oh * 3600 + om * 60)
            }
            _ => return Err(err(at)),
        };
        if at != b.len() {
            return Err(err(at));
        }
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
        Ok(Self { secs, nanos })
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: `(year, month, day)`.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, with the fraction only when there is one (`2023-11-14T22:13:20.5Z`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )?;
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            serializer.serialize_i64(self.secs)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("epoch seconds or an RFC 3339 date-time")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
                Ok(Timestamp::from_secs(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
                i64::try_from(v)
                    .map(Timestamp::from_secs)
                    .map_err(|_| E::custom(TimestampError::OutOfRange))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Timestamp, E> {
                Timestamp::from_secs_f64(v).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse_rfc3339(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
