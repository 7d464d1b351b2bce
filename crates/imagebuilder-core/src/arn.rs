//! Image Builder ARNs: parse, classify, validate against the shape an operation expects, format
//! and convert.
//!
//! ```text
//! arn:<partition>:imagebuilder:<region>:<owner>:<resource-type>/<name>[/<version>[/<build>]]
//! ```
//!
//! - **partition**: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`,
//!   `aws-iso-f`, `aws-eusc` ([`KNOWN_PARTITIONS`], from `model/partitions.json`) and any future
//!   partition of the same form `aws(-[a-z]+)*`.
//! - **region**: `[a-z]{2,}(-[a-z]+)+-[0-9]+` (`us-east-1`, `us-gov-west-1`, `eusc-de-east-1`).
//! - **owner** ([`Owner`]): a 12-digit account, `aws`, `aws-marketplace` or `third-party`, as the
//!   shape allows.
//! - **resource type** ([`ResourceType`]): `image`, `image-recipe`, `container-recipe`,
//!   `component`, `infrastructure-configuration`, `distribution-configuration`, `image-pipeline`,
//!   `lifecycle-policy`, `workflow/build`, `workflow/test`, `workflow/distribution`.
//! - **name**: `[a-z0-9-_]+`.
//! - **version** ([`VersionSpec`]): a wildcard filter (`1.x.x`), a version (`1.2.3`) or a build
//!   version (`1.2.3/4`), with the rules of [`crate::version`].
//!
//! # Shapes
//!
//! [`validate_for`] (or [`ArnShape::validate`]) checks a string against one of the model's
//! ARN-typed shapes ([`SHAPES`]), e.g. `ImageBuildVersionArn` accepts only build-version image
//! ARNs. We are never looser than the model's pattern for a shape. We are stricter where the
//! service's documented rules are, each time with a distinct error kind
//! ([`ArnErrorKind::is_stricter_than_model`]):
//!
//! - [`ArnErrorKind::NonstandardPartition`]: most patterns say `aws[^:]*`, which accepts `awsx`
//!   or `aws-` or `aws-CN`; we require `aws(-[a-z]+)*`, the form of every partition in
//!   `partitions.json` and what the model itself requires for lifecycle policies and workflows.
//!   Unknown partitions of that form are accepted (new partitions appear; see
//!   [`ImageBuilderArn::is_known_partition`]).
//! - [`ArnErrorKind::NonstandardRegion`]: most patterns say `[^:]+`; we require the region syntax
//!   above, followed by every region in `partitions.json` and required by the model for lifecycle
//!   policies and workflows. (We do not check that the region belongs to the partition.)
//! - [`ArnErrorKind::UnknownOwnerAlias`]: `aws(?:-[a-z-]+)?` accepts any `aws-…` owner; the
//!   model's `Ownership` enum (Self, Shared, Amazon, ThirdParty, AWSMarketplace) has only
//!   `aws-marketplace` of that form.
//! - [`ArnErrorKind::UnversionedResourceType`]: the generic `ImageBuilderArn` pattern lets any
//!   resource type carry a version; configurations, pipelines and lifecycle policies have none.
//! - [`ArnErrorKind::TrailingCharacters`]: `OrganizationalUnitArn`'s pattern has no end anchor.
//! - The version rules of [`crate::version`]: leading zeros, nodes above 2^30-1, builds above
//!   `u32::MAX`, `1.x.2`, a build on a wildcard version (the generic pattern accepts `x.x.x/1`),
//!   build 0.
//!
//! # Examples
//!
//! ```
//! use imagebuilder_core::arn::{validate_for, ArnVersionKind, ImageBuilderArn};
//!
//! let arn = ImageBuilderArn::parse("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4")?;
//! assert_eq!(arn.kind(), ArnVersionKind::BuildVersion);
//! assert_eq!(arn.name(), "web");
//! let version_arn = arn.version_arn().expect("a build version ARN has a version");
//! assert_eq!(version_arn.to_string(), "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3");
//!
//! let err = validate_for("ImageBuildVersionArn", &version_arn.to_string()).unwrap_err();
//! assert_eq!(err.kind.name(), "MissingBuild");
//! # Ok::<(), imagebuilder_core::arn::ArnError>(())
//! ```

