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

mod error;
mod parse;
mod select;

pub use error::{VersionError, VersionErrorKind, VersionNode};
use parse::decimal_len;
pub use parse::validate_for;
pub(crate) use parse::{Forms, parse_with};
pub use select::{LatestVersionReferences, Versioned, latest_matching, latest_version_references};

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
