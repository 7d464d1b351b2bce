//! Choosing among versions: [`latest_matching`] and [`latest_version_references`].

use super::{BuildVersion, Version, VersionFilter};

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

/// What the four "latest version references" GetImage reports for an image build version `of`
/// resolve to, computed offline from the build versions that exist (`all`; `of` counts as one of
/// them whether or not `all` includes it, so every reference is present). The service reports
/// them as wildcard ARNs (`x.x.x`, `<major>.x.x`, `<major>.<minor>.x`, `<major>.<minor>.<patch>`);
/// these are the build versions those wildcards select.
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
