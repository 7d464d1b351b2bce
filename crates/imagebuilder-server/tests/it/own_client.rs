//! The project's own client (`imagebuilder-client`, native) runs the interop flows against the
//! emulator, through a small `Transport` over hyper and a tokio `Clock`.

use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use imagebuilder_client::{
    CallErrorKind, Client, Clock, StaticCredentials, Transport, TransportError, TransportRequest,
    TransportResponse, WaitError, WaiterConfig,
};
use imagebuilder_core::types;
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The client's transport over the tests' hyper client.
struct HyperTransport;

impl Transport for HyperTransport {
    fn send(
        &self,
        request: TransportRequest,
    ) -> LocalBoxFuture<'static, Result<TransportResponse, TransportError>> {
        Box::pin(async move {
            let body = request.body.unwrap_or_default();
            let reply =
                crate::common::try_send(&request.method, &request.url, &request.headers, body)
                    .await
                    .map_err(TransportError::new)?;
            Ok(TransportResponse {
                status: reply.status,
                headers: reply.headers,
                body: reply.body,
            })
        })
    }
}

/// The system clock, shifted by `.0` milliseconds (a skewed machine).
struct TokioClock(i64);

impl Clock for TokioClock {
    fn now_millis(&self) -> u64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        (now + self.0).max(0) as u64
    }
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

fn client(endpoint: &str, secret: &str) -> Client {
    skewed_client(endpoint, secret, 0)
}

fn skewed_client(endpoint: &str, secret: &str, skew_millis: i64) -> Client {
    Client::builder()
        .region(crate::common::REGION)
        .endpoint_url(format!("{endpoint}/"))
        .credentials(StaticCredentials::new(crate::common::KEY, secret, None))
        .transport(HyperTransport)
        .clock(TokioClock(skew_millis))
        .build()
        .expect("client builds")
}

fn list_input(owner: types::Ownership) -> types::ListImagesRequest {
    let mut input = types::ListImagesRequest::default();
    input.owner = Some(owner);
    input
}

fn arn(kind: &str, rest: &str) -> String {
    format!("arn:aws:imagebuilder:us-east-1:123456789012:{kind}/{rest}")
}

#[tokio::test]
async fn the_projects_own_client_lists_pages_and_reads_the_emulators_images() {
    let server = crate::common::start(None, 200.0, None).await;
    let ib = client(&server.endpoint, crate::common::SECRET);
    let mut counts = HashMap::new();
    for owner in [
        types::Ownership::SelfValue,
        types::Ownership::Amazon,
        types::Ownership::Shared,
    ] {
        let items: Vec<_> = ib
            .list_images_items(list_input(owner.clone()))
            .collect()
            .await;
        let items: Vec<_> = items.into_iter().collect::<Result<_, _>>().expect("pages");
        counts.insert(format!("{owner:?}"), items.len());
    }
    assert!(
        counts["SelfValue"] >= 60 && counts["Amazon"] >= 3 && counts["Shared"] == 2,
        "{counts:?}"
    );

    let mut small = list_input(types::Ownership::SelfValue);
    small.max_results = Some(5);
    let paged: Vec<String> = ib
        .list_images_items(small)
        .map(|i| i.expect("page").arn.unwrap_or_default())
        .collect()
        .await;
    let mut big = list_input(types::Ownership::SelfValue);
    big.max_results = Some(100);
    let one = ib.list_images(big).await.expect("one page");
    assert!(one.next_token.is_none());
    let mut one: Vec<String> = one
        .image_version_list
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| i.arn)
        .collect();
    let mut sorted = paged.clone();
    sorted.sort();
    sorted.dedup();
    one.sort();
    assert_eq!(sorted.len(), paged.len(), "no duplicates across pages");
    assert_eq!(sorted, one);

    let mut get = types::GetImageRequest::default();
    get.image_build_version_arn = Some(arn("image", "web-server/1.0.0/2"));
    let image = ib
        .get_image(get)
        .await
        .expect("GetImage")
        .image
        .expect("an image");
    assert_eq!(
        image
            .state
            .and_then(|s| s.status)
            .map(|s| s.as_str().to_string())
            .as_deref(),
        Some("FAILED")
    );

    let mut missing = types::GetImageRequest::default();
    missing.image_build_version_arn = Some(arn("image", "nope/1.0.0/1"));
    let err = ib.get_image(missing).await.expect_err("not found");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));

    let mut too_many = list_input(types::Ownership::SelfValue);
    too_many.max_results = Some(500);
    let err = ib
        .list_images(too_many)
        .await
        .expect_err("the client validates first");
    assert!(
        matches!(err.kind(), CallErrorKind::Validation(_)),
        "{err:?}"
    );

    let wrong = client(&server.endpoint, "not-the-secret");
    let err = wrong
        .list_images(list_input(types::Ownership::SelfValue))
        .await
        .expect_err("bad signature");
    assert_eq!(err.code(), Some("InvalidSignatureException"));
    server.stop().await;
}

