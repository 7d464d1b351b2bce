//! The Validate page's engine: what each pasted line is (ARN, version, build version, version
//! filter or ListImages filter) or exactly why not, all by the core, offline.

use imagebuilder_core::arn::ImageBuilderArn;
use imagebuilder_core::version::{BuildVersion, Version, VersionFilter};

/// What one line turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineReport {
    /// 1-based line number in the paste.
    pub line: usize,
    /// The line as pasted (trimmed).
    pub input: String,
    /// `ARN`, `Version`, `Build version`, `Version filter`, `Filter`.
    pub kind: &'static str,
    /// Partition (ARNs).
    pub partition: String,
    /// Region (ARNs).
    pub region: String,
    /// Owner (ARNs).
    pub owner: String,
    /// Resource type (ARNs) or filter name.
    pub resource: String,
    /// Resource name (ARNs) or filter value.
    pub name: String,
    /// `versionless`, `wildcardVersion`, `version`, `buildVersion`.
    pub level: String,
    /// Why the line is invalid (field and position included), or `None` when valid.
    pub error: Option<String>,
}

impl LineReport {
    /// Whether the line is valid.
    pub fn ok(&self) -> bool {
        self.error.is_none()
    }
}

/// The filter names ListImages accepts.
pub const IMAGE_FILTERS: &[&str] = &["name", "osVersion", "platform", "type", "version"];

/// Classifies every non-blank line.
pub fn validate_text(text: &str) -> Vec<LineReport> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| classify(i + 1, l.trim()))
        .collect()
}

/// Classifies one trimmed line.
pub fn classify(line: usize, input: &str) -> LineReport {
    let mut r = LineReport {
        line,
        input: input.to_string(),
        ..LineReport::default()
    };
    if input.starts_with("arn:") {
        r.kind = "ARN";
        match ImageBuilderArn::parse(input) {
            Ok(arn) => {
                r.partition = arn.partition().to_string();
                r.region = arn.region().to_string();
                r.owner = arn.owner().to_string();
                r.resource = arn.resource_type().to_string();
                r.name = arn.name().to_string();
                r.level = arn.kind().to_string();
                if !arn.is_known_partition() {
                    r.error = Some(format!(
                        "partition {:?} is not one of the known AWS partitions",
                        arn.partition()
                    ));
                }
            }
            Err(e) => r.error = Some(e.to_string()),
        }
    } else if let Some((name, value)) = input.split_once('=') {
        r.kind = "Filter";
        r.resource = name.trim().to_string();
        r.name = value.trim().to_string();
        r.error = check_filter(name.trim(), value.trim());
    } else if input.contains('/') {
        r.kind = "Build version";
        r.level = "buildVersion".into();
        r.error = BuildVersion::parse(input).err().map(|e| e.to_string());
    } else if input.contains(['x', 'X', '*']) {
        r.kind = "Version filter";
        r.level = "wildcardVersion".into();
        r.error = input.parse::<VersionFilter>().err().map(|e| e.to_string());
    } else {
        r.kind = "Version";
        r.level = "version".into();
        r.error = Version::parse(input).err().map(|e| e.to_string());
    }
    r
}

/// Checks a ListImages filter `name=value`: `None` when valid.
pub fn check_filter(name: &str, value: &str) -> Option<String> {
    if !IMAGE_FILTERS.contains(&name) {
        return Some(format!(
            "filter name {name:?} is not one ListImages accepts ({})",
            IMAGE_FILTERS.join(", ")
        ));
    }
    if value.is_empty() {
        return Some(format!("filter {name}: a value is required"));
    }
    match name {
        "version" => check_version_filter(value).err(),
        "platform" if !["Windows", "Linux", "macOS"].contains(&value) => Some(format!(
            "filter platform: {value:?} is not Windows, Linux or macOS"
        )),
        "type" if !["AMI", "Docker"].contains(&value) => {
            Some(format!("filter type: {value:?} is not AMI or Docker"))
        }
        _ => None,
    }
}

/// Checks a ListImages `version` filter value (`1.2.3`, `1.x.x`, ...) with the core.
pub fn check_version_filter(value: &str) -> Result<(), String> {
    value
        .parse::<VersionFilter>()
        .map(|_| ())
        .map_err(|e| format!("filter version: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_are_described() {
        let r = classify(
            1,
            "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/3",
        );
        assert!(r.ok(), "{r:?}");
        assert_eq!(
            (r.partition.as_str(), r.region.as_str()),
            ("aws", "us-east-1")
        );
        assert_eq!(r.owner, "123456789012");
        assert_eq!(r.resource, "image");
        assert_eq!(r.name, "web-server");
        assert_eq!(r.level, "buildVersion");
    }

    #[test]
    fn bad_arns_say_where() {
        let r = classify(
            2,
            "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.x.2",
        );
        let e = r.error.expect("invalid");
        assert!(e.contains("byte"), "{e}");
        assert!(e.contains("version"), "{e}");
    }

    #[test]
    fn versions_filters_and_garbage() {
        assert!(classify(1, "1.2.3").ok());
        assert!(classify(1, "1.2.3/4").ok());
        assert!(classify(1, "1.x.x").ok());
        assert!(!classify(1, "1.x.2").ok());
        assert!(!classify(1, "1.2").ok());
        assert!(classify(1, "version=2.x.x").ok());
        assert!(!classify(1, "colour=red").ok());
        assert!(!classify(1, "platform=BeOS").ok());
        assert!(!classify(1, "hello").ok());
    }

    #[test]
    fn blank_lines_are_skipped_and_numbers_kept() {
        let all = validate_text("1.0.0\n\n  \nnope\n");
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].line, 4);
    }
}
