//! Credentials, endpoints for every partition, the model's tables, cancellation, the generated
//! per-operation methods and error chains, against a scripted transport and a virtual clock.
#![cfg(not(target_arch = "wasm32"))]
// Tests may unwrap (house rule); helpers outside #[test] fns need the allow too.
#![allow(clippy::unwrap_used)]

use super::behaviour::{create_image_input, create_image_ok, five_pages, page};
use crate::common::*;
use futures_executor::block_on;
use futures_util::StreamExt;
use imagebuilder_client::endpoint::{self, EndpointConfig};
use imagebuilder_client::{
    CallErrorKind, CallOptions, CancelToken, Client, ClientConfigError, CredentialsError,
    ProvidedCredentials, RefreshingCredentials, StaticCredentials, WaitError, WaitState,
    WaiterConfig,
};
use imagebuilder_core::operations::ListImages;
use imagebuilder_core::signing::Credentials;
use imagebuilder_core::types::ListImagesRequest;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

// ------------------------------------------------------------------------------ credentials

#[test]
fn session_tokens_are_sent_and_expired_static_credentials_are_refused() {
    let t = ScriptedTransport::new(vec![Reply::Respond(ok_list_images())]);
    let clock = FakeClock::at(T0);
    let provided = ProvidedCredentials::expiring(
        Credentials::new("ASIATEMP", "secret", Some("SESSION".to_string())),
        T0 + 60_000,
    );
    let c = Client::builder()
        .region("eu-west-1")
        .credentials(StaticCredentials::from_provided(provided))
        .transport(t.clone())
        .clock(clock.clone())
        .build()
        .unwrap();
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    let r = &t.requests()[0];
    assert_eq!(header(r, "x-amz-security-token"), "SESSION");
    assert!(header(r, "authorization").contains("x-amz-security-token"));
    assert!(
        !format!("{r:?}").contains("SESSION"),
        "Debug redacts the token"
    );

    clock.now.set(T0 + 60_000);
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap_err();
    assert_eq!(
        err.kind(),
        &CallErrorKind::Credentials(CredentialsError::Expired {
            expired_at_millis: T0 + 60_000
        })
    );
    assert_eq!(err.attempts(), 0);
}

#[test]
fn the_refresh_hook_runs_when_credentials_near_expiry_and_is_cached_otherwise() {
    let calls = Rc::new(Cell::new(0u32));
    let clock = FakeClock::at(T0);
    let hook_calls = calls.clone();
    let hook_clock = clock.clone();
    let provider = RefreshingCredentials::new(Rc::new(move || {
        hook_calls.set(hook_calls.get() + 1);
        let n = hook_calls.get();
        let expiry = imagebuilder_client::Clock::now_millis(&hook_clock) + 3_600_000;
        Box::pin(async move {
            Ok(ProvidedCredentials::expiring(
                Credentials::new(format!("ASIA{n}"), "secret", Some(format!("tok{n}"))),
                expiry,
            ))
        })
    }));
    let t = ScriptedTransport::new(vec![
        Reply::Respond(ok_list_images()),
        Reply::Respond(ok_list_images()),
        Reply::Respond(ok_list_images()),
    ]);
    let c = builder(&t, &clock, 0.5)
        .credentials(provider)
        .build()
        .unwrap();
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    clock.now.set(T0 + 30 * 60_000);
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    assert_eq!(calls.get(), 1, "cached while far from expiry");
    clock.now.set(T0 + 56 * 60_000);
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    assert_eq!(calls.get(), 2, "refreshed within 5 minutes of expiry");
    let tokens: Vec<String> = t
        .requests()
        .iter()
        .map(|r| r.header("x-amz-security-token").unwrap().to_string())
        .collect();
    assert_eq!(tokens, vec!["tok1", "tok1", "tok2"]);

    let failing = RefreshingCredentials::new(Rc::new(|| {
        Box::pin(async {
            Err(CredentialsError::Refresh {
                message: "backend down".to_string(),
            })
        })
    }));
    let c = builder(&t, &clock, 0.5)
        .credentials(failing)
        .build()
        .unwrap();
    let err = block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap_err();
    assert!(err.to_string().contains("backend down"), "{err}");
}

// -------------------------------------------------------------------------------- endpoints

