//! Versioned references: what a version or wildcard ARN (`…/name/1.x.x`) of a build-versioned
//! resource resolves to, and the four "latest version references" GetImage answers with.

use super::Emulator;
use crate::store::Kind;
use imagebuilder_core::version::{BuildVersion, VersionSpec};
use serde_json::{Value, json};

/// The newest stored build that `arn` denotes: itself if it is a stored build version, else the
/// highest build of the highest version matching its version or wildcard (`None` if nothing
/// matches or `arn` has no version).
pub fn resolve(em: &Emulator, kind: Kind, arn: &str) -> Option<String> {
    let store = em.read();
    if store.get(kind, arn).is_some() {
        return Some(arn.to_string());
    }
    let (name_arn, version) = arn.rsplit_once('/')?;
    let spec = VersionSpec::parse(version).ok()?;
    if spec.build().is_some() {
        return None;
    }
    let filter = spec.filter();
    let prefix = format!("{name_arn}/");
    store
        .all(kind)
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter_map(|(k, _)| Some((BuildVersion::parse(&k[prefix.len()..]).ok()?, k)))
        .filter(|(b, _)| filter.matches(&b.version()))
        .max_by_key(|(b, _)| *b)
        .map(|(_, k)| k.clone())
}

/// The `latestVersionReferences` of a build-version ARN as the service writes them: wildcard
/// ARNs of the same resource for the latest overall (`x.x.x`), within the major (`1.x.x`),
/// within the minor (`1.2.x`) and the version itself (`1.2.3`, its latest build). `None` when
/// `arn` is not a build-version ARN.
pub fn latest_version_references(arn: &str) -> Option<Value> {
    let (version_arn, build) = arn.rsplit_once('/')?;
    let (name_arn, version) = version_arn.rsplit_once('/')?;
    let b = BuildVersion::parse(&format!("{version}/{build}")).ok()?;
    let v = b.version();
    Some(json!({
        "latestVersionArn": format!("{name_arn}/x.x.x"),
        "latestMajorVersionArn": format!("{name_arn}/{}.x.x", v.major()),
        "latestMinorVersionArn": format!("{name_arn}/{}.{}.x", v.major(), v.minor()),
        "latestPatchVersionArn": format!("{name_arn}/{v}"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_version_references_are_the_wildcards_of_the_build() {
        let r = latest_version_references(
            "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3/4",
        )
        .expect("a build version");
        let base = "arn:aws:imagebuilder:us-east-1:123456789012:image/web";
        assert_eq!(r["latestVersionArn"], format!("{base}/x.x.x"));
        assert_eq!(r["latestMajorVersionArn"], format!("{base}/1.x.x"));
        assert_eq!(r["latestMinorVersionArn"], format!("{base}/1.2.x"));
        assert_eq!(r["latestPatchVersionArn"], format!("{base}/1.2.3"));
        assert!(
            latest_version_references(
                "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.2.3"
            )
            .is_none()
        );
    }
}
