//! [`ArnError`]: which part of an ARN broke which rule, and where.

use crate::version::{VersionError, VersionErrorKind, VersionNode};
use core::fmt;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The part of an ARN (or of the input as a whole) an [`ArnError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArnField {
    /// The input as a whole (empty, too long).
    Whole,
    /// The leading `arn:`.
    Prefix,
    /// The partition (`aws`, `aws-cn`...).
    Partition,
    /// The service (`imagebuilder`, `sns`...).
    Service,
    /// The region (`us-east-1`).
    Region,
    /// The account ID or owner alias (`123456789012`, `aws`...).
    Account,
    /// The Image Builder resource type (`image`, `workflow/build`...).
    ResourceType,
    /// The resource name (or, for `RoleNameOrArn`, the role name).
    Name,
    /// The `<major>.<minor>.<patch>` part.
    Version,
    /// The `/<build>` part.
    Build,
    /// The resource part of a non-Image-Builder ARN (SNS topic, license configuration...).
    Resource,
}

impl ArnField {
    /// The field's stable name (`"resource-type"`), as serialised.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Whole => "whole",
            Self::Prefix => "prefix",
            Self::Partition => "partition",
            Self::Service => "service",
            Self::Region => "region",
            Self::Account => "account",
            Self::ResourceType => "resource-type",
            Self::Name => "name",
            Self::Version => "version",
            Self::Build => "build",
            Self::Resource => "resource",
        }
    }
}

impl fmt::Display for ArnField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ArnField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Which rule an ARN broke.
///
/// The kinds for which [`is_stricter_than_model`](Self::is_stricter_than_model) is true are the
/// documented rules by which we refuse strings the model's pattern for the shape accepts; every
/// other kind is a rule of the model itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArnErrorKind {
    /// The input is empty.
    Empty,
    /// Longer than the shape's maximum length in the model.
    TooLong,
    /// Does not start with `arn:`.
    MissingPrefix,
    /// The input ends before this field.
    MissingField,
    /// The field is present but empty.
    EmptyField,
    /// The partition is not `aws` or `aws-…` as the shape's pattern requires.
    InvalidPartition,
    /// Stricter than the model: the partition matches the shape's loose `aws[^:]*` but not the
    /// partition syntax `aws(-[a-z]+)*` every real partition follows (and that the model itself
    /// requires for lifecycle-policy and workflow ARNs).
    NonstandardPartition,
    /// Not the service this shape is for (`imagebuilder`, `sns`...).
    WrongService,
    /// The region does not match the region syntax the shape's pattern requires.
    InvalidRegion,
    /// Stricter than the model: the region matches the shape's loose `[^:]+` but not the region
    /// syntax `[a-z]{2,}(-[a-z]+)+-[0-9]+` every region in `partitions.json` follows (and that the
    /// model itself requires for lifecycle-policy and workflow ARNs).
    NonstandardRegion,
    /// The shape requires an empty region (`arn:aws:organizations::…`, `arn:aws:iam::…`).
    RegionNotAllowed,
    /// Neither a 12-digit account ID nor an owner alias the shape allows.
    InvalidAccount,
    /// An owner alias (`aws-marketplace`, `third-party`) this shape's pattern does not allow.
    OwnerNotAllowed,
    /// Stricter than the model: the shape's `aws(?:-[a-z-]+)?` accepts any `aws-…` owner, but the
    /// only such owner Image Builder has (see the model's `Ownership` enum) is `aws-marketplace`.
    UnknownOwnerAlias,
    /// Not an Image Builder resource type.
    UnknownResourceType,
    /// An Image Builder resource type, but not the one(s) this shape is for.
    WrongResourceType,
    /// A name character outside `[a-z0-9-_]`.
    InvalidName,
    /// The shape requires a version and there is none.
    MissingVersion,
    /// The shape has no version and there is one.
    VersionNotAllowed,
    /// Stricter than the model: the generic `ImageBuilderArn` pattern allows a version after any
    /// resource type, but infrastructure configurations, distribution configurations, image
    /// pipelines and lifecycle policies have no versions (their own shapes have none).
    UnversionedResourceType,
    /// The version part broke a version rule (some of which are stricter than the model: see
    /// [`VersionErrorKind::is_stricter_than_model`]).
    Version(VersionErrorKind),
    /// The resource part of a non-Image-Builder ARN breaks the shape's pattern.
    InvalidResource,
    /// Stricter than the model: the model's `OrganizationalUnitArn` pattern has no end anchor, so
    /// it accepts anything after a valid OU ID; we require the ARN to end there.
    TrailingCharacters,
    /// [`validate_for`](super::validate_for) was given a shape name it does not know.
    UnknownShape,
}

impl ArnErrorKind {
    /// The kind's stable name (`"InvalidAccount"`; version kinds by their own name, e.g.
    /// `"LeadingZero"`), as serialised.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Empty => "Empty",
            Self::TooLong => "TooLong",
            Self::MissingPrefix => "MissingPrefix",
            Self::MissingField => "MissingField",
            Self::EmptyField => "EmptyField",
            Self::InvalidPartition => "InvalidPartition",
            Self::NonstandardPartition => "NonstandardPartition",
            Self::WrongService => "WrongService",
            Self::InvalidRegion => "InvalidRegion",
            Self::NonstandardRegion => "NonstandardRegion",
            Self::RegionNotAllowed => "RegionNotAllowed",
            Self::InvalidAccount => "InvalidAccount",
            Self::OwnerNotAllowed => "OwnerNotAllowed",
            Self::UnknownOwnerAlias => "UnknownOwnerAlias",
            Self::UnknownResourceType => "UnknownResourceType",
            Self::WrongResourceType => "WrongResourceType",
            Self::InvalidName => "InvalidName",
            Self::MissingVersion => "MissingVersion",
            Self::VersionNotAllowed => "VersionNotAllowed",
            Self::UnversionedResourceType => "UnversionedResourceType",
            Self::Version(kind) => kind.name(),
            Self::InvalidResource => "InvalidResource",
            Self::TrailingCharacters => "TrailingCharacters",
            Self::UnknownShape => "UnknownShape",
        }
    }

    /// The rule, in words.
    pub const fn rule(self) -> &'static str {
        match self {
            Self::Empty => "an ARN must not be empty",
            Self::TooLong => "longer than the model allows for this shape",
            Self::MissingPrefix => "an ARN starts with 'arn:'",
            Self::MissingField => "the ARN ends before this field",
            Self::EmptyField => "must not be empty",
            Self::InvalidPartition => "must be 'aws' or 'aws-' followed by the partition's name",
            Self::NonstandardPartition => {
                "must be 'aws' optionally followed by '-<lowercase letters>' groups (aws, aws-cn, aws-us-gov...)"
            }
            Self::WrongService => "not the service this ARN is for",
            Self::InvalidRegion | Self::NonstandardRegion => {
                "must be a region name such as us-east-1 ([a-z]{2,}(-[a-z]+)+-[0-9]+)"
            }
            Self::RegionNotAllowed => "must be empty for this kind of ARN",
            Self::InvalidAccount => "must be a 12-digit account ID or an owner alias",
            Self::OwnerNotAllowed => "this owner alias is not allowed for this kind of ARN",
            Self::UnknownOwnerAlias => {
                "the only owner aliases are aws, aws-marketplace and third-party"
            }
            Self::UnknownResourceType => "not an Image Builder resource type",
            Self::WrongResourceType => "not the resource type this kind of ARN is for",
            Self::InvalidName => "a name has only lowercase letters, digits, '-' and '_'",
            Self::MissingVersion => "a version is required for this kind of ARN",
            Self::VersionNotAllowed => "this kind of ARN has no version",
            Self::UnversionedResourceType => "this resource type has no versions",
            Self::Version(kind) => kind.rule(),
            Self::InvalidResource => "does not have the form this kind of ARN requires",
            Self::TrailingCharacters => "unexpected characters after the end of the ARN",
            Self::UnknownShape => "unknown model shape name",
        }
    }

    /// Whether this is one of the documented rules by which we refuse strings the model's pattern
    /// accepts (see each variant's docs).
    pub const fn is_stricter_than_model(self) -> bool {
        match self {
            Self::NonstandardPartition
            | Self::NonstandardRegion
            | Self::UnknownOwnerAlias
            | Self::UnversionedResourceType
            | Self::TrailingCharacters => true,
            Self::Version(kind) => kind.is_stricter_than_model(),
            _ => false,
        }
    }
}

impl fmt::Display for ArnErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ArnErrorKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// An ARN broke a rule: which ([`kind`](Self::kind)), in which [`field`](Self::field), at which
/// byte [`offset`](Self::offset) of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ArnError {
    /// The rule that was broken.
    pub kind: ArnErrorKind,
    /// The part of the ARN concerned.
    pub field: ArnField,
    /// Byte offset into the input where the problem starts.
    pub offset: usize,
}

impl ArnError {
    pub(crate) const fn new(kind: ArnErrorKind, field: ArnField, offset: usize) -> Self {
        Self {
            kind,
            field,
            offset,
        }
    }

    /// Lifts a [`VersionError`] found in the version part that starts at byte `base`.
    pub(crate) const fn from_version(err: VersionError, base: usize) -> Self {
        let field = match err.node {
            Some(VersionNode::Build) => ArnField::Build,
            _ => ArnField::Version,
        };
        Self::new(ArnErrorKind::Version(err.kind), field, base + err.offset)
    }
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid ARN at byte {} ({}): {} [{}]",
            self.offset,
            self.field,
            self.kind.rule(),
            self.kind.name()
        )
    }
}

impl std::error::Error for ArnError {}

impl Serialize for ArnError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ArnError", 4)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("offset", &self.offset)?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
