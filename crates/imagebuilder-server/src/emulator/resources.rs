//! The List/Get operations of recipes, container recipes, infrastructure and distribution
//! configurations, pipelines, components and workflows, and the tag operations.
//!
//! Every kind is one row of [`KINDS`]: its operations, the members that carry the list and the
//! resource, and the filter names the service allows for it. A listing returns the stored
//! documents; the core's encoder keeps only the summary shape's members.

use super::error::ApiError;
use super::filters::{self, arn_owner, owner_matches};
use super::{Emulator, builds::view, now_secs};
use crate::store::Kind;
use serde_json::{Map, Value, json};

/// One listable kind of resource.
#[derive(Debug)]
pub struct KindDef {
    /// The store kind.
    pub kind: Kind,
    /// Its name in messages.
    pub what: &'static str,
    /// The List operation.
    pub list_op: &'static str,
    /// The output member holding the list.
    pub list_key: &'static str,
    /// The Get operation.
    pub get_op: &'static str,
    /// The Get input member holding the ARN.
    pub get_member: &'static str,
    /// The Get output member holding the resource.
    pub get_key: &'static str,
    /// The filter names the List operation allows.
    pub filters: &'static [&'static str],
    /// Whether the List operation takes `owner`.
    pub owned: bool,
    /// Whether resources are build versions listed by version (components, workflows).
    pub by_version: bool,
}

/// Every kind with List/Get operations.
pub const KINDS: &[KindDef] = &[
    KindDef {
        kind: Kind::ImageRecipe,
        what: "image recipe",
        list_op: "ListImageRecipes",
        list_key: "imageRecipeSummaryList",
        get_op: "GetImageRecipe",
        get_member: "imageRecipeArn",
        get_key: "imageRecipe",
        filters: &["name", "parentImage", "platform"],
        owned: true,
        by_version: false,
    },
    KindDef {
        kind: Kind::ContainerRecipe,
        what: "container recipe",
        list_op: "ListContainerRecipes",
        list_key: "containerRecipeSummaryList",
        get_op: "GetContainerRecipe",
        get_member: "containerRecipeArn",
        get_key: "containerRecipe",
        filters: &["containerType", "name", "parentImage", "platform"],
        owned: true,
        by_version: false,
    },
    KindDef {
        kind: Kind::InfrastructureConfiguration,
        what: "infrastructure configuration",
        list_op: "ListInfrastructureConfigurations",
        list_key: "infrastructureConfigurationSummaryList",
        get_op: "GetInfrastructureConfiguration",
        get_member: "infrastructureConfigurationArn",
        get_key: "infrastructureConfiguration",
        filters: &["name"],
        owned: false,
        by_version: false,
    },
    KindDef {
        kind: Kind::DistributionConfiguration,
        what: "distribution configuration",
        list_op: "ListDistributionConfigurations",
        list_key: "distributionConfigurationSummaryList",
        get_op: "GetDistributionConfiguration",
        get_member: "distributionConfigurationArn",
        get_key: "distributionConfiguration",
        filters: &["name"],
        owned: false,
        by_version: false,
    },
    KindDef {
        kind: Kind::ImagePipeline,
        what: "image pipeline",
        list_op: "ListImagePipelines",
        list_key: "imagePipelineList",
        get_op: "GetImagePipeline",
        get_member: "imagePipelineArn",
        get_key: "imagePipeline",
        filters: &[
            "description",
            "distributionConfigurationArn",
            "imageRecipeArn",
            "infrastructureConfigurationArn",
            "name",
            "status",
        ],
        owned: false,
        by_version: false,
    },
    KindDef {
        kind: Kind::Component,
        what: "component",
        list_op: "ListComponents",
        list_key: "componentVersionList",
        get_op: "GetComponent",
        get_member: "componentBuildVersionArn",
        get_key: "component",
        filters: &[
            "description",
            "name",
            "platform",
            "supportedOsVersion",
            "type",
            "version",
        ],
        owned: true,
        by_version: true,
    },
    KindDef {
        kind: Kind::Workflow,
        what: "workflow",
        list_op: "ListWorkflows",
        list_key: "workflowVersionList",
        get_op: "GetWorkflow",
        get_member: "workflowBuildVersionArn",
        get_key: "workflow",
        filters: &["name"],
        owned: true,
        by_version: true,
    },
];

