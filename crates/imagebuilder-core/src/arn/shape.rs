//! The model's ARN-typed string shapes and what each accepts.

use super::error::{ArnError, ArnErrorKind, ArnField};
use super::scan::{self, Rules, VersionRule};
use super::{ImageBuilderArn, ResourceType};
use crate::version::Forms;
use core::fmt;

/// Every ARN-typed string shape of `model/service-2.json` that has a pattern, plus
/// `RoleNameOrArn` (a role name or an IAM role ARN).
///
/// [`ArnShape::validate`] checks a string against the shape's pattern (and length bounds) in the
/// model, plus the documented stricter rules ([`ArnErrorKind::is_stricter_than_model`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArnShape {
    /// Any Image Builder ARN (the generic shape: every resource type, any version form).
    ImageBuilderArn,
    /// `image/<name>/<version>/<build>`.
    ImageBuildVersionArn,
    /// `image/<name>/<version>`.
    ImageVersionArn,
    /// `image/<name>/` + a filter, a version or a build version.
    ImageVersionArnOrBuildVersionArn,
    /// `image-recipe/<name>/` + a filter or a version; owner an account or `aws`.
    ImageRecipeArn,
    /// `container-recipe/<name>/` + a filter or a version; owner an account or `aws`.
    ContainerRecipeArn,
    /// `component/<name>/<version>`.
    ComponentVersionArn,
    /// `component/<name>/<version>/<build>`.
    ComponentBuildVersionArn,
    /// `component/<name>/` + a filter, a version or a build version.
    ComponentVersionArnOrBuildVersionArn,
    /// `infrastructure-configuration/<name>`.
    InfrastructureConfigurationArn,
    /// `distribution-configuration/<name>`.
    DistributionConfigurationArn,
    /// `image-pipeline/<name>`.
    ImagePipelineArn,
    /// `lifecycle-policy/<name>` (strict partition and region; at most 1024 bytes).
    LifecyclePolicyArn,
    /// `workflow/<build|test|distribution>/<name>/<version>/<build>` (strict; at most 1024 bytes).
    WorkflowBuildVersionArn,
    /// `workflow/<type>/<name>/` + a filter, a version or a build version (strict).
    WorkflowVersionArnOrBuildVersionArn,
    /// `workflow/<type>/<name>/` + a filter or a version (strict).
    WorkflowWildcardVersionArn,
    /// `arn:aws…:sns:<region>:<account>:<topic>`.
    SnsTopicArn,
    /// `arn:aws…:license-manager:<region>:<account>:license-configuration:lic-<32>`.
    LicenseConfigurationArn,
    /// `arn:aws…:organizations::<account>:organization/o-<id>`.
    OrganizationArn,
    /// `arn:aws…:organizations::<account>:ou/o-<id>/ou-<id>-<id>`.
    OrganizationalUnitArn,
    /// A role name, or `arn:aws…:iam::<account>:role/<name>` (1 to 2048 bytes).
    RoleNameOrArn,
}

/// The names of the shapes [`validate_for`] knows, in [`ArnShape::ALL`] order.
pub const SHAPES: &[&str] = &[
    "ImageBuilderArn",
    "ImageBuildVersionArn",
    "ImageVersionArn",
    "ImageVersionArnOrBuildVersionArn",
    "ImageRecipeArn",
    "ContainerRecipeArn",
    "ComponentVersionArn",
    "ComponentBuildVersionArn",
    "ComponentVersionArnOrBuildVersionArn",
    "InfrastructureConfigurationArn",
    "DistributionConfigurationArn",
    "ImagePipelineArn",
    "LifecyclePolicyArn",
    "WorkflowBuildVersionArn",
    "WorkflowVersionArnOrBuildVersionArn",
    "WorkflowWildcardVersionArn",
    "SnsTopicArn",
    "LicenseConfigurationArn",
    "OrganizationArn",
    "OrganizationalUnitArn",
    "RoleNameOrArn",
];

const WORKFLOWS: u16 = ResourceType::WorkflowBuild.bit()
    | ResourceType::WorkflowTest.bit()
    | ResourceType::WorkflowDistribution.bit();
const ALL_TYPES: u16 = (1 << ResourceType::ALL.len()) - 1;
const WILDCARD_OR_VERSION: Forms = Forms {
    wildcard: true,
    version: true,
    build: false,
};

const fn rules(
    strict: bool,
    marketplace: bool,
    third_party: bool,
    types: u16,
    version: VersionRule,
    max_len: Option<usize>,
) -> Rules {
    Rules {
        strict,
        marketplace,
        third_party,
        types,
        version,
        max_len,
    }
}

impl ArnShape {
    /// Every shape, in [`SHAPES`] order.
    pub const ALL: [Self; 21] = [
        Self::ImageBuilderArn,
        Self::ImageBuildVersionArn,
        Self::ImageVersionArn,
        Self::ImageVersionArnOrBuildVersionArn,
        Self::ImageRecipeArn,
        Self::ContainerRecipeArn,
        Self::ComponentVersionArn,
        Self::ComponentBuildVersionArn,
        Self::ComponentVersionArnOrBuildVersionArn,
        Self::InfrastructureConfigurationArn,
        Self::DistributionConfigurationArn,
        Self::ImagePipelineArn,
        Self::LifecyclePolicyArn,
        Self::WorkflowBuildVersionArn,
        Self::WorkflowVersionArnOrBuildVersionArn,
        Self::WorkflowWildcardVersionArn,
        Self::SnsTopicArn,
        Self::LicenseConfigurationArn,
        Self::OrganizationArn,
        Self::OrganizationalUnitArn,
        Self::RoleNameOrArn,
    ];

