//! Image Builder semantic versions: `1.2.3`, build versions `1.2.3/4` and `x` wildcard filters.
//!
//! # The rules
//!
//! - A version has three nodes, `<major>.<minor>.<patch>`, each an integer in
//!   `0..=1073741823` ([`MAX_NODE`], 2^30-1).
//! - A build version adds a fourth node assigned by the service, `<major>.<minor>.<patch>/<build>`;
//!   the build is a positive integer (`>= 1`).
//! - A filter may use `x` as a wildcard node; every node to the right of the first `x` must also be
//!   `x` (`1.x.x` and `x.x.x` are filters, `1.x.2` and `x.2.x` are not). A build node can never be a
//!   wildcard, and a filter never carries a build.
//! - Ordering is numeric node by node (`1.10.0 > 1.9.0`), then by build.
//!
//! # Where we are stricter than the model's patterns
//!
//! The model's regular expressions (`VersionNumber` is `^[0-9]+\.[0-9]+\.[0-9]+$`,
//! `WildcardVersionNumber` is `^(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$`) accept strings the
//! service's documented rules refuse. We refuse them too, each with its own error kind (see
//! [`VersionErrorKind::is_stricter_than_model`]):
//!
//! - [`VersionErrorKind::NodeTooLarge`]: a node above 2^30-1 (documented limit).
//! - [`VersionErrorKind::WildcardFollowedByNumber`]: `1.x.2` (documented filter rule).
//! - [`VersionErrorKind::WildcardBuild`]: a wildcard version with a build (`1.x.x/3`) or a wildcard
//!   build (`1.2.3/x`): the build is assigned by the service and is never a wildcard.
//! - [`VersionErrorKind::BuildZero`]: build `0` (builds are positive integers).
//! - [`VersionErrorKind::BuildTooLarge`]: a build above `u32::MAX` (4294967295). Builds are
//!   per-version counters the service assigns; this bound is ours, so that a build fits a `u32`.
//! - [`VersionErrorKind::LeadingZero`]: a node written with leading zeros (`01.2.3`, `1.2.3/04`).
//!   The service stores and compares versions numerically and echoes them back normalised, so
//!   `01.2.3` and `1.2.3` would name the same version under two spellings (and an ARN built from
//!   one would not equal the ARN the service returns). `0` itself is fine.
//!
//! # Examples
//!
//! ```
//! use imagebuilder_core::version::{latest_matching, BuildVersion, Version, VersionFilter};
//!
//! let v: Version = "1.10.0".parse()?;
//! assert!(v > "1.9.0".parse()?);
//! let filter: VersionFilter = "1.x.x".parse()?;
//! assert!(filter.matches(&v));
//! let builds: Vec<BuildVersion> = ["1.2.3/1", "1.10.0/2", "2.0.0/1"]
//!     .iter()
//!     .map(|s| s.parse())
//!     .collect::<Result<_, _>>()?;
//! let latest = latest_matching(&filter, &builds);
//! assert_eq!(latest.map(ToString::to_string).as_deref(), Some("1.10.0/2"));
//! # Ok::<(), imagebuilder_core::version::VersionError>(())
//! ```

use core::fmt;
use core::str::FromStr;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The largest value of a major, minor or patch node: 2^30-1 (1073741823).
pub const MAX_NODE: u32 = (1 << 30) - 1;

/// The largest build number we represent (`u32::MAX`); see the module docs.
pub const MAX_BUILD: u32 = u32::MAX;

/// The model shapes [`validate_for`] knows.
pub const SHAPES: &[&str] = &[
    "VersionNumber",
    "VersionNumberWithBuild",
    "WildcardVersionNumber",
];

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

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
    /// [`validate_for`] was given a shape name it does not know.
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

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// A semantic version `<major>.<minor>.<patch>`, each node in `0..=`[`MAX_NODE`].
///
/// Ordered numerically node by node. Serialises as `{"major":1,"minor":2,"patch":3}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Version {
    major: u32,
    minor: u32,
    patch: u32,
}

