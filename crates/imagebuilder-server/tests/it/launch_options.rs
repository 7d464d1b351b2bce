//! What the console's Launch and Image pages rely on: CreateImage's tests, scanning, workflows
//! and execution role kept and shown by GetImage, unknown workflows refused by name, the owner
//! choices of the recipe and workflow lists, and GetImage's latest version references.

use crate::common::{call, start};
use serde_json::{Value, json};

const ACCOUNT: &str = "123456789012";

fn arn(owner: &str, kind: &str, rest: &str) -> String {
    format!("arn:aws:imagebuilder:us-east-1:{owner}:{kind}/{rest}")
}

fn create(token: &str) -> Value {
    json!({
        "containerRecipeArn": arn(ACCOUNT, "container-recipe", "web-container/1.0.0"),
        "infrastructureConfigurationArn": arn(ACCOUNT, "infrastructure-configuration", "default-infra"),
        "clientToken": token,
    })
}

#[tokio::test]
async fn create_image_keeps_tests_scanning_workflows_and_role_and_get_image_shows_them() {
    let server = start(None, 1.0, None).await;
    let mut input = create("echo-1");
    input["imageTestsConfiguration"] = json!({"imageTestsEnabled": false, "timeoutMinutes": 90});
    input["imageScanningConfiguration"] = json!({"imageScanningEnabled": true,
        "ecrConfiguration": {"repositoryName": "scans", "containerTags": ["a", "b"]}});
    input["workflows"] = json!([
        {"workflowArn": arn("aws", "workflow/build", "build-image/x.x.x")},
        {"workflowArn": arn(ACCOUNT, "workflow/test", "smoke-test/1.0.0"), "onFailure": "CONTINUE",
         "parameters": [{"name": "waitMinutes", "value": ["5"]}]},
    ]);
    input["executionRole"] = "ImageBuilderExecution".into();
    let r = call(&server, "CreateImage", &input).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let image_arn = r.json()["imageBuildVersionArn"].clone();
    let got = get_image(&server, &image_arn).await;
    let image = &got.json()["image"];
    assert_eq!(
        image["imageTestsConfiguration"],
        input["imageTestsConfiguration"]
    );
    assert_eq!(
        image["imageScanningConfiguration"],
        input["imageScanningConfiguration"]
    );
    assert_eq!(image["workflows"], input["workflows"]);
    assert_eq!(image["executionRole"], "ImageBuilderExecution");
    server.stop().await;
}

#[tokio::test]
async fn image_tests_default_to_on_for_720_minutes_like_the_service() {
    let server = start(None, 1.0, None).await;
    let r = call(&server, "CreateImage", &create("defaults-1")).await;
    let image_arn = r.json()["imageBuildVersionArn"].clone();
    let got = get_image(&server, &image_arn).await;
    assert_eq!(
        got.json()["image"]["imageTestsConfiguration"],
        json!({"imageTestsEnabled": true, "timeoutMinutes": 720})
    );
    server.stop().await;
}

#[tokio::test]
async fn a_workflow_that_does_not_exist_is_refused_naming_the_member_and_creates_nothing() {
    let server = start(None, 1.0, None).await;
    let mut input = create("missing-workflow");
    input["workflows"] = json!([
        {"workflowArn": arn("aws", "workflow/build", "build-image/1.0.0")},
        {"workflowArn": arn(ACCOUNT, "workflow/test", "smoke-test/9.x.x")},
    ]);
    let r = call(&server, "CreateImage", &input).await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.header("x-amzn-errortype"),
        Some("ResourceNotFoundException")
    );
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("workflows[1].workflowArn"), "{message}");
    assert!(message.contains("smoke-test/9.x.x"), "{message}");
    let builds = call(
        &server,
        "ListImageBuildVersions",
        &json!({"imageVersionArn": arn(ACCOUNT, "image", "web-container/1.0.0")}),
    )
    .await;
    assert_eq!(builds.status, 404, "no build was started");
    server.stop().await;
}

async fn names(
    server: &crate::common::TestServer,
    op: &str,
    key: &str,
    owner: &str,
) -> Vec<String> {
    let r = call(server, op, &json!({"owner": owner})).await;
    assert_eq!(r.status, 200, "{op} {owner}");
    let mut names: Vec<String> = r.json()[key]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| i["name"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn recipes_and_workflows_list_by_owner_with_shared_and_amazon_ones_in_the_demo() {
    let server = start(None, 1.0, None).await;
    let recipes = |owner| names(&server, "ListImageRecipes", "imageRecipeSummaryList", owner);
    assert_eq!(recipes("Shared").await, ["golden-base"]);
    let own = recipes("Self").await;
    assert!(own.contains(&"web-server".to_string()) && !own.contains(&"golden-base".to_string()));
    assert!(recipes("AWSMarketplace").await.is_empty());
    let workflows = |owner| names(&server, "ListWorkflows", "workflowVersionList", owner);
    assert_eq!(
        workflows("Amazon").await,
        ["build-image", "distribute-image", "test-image"]
    );
    assert_eq!(workflows("Shared").await, ["org-compliance"]);
    assert_eq!(workflows("Self").await, ["smoke-test"]);
    server.stop().await;
}

#[tokio::test]
async fn get_image_answers_the_latest_version_references_as_wildcard_arns() {
    let server = start(None, 1.0, None).await;
    let build = arn(ACCOUNT, "image", "web-server/1.0.0/2");
    let r = call(&server, "GetImage", &json!({"imageBuildVersionArn": build})).await;
    let refs = &r.json()["latestVersionReferences"];
    let base = arn(ACCOUNT, "image", "web-server");
    assert_eq!(refs["latestVersionArn"], format!("{base}/x.x.x"));
    assert_eq!(refs["latestMajorVersionArn"], format!("{base}/1.x.x"));
    assert_eq!(refs["latestMinorVersionArn"], format!("{base}/1.0.x"));
    assert_eq!(refs["latestPatchVersionArn"], format!("{base}/1.0.0"));
    server.stop().await;
}

/// GetImage of `arn` (a JSON string).
async fn get_image(server: &crate::common::TestServer, arn: &Value) -> crate::common::Reply {
    call(server, "GetImage", &json!({"imageBuildVersionArn": arn})).await
}
