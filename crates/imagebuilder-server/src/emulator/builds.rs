//! Builds: CreateImage, StartImagePipelineExecution, CancelImageCreation, DeleteImage, and the
//! clock that moves a build through PENDING → BUILDING → TESTING → DISTRIBUTING → AVAILABLE.
//!
//! A build stores when it started (`_build.startedAt`, wall-clock seconds); its state is a pure
//! function of that, the server's clock and `--speed`, so a build in flight resumes after a
//! restart. A build tagged [`FAIL_TAG`] fails when it reaches TESTING.

use super::error::ApiError;
use super::filters::arn_owner;
use super::{Emulator, now_secs};
use crate::store::{IdempotentCall, Kind};
use serde_json::{Map, Value, json};

/// The tag that makes a build fail (any value) when it reaches TESTING.
pub const FAIL_TAG: &str = "imagebuilder-emulator:fail";

/// The phases of a build and their length in seconds at `--speed 1`.
pub const PHASES: [(&str, f64); 4] = [
    ("PENDING", 20.0),
    ("BUILDING", 240.0),
    ("TESTING", 120.0),
    ("DISTRIBUTING", 60.0),
];

/// The state of a build at `now`: `(status, reason)`.
pub fn state_at(build: &Value, now: f64, speed: f64) -> (&'static str, Option<String>) {
    let started = build
        .get("startedAt")
        .and_then(Value::as_f64)
        .unwrap_or(now);
    if build.get("cancelledAt").is_some() {
        return (
            "CANCELLED",
            Some("The build was cancelled (CancelImageCreation).".into()),
        );
    }
    let fail = build.get("fail").and_then(Value::as_bool).unwrap_or(false);
    let mut elapsed = (now - started).max(0.0) * speed.max(0.0);
    for (status, length) in PHASES {
        if fail && status == "TESTING" {
            return (
                "FAILED",
                Some(format!(
                    "Image build failed during TESTING: the build carries the {FAIL_TAG} tag."
                )),
            );
        }
        if elapsed < length {
            return (status, None);
        }
        elapsed -= length;
    }
    ("AVAILABLE", None)
}

/// The status of a stored image at `now`, without copying it.
pub fn status_at(doc: &Value, now: f64, speed: f64) -> &str {
    match doc.get("_build") {
        Some(build) => state_at(build, now, speed).0,
        None => doc["state"]["status"].as_str().unwrap_or_default(),
    }
}

/// Whether a status is final.
pub fn is_terminal(status: &str) -> bool {
    matches!(
        status,
        "AVAILABLE" | "CANCELLED" | "FAILED" | "DEPRECATED" | "DISABLED" | "DELETED"
    )
}

/// A deterministic AMI id for an image build in a region.
pub fn ami_id(arn: &str, region: &str) -> String {
    // FNV-1a over the ARN and the region: stable across restarts, distinct per build and region.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in arn.bytes().chain([0]).chain(region.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("ami-0{:016x}", h)
}

/// The image document as the API shows it at `now`: state from the clock, and once AVAILABLE
/// its output: one AMI per distribution region, or for a container build (`type` DOCKER) one
/// ECR image URI per region in the recipe's target repository.
pub fn view(doc: &Value, now: f64, speed: f64) -> Value {
    let mut doc = doc.clone();
    let Some(build) = doc.get("_build").cloned() else {
        return doc;
    };
    let (status, reason) = state_at(&build, now, speed);
    let mut state = Map::new();
    state.insert("status".into(), status.into());
    if let Some(r) = reason {
        state.insert("reason".into(), r.into());
    }
    doc["state"] = Value::Object(state);
    if status == "AVAILABLE" {
        let arn = doc["arn"].as_str().unwrap_or_default().to_string();
        let name = doc["name"].as_str().unwrap_or_default().to_string();
        let regions: Vec<String> = build
            .get("regions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        if doc["type"] == "DOCKER" {
            let repository = doc["containerRecipe"]["targetRepository"]["repositoryName"]
                .as_str()
                .unwrap_or(&name)
                .to_string();
            // The tag is the build version with a dash: `1.0.0-3`.
            let tag = doc["version"]
                .as_str()
                .unwrap_or_default()
                .replace('/', "-");
            let containers: Vec<Value> = regions
                .iter()
                .map(|r| {
                    let uri = format!(
                        "{}.dkr.ecr.{r}.amazonaws.com/{repository}:{tag}",
                        arn_owner(&arn)
                    );
                    json!({"region": r, "imageUris": [uri]})
                })
                .collect();
            doc["outputResources"] = json!({ "containers": containers });
            return doc;
        }
        let amis: Vec<Value> = regions
            .iter()
            .map(|r| {
                json!({
                    "region": r, "image": ami_id(&arn, r), "name": format!("{name} {}", doc["version"].as_str().unwrap_or_default()),
                    "state": {"status": "AVAILABLE"}, "accountId": arn_owner(&arn),
                })
            })
            .collect();
        doc["outputResources"] = json!({ "amis": amis });
    }
    doc
}

