//! `--data FILE`: images, builds in flight, tags and idempotency records survive a restart, and
//! a build in flight resumes on the clock.

use crate::common::{call, start};
use serde_json::json;

fn arn(kind: &str, rest: &str) -> String {
    format!("arn:aws:imagebuilder:us-east-1:123456789012:{kind}/{rest}")
}

#[tokio::test]
async fn images_builds_in_flight_and_tags_survive_a_restart() {
    let path = std::env::temp_dir().join(format!("ib-restart-{}.sqlite", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let create = json!({
        "imageRecipeArn": arn("image-recipe", "base-linux/1.0.0"),
        "infrastructureConfigurationArn": arn("infrastructure-configuration", "default-infra"),
        "clientToken": "restart-token-1",
        "tags": {"survives": "yes"},
    });

    // Speed 1: a build takes minutes, so it is still in flight at the restart.
    let server = start(Some(&path), 1.0, None).await;
    let created = call(&server, "CreateImage", &create).await;
    assert_eq!(
        created.status,
        200,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    let image = created.json()["imageBuildVersionArn"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let recipe = arn("image-recipe", "web-server/2.0.0");
    let tagged = call(
        &server,
        "TagResource",
        &json!({"resourceArn": recipe, "tags": {"kept": "across restarts"}}),
    )
    .await;
    assert_eq!(
        tagged.status,
        200,
        "{}",
        String::from_utf8_lossy(&tagged.body)
    );
    server.stop().await;

    let server = start(Some(&path), 1.0, None).await;
    let got = call(
        &server,
        "ListImageBuildVersions",
        &json!({"imageVersionArn": image.rsplit_once('/').map(|(v, _)| v).unwrap_or_default()}),
    )
    .await;
    let builds = got.json()["imageSummaryList"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let build = builds
        .iter()
        .find(|b| b["arn"] == image.as_str())
        .expect("the build survived");
    let status = build["state"]["status"].as_str().unwrap_or_default();
    assert!(
        ["PENDING", "BUILDING"].contains(&status),
        "still in flight, got {status}"
    );
    assert_eq!(build["tags"]["survives"], "yes");
    let replay = call(&server, "CreateImage", &create).await;
    assert_eq!(
        replay.json()["imageBuildVersionArn"],
        image.as_str(),
        "the clientToken record survived"
    );
    let recipe_doc = call(
        &server,
        "ListImageRecipes",
        &json!({"filters": [{"name": "name", "values": ["web-server"]}]}),
    )
    .await;
    let tags: Vec<_> = recipe_doc.json()["imageRecipeSummaryList"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r["arn"] == recipe.as_str())
        .map(|r| r["tags"]["kept"].clone())
        .collect();
    assert_eq!(tags, vec![json!("across restarts")]);
    let own = call(&server, "ListImages", &json!({"maxResults": 100})).await;
    assert!(
        own.json()["imageVersionList"]
            .as_array()
            .map_or(0, Vec::len)
            >= 60,
        "demo data not duplicated or lost"
    );
    server.stop().await;

    // A faster clock on the next start: the same build resumes and completes.
    // The build advances on the server's clock: poll (bounded) until it reaches AVAILABLE.
    let server = start(Some(&path), 10_000.0, None).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        let got = call(&server, "GetImage", &json!({"imageBuildVersionArn": image})).await;
        let status = got.json()["image"]["state"]["status"].clone();
        if status == "AVAILABLE" || std::time::Instant::now() > deadline {
            break status;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(status, "AVAILABLE", "the resumed build completes");
    server.stop().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
