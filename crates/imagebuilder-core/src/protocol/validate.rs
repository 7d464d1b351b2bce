//! Input validation against the model: required members, lengths, numeric ranges, enum values
//! and patterns, over the generated shape tables, reporting every violation with its path
//! (`distributions[0].amiDistributionConfiguration.name`) and rule.
//!
//! Typed inputs are validated through the same walk ([`Operation::request`] serializes them to
//! JSON first), so both entry points report the same violations.
//!
//! Patterns: ARN-shaped ones are checked by [`crate::arn::validate_for`] and version-shaped ones
//! by [`crate::version::validate_for`] (both stricter than the model's regexes where the
//! service's rules are); the others run on a small matcher over programs that
//! `cargo xtask codegen` compiles from the regexes, with the model's (Smithy's) semantics: not
//! implicitly anchored, `\w` and `\s` ASCII, and `TagKey`'s leading `(?!aws:)` as a forbidden
//! prefix.
//!
//! [`Operation::request`]: crate::protocol::Operation::request

use super::pattern;
use super::schema::{
    Bounds, Kind, Location, Member, Pattern, PatternCheck, ShapeId, StrId, string,
};
use super::timestamp::Timestamp;
use super::violation::Violation;
use crate::generated::tables::SHAPES;
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// Validates `input` (the operation's input structure as JSON) and returns every violation in
/// member order.
pub(crate) fn validate(input_shape: ShapeId, input: &Map<String, Value>) -> Vec<Violation> {
    let mut walker = Walker {
        path: String::new(),
        out: Vec::new(),
    };
    if let Some(Kind::Structure(members)) = SHAPES.get(usize::from(input_shape)).map(|s| s.kind()) {
        walker.structure(members, input);
    }
    walker.out
}

/// Sorts a handful of keys (an insertion sort: map keys are few, and it keeps the wasm small).
pub(crate) fn sort_keys(keys: &mut [&String]) {
    for i in 1..keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            keys.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A string as a JSON string literal (quoted and escaped).
pub(crate) fn json_quote(s: &str) -> String {
    // Writing a string to a Vec cannot fail, and the output is UTF-8.
    String::from_utf8(serde_json::to_vec(s).unwrap_or_default()).unwrap_or_default()
}

struct Walker {
    path: String,
    out: Vec<Violation>,
}

/// A short description of a JSON value's type, for messages.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// The value quoted for a message, cut after 80 characters.
fn quote(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", json_quote(&s[..at])),
        None => json_quote(s),
    }
}

/// `between 1 and 100`, `at least 1`, `at most 100`.
fn bounds_text(b: Bounds) -> String {
    match (b.min, b.max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_string(),
    }
}

/// Whether `n` is outside the bounds.
fn outside(b: Bounds, n: i64) -> bool {
    b.min.is_some_and(|m| n < m) || b.max.is_some_and(|m| n > m)
}

impl Walker {
    fn push(&mut self, rule: &'static str, message: impl std::fmt::Display) {
        self.out
            .push(Violation::new(self.path.clone(), rule, message));
    }

    fn enter(&mut self, name: &str) -> usize {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        len
    }

    fn structure(&mut self, members: &'static [Member], obj: &Map<String, Value>) {
        for m in members {
            let len = self.enter(m.name());
            match obj.get(m.name()) {
                None | Some(Value::Null) => {
                    if m.required() {
                        self.push("required", "is required");
                    }
                }
                Some(v) => {
                    if matches!(m.location(), Location::Uri(_)) && v.as_str() == Some("") {
                        self.push("required", "must not be empty (it is a URI label)");
                    } else {
                        self.value(m.shape, v, false);
                    }
                }
            }
            self.path.truncate(len);
        }
        // Members the shape does not have, sorted so the report never depends on map order.
        let mut unknown: Vec<&String> = obj
            .keys()
            .filter(|k| !members.iter().any(|m| m.name() == k.as_str()))
            .collect();
        sort_keys(&mut unknown);
        for key in unknown {
            let len = self.enter(key);
            self.push("unknown", "is not a member of the model's structure here");
            self.path.truncate(len);
        }
    }