impl Version {
    /// A version from its nodes; [`VersionErrorKind::NodeTooLarge`] if one is above [`MAX_NODE`]
    /// (the offset is then the node's byte offset in the displayed version).
    pub fn new(major: u32, minor: u32, patch: u32) -> Result<Self, VersionError> {
        let nodes = [
            (major, VersionNode::Major),
            (minor, VersionNode::Minor),
            (patch, VersionNode::Patch),
        ];
        let mut offset = 0;
        for (value, node) in nodes {
            if value > MAX_NODE {
                return Err(VersionError::new(
                    VersionErrorKind::NodeTooLarge,
                    offset,
                    Some(node),
                ));
            }
            offset += decimal_len(value) + 1;
        }
        Ok(Self {
            major,
            minor,
            patch,
        })
    }

    /// Parses `<major>.<minor>.<patch>` (no build, no wildcard).
    pub fn parse(s: &str) -> Result<Self, VersionError> {
        match parse_with(s, Forms::VERSION)? {
            VersionSpec::Version(v) => Ok(v),
            // parse_with only returns the forms it was asked for.
            _ => Err(VersionError::new(
                VersionErrorKind::UnexpectedCharacter,
                0,
                None,
            )),
        }
    }

    /// The major node.
    pub const fn major(&self) -> u32 {
        self.major
    }

    /// The minor node.
    pub const fn minor(&self) -> u32 {
        self.minor
    }

    /// The patch node.
    pub const fn patch(&self) -> u32 {
        self.patch
    }

    /// This version with a build: `1.2.3` + 4 = `1.2.3/4`. [`VersionErrorKind::BuildZero`] if
    /// `build` is 0.
    pub fn with_build(self, build: u32) -> Result<BuildVersion, VersionError> {
        BuildVersion::new(self, build)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A build version `<major>.<minor>.<patch>/<build>`, the build `>= 1`.
///
/// Ordered by version, then build. Serialises as `{"major":1,"minor":2,"patch":3,"build":4}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BuildVersion {
    version: Version,
    build: u32,
}

impl BuildVersion {
    /// A build version; [`VersionErrorKind::BuildZero`] if `build` is 0.
    pub fn new(version: Version, build: u32) -> Result<Self, VersionError> {
        if build == 0 {
            let offset = version.to_string().len() + 1;
            return Err(VersionError::new(
                VersionErrorKind::BuildZero,
                offset,
                Some(VersionNode::Build),
            ));
        }
        Ok(Self { version, build })
    }

    /// Parses `<major>.<minor>.<patch>/<build>`.
    pub fn parse(s: &str) -> Result<Self, VersionError> {
        match parse_with(s, Forms::BUILD)? {
            VersionSpec::Build(b) => Ok(b),
            _ => Err(VersionError::new(
                VersionErrorKind::MissingBuild,
                s.len(),
                Some(VersionNode::Build),
            )),
        }
    }

    /// The version part (`1.2.3` of `1.2.3/4`).
    pub const fn version(&self) -> Version {
        self.version
    }

    /// The build (`4` of `1.2.3/4`), at least 1.
    pub const fn build(&self) -> u32 {
        self.build
    }
}

impl fmt::Display for BuildVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.version, self.build)
    }
}

impl FromStr for BuildVersion {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for BuildVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("BuildVersion", 4)?;
        s.serialize_field("major", &self.version.major)?;
        s.serialize_field("minor", &self.version.minor)?;
        s.serialize_field("patch", &self.version.patch)?;
        s.serialize_field("build", &self.build)?;
        s.end()
    }
}

/// One node of a [`VersionFilter`]: a number or the `x` wildcard.
///
/// Serialises as the number, or as the string `"x"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterNode {
    /// A concrete node value.
    Number(u32),
    /// `x`: any value.
    Wildcard,
}