/// The fingerprint of an idempotent input: everything but the token, canonical JSON.
fn fingerprint(input: &Value) -> String {
    let mut v = input.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("clientToken");
    }
    v.to_string()
}

/// Runs `f` once per `clientToken`: the same token with the same input answers the recorded
/// output; with another input, `IdempotentParameterMismatchException`.
fn idempotent(
    em: &Emulator,
    operation: &str,
    input: &Value,
    f: impl FnOnce() -> Result<Value, ApiError>,
) -> Result<Value, ApiError> {
    let _serial = em.idempotency.lock().unwrap_or_else(|p| p.into_inner());
    let token = input["clientToken"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let print = fingerprint(input);
    if let Some(call) = em.read().idempotent_call(operation, &token) {
        if call.fingerprint == print {
            return Ok(call.output.clone());
        }
        return Err(ApiError::new(
            "IdempotentParameterMismatchException",
            format!(
                "The clientToken {token} was already used by a {operation} call with other parameters."
            ),
        ));
    }
    let output = f()?;
    em.write()
        .record_call(
            operation,
            &token,
            IdempotentCall {
                fingerprint: print,
                output: output.clone(),
            },
        )
        .map_err(|e| ApiError::storage(&e))?;
    Ok(output)
}

fn resource(em: &Emulator, kind: Kind, what: &str, arn: &str) -> Result<Value, ApiError> {
    em.read()
        .get(kind, arn)
        .cloned()
        .ok_or_else(|| ApiError::not_found(what, arn))
}

/// The infrastructure configuration (required) and distribution configuration (optional) that
/// `source` (a CreateImage input or a pipeline: the members have the same names) refers to.
fn configurations(em: &Emulator, source: &Value) -> Result<(Value, Option<Value>), ApiError> {
    let infra_arn = source["infrastructureConfigurationArn"]
        .as_str()
        .unwrap_or_default();
    let infra = resource(
        em,
        Kind::InfrastructureConfiguration,
        "infrastructure configuration",
        infra_arn,
    )?;
    let distribution = match source
        .get("distributionConfigurationArn")
        .and_then(Value::as_str)
    {
        Some(arn) => Some(resource(
            em,
            Kind::DistributionConfiguration,
            "distribution configuration",
            arn,
        )?),
        None => None,
    };
    Ok((infra, distribution))
}

/// The members of a CreateImage input (or a pipeline) a build keeps and GetImage shows.
pub const ECHOED: [&str; 5] = [
    "imageTestsConfiguration",
    "imageScanningConfiguration",
    "workflows",
    "executionRole",
    "enhancedImageMetadataEnabled",
];

/// The service's test settings when the caller gives none (tests on, 720 minutes).
const DEFAULT_TESTS_TIMEOUT: i64 = 720;

/// The [`ECHOED`] members of `source`, with the service's defaults for the image tests, after
/// checking that every workflow it names exists.
fn build_options(em: &Emulator, source: &Value) -> Result<Map<String, Value>, ApiError> {
    let mut out = Map::new();
    for m in ECHOED {
        if let Some(v) = source.get(m).filter(|v| !v.is_null()) {
            out.insert(m.to_string(), v.clone());
        }
    }
    let tests = out
        .entry("imageTestsConfiguration")
        .or_insert_with(|| json!({}));
    if let Some(t) = tests.as_object_mut() {
        t.entry("imageTestsEnabled").or_insert(true.into());
        t.entry("timeoutMinutes")
            .or_insert(DEFAULT_TESTS_TIMEOUT.into());
    }
    for (i, w) in source
        .get("workflows")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let arn = w["workflowArn"].as_str().unwrap_or_default();
        if super::references::resolve(em, Kind::Workflow, arn).is_none() {
            return Err(ApiError::new(
                "ResourceNotFoundException",
                format!("workflows[{i}].workflowArn: the workflow {arn} does not exist."),
            ));
        }
    }
    Ok(out)
}