mod error;
mod scan;
mod shape;

pub use error::{ArnError, ArnErrorKind, ArnField};
pub use shape::{ArnShape, SHAPES, validate_for};

use crate::version::{BuildVersion, VersionFilter, VersionSpec, latest_version_references};
use core::fmt;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::borrow::Cow;

/// The partitions `model/partitions.json` lists.
pub const KNOWN_PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-eusc",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-us-gov",
];

/// A 12-digit AWS account ID (leading zeros kept: displays as exactly 12 digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(u64);

impl AccountId {
    /// The account with this number; `None` above 999999999999.
    pub const fn new(id: u64) -> Option<Self> {
        if id <= 999_999_999_999 {
            Some(Self(id))
        } else {
            None
        }
    }

    /// The account number.
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012}", self.0)
    }
}

impl Serialize for AccountId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Who owns an Image Builder resource, as written in its ARN. Serialises as written
/// (`"123456789012"`, `"aws"`, `"aws-marketplace"`, `"third-party"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// An AWS account.
    Account(AccountId),
    /// `aws`: Amazon-managed resources.
    Amazon,
    /// `aws-marketplace`.
    Marketplace,
    /// `third-party`.
    ThirdParty,
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Account(id) => id.fmt(f),
            Self::Amazon => f.write_str("aws"),
            Self::Marketplace => f.write_str("aws-marketplace"),
            Self::ThirdParty => f.write_str("third-party"),
        }
    }
}

impl Serialize for Owner {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An Image Builder resource type. Serialises as written in ARNs (`"workflow/build"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResourceType {
    /// `image`
    Image,
    /// `image-recipe`
    ImageRecipe,
    /// `container-recipe`
    ContainerRecipe,
    /// `component`
    Component,
    /// `infrastructure-configuration`
    InfrastructureConfiguration,
    /// `distribution-configuration`
    DistributionConfiguration,
    /// `image-pipeline`
    ImagePipeline,
    /// `lifecycle-policy`
    LifecyclePolicy,
    /// `workflow/build`
    WorkflowBuild,
    /// `workflow/test`
    WorkflowTest,
    /// `workflow/distribution`
    WorkflowDistribution,
}

impl ResourceType {
    /// Every resource type.
    pub const ALL: [Self; 11] = [
        Self::Image,
        Self::ImageRecipe,
        Self::ContainerRecipe,
        Self::Component,
        Self::InfrastructureConfiguration,
        Self::DistributionConfiguration,
        Self::ImagePipeline,
        Self::LifecyclePolicy,
        Self::WorkflowBuild,
        Self::WorkflowTest,
        Self::WorkflowDistribution,
    ];

    /// As written in ARNs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::ImageRecipe => "image-recipe",
            Self::ContainerRecipe => "container-recipe",
            Self::Component => "component",
            Self::InfrastructureConfiguration => "infrastructure-configuration",
            Self::DistributionConfiguration => "distribution-configuration",
            Self::ImagePipeline => "image-pipeline",
            Self::LifecyclePolicy => "lifecycle-policy",
            Self::WorkflowBuild => "workflow/build",
            Self::WorkflowTest => "workflow/test",
            Self::WorkflowDistribution => "workflow/distribution",
        }
    }

    /// The type written `s` in ARNs.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether resources of this type have versions (images, recipes, components, workflows).
    pub const fn is_versioned(self) -> bool {
        !matches!(
            self,
            Self::InfrastructureConfiguration
                | Self::DistributionConfiguration
                | Self::ImagePipeline
                | Self::LifecyclePolicy
        )
    }

    pub(crate) const fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ResourceType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// How specific the version part of an Image Builder ARN is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArnVersionKind {
    /// No version (`…:image/web`).
    Versionless,
    /// A filter with an `x` node (`…/1.x.x`).
    WildcardVersion,
    /// `…/1.2.3`.
    Version,
    /// `…/1.2.3/4`.
    BuildVersion,
}

impl ArnVersionKind {
    /// `"versionless"`, `"wildcardVersion"`, `"version"` or `"buildVersion"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Versionless => "versionless",
            Self::WildcardVersion => "wildcardVersion",
            Self::Version => "version",
            Self::BuildVersion => "buildVersion",
        }
    }
}