/// The List operation of `def`.
pub fn list(em: &Emulator, def: &KindDef, input: &Value) -> Result<Value, ApiError> {
    let filters = filters::parse(def.list_op, input, def.filters)?;
    let ownership = input.get("owner").and_then(Value::as_str);
    let store = em.read();
    let items: Vec<(String, Value)> = store
        .all(def.kind)
        .iter()
        .filter(|(arn, _)| {
            let owner = arn_owner(arn);
            if def.owned {
                owner_matches(ownership, owner, &em.config.account)
            } else {
                owner == em.config.account
            }
        })
        .filter(|(_, d)| filters::matches(d, &filters))
        .map(|(arn, d)| {
            if def.by_version {
                // Listed per version: the version ARN (build dropped).
                let version_arn = arn.rsplit_once('/').map_or(arn.as_str(), |(v, _)| v);
                let mut d = d.clone();
                d["arn"] = version_arn.into();
                (arn.clone(), d)
            } else {
                (arn.clone(), d.clone())
            }
        })
        .collect();
    drop(store);
    let (page, token) = em.pager().page(def.list_op, input, items.into_iter())?;
    let mut out = Map::new();
    out.insert(def.list_key.to_string(), Value::Array(page));
    if let Some(t) = token {
        out.insert("nextToken".to_string(), t.into());
    }
    Ok(Value::Object(out))
}

/// The Get operation of `def`.
pub fn get(em: &Emulator, def: &KindDef, input: &Value) -> Result<Value, ApiError> {
    let arn = input[def.get_member].as_str().unwrap_or_default();
    let doc = em
        .read()
        .get(def.kind, arn)
        .cloned()
        .ok_or_else(|| ApiError::not_found(def.what, arn))?;
    let mut out = Map::new();
    out.insert(def.get_key.to_string(), doc);
    Ok(Value::Object(out))
}

/// The tagged resource `arn` (any kind) with its kind.
fn tagged(em: &Emulator, arn: &str) -> Result<(Kind, Value), ApiError> {
    em.read()
        .find(arn)
        .map(|(k, d)| (k, d.clone()))
        .ok_or_else(|| ApiError::not_found("resource", arn))
}

/// ListTagsForResource.
pub fn list_tags(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let arn = input["resourceArn"].as_str().unwrap_or_default();
    let (kind, doc) = tagged(em, arn)?;
    let doc = if kind == Kind::Image {
        view(&doc, now_secs(), em.config.speed)
    } else {
        doc
    };
    Ok(json!({"tags": doc.get("tags").cloned().unwrap_or_else(|| json!({}))}))
}

/// TagResource.
pub fn tag_resource(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let arn = input["resourceArn"].as_str().unwrap_or_default();
    let (kind, mut doc) = tagged(em, arn)?;
    if !doc["tags"].is_object() {
        doc["tags"] = json!({});
    }
    if let (Some(tags), Some(new)) = (doc["tags"].as_object_mut(), input["tags"].as_object()) {
        for (k, v) in new {
            tags.insert(k.clone(), v.clone());
        }
        if tags.len() > 50 {
            return Err(ApiError::invalid_request(format!(
                "A resource can have at most 50 tags; {arn} would have {}.",
                tags.len()
            )));
        }
    }
    em.write()
        .put(kind, arn, doc)
        .map_err(|e| ApiError::storage(&e))?;
    Ok(json!({}))
}

/// UntagResource.
pub fn untag_resource(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let arn = input["resourceArn"].as_str().unwrap_or_default();
    let (kind, mut doc) = tagged(em, arn)?;
    if let Some(tags) = doc["tags"].as_object_mut() {
        for k in input["tagKeys"].as_array().into_iter().flatten() {
            if let Some(k) = k.as_str() {
                tags.remove(k);
            }
        }
    }
    em.write()
        .put(kind, arn, doc)
        .map_err(|e| ApiError::storage(&e))?;
    Ok(json!({}))
}
