//! The model's string patterns and how each is checked: by the ARN validator, the version
//! validator or the compiled-pattern matcher that input validation uses
//! (`protocol::validate`).

use crate::generated::tables::SHAPES;
use crate::protocol::pattern::run;
use crate::protocol::schema::{Kind, Pattern, PatternCheck};

/// Whether `value` matches the model pattern of the string shape `shape`, by this crate's
/// compiled-pattern matcher.
///
/// `None` when the shape is unknown, has no pattern, or its pattern is checked by the ARN or
/// version validators instead (see [`pattern_check`]).
pub fn matches_pattern(shape: &str, value: &str) -> Option<bool> {
    match find_pattern(shape)?.check {
        PatternCheck::Program(ref program) => Some(run(program, value)),
        PatternCheck::Arn | PatternCheck::Version => None,
    }
}

/// Every string shape with a pattern: `(shape name, the model's pattern, how it is checked)`
/// where the last is `"arn"`, `"version"` or `"pattern"`.
pub fn pattern_checks() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    SHAPES.iter().filter_map(|shape| match shape.kind() {
        Kind::String(_, _, Some(p)) => Some((shape.name(), p.source, check_name(p))),
        _ => None,
    })
}

/// How the pattern of `shape` is checked: `"arn"`, `"version"`, `"pattern"`; `None` when the
/// shape has no pattern.
pub fn pattern_check(shape: &str) -> Option<&'static str> {
    find_pattern(shape).map(check_name)
}

fn check_name(p: &Pattern) -> &'static str {
    match p.check {
        PatternCheck::Arn => "arn",
        PatternCheck::Version => "version",
        PatternCheck::Program(_) => "pattern",
    }
}

fn find_pattern(shape: &str) -> Option<&'static Pattern> {
    SHAPES.iter().find_map(|s| match s.kind() {
        Kind::String(_, _, Some(p)) if s.name() == shape => Some(p),
        _ => None,
    })
}