impl fmt::Display for FilterNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Wildcard => f.write_str("x"),
        }
    }
}

impl Serialize for FilterNode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Number(n) => serializer.serialize_u32(*n),
            Self::Wildcard => serializer.serialize_str("x"),
        }
    }
}

/// A version filter such as `1.2.x`, `1.x.x`, `x.x.x` or an exact `1.2.3`.
///
/// Always obeys the rule that every node right of the first `x` is also `x`. Serialises as
/// `{"major":1,"minor":"x","patch":"x"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VersionFilter {
    // `None` is a wildcard; once a node is `None`, the following ones are too.
    nodes: [Option<u32>; 3],
}

impl VersionFilter {
    /// `x.x.x`: matches every version.
    pub const ANY: Self = Self {
        nodes: [None, None, None],
    };

    /// A filter from its nodes, checking the wildcard rule and the node limit.
    pub fn new(
        major: FilterNode,
        minor: FilterNode,
        patch: FilterNode,
    ) -> Result<Self, VersionError> {
        let mut nodes = [None; 3];
        let mut offset = 0;
        let mut seen_wildcard = false;
        for (i, (node, name)) in [
            (major, VersionNode::Major),
            (minor, VersionNode::Minor),
            (patch, VersionNode::Patch),
        ]
        .into_iter()
        .enumerate()
        {
            match node {
                FilterNode::Wildcard => {
                    seen_wildcard = true;
                    offset += 2;
                }
                FilterNode::Number(n) => {
                    if seen_wildcard {
                        let kind = VersionErrorKind::WildcardFollowedByNumber;
                        return Err(VersionError::new(kind, offset, Some(name)));
                    }
                    if n > MAX_NODE {
                        return Err(VersionError::new(
                            VersionErrorKind::NodeTooLarge,
                            offset,
                            Some(name),
                        ));
                    }
                    nodes[i] = Some(n);
                    offset += decimal_len(n) + 1;
                }
            }
        }
        Ok(Self { nodes })
    }

    /// The filter that matches exactly `version`.
    pub const fn exact(version: Version) -> Self {
        Self {
            nodes: [
                Some(version.major),
                Some(version.minor),
                Some(version.patch),
            ],
        }
    }

    /// Parses a filter: three nodes, each a number or `x`, wildcards only at the right. No build.
    pub fn parse(s: &str) -> Result<Self, VersionError> {
        match parse_with(s, Forms::FILTER)? {
            VersionSpec::Wildcard(f) => Ok(f),
            VersionSpec::Version(v) => Ok(Self::exact(v)),
            VersionSpec::Build(_) => Err(VersionError::new(
                VersionErrorKind::BuildNotAllowed,
                0,
                None,
            )),
        }
    }

    /// The three nodes.
    pub fn nodes(&self) -> [FilterNode; 3] {
        self.nodes
            .map(|n| n.map_or(FilterNode::Wildcard, FilterNode::Number))
    }

    /// Whether at least one node is `x`.
    pub const fn has_wildcard(&self) -> bool {
        self.nodes[2].is_none()
    }

    /// The version this filter names exactly, if it has no wildcard.
    pub const fn as_version(&self) -> Option<Version> {
        match self.nodes {
            [Some(major), Some(minor), Some(patch)] => Some(Version {
                major,
                minor,
                patch,
            }),
            _ => None,
        }
    }

    /// Whether `version` matches: every numeric node equal, `x` nodes anything.
    #[inline]
    pub fn matches(&self, version: &Version) -> bool {
        node_matches(self.nodes[0], version.major)
            && node_matches(self.nodes[1], version.minor)
            && node_matches(self.nodes[2], version.patch)
    }
}

#[inline]
fn node_matches(node: Option<u32>, value: u32) -> bool {
    match node {
        Some(n) => n == value,
        None => true,
    }
}