#[test]
fn endpoints_follow_the_model_rule_set_for_every_partition() {
    let cases = [
        (
            "us-east-1",
            EndpointConfig::Aws,
            "https://imagebuilder.us-east-1.amazonaws.com",
        ),
        (
            "us-east-1",
            EndpointConfig::AwsFips,
            "https://imagebuilder-fips.us-east-1.amazonaws.com",
        ),
        (
            "us-east-1",
            EndpointConfig::AwsDualStack,
            "https://imagebuilder.us-east-1.api.aws",
        ),
        (
            "us-east-1",
            EndpointConfig::AwsFipsDualStack,
            "https://imagebuilder-fips.us-east-1.api.aws",
        ),
        (
            "cn-north-1",
            EndpointConfig::Aws,
            "https://imagebuilder.cn-north-1.amazonaws.com.cn",
        ),
        (
            "us-gov-west-1",
            EndpointConfig::AwsFips,
            "https://imagebuilder.us-gov-west-1.amazonaws.com",
        ),
        (
            "us-gov-east-1",
            EndpointConfig::AwsFipsDualStack,
            "https://imagebuilder-fips.us-gov-east-1.api.aws",
        ),
        (
            "us-iso-east-1",
            EndpointConfig::Aws,
            "https://imagebuilder.us-iso-east-1.c2s.ic.gov",
        ),
        (
            "us-isob-east-1",
            EndpointConfig::AwsFips,
            "https://imagebuilder-fips.us-isob-east-1.sc2s.sgov.gov",
        ),
        (
            "eu-isoe-west-1",
            EndpointConfig::Aws,
            "https://imagebuilder.eu-isoe-west-1.cloud.adc-e.uk",
        ),
        (
            "us-isof-south-1",
            EndpointConfig::Aws,
            "https://imagebuilder.us-isof-south-1.csp.hci.ic.gov",
        ),
        (
            "eusc-de-east-1",
            EndpointConfig::Aws,
            "https://imagebuilder.eusc-de-east-1.amazonaws.eu",
        ),
        // Not listed, matched by pattern.
        (
            "cn-south-7",
            EndpointConfig::Aws,
            "https://imagebuilder.cn-south-7.amazonaws.com.cn",
        ),
        (
            "ap-future-9",
            EndpointConfig::Aws,
            "https://imagebuilder.ap-future-9.amazonaws.com",
        ),
        // Matches nothing: the aws partition.
        (
            "moon-base-1",
            EndpointConfig::Aws,
            "https://imagebuilder.moon-base-1.amazonaws.com",
        ),
        (
            "us-east-1",
            EndpointConfig::Custom("http://127.0.0.1:8080/emulator/".to_string()),
            "http://127.0.0.1:8080/emulator",
        ),
    ];
    for (region, config, expected) in cases {
        assert_eq!(
            endpoint::resolve(region, &config).unwrap(),
            expected,
            "{region} {config:?}"
        );
    }
    assert_eq!(endpoint::partition_of("us-gov-west-1").name, "aws-us-gov");
    assert_eq!(endpoint::partition_of("us-isob-east-1").name, "aws-iso-b");
}

#[test]
fn bad_regions_and_custom_urls_are_refused_when_building_the_client() {
    let t = ScriptedTransport::new(vec![]);
    let clock = FakeClock::at(T0);
    for region in ["", "US-EAST-1", "us-east-1.evil.com/", "-x", "us east"] {
        let err = builder(&t, &clock, 0.5).region(region).build().unwrap_err();
        assert!(
            matches!(
                err,
                ClientConfigError::Endpoint(
                    imagebuilder_client::EndpointError::InvalidRegion { .. }
                )
            ),
            "{region:?}: {err:?}"
        );
    }
    for url in [
        "ftp://x",
        "http://",
        "https://user:pw@host/",
        "https://host/?q=1",
        "https://host/#f",
    ] {
        let err = builder(&t, &clock, 0.5)
            .endpoint_url(url)
            .build()
            .unwrap_err();
        assert!(
            matches!(
                err,
                ClientConfigError::Endpoint(
                    imagebuilder_client::EndpointError::InvalidCustomUrl { .. }
                )
            ),
            "{url:?}: {err:?}"
        );
    }
    let no_creds = Client::builder()
        .region("us-east-1")
        .transport(t.clone())
        .clock(clock.clone())
        .build()
        .unwrap_err();
    assert_eq!(
        no_creds,
        ClientConfigError::Missing {
            field: "credentials"
        }
    );
    let no_transport = Client::builder()
        .region("us-east-1")
        .credentials(StaticCredentials::new("a", "b", None))
        .clock(clock.clone())
        .build()
        .unwrap_err();
    assert_eq!(
        no_transport,
        ClientConfigError::Missing { field: "transport" }
    );
}

