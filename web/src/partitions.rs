//! Every partition's regions, from `model/partitions.json` embedded at build time.

use serde_json::Value;
use std::sync::OnceLock;

const PARTITIONS_JSON: &str = include_str!("../../model/partitions.json");

/// One partition and its regions (`(code, description)`), global pseudo-regions left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionRegions {
    /// `aws`, `aws-cn`, ...
    pub partition: String,
    /// `(us-east-1, US East (N. Virginia))`, sorted by code.
    pub regions: Vec<(String, String)>,
}

/// The partitions in `partitions.json` order.
pub fn all() -> &'static [PartitionRegions] {
    static ALL: OnceLock<Vec<PartitionRegions>> = OnceLock::new();
    ALL.get_or_init(|| parse(PARTITIONS_JSON))
}

fn parse(text: &str) -> Vec<PartitionRegions> {
    let doc: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let Some(list) = doc["partitions"].as_array() else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|p| {
            let partition = p["id"].as_str()?.to_string();
            let regions = p["regions"]
                .as_object()?
                .iter()
                .filter(|(code, _)| !code.ends_with("-global"))
                .map(|(code, r)| {
                    let description = r["description"].as_str().unwrap_or_default();
                    (code.clone(), description.to_string())
                })
                .collect();
            Some(PartitionRegions { partition, regions })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_partition_has_regions() {
        let all = all();
        assert!(all.len() >= 8, "{} partitions", all.len());
        assert!(all.iter().all(|p| !p.regions.is_empty()));
        let aws = &all[0];
        assert_eq!(aws.partition, "aws");
        assert!(aws.regions.iter().any(|(c, _)| c == "us-east-1"));
        assert!(
            all.iter()
                .any(|p| p.regions.iter().any(|(c, _)| c == "cn-north-1"))
        );
        assert!(
            !all.iter()
                .any(|p| p.regions.iter().any(|(c, _)| c.ends_with("-global")))
        );
    }
}