impl Default for VersionFilter {
    fn default() -> Self {
        Self::ANY
    }
}

impl From<Version> for VersionFilter {
    fn from(version: Version) -> Self {
        Self::exact(version)
    }
}

impl fmt::Display for VersionFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c] = self.nodes();
        write!(f, "{a}.{b}.{c}")
    }
}

impl FromStr for VersionFilter {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for VersionFilter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let [a, b, c] = self.nodes();
        let mut s = serializer.serialize_struct("VersionFilter", 3)?;
        s.serialize_field("major", &a)?;
        s.serialize_field("minor", &b)?;
        s.serialize_field("patch", &c)?;
        s.end()
    }
}

/// Which of the three version forms a [`VersionSpec`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionKind {
    /// A filter with at least one `x` node (`1.x.x`).
    Wildcard,
    /// `<major>.<minor>.<patch>`.
    Version,
    /// `<major>.<minor>.<patch>/<build>`.
    BuildVersion,
}

impl VersionKind {
    /// `"wildcard"`, `"version"` or `"buildVersion"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Wildcard => "wildcard",
            Self::Version => "version",
            Self::BuildVersion => "buildVersion",
        }
    }
}

impl Serialize for VersionKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Any version-shaped value: a wildcard filter, a version or a build version (what may follow a
/// resource name in an ARN).
///
/// [`VersionSpec::parse`] returns [`Wildcard`](Self::Wildcard) only for filters with an `x`; use
/// [`VersionSpec::from`] on a [`VersionFilter`] to get the same normalisation.
/// Serialises as `{"kind":"buildVersion","major":1,"minor":2,"patch":3,"build":4}` (`build` is
/// `null` for the other kinds, wildcard nodes are `"x"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionSpec {
    /// A filter with at least one wildcard node.
    Wildcard(VersionFilter),
    /// A version.
    Version(Version),
    /// A build version.
    Build(BuildVersion),
}

impl VersionSpec {
    /// Parses any of the three forms (`1.x.x`, `1.2.3`, `1.2.3/4`).
    pub fn parse(s: &str) -> Result<Self, VersionError> {
        parse_with(s, Forms::ANY)
    }

    /// Parses a version or a build version (`1.2.3`, `1.2.3/4`), refusing wildcards: the model's
    /// `VersionNumberWithBuild`.
    pub fn parse_concrete(s: &str) -> Result<Self, VersionError> {
        parse_with(s, Forms::CONCRETE)
    }

    /// The form.
    pub const fn kind(&self) -> VersionKind {
        match self {
            Self::Wildcard(_) => VersionKind::Wildcard,
            Self::Version(_) => VersionKind::Version,
            Self::Build(_) => VersionKind::BuildVersion,
        }
    }

    /// The version without its build, if concrete.
    pub const fn version(&self) -> Option<Version> {
        match self {
            Self::Wildcard(f) => f.as_version(),
            Self::Version(v) => Some(*v),
            Self::Build(b) => Some(b.version),
        }
    }

    /// The build, for a build version.
    pub const fn build(&self) -> Option<u32> {
        match self {
            Self::Build(b) => Some(b.build),
            _ => None,
        }
    }

    /// The filter this spec selects with: its own filter, or the exact version (a build's version).
    pub const fn filter(&self) -> VersionFilter {
        match self {
            Self::Wildcard(f) => *f,
            Self::Version(v) => VersionFilter::exact(*v),
            Self::Build(b) => VersionFilter::exact(b.version),
        }
    }
}

impl From<Version> for VersionSpec {
    fn from(v: Version) -> Self {
        Self::Version(v)
    }
}

impl From<BuildVersion> for VersionSpec {
    fn from(b: BuildVersion) -> Self {
        Self::Build(b)
    }
}

impl From<VersionFilter> for VersionSpec {
    /// A filter without wildcards becomes [`VersionSpec::Version`].
    fn from(f: VersionFilter) -> Self {
        match f.as_version() {
            Some(v) => Self::Version(v),
            None => Self::Wildcard(f),
        }
    }
}