    /// The shape's name in the model.
    pub const fn name(self) -> &'static str {
        SHAPES[self as usize]
    }

    /// The shape called `name` in the model, if [`validate_for`] knows it.
    pub fn from_name(name: &str) -> Option<Self> {
        SHAPES.iter().position(|s| *s == name).map(|i| Self::ALL[i])
    }

    /// Whether the shape is an Image Builder ARN (so [`validate`](Self::validate) returns the
    /// parsed [`ImageBuilderArn`]).
    pub const fn is_image_builder(self) -> bool {
        self.rules().is_some()
    }

    const fn rules(self) -> Option<Rules> {
        use ResourceType as T;
        use VersionRule::{Absent, Required};
        let image = T::Image.bit();
        let component = T::Component.bit();
        Some(match self {
            Self::ImageBuilderArn => {
                rules(false, true, true, ALL_TYPES, VersionRule::Generic, None)
            }
            Self::ImageBuildVersionArn => {
                rules(false, true, false, image, Required(Forms::BUILD), None)
            }
            Self::ImageVersionArn => {
                rules(false, true, false, image, Required(Forms::VERSION), None)
            }
            Self::ImageVersionArnOrBuildVersionArn => {
                rules(false, true, false, image, Required(Forms::ANY), None)
            }
            Self::ImageRecipeArn => rules(
                false,
                false,
                false,
                T::ImageRecipe.bit(),
                Required(WILDCARD_OR_VERSION),
                None,
            ),
            Self::ContainerRecipeArn => rules(
                false,
                false,
                false,
                T::ContainerRecipe.bit(),
                Required(WILDCARD_OR_VERSION),
                None,
            ),
            Self::ComponentVersionArn => {
                rules(false, true, true, component, Required(Forms::VERSION), None)
            }
            Self::ComponentBuildVersionArn => {
                rules(false, true, true, component, Required(Forms::BUILD), None)
            }
            Self::ComponentVersionArnOrBuildVersionArn => {
                rules(false, true, true, component, Required(Forms::ANY), None)
            }
            Self::InfrastructureConfigurationArn => rules(
                false,
                false,
                false,
                T::InfrastructureConfiguration.bit(),
                Absent,
                None,
            ),
            Self::DistributionConfigurationArn => rules(
                false,
                false,
                false,
                T::DistributionConfiguration.bit(),
                Absent,
                None,
            ),
            Self::ImagePipelineArn => {
                rules(false, false, false, T::ImagePipeline.bit(), Absent, None)
            }
            Self::LifecyclePolicyArn => rules(
                true,
                false,
                false,
                T::LifecyclePolicy.bit(),
                Absent,
                Some(1024),
            ),
            Self::WorkflowBuildVersionArn => rules(
                true,
                true,
                false,
                WORKFLOWS,
                Required(Forms::BUILD),
                Some(1024),
            ),
            Self::WorkflowVersionArnOrBuildVersionArn => {
                rules(true, true, false, WORKFLOWS, Required(Forms::ANY), None)
            }
            Self::WorkflowWildcardVersionArn => rules(
                true,
                true,
                false,
                WORKFLOWS,
                Required(WILDCARD_OR_VERSION),
                None,
            ),
            Self::SnsTopicArn
            | Self::LicenseConfigurationArn
            | Self::OrganizationArn
            | Self::OrganizationalUnitArn
            | Self::RoleNameOrArn => return None,
        })
    }

    /// Whether `s` is acceptable for this shape. For Image Builder shapes the parsed ARN is
    /// returned (borrowing `s`, no allocation); for the others (`SnsTopicArn`, `RoleNameOrArn`...)
    /// `Ok(None)`.
    pub fn validate(self, s: &str) -> Result<Option<ImageBuilderArn<'_>>, ArnError> {
        if let Some(rules) = self.rules() {
            return scan::image_builder(s, &rules).map(Some);
        }
        match self {
            Self::SnsTopicArn => scan::sns_topic(s),
            Self::LicenseConfigurationArn => scan::license_configuration(s),
            Self::OrganizationArn => scan::organization(s),
            Self::OrganizationalUnitArn => scan::organizational_unit(s),
            _ => scan::role_name_or_arn(s),
        }
        .map(|()| None)
    }

    /// Parses `s` as an [`ImageBuilderArn`] under this shape's rules;
    /// [`ArnErrorKind::UnknownShape`] if this is not an Image Builder shape.
    pub fn parse(self, s: &str) -> Result<ImageBuilderArn<'_>, ArnError> {
        match self.rules() {
            Some(rules) => scan::image_builder(s, &rules),
            None => Err(ArnError::new(
                ArnErrorKind::UnknownShape,
                ArnField::Whole,
                0,
            )),
        }
    }
}

impl fmt::Display for ArnShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `s` is acceptable for the model shape named `shape` (one of [`SHAPES`]):
/// `Ok(Some(arn))` for Image Builder shapes, `Ok(None)` for the others, and
/// [`ArnErrorKind::UnknownShape`] for a name we don't know. Allocation-free.
pub fn validate_for<'a>(shape: &str, s: &'a str) -> Result<Option<ImageBuilderArn<'a>>, ArnError> {
    match ArnShape::from_name(shape) {
        Some(shape) => shape.validate(s),
        None => Err(ArnError::new(
            ArnErrorKind::UnknownShape,
            ArnField::Whole,
            0,
        )),
    }
}
