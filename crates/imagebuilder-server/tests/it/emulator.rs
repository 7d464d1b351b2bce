//! The emulator's service rules over HTTP: idempotency under concurrency, the fail tag, pipelines,
//! packages, deletes of builds in flight, and operations it does not emulate.

use crate::common::{call, start};
use serde_json::{Value, json};

fn arn(kind: &str, rest: &str) -> String {
    format!("arn:aws:imagebuilder:us-east-1:123456789012:{kind}/{rest}")
}

fn create(token: &str, tags: Value) -> Value {
    json!({
        "imageRecipeArn": arn("image-recipe", "ci-runner/1.4.0"),
        "infrastructureConfigurationArn": arn("infrastructure-configuration", "large-infra"),
        "clientToken": token,
        "tags": tags,
    })
}

async fn status(server: &crate::common::TestServer, image: &str) -> String {
    let r = call(server, "GetImage", &json!({"imageBuildVersionArn": image})).await;
    r.json()["image"]["state"]["status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn concurrent_calls_with_one_client_token_create_one_build() {
    let server = start(None, 1.0, None).await;
    let input = create("same-token", json!({"team": "ci"}));
    let calls: Vec<_> = (0..8)
        .map(|_| call(&server, "CreateImage", &input))
        .collect();
    let arns: Vec<Value> = futures_util::future::join_all(calls)
        .await
        .iter()
        .map(|r| r.json()["imageBuildVersionArn"].clone())
        .collect();
    assert!(
        arns.iter().all(|a| a == &arns[0] && a.is_string()),
        "{arns:?}"
    );
    let builds = call(
        &server,
        "ListImageBuildVersions",
        &json!({"imageVersionArn": arn("image", "ci-runner/1.4.0")}),
    )
    .await;
    assert_eq!(
        builds.json()["imageSummaryList"].as_array().map(Vec::len),
        Some(1)
    );
    // Build numbers are per version: a second token gets build 2.
    let second = call(
        &server,
        "CreateImage",
        &create("other-token", json!({"team": "ci"})),
    )
    .await;
    assert_eq!(
        second.json()["imageBuildVersionArn"],
        arn("image", "ci-runner/1.4.0/2")
    );
    server.stop().await;
}

#[tokio::test]
async fn the_fail_tag_fails_the_build_at_testing_with_a_reason() {
    let server = start(None, 1000.0, None).await;
    let r = call(
        &server,
        "CreateImage",
        &create("fail-1", json!({"imagebuilder-emulator:fail": "yes"})),
    )
    .await;
    let image = r.json()["imageBuildVersionArn"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let got = call(&server, "GetImage", &json!({"imageBuildVersionArn": image})).await;
    assert_eq!(got.json()["image"]["state"]["status"], "FAILED");
    assert!(
        got.json()["image"]["state"]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("imagebuilder-emulator:fail")
    );
    server.stop().await;
}

#[tokio::test]
async fn a_build_in_flight_cannot_be_deleted_and_a_finished_one_can() {
    let server = start(None, 1.0, None).await;
    let r = call(
        &server,
        "CreateImage",
        &create("del-1", json!({"team": "ci"})),
    )
    .await;
    let image = r.json()["imageBuildVersionArn"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let refused = call(
        &server,
        "DeleteImage",
        &json!({"imageBuildVersionArn": image}),
    )
    .await;
    assert_eq!(
        (refused.status, refused.header("x-amzn-errortype")),
        (400, Some("ResourceInUseException"))
    );
    call(
        &server,
        "CancelImageCreation",
        &json!({"imageBuildVersionArn": image, "clientToken": "c-1"}),
    )
    .await;
    let deleted = call(
        &server,
        "DeleteImage",
        &json!({"imageBuildVersionArn": image}),
    )
    .await;
    assert_eq!(deleted.status, 200);
    let gone = call(&server, "GetImage", &json!({"imageBuildVersionArn": image})).await;
    assert_eq!(
        gone.header("x-amzn-errortype"),
        Some("ResourceNotFoundException")
    );
    server.stop().await;
}

#[tokio::test]
async fn a_pipeline_execution_builds_its_recipe_and_lists_under_the_pipeline() {
    let server = start(None, 10_000.0, None).await;
    let pipeline = arn("image-pipeline", "web-server-nightly");
    let r = call(
        &server,
        "StartImagePipelineExecution",
        &json!({"imagePipelineArn": pipeline, "clientToken": "p-1"}),
    )
    .await;
    let image = r.json()["imageBuildVersionArn"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        image.starts_with(&arn("image", "web-server/2.0.0/")),
        "{image}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(status(&server, &image).await, "AVAILABLE");
    let listed = call(
        &server,
        "ListImagePipelineImages",
        &json!({"imagePipelineArn": pipeline}),
    )
    .await;
    let arns: Vec<Value> = listed.json()["imageSummaryList"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|i| i["arn"].clone())
        .collect();
    assert_eq!(arns, vec![json!(image)]);
    let got = call(&server, "GetImage", &json!({"imageBuildVersionArn": image})).await;
    let regions: Vec<Value> = got.json()["image"]["outputResources"]["amis"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|a| a["region"].clone())
        .collect();
    assert_eq!(
        regions,
        vec![json!("us-east-1"), json!("us-west-2"), json!("eu-west-1")]
    );
    let packages = call(
        &server,
        "ListImagePackages",
        &json!({"imageBuildVersionArn": image, "maxResults": 3}),
    )
    .await;
    assert_eq!(
        packages.json()["imagePackageList"].as_array().map(Vec::len),
        Some(3)
    );
    assert!(packages.json()["nextToken"].is_string());
    let disabled = call(
        &server,
        "StartImagePipelineExecution",
        &json!({"imagePipelineArn": arn("image-pipeline", "base-weekly"), "clientToken": "p-2"}),
    )
    .await;
    assert_eq!(
        disabled.header("x-amzn-errortype"),
        Some("InvalidRequestException")
    );
    server.stop().await;
}

#[tokio::test]
async fn operations_it_does_not_emulate_are_refused_by_name_and_bad_filters_name_the_allowed_ones()
{
    let server = start(None, 1.0, None).await;
    let r = call(
        &server,
        "DeleteComponent",
        &json!({"componentBuildVersionArn": arn("component", "install-nginx/1.0.0/1")}),
    )
    .await;
    assert_eq!(
        (r.status, r.header("x-amzn-errortype")),
        (400, Some("InvalidRequestException"))
    );
    let message = r.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(
        message.starts_with("DeleteComponent is not emulated"),
        "{message}"
    );
    let r = call(
        &server,
        "ListComponents",
        &json!({"filters": [{"name": "colour", "values": ["x"]}]}),
    )
    .await;
    assert!(
        r.json()["message"]
            .as_str()
            .unwrap_or_default()
            .contains("description, name, platform")
    );
    let r = call(&server, "GetWorkflow", &json!({"workflowBuildVersionArn": "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1"})).await;
    assert_eq!(r.json()["workflow"]["name"], "build-image");
    server.stop().await;
}