impl fmt::Display for VersionSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Wildcard(x) => x.fmt(f),
            Self::Version(v) => v.fmt(f),
            Self::Build(b) => b.fmt(f),
        }
    }
}

impl FromStr for VersionSpec {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for VersionSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let [a, b, c] = self.filter().nodes();
        let mut s = serializer.serialize_struct("VersionSpec", 5)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("major", &a)?;
        s.serialize_field("minor", &b)?;
        s.serialize_field("patch", &c)?;
        s.serialize_field("build", &self.build())?;
        s.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Which forms a parse accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Forms {
    pub(crate) wildcard: bool,
    pub(crate) version: bool,
    pub(crate) build: bool,
}

impl Forms {
    pub(crate) const ANY: Self = Self {
        wildcard: true,
        version: true,
        build: true,
    };
    pub(crate) const VERSION: Self = Self {
        wildcard: false,
        version: true,
        build: false,
    };
    pub(crate) const BUILD: Self = Self {
        wildcard: false,
        version: false,
        build: true,
    };
    pub(crate) const FILTER: Self = Self {
        wildcard: true,
        version: true,
        build: false,
    };
    pub(crate) const CONCRETE: Self = Self {
        wildcard: false,
        version: true,
        build: true,
    };
}

const DOTTED: [VersionNode; 3] = [VersionNode::Major, VersionNode::Minor, VersionNode::Patch];

/// The kind for an unexpected byte inside a node: letters and signs make a non-numeric node,
/// anything else is a stray character.
fn stray(c: u8) -> VersionErrorKind {
    if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'_') {
        VersionErrorKind::NonNumericNode
    } else {
        VersionErrorKind::UnexpectedCharacter
    }
}

/// Reads a decimal number starting at `b[i]` (a digit), refusing leading zeros and values above
/// `max`. Returns the value and the index after it. Stops as soon as the value exceeds `max`, so
/// it never reads more than 11 digits.
#[inline]
fn read_number(
    b: &[u8],
    mut i: usize,
    max: u32,
    too_large: VersionErrorKind,
    node: VersionNode,
) -> Result<(u32, usize), VersionError> {
    let start = i;
    if b[i] == b'0' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return Err(VersionError::new(
            VersionErrorKind::LeadingZero,
            start,
            Some(node),
        ));
    }
    let mut value: u64 = 0;
    while let Some(&c) = b.get(i)
        && c.is_ascii_digit()
    {
        value = value * 10 + u64::from(c - b'0');
        if value > u64::from(max) {
            return Err(VersionError::new(too_large, start, Some(node)));
        }
        i += 1;
    }
    // `value <= max <= u32::MAX` here.
    Ok((value as u32, i))
}