/// Starts a build from a recipe, infrastructure and optional distribution configuration.
#[allow(clippy::too_many_arguments)]
fn start_build(
    em: &Emulator,
    recipe: Value,
    container: bool,
    infra: Value,
    distribution: Option<Value>,
    tags: Option<&Value>,
    pipeline: Option<&Value>,
    options: Map<String, Value>,
) -> Result<String, ApiError> {
    let name = recipe["name"].as_str().unwrap_or_default().to_string();
    let version = recipe["version"].as_str().unwrap_or_default().to_string();
    let version_arn = format!(
        "arn:aws:imagebuilder:{}:{}:image/{}/{version}",
        em.config.region,
        em.config.account,
        name.to_ascii_lowercase()
    );
    let mut store = em.write();
    let prefix = format!("{version_arn}/");
    let build = store
        .all(Kind::Image)
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter_map(|(k, _)| k[prefix.len()..].parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let arn = format!("{version_arn}/{build}");
    let regions: Vec<Value> = distribution
        .as_ref()
        .and_then(|d| d.get("distributions"))
        .and_then(Value::as_array)
        .map(|ds| ds.iter().filter_map(|d| d.get("region").cloned()).collect())
        .filter(|r: &Vec<Value>| !r.is_empty())
        .unwrap_or_else(|| vec![Value::from(em.config.region.clone())]);
    let tags = tags.cloned().unwrap_or_else(|| json!({}));
    let fail = tags.get(FAIL_TAG).is_some();
    let now = now_secs();
    let mut doc = json!({
        "arn": arn, "type": if container { "DOCKER" } else { "AMI" }, "name": name,
        "version": format!("{version}/{build}"), "platform": recipe.get("platform").cloned().unwrap_or("Linux".into()),
        "osVersion": recipe.get("_osVersion").cloned().unwrap_or("Amazon Linux 2023".into()),
        "infrastructureConfiguration": infra, "dateCreated": super::demo::date_time(now),
        "tags": tags, "buildType": "USER_INITIATED", "imageSource": "CUSTOM", "owner": em.config.account,
        "enhancedImageMetadataEnabled": true,
        "_build": {"startedAt": now, "fail": fail, "regions": regions},
    });
    doc[if container {
        "containerRecipe"
    } else {
        "imageRecipe"
    }] = recipe;
    if let Some(d) = distribution {
        doc["distributionConfiguration"] = d;
    }
    if let Some(o) = doc.as_object_mut() {
        o.extend(options);
    }
    if let Some(p) = pipeline {
        doc["sourcePipelineArn"] = p["arn"].clone();
        doc["sourcePipelineName"] = p["name"].clone();
    }
    store
        .put(Kind::Image, &arn, doc)
        .map_err(|e| ApiError::storage(&e))?;
    Ok(arn)
}

/// CreateImage.
pub fn create_image(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    idempotent(em, "CreateImage", input, || {
        let (recipe, container) =
            match (input.get("imageRecipeArn"), input.get("containerRecipeArn")) {
                (Some(r), None) => {
                    let arn = r.as_str().unwrap_or_default();
                    (resource(em, Kind::ImageRecipe, "image recipe", arn)?, false)
                }
                (None, Some(c)) => {
                    let arn = c.as_str().unwrap_or_default();
                    (
                        resource(em, Kind::ContainerRecipe, "container recipe", arn)?,
                        true,
                    )
                }
                _ => {
                    return Err(ApiError::invalid_request(
                        "Exactly one of imageRecipeArn and containerRecipeArn is required.",
                    ));
                }
            };
        let (infra, distribution) = configurations(em, input)?;
        let options = build_options(em, input)?;
        let arn = start_build(
            em,
            recipe,
            container,
            infra,
            distribution,
            input.get("tags"),
            None,
            options,
        )?;
        Ok(json!({"clientToken": input["clientToken"], "imageBuildVersionArn": arn}))
    })
}

/// StartImagePipelineExecution.
pub fn start_pipeline_execution(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    idempotent(em, "StartImagePipelineExecution", input, || {
        let arn = input["imagePipelineArn"].as_str().unwrap_or_default();
        let pipeline = resource(em, Kind::ImagePipeline, "image pipeline", arn)?;
        if pipeline["status"] == "DISABLED" {
            return Err(ApiError::invalid_request(format!(
                "The image pipeline {arn} is DISABLED."
            )));
        }
        let (recipe, container) = match pipeline.get("imageRecipeArn").and_then(Value::as_str) {
            Some(r) => (resource(em, Kind::ImageRecipe, "image recipe", r)?, false),
            None => {
                let c = pipeline["containerRecipeArn"].as_str().unwrap_or_default();
                (
                    resource(em, Kind::ContainerRecipe, "container recipe", c)?,
                    true,
                )
            }
        };
        let (infra, distribution) = configurations(em, &pipeline)?;
        let tags = input.get("tags").or_else(|| pipeline.get("imageTags"));
        let options = build_options(em, &pipeline)?;
        let image = start_build(
            em,
            recipe,
            container,
            infra,
            distribution,
            tags,
            Some(&pipeline),
            options,
        )?;
        Ok(json!({"clientToken": input["clientToken"], "imageBuildVersionArn": image}))
    })
}

/// CancelImageCreation: only a build in flight can be cancelled.
pub fn cancel_image_creation(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    idempotent(em, "CancelImageCreation", input, || {
        let arn = input["imageBuildVersionArn"].as_str().unwrap_or_default();
        let mut store = em.write();
        let mut doc = store
            .get(Kind::Image, arn)
            .cloned()
            .ok_or_else(|| ApiError::not_found("image", arn))?;
        let status = view(&doc, now_secs(), em.config.speed)["state"]["status"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if is_terminal(&status) || doc.get("_build").is_none() {
            return Err(ApiError::in_use(format!(
                "The image {arn} cannot be cancelled: its build is {status}."
            )));
        }
        doc["_build"]["cancelledAt"] = now_secs().into();
        store
            .put(Kind::Image, arn, doc)
            .map_err(|e| ApiError::storage(&e))?;
        Ok(json!({"clientToken": input["clientToken"], "imageBuildVersionArn": arn}))
    })
}

/// DeleteImage: refused while the build is in flight.
pub fn delete_image(em: &Emulator, input: &Value) -> Result<Value, ApiError> {
    let arn = input["imageBuildVersionArn"].as_str().unwrap_or_default();
    let mut store = em.write();
    let doc = store
        .get(Kind::Image, arn)
        .ok_or_else(|| ApiError::not_found("image", arn))?;
    let status = view(doc, now_secs(), em.config.speed)["state"]["status"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if !is_terminal(&status) {
        return Err(ApiError::in_use(format!(
            "The image {arn} cannot be deleted while its build is {status}; cancel it first."
        )));
    }
    store
        .remove(Kind::Image, arn)
        .map_err(|e| ApiError::storage(&e))?;
    Ok(json!({"imageBuildVersionArn": arn}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_moves_through_every_phase_on_the_clock() {
        let build = json!({"startedAt": 1000.0});
        let seen: Vec<&str> = [0.0, 25.0, 300.0, 400.0, 1000.0]
            .iter()
            .map(|t| state_at(&build, 1000.0 + t, 1.0).0)
            .collect();
        assert_eq!(
            seen,
            [
                "PENDING",
                "BUILDING",
                "TESTING",
                "DISTRIBUTING",
                "AVAILABLE"
            ]
        );
        assert_eq!(state_at(&build, 1000.0 + 5.0, 100.0).0, "AVAILABLE");
    }

    #[test]
    fn a_tagged_build_fails_at_testing_and_a_cancelled_one_is_cancelled() {
        let build = json!({"startedAt": 0.0, "fail": true});
        assert_eq!(state_at(&build, 100.0, 1.0).0, "BUILDING");
        let (status, reason) = state_at(&build, 1000.0, 1.0);
        assert_eq!(status, "FAILED");
        assert!(reason.unwrap_or_default().contains(FAIL_TAG));
        assert_eq!(
            state_at(&json!({"startedAt": 0.0, "cancelledAt": 5.0}), 1e9, 1.0).0,
            "CANCELLED"
        );
    }

    #[test]
    fn an_available_build_has_one_ami_per_distribution_region() {
        let doc = json!({"arn": "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1", "name": "web", "version": "1.0.0/1",
            "_build": {"startedAt": 0.0, "regions": ["us-east-1", "eu-west-1"]}});
        let v = view(&doc, 1e6, 1.0);
        let amis = v["outputResources"]["amis"].as_array().unwrap();
        assert_eq!(amis.len(), 2);
        assert_eq!(amis[1]["region"], "eu-west-1");
        assert_ne!(amis[0]["image"], amis[1]["image"]);
    }

    #[test]
    fn an_available_container_build_has_an_ecr_image_uri_per_region_and_no_ami() {
        let doc = json!({"arn": "arn:aws:imagebuilder:us-east-1:123456789012:image/web-container/1.0.0/3", "name": "web-container",
            "type": "DOCKER", "version": "1.0.0/3",
            "containerRecipe": {"targetRepository": {"service": "ECR", "repositoryName": "web"}},
            "_build": {"startedAt": 0.0, "regions": ["us-east-1", "eu-west-1"]}});
        let v = view(&doc, 1e6, 1.0);
        assert!(v["outputResources"].get("amis").is_none(), "{v}");
        assert_eq!(
            v["outputResources"]["containers"],
            json!([
                {"region": "us-east-1", "imageUris": ["123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0-3"]},
                {"region": "eu-west-1", "imageUris": ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.0.0-3"]},
            ])
        );
    }
}
