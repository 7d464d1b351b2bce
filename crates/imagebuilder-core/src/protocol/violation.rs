//! What input validation reports: [`Violation`]s, gathered in a [`ValidationError`]. A leaf, so
//! that the validator, the engine and the entry points all import it without a cycle.

use std::fmt;

/// One broken rule of an input, with the path of the member that broke it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// Path of the member, e.g. `distributions[0].amiDistributionConfiguration.name`.
    pub path: String,
    /// Which rule: `required`, `length`, `range`, `enum`, `pattern`, `arn`, `version`, ...
    pub rule: &'static str,
    /// A sentence naming the member, the rule and the offending value's problem.
    pub message: String,
}

/// Every violation of an operation's input, in member order. Never empty when returned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidationError {
    /// The operation whose input was checked.
    pub operation: &'static str,
    /// All violations found.
    pub violations: Vec<Violation>,
}

impl Violation {
    /// A violation at `path` (empty for the input as a whole, shown as `(input)`): the message
    /// is `path: problem`, the one way every violation is worded.
    pub fn new(path: impl Into<String>, rule: &'static str, problem: impl fmt::Display) -> Self {
        let path = path.into();
        let shown = if path.is_empty() {
            "(input)"
        } else {
            path.as_str()
        };
        Self {
            message: format!("{shown}: {problem}"),
            path,
            rule,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for ValidationError {
    /// `Operation: path: message; path: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.operation)?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}
