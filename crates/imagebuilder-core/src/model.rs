//! What the service model says beyond its shapes, in one place: the operations, which of them
//! take an idempotency token and which page ([`paginator`]), the waiters of `waiters-2.json`, and
//! the string patterns and how each is checked. All generated from `model/` by
//! `cargo xtask codegen` (the tables live in `generated/`); this module is their API.

use crate::generated::tables;
use crate::protocol::pattern::run;
use crate::protocol::schema::{Kind, Pattern, PatternCheck};

/// Every operation name of the model, sorted.
pub const OPERATIONS: &[&str] = &tables::OPERATION_NAMES;

/// Every operation whose input has an idempotency token (`idempotencyToken: true` in the
/// model), sorted. See [`client_token_member`].
pub const IDEMPOTENT_OPERATIONS: &[&str] = &tables::IDEMPOTENT_OPERATIONS;

/// Every operation with a paginator in `paginators-1.json`, sorted. See [`paginator`].
pub const PAGINATED_OPERATIONS: &[&str] = &tables::PAGINATED_OPERATIONS;

/// How an operation pages, as `paginators-1.json` says (member names of its input and output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Paginator {
    /// The input member that takes the token of the next page (`nextToken`).
    pub input_token: &'static str,
    /// The output member that carries the token of the next page (`nextToken`).
    pub output_token: &'static str,
    /// The input member that limits the page size (`maxResults`), `None` for the operations
    /// whose paginator has no `limit_key` (`ListImageScanFindingAggregations`).
    pub limit_key: Option<&'static str>,
    /// The output member holding the page's items.
    pub result_key: &'static str,
}

/// The idempotency-token member of `operation`'s input (`clientToken`), or `None` when the
/// operation has none or is not in the model.
///
/// ```
/// use imagebuilder_core::model;
///
/// assert_eq!(model::client_token_member("CreateImage"), Some("clientToken"));
/// assert_eq!(model::client_token_member("ListImages"), None);
/// ```
pub fn client_token_member(operation: &str) -> Option<&'static str> {
    let tokens = &tables::CLIENT_TOKENS;
    tokens
        .binary_search_by(|(name, _)| (*name).cmp(operation))
        .ok()
        .map(|i| tokens[i].1)
}

/// `operation`'s paginator, or `None` when it does not page or is not in the model.
///
/// ```
/// use imagebuilder_core::model;
///
/// let p = model::paginator("ListImages").expect("ListImages pages");
/// assert_eq!((p.input_token, p.result_key), ("nextToken", "imageVersionList"));
/// assert_eq!(model::paginator("GetImage"), None);
/// ```
pub fn paginator(operation: &str) -> Option<Paginator> {
    let paginators = &tables::PAGINATORS;
    paginators
        .binary_search_by(|(name, _)| (*name).cmp(operation))
        .ok()
        .map(|i| paginators[i].1)
}

/// A waiter of `waiters-2.json`: poll [`operation`](Self::operation) until the output member at
/// [`path`](Self::path) is one of [`success`](Self::success) (done) or of
/// [`failure`](Self::failure) (it never will be); any other value means poll again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Waiter {
    /// The waiter's name, e.g. `ImageAvailable`.
    pub name: &'static str,
    /// The operation it polls, e.g. `GetImage`.
    pub operation: &'static str,
    /// Seconds between polls.
    pub delay_seconds: u32,
    /// Polls in all.
    pub max_attempts: u32,
    /// The output member path every acceptor reads, e.g. `image.state.status`.
    pub path: &'static str,
    /// The values that mean success.
    pub success: &'static [&'static str],
    /// The values that mean failure.
    pub failure: &'static [&'static str],
}

pub use crate::generated::waiters::*;

/// The waiter named `name` (`ImageAvailable`), or `None`.
///
/// ```
/// let w = imagebuilder_core::model::waiter("ImageAvailable").expect("the model has it");
/// assert_eq!((w.operation, w.path), ("GetImage", "image.state.status"));
/// assert_eq!(w.success, ["AVAILABLE"]);
/// assert_eq!(w.failure, ["FAILED", "CANCELLED"]);
/// ```
pub fn waiter(name: &str) -> Option<&'static Waiter> {
    WAITERS.iter().copied().find(|w| w.name == name)
}

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
    tables::SHAPES
        .iter()
        .filter_map(|shape| match shape.kind() {
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
    tables::SHAPES.iter().find_map(|s| match s.kind() {
        Kind::String(_, _, Some(p)) if s.name() == shape => Some(p),
        _ => None,
    })
}