/// The single parser behind every version entry point: parses `s` and checks it is one of the
/// `forms` allowed. Errors report the leftmost broken rule.
pub(crate) fn parse_with(s: &str, forms: Forms) -> Result<VersionSpec, VersionError> {
    use VersionErrorKind as K;
    let b = s.as_bytes();
    if b.is_empty() {
        return Err(VersionError::new(K::Empty, 0, None));
    }
    let mut i = 0;
    let mut nodes = [None::<u32>; 3];
    let mut wildcard = false;
    for (n, &node) in DOTTED.iter().enumerate() {
        if n > 0 {
            match b.get(i) {
                Some(b'.') => i += 1,
                None | Some(b'/') => return Err(VersionError::new(K::TooFewNodes, i, Some(node))),
                Some(&c) => return Err(VersionError::new(stray(c), i, Some(DOTTED[n - 1]))),
            }
        }
        match b.get(i) {
            None | Some(b'.' | b'/') => return Err(VersionError::new(K::EmptyNode, i, Some(node))),
            Some(b'x') => {
                if !forms.wildcard {
                    return Err(VersionError::new(K::WildcardNotAllowed, i, Some(node)));
                }
                wildcard = true;
                i += 1;
            }
            Some(c) if c.is_ascii_digit() => {
                if wildcard {
                    return Err(VersionError::new(
                        K::WildcardFollowedByNumber,
                        i,
                        Some(node),
                    ));
                }
                let (value, next) = read_number(b, i, MAX_NODE, K::NodeTooLarge, node)?;
                nodes[n] = Some(value);
                i = next;
            }
            Some(b'+' | b'-') => return Err(VersionError::new(K::LeadingSign, i, Some(node))),
            Some(&c) => return Err(VersionError::new(stray(c), i, Some(node))),
        }
    }
    match b.get(i) {
        None => {
            if wildcard {
                Ok(VersionSpec::Wildcard(VersionFilter { nodes }))
            } else if forms.version {
                let [major, minor, patch] = nodes.map(|n| n.unwrap_or(0));
                Ok(VersionSpec::Version(Version {
                    major,
                    minor,
                    patch,
                }))
            } else {
                Err(VersionError::new(
                    K::MissingBuild,
                    i,
                    Some(VersionNode::Build),
                ))
            }
        }
        Some(b'.') => Err(VersionError::new(K::TooManyNodes, i, None)),
        Some(b'/') => {
            if wildcard {
                return Err(VersionError::new(
                    K::WildcardBuild,
                    i,
                    Some(VersionNode::Build),
                ));
            }
            if !forms.build {
                return Err(VersionError::new(
                    K::BuildNotAllowed,
                    i,
                    Some(VersionNode::Build),
                ));
            }
            i += 1;
            let node = Some(VersionNode::Build);
            let build = match b.get(i) {
                None | Some(b'.' | b'/') => return Err(VersionError::new(K::EmptyNode, i, node)),
                Some(b'x') => return Err(VersionError::new(K::WildcardBuild, i, node)),
                Some(c) if c.is_ascii_digit() => {
                    let start = i;
                    let (value, next) =
                        read_number(b, i, MAX_BUILD, K::BuildTooLarge, VersionNode::Build)?;
                    if value == 0 {
                        return Err(VersionError::new(K::BuildZero, start, node));
                    }
                    i = next;
                    value
                }
                Some(b'+' | b'-') => return Err(VersionError::new(K::LeadingSign, i, node)),
                Some(&c) => return Err(VersionError::new(stray(c), i, node)),
            };
            match b.get(i) {
                None => {
                    let [major, minor, patch] = nodes.map(|n| n.unwrap_or(0));
                    Ok(VersionSpec::Build(BuildVersion {
                        version: Version {
                            major,
                            minor,
                            patch,
                        },
                        build,
                    }))
                }
                Some(b'.' | b'/') => Err(VersionError::new(K::TooManyNodes, i, None)),
                Some(&c) => Err(VersionError::new(stray(c), i, node)),
            }
        }
        Some(&c) => Err(VersionError::new(stray(c), i, Some(VersionNode::Patch))),
    }
}

fn decimal_len(mut n: u32) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

/// Whether `value` is acceptable for the model shape `shape`: `VersionNumber` (a version),
/// `VersionNumberWithBuild` (a version or a build version) or `WildcardVersionNumber` (a filter).
/// Any other name gives [`VersionErrorKind::UnknownShape`]. See [`SHAPES`].
///
/// The model's length bounds for `VersionNumberWithBuild` (5..=64) are implied by the node
/// limits: any accepted value is 5 to 43 bytes long.
pub fn validate_for(shape: &str, value: &str) -> Result<(), VersionError> {
    let forms = match shape {
        "VersionNumber" => Forms::VERSION,
        "VersionNumberWithBuild" => Forms::CONCRETE,
        "WildcardVersionNumber" => Forms::FILTER,
        _ => return Err(VersionError::new(VersionErrorKind::UnknownShape, 0, None)),
    };
    parse_with(value, forms).map(|_| ())
}