#[test]
fn model_tables_and_the_waiter_match_the_pinned_model() {
    // The idempotent and paginated operations are generated by the core from model/ and
    // checked against it in crates/imagebuilder-core/tests/it/shapes.rs, and so is the waiter;
    // here: the client's waiter defaults and acceptors are the model's.
    let waiters: serde_json::Value =
        serde_json::from_str(include_str!("../../../../model/waiters-2.json")).unwrap();
    let w = &waiters["waiters"]["ImageAvailable"];
    let config = WaiterConfig::default();
    for acceptor in w["acceptors"].as_array().unwrap() {
        let status = acceptor["expected"].as_str().unwrap();
        let state = imagebuilder_client::image_wait_state(status, Some("why"));
        match acceptor["state"].as_str().unwrap() {
            "success" => assert!(matches!(state, WaitState::Success { .. }), "{status}"),
            "failure" => assert!(matches!(state, WaitState::Failure { .. }), "{status}"),
            other => panic!("acceptor state {other}"),
        }
    }
    // Beyond the model: a deleted image never becomes available; other statuses poll again.
    assert!(matches!(
        imagebuilder_client::image_wait_state("DELETED", None),
        WaitState::Failure { .. }
    ));
    assert!(matches!(
        imagebuilder_client::image_wait_state("BUILDING", None),
        WaitState::Pending { .. }
    ));
    assert_eq!(w["delay"].as_u64().unwrap(), config.min_delay.as_secs());
    assert_eq!(
        w["maxAttempts"].as_u64().unwrap(),
        u64::from(config.max_attempts)
    );
}

#[test]
fn a_call_is_cancellable_through_call_options_even_without_a_transport_answer() {
    let token = CancelToken::new();
    let trigger = token.clone();
    let t = ScriptedTransport::new(vec![Reply::Hang]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let fired = RefCell::new(false);
    let options = CallOptions::cancellable(token);
    let call = c.send::<ListImages>(ListImagesRequest::default(), &options);
    let cancel_soon = async {
        *fired.borrow_mut() = true;
        trigger.cancel();
    };
    let (result, ()) = block_on(futures_util::future::join(call, cancel_soon));
    assert!(*fired.borrow());
    assert_eq!(result.unwrap_err().kind(), &CallErrorKind::Cancelled);
}

fn paginated_name<O: imagebuilder_core::protocol::Paginated>() -> &'static str {
    O::NAME
}