    fn value(&mut self, id: ShapeId, v: &Value, is_key: bool) {
        let Some(shape) = SHAPES.get(usize::from(id)) else {
            return;
        };
        match shape.kind() {
            Kind::Structure(members) => match v {
                Value::Object(obj) => self.structure(members, obj),
                other => self.type_error("an object", other),
            },
            Kind::List(member, bounds) => match v {
                Value::Array(items) => {
                    self.count(items.len(), bounds, "items");
                    for (i, item) in items.iter().enumerate() {
                        let len = self.path.len();
                        let _ = write!(self.path, "[{i}]");
                        match item {
                            Value::Null => self.type_error("a value", item),
                            _ => self.value(member, item, false),
                        }
                        self.path.truncate(len);
                    }
                }
                other => self.type_error("a list", other),
            },
            Kind::Map(key, value, bounds) => match v {
                Value::Object(entries) => {
                    self.count(entries.len(), bounds, "entries");
                    let mut keys: Vec<&String> = entries.keys().collect();
                    sort_keys(&mut keys);
                    for k in keys {
                        let len = self.path.len();
                        let _ = write!(self.path, "[{}]", json_quote(k));
                        self.value(key, &Value::String(k.clone()), true);
                        match &entries[k] {
                            Value::Null => self.type_error("a value", &Value::Null),
                            item => self.value(value, item, false),
                        }
                        self.path.truncate(len);
                    }
                }
                other => self.type_error("an object", other),
            },
            Kind::String(bounds, values, pattern) => match v {
                Value::String(s) => self.string(shape.name(), s, bounds, values, pattern, is_key),
                other => self.type_error("a string", other),
            },
            Kind::Integer { long, range } => {
                let n = v.as_i64().filter(|n| long || i32::try_from(*n).is_ok());
                match n {
                    Some(n) => {
                        if outside(range, n) {
                            self.push(
                                "range",
                                format_args!("must be {}, got {n}", bounds_text(range)),
                            );
                        }
                    }
                    None => {
                        let expected = if long {
                            "a 64-bit integer"
                        } else {
                            "a 32-bit integer"
                        };
                        self.type_error(expected, v)
                    }
                }
            }
            Kind::Double(range) => match v {
                Value::Number(n) => {
                    let f = n.as_f64().unwrap_or(f64::NAN);
                    let below = range.min.is_some_and(|m| f < m as f64);
                    let above = range.max.is_some_and(|m| f > m as f64);
                    if below || above || f.is_nan() {
                        self.push(
                            "range",
                            format_args!("must be {}, got {n}", bounds_text(range)),
                        );
                    }
                }
                other => self.type_error("a number", other),
            },
            Kind::Boolean => {
                if !v.is_boolean() {
                    self.type_error("a boolean", v)
                }
            }
            Kind::Timestamp => {
                let ok = matches!(v, Value::Number(_) | Value::String(_))
                    && Timestamp::from_json(v).is_ok();
                if !ok {
                    self.type_error("a timestamp (epoch seconds or an RFC 3339 date-time)", v)
                }
            }
        }
    }

    fn type_error(&mut self, expected: &str, got: &Value) {
        self.push(
            "type",
            format_args!("must be {expected}, got {}", describe(got)),
        );
    }

    fn count(&mut self, n: usize, bounds: Bounds, unit: &str) {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        if outside(bounds, n) {
            self.push(
                "length",
                format_args!("must have {} {unit}, got {n}", bounds_text(bounds)),
            );
        }
    }

    fn string(
        &mut self,
        shape: &str,
        s: &str,
        bounds: Bounds,
        values: &[StrId],
        pattern: Option<&Pattern>,
        is_key: bool,
    ) {
        let (what, whose) = if is_key {
            ("the key ", "the key's ")
        } else {
            ("", "")
        };
        let chars = i64::try_from(s.chars().count()).unwrap_or(i64::MAX);
        if outside(bounds, chars) {
            self.push(
                "length",
                format_args!("{whose}length must be {}, got {chars}", bounds_text(bounds)),
            );
        }
        if !values.is_empty() && !values.iter().any(|v| string(*v) == s) {
            let mut listed = String::new();
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    listed.push_str(", ");
                }
                listed.push_str(string(*v));
            }
            self.push(
                "enum",
                format_args!("{what}must be one of {listed}, got {}", quote(s)),
            );
        }
        if let Some(p) = pattern {
            match &p.check {
                PatternCheck::Program(program) => {
                    if !pattern::run(program, s) {
                        self.push(
                            "pattern",
                            format_args!(
                                "{what}must match the pattern {}, got {}",
                                p.source,
                                quote(s)
                            ),
                        );
                    }
                }
                PatternCheck::Arn => {
                    if let Err(e) = crate::arn::validate_for(shape, s) {
                        self.push("arn", format_args!("{what}{e}, got {}", quote(s)));
                    }
                }
                PatternCheck::Version => {
                    if let Err(e) = crate::version::validate_for(shape, s) {
                        self.push("version", format_args!("{what}{e}, got {}", quote(s)));
                    }
                }
            }
        }
    }
}