impl fmt::Display for ArnVersionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ArnVersionKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A parsed Image Builder ARN, borrowing the input (`ImageBuilderArn<'a>`) or owning its text
/// (`ImageBuilderArn<'static>`, see [`into_owned`](Self::into_owned)).
///
/// Always valid for the generic `ImageBuilderArn` shape; `Display` gives the ARN back, and
/// parsing that gives an equal value.
///
/// Serialises as `{"arn", "partition", "region", "owner", "resourceType", "name", "kind",
/// "version"}`, `version` being the version text (`"1.2.3/4"`) or `null`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageBuilderArn<'a> {
    partition: Cow<'a, str>,
    region: Cow<'a, str>,
    owner: Owner,
    resource_type: ResourceType,
    name: Cow<'a, str>,
    version: Option<VersionSpec>,
}

impl<'a> ImageBuilderArn<'a> {
    /// Parses any Image Builder ARN (the generic `ImageBuilderArn` shape). No allocation.
    pub fn parse(s: &'a str) -> Result<Self, ArnError> {
        ArnShape::ImageBuilderArn.parse(s)
    }

    /// The partition (`aws`, `aws-cn`...).
    pub fn partition(&self) -> &str {
        &self.partition
    }

    /// Whether the partition is one of [`KNOWN_PARTITIONS`].
    pub fn is_known_partition(&self) -> bool {
        KNOWN_PARTITIONS.contains(&self.partition())
    }

    /// The region (`us-east-1`).
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The owner: an account or an alias.
    pub const fn owner(&self) -> Owner {
        self.owner
    }

    /// The resource type.
    pub const fn resource_type(&self) -> ResourceType {
        self.resource_type
    }

    /// The resource name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The version part, if any.
    pub const fn version(&self) -> Option<VersionSpec> {
        self.version
    }

    /// Versionless, wildcard version, version or build version.
    pub const fn kind(&self) -> ArnVersionKind {
        match self.version {
            None => ArnVersionKind::Versionless,
            Some(VersionSpec::Wildcard(_)) => ArnVersionKind::WildcardVersion,
            Some(VersionSpec::Version(_)) => ArnVersionKind::Version,
            Some(VersionSpec::Build(_)) => ArnVersionKind::BuildVersion,
        }
    }

    /// The same ARN without its version (`…:image/web`).
    pub fn versionless(&self) -> Self {
        Self {
            version: None,
            ..self.clone()
        }
    }

    /// The version ARN (`…/1.2.3`) of a version or build-version ARN; `None` for versionless and
    /// wildcard ARNs.
    pub fn version_arn(&self) -> Option<Self> {
        let version = self.version?.version()?;
        Some(Self {
            version: Some(VersionSpec::Version(version)),
            ..self.clone()
        })
    }

    /// The same resource with another version part (a [`VersionFilter`] without wildcards
    /// becomes a plain version). [`ArnErrorKind::UnversionedResourceType`] for configurations,
    /// pipelines and lifecycle policies (the offset is where the version would start).
    pub fn with_version(&self, version: impl Into<VersionSpec>) -> Result<Self, ArnError> {
        let version = match version.into() {
            VersionSpec::Wildcard(f) => VersionSpec::from(f),
            other => other,
        };
        if !self.resource_type.is_versioned() {
            let offset = self.versionless().to_string().len();
            return Err(ArnError::new(
                ArnErrorKind::UnversionedResourceType,
                ArnField::Version,
                offset,
            ));
        }
        Ok(Self {
            version: Some(version),
            ..self.clone()
        })
    }

    /// The same resource with `filter` as its version part (`…/1.x.x`); see
    /// [`with_version`](Self::with_version).
    pub fn with_filter(&self, filter: VersionFilter) -> Result<Self, ArnError> {
        self.with_version(filter)
    }

    /// Whether this ARN's version part (a filter, or the exact version) selects `version`;
    /// versionless ARNs select every version.
    pub fn selects(&self, version: &crate::version::Version) -> bool {
        self.version.is_none_or(|v| v.filter().matches(version))
    }

