//! The image listings and GetImage.
//!
//! Images are stored per build version (`image/name/1.0.0/3`), sorted by ARN, so the builds of
//! one version are adjacent. ListImages shows one entry per version (its latest build's facts,
//! the version ARN), or per name with `byName` (the latest version, an `x.x.x` ARN);
//! ListImageBuildVersions shows the builds of one version.

use super::builds::{status_at, view};
use super::error::ApiError;
use super::filters::{self, arn_owner, owner_matches};
use super::{Emulator, now_secs};
use crate::store::Kind;
use imagebuilder_core::version::Version;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::ops::Bound;

/// The filter names ListImages allows.
pub const LIST_IMAGES_FILTERS: &[&str] = &["name", "osVersion", "platform", "type", "version"];
/// The filter names ListImageBuildVersions allows.
pub const BUILD_VERSION_FILTERS: &[&str] = &["name", "osVersion", "platform", "type", "version"];
/// The filter names ListImagePipelineImages allows.
pub const PIPELINE_IMAGE_FILTERS: &[&str] = &["name", "version"];

fn version_of(arn: &str) -> &str {
    arn.rsplit_once('/').map_or(arn, |(v, _)| v)
}

fn status(doc: &Value) -> &str {
    doc["state"]["status"].as_str().unwrap_or_default()
}

/// The builds of each version, grouped (builds of one version are adjacent in ARN order):
/// yields each version's ARN and its latest build (highest build number), without cloning.
struct Versions<'a, I: Iterator<Item = (&'a String, &'a Value)>> {
    builds: std::iter::Peekable<I>,
}

fn build_number(arn: &str) -> u32 {
    arn.rsplit('/')
        .next()
        .and_then(|b| b.parse().ok())
        .unwrap_or(0)
}

impl<'a, I: Iterator<Item = (&'a String, &'a Value)>> Iterator for Versions<'a, I> {
    type Item = (&'a str, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        let (arn, doc) = self.builds.next()?;
        let version = version_of(arn);
        let mut best = (build_number(arn), doc);
        while let Some((next, _)) = self.builds.peek() {
            if version_of(next) != version {
                break;
            }
            if let Some((next, next_doc)) = self.builds.next() {
                let n = build_number(next);
                if n > best.0 {
                    best = (n, next_doc);
                }
            }
        }
        Some((version, best.1))
    }
}

/// A version entry of ListImages: the latest build's facts under the version ARN and version.
///
/// Only the members of `ImageVersion` are copied (not the recipe, configurations, tags or
/// outputs a stored build carries); an `ImageVersion` has no state, so the clock is not needed.
fn version_entry(version_arn: &str, doc: &Value) -> Value {
    const MEMBERS: [&str; 7] = [
        "name",
        "type",
        "platform",
        "osVersion",
        "dateCreated",
        "buildType",
        "imageSource",
    ];
    let mut entry = serde_json::Map::new();
    for m in MEMBERS {
        if let Some(v) = doc.get(m) {
            entry.insert(m.to_string(), v.clone());
        }
    }
    let version = doc["version"].as_str().unwrap_or_default();
    let version = version.split('/').next().unwrap_or(version);
    entry.insert("version".into(), version.into());
    entry.insert("arn".into(), version_arn.into());
    entry.insert("owner".into(), arn_owner(version_arn).into());
    Value::Object(entry)
}

/// ListImages.
///
/// Without `byName` it walks the stored builds from the page token's position on, filtering
/// without copying, and copies only the page it answers: a page costs the same over 10,000
/// images as over 10.
pub fn list_images(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let filters = filters::parse("ListImages", input, LIST_IMAGES_FILTERS)?;
    let ownership = input.get("owner").and_then(Value::as_str);
    let by_name = input
        .get("byName")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let include_deprecated = input
        .get("includeDeprecated")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let (now, speed) = (now_secs(), em.config.speed);
    let after = em.pager().resume("ListImages", input)?;
    let store = em.read();
    let all = store.all(Kind::Image);
    let builds: Box<dyn Iterator<Item = (&String, &Value)>> = match (&after, by_name) {
        (Some(a), false) => {
            Box::new(all.range::<String, _>((Bound::Excluded(a.clone()), Bound::Unbounded)))
        }
        _ => Box::new(all.iter()),
    };
    let account = em.config.account.as_str();
    let versions = Versions {
        builds: builds
            .filter(|(arn, _)| owner_matches(ownership, arn_owner(arn), account))
            .peekable(),
    }
    .filter(|(_, doc)| include_deprecated || status_at(doc, now, speed) != "DEPRECATED")
    .filter(|(_, doc)| filters::matches(doc, &filters));
    if !by_name {
        let items = versions.map(|(v, doc)| (v.to_string(), version_entry(v, doc)));
        let (page, token) = em.pager().page("ListImages", input, items)?;
        return Ok(json!({"imageVersionList": page, "nextToken": token}));
    }
    // byName: the latest version of each name, as an `x.x.x` ARN.
    let mut latest: BTreeMap<String, (Version, &str, &Value)> = BTreeMap::new();
    for (version_arn, doc) in versions {
        let Some((name_arn, v)) = version_arn.rsplit_once('/') else {
            continue;
        };
        let Ok(v) = Version::parse(v) else { continue };
        let key = format!("{name_arn}/x.x.x");
        if latest.get(&key).is_none_or(|(have, _, _)| v > *have) {
            latest.insert(key, (v, version_arn, doc));
        }
    }
    let items: Vec<(String, Value)> = latest
        .into_iter()
        .map(|(key, (_, version_arn, doc))| {
            let mut entry = version_entry(version_arn, doc);
            entry["arn"] = key.clone().into();
            (key, entry)
        })
        .collect();
    drop(store);
    let (page, token) = em.pager().page("ListImages", input, items.into_iter())?;
    Ok(json!({"imageVersionList": page, "nextToken": token}))
}