#[test]
fn every_paginated_operation_of_the_model_can_be_paginated_by_the_client() {
    use imagebuilder_core::operations as ops;
    let names = [
        paginated_name::<ops::ListComponentBuildVersions>(),
        paginated_name::<ops::ListComponents>(),
        paginated_name::<ops::ListContainerRecipes>(),
        paginated_name::<ops::ListDistributionConfigurations>(),
        paginated_name::<ops::ListImageBuildVersions>(),
        paginated_name::<ops::ListImagePackages>(),
        paginated_name::<ops::ListImagePipelineImages>(),
        paginated_name::<ops::ListImagePipelines>(),
        paginated_name::<ops::ListImageRecipes>(),
        paginated_name::<ops::ListImageScanFindingAggregations>(),
        paginated_name::<ops::ListImageScanFindings>(),
        paginated_name::<ops::ListImages>(),
        paginated_name::<ops::ListInfrastructureConfigurations>(),
        paginated_name::<ops::ListLifecycleExecutionResources>(),
        paginated_name::<ops::ListLifecycleExecutions>(),
        paginated_name::<ops::ListLifecyclePolicies>(),
        paginated_name::<ops::ListWaitingWorkflowSteps>(),
        paginated_name::<ops::ListWorkflowBuildVersions>(),
        paginated_name::<ops::ListWorkflowExecutions>(),
        paginated_name::<ops::ListWorkflowStepExecutions>(),
        paginated_name::<ops::ListWorkflows>(),
    ];
    assert_eq!(
        names.to_vec(),
        imagebuilder_core::model::PAGINATED_OPERATIONS
    );

    // And one of them, end to end: two pages of ListComponents items.
    let t = ScriptedTransport::new(vec![
        Reply::Respond(json(
            200,
            r#"{"componentVersionList":[{"name":"a"},{"name":"b"}],"nextToken":"n1"}"#,
        )),
        Reply::Respond(json(200, r#"{"componentVersionList":[{"name":"c"}]}"#)),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let items: Vec<_> = block_on(
        c.paginate_items::<ops::ListComponents>(Default::default(), ())
            .collect::<Vec<_>>(),
    );
    let names: Vec<String> = items
        .into_iter()
        .map(|i| i.unwrap().name.unwrap())
        .collect();
    assert_eq!(names, vec!["a", "b", "c"]);
}

// ------------------------------------------------------------------- generated methods

#[test]
fn the_generated_list_images_method_posts_to_list_images_and_parses_the_page() {
    let t = ScriptedTransport::new(vec![Reply::Respond(page(1, Some("t1")))]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut input = ListImagesRequest::default();
    input.max_results = Some(3);
    let out = block_on(c.list_images(input)).unwrap();
    let names: Vec<String> = out
        .image_version_list
        .unwrap()
        .into_iter()
        .map(|i| i.name.unwrap())
        .collect();
    assert_eq!(names, ["p1i0", "p1i1", "p1i2"]);
    assert_eq!(out.next_token.as_deref(), Some("t1"));
    let reqs = t.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].method, "POST");
    assert!(
        reqs[0]
            .url
            .ends_with("imagebuilder.us-east-1.amazonaws.com/ListImages"),
        "{}",
        reqs[0].url
    );
    assert_eq!(body_json(&reqs[0])["maxResults"], 3);
}

#[test]
fn the_generated_create_image_method_fills_and_reuses_the_client_token_like_send() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(500, "ServiceException", "committed, then failed")),
        Reply::Respond(create_image_ok()),
        Reply::Respond(create_image_ok()),
    ]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let out = block_on(c.create_image(create_image_input())).unwrap();
    assert!(out.image_build_version_arn.unwrap().ends_with("/1.0.0/1"));
    let mut mine = create_image_input();
    mine.client_token = Some("my-token-1".to_string());
    block_on(c.create_image(mine)).unwrap();
    let reqs = t.requests();
    assert_eq!(reqs.len(), 3);
    assert!(
        reqs.iter()
            .all(|r| r.method == "PUT" && r.url.ends_with("/CreateImage"))
    );
    let tokens: Vec<String> = reqs
        .iter()
        .map(|r| body_json(r)["clientToken"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(tokens[0], tokens[1], "the retry reuses the generated token");
    assert_eq!(tokens[0].len(), 36);
    assert_eq!(&tokens[0][14..15], "4", "UUID version 4: {}", tokens[0]);
    assert_eq!(tokens[2], "my-token-1", "a caller's token is kept");
}

#[test]
fn the_generated_list_images_items_method_walks_every_page_in_order() {
    let t = five_pages();
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let mut input = ListImagesRequest::default();
    input.max_results = Some(3);
    let items: Vec<_> = block_on(c.list_images_items(input).collect::<Vec<_>>());
    let names: Vec<String> = items
        .into_iter()
        .map(|i| i.unwrap().name.unwrap())
        .collect();
    let expected: Vec<String> = (1..=5)
        .flat_map(|p| (0..3).map(move |i| format!("p{p}i{i}")))
        .collect();
    assert_eq!(names, expected);
    let sent: Vec<serde_json::Value> = t.requests().iter().map(body_json).collect();
    assert_eq!(sent.len(), 5);
    assert_eq!(sent[0].get("nextToken"), None);
    for (i, body) in sent.iter().enumerate().skip(1) {
        assert_eq!(body["nextToken"], format!("t{i}"));
    }
}

#[test]
fn the_generated_list_images_pages_method_yields_one_response_per_page() {
    let t = five_pages();
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);
    let pages: Vec<_> = block_on(
        c.list_images_pages(ListImagesRequest::default())
            .collect::<Vec<_>>(),
    );
    let tokens: Vec<Option<String>> = pages.into_iter().map(|p| p.unwrap().next_token).collect();
    assert_eq!(
        tokens,
        [Some("t1"), Some("t2"), Some("t3"), Some("t4"), None].map(|t| t.map(str::to_string))
    );
    assert_eq!(t.requests().len(), 5);
}

/// `ListImages` -> `list_images`: an underscore before every upper-case letter but the first
/// (the model's operation names have no acronym runs; the test below would notice one).
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn every_operation_of_the_model_has_a_generated_client_method_named_in_snake_case() {
    let methods = imagebuilder_client::OPERATION_METHODS;
    let operations: Vec<&str> = methods.iter().map(|(op, _)| *op).collect();
    assert_eq!(operations, imagebuilder_core::model::OPERATIONS);
    assert_eq!(methods.len(), 77);
    for (operation, method) in methods {
        assert_eq!(*method, snake_case(operation), "{operation}");
    }
    assert!(methods.contains(&("ListImages", "list_images")));
    assert!(methods.contains(&("CreateImage", "create_image")));
}