#[tokio::test]
async fn the_projects_own_client_creates_waits_replays_cancels_and_tags() {
    let server = crate::common::start(None, 200.0, None).await;
    let ib = client(&server.endpoint, crate::common::SECRET);
    let mut fast = WaiterConfig::default();
    fast.min_delay = Duration::from_millis(200);
    fast.max_delay = Duration::from_millis(200);
    fast.max_attempts = 100;

    let mut create = types::CreateImageRequest::default();
    create.image_recipe_arn = Some(arn("image-recipe", "base-linux/1.0.0"));
    create.infrastructure_configuration_arn =
        Some(arn("infrastructure-configuration", "default-infra"));
    create.client_token = Some("own-client-token-1".to_string());
    let created = ib.create_image(create.clone()).await.expect("CreateImage");
    let replay = ib.create_image(create.clone()).await.expect("replay");
    assert_eq!(
        created.image_build_version_arn,
        replay.image_build_version_arn
    );
    let mut changed = create.clone();
    changed.tags = Some(
        [("changed".to_string(), "yes".to_string())]
            .into_iter()
            .collect(),
    );
    let err = ib.create_image(changed).await.expect_err("mismatch");
    assert_eq!(err.code(), Some("IdempotentParameterMismatchException"));

    let built = created.image_build_version_arn.expect("an ARN");
    let mut seen = Vec::new();
    let done = ib
        .wait_until_image_available(&built, &fast, &mut |change| {
            seen.push(format!("{change:?}"))
        })
        .await
        .expect("reaches AVAILABLE");
    assert!(done.image.and_then(|i| i.output_resources).is_some());
    assert!(!seen.is_empty());

    create.client_token = None; // the client fills one
    let other = ib
        .create_image(create)
        .await
        .expect("CreateImage")
        .image_build_version_arn
        .expect("ARN");
    let mut cancel = types::CancelImageCreationRequest::default();
    cancel.image_build_version_arn = Some(other.clone());
    ib.cancel_image_creation(cancel).await.expect("cancelled");
    let err = ib
        .wait_until_image_available(&other, &fast, &mut |_| {})
        .await
        .expect_err("the waiter fails");
    assert!(
        matches!(err, WaitError::Failed { ref status, .. } if status == "CANCELLED"),
        "{err:?}"
    );

    let recipe = arn("image-recipe", "base-linux/1.0.0");
    let mut tag = types::TagResourceRequest::default();
    tag.resource_arn = Some(recipe.clone());
    tag.tags = Some(
        [("own".to_string(), "client".to_string())]
            .into_iter()
            .collect(),
    );
    ib.tag_resource(tag).await.expect("tagged");
    let mut list = types::ListTagsForResourceRequest::default();
    list.resource_arn = Some(recipe);
    let tags = ib
        .list_tags_for_resource(list)
        .await
        .expect("tags")
        .tags
        .unwrap_or_default();
    assert_eq!(tags.get("own").map(String::as_str), Some("client"));
    server.stop().await;
}

#[tokio::test]
async fn a_client_whose_clock_is_fifteen_minutes_late_corrects_itself_from_the_servers_date() {
    let server = crate::common::start(None, 1.0, None).await;
    let late = skewed_client(&server.endpoint, crate::common::SECRET, -15 * 60 * 1000);
    let page = late
        .list_images(list_input(types::Ownership::Amazon))
        .await
        .expect("the refused attempt is retried with the server's clock");
    assert!(!page.image_version_list.unwrap_or_default().is_empty());
    let offset = late.clock_skew_millis();
    assert!(
        (offset - 15 * 60 * 1000).abs() < 5_000,
        "skew learned: {offset} ms"
    );
    server.stop().await;
}
