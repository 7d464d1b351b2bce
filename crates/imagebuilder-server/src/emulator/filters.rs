//! The service's listing rules: owners and the filter names each operation allows.

use super::error::ApiError;
use imagebuilder_core::version::{Version, VersionFilter};
use serde_json::Value;

/// The owner segment of an ARN (`123456789012`, `aws`, `aws-marketplace`, `third-party`).
pub fn arn_owner(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_default()
}

/// Whether a resource owned by `owner` (the ARN's owner segment) is listed for `ownership`
/// (`Self` by default) by a caller in `account`.
pub fn owner_matches(ownership: Option<&str>, owner: &str, account: &str) -> bool {
    match ownership.unwrap_or("Self") {
        "Self" => owner == account,
        "Amazon" => owner == "aws",
        "AWSMarketplace" => owner == "aws-marketplace",
        "ThirdParty" => owner == "third-party",
        "Shared" => {
            owner.len() == 12 && owner.bytes().all(|b| b.is_ascii_digit()) && owner != account
        }
        _ => false,
    }
}

/// The `filters` of `input`, checked against the names `operation` allows.
pub fn parse<'a>(
    operation: &str,
    input: &'a Value,
    allowed: &[&str],
) -> Result<Vec<(&'a str, Vec<&'a str>)>, ApiError> {
    let mut out = Vec::new();
    for f in input
        .get("filters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = f.get("name").and_then(Value::as_str).unwrap_or_default();
        if !allowed.contains(&name) {
            return Err(ApiError::invalid_request(format!(
                "The filter name '{name}' is not supported by {operation}; the supported filter names are: {}.",
                allowed.join(", ")
            )));
        }
        let values: Vec<&str> = f
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        out.push((name, values));
    }
    Ok(out)
}

/// Whether `doc` passes every filter (values of one filter are alternatives). The `version`
/// filter takes exact versions or `x` wildcards (`1.x.x`); the others compare the member of the
/// same name exactly (filter values are case-sensitive).
pub fn matches(doc: &Value, filters: &[(&str, Vec<&str>)]) -> bool {
    filters.iter().all(|(name, values)| {
        let Some(have) = doc.get(*name).and_then(Value::as_str) else {
            return false;
        };
        values.iter().any(|want| {
            if *name == "version" {
                version_matches(have, want)
            } else {
                have == *want
            }
        })
    })
}

/// `have` (`1.2.3` or `1.2.3/4`) against a filter value (`1.2.3`, `1.x.x`).
fn version_matches(have: &str, want: &str) -> bool {
    let have = have.split('/').next().unwrap_or(have);
    if have == want {
        return true;
    }
    match (Version::parse(have), VersionFilter::parse(want)) {
        (Ok(v), Ok(f)) => f.matches(&v),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn owners_select_by_the_arn_owner_segment() {
        let me = "123456789012";
        assert!(owner_matches(None, me, me));
        assert!(owner_matches(Some("Amazon"), "aws", me));
        assert!(owner_matches(Some("Shared"), "210987654321", me));
        assert!(!owner_matches(Some("Shared"), me, me));
        assert!(!owner_matches(Some("Self"), "aws", me));
        assert!(owner_matches(Some("AWSMarketplace"), "aws-marketplace", me));
    }

    #[test]
    fn an_unsupported_filter_name_is_refused_naming_the_allowed_ones() {
        let input = json!({"filters": [{"name": "colour", "values": ["red"]}]});
        let err = parse("ListImages", &input, &["name", "version"]).unwrap_err();
        assert_eq!(err.code, "InvalidRequestException");
        assert!(err.message.contains("'colour'") && err.message.contains("name, version"));
    }

    #[test]
    fn version_filters_take_wildcards_and_other_filters_compare_exactly() {
        let doc = json!({"name": "web", "version": "1.10.0/2", "platform": "Linux"});
        let input = json!({"filters": [{"name": "version", "values": ["2.x.x", "1.x.x"]}, {"name": "platform", "values": ["Linux"]}]});
        let f = parse("ListImages", &input, &["version", "platform"]).unwrap();
        assert!(matches(&doc, &f));
        let input = json!({"filters": [{"name": "platform", "values": ["linux"]}]});
        let f = parse("ListImages", &input, &["platform"]).unwrap();
        assert!(!matches(&doc, &f));
    }
}