// ----------------------------------------------------------------------------------- errors

#[test]
fn call_errors_chain_to_the_error_they_wrap_and_word_it_once() {
    use imagebuilder_core::protocol::json::JsonRequestError;
    use imagebuilder_core::protocol::{ServiceError, ValidationError};
    use std::error::Error as _;
    let t = ScriptedTransport::new(vec![Reply::Respond(error(
        404,
        "ResourceNotFoundException",
        "no such image",
    ))]);
    let clock = FakeClock::at(T0);
    let c = client(&t, &clock);

    // A validation error: the source is the core's ValidationError, worded by its Display.
    let mut input = ListImagesRequest::default();
    input.max_results = Some(500);
    let err = block_on(c.list_images(input)).unwrap_err();
    let source = err
        .source()
        .unwrap()
        .downcast_ref::<ValidationError>()
        .unwrap();
    assert_eq!(err.to_string(), format!("invalid input for {source}"));
    assert_eq!(
        err.to_string(),
        "invalid input for ListImages: maxResults: must be between 1 and 100, got 500"
    );

    // A service error: the source is the ServiceError, and the call says what it says.
    let err = block_on(c.send_json("ListImages", serde_json::json!({}), ())).unwrap_err();
    let source = err
        .source()
        .unwrap()
        .downcast_ref::<ServiceError>()
        .unwrap();
    assert_eq!(source.code, "ResourceNotFoundException");
    assert_eq!(err.to_string(), source.to_string());

    // A JSON request error keeps its cause structured.
    let err = block_on(c.send_json("NoSuchOperation", serde_json::json!({}), ())).unwrap_err();
    let CallErrorKind::JsonRequest { operation, error } = err.kind() else {
        panic!("{err:?}");
    };
    assert_eq!(operation, "NoSuchOperation");
    assert_eq!(
        error,
        &JsonRequestError::UnknownOperation("NoSuchOperation".to_string())
    );
    assert!(err.source().unwrap().is::<JsonRequestError>());
    let err = block_on(
        c.paginate_json("GetImage", serde_json::json!({}), ())
            .next(),
    )
    .unwrap()
    .unwrap_err();
    assert_eq!(
        err.kind(),
        &CallErrorKind::JsonRequest {
            operation: "GetImage".to_string(),
            error: JsonRequestError::NotPaginated("GetImage".to_string()),
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot build a GetImage request: not a paginated operation"
    );

    // A waiter's call error chains to the call error.
    let wait = WaitError::Call(err.clone());
    assert_eq!(wait.source().unwrap().downcast_ref(), Some(&err));
}

#[test]
fn a_custom_user_agent_is_appended_to_the_sdk_user_agent_of_every_attempt() {
    let t = ScriptedTransport::new(vec![
        Reply::Respond(error(503, "ServiceUnavailableException", "busy")),
        Reply::Respond(ok_list_images()),
    ]);
    let clock = FakeClock::at(T0);
    let c = builder(&t, &clock, 0.5)
        .custom_user_agent("my-console/2.1 team/builds")
        .build()
        .unwrap();
    block_on(c.send::<ListImages>(ListImagesRequest::default(), ())).unwrap();
    let requests = t.requests();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        let ua = header(r, "x-amz-user-agent");
        assert!(ua.starts_with("imagebuilder-wasm/"), "{ua}");
        assert!(ua.ends_with(" my-console/2.1 team/builds"), "{ua}");
    }
}

#[test]
fn a_custom_user_agent_with_control_characters_or_too_long_is_a_config_error() {
    let clock = FakeClock::at(T0);
    for bad in [
        "line\nbreak".to_string(),
        "tab\there".to_string(),
        "   ".to_string(),
        "é".to_string(),
        "x".repeat(257),
    ] {
        let t = ScriptedTransport::new(vec![]);
        let err = builder(&t, &clock, 0.5)
            .custom_user_agent(bad.clone())
            .build()
            .unwrap_err();
        assert!(
            matches!(
                err,
                ClientConfigError::Invalid {
                    field: "custom_user_agent",
                    ..
                }
            ),
            "{bad:?}: {err:?}"
        );
    }
}