    /// Copies the borrowed text so the ARN outlives its input.
    pub fn into_owned(self) -> ImageBuilderArn<'static> {
        ImageBuilderArn {
            partition: Cow::Owned(self.partition.into_owned()),
            region: Cow::Owned(self.region.into_owned()),
            owner: self.owner,
            resource_type: self.resource_type,
            name: Cow::Owned(self.name.into_owned()),
            version: self.version,
        }
    }
}

impl ImageBuilderArn<'static> {
    /// Builds an ARN from its parts, checking each one as [`ImageBuilderArn::parse`] does (the
    /// error offsets refer to the formatted ARN).
    pub fn new(
        partition: &str,
        region: &str,
        owner: Owner,
        resource_type: ResourceType,
        name: &str,
        version: Option<VersionSpec>,
    ) -> Result<Self, ArnError> {
        let mut text =
            format!("arn:{partition}:imagebuilder:{region}:{owner}:{resource_type}/{name}");
        if let Some(v) = version {
            text.push('/');
            text.push_str(&v.to_string());
        }
        let parsed = ImageBuilderArn::parse(&text)?;
        Ok(parsed.into_owned())
    }
}

impl<'a> TryFrom<&'a str> for ImageBuilderArn<'a> {
    type Error = ArnError;
    fn try_from(s: &'a str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl core::str::FromStr for ImageBuilderArn<'static> {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ImageBuilderArn::parse(s).map(ImageBuilderArn::into_owned)
    }
}

impl fmt::Display for ImageBuilderArn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:imagebuilder:{}:{}:{}/{}",
            self.partition, self.region, self.owner, self.resource_type, self.name
        )?;
        if let Some(v) = &self.version {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

impl Serialize for ImageBuilderArn<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ImageBuilderArn", 8)?;
        s.serialize_field("arn", &self.to_string())?;
        s.serialize_field("partition", self.partition())?;
        s.serialize_field("region", self.region())?;
        s.serialize_field("owner", &self.owner)?;
        s.serialize_field("resourceType", &self.resource_type)?;
        s.serialize_field("name", self.name())?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("version", &self.version.map(|v| v.to_string()))?;
        s.end()
    }
}

/// The ARN form of [`crate::version::LatestVersionReferences`]: the model's
/// `LatestVersionReferences` member names, each a build-version ARN of the same resource.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatestVersionArns<'a> {
    /// The latest build version overall.
    pub latest_version_arn: ImageBuilderArn<'a>,
    /// The latest with the same major node.
    pub latest_major_version_arn: ImageBuilderArn<'a>,
    /// The latest with the same major and minor nodes.
    pub latest_minor_version_arn: ImageBuilderArn<'a>,
    /// The latest build of the same version.
    pub latest_patch_version_arn: ImageBuilderArn<'a>,
}

/// The build-version ARNs GetImage's four (wildcard) latest-version references of the
/// build-version ARN `of` resolve to, among the build versions `all` of the same resource (see
/// [`latest_version_references`]).
/// [`ArnErrorKind::Version`]`(MissingBuild)` if `of` is not a build-version ARN.
pub fn latest_version_reference_arns<'a, 'b, I>(
    of: &ImageBuilderArn<'a>,
    all: I,
) -> Result<LatestVersionArns<'a>, ArnError>
where
    I: IntoIterator<Item = &'b BuildVersion>,
{
    let Some(VersionSpec::Build(build)) = of.version else {
        let offset = of.to_string().len();
        let kind = ArnErrorKind::Version(crate::version::VersionErrorKind::MissingBuild);
        return Err(ArnError::new(kind, ArnField::Build, offset));
    };
    let refs = latest_version_references(build, all);
    let with = |b: BuildVersion| ImageBuilderArn {
        version: Some(VersionSpec::Build(b)),
        ..of.clone()
    };
    Ok(LatestVersionArns {
        latest_version_arn: with(refs.latest_version),
        latest_major_version_arn: with(refs.latest_major_version),
        latest_minor_version_arn: with(refs.latest_minor_version),
        latest_patch_version_arn: with(refs.latest_patch_version),
    })
}
