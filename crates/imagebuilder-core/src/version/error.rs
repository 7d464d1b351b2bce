//! What a version string did wrong: [`VersionError`] (the rule, the node and the byte offset).

use core::fmt;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Which rule a version string broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VersionErrorKind {
    /// The string is empty.
    Empty,
    /// A node is empty (`1..3`, `1.2.`, `1.2.3/`).
    EmptyNode,
    /// A node holds something other than digits (or `x` where a wildcard may stand).
    NonNumericNode,
    /// A node starts with `+` or `-`.
    LeadingSign,
    /// A node has leading zeros (`01`). Stricter than the model's patterns: see the module docs.
    LeadingZero,
    /// A major, minor or patch node is above 2^30-1. Stricter than the model's patterns.
    NodeTooLarge,
    /// A build is above `u32::MAX`. Stricter than the model's patterns.
    BuildTooLarge,
    /// Fewer than three nodes before the end or the `/`.
    TooFewNodes,
    /// More than three dotted nodes, or more than one build node.
    TooManyNodes,
    /// A character that has no place in a version (space, `*`, `:`, non-ASCII...).
    UnexpectedCharacter,
    /// A number to the right of a wildcard (`1.x.2`). Stricter than the model's patterns.
    WildcardFollowedByNumber,
    /// A build on a wildcard version (`1.x.x/3`) or a wildcard build (`1.2.3/x`). Stricter than
    /// the model's patterns.
    WildcardBuild,
    /// A wildcard where a concrete version is required.
    WildcardNotAllowed,
    /// Build `0`: builds start at 1. Stricter than the model's patterns.
    BuildZero,
    /// A build where only a version (or filter) is allowed.
    BuildNotAllowed,
    /// A version without the build that is required here.
    MissingBuild,
    /// [`validate_for`](super::validate_for) was given a shape name it does not know.
    UnknownShape,
}

impl VersionErrorKind {
    /// The kind's stable name (`"LeadingZero"`), as serialised.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Empty => "Empty",
            Self::EmptyNode => "EmptyNode",
            Self::NonNumericNode => "NonNumericNode",
            Self::LeadingSign => "LeadingSign",
            Self::LeadingZero => "LeadingZero",
            Self::NodeTooLarge => "NodeTooLarge",
            Self::BuildTooLarge => "BuildTooLarge",
            Self::TooFewNodes => "TooFewNodes",
            Self::TooManyNodes => "TooManyNodes",
            Self::UnexpectedCharacter => "UnexpectedCharacter",
            Self::WildcardFollowedByNumber => "WildcardFollowedByNumber",
            Self::WildcardBuild => "WildcardBuild",
            Self::WildcardNotAllowed => "WildcardNotAllowed",
            Self::BuildZero => "BuildZero",
            Self::BuildNotAllowed => "BuildNotAllowed",
            Self::MissingBuild => "MissingBuild",
            Self::UnknownShape => "UnknownShape",
        }
    }

    /// The rule, in words.
    pub const fn rule(self) -> &'static str {
        match self {
            Self::Empty => "a version must not be empty",
            Self::EmptyNode => "a node must not be empty",
            Self::NonNumericNode => "a node must be a decimal number (or x in a filter)",
            Self::LeadingSign => "a node must not have a sign",
            Self::LeadingZero => "a node must not have leading zeros",
            Self::NodeTooLarge => {
                "a major, minor or patch node must be at most 1073741823 (2^30-1)"
            }
            Self::BuildTooLarge => "a build must be at most 4294967295",
            Self::TooFewNodes => "a version must have three nodes: <major>.<minor>.<patch>",
            Self::TooManyNodes => {
                "a version has three dotted nodes and at most one build: <major>.<minor>.<patch>/<build>"
            }
            Self::UnexpectedCharacter => "only digits, '.', '/' and the wildcard x may appear",
            Self::WildcardFollowedByNumber => {
                "every node to the right of the first x wildcard must also be x"
            }
            Self::WildcardBuild => {
                "a build is never a wildcard and a wildcard version never has a build"
            }
            Self::WildcardNotAllowed => "a concrete version is required here, not an x wildcard",
            Self::BuildZero => "a build must be a positive integer (1 or more)",
            Self::BuildNotAllowed => "a build (/<build>) is not allowed here",
            Self::MissingBuild => {
                "a build version (<major>.<minor>.<patch>/<build>) is required here"
            }
            Self::UnknownShape => "unknown model shape name",
        }
    }

    /// Whether the model's regular expression for the shape would accept what this rule refuses,
    /// i.e. the rule is one of the documented stricter rules listed in the module docs.
    pub const fn is_stricter_than_model(self) -> bool {
        matches!(
            self,
            Self::LeadingZero
                | Self::NodeTooLarge
                | Self::BuildTooLarge
                | Self::WildcardFollowedByNumber
                | Self::WildcardBuild
                | Self::BuildZero
        )
    }
}

impl fmt::Display for VersionErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for VersionErrorKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A node of a version: the three dotted ones and the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionNode {
    /// The first node.
    Major,
    /// The second node.
    Minor,
    /// The third node.
    Patch,
    /// The node after the `/`.
    Build,
}

impl VersionNode {
    /// `"major"`, `"minor"`, `"patch"` or `"build"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Major => "major",
            Self::Minor => "minor",
            Self::Patch => "patch",
            Self::Build => "build",
        }
    }
}

impl fmt::Display for VersionNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for VersionNode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A version string broke a rule: which one ([`kind`](Self::kind)), where (byte
/// [`offset`](Self::offset) into the input) and in which node, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct VersionError {
    /// The rule that was broken.
    pub kind: VersionErrorKind,
    /// Byte offset into the input where the problem starts.
    pub offset: usize,
    /// The node concerned, when there is one.
    pub node: Option<VersionNode>,
}

impl VersionError {
    pub(crate) const fn new(
        kind: VersionErrorKind,
        offset: usize,
        node: Option<VersionNode>,
    ) -> Self {
        Self { kind, offset, node }
    }
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid version at byte {}", self.offset)?;
        if let Some(node) = self.node {
            write!(f, " ({node} node)")?;
        }
        write!(f, ": {} [{}]", self.kind.rule(), self.kind.name())
    }
}

impl std::error::Error for VersionError {}

impl Serialize for VersionError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("VersionError", 4)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("offset", &self.offset)?;
        s.serialize_field("node", &self.node)?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