// ---------------------------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------------------------

/// Something with a version and maybe a build: [`Version`], [`BuildVersion`], or your own record
/// (an image summary, say), so that [`latest_matching`] can pick among them.
pub trait Versioned {
    /// The `<major>.<minor>.<patch>` part.
    fn version(&self) -> Version;
    /// The build, if any; `None` sorts before every build of the same version.
    fn build(&self) -> Option<u32> {
        None
    }
}

impl Versioned for Version {
    #[inline]
    fn version(&self) -> Version {
        *self
    }
}

impl Versioned for BuildVersion {
    #[inline]
    fn version(&self) -> Version {
        self.version
    }
    #[inline]
    fn build(&self) -> Option<u32> {
        Some(self.build)
    }
}

impl<T: Versioned + ?Sized> Versioned for &T {
    #[inline]
    fn version(&self) -> Version {
        (**self).version()
    }
    #[inline]
    fn build(&self) -> Option<u32> {
        (**self).build()
    }
}

/// The highest item whose version matches `filter` (versions compared numerically, then builds):
/// how a recipe's `x.x.x` (or `1.x.x`...) parent image or component resolves. `None` if nothing
/// matches. On ties the first one wins. One pass, no allocation.
pub fn latest_matching<'a, T, I>(filter: &VersionFilter, items: I) -> Option<&'a T>
where
    T: Versioned + ?Sized + 'a,
    I: IntoIterator<Item = &'a T>,
{
    let mut best: Option<(&'a T, Version, Option<u32>)> = None;
    for item in items {
        let version = item.version();
        if !filter.matches(&version) {
            continue;
        }
        let build = item.build();
        let better = match &best {
            None => true,
            Some((_, bv, bb)) => (version, build) > (*bv, *bb),
        };
        if better {
            best = Some((item, version, build));
        }
    }
    best.map(|(item, _, _)| item)
}

/// The four "latest version references" GetImage reports for an image build version `of`,
/// computed offline from the build versions that exist (`all`; `of` counts as one of them whether
/// or not `all` includes it, so every reference is present).
///
/// Serialises with the model's member names minus the `Arn` suffix:
/// `{"latestVersion":…, "latestMajorVersion":…, "latestMinorVersion":…, "latestPatchVersion":…}`;
/// [`crate::arn::latest_version_reference_arns`] gives the ARN form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatestVersionReferences {
    /// The latest build version overall (what `x.x.x` resolves to).
    pub latest_version: BuildVersion,
    /// The latest with the same major node as `of` (`<major>.x.x`).
    pub latest_major_version: BuildVersion,
    /// The latest with the same major and minor nodes (`<major>.<minor>.x`).
    pub latest_minor_version: BuildVersion,
    /// The latest build of the same `<major>.<minor>.<patch>`.
    pub latest_patch_version: BuildVersion,
}

/// Computes [`LatestVersionReferences`] for `of` among `all` in one pass.
pub fn latest_version_references<'a, I>(of: BuildVersion, all: I) -> LatestVersionReferences
where
    I: IntoIterator<Item = &'a BuildVersion>,
{
    let mut refs = LatestVersionReferences {
        latest_version: of,
        latest_major_version: of,
        latest_minor_version: of,
        latest_patch_version: of,
    };
    let v = of.version;
    for &candidate in all {
        let c = candidate.version;
        refs.latest_version = refs.latest_version.max(candidate);
        if c.major == v.major {
            refs.latest_major_version = refs.latest_major_version.max(candidate);
            if c.minor == v.minor {
                refs.latest_minor_version = refs.latest_minor_version.max(candidate);
                if c.patch == v.patch {
                    refs.latest_patch_version = refs.latest_patch_version.max(candidate);
                }
            }
        }
    }
    refs
}