/// ListImageBuildVersions.
pub fn list_image_build_versions(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let filters = filters::parse("ListImageBuildVersions", input, BUILD_VERSION_FILTERS)?;
    let version_arn = input
        .get("imageVersionArn")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid_request("imageVersionArn is required."))?;
    let (now, speed) = (now_secs(), em.config.speed);
    let store = em.read();
    let prefix = format!("{version_arn}/");
    let builds: Vec<(String, Value)> = store
        .all(Kind::Image)
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .map(|(k, d)| (k.clone(), view(d, now, speed)))
        .collect();
    drop(store);
    if builds.is_empty() {
        return Err(ApiError::not_found("image version", version_arn));
    }
    let items = builds
        .into_iter()
        .filter(|(_, d)| filters::matches(d, &filters));
    let (page, token) = em.pager().page("ListImageBuildVersions", input, items)?;
    Ok(json!({"imageSummaryList": page, "nextToken": token}))
}

/// The build an image ARN names: a build version, or a version's latest build.
fn find_build(em: &Emulator, arn: &str) -> Result<Value, ApiError> {
    let store = em.read();
    if let Some(doc) = store.get(Kind::Image, arn) {
        return Ok(view(doc, now_secs(), em.config.speed));
    }
    let prefix = format!("{arn}/");
    store
        .all(Kind::Image)
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .max_by_key(|(k, _)| k[prefix.len()..].parse::<u32>().unwrap_or(0))
        .map(|(_, d)| view(d, now_secs(), em.config.speed))
        .ok_or_else(|| ApiError::not_found("image", arn))
}

/// GetImage.
pub fn get_image(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let arn = input["imageBuildVersionArn"].as_str().unwrap_or_default();
    let image = find_build(em, arn)?;
    let refs = image["arn"]
        .as_str()
        .and_then(super::references::latest_version_references);
    let mut out = json!({"image": image});
    if let Some(refs) = refs {
        out["latestVersionReferences"] = refs;
    }
    Ok(out)
}

/// ListImagePackages: the packages of an AVAILABLE AMI build.
pub fn list_image_packages(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let arn = input["imageBuildVersionArn"].as_str().unwrap_or_default();
    let image = find_build(em, arn)?;
    if status(&image) != "AVAILABLE" {
        return Err(ApiError::invalid_request(format!(
            "The image {arn} has no package list: it is {}.",
            status(&image)
        )));
    }
    let os = image["osVersion"].as_str().unwrap_or_default();
    let packages: &[(&str, &str)] = if os.contains("Windows") {
        &[
            ("PowerShell", "7.4.6"),
            ("AWS CLI v2", "2.22.0"),
            ("Amazon SSM Agent", "3.3.1142.0"),
        ]
    } else {
        &[
            ("amazon-ssm-agent", "3.3.1142.0-1.amzn2023"),
            ("bash", "5.2.15-1.amzn2023.0.2"),
            ("curl-minimal", "8.5.0-1.amzn2023.0.4"),
            ("glibc", "2.34-100.amzn2023.0.1"),
            ("kernel", "6.1.115-126.197.amzn2023"),
            ("openssl-libs", "3.0.8-1.amzn2023.0.18"),
            ("python3", "3.9.16-1.amzn2023.0.9"),
            ("systemd", "252.23-2.amzn2023"),
        ]
    };
    let items = packages.iter().map(|(name, version)| {
        (
            name.to_string(),
            json!({"packageName": name, "packageVersion": version}),
        )
    });
    let (page, token) = em.pager().page("ListImagePackages", input, items)?;
    Ok(json!({"imagePackageList": page, "nextToken": token}))
}

/// ListImagePipelineImages: the builds a pipeline started.
pub fn list_image_pipeline_images(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let filters = filters::parse("ListImagePipelineImages", input, PIPELINE_IMAGE_FILTERS)?;
    let pipeline = input["imagePipelineArn"].as_str().unwrap_or_default();
    let (now, speed) = (now_secs(), em.config.speed);
    let store = em.read();
    if store.get(Kind::ImagePipeline, pipeline).is_none() {
        return Err(ApiError::not_found("image pipeline", pipeline));
    }
    let items: Vec<(String, Value)> = store
        .all(Kind::Image)
        .iter()
        .filter(|(_, d)| d["sourcePipelineArn"] == pipeline)
        .map(|(k, d)| (k.clone(), view(d, now, speed)))
        .filter(|(_, d)| filters::matches(d, &filters))
        .collect();
    drop(store);
    let (page, token) = em
        .pager()
        .page("ListImagePipelineImages", input, items.into_iter())?;
    Ok(json!({"imageSummaryList": page, "nextToken": token}))
}
